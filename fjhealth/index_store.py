"""The search index's storage: one SQLite database of FTS5 tables per corpus.

Two contentless FTS5 tables hold what ``segment`` cut (no second tokenizer decides what a word
is): ``search_words`` has one column per field (title, lead paragraph, rest of the body) of
space-joined jieba tokens; ``search_chars`` the same text as single characters with their
positions, so any substring can be matched as a phrase and a word the segmenter cut otherwise
is still found. ``search_docs`` holds what a hit shows (ID, title, source, date, the text for
snippets); ``search_files`` which indexed pages make up the corpus now, and their files.

Each corpus (a folder read with an encoding, see ``search_index.corpus_scope``) has its own database
file beside the page cache (``search-<digest>.sqlite3``): FTS5's BM25 takes its word statistics
(document frequencies, average lengths) from the whole of its tables, so a corpus's scores and
order must not depend on which other corpora were indexed with the same cache. The tables are
dropped and made anew when the pipeline version or their layout changes (``INDEX_FORMAT``).
Until format 9 all corpora shared tables inside the page cache's own file; the first index
made in the new layout drops those.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path

from .cache import (
    OPEN_ATTEMPTS,
    CacheError,
    PageCache,
    _private_dir,
    _private_files,
    locked,
    sha256,
)
from .index_docs import TOKENIZER, IndexDoc

# Bump when the tables' layout or what goes into them changes.
INDEX_FORMAT = "13"
# Terms looked up in one statement (SQLite allows 32,766 parameters by default, fewer before
# 3.32).
LOOKUP_BATCH = 500
# A corpus's index file in the cache directory (``disk.KINDS`` names the pattern).
FILE_PREFIX, FILE_SUFFIX = "search-", ".sqlite3"
_TABLES = ("search_words", "search_chars", "search_docs", "search_files", "search_skipped",
           "search_notes")
# The tables all corpora shared inside the page cache's file until format 9.
_LEGACY_TABLES = ("search_words", "search_chars", "search_docs", "search_scope",
                  "search_corpora", "search_meta")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS search_docs (
    rowid INTEGER PRIMARY KEY, page TEXT, article TEXT, title TEXT, source TEXT, date TEXT,
    text TEXT);
CREATE INDEX IF NOT EXISTS search_docs_page ON search_docs (page);
CREATE TABLE IF NOT EXISTS search_files (page TEXT PRIMARY KEY, file TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_skipped (n INTEGER PRIMARY KEY, file BLOB, error TEXT);
CREATE TABLE IF NOT EXISTS search_notes (page TEXT PRIMARY KEY, doubt TEXT, articles INTEGER)
    WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(
    title, lead, body, content='', tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS search_chars USING fts5(
    title, lead, body, content='', tokenize='{TOKENIZER}');
"""
# The memory FTS5 gathers terms in before writing them out (with ``search_index.WRITE_BATCH``, the
# pages written per transaction):
# FTS5 writes a new segment at every commit (and whenever that memory fills) and merges the
# segments later, so fewer, larger writes cost less (a third fewer instructions in SQLite for
# 3,000 pages than 256 pages a transaction with the default 1 MB). FTS5 merges nothing until a
# level holds CRISIS_MERGE segments (``automerge`` 0): merging as it goes took a third of the
# FTS5 write time of a 10,000-page build, and queries over the few unmerged segments were no
# slower (0.30 s for 120 queries either way).
HASH_BYTES = 16 << 20


