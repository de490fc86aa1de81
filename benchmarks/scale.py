"""Scale benchmark: fjhealth on 1k-10k article corpora, cold and warm, against jieba's floor.

For each corpus size it writes distinct pages recombined from real text (see
``build_corpus.py``) into a temporary folder, then times whole processes of
``fjhealth list``, ``summarize --all`` and ``keywords --all``: cold (fresh empty
``FJHEALTH_CACHE_DIR``) and warm (the same cache, second run), stdout to /dev/null. In the
same run it times the floor, jieba alone segmenting the same files in the same number of
processes (``jieba_floor.py``). It prints a markdown table and the issue's targets, writes
them to ``benchmarks/results/scale.md`` and plots per-article cost against corpus size to
``docs/scaling.png``.

Regenerate the committed results and plot: ``python benchmarks/scale.py``
(about 15 minutes on 2 cores; ``--quick`` for a smoke run that writes nothing).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from build_corpus import DATA_FILES, DEFAULT_SEED, generate_pages, load_sources, write_corpus
from measure import SAMPLE_SECONDS, Run, measure

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
DATA_ENV = "FJHEALTH_BENCH_DATA"
DEFAULT_SIZES = (1000, 5000, 10000)
QUICK_SIZES = (200, 1000)
DEFAULT_RESULTS = REPO / "benchmarks" / "results" / "scale.md"
DEFAULT_PLOT = REPO / "docs" / "scaling.png"
FLOOR_SCRIPT = Path(__file__).resolve().parent / "jieba_floor.py"

# fjhealth sub-command arguments, before ``--corpus DIR`` and ``--jobs N``.
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "summarize": ("summarize", "--all"),
    "keywords": ("keywords", "--all"),
}
FLOOR = "floor"

# The targets, checked at the largest size.
FLOOR_RATIO_TARGET = 0.6  # cold summarize --all / segmentation floor (issue 8)
WARM_RATIO_TARGET = 1.10  # warm / cold: a warm run may be faster, never >10% slower
MEMORY_TARGET_MB = 250.0  # all processes together (issue 8)
FLAT_GROWTH_TARGET = 1.2  # per-article cost, largest size / smallest size
NOISY_SHARE = 0.2  # others' CPU share above which the report warns about wall times


@dataclass(slots=True)
class Row:
    """Cold and warm runs of one command on one corpus size."""

    size: int
    command: str
    jobs: int
    cold: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)

    def cold_s(self) -> float | None:
        """Median cold seconds, None if any cold run failed."""
        return _median_seconds(self.cold)

    def cold_cpu_s(self) -> float | None:
        """Median cold CPU seconds (all processes), None if any cold run failed."""
        if not self.cold or not all(r.ok for r in self.cold):
            return None
        return statistics.median(r.cpu_seconds for r in self.cold)

    def others_cpu(self) -> float | None:
        """Highest share of the cores other processes used during this row's runs."""
        shares = [r.others_cpu for r in self.cold + self.warm if r.others_cpu is not None]
        return max(shares) if shares else None

    def warm_s(self) -> float | None:
        """Median warm seconds, None if any warm run failed or none ran."""
        return _median_seconds(self.warm)

    def peak_mb(self) -> float | None:
        """Highest memory over the successful cold and warm runs."""
        runs = [r.peak_mb for r in self.cold + self.warm if r.ok]
        return max(runs) if runs else None

    def max_proc_mb(self) -> float | None:
        """Highest single-process RSS over the successful runs."""
        runs = [r.max_proc_mb for r in self.cold + self.warm if r.ok]
        return max(runs) if runs else None

    def failures(self) -> list[tuple[str, Run]]:
        """The failed runs, labelled cold or warm."""
        return [("cold", r) for r in self.cold if not r.ok] + [
            ("warm", r) for r in self.warm if not r.ok
        ]


def _median_seconds(runs: list[Run]) -> float | None:
    """Median wall time of the runs, None if there are none or one failed."""
    if not runs or not all(r.ok for r in runs):
        return None
    return statistics.median(r.seconds for r in runs)


def find_fjhealth(explicit: str | None) -> list[str]:
    """The fjhealth command: ``--fjhealth PATH``, else on PATH (this interpreter's bin
    first), else ``python -m fjhealth``."""
    if explicit:
        return [explicit]
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("fjhealth", path=search)
    return [found] if found else [sys.executable, "-m", "fjhealth"]


