"""Render: the format decision, literal printing of untrusted text, JSON shapes."""

from __future__ import annotations

import json

import pytest
from helpers import make_article
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from fjhealth.models import Keyword, Removed
from fjhealth.records import article_record, listing_record
from fjhealth.render import choose_format, print_articles, safe_text
from fjhealth.render_lists import print_listing
from fjhealth.wrap import wrap_cjk


@pytest.mark.parametrize(
    ("requested", "is_tty", "expected"),
    [
        ("auto", True, "rich"),
        ("auto", False, "text"),
        ("rich", False, "rich"),
        ("text", True, "text"),
        ("json", True, "json"),
        ("json", False, "json"),
    ],
)
def test_choose_format(requested: str, is_tty: bool, expected: str) -> None:
    assert choose_format(requested, is_tty) == expected


def test_choose_format_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown format 'html'"):
        choose_format("html", True)


def test_safe_text_leaves_prose_alone() -> None:
    assert safe_text("") == ""
    assert safe_text("医联体 [bold]\tDRG\n") == "医联体 [bold]\tDRG\n"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m红\x1b[0m", "\\x1b[31m红\\x1b[0m"),  # ANSI colour (ESC)
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("a\x07\x08\x7fb", "a\\x07\\x08\\x7fb"),  # bell, backspace, DEL
        ("a\rb", "a\\x0db"),  # carriage return would overwrite the line
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
    ],
)
def test_safe_text_escapes_controls(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


HOSTILE = make_article(
    "[bold red]危险[/bold red] \x1b]0;title\x07 :smile: \x9b2J",
    title="[link=http://x]标题[/link]",
    captions=("▲[i]图[/i]",),
    removed=(Removed("navigation", "当前位置:首页 > [b]x[/b]"),),
)


@pytest.mark.parametrize("fmt", ["rich", "text"])
def test_untrusted_text_is_printed_literally(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    print_articles([HOSTILE], fmt, removed=True)
    out = capsys.readouterr().out
    assert "[bold red]危险[/bold red]" in out
    assert "[link=http://x]标题[/link]" in out
    assert "▲[i]图[/i]" in out
    assert "[b]x[/b]" in out
    assert ":smile:" in out
    assert "\\x1b]0;title\\x07" in out
    assert "\\x9b2J" in out
    assert "\x1b" not in out
    assert "\x9b" not in out


def test_json_escapes_terminal_controls_but_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    print_articles([HOSTILE], "json")
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x9b" not in out
    assert json.loads(out)["blocks"][0]["text"] == HOSTILE.blocks[0].text


def test_text_output_sections(capsys: pytest.CaptureFixture[str]) -> None:
    article = make_article("第一段。", "第二段。", captions=("▲图片",), title="标题")
    print_articles([article], "text")
    assert capsys.readouterr().out == "标题\n\n001\n\n第一段。\n第二段。\n\n▲图片\n"


def test_text_output_never_wraps(capsys: pytest.CaptureFixture[str]) -> None:
    long = "医" * 300
    print_articles([make_article(long)], "text")
    assert long in capsys.readouterr().out.splitlines()


def test_rich_output_wraps_wide_characters_by_cell(capsys: pytest.CaptureFixture[str]) -> None:
    print_articles([make_article("医" * 100)], "rich")
    body = [line for line in capsys.readouterr().out.splitlines() if line.startswith("医")]
    assert [len(line) for line in body] == [40, 40, 20]  # 80 columns = 40 wide characters


def test_wrap_cjk_degenerate() -> None:
    assert wrap_cjk("", 10) == []
    assert wrap_cjk("医", 10) == ["医"]


def test_wrap_cjk_closing_mark_never_starts_a_line() -> None:
    assert wrap_cjk("医" * 40 + "。", 80) == ["医" * 39, "医。"]
    assert wrap_cjk("医" * 39 + "。”他说", 80) == ["医" * 38, "医。”他说"]


def test_wrap_cjk_opening_mark_never_ends_a_line() -> None:
    assert wrap_cjk("医" * 39 + "“引号”", 80) == ["医" * 39, "“引号”"]


def test_wrap_cjk_keeps_latin_words_whole() -> None:
    assert wrap_cjk("DRG 付费改革 hello world", 10) == ["DRG 付费改", "革 hello", "world"]
    assert wrap_cjk("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@given(st.text(alphabet="医改，。“”（）ab 12\x1b", max_size=200), st.integers(4, 60))
def test_wrap_cjk_fits_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap_cjk(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_listing_tsv_fields_stay_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    print_listing([make_article("正文", title="a\tb\nc")], "text")
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["id\ttitle\tsource\tdate\tchars\tparagraphs", "001\ta b c\t\t\t2\t1"]


def test_listing_with_keywords(capsys: pytest.CaptureFixture[str]) -> None:
    print_listing([make_article("正文")], "text", keywords=lambda a: (Keyword("医改", 1.0),))
    assert capsys.readouterr().out.splitlines()[1].endswith("\t医改")


def test_article_record_shape() -> None:
    record = article_record(make_article("正文"))
    assert list(record) == [
        "id",
        "title",
        "subtitles",
        "source",
        "date",
        "authors",
        "meta",
        "blocks",
        "captions",
        "removed",
        "chars",
        "file",
    ]
    assert record["blocks"] == [{"kind": "paragraph", "text": "正文"}]


def test_listing_record_shape() -> None:
    record = listing_record(make_article("正文"), (Keyword("医改", 0.5),))
    assert record == {
        "id": "001",
        "title": "标题",
        "source": None,
        "date": None,
        "chars": 2,
        "paragraphs": 1,
        "file": "-",  # no file: as for stdin
        "keywords": ["医改"],
    }
