"""HTML reader: trafilatura's main-content tree -> tagged lines; titles, date and authors."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import kept, signature
from lxml import etree
from trafilatura.utils import load_html

from fjhealth.clean import split_articles
from fjhealth.corpus import read_page
from fjhealth.models import Document, Line
from fjhealth.read.html import _Walker, read_html
from fjhealth.read.html_blocks import LEFT_OUT, lead_in
from fjhealth.text import normalize

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"
HTML_PAGES = sorted(DATA.rglob("*.html"))


def walk(xml: str) -> list[tuple[str, str, bool]]:
    """Lines (tag, text, gap) the walker makes of a trafilatura-style XML body."""
    walker = _Walker()
    walker.walk(etree.fromstring(f"<body>{xml}</body>"), "")
    return [(ln.tag, ln.text, ln.gap) for ln in walker.lines]


def test_empty_page_gives_no_lines() -> None:
    assert read_html("").lines == ()
    assert read_html("<html><body></body></html>").lines == ()


def test_heads_paragraphs_lists_quotes_and_code() -> None:
    xml = ('<head rend="h1">标题</head><p>第一段。</p><head>小标题</head><list><item>甲</item>'
           "<item>乙</item></list><quote>引用。</quote><code>第一行\n第二行</code>")
    assert walk(xml) == [("h1", "标题", False), ("", "第一段。", True), ("h2", "小标题", True),
                         ("li", "甲", True), ("li", "乙", True), ("quote", "引用。", True),
                         ("pre", "第一行", True), ("pre", "第二行", False)]


def test_line_breaks_wraps_and_blank_lines() -> None:
    xml = "<p>一行<lb/>二行<lb/><lb/>新段\n落</p>"
    assert walk(xml) == [("", "一行", False), ("", "二行", False), ("", "新段落", True)]


def test_an_indented_piece_starts_a_paragraph() -> None:
    xml = "<p>  第一段。<lb/>\u3000\u3000第二段。<lb/>\n  接着第二段。</p>"
    assert walk(xml) == [
        ("", "第一段。", False), ("", "第二段。", True), ("", "接着第二段。", False)
    ]


def test_empty_paragraphs_between_full_ones_mark_the_breaks() -> None:
    xml = "<p/><p>甲一</p><p>甲二</p><p/><p>乙一</p><p>乙二</p><p/><p>丙</p><p/>"
    assert [gap for _, _, gap in walk(xml)] == [False, False, True, False, True]


def test_empty_paragraphs_at_the_edges_only_change_nothing() -> None:
    xml = "<p/><p>甲</p><p>乙</p><p>丙</p><p/>"
    assert [gap for _, _, gap in walk(xml)] == [False, True, True]


def test_plain_table_rows_are_lines_layout_tables_are_read_cell_by_cell() -> None:
    xml = ("<table><row><cell>阶段</cell><cell>时间</cell></row>"
           "<row><cell>自查</cell><cell>4月</cell></row></table>"
           "<table><row><cell><p>布局表格里的段落。</p><p>第二段。</p></cell></row></table>")
    assert walk(xml) == [("table", "阶段 时间", False), ("table", "自查 4月", False),
                         ("", "布局表格里的段落。", True), ("", "第二段。", True)]


def test_link_text_is_counted_and_formatting_dropped() -> None:
    walker = _Walker()
    walker.walk(etree.fromstring('<body><p>详见<ref target="x">通知<hi rend="#b">全文</hi></ref>'
                                 "。</p></body>"), "")
    (line,) = walker.lines
    assert (line.text, line.links) == ("详见通知全文。", 4)


def read_fixture() -> Document:
    page = read_page(PAGES / "gov_notice.html")
    assert (page.format, page.encoding) == ("html", "gb18030")  # from <meta charset=gbk>
    return read_html(page.text)


def test_government_page_article_and_metadata() -> None:
    doc = read_fixture()
    texts = [ln.text for ln in doc.lines]
    assert doc.format == "html"
    # above the extracted text, the short blocks the page prints there (menu, breadcrumb,
    # headline: ``_lead_in``), for the cleaner to sort out as it does in a page saved as text
    prose = next(t for t in texts if "。" in t)
    assert prose.startswith("4月21日，县卫生健康局召开2025年基本公共卫生服务项目绩效考核启动会")
    assert "我县启动2025年基本公共卫生服务项目绩效考核" in texts[: texts.index(prose)]
    assert "下一步，县卫生健康局将加强项目过程管理，推动基本公共卫生服务提质增效，" \
           "让群众真正享受到看得见、摸得着的健康服务。" in texts
    assert ("table", "自查自评 4月21日至5月10日") in [(ln.tag, ln.text) for ln in doc.lines]
    assert doc.titles[:2] == ("我县启动2025年基本公共卫生服务项目绩效考核",
                              "我县启动2025年基本公共卫生服务项目绩效考核_示范县人民政府")
    assert doc.date == "2025-04-21"


def test_government_page_leaves_out_menu_and_footer() -> None:
    text = "\n".join(ln.text for ln in read_fixture().lines)
    for furniture in ("闽ICP备12345678号", "技术支持"):  # below the text: never read
        assert furniture not in text
    (article,) = split_articles(read_page(PAGES / "gov_notice.html"))
    body = "\n".join(b.text for b in article.blocks)
    for furniture in ("网站首页", "当前位置", "闽ICP备12345678号", "技术支持"):
        assert furniture not in body
    assert article.title == "我县启动2025年基本公共卫生服务项目绩效考核"


def test_what_the_extraction_left_out_is_recorded_as_removed() -> None:
    (article,) = split_articles(read_page(PAGES / "gov_notice.html"))
    left = " ".join(r.text for r in article.removed if r.reason == LEFT_OUT)
    for furniture in ("闽ICP备12345678号", "技术支持"):  # below the text, not read as lines
        assert furniture in left
    body = "\n".join(b.text for b in article.blocks)
    assert body and all(b.text not in left for b in article.blocks)


def test_a_menu_left_out_is_one_record_and_code_is_no_text() -> None:
    page = ("<html><body><div class='nav'><a href='/'>首页</a> <a href='/n'>新闻中心</a></div>"
            "<div><script>var menu = '首页';</script></div>"
            "<h1>我县开展家庭医生签约服务进社区活动</h1>"
            "<p>3月5日上午，县卫生健康局组织12支家庭医生团队走进城关社区，为居民免费测量血压、"
            "血糖，提供健康咨询和慢病随访服务，现场签约居民186人。</p>"
            "<p>县卫生健康局负责人表示，下一步将推动家庭医生签约服务向农村延伸，让群众在家门口"
            "就能享受连续、便捷的健康管理服务。</p>"
            "<div class='share'>分享到：<a>微信</a> <a>微博</a></div><div class='footer'><ul>"
            "<li><a href='/a'>关于我们</a></li><li><a href='/b'>联系我们</a></li></ul>"
            "版权所有 县卫生健康局</div></body></html>")
    doc = read_html(page)
    assert not any("var" in ln.text for ln in doc.lines)  # a box holding a script is no text
    assert [r.text for r in doc.removed if r.reason == LEFT_OUT] == [
        "分享到：微信 微博", "关于我们 联系我们", "版权所有 县卫生健康局"]


@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.name)
def test_nothing_of_an_html_page_is_lost(path: Path) -> None:
    """Every Han character and digit of the page's visible text, as many times as it is there,
    ends up in its articles: in a title, the metadata, the body, a caption or the removed
    record (what trafilatura left out included). A list of links to articles is no article."""
    page = read_page(path)
    visible = load_html(normalize(page.text)).xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    articles = split_articles(page)
    assert not articles or not signature("".join(visible)) - kept(articles)


def test_titles_are_raw_and_best_first() -> None:
    html = ("<html><head><title>标题甲_某某网</title>"
            '<meta property="og:title" content="标题甲"></head>'
            "<body><h1>标题甲</h1><h1>另一个一级标题</h1><p>" + "正文内容。" * 40
            + "</p></body></html>")
    titles = read_html(html).titles
    assert "标题甲_某某网" in titles and "另一个一级标题" in titles
    assert len(titles) == len(set(titles))


def test_text_that_is_not_html_is_read_as_plain_text() -> None:
    doc = read_html("纯文本没有标签\n第二行")
    assert (doc.format, [ln.text for ln in doc.lines]) == ("text", ["纯文本没有标签", "第二行"])


def test_a_page_too_short_to_extract_keeps_its_text() -> None:
    html = ("<html><head><title>标题</title><script>var a = '脚本';</script></head>"
            "<body><span>短文</span><br><b>一行</b></body></html>")
    text = " ".join(ln.text for ln in read_html(html).lines)
    assert "短文" in text and "一行" in text and "脚本" not in text


def test_title_metas_of_government_sites_are_candidates() -> None:
    html = ('<html><head><title>首页_某某市人民政府</title><meta name="ArticleTitle" '
            'content="某某市召开卫生健康工作会议"></head><body><p>' + "正文内容。" * 40
            + "</p></body></html>")
    titles = read_html(html).titles
    assert titles.index("某某市召开卫生健康工作会议") < titles.index("首页_某某市人民政府")


def test_text_set_in_a_section_of_inline_elements_is_a_paragraph() -> None:
    # WeChat sets subheads (and some paragraphs) as <section><span>…</span></section>, which
    # trafilatura alone drops whatever their length.
    prose = "".join(f"<p><span>这是第{n}段正文，讲述医保新规的具体内容和报销办法。</span></p>"
                    for n in range(1, 5))
    page = ("<html><body><div id='js_content'>" + prose
            + "<section style='text-align:center'><span><strong>报销比例是多少？</strong></span>"
            "</section>" + prose + "</div></body></html>")
    assert "报销比例是多少？" in [ln.text for ln in read_html(page).lines]


def test_the_h1_is_put_back_past_an_editors_note_and_a_players_fallback_text() -> None:
    note = "编者按：本网今起推出系列报道，关注罕见病诊疗保障的新进展。"
    source = [("h1", "罕见病患儿用药难题有了新解法"), ("div", "2025-12-02 来源：本网"),
              ("div", note), ("p", "您的浏览器不支持 video 标签。"), ("p", "视频：专家介绍新政策"),
              ("p", "第一段。")]
    lines = lead_in((Line("视频：专家介绍新政策"), Line("第一段。")), source)
    assert [(ln.tag, ln.text) for ln in lines] == [
        ("h1", "罕见病患儿用药难题有了新解法"), ("", "视频：专家介绍新政策"), ("", "第一段。")]


def test_a_short_page_run_together_by_the_extraction_is_cut_back_into_its_blocks() -> None:
    # trafilatura's fallback gives this page's headline and paragraphs as one paragraph
    page = ("<html><head><title>省卫健委发布通知</title></head><body>\n<h1>省卫健委发布通知</h1>\n"
            "<p>福建省卫生健康委员会日前印发通知，要求各地做好冬季传染病防控工作。</p>\n"
            "<p>通知强调，要加强监测预警，落实各项防控措施。</p>\n</body></html>\n")
    doc = read_html(page)
    assert [(ln.tag, ln.text) for ln in doc.lines] == [
        ("h1", "省卫健委发布通知"),
        ("", "福建省卫生健康委员会日前印发通知，要求各地做好冬季传染病防控工作。"),
        ("", "通知强调，要加强监测预警，落实各项防控措施。"),
    ]


def test_cutting_back_run_together_blocks_stays_linear_on_many_identical_blocks() -> None:
    from fjhealth.read.html_blocks import split_joined

    source = [("p", "好")] * 5000
    lines = split_joined([Line("好" * 5000 + "坏")], source)
    assert [ln.text for ln in lines] == ["好" * 5000 + "坏"]  # no run of blocks makes it up


def test_a_form_table_gives_each_label_and_value_a_line() -> None:
    """A table of field labels and values, one value prose (a letter box's record): each label
    and value a line, the prose an untagged paragraph (as the Markdown reader reads it); a data
    table of two columns keeps its rows."""
    prose = ("您好！请问社区医院周末是否开放门诊？家里老人需要定期配药，"
             "子女工作日没有时间陪同前往，谢谢！")
    form = (f"<table><row><cell>主题</cell><cell>社区医院周末门诊</cell></row>"
            f"<row><cell>内容</cell><cell>{prose}</cell></row></table>")
    assert [(tag, text) for tag, text, _ in walk(form)] == [
        ("table", "主题"), ("table", "社区医院周末门诊"), ("table", "内容"), ("", prose)]
    data = ("<table><row><cell>城区</cell><cell>0591-1234</cell></row>"
            "<row><cell>郊区</cell><cell>0591-5678</cell></row></table>")
    assert [text for _, text, _ in walk(data)] == ["城区 0591-1234", "郊区 0591-5678"]
