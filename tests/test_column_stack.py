"""Two articles under headlines stacked at the top of one body (fjhealth.column_stack)."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text

FIRST = ("走访环卫工人", [
    "新华社福州2月6日电市里有关部门负责同志今天来到城区几个清洁站，走访环卫工人，代表市委和"
    "市政府向一线职工拜年，祝他们新春快乐。",
    "负责同志在清洁站同环卫工人促膝交谈，仔细了解他们的收入和住房情况，叮嘱大家注意安全，"
    "在平凡的岗位上继续做出新的成绩。",
    "环卫工人们说，每逢年节总有领导来站里走访，大家心里热乎乎的，一定把街巷打扫得干干净净，"
    "他们还要带好新来的年轻职工，让全城的街道天天清爽整洁。",
])
SECOND = ("倡导节约粮食", [
    "我们这里自古就有爱惜五谷的风气，倡导节约、珍惜每一粒米是许多家庭代代相传的好习惯，勤俭持家"
    "在百姓心中分量很重。",
    "如今生活富裕了，餐桌上的浪费却时有所见，有的宴席散后剩下大半桌饭菜，倡导节约粮食的新风仍需"
    "大力推广。",
    "对于节约粮食，我们每个人都应当从自身做起，按需点餐，吃多少做多少，让倡导节约、拒绝浪费"
    "成为千家万户的自觉行动。",
])


def test_a_body_under_two_stacked_headlines_is_split_where_it_turns() -> None:
    lines = [FIRST[0], SECOND[0], "——从一粥一饭说起"]
    for para in FIRST[1] + SECOND[1]:
        lines += wrap_column(para, 15)
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == (FIRST[0], SECOND[0])
    assert first.paragraphs == tuple(FIRST[1])
    assert second.paragraphs == tuple(SECOND[1])
    assert second.subtitles == ("——从一粥一饭说起",)


def test_a_kicker_that_agrees_with_the_whole_body_splits_nothing() -> None:
    # a kicker and a headline about the same story both agree with every part of the body
    lines = ["倡导节约粮食的新风", SECOND[0]]
    for para in SECOND[1] * 2:
        lines += wrap_column(para, 15)
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert len(a.paragraphs) == 6


def test_two_headline_groups_whose_words_the_bodies_never_use_split_where_the_text_turns() -> None:
    # interviews headed by the speakers' posts and names (words the speakers never say), each
    # over its deck, printed above both bodies: the body splits where the words turn
    heads = ["市环卫处处长王建平", "——谈城区清洁工作", "老厨师李德顺", "——谈节约粮食"]
    lines = [*heads]
    for para in FIRST[1] + SECOND[1]:
        lines += wrap_column(para, 15)
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == (heads[0], heads[2])
    assert (first.paragraphs, second.paragraphs) == (tuple(FIRST[1]), tuple(SECOND[1]))


def test_one_headline_over_two_decks_splits_nothing() -> None:
    lines = [SECOND[0], "——从一粥一饭说起", "——百姓餐桌上的新风"]
    for para in SECOND[1] * 2:
        lines += wrap_column(para, 15)
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert len(a.paragraphs) == 6
