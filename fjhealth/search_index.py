"""The search index: SQLite FTS5 tables of jieba tokens and characters in the page cache's file.

Two contentless FTS5 tables hold what ``segment`` cut (no second tokenizer decides what a word
is): ``search_words`` has one column per field (title, lead paragraph, rest of the body) of
space-joined jieba tokens; ``search_chars`` the same text as single characters with their
positions, so any substring can be matched as a phrase and a word the segmenter cut otherwise
is still found. ``search_docs`` holds what a hit shows (ID, title, source, date, the text for
snippets); ``search_scope`` which indexed pages make up each corpus folder.

The index follows the page cache: pages are keyed like cache entries (file content, encoding,
page ID), a corpus whose files changed (name, size, modification time) is re-scoped and its new
pages indexed from the cached articles and tokens, and the whole index is dropped and rebuilt
when the pipeline version changes (segmenter, dictionaries, cleaner, jieba). Like the page
cache, entries of files no longer in any corpus stay until ``fjhealth cache clear``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .cache import PageCache, content_key, sha256
from .corpus import page_id
from .index_docs import TOKENIZER, IndexDoc, IndexTask, make_doc
from .models import article_from_dict

# Bump when the tables' layout or what goes into them changes.
INDEX_FORMAT = "9"
_TABLES = ("search_words", "search_chars", "search_docs", "search_scope", "search_corpora")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS search_docs (
    rowid INTEGER PRIMARY KEY, page TEXT, article TEXT, title TEXT, source TEXT, date TEXT,
    file TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS search_docs_page ON search_docs (page);
CREATE TABLE IF NOT EXISTS search_scope (scope TEXT, page TEXT, PRIMARY KEY (scope, page))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_corpora (scope TEXT PRIMARY KEY, state TEXT, stamp TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(
    title, lead, body, content='', tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS search_chars USING fts5(
    title, lead, body, content='', tokenize='{TOKENIZER}');
"""
# Pages written per transaction, and the memory FTS5 gathers terms in before writing them out:
# FTS5 writes a new segment at every commit (and whenever that memory fills) and merges the
# segments later, so fewer, larger writes cost less (a third fewer instructions in SQLite for
# 3,000 pages than 256 pages a transaction with the default 1 MB). FTS5 merges nothing until a
# level holds CRISIS_MERGE segments (``automerge`` 0): merging as it goes took a third of the
# FTS5 write time of a 10,000-page build, and queries over the few unmerged segments were no
# slower (0.30 s for 120 queries either way).
WRITE_BATCH = 1024
HASH_BYTES = 16 << 20
# Pages read from the page cache per query.
CACHE_BATCH = 256
# What a cached entry of the wrong shape raises when rebuilt into articles.
_BAD_SHAPE = (KeyError, IndexError, TypeError, ValueError, AttributeError)


def page_key(path: Path, data: bytes, encoding: str | None) -> str:
    """The key a page is indexed under: like its page-cache entry's."""
    return content_key(data, encoding) + ":" + page_id(path)


