"""Ranked full-text search over a corpus's articles (the index is ``search_index``).

Every query word is cut into the index's tokens (``cut_query``), and an article's score adds BM25
scores computed by SQLite FTS5 (``bm25()``), then rewards coverage and proximity:

- words: the query's tokens against the article's tokens, title and lead paragraph weighted
  above the rest of the body (``FIELD_WEIGHTS``);
- substrings: each token's characters as a phrase of the characters table, so a word the
  segmenter cut otherwise inside the article (``医共体`` in ``紧密型县域医共体``) still counts;
- characters: the query's single characters (``CHAR_WEIGHT``), a weak fallback that finds an
  article which says ``治理污染`` for a headline's ``治污`` (not Latin letters nor digits);
- the best ``RERANK`` candidates are then scaled up by the share of query words they hold
  (``COVERAGE``) and by how close together those words stand (``PROXIMITY``).

The weights were chosen on the tune half of ``benchmarks/search_quality.py``'s queries.
A boolean query (operators or quotes) first selects the articles that hold its words and
phrases as written (substrings of the text, ignoring punctuation and ASCII case), then ranks them
the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any as AnyType

from .bm25 import FIELD_WEIGHTS, Scope, SearchOptions, quote
from .highlight import Needles, closeness, make_snippet
from .index_docs import index_chars, widen
from .query import All, Any, Node, Not, Query, Term, parse_query
from .search_index import SearchIndex, updated_index

if TYPE_CHECKING:
    from .cache import PageCache
    from .search_index import Meter

__all__ = ["FIELD_WEIGHTS", "SearchHit", "SearchOptions", "Searcher", "quote", "search",
           "search_corpus"]

# Weight of the substring score and of the single-character score against the word score.
SUBSTRING_WEIGHT = 0.5
SUBWORD_WEIGHT = 0.6
CHAR_WEIGHT = 1.0
# Candidates taken from each FTS5 query, and how many of the best get coverage and proximity.
CANDIDATES = 300
RERANK = 50
# Query words are cut into known words of at most this many characters.
MAX_WORD = 8
# FTS5's BM25 takes the IDF of a word half the articles or more hold as 1e-6: a query of such
# words only (any query on one article) scored millionths, printed 0.0000; a best score under
# NIL_IDF_SCORE is made of them, and the scores are shown relative to it (1.0), same order.
NIL_IDF_SCORE = 1e-3
# Pieces of a query word: ASCII letters and digits (one token, lower-cased), other word runs.
_PIECE_RE = re.compile(r"[A-Za-z0-9]+|[^\W_A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the article, its score and a snippet with the query words marked."""

    id: str
    score: float
    title: str
    source: str | None
    date: str | None
    file: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) of matches in ``snippet``
    # no article holds a word of the query: the hits share only some of its characters
    characters_only: bool = False


@dataclass(frozen=True, slots=True)
class _Plan:
    """A query turned into FTS5 match expressions and the needles that find its words."""

    words: str  # for search_words
    subwords: str  # for search_words: dictionary words inside the query's longer words
    substrings: str  # for search_chars, phrases
    chars: str  # for search_chars, single characters
    needles: tuple[tuple[str, ...], ...]  # per query term: strings that show it in the text


def cut_query(text: str, known: Callable[[set[str]], set[str]]) -> tuple[list[str], list[str]]:
    """A query word's tokens and sub-words, cut against the index's vocabulary.

    The tokens are the longest known words from the left (forward maximum matching, a single
    character where none is known); the sub-words are the known words of two and three
    characters inside a longer token. ``known`` says which strings are tokens of the index:
    the segmenter's words as it cut the corpus, so a query never loads its dictionary.

    >>> vocab = {"货币", "汇率", "货币汇率", "印尼"}
    >>> cut_query("印尼货币汇率", lambda c: c & vocab)
    (['印尼', '货币汇率'], ['货币', '汇率'])
    >>> cut_query("DRG付费", lambda c: c & {"付费"})
    (['drg', '付费'], [])
    """
    pieces = _PIECE_RE.findall(text)
    candidates = {
        p[i:j]
        for p in pieces
        if not p.isascii()
        for i in range(len(p))
        for j in range(i + 2, min(len(p), i + MAX_WORD) + 1)
    }
    candidates.update(p for p in pieces if not p.isascii() and len(p) > MAX_WORD)
    vocab = known(candidates) if candidates else set()
    tokens: list[str] = []
    for piece in pieces:
        if piece.isascii():
            tokens.append(piece.lower())
            continue
        if piece in vocab:
            tokens.append(piece)
            continue
        i = 0
        while i < len(piece):
            for end in range(min(len(piece), i + MAX_WORD), i, -1):
                if end == i + 1 or piece[i:end] in vocab:
                    tokens.append(piece[i:end])
                    i = end
                    break
    subs = [
        t[i : i + n]
        for t in tokens
        for n in (2, 3)
        if len(t) > n
        for i in range(len(t) - n + 1)
        if t[i : i + n] in vocab
    ]
    return tokens, list(dict.fromkeys(subs))


