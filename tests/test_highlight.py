"""Where query words stand: snippets with the words marked, coverage and proximity."""

from __future__ import annotations

from fjhealth.highlight import Needles, closeness, make_snippet


def test_closeness_rewards_more_words_closer_together() -> None:
    needles = Needles((("医共体",), ("医保",)))
    near = closeness(needles, "医共体和医保")
    far = closeness(needles, "医共体" + "。" * 300 + "医保")
    one = closeness(needles, "医共体")
    none = closeness(needles, "无关")
    assert near > far > one > none >= 1.0


def test_snippet_without_a_match_is_the_start() -> None:
    assert make_snippet("甲乙丙丁", (("戊",),), width=3) == ("甲乙丙…", ())


def test_snippet_marks_every_query_word_in_the_window() -> None:
    text = "开头的话。" * 10 + "医共体和医保一起推进。" + "结尾。" * 10
    snippet, marks = make_snippet(text, (("医共体",), ("医保",)), width=30)
    assert [snippet[a:b] for a, b in marks] == ["医共体", "医保"]
    assert snippet.startswith("…") and snippet.endswith("…")


def test_snippet_prefers_the_window_with_most_words() -> None:
    text = "医保。" + "无关内容。" * 30 + "医共体与医保。"
    snippet, marks = make_snippet(text, (("医共体",), ("医保",)), width=20)
    assert {snippet[a:b] for a, b in marks} == {"医共体", "医保"}


def test_snippet_is_one_line_and_case_insensitive() -> None:
    snippet, marks = make_snippet("第一行\nDRG付费\n第三行", (("drg",),), width=40)
    assert "\n" not in snippet and [snippet[a:b] for a, b in marks] == ["DRG"]


def test_closeness_rewards_an_article_about_the_words() -> None:
    needles = Needles((("医共体",),))
    filler = "其他工作也在推进。" * 20
    about = closeness(needles, "医共体建设。" + filler + "医共体。" + filler + "医共体。")
    once = closeness(needles, "医共体建设。")
    assert about > once


def test_closeness_weighs_the_rarer_word_more() -> None:
    needles = Needles((("医共体",), ("推进",)))
    rare = closeness(needles, "医共体，医共体，医共体，推进", weights=(3.0, 0.5))
    common = closeness(needles, "医共体，推进，推进，推进", weights=(3.0, 0.5))
    assert rare > common
