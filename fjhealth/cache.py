"""Persistent cache of cleaned pages and their tokens: one SQLite file in the user cache dir.

Entries are keyed by the SHA-256 of a file's bytes (plus the encoding asked for) and stamped
with the version of everything that shapes them (cleaner and segmenter source, dictionaries,
jieba's code), so an edited file or an upgraded fjhealth simply misses. Each payload carries
its own checksum: a garbled or truncated entry is detected, dropped and rebuilt; a database
file that is not SQLite any more is replaced. Writes are transactions (atomic); several
processes may read and write at once (WAL mode, busy timeout).
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .errors import FjhealthError

try:  # CPython's own SHA-256, the same digests without importing hashlib, which loads OpenSSL
    # and looks up every algorithm at import (~12 M instructions, 3% of a `fjhealth list`)
    from _sha256 import sha256  # Python 3.10-3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:  # a build without the built-in hashes
        from hashlib import sha256

DB_NAME = "pages-v2.sqlite3"
# Tries at opening the database while another process may be creating it.
OPEN_ATTEMPTS = 20
# Largest decompressed entry read back (a page of 50 MB of text is well under it).
MAX_ENTRY_BYTES = 256 * 1024 * 1024
# Files whose content decides what a cache entry holds (globs under the package directory):
# all of the library's code and data, so no new module can be forgotten here.
VERSIONED_GLOBS = ("**/*.py", "data/*")
BIG_FILE = 1 << 16  # bytes; larger files are versioned by size and ends (see _fingerprint)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, version TEXT, sum TEXT, payload BLOB);
CREATE TABLE IF NOT EXISTS corpus (key TEXT PRIMARY KEY, version TEXT, sum TEXT, payload BLOB);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, version TEXT, sum TEXT, payload BLOB);
CREATE TABLE IF NOT EXISTS words (key TEXT PRIMARY KEY, version TEXT, sum TEXT, payload BLOB);
"""


# A row ready for SQLite: (table, (key, version, checksum, compressed JSON)).
PackedRow = tuple[str, tuple[str, str, str, bytes]]


class CacheError(FjhealthError):
    """The cache directory cannot be created or written."""


