"""Keyword tests: degenerate articles, no noise in results, corpus IDF, determinism."""

from __future__ import annotations

import pytest

from fjhealth.keywords import IdfTable, UnknownMethodError, build_idf, rank_keywords
from fjhealth.models import Article, Block
from fjhealth.segment import stopwords


def article(*paragraphs: str, title: str = "", id: str = "001") -> Article:
    return Article(id=id, title=title, blocks=tuple(Block("paragraph", p) for p in paragraphs))


BODY = (
    "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设，要求提升基层医疗服务能力。",
    "会议指出，紧密型县域医共体是分级诊疗的重要抓手，家庭医生签约服务要覆盖更多群众。",
    "三明市、南平市的医共体建设经验将在全省推广，让群众在家门口享受三甲医院的服务。",
)


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
@pytest.mark.parametrize("paragraphs", [(), ("",), ("。，！",), ("的了在是和。",), ("1 2 3。",)])
def test_degenerate_articles_have_no_keywords(method: str, paragraphs: tuple[str, ...]) -> None:
    assert rank_keywords(article(*paragraphs), method=method) == ()


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_have_no_noise(method: str) -> None:
    kws = rank_keywords(article(*BODY, title="医共体建设"), top=20, method=method)
    assert kws
    for k in kws:
        assert len(k.word) > 1
        assert k.word not in stopwords()
        assert any(c.isalpha() for c in k.word)
        assert not any(c.isdigit() for c in k.word)
        assert 0 < k.weight <= 1
    assert kws[0].weight == 1.0
    assert "紧密型县域医共体" in [k.word for k in kws]


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_deterministic_and_sorted(method: str) -> None:
    a = article(*BODY)
    first = rank_keywords(a, top=15, method=method)
    assert first == rank_keywords(a, top=15, method=method)
    assert [(-k.weight, k.word) for k in first] == sorted((-k.weight, k.word) for k in first)


def test_ties_broken_by_word() -> None:
    kws = rank_keywords(article("医联体医共体"), top=5, idf=IdfTable(1, {}))
    assert len(kws) == 2


def test_top_limits_results() -> None:
    assert len(rank_keywords(article(*BODY), top=3)) == 3
    assert rank_keywords(article(*BODY), top=0) == ()


def test_corpus_idf_downweights_words_in_every_article() -> None:
    common = "泉港区"
    docs = [article(f"{common}召开会议。{w}建设取得成效。", id=str(i))
            for i, w in enumerate(["医联体", "医共体", "分级诊疗", "医养结合"])]
    idf = build_idf(docs)
    assert idf.n_docs == 4 and idf.doc_freq[common] == 4
    assert idf.idf(common) < IdfTable().idf(common)
    assert idf.idf("医联体") > idf.idf(common) * IdfTable().idf("医联体") / IdfTable().idf(common)
    with_corpus = [k.word for k in rank_keywords(docs[0], idf=idf)]
    assert with_corpus.index("医联体") < with_corpus.index(common)


def test_build_idf_consumes_an_iterator() -> None:
    idf = build_idf(iter([article(*BODY), article("医联体。")]))
    assert idf.n_docs == 2 and idf.doc_freq["医联体"] == 1


def test_unknown_method() -> None:
    with pytest.raises(UnknownMethodError, match="textrank"):
        rank_keywords(article(*BODY), method="magic")


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_contact_details_are_not_keywords(method: str) -> None:
    contact = ("您好！如有疑问，请拨打预约电话0594-22xxxxx咨询。",
               "联系人：郑雅琴，联系电话：0594-22xxxxx。",
               "服务热线：0594-22xxxxx，传真：0594-22xxxxx。")
    words = [k.word for k in rank_keywords(article(*BODY, *contact), top=30, method=method)]
    assert not {"22xxxxx", "您好", "联系电话", "联系人", "服务热线", "热线", "传真"} & set(words)
    assert "紧密型县域医共体" in words


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_demonstratives_and_the_publishers_self_reference_are_not_keywords(method: str) -> None:
    a = article("我院心内科近日开展义诊活动，我院专家为市民测量血压。", *BODY,
                title="这份防中暑指南请收好，这几点要记牢")
    words = [k.word for k in rank_keywords(a, top=30, method=method)]
    assert not {"这份", "几点", "这几", "我院"} & set(words)
    assert "紧密型县域医共体" in words


def test_a_title_word_the_body_never_uses_counts_once() -> None:
    """A headline's own words ("走进") name no subject: boosted only when the body uses them."""
    from fjhealth.keywords import TITLE_BOOST, TITLE_ONLY

    a = article("义诊活动在社区卫生服务中心举行。", title="走进义诊现场")
    idf = IdfTable()
    weights = {k.word: k.weight for k in rank_keywords(a, 10, idf=idf)}
    assert weights["走进"] / weights["义诊"] == pytest.approx(
        idf.idf("走进") * TITLE_ONLY / (idf.idf("义诊") * (1 + TITLE_BOOST)))
