"""The ``fjhealth`` entry point: a real Ctrl-C (SIGINT) at any moment of start-up or wind-down
exits 130 quietly (issue 10, item 14); while a command runs, the CLI handles it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# Sends this process a real SIGINT from inside a start-up step, then gives the handler time.
_CTRL_C = "lambda *a, **k: (os.kill(os.getpid(), signal.SIGINT), time.sleep(5))"


def _run_with_ctrl_c_in(patch: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the entry point with ``patch`` (Python code run first) pressing Ctrl-C."""
    code = ("import os, signal, sys, time\n"
            f"{patch}\n"
            "from fjhealth.entry import main\n"
            f"sys.argv = ['fjhealth', *{args!r}]\n"
            "main()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize(("step", "patch", "args"), [
    ("the quick path starting list",
     f"import fjhealth.output as o; o.resolve_output = {_CTRL_C}", ["list"]),
    ("Typer building the commands",
     f"import typer.main; typer.main.get_command = {_CTRL_C}", ["list", "--jobs", "1"]),
    ("Click parsing the arguments",
     f"import typer.core; typer.core.TyperGroup.parse_args = {_CTRL_C}", ["list", "-j", "1"]),
    ("printing --help",
     f"import typer.core; typer.core.TyperGroup.format_help = {_CTRL_C}", ["--help"]),
    ("exiting after the command",
     f"import atexit; atexit.register({_CTRL_C})", ["--version"]),
])
def test_ctrl_c_outside_the_command_exits_130_quietly(
    step: str, patch: str, args: list[str]
) -> None:
    done = _run_with_ctrl_c_in(patch, args)
    assert (done.returncode, done.stderr) == (130, ""), step


def test_ctrl_c_while_the_command_runs_is_still_the_clis_to_handle() -> None:
    # the command's own code sees KeyboardInterrupt (workers stopped, progress line erased)
    patch = ("import fjhealth.cli_batch as cb\n"
             "def boom(*a, **k):\n"
             "    os.kill(os.getpid(), signal.SIGINT); time.sleep(5)\n"
             "    raise AssertionError('Ctrl-C did not raise')\n"
             "cb.Batch.__init__ = boom")
    for args in (["list"], ["list", "--jobs", "1"]):  # the quick path, then Typer's
        done = _run_with_ctrl_c_in(patch, args)
        assert (done.returncode, done.stderr) == (130, ""), args


def test_python_m_fjhealth_goes_through_the_entry_point() -> None:
    assert (ROOT / "fjhealth" / "__main__.py").read_text().startswith(
        "from fjhealth.entry import main")


def test_a_run_collects_cycles_less_often_and_skips_the_last_walk() -> None:
    """The entry point raises the cycle collector's first threshold for the run and freezes
    what is left when it ends (the interpreter's exit then need not walk it)."""
    code = ("import gc, sys\n"
            "from fjhealth.entry import GC_THRESHOLD, main\n"
            "sys.argv = ['fjhealth', '--version']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(gc.get_threshold() == GC_THRESHOLD, gc.get_freeze_count() > 0)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.split()[-2:] == ["True", "True"], out.stderr
