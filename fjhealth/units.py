"""A page cut into classified units: runs of non-blank lines, or one furniture line.

Units are text, markdown headings, boilerplate (with the reason it goes), metadata, captions
and, at the end of a column page, headlines printed out of reading order. ``clean`` assembles
articles from them. Pure, no I/O.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from functools import cached_property

from . import patterns as P
from .models import Block, Removed
from .text import is_complete, join_lines, nonspace_len

# A page whose typical line is at most this long (non-space characters) was set in narrow
# newspaper columns: its line breaks are layout, not paragraph breaks.
COLUMN_MAX_WIDTH = 30
# Fewer text lines than this are too few to call a layout: they are read as flowing text.
COLUMN_MIN_LINES = 8
# Longest line (non-space characters) a headline, deck or section heading can have.
HEADLINE_MAX_LINE = 50


@dataclass
class Unit:
    """One unit of a page; ``kind`` changes as the cleaner learns what it is."""

    kind: str  # text | heading | boiler | meta | caption | headline
    lines: list[str]
    reason: str = ""  # why a boiler unit was removed
    level: int = 0  # markdown heading level
    tight: bool = False  # no blank line between this unit and the previous one

    @cached_property
    def text(self) -> str:  # read only once the unit's lines are complete
        return join_lines(self.lines)



def line_kind(line: str) -> tuple[str, str]:
    """Classify one stripped line as furniture (kind, reason) or ("text", "")."""
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
    if n <= 30 and P.UTILITY_RE.match(line):
        return "boiler", "page widget"
    if n <= 30 and not sentence and P.PAGE_FURNITURE_RE.match(line):
        return "boiler", "page furniture"
    if n <= 80 and not sentence and P.META_LINE_RE.search(line):
        return "meta", ""
    if n <= 40 and not sentence and P.BYLINE_RE.match(line):
        return "meta", ""
    return "text", ""


def page_units(text: str) -> list[Unit]:
    """Cut normalized page text into units (see module docstring)."""
    units: list[Unit] = []
    cur: Unit | None = None
    blank = True
    caption_next = False  # a lone caption mark ("▲") captions the next block
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            cur, blank = None, True
            continue
        heading = P.MD_HEADING_RE.match(line)
        kind, reason = ("heading", "") if heading else line_kind(line)
        if kind == "text" and cur is not None and P.ATTRIBUTION_RE.match(line) \
                and is_complete(cur.lines[-1]):
            kind = "meta"  # "（厦门市卫健委）" printed right under the last paragraph
        if kind != "text":
            body = heading.group(2) if heading else line
            level = len(heading.group(1)) if heading else 0
            units.append(Unit(kind, [body], reason, level, not blank))
            cur = None
        elif P.CAPTION_START_RE.match(line):
            rest = line.lstrip(P.CAPTION_MARKS + " ")
            cur = Unit("caption", [rest] if rest else [], tight=not blank)
            units.append(cur)
            caption_next = not rest
        elif cur is not None and not raw[:1].isspace():
            cur.lines.append(line)
        else:
            cur = Unit("caption" if caption_next else "text", [line], tight=not blank)
            units.append(cur)
            caption_next = False
        blank = False
    for u in units:  # "▲" also serves as a list bullet: an item of several sentences is body
        if u.kind == "caption" and sum(u.text.count(c) for c in "。！？") >= 2:
            u.kind = "text"
    return [u for u in units if u.lines]


def is_column_layout(units: list[Unit]) -> bool:
    """Narrow columns: enough lines to tell, and a typical line of a column's width."""
    lengths = [nonspace_len(ln) for u in units if u.kind == "text" for ln in u.lines]
    return len(lengths) >= COLUMN_MIN_LINES and statistics.median(lengths) <= COLUMN_MAX_WIDTH


