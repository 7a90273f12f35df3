#!/usr/bin/env bash
# Install Debian's chromium for the HTML report test (tests/report_html_chromium.rs) when
# it is missing. CI calls this before `cargo test`; with CI=true that test fails rather
# than skips when no chromium is found. Idempotent; needs root (apt-get).
set -euo pipefail
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then
    echo "install-chromium: found $(command -v "$b")"
    exit 0
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "install-chromium: chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "install-chromium: installed $(command -v chromium)"
