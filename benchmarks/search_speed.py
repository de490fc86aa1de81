"""Search speed: index build against a cold summarize, warm queries, command start-up, dedupe.

On a corpus of N pages made by ``build_corpus.py`` (default 10,000), with a private cache:
1. ``fjhealth summarize --all`` cold (empty cache): wall and CPU seconds of the process tree;
2. the first ``fjhealth search`` after it, which builds the index from the cached pages and
   tokens: its extra wall and CPU seconds over a warm search, as a share of (1);
3. warm queries inside one process (index open, jieba loaded): median and worst milliseconds
   over a fixed list of queries, three rounds;
4. near-duplicate grouping of every article in-process (fingerprints and grouping).
And on the seed corpus, warm: start-up of ``fjhealth search 医共体`` against ``fjhealth list``
in instructions (valgrind's cachegrind, which unlike seconds does not depend on the machine's
load) when valgrind is installed, and in CPU seconds (median of 5 runs) always.

The package is first exported from a git ref (default HEAD) into a temporary folder, which the
measured processes and this one import: other work in the tree would otherwise change the code,
hence the cache's pipeline version, in the middle of a run. In-process times are CPU seconds of
this process (``time.process_time``), since the machine may be shared; wall times are given too.

Steps 1-2 are repeated ``--runs`` times, each from an empty cache, and the index build's share
is reported per run and as its spread (the machine may be shared: one run is not a figure).

Run: ``python benchmarks/search_speed.py [--size 10000] [--runs 3] [--ref HEAD] [--write]``.
Skips without ../shared/data.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "search_speed.md"
QUERIES = (
    "医共体", "分级诊疗", "医保 支付", "家庭医生 签约", "\"县域医共体\"", "公立医院 改革",
    "新年 讲话", "农业 生产", "经济 增长 香港", "基层 医疗 服务", "药品 集中采购",
    "医联体 OR 医共体", "改革 -医保", "江泽民", "亚洲 金融危机", "扶贫", "春节 慰问",
    "人才 培养", "科技 创新", "环境 保护",
)


def fjhealth_cmd() -> list[str]:
    return [sys.executable, "-m", "fjhealth"]


def snapshot(ref: str, folder: Path) -> str:
    """Export the package at ``ref`` (and the seed pages, its default corpus) into ``folder``;
    returns the short commit."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref],
                            capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit,
                              "fjhealth", "seeds"], capture_output=True, check=True).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)
    return commit


# Where the measured commands run: not the repository, whose ``fjhealth`` folder ``python -m``
# would import (the current folder comes before $PYTHONPATH) instead of the exported one; a
# file saved in the tree mid-run then changed the cache's pipeline version between two steps,
# and the second redid all the work (seen twice: a "first search" of 42-49 s CPU).
RUN_DIR: list[str | None] = [None]


def check_snapshot(package: Path, env: dict[str, str]) -> None:
    """Stop unless the measured commands import the exported package."""
    where = subprocess.run([sys.executable, "-c", "import fjhealth; print(fjhealth.__file__)"],
                           env=env, cwd=RUN_DIR[0], capture_output=True, text=True, check=True)
    if not Path(where.stdout.strip()).resolve().is_relative_to(package.resolve()):
        raise SystemExit(f"the measured commands would import {where.stdout.strip()}")


# What the measured commands said on stderr (warnings), shown under the report: a run that
# redid work it should have found cached says why there.
NOTES: list[str] = []


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=RUN_DIR[0], check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, errors="replace")
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    said = [line for line in done.stderr.splitlines() if line.strip()]
    if said:
        NOTES.append(f"`{' '.join(Path(a).name for a in argv[2:4])}` said: {said[-1][:200]}"
                     + (f" (and {len(said) - 1} more lines)" if len(said) > 1 else ""))
    return wall, cpu


def instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions executed by a process (valgrind cachegrind), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no",
             f"--cachegrind-out-file={tmp}/cg.out", *argv],
            env=env, cwd=RUN_DIR[0], capture_output=True, text=True, check=False,
        )
    m = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    return int(m.group(1).replace(",", "")) if m else None


