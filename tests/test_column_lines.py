"""Column lines (``fjhealth.column_lines``): which lines carry on a paragraph."""

from __future__ import annotations

import pytest
from helpers import wrap_column

from fjhealth import column_lines as L
from fjhealth.clean import clean_text
from fjhealth.column_page import read_lines, set_widths
from fjhealth.column_runs import group_runs

FIRST = ["  这几天正是全年最忙的秋收", "农忙季，不少农民早早来到了田",
         "间地头，但愿今年处处丰收。请寄", "福建农业报社编辑部来信小组。"]
NEXT = ["  来信请寄福建农业报社编辑", "部来信小组，不少农民来到了田", "间地头收割。"]


def runs(lines: list[str]) -> list[str]:
    found = read_lines("\n".join(lines))
    col = set_widths(found)
    return [L.join([ln.text for ln in run]) for run in group_runs(found, col)]


def test_a_one_character_piece_set_apart_carries_on_into_the_next_line() -> None:
    # an extractor set "电" of the printed line "电传：63015928。" apart: a single character
    # stopping mid-sentence is no heading and no paragraph, it carries on into "传：…"
    got = runs([*FIRST, "电", "传：63015928。", *NEXT])
    assert got[1] == "电传：63015928。"
    assert len(got) == 3


def test_two_characters_under_a_sentence_may_be_a_name_and_stay_apart() -> None:
    # "林涛" under a finished paragraph may be the byline of the section under it
    got = runs([*FIRST, "林涛", *NEXT])
    assert "林涛" in got


def test_a_headline_past_a_blank_line_does_not_set_the_column_width_of_the_lines_above() -> None:
    # "…活力" fills the column with no mark; the line under it ends the paragraph with its
    # credit, and a wider headline of the next article follows a blank line: measured against
    # that headline, the line under "…活力" would look indented (a paragraph's first line)
    head, tail = "新世纪里让闽剧重新焕发青春活力", "是大有希望的。（本报记者 林晓东"
    lines = [*FIRST[:3], "农业报社。", head, tail, "通讯员 陈立新）", "",
             "福州华闽集团总裁、戏迷代表王建国先生", *NEXT]
    assert head + tail + "通讯员 陈立新）" in runs(lines)


def test_a_first_line_cut_short_by_a_number_it_could_not_take_carries_on() -> None:
    # "…科考船于" stops two cells short of an indented first line: "2003" did not fit
    lines = [*FIRST, "  “海之星”号科考船于", "2003年11月6日抵达南极，它最大",
             "的收获是证实了冰盖下面有一片", "淡水湖泊。", *NEXT]
    assert "“海之星”号科考船于2003年11月6日抵达南极，它最大的收获是证实了冰盖下面有一片淡水湖泊。" \
        in runs(lines)


def test_two_indented_lines_before_a_column_break_are_two_paragraphs() -> None:
    # a one-line paragraph with no mark, then the first line of the next paragraph (as short:
    # indented as much) and a column break: the second carries nothing of the first on
    head, first = "市文化局艺术科科长林如松", "王明在走访闽东山区乡镇时"
    rest = ["称赞当地村民在兴办小水电站和", "茶叶种植上的做法都让他十分满", "意。"]
    got = runs([*FIRST[:3], "农业报社。", head, first, "", *rest, *NEXT])
    assert head in got
    assert first + "".join(rest) in got


def test_an_indented_first_line_over_one_wider_by_the_indent_carries_on() -> None:
    # after a sentence, an indented first line with no mark over a line wider by the indent;
    # the column is wider below them (text set beside a picture): the second line is no first
    # line measured against the wider column, it carries the first on
    lines = ["我省山区经济在这几年里持续增", "长之后又有提高，对吸引客商更", "加有利。",
             "我省山区优美的自然风光和", "便利的交通条件是吸引外地客商", "的主要原因。",
             "我省山区各县对外来投资的态度是开", "放的和积极的，一般项目都无须事先报批，",
             "只需要在资金到位之后60天内去有关部门", "登记。"]
    assert any(x.startswith("我省山区优美的自然风光和便利的") for x in runs(lines))




FIELDS = ["秋收时节，农民们早早来到田间地头收割晚稻，到处是一派繁忙的丰收景象。",
          "农技人员也来到田间，指导农民抢收抢晒，确保颗粒归仓，不让一粒粮食烂在地里。",
          "县农业局的同志介绍，今年全县晚稻种植面积有所增加，长势也比往年好。"]
DOCTORS = ["医生们背着药箱走进田间，为正在收割的农民量血压、送药品，受到群众欢迎。",
           "卫生院院长说，农忙时节农民没空看病，医生就把服务送到田头，方便群众。"]


def test_an_unmarked_line_between_a_sentence_end_and_an_indented_line_is_a_headline() -> None:
    # the next article's headline fills the column as a body line would (after a last line
    # whose full stop hangs past the edge), but no paragraph ends without a mark and the line
    # under it is indented: the first of a paragraph
    last = "今年全县晚稻种植面积增加，预计总产量比去年增长一成。"
    lines = [*(ln for p in [*FIELDS, last] for ln in wrap_column(p, 9)), "乡村医生进田头送药",
             *(ln for p in DOCTORS for ln in wrap_column(p, 9))]
    blocks = [b.text for a in clean_text("\n".join(lines) + "\n", "p") for b in a.blocks]
    assert "乡村医生进田头送药" not in "".join(b for b in blocks if b != "乡村医生进田头送药")


