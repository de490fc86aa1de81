"""Extractive summaries: whole body sentences, chosen by a ranking, returned in document order.

Methods:
- "rank" (default): a LexRank-style centrality over jieba content words (IDF-weighted cosine),
  blended with a position prior, title and keyword coverage, a length prior and a sentence
  quality check (credits, datelines, fragments), then picked greedily with MMR so near-identical
  sentences are never both chosen. The one-sentence pick is the first pick of any longer budget.
- "snownlp": SnowNLP's TextRank summary (comma-level fragments mapped back to sentences).
- "lead": the first sentences.

Budget: ``options.sentences`` sentences, or, when ``options.chars`` is set, at most that many
characters in all. The character budget is a hard limit: sentences are taken in rank order
while they fit, so if even the shortest candidate is longer than the budget, the summary is
empty.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import segment
from .keywords import IdfTable, UnknownMethodError
from .models import Article, Keyword, Sentence, Summary, SummaryOptions

METHODS = ("rank", "snownlp", "lead")
DEFAULT_OPTIONS = SummaryOptions()

# --- "rank" parameters (tuned on the dev sets, see benchmarks/tune_summary.py) -------------
W_CENTRAL = 1.0  # LexRank centrality, scaled to [0, 1]
W_POSITION = 1.0  # position prior: 1 for the first sentence, decaying with its rank
W_PARA_START = 0.2  # bonus for opening a paragraph
W_TITLE = 0.5  # cosine with the title
W_KEYWORD = 0.5  # share of the article's top keyword mass the sentence covers
POSITION_DECAY = 0.5  # position prior = 1 / (1 + index) ** POSITION_DECAY
IDEAL_CHARS = 40  # sentences near this length are preferred; the prior halves at 4x
SIM_THRESHOLD = 0.1  # edges below this similarity are left out of the graph
DAMPING = 0.85
ITERATIONS = 30
MMR_LAMBDA = 0.7  # weight of relevance against redundancy when picking the next sentence
DUPLICATE_SIM = 0.7  # a candidate this similar to a chosen sentence is never taken
TOP_KEYWORDS = 10
MIN_CHARS = 6  # shorter sentences are fragments, not summary material

# A bracketed credit or note standing alone: "（新华社记者兰红光摄）", "(附图片1张)".
_CREDIT_RE = re.compile(r"^[（(【\[][^（）()]*[）)】\]]$")
# Photo and wire credits anywhere in a sentence: "记者某某摄", "图片来源", "供图".
_PHOTO_RE = re.compile(r"摄影?[）)]?$|供图|图片来源|图为|责任编辑")
# A sentence that only introduces what follows ("同胞们、朋友们："), or a heading-like stub.
_INTRO_RE = re.compile(r"[：:]$")
# Characters counted for length: everything but whitespace.
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Unit:
    """A body sentence with where it sits and its content words."""

    text: str
    index: int
    paragraph: int
    first_in_paragraph: bool


def _units(article: Article) -> list[_Unit]:
    """Body sentences of the article (title, subtitles and captions are not body)."""
    out: list[_Unit] = []
    for p, paragraph in enumerate(article.paragraphs):
        for k, text in enumerate(segment.split_sentences(paragraph)):
            out.append(_Unit(text, len(out), p, k == 0))
    return out


def _length(text: str) -> int:
    """Characters of ``text``, whitespace excluded."""
    return len(_SPACE_RE.sub("", text))


def _budget_pick(order: Sequence[int], texts: Sequence[str], options: SummaryOptions) -> list[int]:
    """Indexes taken in preference ``order`` while they fit the budget; repeats are skipped."""
    limit = max(options.sentences, 0) if options.chars is None else None
    taken: list[int] = []
    seen: set[str] = set()
    used = 0
    for i in order:
        key = _SPACE_RE.sub("", texts[i])
        if key in seen:
            continue
        if limit is not None and len(taken) >= limit:
            break
        if options.chars is not None and used + len(texts[i]) > options.chars:
            continue
        seen.add(key)
        taken.append(i)
        used += len(texts[i])
    return taken


def _summary(
    article: Article,
    units: Sequence[_Unit],
    chosen: Sequence[int],
    scores: Sequence[float],
    method: str,
    keywords: tuple[Keyword, ...] = (),
) -> Summary:
    """A Summary of the chosen units, in document order."""
    sentences = tuple(
        Sentence(units[i].text, units[i].index, round(scores[i], 6)) for i in sorted(chosen)
    )
    return Summary(article.id, article.title, sentences, method, keywords)


# ------------------------------------------------------------------------------ "rank"


def _vector(words: Sequence[str], idf: IdfTable) -> dict[str, float]:
    """A unit-length TF-IDF vector of ``words``."""
    tf = Counter(words)
    vec = {w: n * idf.idf(w) for w, n in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _centrality(sim: list[list[float]]) -> list[float]:
    """Weighted PageRank over the similarity graph, scaled so the best is 1."""
    n = len(sim)
    out = [sum(row) for row in sim]
    rank = [1.0] * n
    for _ in range(ITERATIONS):
        rank = [
            (1 - DAMPING)
            + DAMPING * sum(sim[j][i] * rank[j] / out[j] for j in range(n) if sim[j][i])
            for i in range(n)
        ]
    best = max(rank, default=0.0)
    return [r / best for r in rank] if best else rank


def _quality(text: str) -> float:
    """1 for a normal sentence; less for credits, intros and fragments."""
    if _CREDIT_RE.match(text) or _PHOTO_RE.search(text):
        return 0.05
    if _length(text) < MIN_CHARS:
        return 0.1
    if _INTRO_RE.search(text):
        return 0.3
    return 1.0


def _length_prior(text: str) -> float:
    """1 near ``IDEAL_CHARS``, halving for each factor of 4 longer or shorter."""
    ratio = max(_length(text), 1) / IDEAL_CHARS
    return 2 ** (-abs(math.log(ratio, 4)))


def _rank_scores(article: Article, units: list[_Unit], idf: IdfTable) -> tuple[
    list[float], list[dict[str, float]], tuple[Keyword, ...]
]:
    """Relevance of each unit, the units' vectors, and the article's keywords."""
    words = [segment.content_words(u.text) for u in units]
    vectors = [_vector(w, idf) for w in words]
    n = len(units)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = _cosine(vectors[i], vectors[j])
            if s >= SIM_THRESHOLD:
                sim[i][j] = sim[j][i] = s
    central = _centrality(sim)

    title_words = segment.content_words(article.title) if article.title else []
    title_vec = _vector(title_words, idf)
    tf = Counter(w for ws in words for w in ws)
    for w in title_words:
        tf[w] += 2
    kw = sorted(((n_ * idf.idf(w), w) for w, n_ in tf.items()), key=lambda t: (-t[0], t[1]))
    kw = kw[:TOP_KEYWORDS]
    kw_mass = sum(v for v, _ in kw) or 1.0
    kw_weight = {w: v for v, w in kw}
    keywords = tuple(Keyword(w, round(v / kw[0][0], 6)) for v, w in kw) if kw else ()

    scores = []
    for u, ws, vec, c in zip(units, words, vectors, central, strict=True):
        coverage = sum(kw_weight.get(w, 0.0) for w in set(ws)) / kw_mass
        relevance = (
            W_CENTRAL * c
            + W_POSITION / (1 + u.index) ** POSITION_DECAY
            + W_PARA_START * u.first_in_paragraph
            + W_TITLE * _cosine(vec, title_vec)
            + W_KEYWORD * coverage
        )
        scores.append(relevance * _quality(u.text) * _length_prior(u.text))
    return scores, vectors, keywords


def _mmr_order(scores: list[float], vectors: list[dict[str, float]]) -> list[int]:
    """Units in pick order: best relevance first, then relevance minus redundancy (MMR).

    A unit nearly repeating a picked one (cosine >= ``DUPLICATE_SIM``) is never picked.
    """
    top = max(scores, default=0.0) or 1.0
    left = set(range(len(scores)))
    redundancy = [0.0] * len(scores)  # max cosine with any picked unit
    order: list[int] = []
    while left:
        best = max(
            left,
            key=lambda i: (MMR_LAMBDA * scores[i] / top - (1 - MMR_LAMBDA) * redundancy[i], -i),
        )
        left.discard(best)
        if redundancy[best] >= DUPLICATE_SIM:
            continue
        order.append(best)
        for i in left:
            redundancy[i] = max(redundancy[i], _cosine(vectors[i], vectors[best]))
    return order


def _summarize_rank(article: Article, units: list[_Unit], options: SummaryOptions) -> Summary:
    """fjhealth's own ranking (see the module docstring)."""
    scores, vectors, keywords = _rank_scores(article, units, IdfTable())
    texts = [u.text for u in units]
    chosen = _budget_pick(_mmr_order(scores, vectors), texts, options)
    return _summary(article, units, chosen, scores, "rank", keywords)