class SearchIndex:
    """The index tables inside a page cache's database file."""

    def __init__(self, cache: PageCache) -> None:
        self.cache = cache
        self._ready = False
        self._covers: dict[str, bool] = {}
        self._size: int | None = None

    @property
    def db(self) -> sqlite3.Connection:
        db = self.cache._connect()
        if not self._ready:
            self._prepare(db)
            self._ready = True
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Create the tables; drop and recreate them when the pipeline version changed."""
        version = f"{INDEX_FORMAT}:{self.cache.version}"
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone()
        if row is not None and row[0] == version:
            return
        db.execute("BEGIN IMMEDIATE")
        for table in _TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("COMMIT")
        db.executescript(_SCHEMA)
        for table in ("search_words", "search_chars"):
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (HASH_BYTES,))
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
        db.execute("INSERT OR REPLACE INTO search_meta VALUES ('version', ?)", (version,))

    def covers_all(self, scope: str) -> bool:
        """Whether every article of the index belongs to the scope (remembered until a change)."""
        if scope not in self._covers:
            total = self.size()
            inside = self.db.execute(
                "SELECT COUNT(*) FROM search_docs d JOIN search_scope c"
                " ON c.page = d.page AND c.scope = ?",
                (scope,),
            ).fetchone()[0]
            self._covers[scope] = inside == total
        return self._covers[scope]

    def size(self) -> int:
        """Articles in the index (any corpus)."""
        if self._size is None:
            self._size = self.db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
        return self._size

    def known_terms(self, candidates: Iterable[str]) -> set[str]:
        """Which of these strings are tokens of the index (any corpus, any field)."""
        db = self.db
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
            " USING fts5vocab(main, search_words, 'row')"
        )
        lookup = "SELECT 1 FROM temp.search_vocab WHERE term = ?"
        return {c for c in candidates if db.execute(lookup, (c.lower(),)).fetchone()}

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        """Articles holding each term (terms the index lacks are left out)."""
        self.known_terms(())  # creates the vocabulary table
        lookup = "SELECT doc FROM temp.search_vocab WHERE term = ?"
        out = {}
        for t in terms:
            row = self.db.execute(lookup, (t.lower(),)).fetchone()
            if row:
                out[t] = row[0]
        return out

    def scope_state(self, scope: str) -> str | None:
        """The corpus state the scope was last indexed at."""
        row = self.db.execute(
            "SELECT state FROM search_corpora WHERE scope = ?", (scope,)
        ).fetchone()
        return row[0] if row else None

    def scope_stamp(self, scope: str) -> str | None:
        """The files' ``stat`` signature (``stamp.stat_stamp``) at that state, if one was kept."""
        row = self.db.execute(
            "SELECT stamp FROM search_corpora WHERE scope = ?", (scope,)
        ).fetchone()
        return row[0] if row else None

    def set_stamp(self, scope: str, stamp: str | None) -> None:
        """Keep the files' ``stat`` signature of the scope's current state."""
        self.db.execute("UPDATE search_corpora SET stamp = ? WHERE scope = ?", (stamp, scope))

    def indexed_pages(self, keys: Iterable[str]) -> set[str]:
        """Which of these page keys the index already holds."""
        db = self.db
        found: set[str] = set()
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in db.execute(
                    f"SELECT DISTINCT page FROM search_docs WHERE page IN ({marks})", chunk
                )
            )
        return found

    def add(self, pages: Sequence[tuple[str, Sequence[IndexDoc]]]) -> None:
        """Index pages' articles in one transaction."""
        self._covers.clear()
        self._size = None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            # One statement per table (interleaving the three tables' rows cost a third more).
            first = db.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM search_docs").fetchone()[0]
            rows = [(key, d) for key, docs in pages for d in docs]
            db.executemany(
                "INSERT INTO search_docs (rowid, page, article, title, source, date, file, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((first + i, key, d.article, d.title, d.source, d.date, d.file, d.text)
                 for i, (key, d) in enumerate(rows)),
            )
            db.executemany(
                "INSERT INTO search_words (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                ((first + i, d.title_words, d.lead_words, d.body_words)
                 for i, (_, d) in enumerate(rows)),
            )
            db.executemany(
                "INSERT INTO search_chars (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                ((first + i, d.title_chars, d.lead_chars, d.body_chars)
                 for i, (_, d) in enumerate(rows)),
            )
            db.execute("COMMIT")
            self.cache.written += len(pages)  # the cache grew: the run checks its size limit
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def set_scope(
        self, scope: str, state: str, keys: Iterable[str], stamp: str | None = None
    ) -> None:
        """Record which pages make up a corpus folder at this state (and ``stat`` signature)."""
        self._covers.clear()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM search_scope WHERE scope = ?", (scope,))
        db.executemany(
            "INSERT OR IGNORE INTO search_scope VALUES (?, ?)", ((scope, k) for k in keys)
        )
        db.execute("INSERT OR REPLACE INTO search_corpora VALUES (?, ?, ?)", (scope, state, stamp))
        db.execute("COMMIT")