def _git(*args: str) -> str:
    """Output of a git command in the repository, empty if it fails."""
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def snapshot_fjhealth(ref: str, folder: Path) -> tuple[list[str], str]:
    """Export the package at a git ref into ``folder`` and compile it.

    Other work in the same tree would otherwise change the code mid-run, and with it the
    cache's pipeline version, so that "warm" runs silently re-clean everything.

    Returns:
        The command (this interpreter, ``-m fjhealth``), and the ref's short commit.
    """
    commit = _git("rev-parse", "--short", f"{ref}^{{commit}}")
    if not commit:
        raise SystemExit(f"error: {ref!r} is not a commit of {REPO} (use --fjhealth or --live)")
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "fjhealth"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    # Byte-compile once, as an installed package is: every run would otherwise recompile
    # when PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)
    return [sys.executable, "-m", "fjhealth"], commit


# ---------------------------------------------------------------- the benchmark


@dataclass(slots=True)
class Bench:
    """Settings of one benchmark run and the rows measured so far."""

    fjhealth: list[str]
    workdir: Path
    jobs: int | None
    repeat: int
    timeout: float
    floor_hmm: bool
    env: dict[str, str]
    rows: list[Row] = field(default_factory=list)

    @property
    def processes(self) -> int:
        """Processes the default ``--jobs`` uses (the cores), or the explicit ``--jobs``."""
        return self.jobs or os.cpu_count() or 1

    def run_floor(self, size: int, corpus: Path, processes: int) -> Row:
        """Time the jieba segmentation floor on a corpus."""
        row = Row(size, FLOOR, processes)
        argv = [sys.executable, str(FLOOR_SCRIPT), str(corpus), "--jobs", str(processes)]
        if self.floor_hmm:
            argv.append("--hmm")
        for _ in range(self.repeat):
            row.cold.append(self._timed(size, f"{FLOOR} -j{processes}", argv, dict(self.env)))
        self.rows.append(row)
        return row

    def run_command(self, size: int, corpus: Path, command: str, jobs: int | None) -> Row:
        """Time a fjhealth command cold (fresh cache) then warm (same cache), ``repeat`` times."""
        argv = [*self.fjhealth, *COMMANDS[command], "--corpus", str(corpus)]
        if jobs is not None:
            argv += ["--jobs", str(jobs)]
        row = Row(size, command, jobs or self.processes)
        for attempt in range(self.repeat):
            cache = self.workdir / f"cache-{size}-{command}-j{jobs or 'default'}-{attempt}"
            cache.mkdir()
            env = {**self.env, "FJHEALTH_CACHE_DIR": str(cache)}
            label = f"{command} -j{row.jobs}"
            cold = self._timed(size, f"{label} cold", argv, env)
            row.cold.append(cold)
            if cold.ok and jobs in (None, self.jobs):  # the serial comparison is cold only
                row.warm.append(self._timed(size, f"{label} warm", argv, env))
            shutil.rmtree(cache, ignore_errors=True)
        self.rows.append(row)
        return row

    def _timed(self, size: int, label: str, argv: list[str], env: dict[str, str]) -> Run:
        """Measure one run and report it on stderr."""
        load = os.getloadavg()[0]
        run = measure(argv, env, self.timeout, self.workdir)
        result = (
            f"{run.seconds:8.2f} s {run.cpu_seconds:7.1f} s CPU {run.peak_mb:6.0f} MB"
            f"  (load {load:.1f} before, others used {run.others_cpu or 0:.0%} of the CPU)"
        )
        if not run.ok:
            result += f"  FAILED (exit {run.returncode})"
        print(f"[{size:>6}] {label:<26}{result}", file=sys.stderr, flush=True)
        return run


# ---------------------------------------------------------------- reporting


def _fmt(value: float | None, spec: str) -> str:
    """Format a number, or FAILED for a missing one."""
    return "FAILED" if value is None else format(value, spec)


def _ratio(a: float | None, b: float | None) -> float | None:
    """a / b, None if either is missing."""
    return None if a is None or b is None or b == 0 else a / b


