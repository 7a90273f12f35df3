#!/usr/bin/env python3
"""Run one cargo-fuzz target until its coverage stops growing.

    python3 fuzz/plateau.py TARGET [--quiet-secs 300] [--max-secs 1800] [--min-secs 300]
                                   [--toolchain nightly] [--log FILE] [-- LIBFUZZER_ARGS]

Runs `cargo +TOOLCHAIN fuzz run TARGET --sanitizer none` (one worker) from the fuzz/ folder on the
stored corpus (fuzz/corpus/TARGET) and the seeds (fuzz/seeds/TARGET, from
fuzz/make_seeds.py), watching libFuzzer's `cov:` figure. It stops the fuzzer
when `cov` has not grown for --quiet-secs (after at least --min-secs), or at --max-secs,
and prints one summary line: target, seconds run, final cov and ft, corpus files, crashes.
Extra arguments after `--` go to libFuzzer. A crash stops libFuzzer itself; its input is
saved under fuzz/artifacts/TARGET/.
"""

import argparse
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

PULSE = re.compile(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("target")
    ap.add_argument("--quiet-secs", type=int, default=300)
    ap.add_argument("--min-secs", type=int, default=300)
    ap.add_argument("--max-secs", type=int, default=1800)
    ap.add_argument("--toolchain", default="nightly",
                    help="rustup toolchain for cargo fuzz ('' for the default)")
    ap.add_argument("--log", default=None, help="copy libFuzzer's output to this file")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "corpus", a.target)
    os.makedirs(corpus, exist_ok=True)
    artifacts = os.path.join(here, "artifacts", a.target)
    before = set(os.listdir(artifacts)) if os.path.isdir(artifacts) else set()
    cargo = ["cargo", f"+{a.toolchain}"] if a.toolchain else ["cargo"]
    # Seeds (fuzz/make_seeds.py) are a second, read-only corpus: new inputs go to `corpus`.
    seeds = os.path.join(here, "seeds", a.target)
    extra_dirs = [seeds] if os.path.isdir(seeds) else []
    cmd = [*cargo, "fuzz", "run", a.target, "--sanitizer", "none", corpus, *extra_dirs, "--",
           f"-max_total_time={a.max_secs}", "-timeout=20", "-rss_limit_mb=4096",
           "-print_final_stats=1", *a.extra]
    log = open(a.log, "w") if a.log else None
    # Build first, outside the clock: a rebuild must not count as time without coverage.
    subprocess.run([*cargo, "fuzz", "build", a.target, "--sanitizer", "none"], cwd=here,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    start = time.time()
    proc = subprocess.Popen(cmd, cwd=here, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, errors="replace", start_new_session=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stderr] + [lines.put(None)],
                     daemon=True).start()
    cov = ft = execs = -1
    grew = start
    stopped = "finished"
    while True:
        try:
            line = lines.get(timeout=5)
        except queue.Empty:
            line = ""
        if line is None:
            break
        if log and line:
            log.write(line)
            log.flush()
        m = PULSE.search(line)
        now = time.time()
        if m:
            c, f = int(m.group(2)), int(m.group(3))
            execs = int(m.group(1))
            if c > cov:
                grew = now
            cov, ft = max(cov, c), f
        if now - start >= a.min_secs and now - grew >= a.quiet_secs:
            stopped = f"plateau (no new cov for {a.quiet_secs}s)"
            os.killpg(proc.pid, signal.SIGINT)
            break
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    secs = int(time.time() - start)
    after = set(os.listdir(artifacts)) if os.path.isdir(artifacts) else set()
    crashes = sorted(after - before)
    files = len(os.listdir(corpus))
    if stopped == "finished" and proc.returncode not in (0, None) and crashes:
        stopped = "crash"
    print(f"{a.target}\t{secs}s\texecs={execs}\tcov={cov}\tft={ft}\tcorpus={files}\tcrashes={len(crashes)}"
          f"\t{stopped}\t{' '.join(crashes)}", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
