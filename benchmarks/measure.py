"""Time one process: wall clock, CPU time, peak memory of it and its workers, exit status.

On a shared machine other processes steal cores; ``others_cpu`` records how much (the
machine's busy CPU time during the run minus the run's own, over all cores), so a noisy
figure can be told from a slow one.

Memory is measured two ways. ``wait4`` gives the peak RSS of the largest single process of
the tree (the kernel keeps a max, not a sum). Since ``--jobs N`` runs N workers beside the
main process, a sampler thread also sums the PSS (resident pages, shared ones split between
the processes sharing them) of the process and all its descendants from /proc every
``SAMPLE_SECONDS`` and keeps the peak: what the run as a whole holds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2
STDERR_TAIL_LINES = 6


@dataclass(frozen=True, slots=True)
class Run:
    """One timed process: wall time, CPU time, memory and how it ended."""

    seconds: float
    cpu_seconds: float  # user + system of the process and the children it waited for
    tree_mb: float | None  # sampled peak of summed PSS over the process tree; None off Linux
    max_proc_mb: float  # peak RSS of the largest single process
    returncode: int
    stderr_tail: str
    others_cpu: float | None = None  # share of all cores busy with other processes meanwhile

    @property
    def ok(self) -> bool:
        """Whether the process exited 0."""
        return self.returncode == 0

    @property
    def peak_mb(self) -> float:
        """The best memory figure available: process tree if sampled, else largest process."""
        return self.tree_mb if self.tree_mb is not None else self.max_proc_mb


def _process_tree(root: int) -> list[int]:
    """PIDs of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:  # exited while we looked
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, ()))
    return tree


def _memory_kb(pid: int) -> int:
    """PSS of a process in KB (RSS where smaps_rollup is unavailable); 0 once it is gone."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class _TreeSampler(threading.Thread):
    """Samples the summed memory of a process tree until stopped; keeps the peak."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        """Sample until ``stopped`` is set."""
        while not self.stopped.is_set():
            total = sum(_memory_kb(pid) for pid in _process_tree(self.root))
            self.peak_kb = max(self.peak_kb, total)
            self.stopped.wait(SAMPLE_SECONDS)


def _busy_seconds() -> float | None:
    """CPU seconds all processes of the machine have used since boot, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")  # up to steal; guest is in user


def measure(argv: Sequence[str], env: dict[str, str], timeout: float, cwd: Path) -> Run:
    """Run a command with stdout to /dev/null; time it and record its memory.

    Args:
        argv: the command.
        env: its environment.
        timeout: seconds after which its process group is killed (it then counts as failed).
        cwd: its working directory (``python -m`` imports from there first).

    Returns:
        Wall and CPU time, peak memory (process tree and largest process), exit code and
        the last lines of stderr.
    """
    with tempfile.TemporaryFile() as err:
        busy_before = _busy_seconds()
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                argv,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=env,
                cwd=cwd,
                start_new_session=True,
            )
        except OSError as exc:
            return Run(0.0, 0.0, None, 0.0, 127, f"cannot start {argv[0]}: {exc}")
        sampler = _TreeSampler(proc.pid) if Path("/proc/self/stat").exists() else None
        if sampler:
            sampler.start()
        killer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        try:
            # wait4, not Popen.wait: the rusage of this child alone, not of all children so far.
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: its own session would outlive us
            killer.cancel()
            os.killpg(proc.pid, signal.SIGKILL)
            os.waitpid(proc.pid, 0)
            raise
        seconds = time.perf_counter() - start
        busy_after = _busy_seconds()
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stopped.set()
            sampler.join()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-STDERR_TAIL_LINES:]
    cpu_seconds = usage.ru_utime + usage.ru_stime
    others = None
    if busy_before is not None and busy_after is not None and seconds > 0:
        spare = seconds * (os.cpu_count() or 1)
        others = min(1.0, max(0.0, busy_after - busy_before - cpu_seconds) / spare)
    rss_unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KB on Linux
    return Run(
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        tree_mb=sampler.peak_kb / 1024 if sampler else None,
        max_proc_mb=usage.ru_maxrss * rss_unit / 2**20,
        returncode=proc.returncode,
        stderr_tail="\n".join(tail),
        others_cpu=others,
    )
