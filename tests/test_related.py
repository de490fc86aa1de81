"""Related articles: ranked by shared telling words, the article itself left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_page

from fjhealth.cache import PageCache
from fjhealth.corpus import find_files
from fjhealth.errors import ArticleNotFound
from fjhealth.related import related_in_corpus, top_terms
from fjhealth.search_index import SearchIndex, corpus_scope


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_page(
        folder,
        "001_a.txt",
        "# 县域医共体建设\n\n福建推进紧密型县域医共体建设，医共体牵头医院下沉专家。\n\n"
        "医共体内统一药品目录。\n",
    )
    write_page(folder, "002_b.txt", "# 医共体改革\n\n三明县域医共体实行总额付费，结余留用。\n")
    write_page(folder, "003_c.txt", "# 春节天气\n\n春节期间全省天气晴好，气温回升，适合出行。\n")
    fillers = ["高速公路车流平稳", "图书馆延长开放时间", "农产品价格保持稳定", "体育赛事吸引观众",
               "博物馆推出新展览", "港口货物吞吐量增长"]
    for n, text in enumerate(fillers, start=4):  # FTS5's BM25 needs words rarer than half
        write_page(folder, f"{n:03d}_f.txt", f"# 简讯{n}\n\n{text}，市民反映良好。\n")
    return folder


def test_related_ranks_shared_topic_first_and_leaves_itself_out(
    news: Path, tmp_path: Path
) -> None:
    with _cache(tmp_path) as cache:
        hits = related_in_corpus(news, find_files(news), "001", 5, cache=cache, jobs=1)
        assert hits[0].id == "002"
        assert "001" not in [h.id for h in hits]
        assert 0 < hits[0].score <= 1
        assert "医共体" in hits[0].terms
        with pytest.raises(ArticleNotFound):
            related_in_corpus(news, find_files(news), "099", 5, cache=cache, jobs=1)
        index = SearchIndex(cache).corpus(corpus_scope(news))
        assert [w for w, _ in top_terms(index, "医共体医共体天气", 1)] == ["医共体"]


def test_articles_sharing_only_common_words_follow_none_that_share_a_rarer_one(
    news: Path, tmp_path: Path
) -> None:
    """A word half the corpus or more holds gets an IDF of 1e-6 from FTS5: articles sharing only
    such words were listed after the related ones with a score of 0.0000 (on the seeds, one to
    three such hits for most articles). They are left out, unless no article shares more."""
    write_page(news, "010_g.txt", "# 简讯10\n\n县域医共体建设，市民反映良好。\n")
    with _cache(tmp_path) as cache:
        hits = related_in_corpus(news, find_files(news), "010", 9, cache=cache, jobs=1)
        assert [h.id for h in hits] == ["001", "002"] and min(h.score for h in hits) >= 1e-4
        fillers = related_in_corpus(news, find_files(news), "004", 9, cache=cache, jobs=1)
        assert len(fillers) == 6  # they share only common words: all there is


def test_in_a_corpus_of_two_every_word_is_common_and_the_score_still_says_how_alike(
    tmp_path: Path
) -> None:
    folder = tmp_path / "two"
    write_page(folder, "001_a.txt", "# 县域医共体建设\n\n福建推进紧密型县域医共体建设。\n")
    write_page(folder, "002_b.txt", "# 医共体改革\n\n三明县域医共体实行总额付费。\n")
    with _cache(tmp_path) as cache:
        hits = related_in_corpus(folder, find_files(folder), "001", 5, cache=cache, jobs=1)
    assert [h.id for h in hits] == ["002"] and 0.01 < hits[0].score < 1


class _cache:
    def __init__(self, tmp: Path) -> None:
        self.cache = PageCache(tmp / "cache")

    def __enter__(self) -> PageCache:
        return self.cache

    def __exit__(self, *exc: object) -> None:
        self.cache.close()
