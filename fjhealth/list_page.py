"""A list page: a channel's headlines, their dates and teasers, with no article on it. The
flow cleaner asks this of the body its models found, and gives no article when it is. Pure.

>>> from fjhealth.models import Line
>>> page = [Line(t) for t in ["首页", "通知公告", "关于开展义诊活动的通知", "2025-12-18"] * 3]
>>> is_list_page(page, [2])
True
"""

from __future__ import annotations

from collections.abc import Sequence

from .lazyre import lazy_compile
from .models import Line

# A body this short with no sentence or clause mark, on a page of at least LIST_PAGE lines, is
# one item of a list page's headlines the model liked, not an article (``is_list_page``); so is a
# body of TEASERS or more lines cut short with an ellipsis, the most of its lines that end so.
STRAY_CHARS = 100
LIST_PAGE = 10
TEASERS = 3
# A teaser's end: an ellipsis ("……", "...", "…"), then perhaps a closing quote or bracket and a
# short link to the rest ("[详细]", "【全文】", ">>").
_TEASER_END_RE = lazy_compile(
    r"(?:…|\.\.\.)[”’」』）)]?\s*(?:[\[【(（]?[^\s\[\]【】()（）]{1,4}[\]】)）]|>>|»)?$")


def _teaser(text: str) -> bool:
    """Cut short with an ellipsis, perhaps before a link to the rest ("…[详细]", "...>>")."""
    return bool(_TEASER_END_RE.search(text))


def is_list_page(lines: Sequence[Line], body: Sequence[int]) -> bool:
    """A list page (a channel's headlines, dates and teasers, search results) gives no article:
    its body would be a headline or two that hold no sentence among many other lines, or mostly
    teasers, each cut short with an ellipsis, or nothing but teasers on a page of ``TEASERS`` or
    more (one item of the list the model liked)."""
    texts = [lines[i].text for i in body]
    if len(lines) < LIST_PAGE:
        return False
    teasers = sum(map(_teaser, texts))
    prose = sum(1 for t in texts if any(c in t for c in "。！？!?；;，,：…"))
    return ((sum(map(len, texts)) < STRAY_CHARS and not prose)
            or (teasers >= TEASERS and teasers * 2 > prose)
            or (0 < teasers == len(texts) and sum(_teaser(ln.text) for ln in lines) >= TEASERS))
