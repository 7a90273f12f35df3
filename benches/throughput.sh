#!/usr/bin/env bash
# Whole-process throughput and peak memory of `crosscheck report` on generated corpora.
#
#   bash benches/throughput.sh                 # 1MB, 10MB and 100MB corpora
#   CROSSCHECK_BENCH_SIZES="1MB 10MB" bash benches/throughput.sh
#
# Builds the release binary and examples/gencorpus, generates each corpus once into
# target/bench-corpus/SIZE (seeded: the same bytes every time; delete the folder to
# regenerate), then times `crosscheck report DIR --format json --jobs N` for N = 1 and 2
# with hyperfine when it is installed (Debian package `hyperfine`), else with a loop over
# `date +%s.%N`, and reads the peak resident memory of one more run of each from
# `/usr/bin/time -v` (Debian package `time`). When a corpus gets one run (100MB), that one
# run of each command is timed by /usr/bin/time itself, which gives its peak memory too:
# every command runs once. Prints a Markdown table of medians.
#
# Environment:
#   CROSSCHECK_BENCH_SIZES  corpora to measure (default "1MB 10MB 100MB")
#   CROSSCHECK_BENCH_RUNS   timed runs per command (default 5; 1 for corpora of 50 MB or
#                           more, whose runs take minutes: set it to override)
#   CROSSCHECK_BENCH_DIR    where corpora are kept (default target/bench-corpus)
#   CROSSCHECK_BENCH_NO_HYPERFINE=1  use the date loop even when hyperfine is there
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${CROSSCHECK_BENCH_SIZES:-"1MB 10MB 100MB"}
dir=${CROSSCHECK_BENCH_DIR:-target/bench-corpus}
mkdir -p "$dir"

cargo build --release --quiet --bin crosscheck --example gencorpus
target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target_dir=${target_dir:-target}
bin="$target_dir/release/crosscheck"
gen="$target_dir/release/examples/gencorpus"

use_hyperfine=0
if [[ -z "${CROSSCHECK_BENCH_NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
    use_hyperfine=1
fi
timer=/usr/bin/time
[[ -x $timer ]] || timer=""

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Median of the numbers on standard input, one a line.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# seconds CORPUS JOBS RUNS: median wall-clock seconds of `crosscheck report`.
seconds() {
    local corpus=$1 jobs=$2 runs=$3
    local cmd="$bin report $corpus --format json --jobs $jobs --quiet --output /dev/null"
    if ((use_hyperfine)); then
        local warmup=1
        ((runs > 1)) || warmup=0
        hyperfine --style none --warmup "$warmup" --runs "$runs" \
            --export-csv "$tmp/h.csv" "$cmd" >&2
        # command,mean,stddev,median,user,system,min,max
        awk -F, 'NR == 2 { print $4 }' "$tmp/h.csv"
    else
        ((runs == 1)) || $cmd # warm-up (file cache)
        for ((i = 0; i < runs; i++)); do
            local t0 t1
            t0=$(date +%s.%N)
            $cmd
            t1=$(date +%s.%N)
            awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
        done | median
    fi
}

# Peak resident memory in MB from `/usr/bin/time -v` output on standard input.
peak_mb() {
    sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' |
        awk '{ printf "%.0f", $1 * 1024 / 1e6 }'
}

# timed_once CORPUS JOBS: one run under /usr/bin/time -v; prints its wall-clock seconds
# and leaves the peak RSS (MB) in $tmp/rss.JOBS.
timed_once() {
    local corpus=$1 jobs=$2
    $timer -v "$bin" report "$corpus" --format json --jobs "$jobs" --quiet --output /dev/null \
        2>"$tmp/time.txt"
    peak_mb <"$tmp/time.txt" >"$tmp/rss.$jobs"
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:23.45"
    sed -n 's/.*Elapsed (wall clock) time.*): *\([0-9:.]*\).*/\1/p' "$tmp/time.txt" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}

rows=()
for size in $sizes; do
    corpus="$dir/$size"
    if [[ ! -s "$dir/$size.json" ]]; then
        rm -rf "$corpus"
        "$gen" --size "$size" --out "$corpus" >"$dir/$size.json"
    fi
    bytes=$(sed -n 's/.*"bytes": \([0-9]*\).*/\1/p' "$dir/$size.json")
    files=$(sed -n 's/.*"files": \([0-9]*\).*/\1/p' "$dir/$size.json")
    articles=$(sed -n 's/.*"articles": \([0-9]*\).*/\1/p' "$dir/$size.json")
    runs=${CROSSCHECK_BENCH_RUNS:-}
    if [[ -z $runs ]]; then
        runs=5
        ((bytes < 50000000)) || runs=1
    fi
    echo "== $size: $files files, $articles articles, $bytes bytes; $runs run(s) each" >&2
    rss="n/a"
    if ((runs == 1)) && [[ -n $timer ]]; then
        # One run each (the big corpora): timed by /usr/bin/time itself, which also gives
        # the peak memory, so that each command runs exactly once.
        s1=$(timed_once "$corpus" 1)
        s2=$(timed_once "$corpus" 2)
        rss="$(cat "$tmp/rss.1") MB / $(cat "$tmp/rss.2") MB"
    else
        s1=$(seconds "$corpus" 1 "$runs")
        s2=$(seconds "$corpus" 2 "$runs")
        if [[ -n $timer ]]; then
            for j in 1 2; do
                $timer -v "$bin" report "$corpus" --format json --jobs $j --quiet \
                    --output /dev/null 2>"$tmp/time.txt"
                peak_mb <"$tmp/time.txt" >"$tmp/rss.$j"
            done
            rss="$(cat "$tmp/rss.1") MB / $(cat "$tmp/rss.2") MB"
        fi
    fi
    rows+=("$(awk -v size="$size" -v mb="$bytes" -v files="$files" -v arts="$articles" \
        -v s1="$s1" -v s2="$s2" -v rss="$rss" -v runs="$runs" 'BEGIN {
        mb /= 1e6
        printf "| %s (%.1f MB) | %d files, %d articles | %.2f s | %.2f s | %.2fx | %.2f MB/s | %.2f MB/s | %s | %d |",
            size, mb, files, arts, s1, s2, s1 / s2, mb / s1, mb / s2, rss, runs }')")
done

echo
echo "| corpus | files | seconds, --jobs 1 | seconds, --jobs 2 | speed-up | MB/s, --jobs 1 | MB/s, --jobs 2 | peak RSS (--jobs 1 / 2) | runs (median) |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "crosscheck report DIR --format json --jobs N --quiet --output /dev/null; $(nproc) cores;" \
    "timer: $( ((use_hyperfine)) && echo hyperfine || echo 'date loop')"
