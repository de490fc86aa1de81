"""Do summary sentences read on their own? Counts, per set and budget, the summary sentences that
are a clause ending "；" picked alone, or that point back while the sentence before them is not
in the summary.

    python benchmarks/summary_standalone.py [--set NAME ...] [--show N]

Sets (skipped when absent): ``newspaper`` and ``posts`` (../shared/data/summ_dev.jsonl and
summ_dev_lcsts.jsonl, cleaned as ``tune_summary.load_articles`` cleans them), ``pages`` (every
page of tests/data, its hold-out batches included, and the seeds, read as the CLI reads a
page), ``dev_pages`` (the web_dev and epaper_dev pages, read in place). Budgets: default,
``--sentences 1``, ``--chars 120``.

Columns: ``clause`` — the sentence ends "；"; ``dangle`` — it opens with an opener pointing back
(``cohesion.leading_connective``), or its first word points back (``cohesion.needs_context``)
while the sentence before it is not in the summary; ``crude`` — the same test with a broad list
of opening characters and words (``CRUDE_RE``), independent of ``cohesion`` (it also counts
sentences opening "其实，" or "即使", which point back to nothing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fjhealth import segment  # noqa: E402
from fjhealth.clean import clean_text, split_articles  # noqa: E402
from fjhealth.cohesion import leading_connective, needs_context  # noqa: E402
from fjhealth.corpus import read_page  # noqa: E402
from fjhealth.models import Article, SummaryOptions  # noqa: E402
from fjhealth.summarize import summarize  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
BUDGETS = {"default": SummaryOptions(), "s1": SummaryOptions(sentences=1),
           "c120": SummaryOptions(chars=120)}
SETS = ("newspaper", "posts", "pages", "dev_pages")
CRUDE_RE = re.compile(
    r"^(?:获悉|同时|此外|另外|对此|而且|并且|但是|但|然而|因此|所以|其中|此前|随后|之后|与此同时|不过|而|"
    r"另一方面|他|她|它|该|这|此|那|其|上述|以上|[二三四五六七八九]是|第[二三四五六七八九][，,]|其次|再次|"
    r"最后|还|也|并|且|即|例如|比如|当天|次日)"
)
PAGE_DIRS = ("tests/data/pages", "tests/data/web", "tests/data/web_holdout",
             "tests/data/web_holdout/three_forms/plain", "tests/data/web_holdout/three_forms/h2t",
             "tests/data/web_holdout/three_forms/html", "seeds")
DEV_DIRS = ("web_dev/pages/plain", "web_dev/pages/h2t", "web_dev/html", "epaper_dev/pdftotext",
            "epaper_dev/raw", "epaper_dev/fitz", "epaper_dev/fitzblocks", "epaper_dev/pdfminer")


def _files(root: Path, dirs: tuple[str, ...]) -> list[Path]:
    return [p for d in dirs if (root / d).is_dir() for p in sorted((root / d).iterdir())
            if p.is_file() and p.suffix in (".txt", ".html", ".md") and p.name != "README.md"]


def articles(name: str) -> Iterator[Article]:
    """The articles of one set (nothing when its data is absent)."""
    if name in ("newspaper", "posts"):
        path = SHARED / ("summ_dev.jsonl" if name == "newspaper" else "summ_dev_lcsts.jsonl")
        for line in path.open(encoding="utf-8") if path.is_file() else ():
            if line.strip():
                yield clean_text(json.loads(line)["article"] + "\n", "0000")[0]
        return
    holdout = ROOT / "tests" / "data" / "web_holdout"
    batches = tuple(str(d.relative_to(ROOT)) for b in sorted(holdout.glob("batch*/"))
                    for d in (b, b / "plain", b / "h2t", b / "html"))
    for path in (_files(ROOT, PAGE_DIRS + batches) if name == "pages"
                 else _files(SHARED, DEV_DIRS)):
        yield from split_articles(read_page(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=SETS)
    ap.add_argument("--show", type=int, default=0, help="sentences pointing back to list")
    args = ap.parse_args(argv)
    print("| set, budget | articles | sentences | clause | dangle | crude |")
    print("|---|---|---|---|---|---|")
    for name in args.set or SETS:
        counts = {b: [0, 0, 0, 0, 0] for b in BUDGETS}
        shown = 0
        for article in articles(name):
            for budget, options in BUDGETS.items():
                c = counts[budget]
                c[0] += 1
                summary = summarize(article, options)
                picked = {s.index for s in summary.sentences}
                for s in summary.sentences:
                    alone = s.index - 1 not in picked
                    dangle = bool(leading_connective(s.text)) or (
                        alone and needs_context(segment.words(s.text)))
                    c[1] += 1
                    c[2] += s.text.endswith(("；", ";"))
                    c[3] += dangle
                    c[4] += bool(alone and CRUDE_RE.match(s.text))
                    if dangle and shown < args.show:
                        shown += 1
                        print(f"  {name} {article.id} [{budget}] {s.text}", file=sys.stderr)
        if not counts["default"][0]:
            print(f"| {name}: skipped (no data) | | | | | |")
            continue
        for budget, (n, sentences, clause, dangle, crude) in counts.items():
            print(f"| {name}, {budget} | {n} | {sentences} | {clause} | {dangle} | {crude} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
