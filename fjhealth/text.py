"""Text repair at the level of characters and lines: pure string functions the cleaner uses.

Normalizing odd characters, joining column lines, removing the spaces justified OCR puts
between CJK characters, and telling whether a piece of text ends a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns as P
from .lazyre import lazy_compile

# normalize(): C0/C1 controls and zero-width characters go, odd spaces become " ", Unicode line
# and paragraph separators become "\n"; private-use characters (U+E000–U+F8FF: icon fonts'
# glyphs, boxes in any text) go too, but for GBK's full-width space (a space).
_REWRITE = {
    **dict.fromkeys(
        [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)], ""
    ),
    **dict.fromkeys([*range(0x200B, 0x2010), 0x2060, 0xFEFF], ""),
    # (U+E5E5 is what GBK's byte pair A3A0, pages' full-width space, decodes to.)
    **dict.fromkeys([0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0xE5E5],
                    " "),
    **dict.fromkeys([0x0B, 0x0C, 0x85, 0x2028, 0x2029], "\n"),
}
# Any character normalize() rewrites; matching them with one regex is far faster than translate().
_ODD_CHAR_RE = lazy_compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(_REWRITE)) + "\ue000-\uf8ff]")


def normalize(text: str) -> str:
    """Unify line ends and spaces; drop control and zero-width characters.

    >>> normalize("a\\r\\nb\\u3000c\\x1b[31m")
    'a\\nb c[31m'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ODD_CHAR_RE.sub(lambda m: _REWRITE.get(ord(m.group()), ""), text)


def nonspace_len(s: str) -> int:
    return len(s) - s.count(" ")


def join_lines(lines: list[str]) -> str:
    """Join column lines: no separator, except a space between two Latin words or numbers."""
    if len(lines) <= 1:
        return lines[0] if lines else ""
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:], strict=False):
        if prev and line and P.WORD_CHAR_RE.match(prev[-1]) and P.WORD_CHAR_RE.match(line[0]):
            out.append(" ")
        out.append(line)
    return "".join(out)


def fix_spaces(text: str, headline: bool = False) -> str:
    """Remove the spaces justified OCR lines put between CJK characters and digits.

    A headline keeps a single space between two multi-character phrases.

    >>> fix_spaces("台 江 区 10 家社区中心 1547 人次，三 、四 级 DRG 支付")
    '台江区10家社区中心1547人次，三、四级 DRG 支付'
    >>> fix_spaces("医联共建手牵手 能力提升惠民生", headline=True)
    '医联共建手牵手 能力提升惠民生'
    """
    text = " ".join(text.split())
    if " " not in text:
        return text
    keep_gaps = headline and not _is_justified(text)
    if not keep_gaps:  # a space between two Han characters goes (done first: the commonest)
        text = _HAN_GAP_RE.sub("", text)

    def gap(m: re.Match[str]) -> str:
        before, after = text[max(m.start() - 2, 0) : m.start()], text[m.end() : m.end() + 2]
        a, b = before[-1:], after[:1]
        if P.is_cjk_punct(a) or P.is_cjk_punct(b):
            return ""
        han_a, han_b = P.is_han(a), P.is_han(b)
        if han_a and han_b:
            phrase = len(before) == len(after) == 2 and all(map(P.is_han, before + after))
            return " " if keep_gaps and phrase else ""
        if (han_a and _is_number(b)) or (han_b and (_is_number(a) or a in "%％")):
            return ""
        return " "

    return P.SPACES_RE.sub(gap, text)


# A Latin clause or sentence mark OCR read after a Han character (and a stray space before it),
# not inside a number or a Latin word: the full-width mark the page printed.
_LATIN_MARK_RE = lazy_compile(f"(?<=[{P.HAN_RANGES}]) ?([,.:;?!])(?![0-9A-Za-z])")
_FULL_MARK = dict(zip(",.:;?!", "，。：；？！", strict=True))


def full_width_marks(text: str) -> str:
    """Latin marks after Han characters as the full-width marks they stand for (OCR of a page
    set in full-width marks), so that sentences end where the page's did.

    >>> full_width_marks("接种流感疫苗,全市两百多个接种点陆续开放 .增长3.5%")
    '接种流感疫苗，全市两百多个接种点陆续开放。增长3.5%'
    """
    if not any(c in text for c in ",.:;?!"):
        return text
    return _LATIN_MARK_RE.sub(lambda m: _FULL_MARK[m.group(1)], text)


# A space between two Han characters (the space first: the engine skips to spaces).
_HAN_GAP_RE = lazy_compile(f" (?=[{P.HAN_RANGES}])(?<=[{P.HAN_RANGES}] )")


def _is_number(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def _is_justified(text: str) -> bool:
    """True when most space-separated tokens are single characters ("台 江 区")."""
    tokens = text.split(" ")
    return len(tokens) > 2 and sum(len(t) == 1 for t in tokens) * 2 > len(tokens)


def _strip_tail(text: str) -> str:
    """Text without a trailing bracketed byline/credit and closing quotes, for end checks."""
    text = P.TAIL_BYLINE_RE.sub("", text).rstrip()
    if text.endswith(("）", ")")) and ("（" in text or "(" in text):
        head = text[: max(text.rfind("（"), text.rfind("("))].rstrip()
        if head and head[-1] in P.TERMINAL:
            return head
    return text.rstrip(P.CLOSERS + " ")


# Characters at the end of a text that decide whether it is complete (a trailing byline or
# bracketed note is far shorter): bounds the cost of asking a paragraph that keeps growing.
TAIL_WINDOW = 400


def is_complete(text: str) -> bool:
    """True when text ends a sentence, so a following break is a real paragraph break.

    >>> is_complete("他说：“好。”"), is_complete("医院上下")
    (True, False)
    >>> is_complete("百分点。 （本报记者 陈坤）")
    True
    >>> is_complete("慢 性 病 随 访 ."), is_complete("增长 3.")
    (True, False)
    """
    last = text[-1:]
    if last and last not in _STRIPPED_ENDS and not last.isspace():
        # nothing at the end for ``_strip_tail`` to take off (no bracket, quote or space):
        # the last characters decide
        return last in P.TERMINAL or text.endswith(_OPEN_ENDS) or _han_stop(text)
    return _tail_complete(text[-TAIL_WINDOW:])  # the cleaner asks this of a growing paragraph


def ends_alone(text: str) -> bool:
    """True when ``is_complete`` of any text ending in this one is ``is_complete`` of this one:
    its last two characters decide (``is_complete``'s short cut, and two characters)."""
    return len(text) >= 2 and text[-1] not in _STRIPPED_ENDS and not text[-1].isspace()


# The characters a text's tail can end with when ``_strip_tail`` takes something off it.
_STRIPPED_ENDS = frozenset(P.CLOSERS)
# Endings that leave a sentence complete besides the terminal marks: a dash or a colon.
_OPEN_ENDS = ("——", "：", ":")


@lru_cache(maxsize=2048)  # the column cleaner asks it of the same lines again and again
def _tail_complete(text: str) -> bool:
    tail = _strip_tail(text)
    return bool(tail) and (tail[-1] in P.TERMINAL or tail.endswith(_OPEN_ENDS) or _han_stop(tail))


def _han_stop(text: str) -> bool:
    """A Latin full stop right after a Han character (OCR may set a space or two between
    them): OCR's (or a half-width typeface's) "。" (a number's decimal point or an
    abbreviation's stop follows no Han character)."""
    return text[-1:] == "." and P.is_han(text[-4:-1].rstrip()[-1:])
