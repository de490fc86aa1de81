"""Printed width of text in character cells: how wide a line of a column page was set.

A Han character or a full-width letter or digit fills a cell, Latin letters, ASCII digits and
punctuation half of one, CJK punctuation one or half (papers set it either way: the caller
says which); spaces are layout and not counted. Pure. A page's lines are counted together
(``lines_cell_counts``): two pattern passes over their text, which take out the full cells,
then the marks, a line's counts being how much shorter each pass left it.
"""

from __future__ import annotations

import re

from . import patterns as P
from .lazyre import lazy_compile

# Full cells: Han (``patterns.is_han``), full-width letters and digits (and the marks between
# them in that block, set full width).
_FULL_RE = lazy_compile(f"[{P.HAN_RANGES}\uff10-\uff5a]+")
# CJK punctuation (``patterns.is_cjk_punct``) that is not a full cell: one cell or half.
_MARKS_RE = lazy_compile(
    "[\u3001-\u303f\uff01-\uff0f\uff5b-\uff65\ufe30-\ufe4f"
    + "".join(map(re.escape, sorted(P.CJK_PUNCT_CHARS))) + "]+")


def cell_counts(text: str) -> tuple[int, int, int]:
    """Full cells, CJK punctuation marks and half cells of a line (spaces not counted)."""
    rest = _FULL_RE.sub("", text)
    return _counted(text, rest, _MARKS_RE.sub("", rest))


def lines_cell_counts(texts: list[str]) -> list[tuple[int, int, int]]:
    """``cell_counts`` of each of many lines, counted together (a pattern call a page, not a
    line)."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text holds a line break: one by one
        return [cell_counts(t) for t in texts]
    rest = _FULL_RE.sub("", joined)
    bare = _MARKS_RE.sub("", rest)
    return list(map(_counted, texts, rest.split("\n"), bare.split("\n")))


def _counted(text: str, rest: str, bare: str) -> tuple[int, int, int]:
    """A line's counts from it, it without full cells, and that without marks."""
    return len(text) - len(rest), len(rest) - len(bare), len(bare) - bare.count(" ")


def counted_width(counts: tuple[int, int, int], punct: float = 1.0) -> float:
    """``width`` from ``cell_counts``: multiples of half a cell add up exactly in any order."""
    full, marks, half = counts
    return full + marks * punct + half * 0.5 if full or marks or half else 0


def width(text: str, punct: float = 1.0) -> float:
    """Printed width of a line in character cells (spaces are layout, not counted)."""
    return counted_width(cell_counts(text), punct)
