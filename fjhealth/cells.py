"""Printed width of text in character cells: how wide a line of a column page was set.

A Han character or a full-width letter or digit fills a cell, Latin letters, ASCII digits and
punctuation half of one, CJK punctuation one or half (papers set it either way: the caller
says which); spaces are layout and not counted. Pure; each line is read in one C-level pass.
"""

from __future__ import annotations

from . import patterns as P


class _CellKinds(dict[int, "str | None"]):
    """A ``str.translate`` table from a code point to its cell kind, filled on first sight:
    "F" a full cell (Han, full-width letters and digits), "P" CJK punctuation (one cell or
    half, see ``width``), "H" half a cell (Latin letters, digits, ASCII punctuation), None for
    a space (layout, not counted)."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kind = (None if ch == " " else "F" if P.is_han(ch) or "\uff10" <= ch <= "\uff5a"
                else "P" if P.is_cjk_punct(ch) else "H")
        if len(self) < _MAX_KINDS:  # bounded, whatever characters a hostile page holds
            self[code] = kind
        return kind


_MAX_KINDS = 1 << 16
_CELL_KINDS = _CellKinds()

def cell_counts(text: str) -> tuple[int, int, int]:
    """Full cells, CJK punctuation marks and half cells of a line (one C-level pass)."""
    kinds = text.translate(_CELL_KINDS)
    full, marks = kinds.count("F"), kinds.count("P")
    return full, marks, len(kinds) - full - marks


def counted_width(counts: tuple[int, int, int], punct: float = 1.0) -> float:
    """``width`` from ``cell_counts``: multiples of half a cell add up exactly in any order."""
    full, marks, half = counts
    return full + marks * punct + half * 0.5 if full or marks or half else 0


def width(text: str, punct: float = 1.0) -> float:
    """Printed width of a line in character cells (spaces are layout, not counted)."""
    return counted_width(cell_counts(text), punct)
