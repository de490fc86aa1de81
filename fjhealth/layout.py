"""Is a page's text set in narrow newspaper columns, or flowing text? A fitted page model.

In column text (e-paper pages run through PDF extraction or OCR) most characters sit in lines of
one width, the column's, and few in longer lines; a web page saved one text node per line has
lines of every length, most of its characters in long paragraph lines. Three numbers describe
that — the modal line width (the width holding most characters), the share of characters in
lines at that width, the share in longer lines — and a logistic model fitted on the e-paper and
web development pages and on short column pages typeset from prose (``benchmarks/fit_flow.py``,
weights in ``fjhealth/data/layout.json``) decides. Pure, no I/O beyond the weights file.

>>> lines = ["省医学会在福州召开会议", "，三百多人参加。会议", "由省卫健委主持，会上"] * 4
>>> is_column_text(lines)
True
>>> is_column_text(["首页", "新闻", "医院今年接诊患者三万人次，比去年增加一成，门诊两万。"] * 4)
False
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from . import fitted
from .text import nonspace_len

# Widths (non-space characters) a newspaper column line can have.
MIN_WIDTH, MAX_WIDTH = 6, 40
# Fewer text lines than this are too few to call a layout: read as flowing text.
MIN_LINES = 8
# A page with more than this share of its characters in lines longer than its modal width is
# flowing text whatever the model says (the model never saw such column pages: there are none).
MAX_LONGER = 0.5

LAYOUT_FEATURES = ("bias", "at_width", "lines_at_width", "longer", "width", "punctuated")


@cache
def _weights() -> list[float]:
    return list(fitted.load("layout.json", features=LAYOUT_FEATURES)["weights"])


def layout_features(lines: Sequence[str]) -> list[float]:
    """Modal width's share of characters and of lines, the share of characters in longer lines,
    the width (/10), and the share of lines with CJK punctuation (prose runs through column
    lines; menus have none)."""
    lengths = [n for n in (nonspace_len(ln.strip()) for ln in lines) if n]
    punctuated = sum(1 for ln in lines if any(c in ln for c in "，。、；：")) / max(len(lengths), 1)
    total = sum(lengths) or 1
    by_width = [0] * (MAX_WIDTH + 2)
    for n in lengths:
        for w in (n - 1, n, n + 1):
            if MIN_WIDTH <= w <= MAX_WIDTH:
                by_width[w] += n
    width = max(range(MIN_WIDTH, MAX_WIDTH + 1), key=lambda w: (by_width[w], -w))
    longer = sum(n for n in lengths if n > width + 3)
    lines_at = sum(1 for n in lengths if abs(n - width) <= 1) / max(len(lengths), 1)
    return [1.0, by_width[width] / total, lines_at, longer / total, width / 10, punctuated]


def is_column_text(lines: Sequence[str]) -> bool:
    """True when the page's lines were set in newspaper columns (see module docstring)."""
    if sum(1 for ln in lines if ln.strip()) < MIN_LINES:
        return False
    features = layout_features(lines)
    if features[LAYOUT_FEATURES.index("longer")] > MAX_LONGER:
        return False  # most of the text in lines wider than any column: paragraphs a line
    z = sum(a * b for a, b in zip(_weights(), features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) >= 0.5
