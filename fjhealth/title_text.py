"""A headline line's text: its core without site and channel names, and whether it is shaped like
a headline at all (not a menu, breadcrumb, row of links, dateline or sentence).

``titles`` scores the candidates these give. Pure string work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .lazyre import lazy_compile
from .lines import HAN_RE
from .patterns import STAMP_RE
from .title_place import DECK_MARKS

# Separators between a headline and a site or channel name in a <title> or page heading.
SITE_SEP_RE = lazy_compile(r"\s*(?:[_|｜]|\s[-–—－]\s|——|--|[-－](?=[^-－]{2,12}$))\s*")
# Where a title may be cut from a site or channel name: a site separator or a space.
_CORE_CUT_RE = lazy_compile(r"\s*(?:[_|｜]|\s[-–—－]\s|——|--|-(?=[^-]{2,30}$)|－)\s*|\s+")
# A character every match of SITE_SEP_RE and _CORE_CUT_RE holds: a line without one has no cut
# (searched first: those regexes try their alternatives at every character, 5x slower).
_CUT_MARK_RE = lazy_compile(r"[\s_|｜\-–—－]")
# Markup left at a title's ends by a text rendering (Markdown bold, table bars, heading marks;
# a quote mark at the start). Stripped with str methods: a regex "[…]+$" is quadratic on a run.
_MARKUP_END = " \t\u3000|*#_"
_MARKUP_START = _MARKUP_END + ">"
# Two or more words of at most this many characters ahead of a headline, none of whose
# character pairs the body uses, are a widget's ("推荐 我要说说 <headline>").
WIDGET_MAX = 4
# A line of this many short words or more is a menu ("最新军情 军事评论 军事书籍 军事装备 …").
MENU_ITEMS = 5
# Fewest Han characters left after site names are cut off.
MIN_CORE = 4
# Two or more path separators ("首页 > 新闻 > 正文", "读书 -> 连载"): a breadcrumb.
PATH_SEP_RE = lazy_compile(r"->|[>»›＞→]")
# A link label in square brackets ("[加入书签]"); a text made of them only is a row of links.
_BRACKETED_RE = lazy_compile(r"\s*(?:\[[^\[\]]*\]|［[^［］]*］|【[^【】]*】)\s*")
# This many bracketed labels in a line make it a row of links ("页面功能 【推荐】【打印】【关闭】").
LINK_ROW = 3
# A bracketed label opening a line ("[湖湘文化]标题", "【专题】标题"): a column's name.
_LABEL_RE = lazy_compile(r"^\s*(?:\[[^\[\]]{1,12}\]|［[^［］]{1,12}］|【[^【】]{1,12}】)\s*")
# A date (and time) after a headline on its line ("标题 | 2005-06-14 03:25:55",
# "标题（2024-10-08）"): cut off like a site name.
DATED_END_RE = lazy_compile(
    r"(?<=\S)[\s|｜]*[(（\[]?\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?"
    r"(?:\s*[0-2]?\d[:：][0-5]\d(?:[:：][0-5]\d)?)?[)）\]]?[\s|｜]*$"
)
# A bracketed label holding a full date at a line's start ("【某某网2024年10月08日讯】…",
# "(2024-10-08)"): a dateline opening the body, never a headline.
_DATED_LABEL_RE = lazy_compile(
    r"^[【\[［(（][^】\]］)）]{0,20}?\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}"
)
# Shortest and longest credible titles (non-space characters).
MIN_TITLE, MAX_TITLE = 2, 64


def site_parts(text: str) -> list[str]:
    """The text and, when it holds site separators, each separated part."""
    if not _CUT_MARK_RE.search(text):  # (the separators' regex is slow to find none)
        return [text]
    parts = [p.strip() for p in SITE_SEP_RE.split(text) if p.strip()]
    return [text, *parts] if len(parts) > 1 else [text]


def strip_markup(text: str) -> str:
    """The text without markup left at its ends ("| **标题**", "## 标题")."""
    return text.lstrip(_MARKUP_START).rstrip(_MARKUP_END)


def core_of(text: str, share: Callable[[str], float], elsewhere: Callable[[str], bool],
            deck: Callable[[str], bool] = lambda part: False) -> str:
    """The text without the site or channel names at its ends: an end part goes when the rest
    is printed on its own elsewhere (og:title beside a <title> that adds the site's name), when
    the page prints the part on its own elsewhere (a logo line, another metadata title) and it is
    shorter than the rest, when the page prints it as a deck (``deck``: "——访…"), or, cut
    off by a site separator ("_", "|", " - "), when the body
    shares fewer of its character pairs than of the rest. A space alone needs the evidence of
    the page: headlines put spaces between clauses whose words the body may not repeat. A part
    without Han characters goes when it holds a name or address (letters), not a mark ("(图)").
    What is left keeps at least ``MIN_CORE`` Han characters; it is a piece of ``text``."""
    bare = text.lstrip(_MARKUP_START)
    label = _LABEL_RE.match(bare)
    if label and len(HAN_RE.findall(bare[label.end():])) >= MIN_CORE and elsewhere(
            strip_markup(bare[label.end():])):
        text = bare[label.end():]  # a column's label ahead of a headline the page prints alone
    cuts = list(_CORE_CUT_RE.finditer(text)) if _CUT_MARK_RE.search(text) else []
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(text)]
    spans = [(bounds[k], bounds[k + 1], k // 2) for k in range(0, len(bounds), 2)]
    spans = [sp for sp in spans if text[sp[0]:sp[1]].strip()]
    lo, hi = 0, len(spans)

    def weak(k: int, gap: int, rest: str) -> bool:
        part = text[spans[k][0]:spans[k][1]].strip()
        if len(HAN_RE.findall(rest)) < MIN_CORE or part[:1] in "(（[【《“":
            return False
        if not HAN_RE.search(part):
            return sum(map(str.isalpha, part)) >= 3
        if elsewhere(rest.strip()) or (elsewhere(part) and len(part) < len(rest)) or deck(part):
            return True
        # a site separator: the side the body agrees with more; a space separates a headline's
        # clauses too, whose words the body may not repeat: only the evidence above
        return bool(cuts[gap].group().strip()) and share(part) < share(rest)

    def widget(k: int) -> bool:  # a short word ahead of the headline the body never uses
        part = text[spans[k][0]:spans[k][1]].strip()
        return len(part) <= WIDGET_MAX and share(part) == 0.0 and bool(HAN_RE.search(part))

    run = next((k for k in range(len(spans)) if not widget(k)), len(spans))
    if run >= 2 and run < len(spans) and len(HAN_RE.findall(text[spans[run][0]:])) >= MIN_CORE:
        lo = run
    while hi - lo > 1:
        if weak(hi - 1, spans[hi - 1][2] - 1, text[spans[lo][0]:spans[hi - 2][1]]):
            hi -= 1
        elif weak(lo, spans[lo][2], text[spans[lo + 1][0]:spans[hi - 1][1]]):
            lo += 1
        else:
            break
    return strip_markup(text[spans[lo][0]:spans[hi - 1][1]].strip()) if spans else text


def short_tokens(text: str) -> float:
    """Share of space-separated tokens of at most four characters (a menu: "最新军情 军事评论")."""
    tokens = text.split()
    return sum(len(t) <= 4 for t in tokens) / len(tokens) if len(tokens) >= 3 else 0.0


def shape_ok(text: str) -> bool:
    """Title-sized, with Han characters, not a deck (a deck opens with a dash: "——论…"), not
    a sentence (a headline holds no full stop and does not end with a semicolon or comma), not
    a menu (``MENU_ITEMS`` or more words of at most ``WIDGET_MAX`` characters), not a
    breadcrumb (two path separators: "位置：首页 > 新闻 > 正文"), not a row of bracketed link
    labels (nothing but labels, or ``LINK_ROW`` of them: "[加入书签] [打印]"), not a line
    with a time stamp ("02日14:25 作者：…") and not a dateline opening with a bracketed
    label that holds a full date ("【某某网2024年10月08日讯】…")."""
    n = len(text) - text.count(" ")
    tokens = text.split()
    return (MIN_TITLE <= n <= MAX_TITLE and bool(HAN_RE.search(text))
            and not text.startswith(DECK_MARKS) and "。" not in text and text[-1] not in "；;，,、"
            and not (len(tokens) >= MENU_ITEMS and all(len(t) <= WIDGET_MAX for t in tokens))
            and len(PATH_SEP_RE.findall(text)) < 2 and bool(_BRACKETED_RE.sub("", text))
            and len(_BRACKETED_RE.findall(text)) < LINK_ROW
            and STAMP_RE.search(text) is None and _DATED_LABEL_RE.match(text) is None)


def channel_words(bares: Sequence[str]) -> set[str]:
    """Words of at most ``WIDGET_MAX`` Han characters the page prints as a line of their own or
    as an item of a menu line (``MENU_ITEMS`` or more short words): channel and menu names."""
    out: set[str] = set()
    for t in bares:  # (the lines without markup at their ends)
        tokens = t.split()
        if len(tokens) == 1 or (len(tokens) >= MENU_ITEMS
                                and all(len(w) <= WIDGET_MAX for w in tokens)):
            out.update(w for w in tokens
                       if 2 <= len(w) <= WIDGET_MAX and len(HAN_RE.findall(w)) == len(w))
    return out


def unglued(piece: str, channels: set[str]) -> str:
    """The piece without a channel's name glued to its start ("军事技术飞行物理学常识", where the
    page's menu names "军事技术": a breadcrumb's last link run into the headline), or ""."""
    word = next((piece[:k] for k in range(WIDGET_MAX, 1, -1) if piece[:k] in channels), "")
    rest = piece[len(word):].strip()
    return rest if word and len(HAN_RE.findall(rest)) >= MIN_CORE else ""
