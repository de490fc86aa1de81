"""Whole-corpus runs from the command line: --jobs, --no-cache, and the cache commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SEEDS
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A cache of this test's own, empty at the start."""
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def big_corpus(tmp_path: Path) -> Path:
    """24 pages (enough for two workers): the seeds under other names."""
    folder = tmp_path / "big"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(24):
        (folder / f"{i:03d}_copy.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    return folder


@pytest.mark.parametrize(
    "command",
    [["list"], ["summarize", "--all"], ["keywords", "--all", "--top", "3"], ["list", "--keywords"]],
)
def test_jobs_1_and_2_print_the_same(big_corpus: Path, command: list[str]) -> None:
    one = runner.invoke(app, [*command, "--corpus", str(big_corpus), "--jobs", "1", "--no-cache"])
    two = runner.invoke(app, [*command, "--corpus", str(big_corpus), "--jobs", "2", "--no-cache"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout


def test_warm_run_prints_what_the_cold_run_printed(big_corpus: Path) -> None:
    args = ["summarize", "--all", "--corpus", str(big_corpus), "--jobs", "2"]
    cold = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stdout == warm.stdout
    info = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    assert info["pages"] == 24


def test_no_cache_writes_nothing(big_corpus: Path) -> None:
    runner.invoke(app, ["list", "--corpus", str(big_corpus), "--no-cache"])
    info = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    assert info["pages"] == 0


def test_cache_info_text_and_clear(big_corpus: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["list", "--corpus", str(big_corpus)])
    text = runner.invoke(app, ["cache", "info"]).stdout
    lines = dict(line.split("\t") for line in text.splitlines())
    assert lines["pages"] == "24" and lines["path"].endswith(".sqlite3")
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and cleared.stdout == "" and "Cleared" in cleared.stderr
    assert json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)["pages"] == 0


def test_cache_info_total_line_breaks_between_its_parts(big_corpus: Path) -> None:
    """At 40 columns the total line broke ``page`` / ``cache limit``: its parts stay whole."""
    runner.invoke(app, ["list", "--corpus", str(big_corpus)])
    result = runner.invoke(app, ["cache", "info", "--format", "rich", "--width", "40"])
    assert result.exit_code == 0
    tail = result.stdout.splitlines()[-2:]
    assert tail[0].startswith("total ") and tail[0].rstrip().endswith("pages cached"), tail
    assert tail[1].startswith("page cache limit "), tail


def test_batch_skips_a_bad_file_and_exits_1(big_corpus: Path) -> None:
    (big_corpus / "005_copy.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = runner.invoke(app, ["summarize", "--all", "--corpus", str(big_corpus), "-j", "2"])
    assert result.exit_code == 1
    assert "005_copy.txt" in result.stderr and "binary" in result.stderr
    ids = [block.split("\t")[0] for block in result.stdout.split("\n\n") if block]
    assert not any(i.startswith("005") for i in ids)
    assert {"004", "006", "010-1", "010-2", "023"} <= set(ids)


def test_keywords_id_and_all_exclude_each_other() -> None:
    result = runner.invoke(app, ["keywords", "003", "--all"])
    assert result.exit_code == 2 and result.stdout == ""


# ---- one article through the page cache ----------------------------------------------------

ONE = """
import sys
from fjhealth.cli import app
sys.argv = ["fjhealth", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
print(sorted(m for m in ("jieba", "rjieba.rjieba", "fjhealth.clean") if m in sys.modules),
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command", [["summarize", "003"], ["keywords", "003"], ["show", "003"], ["summarize", "002-2"]]
)
def test_one_article_seen_before_is_read_from_the_cache(command: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "FJHEALTH_CACHE_DIR": str(tmp_path / "one")}
    args = [sys.executable, "-c", ONE, *command]
    first = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    again = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    assert "fjhealth.clean" in first.stderr
    assert again.stdout == first.stdout and again.stdout
    assert again.stderr.strip() == "[]"  # neither cleaned nor cut: all from the cache


@pytest.mark.parametrize("command", [["summarize", "002-2"], ["keywords", "002-1", "--top", "3"]])
def test_one_article_cached_or_not_prints_the_same(command: list[str]) -> None:
    cold = runner.invoke(app, command)
    warm = runner.invoke(app, command)
    uncached = runner.invoke(app, [*command, "--no-cache"])
    assert cold.exit_code == warm.exit_code == uncached.exit_code == 0
    assert cold.stdout == warm.stdout == uncached.stdout
    assert "002-2" not in cold.stdout if "002-1" in command else "002-1" not in cold.stdout


def test_a_file_that_cannot_be_read_is_named_once_in_its_warning(
    big_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """"skipped NAME: reason", as for an empty or binary file (it was "skipped cannot read
    NAME: ..."), and a single article's error says the same."""
    from fjhealth import corpus, pagework

    real = pagework.read_file

    def read_file(path: Path) -> bytes:
        if path.name == "005_copy.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(pagework, "read_file", read_file)
    monkeypatch.setattr(corpus, "read_file", read_file)
    listed = runner.invoke(app, ["list", "--corpus", str(big_corpus), "--jobs", "1"])
    assert listed.exit_code == 1
    assert "Warning: skipped 005_copy.txt: cannot read it: Permission denied\n" in listed.stderr
    shown = runner.invoke(app, ["show", "005", "--corpus", str(big_corpus)])
    assert (shown.exit_code, shown.stderr) == (
        1, "Error: 005_copy.txt: cannot read it: Permission denied\n")


@pytest.mark.parametrize("command", [["summarize", "002-2"], ["keywords", "002-1", "--top", "3"]])
def test_one_article_reads_its_page_once_for_the_articles_and_once_for_the_task(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read hashes the whole file and unpacks every article of the page (a 20 MB page:
    ~0.5 s a read); the articles found for the ID serve to match the task's results too."""
    from fjhealth import batch

    runner.invoke(app, command)  # the cache warm
    reads: list[str] = []
    real = batch.run_page

    def run_page(path: Path, task: object, **kwargs: object) -> object:
        reads.append(type(task).__name__)
        return real(path, task, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "run_page", run_page)
    assert runner.invoke(app, command).exit_code == 0
    assert reads[0] == "ArticlesTask" and len(reads) == 2
