"""Format sniffing and reader dispatch (fjhealth.read)."""

from __future__ import annotations

import pytest
from helpers import PAGE_TEXT, SEEDS

from fjhealth.read import read_document, sniff_format

HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>标题</title></head><body><p>正文。</p></body></html>"
)


def test_empty_text_is_plain_text() -> None:
    assert sniff_format("a.txt", "") == "text"
    assert sniff_format("-", "") == "text"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.md", "markdown"), ("b.MARKDOWN", "markdown"), ("c.html", "html"), ("d.HTM", "html")],
)
def test_extension_decides_without_looking(name: str, fmt: str) -> None:
    assert sniff_format(name, "纯文本，没有任何标记。") == fmt


def test_whole_html_document_in_a_txt_file_or_stdin_is_html() -> None:
    assert sniff_format("page.txt", HTML_PAGE) == "html"
    assert sniff_format("-", "\n\n  <html lang='zh'><body>正文</body></html>") == "html"
    assert sniff_format("-", "<meta charset='gbk'><title>标题</title>正文") == "html"


def test_tag_dense_fragment_is_html() -> None:
    fragment = "".join(f"<div><a href='/{k}'>栏目{k}</a></div>" for k in range(12))
    assert sniff_format("-", fragment) == "html"


def test_a_few_tags_in_prose_do_not_make_html() -> None:
    text = "会议强调<b>要</b>加强管理。" + "正文内容很长很长。" * 200
    assert sniff_format("-", text) == "text"


@pytest.mark.parametrize(
    "text",
    [
        "正文。\n\n![](https://mmbiz.qpic.cn/a.png)\n\n正文。",  # an image link
        "详见[通知](http://www.example.gov.cn/1.html)。",  # a link to an address
        "| 项目 | 金额 |\n|---|---|\n| 门诊 | 30 |",  # a table rule
        "# 标题\n\n正文。\n\n## 小标题\n\n正文。",  # two headings
        "**编辑｜林晓雯**\n\n正文。\n\n**一、背景**",  # bold subheads
    ],
)
def test_markdown_export_signs(text: str) -> None:
    assert sniff_format("page.txt", text) == "markdown"


@pytest.mark.parametrize(
    "text",
    [
        PAGE_TEXT,  # one "# " heading only
        "新浪首页\n>\n读书频道\n> 正文\n正文内容。",  # breadcrumbs, not quotes
        "第一版\n- 2 -\n正文。\n- 3 -\n正文。\n- 4 -",  # page numbers, not a list
        "* 首页* 党政* 时政\n正文。",  # a menu
    ],
)
def test_plain_text_with_chance_markup_stays_text(text: str) -> None:
    assert sniff_format("page.txt", text) == "text"


def test_seeds_sniff_as_their_formats() -> None:
    formats = {
        p.name[:3]: sniff_format(p.name, p.read_text(encoding="utf-8"))
        for p in sorted(SEEDS.glob("*.txt"))
    }
    assert formats == {"000": "text", "001": "markdown", "002": "text", "003": "text",
                       "004": "text"}


def test_read_document_dispatches_on_format() -> None:
    doc = read_document("# 标题\n\n正文。", "text")
    assert (doc.format, doc.lines[0].text, doc.lines[0].tag) == ("text", "标题", "h1")
    doc = read_document("# 标题\n\n正文。", "markdown")
    assert (doc.format, doc.lines[0].text, doc.lines[0].tag) == ("markdown", "标题", "h1")
    doc = read_document(HTML_PAGE, "html")
    assert doc.format == "html"
    assert "标题" in doc.titles


def test_read_document_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown page format"):
        read_document("正文", "pdf")


# ------------------------------------------------------------------ start-up cost

_PARSERS = ("trafilatura", "lxml", "markdown_it", "justext", "htmldate")
_PROBE = """
import sys
from fjhealth.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
loaded = [m for m in {parsers!r} if m in sys.modules]
sys.stderr.write("LOADED " + " ".join(loaded) + "\\n")
"""


def loaded_parsers(*args: str) -> set[str]:
    """The markup parsers a whole ``fjhealth`` process imported while running ``args``."""
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as cache:  # empty: the page is read, not replayed
        env = {**os.environ, "FJHEALTH_CACHE_DIR": cache}
        run = subprocess.run([sys.executable, "-c", _PROBE.format(parsers=_PARSERS), *args],
                             capture_output=True, text=True, check=True, env=env)
    line = next(ln for ln in run.stderr.splitlines() if ln.startswith("LOADED"))
    return set(line.split()[1:])


@pytest.mark.parametrize("fmt", ["text", "rich"])
def test_showing_a_text_page_imports_no_markup_parser(fmt: str) -> None:
    assert loaded_parsers("show", "003", "--format", fmt) == set()


def test_showing_a_markdown_page_imports_markdown_it_only() -> None:
    assert loaded_parsers("show", "001", "--format", "text") == {"markdown_it"}


def test_a_view_counter_keeps_its_number_and_the_next_line_apart():
    from fjhealth.read.plain import read_plain

    text = "访问量：\n317\n各县（市、区）卫健局：\n今年\n5\n月，共发生事故。"
    assert [ln.text for ln in read_plain(text).lines] == [
        "访问量：317", "各县（市、区）卫健局：", "今年5月，共发生事故。"]


def test_a_section_number_over_its_head_and_the_items_a_colon_announces_stay_lines():
    from fjhealth.read.plain import read_plain

    text = ("图源：网络\n03\n出现这些症状立即就医\n"
            "来得及。接种后约两周产生抗体，以下人群建议优先接种：\n60岁及以上老年人；\n孕妇。")
    assert [ln.text for ln in read_plain(text).lines] == [
        "图源：网络", "03", "出现这些症状立即就医",
        "来得及。接种后约两周产生抗体，以下人群建议优先接种：", "60岁及以上老年人；", "孕妇。"]


def test_one_node_per_line_a_bold_lead_in_and_a_cut_out_link_rejoin_their_paragraphs():
    from fjhealth.read.plain import read_plain

    prose = "冬季心脑血管疾病高发，专家提醒要从日常生活的细节做起，注意保暖、规律服药和合理饮食。"
    page = [prose, "注意保暖。",
            "寒冷会使血管收缩、血压升高，外出时要戴好帽子、围巾和手套，早晨起床动作要慢，先活动一下手脚。",
            "参保人员异地就医前，可通过", "国家医保服务平台App",
            "或“闽政通”App办理备案，备案后即可在就医地联网定点医药机构持医保电子凭证直接结算。",
            prose]
    texts = [ln.text for ln in read_plain("\n".join(page)).lines]
    assert texts[1].startswith("注意保暖。寒冷会使")
    assert texts[2] == "参保人员异地就医前，可通过国家医保服务平台App或“闽政通”App办理备案，" \
        "备案后即可在就医地联网定点医药机构持医保电子凭证直接结算。"
    # a short sentence alone between a headline and the text is left alone
    assert [ln.text for ln in read_plain("标题\n注意保暖。\n" + prose).lines][1] == "注意保暖。"
