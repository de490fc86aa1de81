"""Hostile file names and IDs (issue 10, items 10, 11): non-UTF-8 names, "²", huge numbers."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from helpers import PAGE_TEXT, write_page
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()


@pytest.fixture
def odd_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    write_page(folder, "001_a.txt", PAGE_TEXT)
    write_page(folder, "².txt", PAGE_TEXT.replace("福建", "泉州"))
    return folder


@pytest.mark.parametrize("args", [["list"], ["show", "²"], ["show", "9" * 5000],
                                  ["show", "001-" + "9" * 5000], ["keywords", "--all"]])
def test_superscript_names_and_huge_ids_never_traceback(args: list[str], odd_corpus: Path) -> None:
    result = runner.invoke(app, [*args, "--corpus", str(odd_corpus)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_superscript_file_is_listed_by_its_stem(odd_corpus: Path) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(odd_corpus)])
    assert result.exit_code == 0
    assert any(line.startswith("²") for line in result.stdout.splitlines())


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["summarize", "--all"],
                                  ["keywords", "--all"]])
def test_non_utf8_file_name_is_handled_and_printed_safely(args: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write_page(folder, "001_a.txt", PAGE_TEXT)
    name = os.fsdecode(b"099_\xe9t\xe9.txt")  # surrogate escapes, as the OS gives it
    (folder / name).write_bytes(PAGE_TEXT.encode())
    result = runner.invoke(app, [*args, "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    result.stdout_bytes.decode("utf-8")  # valid UTF-8
    if "--json" in args:
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(records) >= 2
