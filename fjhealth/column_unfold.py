"""Columns an extractor printed side by side, put one after the other.

``pdftotext -layout`` (and OCR that keeps the page's layout) prints a line of each column on one
text line, the columns held apart by a run of spaces, the gutter: the text runs down the left
column, then down the right one. Such a page is seen as a whole: on most of its lines a gutter
of two or more spaces ends at the same display position (within a cell), with text on both
sides. Each such line is cut there, and the left column's lines are read before the right
column's; lines above and below the columns (a headline, a masthead) stay where they are. Pure.

>>> unfold_columns("标题\\n甲一行文字    乙一行文字\\n甲二行文字    乙二行文字\\n"
...                "甲三行文字    乙三行文字\\n甲四行文字    乙四行文字\\n")
'标题\\n甲一行文字\\n甲二行文字\\n甲三行文字\\n甲四行文字\\n乙一行文字\\n乙二行文字\\n乙三行文字\\n乙四行文字\\n'
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from .lazyre import lazy_compile

# A gutter: a run of two or more spaces between two printed characters.
_GUTTER_RE = lazy_compile(r"(?<=\S) {2,}(?=\S)")
# At least this many lines, and this share of the lines that reach that far, must show the
# gutter at one position for the page to be read as columns side by side.
MIN_LINES = 4
MIN_SHARE = 0.6
# Each side of a gutter holds at least this many characters on a line of columns (a table row
# or a name and a date set apart are shorter).
MIN_SIDE = 4


def _width(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _gutters(line: str) -> list[tuple[int, int, int]]:
    """(start, end, display position of the end) of each gutter on the line, the widths summed
    once along it (linear in the line, however many gutters it holds)."""
    out = []
    pos = done = 0
    for m in _GUTTER_RE.finditer(line):
        pos += _width(line[done : m.end()])
        done = m.end()
        out.append((m.start(), m.end(), pos))
    return out


def _starts(line: str) -> list[int]:
    """Display positions where text resumes after a gutter on this line, with at least
    ``MIN_SIDE`` characters on each side (up to the gutters before and after it)."""
    gutters = _gutters(line)
    edges = [0, *(x for start, end, _ in gutters for x in (start, end)), len(line)]
    sides = [len(line[a:b].strip()) for a, b in zip(edges[0::2], edges[1::2], strict=True)]
    return [at for k, (_, _, at) in enumerate(gutters) if min(sides[k], sides[k + 1]) >= MIN_SIDE]


def _cut(line: str, at: int) -> tuple[str, str] | None:
    """The line cut at a gutter that ends at display position ``at`` (within a cell): the text
    left of it and right of it; None when it has no gutter there."""
    for start, end, pos in _gutters(line):
        if abs(pos - at) <= 1:
            return line[:start].rstrip(), line[end:].strip()
    return None


def unfold_columns(text: str) -> str:
    """The page with columns printed side by side put one after the other (see module
    docstring); any other page as it is."""
    lines = text.split("\n")
    if sum(1 for ln in lines if "  " in ln.strip()) < MIN_LINES:
        return text
    starts = [_starts(ln) for ln in lines]
    seen = Counter(s for ss in starts for s in set(ss))
    if not seen:
        return text
    at = max(seen, key=lambda s: (seen[s] + seen[s - 1] + seen[s + 1], -s))
    rows = [k for k, ss in enumerate(starts) if any(abs(s - at) <= 1 for s in ss)]
    reach = [k for k, ln in enumerate(lines) if _width(ln.rstrip()) > at]
    if len(rows) < MIN_LINES or len(rows) < MIN_SHARE * len(reach):
        return text
    first, last = rows[0], rows[-1]
    while last + 1 < len(lines) and lines[last + 1].strip() and (
            _width(lines[last + 1].rstrip()) <= at or _cut(lines[last + 1], at) is not None):
        last += 1  # lines of the columns under the last line counted
    left: list[str] = []
    right: list[str] = []
    for ln in lines[first : last + 1]:
        pad = len(ln) - len(ln.lstrip(" "))
        parts = _cut(ln, at)
        if parts is not None:
            left.append(parts[0])
            right.append(parts[1])
        elif pad >= at - 1 and ln.strip():
            right.append(ln.strip())  # a line of the right column alone
        else:
            left.append(ln.rstrip())
    return "\n".join([*lines[:first], *left, *right, *lines[last + 1 :]])
