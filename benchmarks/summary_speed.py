"""Per-article time of fjhealth's default summary method against SnowNLP's summary, same run.

    python benchmarks/summary_speed.py [--limit N] [--sentences K] [--seed-repeat R] [DATA ...]

For the seed corpus and each data set (default: ../shared/data/summ_dev*.jsonl, skipped when
absent), every article is cleaned once, then summarized by ``summarize`` (method "rank") and
by ``SnowNLP(body).summary(K)``, alternately article by article so both see the same machine
load; the seven seed articles are timed ``--seed-repeat`` times (default 5) to steady the figure.
Loading the dictionary (rjieba's, or jieba's for ``FJHEALTH_SEGMENTER=python``) and the IDF
table, and importing snownlp, happen before timing. Times are CPU
seconds of this process (``time.process_time``), less disturbed by other processes than wall
time; wall-clock totals are printed too. Prints a markdown table with the speed ratio.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

from fjhealth.clean import clean_text
from fjhealth.models import Article, SummaryOptions

# The module, not the function ``fjhealth.summarize`` that the package exports under its name.
S = importlib.import_module("fjhealth.summarize")
segment = importlib.import_module("fjhealth.segment")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DEFAULT_SETS = [DATA / "summ_dev.jsonl", DATA / "summ_dev_lcsts.jsonl"]


def seed_articles() -> list[Article]:
    """Cleaned articles of the embedded seed corpus."""
    out: list[Article] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out += clean_text(path.read_text(encoding="utf-8-sig"), path.name[:3])
    return out


def data_articles(path: Path, limit: int) -> list[Article]:
    """First cleaned article of each record of a JSON Lines data set."""
    out: list[Article] = []
    for line in path.open(encoding="utf-8"):
        if line.strip():
            out.append(clean_text(json.loads(line)["article"] + "\n", str(len(out)))[0])
            if limit and len(out) >= limit:
                break
    return out


def measure(articles: list[Article], k: int) -> dict[str, float]:
    """CPU and wall seconds per article for both methods, interleaved article by article."""
    from snownlp import SnowNLP

    options = SummaryOptions(sentences=k)
    cpu = {"rank": 0.0, "snownlp": 0.0}
    wall = {"rank": 0.0, "snownlp": 0.0}
    timed = 0
    for article in articles:
        if len(S.summarize(article, SummaryOptions(method="lead", sentences=2)).sentences) < 2:
            continue  # snownlp cannot rank fewer than two sentences
        c, w = time.process_time(), time.perf_counter()
        S.summarize(article, options)
        cpu["rank"] += time.process_time() - c
        wall["rank"] += time.perf_counter() - w
        c, w = time.process_time(), time.perf_counter()
        SnowNLP(article.body).summary(k)
        cpu["snownlp"] += time.process_time() - c
        wall["snownlp"] += time.perf_counter() - w
        timed += 1
    n = max(timed, 1)
    return {
        "articles": timed,
        "rank_ms": 1000 * cpu["rank"] / n,
        "snownlp_ms": 1000 * cpu["snownlp"] / n,
        "ratio": cpu["snownlp"] / cpu["rank"] if cpu["rank"] else float("inf"),
        "wall_ratio": wall["snownlp"] / wall["rank"] if wall["rank"] else float("inf"),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--limit", type=int, default=0, help="articles per data set (0: all)")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--seed-repeat", type=int, default=5, help="rounds over the seeds")
    args = parser.parse_args(argv)

    segment.preload()  # the dictionary and the whole IDF table, outside the timings
    print(f"segmenter: {segment.backend()}", file=sys.stderr)
    importlib.import_module("snownlp")
    sets = [(f"seeds (x{args.seed_repeat})", seed_articles() * args.seed_repeat)]
    for path in args.data:
        if path.exists():
            sets.append((path.name, data_articles(path, args.limit)))
        else:
            print(f"{path}: absent, skipped", file=sys.stderr)

    print(f"{args.sentences} sentence(s); CPU ms per article; ratio = snownlp / fjhealth rank")
    print("| corpus | articles | fjhealth rank ms | SnowNLP summary ms | ratio (CPU) "
          "| ratio (wall) |")
    print("|---|---|---|---|---|---|")
    for name, articles in sets:
        m = measure(articles, args.sentences)
        print(
            f"| {name} | {m['articles']} | {m['rank_ms']:.2f} | {m['snownlp_ms']:.1f} "
            f"| {m['ratio']:.0f}x | {m['wall_ratio']:.0f}x |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
