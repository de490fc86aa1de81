"""Features of a page's lines: what a line looks like, on any site, as numbers.

Each line of a ``Document`` gets a vector of layout and language features — length, share of Han
characters, sentence punctuation, Chinese function-word density, list/menu markers, link text,
digits and footer marks, position on the page, repetition — and its neighbours' context is added
by ``classify``. Nothing here names one site's wording: the few character sets below describe
Chinese prose or page furniture in general. Pure, no I/O.

>>> from fjhealth.read.plain import read_plain
>>> rows = line_features(read_plain("首页 | 新闻 | 关于\\n医院今年接诊患者三万人次。").lines)
>>> rows[0][FEATURES.index("separators")] > rows[1][FEATURES.index("separators")]
True
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Sequence
from functools import cache

from .lazyre import lazy_compile
from .linememo import kind as line_kind
from .models import Line
from .text import is_complete

# Han ideographs (the common blocks; rarer ones count as "other letters").
HAN_RE = lazy_compile("[\u4e00-\u9fff\u3400-\u4dbf]")
# Characters that are mostly grammatical in running Chinese text (particles, prepositions,
# conjunctions, copulas): dense in prose, rare in menus, names and headlines.
_FUNCTION_CHARS = frozenset("的了是在和与对为将等也都而及从被把其这就要有以于并之所但还已该此向由")
# Separators between menu items, breadcrumbs and link lists.
SEPARATOR_RE = lazy_compile(r"[|｜·•»›>＞/／]|\s{2,}")
# A list or menu item marker at the start of a line.
_MARKER_RE = lazy_compile(r"^[*·•\-–—>»›■□●○◆◇▪▶►★☆\[【〖]")
# Footer marks that hold on any Chinese site: ICP licence and public-security filing numbers,
# copyright, postcode/telephone/address lines (a small documented supplement to the shape features).
# The lookahead names every alternative's first character: the regex engine then skips ahead to
# those characters instead of trying each alternative at every position (3x faster, same matches).
FOOTER_RE = lazy_compile(
    r"(?=[icae©备公版技主承邮电传地(])(?:"
    r"ICP|备案|公网安备|©|\(c\)|版权所有|Copyright|All Rights|技术支持|主办单位|承办单位|邮编|"
    r"电话\s*[:：]|传真\s*[:：]|地址\s*[:：]|E-?mail)",
    re.IGNORECASE,
)
# A short label and a colon opening a line: key-value furniture ("上一篇：…", "地址：…").
LABEL_RE = lazy_compile(r"[^\s：:，,。]{1,5}[：:]")
# A date or a time of day anywhere in the line.
# (Both open with a digit: the lookahead lets the engine skip to digits.)
DATE_RE = lazy_compile(r"(?=\d)(?:(19|20)\d\d\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d\d)")
# Lines at most this long (non-space characters) count as "short" for runs of menu items.
SHORT_LINE = 8
# Beyond this length a line's length says nothing more, and footer marks in it are the prose's.
LONG_LINE = 200

FEATURES = (
    "bias",
    "log_len",
    "up_to_10",
    "up_to_30",
    "han_share",
    "sentence_ends",
    "clauses",
    "complete",
    "function_words",
    "link_share",
    "marker",
    "separators",
    "short_tokens",
    "digit_share",
    "latin_share",
    "footer",
    "furniture_words",  # units.line_kind recognises the line as page furniture
    "label",  # opens with a short label and a colon ("上一篇：", "地址：")
    "date",
    "heading",
    "list_item",
    "table",
    "quote",
    "repeated",
    "short_run",
    "gap",
)


def _run_lengths(short: list[bool]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it belongs to (0 if long)."""
    out = [0] * len(short)
    i = 0
    while i < len(short):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(short) and short[j]:
            j += 1
        for k in range(i, j):
            out[k] = j - i
        i = j
    return out