# ------------------------------------------------------------------- "snownlp", "lead"


def _summarize_snownlp(article: Article, units: list[_Unit], options: SummaryOptions) -> Summary:
    """SnowNLP's TextRank over comma-level fragments, each mapped to its whole sentence."""
    texts = [u.text for u in units]
    order: list[int] = []
    if len(units) > 1:
        from snownlp import SnowNLP

        doc = SnowNLP("\n".join(texts))
        try:
            fragments = doc.summary(len(doc.sentences))
        except ZeroDivisionError:  # snownlp divides by the fragment count and by word counts
            fragments = []
        for fragment in fragments:
            i = next((k for k, t in enumerate(texts) if fragment and fragment in t), None)
            if i is not None and i not in order:
                order.append(i)
    order += [i for i in range(len(units)) if i not in order]
    scores = [0.0] * len(units)
    for rank, i in enumerate(order):
        scores[i] = 1 / (1 + rank)
    return _summary(article, units, _budget_pick(order, texts, options), scores, "snownlp")


def _summarize_lead(article: Article, units: list[_Unit], options: SummaryOptions) -> Summary:
    """The first sentences."""
    texts = [u.text for u in units]
    chosen = _budget_pick(range(len(units)), texts, options)
    return _summary(article, units, chosen, [1 / (1 + i) for i in range(len(units))], "lead")


def summarize(article: Article, options: SummaryOptions = DEFAULT_OPTIONS) -> Summary:
    """Summarize one article by extracting whole body sentences.

    Args:
        article: a cleaned article (``clean.clean_text``); only its paragraphs are extracted.
        options: the budget (sentences, or characters when ``chars`` is set) and the method.

    Returns:
        The chosen sentences in document order (empty for an article without sentences).
    """
    runners = {"rank": _summarize_rank, "snownlp": _summarize_snownlp, "lead": _summarize_lead}
    if options.method not in runners:
        raise UnknownMethodError(
            f"unknown summary method {options.method!r}: use one of {', '.join(METHODS)}"
        )
    units = _units(article)
    if not units:
        return Summary(article.id, article.title, (), options.method)
    return runners[options.method](article, units, options)
