"""A column page made ready for grouping (fjhealth.column_page): the masthead and its section
name, lines that look like bylines but are prose. Pages set here with ``wrap_column``."""

from __future__ import annotations

import pytest
from helpers import wrap_column

from fjhealth.clean import clean_text
from fjhealth.column_page import read_lines, set_widths

BODY = [
    "我省素有茶叶之乡的美称，讲究以茶待客是闽地百姓的淳朴民风，历代文人墨客对此多有吟咏。",
    "在闽北山区世代以种茶制茶为生的许多老茶农人家，格外看重茶礼，讲究以茶会友，以茶修身。",
]


def page(*head: str, body: list[str] = BODY, width: int = 12) -> str:
    lines = list(head)
    for para in body:
        lines += wrap_column(para, width)
    return "\n".join(lines) + "\n"


def test_a_short_headline_over_its_deck_is_no_section_name() -> None:
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "话茶礼", "——闽地饮茶习俗的由来")
    (a,) = clean_text(text, "p")
    assert a.title == "话茶礼"
    assert a.subtitles == ("——闽地饮茶习俗的由来",)


def test_the_masthead_names_its_section_once() -> None:
    # "专题" between the page line and the editors is the section: the short line under the
    # masthead is the headline, not a second section name
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "专题", "责任编辑：郑岚", "话茶礼",
                "本报记者 陈坤")
    (a,) = clean_text(text, "p")
    assert a.title == "话茶礼"
    assert "专题" in "".join(r.text for r in a.removed)


def test_a_section_name_right_under_the_page_line_is_furniture() -> None:
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "专题", "讲究茶礼的传统")
    (a,) = clean_text(text, "p")
    assert a.title == "讲究茶礼的传统"
    assert "专题" in "".join(r.text for r in a.removed)


def test_a_sentence_that_opens_like_a_byline_is_prose() -> None:
    # "记者从…" opens like a byline; after a paragraph, filling the column over a full line, it
    # is the next paragraph's first line
    first = "我省素有茶叶之乡的美称，讲究以茶待客是闽地百姓的淳朴民风。"
    second = ("记者从省外国投资管理机构获悉，去年全省吸收的外国投资约三十亿元，增长势头迅猛，"
              "超过上年一倍以上。")
    lines = wrap_column(first, 14) + wrap_column(second, 14, indent=1)
    assert lines[len(wrap_column(first, 14))].startswith("记者从")
    (a,) = clean_text("茶礼漫谈\n" + "\n".join(lines) + "\n", "p")
    assert a.paragraphs == (first, second)


@pytest.mark.parametrize("column", [6, 7, 8, 9, 10, 11])
def test_a_lead_opening_like_a_byline_broken_in_a_narrow_column_stays_in_the_body(column) -> None:
    # "记者从省林业局" / "获悉，…": the role word names no one and the full line under it carries
    # the sentence on, so it is the lead's first line under the headline, not a byline
    lead = "记者从省林业局获悉，今年全省新建森林步道一千多公里，沿途设置了休息站和急救点。"
    lines = ["森林步道连成网", *wrap_column(lead, column), *wrap_column(BODY[0], column)]
    assert lines[1].startswith("记者从") and not lines[2].startswith("记者")
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (lead, BODY[0])


