"""The quick path (list, show, summarize and keywords without Typer): for every argument list it
takes it prints byte for byte what the Typer app prints and exits with the same status; every
other argument list it leaves to the Typer app, having printed nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, write_page
from typer.testing import CliRunner

from fjhealth import cli_core, quick
from fjhealth.cli import app

runner = CliRunner()

# Argument lists the quick path runs; {corpus} is a two-page corpus (see conftest), {page} a
# page file of it. Plus the text on stdin, if any.
QUICK = [
    (["list"], None),
    (["list", "--json"], None),
    (["list", "--plain"], None),
    (["list", "--no-cache"], None),
    (["list", "--format", "json"], None),
    (["list", "--format=text"], None),
    (["list", "--color", "never"], None),
    (["list", "--force-terminal"], None),
    (["list", "--dedupe", "--json"], None),
    (["list", "--corpus", "{corpus}"], None),
    (["list", "--corpus={corpus}", "--json", "--json"], None),
    (["list", "--corpus", "{bad}"], None),  # a page that cannot be read: warning, exit 1
    (["show", "003"], None),
    (["show", "3", "--json"], None),
    (["show", "--json", "002-2"], None),
    (["show", "002-2", "--removed"], None),
    (["show", "002", "--plain", "--removed"], None),
    (["show", "003", "--force-terminal"], None),
    (["show", "003", "--format", "rich", "--color", "never"], None),
    (["show", "999"], None),  # unknown ID: exit 2
    (["show", "9-9"], None),
    (["show", ""], None),
    (["show", "no/such/file.txt"], None),
    (["show", "001", "--corpus", "{corpus}"], None),
    (["show", "001_first.txt", "--corpus", "{corpus}", "--json"], None),
    (["show", "{page}"], None),
    (["show", "-"], "第一段。\n\n第二段。\n"),
    (["related", "003"], None),
    (["related", "3", "--json", "-n", "2"], None),
    (["related", "003", "--plain", "--limit=1"], None),
    (["related", "003", "--force-terminal", "--color", "never"], None),
    (["related", "002"], None),  # a page of two articles: exit 2
    (["related", "999"], None),
    (["related", "001", "--corpus", "{corpus}"], None),
    (["show", "-", "--json"], ""),
    (["show", "{corpus}"], None),  # a folder
    (["summarize", "003"], None),
    (["summarize", "3", "--json", "--sentences", "1"], None),
    (["summarize", "002-2", "--chars=60", "--method", "lead"], None),
    (["summarize", "003", "--chars", "1"], None),  # no sentence fits: a warning
    (["summarize", "--all", "--plain"], None),
    (["summarize", "--all", "--corpus", "{corpus}", "--no-cache"], None),
    (["summarize", "999"], None),
    (["summarize", "{page}", "--format", "json"], None),
    (["summarize", "-"], "第一段很长的一句话。第二句话也不短。\n"),
    (["keywords", "003"], None),
    (["keywords", "3", "--top", "3", "--json"], None),
    (["keywords", "002-1", "--method", "textrank"], None),
    (["keywords", "--all", "--corpus", "{corpus}", "--top=2"], None),
    (["keywords", "--all", "--corpus", "{bad}"], None),  # a page that cannot be read: exit 1
    (["keywords", "no/such.txt"], None),
    (["search", "福建"], None),
    (["search", "泉州 OR 福建", "--json"], None),
    (["search", "福建", "--plain", "--limit", "1"], None),
    (["search", "福建", "-n", "1", "--corpus", "{corpus}", "--format=text"], None),
    (["search", "不存在的词语"], None),  # no hit: a note, exit 0
    (["search", '"泉州" -福建', "--since", "2000", "--until=2099-12"], None),
    (["search", "福建", "--source", "不存在的来源", "--force-terminal"], None),
    (["search", "福建", "--corpus", "{bad}"], None),
]

# Argument lists left to the Typer app.
TYPER = [
    [],
    ["list", "--help"],
    ["list", "-h"],
    ["list", "extra"],
    ["list", "--jobs", "1"],
    ["list", "-j", "1"],
    ["list", "--width", "30"],
    ["list", "--encoding", "gb18030"],
    ["list", "--json", "--plain"],  # options that conflict
    ["list", "--color", "always", "--json"],
    ["list", "--format", "yaml"],
    ["list", "--format"],
    ["list", "--corpus"],
    ["list", "--corpus", "--json"],
    ["list", "--corpus", "/no/such/folder"],
    ["list", "--json=1"],
    ["list", "--removed"],  # show's flag
    ["list", "--", "x"],
    ["show"],
    ["show", "001", "002"],
    ["show", "--help"],
    ["show", "--all"],
    ["show", "003", "--width", "40"],
    ["show", "{page}", "--corpus", "/no/such/folder"],  # Typer reads the page all the same
    ["--version"],
    ["--help", "list"],
    ["summarize"],  # neither an ID nor --all
    ["summarize", "003", "--all"],
    ["summarize", "003", "004"],
    ["summarize", "003", "--sentences", "0"],
    ["summarize", "003", "--sentences", "x"],
    ["summarize", "003", "--sentences", "３"],
    ["summarize", "003", "--method", "textrank"],
    ["summarize", "003", "--top", "3"],  # keywords' option
    ["summarize", "003", "--jobs", "1"],
    ["summarize", "003", "--sentences", "2", "--chars", "50"],  # they exclude each other
    ["keywords", "003", "--method", "rank"],
    ["keywords", "003", "--top", "-1"],
    ["keywords", "--all", "--encoding", "utf-8"],
    ["cache", "info"],
    ["search"],
    ["search", "福建", "泉州"],
    ["search", ""],  # no word: Click's usage error
    ["search", "--help"],
    ["search", "福建", "--limit", "0"],
    ["search", "福建", "-n=2"],
    ["search", "福建", "-n2"],
    ["search", "福建", "--since", "20"],
    ["search", "福建", "--until=2024-1"],
    ["search", "福建", "--since", "2024-13"],  # no such month: Click's usage error
    ["search", "福建", "--jobs", "1"],
    ["related", "-"],  # stdin or a page file: Typer says whether it is in the corpus
    ["related", "{page}"],
    ["related", "no/such/file.txt"],
    ["related", "003", "--jobs", "1"],
    ["related", "003", "-n", "0"],
    ["related", "003", "004"],
    ["related"],
    ["search", "福建", "--width", "40"],
    ["search", "福建", "--removed"],
    ["list", "--dedupe", "--keywords"],  # options that exclude each other (the quick path
    ["search", "福建", "--since", "2025", "--until", "2024-06"],  # printed a listing, a "no hit")
]


def _fill(argv: list[str], corpus: Path) -> list[str]:
    bad = corpus.parent / "bad"
    write_page(bad, "001_first.txt", (corpus / "001_first.txt").read_text(encoding="utf-8"))
    (bad / "002_broken.txt").mkdir()  # a folder named like a page, and a dangling link
    (bad / "003_gone.txt").symlink_to(bad / "nowhere.txt")
    values = {"corpus": str(corpus), "page": str(corpus / "002_second.txt"), "bad": str(bad)}
    return [a.format(**values) for a in argv]


def _quick(argv: list[str], stdin: str | None) -> tuple[int | None, bytes, bytes]:
    cli_core._corpus_flag = ""  # the hint's --corpus, remembered by the process
    with runner.isolation(input=stdin) as (out, err, _):
        status = quick.run(argv)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue(), err.getvalue()


def _typer(argv: list[str], stdin: str | None) -> tuple[int, bytes, bytes]:
    cli_core._corpus_flag = ""
    result = runner.invoke(app, argv, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


@pytest.mark.parametrize(("argv", "stdin"), QUICK, ids=lambda v: " ".join(v or ["-"]))
def test_the_quick_path_prints_what_typer_prints(
    argv: list[str], stdin: str | None, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus.parent)
    argv = _fill(argv, corpus)
    assert quick.parse(argv) is not None
    fast = _quick(argv, stdin)
    slow = _typer(argv, stdin)
    assert fast == slow


def test_the_quick_path_reads_the_corpus_in_the_environment(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FJHEALTH_CORPUS", str(corpus))
    assert _quick(["show", "2"], None) == _typer(["show", "2"], None)
    monkeypatch.setenv("FJHEALTH_CORPUS", str(corpus / "missing"))  # a usage error: Typer's
    assert _quick(["list"], None) == (None, b"", b"")
    assert _typer(["list"], None)[0] == 2


@pytest.mark.parametrize("argv", TYPER, ids=lambda v: " ".join(v) or "(none)")
def test_anything_else_is_left_to_typer_untouched(argv: list[str], corpus: Path) -> None:
    assert _quick(_fill(argv, corpus), None) == (None, b"", b"")


def test_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_FJHEALTH_COMPLETE", "bash_complete")
    assert _quick(["list"], None) == (None, b"", b"")


@pytest.mark.parametrize("argv", [["list"], ["summarize", "3"]])
def test_the_fjhealth_command_runs_without_importing_typer(argv: list[str], tmp_path: Path) -> None:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write(str(sorted(\n"
            "    m for m in ('typer', 'rich', 'click') if m in sys.modules))))\n"
            "from fjhealth.entry import main\n"
            f"sys.argv = ['fjhealth', *{argv!r}]\n"
            "main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, cwd=tmp_path, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "[]")
    assert done.stdout


@pytest.mark.parametrize(("argv", "shown"), [
    (["search", "医共体", "--plain"], "医共体"),  # a hit's snippet
    (["related", "003", "--plain"], "\t"),  # id<TAB>score<TAB>title lines
])
def test_the_fjhealth_command_finds_without_importing_typer(
    argv: list[str], shown: str, tmp_path: Path
) -> None:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write(str(sorted(\n"
            "    m for m in ('typer', 'click') if m in sys.modules))))\n"
            "from fjhealth.entry import main\n"
            f"sys.argv = ['fjhealth', *{argv!r}]\n"
            "main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, cwd=tmp_path, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "[]")
    assert shown in done.stdout
