"""The paper's name and the page's date, read from a column page's furniture, against the gold.

    python benchmarks/epaper_folio.py

For every dev e-paper page (``../shared/data/epaper_dev``, five extractors) that fjhealth reads
as column text, takes the source and date ``clean._folio`` finds in its page furniture and checks
them against the page's gold furniture (``boilerplate``): a source not printed there or a date
not printed there is wrong; a page whose furniture prints a paper's name (a word ending in 报)
or a year's date that gives none is missed. Prints the counts per extractor.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fjhealth.clean import _folio  # noqa: E402
from fjhealth.columns import column_drafts  # noqa: E402
from fjhealth.layout import is_column_text  # noqa: E402
from fjhealth.text import normalize  # noqa: E402

EPAPER = ROOT.parent / "shared" / "data" / "epaper_dev"
EXTRACTORS = ("pdftotext", "raw", "fitz", "fitzblocks", "pdfminer")


def printed(date: str, furniture: str) -> bool:
    y, m, d = (int(x) for x in date.split("-"))
    return bool(re.search(rf"{y}\s*年\s*{m}\s*月\s*{d}\s*日", furniture))


def main() -> int:
    if not EPAPER.is_dir():
        print(f"{EPAPER} is absent: skipped")
        return 0
    print(f"{'extractor':11} {'column pages':>12} {'dated':>5} {'named':>5} {'wrong':>5} "
          f"{'missed':>6}")
    for ex in EXTRACTORS:
        pages = dated = named = wrong = missed = 0
        for path in sorted((EPAPER / ex).glob("*.txt")):
            gold = json.loads((EPAPER / ex / "gold" / f"{path.name[:3]}.json").read_text("utf-8"))
            furniture = " ".join(gold["boilerplate"])
            text = normalize(path.read_text("utf-8"))
            if not is_column_text(text.split("\n")):
                continue
            source, date = _folio(column_drafts(text))
            pages += 1
            dated += date is not None
            named += source is not None
            wrong += bool((source and source not in furniture)
                          or (date and not printed(date, furniture)))
            missed += bool(("报" in furniture and not source)
                           or (re.search(r"\d{4}\s*年", furniture) and not date))
        print(f"{ex:11} {pages:>12} {dated:>5} {named:>5} {wrong:>5} {missed:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
