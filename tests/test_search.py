"""Search: the index beside the page cache (one per corpus), ranking, boolean queries, filters,
snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_page, write_pages

from fjhealth.cache import PageCache
from fjhealth.corpus import find_files
from fjhealth.query import QueryError
from fjhealth.search import SearchOptions, search, search_corpus
from fjhealth.search_index import SearchIndex, corpus_scope, update_index

PAGES = {
    "001_a.txt": "# 福建推进紧密型县域医共体建设\n\n福建省卫健委部署推进紧密型县域医共体建设，"
    "提升基层医疗服务能力。\n\n会议要求加快分级诊疗制度建设。\n",
    "002_b.txt": "# 泉州医保支付方式改革\n\n来源：泉州晚报 发布时间：2022-09-28\n\n"
    "泉州推进医保支付方式改革，按病种付费覆盖全部二级以上医院。\n\n药品集中采购节约资金。\n",
    "003_c.txt": "# 南平分级诊疗见成效\n\n南平市推进分级诊疗，基层诊疗占比提高。\n\n"
    "医联体建设让群众在家门口看病。\n",
}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "news", PAGES)


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def run(news: Path, cache: PageCache, query: str, **options) -> list[str]:
    hits = search_corpus(news, find_files(news), query, SearchOptions(**options), cache=cache,
                         jobs=1)
    return ids(hits)


def test_ranked_query_finds_the_best_article_first(news: Path, cache: PageCache) -> None:
    assert run(news, cache, "医共体")[0] == "001"
    assert run(news, cache, "医保 支付")[0] == "002"


def test_a_word_inside_a_longer_token_is_found(news: Path, cache: PageCache) -> None:
    # "按病种付费" may be one token or several; the characters table finds "病种" anyway.
    assert run(news, cache, "病种")[0] == "002"


def test_ranked_query_need_not_match_every_word(news: Path, cache: PageCache) -> None:
    assert run(news, cache, "医共体 不存在的词语")[0] == "001"


def test_boolean_queries(news: Path, cache: PageCache) -> None:
    assert sorted(run(news, cache, '"分级诊疗"')) == ["001", "003"]
    assert run(news, cache, '"分级诊疗" -南平') == ["001"]
    assert run(news, cache, '"分级诊疗" NOT 南平') == ["001"]
    assert sorted(run(news, cache, "医保 OR 医联体 AND 建设")) == ["003"]
    assert sorted(run(news, cache, "(医保 OR 医联体) 诊疗")) == ["003"]
    assert run(news, cache, '"不存在的词语"') == []


def test_filters(news: Path, cache: PageCache) -> None:
    assert run(news, cache, "推进", source="泉州") == ["002"]
    assert run(news, cache, "推进", since="2022-01-01") == ["002"]
    assert run(news, cache, "推进", until="2021-12-31") == []
    assert len(run(news, cache, "推进", limit=1)) == 1


def test_title_outranks_body(tmp_path: Path, cache: PageCache) -> None:
    folder = tmp_path / "t"
    write_page(folder, "001_x.txt", "# 会议召开\n\n会议讨论了多项工作，其中提到医联体。\n")
    write_page(folder, "002_y.txt", "# 医联体建设\n\n会议讨论了多项工作安排和具体措施。\n")
    assert run(folder, cache, "医联体")[0] == "002"


def test_index_follows_the_corpus(news: Path, cache: PageCache) -> None:
    assert run(news, cache, "药品")[0] == "002"
    (news / "002_b.txt").unlink()
    write_page(news, "004_d.txt", "# 药品采购\n\n三明药品联合采购降低价格。\n")
    assert run(news, cache, "药品") == ["004"]


def test_index_is_rebuilt_when_the_pipeline_version_changes(news: Path, tmp_path: Path) -> None:
    old = PageCache(tmp_path / "c2")
    assert run(news, old, "医共体")[0] == "001"
    old.close()
    new = PageCache(tmp_path / "c2")
    new.version = "another-version"
    index = SearchIndex(new).corpus(corpus_scope(news))
    assert index.state() is None
    assert index.db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0] == 0
    assert run(news, new, "医共体")[0] == "001"
    index.close()
    new.close()


def test_two_corpora_share_one_index_without_mixing(news: Path, tmp_path: Path,
                                                    cache: PageCache) -> None:
    other = tmp_path / "other"
    write_page(other, "001_z.txt", "# 医共体\n\n另一个语料中的医共体文章。\n")
    assert run(news, cache, "医共体") == ["001"]
    assert ids(search_corpus(other, find_files(other), "医共体", SearchOptions(), cache=cache,
                             jobs=1)) == ["001"]
    assert run(news, cache, "另一个语料") == []


def test_scores_descend_and_hits_carry_metadata(news: Path, cache: PageCache) -> None:
    hits = search_corpus(news, find_files(news), "推进 改革", SearchOptions(), cache=cache,
                         jobs=1)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    top = hits[0]
    assert (top.id, top.source, top.date, top.file) == ("002", "泉州晚报", "2022-09-28",
                                                        "002_b.txt")


def test_empty_query_raises_before_indexing(news: Path, cache: PageCache) -> None:
    with pytest.raises(QueryError):
        run(news, cache, "  ")


def test_search_of_an_unindexed_scope_finds_nothing(cache: PageCache) -> None:
    assert search(SearchIndex(cache), "nowhere", "医保") == ()


def test_update_is_a_no_op_for_an_unchanged_corpus(news: Path, cache: PageCache) -> None:
    index = SearchIndex(cache)
    update_index(index, "s", find_files(news), jobs=1)
    count = index.corpus("s").db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
    update_index(index, "s", find_files(news), jobs=1)
    assert index.corpus("s").db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0] == count
    index.close()


def test_characters_split_off_an_unknown_word_are_not_words_of_the_query() -> None:
    from fjhealth.query import Term
    from fjhealth.search import _plan

    vocab = {"公款", "防"}
    plan = _plan((Term("谨防"), Term("公款")), lambda c: c & vocab)
    assert plan.words == '"公款"'  # "防" alone would match every article using it as a word
    assert '"谨 防"' in plan.substrings and '"防"' in plan.chars
    assert _plan((Term("药"),), lambda c: c & vocab).words == '"药"'  # a one-character query


def test_pages_the_cache_holds_are_indexed_from_it(news: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from fjhealth import batch
    from fjhealth.models import SummaryOptions

    warm = PageCache(tmp_path / "warm")
    for _ in batch.run_corpus(find_files(news), batch.SummaryTask(SummaryOptions()), jobs=1,
                              cache=warm):
        pass  # as `summarize --all` leaves it: cleaned pages and their tokens
    fresh = PageCache(tmp_path / "fresh")
    expected = search_corpus(news, find_files(news), "分级诊疗 建设", SearchOptions(),
                             cache=fresh, jobs=1)
    started = []
    real = batch.run_corpus
    monkeypatch.setattr(batch, "run_corpus", lambda paths, *a, **k: started.extend(paths)
                        or real(paths, *a, **k))
    got = search_corpus(news, find_files(news), "分级诊疗 建设", SearchOptions(), cache=warm,
                        jobs=1)
    assert started == []  # nothing cleaned or cut again
    assert [(h.id, h.score, h.snippet) for h in got] == [
        (h.id, h.score, h.snippet) for h in expected]
    warm.close()
    fresh.close()


def test_an_article_about_the_words_outranks_one_naming_them_once(tmp_path: Path,
                                                                  cache: PageCache) -> None:
    folder = tmp_path / "t"
    other = "会议还部署了其他方面的多项工作，要求各地抓好落实。" * 6
    write_page(folder, "001_x.txt", f"# 会议\n\n{other}\n\n{other}会上也谈到医共体。\n")
    write_page(folder, "002_y.txt", f"# 会议\n\n县域医共体建设。{other}\n\n医共体牵头医院。{other}"
               "医共体药品统一采购。\n")
    write_page(folder, "003_z.txt", "# 简讯\n\n本周谈到医共体。\n")
    assert run(folder, cache, "医共体")[0] == "002"


def hits_of(folder: Path, cache: PageCache, query: str) -> list[tuple[str, float]]:
    found = search_corpus(folder, find_files(folder), query, SearchOptions(), cache=cache, jobs=1)
    return [(h.id, h.score) for h in found]


def test_a_corpus_ranks_the_same_whatever_else_the_cache_indexed(news: Path, tmp_path: Path,
                                                                 cache: PageCache) -> None:
    # BM25's word statistics come from the whole index: were corpora to share one, a word
    # filling another corpus's pages would score about 0 here, and the order would change.
    alone = hits_of(news, cache, "医共体 诊疗")
    assert [i for i, _ in alone] == ["001", "003"]
    other = tmp_path / "other"
    for n in range(1, 13):
        write_page(other, f"{n:03d}_o.txt", f"# 简讯{n}\n\n医共体建设第{n}项工作，医共体不停。\n")
    assert len(hits_of(other, cache, "医共体")) == 10
    assert hits_of(news, cache, "医共体 诊疗") == alone  # shared statistics: 003 first, 51 and 17


def test_a_file_that_cannot_be_read_is_reported_on_every_update(news: Path,
                                                                  cache: PageCache) -> None:
    gone = news / "009_gone.txt"  # listed, then gone before it was read
    for _ in range(2):  # building the index, then finding it up to date
        told: list = []
        index = SearchIndex(cache)
        update_index(index, "s", [*find_files(news), gone], root=news, jobs=1,
                     on_page=told.append)
        index.close()
        assert [(r.path, r.error) for r in told] == [
            (gone, "009_gone.txt: cannot read it: No such file or directory")]


def test_a_corpus_ranks_the_same_whatever_its_past(news: Path, tmp_path: Path,
                                                   cache: PageCache) -> None:
    # Pages of files since edited or removed would count in BM25's statistics, and make every
    # query join the current pages: the index holds the corpus's pages as they are now.
    assert run(news, cache, "医共体")[0] == "001"
    page = news / "001_a.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n医共体建设再推进。\n", encoding="utf-8")
    (news / "002_b.txt").unlink()
    write_page(news, "004_d.txt", "# 药品采购\n\n三明药品联合采购降低价格，推进医共体建设。\n")
    after = hits_of(news, cache, "医共体 推进")
    fresh = PageCache(tmp_path / "fresh")
    assert hits_of(news, fresh, "医共体 推进") == after
    fresh.close()
    index = SearchIndex(cache).corpus(corpus_scope(news))
    assert index.covers_all() and index.page_count() == 3
    index.close()


def _rowids(cache: PageCache, folder: Path) -> dict[str, int]:
    db = SearchIndex(cache).corpus(corpus_scope(folder)).db
    return {a: r for r, a in db.execute("SELECT rowid, article FROM search_docs")}


def test_an_edited_file_is_updated_in_place_and_ranks_as_a_fresh_index(
        news: Path, tmp_path: Path, cache: PageCache) -> None:
    # An edited, renamed or removed file's old page is taken out of the index (its words
    # given again from the page cache), not the whole index made anew.
    for n in range(4, 10):
        write_page(news, f"{n:03d}_x.txt",
                   f"# 简讯{n}\n\n第{n}项工作：推进医共体建设，医保支付{n}次。\n")
    first = hits_of(news, cache, "医共体 推进")
    page = news / "001_a.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n医共体建设再推进。\n", encoding="utf-8")
    (news / "004_x.txt").rename(news / "010_x.txt")
    (news / "005_x.txt").unlink()
    before = _rowids(cache, news)
    after = hits_of(news, cache, "医共体 推进")
    rowids = _rowids(cache, news)
    assert {a: rowids[a] for a in ("002", "003", "006", "009")} == \
        {a: before[a] for a in ("002", "003", "006", "009")}  # not rebuilt
    assert "005" not in rowids and "010" in rowids and rowids["001"] > before["009"]
    fresh = PageCache(tmp_path / "fresh")
    assert hits_of(news, fresh, "医共体 推进") == after != first
    assert hits_of(news, fresh, "医保 支付") == hits_of(news, cache, "医保 支付")
    fresh.close()
    db = SearchIndex(cache).corpus(corpus_scope(news)).db
    for table in ("search_words", "search_chars"):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_an_edit_whose_old_page_left_the_cache_rebuilds_the_index(
        news: Path, tmp_path: Path, cache: PageCache) -> None:
    for n in range(4, 10):
        write_page(news, f"{n:03d}_x.txt", f"# 简讯{n}\n\n第{n}项工作：推进医共体建设。\n")
    hits_of(news, cache, "医共体")
    cache._connect().execute("DELETE FROM words")  # the old page's tokens are gone
    page = news / "001_a.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n医共体建设再推进。\n", encoding="utf-8")
    fresh = PageCache(tmp_path / "fresh")
    assert hits_of(news, cache, "医共体 推进") == hits_of(news, fresh, "医共体 推进")
    fresh.close()



def test_pages_worth_a_warning_are_told_while_they_are_in_the_corpus(news: Path,
                                                                     cache: PageCache) -> None:
    menu = write_page(news, "010_menu.txt", "首页\n新闻中心\n政务公开\n办事服务\n"
                                            "版权所有：某某市卫生健康委员会\n闽ICP备12345678号-1\n")

    def told() -> list:
        out: list = []
        index = SearchIndex(cache)
        update_index(index, "s", find_files(news), root=news, jobs=1, on_page=out.append)
        index.close()
        return [(r.path, r.result, r.error, r.doubt) for r in out]

    assert told() == told() == [(menu, 0, None, None)]  # built, then up to date
    write_page(news, "004_d.txt", "# 药品采购\n\n三明药品联合采购降低价格。\n")
    assert told() == [(menu, 0, None, None)]  # kept through an update that adds a page
    menu.unlink()
    assert told() == []


def test_the_pages_to_index_are_counted_once_each(news: Path, cache: PageCache) -> None:
    """A cold search shows how many pages it indexes: one phase, each page counted once,
    whether the page cache held it or it was cleaned now; an index up to date counts none."""
    from fjhealth import batch
    from fjhealth.models import SummaryOptions

    calls: list[tuple[str, int | None]] = []

    class Meter:
        def phase(self, label: str, total: int | None = None) -> None:
            calls.append((label, total))

        def advance(self, n: int = 1) -> None:
            calls.append(("+", n))

    paths = find_files(news)
    for _ in batch.run_corpus(paths[:2], batch.SummaryTask(SummaryOptions()), jobs=1,
                              cache=cache):
        pass  # two pages in the page cache, the third never read
    index = SearchIndex(cache)
    update_index(index, "s", paths, jobs=1, meter=Meter())
    assert calls[0] == ("indexing", 3)
    assert [n for label, n in calls[1:] if label == "+"] == [2, 1]  # cached, then cleaned
    calls.clear()
    update_index(index, "s", paths, jobs=1, meter=Meter())
    assert calls == []
    index.close()


def test_a_one_article_corpus_scores_its_hit_above_zero(tmp_path: Path, cache: PageCache) -> None:
    """FTS5 takes the IDF of a word that half the articles or more hold as 1e-6: in a corpus
    of one article every hit printed a score of 0.0000."""
    one = write_pages(tmp_path / "one", {"001_a.txt": PAGES["001_a.txt"]})
    hits = search_corpus(one, find_files(one), "医共体", SearchOptions(), cache=cache, jobs=1)
    assert ids(hits) == ["001"]
    assert hits[0].score == 1.0  # relative to the best hit: BM25 alone says nothing here


def test_a_query_of_words_every_article_holds_keeps_its_order_and_nonzero_scores(
    news: Path, cache: PageCache
) -> None:
    """``推进`` is in all three articles: the scores were all millionths (0.0000 printed); they
    are shown relative to the best hit's, the order unchanged."""
    hits = search_corpus(news, find_files(news), "推进", SearchOptions(), cache=cache, jobs=1)
    assert len(hits) == 3
    assert hits[0].score == 1.0 and min(h.score for h in hits) >= 0.1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    rare = search_corpus(news, find_files(news), "医保", SearchOptions(), cache=cache, jobs=1)
    assert 0.1 <= rare[0].score < 100  # a word few articles hold: BM25 as FTS5 gives it


