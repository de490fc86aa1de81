"""Hostile input to the terminal output: long Latin/digit runs, absurd widths (issue 10, item 3)."""

from __future__ import annotations

import pytest
import rich.cells
from typer.testing import CliRunner

from fjhealth.cli import app
from fjhealth.wrap import wrap_cjk

runner = CliRunner()


@pytest.mark.parametrize("run", ["a", "1", "a.", " "])
def test_wrapping_a_long_run_measures_each_character_a_bounded_number_of_times(
    run: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = 0
    real = rich.cells.cell_len

    def counting(text: str, *args: object) -> int:
        nonlocal measured
        measured += len(text)
        return real(text)

    monkeypatch.setattr(rich.cells, "cell_len", counting)
    text = "正文" + run * 20_000 + "。"
    lines = wrap_cjk(text, 80)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(rich.cells.cell_len(line) <= 80 for line in lines)
    assert measured <= 10 * len(text)  # cutting by prefixes measured ~n^2 / 2 characters


@pytest.mark.parametrize("width", [1, 0])
def test_wrap_narrower_than_a_wide_character_keeps_every_character(width: int) -> None:
    assert wrap_cjk("ab看病。", width) == ["a", "b", "看", "病", "。"]


def _write_page(folder, text: str) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir()
    (folder / "001_x.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("columns", ["1", "0"])
def test_absurd_terminal_widths_still_print(columns: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "c"
    _write_page(folder, "# 标题\n\n这是正文，" + "a" * 300 + "。\n")
    result = runner.invoke(app, ["show", "001", "--corpus", str(folder), "--force-terminal"],
                           env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "正" in result.stdout and "a" in result.stdout
