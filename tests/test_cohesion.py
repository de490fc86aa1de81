"""Does a sentence read on its own: openers dropped, words pointing back, list marks."""

from __future__ import annotations

import pytest

from fjhealth import segment
from fjhealth.cohesion import ATTRIBUTION_RE, ITEM_RE, leading_connective, needs_context


def test_degenerate() -> None:
    assert leading_connective("") == 0
    assert not needs_context([])
    assert not needs_context(["同时", "，"], skip=3)


@pytest.mark.parametrize(
    ("text", "n"),
    [("同时，千户企业借款增幅较大。", 3), ("与此同时，千户企业借款增幅较大。", 5),
     ("获悉，近日全市启动义诊。", 3), ("因此,收费电话赢得用户。", 3),
     ("最后，祝大家新年好！", 3), ("据悉，该院开设夜间门诊。", 0),
     ("据介绍，今年服务持续至8月。", 0), ("同时请求利维不要误解。", 0),
     ("近日，全市启动义诊。", 0), ("同时代的人。", 0)],
)
def test_leading_connective(text: str, n: int) -> None:
    assert leading_connective(text) == n


@pytest.mark.parametrize(
    ("text", "pointing"),
    [("他说，必须坚持开发扶贫的方针。", True), ("他们又托关系到家中。", True),
     ("这是江泽民等同演出人员合影。", True), ("这天，医院启动合作项目。", True),
     ("此次文化市场整顿起始于枪击案。", True), ("该画集由河南美术出版社出版。", True),
     ("上述提到的合并往往是不得已而为之。", True), ("其中最令人感兴趣的是关税下调。", True),
     ("二是水利设施管理得好。", True), ("但事情还有另一面。", True),
     ("而在目前的技术下，话音不清。", True), ("那种认识是片面的。", True),
     ("例如，偏瘫肢体训练限定在6个月内。", True), ("当天上午，我院开展义诊。", True),
     ("否则，那就麻烦了。", True), ("并购活动今年增加。", False), ("也门局势紧张。", False),
     ("就业形势总体稳定。", False), ("其实，结节大多是良性的。", False),
     ("又一位高管被调查。", False), ("三名患者康复出院。", False),
     ("第二十六条稳定市场价格总水平是国家重要的政策目标。", False),
     ("那为什么手机的屏幕越做越大呢？", False), ("医共体建设全面提速。", False),
     ("并且要加强管理。", True), ("与此同时医院加强管理。", True), ("一方面要加强管理。", False),
     ("通过该原则，将党建工作落实。", True), ("在这种情况下，医院加强管理。", True),
     ("在他的带领下，团队取得成绩。", True), ("在福州召开会议。", False),
     ("根据《方案》，各地开展自查。", False)],
)
def test_needs_context(text: str, pointing: bool) -> None:
    assert needs_context(segment.words(text), leading_connective(text)) is pointing


def test_needs_context_after_a_dropped_opener() -> None:
    text = "对此，他表示将加快建设。"
    assert needs_context(segment.words(text), leading_connective(text))
    text = "对此，专家表示将加快建设。"
    assert not needs_context(segment.words(text), leading_connective(text))


@pytest.mark.parametrize(
    ("text", "marked"),
    [("❷英特尔CEO提前退休；", True), ("2、爱奇艺起诉；", True), ("1）优信拍：关注B2B；", True),
     ("（三）加强管理。", True), ("五、加强宣传。", True), ("3.5%的人关注。", False),
     ("2012年业绩增长。", False), ("二是加强管理。", False)],
)
def test_item_marks(text: str, marked: bool) -> None:
    assert bool(ITEM_RE.match(text)) is marked


@pytest.mark.parametrize(
    ("text", "attribution"),
    [("68岁的村民洪大伯说。", True), ("院长陈铭表示。", True), ("他说，必须坚持。", False),
     ("独生子女多导致房子过剩只是传说。", True)],
)
def test_attribution(text: str, attribution: bool) -> None:
    # Only ever joined to a quote just before it: "…只是传说。" after a quote is so read too.
    assert bool(ATTRIBUTION_RE.fullmatch(text)) is attribution
