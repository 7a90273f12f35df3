#!/usr/bin/env python3
"""Shared checks of a blind gold set's line numbers (check_blind5.py, check_blind6.py).

Claims: the words of a claim's content must occur on its line, in order (other words may
come between them: a cue inside the quote, a dropped "that"); HTML lines are read with tags
stripped and character references decoded, JSON Lines claims in the record's text.
Findings: every reference must point at an existing line holding the finding's keyword
for that reference (the set's KEYWORDS, in order).
"""
import html, json, os, re, sys


def check(name, keywords, word_pattern):
    """Check tests/gold/NAME.json and NAME-findings.json against fixtures/NAME; exit 1 on
    any error. `word_pattern` is the set's word regular expression (its letters)."""
    folder = f"fixtures/{name}"
    files = {os.path.splitext(f)[0]: f for f in os.listdir(folder)}

    def lines_of(aid):
        f = files[aid.split("#")[0]]
        raw = open(os.path.join(folder, f), encoding="utf-8").read().split("\n")
        if f.endswith(".html"):
            return [html.unescape(re.sub(r"<[^>]+>", " ", l)) for l in raw]
        if f.endswith(".jsonl"):
            return [json.loads(l)["text"] if l.strip() else "" for l in raw]
        return raw

    def words(s):
        return re.findall(word_pattern, s.lower())

    errors = 0
    gold = json.load(open(f"tests/gold/{name}.json", encoding="utf-8"))["articles"]
    for aid, art in gold.items():
        text = lines_of(aid)
        if "#" in aid:
            assert all(c["line"] == int(aid.split("#")[1]) for c in art["claims"]), aid
        for c in art["claims"]:
            ln = c["line"]
            line = iter(words(text[ln - 1]))
            missing = [w for w in words(c["content"]) if w not in line]
            if missing:
                print("claim", aid, ln, c["content"][:50], missing)
                errors += 1
    findings = json.load(open(f"tests/gold/{name}-findings.json", encoding="utf-8"))["findings"]
    assert len({f["id"] for f in findings}) == len(findings)
    for f in findings:
        kws = keywords[f["id"]]
        assert len(kws) == len(f["claims"]) >= 2, f["id"]
        for ref, kw in zip(f["claims"], kws):
            if kw not in lines_of(ref["article"])[ref["line"] - 1]:
                print("finding", f["id"], ref, kw)
                errors += 1
    n = sum(len(a["claims"]) for a in gold.values())
    print(f"{len(gold)} articles, {n} claims, {len(findings)} findings, {errors} errors")
    sys.exit(1 if errors else 0)
