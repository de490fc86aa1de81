"""Markdown reader: markdown-it tokens -> tagged lines, images set aside, nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fjhealth.models import Document
from fjhealth.read.markdown import read_markdown

PAGES = Path(__file__).parent / "data" / "pages"
# What "nothing lost" counts: Han characters and digits.
_COUNTED_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]")


def rows(doc: Document) -> list[tuple[str, str]]:
    return [(ln.tag, ln.text) for ln in doc.lines]


def counted(text: str) -> Counter[str]:
    return Counter(_COUNTED_RE.findall(text))


def kept(doc: Document) -> Counter[str]:
    return counted("".join(ln.text for ln in doc.lines) + "".join(r.text for r in doc.removed))


def test_empty_and_blank_input_give_no_lines() -> None:
    assert read_markdown("").lines == ()
    assert read_markdown("\n \n\t\n").lines == ()
    assert read_markdown("").format == "markdown"


def test_headings_paragraphs_and_soft_breaks() -> None:
    doc = read_markdown("# 标题\n\n第一段。\n第二段。\n\n## 小标题\n\n第三段。")
    assert rows(doc) == [("h1", "标题"), ("", "第一段。"), ("", "第二段。"), ("h2", "小标题"),
                         ("", "第三段。")]
    assert [ln.gap for ln in doc.lines] == [False, True, False, True, True]


def test_setext_heading_and_hard_break() -> None:
    doc = read_markdown("大标题\n===\n\n一行  \n二行")
    assert rows(doc) == [("h1", "大标题"), ("", "一行"), ("", "二行")]
    assert not doc.lines[2].gap


def test_emphasis_strong_and_code_markup_is_stripped() -> None:
    (line,) = read_markdown("**编辑｜林晓雯** *斜体* `代码` __粗__ \\*星号").lines
    assert line.text == "编辑｜林晓雯 斜体 代码 粗 *星号"


def test_bold_marks_commonmark_cannot_close_beside_chinese_are_stripped() -> None:
    """CommonMark closes "**" after "。" only before white space or punctuation, so WeChat's
    "**…。**会议" leaves its marks as text; next to CJK they are markup, elsewhere text."""
    doc = read_markdown("**会议召开。**会议要求“加强监测”**，**落实责任。\n\n结果 P<0.01**\n")
    assert rows(doc) == [("", "会议召开。会议要求“加强监测”，落实责任。"), ("", "结果 P<0.01**")]


def test_empty_bold_marks_standing_alone_are_stripped() -> None:
    """html2text writes an emptied bold span as "****" or "** **": star runs standing between
    spaces or at a line's end hold nothing and are markup; "2**3" is kept."""
    doc = read_markdown("荣誉 ****  **问：何时开诊？** ****  **院长：** 下月。\n\n"
                        "问：怎么预约？** ** ** 答：网上预约。\n\n乘法 2**3 不变\n")
    assert [t for _, t in rows(doc)] == [
        "荣誉 问：何时开诊？ 院长： 下月。", "问：怎么预约？ 答：网上预约。", "乘法 2**3 不变"]


def test_a_form_table_gives_each_label_and_value_a_line() -> None:
    """A two-column table of field labels and values, one value prose (a letter box's record):
    labels and values on lines of their own, as the page printed as text has them; a data
    table of two columns keeps its rows."""
    prose = ("您好！请问社区医院周末是否开放门诊？家里老人需要定期配药，"
             "子女工作日没有时间陪同前往，谢谢！")
    doc = read_markdown(f"主题| 社区医院周末门诊\n---|---\n时间| 2025-12-01\n内容| {prose}\n")
    assert [t for _, t in rows(doc)] == ["主题", "社区医院周末门诊", "时间", "2025-12-01", "内容",
                                         prose]
    doc = read_markdown("地区| 电话\n---|---\n城区| 0591-1234\n郊区| 0591-5678\n")
    assert [t for _, t in rows(doc)] == ["地区 电话", "城区 0591-1234", "郊区 0591-5678"]


def test_links_keep_their_text_and_are_counted() -> None:
    (line,) = read_markdown("详见[市卫健委官网](http://a.cn/1.html)和<http://b.cn>。").lines
    assert line.text == "详见市卫健委官网和http://b.cn。"
    assert line.links == len("市卫健委官网") + len("http://b.cn")
    assert "a.cn" not in line.text  # a link's address is markup


def test_images_are_removed_with_alt_and_address() -> None:
    doc = read_markdown("正文。![图1 会场](https://x.cn/1.png)\n\n![](https://x.cn/2.gif)")
    assert rows(doc) == [("", "正文。")]
    assert [(r.reason, r.text) for r in doc.removed] == [
        ("image", "图1 会场 https://x.cn/1.png"), ("image", "https://x.cn/2.gif")]


def test_lists_quotes_and_ordered_numbers() -> None:
    doc = read_markdown("- 甲\n- 乙\n\n3. 丙\n4. 丁\n\n> 引用一\n> 引用二\n>\n> - 引用里的项")
    assert rows(doc) == [("li", "甲"), ("li", "乙"), ("li", "3. 丙"), ("li", "4. 丁"),
                         ("quote", "引用一"), ("quote", "引用二"), ("li", "引用里的项")]