def _plan(terms: Iterable[Term], known: Callable[[set[str]], set[str]]) -> _Plan:
    words: dict[str, None] = {}
    subwords: dict[str, None] = {}
    phrases: dict[str, None] = {}
    chars: dict[str, None] = {}
    needles = []

    for term in terms:
        tokens, subs = cut_query(term.text, known)
        whole = "".join(term.text.split())
        # A single character split off an unknown word is no word of its own: it would match
        # every article using that character as a word (``防`` of an unknown ``谨防``).
        words.update(dict.fromkeys(t for t in tokens if len(t) > 1 or len(tokens) == 1))
        # Text that writes a Latin word or number full width (ＤＲＧ) is cut a character a token.
        words.update(dict.fromkeys(" ".join(w) for t in tokens if t.isascii() and (w := widen(t))))
        subwords.update(dict.fromkeys(subs))
        for piece in [whole, *tokens]:
            units = index_chars(piece)
            phrases.update(dict.fromkeys(u for u in (units, index_chars(widen(piece) or ""))
                                         if " " in u))
            chars.update(dict.fromkeys(c for c in units.split() if not c.isascii()))
        needles.append(tuple(dict.fromkeys([whole, *(t for t in tokens if len(t) > 1)])))
    return _Plan(
        words=" OR ".join(map(quote, words)),
        subwords=" OR ".join(map(quote, subwords.keys() - words.keys())),
        substrings=" OR ".join(map(quote, phrases)),
        chars=" OR ".join(map(quote, chars)),
        needles=tuple(needles),
    )