def startup(env: dict[str, str]) -> list[str]:
    """search against list on the seeds, both warm."""
    cmd = fjhealth_cmd()
    runs = {"list": [*cmd, "list"], "search": [*cmd, "search", "医共体"]}
    for argv in runs.values():
        timed(argv, env)  # warm the page cache and the index
    lines = ["| command (seeds, warm) | CPU s (median of 5) | ratio | instructions | ratio |",
             "|---|---|---|---|---|"]
    base_cpu = base_ins = None
    for argv in runs.values():
        cpu = statistics.median(timed(argv, env)[1] for _ in range(5))
        ins = instructions(argv, env)
        base_cpu = base_cpu or cpu
        base_ins = base_ins or ins
        ratio_ins = f"{ins / base_ins:.2f}×" if ins and base_ins else "—"
        ins_text = f"{ins / 1e6:.0f} M" if ins else "—"
        lines.append(f"| `fjhealth {' '.join(argv[len(cmd):])}` | {cpu:.3f} |"
                     f" {cpu / base_cpu:.2f}× | {ins_text} | {ratio_ins} |")
    return lines


def cold_run(corpus: Path, cache_dir: Path, env: dict[str, str]) -> list[tuple[float, float]]:
    """Wall and CPU seconds of a cold ``summarize --all`` (from an empty cache), the first
    ``search`` after it and a second, warm one."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    env = {**env, "FJHEALTH_CACHE_DIR": str(cache_dir)}
    cmd = fjhealth_cmd()
    runs = [["summarize", "--all"], ["search", "医共体"], ["search", "医共体"]]
    got = [timed([*cmd, *argv, "--corpus", str(corpus)], env) for argv in runs]
    if got[2][1] > max(0.5 * got[1][1], 1.0):  # a warm search is ~0.3 s at 10,000 pages
        NOTES.append("Warning: a warm search cost over half the first one: the index or the"
                     " page cache was not reused.")
    return got


def warm_queries(corpus: Path, cache_dir: Path) -> tuple[float, float, float, float]:
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.search import SearchOptions, search
    from fjhealth.search_index import SearchIndex, corpus_scope, update_index

    cache = PageCache(cache_dir)
    index = SearchIndex(cache)
    scope = corpus_scope(corpus)
    update_index(index, scope, find_files(corpus))
    search(index, scope, "医院")  # opens the index
    cpu, wall = [], []
    for _ in range(3):
        for q in QUERIES:
            t0, c0 = time.perf_counter(), time.process_time()
            search(index, scope, q, SearchOptions(limit=10))
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - t0) * 1000)
    cache.close()
    return statistics.median(cpu), max(cpu), statistics.median(wall), max(wall)


def dedupe_time(corpus: Path, cache_dir: Path) -> tuple[int, float, int]:
    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.dedupe import find_duplicates, fingerprint

    cache = PageCache(cache_dir)
    articles = [a for r in run_corpus(find_files(corpus), ArticlesTask(), cache=cache)
                for a in r.result or ()]
    cache.close()
    c0 = time.process_time()
    groups = find_duplicates((a.id, fingerprint(a)) for a in articles)
    return len(articles), time.process_time() - c0, len(groups)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=1,
                        help="cold summarize + index builds to measure, each from an empty cache")
    parser.add_argument("--ref", default="HEAD", help="git ref of the fjhealth to measure")
    parser.add_argument("--base", help="git ref to measure beside it in every run (before/after)")
    parser.add_argument("--build-only", action="store_true",
                        help="stop after the cold runs (no warm queries, dedupe, start-up)")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.name}")
    args = parser.parse_args(argv)
    if not (DATA / "summ_dev.jsonl").exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from build_corpus import DEFAULT_SEED, generate_pages, load_sources, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "package"
        commit = snapshot(args.ref, package)
        RUN_DIR[0] = tmp
        sys.path.insert(0, str(package))
        python_path = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(package), *filter(None, [python_path])])
        lines = [f"fjhealth {commit}; load average at start {os.getloadavg()[0]:.1f} on"
                 f" {os.cpu_count()} cores.", ""]
        corpus, cache_dir = Path(tmp) / "corpus", Path(tmp) / "cache"
        write_corpus(generate_pages(load_sources(DATA, ROOT / "seeds"), args.size, DEFAULT_SEED),
                     corpus)
        lines += [f"Corpus: {args.size} pages (build_corpus.py, seed {DEFAULT_SEED}).", "",
                  "| run | fjhealth | `summarize --all`, cold: wall s / CPU s | first `search`"
                  " (builds the index) | second `search` (warm) | first − second search: wall,"
                  " CPU | paid for the index, wall | paid for the index, CPU |",
                  "|---|---|---|---|---|---|---|---|"]
        check_snapshot(package, dict(os.environ))
        refs = {commit: {**os.environ}}
        if args.base:
            base_package = Path(tmp) / "base-package"
            base = snapshot(args.base, base_package)
            refs[base] = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(base_package), *filter(None, [python_path])])}
            check_snapshot(base_package, refs[base])
        paid: dict[str, list[tuple[float, float]]] = {ref: [] for ref in refs}
        for run in range(1, args.runs + 1):
            order = list(refs)[::-1] if run % 2 else list(refs)  # the base first in odd runs
            got = {ref: cold_run(corpus, cache_dir / ref, refs[ref]) for ref in order}
            base_s = got[list(refs)[-1]][0]  # the base's summarize (the ref's own without one)
            for ref in refs:
                (s_wall, s_cpu), (i_wall, i_cpu), (w_wall, w_cpu) = got[ref]
                # What a user pays for `search` to work on top of a cold summarize as it was:
                # the summarize's own growth (an index built in it) and the first search's.
                wall = s_wall - base_s[0] + i_wall - w_wall
                cpu = s_cpu - base_s[1] + i_cpu - w_cpu
                paid[ref].append((wall / base_s[0], cpu / base_s[1]))
                lines.append(
                    f"| {run} | {ref} | {s_wall:.1f} / {s_cpu:.1f} | {i_wall:.1f} / {i_cpu:.1f} |"
                    f" {w_wall:.2f} / {w_cpu:.2f} | {i_wall - w_wall:.1f} s, {i_cpu - w_cpu:.1f} s"
                    f" | {wall:.1f} s ({wall / base_s[0]:.1%}) | {cpu:.1f} s"
                    f" ({cpu / base_s[1]:.1%}) |")
        lines.append("")
        base_name = list(refs)[-1]
        for ref, shares in paid.items():
            walls, cpus = [w for w, _ in shares], [c for _, c in shares]
            lines.append(
                f"{ref}: paid for the index (its summarize − {base_name}'s, plus first − warm"
                f" search), as a share of {base_name}'s cold summarize in the same run, over"
                f" {len(shares)} run(s): CPU {min(cpus):.1%} – {max(cpus):.1%} (median"
                f" {statistics.median(cpus):.1%}), wall {min(walls):.1%} – {max(walls):.1%}"
                f" (median {statistics.median(walls):.1%}).")
        cache_dir = cache_dir / commit
        lines += [
            f"Index size: {sum(p.stat().st_size for p in cache_dir.glob('*sqlite3*')) / 1e6:.0f} MB"
            " of cache file in all (pages, tokens, summaries and the index).",
        ]
        if args.build_only:
            print("\n".join([*lines, *(["", *NOTES] if NOTES else [])]))
            return 0
        median, worst, wall_median, wall_worst = warm_queries(corpus, cache_dir)
        lines.append(f"Warm queries in-process ({len(QUERIES)} queries × 3): CPU median"
                     f" {median:.1f} ms, worst {worst:.1f} ms (wall {wall_median:.1f} /"
                     f" {wall_worst:.1f} ms).")
        n, secs, groups = dedupe_time(corpus, cache_dir)
        lines.append(f"Near-duplicates of {n} articles: {secs:.2f} s CPU in-process"
                     f" ({groups} groups among these recombined pages).")
        lines.append("")
        seeds_env = {**os.environ, "FJHEALTH_CACHE_DIR": str(Path(tmp) / "seeds-cache")}
        lines += startup(seeds_env)
        lines += ["", *NOTES] if NOTES else []
    report = "\n".join(lines)
    print(report)
    if args.write:
        RESULTS.write_text("# Search speed (benchmarks/search_speed.py)\n\n" + report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
