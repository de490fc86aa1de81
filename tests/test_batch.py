"""Batch runs: --jobs 1 and 2 agree, results keep corpus order, warm runs reuse the cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SEEDS
from hypothesis import given
from hypothesis import strategies as st

from fjhealth.batch import (
    ArticlesTask,
    KeywordsTask,
    SummaryTask,
    corpus_idf,
    effective_jobs,
    run_corpus,
)
from fjhealth.cache import PageCache
from fjhealth.models import Article, SummaryOptions


@pytest.fixture()
def many_pages(tmp_path: Path) -> list[Path]:
    """40 distinct pages built from the seeds' paragraphs."""
    paragraphs = [p for f in sorted(SEEDS.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 40]
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = []
    for i in range(40):
        text = "\n\n".join(paragraphs[(i * 3 + k) % len(paragraphs)] for k in range(3))
        path = folder / f"{i:03d}_page.txt"
        path.write_text(f"第{i}篇测试标题\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_effective_jobs() -> None:
    assert effective_jobs(1, 1000) == 1
    assert effective_jobs(2, 5) == 1  # too few files to be worth a process
    assert effective_jobs(4, 16) == 2
    assert effective_jobs(None, 10_000) >= 1


def test_jobs_1_and_2_give_identical_results_in_corpus_order(many_pages: list[Path]) -> None:
    task = SummaryTask(SummaryOptions(sentences=2))
    one = list(run_corpus(many_pages, task, jobs=1))
    two = list(run_corpus(many_pages, task, jobs=2))
    assert [r.path for r in one] == many_pages == [r.path for r in two]
    assert [r.result for r in one] == [r.result for r in two]
    assert all(r.result for r in one)


def test_bad_file_is_reported_not_fatal(many_pages: list[Path]) -> None:
    many_pages[5].write_bytes(b"")
    results = list(run_corpus(many_pages, ArticlesTask(), jobs=2))
    assert results[5].result is None and "empty" in (results[5].error or "")
    assert sum(r.error is not None for r in results) == 1


def test_warm_run_neither_cleans_nor_segments(many_pages: list[Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = PageCache(tmp_path / "cache")
    task = SummaryTask(SummaryOptions())
    cold = [r.result for r in run_corpus(many_pages, task, jobs=1, cache=store)]

    def boom(*_: object) -> None:
        raise AssertionError("cleaned or segmented again")

    monkeypatch.setattr("fjhealth.clean.split_articles", boom)
    monkeypatch.setattr("fjhealth.segment._cut", boom)
    warm = [r.result for r in run_corpus(many_pages, task, jobs=1, cache=store)]
    assert warm == cold


def test_changed_file_is_cleaned_again(many_pages: list[Path], tmp_path: Path) -> None:
    store = PageCache(tmp_path / "cache")
    list(run_corpus(many_pages[:3], ArticlesTask(), jobs=1, cache=store))
    many_pages[1].write_text("新的社区医院开诊\n\n全市新的社区医院今天开诊。\n", encoding="utf-8")
    results = list(run_corpus(many_pages[:3], ArticlesTask(), jobs=1, cache=store))
    assert results[1].result is not None and results[1].result[0].title == "新的社区医院开诊"


def test_keywords_with_cached_corpus_idf(many_pages: list[Path], tmp_path: Path) -> None:
    store = PageCache(tmp_path / "cache")
    idf = corpus_idf(many_pages, jobs=1, cache=store)
    assert idf.n_docs == 40
    assert store.info().corpus_entries == 1
    assert corpus_idf(many_pages, jobs=2, cache=store) == idf
    task = KeywordsTask(5, "tfidf", idf)
    ranked = [r.result for r in run_corpus(many_pages, task, jobs=2, cache=store)]
    assert all(len(kws) == 5 for page in ranked if page for _, kws in page)


WARM = """
import sys
from pathlib import Path
from fjhealth.batch import SummaryTask, run_corpus
from fjhealth.cache import PageCache
from fjhealth.models import SummaryOptions
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
out = [r.result for r in run_corpus(paths, SummaryTask(SummaryOptions()), jobs=1,
                                    cache=PageCache(Path(sys.argv[2])))]
assert all(out)
print(any(m in sys.modules for m in ("jieba", "rjieba", "rjieba.rjieba")))
"""


def test_warm_process_never_imports_a_segmenter(many_pages: list[Path], tmp_path: Path) -> None:
    args = [sys.executable, "-c", WARM, str(many_pages[0].parent), str(tmp_path / "c")]
    cold = subprocess.run(args, capture_output=True, text=True, check=True)
    warm = subprocess.run(args, capture_output=True, text=True, check=True)
    assert cold.stdout.strip() == "True"
    assert warm.stdout.strip() == "False"


def test_results_are_cached_per_task_options(many_pages: list[Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = PageCache(tmp_path / "cache")
    one = SummaryTask(SummaryOptions(sentences=1))
    cold = [r.result for r in run_corpus(many_pages, one, jobs=1, cache=store)]
    from fjhealth import summarize as summarize_module

    real, calls = summarize_module.summarize, []

    def counting(article, options):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        return real(article, options)

    monkeypatch.setattr(summarize_module, "summarize", counting)
    assert [r.result for r in run_corpus(many_pages, one, jobs=1, cache=store)] == cold
    assert calls == []  # served from the results cache
    list(run_corpus(many_pages[:2], SummaryTask(SummaryOptions(sentences=2)), jobs=1, cache=store))
    assert calls  # other options: computed


def test_keyword_results_follow_the_corpus_idf(many_pages: list[Path], tmp_path: Path) -> None:
    store = PageCache(tmp_path / "cache")
    idf = corpus_idf(many_pages, jobs=1, cache=store)
    with_idf, general = KeywordsTask(5, "tfidf", idf), KeywordsTask(5, "tfidf", None)
    assert with_idf.key != general.key
    assert KeywordsTask(5, "tfidf", corpus_idf(many_pages[:10], jobs=1)).key != with_idf.key
    warm = [r.result for r in run_corpus(many_pages, with_idf, jobs=1, cache=store)]
    again = [r.result for r in run_corpus(many_pages, with_idf, jobs=2, cache=store)]
    assert warm == again


# ---- cache rows -----------------------------------------------------------------------------


def test_row_dicts_hold_every_field() -> None:
    from dataclasses import asdict

    from fjhealth.models import (
        Block,
        Keyword,
        Removed,
        Sentence,
        Summary,
        article_from_dict,
        article_to_dict,
        summary_from_dict,
        summary_to_dict,
    )

    article = Article(
        "003", "标题", ("副题",), (Block("paragraph", "正文。"),), ("图",), ("记者",), "泉州晚报",
        "2022-09-28", ("张三",), (Removed("menu", "首页"),), Path("a.txt"),
    )
    same = lambda a, b: json.dumps(a) == json.dumps(b)  # noqa: E731  (tuples are JSON lists)
    assert same(article_to_dict(article), {**asdict(article), "path": "a.txt"})
    assert article_from_dict(article_to_dict(article)) == article
    summary = Summary("003", "标题", (Sentence("正文。", 0, 0.5),), "rank", (Keyword("医院", 1.0),))
    # (not the article's source, date and path: SummaryTask takes them from the article)
    own = {k: v for k, v in asdict(summary).items() if k not in ("source", "date", "path")}
    assert same(summary_to_dict(summary), own)
    assert summary_from_dict(summary_to_dict(summary)) == summary


@given(st.dictionaries(st.text(alphabet="医院联体 \n\x1e\x1fa"), st.just(None), max_size=5))
def test_packed_words_read_back(texts: dict[str, None]) -> None:
    from fjhealth.batch import pack_words, unpack_words

    memo = {text: list(text) for text in texts}  # any cut: the tokens make up the text
    assert unpack_words(pack_words(memo)) == memo


def test_probe_tells_what_the_workers_would_do(many_pages: list[Path], tmp_path: Path) -> None:
    from fjhealth.batch import _probe
    from fjhealth.corpus import corpus_ids
    from fjhealth.pagework import Settings

    ids = corpus_ids(many_pages)
    items = [(p, ids[p]) for p in many_pages]
    store = PageCache(tmp_path / "cache")
    summary = SummaryTask(SummaryOptions())
    settings = Settings(summary, store.directory, None)
    assert _probe(items, settings) == (True, True)  # cold: clean and summarize
    assert _probe(items, Settings(summary, None, None)) == (True, True)  # no cache
    list(run_corpus(many_pages, ArticlesTask(), jobs=2, cache=store))
    assert _probe(items, settings) == (True, False)  # pages cached, summaries not yet
    list(run_corpus(many_pages, summary, jobs=2, cache=store))
    assert _probe(items, settings) == (False, False)