def update_index(
    index: SearchIndex,
    scope: str,
    paths: Sequence[Path],
    *,
    encoding: str | None = None,
    jobs: int | None = None,
    on_error: Callable[[Any], None] | None = None,
) -> None:
    """Bring the index up to date with a corpus: index its new pages, re-scope it.

    Cheap when no file changed since the last run (one ``stat`` per file, see ``stamp``);
    otherwise every file is read and hashed, and only pages the index lacks are read from the
    page cache (or cleaned and cut).
    """
    from .batch import run_corpus
    from .stamp import stat_stamp

    stamp = stat_stamp(paths, encoding)
    if stamp is not None and index.scope_stamp(scope) == stamp:
        return
    keys = page_keys(paths, encoding)
    state = sha256((encoding or "").encode())
    for path in paths:  # like batch.corpus_state, from the keys: each file is read once
        state.update(os.fsencode(path.name) + f"\0{keys.get(path, 'unreadable')}\n".encode())
    if index.scope_state(scope) == state.hexdigest():
        if stamp is not None:
            index.set_stamp(scope, stamp)
        return
    known = index.indexed_pages(keys.values())
    missing = [p for p in paths if keys.get(p) not in known]
    # Pages the page cache holds (cleaned articles and their tokens) are indexed straight
    # from it; the rest go through a batch run (cleaned and cut).
    missing = _index_cached(index, missing, keys)
    pending: list[tuple[str, Sequence[IndexDoc]]] = []
    # The batch run writes page-cache rows between its results: index rows are written in
    # separate transactions, between them.
    for res in run_corpus(missing, IndexTask(), jobs=jobs, cache=index.cache, encoding=encoding):
        if res.result is None:
            keys.pop(res.path, None)
            if on_error is not None:
                on_error(res)
            continue
        if res.path in keys:
            pending.append((keys[res.path], res.result))
        if len(pending) >= WRITE_BATCH:
            index.add(pending)
            pending.clear()
    index.add(pending)
    index.set_scope(scope, state.hexdigest(), keys.values(), stamp)


def page_keys(paths: Sequence[Path], encoding: str | None) -> dict[Path, str]:
    """The readable files' index keys (``page_key``); a file that cannot be read has none."""
    from .corpus import read_file

    keys: dict[Path, str] = {}
    for path in paths:
        try:
            keys[path] = page_key(path, read_file(path), encoding)
        except OSError:
            continue  # reported by the batch run that cleans the missing pages
    return keys


def _index_cached(index: SearchIndex, paths: Sequence[Path], keys: dict[Path, str]) -> list[Path]:
    """Index the pages whose articles and tokens the page cache holds; return the others.

    Reads the cache a few hundred rows per query and never starts a worker or loads the
    segmenter (a text the tokens miss is cut then, as in a batch run).
    """
    from . import segment
    from .batch import unpack_words

    rest: list[Path] = []
    pending: list[tuple[str, Sequence[IndexDoc]]] = []
    for i in range(0, len(paths), CACHE_BATCH):
        chunk = [p for p in paths[i : i + CACHE_BATCH] if p in keys]
        wanted = [keys[p] for p in chunk]
        entries = index.cache.get_many(wanted, "entries")
        words = index.cache.get_many(wanted, "words")
        for path in chunk:
            key = keys[path]
            entry, memo = entries.get(key), words.get(key)
            if entry is None or memo is None:
                rest.append(path)
                continue
            try:
                articles = [replace(article_from_dict(a), path=path) for a in entry]
            except _BAD_SHAPE:
                rest.append(path)
                continue
            tokens = unpack_words(memo)
            with segment.recording(tokens):
                pending.append((key, [make_doc(a, tokens) for a in articles]))
        if len(pending) >= WRITE_BATCH:
            index.add(pending)
            pending.clear()
    index.add(pending)
    return rest
