"""The search index's storage: a database file per corpus, old layouts and damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_page

from fjhealth.cache import PageCache
from fjhealth.corpus import find_files
from fjhealth.index_store import index_file
from fjhealth.search import SearchOptions, search_corpus
from fjhealth.search_index import corpus_scope


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_page(folder, "001_a.txt", "# 福建推进紧密型县域医共体建设\n\n福建省卫健委部署推进紧密型"
               "县域医共体建设。\n\n会议要求加快分级诊疗制度建设。\n")
    write_page(folder, "002_b.txt", "# 泉州医保支付方式改革\n\n泉州推进医保支付方式改革。\n")
    return folder


def run(folder: Path, cache: PageCache, query: str) -> list[str]:
    hits = search_corpus(folder, find_files(folder), query, SearchOptions(), cache=cache, jobs=1)
    return [h.id for h in hits]


def test_each_corpus_has_its_own_index_file(news: Path, tmp_path: Path, cache: PageCache) -> None:
    other = tmp_path / "other"
    write_page(other, "001_z.txt", "# 医共体\n\n另一个语料中的医共体文章。\n")
    run(news, cache, "医共体")
    run(other, cache, "医共体")
    files = {index_file(cache.directory, corpus_scope(f)) for f in (news, other)}
    assert len(files) == 2 and all(f.exists() for f in files)
    assert index_file(cache.directory, corpus_scope(news, "gbk")) not in files


def test_an_old_cache_with_one_shared_index_still_works(news: Path, cache: PageCache) -> None:
    # Up to index format 9 every corpus's tables sat in the page cache's own file.
    db = cache._connect()
    db.executescript(
        "CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT);"
        "INSERT INTO search_meta VALUES ('version', '9:old');"
        "CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, page TEXT, article TEXT,"
        " title TEXT, source TEXT, date TEXT, file TEXT, text TEXT);"
        "INSERT INTO search_docs VALUES (1, 'k', '001', '旧', NULL, NULL, '001_a.txt', '旧');"
        "CREATE TABLE search_scope (scope TEXT, page TEXT, PRIMARY KEY (scope, page));"
        "CREATE TABLE search_corpora (scope TEXT PRIMARY KEY, state TEXT, stamp TEXT);"
        "CREATE VIRTUAL TABLE search_words USING fts5(title, lead, body, content='');"
        "CREATE VIRTUAL TABLE search_chars USING fts5(title, lead, body, content='');"
    )
    assert run(news, cache, "医共体")[0] == "001"
    left = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search%'")}
    assert left == set()
    assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2  # pages kept


def test_a_damaged_index_file_is_rebuilt(news: Path, cache: PageCache) -> None:
    assert run(news, cache, "医共体")[0] == "001"
    index_file(cache.directory, corpus_scope(news)).write_bytes(b"not a database" * 100)
    assert run(news, cache, "医共体")[0] == "001"


def test_index_files_are_private_whatever_the_umask(news: Path, tmp_path: Path) -> None:
    import os
    import stat

    from fjhealth.search_index import SearchIndex, update_index

    old = os.umask(0)
    try:
        cache = PageCache(tmp_path / "open")
        index = SearchIndex(cache)
        update_index(index, "s", find_files(news), jobs=1)  # left open: journal files too (SQLite
        # gives them the database file's mode, made 0600 when it was opened)
        names = [f.name for f in (tmp_path / "open").iterdir()]
        assert any(n.startswith("search-") and n.endswith("-wal") for n in names)
        for f in (tmp_path / "open").iterdir():
            assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f.name
        index.close()
        cache.close()
    finally:
        os.umask(old)


def test_doc_freqs_in_batches_as_one_at_a_time(
    news: Path, cache: PageCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Terms are looked up a batch a statement: past a batch, in any case, repeated or missing,
    each gets the count of articles holding it, as a lookup of its own gives."""
    from fjhealth import index_store
    from fjhealth.index_store import SearchIndex

    run(news, cache, "医共体")
    corpus = SearchIndex(cache).corpus(corpus_scope(news))
    terms = ["医共体", "建设", "泉州", "DRG", "不存在", "建设", "福建省", "医保", "改革", "推进"]
    one_by_one = {t: corpus.doc_freqs([t]) for t in terms}
    monkeypatch.setattr(index_store, "LOOKUP_BATCH", 3)
    batched = corpus.doc_freqs(terms)
    assert batched == {t: n for d in one_by_one.values() for t, n in d.items()}
    assert batched["建设"] == 1 and batched["推进"] == 2 and "不存在" not in batched
    assert corpus.known_terms(terms) == set(batched)
    corpus.close()
