"""Render the HTML pages in DIR/html/ as the two text forms a scraper saves, the way the dev
data's README says its renderings were made (for the hold-out pages in
tests/data/web_holdout/three_forms):

- h2t/: html2text 2025.4.15, links and images dropped, no wrapping;
- plain/: BeautifulSoup 4 + lxml, script/style/noscript removed, one text node per line.

Needs html2text, beautifulsoup4 and lxml, which fjhealth does not depend on:
    python -m venv /tmp/render
    /tmp/render/bin/pip install html2text==2025.4.15 beautifulsoup4 lxml
    /tmp/render/bin/python benchmarks/render_pages.py tests/data/web_holdout/three_forms
"""

import re
import sys
from pathlib import Path

import html2text
from bs4 import BeautifulSoup


def main(here: Path) -> None:
    for page in sorted((here / "html").glob("*.html")):
        raw = page.read_bytes()
        charset = re.search(rb'charset="?([\w-]+)', raw)
        text = raw.decode(charset.group(1).decode() if charset else "utf-8")
        h2t = html2text.HTML2Text()
        h2t.ignore_links = h2t.ignore_images = True
        h2t.body_width = 0
        h2t.unicode_snob = True
        (here / "h2t" / f"{page.stem}.txt").write_text(h2t.handle(text), encoding="utf-8")
        soup = BeautifulSoup(text, "lxml")
        for tag in soup(["script", "style", "noscript"]):
            tag.decompose()
        (here / "plain" / f"{page.stem}.txt").write_text(soup.get_text("\n", strip=True),
                                                         encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
