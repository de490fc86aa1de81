"""Everything fjhealth keeps on disk, in its cache directory: found, measured, cleared, capped.

The directory is ``FJHEALTH_CACHE_DIR``, else the user cache directory (see
``cache.default_cache_dir``). It holds the page cache (``cache.DB_NAME`` and SQLite's ``-wal``
and ``-shm`` files beside it; older versions' files until cleared), the search index of each
corpus searched (``search-<digest>.sqlite3``, see ``search_index``) and jieba's dictionary cache
(``jieba-<version>.cache``, see ``segment``). A module that adds a file there adds its pattern to
``KINDS``. ``clear`` deletes the files of known kinds, and any other file only when the
directory is fjhealth's own default one (never a folder the user pointed at that holds more).
A search index whose corpus folder is gone is stale (``with_stale``): ``remove_stale`` deletes
such files, as ``cache clear --stale`` and every trim of the page cache do.

The page cache is capped (``DEFAULT_LIMIT``, ``FJHEALTH_CACHE_MAX`` overrides): past the cap the
oldest-written rows go until it is under 80% of it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing, suppress
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

from .cache import DB_NAME, default_cache_dir
from .errors import FjhealthError

# File-name patterns of what fjhealth writes, by kind; the first that matches names the kind.
KINDS = (
    ("page cache", (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm")),
    ("old page cache", ("pages-*.sqlite3", "pages-*.sqlite3-wal", "pages-*.sqlite3-shm")),
    ("search index", ("search-*.sqlite3", "search-*.sqlite3-wal", "search-*.sqlite3-shm")),
    ("jieba dictionary", ("jieba*.cache",)),
)
# The kind ``with_stale`` gives a search index whose corpus folder is gone.
STALE = "stale search index"
LIMIT_ENV = "FJHEALTH_CACHE_MAX"
DEFAULT_LIMIT = 1024**3  # 1 GiB of page cache
TRIM_TO = 0.8  # a trimmed page cache keeps this share of the limit
TRIM_ROUNDS = 6
_TABLES = ("entries", "words", "results", "corpus")
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
# "500MB", "1.5G", "2 GiB", "0": a number and an optional binary unit.
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", re.I)


class StoredFile(NamedTuple):  # builds ~4x faster than a frozen dataclass
    path: Path
    kind: str  # one of KINDS' names, or "other"
    size: int
    corpus: str | None = None  # a search index's corpus folder (see ``with_stale``)


def kind_of(name: str) -> str:
    """The kind of a file in the cache directory, by its name.

    >>> kind_of("jieba-0.42.1.cache"), kind_of("notes.txt")
    ('jieba dictionary', 'other')
    """
    for kind, patterns in KINDS:
        if any(fnmatch(name, p) for p in patterns):
            return kind
    return "other"


def stored_files(directory: Path | None = None) -> tuple[StoredFile, ...]:
    """Every file in the cache directory, with its kind and size (none when it is missing)."""
    folder = directory or default_cache_dir()
    found = []
    with suppress(FileNotFoundError, NotADirectoryError):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            with suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    path = Path(entry.path)
                    found.append(StoredFile(path, kind_of(entry.name), entry.stat().st_size))
    return tuple(found)


def not_a_folder(directory: Path) -> str | None:
    """Why the cache directory can be no folder, in words: a file stands at it or at one of its
    parents (None: it is a folder, or missing and can be made)."""
    for path in (directory, *directory.parents):
        if path.exists():
            if path.is_dir():
                return None
            return ("it is a file, not a folder" if path == directory
                    else "a file stands where a folder of its path should be")
    return None


def clear(directory: Path | None = None) -> tuple[StoredFile, ...]:
    """Delete what fjhealth keeps on disk; returns the files deleted."""
    own = directory is None or directory == _own_dir()
    return _delete(f for f in stored_files(directory) if f.kind != "other" or own)


def _delete(files: Iterable[StoredFile]) -> tuple[StoredFile, ...]:
    """Delete these files; returns those deleted (not those already gone)."""
    removed = []
    for f in files:
        with suppress(FileNotFoundError):
            f.path.unlink()
            removed.append(f)
    return tuple(removed)


def with_stale(files: tuple[StoredFile, ...]) -> tuple[StoredFile, ...]:
    """``files``, each search index (and its SQLite side files) with the corpus folder it
    indexes, marked ``STALE`` when that folder no longer exists. An index that cannot be read,
    or names its folder with bytes it could not keep, is left as it is."""
    folders: dict[str, Path | None] = {}
    out = []
    for f in files:
        if f.kind == "search index":
            base = re.sub(r"-(wal|shm)$", "", f.path.name)
            if base not in folders:
                folders[base] = _corpus_folder(f.path.with_name(base))
            folder = folders[base]
            if folder is not None:
                f = f._replace(corpus=str(folder), kind=f.kind if folder.is_dir() else STALE)
        out.append(f)
    return tuple(out)


def _corpus_folder(index: Path) -> Path | None:
    """The corpus folder a search index file names (its ``scope``: the folder's path, ``|``,
    the encoding), or None. The file is read as it is (``immutable``: no lock, no SQLite side
    file made; what a write-ahead log holds is not seen)."""
    try:
        with closing(sqlite3.connect(f"{index.as_uri()}?immutable=1", uri=True)) as db:
            row = db.execute("SELECT value FROM search_meta WHERE key = 'scope'").fetchone()
    except (sqlite3.Error, ValueError):
        return None
    if row is None or not isinstance(row[0], str) or "\ufffd" in row[0] or "|" not in row[0]:
        return None
    folder = Path(row[0].rsplit("|", 1)[0])
    return folder if folder.is_absolute() else None


def remove_stale(directory: Path | None = None) -> tuple[StoredFile, ...]:
    """Delete the search indexes of corpus folders that no longer exist; returns the files
    deleted."""
    return _delete(f for f in with_stale(stored_files(directory)) if f.kind == STALE)


def _own_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fjhealth", appauthor=False))


def parse_size(text: str) -> int:
    """Bytes from a size such as ``500MB``, ``1.5G`` or ``0``.

    >>> parse_size("500MB"), parse_size("1.5 GiB"), parse_size("0")
    (524288000, 1610612736, 0)

    Raises:
        ValueError: not a size.
    """
    match = _SIZE_RE.fullmatch(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (e.g. 500MB, 2G, 0 for no limit)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def format_size(size: int) -> str:
    """A size for people: ``9.4 MB``, ``118 KB``, ``512 B`` (binary units).

    >>> format_size(512), format_size(118784), format_size(9254935)
    ('512 B', '116 KB', '8.8 MB')
    """
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    if unit == "B":
        return f"{size} B"
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


def page_cache_limit(env: Mapping[str, str]) -> int | None:
    """The page cache's cap in bytes (None: no cap, set with ``FJHEALTH_CACHE_MAX=0``).

    Raises:
        FjhealthError: the variable is not a size.
    """
    value = env.get(LIMIT_ENV, "")
    if not value:
        return DEFAULT_LIMIT
    try:
        limit = parse_size(value)
    except ValueError as exc:
        raise FjhealthError(f"${LIMIT_ENV}: {exc}") from None
    return limit or None


def page_cache_size(directory: Path | None = None) -> int:
    """Bytes the current page cache takes (database and its SQLite side files)."""
    return sum(f.size for f in stored_files(directory) if f.kind == "page cache")


def trim_page_cache(limit: int, directory: Path | None = None) -> int:
    """Drop the oldest-written rows until the page cache is under ``TRIM_TO`` of ``limit``.

    Rows differ in size, so this takes a round or two, each keeping the share of rows the
    size left for them (beyond the file's fixed pages) still allows. Returns the bytes freed
    (0 when it was under the limit or could not be trimmed now).
    """
    path = (directory or default_cache_dir()) / DB_NAME
    before = page_cache_size(directory)
    if before <= limit or not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(path, timeout=30, isolation_level=None)) as db:
            (page,) = db.execute("PRAGMA page_size").fetchone()
            fixed = (1 + 2 * len(_TABLES)) * page  # schema, each table and its key index
            for _ in range(TRIM_ROUNDS):
                # the database alone: while it is open, SQLite's side files are there too
                size = db.execute("PRAGMA page_count").fetchone()[0] * page
                keep = max(TRIM_TO * limit - fixed, 0) / max(size - fixed, 1)
                if size <= limit or not _drop_oldest(db, min(keep, 1.0)):
                    break
    except sqlite3.Error:  # busy, locked or damaged: the next run tries again
        return 0
    return max(before - page_cache_size(directory), 0)


def _drop_oldest(db: sqlite3.Connection, keep: float) -> bool:
    """Keep the newest ``keep`` share of each table's rows, then shrink the file; False when
    there was nothing left to drop."""
    dropped = 0
    db.execute("BEGIN IMMEDIATE")
    for table in _TABLES:
        (rows,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        drop = rows - int(rows * keep)
        dropped += drop
        db.execute(
            f"DELETE FROM {table} WHERE rowid IN "
            f"(SELECT rowid FROM {table} ORDER BY rowid LIMIT ?)",
            (drop,),
        )
    db.execute("COMMIT")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return dropped > 0
