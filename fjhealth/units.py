"""What the two cleaners share: the furniture-line recogniser and the article draft.

``line_kind`` names page furniture a line is recognised as (site spam, breadcrumb navigation,
attachment lists, page widgets, newspaper page furniture, metadata): the column cleaner removes
such lines, the flow cleaner uses it to say *why* a line it set aside was furniture. ``Draft``
is an article while it is being assembled. Pure, no I/O.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

from . import patterns as P
from .lazyre import lazy_compile
from .models import Block, Removed
from .text import nonspace_len


def line_kind(line: str) -> tuple[str, str]:
    """Classify one stripped line as furniture (kind, reason) or ("text", ""), in simplified or
    traditional characters (``patterns.fold_traditional``)."""
    line = P.fold_traditional(line)
    n = nonspace_len(line)
    if n > 80 or not P.FURNITURE_HINT_RE.search(line):
        return "text", ""
    sentence = "。" in line or "！" in line or "？" in line
    if n <= 40 and not sentence and P.SPAM_RE.search(line):
        return "boiler", "site spam"
    if n <= 80 and not sentence and P.NAV_RE.search(line):
        return "boiler", "navigation"
    if P.ATTACHMENT_RE.match(line):
        return "boiler", "attachment"
    if P.UTILITY_RE.match(line):
        return "boiler", "page widget"
    if n <= 30 and not sentence and P.PAGE_FURNITURE_RE.match(line):
        return "boiler", "page furniture"
    if n <= 80 and not sentence and P.META_LINE_RE.search(line):
        return "meta", ""
    if n <= 40 and not sentence and P.BYLINE_RE.match(line):
        return "meta", ""
    return "text", ""


@dataclass
class Draft:
    """An article while it is being assembled."""

    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    header: int | None = None  # how many meta lines stand above the body (None: unknown)
    on_byline: str = ""  # the display line printed right on the byline (column pages)
    _han: str | None = None

    def shared(self, grams: set[str]) -> int:
        """How many of these Han character pairs the title and body hold (read once the body
        is complete: a later title is not counted)."""
        if self._han is None:
            self._han = _han(self.title + "".join(b.text for b in self.blocks))
        return sum(map(self._han.__contains__, grams))  # (a pair of the text: a substring)


# A run of Han characters: the runs joined, a text's pairs are read from them (found rather than
# everything else taken out: fewer, longer matches).
_HAN_RUN_RE = lazy_compile(f"[{P.HAN_RANGES}]+")


def _han(text: str) -> str:
    """The Han characters of a text, the rest left out."""
    return "".join(_HAN_RUN_RE.findall(text))


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent Han characters of a text."""
    han = _han(text)
    return set(map(operator.add, han, han[1:]))


def best_draft(drafts: list[Draft], text: str, prefer_untitled: bool) -> Draft:
    """The article whose text shares most character pairs with a headline or caption."""
    if len(drafts) == 1:
        return drafts[0]
    grams = bigrams(text)

    def score(k: int) -> tuple[float, bool, int]:
        d = drafts[k]
        overlap = d.shared(grams) / max(len(grams), 1)
        return (overlap, prefer_untitled and not d.title, -k)

    return drafts[max(range(len(drafts)), key=score)]
