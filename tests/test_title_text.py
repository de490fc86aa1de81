"""A headline line's core without site names and markup (fjhealth.title_text)."""

from __future__ import annotations

from fjhealth.title_text import core_of, shape_ok, strip_markup

BODY = (
    "市卫健委近日在全市推广家庭医生签约服务，签约服务覆盖城乡所有行政村，"
    "签约居民可预约专家号源。"
)


def _share(body: str):
    pairs = {body[i : i + 2] for i in range(len(body) - 1)}

    def share(part: str) -> float:
        grams = {part[i : i + 2] for i in range(len(part) - 1)}
        return len(grams & pairs) / max(len(grams), 1)

    return share


def test_core_of_a_text_without_separators_is_the_text() -> None:
    assert core_of("家庭医生签约服务", _share(""), lambda p: False) == "家庭医生签约服务"


def test_site_separator_cuts_the_side_the_body_shares_less() -> None:
    share = _share(BODY)
    assert core_of("家庭医生签约服务覆盖城乡_某某市人民政府", share, lambda p: False) == (
        "家庭医生签约服务覆盖城乡")


def test_space_alone_keeps_a_headline_clause_the_body_does_not_repeat() -> None:
    share = _share(BODY)
    assert core_of("家庭医生签约提质扩面 群众看病更方便", share, lambda p: False) == (
        "家庭医生签约提质扩面 群众看病更方便")


def test_space_cuts_a_name_the_page_prints_on_its_own() -> None:
    share = _share(BODY)
    title = "家庭医生签约服务覆盖城乡 健康某某网"
    assert core_of(title, share, lambda p: p == "健康某某网") == "家庭医生签约服务覆盖城乡"
    # the rest printed alone (og:title beside a <title> with the site's name)
    rest = "家庭医生签约服务覆盖城乡"
    assert core_of(title, share, lambda p: p == rest) == rest


def test_markup_left_at_the_ends_goes() -> None:
    assert strip_markup("| **家庭医生签约服务覆盖城乡**") == "家庭医生签约服务覆盖城乡"
    assert core_of("## 家庭医生签约服务覆盖城乡 **", _share(""), lambda p: False) == (
        "家庭医生签约服务覆盖城乡")


def test_widget_words_ahead_of_a_headline_go() -> None:
    share = _share(BODY)
    assert core_of("推荐 我要说说 家庭医生签约服务覆盖城乡", share, lambda p: False) == (
        "家庭医生签约服务覆盖城乡")
    # one short word is not a run of widget words: a kicker may stand ahead of a headline
    assert core_of("快讯 家庭医生签约服务覆盖城乡", share, lambda p: False) == (
        "快讯 家庭医生签约服务覆盖城乡")


def test_only_headline_shaped_text_passes() -> None:
    assert shape_ok("家庭医生签约服务覆盖城乡")
    assert not shape_ok("首页 新闻 政务 卫健 公告 专题")  # a menu of short words
    assert not shape_ok("当前位置：首页 > 新闻 > 正文")  # a breadcrumb
    assert not shape_ok("签约服务覆盖城乡。签约居民可预约专家号源")  # a full stop inside
    assert not shape_ok("——家庭医生签约服务覆盖城乡")  # a deck
    assert not shape_ok("家")  # too short
