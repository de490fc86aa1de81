"""A column page made ready for grouping (fjhealth.column_page): the masthead and its section
name, lines that look like bylines but are prose. Pages set here with ``wrap_column``."""

from __future__ import annotations

from helpers import wrap_column

from fjhealth.clean import clean_text

BODY = [
    "我国素有礼仪之邦的美誉，讲究文明礼貌是我们民族的优良传统，历代思想家对此多有论述。",
    "在我国思想文化史上长期居于主导地位的儒家学派，极其重视礼教，主张以礼治国，以礼修身。",
]


def page(*head: str, body: list[str] = BODY, width: int = 12) -> str:
    lines = list(head)
    for para in body:
        lines += wrap_column(para, width)
    return "\n".join(lines) + "\n"


def test_a_short_headline_over_its_deck_is_no_section_name() -> None:
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "重礼治", "——中国传统文化的特点")
    (a,) = clean_text(text, "p")
    assert a.title == "重礼治"
    assert a.subtitles == ("——中国传统文化的特点",)


def test_the_masthead_names_its_section_once() -> None:
    # "专题" between the page line and the editors is the section: the short line under the
    # masthead is the headline, not a second section name
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "专题", "责任编辑：秦娟", "重礼治",
                "本报记者 陈坤")
    (a,) = clean_text(text, "p")
    assert a.title == "重礼治"
    assert "专题" in "".join(r.text for r in a.removed)


def test_a_section_name_right_under_the_page_line_is_furniture() -> None:
    text = page("福建卫生报", "2024年11月10日 星期一", "第10版", "专题", "重视礼治的传统")
    (a,) = clean_text(text, "p")
    assert a.title == "重视礼治的传统"
    assert "专题" in "".join(r.text for r in a.removed)


def test_a_sentence_that_opens_like_a_byline_is_prose() -> None:
    # "记者从…" opens like a byline; after a paragraph, filling the column over a full line, it
    # is the next paragraph's first line
    first = "我国素有礼仪之邦的美誉，讲究文明礼貌是我们民族的优良传统。"
    second = ("记者从省外国投资管理机构获悉，去年全省吸收的外国投资约三十亿元，增长势头迅猛，"
              "超过上年一倍以上。")
    lines = wrap_column(first, 14) + wrap_column(second, 14, indent=1)
    assert lines[len(wrap_column(first, 14))].startswith("记者从")
    (a,) = clean_text("礼治建设\n" + "\n".join(lines) + "\n", "p")
    assert a.paragraphs == (first, second)


def test_the_rest_of_a_printed_line_after_a_sentence_end_is_joined_back() -> None:
    # an extractor broke "…侧面。一个时期来" at the wide gap justification left: the short
    # piece that stops mid-sentence fills the line with the one before it
    para = ("放眼未来，积极开展京剧宣传普及推广活动，扩大京剧的社会影响，是实施开拓培育京剧市场"
            "战略的重要侧面。一个时期来的痛苦现实使我们明白，我们必须把目光对准未来，把视线扫向"
            "整个社会。")
    lines = wrap_column(para, 14)
    k = next(i for i, ln in enumerate(lines) if "。" in ln[:-1])
    head, tail = lines[k].split("。", 1)
    lines[k : k + 1] = [head + "。", tail]
    (a,) = clean_text("京剧市场的开拓\n" + "\n".join(lines) + "\n", "p")
    assert a.paragraphs == (para,)


def test_a_caption_ends_at_its_credit_broken_over_two_lines() -> None:
    # "…基础。（姜明娜" / "摄）": the credit closes the caption, the headlines printed at the
    # end of the page under it are no part of it
    caption = ["▲发展是指社会的全面进步，其中经济增长是发展的", "基础。（姜明娜", "摄）"]
    text = page(body=BODY) + "\n".join([*caption, "重礼治"]) + "\n"
    (a,) = clean_text(text, "p")
    assert a.captions == ("发展是指社会的全面进步，其中经济增长是发展的基础。（姜明娜摄）",)
    assert a.title == "重礼治"
