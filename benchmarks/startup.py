"""Whole-process start-up of fjhealth commands beside ``python -c "import typer, rich"``.

    python benchmarks/startup.py [--python PY] [--runs N] [--no-instructions] [--only TEXT]

Every command runs from an empty temporary folder (the embedded seed corpus), stdout to a pipe
that is discarded (the plain-text path). "warm" commands share a private ``FJHEALTH_CACHE_DIR``
warmed before measuring; "cold" ones get a fresh empty one for every run, so they pay what a
user's very first run pays (jieba's dictionary cache included). Wall and CPU times are
measured interleaved, command after command in each round, so all see the same machine load;
ratios are to the baseline's mean in the same run. Instructions are counted once per command
with ``perf stat`` when the kernel exposes the counter, else with ``valgrind --tool=cachegrind``
(slower, but the count barely moves between runs; ``PYTHONHASHSEED=0`` for both). Prints a
markdown table. ``benchmarks/startup.sh`` is the shell entry point.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASELINE = "python -c 'import typer, rich'"


@dataclass
class Command:
    label: str
    argv: list[str]
    cold: bool = False  # a fresh empty cache for every run
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    instructions: float | None = None


def commands(python: str) -> list[Command]:
    """The measured commands; the first is the baseline."""
    script = Path(python).parent / "fjhealth"
    fj = [str(script)] if script.exists() else [python, "-m", "fjhealth"]
    return [
        Command(BASELINE, [python, "-c", "import typer, rich"]),
        Command("fjhealth list", [*fj, "list"]),
        Command("fjhealth list --no-cache", [*fj, "list", "--no-cache"]),
        Command("fjhealth show 003", [*fj, "show", "003"]),
        Command("fjhealth list --format rich", [*fj, "list", "--format", "rich"]),
        Command("fjhealth --help", [*fj, "--help"]),
        Command("fjhealth summarize --help", [*fj, "summarize", "--help"]),
        Command("fjhealth summarize 003 (seen)", [*fj, "summarize", "003"]),
        Command("fjhealth keywords 003 (seen)", [*fj, "keywords", "003"]),
        Command("fjhealth search 医院 (seen)", [*fj, "search", "医院"]),
        Command("fjhealth related 003 (seen)", [*fj, "related", "003"]),
        Command("fjhealth summarize 003 (first run)", [*fj, "summarize", "003"], cold=True),
        Command("fjhealth keywords 003 (first run)", [*fj, "keywords", "003"], cold=True),
    ]


def run(cmd: Command, env: dict[str, str], cold_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    if cmd.cold:
        shutil.rmtree(cold_dir, ignore_errors=True)
        env = {**env, "FJHEALTH_CACHE_DIR": str(cold_dir)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd.argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd.label} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def perf_works() -> bool:
    """Whether ``perf stat`` can count instructions here (VMs often expose no counters)."""
    if shutil.which("perf") is None:
        return False
    out = subprocess.run(
        ["perf", "stat", "-x,", "-e", "instructions", "true"], capture_output=True, text=True
    )
    return out.returncode == 0 and bool(re.match(r"\d+,", out.stderr.strip()))


def count_instructions(cmd: Command, env: dict[str, str], cold_dir: Path, tool: str) -> float:
    """Instructions one run of ``cmd`` executes (perf's mean of 5, or one cachegrind run)."""
    if cmd.cold:
        shutil.rmtree(cold_dir, ignore_errors=True)
        env = {**env, "FJHEALTH_CACHE_DIR": str(cold_dir)}
    if tool == "perf":
        argv = ["perf", "stat", "-x,", "-e", "instructions", "-r", "5", *cmd.argv]
        pattern = r"^(\d+),[^,]*,instructions"
    else:
        argv = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
                "--cachegrind-out-file=/dev/null", *cmd.argv]
        pattern = r"I\s+refs:\s+([\d,]+)"
    if cmd.cold and tool == "perf":  # every repetition must start cold
        argv = ["perf", "stat", "-x,", "-e", "instructions", *cmd.argv]
    out = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    match = re.search(pattern, out.stderr, re.MULTILINE)
    if out.returncode != 0 or match is None:
        raise SystemExit(f"cannot count instructions of {cmd.label}:\n{out.stderr[-2000:]}")
    return float(match.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter with fjhealth installed (default: this one)")
    parser.add_argument("--runs", type=int, default=20, help="interleaved rounds (default 20)")
    parser.add_argument("--no-instructions", action="store_true", help="skip counting")
    parser.add_argument("--only", action="append", default=[],
                        help="measure only commands containing TEXT (repeatable; baseline kept)")
    args = parser.parse_args(argv)
    python = os.path.abspath(args.python) if os.sep in args.python else shutil.which(args.python)
    if python is None:
        raise SystemExit(f"no interpreter {args.python!r}")
    cmds = commands(python)
    cmds = [c for i, c in enumerate(cmds) if i == 0 or not args.only
            or any(t in c.label for t in args.only)]
    work = Path(tempfile.mkdtemp(prefix="fjhealth-startup-"))
    os.chdir(work)  # the embedded corpus, not a checkout's files
    env = {**os.environ, "FJHEALTH_CACHE_DIR": str(work / "cache"), "PYTHONHASHSEED": "0"}
    env.pop("FJHEALTH_CORPUS", None)
    # Byte-code caches as an installed package has them (pip compiles on install); the warm-up
    # runs write them where they are missing.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold = work / "cold"
    for c in cmds:  # warm the shared cache (and the OS file cache) before measuring
        run(c, env, cold)
    for _ in range(args.runs):
        for c in cmds:
            wall, cpu = run(c, env, cold)
            c.wall.append(wall)
            c.cpu.append(cpu)
    tool = None
    if not args.no_instructions:
        tool = "perf" if perf_works() else "valgrind" if shutil.which("valgrind") else None
        if tool is None:
            print("(no instruction counts: neither perf counters nor valgrind available)",
                  file=sys.stderr)
        for c in cmds if tool else ():
            c.instructions = count_instructions(c, env, cold, tool)
    shutil.rmtree(work, ignore_errors=True)

    base = cmds[0]
    b_wall, b_cpu = statistics.mean(base.wall), statistics.mean(base.cpu)
    head = "| command | wall mean | ratio | wall median | ratio | CPU mean | ratio |"
    if tool:
        head += f" instructions ({tool}) | ratio |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for c in cmds:
        wall, cpu, med = statistics.mean(c.wall), statistics.mean(c.cpu), statistics.median(c.wall)
        row = (f"| `{c.label}` | {wall * 1000:.0f} ms | {wall / b_wall:.2f}× "
               f"| {med * 1000:.0f} ms | {med / statistics.median(base.wall):.2f}× "
               f"| {cpu * 1000:.0f} ms | {cpu / b_cpu:.2f}× |")
        if tool and c.instructions is not None and base.instructions:
            row += f" {c.instructions / 1e6:.0f} M | {c.instructions / base.instructions:.2f}× |"
        print(row)
    print(f"\n{args.runs} interleaved rounds; load average at the end: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
