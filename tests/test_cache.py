"""The page cache: hits, misses, invalidation, corruption recovery, concurrent writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fjhealth import cache as cache_mod
from fjhealth.cache import PageCache, content_key
from fjhealth.models import Article, Block, Removed, article_from_dict, article_to_dict

VALUE = {"articles": [{"id": "001", "title": "标题"}], "tokens": [[["医共体", "建设"]]]}


@pytest.fixture()
def store(tmp_path: Path) -> PageCache:
    return PageCache(tmp_path / "cache")


def test_miss_then_hit(store: PageCache) -> None:
    key = content_key("正文。".encode())
    assert store.get(key) is None
    store.put(key, VALUE)
    assert store.get(key) == VALUE
    assert store.info().entries == 1


def test_key_changes_with_content_and_encoding() -> None:
    assert content_key(b"a") != content_key(b"b")
    assert content_key(b"a") != content_key(b"a", "gb18030")


def test_version_change_is_a_miss(store: PageCache, monkeypatch: pytest.MonkeyPatch) -> None:
    store.put("k", VALUE)
    store.version = "another-version"
    assert store.get("k") is None


def test_pipeline_version_follows_the_cleaner_source(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    before = cache_mod.pipeline_version()
    fake = tmp_path / "pkg"
    (fake / "data").mkdir(parents=True)
    (fake / "clean.py").write_text("# a different cleaner\n")
    monkeypatch.setattr(cache_mod, "__file__", str(fake / "cache.py"))
    cache_mod.pipeline_version.cache_clear()
    try:
        assert cache_mod.pipeline_version() != before
    finally:
        cache_mod.pipeline_version.cache_clear()


def test_get_many_returns_the_keys_found(store: PageCache) -> None:
    assert store.get_many([]) == {}
    store.put_many([("a", VALUE), ("b", [1]), ("bad", VALUE)])
    store.put("w", ["x"], "words")
    store._connect().execute("UPDATE entries SET payload = ? WHERE key = 'bad'", (b"\x00",))
    keys = [f"k{i}" for i in range(600)] + ["a", "b", "bad", "missing", "w"]  # over one query
    assert store.get_many(keys) == {"a": VALUE, "b": [1]}  # garbled, missing, other table: out
    assert store.get_many(["w"], "words") == {"w": ["x"]}
    store.version = "another-version"
    assert store.get_many(["a", "b"]) == {}


def test_garbled_entry_is_dropped_and_rebuilt(store: PageCache) -> None:
    store.put("k", VALUE)
    db = store._connect()
    db.execute("UPDATE entries SET payload = ? WHERE key = 'k'", (b"\x00garbage",))
    assert store.get("k") is None
    assert store.info().entries == 0  # the bad row is gone
    store.put("k", VALUE)
    assert store.get("k") == VALUE


def test_truncated_payload_is_a_miss(store: PageCache) -> None:
    store.put("k", VALUE)
    db = store._connect()
    (blob,) = db.execute("SELECT payload FROM entries").fetchone()
    db.execute("UPDATE entries SET payload = ? WHERE key = 'k'", (blob[: len(blob) // 2],))
    assert store.get("k") is None


@pytest.mark.parametrize("damage", [b"not a database at all" * 100, b""])
def test_garbled_or_truncated_database_file_is_replaced(tmp_path: Path, damage: bytes) -> None:
    first = PageCache(tmp_path)
    first.put("k", VALUE)
    first.close()
    for extra in tmp_path.glob("*-wal"):
        extra.unlink()
    first.path.write_bytes(damage)
    again = PageCache(tmp_path)
    assert again.get("k") is None
    again.put("k", VALUE)
    assert again.get("k") == VALUE


def test_clear_removes_everything(store: PageCache) -> None:
    store.put("k", VALUE)
    assert store.clear() > 0
    assert store.info().entries == 0 and not store.path.exists()


def test_unwritable_directory_raises_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(cache_mod.CacheError, match="cannot use cache directory"):
        PageCache(blocker / "sub").put("k", VALUE)


def test_env_var_overrides_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(tmp_path / "here"))
    assert PageCache().directory == tmp_path / "here"


WRITER = """
import sys
from fjhealth.cache import PageCache
c = PageCache(__import__("pathlib").Path(sys.argv[1]))
for i in range(200):
    c.put_many([(f"{sys.argv[2]}-{i}", {"n": i, "text": "医共体" * 50})])
    assert c.get(f"{sys.argv[2]}-{i}")["n"] == i
"""


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name])
             for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = PageCache(tmp_path)
    assert store.info().entries == 400
    assert store.get("a-199") == {"n": 199, "text": "医共体" * 50}


def test_article_round_trips_through_a_dict() -> None:
    a = Article(id="002-1", title="标题", subtitles=("副题",), blocks=(Block("heading", "小标题"),
                Block("paragraph", "正文。")), captions=("图",), meta=("（本报记者 陈坤）",),
                source="福建卫生报", date="2024-01-02", authors=("陈坤",),
                removed=(Removed("navigation", "首页 > 新闻"),), path=Path("/x/002.txt"))
    assert article_from_dict(article_to_dict(a)) == a


def test_a_locked_database_is_a_miss_not_a_reset(store: PageCache,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    store.put("k", VALUE)

    class Locked:
        def execute(self, *_: object) -> None:
            raise sqlite3.OperationalError("database is locked")

    real = store._connect()
    monkeypatch.setattr(store, "_connect", lambda: Locked())
    assert store.get("k") is None
    monkeypatch.setattr(store, "_connect", lambda: real)
    assert store.get("k") == VALUE  # the file was kept


def test_payload_formats_round_trip(store: PageCache) -> None:
    text = "医联体\x1f建设\x1e\udcff"  # a packed token memo, an undecodable file-name byte
    store.write([("words", "w", text), ("results", "r", VALUE), ("entries", "e", text)])
    assert store.get("w", "words") == text and store.get("e") == text
    assert store.get("r", "results") == VALUE
    db = store._connect()
    payloads = dict(db.execute("SELECT key, payload FROM words UNION ALL "
                               "SELECT key, payload FROM results UNION ALL "
                               "SELECT key, payload FROM entries"))
    assert payloads["w"].startswith(b"s") and payloads["r"].startswith(b"j{")  # stored raw
    assert payloads["e"].startswith(b"z")  # articles compressed


def test_payload_of_unknown_format_is_a_miss(store: PageCache) -> None:
    blob = b"?" + b"[1]"
    db = store._connect()
    db.execute("INSERT INTO results VALUES (?, ?, ?, ?)",
               ("k", store.version, cache_mod._checksum("k", store.version, blob), blob))
    assert store.get("k", "results") is None


def test_a_cache_folder_named_from_home_or_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``FJHEALTH_CACHE_DIR=~/x`` (quoted, or from a service's environment file) is the home
    folder's x, as ``FJHEALTH_CORPUS=~/pages`` is (it made a folder named ``~`` wherever
    fjhealth ran), and a relative folder is made absolute once, so the cache commands name it
    in full."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", "~/fjcache")
    assert cache_mod.default_cache_dir() == tmp_path / "fjcache"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", "rel")
    assert cache_mod.default_cache_dir() == tmp_path / "rel"
