"""Titles of column pages: each article takes the display line (or broken two-line headline)
that agrees best with its body (``columns`` gathers the lines: above an article or at the end
of the page). Pure."""

from __future__ import annotations

from . import column_lines as L
from . import patterns as P
from .cells import width
from .column_lines import is_deck, join
from .column_stack import NEXT_LINE, SAME_LINE
from .lazyre import lazy_compile
from .text import fix_spaces
from .units import Draft, best_draft, bigrams

# A day alone on a line ("2025年6月20日"): under a notice, the date it is signed on.
_SIGNED_RE = lazy_compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def join_items(items: list[str], ties: list[int]) -> str:
    """Headline candidates joined back: phrases of one printed line with their space."""
    out = items[0]
    for item, tie in zip(items[1:], ties[1:], strict=True):
        out = f"{out} {item}" if tie == SAME_LINE else join([out, item])
    return fix_spaces(out, headline=True)


def agreement(text: str, d: Draft) -> float:
    """How well a headline agrees with an article body: the share of its character pairs
    the body uses (a kicker or deck borrowed from elsewhere shares few or none)."""
    grams = bigrams(text)
    return d.shared(grams) / len(grams) if grams else 0.0


# How many articles back a headline left over in another article's group is looked for (a
# bound: choosing titles stays linear in the number of articles).
NEAR_GROUPS = 2


def choose_titles(drafts: list[Draft], groups: list[list[str]], ties: list[list[int]],
                   owner: list[int]) -> None:
    """Titles by agreement with the body; the rest of each group become subtitles.

    ``groups`` are display lines above an article (``owner`` its index) or at the end of the
    page (owner -1); ``ties`` tell which line carries on the display run or the printed line of
    the one before.
    Each article takes the line (or broken two-line headline) of its own group that agrees
    best with its body; an article without one takes the best agreeing line of any group.
    A deck ("——…"), a byline ("本报记者…", however it was read) or a line longer than any
    headline is never a title.
    """
    used: set[tuple[int, int]] = set()

    def take(d: Draft, g: int, i: int, j: int) -> None:
        d.title = join_items(groups[g][i : j + 1], ties[g][i : j + 1])
        used.update((g, x) for x in range(i, j + 1))

    def spans(g: int, d: Draft) -> list[tuple[float, int, int]]:
        """(agreement, first, last) of the lines and line pairs of a group. Two lines are one
        broken headline when both agree with the body and the second is no wider, nor much
        narrower (a short headline under a long kicker stands alone); two phrases of one
        printed line are one headline when both agree, and so are two lines when the first
        stops at a comma (a headline broken at its comma, whatever the widths) or inside a
        bracket the second closes (whatever the agreement)."""
        items = groups[g]
        tie = ties[g]
        agree = [agreement(x, d) if not is_deck(x) and len(x) <= L.params()["title_max"]
                 and not P.BYLINE_RE.match(x) else 0.0 for x in items]
        out = []
        for i in range(len(items)):
            if i + 1 < len(items) and ((
                    min(agree[i], agree[i + 1]) >= L.params()["pair_agreement"]
                    and (tie[i + 1] == SAME_LINE or L.params()["pair_ratio"] * width(items[i])
                         <= width(items[i + 1]) <= width(items[i]) + 1
                         or (tie[i + 1] == NEXT_LINE and items[i][-1] in P.CONTINUING)))
                    or (_unclosed(items[i]) and _unclosed(items[i + 1], closes=True))):
                both = agreement(items[i] + items[i + 1], d)
                out.append((max(both, agree[i], agree[i + 1]) + 0.01, i, i + 1))
            out.append((agree[i], i, i))
        return [x for x in out if not {(g, k) for k in range(x[1], x[2] + 1)} & used]

    # the headline above an article: the line (or pair) of its own group that agrees best (of
    # two that agree as well, the one nearer the body: a kicker stands above the headline),
    # unless a line left over in the group of an article just before (titled already) agrees
    # better by the own group's bonus
    bonus, least = L.params()["own_bonus"], L.params()["lead_agreement"]
    for g, k in enumerate(owner):
        if k >= 0:
            done = [h for h in range(max(g - NEAR_GROUPS, 0), g + 1)
                    if h == g or (owner[h] >= 0 and drafts[owner[h]].title)]
            ok = [(x[0] + (bonus if h == g else 0.0), x[0], x[1], h, x[1], x[2])
                  for h in done for x in spans(h, drafts[k]) if x[0] >= least]
            ok += [(x[0] + bonus, x[0], x[1], len(groups) - 1, x[1], x[2])
                   for x in spans(len(groups) - 1, drafts[k]) if x[0] >= least
                   and _over_deck(groups[-1], x[2])]  # a headline over its deck, printed last
            if any(x[3] in (g, len(groups) - 1) for x in ok):
                _, _, _, h, i, j = max(ok)
                take(drafts[k], h, i, j)
    # no line of its own agrees enough: the line printed right on the byline
    for g, k in enumerate(owner):
        d = drafts[k] if k >= 0 else None
        if d is not None and not d.title and d.on_byline in groups[g]:
            x = len(groups[g]) - 1 - groups[g][::-1].index(d.on_byline)
            if (g, x) not in used and not is_deck(d.on_byline) \
                    and not P.BYLINE_RE.match(d.on_byline):
                take(d, g, x, x)
    # untitled articles: the best agreeing line of any group
    cands = [(score + (bonus if owner[g] == k else 0.0), -k, g, i, j)
             for k, d in enumerate(drafts) if not d.title
             for g in range(len(groups)) for score, i, j in spans(g, d) if score > 0]
    for _, negk, g, i, j in sorted(cands, reverse=True):
        d = drafts[-negk]
        if not d.title and not {(g, x) for x in range(i, j + 1)} & used:
            take(d, g, i, j)
    for g, items in enumerate(groups):  # no agreement: the last non-deck line of its own group
        if owner[g] >= 0 and not drafts[owner[g]].title:
            free = [x for x in range(len(items)) if (g, x) not in used and not is_deck(items[x])
                    and not P.BYLINE_RE.match(items[x])]
            if free:
                drafts[owner[g]].title = items[free[-1]]
                used.add((g, free[-1]))
    for g, items in enumerate(groups):  # the rest: subtitles, a broken one re-joined
        parts: list[list[int]] = []
        for x, item in enumerate(items):
            if (g, x) in used:
                continue
            if parts and ties[g][x] and (g, x - 1) not in used and not is_deck(item):
                parts[-1].append(x)
            else:
                parts.append([x])
        for part in parts:
            text = join_items([items[x] for x in part], [ties[g][x] for x in part])
            d = drafts[owner[g]] if owner[g] >= 0 else best_draft(drafts, text, False)
            # a day alone closing the lines ("青溪市医疗保障局" / "2025年6月20日"): the date a
            # notice is signed on, metadata
            signed = _SIGNED_RE.fullmatch(items[part[-1]].strip())
            (d.meta if signed else d.subtitles).append(text)


def _over_deck(items: list[str], j: int) -> bool:
    """Line ``j`` of a group stands right over a deck ("——…")."""
    return j + 1 < len(items) and is_deck(items[j + 1]) and not is_deck(items[j])


def _unclosed(text: str, closes: bool = False) -> bool:
    """A line that opens a bracket it does not close (``closes``: that closes one it did not
    open): a line broken inside the brackets."""
    opened, closed = text.count("（") + text.count("("), text.count("）") + text.count(")")
    return closed > opened if closes else opened > closed
