"""Title candidates (fjhealth.titles), alone and through the cleaner."""

from __future__ import annotations

import math

import pytest

from fjhealth.clean import clean_document
from fjhealth.models import Document, Line
from fjhealth.titles import TITLE_FEATURES, _bigrams, _BodyPairs, candidates

BODY = [
    "近日，市卫健委印发通知，在全市推广家庭医生签约服务，签约居民可在社区预约专家号源。",
    "通知要求，各社区卫生服务中心要配齐家庭医生团队，签约服务覆盖城乡所有行政村。",
    "据介绍，今年全市家庭医生签约率已达六成，重点人群签约率超过八成。",
]


# ------------------------------------------------------------------------------ degenerate


def test_no_lines_no_candidates() -> None:
    assert candidates([], 0, [], []) == []


# ------------------------------------------------------------------------ through the cleaner


def test_html_title_loses_the_site_name_another_title_prints_alone() -> None:
    doc = Document(tuple(Line(t) for t in BODY), format="html",
                   titles=("健康某某网", "家庭医生签约服务覆盖城乡 健康某某网"))
    (a,) = clean_document(doc)
    assert a.title == "家庭医生签约服务覆盖城乡"


def test_markdown_title_has_no_markup() -> None:
    doc = Document((Line("| **家庭医生签约服务覆盖城乡**", tag="h1"), *map(Line, BODY)),
                   format="markdown")
    (a,) = clean_document(doc)
    assert a.title == "家庭医生签约服务覆盖城乡"
    assert "**" not in a.title and not any(r.reason == "site name" for r in a.removed)


def test_headline_with_one_comma_beats_a_widget_line() -> None:
    doc = Document((Line("秋季流感高发，这份接种指南请收好！", tag="h1"),
                    Line("原创 某某疾控 2024年10月08日 17:20"), Line("点击蓝字 关注我们"),
                    Line("近日，全市流感病例增多，市疾控中心提醒市民及时接种流感疫苗，做好个人防护。"),
                    *map(Line, BODY)), format="markdown")
    (a,) = clean_document(doc)
    assert a.title == "秋季流感高发，这份接种指南请收好！"


def test_a_line_with_a_full_stop_inside_is_never_a_title() -> None:
    lines = [Line("家庭医生签约服务。因此，社区要配齐团队"), *map(Line, BODY)]
    cands = candidates(lines, 1, BODY, [0.0] * len(lines))
    assert all("。" not in c.core for c in cands)


def test_a_menu_line_is_never_a_title() -> None:
    menu = "最新动态 政策法规 健康科普 办事指南 公众参与 联系我们"
    lines = [Line(menu), Line("家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    assert all(c.core != menu for c in candidates(lines, 2, BODY, [0.0] * len(lines)))
    (a,) = clean_document(Document(tuple(lines), format="html"))
    assert a.title == "家庭医生签约服务覆盖城乡"


def test_a_breadcrumb_is_never_a_title() -> None:
    crumbs = ["您现在的位置：首页 -> 卫生 -> 政策 -> 正文", "当前位置：首页 > 健康 > 正文"]
    lines = [*map(Line, crumbs), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 2, BODY, [0.0] * len(lines))}
    assert not cores & set(crumbs)


def test_a_row_of_bracketed_link_labels_is_never_a_title() -> None:
    rows = ["[查看全部目录] [加入收藏夹]", "[某某出版社]", "［打印本页］"]
    lines = [*map(Line, rows), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 3, BODY, [0.0] * len(lines))}
    assert not cores & set(rows)
    # a bracketed kicker ahead of a headline is not a row of links
    lines = [Line("[快讯] 家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    assert "[快讯] 家庭医生签约服务覆盖城乡" in {
        c.core for c in candidates(lines, 1, BODY, [0.0] * len(lines))}


def test_a_line_with_a_time_stamp_is_never_a_title() -> None:
    stamps = ["08日09:40作者：某某出自[某某日报]", "2024-10-08 17:20 来源：某某网"]
    lines = [*map(Line, stamps), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 2, BODY, [0.0] * len(lines))}
    assert not cores & set(stamps)