def split_flow_units(units: list[Unit]) -> list[Unit]:
    """In flowing text every line is its own paragraph, heading or caption."""
    out = []
    for u in units:
        if u.kind not in ("text", "caption"):
            out.append(u)
            continue
        for k, line in enumerate(u.lines):
            kind = "text" if k else u.kind
            out.append(Unit(kind, [line], u.reason, u.level, u.tight or k > 0))
    return out


def mark_boilerplate(units: list[Unit]) -> None:
    """Mark promotion blocks and the paper's subscription-ad section as removed text."""
    for i, u in enumerate(units):
        if u.kind == "heading" and u.reason == "":
            end = next((j for j in range(i + 1, len(units))
                        if units[j].kind == "heading" and units[j].level <= u.level), len(units))
            section = "".join(x.text for x in units[i:end])
            if len(section) <= P.AD_MAX_CHARS and _ad_terms(section) >= P.AD_MIN_TERMS:
                for x in units[i:end]:
                    x.kind, x.reason = "boiler", "subscription ad"
        elif u.kind == "text":
            t = u.text
            if len(t) <= 60 and P.PROMO_RE.search(t):
                u.kind, u.reason = "boiler", "promotion"
            elif len(t) <= 300 and _ad_terms(t) >= P.AD_MIN_TERMS:
                u.kind, u.reason = "boiler", "subscription ad"


def _ad_terms(text: str) -> int:
    return sum(term in text for term in P.AD_TERMS)


def caption_marked(u: Unit) -> bool:
    """A text block with a position mark ("（左一）") or photo credit, not a body paragraph."""
    t = u.text
    return len(t) <= 120 and not is_complete(t.rstrip("）)")) and bool(
        P.CAPTION_POSITION_RE.search(t) or P.CAPTION_CREDIT_RE.search(t)
    )


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in P.PAIRS)


def heading_text(t: str) -> bool:
    """Text that can be a heading: no sentence end, no dangling clause, no open quote."""
    return (bool(t) and not is_complete(t) and t[-1] not in P.CONTINUING and _balanced(t)
            and not P.SPEECH_RE.search(t) and not P.ATTRIBUTION_RE.match(t))


def headline_shaped(u: Unit) -> bool:
    """Short lines, few of them, and no sentence end: a headline, deck or section heading."""
    return (len(u.lines) <= 4 and max(nonspace_len(ln) for ln in u.lines) <= HEADLINE_MAX_LINE
            and heading_text(u.text))


def trailing_start(units: list[Unit], column: bool) -> int:
    """Index where the end-of-page cluster (headlines, captions, furniture) begins."""
    i = len(units)
    while i > 0:
        u = units[i - 1]
        if u.kind == "text":
            nxt = units[i] if i < len(units) else None
            beside_caption = nxt is not None and nxt.kind == "caption" and nxt.tight
            if caption_marked(u) or (column and beside_caption and not is_complete(u.text)):
                u.kind = "caption"
            elif column and headline_shaped(u):
                u.kind = "headline"
            else:
                break
        elif u.kind == "heading":
            break
        i -= 1
    return i


@dataclass
class Draft:
    """An article while it is being assembled."""

    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    _bigrams: set[str] | None = None

    def bigrams(self) -> set[str]:
        """Han character pairs of the title and body, computed once the body is complete."""
        if self._bigrams is None:
            self._bigrams = bigrams(self.title + "".join(b.text for b in self.blocks))
        return self._bigrams


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent Han characters of a text."""
    han = "".join(filter(P.is_han, text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def best_draft(drafts: list[Draft], text: str, prefer_untitled: bool) -> Draft:
    """The article whose text shares most character pairs with a headline or caption."""
    if len(drafts) == 1:
        return drafts[0]
    grams = bigrams(text)

    def score(k: int) -> tuple[float, bool, int]:
        d = drafts[k]
        overlap = len(grams & d.bigrams()) / max(len(grams), 1)
        return (overlap, prefer_untitled and not d.title, -k)

    return drafts[max(range(len(drafts)), key=score)]
