"""Fit the column cleaner's layout thresholds (fjhealth/data/column.json) on the e-paper dev pages.

    python benchmarks/fit_columns.py [--rounds 1] [--write] [--jobs 2]

Coordinate descent: each threshold in turn is set to every value of its grid, all dev pages of
every extractor are cleaned and scored (as ``epaper_quality.py`` does), and the value with the
best objective is kept; a value that changes a seed's golden output is never taken.
Objective: mean paragraph-break F1 + mean title accuracy - 0.1 x mean mid-sentence breaks,
over all pages of all extractors (no sentence broken mid-way is a target of its own: a break
costs a tenth of a page's F1). ``--write`` stores the
result in fjhealth/data/column.json (the values are data; the code reads them at first use).
Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import epaper_quality as Q  # noqa: E402

import fjhealth.column_lines as C  # noqa: E402

DATA_FILE = Q.ROOT / "fjhealth" / "data" / "column.json"
GRID = {
    "full_tol": [0.5, 1.0, 1.5, 2.0],
    "short": [1.5, 2.0, 2.5, 3.0, 3.5, 4.0],
    "block_short": [1.0, 1.5, 2.0, 2.5, 3.0],
    "indent_lo": [0.5, 1.0, 1.5, 2.0],
    "indent_hi": [2.5, 3.0, 3.5, 4.0],
    "indent_first": [1.5, 2.0, 2.5, 3.0],
    "wide": [2.0, 2.5, 3.5, 4.5],
    "frag_width": [0.5, 0.6, 0.7],
    "frag_share": [0.1, 0.15, 0.2],
    "lead_agreement": [0.1, 0.12, 0.15, 0.18, 0.2, 0.3],
    "pair_agreement": [0.1, 0.15, 0.25],
    "pair_ratio": [0.0, 0.3, 0.5, 0.7],
    "own_bonus": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
    "title_max": [24, 30, 40],
    "cut_tol": [0.5, 1.0, 1.5, 2.0],
    "cut_slack": [0.5, 1.0, 1.5],
    "cut_over_cost": [1.0, 2.0, 3.0],
    "cut_end_cost": [0.2, 0.5, 1.0],
    "cut_first_cost": [0.2, 0.5, 1.0],
    # (6 chains are too few to find the column width near the top of a page: the cut pages of
    # tests/test_columns.py lose their dateline line with it)
    "cut_window": [12, 24],
    "tail_short": [5, 6, 7, 8, 9],
    "stack_ratio": [0.25, 0.5, 0.75],
    "cut_loose": [0.25, 0.34, 0.5, 1.01],
}
MID_WEIGHT = 0.1
SEEDS = Q.ROOT / "seeds"
GOLDEN = Q.ROOT / "tests" / "golden" / "clean"


def _use(values: dict[str, float]) -> None:
    """Pool initializer: the worker's cleaner reads these thresholds."""
    C.params = lambda: values  # type: ignore[assignment]


def seeds_hold(values: dict[str, float]) -> bool:
    """True when the seed pages' cleaned articles still match their hand-checked goldens."""
    sys.path.insert(0, str(Q.ROOT / "tests"))
    from test_clean import clean_file, dump

    _use(values)
    return all(dump(clean_file(p)) == (GOLDEN / f"{p.name[:3]}.out.txt").read_text("utf-8")
               for p in sorted(SEEDS.glob("*.txt")))


def evaluate(values: dict[str, float], tasks: list[tuple[str, str, str]], jobs: int) -> float:
    if not seeds_hold(values):
        return float("-inf")  # the seeds' goldens are a constraint, not a trade-off
    with ProcessPoolExecutor(jobs, initializer=_use, initargs=(values,)) as pool:
        rows = list(pool.map(Q.score_page, tasks, chunksize=4))
    return (Q.mean(rows, "boundary_f1") + Q.mean(rows, "title")
            - MID_WEIGHT * Q.mean(rows, "midsentence_breaks"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Q.DATA)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "score_clean.py").is_file():
        print(f"skipped: no e-paper dev data at {args.data}")
        return 0
    tasks = [(str(args.data), ex, str(p)) for ex in Q.EXTRACTORS
             for p in sorted((args.data / ex).glob("*.txt"))]
    doc = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    values = {k: float(v) for k, v in doc["params"].items()}
    best = evaluate(values, tasks, args.jobs)
    print(f"start {best:.4f}", flush=True)
    for _ in range(args.rounds):
        for name, grid in GRID.items():
            for v in grid:
                if v == values[name]:
                    continue
                trial = {**values, name: v}
                score = evaluate(trial, tasks, args.jobs)
                print(f"{name}={v}: {score:.4f}", flush=True)
                if score > best + 1e-4:
                    best, values = score, trial
            print(f"-> {name}={values[name]} ({best:.4f})", flush=True)
    print(json.dumps(values))
    if args.write:
        doc["params"] = {k: (int(v) if v == int(v) else v) for k, v in values.items()}
        DATA_FILE.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
