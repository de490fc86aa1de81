"""Column lines (``fjhealth.column_lines``): which lines carry on a paragraph."""

from __future__ import annotations

from fjhealth import column_lines as L

FIRST = ["  眼下正是一年一度的春运工", "作高峰，许多人开始踏上了回乡",
         "的路途，但愿游子早日回家。请寄", "北京人民日报教科文部文化组。"]
NEXT = ["  来信请寄北京人民日报教科", "文部文化组，许多人开始踏上了", "回乡的路途。"]


def runs(lines: list[str]) -> list[str]:
    found = L.read_lines("\n".join(lines))
    col = L.set_widths(found)
    return [L.join([ln.text for ln in run]) for run in L.group_runs(found, col)]


def test_a_one_character_piece_set_apart_carries_on_into_the_next_line() -> None:
    # an extractor set "电" of the printed line "电传：85312765。" apart: a single character
    # stopping mid-sentence is no heading and no paragraph, it carries on into "传：…"
    got = runs([*FIRST, "电", "传：85312765。", *NEXT])
    assert got[1] == "电传：85312765。"
    assert len(got) == 3


def test_two_characters_under_a_sentence_may_be_a_name_and_stay_apart() -> None:
    # "张峰" under a finished paragraph may be the byline of the section under it
    got = runs([*FIRST, "张峰", *NEXT])
    assert "张峰" in got


def test_a_headline_past_a_blank_line_does_not_set_the_column_width_of_the_lines_above() -> None:
    # "…局面" fills the column with no mark; the line under it ends the paragraph with its
    # credit, and a wider headline of the next article follows a blank line: measured against
    # that headline, the line under "…局面" would look indented (a paragraph's first line)
    head, tail = "二十一世纪全面再现京剧辉煌局面", "是完全可能的。（本报记者 江杰坤"
    lines = [*FIRST[:3], "北京日报。", head, tail, "通讯员 肖杰华）", "",
             "大连海富集团总裁、戏迷代表何来生先生", *NEXT]
    assert head + tail + "通讯员 肖杰华）" in runs(lines)


def test_a_first_line_cut_short_by_a_number_it_could_not_take_carries_on() -> None:
    # "…探测器于" stops two cells short of an indented first line: "1995" did not fit
    lines = [*FIRST, "  “伽利略”号探测器于", "1995年12月7日到达木星，它最大",
             "的成绩是发现了木卫二上存在着", "水的证据。", *NEXT]
    assert "“伽利略”号探测器于1995年12月7日到达木星，它最大的成绩是发现了木卫二上存在着水的证据。" \
        in runs(lines)


def test_two_indented_lines_before_a_column_break_are_two_paragraphs() -> None:
    # a one-line paragraph with no mark, then the first line of the next paragraph (as short:
    # indented as much) and a column break: the second carries nothing of the first on
    head, first = "文化部艺术局副局长戴英禄", "金正日在视察慈江道地区时"
    rest = ["表示对当地在建设中小型电站和", "钢铁生产中所作出的成绩非常满", "意。"]
    got = runs([*FIRST[:3], "北京日报。", head, first, "", *rest, *NEXT])
    assert head in got
    assert first + "".join(rest) in got


def test_an_indented_first_line_over_one_wider_by_the_indent_carries_on() -> None:
    # after a sentence, an indented first line with no mark over a line wider by the indent;
    # the column is wider below them (text set beside a picture): the second line is no first
    # line measured against the wider column, it carries the first on
    lines = ["委内瑞拉经济在过去几年连续滑", "坡之后迅速恢复，对吸收外资更", "为有利。",
             "委内瑞拉丰富的自然资源和", "优越的地理位置是吸引外国投资", "的重要因素。",
             "委内瑞拉政府对外国投资的政策是宽", "松的和灵活的，投资项目不需要事先批准，",
             "只要求在资金投入之后60天内到主管部门", "注册。"]
    assert any(x.startswith("委内瑞拉丰富的自然资源和优越的") for x in runs(lines))

