"""The search index built by ``summarize --all`` from its workers' tokens: the same index, row
for row, as a first ``search`` builds from the page cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import write_page, write_pages

from fjhealth.cache import PageCache
from fjhealth.corpus import find_files
from fjhealth.index_feed import IndexFeed
from fjhealth.search_index import SearchIndex, corpus_scope, update_index
from fjhealth.tasks import SummaryTask
from fjhealth.values import SummaryOptions

PAGES = {
    "001_a.txt": "# 福建推进紧密型县域医共体建设！\n\n福建省卫健委部署推进紧密型县域医共体建设，"
    "提升基层医疗服务能力。\n\n会议要求加快分级诊疗制度建设。\n",
    "002_b.txt": "# 泉州医保支付方式改革\n\n来源：泉州晚报 发布时间：2022-09-28\n\n"
    "泉州推进医保支付方式改革，按病种付费覆盖全部二级以上医院。\n\n药品集中采购节约资金。\n",
    "003_c.txt": "# 南平分级诊疗见成效\n\n南平市推进分级诊疗，基层诊疗占比提高。\n\n"
    "医联体建设让群众在家门口看病。\n",
    "004_d.txt": "首页 | 新闻 | 关于我们\n",
}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "news", PAGES)


def add_briefs(folder: Path, numbers: range) -> None:
    """Short pages ``NNN_x.txt``, one more article each (a corpus big enough to write in steps)."""
    write_pages(folder, {f"{n:03d}_x.txt": f"# 简讯{n}\n\n医共体建设第{n}项工作推进。\n"
                         for n in numbers})


def summarize_all(folder: Path, cache: PageCache, jobs: int = 1) -> list[str]:
    """What ``summarize --all`` does with its batch: the summaries' IDs, the index fed."""
    from fjhealth.batch import run_corpus

    paths = find_files(folder)
    feed = IndexFeed(SearchIndex(cache), corpus_scope(folder), paths, root=folder, jobs=jobs)
    out = []
    for res in run_corpus(paths, feed.wrap(SummaryTask(SummaryOptions())), jobs=jobs,
                          cache=cache):
        feed.take(res)
        out += [s.article_id for s in res.result or ()]
    feed.finish()
    return out


