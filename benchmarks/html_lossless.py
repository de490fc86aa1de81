"""Nothing lost in HTML: does every Han character and digit of a page's visible text end up in
its articles (title, metadata, body, captions, the removed record), as many times as the page
prints it?

    python benchmarks/html_lossless.py

Reads every ``.html`` page under ``tests/data`` and, when ``../shared/data`` is there, the dev
pages of ``web_dev/html``; the visible text is every text node of ``<body>`` outside scripts,
styles and ``<noscript>``. Prints, per set, the pages, those whose articles lose characters (a
page giving no article, a list of links, is counted apart), and the records of text the
extraction left out (``outside main content``).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trafilatura.utils import load_html  # noqa: E402

from fjhealth.clean import article_parts, split_articles  # noqa: E402
from fjhealth.corpus import read_page  # noqa: E402
from fjhealth.patterns import is_han  # noqa: E402
from fjhealth.read.html_blocks import LEFT_OUT  # noqa: E402
from fjhealth.text import normalize  # noqa: E402

VISIBLE = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
SETS = {"tests/data": ROOT / "tests" / "data",
        "web_dev/html": ROOT.parent / "shared" / "data" / "web_dev" / "html"}


def signature(text: str) -> Counter[str]:
    return Counter(c for c in text if is_han(c) or c.isdigit())


def check(path: Path) -> tuple[int | None, int]:
    """Characters the page's articles lose (None: no article), and its left-out records."""
    page = read_page(path)
    articles = split_articles(page)
    if not articles:
        return None, 0
    kept: Counter[str] = Counter()
    for a in articles:
        for part in article_parts(a):
            kept += signature(part)
    visible = "".join(load_html(normalize(page.text)).xpath(VISIBLE))
    lost = sum((signature(visible) - kept).values())
    return lost, sum(r.reason == LEFT_OUT for a in articles for r in a.removed)


def main() -> int:
    print(f"{'set':14} {'pages':>5} {'no article':>10} {'losing':>6} {'chars lost':>10} "
          f"{'left-out records':>16}")
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"{name:14} (absent: skipped)")
            continue
        rows = [check(p) for p in sorted(folder.rglob("*.html"))]
        losing = [lost for lost, _ in rows if lost]
        print(f"{name:14} {len(rows):>5} {sum(lost is None for lost, _ in rows):>10} "
              f"{len(losing):>6} {sum(losing):>10} {sum(n for _, n in rows):>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