@cache
def _class_table() -> str:
    """translate() table: each character -> the letter of its class (Han "H", function
    character "F", sentence end "S", clause mark "C", digit "D", Latin letter "L", white space
    "W", a separator that also splits tokens "P", another separator "Q": ``SEPARATOR_RE`` and
    ``_TOKEN_SPLIT_RE``'s characters), other characters (and those past the table, where no
    white space is) unchanged. Built on first use (a page without flowing text never needs it);
    a string indexed by code point, which translate() reads faster than a dict."""
    table = [chr(c) for c in range(0x10000)]
    table[0x4E00:0xA000] = "H" * (0xA000 - 0x4E00)
    table[0x3400:0x4DC0] = "H" * (0x4DC0 - 0x3400)
    for chars, letter in ((_FUNCTION_CHARS, "F"), ("。！？；!?", "S"), ("，、：,", "C"),
                          ("0123456789０１２３４５６７８９", "D"), (string.ascii_letters, "L"),
                          (filter(str.isspace, table), "W"), ("|｜·•/／", "P"), ("»›>＞", "Q")):
        for c in list(chars):
            table[ord(c)] = letter
    return "".join(table)


# Where a line splits into tokens (menu items, breadcrumb steps): white space and the "P" class.
_TOKEN_SPLIT_RE = lazy_compile(r"[\s|｜·•/／]+")
# SEPARATOR_RE's second half (its first is the "P" and "Q" classes).
_SPACE_RUN_RE = lazy_compile(r"\s{2,}")


def _features(line: Line, repeated: bool, run: int) -> list[float]:
    t = line.text
    n = max(len(t) - t.count(" "), 1)
    classes = t.translate(_class_table())
    function = classes.count("F")
    han = classes.count("H") + function
    marks, spaces = classes.count("P"), classes.count("W")
    short_tokens = 0.0
    if marks + spaces >= 2:  # (fewer cannot split the line into three tokens)
        tokens = [tok for tok in _TOKEN_SPLIT_RE.split(t) if tok]
        if len(tokens) >= 3:
            short_tokens = sum(len(tok) <= 4 for tok in tokens) / len(tokens)
    # SEPARATOR_RE's matches: each separator mark, each run of two or more white spaces
    separators = marks + classes.count("Q")
    if "WW" in classes:
        separators += len(_SPACE_RUN_RE.findall(t))
    tag = line.tag
    digits = classes.count("D")
    return [
        1.0,
        math.log1p(min(n, LONG_LINE)),
        1.0 if n <= 10 else 0.0,
        1.0 if n <= 30 else 0.0,
        han / n,
        min(classes.count("S") * 20 / n, 3.0),
        min(classes.count("C") * 20 / n, 3.0),
        1.0 if is_complete(t) else 0.0,
        function / max(han, 1),
        min(line.links / max(len(t), 1), 1.0),
        1.0 if _MARKER_RE.match(t) else 0.0,
        min(separators * 10 / n, 3.0),
        short_tokens,
        digits / n,
        classes.count("L") / n,
        1.0 if n <= LONG_LINE and FOOTER_RE.search(t) else 0.0,
        1.0 if line_kind(t)[0] == "boiler" else 0.0,
        1.0 if ("：" in t[:6] or ":" in t[:6]) and LABEL_RE.match(t) else 0.0,
        1.0 if digits and DATE_RE.search(t) else 0.0,  # (dates are written in ASCII or
        # full-width digits, the class table's "D")
        1.0 if tag[:1] == "h" else 0.0,
        1.0 if tag == "li" else 0.0,
        1.0 if tag == "table" else 0.0,
        1.0 if tag == "quote" else 0.0,
        1.0 if repeated else 0.0,
        math.log1p(run),
        1.0 if line.gap else 0.0,
    ]


def line_features(lines: Sequence[Line]) -> list[list[float]]:
    """One feature vector per line, in ``FEATURES`` order."""
    counts = Counter(ln.text for ln in lines)
    runs = _run_lengths([len(ln.text) - ln.text.count(" ") <= SHORT_LINE for ln in lines])
    return [_features(ln, counts[ln.text] > 1, runs[i]) for i, ln in enumerate(lines)]
