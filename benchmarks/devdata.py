"""The development pages of ../shared/data/web_dev as fjhealth reads them, with line labels.

Shared by the fitting scripts and the web benchmark. A line is labelled article text (1) when its
normalised text occurs in the gold body, furniture (0) when it does not, and left out (None) when
it is gold "neutral" text (title, deck, byline, caption), which is neither.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fjhealth.corpus import read_page  # noqa: E402
from fjhealth.models import Document, Page  # noqa: E402
from fjhealth.read import read_document  # noqa: E402
from fjhealth.text import normalize  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
WEB_DEV = SHARED / "web_dev"
# The renderings of each page: folder under web_dev -> name used in reports.
RENDERINGS = {"pages/plain": "plain", "pages/h2t": "h2t", "html": "html"}
# Lines shorter than this (normalised characters) are labelled body only beside a long body line:
# a two-character menu item can occur inside a gold paragraph by chance.
MIN_SURE = 6


# A long line holding article text with something glued to it (a credit, a caption) is article
# text when this share of its characters lie in WINDOW-character pieces of the gold body.
WINDOW = 8
MIN_COVERED = 0.7


def _covered(t: str, grams: set[str]) -> float:
    hit = [False] * len(t)
    for i in range(len(t) - WINDOW + 1):
        if t[i : i + WINDOW] in grams:
            hit[i : i + WINDOW] = [True] * WINDOW
    return sum(hit) / len(t)


def norm(s: str) -> str:
    """The scorer's normalisation: NFKC, letters and digits only, lower case."""
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN").lower()


@dataclass
class DevPage:
    id: str
    rendering: str
    page: Page
    doc: Document
    gold: dict

    def labels(self) -> list[int | None]:
        """1 article text, 0 furniture, None neutral (see module docstring)."""
        body = norm("".join(self.gold["paragraphs"]))
        neutral = [norm(x) for x in [self.gold.get("title") or "", *self.gold.get("neutral", []),
                                     *self.gold.get("title_also_accepted", [])] if norm(x)]
        grams = {body[i : i + WINDOW] for i in range(len(body) - WINDOW + 1)}
        out: list[int | None] = []
        for ln in self.doc.lines:
            t = norm(ln.text)
            if t and any(t == x or (len(t) >= MIN_SURE and t in x) for x in neutral):
                out.append(None)
            elif t and t in body:
                out.append(1 if len(t) >= MIN_SURE else -1)  # -1: decided by neighbours below
            elif len(t) >= 4 * WINDOW and _covered(t, grams) >= MIN_COVERED:
                out.append(1)  # article text with a little else glued to it
            else:
                out.append(0)
        for i, v in enumerate(out):
            if v == -1:
                near = [out[j] for j in (i - 1, i + 1) if 0 <= j < len(out)]
                out[i] = 1 if 1 in near else 0
        return out


def available() -> bool:
    return (WEB_DEV / "gold").is_dir()


def clean_copy(gold: dict, gold_path: Path) -> DevPage:
    """The article alone, as a text export of it looks: title, then one paragraph per line.
    Teaches the models that a page of nothing but prose is all article text."""
    text = "\n".join([gold.get("title") or "", *gold["paragraphs"]]).strip()
    page = Page(id=gold_path.stem, path=gold_path, text=text)
    return DevPage(gold_path.stem, "clean", page, read_document(text, "text"), gold)


def synthetic_pages(pages: list[DevPage], seed: int = 7) -> list[DevPage]:
    """Short pages of the kinds users save, made from the dev data: a gold article between a few
    real furniture lines of other dev pages (a header, a caption inside, a footer), set one
    paragraph per line, with blank lines or with ideographic indents. The labels are exact."""
    import random

    rng = random.Random(seed)
    furniture = [ln.text for p in pages if p.rendering == "plain"
                 for ln, lab in zip(p.doc.lines, p.labels(), strict=True) if lab == 0]
    out = []
    for p in pages:
        if p.rendering != "plain":
            continue
        g = p.gold
        head = rng.sample(furniture, rng.randint(0, 6))
        foot = rng.sample(furniture, rng.randint(0, 6))
        paras = list(g["paragraphs"])
        if len(paras) > 2 and rng.random() < 0.5:
            paras.insert(rng.randint(1, len(paras) - 1), rng.choice(furniture))
        style = rng.choice(("lines", "blank", "indent"))
        body = ["\u3000\u3000" + x if style == "indent" else x for x in paras]
        sep = "\n\n" if style == "blank" else "\n"
        text = sep.join([*head, g.get("title") or "", *body, *foot])
        page = Page(id=p.id, path=p.page.path, text=text)
        out.append(DevPage(p.id, "synthetic", page, read_document(text, "text"), g))
    return out


def dev_pages(renderings: tuple[str, ...] = tuple(RENDERINGS),
              clean: bool = False) -> Iterator[DevPage]:
    """Every dev page in every rendering fjhealth can read (and its clean copy if asked)."""
    for gold_path in sorted((WEB_DEV / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if clean:
            yield clean_copy(gold, gold_path)
        for folder in renderings:
            files = sorted((WEB_DEV / folder).glob(f"{gold_path.stem}_*"))
            if not files:
                continue
            page = read_page(files[0])
            if folder == "html" and page.format != "html":  # no HTML reader in this version
                continue
            try:
                doc = read_document(normalize(page.text), page.format)  # as split_articles
            except ValueError:  # a format this version cannot read
                continue
            yield DevPage(gold_path.stem, RENDERINGS[folder], page, doc, gold)