def test_table_rows_are_lines_and_the_rule_is_not_text() -> None:
    doc = read_markdown(
        "| 服务包 | 年费 |\n|---|:---:|\n| 基础包 | 0 |\n| [慢病包](http://a) | 120 |"
    )
    assert rows(doc) == [("table", "服务包 年费"), ("table", "基础包 0"), ("table", "慢病包 120")]
    assert [ln.gap for ln in doc.lines] == [False, False, False]
    assert doc.lines[2].links == 3
    assert not any("---" in ln.text for ln in doc.lines)


def test_html_block_keeps_text_only() -> None:
    doc = read_markdown('<div class="x">第一<b>段</b><br>第二段<!-- 注释 --><img alt="图" '
                        'src="a.png"><script>var a = "脚本";</script></div>\n\n正文。')
    assert rows(doc) == [("", "第一段"), ("", "第二段"), ("", "正文。")]
    assert [r.text for r in doc.removed] == ["图 a.png"]


def test_front_matter_is_metadata_and_recorded() -> None:
    doc = read_markdown(
        "---\ntitle: 元数据标题\ndate: 2025-03-18\nauthor: 林晓雯\n---\n# 标题\n\n正文。"
    )
    assert (doc.titles, doc.date, doc.authors) == (("元数据标题",), "2025-03-18", ("林晓雯",))
    assert rows(doc) == [("h1", "标题"), ("", "正文。")]
    assert doc.removed[0].reason == "front matter"
    assert "元数据标题" in doc.removed[0].text


def test_a_leading_rule_is_not_front_matter() -> None:
    doc = read_markdown("---\n\n正文第一段。\n\n---\n\n正文第二段。")
    assert rows(doc) == [("", "正文第一段。"), ("", "正文第二段。")]
    assert doc.removed == ()


def test_indented_text_is_a_paragraph_not_code() -> None:
    assert rows(read_markdown("    这是缩进的段落。\n\n正文。")) == [("", "这是缩进的段落。"),
                                                                    ("", "正文。")]


def test_fenced_code_is_pre() -> None:
    assert rows(read_markdown("```\n第一行\n第二行\n```")) == [("pre", "第一行"), ("pre", "第二行")]


def test_addresses_and_titles_with_han_characters_are_markup() -> None:
    doc = read_markdown('[链接](http://x.cn/中文 "标题") ![图](http://x.cn/图片.png "说明")')
    assert (doc.format, rows(doc)) == ("markdown", [("", "链接")])
    assert doc.removed[0].text == "图 http://x.cn/图片.png"  # the address as written


def test_nesting_too_deep_for_the_parser_is_read_as_plain_text() -> None:
    for source in (">" * 500 + " 深处的文字", "- " * 500 + "列表项"):
        doc = read_markdown(source)
        assert doc.format == "text"
        assert kept(doc) == counted(source)


def test_wechat_article_fixture() -> None:
    doc = read_markdown((PAGES / "wechat_article.md").read_text(encoding="utf-8"))
    texts = [ln.text for ln in doc.lines]
    assert rows(doc)[0] == ("h1", "我市家庭医生签约服务覆盖率达到65%")
    assert "编辑｜林晓雯" in texts  # a bold subhead is its own line
    assert "“以前量血压要跑到镇上，现在医生上门来，方便多了。”72岁的陈大爷说。" in texts
    assert ("table", "慢病包 120 血压血糖监测、用药指导") in rows(doc)
    quote = "下一步，全市将推动签约服务由“签约率”向“获得感”转变，力争年底签约覆盖率达到70%。"
    assert ("quote", quote) in rows(doc)
    assert ("li", "春季流感高发，这份防护指南请收好") in rows(doc)
    assert "点赞 在看 分享" in texts  # the tail is the cleaner's to remove, not the reader's
    assert not any(mark in t for t in texts for mark in ("**", "![", "](", "|", "http"))
    assert [r.reason for r in doc.removed] == ["image"] * 3


def test_wechat_article_loses_nothing() -> None:
    source = (PAGES / "wechat_article.md").read_text(encoding="utf-8")
    # a link's address is markup, not text; an image's is kept in its record
    without_link_addresses = re.sub(r"(?<!!)(\[[^\]]*\])\([^)]*\)", r"\1", source)
    assert kept(read_markdown(source)) == counted(without_link_addresses)


# ------------------------------------------------------------------ nothing lost, any input


class _TextOf(HTMLParser):
    """The text content of rendered HTML, plus each image's alt text (the oracle)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts += [v or "" for k, v in attrs if k in ("alt", "src")]


def rendered(source: str) -> Counter[str]:
    """Han characters and digits of what markdown-it renders (with our settings)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").disable("code").render(source)
    parser = _TextOf()
    parser.feed(html)
    return counted("".join(parser.parts))