def test_a_section_head_of_a_running_series_loses_to_the_headline() -> None:
    lines = [Line("家庭医生走进千家万户"), Line("一、签约服务覆盖城乡"), Line(BODY[0]),
             Line("二、团队配齐到村"), Line(BODY[1]), Line("三、重点人群优先"), Line(BODY[2])]
    body = [ln.text for ln in lines[2:]]
    by_core = {c.core: c for c in candidates(lines, 2, body, [0.0] * len(lines))}
    k = TITLE_FEATURES.index("in_series")
    assert by_core["一、签约服务覆盖城乡"].features[k] == 1.0
    assert by_core["家庭医生走进千家万户"].features[k] == 0.0
    (a,) = clean_document(Document(tuple(lines), format="text"))
    assert a.title == "家庭医生走进千家万户"


def test_a_chapter_number_above_its_own_sections_is_not_a_series_head() -> None:
    # "二十三、" opens the page; the next numbered line below restarts at "一、"
    lines = [Line("二十三、家庭医生"), Line("一、签约服务覆盖城乡"), Line(BODY[0]),
             Line("二、团队配齐到村"), Line(BODY[1]), Line("二十四、社区健康"), Line(BODY[2])]
    body = [ln.text for ln in lines[2:]]
    by_core = {c.core: c for c in candidates(lines, 2, body, [0.0] * len(lines))}
    k = TITLE_FEATURES.index("in_series")
    assert by_core["二十三、家庭医生"].features[k] == 0.0


def test_a_date_after_a_headline_on_its_line_is_cut_off() -> None:
    for row in ("家庭医生签约服务覆盖城乡 (图) 2024-10-08 17:20:31",
                "家庭医生签约服务覆盖城乡（2024-10-08）"):
        lines = [Line(row), *map(Line, BODY)]
        cores = {c.core for c in candidates(lines, 1, BODY, [0.0] * len(lines))}
        assert cores & {"家庭医生签约服务覆盖城乡 (图)", "家庭医生签约服务覆盖城乡"}, row


def test_a_series_head_behind_private_use_marks_is_still_one() -> None:
    lines = [Line("家庭医生走进千家万户"), Line("\ue5e5\ue5e5一、签约服务覆盖城乡"), Line(BODY[0]),
             Line("\ue5e5\ue5e5二、团队配齐到村"), Line(BODY[1]), Line(BODY[2])]
    body = [ln.text for ln in lines[2:]]
    k = TITLE_FEATURES.index("in_series")
    (c,) = [c for c in candidates(lines, 2, body, [0.0] * len(lines)) if "签约服务" in c.core]
    assert c.features[k] == 1.0


