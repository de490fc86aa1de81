"""A list page: a channel's headlines, their dates and teasers, with no article on it. The
flow cleaner asks this of the body its models found, and gives no article when it is. Pure.

>>> from fjhealth.models import Line
>>> page = [Line(t) for t in ["首页", "通知公告", "关于开展义诊活动的通知", "2025-12-18"] * 3]
>>> is_list_page(page, [2])
True
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Line

# A body this short with no sentence or clause mark, on a page of at least LIST_PAGE lines, is
# one item of a list page's headlines the model liked, not an article (``is_list_page``); so is a
# body of TEASERS or more lines cut short with an ellipsis, the most of its lines that end so.
STRAY_CHARS = 100
LIST_PAGE = 10
TEASERS = 3
# What may follow the ellipsis closing a teaser ("……", "...", "…"): a closing quote or bracket.
_CLOSERS = "”’」』）)"


def is_list_page(lines: Sequence[Line], body: Sequence[int]) -> bool:
    """A list page (a channel's headlines, dates and teasers) gives no article: its body would
    be a headline or two that hold no sentence among many other lines, or mostly teasers, each
    cut short with an ellipsis."""
    texts = [lines[i].text for i in body]
    if len(lines) < LIST_PAGE:
        return False
    teasers = sum(1 for t in texts if t.rstrip(_CLOSERS).endswith(("…", "...")))
    prose = sum(1 for t in texts if any(c in t for c in "。！？!?；;，,：…"))
    return ((sum(map(len, texts)) < STRAY_CHARS and not prose)
            or (teasers >= TEASERS and teasers * 2 > prose))
