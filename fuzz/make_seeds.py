#!/usr/bin/env python3
"""Write starting inputs for every fuzz target into fuzz/seeds/TARGET/ (git-ignored).

    python3 fuzz/make_seeds.py

The seeds are the bundled fixture articles (every corpus under fixtures/) and the rule
files (rules/*.toml), shaped as each target reads its input: the loader targets take the
file's bytes, `segment` and `extract` take one format byte first (0 text, 1 Markdown,
2 HTML, 3 JSONL: `pick_format` in fuzz/src/lib.rs), `rules_loader` takes the index of the
rules file in `rules::EMBEDDED` first. plateau.py passes the seeds folder to libFuzzer as a
second, read-only corpus, so a fuzzer started without a stored corpus (a fresh clone)
does not begin from nothing. Regenerate after adding fixtures or rule files.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FORMAT_BYTE = {".txt": 0, ".md": 1, ".markdown": 1, ".html": 2, ".htm": 2, ".jsonl": 3}
LOADER = {".txt": "load_text", ".md": "load_markdown", ".markdown": "load_markdown",
          ".html": "load_html", ".htm": "load_html", ".jsonl": "load_jsonl"}


def write(target, name, data):
    d = os.path.join(HERE, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    fixtures = os.path.join(ROOT, "fixtures")
    for corpus in sorted(os.listdir(fixtures)):
        folder = os.path.join(fixtures, corpus)
        if not os.path.isdir(folder):
            continue
        for file in sorted(os.listdir(folder)):
            path = os.path.join(folder, file)
            ext = os.path.splitext(file)[1].lower()
            with open(path, "rb") as f:
                data = f.read()
            name = f"{corpus}_{file}"
            if file.endswith(".toml") or file.endswith(".json") or file.endswith(".csv"):
                write("manifest", name, data)
                continue
            if ext not in FORMAT_BYTE:
                continue
            write(LOADER[ext], name, data)
            write("load_sniff", name, data)
            for target in ("segment", "extract"):
                write(target, name, bytes([FORMAT_BYTE[ext]]) + data)
    # rules::EMBEDDED lists the rule files in order: `("NAME.toml", include_str!(...))`.
    with open(os.path.join(ROOT, "src", "rules.rs"), encoding="utf-8") as f:
        names = re.findall(r'\(\s*"([\w.-]+\.toml)"\s*,\s*include_str!', f.read())
    for i, name in enumerate(names):
        with open(os.path.join(ROOT, "rules", name), "rb") as f:
            write("rules_loader", name, bytes([i]) + f.read())


if __name__ == "__main__":
    main()