class CacheInfo(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    path: Path
    entries: int
    corpus_entries: int
    size_bytes: int


def default_cache_dir() -> Path:
    """``FJHEALTH_CACHE_DIR``, else the platform's user cache directory for fjhealth."""
    env = os.environ.get("FJHEALTH_CACHE_DIR")
    if env:  # "~/x" as a shell would read it (a quoted or service-file value is not)
        return Path(env).expanduser().absolute()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fjhealth", appauthor=False))


@cache
def pipeline_version() -> str:
    """A digest of the code and data that shape cached entries."""
    here = Path(__file__).parent
    h = sha256()
    for name in _versioned_files(here):
        with suppress(OSError):
            h.update(name.encode() + b"\0" + _fingerprint(here / name))
    spec = importlib.util.find_spec("jieba")  # jieba's own code, without importing it
    if spec is not None and spec.origin is not None:
        with suppress(OSError):
            h.update(_fingerprint(Path(spec.origin)))
    return h.hexdigest()[:16]


def _versioned_files(here: Path) -> list[str]:
    """``VERSIONED_GLOBS`` under ``here`` as sorted relative names: every ``.py`` file (caches
    and hidden folders aside) and every file of ``data/``. Walked with ``os.scandir``, several
    times cheaper than ``Path.glob`` on every run."""
    names = []
    for folder, dirs, files in os.walk(here):
        dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
        rel = Path(folder).relative_to(here).as_posix()
        prefix = "" if rel == "." else rel + "/"
        names += [prefix + f for f in files if f.endswith(".py") or rel == "data"]
    return sorted(names)


def _fingerprint(path: Path) -> bytes:
    """A stamp of a file that any edit changes: its size and the CRC-32 of its bytes (the
    version is a change detector, not a security check: ~10x cheaper than SHA-256 over the
    package on every run); for a large data file (jieba's 6 MB IDF table), of both its ends."""
    size = path.stat().st_size
    if size <= BIG_FILE:
        data = path.read_bytes()
    else:
        with path.open("rb") as f:
            data = f.read(BIG_FILE // 2)
            f.seek(-BIG_FILE // 2, os.SEEK_END)
            data += f.read()
    return f"{size}:{zlib.crc32(data)}".encode()


def content_key(data: bytes, encoding: str | None = None) -> str:
    """Cache key of a file: its bytes' SHA-256 and the encoding it was read with."""
    return sha256(data).hexdigest() + (f":{encoding}" if encoding else "")


def _text_key(key: str) -> str:
    """A key sqlite can store: undecodable file-name bytes (surrogates) written as U+FFFD."""
    return key.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _checksum(key: str, version: str, blob: bytes) -> str:
    """Bound to the row's key and version: a payload moved to another key is a miss. A CRC-32
    (a damage detector, as the version's fingerprints: ~15x cheaper than SHA-256 over every
    row a cold run writes)."""
    seed = zlib.crc32(f"{key}\0{version}\0".encode("utf-8", "surrogateescape"))
    return f"{zlib.crc32(blob, seed):08x}"


# A payload is one of: b"j" + JSON, b"s" + a string's UTF-8 (a packed token memo: no JSON
# escaping), or b"z" + either of those compressed by zlib (level 1).
_JSON, _STR, _ZLIB = b"j", b"s", b"z"
# Tables whose payloads are stored as they are: compressing costs ~15 ns a byte (zlib's
# fastest level), 60% of packing the rows of a page whose tokens and summary are stored with
# it; tokens and results are redone from the articles when lost, the articles are kept small.
RAW_TABLES = frozenset({"words", "results"})


def _pack(key: str, version: str, value: Any, compress: bool = True) -> tuple[str, bytes]:
    # surrogateescape: a file name the OS gave as undecodable bytes round-trips
    if isinstance(value, str):
        blob = _STR + value.encode("utf-8", "surrogateescape")
    else:
        blob = _JSON + json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")
    if compress:
        blob = _ZLIB + zlib.compress(blob, 1)
    return _checksum(key, version, blob), blob


def _unpack(key: str, version: str, checksum: str, blob: bytes) -> Any:
    if not isinstance(blob, bytes) or _checksum(key, version, blob) != checksum:
        raise ValueError("checksum mismatch")
    data = blob
    if data.startswith(_ZLIB):
        inflate = zlib.decompressobj()
        data = inflate.decompress(memoryview(blob)[1:], MAX_ENTRY_BYTES)
        if inflate.unconsumed_tail or not inflate.eof:  # a zip bomb, or cut short
            raise ValueError("entry too large or truncated")
    text = str(memoryview(data)[1:], "utf-8", "surrogateescape")
    if data.startswith(_STR):
        return text
    if not data.startswith(_JSON):
        raise ValueError("unknown payload format")
    return json.loads(text)


class PageCache:
    """Read and write cache entries; every failure of the store degrades to a cache miss."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self.path = self.directory / DB_NAME
        self.version = pipeline_version()
        self._db: sqlite3.Connection | None = None
        self.written = 0  # rows this object stored (a run that stored none left the size as it was)

    # -- connection ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        for attempt in range(OPEN_ATTEMPTS):
            if self._db is not None:
                break
            try:
                _private_dir(self.directory)
                self._db = self._open()
                _private_files(self.path)
            except sqlite3.OperationalError as exc:  # locked while another process creates it
                if not locked(exc) or attempt == OPEN_ATTEMPTS - 1:
                    raise CacheError(f"cannot open the cache {self.path}: {exc}") from exc
                time.sleep(0.05 * (attempt + 1))
            except sqlite3.DatabaseError:  # not a database any more: start afresh
                self._discard_file()
                self._db = self._open()
            except OSError as exc:
                raise CacheError(
                    f"cannot use cache directory {self.directory}: {_why(exc)}") from exc
        assert self._db is not None
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript(_SCHEMA)
        return db

    def _discard_file(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            with suppress(FileNotFoundError):
                Path(str(self.path) + suffix).unlink()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- entries -------------------------------------------------------------------

    def get(self, key: str, table: str = "entries") -> Any | None:
        """The cached value for key, or None (missing, stale, corrupt: all misses)."""
        key = _text_key(key)
        try:
            row = self._connect().execute(
                f"SELECT version, sum, payload FROM {table} WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.OperationalError:  # busy or locked: a miss, the file is fine
            return None
        except sqlite3.DatabaseError:  # damaged: start afresh
            self._discard_file()
            return None
        if row is None or row[0] != self.version:
            return None
        try:
            return _unpack(key, row[0], row[1], row[2])
        except (ValueError, zlib.error, UnicodeDecodeError):
            self.delete(key, table)
            return None

    def get_many(self, keys: Sequence[str], table: str = "entries") -> dict[str, Any]:
        """The cached values of the keys found (one query per 500 keys; misses left out)."""
        out: dict[str, Any] = {}
        try:
            db = self._connect()
            for i in range(0, len(keys), 500):
                chunk = [_text_key(k) for k in keys[i : i + 500]]
                marks = ",".join("?" * len(chunk))
                for key, version, checksum, blob in db.execute(
                    f"SELECT key, version, sum, payload FROM {table} WHERE key IN ({marks})", chunk
                ):
                    if version == self.version:
                        with suppress(ValueError, zlib.error, UnicodeDecodeError):
                            out[key] = _unpack(key, version, checksum, blob)
        except sqlite3.DatabaseError:  # busy, locked or damaged: misses (``get`` repairs)
            pass
        return out

    def pack(self, rows: Iterable[tuple[str, str, Any]]) -> list[PackedRow]:
        """Serialize (table, key, value) rows for ``write_packed`` (done where they are made)."""
        keyed = [(table, _text_key(key), value) for table, key, value in rows]
        return [(table, (key, self.version,
                         *_pack(key, self.version, value, table not in RAW_TABLES)))
                for table, key, value in keyed]

    def write_packed(self, packed: Sequence[PackedRow]) -> None:
        """Store packed rows in one transaction; a failed store changes nothing."""
        if not packed:
            return
        try:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            for table, row in packed:
                db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", row)
            db.execute("COMMIT")
            self.written += len(packed)
            _private_files(self.path)  # the journal files appear with the first write
        except sqlite3.DatabaseError:
            with suppress(sqlite3.Error):
                self._connect().execute("ROLLBACK")

    def write(self, rows: Iterable[tuple[str, str, Any]]) -> None:
        """Store (table, key, value) rows in one transaction."""
        self.write_packed(self.pack(rows))

    def put_many(self, items: Iterable[tuple[str, Any]], table: str = "entries") -> None:
        """Store (key, value) pairs of one table in one transaction."""
        self.write((table, k, v) for k, v in items)

    def put(self, key: str, value: Any, table: str = "entries") -> None:
        self.write([(table, key, value)])

    def delete(self, key: str, table: str = "entries") -> None:
        with suppress(sqlite3.DatabaseError):
            self._connect().execute(f"DELETE FROM {table} WHERE key = ?", (key,))

    # -- management ----------------------------------------------------------------

    def info(self) -> CacheInfo:
        """Where the cache is, how many entries it holds and its size on disk."""
        size = sum(p.stat().st_size for p in self.directory.glob(DB_NAME + "*")) \
            if self.directory.exists() else 0
        counts = [0, 0]
        if self.path.exists():
            try:
                db = self._connect()
                counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                          for t in ("entries", "corpus")]
            except sqlite3.DatabaseError:
                counts = [0, 0]
        return CacheInfo(self.path, counts[0], counts[1], size)

    def clear(self) -> int:
        """Delete the cache file; returns the bytes freed."""
        try:
            size = self.info().size_bytes
            self._discard_file()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot clear the cache in {self.directory}: {exc}") from exc
        return size

    def unusable(self) -> str | None:
        """Why this cache cannot be read and written (None: it can), tried once up front so
        a bad cache folder costs one warning, not a wait per file."""
        try:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        except (CacheError, OSError, sqlite3.Error) as exc:
            self.close()
            return str(exc)
        return None


def _why(exc: OSError) -> str:
    """Why a cache folder cannot be made or used, in words."""
    if exc.errno == errno.EEXIST:
        return "it is a file, not a folder"
    if exc.errno == errno.ENOTDIR:
        return "a file stands where a folder of its path should be"
    return exc.strerror or str(exc)


def locked(exc: sqlite3.OperationalError) -> bool:
    """Whether opening a database failed on another process's lock, worth waiting for; a file
    that cannot be opened (a folder in its place, a read-only folder) is given up at once,
    not after OPEN_ATTEMPTS waits (~9.5 s)."""
    return "locked" in str(exc) or "busy" in str(exc)


def _private_dir(directory: Path) -> None:
    """Create the cache folder readable by its owner only (0700), whatever the umask."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with suppress(OSError):
        if directory.stat().st_mode & 0o077:
            directory.chmod(0o700)


def _private_files(db: Path) -> None:
    """The database and its journal files readable by their owner only (0600)."""
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):
            path = Path(str(db) + suffix)
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
