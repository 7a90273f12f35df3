//! Word tables with an exact pre-test: a hash map (or set) of strings that first checks
//! whether any key has the asked word's first byte and length, and hashes only then.
//!
//! Owns: that pre-test. Does not own: what the words mean (`extract`'s rules). The
//! extractor asks these tables about every token, and most tokens are in none of them;
//! hashing a string and probing the table costs some seventy instructions, the pre-test
//! a handful. The answer is the map's own whenever the pre-test passes, and a word whose
//! (first byte, length) no key has cannot be a key: the answers are the same as the map's.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;

/// The (first byte, length) pairs of a set of keys: bit `min(len, 63)` of `by_first[b]`
/// is set when a key of that length opens with byte `b`.
#[derive(Debug, Clone)]
struct Shapes {
    by_first: Box<[u64; 256]>,
    /// Whether the empty string is a key.
    empty: bool,
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes {
            by_first: Box::new([0; 256]),
            empty: false,
        }
    }
}

impl Shapes {
    fn add(&mut self, key: &str) {
        match key.as_bytes().first() {
            None => self.empty = true,
            Some(&b) => self.by_first[b as usize] |= 1 << key.len().min(63),
        }
    }

    /// False when no key can equal `word` (exact); true when one may.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            None => self.empty,
            Some(&b) => self.by_first[b as usize] >> word.len().min(63) & 1 != 0,
        }
    }
}

/// A `HashMap<String, V>` whose look-ups pass the (first byte, length) pre-test first.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<V> {
    map: HashMap<String, V>,
    shapes: Shapes,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: HashMap::default(),
            shapes: Shapes::default(),
        }
    }
}

impl<V> From<HashMap<String, V>> for WordMap<V> {
    fn from(map: HashMap<String, V>) -> Self {
        let mut shapes = Shapes::default();
        for k in map.keys() {
            shapes.add(k);
        }
        WordMap { map, shapes }
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        iter.into_iter().collect::<HashMap<_, _>>().into()
    }
}

impl<V> WordMap<V> {
    /// The value of `word`, as `HashMap::get`.
    #[inline]
    pub(crate) fn get<Q: Borrow<str> + ?Sized>(&self, word: &Q) -> Option<&V> {
        let word = word.borrow();
        if self.shapes.may_hold(word) {
            self.map.get(word)
        } else {
            None
        }
    }

    /// Whether `word` is a key, as `HashMap::contains_key`.
    #[inline]
    pub(crate) fn contains_key<Q: Borrow<str> + ?Sized>(&self, word: &Q) -> bool {
        self.get(word).is_some()
    }

    /// Whether there are no keys.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The keys, in the map's (arbitrary) order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

/// A `HashSet<String>` whose look-ups pass the (first byte, length) pre-test first.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet(WordMap<()>);

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        WordSet(iter.into_iter().map(|w| (w, ())).collect())
    }
}

impl WordSet {
    /// Whether `word` is in the set, as `HashSet::contains`.
    #[inline]
    pub(crate) fn contains<Q: Borrow<str> + ?Sized>(&self, word: &Q) -> bool {
        self.0.contains_key(word)
    }

    /// The words, in the set's (arbitrary) order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    /// Whether `word` in lower case ([`super::lowercase`]) is in the set. An ASCII word
    /// lower-cases to an ASCII word of the same length that opens with its first byte in
    /// lower case, so the pre-test runs before the copy; other words are lower-cased.
    pub(crate) fn contains_lower(&self, word: &str) -> bool {
        if word.is_ascii() {
            let shapes = &self.0.shapes;
            let fits = match word.as_bytes().first() {
                None => shapes.empty,
                Some(&b) => {
                    shapes.by_first[b.to_ascii_lowercase() as usize] >> word.len().min(63) & 1 != 0
                }
            };
            if !fits {
                return false;
            }
        }
        self.contains(&*super::lowercase(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rustc_hash::FxHashSet as HashSet;

    #[test]
    fn look_ups_agree_with_the_hash_set_on_examples() {
        let words = [
            "said",
            "Said",
            "",
            "é",
            "émile",
            "a",
            "told",
            &"x".repeat(70),
        ];
        let set: WordSet = words.iter().map(|w| w.to_string()).collect();
        let plain: HashSet<String> = words.iter().map(|w| w.to_string()).collect();
        for probe in [
            "said",
            "sai",
            "saidd",
            "Said",
            "",
            "é",
            "e",
            "émile",
            "émilf",
            "a",
            "b",
            "told",
            "tol",
            &"x".repeat(70),
            &"x".repeat(71),
            &"x".repeat(63),
            "xx",
        ] {
            assert_eq!(set.contains(probe), plain.contains(probe), "{probe:?}");
        }
        let none = WordSet::default();
        assert!(!none.contains(""));
        assert!(!none.contains("said"));
    }

    proptest! {
        #[test]
        fn look_ups_agree_with_the_hash_map(
            keys in proptest::collection::vec("[a-cé]{0,4}|[A-Z]{0,70}|[a-z]{60,66}", 0..20),
            probes in proptest::collection::vec("[a-cA-CéÉ]{0,5}|[A-Za-z]{0,72}|\\PC{0,6}", 0..40),
        ) {
            let plain: HashMap<String, usize> =
                keys.iter().cloned().enumerate().map(|(i, k)| (k, i)).collect();
            let map: WordMap<usize> = plain.clone().into();
            let set: WordSet = keys.iter().cloned().collect();
            for p in probes.iter().chain(&keys) {
                prop_assert_eq!(map.get(p.as_str()), plain.get(p.as_str()));
                prop_assert_eq!(set.contains(p.as_str()), plain.contains_key(p.as_str()));
                prop_assert_eq!(
                    set.contains_lower(p),
                    plain.contains_key(&*super::super::lowercase(p))
                );
            }
        }
    }
}
