"""Where an article tells its news: the weights of ``lead`` alone, then the one-sentence summary
they give on small articles of each layout."""

from __future__ import annotations

import pytest
from helpers import make_article

from fjhealth.lead import BACKGROUND, NOTICE_BOOST, QUOTE_LEDE, lead_weights, opens_next
from fjhealth.models import SummaryOptions
from fjhealth.sentence_quality import slogan
from fjhealth.summarize import summarize

ONE = SummaryOptions(sentences=1)


def test_no_sentences_no_weights() -> None:
    assert lead_weights([], set(), []) == []


def test_a_plain_sentence_weighs_one() -> None:
    texts = ["市卫健委召开会议。", "会议部署了全年工作。"]
    assert lead_weights(texts, {0}, [1.0, 1.0]) == [1.0, 1.0]


def test_a_news_peg_near_the_top_is_the_lead_its_year_and_a_frame_are_not() -> None:
    texts = ["9月4日，市卫健委启动专项行动。", "1995年7月6日，他来到这里。", "今年，工作继续推进。"]
    weights = lead_weights(texts, {0, 1, 2}, [1.0, 1.0, 1.0])
    assert weights[0] > 1
    assert weights[1:] == [1.0, 1.0]


def test_a_peg_counts_on_a_normal_sentence_only() -> None:
    assert lead_weights(["9月4日，下午。"], {0}, [0.1]) == [1.0]


def test_background_and_a_notice_subject() -> None:
    texts = ["近年来，老年人口持续增加。", "为方便就医，医院决定开设夜间门诊。",
             "现将有关事项通知如下："]
    assert lead_weights(texts, {0, 1}, [1.0, 1.0, 1.0]) == [BACKGROUND, NOTICE_BOOST, 1.0]
    assert opens_next(texts[2]) and opens_next("具体安排如下。") and not opens_next(texts[1])


def test_a_quote_lede_paragraph_weighs_less_a_quote_running_on_does_not() -> None:
    lede = ["“在家门口就能看专家。”", "说起变化，村民老林笑个不停。"]
    assert lead_weights([*lede, "县医院组织专家下乡。"], {0, 2}, [1.0] * 3) == [
        QUOTE_LEDE, QUOTE_LEDE, 1.0]
    # the paragraph goes on (as short posts do): no lede of its own
    assert lead_weights([*lede, "县医院组织专家下乡。"], {0}, [1.0] * 3) == [1.0] * 3
    # the last paragraph of the article: no report after it
    assert lead_weights(lede, {0}, [1.0] * 2) == [1.0, 1.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("健康同行，爱心相伴。", True), ("守护生命线，应急我先行。", True),
     ("爱老敬老，健康相伴。", True), ("三大行动，十项举措。", True),
     ("全市建成12个站点，覆盖10个乡镇。", False), ("会议召开。", False),
     ("医保共济，惠及全家，让群众得实惠。", False)],
)
def test_slogan_shape(text: str, expected: bool) -> None:
    assert slogan(text) is expected


NEWS = "9月4日，市卫健委启动老年健康服务专项行动，将为全市65岁以上老人免费体检。"
MORE = ("行动为期三年，由各区社区卫生服务中心具体实施。", "体检项目包括血常规、心电图和腹部彩超。")


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("近年来，全市老年人口持续增加。", NEWS, *MORE),  # background first
        ("健康同行，爱心相伴。", NEWS, *MORE),  # a slogan first
        ("“在家门口就能体检，真方便。”说起变化，家住城关的林大爷笑个不停。", NEWS, *MORE),
    ],
)
def test_the_one_sentence_summary_is_the_news(paragraphs: tuple[str, ...]) -> None:
    assert summarize(make_article(*paragraphs), ONE).text == NEWS


def test_the_one_sentence_summary_of_a_notice_is_its_subject() -> None:
    subject = ("为贯彻落实全省基层卫生健康综合试验区建设要求，进一步提升乡镇卫生院和社区卫生服务"
               "中心的服务能力，市卫健委决定于今年4月至10月在全市开展基层医疗卫生机构服务能力评估"
               "工作。")
    notice = make_article("各区县卫健局：", subject + "现将有关事项通知如下：", "一、评估范围",
                          "全市所有乡镇卫生院和社区卫生服务中心。", "二、评估安排",
                          "各机构先开展自评。", "市卫健委组织专家对评估结果进行抽查。",
                          "三、工作要求", "评估结果纳入年度考核。")
    assert summarize(notice, ONE).text == subject


def test_a_slogan_fills_no_budget_while_the_article_has_more() -> None:
    summary = summarize(make_article("健康同行，爱心相伴。", NEWS, MORE[0]), SummaryOptions())
    assert [s.text for s in summary.sentences] == [NEWS, MORE[0]]  # room for one more left
    assert summarize(make_article("健康同行，爱心相伴。"), ONE).text == "健康同行，爱心相伴。"
