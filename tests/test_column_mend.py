"""Mending sentences a column page's layout broke (``fjhealth.column_mend``)."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text
from fjhealth.column_mend import bound_start, splits_word

HEADLINE = "越剧人才成长不易"
FIRST = "越剧是个唱腔柔美的剧种，它的观众遍及江南城乡，而它的兴盛离不开几代艺人的传承与创新。"
BROKEN = ("越剧舞台对嗓音的要求十分严格，“唱念做打”等一整套基本功要耗去艺人大半生的心血，"
          "除了勤学苦练之外，再也没有别的路可以走。")
LAST = "剧团兴旺的根本在人才。培养造就一支功底扎实的青年演员队伍是越剧走向明天的可靠保障。"


def test_a_break_inside_a_dictionary_word_is_inside_a_sentence() -> None:
    assert splits_word("越剧舞台对嗓音的要", "求十分严格")
    assert splits_word("共产国", "际那位代表")
    assert not splits_word("金正日在视察时", "表示满意")
    assert not splits_word("飞船于", "1998年")
    assert not splits_word("", "求")


def test_a_paragraph_broken_inside_a_word_by_a_blank_line_is_one_paragraph() -> None:
    # a column break after a short first line ("…的要") that looks like a section head: the
    # rest of the word and of the sentence follows past the blank line
    cut = BROKEN.index("求")
    lines = [HEADLINE, *wrap_column(FIRST, 14), "  " + BROKEN[:cut], "",
             *wrap_column(BROKEN[cut:], 14, indent=0), *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (FIRST, BROKEN, LAST)


def test_a_headline_that_makes_a_word_with_the_body_stays_the_headline() -> None:
    # "…惠民生" + "活动…" reads "生活": a headline over the body is never glued to it
    head = "能力提升惠民生"
    body = "活动现场，宁化街道社区卫生服务中心被授予示范站荣誉，群众在家门口就能看名医。"
    lines = [head, *wrap_column(body, 14), *wrap_column(FIRST, 14), *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.title == head
    assert a.paragraphs == (body, FIRST, LAST)


def test_no_sentence_opens_with_a_bound_particle() -> None:
    assert bound_start("的主要原因。")
    assert bound_start("们也会慢慢养成读书的习惯。")
    assert not bound_start("的确如此。")
    assert not bound_start("目的地到了。")


def test_a_block_opening_with_a_particle_carries_on_the_sentence_above_a_column_break() -> None:
    # lines with no mark that stop short as a heading's would, a column break, then
    # "的主要原因。": no heading ends where a sentence goes on with 的
    para = "武夷山区充沛的雨水阳光和肥沃的红壤土质是造就岩茶品质的主要原因。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), "  武夷山区充沛的雨水阳",
             "光和肥沃的红壤土质是造就", "岩茶品质", "", "的主要原因。", *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (FIRST, para, LAST)


def test_a_particle_opening_carries_the_sentence_on_past_a_byline_printed_inside_it() -> None:
    # a line with no mark that looks like a section head, the article's byline an extractor
    # printed inside the sentence, then "的…": the sentence goes on past the byline
    para = "肥沃的红壤土质是造就岩茶品质的主要原因。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), "肥沃的红壤土质是造就岩茶品质", "",
             "本报记者 林书勤", "", "的主要原因。", *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (FIRST, para, LAST)
    assert "本报记者 林书勤" in a.meta


def test_words_no_clause_ends_or_begins_with() -> None:
    from fjhealth.column_mend import open_end, open_start

    assert open_end("山区有清新的空气和")
    assert open_end("他们决定把")
    assert not open_end("越剧人才成长不易")
    assert not open_end("")
    assert open_start("的主要原因。")
    assert not open_start("剧团兴旺的根本在人才。")
    assert not open_start("“的”字")


def test_a_line_ending_in_a_conjunction_carries_on_where_the_column_widens() -> None:
    # a narrow column beside a picture: an indented first line filling it, then the column
    # widens under the picture and the sentence runs on; a line ending in 和 ends no heading
    para = "山区清新的空气和优美的自然风光是吸引城里游客前来疗养的重要原因。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), "", "  山区清新的空气和",
             "优美的自然风光是吸引城里游客前来疗养", "", "本报记者 林书勤", "", "的重要原因。",
             "", *wrap_column(LAST, 16)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert para in a.paragraphs
    assert not any(p.endswith("和") for p in a.paragraphs)


def test_a_piece_printed_out_of_order_goes_back_where_its_edges_make_words() -> None:
    # the extractor printed a paragraph's middle ("扬…的服") after the next paragraph, and a
    # headline of the next article inside the sentence: "发|扬" and "服|务" are words, "发|务"
    # is none
    a_part = "大家都说，这样的好传统值得我们每一个人发"
    b_part = "扬光大，医院作为老单位更要做好表率，不光要有好的服"
    c_part = "务意识，也要有过硬的服务本领。"
    after = "会后，大家一起在医院门口合影留念。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), *wrap_column(a_part, 14), "", "礼仪之美", "",
             c_part[:14], c_part[14:], "", *wrap_column(after, 14), "",
             *wrap_column(b_part, 14, indent=0), "", *wrap_column(LAST, 14)]
    articles = clean_text("\n".join(lines) + "\n", "p")
    paragraphs = [p for a in articles for p in a.paragraphs]
    assert a_part + b_part + c_part in paragraphs
    assert after in paragraphs


def test_a_short_line_set_apart_inside_a_sentence_is_not_its_end() -> None:
    # a full line that stops mid-sentence, then a short line with no mark between blank
    # lines: a paragraph's last line would end its sentence, so it is a headline
    lines = [HEADLINE, *wrap_column(FIRST, 14), "  越剧舞台对嗓音的要求十分",
             "严格，演员的基本功要耗去大半", "", "礼仪之美", "",
             *wrap_column(LAST, 14)]
    text = "\n".join(lines) + "\n"
    units = [u for a in clean_text(text, "p")
             for u in (a.title, *a.subtitles, *(b.text for b in a.blocks))]
    assert "礼仪之美" in units
    assert not any(u.endswith("大半礼仪之美") for u in units)


def test_a_piece_printed_out_of_order_goes_back_where_a_sentence_ran_on_past_a_blank_line(
        ) -> None:
    # "…一种读" ran on past a blank line into "小就习惯…" (no word across it); the piece
    # that belongs there ("书人的…使那些从") was printed further down and itself ran on past a
    # blank line into the next paragraph: "读|书" and "从|小" are words, so it goes back, and
    # the next paragraph opens where it stood
    a_part = "新书的封面用了淡淡的米黄色纸张，柔和的颜色给人一种读"
    b_part = "书人的儒雅感觉，内封用的是结实耐用的牛皮纸，这也让那些从"
    c_part = "小就习惯用牛皮纸包书皮的读者感到亲切。"
    after = "出版社负责人说，他们还将推出更多这样的好书。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), *wrap_column(a_part, 14), "",
             *wrap_column(c_part, 14, indent=0), "", *wrap_column(LAST, 14), "",
             *wrap_column(b_part, 14, indent=0), "", *wrap_column(after, 14)]
    paragraphs = [p for a in clean_text("\n".join(lines) + "\n", "p") for p in a.paragraphs]
    assert a_part + b_part + c_part in paragraphs
    assert after in paragraphs
