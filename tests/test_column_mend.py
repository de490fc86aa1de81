"""Mending sentences a column page's layout broke (``fjhealth.column_mend``)."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text
from fjhealth.column_mend import bound_start, splits_word

HEADLINE = "京剧人才培养周期长"
FIRST = "京剧是个比较年轻的剧种，它的历史只有二百多年，但它却是中华民族灿烂文化的沉淀和积累。"
BROKEN = ("京剧艺术对演员的要求极为苛刻，“四功五法”等一系列表演技巧要穷尽演员的毕生精力，"
          "除了苦练之外，没有任何方法可以替代。")
LAST = "事业发展的核心是人才。培养造就一批有真才实学的艺术队伍是京剧迈向新世纪的重要保证。"


def test_a_break_inside_a_dictionary_word_is_inside_a_sentence() -> None:
    assert splits_word("京剧艺术对演员的要", "求极为苛刻")
    assert splits_word("共产国", "际那位代表")
    assert not splits_word("金正日在视察时", "表示满意")
    assert not splits_word("探测器于", "1995年")
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
    assert bound_start("的重要因素。")
    assert bound_start("们也会同样产生还击的冲动。")
    assert not bound_start("的确如此。")
    assert not bound_start("目的地到了。")


def test_a_block_opening_with_a_particle_carries_on_the_sentence_above_a_column_break() -> None:
    # lines with no mark that stop short as a heading's would, a column break, then
    # "的重要因素。": no heading ends where a sentence goes on with 的
    para = "委内瑞拉丰富的自然资源和优越的地理位置是吸引外国投资的重要因素。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), "  委内瑞拉丰富的自然资",
             "源和优越的地理位置是吸引", "外国投资", "", "的重要因素。", *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (FIRST, para, LAST)


def test_a_particle_opening_carries_the_sentence_on_past_a_byline_printed_inside_it() -> None:
    # a line with no mark that looks like a section head, the article's byline an extractor
    # printed inside the sentence, then "的…": the sentence goes on past the byline
    para = "优越的地理位置是吸引外国投资的重要因素。"
    lines = [HEADLINE, *wrap_column(FIRST, 14), "优越的地理位置是吸引外国投资", "",
             "本报记者 罗芳志", "", "的重要因素。", *wrap_column(LAST, 14)]
    (a,) = clean_text("\n".join(lines) + "\n", "p")
    assert a.paragraphs == (FIRST, para, LAST)
    assert "本报记者 罗芳志" in a.meta