def _floor_for(rows: list[Row], size: int, jobs: int) -> float | None:
    """The floor's seconds for a size and process count, if measured."""
    for row in rows:
        if row.command == FLOOR and row.size == size and row.jobs == jobs:
            return row.cold_s()
    return None


def render_table(rows: list[Row]) -> str:
    """The results as a markdown table, one line per (size, command, jobs)."""
    header = (
        "| size | command | jobs | cold s | cold CPU s | warm s | warm/cold | peak MB "
        "| max proc MB | per-article ms cold | per-article ms warm | floor s | cold/floor "
        "| others' CPU |"
    )
    lines = [header, "|---:|:---|" + "---:|" * 12]
    for row in rows:
        cold, warm = row.cold_s(), row.warm_s()
        name = "jieba floor" if row.command == FLOOR else row.command
        floor = None if row.command == FLOOR else _floor_for(rows, row.size, row.jobs)
        cells = [
            f"{row.size:,}",
            name,
            str(row.jobs),
            _fmt(cold, ".2f"),
            _fmt(row.cold_cpu_s(), ".1f"),
            _fmt(warm, ".2f") if row.warm else "-",
            _fmt(_ratio(warm, cold), ".2f") if row.warm else "-",
            _fmt(row.peak_mb(), ".0f"),
            _fmt(row.max_proc_mb(), ".0f"),
            _fmt(_ratio(cold, row.size / 1000), ".2f"),
            _fmt(_ratio(warm, row.size / 1000), ".2f") if row.warm else "-",
            _fmt(floor, ".2f") if row.command != FLOOR else "-",
            _fmt(_ratio(cold, floor), ".2f") if row.command != FLOOR else "-",
            "-" if row.others_cpu() is None else f"{row.others_cpu():.0%}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _times(value: float | None) -> str:
    """A ratio as ``1.23x``, or FAILED."""
    return "FAILED" if value is None else f"{value:.2f}x"


def check_targets(rows: list[Row], processes: int) -> list[str]:
    """The issue's targets at the largest size, each as a PASS/FAIL markdown bullet."""
    sizes = sorted({r.size for r in rows})
    if not sizes:
        return []
    first, top = sizes[0], sizes[-1]
    main = [r for r in rows if r.command != FLOOR and r.jobs == processes]
    at_top = [r for r in main if r.size == top]
    out: list[str] = []

    def verdict(value: float | None, limit: float, text: str) -> None:
        state = "n/a (a run failed)" if value is None else "PASS" if value <= limit else "FAIL"
        out.append(f"- **{state}** {text}")

    for row in (r for r in at_top if r.command == "summarize"):
        ratio = _ratio(row.cold_s(), _floor_for(rows, top, row.jobs))
        floor_cpu = next(
            (f.cold_cpu_s() for f in rows if (f.command, f.size, f.jobs) == (FLOOR, top, row.jobs)),
            None,
        )
        verdict(
            ratio,
            FLOOR_RATIO_TARGET,
            f"cold `summarize --all` at {top:,}: {_times(ratio)} the jieba floor's wall time "
            f"(target <= {FLOOR_RATIO_TARGET}x; CPU time: "
            f"{_times(_ratio(row.cold_cpu_s(), floor_cpu))} the floor's)",
        )
    for row in at_top:
        ratio = _ratio(row.warm_s(), row.cold_s())
        verdict(
            ratio,
            WARM_RATIO_TARGET,
            f"warm `{row.command}` at {top:,}: {_times(ratio)} cold "
            f"(target <= {WARM_RATIO_TARGET}x: as fast as cold or faster)",
        )
    for row in at_top:
        peak = row.peak_mb()
        verdict(
            peak,
            MEMORY_TARGET_MB,
            f"peak memory of `{row.command}` at {top:,}: {_fmt(peak, '.0f')} MB, all its "
            f"processes together (target < {MEMORY_TARGET_MB:.0f} MB)",
        )
    if first == top:
        return out
    for command in dict.fromkeys(r.command for r in main):
        by_size = {r.size: r for r in main if r.command == command}
        if first not in by_size or top not in by_size:
            continue
        for phase, small, large in (
            ("cold", by_size[first].cold_s(), by_size[top].cold_s()),
            ("warm", by_size[first].warm_s(), by_size[top].warm_s()),
        ):
            growth = _ratio(_ratio(large, top), _ratio(small, first))
            verdict(
                growth,
                FLAT_GROWTH_TARGET,
                f"per-article cost of {phase} `{command}`, {top:,} vs {first:,}: "
                f"{_times(growth)} (flat: target <= {FLAT_GROWTH_TARGET}x)",
            )
    return out


def render_failures(rows: list[Row]) -> str:
    """Failed runs with the tail of their stderr, as markdown."""
    parts = []
    for row in rows:
        for phase, run in row.failures():
            tail = run.stderr_tail or "(no stderr)"
            parts.append(
                f"- {row.size:,} `{row.command}` jobs {row.jobs} {phase}: exit "
                f"{run.returncode} after {run.seconds:.1f} s\n\n  ```\n"
                + "\n".join(f"  {line}" for line in tail.splitlines())
                + "\n  ```"
            )
    return "\n".join(parts)


def describe_machine() -> str:
    """nproc, CPU, memory, OS and Python of this machine, on one line."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        cpu = names[0] if names else cpu
        with open("/proc/meminfo", encoding="utf-8") as f:
            memory = f", {int(f.readline().split()[1]) / 2**20:.1f} GiB RAM"
    except OSError:
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def describe_fjhealth(command: list[str], snapshot: str | None) -> str:
    """Which fjhealth ran: the command and the commit (flagged if the tree was modified)."""
    if snapshot:
        return f"`{shlex.join(command)}` on a snapshot of commit {snapshot}"
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--", "fjhealth", "pyproject.toml")
    state = f" plus uncommitted changes (files: {len(dirty.splitlines())})" if dirty else ""
    return f"`{shlex.join(command)}` (live tree) at commit {commit}{state}"


def write_report(
    path: Path, body: str, command_line: str, machine: str, fjhealth: str, extra: str
) -> None:
    """Write the results markdown: how it was produced, on what, then the tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    path.write_text(
        f"# Scale benchmark results\n\n"
        f"Produced by `{command_line}` on {when}.\n\n"
        f"- Machine: {machine}\n- fjhealth: {fjhealth}\n{extra}\n\n{body}\n",
        encoding="utf-8",
    )


def plot(rows: list[Row], path: Path, title: str, footer: str) -> None:
    """Per-article wall and CPU cost (ms) against corpus size: each command cold and warm,
    and the floor."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colors = {"summarize": "C0", "keywords": "C1", "list": "C2", FLOOR: "black"}
    widest = max(r.jobs for r in rows)
    sizes = sorted({r.size for r in rows})
    fig, axes = plt.subplots(1, 2, figsize=(12, 5.2), sharex=True)
    for ax, measure_name in zip(axes, ("wall", "CPU"), strict=True):
        series: dict[tuple[str, str, int], list[tuple[int, float]]] = {}
        for row in rows:
            for phase, runs in (("cold", row.cold), ("warm", row.warm)):
                seconds = _median_seconds(runs)
                if seconds is None:
                    continue
                if measure_name == "CPU":
                    seconds = statistics.median(r.cpu_seconds for r in runs)
                key = (row.command, phase, row.jobs)
                series.setdefault(key, []).append((row.size, seconds / row.size * 1000))
        for (command, phase, jobs), points in sorted(series.items(), key=lambda kv: -kv[0][2]):
            xs, ys = zip(*sorted(points), strict=True)
            name = "jieba floor (segmentation alone)" if command == FLOOR else f"{command} {phase}"
            ax.plot(
                xs,
                ys,
                marker="s" if phase == "warm" else "o" if jobs == widest else "^",
                linestyle="--" if phase == "warm" else "-" if jobs == widest else ":",
                color=colors.get(command, "C3"),
                label=f"{name}, {jobs} process{'es' if jobs > 1 else ''}",
            )
        ax.set_xscale("log")
        ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
        ax.minorticks_off()
        ax.set_xlabel("corpus size (articles)")
        ax.set_ylabel(f"{measure_name} time per article (ms)")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
    axes[0].set_title("wall clock (whole process)", fontsize=10)
    axes[1].set_title("CPU, all processes (robust to other load)", fontsize=10)
    axes[1].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.suptitle(title, fontsize=11)
    fig.text(0.01, 0.01, footer, fontsize=7, color="dimgray")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=(
            f"Data: --data-dir, else ${DATA_ENV}, else {DEFAULT_DATA_DIR} "
            "(exits 0 with 'skipped' when missing). Targets are reported, not asserted."
        ),
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated corpus sizes in articles (default: %(default)s)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: sizes {','.join(map(str, QUICK_SIZES))}; writes no results or plot "
        "unless --results/--plot are given",
    )
    parser.add_argument(
        "--jobs", type=int, help="pass --jobs N to fjhealth (default: its own default, the cores)"
    )
    parser.add_argument(
        "--no-serial",
        action="store_true",
        help="skip the --jobs 1 cold summarize (and 1-process floor) at the largest size",
    )
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help="comma-separated subset of %(default)s",
    )
    parser.add_argument(
        "--floor-hmm", action="store_true", help="floor with jieba's HMM on (fjhealth cuts without)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; median")
    parser.add_argument(
        "--ref",
        default="HEAD",
        help="git ref whose fjhealth/ is exported and measured (default: %(default)s; "
        "uncommitted changes are not measured)",
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="measure the installed fjhealth as it is (found on PATH, else python -m fjhealth) "
        "instead of a snapshot; warm runs are wrong if its code changes mid-run",
    )
    parser.add_argument("--fjhealth", help="fjhealth executable to measure (implies --live)")
    parser.add_argument("--data-dir", type=Path, help="folder with " + " and ".join(DATA_FILES))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus RNG seed")
    parser.add_argument(
        "--workdir", type=Path, help="make the run's folder of corpora and caches in here"
    )
    parser.add_argument("--keep", action="store_true", help="keep the corpora and caches")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument("--results", type=Path, help=f"markdown out (default {DEFAULT_RESULTS})")
    parser.add_argument("--plot", type=Path, help=f"PNG out (default {DEFAULT_PLOT})")
    parser.add_argument("--no-plot", action="store_true", help="do not draw the plot")
    args = parser.parse_args(argv)
    try:
        sizes = QUICK_SIZES if args.quick else tuple(int(s) for s in args.sizes.split(","))
    except ValueError:
        parser.error(f"--sizes: expected comma-separated integers, got {args.sizes!r}")
    if any(s <= 0 for s in sizes):
        parser.error("--sizes must be positive")
    args.sizes = sorted(set(sizes))
    args.commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    if unknown := set(args.commands) - set(COMMANDS):
        parser.error(f"--commands: unknown {', '.join(sorted(unknown))}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.quick:
        args.results = args.results or DEFAULT_RESULTS
        args.plot = args.plot or DEFAULT_PLOT
    if args.no_plot:
        args.plot = None
    return args


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, measure, print and write the report; 0 unless the setup fails."""
    args = parse_args(argv)
    # On SIGTERM, unwind like Ctrl-C: kill the measured process, remove the work folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    data_dir = args.data_dir or Path(os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR)
    if not all((data_dir / name).is_file() for name in DATA_FILES):
        print(f"skipped: data not found ({', '.join(DATA_FILES)} in {data_dir})")
        return 0
    command_line = shlex.join(
        ["python", "benchmarks/scale.py", *(sys.argv[1:] if argv is None else argv)]
    )
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="fjhealth-scale-", dir=args.workdir))
    env = dict(os.environ)
    snapshot = None
    load_start = os.getloadavg()[0]
    try:
        if args.fjhealth or args.live:
            fjhealth = find_fjhealth(args.fjhealth)
        else:
            fjhealth, snapshot = snapshot_fjhealth(args.ref, workdir / "src")
            src = [str(workdir / "src"), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(filter(None, src))
        fj_before = describe_fjhealth(fjhealth, snapshot)
        bench = Bench(fjhealth, workdir, args.jobs, args.repeat, args.timeout, args.floor_hmm, env)
        corpora, described = _build_corpora(args.sizes, data_dir, args.seed, workdir)
        for size in args.sizes:
            corpus = corpora[size]
            bench.run_floor(size, corpus, bench.processes)
            for command in args.commands:
                bench.run_command(size, corpus, command, args.jobs)
        top = args.sizes[-1]
        if not args.no_serial and "summarize" in args.commands and bench.processes > 1:
            bench.run_floor(top, corpora[top], 1)
            bench.run_command(top, corpora[top], "summarize", 1)
    finally:
        if args.keep:
            print(f"kept corpora and caches in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    machine = describe_machine()
    rows = sorted(bench.rows, key=lambda r: (r.size, r.command == FLOOR, r.command, -r.jobs))
    body = _report_body(rows, bench.processes, described, args.repeat, args.floor_hmm)
    print(body)
    fj = describe_fjhealth(fjhealth, snapshot)
    if fj != fj_before:  # someone committed or edited fjhealth while it was measured
        fj = f"{fj_before} at the start, {fj} at the end"
    extra = (
        f"- Corpus seed: {args.seed}\n- Load average (1 min): {load_start:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end"
    )
    if args.results:
        write_report(args.results, body, command_line, machine, fj, extra)
        print(f"wrote {args.results}", file=sys.stderr)
    if args.plot:
        title = f"fjhealth: cost per article vs corpus size ({machine.split(',')[0]})"
        plot(rows, args.plot, title, f"{command_line}; fjhealth {fj}".replace("`", ""))
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _build_corpora(
    sizes: list[int], data_dir: Path, seed: int, workdir: Path
) -> tuple[dict[int, Path], list[str]]:
    """Write one folder per size (smaller corpora are prefixes of the largest).

    Returns:
        The folder per size, and a line describing each corpus.
    """
    sources = load_sources(data_dir, REPO / "seeds")
    pages = list(generate_pages(sources, max(sizes), seed))
    folders, described = {}, []
    for size in sizes:
        folder = workdir / f"corpus-{size}"
        layouts = write_corpus(iter(pages[:size]), folder)
        chars = sum(len(p.text) for p in pages[:size])
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(layouts.items()))
        described.append(f"{size:,} articles: {chars:,} characters; layouts {kinds}")
        print(f"[{size:>6}] corpus: {described[-1]}", file=sys.stderr)
        folders[size] = folder
    return folders, described


def _report_body(
    rows: list[Row], processes: int, corpora: list[str], repeat: int, floor_hmm: bool
) -> str:
    """Corpora, table, targets, how it was measured and any failures, as markdown."""
    corpus = "\n".join(f"- {line}" for line in corpora)
    targets = "\n".join(check_targets(rows, processes))
    hmm = "on (`--floor-hmm`)" if floor_hmm else "off, as fjhealth cuts"
    notes = f"""\
- Times: the whole process, interpreter start to exit, stdout to /dev/null; median of
  {repeat} run(s). CPU s: user + system of the process and its workers.
- Cold: a fresh, empty `FJHEALTH_CACHE_DIR` (so it also builds jieba's dictionary cache,
  which fjhealth keeps there); warm: the same cache dir, second run.
- jobs: fjhealth's default `--jobs` (one worker per core) unless 1.
- Floor: `benchmarks/jieba_floor.py` reads every file, then `jieba.lcut`s each in a Pool of
  that many processes (HMM {hmm}), each worker loading jieba's dictionary from jieba's own
  cache; cold/floor divides wall times.
- Peak MB: sampled (every {SAMPLE_SECONDS} s) peak of the summed PSS of the process and all
  its workers; max proc MB: peak RSS of the largest single process.
- Per-article ms: wall time / articles (files) x 1000.
- Others' CPU: the largest share of all cores that other processes on the machine used
  during the row's runs (busy time from /proc/stat minus the run's own CPU time). Where it
  is high, the wall times are inflated by contention, not by fjhealth."""
    shares = [r.others_cpu() for r in rows if r.others_cpu() is not None]
    if shares and max(shares) > NOISY_SHARE:
        corpus += (
            f"\n\n> **Noisy machine:** other processes used up to {max(shares):.0%} of the CPU "
            "during these runs (last column), inflating wall times unevenly; the CPU-time "
            "columns and ratios are the steadier comparison."
        )
    body = f"{corpus}\n\n{render_table(rows)}\n\n## Targets\n\n{targets}\n\n## Method\n\n{notes}\n"
    if failures := render_failures(rows):
        body += f"\n## Failures\n\n{failures}\n"
    return body


if __name__ == "__main__":
    sys.exit(main())
