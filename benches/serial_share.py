#!/usr/bin/env python3
"""Serial fraction of a `crosscheck` run from a perf profile (notes/par4.md).

Usage:
    perf record -F 199 --call-graph dwarf,32768 -o run.data \
        target/release/crosscheck report DIR --format json --jobs 1 --quiet --output /dev/null
    perf script -i run.data -F comm,tid,time,ip,sym --no-demangle > run.script
    python3 benches/serial_share.py run.script

Each CPU sample of a --jobs 1 run is put in one class by its call stack:
  P  inside a fine-grained rayon parallel loop (a `rayon::iter::plumbing` frame) or
     parallel sort (`par_sort*`): work that spreads over every worker;
  F  inside one comparer family's `run` but in no parallel loop: serial within the
     family, though the five families run side by side (`rayon::join`);
  S  anything else: runs on one thread with nothing beside it.
and labelled with the innermost pipeline stage on its stack. Amdahl's bound on two
cores is 2 / (1 + s), for s = S (families balanced) or s = S + F (families serial).
"""
import collections
import re
import sys

STAGES = [
    ("rules::Rules::new", r"5rules5Rules3new"),
    ("load", r"10crosscheck4load"),
    ("segment", r"10crosscheck7segment7segment"),
    ("extract", r"10crosscheck7extract7extract17"),
    ("resolve_articles", r"resolve16resolve_articles"),
    ("EntityIndex::build", r"EntityIndex5build"),
    ("apply_index", r"11apply_index"),
    ("resolve_local", r"13resolve_local"),
    ("compare::prepare", r"7compare7prepare"),
    ("family:quotes", r"7compare6quotes3run"),
    ("family:numbers", r"7compare7numbers3run"),
    ("family:events", r"7compare6events3run"),
    ("family:polarity", r"7compare8polarity3run"),
    ("family:roles", r"7compare5roles3run"),
    ("compare::Ctx::new", r"7compare3Ctx3new"),
    ("compare::dedupe", r"7compare6dedupe"),
    ("compare_all_with (rest)", r"7compare16compare_all_with"),
    ("report", r"10crosscheck6report"),
    ("main::run (drop, write)", r"10crosscheck3run17"),
]
STAGES = [(label, re.compile(rx)) for label, rx in STAGES]
# Parallel loops, and rayon's parallel sorts (`par_sort*` split the slice with `join`
# and merge in parallel; they have no `plumbing` frame).
PARALLEL = re.compile(
    r"rayon4iter8plumbing|bridge_unindexed|par_bridge|rayon5slice4sort13par_mergesort"
    r"|rayon5slice9quicksort"
)
FAMILY = re.compile(r"7compare(6quotes|7numbers|6events|8polarity|5roles)3run")


def samples(path):
    block = []
    with open(path, errors="replace") as f:
        for line in f:
            if line.strip():
                block.append(line.rstrip("\n"))
            elif block:
                yield block
                block = []
    if block:
        yield block


def stage(frames):
    for fr in frames:  # leaf first: the innermost stage
        for label, rx in STAGES:
            if rx.search(fr):
                return label
    return "other"


def main(path):
    cls = collections.Counter()
    by = collections.defaultdict(collections.Counter)
    total = 0
    for b in samples(path):
        frames = b[1:]
        total += 1
        if any(PARALLEL.search(f) for f in frames):
            c = "P"
        elif any(FAMILY.search(f) for f in frames):
            c = "F"
        else:
            c = "S"
        cls[c] += 1
        by[c][stage(frames)] += 1
    if not total:
        sys.exit("no samples")
    for c in "PFS":
        print(f"{c}: {cls[c] * 100 / total:5.1f}%  ({cls[c]} samples)")
        for label, n in by[c].most_common(12):
            print(f"      {n * 100 / total:5.1f}%  {label}")
    s, f = cls["S"] / total, cls["F"] / total
    print(f"samples {total}; Amdahl on 2 cores: s={s:.3f} -> {2 / (1 + s):.2f}x "
          f"(families balanced); s={s + f:.3f} -> {2 / (1 + s + f):.2f}x (families serial)")


if __name__ == "__main__":
    main(sys.argv[1])
