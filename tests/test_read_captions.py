"""Photo captions marked by an HTML page's layout (fjhealth.read.captions)."""

from lxml import html

from fjhealth.models import Line
from fjhealth.read.captions import mark_captions, photo_captions


def _page(body: str):
    return html.fromstring(f"<html><body>{body}</body></html>")


def test_a_centred_line_under_a_photo_is_its_caption():
    page = _page("<p>正文。</p><p style='text-align: center'><img src='a.jpg'></p>"
                 "<p style='text-align:center'>队员在受援医院开展手术</p><p>正文。</p>")
    assert photo_captions(page) == {"队员在受援医院开展手术"}


def test_a_figcaption_is_a_caption():
    page = _page("<figure><img src='a.jpg'><figcaption>义诊现场</figcaption></figure>")
    assert photo_captions(page) == {"义诊现场"}


def test_a_section_head_after_a_photo_is_no_caption():
    # bold and indented, not centred ("乘坐舒适度：…" after a car's photo)
    page = _page("<p align=center><img src='a.jpg'></p><p><strong>二、主要内容</strong></p>")
    assert photo_captions(page) == set()


def test_a_paragraph_after_a_photo_is_no_caption():
    page = _page("<p><img src='a.jpg'></p>"
                 "<p align=center>会议指出，要做好工作。会议要求，抓好落实。</p>")
    assert photo_captions(page) == set()


def test_an_image_inside_a_paragraph_of_text_has_no_caption_after_it():
    page = _page("<p>正文<img src='a.jpg'>正文</p><p align=center>下一段</p>")
    assert photo_captions(page) == set()


def test_only_untagged_lines_holding_a_caption_are_marked():
    lines = (Line("欢迎仪式 现场"), Line("欢迎仪式现场", "h2"), Line("正文。"))
    assert [ln.tag for ln in mark_captions(lines, {"欢迎仪式现场"})] == ["caption", "h2", ""]
