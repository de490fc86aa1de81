"""Shell completion: Typer's scripts, and what fjhealth completes (commands, options, choices
and the IDs of the corpus in use, from file names alone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PAGE_TEXT, write_page

FJHEALTH = Path(sys.executable).with_name("fjhealth")


def complete(words: str, **env: str) -> list[str]:
    """What fjhealth offers for the last word of ``words`` (bash's protocol)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    full = {
        **os.environ,
        "_FJHEALTH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        **env,
    }
    code = (
        "import sys\n"
        "from fjhealth.cli import app\n"
        "try:\n"
        "    app(prog_name='fjhealth')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('fjhealth.clean', 'jieba', 'sqlite3') if m in sys.modules]\n"
        "print('LOADED', *loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == "LOADED", done.stderr  # nothing cleaned, cut or cached
    return done.stdout.split()


def test_commands() -> None:
    offered = complete("fjhealth s")
    assert {"show", "summarize"} <= set(offered) and all(c.startswith("s") for c in offered)
    assert "cache" in complete("fjhealth ")


def test_options() -> None:
    assert set(complete("fjhealth list --co")) == {"--corpus", "--color"}


@pytest.mark.parametrize(
    ("words", "choices"),
    [
        ("fjhealth summarize --method ", ["rank", "snownlp", "lead"]),
        ("fjhealth keywords --method ", ["tfidf", "textrank"]),
        ("fjhealth list --color ", ["auto", "always", "never"]),
        ("fjhealth show 3 --format ", ["auto", "rich", "text", "json"]),
    ],
)
def test_choices(words: str, choices: list[str]) -> None:
    assert complete(words) == choices


def test_ids_of_the_default_corpus() -> None:
    assert complete("fjhealth show 00") == ["000", "001", "002", "003", "004"]
    assert complete("fjhealth summarize 003") == ["003"]


def test_related_completes_ids_too(tmp_path: Path) -> None:
    """``related`` takes an article ID as show does; it completed nothing."""
    assert complete("fjhealth related 00") == ["000", "001", "002", "003", "004"]
    write_page(tmp_path, "101_a.txt", PAGE_TEXT)
    assert complete(f"fjhealth related --corpus {tmp_path} 1") == ["101"]


def test_ids_of_the_corpus_in_use(tmp_path: Path) -> None:
    write_page(tmp_path, "101_a.txt", PAGE_TEXT)
    write_page(tmp_path, "102_b.txt", PAGE_TEXT)
    assert complete(f"fjhealth keywords --corpus {tmp_path} 1") == ["101", "102"]
    assert complete("fjhealth show 1", FJHEALTH_CORPUS=str(tmp_path)) == ["101", "102"]


def test_paths_are_left_to_the_shell() -> None:
    assert complete("fjhealth show ./") == []
    assert complete("fjhealth show 003", FJHEALTH_CORPUS="/nonexistent") == []


@pytest.mark.skipif(
    shutil.which("bash") is None or not FJHEALTH.exists(), reason="needs bash and the script"
)
def test_bash_script_from_show_completion_completes_ids() -> None:
    env = {
        **os.environ,
        "PATH": f"{FJHEALTH.parent}{os.pathsep}{os.environ['PATH']}",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    script = subprocess.run(
        [str(FJHEALTH), "--show-completion", "bash"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "complete -o default -F _fjhealth_completion fjhealth" in script
    session = (
        script
        + "\nCOMP_WORDS=(fjhealth show 00); COMP_CWORD=2; _fjhealth_completion fjhealth"
        + '\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile"],
        input=session,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["000", "001", "002", "003", "004"]


def test_install_and_show_completion_are_offered() -> None:
    from typer.testing import CliRunner

    from fjhealth.cli import app

    help_text = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    assert "or for the shell named after it (bash, zsh, fish" in help_text


def _from_bash(args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``fjhealth ARGS`` run by bash (so that the current shell Typer detects is bash)."""
    full = {**os.environ, "PATH": f"{FJHEALTH.parent}{os.pathsep}{os.environ['PATH']}", **env}
    full.pop("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", None)
    return subprocess.run(  # "; true": bash must not exec fjhealth in its own place
        ["bash", "--norc", "--noprofile", "-c", f"fjhealth {args}; true"],
        env=full,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.skipif(
    shutil.which("bash") is None or not FJHEALTH.exists(), reason="needs bash and the script"
)
@pytest.mark.parametrize(
    ("shell", "mark"),
    [("zsh", "compdef fjhealth"), ("fish", "complete --command fjhealth"),
     ("bash", "complete -o default -F")],
)
def test_the_shell_named_wins_over_the_current_one(shell: str, mark: str) -> None:
    script = _from_bash(f"--show-completion {shell}", SHELL="/bin/bash").stdout
    assert mark in script
    assert _from_bash(f"--show-completion={shell}", SHELL="/bin/bash").stdout == script
    if shell != "bash":
        assert "complete -o default -F" not in script


@pytest.mark.skipif(
    shutil.which("bash") is None or not FJHEALTH.exists(), reason="needs bash and the script"
)
def test_install_completion_for_the_shell_named(tmp_path: Path) -> None:
    done = _from_bash("--install-completion zsh", HOME=str(tmp_path), SHELL="/bin/bash")
    assert "zsh completion installed" in done.stdout
    assert (tmp_path / ".zfunc" / "_fjhealth").is_file()
    assert not (tmp_path / ".bashrc").exists()


def test_a_shell_typer_has_no_script_for_is_a_usage_error() -> None:
    from typer.testing import CliRunner

    from fjhealth.cli import app

    done = CliRunner().invoke(app, ["--show-completion", "tcsh"], prog_name="fjhealth")
    assert done.exit_code == 2
    assert "'tcsh' is not one of bash, zsh, fish" in done.output
