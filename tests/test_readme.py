"""The README's promises that can be checked mechanically."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _sh_blocks(text: str) -> list[str]:
    """The bodies of the README's ```sh blocks."""
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_commands = [b.strip() for b in _sh_blocks(readme) if "pytest" in b]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert test_commands, "the README has no test command"
    assert test_commands[0] == ci_lines[-1]


def test_readme_images_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme):
        assert (ROOT / target).is_file(), target
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / target).is_file(), target


def test_the_commands_table_names_every_command() -> None:
    from fjhealth.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n\n", 2)[1]
    named = set(re.findall(r"^\| `fjhealth (\w+)", table, re.M))
    assert named == set(COMMANDS)


def test_the_limits_table_covers_legacy_encodings_and_ctrl_c() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = readme.split("## Limits and guarantees", 1)[1].split("\n## ", 1)[0]
    assert "Big5, Shift-JIS, EUC-KR or Latin-1" in limits
    assert "**Ctrl-C**" in limits


def _console_examples(text: str) -> list[tuple[str, str]]:
    """Each ``$ fjhealth ...`` line of the README's ```console blocks that shows its output,
    with that output (lines up to the next ``$`` line)."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        parts = re.split(r"^\$ ", block, flags=re.M)[1:]
        for part in parts:
            command, _, output = part.partition("\n")
            if output.strip():
                examples.append((command, output))
    return examples


def _run_example(command: str) -> str:
    """What ``command`` prints on the seeds in a pipe: fjhealth run in-process (CliRunner is
    not a terminal), then the ``head -n N`` and ``cut -f`` stages it is piped through."""
    import shlex

    from typer.testing import CliRunner

    from fjhealth.cli import app

    first, *stages = command.split(" | ")
    words = shlex.split(first)
    assert words[0] == "fjhealth", command
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, (command, result.stderr)
    lines = result.stdout.splitlines()
    for stage in stages:
        tool, *args = shlex.split(stage)
        if tool == "head":
            lines = lines[: int(args[-1])]
        elif tool == "cut":
            fields = [int(f) - 1 for f in args[0].removeprefix("-f").split(",")]
            lines = ["\t".join(line.split("\t")[i] for i in fields) for line in lines]
        else:
            raise AssertionError(f"no stand-in for {tool!r} in {command!r}")
    return "\n".join(lines).rstrip("\n")


def test_every_readme_example_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's console examples are real: each prints exactly the lines shown (after a
    change to the cleaner or the rankers, rerun the command and paste its output). A cache of
    its own: search scores depend on every corpus indexed in the same cache."""
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(tmp_path))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = _console_examples(readme)
    assert len(examples) >= 6
    for command, shown in examples:
        assert _run_example(command) == shown.rstrip("\n"), f"README example: $ {command}"
