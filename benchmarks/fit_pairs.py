"""Fit the character-pair model of prose (fjhealth/data/pairs.txt; see fjhealth/char_pairs.py).

    python benchmarks/fit_pairs.py [--smooth 20] [--max-join 0.01] [--write]

Counted on the prose fit_seams.py counts on: the articles of ../shared/data/summ_dev.jsonl and
summ_dev_lcsts.jsonl and the gold paragraphs of ../shared/data/web_dev (never the e-paper dev
pages, which score the cleaner). Each text is NFKC-normalized and read a line at a time; for
each Han character: how often a Han character follows it (runs on) or a clause mark does (or the
line ends: it ends a clause), how often a Han character precedes it or a clause mark does (or
the line begins: it begins a clause), and how often each pair of Han characters stands together.

The threshold is fitted on held-out prose: the texts are split in two by position (even, odd);
a model counted on one half scores the clause boundaries of the other (a Han character, a clause
mark, a Han character: the pair across the mark) and the threshold is the score that at most
``--max-join`` of those boundaries (both halves together) pass. The report also gives, at that
threshold, the share of pairs inside the held-out text that pass (breaks that would be mended)
and of headline ends over the first character of their text (web titles, LCSTS summaries) that
pass. The shipped counts are taken on all the prose. Only counts are stored, no text.
Deterministic: the same data give the same file byte for byte. Skips cleanly when the data is
absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fit_seams import SHARED, tally, texts  # noqa: E402

from fjhealth.char_pairs import Pairs, Stats, format_line  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fjhealth" / "data" / "pairs.txt"
# The marks a clause boundary is read across when fitting the threshold (after NFKC).
BOUNDARY = set("，。、；：！？,;:!?")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _lines(corpus: list[str]) -> list[str]:
    return [line for text in corpus for line in unicodedata.normalize("NFKC", text).split("\n")]


def count(corpus: list[str]) -> dict[str, Stats]:
    """Each Han character's stats (see the module docstring)."""
    on, end, after, begin = Counter(), Counter(), Counter(), Counter()
    follow: dict[str, Counter[str]] = defaultdict(Counter)
    for line in _lines(corpus):
        tally(list(line), on, end, after, begin)
        for a, b in zip(line, line[1:], strict=False):
            if _han(a) and _han(b):
                follow[a][b] += 1
    chars = sorted(set(on) | set(end) | set(after) | set(begin))
    return {c: (on[c], end[c], after[c], begin[c], dict(follow[c])) for c in chars}


def build(stats: dict[str, Stats], smooth: float, threshold: float) -> Pairs:
    totals = tuple(sum(s[k] for s in stats.values()) for k in range(4))
    return Pairs(lambda c: stats.get(c, (0, 0, 0, 0, {})), totals, len(stats), smooth, threshold)


def events(corpus: list[str]) -> tuple[list[str], list[str]]:
    """(pairs inside the text, pairs across a clause boundary) of held-out prose."""
    inside, across = [], []
    for line in _lines(corpus):
        for i in range(len(line) - 1):
            if _han(line[i]) and _han(line[i + 1]):
                inside.append(line[i : i + 2])
            if 0 < i and line[i] in BOUNDARY and _han(line[i - 1]) and _han(line[i + 1]):
                across.append(line[i - 1] + line[i + 1])
    return inside, across


def headline_ends() -> list[str]:
    """A headline's last character and its text's first: web titles, LCSTS summaries."""
    out = []
    for path in sorted((SHARED / "web_dev" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("title") and gold["paragraphs"]:
            out.append((gold["title"], gold["paragraphs"][0]))
    path = SHARED / "summ_dev_lcsts.jsonl"
    if path.is_file():
        out += [(d["summary"], d["article"]) for d in map(json.loads, path.open(encoding="utf-8"))]
    pairs = [unicodedata.normalize("NFKC", a)[-1:] + unicodedata.normalize("NFKC", b)[:1]
             for a, b in out]
    return [p for p in pairs if len(p) == 2 and all(map(_han, p))]


def fit_threshold(corpus: list[str], smooth: float, max_join: float) -> tuple[float, dict]:
    """The threshold at most ``max_join`` of held-out clause boundaries pass, and the held-out
    figures at it."""
    halves = corpus[::2], corpus[1::2]
    scored_in, scored_across = [], []
    for fit, held in (halves, halves[::-1]):
        model = build(count(fit), smooth, 0.0)
        inside, across = events(held)
        scored_in += [model.score(p[0], p[1]) for p in inside]
        scored_across += [model.score(p[0], p[1]) for p in across]
    across = sorted(scored_across)
    threshold = round(across[min(int((1 - max_join) * len(across)), len(across) - 1)], 2)
    heads = build(count(halves[0]), smooth, threshold)
    ends = headline_ends()
    report = {
        "held_out_boundaries": len(across),
        "boundaries_passing": sum(x > threshold for x in across) / len(across),
        "inside_pairs": len(scored_in),
        "inside_passing": sum(x > threshold for x in scored_in) / len(scored_in),
        "headline_ends": len(ends),
        "headline_ends_passing": sum(heads.runs_on(p[0], p[1]) for p in ends) / max(len(ends), 1),
    }
    return threshold, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smooth", type=float, default=20.0,
                    help="weight of the next character's share in a pair's smoothed count")
    ap.add_argument("--max-join", type=float, default=0.01,
                    help="share of held-out clause boundaries the threshold lets pass")
    ap.add_argument("--write", action="store_true", help=f"store the model in {OUT.name}")
    args = ap.parse_args(argv)
    corpus = texts()
    if not corpus:
        print(f"skipped: no prose under {SHARED}")
        return 0
    threshold, report = fit_threshold(corpus, args.smooth, args.max_join)
    for key, value in report.items():
        print(f"{key:24} {value:.4f}" if isinstance(value, float) else f"{key:24} {value}")
    stats = count(corpus)
    model = build(stats, args.smooth, threshold)
    header = {
        "about": "Character counts of prose (runs on, ends a clause, follows a character, begins "
                 "a clause; then the characters that follow it, grouped by count), counted by "
                 "benchmarks/fit_pairs.py on the dev prose; used by fjhealth/char_pairs.py.",
        "params": {"smooth": args.smooth, "max_join": args.max_join},
        "threshold": threshold,
        "totals": list(model.totals),
        "vocab": model.vocab,
    }
    print(f"{len(corpus)} texts, {len(stats)} characters, "
          f"{sum(len(s[4]) for s in stats.values())} pairs; threshold {threshold}")
    if args.write:
        lines = [json.dumps(header, ensure_ascii=False), *(format_line(c, s)
                                                           for c, s in stats.items())]
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
