"""The README's promises that can be checked mechanically."""

from __future__ import annotations

import re
from pathlib import Path

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
