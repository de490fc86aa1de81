"""Where a title candidate's line stands on the page, beyond its own text: a section head of a
numbered series ("一、…" then "二、…"), an item of a list of other articles' headlines, a line a
byline or date line follows (as one follows a headline). Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from .lazyre import lazy_compile
from .lines import HAN_RE
from .models import Line
from .patterns import DOC_NUMBER_RE

# The number of a numbered line and its style: Han numerals with "、", in brackets, Arabic.
_NUMBER_RE = lazy_compile(
    r"^[^\w（(]*(?:([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十\d]{1,3})[）)]|(\d{1,2})[、.．](?!\d))"
)
_HAN_DIGITS = {c: k for k, c in enumerate("零一二三四五六七八九")}
# A legal text's article, chapter or section number ("第六条", "第三章　附则").
_ARTICLE_RE = lazy_compile(r"^第([一二三四五六七八九十]{1,3})([条章节])")
# A deck opens with a dash ("——论…").
DECK_MARKS = ("—", "-", "－")
# A byline, date or source line this many lines below a line marks it as a headline.
META_BELOW = 2
# Shortest and longest item of a list of headlines (see _listish): longer than a name or a menu
# word, no longer than a headline usually is.
LIST_ITEM, LIST_MAX = 6, 30
# Fewest lines of that shape in a row that make a list (a kicker, headline and deck are three).
LIST_RUN = 4


def section_number(text: str) -> tuple[int, int] | None:
    """(style, number) of a line opening with a section number ("二十三、" -> (0, 23)), or None."""
    m = _NUMBER_RE.match(text)
    if m is None:
        return None
    style, raw = next((k, g) for k, g in enumerate(m.groups()) if g)
    value = _value(raw)
    return None if value is None else (style, value)


def _value(raw: str) -> int | None:
    """The number Arabic or Han digits write ("12", "二十三"), up to 99; None if ill-formed."""
    if raw.isdigit():
        return int(raw)
    tens, _, ones = raw.rpartition("十")
    if "十" not in raw:
        return _HAN_DIGITS[raw] if len(raw) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


def series_number(text: str) -> tuple[int, int] | None:
    """``section_number``, or a legal text's article, chapter or section ("第六条", "第三章":
    styles 3, 4, 5)."""
    found = section_number(text)
    if found is not None:
        return found
    m = _ARTICLE_RE.match(text)
    value = _value(m.group(1)) if m else None
    return None if m is None or value is None else (3 + "条章节".index(m.group(2)), value)


def _runs(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """The lines that open with a section number, (index, number), per style in page order."""
    by_style: dict[int, list[tuple[int, int]]] = {}
    for i, found in enumerate(map(section_number, texts)):
        if found is not None:
            by_style.setdefault(found[0], []).append((i, found[1]))
    return list(by_style.values())


def series_heads(texts: Sequence[str]) -> set[int]:
    """Lines that open with a section number whose next numbered line of the same style below
    carries the next number ("一、…" then "二、…"): section heads of a running series. A
    chapter's number above its sections ("二十三、…" above "一、…") is not one."""
    return {i for heads in _runs(texts) for (i, n), after in pairwise(heads)
            if after[1] == n + 1}


def series_items(texts: Sequence[str]) -> set[int]:
    """Lines whose section number follows on from the numbered line of the same style above
    them or leads on to the one below (n after n - 1, or before n + 1): every item of a running
    series, its last one too. A chapter's number above its sections is not one.

    >>> sorted(series_items(["二十三、感赞", "一、甲", "正文。", "二、乙", "二十三、丙"]))
    [1, 3]
    """
    items = set()
    for heads in _runs(texts):
        for (i, n), (j, m) in pairwise(heads):
            if m == n + 1:
                items.update((i, j))
    return items


def _listish(text: str, skip: Callable[[str], bool]) -> bool:
    """A headline-sized line (``LIST_ITEM`` to ``LIST_MAX`` characters) with Han characters and
    no sentence end, not a row of words (a menu), a breadcrumb, a deck, a byline or a date line:
    what an item of a list of other articles' headlines looks like."""
    n = len(text) - text.count(" ")
    return (LIST_ITEM <= n <= LIST_MAX and bool(HAN_RE.search(text)) and len(text.split()) < 3
            and ">" not in text
            and not text.startswith(DECK_MARKS) and not any(c in text for c in "。！？；")
            and not skip(text))


def _run(i: int, lines: Sequence[Line], skip: Callable[[str], bool]) -> int:
    """Lines in the run of list-item-shaped lines around line ``i`` (itself counted), looked
    for up to ``LIST_RUN`` lines each way."""
    up = next((k for k in range(1, LIST_RUN + 1)
               if i - k < 0 or not _listish(lines[i - k].text, skip)), LIST_RUN + 1) - 1
    down = next((k for k in range(1, LIST_RUN + 1)
                 if i + k >= len(lines) or not _listish(lines[i + k].text, skip)), LIST_RUN + 1) - 1
    return 1 + up + down


def placement(i: int, lines: Sequence[Line], skip: Callable[[str], bool],
              dated: bool) -> tuple[float, float]:
    """Where line ``i`` stands, as two features: a byline, date or source line (one ``skip``
    accepts) follows it within ``META_BELOW`` lines, or it is ``dated`` (carries a date after
    its text), as a headline is; it is an item of a list, tagged so or in a run of at least
    ``LIST_RUN`` lines shaped like list items, as another article's headline in a sidebar is (a
    kicker, headline and deck stacked are three). (0, 0) for a metadata title (``i`` < 0)."""
    if i < 0:
        return 0.0, 0.0
    # (an official document's number is printed under its issuer's name, above the headline)
    below = any(skip(ln.text) and not DOC_NUMBER_RE.match(ln.text)
                for ln in lines[i + 1:i + 1 + META_BELOW])
    listed = lines[i].tag == "li" or _run(i, lines, skip) >= LIST_RUN
    return float(below or dated), float(listed)
