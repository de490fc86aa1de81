"""Hostile environments for the CLI (issue 10, items 12, 14, 15): closed or full outputs, a
closed stdin, Ctrl-C during start-up, rich output into a closed pipe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="/dev/full, closed descriptors")
ENTRY = [sys.executable, "-c", "from fjhealth.entry import main; main()"]


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*ENTRY, *args], env=env, capture_output=kw.pop("capture", True),
                          text=True, timeout=120, **kw)  # type: ignore[call-overload]


def test_output_to_a_full_disk_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "w") as full:
        done = _run(["list"], stdout=full, capture=False, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: cannot write the output: No space left on device"


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"], ["--show-completion"]])
def test_the_main_commands_own_options_into_a_full_disk_are_one_line(args: list[str]) -> None:
    """The main command's --help, --version and --show-completion print before any command runs
    (outside the guard every command has): into /dev/full they ended in a traceback."""
    with open("/dev/full", "w") as full:
        done = _run(args, stdout=full, capture=False, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: cannot write the output: No space left on device"


@pytest.mark.parametrize(("args", "closed", "message"), [
    (["list"], 1, "Error: standard output is closed: nowhere to write"),
    (["--version"], 1, "Error: standard output is closed: nowhere to write"),  # a traceback
    (["summarize", "-"], 0, "Error: standard input is closed: nothing to read"),
])
def test_closed_standard_streams_are_one_line_and_exit_1(
    args: list[str], closed: int, message: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["sh", "-c", f'"$0" "$@" {closed}>&-', *ENTRY, *args], env=env,
                          capture_output=closed != 1, stderr=subprocess.PIPE if closed == 1
                          else None, text=True, timeout=120) if closed != 1 else subprocess.run(
        ["sh", "-c", '"$0" "$@" >&-', *ENTRY, *args], env=env, stderr=subprocess.PIPE,
        text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == message
    assert "Traceback" not in done.stderr


def test_ctrl_c_while_the_cli_is_imported_exits_130_without_a_traceback() -> None:
    code = ("import builtins, fjhealth.entry as entry\n"
            "real = builtins.__import__\n"
            "def fake(name, *args, **kw):\n"
            "    if name == 'cli' or name.endswith('.cli'):\n"
            "        raise KeyboardInterrupt\n"
            "    return real(name, *args, **kw)\n"
            "builtins.__import__ = fake\n"
            "entry.main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr


def test_ctrl_c_once_running_exits_130_without_a_traceback(tmp_path: Path) -> None:
    from helpers import PAGE_TEXT, write_page

    for i in range(40):
        write_page(tmp_path / "c", f"{i:03d}_p.txt", PAGE_TEXT + f"第{i}页。\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FJHEALTH_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([*ENTRY, "summarize", "--all", "--corpus", str(tmp_path / "c")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    os.read(proc.stdout.fileno(), 1)  # running: the first summary is coming out
    proc.send_signal(signal.SIGINT)
    try:
        _, raw = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()  # not left running behind the test (its workers die with it)
        proc.communicate()
        pytest.fail("the interrupted run did not exit")
    err = raw.decode("utf-8", "replace")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    # Done before the signal (0), interrupted (130), or ended by the signal itself when it came
    # in the interpreter's last moments, once Python has put SIGINT's default action back (a
    # shell reports that as 130 too).
    assert proc.returncode in (0, 130, -signal.SIGINT)


def test_rich_output_into_a_closed_pipe_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = '"$0" "$@" | head -c 1 > /dev/null; exit "${PIPESTATUS[0]}"'
    done = subprocess.run(["bash", "-c", cmd, *ENTRY, "show", "003", "--force-terminal"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
