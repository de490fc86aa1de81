"""In-process summary quality harness: clean + summarize each dev article, score with eval_summ.

Mirrors what ``eval_summ.py --fjhealth`` measures (each article written as one corpus page,
cleaned, the first article of the page summarized) without a process per run, so parameters
can be tried quickly. Scoring functions are imported from the shared eval tool.

    python benchmarks/tune_summary.py [DATA.jsonl ...] [--sentences K] [--method rank]
        [--set NAME=VALUE ...]   # override a constant of fjhealth.summarize, .sentence_quality
                                 # or .sentence_graph

Prints one line per data set: R1 R2 RL (F1 x100) and the per-article time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

from fjhealth.clean import clean_text
from fjhealth.models import SummaryOptions

# The module, not the function ``fjhealth.summarize`` that the package exports under its name.
S = importlib.import_module("fjhealth.summarize")
G = importlib.import_module("fjhealth.sentence_graph")  # the graph and MMR parameters
Q = importlib.import_module("fjhealth.sentence_quality")  # quality and length prior

EVAL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "eval_summ.py"
DATA = EVAL.parents[1] / "data"
DEFAULT_SETS = [DATA / "summ_dev.jsonl", DATA / "summ_dev_lcsts.jsonl"]


def load_eval():
    """The shared eval tool as a module (for its ROUGE functions)."""
    spec = importlib.util.spec_from_file_location("eval_summ", EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_articles(path: Path) -> list[tuple[object, str]]:
    """(first cleaned article of the page, reference) per record, as the CLI would see it."""
    out = []
    for line in path.open(encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            out.append((clean_text(rec["article"] + "\n", "0000")[0], rec["summary"]))
    return out


def evaluate(ev, pairs, options: SummaryOptions) -> tuple[float, float, float, float]:
    """Mean R1, R2, RL (x100) and seconds per article."""
    totals = [0.0, 0.0, 0.0]
    t = time.perf_counter()
    for article, ref in pairs:
        text = S.summarize(article, options).text
        for k, v in enumerate(ev.scores(text, ref)):
            totals[k] += v
    secs = (time.perf_counter() - t) / len(pairs)
    return (*(100 * v / len(pairs) for v in totals), secs)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--sentences", type=int, default=1)
    parser.add_argument("--method", default="rank")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    for item in args.set:
        name, _, value = item.partition("=")
        module = next((m for m in (S, Q) if hasattr(m, name)), G)
        setattr(module, name, type(getattr(module, name))(value))
    ev = load_eval()
    options = SummaryOptions(sentences=args.sentences, method=args.method)
    for path in args.data:
        if not path.exists():
            print(f"{path}: absent, skipped")
            continue
        r1, r2, rl, secs = evaluate(ev, load_articles(path), options)
        print(f"{path.name}: R1 {r1:.2f} R2 {r2:.2f} RL {rl:.2f}  {1000 * secs:.1f} ms/article")


if __name__ == "__main__":
    main(sys.argv[1:])
