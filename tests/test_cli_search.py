"""fjhealth search: output formats, highlighting, filters, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import write_page
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["search", "--help"])
    assert result.exit_code == 0
    assert "Example: fjhealth search" in result.stdout


def test_piped_is_id_score_title_snippet() -> None:
    result = runner.invoke(app, ["search", "医共体"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(len(line.split("\t")) == 4 for line in lines)
    first = lines[0].split("\t")
    assert first[0] == "003" and float(first[1]) > 0 and "医共体" in first[3]


def test_json_lines() -> None:
    result = runner.invoke(app, ["search", "医共体", "--json", "--limit", "2"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert list(records[0]) == [
        "id", "score", "title", "source", "date", "file", "snippet", "highlights",
    ]
    first = records[0]
    assert all(first["snippet"][a:b] == "医共体" for a, b in first["highlights"])


def test_rich_highlights_the_query_words() -> None:
    result = runner.invoke(app, ["search", "医共体", "--force-terminal", "--limit", "1"])
    assert result.exit_code == 0
    assert "\x1b[1;33m医共体" in result.stdout
    assert "泉港老百姓在家门口享受省级医疗服务" in ANSI_RE.sub("", result.stdout)


def test_markup_and_controls_in_text_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    text = "# [bold]标题[/bold]\n\n医保[red]改革[/red]推进\x1b]0;title\x07，医保支付。\n"
    write_page(folder, "001_x.txt", text)
    result = runner.invoke(app, ["search", "医保", "--corpus", str(folder), "--force-terminal"])
    plain = ANSI_RE.sub("", result.stdout)
    assert "[bold]标题[/bold]" in plain and "[red]改革[/red]" in plain
    assert "\x1b]" not in result.stdout and "\x07" not in result.stdout


def test_filters_and_no_hits() -> None:
    result = runner.invoke(app, ["search", "医院", "--until", "2022", "--plain"])
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["004"]
    result = runner.invoke(app, ["search", "医院", "--source", "不存在的报纸"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No article matches.\n"


def test_bad_date_and_empty_query_are_usage_errors() -> None:
    result = runner.invoke(app, ["search", "医院", "--since", "May"])
    assert result.exit_code == 2
    assert "not a date: 'May'" in result.stderr
    result = runner.invoke(app, ["search", "NOT"])
    assert result.exit_code == 2
    assert "no word to search for" in result.stderr
