"""Two articles under headlines stacked at the top of one body (fjhealth.column_stack)."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text

FIRST = ("看望劳模家属", [
    "新华社北京1月24日电中央领导同志今天到已故全国劳动模范时传祥、张秉贵家中看望，代表党和"
    "政府向劳模家属拜年，祝他们春节愉快。",
    "领导同志在劳模家中同家属亲切交谈，详细询问他们的生活情况，勉励劳模的后代继承劳模精神，"
    "在各自的岗位上做出新的贡献。",
    "劳模家属说，党和政府一直没有忘记劳模，每逢春节都来家中看望，劳模精神一定会一代代传下去，"
    "他们也将以劳模为榜样，踏踏实实做好自己的工作。",
])
SECOND = ("重视礼治传统", [
    "我国素有礼仪之邦的美誉，重视礼治、讲究文明礼貌是我们民族的优良传统，礼治思想在传统文化中"
    "占有重要的位置。",
    "古人所说的礼治，很多时候是指当时的典章制度，但也包括礼貌的内容，重视礼治的传统值得我们认真"
    "总结和继承。",
    "对于礼治的传统，我们应当取其精华，弃其糟粕，让讲礼貌、重礼治的好传统在新时代发扬光大，"
    "成为建设精神文明的有力手段。",
])


def test_a_body_under_two_stacked_headlines_is_split_where_it_turns() -> None:
    lines = [FIRST[0], SECOND[0], "——中国传统文化的特点"]
    for para in FIRST[1] + SECOND[1]:
        lines += wrap_column(para, 15)
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == (FIRST[0], SECOND[0])
    assert first.paragraphs == tuple(FIRST[1])
    assert second.paragraphs == tuple(SECOND[1])
    assert second.subtitles == ("——中国传统文化的特点",)


def test_a_kicker_that_agrees_with_the_whole_body_splits_nothing() -> None:
    # a kicker and a headline about the same story both agree with every part of the body
    lines = ["重视礼治传统的继承", SECOND[0]]
    for para in SECOND[1] * 2:
        lines += wrap_column(para, 15)
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert len(a.paragraphs) == 6
