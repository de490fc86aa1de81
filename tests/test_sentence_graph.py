"""fjhealth.sentence_graph: vectors, the similarity graph, PageRank and the MMR pick order."""

from __future__ import annotations

from fjhealth.sentence_graph import (
    DUPLICATE_SIM,
    SMALL_ARTICLE,
    cosine,
    counts,
    mmr_order,
    pagerank,
    similarity_graph,
    unit_vector,
)


def test_vectors_are_unit_length_and_counts_keep_first_use_order() -> None:
    freqs = counts(["医保", "医院", "医保"])
    assert list(freqs.items()) == [("医保", 2), ("医院", 1)]
    vector = unit_vector(freqs, {"医保": 1.0, "医院": 2.0})
    assert abs(cosine(vector, vector) - 1.0) < 1e-9
    assert unit_vector({}, {}) == {}


def test_graph_joins_only_sentences_sharing_a_word() -> None:
    vectors = [{"医保": 1.0}, {"天气": 1.0}, {"医保": 0.6, "医院": 0.8}]
    neighbours, weights = similarity_graph(vectors)
    assert neighbours == [[2], [], [0]]
    assert weights[0] == weights[2] == [0.6]


def test_small_article_keeps_its_prior_and_a_larger_one_spreads_rank() -> None:
    prior = [0.5, 0.3, 0.2]
    assert pagerank(prior, [{"a": 1.0}] * 3) == prior  # n <= SMALL_ARTICLE: no graph
    n = SMALL_ARTICLE * 2
    prior = [1.0] + [0.0] * (n - 1)
    shared = [{"医共体": 1.0}] * n
    rank = pagerank(prior, shared)
    assert rank[0] < 1.0 and all(r > 0 for r in rank[1:])


def test_mmr_never_picks_a_near_repeat() -> None:
    same = {"医保": 1.0}
    vectors = [same, dict(same), {"医院": 1.0}]
    assert cosine(vectors[0], vectors[1]) >= DUPLICATE_SIM
    assert list(mmr_order([1.0, 0.9, 0.5], vectors)) == [0, 2]


def test_mmr_holds_a_unit_until_the_one_it_waits_for_is_picked() -> None:
    vectors = [{"医保": 1.0}, {"医院": 1.0}, {"天气": 1.0}, {"药品": 1.0}]
    # 0 waits for 1 and comes right after it, its value unchanged; 3 waits for one never picked.
    assert list(mmr_order([1.0, 0.2, 0.5, 0.9], vectors, after={0: 1})) == [3, 2, 1, 0]
    assert list(mmr_order([1.0, 0.2, 0.5, 0.9], vectors, after={0: 1, 3: 0})) == [2, 1, 0, 3]
    assert list(mmr_order([1.0, 0.5], vectors[:2], after={0: 0})) == [1]
    assert list(mmr_order([1.0], vectors[:1], after={0: 0})) == []
