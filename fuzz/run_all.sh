#!/usr/bin/env bash
# Run fuzz targets one after another, each until its coverage plateaus (fuzz/plateau.py),
# appending one summary line per target to fuzz/results.tsv.
#   bash fuzz/run_all.sh [TARGET...]          (default: every target)
# Tune with QUIET (seconds without new coverage, default 60), MIN (default 90) and MAX
# (default 270) in the environment; TOOLCHAIN (default nightly).
set -euo pipefail
cd "$(dirname "$0")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load_text load_markdown load_html load_jsonl load_sniff manifest rules_loader segment extract)
fi
for t in "${targets[@]}"; do
  python3 plateau.py "$t" --quiet-secs "${QUIET:-60}" --min-secs "${MIN:-90}" \
    --max-secs "${MAX:-270}" --toolchain "${TOOLCHAIN:-nightly}" --log "logs/$t.log" \
    | tee -a results.tsv || true   # a crash stops that target, not the run
done
