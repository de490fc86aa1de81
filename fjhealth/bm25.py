"""BM25 over one corpus of the search index: an FTS5 match's scores (fields weighted), limited
to the articles the options' source and dates let through, and what a hit shows (title, text,
metadata). ``search`` ranks queries with it, ``related`` an article's top terms; this module
needs neither the query language nor snippets, so ``related`` loads neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .index_store import SearchIndex

# bm25() column weights of both tables: title, lead paragraph, rest of the body. The lead
# weight was tuned (a news lead restates its headline); the title weight (the title boost)
# is set above it by design: the benchmark indexes no titles.
FIELD_WEIGHTS = (10.0, 6.0, 1.0)


class SearchOptions(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    """What to return: at most ``limit`` hits, optionally filtered by source and date."""

    limit: int = 10
    source: str | None = None  # a substring of the article's source ("泉州晚报")
    since: str | None = None  # ISO dates, inclusive; articles without a date are left out
    until: str | None = None
    meaning: bool = False  # rerank the best hits by meaning too (``fjhealth.meaning``)


def quote(text: str) -> str:
    """A string as an FTS5 phrase.

    >>> quote('医共体"建设')
    '"医共体""建设"'
    """
    return '"' + text.replace('"', '""') + '"'


class Scope:
    """One corpus of a search index, limited by the options' source and dates."""

    def __init__(self, index: SearchIndex, scope: str, options: SearchOptions) -> None:
        self.index = index.corpus(scope)
        self.scope = scope
        self.options = options
        filters, params = [], []
        if options.source:
            from .query import no_surrogates

            filters.append("instr(d.source, ?) > 0")
            params.append(no_surrogates(options.source))
        if options.since:
            filters.append("d.date >= ?")
            params.append(options.since)
        if options.until:
            filters.append("d.date <= ?")
            params.append(options.until)
        self._filters = "".join(f" AND {f}" for f in filters)
        self._params = params
        self._whole: bool | None = None

    def _everything(self) -> bool:
        """Whether the scope, filtered, is every article of the index (then no join is needed,
        which makes a query about three times cheaper)."""
        if self._whole is None:
            self._whole = not self._filters and self.index.covers_all()
        return self._whole

    def bm25_scores(self, table: str, weights: str, match: str, limit: int) -> dict[int, float]:
        """rowid -> BM25 score (higher is better) of the articles in scope matching ``match``."""
        if not match:
            return {}
        if self._everything():
            sql = f"SELECT rowid, bm25({table}{weights}) AS s FROM {table} WHERE {table} MATCH ?"
            rows = self.index.db.execute(sql + " ORDER BY s LIMIT ?", (match, limit))
            return {rowid: -score for rowid, score in rows}
        sql = (
            f"SELECT f.rowid, bm25({table}{weights}) AS s FROM {table} f"
            " JOIN search_docs d ON d.rowid = f.rowid JOIN search_files c ON c.page = d.page"
            f" WHERE {table} MATCH ?{self._filters} ORDER BY s LIMIT ?"
        )
        rows = self.index.db.execute(sql, (match, *self._params, limit))
        return {rowid: -score for rowid, score in rows}

    def in_scope(self) -> set[int]:
        """Every article in scope."""
        sql = (
            "SELECT d.rowid FROM search_docs d JOIN search_files c"
            f" ON c.page = d.page WHERE 1{self._filters}"
        )
        return {r[0] for r in self.index.db.execute(sql, self._params)}

    def texts(self, rowids: list[int]) -> dict[int, tuple[str, str]]:
        """rowid -> (title, body text)."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.index.db.execute(
            f"SELECT rowid, title, text FROM search_docs WHERE rowid IN ({marks})", rowids
        )
        return {r: (t or "", text) for r, t, text in rows}

    def meta(self, rowids: list[int]) -> dict[int, tuple[str, str, str | None, str | None, str]]:
        """rowid -> (article ID, title, source, date, file)."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.index.db.execute(
            "SELECT d.rowid, d.article, d.title, d.source, d.date, c.file FROM search_docs d"
            f" LEFT JOIN search_files c ON c.page = d.page WHERE d.rowid IN ({marks})",
            rowids,
        )
        return {r[0]: r[1:] for r in rows}
