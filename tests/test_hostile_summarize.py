"""Hostile input to the summarizer: memory and work bounded in the article's length (issue 10,
item 2). Bounds are asserted on operation counts (graph edges, sentences segmented), never on
time or bytes."""

from __future__ import annotations

import importlib

import pytest
from helpers import make_article

from fjhealth import segment, summary_units
from fjhealth.models import Article, Summary, SummaryOptions
from fjhealth.sentence_graph import GRAPH_WINDOW, MAX_CANDIDATES, mmr_order, similarity_graph

S = importlib.import_module("fjhealth.summarize")  # the package exports a function of this name

SENTENCE = "福建省卫健委召开会议部署医共体建设工作。"


def test_similarity_graph_is_linear_in_sentences() -> None:
    n = 1000  # every sentence shares a word: all pairs would be n * (n - 1) edges
    vectors = [{"医院": 0.6, f"w{i}": 0.8} for i in range(n)]
    edges = sum(len(row) for row in similarity_graph(vectors)[0])
    assert edges <= n * GRAPH_WINDOW < n * (n - 1)


def test_long_article_segments_a_bounded_number_of_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    real = segment.words

    def counting(text: str) -> list[str]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(segment, "words", counting)
    sentences = [f"第{i}项工作部署医共体建设。" for i in range(3 * summary_units.MAX_SENTENCES)]
    article = make_article(*("".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)))
    summary = summarize_with(article, "rank")
    assert summary.sentences
    assert len(calls) <= summary_units.MAX_SENTENCES + 1  # sentences (+ the title)


def test_snownlp_ranks_a_bounded_number_of_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    import snownlp

    given: list[str] = []

    class FakeSnowNLP:  # SnowNLP's TextRank holds a dense matrix of all fragments
        def __init__(self, text: str) -> None:
            given.append(text)
            self.sentences = text.split("\n")

        def summary(self, limit: int) -> list[str]:
            return self.sentences[:limit]

    monkeypatch.setattr(snownlp, "SnowNLP", FakeSnowNLP)
    summary = summarize_with(make_article(*[SENTENCE] * (10 * S.SNOWNLP_MAX_SENTENCES)), "snownlp")
    assert len(summary.sentences) == 1  # the same sentence repeated is taken once
    assert given[0].count("\n") < S.SNOWNLP_MAX_SENTENCES


def test_one_huge_sentence_is_segmented_from_its_start_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []
    real = segment.words
    monkeypatch.setattr(segment, "words", lambda t: seen.append(len(t)) or real(t))
    summary = summarize_with(make_article("医" * 200_000), "rank")
    assert len(summary.sentences) == 1
    assert max(seen) <= S.MAX_SENTENCE_CHARS


def test_mmr_considers_a_bounded_number_of_candidates() -> None:
    n = 3 * MAX_CANDIDATES
    vectors = [{f"w{i}": 1.0} for i in range(n)]
    picked = list(mmr_order([1.0 / (1 + i) for i in range(n)], vectors))
    assert picked == list(range(MAX_CANDIDATES))


def summarize_with(article: Article, method: str) -> Summary:
    return S.summarize(article, SummaryOptions(sentences=3, method=method))