def test_the_first_line_of_a_page_over_a_line_with_a_hanging_mark_is_a_headline() -> None:
    # "…忙于秋收，" fills its line only with the comma set past the column's edge: still a
    # first line short by its indent, so the page's line above it is the headline
    first = "入秋以来农民忙于秋收，田间地头到处是收割晚稻的人群，一派繁忙景象。"
    lines = ["乡村医生进田头送药", *(ln for p in [first, *FIELDS[1:]] for ln in wrap_column(p, 12))]
    assert lines[1] == "入秋以来农民忙于秋收，"
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert (a.title, a.paragraphs[0]) == ("乡村医生进田头送药", first)


def test_an_indented_line_and_a_full_one_carry_on_past_a_blank_line() -> None:
    # no mark yet in two lines (an indented first line and a full one), a blank line an
    # extractor put in, then a full line that is not indented: one paragraph, no headline
    para = ("卫生院的医生团队由全科医生乡镇护士和驻村医生组成，"
            "为签约居民建立健康档案，定期上门随访。")
    lines = ["乡村医生进田头送药", *(ln for p in FIELDS for ln in wrap_column(p, 12)), "",
             "卫生院的医生团队由", "全科医生乡镇护士和驻村", "", "医生组成，为签约居民建立",
             "健康档案，定期上门随访。", "", *(ln for p in DOCTORS for ln in wrap_column(p, 12))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (*FIELDS, para, *DOCTORS)


def test_a_dateline_and_a_line_with_no_mark_yet_carry_on_past_a_blank_line() -> None:
    # "新华社…电（记者…）" has no sentence mark and neither has the full line under it, but a
    # dateline opens a paragraph, never a headline: the sentence goes on past the blank line
    para = ("新华社福州4月1日电（记者林平）全县乡镇卫生院今年起组织医生走进田间地头，"
            "为正在收割的农民量血压、送药品。")
    lines = ["乡村医生进田头送药", "", "新华社福州4月1日电（记者林平）",
             "全县乡镇卫生院今年起组织医生", "", "走进田间地头，为正在收割的农民",
             "量血压、送药品。", "",
             *(ln for p in DOCTORS for ln in wrap_column(p, 16))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs[0] == para


HOME = ["近年来，越来越多的年轻人离开家乡，到大城市读书、工作和安家，每到春节才回一趟老家。",
        "不少人说，故乡成了回不去的地方，城市又还没有真正接纳自己，心里总觉得空落落的。",
        "专家认为，流动让个人有了更多机会，也让亲情需要用新的方式来维系，常回家看看仍然重要。"]


@pytest.mark.parametrize("column", [11, 15, 16, 17])
def test_a_headline_with_marks_over_a_deck_after_the_last_sentence_stands_apart(
        column: int) -> None:
    # the headline printed at the end of the page carries a comma and a question mark and
    # follows a last line that (nearly) fills the column; the deck under it has no mark: the
    # headline is no line of the paragraph above
    head = "漂在城市，家乡在哪里？"
    lines = [*(ln for p in HOME for ln in wrap_column(p, column)), head, "——离乡青年的春节心事",
             "□本报记者 林晓"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == head
    assert a.paragraphs == tuple(HOME)


def test_a_dash_line_with_marks_under_a_sentence_stays_in_the_prose() -> None:
    # a dash line carrying sentence marks is the prose's (a list item, a speaker's words), no
    # deck: the line above it is no headline
    assert not L.bare_deck("——这是我们的家乡，也是大家的家乡。")
    assert L.bare_deck("——离乡青年的春节心事")


@pytest.mark.parametrize("punct", [1.0, 0.5])
def test_a_paragraph_s_one_full_middle_line_sets_its_width(punct: float) -> None:
    # a three-line paragraph ends its sentence three cells short of the 20-cell column; the
    # lines after it (the next paragraph's indented first line and its short last one) all
    # stop short of the column too, so measured by them alone it would look full: its one
    # full middle line says how wide the paragraph is set, and it ends there
    first = ("县医保局介绍，全县已有两千多名慢病患者签约家庭医生服务，药费大部分由医保基金支付，"
             "个人每个月只需负担几十元钱。")
    rest = ["不少患者表示，家庭医生上门不仅省了路费，还教会了他们很多用药知识。",
            "下一步，县里将培训更多乡村医生，并探索夜间上门服务。"]
    lines = ["家庭医生上门服务慢病患者", *(ln for p in [first, *rest] for ln in
                                   wrap_column(p, 20, punct))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs[0] == first


def test_stacked_headlines_wider_than_the_column_stand_over_an_unindented_first_line() -> None:
    # two headlines printed one under the other, the second wider than the body's column: the
    # body's first line (set flush, as an extractor may give it) is no part of them
    heads = ["省立医院急诊科主任陈志远", "蕉城区乡村医生、村卫生所所长林秀英"]
    body = "急诊科是医院的前哨，也最能看出一个地方的医疗水平，山区路远，救护车跑一趟要一个多小时。"
    assert runs([*heads, *wrap_column(body, 12, indent=0)]) == ["".join(heads), body]
