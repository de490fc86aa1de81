"""Printed lines put back together on a page cut after every mark (``fjhealth.column_cuts``)."""

from __future__ import annotations

import pytest
from helpers import cut_after_marks, wrap_column

from fjhealth.clean import clean_text
from fjhealth.column_cuts import rebuild_lines
from fjhealth.column_page import read_lines

# printed lines 11 cells wide; the fourth is a character short: "准、" could not be parted
PRINTED = ["陈医生说，随访是对患者", "进行全程管理，不单单是", "指开药复诊，还要饮食精",
           "细。只有做到精细、精", "准、精当、精心，才能反", "映出随访的价值。"]


def test_a_line_a_character_short_before_a_character_and_its_mark_is_whole() -> None:
    pieces = [p for ln in PRINTED for p in cut_after_marks(ln)]
    assert [ln.text for ln in rebuild_lines(read_lines("\n".join(pieces)))] == PRINTED


HOME = ["近年来，越来越多的年轻人离开家乡，到大城市读书、工作和安家，每到春节才回一趟老家。",
        "不少人说，故乡成了回不去的地方，城市又还没有真正接纳自己，心里总觉得空落落的。",
        "专家认为，流动让个人有了更多机会，也让亲情需要用新的方式来维系，常回家看看仍然重要。"]


@pytest.mark.parametrize(("column", "punct"), [(11, 0.5), (12, 0.5), (16, 0.5), (12, 1.0)])
def test_a_headline_cut_at_its_comma_over_a_deck_stands_apart(column: int, punct: float) -> None:
    # the headline printed after the body is cut after its comma as the body is ("漂在城市，" /
    # "家乡在哪里"), and the deck under it follows a line ending in a mark: no paragraph ends
    # without a sentence end, so the pieces after the last one are the headline's
    head, deck = ["漂在城市，", "家乡在哪里"], "——离乡青年的春节心事"
    body = [p for para in HOME for ln in wrap_column(para, column, punct)
            for p in cut_after_marks(ln)]
    (a,) = clean_text("\n".join([*body, *head, deck, "本报记者 林晓"]) + "\n", "p")
    assert a.title == "漂在城市，家乡在哪里"
    assert a.paragraphs == tuple(HOME)
    assert deck in a.subtitles


def test_a_short_page_in_a_wide_column_is_measured_by_the_widths_near_each_other() -> None:
    # a short article in a 20-cell column cut after its half-width marks: few chains of
    # pieces, no total twice (most printed lines end in a mark, so a chain runs over several),
    # the column is the width most chains lie within a cell of, not the widest chain
    paras = ["为了让孩子们少戴眼镜，泉州市今年在全市中小学推行课间远眺和户外活动两小时制度，"
             "并为每所学校配备视力筛查设备。",
             "市疾控中心的数据显示，去年全市中小学生近视率比前年下降了一点八个百分点，其中小学生"
             "下降最为明显。",
             "一位班主任说，现在课间十分钟，孩子们都被“赶”到操场上，眼睛累了就看看远处的山。",
             "眼科专家提醒，家长也要控制孩子在家使用手机和平板的时间，做到每天不超过一小时。"]
    body = [p for para in paras for ln in wrap_column(para, 20, 0.5) for p in cut_after_marks(ln)]
    (a,) = clean_text("\n".join(["儿童近视防控进校园", *body]) + "\n", "p")
    assert a.paragraphs == tuple(paras)