@pytest.mark.parametrize("column", [8, 9, 12])
def test_a_byline_with_its_name_glued_on_stays_a_byline_over_the_body(column: int) -> None:
    lines = ["森林步道连成网", "本报记者杨明方",
             *(ln for p in BODY for ln in wrap_column(p, column))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == tuple(BODY)


def test_a_photographers_byline_under_a_caption_is_its_credit_not_an_article_byline() -> None:
    # "本报记者 林平摄" under a caption printed inside a paragraph credits the photo: it opens
    # no article and the caption's sentence does not end the paragraph
    body = wrap_column(BODY[1], 12)
    lines = ["闽北茶农以茶会友", *wrap_column(BODY[0], 12), *body[:2], "",
             "图为茶农在山间采茶。", "本报记者 林平摄", "", *body[2:]]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == tuple(BODY)
    assert a.captions == ("图为茶农在山间采茶。本报记者 林平摄",)


def test_a_box_under_the_article_past_a_blank_line_and_its_head_opens_a_paragraph() -> None:
    # "相关链接" is read as furniture; the blank line before it still parts the box's first
    # paragraph from the article's last one, whose last line stops a cell short
    body = [BODY[0], BODY[1] + "老茶农说，泡茶的水最好是山泉水。"]
    box = "什么是茶礼？就是以茶待客、以茶会友的礼节，讲究茶具洁净、斟茶七分满。"
    lines = ["闽北茶农以茶会友", *(ln for p in body for ln in wrap_column(p, 12)), "",
             "相关链接", *wrap_column(box, 12)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (*body, box)


def test_a_head_filling_the_column_with_the_line_before_stays_over_an_indented_line() -> None:
    # "…对此多有吟咏。" (13 cells) and "新茶" fill a 15-cell column exactly, but a line with no
    # mark over a paragraph's indented first line is a head, not the rest of a printed line
    lines = ["闽北茶农以茶会友", *wrap_column(BODY[0], 15), "新茶", *wrap_column(BODY[1], 15)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", BODY[0]), ("heading", "新茶"), ("paragraph", BODY[1])]


def test_latin_marks_ocr_read_after_han_characters_are_the_pages_full_width_marks() -> None:
    # "," and "." after Han characters (OCR): the paragraphs end at the "." and read "，" "。"
    ocr = [p.replace("，", ",").replace("。", ".") for p in BODY]
    lines = ["闽北茶农以茶会友", *(ln for p in ocr for ln in wrap_column(p, 12, punct=0.5))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == tuple(BODY)


def test_the_rest_of_a_printed_line_after_a_sentence_end_is_joined_back() -> None:
    # an extractor broke "…一环。这几年来" at the wide gap justification left: the short
    # piece that stops mid-sentence fills the line with the one before it
    para = ("着眼长远，持续开展茶礼宣传普及推广活动，扩大茶礼的社会影响，是实施培育和壮大茶叶市场"
            "战略的重要一环。这几年来的销售实践让我们懂得，我们必须把眼光投向青年，把茶香送进"
            "千家万户。")
    lines = wrap_column(para, 14)
    k = next(i for i, ln in enumerate(lines) if "。" in ln[:-1])
    head, tail = lines[k].split("。", 1)
    lines[k : k + 1] = [head + "。", tail]
    (a,) = clean_text("茶叶市场的培育\n" + "\n".join(lines) + "\n", "p")
    assert a.paragraphs == (para,)


def test_a_caption_ends_at_its_credit_broken_over_two_lines() -> None:
    # "…关键。（林雅琴" / "摄）": the credit closes the caption, the headlines printed at the
    # end of the page under it are no part of it
    caption = ["▲茶农在高山茶园采摘春茶，头批新茶是全年收成的", "关键。（林雅琴", "摄）"]
    text = page(body=BODY) + "\n".join([*caption, "话茶礼"]) + "\n"
    (a,) = clean_text(text, "p")
    assert a.captions == ("茶农在高山茶园采摘春茶，头批新茶是全年收成的关键。（林雅琴摄）",)
    assert a.title == "话茶礼"


TITLE = "闽北茶农以茶会友"
MASTHEAD = ("卫生健康报", "2025年4月2日 星期三", "第3版", "综合", "责任编辑：李华")


@pytest.mark.parametrize("column", [10, 14])
def test_jump_lines_are_furniture_and_the_headline_above_one_stays(column: int) -> None:
    # "（上接第1版）" under the headline is no masthead line; the text sent on to another page
    # by "（下转第6版）" stops mid-sentence and is still body text, not a headline
    kept = [*BODY, "在闽北山区，茶农们常说一杯好茶要经过采摘、萎凋和揉捻"]
    lines = [*MASTHEAD, TITLE, "（上接第1版）",
             *(ln for p in kept for ln in wrap_column(p, column)), "（下转第6版）"]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == TITLE
    assert a.paragraphs[-1] == kept[-1]
    assert [r.reason for r in a.removed if "版）" in r.text] == ["jump line", "jump line"]


@pytest.mark.parametrize("column", [9, 12])
def test_text_sent_on_by_a_jump_line_ends_its_article_before_the_next_headline(column) -> None:
    # "（下转第三版）" sends a sentence on to another page: the next headline (no byline, no
    # dateline under it, only "上接第一版") opens another article, not the rest of that sentence
    kept = [*BODY, "在闽北山区，茶农们常说一杯好茶要经过采摘、萎凋和揉捻"]
    other = ["闽南沿海的渔村里，老人们喜欢在傍晚泡一壶功夫茶，邻里围坐聊天，一坐就是半天。",
             "当地卫生院的医生提醒，浓茶喝多了影响睡眠，老人最好在睡前三小时不再喝茶。"]
    lines = [*MASTHEAD, TITLE, *(ln for p in kept for ln in wrap_column(p, column)),
             "（下转第三版）", "渔村老人爱喝功夫茶", "上接第一版",
             *(ln for p in other for ln in wrap_column(p, column))]
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == (TITLE, "渔村老人爱喝功夫茶")
    assert first.paragraphs == tuple(kept) and second.paragraphs == tuple(other)




def test_a_stray_ocr_space_in_a_datelines_first_word_does_not_hide_it() -> None:
    # OCR read the digits as full-width ones and set a space inside "新华社": the line is
    # still the dateline that opens the body, so the headline above it (as wide as the
    # column) stays apart
    head = "乡村医生培训班在福州开班"
    lead = "新华社福州4月1日电（记者林平）全省乡村医生培训班今天在福州开班，两百多名乡村医生参加。"
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    printed = [ln.translate(full) for ln in wrap_column(lead, 12)]
    printed[0] = printed[0].replace("新华社", "新华 社")
    lines = [*MASTHEAD, head, *printed, *(ln for p in BODY for ln in wrap_column(p, 12))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == head
    assert a.paragraphs[0] == lead.translate(full)


def test_short_lines_after_sentence_ends_are_no_sign_of_a_page_cut_into_pieces() -> None:
    # paragraphs ending in short last lines, each followed by a short section head: the pairs
    # would fit on one line, but a line that ends a sentence is a paragraph's end, not a piece
    from fjhealth.column_page import _fragmented

    ends = ["测血糖。", "送药上门。", "看病方便。", "都很满意。"]
    heads = ["田头送健康", "服务再升级", "下一步打算", "群众得实惠"]
    body = ["全县乡镇卫生院组织医生走进田间地", "头，为正在收割的农民量血压、"]
    text = "\n".join(ln for end, head in zip(ends, heads, strict=True)
                     for ln in [*body, end, head]) + "\n"
    lines = read_lines(text)
    set_widths(lines)
    assert not _fragmented(lines)[0]
    pieces = "\n".join(ln for _ in ends for ln in [*body, "测血糖，", "田头送健康"]) + "\n"
    lines = read_lines(pieces)
    set_widths(lines)
    assert _fragmented(lines)[0]


def test_a_kicker_over_a_headline_over_a_deck_is_not_joined_as_pieces() -> None:
    # the masthead, a kicker, the headline and a deck are short lines that would fit on one
    # line two by two: display text with no sentence mark, never pieces of a printed line
    kicker, head, deck = "关注民生", "乡村医生进田头送药", "——一项惠民举措的落地过程"
    lines = [*MASTHEAD, kicker, head, deck, *(ln for p in BODY for ln in wrap_column(p, 12))]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert (a.title, a.subtitles) == (head, (kicker, deck))


def test_pieces_of_a_tight_line_fit_once_their_marks_are_squeezed() -> None:
    # "该怎样办好呢？大家的看法并不一致，" was one printed line of a 16-cell column, its marks
    # squeezed: 17 cells with marks set full, 16 with the two it was cut after set half
    from fjhealth.column_page import _squeezed, _tail_piece

    lines = read_lines("该怎样办好呢？\n大家的看法并不一致，\n有的认为要先从基层做起再逐步推开\n")
    set_widths(lines)
    a, b, c = lines
    assert a.w + b.w == 17.0 and _squeezed(a, b) == 16.0
    assert _tail_piece(a, b, c, 16.0)
    assert not _tail_piece(a, b, c, 15.0)  # too wide even squeezed: two printed lines


def test_a_paragraph_end_and_an_unmarked_first_line_stay_apart() -> None:
    # the short last line of a paragraph and the next paragraph's first line (indented, not
    # ending in a mark) overfill the column: no squeeze makes them one printed line
    from fjhealth.column_page import _tail_piece

    lines = read_lines("病患者。\n不少村民说，以前头疼脑热要跑\n到镇上，现在打个电话，村医就上门\n")
    set_widths(lines)
    assert not _tail_piece(*lines, 17.5)


def test_list_items_and_table_rows_stand_apart() -> None:
    # an item opens with its mark where a paragraph would be indented (the line before ends a
    # sentence as wide as the column); rows of a table hold as many cells as the next
    items = ["●全县乡镇卫生院诊疗人次增长一成。", "●家庭医生签约覆盖八成村庄。"]
    rows = ["指标  数值  同比", "诊疗人次  56万  增9%", "住院人数  3.2万  增5%"]
    lines = [*MASTHEAD, TITLE, *wrap_column(BODY[0], 12),
             *(ln for it in items for ln in wrap_column(it, 12, indent=0)), *rows,
             *wrap_column(BODY[1], 12)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (BODY[0], *items, BODY[1])
    assert [b.text for b in a.blocks if b.kind == "heading"] == [
        "指标 数值 同比", "诊疗人次56万增9%", "住院人数3.2万增5%"]


def test_a_headline_with_stray_ocr_spaces_is_one_headline_without_them() -> None:
    # pieces too short for phrases ("培训 班"): spaces OCR set inside one headline
    (a,) = clean_text(page(*MASTHEAD, "乡村医 生培训 班开班"), "p")
    assert a.title == "乡村医生培训班开班"


def test_latin_marks_ocr_read_after_han_characters_are_as_wide_as_the_page_s_marks() -> None:
    # "，" read as "," (half a cell): the line is as wide as the column it fills, no indented
    # first line under a headline
    lines = read_lines("急诊科是医院的前哨,也最能看\n")
    set_widths(lines)
    assert lines[0].text == "急诊科是医院的前哨，也最能看" and lines[0].w == 14.0



def test_a_narrow_column_under_a_lead_set_across_two_is_no_page_of_pieces() -> None:
    # four lines of a lead set across two 10-cell columns, of three widths, then paragraphs
    # in those columns: two narrow lines fit in one wide line, but the narrow width is the
    # commonest on the page and among the widest lines as common as any
    from fjhealth.column_page import _fragmented

    lead = ["甲" * 21 + "，", "乙" * 21 + "，", "丙" * 17 + "，", "丁" * 15 + "。"]
    para = ["戊" * 7 + "，", "己" * 9 + "，", "庚" * 9 + "，", "辛" * 9 + "，", "壬" * 5 + "。"]
    lines = read_lines("\n".join(["乡村医生进田头", *lead, *para * 3]) + "\n")
    set_widths(lines)
    assert _fragmented(lines) == (False, 10.0)


def test_a_headline_over_a_dateline_opens_an_article_after_a_short_box() -> None:
    # a boxed comment (a headline, two short paragraphs) printed above the report it comments
    box = ["茶礼是待客之道，也是做人之道。", "以茶会友，贵在一个诚字。"]
    lead = "本报讯（记者 林平）" + BODY[0]
    lines = [*MASTHEAD, "茶香里的诚意", *(ln for p in box for ln in wrap_column(p, 12)), TITLE,
             *(ln for p in [lead, BODY[1]] for ln in wrap_column(p, 12))]
    first, second = clean_text("\n".join(lines) + "\n", "p")
    assert (first.title, second.title) == ("茶香里的诚意", TITLE)
    assert first.paragraphs == tuple(box)
