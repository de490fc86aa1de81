"""Fit the words no clause ends with, and those none begins with (fjhealth/data/seams.json).

    python benchmarks/fit_seams.py [--min-count 100] [--max-rate 0.01] [--write]

A column page breaks sentences where the layout puts them apart (a picture, a column break, a
blank line an extractor added); the cleaner mends such a break when the text before it cannot
end there. Which words cannot end (or begin) a clause is counted here on prose: the articles of
../shared/data/summ_dev.jsonl and summ_dev_lcsts.jsonl and the gold paragraphs of
../shared/data/web_dev (never the e-paper dev pages, which score the cleaner). Each text is cut
into words by jieba; a word ends a clause when a clause or sentence mark (or a closing quote or
bracket) follows it, begins one when such a mark precedes it. A word seen at least
``--min-count`` times that ends (begins) a clause at most ``--max-rate`` of the time is listed:
conjunctions, prepositions, adverbs and particles such as 和/与/把/被/在/将 (ending) and
的/了/着/之 (beginning). Only those word lists are stored, no text. Skips cleanly when the
data is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "fjhealth" / "data" / "seams.json"
SOURCES = ("summ_dev.jsonl", "summ_dev_lcsts.jsonl")
# What follows a clause's last word / precedes a clause's first word.
ENDS = set("，。、；：！？,.;:!?”’）》」』)")
STARTS = set("，。、；：！？,.;:!?")


def _han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" for c in text)


def texts() -> list[str]:
    """The prose the counts are taken on (see the module docstring)."""
    out: list[str] = []
    for name in SOURCES:
        path = SHARED / name
        if path.is_file():
            out += [json.loads(line)["article"] for line in path.open(encoding="utf-8")]
    for path in sorted((SHARED / "web_dev" / "gold").glob("*.json")):
        out += json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    return out


def tally(items: list[str], on: Counter[str], end: Counter[str], into: Counter[str],
          begin: Counter[str]) -> None:
    """Count the Han items of one line (words, characters): how often each is followed by a Han
    character (``on``) or ends a clause (``end``: a clause mark or the line's end follows it),
    follows a Han character (``into``) or begins a clause (``begin``)."""
    for i, w in enumerate(items):
        if not _han(w):
            continue
        nxt = items[i + 1][0] if i + 1 < len(items) else "。"
        prev = items[i - 1][-1] if i else "。"
        if _han(nxt):
            on[w] += 1
        elif nxt in ENDS:
            end[w] += 1
        if _han(prev):
            into[w] += 1
        elif prev in STARTS:
            begin[w] += 1


def count(corpus: list[str]) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    """(ends, runs on, begins, run into): how often each word ends a clause or is followed by
    a Han character, begins one or follows a Han character."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    end, on, begin, into = Counter(), Counter(), Counter(), Counter()
    for text in corpus:
        for line in unicodedata.normalize("NFKC", text).split("\n"):
            tally([w for w in jieba.cut(line) if w], on, end, into, begin)
    return end, on, begin, into


def rare(hit: Counter[str], miss: Counter[str], min_count: int, max_rate: float) -> list[str]:
    """Words seen at least ``min_count`` times that ``hit`` at most ``max_rate`` of the time."""
    words = set(hit) | set(miss)
    return sorted(w for w in words if hit[w] + miss[w] >= min_count
                  and hit[w] <= max_rate * (hit[w] + miss[w]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=100)
    ap.add_argument("--max-rate", type=float, default=0.01)
    ap.add_argument("--write", action="store_true", help=f"store the lists in {OUT.name}")
    args = ap.parse_args(argv)
    corpus = texts()
    if not corpus:
        print(f"skipped: no prose under {SHARED}")
        return 0
    end, on, begin, into = count(corpus)
    data = {
        "about": "Words that (almost) never end / begin a clause in prose, counted on jieba's cut "
                 "of the dev prose by benchmarks/fit_seams.py; used by fjhealth/column_mend.py.",
        "params": {"min_count": args.min_count, "max_rate": args.max_rate},
        "never_final": rare(end, on, args.min_count, args.max_rate),
        "never_initial": rare(begin, into, args.min_count, args.max_rate),
    }
    print(f"{len(corpus)} texts; never final: {' '.join(data['never_final'])}")
    print(f"never initial: {' '.join(data['never_initial'])}")
    if args.write:
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