def test_a_dateline_opening_with_a_dated_label_is_never_a_title() -> None:
    dateline = "【某某健康网2024年10月08日讯】近日，市卫健委印发通知"
    lines = [Line("家庭医生签约服务覆盖城乡"), Line(dateline), *map(Line, BODY)]
    assert all(c.core != dateline for c in candidates(lines, 2, BODY, [0.0] * len(lines)))
    # a bracketed kicker without a date stays a candidate
    lines = [Line("【快讯】家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    assert "【快讯】家庭医生签约服务覆盖城乡" in {
        c.core for c in candidates(lines, 1, BODY, [0.0] * len(lines))}


def test_a_column_label_ahead_of_a_headline_printed_alone_is_cut_off() -> None:
    lines = [Line("| [健康专题]家庭医生签约服务覆盖城乡"), Line("某某 发表于 2024-10-08"),
             Line("家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 3, BODY, [0.0] * len(lines)) if c.line == 0}
    assert cores == {"家庭医生签约服务覆盖城乡"}


def test_a_row_of_three_bracketed_labels_or_a_line_ending_on_a_comma_is_never_a_title() -> None:
    rows = ["页面功能 【我来说两句】【推荐】【打印】", "我们知道，在这一理论提出之前，"]
    lines = [*map(Line, rows), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 2, BODY, [0.0] * len(lines))}
    assert not cores & set(rows)


def test_a_date_and_source_line_gives_no_pieces_as_candidates() -> None:
    lines = [Line("家庭医生签约服务覆盖城乡"), Line("2022-02-13 09:57 光明网"), *map(Line, BODY)]
    cands = candidates(lines, 2, BODY, [0.0] * len(lines), skip=lambda t: t.startswith("2022"))
    assert {c.core for c in cands} == {"家庭医生签约服务覆盖城乡"}


def test_the_first_head_of_a_numbered_series_right_above_the_prose_opens_the_body() -> None:
    lines = [Line("家庭医生走进千家万户"), Line("一、签约服务覆盖城乡"), Line(BODY[0]),
             Line("二、团队配齐到村"), Line(BODY[1])]
    by_core = {c.core: c for c in candidates(lines, 2, [BODY[0], BODY[1]], [0.0] * 5)}
    inside, above = TITLE_FEATURES.index("inside"), TITLE_FEATURES.index("above")
    assert by_core["一、签约服务覆盖城乡"].features[inside] == 1.0
    assert by_core["家庭医生走进千家万户"].features[above] == pytest.approx(math.log1p(1))


def test_a_candidate_the_body_shares_no_character_pair_with_is_marked() -> None:
    lines = [Line("家庭医生签约服务覆盖城乡"), Line("立刻注册免费邮箱激活空间"), *map(Line, BODY)]
    k = TITLE_FEATURES.index("unshared")
    by_core = {c.core: c for c in candidates(lines, 2, BODY, [0.0] * len(lines))}
    assert by_core["立刻注册免费邮箱激活空间"].features[k] == 1.0
    assert by_core["家庭医生签约服务覆盖城乡"].features[k] == 0.0


def test_a_first_line_counts_as_confirmed_by_the_body_as_far_as_its_pairs_go() -> None:
    body = [BODY[0] + "数据显示，签约居民满意度较高。", *BODY[1:]]
    lines = [Line("显示"), Line("家庭医生走进千家万户"), Line("胡平"), *map(Line, body)]
    k = TITLE_FEATURES.index("first_line")
    by_core = {c.core: c for c in candidates(lines, 3, body, [0.0] * len(lines))}
    assert by_core["显示"].features[k] == pytest.approx(1 / 6)  # one pair the body uses
    (a,) = clean_document(Document(tuple(lines), format="text"))
    assert a.title == "家庭医生走进千家万户"


def test_a_breadcrumbs_parent_pages_are_no_candidates_and_a_glued_channel_name_comes_off() -> None:
    menu = "最新动态 政策法规 健康科普 办事指南 公众参与"
    lines = [Line(menu), Line("当前位置：首页->健康科普家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 2, BODY, [0.0] * len(lines))}
    assert "当前位置：首页" not in cores
    assert "家庭医生签约服务覆盖城乡" in cores  # "健康科普" is a menu item of the page
    # a headline opening with a word the page never prints alone keeps it
    lines = [Line("当前位置：首页->健康家庭医生签约服务覆盖城乡"), *map(Line, BODY)]
    cores = {c.core for c in candidates(lines, 1, BODY, [0.0] * len(lines))}
    assert "家庭医生签约服务覆盖城乡" not in cores


@pytest.mark.parametrize("body", [
    ["医院今天开诊，医院很忙。", "医", "今天下雨", "院", "医", "Hello 医院 world", ""],
    ["医院\n今天", "下\n雨", "医院", "医"],  # a line holding a break is still one line
])
def test_body_pairs_count_lines_as_the_pairs_of_each_line_do(body: list[str]) -> None:
    pairs = _BodyPairs(body)
    asked = {g for t in [*body, "医", "院今", "天下", "雨天", "医医"] for g in _bigrams(t)}
    for g in asked | {"医", "院", "雨", "医院", "下雨"}:
        expected = min(sum(g in _bigrams(t) for t in body), 2)
        assert pairs.lines_with(g) == expected, g