def index_file(directory: Path, scope: str) -> Path:
    """Where a corpus's index is kept: a file named by a digest of its scope."""
    digest = sha256(scope.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return directory / f"{FILE_PREFIX}{digest}{FILE_SUFFIX}"


class SearchIndex:
    """The search indexes kept beside a page cache, one per corpus (``corpus``)."""

    def __init__(self, cache: PageCache) -> None:
        self.cache = cache
        self._corpora: dict[str, CorpusIndex] = {}

    def corpus(self, scope: str) -> CorpusIndex:
        """The index of one corpus (opened on first use)."""
        if scope not in self._corpora:
            self._corpora[scope] = CorpusIndex(self.cache, scope)
        return self._corpora[scope]

    def close(self) -> None:
        for index in self._corpora.values():
            index.close()
        self._corpora.clear()


class CorpusIndex:
    """One corpus's index: the tables of its own database file."""

    def __init__(self, cache: PageCache, scope: str) -> None:
        self.cache = cache
        self.scope = scope
        self.path = index_file(cache.directory, scope)
        self._db: sqlite3.Connection | None = None
        self._covers: bool | None = None
        self._size: int | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._connect()
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        """Open (or create) the file and its tables; a file that is not a database any more
        is replaced, one another process holds locked is waited for."""
        for attempt in range(OPEN_ATTEMPTS):
            try:
                _private_dir(self.cache.directory)
                fresh = not self.path.exists()
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                try:
                    db.execute("PRAGMA busy_timeout = 30000")
                    db.execute("PRAGMA journal_mode = WAL")
                    db.execute("PRAGMA synchronous = NORMAL")
                    self._prepare(db)
                except BaseException:
                    db.close()
                    raise
                _private_files(self.path)
                if fresh:
                    drop_legacy_tables(self.cache)
                return db
            except sqlite3.OperationalError as exc:  # locked while another process creates it
                if not locked(exc) or attempt == OPEN_ATTEMPTS - 1:
                    raise CacheError(f"cannot open the search index {self.path}: {exc}") from exc
                time.sleep(0.05 * (attempt + 1))
            except sqlite3.DatabaseError:  # not a database any more: start afresh
                for suffix in ("", "-wal", "-shm"):
                    with suppress(FileNotFoundError):
                        Path(str(self.path) + suffix).unlink()
            except OSError as exc:
                raise CacheError(f"cannot use cache directory {self.cache.directory}: {exc}") \
                    from exc
        raise CacheError(f"cannot open the search index {self.path}")

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
        db.execute("DELETE FROM search_meta")
        db.execute("COMMIT")
        db.executescript(_SCHEMA)
        for table in ("search_words", "search_chars"):
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (HASH_BYTES,))
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
        db.executemany("INSERT OR REPLACE INTO search_meta VALUES (?, ?)",
                       (("version", version), ("scope", _text(self.scope))))

    def covers_all(self) -> bool:
        """Whether every article of the index belongs to the corpus now (remembered until a
        change)."""
        if self._covers is None:
            inside = self.db.execute(
                "SELECT COUNT(*) FROM search_docs d JOIN search_files c ON c.page = d.page"
            ).fetchone()[0]
            self._covers = inside == self.size()
        return self._covers

    def size(self) -> int:
        """Articles in the index."""
        if self._size is None:
            self._size = self.db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
        return self._size

    def known_terms(self, candidates: Iterable[str]) -> set[str]:
        """Which of these strings are tokens of the index (any field)."""
        return set(self.doc_freqs(candidates))

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        """Articles holding each term (terms the index lacks are left out). Looked up a few
        hundred terms a statement (``term IN (...)``: SQLite looks each up in the vocabulary,
        as a statement a term did at twice the cost)."""
        db = self.db
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
            " USING fts5vocab(main, search_words, 'row')"
        )
        lowered = {t: t.lower() for t in terms}
        wanted = list(dict.fromkeys(lowered.values()))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), LOOKUP_BATCH):
            chunk = wanted[i : i + LOOKUP_BATCH]
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(
                f"SELECT term, doc FROM temp.search_vocab WHERE term IN ({marks})", chunk))
        return {t: found[low] for t, low in lowered.items() if low in found}

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM search_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def state(self) -> str | None:
        """The corpus state the index was last brought up to date with."""
        return self._meta("state")

    def stamp(self) -> str | None:
        """The files' ``stat`` signature (``stamp.stat_stamp``) at that state, if one was kept."""
        return self._meta("stamp")

    def skipped(self) -> list[tuple[str, str]]:
        """(file, error) of the files skipped at the current state, in corpus order."""
        rows = self.db.execute("SELECT file, error FROM search_skipped ORDER BY n")
        return [(os.fsdecode(f), e) for f, e in rows]

    def notes(self) -> list[tuple[str, str | None, int]]:
        """(file, doubt, articles) of the corpus's pages worth a warning: read with a doubt
        about their decoding, or holding no article."""
        rows = self.db.execute("SELECT f.file, n.doubt, n.articles FROM search_notes n"
                               " JOIN search_files f ON f.page = n.page")
        return [(f, d, int(a)) for f, d, a in rows]

    def set_stamp(self, stamp: str | None) -> None:
        """Keep the files' ``stat`` signature of the corpus's current state."""
        self.db.execute("INSERT OR REPLACE INTO search_meta VALUES ('stamp', ?)", (stamp,))

    def page_count(self) -> int:
        """Pages with articles in the index."""
        return int(self.db.execute("SELECT COUNT(DISTINCT page) FROM search_docs").fetchone()[0])

    def clear(self) -> None:
        """Empty the index (its settings and state kept)."""
        self._covers = None
        self._size = None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM search_docs")
            for table in ("search_words", "search_chars"):
                db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def pages(self) -> set[str]:
        """The page keys the index holds."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT page FROM search_docs")}

    def remove(self, pages: Sequence[tuple[str, Sequence[IndexDoc]]]) -> bool:
        """Take pages' articles out of the index in one transaction, given the entries they
        were indexed with (rebuilt from the page cache): a contentless FTS5 table deletes a row
        only given the values it was inserted with, and its BM25 statistics (row count, column
        sizes, document frequencies) are then as if the row had never been there. Returns
        False, changing nothing, when an entry does not match its stored article (title and
        text; such values would corrupt the tables' counts)."""
        self._covers = None
        self._size = None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for key, docs in pages:
                rows = db.execute("SELECT rowid, article, title, text FROM search_docs"
                                  " WHERE page = ? ORDER BY rowid", (key,)).fetchall()
                if [(r[1], r[2], r[3]) for r in rows] != [(d.article, d.title, d.text)
                                                         for d in docs]:
                    db.execute("ROLLBACK")
                    return False
                pairs = list(zip((r[0] for r in rows), docs, strict=True))
                db.executemany(
                    "INSERT INTO search_words (search_words, rowid, title, lead, body)"
                    " VALUES ('delete', ?, ?, ?, ?)",
                    ((i, d.title_words, d.lead_words, d.body_words) for i, d in pairs))
                db.executemany(
                    "INSERT INTO search_chars (search_chars, rowid, title, lead, body)"
                    " VALUES ('delete', ?, ?, ?, ?)",
                    ((i, d.title_chars, d.lead_chars, d.body_chars) for i, d in pairs))
                db.execute("DELETE FROM search_docs WHERE page = ?", (key,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def add(
        self,
        pages: Sequence[tuple[str, Sequence[IndexDoc]]],
        notes: Iterable[tuple[str, str | None, int]] = (),
        *,
        commit: bool = True,
    ) -> None:
        """Index pages' articles in one transaction (a page the index holds already is left
        as it is: another process may have indexed it meanwhile), with the (page key, doubt,
        articles) of those worth a warning (see ``notes``). ``commit`` False leaves the
        transaction open for more pages (FTS5 writes its terms out at each commit)."""
        self._covers = None
        self._size = None
        db = self.db
        if not db.in_transaction:
            db.execute("BEGIN IMMEDIATE")
        try:
            held = "SELECT 1 FROM search_docs WHERE page = ? LIMIT 1"
            # One statement per table (interleaving the three tables' rows cost a third more).
            first = db.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM search_docs").fetchone()[0]
            rows = [(key, d) for key, docs in pages if docs
                    and db.execute(held, (key,)).fetchone() is None for d in docs]
            db.executemany("INSERT OR REPLACE INTO search_notes VALUES (?, ?, ?)", notes)
            db.executemany(
                "INSERT INTO search_docs (rowid, page, article, title, source, date, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((first + i, key, d.article, d.title, d.source, d.date, d.text)
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
            if commit:
                db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def set_files(
        self,
        state: str,
        files: Iterable[tuple[str, str]],
        stamp: str | None = None,
        skipped: Iterable[tuple[str, str]] = (),
        notes: Iterable[tuple[str, str | None, int]] = (),
    ) -> None:
        """Record which pages make up the corpus at this state (and ``stat`` signature), with
        the file each is read from: (page key, file) pairs, the first file of a page kept; and
        the (file, error) of each file skipped; and (page key, doubt, articles) of the new
        pages worth a warning (see ``notes``: the others' are kept while they are in the corpus)."""
        self._covers = None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM search_files")
        db.executemany("INSERT OR IGNORE INTO search_files VALUES (?, ?)",
                       ((k, _text(f)) for k, f in files))
        db.execute("DELETE FROM search_skipped")
        db.executemany("INSERT OR REPLACE INTO search_notes VALUES (?, ?, ?)", notes)
        db.execute("DELETE FROM search_notes WHERE page NOT IN (SELECT page FROM search_files)")
        db.executemany("INSERT INTO search_skipped (file, error) VALUES (?, ?)",
                       ((os.fsencode(f), _text(e)) for f, e in skipped))
        db.executemany("INSERT OR REPLACE INTO search_meta VALUES (?, ?)",
                       (("state", state), ("stamp", stamp)))
        db.execute("COMMIT")


def _text(value: str) -> str:
    """A string sqlite can store: undecodable file-name bytes (surrogates) written as U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def drop_legacy_tables(cache: PageCache) -> None:
    """Drop the search tables an older fjhealth kept inside the page cache's file."""
    with suppress(sqlite3.Error, CacheError):
        db = cache._connect()
        marks = ",".join("?" * len(_LEGACY_TABLES))
        found = {r[0] for r in db.execute(
            f"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
            _LEGACY_TABLES)}
        if not found:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in _LEGACY_TABLES:  # the FTS5 tables first: they drop their own shadows
                if table in found:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
