"""Keywords of an article: TF-IDF with a corpus-aware IDF, or TextRank over co-occurrences.

Words come from ``segment.content_words``, so stop words, single characters, numbers and
punctuation never reach a result. Weights are scaled so the best keyword weighs 1.0; ties
are broken by the word itself, so results are deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import FjhealthError

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword

METHODS = ("tfidf", "textrank")
# TextRank: words within this many positions of each other (inside a sentence) are linked.
WINDOW = 5
DAMPING = 0.85
MAX_ITERATIONS = 50
TOLERANCE = 1e-6
# A title word counts this many times in TF-IDF: the editor chose it. One the body never uses
# counts TITLE_ONLY times: a headline's own words ("听听", "走进", "这家", "建起") name no
# subject (on tests/data/summ_holdout, benchmarks/summary_holdout.py: P@5 0.641 -> 0.665).
TITLE_BOOST = 2
TITLE_ONLY = 1


class UnknownMethodError(FjhealthError):
    """A keyword or summary method name that fjhealth does not know."""


@dataclass(frozen=True, slots=True)
class IdfTable:
    """Document frequencies of a corpus: combined with jieba's general IDF by ``idf()``."""

    n_docs: int = 0
    doc_freq: Mapping[str, int] = field(default_factory=dict)
    state: str = field(default="", compare=False)  # names the corpus state it was counted on

    def idf(self, word: str) -> float:
        """jieba's IDF of ``word``, scaled down the more of this corpus's documents hold it.

        The scale is 1 for a word no document holds and ``1 / (1 + ln(1 + n_docs))`` for one
        that every document holds, so a corpus-wide word (the newspaper's name, the region)
        loses weight against words particular to an article.
        """
        table, unknown = _general_idf()
        general = table.get(word, unknown)
        df = self.doc_freq.get(word, 0)
        scale = (1 + math.log((1 + self.n_docs) / (1 + df))) / (1 + math.log(1 + self.n_docs))
        return general * scale


def _general_idf() -> tuple[Mapping[str, float], float]:
    """``segment.general_idf``, imported on first use (a cached run never loads segment)."""
    from .segment import general_idf

    globals()["_general_idf"] = general_idf  # later calls go straight there
    return general_idf()


def _article_words(article: Article) -> tuple[list[str], list[list[str]]]:
    """Content words of the title, and of each body sentence."""
    from . import segment  # here: a cached run needs IdfTable alone, never the segmenter

    title = segment.content_words(article.title) if article.title else []
    body = [
        segment.content_words(s)
        for p in article.paragraphs
        for s in segment.split_sentences(p)
    ]
    return title, body


def build_idf(articles: Iterable[Article]) -> IdfTable:
    """Count, in one pass, how many of ``articles`` hold each content word."""
    df: Counter[str] = Counter()
    n = 0
    for article in articles:
        title, body = _article_words(article)
        df.update(set(title).union(*body))
        n += 1
    return IdfTable(n_docs=n, doc_freq=dict(df))


def _top(scores: Mapping[str, float], top: int) -> tuple[Keyword, ...]:
    """The ``top`` best words, weights scaled to the best one, ties broken by word."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[: max(top, 0)]
    if not ranked or ranked[0][1] <= 0:
        return ()
    best = ranked[0][1]
    from .values import Keyword

    return tuple(Keyword(w, round(v / best, 6)) for w, v in ranked)


def _tfidf(title: list[str], body: list[list[str]], idf: IdfTable) -> dict[str, float]:
    """Term frequency (title words the body holds boosted) times corpus-aware IDF."""
    tf: Counter[str] = Counter(w for sent in body for w in sent)
    held = set(tf)
    for w in title:
        tf[w] += TITLE_BOOST if w in held else TITLE_ONLY
    return {w: n * idf.idf(w) for w, n in tf.items()}


def _textrank(title: list[str], body: list[list[str]]) -> dict[str, float]:
    """PageRank over a graph linking words that co-occur within ``WINDOW`` in a sentence."""
    links: dict[str, Counter[str]] = {}
    for sent in [title, *body]:
        for i, w in enumerate(sent):
            links.setdefault(w, Counter())
            for v in sent[i + 1 : i + WINDOW]:
                if v != w:
                    links[w][v] += 1
                    links.setdefault(v, Counter())[w] += 1
    nodes = sorted(links)
    # Neighbours in a fixed order, so float sums (and ties) do not depend on insertion order.
    adjacent = {w: sorted(links[w].items()) for w in nodes}
    out_weight = {w: sum(links[w].values()) for w in nodes}
    rank = dict.fromkeys(nodes, 1.0)
    for _ in range(MAX_ITERATIONS):
        new = {
            w: (1 - DAMPING) + DAMPING * sum(n * rank[v] / out_weight[v] for v, n in adjacent[w])
            for w in nodes
        }
        delta = max((abs(new[w] - rank[w]) for w in nodes), default=0.0)
        rank = new
        if delta < TOLERANCE:
            break
    return rank


def rank_keywords(
    article: Article, top: int = 10, method: str = "tfidf", idf: IdfTable | None = None
) -> tuple[Keyword, ...]:
    """The article's ``top`` keywords, best first.

    Args:
        article: a cleaned article; its title and body paragraphs are read.
        top: how many keywords at most.
        method: "tfidf" (term frequency x corpus-aware IDF) or "textrank".
        idf: the corpus's ``build_idf`` table; None uses jieba's general IDF alone.

    Returns:
        Keywords with weights in (0, 1], the best weighing 1.0.
    """
    if method not in METHODS:
        raise UnknownMethodError(
            f"unknown keyword method {method!r}: use one of {', '.join(METHODS)}"
        )
    title, body = _article_words(article)
    if method == "textrank":
        return _top(_textrank(title, body), top)
    return _top(_tfidf(title, body, idf or IdfTable()), top)
