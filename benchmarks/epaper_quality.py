"""E-paper cleaning quality: every dev page of every extractor, cleaned and scored against gold.

    python benchmarks/epaper_quality.py [--data DIR] [--extractor NAME ...] [--pages 000,005]
        [--per-page] [--show NNN]

Reads ``../shared/data/epaper_dev`` (relative to the repo root): one folder of pages per PDF
extractor (pdftotext, raw, fitz, fitzblocks, pdfminer), gold in ``<extractor>/gold/NNN.json``
and the shared scorer ``score_clean.py`` (imported from there, never copied). Each page is read
and cleaned in-process (``fjhealth.corpus.read_page`` + ``fjhealth.clean.split_articles``) and
its articles rendered as plain text: title, subtitles, body blocks (paragraphs and section
heads) one per line, captions. Metadata lines (bylines) are left out: the scorer treats them as
neutral, so a dateline or sentence wrongly taken for metadata shows up as lost content.

Prints per extractor and overall the means of content_recall, boundary_f1 (paragraph breaks),
layout_spaces, midsentence_breaks, boilerplate_leak, and title accuracy: a page counts as
right when every gold article's title (NFKC, letters and digits only) is the title of one of
the cleaned articles. Exits 0 with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "epaper_dev"
EXTRACTORS = ("pdftotext", "raw", "fitz", "fitzblocks", "pdfminer")
FIGURES = ("content_recall", "boundary_f1", "layout_spaces", "midsentence_breaks",
           "boilerplate_leak", "title")


@cache
def load_scorer(data: Path):
    """The shared scorer as a module (it imports ``textutil`` from its own folder)."""
    sys.path.insert(0, str(data))
    spec = importlib.util.spec_from_file_location("score_clean", data / "score_clean.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def norm(title: str) -> str:
    """A title compared by its letters and digits only, after NFKC."""
    return "".join(c for c in unicodedata.normalize("NFKC", title or "") if c.isalnum())


def render(articles) -> str:
    """The cleaned articles as the scorer's candidate text: one unit a line."""
    lines: list[str] = []
    for a in articles:
        lines += [a.title, *a.subtitles, *(b.text for b in a.blocks), *a.captions]
    return "\n".join(x for x in lines if x) + "\n"


def clean_page(path: Path):
    from fjhealth.clean import split_articles
    from fjhealth.corpus import read_page

    return split_articles(read_page(path))


def score_page(args: tuple[str, str, str]) -> dict:
    """Figures for one page of one extractor."""
    data, extractor, path = Path(args[0]), args[1], Path(args[2])
    scorer = load_scorer(data)
    gold = scorer.load_gold(str(data / extractor / "gold" / f"{path.name[:3]}.json"))
    articles = clean_page(path)
    figures, details = scorer.score(gold, render(articles))
    found = {norm(a.title) for a in articles}
    figures["title"] = float(all(norm(g["title"]) in found for g in gold["articles"]))
    figures["titles"] = [a.title for a in articles]
    figures["gold_titles"] = [g["title"] for g in gold["articles"]]
    figures["page"] = path.name[:3]
    figures["extractor"] = extractor
    figures["details"] = details
    return figures


def mean(rows: list[dict], key: str) -> float:
    vals = [r[key] for r in rows if r[key] is not None]
    return sum(vals) / len(vals) if vals else float("nan")


def table(results: list[dict], extractors: list[str]) -> str:
    head = f"{'extractor':<11}" + "".join(f"{k:>19}" for k in FIGURES)
    out = [head]
    for name in [*extractors, "overall"]:
        rows = results if name == "overall" else [r for r in results if r["extractor"] == name]
        if rows:
            out.append(f"{name:<11}" + "".join(f"{mean(rows, k):>19.4f}" for k in FIGURES))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--extractor", action="append", choices=EXTRACTORS)
    ap.add_argument("--pages", default="", help="comma-separated page numbers (default: all)")
    ap.add_argument("--per-page", action="store_true", help="one line of figures per page")
    ap.add_argument("--explain", action="store_true", help="with --per-page: where it went wrong")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not (args.data / "score_clean.py").is_file():
        print(f"skipped: no e-paper dev data at {args.data}")
        return 0
    extractors = args.extractor or list(EXTRACTORS)
    wanted = {p.zfill(3) for p in args.pages.split(",") if p}
    tasks = [(str(args.data), ex, str(p)) for ex in extractors
             for p in sorted((args.data / ex).glob("*.txt")) if not wanted or p.name[:3] in wanted]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(score_page, tasks, chunksize=4))
    if args.per_page:
        for r in results:
            print(f"{r['extractor']:<11}{r['page']}" + "".join(
                f" {k[:8]}={r[k]}" for k in FIGURES), json.dumps(r["titles"], ensure_ascii=False),
                "" if r["title"] else "gold=" + json.dumps(r["gold_titles"], ensure_ascii=False))
            if args.explain:
                print(json.dumps(r["details"], ensure_ascii=False, indent=1))
    print(table(results, extractors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