_ALPHABET = st.sampled_from(
    [*"医疗卫生健康福建0123456789 \n*_#>|-![]()`<>.:，。", "**", "\n\n", "](http://a.cn/1)",
     "|---|", "# ", "> ", "1. ", "- ", "---\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_every_rendered_han_character_and_digit_is_kept(source: str) -> None:
    doc = read_markdown(source)
    assert not rendered(source) - kept(doc)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_the_reader_invents_no_text(source: str) -> None:
    assert not kept(read_markdown(source)) - counted(source)


def test_a_row_with_more_cells_than_the_header_keeps_them_all() -> None:
    # html2text writes layout tables whose rows outgrow their one-cell header; markdown-it drops
    # the excess cells, which used to send the whole page to the plain-text reader
    source = ("| [**查看目录**] [加入书签]\n---\n"
              "|  |  | 义诊活动走进社区 (图) | 2024-05-06 10:20 |\n---|---|---\n\n社区开展义诊。")
    doc = read_markdown(source)
    assert doc.format == "markdown"
    assert ("table", "义诊活动走进社区 (图) 2024-05-06 10:20") in rows(doc)
    assert kept(doc) == counted(source)


def test_paragraphs_flattened_into_one_long_line_are_split_at_sentence_ends() -> None:
    first = "社区卫生服务中心今年为辖区居民开展免费体检，" * 6 + "覆盖老年人两千多名。"
    second = "中心还组建了家庭医生团队，" * 8 + "提供上门随访服务。"
    short = "今年体检覆盖老年人两千多名。 中心还提供上门随访服务。"
    doc = read_markdown(f"{first} {second} **模特资料** 姓名：王芳\n\n{short}")
    assert rows(doc)[:2] == [("", first), ("", second)]
    assert doc.lines[1].gap
    assert rows(doc)[-1] == ("", short)  # a short line keeps a space a writer typed


def test_a_link_to_a_script_address_keeps_its_text_not_its_markup():
    # WeChat exports link the account name to "javascript:void(0);", which markdown-it refuses as
    # unsafe when rendering; fjhealth renders no links, so the text is kept and the markup goes.
    page = "原创 厦门疾控 [厦门疾控](javascript:void\\(0\\);) *2023年07月14日*\n\n正文。"
    doc = read_markdown(page)
    assert doc.lines[0].text.startswith("原创 厦门疾控 厦门疾控 2023年07月14日")
    assert "javascript" not in doc.lines[0].text


def test_a_paragraph_of_several_lines_over_a_rule_is_not_a_heading() -> None:
    # html2text puts "---" table rules under paragraphs: a setext heading to markdown-it
    doc = read_markdown("社区医院开展义诊。\n居民踊跃参加。\n---\n\n小标题\n---\n\n正文。")
    assert rows(doc) == [("", "社区医院开展义诊。"), ("", "居民踊跃参加。"), ("h2", "小标题"),
                         ("", "正文。")]


def test_a_bold_subhead_flattened_into_a_long_line_is_its_own_line() -> None:
    first = "社区卫生服务中心今年为辖区居民开展免费体检，" * 6 + "覆盖老年人两千多名。"
    rest = "中心还组建了家庭医生团队，" * 8 + "提供上门随访服务。"
    doc = read_markdown(f"{first} **家庭医生：上门服务** {rest}\n\n短行 **加粗** 不拆。")
    assert [ln.text for ln in doc.lines] == [first, "家庭医生：上门服务", rest, "短行 加粗 不拆。"]
    assert not any("\x1f" in ln.text for ln in doc.lines)


def test_a_section_number_before_a_flattened_subhead_goes_with_it() -> None:
    # WeChat's "01" + bold head in <section>s, which html2text runs into one line
    first = "天气转冷，医生提醒有基础疾病的人群注意防护，出门做好保暖。" * 5
    rest = "头颈部受凉后容易引起血管收缩，出门要戴好帽子和围巾。" * 5
    doc = read_markdown(f"{first} 01 **注意保暖** {rest} 图源：网络 02 **按时服药** {rest}")
    assert [ln.text for ln in doc.lines] == [
        first, "01 注意保暖", rest, "图源：网络", "02 按时服药", rest]


def test_a_short_line_right_after_a_photo_is_its_caption_a_bold_head_or_sentence_is_not() -> None:
    page = ("正文第一段，写了一些内容。\n\n![](https://example.com/a.jpg)\n\n_义诊现场，医生为群众测量血压_\n\n"
            "![](https://example.com/b.jpg)\n\n**二、做好日常防护**\n\n"
            "![](https://example.com/c.jpg)\n\n专家提醒，出现症状要及时就医。\n\n"
            "![](https://example.com/d.jpg)\n\n[福建省立医院 郑晓东](https://example.com/u)\n\n"
            "不在图片后的短行\n")
    tags = {ln.text: ln.tag for ln in read_markdown(page).lines}
    assert tags["义诊现场，医生为群众测量血压"] == "caption"
    assert tags["二、做好日常防护"] != "caption"
    assert tags["专家提醒，出现症状要及时就医。"] != "caption"
    assert tags["福建省立医院 郑晓东"] != "caption"
    assert tags["不在图片后的短行"] != "caption"