def contents(cache: PageCache, folder: Path) -> dict[str, list[tuple]]:
    """Everything the index holds that ranking and results read: the articles, both tables'
    postings (term, article, field, position), the corpus's files and notes."""
    path = SearchIndex(cache).corpus(corpus_scope(folder)).path
    db = sqlite3.connect(path)
    try:
        out = {"docs": db.execute("SELECT * FROM search_docs ORDER BY rowid").fetchall(),
               "files": db.execute("SELECT * FROM search_files ORDER BY page").fetchall(),
               "notes": db.execute("SELECT * FROM search_notes ORDER BY page").fetchall()}
        for table in ("search_words", "search_chars"):
            db.execute(f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab(main, {table},"
                       " 'instance')")
            out[table] = db.execute(f"SELECT * FROM temp.v_{table}"
                                    " ORDER BY term, doc, col, offset").fetchall()
        return out
    finally:
        db.close()


def by_article(found: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """``contents`` with each row number replaced by its article's ID, rows sorted."""
    article = {r[0]: r[2] for r in found["docs"]}
    out = {k: sorted(v) for k, v in found.items()}
    out["docs"] = sorted(r[1:] for r in found["docs"])
    for table in ("search_words", "search_chars"):
        out[table] = sorted((t, article[d], *rest) for t, d, *rest in found[table])
    return out


def built_by_search(folder: Path, cache_dir: Path) -> dict[str, list[tuple]]:
    cache = PageCache(cache_dir)
    index = SearchIndex(cache)
    update_index(index, corpus_scope(folder), find_files(folder), root=folder, jobs=1)
    index.close()
    try:
        return contents(cache, folder)
    finally:
        cache.close()


def read_back(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The page keys the index build reads back from the page cache (``cached_docs``)."""
    from fjhealth import search_index

    read: list[str] = []
    real = search_index.cached_docs
    monkeypatch.setattr(search_index, "cached_docs",
                        lambda c, keys, *a: read.extend(keys) or real(c, keys, *a))
    return read


def test_summarize_all_builds_the_index_a_first_search_would(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PageCache(tmp_path / "fed")
    read = read_back(monkeypatch)
    assert summarize_all(news, cache) == ["001", "002", "003"]
    assert [k.rsplit(":", 1)[1] for k in read] == ["004"]  # only the page without articles
    monkeypatch.undo()
    fed = contents(cache, news)
    assert len(fed["docs"]) == 3 and fed["search_words"] and fed["search_chars"]
    assert fed == built_by_search(news, tmp_path / "searched")
    cache.close()


def test_the_index_fed_is_up_to_date_for_search(news: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache)
    read = read_back(monkeypatch)
    index = SearchIndex(cache)
    update_index(index, corpus_scope(news), find_files(news), root=news, jobs=1)
    index.close()
    assert read == []
    cache.close()


def test_a_warm_run_indexes_from_the_page_cache(news: Path, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache)
    for f in (tmp_path / "c").glob("search-*"):
        f.unlink()  # the index gone, the summaries cached: no worker cuts entries
    summarize_all(news, cache)
    assert contents(cache, news) == built_by_search(news, tmp_path / "searched")
    cache.close()


def test_an_edited_added_and_removed_file_update_the_fed_index(news: Path,
                                                              tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache)
    page = news / "001_a.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n医共体建设再推进。\n", encoding="utf-8")
    (news / "002_b.txt").unlink()
    write_page(news, "005_e.txt", "# 药品采购\n\n三明药品联合采购降低价格，推进医共体建设。\n")
    summarize_all(news, cache)
    # The same articles and postings; the rows of pages indexed in place are numbered apart.
    assert by_article(contents(cache, news)) == by_article(
        built_by_search(news, tmp_path / "searched"))
    cache.close()


def test_workers_feed_the_index_as_one_process_does(news: Path, tmp_path: Path) -> None:
    add_briefs(news, range(5, 25))  # enough pages for two workers
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache, jobs=2)
    assert contents(cache, news) == built_by_search(news, tmp_path / "searched")
    cache.close()


def test_the_summarize_command_leaves_the_search_index_up_to_date(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from fjhealth.cli import app

    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(tmp_path / "cli"))
    runner = CliRunner()
    result = runner.invoke(app, ["summarize", "--all", "--corpus", str(news), "--plain"])
    assert result.exit_code == 0, result.stderr
    cache = PageCache(tmp_path / "cli")
    assert by_article(contents(cache, news)) == by_article(
        built_by_search(news, tmp_path / "searched"))
    cache.close()
    read = read_back(monkeypatch)
    found = runner.invoke(app, ["search", "分级诊疗", "--corpus", str(news), "--plain"])
    assert found.exit_code == 0 and found.stdout.startswith("003\t")
    assert read == []


def test_an_index_that_cannot_be_written_leaves_the_run_as_it_was(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fjhealth.index_store import CorpusIndex

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(CorpusIndex, "add", locked)
    cache = PageCache(tmp_path / "c")
    assert summarize_all(news, cache) == ["001", "002", "003"]  # every summary, no error
    monkeypatch.undo()
    assert by_article(built_by_search(news, tmp_path / "c")) == by_article(
        built_by_search(news, tmp_path / "searched"))  # the next search builds it
    cache.close()


def test_pages_written_in_steps_and_committed_in_batches_make_the_same_index(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fjhealth import index_feed

    add_briefs(news, range(5, 16))
    monkeypatch.setattr(index_feed, "STEP", 2)
    monkeypatch.setattr(index_feed, "WRITE_BATCH", 5)
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache)
    assert contents(cache, news) == built_by_search(news, tmp_path / "searched")
    cache.close()


def test_the_write_lock_is_let_go_after_a_few_seconds(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fjhealth import index_feed
    from fjhealth.index_store import CorpusIndex

    add_briefs(news, range(5, 12))
    commits: list[bool] = []
    real = CorpusIndex.add

    def add(self: CorpusIndex, pages: object, notes: object = (), *, commit: bool = True) -> None:
        commits.append(commit)
        real(self, pages, notes, commit=commit)

    monkeypatch.setattr(CorpusIndex, "add", add)
    monkeypatch.setattr(index_feed, "STEP", 2)
    monkeypatch.setattr(index_feed, "HOLD_SECONDS", 0.0)  # every write commits
    cache = PageCache(tmp_path / "c")
    summarize_all(news, cache)
    assert len(commits) >= 4 and all(commits)
    monkeypatch.undo()
    assert contents(cache, news) == built_by_search(news, tmp_path / "searched")
    cache.close()