def test_latin_letters_and_digits_are_no_single_character_fallback(
    tmp_path: Path, cache: PageCache
) -> None:
    """``hello`` found an article holding an h, an e, an l and an o somewhere (with nothing to
    highlight), ``2031`` any article with those digits: the single-character fallback is for
    Han characters (``治污`` for ``治理污染``), not letters of a Latin word or a number."""
    folder = write_pages(tmp_path / "latin", {
        "009_d.txt": "# 泉州推行DRG付费改革\n\n来源：泉州晚报 发布时间：2023-09-28\n\n"
        "泉州推进医保支付方式改革，DRG付费覆盖全部二级以上医院（one hospital led）。\n\n"
        "药品集中采购节约资金，2023年医保基金运行平稳。\n",
        **{k: v for k, v in PAGES.items() if k != "002_b.txt"},
    })
    assert run(folder, cache, "hello") == []
    assert run(folder, cache, "2031") == []
    assert run(folder, cache, "DRG") == ["009"]
    assert run(folder, cache, "2023") == ["009"]
    assert run(folder, cache, "ospit") == ["009"]  # a Latin substring still counts
    assert run(folder, cache, "采节") == ["009"]  # Han characters still count alone


def test_full_width_letters_and_digits_match_their_ascii_forms(tmp_path: Path,
                                                              cache: PageCache) -> None:
    """Chinese text often sets Latin letters and digits full width (ＤＲＧ, ２０２４): a query
    typed either way found only the articles written the same way, and highlighted nothing in
    the others."""
    folder = write_pages(tmp_path / "fw", {
        "004_d.txt": "# 医保支付改革全面推进\n\n２０２４年，全省推行ＤＲＧ付费，"
        "医保基金运行平稳。\n\n医保部门将继续推进支付方式改革。\n",
        "005_e.txt": "# 分级诊疗成效明显\n\n2024年，全省推行DRG付费，分级诊疗制度建设取得进展。\n\n"
        "卫健部门将继续推进分级诊疗。\n",
        **PAGES,
    })
    for query in ("DRG", "ＤＲＧ", "drg", "2024", "２０２４", '"DRG付费"', '"ＤＲＧ付费"'):
        hits = search_corpus(folder, find_files(folder), query, SearchOptions(), cache=cache,
                             jobs=1)
        assert sorted(ids(hits)) == ["004", "005"], query
        for hit in hits:
            marked = {hit.snippet[a:b] for a, b in hit.highlights}
            assert marked & {"DRG", "ＤＲＧ", "2024", "２０２４", "DRG付费", "ＤＲＧ付费"}, query