class Searcher(Scope):
    """Runs queries against one corpus scope of a search index."""

    def _matching(self, node: Node) -> set[int]:
        """Articles satisfying a boolean query: words and phrases as substrings."""
        if isinstance(node, Term):
            units = index_chars(node.text)
            if not units:
                return set()
            wide = widen(node.text)  # the text may write it full width (ＤＲＧ)
            match = quote(units) + (f" OR {quote(index_chars(wide))}" if wide else "")
            return set(self.bm25_scores("search_chars", "", match, 1 << 30))
        if isinstance(node, Not):
            return self.in_scope() - self._matching(node.item)
        sets = [self._matching(item) for item in node.items]
        if isinstance(node, Any):
            return set().union(*sets)
        assert isinstance(node, All)
        pairs = list(zip(sets, node.items, strict=True))
        positive = [s for s, item in pairs if not isinstance(item, Not)]
        out = set.intersection(*positive) if positive else self.in_scope()
        for s, item in pairs:
            if isinstance(item, Not):
                out &= s
        return out

    def run(self, query: Query) -> tuple[SearchHit, ...]:
        """The best hits for ``query``, best first."""
        plan = _plan(query.terms(), self.index.known_terms)
        allowed = None if query.ranked else self._matching(query.root)
        limit = CANDIDATES if allowed is None else 1 << 30
        weights = "".join(f", {w}" for w in FIELD_WEIGHTS)
        scores = dict(self.bm25_scores("search_words", weights, plan.words, limit))
        for rowid, s in self.bm25_scores("search_words", weights, plan.subwords, limit).items():
            scores[rowid] = scores.get(rowid, 0.0) + SUBWORD_WEIGHT * s
        for rowid, s in self.bm25_scores("search_chars", weights, plan.substrings, limit).items():
            scores[rowid] = scores.get(rowid, 0.0) + SUBSTRING_WEIGHT * s
        # Single characters only add to articles that hold a word of the query (else every
        # article sharing a character with it would be a hit), unless none does.
        any_word = bool(scores)
        for rowid, s in self.bm25_scores("search_chars", weights, plan.chars, limit).items():
            if rowid in scores or not any_word:
                scores[rowid] = scores.get(rowid, 0.0) + CHAR_WEIGHT * s
        if allowed is not None:
            scores = {r: s for r, s in scores.items() if r in allowed}
            scores.update((r, 0.0) for r in allowed - scores.keys())
        ranked = sorted(scores, key=lambda r: (-scores[r], r))
        needles = Needles(plan.needles)
        docs = self.texts(ranked[: max(RERANK, self.options.limit)])
        weights = self.term_weights(plan.needles)
        for rowid in ranked[:RERANK]:
            text = docs[rowid][0] + "\n" + docs[rowid][1]
            scores[rowid] *= closeness(needles, text, weights)
        ranked = sorted(ranked[:RERANK], key=lambda r: (-scores[r], r)) + ranked[RERANK:]
        if self.options.meaning:
            ranked = self._by_meaning(query, ranked, scores, docs)
        top = ranked[: self.options.limit]
        meta = self.meta(top)
        best = scores[ranked[0]] if ranked else 0.0
        scale = 1 / best if 0 < best < NIL_IDF_SCORE else 1.0
        loose = not any_word and bool(scores)
        return tuple(_hit(meta[r], scale * scores[r], docs[r][1], needles, loose) for r in top)

    def _by_meaning(self, query: Query, ranked: list[int], scores: dict[int, float],
                    docs: dict[int, tuple[str, str]]) -> list[int]:
        """``ranked`` with its best ``meaning.DEPTH`` reordered by ``meaning.rerank``
        (``scores`` updated)."""
        from . import meaning

        head = ranked[: meaning.DEPTH]
        text = " ".join(t.text for t in query.terms())
        new = meaning.rerank(self.index.db, text, [scores[r] for r in head],
                             [meaning.opening(*docs[r]) for r in head])
        order = {r: n for n, r in enumerate(head)}
        scores.update(zip(head, new, strict=True))
        return sorted(head, key=lambda r: (-scores[r], order[r])) + ranked[meaning.DEPTH:]

    def term_weights(self, needles: tuple[tuple[str, ...], ...]) -> tuple[float, ...]:
        """Each query term's IDF in the index: of the whole term where it is a token, else of
        its rarest token (a term no article holds gets the highest)."""
        df = self.index.doc_freqs({n for ns in needles for n in ns})
        total = self.index.size()
        out = []
        for ns in needles:
            n = df.get(ns[0]) if ns else None
            if n is None:
                n = min((df.get(t, 0) for t in ns[1:]), default=0)
            out.append(math.log(1 + (total - n + 0.5) / (n + 0.5)))
        return tuple(out)


def _hit(
    meta: tuple[str, str, str | None, str | None, str],
    score: float,
    text: str,
    needles: Needles,
    characters_only: bool = False,
) -> SearchHit:
    article, title, source, date, file = meta
    snippet, marks = make_snippet(text, needles)
    return SearchHit(article, round(score, 4), title or "", source, date, file, snippet, marks,
                     characters_only)


def search(
    index: SearchIndex, scope: str, query: str | Query, options: SearchOptions | None = None
) -> tuple[SearchHit, ...]:
    """Search one indexed corpus.

    Args:
        index: the search index (see ``search_index.update_index`` to fill it).
        scope: the corpus's scope name, as given to ``update_index``.
        query: the query text (see ``fjhealth.query``) or a parsed query.
        options: limit and filters.

    Raises:
        QueryError: the query holds no word to search for.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    return Searcher(index, scope, options or SearchOptions()).run(parsed)


def search_corpus(
    root: Path,
    paths: Sequence[Path],
    query: str,
    options: SearchOptions,
    *,
    cache: PageCache,
    encoding: str | None = None,
    jobs: int | None = None,
    on_page: Callable[[AnyType], None] | None = None,
    meter: Meter | None = None,
) -> tuple[SearchHit, ...]:
    """Search a corpus folder, first bringing its index up to date (see ``update_index``).

    Raises:
        QueryError: the query holds no word to search for (checked before any indexing).
    """
    parsed = parse_query(query)
    with updated_index(root, paths, cache=cache, encoding=encoding, jobs=jobs,
                       on_page=on_page, meter=meter) as (index, scope):
        return search(index, scope, parsed, options)
