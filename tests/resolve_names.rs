//! Merge precision and recall of the name matcher on hand-made pairs: spelling and
//! transliteration variants of one person (Ukrainian, Russian, Arabic, Chinese, Korean,
//! English nicknames) and look-alike names of different people. False merges are worse
//! than missed ones: precision must be 1.0.
//!
//! Run with `cargo test --test resolve_names -- --nocapture` to see the figures.

use crosscheck::model::{Article, Claim, CueClass, Format, QuoteKind, Span, Speaker, SpeakerKind};
use crosscheck::resolve::{EntityIndex, ResolveRules};
use crosscheck::rules::RuleSet;

/// The same person written two ways.
const SAME: &[(&str, &str)] = &[
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
    ("Volodymyr Zelenskyy", "Vladimir Zelensky"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
    ("Volodymyr Zelenskyy", "Wolodymyr Selenskyj"),
    ("Andrii Hnatov", "Andriy Gnatov"),
    ("Steve Witkoff", "Stephen Witkoff"),
    ("Steve Witkoff", "Steve Vitkoff"),
    ("Andriy Yermak", "Andrii Yermak"),
    ("Andriy Yermak", "Andrei Yermak"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Dmitry Peskov", "Dmitriy Peskow"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("Sergei Shoigu", "Sergey Shoygu"),
    ("Alexei Navalny", "Aleksei Navalny"),
    ("Alexei Navalny", "Alexey Nawalny"),
    ("Yuri Ushakov", "Yuriy Ushakov"),
    ("Yuri Ushakov", "Iurii Ushakov"),
    ("Kirill Dmitriev", "Kirill Dmitriyev"),
    ("Olha Stefanishyna", "Olga Stefanishina"),
    ("Rustem Umerov", "Rustam Umerov"),
    ("Denys Shmyhal", "Denis Shmygal"),
    ("Andrii Sybiha", "Andriy Sybiga"),
    ("Oleksandr Syrskyi", "Alexander Syrsky"),
    ("Vitali Klitschko", "Vitaliy Klychko"),
    ("Mykhailo Podolyak", "Mikhail Podolyak"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Oleksii Reznikov", "Alexei Reznikov"),
    ("Mykola Azarov", "Nikolai Azarov"),
    ("Yulia Tymoshenko", "Yuliia Tymoshenko"),
    ("Muammar Gaddafi", "Moammar Qaddafi"),
    ("Muammar Gaddafi", "Muammar al-Qadhafi"),
    ("Bashar al-Assad", "Bashar Assad"),
    ("Mahmoud Abbas", "Mahmud Abbas"),
    ("Mohammed bin Salman", "Muhammad bin Salman"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
    ("Hassan Nasrallah", "Hasan Nasrallah"),
    ("Abdel Fattah el-Sisi", "Abdul Fattah al-Sissi"),
    ("Ismail Haniyeh", "Ismail Haniya"),
    ("Xi Jinping", "Xi Jin-ping"),
    ("Hu Jintao", "Hu Jin-tao"),
    ("Li Keqiang", "Li Ke-qiang"),
    ("Mao Zedong", "Mao Tse-tung"),
    ("Kim Jong Un", "Kim Jong-un"),
    ("Moon Jae-in", "Moon Jae In"),
    ("J. D. Vance", "JD Vance"),
    ("J. D. Vance", "James David Vance"),
    ("Donald Trump", "Donald J. Trump"),
    ("Jake Sullivan", "Jacob Sullivan"),
    ("Tony Blinken", "Antony Blinken"),
    ("Mike Pompeo", "Michael Pompeo"),
    ("Ursula von der Leyen", "Ursula Von Der Leyen"),
    ("Emmanuel Macron", "Emanuel Macron"),
    ("Benjamin Netanyahu", "Benyamin Netanyahu"),
];

/// Different people whose names look alike.
const DIFFERENT: &[(&str, &str)] = &[
    ("Andriy Yermak", "Andriy Sybiha"),
    ("John Smith", "John Schmidt"),
    ("Mark Smith", "Mark Schmidt"),
    ("Jared Kushner", "Charles Kushner"),
    ("Donald Trump", "Donald Trump Jr."),
    ("Donald Trump", "Eric Trump"),
    ("George W. Bush", "George H. W. Bush"),
    ("Joe Biden", "Hunter Biden"),
    ("Joe Biden", "Jill Biden"),
    ("Volodymyr Zelenskyy", "Olena Zelenska"),
    ("Dmitry Peskov", "Dmitry Medvedev"),
    ("Sergei Lavrov", "Sergei Shoigu"),
    ("Sergei Lavrov", "Sergey Ryabkov"),
    ("Sergei Ivanov", "Igor Ivanov"),
    ("Alexander Novak", "Alexander Novikov"),
    ("Alexander Novak", "Alexandra Novak"),
    ("Ivan Petrov", "Ivanna Petrova"),
    ("Kirill Dmitriev", "Dmitry Kirillov"),
    ("Yulia Tymoshenko", "Yulia Svyrydenko"),
    ("Denys Shmyhal", "Denys Monastyrsky"),
    ("Olha Stefanishyna", "Olha Stefanchuk"),
    ("Andrii Sybiha", "Andrii Shevchenko"),
    ("Viktor Orban", "Viktor Yanukovych"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Xi Jinping", "Xi Mingze"),
    ("Li Qiang", "Li Keqiang"),
    ("Wang Yi", "Wang Wenbin"),
    ("Mohammed bin Salman", "Mohammed bin Zayed"),
    ("Bashar al-Assad", "Hafez al-Assad"),
    ("Ali Khamenei", "Ali Larijani"),
    ("Hassan Rouhani", "Hassan Nasrallah"),
    ("Ali Hassan", "Hassan Ali"),
    ("Benjamin Netanyahu", "Benny Gantz"),
    ("Emmanuel Macron", "Emmanuel Moulin"),
    ("Keir Starmer", "Keir Hardie"),
    ("Boris Johnson", "Boris Pistorius"),
    ("Mike Johnson", "Boris Johnson"),
    ("Tim Walz", "Mike Waltz"),
    ("Jake Sullivan", "Dan Sullivan"),
    ("Marco Rubio", "Marco Rubino"),
    ("Mark Rutte", "Mark Rutter"),
    ("Olaf Scholz", "Martin Schulz"),
];

struct Score {
    true_merges: usize,
    false_merges: Vec<(String, String)>,
    missed: Vec<(String, String)>,
}

impl Score {
    fn precision(&self) -> f64 {
        let predicted = self.true_merges + self.false_merges.len();
        if predicted == 0 {
            1.0
        } else {
            self.true_merges as f64 / predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        self.true_merges as f64 / (self.true_merges + self.missed.len()) as f64
    }
    fn print(&self, what: &str) {
        println!(
            "{what}: merge precision {:.3}, recall {:.3} ({} variant pairs, {} look-alike pairs)",
            self.precision(),
            self.recall(),
            SAME.len(),
            DIFFERENT.len()
        );
        for (a, b) in &self.false_merges {
            println!("  false merge: {a} / {b}");
        }
        for (a, b) in &self.missed {
            println!("  missed: {a} / {b}");
        }
    }
}

fn score(same: impl Fn(&str, &str) -> bool) -> Score {
    let mut s = Score {
        true_merges: 0,
        false_merges: vec![],
        missed: vec![],
    };
    for (a, b) in SAME {
        if same(a, b) {
            s.true_merges += 1;
        } else {
            s.missed.push((a.to_string(), b.to_string()));
        }
    }
    for (a, b) in DIFFERENT {
        if same(a, b) {
            s.false_merges.push((a.to_string(), b.to_string()));
        }
    }
    s
}

#[test]
fn lists_are_large_enough() {
    assert!(SAME.len() >= 30 && DIFFERENT.len() >= 30);
}

/// The name matcher alone: no entity table, no corpus.
#[test]
fn pairwise_name_matcher_precision_and_recall() {
    let rules = ResolveRules::compile(&RuleSet::embedded()).unwrap();
    let s = score(|a, b| rules.same_person(a, b));
    s.print("name matcher (pairs)");
    assert_eq!(s.precision(), 1.0, "false merges: {:?}", s.false_merges);
    assert!(s.recall() >= 0.9, "recall {:.3}", s.recall());
}

fn speaker_claim(article: &str, name: &str) -> Claim {
    Claim {
        id: format!("{article}#1").into(),
        article: article.into(),
        speaker: Speaker {
            text: name.into(),
            name: name.into(),
            kind: SpeakerKind::Person,
            role: None,
            id: None,
        },
        cue: "said".into(),
        cue_class: CueClass::Neutral,
        quote: QuoteKind::Indirect,
        content: String::new(),
        content_span: Span::new(0, 0),
        span: Span::new(0, 0),
        line: 1,
        cited_outlet: None,
        date: None,
        date_source: None,
        places: vec![],
        quantities: vec![],
        flags: vec![],
    }
}

/// The whole resolver: every name of both lists is the speaker of a claim in its own
/// article, in one corpus, with the built-in entity table; two names are merged when they
/// get the same entity id.
#[test]
fn corpus_clustering_precision_and_recall() {
    let rules = ResolveRules::compile(&RuleSet::embedded()).unwrap();
    let mut names: Vec<&str> = SAME
        .iter()
        .chain(DIFFERENT)
        .flat_map(|(a, b)| [*a, *b])
        .collect();
    names.sort();
    names.dedup();
    let articles: Vec<Article> = names
        .iter()
        .enumerate()
        .map(|(i, _)| {
            Article::new(
                format!("a{i}"),
                format!("a{i}.txt"),
                Format::Text,
                ".".into(),
            )
        })
        .collect();
    let claims: Vec<Claim> = names
        .iter()
        .enumerate()
        .map(|(i, n)| speaker_claim(&format!("a{i}"), n))
        .collect();
    let index = EntityIndex::build(&articles, &claims, &rules);
    let id_of = |name: &str| -> String {
        let i = names.iter().position(|n| *n == name).unwrap();
        let s = index.speakers[i]
            .as_ref()
            .unwrap_or_else(|| panic!("{name} was not resolved"));
        index.rows[s.row].id.clone()
    };
    let s = score(|a, b| id_of(a) == id_of(b));
    s.print("resolver (corpus)");
    assert_eq!(s.precision(), 1.0, "false merges: {:?}", s.false_merges);
    assert!(s.recall() >= 0.9, "recall {:.3}", s.recall());
}
