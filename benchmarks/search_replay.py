"""Search ranking ideas, replayed: what each would change on search_quality.py's known-item task.

Builds search_quality.py's corpus and index once, then records for every query and every article
a table matches: FTS5's ``bm25()`` of each of the ranking's match expressions (words, sub-words,
substrings, single characters, and the ideas' extra ones: 4-5-character sub-words, character
bigrams, each query word alone) under several field weights, and where the query words stand
in the text. ``score`` replays ``fjhealth.search``'s ranking from these in Python (it checks
that it gives the index's own figures), with a parameter per idea.

Every idea is chosen on the tune half only: the setting of its grid with the best tune MRR
(salient queries) is reported with its test-half MRR. Then coordinate ascent over all the
parameters together, fitted on both query sets' tune halves: first two-fold inside the tune
half (fit on one fold's articles, measure on the other's), then on the whole tune half, with
the test half measured once at the end.

Run: ``python benchmarks/search_replay.py`` (``--write`` also saves
benchmarks/results/search_replay.md; about two minutes). Skips cleanly when ../shared/data
is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import search_quality as sq

RESULTS = sq.ROOT / "benchmarks" / "results" / "search_replay.md"
# bm25() column weights (title, lead, body) recorded besides the shipped ones.
FIELD_WEIGHTS = [
    (10.0, 6.0, 1.0),
    (10.0, 3.0, 1.0),
    (10.0, 10.0, 1.0),
    (10.0, 15.0, 1.0),
    (10.0, 6.0, 2.0),
    (10.0, 6.0, 0.5),
]
HEAD_SPANS = (50, 100, 200, 400, 1000, 1 << 30)
# The shipped ranking (fjhealth.search and fjhealth.highlight constants); the ideas default off.
SHIPPED: dict[str, Any] = {
    "fw": (10.0, 6.0, 1.0),
    "cfw": (10.0, 6.0, 1.0),
    "sub": 0.6,
    "ss": 0.5,
    "ch": 1.0,
    "rerank": 50,
    "cov": 1.0,
    "partial": 1.0,
    "pspan2": 200,
    "prox": 0.3,
    "pspan": 30,
    "top": 1.0,
    "s4": 0.0,
    "bg": 0.0,
    "adj": 0.0,
    "adjgap": 4,
    "lead": 0.0,
    "leadk": 200,
    "first": 0.0,
    "firstk": 100,
    "idfcov": 0.0,
    "gen": 0.0,
    "termw": 0.0,
    "lenpow": 0.0,
    "twpow": 1.0,
    "tfsat": 0,
    "k1": 1.2,
    "b": 0.75,
    "bgpart": 0.0,
}
IDEAS: list[tuple[str, list[dict[str, Any]]]] = [
    ("query sub-words (2-3 chars) weight", [{"sub": v} for v in (0, 0.3, 1.0)]),
    ("query sub-words of 4-5 characters, own score", [{"s4": v} for v in (0.1, 0.3, 0.6, 1.0)]),
    ("character bigrams of the query words, own score", [{"bg": v} for v in (0.1, 0.25, 0.5, 1.0)]),
    ("substring weight", [{"ss": v} for v in (0, 0.25, 0.75, 1.0)]),
    ("single-character weight", [{"ch": v} for v in (0, 0.5, 1.5, 2.0)]),
    (
        "field weights (title, lead, body), both tables",
        [{"fw": w, "cfw": w} for w in FIELD_WEIGHTS[1:]],
    ),
    ("field weights of the characters table only", [{"cfw": w} for w in FIELD_WEIGHTS[1:]]),
    (
        "proximity weight and span",
        [{"prox": p, "pspan": s} for p in (0, 0.15, 0.3, 0.6) for s in (10, 30, 100)],
    ),
    (
        "consecutive query words in order, at most g characters apart",
        [{"adj": a, "adjgap": g} for a in (0.1, 0.25, 0.5, 1.0) for g in (0, 2, 4, 16)],
    ),
    (
        "query words in the first K characters (IDF-weighted share)",
        [{"lead": a, "leadk": k} for a in (0.1, 0.25, 0.5, 1.0) for k in (50, 200, 400)],
    ),
    (
        "earliness: first match's position",
        [{"first": a, "firstk": k} for a in (0.1, 0.25, 0.5) for k in (50, 100, 200)],
    ),
    (
        "topicality as BM25 saturation (k1, b) instead of log(1 + tf)",
        [
            {"tfsat": 1, "k1": k, "b": b, "top": t}
            for k in (0.5, 1.2, 2.0, 4.0)
            for b in (0.0, 0.5, 0.75)
            for t in (1.0, 2.0)
        ],
    ),
    ("topicality weight", [{"top": v} for v in (0, 0.5, 1.5, 2.0)]),
    (
        "term weights: index IDF blended with jieba's general IDF",
        [{"gen": v} for v in (0.25, 0.5, 1.0)],
    ),
    (
        "word scores per query word, times (general IDF / mean)^γ",
        [{"termw": g} for g in (0.25, 0.5, 1.0, 2.0)],
    ),
    ("term-weight power", [{"twpow": v} for v in (0, 0.5, 2.0)]),
    ("coverage weighted by IDF", [{"idfcov": v} for v in (0.25, 0.5, 1.0)]),
    ("coverage weight", [{"cov": v} for v in (0, 0.5, 1.5, 2.0, 3.0)]),
    (
        "partial credit and its span",
        [{"partial": p, "pspan2": k} for p in (0.5, 1.0, 1.5) for k in HEAD_SPANS],
    ),
    (
        "partial credit from a missing word's character bigrams",
        [{"bgpart": v} for v in (0.25, 0.5, 1.0)],
    ),
    ("length factor (length / mean)^γ", [{"lenpow": v} for v in (-0.2, -0.1, 0.1, 0.2)]),
    ("rerank depth", [{"rerank": v} for v in (20, 100, 200)]),
]
# Coordinate ascent: each parameter's values, tried one at a time, kept when the mean rises.
ASCENT = {
    "sub": [0, 0.3, 0.6, 1.0],
    "ss": [0.25, 0.5, 0.75, 1.0],
    "ch": [0.5, 1.0, 1.5],
    "cov": [0.5, 1.0, 1.5, 2.0],
    "partial": [0.5, 1.0, 1.5],
    "pspan2": [100, 200, 400],
    "prox": [0.15, 0.3, 0.5],
    "pspan": [10, 30, 60],
    "top": [0.5, 1.0, 1.5],
    "lead": [0, 0.25, 0.5],
    "leadk": [100, 200, 400],
    "first": [0, 0.1, 0.25],
    "firstk": [50, 100, 200],
    "adj": [0, 0.25, 0.5],
    "adjgap": [2, 4, 16],
    "twpow": [0.5, 1.0],
    "idfcov": [0, 0.25],
    "bg": [0, 0.1, 0.25],
    "termw": [0, 0.25, 0.5],
}


# ------------------------------------------------------------------------------- recording
def record(index: Any, queries: list[sq.KnownItemQuery]) -> tuple[list[dict], dict[int, str]]:
    """Per query: the match scores and word positions of every article a table matches."""
    from fjhealth import search as S
    from fjhealth import segment
    from fjhealth.highlight import Needles, _min_span
    from fjhealth.query import parse_query

    searcher = S.Searcher(index, "bench", S.SearchOptions(limit=sq.DEPTH))
    corpus = searcher.index  # the corpus's own index
    db = corpus.db
    docs = {
        r: (a, t or "", x)
        for r, a, t, x in db.execute("SELECT rowid, article, title, text FROM search_docs")
    }
    general, unknown = segment.general_idf()
    out = []
    for q in queries:
        terms = parse_query(q.text).terms()
        plan = S._plan(terms, corpus.known_terms)
        cuts = [S.cut_query(t.text, corpus.known_terms)[0] for t in terms]
        bigrams = {
            " ".join(u[i : i + 2])
            for t in terms
            for u in [S.index_chars(t.text).split()]
            for i in range(len(u) - 1)
        }
        long_subs = corpus.known_terms(
            {
                tk[i : i + n]
                for tk in sum(cuts, [])
                for n in (4, 5)
                if len(tk) > n
                for i in range(len(tk) - n + 1)
            }
        )
        matches = {
            "W": ("search_words", plan.words),
            "SW": ("search_words", plan.subwords),
            "SS": ("search_chars", plan.substrings),
            "C": ("search_chars", plan.chars),
            "BG": ("search_chars", " OR ".join(map(S.quote, sorted(bigrams)))),
            "S4": ("search_words", " OR ".join(map(S.quote, sorted(long_subs)))),
        }
        for i, toks in enumerate(cuts):
            toks = [x for x in toks if len(x) > 1 or len(toks) == 1]
            matches[f"T{i}"] = ("search_words", " OR ".join(map(S.quote, dict.fromkeys(toks))))
        comp: dict[int, dict[tuple[str, tuple], float]] = {}
        for name, (table, match) in matches.items():
            for fw in FIELD_WEIGHTS if name in ("W", "SW", "SS", "C") else FIELD_WEIGHTS[:1]:
                weights = "".join(f", {x}" for x in fw)
                for r, s in searcher.bm25_scores(table, weights, match, 1 << 30).items():
                    comp.setdefault(r, {})[(name, fw)] = s
        needles = Needles(plan.needles)
        words = [ns[0] if ns else "" for ns in plan.needles]
        feats = {
            r: _positions(docs[r][1] + "\n" + docs[r][2], needles, words, _min_span) for r in comp
        }
        out.append(
            {
                "q": q,
                "comp": comp,
                "docs": feats,
                "n": len(plan.needles),
                "tw": searcher.term_weights(plan.needles),
                "gw": tuple(general.get(w, unknown) for w in words),
            }
        )
    return out, {r: a.split("-")[0] for r, (a, _, _) in docs.items()}


def _positions(text: str, needles: Any, words: list[str], min_span: Any) -> dict[str, Any]:
    occ = needles.find(text)
    share: dict[int, float] = {}
    count: dict[int, int] = {}
    first: dict[int, int] = {}
    spots: dict[int, list[tuple[int, int]]] = {}
    for start, end, term in occ:
        part = min(1.0, (end - start) / max(1, len(words[term])))
        share[term] = max(share.get(term, 0.0), part)
        spots.setdefault(term, []).append((start, end))
        if part >= 1.0:
            count[term] = count.get(term, 0) + 1
            first.setdefault(term, start)
    head = {
        (i, k): sum(c in text[:k] for c in w) / len(w)
        for i, w in enumerate(words)
        if w
        for k in HEAD_SPANS
    }
    bigram = {
        i: sum(w[j : j + 2] in text for j in range(len(w) - 1)) / (len(w) - 1)
        for i, w in enumerate(words)
        if len(w) > 1
    }
    gaps = {}
    for i in range(len(words) - 1):
        after = [
            b0 - a1 for a0, a1 in spots.get(i, []) for b0, _ in spots.get(i + 1, []) if b0 >= a1
        ]
        gaps[i] = min(after) if after else None
    return {
        "share": share,
        "count": count,
        "first": first,
        "head": head,
        "bigram": bigram,
        "gaps": gaps,
        "span": min_span(occ, len(share)) if len(share) > 1 else None,
        "length": len(text),
    }


# ------------------------------------------------------------------------------- replaying
def score(f: dict, p: dict[str, Any]) -> list[int]:
    """Article rowids, best first, as ``fjhealth.search`` ranks them with parameters ``p``."""
    fw, cfw, comp = tuple(p["fw"]), tuple(p["cfw"]), f["comp"]
    worded = {r for r, c in comp.items() if any((k, fw) in c for k in ("W", "SW", "SS"))}
    tw = tuple((1 - p["gen"]) * a + p["gen"] * g for a, g in zip(f["tw"], f["gw"], strict=True))
    tw = tuple(w ** p["twpow"] for w in tw)
    mean_g = sum(f["gw"]) / max(1, len(f["gw"]))
    base = {}
    for r, c in comp.items():
        if worded and r not in worded:
            continue
        if p["termw"]:
            words = sum(
                (g / mean_g) ** p["termw"] * c.get((f"T{i}", FIELD_WEIGHTS[0]), 0.0)
                for i, g in enumerate(f["gw"])
            )
        else:
            words = c.get(("W", fw), 0.0)
        base[r] = (
            words
            + p["sub"] * c.get(("SW", fw), 0.0)
            + p["ss"] * c.get(("SS", fw), 0.0)
            + p["ch"] * c.get(("C", cfw), 0.0)
            + p["s4"] * c.get(("S4", FIELD_WEIGHTS[0]), 0)
            + p["bg"] * c.get(("BG", FIELD_WEIGHTS[0]), 0.0)
        )
    ranked = sorted(base, key=lambda r: (-base[r], r))
    top = ranked[: p["rerank"]]
    n, total = max(1, f["n"]), max(1e-9, sum(tw))
    mean_len = sum(f["docs"][r]["length"] for r in top) / max(1, len(top))
    final = dict(base)
    for r in top:
        d = f["docs"][r]
        share = d["share"]
        covered = sum(share.values())
        for i in range(f["n"]):
            if (i, p["pspan2"]) not in d["head"] or share.get(i, 0.0) >= 1.0:
                continue
            part = d["head"][(i, p["pspan2"])]
            if p["bgpart"]:
                part = (1 - p["bgpart"]) * part + p["bgpart"] * d["bigram"].get(i, 0.0)
            covered += max(0.0, p["partial"] * part - share.get(i, 0.0))
        factor = 1 + p["cov"] * covered / n
        if d["span"] is not None:
            factor *= 1 + p["prox"] * p["pspan"] / (p["pspan"] + d["span"])
        if p["tfsat"]:
            norm = p["k1"] * (1 - p["b"] + p["b"] * d["length"] / mean_len)
            tf = {t: c * (p["k1"] + 1) / (c + norm) for t, c in d["count"].items()}
        else:
            tf = {t: math.log1p(c) for t, c in d["count"].items()}
        factor *= 1 + p["top"] * sum(tw[t] * v for t, v in tf.items()) / total
        if p["idfcov"]:
            factor *= 1 + p["idfcov"] * sum(tw[t] * s for t, s in share.items()) / total
        if p["lead"]:
            early = sum(tw[t] for t, pos in d["first"].items() if pos < p["leadk"])
            factor *= 1 + p["lead"] * early / total
        if p["first"] and d["first"]:
            factor *= 1 + p["first"] * p["firstk"] / (p["firstk"] + min(d["first"].values()))
        if p["adj"] and d["gaps"]:
            near = sum(g is not None and g <= p["adjgap"] for g in d["gaps"].values())
            factor *= 1 + p["adj"] * near / len(d["gaps"])
        if p["lenpow"]:
            factor *= (d["length"] / mean_len) ** p["lenpow"]
        final[r] = base[r] * factor
    return sorted(top, key=lambda r: (-final[r], r)) + ranked[p["rerank"] :]


def mrr(fs: list[dict], p: dict[str, Any], pages: dict[int, str],
        scorer: Callable[[dict, dict[str, Any]], list[int]] | None = None) -> float:
    """The MRR of the queries ``fs`` ranked by ``scorer`` (``score`` unless given)."""
    total = 0.0
    for f in fs:
        ranked = [pages[r] for r in (scorer or score)(f, p)[: sq.DEPTH]]
        target = f["q"].target
        total += 1 / (ranked.index(target) + 1) if target in ranked else 0.0
    return total / max(1, len(fs))


def ascend(fs: list[dict], p: dict[str, Any], pages: dict[int, str], rounds: int = 3) -> dict:
    """Coordinate ascent on the MRR of ``fs``, from ``p``."""
    best = mrr(fs, p, pages)
    for _ in range(rounds):
        moved = False
        for key, values in ASCENT.items():
            for v in values:
                trial = {**p, key: v}
                value = mrr(fs, trial, pages) if v != p[key] else best
                if value > best + 1e-9:
                    best, p, moved = value, trial, True
        if not moved:
            break
    return p


# ------------------------------------------------------------------------------- report
@contextmanager
def bench_index(data: Path) -> Iterator[tuple[Any, Any, Any]]:
    """search_quality.py's corpus written to a temporary folder, cleaned and indexed (scope
    "bench"): yields its items, their page IDs and the index; all removed on leaving."""
    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.search_index import SearchIndex, update_index

    items, distractors = sq.load_items(data)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        page_ids = sq.write_corpus(corpus, [*items, *distractors])
        os.environ["FJHEALTH_CACHE_DIR"] = str(Path(tmp) / "cache")
        cache = PageCache(Path(tmp) / "cache")
        try:
            paths = find_files(corpus)
            for _ in run_corpus(paths, ArticlesTask(), cache=cache):
                pass
            index = SearchIndex(cache)
            update_index(index, "bench", paths)
            yield items, page_ids, index
        finally:
            cache.close()


def run(data: Path) -> str:
    with bench_index(data) as (items, page_ids, index):
        sets = {}
        for label, salient in (("salient", True), ("random", False)):
            queries = sq.make_queries(items, page_ids, salient)
            recorded, pages = record(index, queries)
            indexed = sq.evaluate(sq.fjhealth_ranker(index, "bench"), queries)["mrr"]
            sets[label] = (recorded, indexed)
    half = {
        (lab, h): [f for f in sets[lab][0] if f["q"].half == h]
        for lab in sets
        for h in ("tune", "test")
    }
    m = lambda lab, h, p: mrr(half[(lab, h)], p, pages)  # noqa: E731
    own = {lab: mrr(sets[lab][0], SHIPPED, pages) for lab in sets}
    lines = [
        f"Replayed shipped ranking, salient set, all queries: {own['salient']:.4f}"
        f" (the index's own: {sets['salient'][1]:.4f});"
        f" random set {own['random']:.4f} ({sets['random'][1]:.4f}).",
        "",
    ]
    lines += idea_table("one change to the shipped ranking", IDEAS, m)
    fold = lambda f: int(hashlib.md5(f["q"].target.encode()).hexdigest(), 16) % 2  # noqa: E731
    tune = half[("salient", "tune")] + half[("random", "tune")]
    lines += ["", "Coordinate ascent over all parameters, fitted on both sets' tune halves:", ""]
    for k in (0, 1):
        p = ascend([f for f in tune if fold(f) != k], dict(SHIPPED), pages)
        held = {lab: [f for f in half[(lab, "tune")] if fold(f) == k] for lab in sets}
        lines.append(
            f"- fitted on tune fold {1 - k}, measured on tune fold {k}: salient"
            f" {mrr(held['salient'], SHIPPED, pages):.4f} -> {mrr(held['salient'], p, pages):.4f},"
            f" random {mrr(held['random'], SHIPPED, pages):.4f} ->"
            f" {mrr(held['random'], p, pages):.4f}"
        )
    p = ascend(tune, dict(SHIPPED), pages)
    changed = ", ".join(f"{k} {v}" for k, v in p.items() if SHIPPED[k] != v)
    lines.append(
        f"- fitted on the whole tune half ({changed}): salient tune"
        f" {m('salient', 'tune', SHIPPED):.4f} -> {m('salient', 'tune', p):.4f}, test"
        f" {m('salient', 'test', SHIPPED):.4f} -> {m('salient', 'test', p):.4f}; random tune"
        f" {m('random', 'tune', SHIPPED):.4f} -> {m('random', 'tune', p):.4f}, test"
        f" {m('random', 'test', SHIPPED):.4f} -> {m('random', 'test', p):.4f}"
    )
    return "\n".join(lines)



def idea_table(what: str, ideas: Sequence[tuple[str, list[dict[str, Any]] | None]],
               m: Callable[[str, str, dict[str, Any]], float]) -> list[str]:
    """A Markdown table: the shipped ranking, then each idea at the setting of its grid with the
    best salient tune MRR (``m(set, half, params)``), with its test and random-set figures; an
    idea whose grid is None cannot run here (a package missing)."""
    def row(label: str, setting: str, p: dict[str, Any]) -> str:
        return (f"| {label} |{f' {setting}' if setting else ''} | {m('salient', 'tune', p):.4f} |"
                f" {m('salient', 'test', p):.4f} | {m('random', 'tune', p):.4f} |"
                f" {m('random', 'test', p):.4f} |")

    lines = [f"| idea ({what}) | best on tune | tune MRR | test MRR | random: tune | test |",
             "|---|---|---|---|---|---|", row("shipped ranking", "", SHIPPED)]
    for label, grid in ideas:
        if grid is None:
            lines.append(f"| {label} | (not installed) | | | | |")
            continue
        scored = [(m("salient", "tune", {**SHIPPED, **g}), i) for i, g in enumerate(grid)]
        best = max(scored, key=lambda s: (round(s[0], 9), -s[1]))[1]
        lines.append(row(label, ", ".join(f"{k} {v}" for k, v in grid[best].items()),
                         {**SHIPPED, **grid[best]}))
    return lines


def cli(argv: list[str] | None, run: Callable[[Path], str], results: Path, heading: str) -> int:
    """A replay script's command line: print ``run``'s report, ``--write`` also saves it."""
    parser = argparse.ArgumentParser(description=heading)
    parser.add_argument("--data", type=Path, default=sq.DATA, help="the shared data folder")
    parser.add_argument("--write", action="store_true", help=f"also write {results.name}")
    args = parser.parse_args(argv)
    if not (args.data / "summ_dev.jsonl").exists():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(sq.ROOT))
    report = run(args.data)
    print(report)
    if args.write:
        results.write_text(f"# {heading}\n\n{report}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli(argv, run, RESULTS, "Search ranking ideas, replayed (benchmarks/search_replay.py)")


if __name__ == "__main__":
    sys.exit(main())
