"""The join model of flowing text: whether a body line carries on the paragraph above it.

A few layout and language facts decide outright (a dateline, a line ending on a comma or with a
quote or bracket left open, a long line stopped mid-sentence); otherwise a logistic model over
``JOIN_FEATURES``, its weights fitted by ``benchmarks/fit_flow.py`` into ``data/joins.json``.
Pure, no I/O but reading the shipped weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from . import fitted
from . import patterns as P
from .lines import SHORT_LINE
from .meta_lines import is_dateline
from .models import Line
from .text import is_complete

JOIN_FEATURES = (
    "bias",
    "prev_complete",
    "prev_len",
    "next_len",
    "prev_short",
    "next_punct_start",
    "prev_function_end",
    "gap",
    "indent",
    "next_list",
    "prev_heading",
)
_FUNCTION_END = frozenset("的了在和与对为将等及从被把其这就要是有以于并之所但还向由")


@cache
def join_weights() -> list[float]:
    return list(fitted.load("joins.json", features=JOIN_FEATURES)["weights"])


def join_features(prev: Line, nxt: Line) -> list[float]:
    """Inputs of the join model for two consecutive body lines."""
    a, b = prev.text, nxt.text
    return [
        1.0,
        1.0 if is_complete(a) else 0.0,
        math.log1p(len(a)),
        math.log1p(len(b)),
        1.0 if len(a) <= SHORT_LINE else 0.0,
        1.0 if b[:1] in "，。、；：,.;:！？!?）)”’" else 0.0,
        1.0 if a[-1:] in _FUNCTION_END else 0.0,
        1.0 if nxt.gap else 0.0,
        1.0 if nxt.indent else 0.0,
        1.0 if nxt.tag == "li" else 0.0,
        1.0 if prev.tag[:1] == "h" else 0.0,
    ]


def joins(prev: Line, nxt: Line, w: Sequence[float] | None = None) -> bool:
    """True when ``nxt`` continues the paragraph ``prev`` is in: a dateline, a line that ends on
    a comma, leaves a quote or bracket open, or is longer than a heading and stops mid-sentence
    always continues; otherwise the fitted join model decides."""
    a = prev.text
    if nxt.tag[:1] != "h" and not nxt.tag and (
            is_dateline(a) or a[-1] in P.CONTINUING
            or any(a.count(x) > a.count(y) for x, y in P.PAIRS)
            or (len(a) > P.HEADING_MAX and a[-1].isalnum() and not is_complete(a))):
        return True
    w = join_weights() if w is None else w
    return fitted.dot(w, join_features(prev, nxt)) > 0
