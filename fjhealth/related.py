"""Articles like a given one: BM25 over the search index with the article's top terms.

The article's content words (``segment.content_words``) are weighted by TF-IDF, the document
frequencies read from the index itself (FTS5's vocabulary table); its ``TOP_TERMS`` best make
one OR query, ranked by the same field-weighted BM25 as ``fjhealth search``. A score is the
hit's BM25 divided by the article's own: 1.0 would be a copy of the article, 0.3 shares some
of its telling words; an article sharing none (``MIN_SCORE``) is left out when others do.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .bm25 import FIELD_WEIGHTS, Scope, SearchOptions, quote
from .errors import ArticleNotFound
from .index_store import CorpusIndex, SearchIndex
from .pagework import FieldlessTask
from .search_index import updated_index

if TYPE_CHECKING:
    from .cache import PageCache
    from .models import Article
    from .search_index import Meter

TOP_TERMS = 20
# A hit under this share of the article's own score shares only words that half the corpus or
# more holds (FTS5 gives those an IDF of 1e-6, see ``search.NIL_IDF_SCORE``; it would print as
# 0.0000): listed only when no article shares a rarer word with it (in a corpus of a few
# articles, where most words are that common).
MIN_SCORE = 1e-4


class RelatedHit(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    """An article like the one asked about, with the query terms they share."""

    id: str
    score: float
    title: str
    source: str | None
    date: str | None
    file: str | None
    terms: tuple[str, ...]


class TermsTask(FieldlessTask):
    """Each article's content words with their counts, from its text as the search index
    holds it (``related``'s query terms; cached, so a warm ``related`` cuts nothing)."""

    __slots__ = ()
    key = "terms"
    segments = True

    def __call__(self, articles: tuple[Article, ...]) -> tuple[dict[str, int], ...]:
        return tuple(term_counts(article_text(a)) for a in articles)

    def dump(self, result: tuple[dict[str, int], ...]) -> Any:
        return [dict(counts) for counts in result]

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[dict[str, int], ...]:
        if len(data) != len(articles):
            raise ValueError("one count table per article")
        return tuple({str(w): int(n) for w, n in counts.items()} for counts in data)


def term_counts(text: str) -> dict[str, int]:
    """The content words of ``text`` with their counts."""
    from . import segment

    return Counter(w for w in segment.content_words(text) if w.strip())


def article_text(article: Article) -> str:
    """An article's text as the search index holds it (title, then its paragraphs): what
    ``related`` takes its terms from."""
    return (article.title or "") + "\n" + "\n".join(article.paragraphs)


def top_terms(
    index: CorpusIndex, text: str, n: int = TOP_TERMS, counts: dict[str, int] | None = None
) -> list[tuple[str, float]]:
    """The ``n`` content words of ``text`` (or of ``counts``, its ``term_counts``, already
    known) with the highest TF-IDF in a corpus's index."""
    if counts is None:
        counts = term_counts(text)
    if not counts:
        return []
    total = index.size() or 1
    df = index.doc_freqs(counts)
    scored = [
        (w, tf * math.log(1 + total / (1 + df.get(w.lower(), 0)))) for w, tf in counts.items()
    ]
    scored.sort(key=lambda p: (-p[1], p[0]))
    return scored[:n]


def related(
    index: SearchIndex, scope: str, article_id: str, limit: int = 10,
    counts: dict[str, int] | None = None,
) -> tuple[RelatedHit, ...]:
    """The articles of a corpus scope most like one of its articles, best first (``counts``:
    its text's ``term_counts``, when known).

    Raises:
        ArticleNotFound: the scope holds no article with this ID.
    """
    corpus = index.corpus(scope)
    row = corpus.db.execute(
        "SELECT d.rowid, d.title, d.text FROM search_docs d JOIN search_files c"
        " ON c.page = d.page WHERE d.article = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise ArticleNotFound(f"no article {article_id!r} in the search index")
    rowid, title, body = row
    text = (title or "") + "\n" + body
    terms = [w for w, _ in top_terms(corpus, text, counts=counts)]
    if not terms:
        return ()
    searcher = Scope(index, scope, SearchOptions(limit=limit))
    weights = "".join(f", {w}" for w in FIELD_WEIGHTS)
    match = " OR ".join(map(quote, terms))
    scores = searcher.bm25_scores("search_words", weights, match, limit + 10)
    own = scores.pop(rowid, None) or max(scores.values(), default=1.0) or 1.0
    ranked = [r for r in sorted(scores, key=lambda r: (-scores[r], r)) if scores[r] > 0]
    telling = [r for r in ranked if scores[r] >= MIN_SCORE * own]
    best = (telling or ranked)[:limit]
    meta = searcher.meta(best)
    texts = searcher.texts(best)
    hits = []
    for r in best:
        article, hit_title, source, date, file = meta[r]
        body = (texts[r][0] + "\n" + texts[r][1]).casefold()
        shared = tuple(t for t in terms if t.casefold() in body)
        hits.append(RelatedHit(article, round(scores[r] / own, 4), hit_title or "", source, date,
                               file, shared))
    return tuple(hits)


def related_in_corpus(
    root: Path,
    paths: Sequence[Path],
    article_id: str,
    limit: int,
    *,
    cache: PageCache,
    encoding: str | None = None,
    jobs: int | None = None,
    on_page: Callable[[Any], None] | None = None,
    meter: Meter | None = None,
    counts: dict[str, int] | None = None,
) -> tuple[RelatedHit, ...]:
    """``related`` in a corpus folder, first bringing its search index up to date."""
    with updated_index(root, paths, cache=cache, encoding=encoding, jobs=jobs,
                       on_page=on_page, meter=meter) as (index, scope):
        return related(index, scope, article_id, limit, counts)
