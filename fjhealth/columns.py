"""Newspaper column pages into articles: headlines, bylines, captions and furniture apart.

``column_lines`` groups a column page's lines into runs; here each run is classified by what it
holds (prose, display text, a byline, a caption, page furniture), the page is split into
articles where a byline, a dateline or an attribution line opens or closes one, and each
article takes as its title the display line above it (or at the end of the page) that agrees
best with its body: the share of the headline's character pairs the body uses. Pure.
"""

from __future__ import annotations

import re

from . import column_lines as L
from . import patterns as P
from .bylines import is_name_line
from .cells import width
from .column_cuts import whole_lines
from .column_lines import Ln, is_deck, join, prose
from .column_mend import Run as _Run
from .column_mend import mend
from .column_page import column_runs, read_lines
from .column_stack import APART, NEXT_LINE, SAME_LINE, split_stacked, topic_turn
from .lazyre import lazy_compile
from .models import Block, Removed
from .text import fix_spaces, full_width_marks, is_complete, nonspace_len
from .units import Draft, best_draft, bigrams

# A day alone on a line ("2025年6月20日"): under a notice, the date it is signed on.
_SIGNED_RE = lazy_compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def params() -> dict[str, float]:
    """The fitted layout thresholds (read through ``column_lines`` so one patch serves both)."""
    return L.params()


def _classify(run: list[Ln], col: float) -> _Run:
    first = run[0]
    if first.kind != "text" or first.caption:
        return _Run("caption" if first.caption else first.kind, run)
    text = join([ln.text for ln in run])  # (handed to the run: it is the run's text)
    if run[-1].jumps and L.prose(text):
        return _Run("para", run, text)  # prose sent on to another page by a jump line
    if P.ATTRIBUTION_RE.match(text) or (len(run) == 1 and P.NAME_BYLINE_RE.match(text)):
        return _Run("meta", run, text)
    if len(text) <= 60 and P.PROMO_RE.search(text):
        first.reason = "promotion"
        return _Run("boiler", run, text)
    if len(text) <= P.AD_MAX_CHARS and sum(map(text.__contains__, P.AD_TERMS)) >= P.AD_MIN_TERMS:
        first.reason = "subscription ad"  # the paper's own ad: several subscription terms
        return _Run("boiler", run, text)
    if len(text) <= 120 and (P.CAPTION_POSITION_RE.search(text)
                             or P.CAPTION_CREDIT_RE.search(text)) \
            and not is_complete(text.rstrip("）)")):
        return _Run("caption", run, text)  # a photo caption: who is where, or the photographer
    short = len(run) <= 3 and nonspace_len(text) <= P.HEADLINE_MAX and not is_complete(text)
    if short and not (prose(text) or P.DATELINE_START_RE.match(text)):
        return _Run("display", run, text)
    if len(run) == 1 and first.w > col + params()["wide"] and not is_complete(text):
        return _Run("display", run, text)
    if short and nonspace_len(text) <= P.HEADING_MAX and text[-1] not in P.CONTINUING \
            and not P.CAPTION_CREDIT_RE.search(text) and not P.DATELINE_START_RE.match(text):
        return _Run("display", run, text)  # a section head with a comma ("机制革新：…，…")
    return _Run("para", run, text)


def _starts_article(runs: list[_Run], k: int, body: int) -> bool:
    """A byline (or a headline over one), a headline over a deck or a dateline after enough
    body text opens a new article."""
    r = runs[k]
    if body and r.kind == "para" and P.DATELINE_RE.match(r.text) and runs[k - 1].kind == "display":
        return True  # a headline over a dateline opens an article after any text (a short box)
    if body < params()["min_article"]:
        return False
    if r.kind == "meta" and _byline(r.text):
        return True
    if r.kind == "para" and P.DATELINE_RE.match(r.text):
        return True  # a dateline opens an article's first sentence
    if r.kind == "display" and not is_deck(r.text):
        if k + 1 < len(runs) and runs[k + 1].kind == "display" and is_deck(runs[k + 1].text):
            return True  # a headline over its deck (a section head has none)
        nxt = next((x for x in runs[k + 1:] if x.kind != "display"), None)
        return nxt is not None and nxt.kind == "meta" and _byline(nxt.text)
    return False


def _byline(text: str) -> bool:
    """A byline: a role and names ("本报记者 陈坤"), or a name alone ("□李耕", "萧重声")."""
    return bool(P.BYLINE_RE.match(text) or P.NAME_BYLINE_RE.match(text) or is_name_line(text))


def _set_width(r: _Run) -> float:
    """The column width a paragraph is set in: the upper median of its lines but the last (which
    may stop short; 0 if it has no other)."""
    lines = sorted(ln.w for ln in r.lines[:-1])
    return lines[len(lines) // 2] if len(lines) > 1 else 0.0


# How much of a paragraph's end can hold a closing byline ("（本报记者 …）", broken over lines).
TAIL_CHARS = 60


def _split(runs: list[_Run]) -> list[list[_Run]]:
    """The page's runs cut into articles (see ``_starts_article``); a paragraph set in a column
    much wider than the paragraph before it belongs to another article (a lead paragraph set
    wide over a narrow body is common; the other way round starts a new story), and so does
    what follows text a jump line sent on to another page, however short the text before."""
    segs: list[list[_Run]] = [[]]
    body = 0
    ended = sent = False
    last_width = 0.0
    for k, r in enumerate(runs):
        here = _set_width(r) if r.kind == "para" else 0.0
        jump = bool(last_width) and here > params()["width_jump"] * last_width
        if ((ended or jump) and r.kind in ("para", "display")
                and (body >= params()["min_article"] or sent)) \
                or _starts_article(runs, k, body) or topic_turn(runs, k, segs[-1], body):
            # a headline run directly above (over a byline or a dateline) moves with the new
            # article: no article ends in a heading with no text under it
            moved = []
            while segs[-1] and segs[-1][-1].kind == "display" and r.kind in ("meta", "para"):
                moved.insert(0, segs[-1].pop())
            segs.append(moved)
            body, ended, sent = 0, False, False
        segs[-1].append(r)
        last_width = here or last_width
        if r.kind == "para":
            body += len(r.text)
            sent = r.lines[-1].jumps
            ended = sent or _closing_byline(r.text[-TAIL_CHARS:].replace(" ", "")) is not None
        elif r.kind == "meta":
            ended = bool(P.ATTRIBUTION_RE.match(r.text)) or ended
        elif r.kind == "display" and r.lines[-1].jumps and body:
            ended = sent = True  # a headline over a jump line after a body: the text under it
            # came from another page, another article's
    return [s for s in segs if s]


def _closing_byline(text: str) -> re.Match[str] | None:
    """A byline in brackets that closes a paragraph (``patterns.TAIL_BYLINE_RE``; looked for
    only in text that ends in a bracket)."""
    return P.TAIL_BYLINE_RE.search(text) if text.rstrip()[-1:] in "）)" else None


def _trailing(runs: list[_Run]) -> int:
    """Where the end-of-page cluster (headlines, bylines, captions, furniture) begins."""
    i = len(runs)
    while i > 0 and runs[i - 1].kind in ("display", "meta", "caption", "boiler"):
        i -= 1
    return i if any(r.kind == "para" for r in runs[:i]) else len(runs)



def _add_display(r: _Run, col: float, items: list[str], ties: list[int]) -> None:
    """The lines of a display run as headline candidates. Phrases of four or more characters
    held apart by a space are candidates each: a two-phrase headline, or the headlines of two
    articles side by side (always so on a line twice as wide as the column); a line with a
    shorter piece is one headline (without the spaces OCR set between its characters when
    they cut it in three pieces or more)."""
    for k, ln in enumerate(r.lines):
        pieces = ln.text.split()
        if len(pieces) > 1 and min(map(len, pieces)) < 4:
            # a piece too short for a phrase: one headline ("南平市 全国第17名…"); among three
            # or more pieces, without the spaces OCR set between its characters
            pieces = [fix_spaces(ln.text) if len(pieces) > 2 else ln.text]
        items.extend(fix_spaces(x, headline=True) for x in pieces)
        same = APART if ln.w >= 2 * col else SAME_LINE
        ties.extend((NEXT_LINE if k > 0 and not ln.gap else APART) if n == 0 else same
                    for n in range(len(pieces)))


def _join_items(items: list[str], ties: list[int]) -> str:
    """Headline candidates joined back: phrases of one printed line with their space."""
    out = items[0]
    for item, tie in zip(items[1:], ties[1:], strict=True):
        out = f"{out} {item}" if tie == SAME_LINE else join([out, item])
    return fix_spaces(out, headline=True)


def _build(seg: list[_Run], col: float) -> tuple[Draft, list[str], list[bool]]:
    """One article from its runs, and the display lines above its body (headline candidates)."""
    d = Draft()
    lead: list[str] = []
    ties: list[int] = []
    seen_body = False
    prev = ""
    for r in seg:
        if r.kind == "boiler":
            d.removed.append(_removed(r))
        elif r.kind == "meta":
            if lead and not seen_body and prev == "display" and not r.lines[0].gap \
                    and _byline(r.text):
                d.on_byline = lead[-1]  # the headline sits on its byline (a kicker stands apart)
            d.meta.append(fix_spaces(r.text, headline=True))
        elif r.kind == "caption":
            d.captions.append(fix_spaces(r.text.lstrip(P.CAPTION_MARKS + " "), headline=True))
        elif r.kind == "display":
            if seen_body and d.blocks and d.blocks[-1].kind == "heading" \
                    and not (r.lines[0].gap or r.lines[0].indent):
                joined = join([d.blocks[-1].text, r.text])  # a broken section head (a row of
                # a table or an item of a list stands alone)
                d.blocks[-1] = Block("heading", fix_spaces(joined, headline=True))
            elif seen_body:
                d.blocks.append(Block("heading", fix_spaces(r.text, headline=True)))
            else:
                _add_display(r, col, lead, ties)
        else:
            seen_body = True
            text = r.text
            tail = _closing_byline(text)
            if tail:
                d.meta.append(fix_spaces(tail.group(0).strip(), headline=True))
                text = text[: tail.start()]
            if fixed := fix_spaces(full_width_marks(text)):
                d.blocks.append(Block("paragraph", fixed))
        prev = r.kind
    return d, lead, ties


def _removed(r: _Run) -> Removed:
    return Removed(r.lines[0].reason or "page furniture", "\n".join(ln.text for ln in r.lines))


def _agreement(text: str, d: Draft) -> float:
    """How well a headline agrees with an article body: the share of its character pairs
    the body uses (a kicker or deck borrowed from elsewhere shares few or none)."""
    grams = bigrams(text)
    return d.shared(grams) / len(grams) if grams else 0.0


# How many articles back a headline left over in another article's group is looked for (a
# bound: choosing titles stays linear in the number of articles).
NEAR_GROUPS = 2


def _choose_titles(drafts: list[Draft], groups: list[list[str]], ties: list[list[int]],
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
        d.title = _join_items(groups[g][i : j + 1], ties[g][i : j + 1])
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
        agree = [_agreement(x, d) if not is_deck(x) and len(x) <= params()["title_max"]
                 and not P.BYLINE_RE.match(x) else 0.0 for x in items]
        out = []
        for i in range(len(items)):
            if i + 1 < len(items) and ((
                    min(agree[i], agree[i + 1]) >= params()["pair_agreement"]
                    and (tie[i + 1] == SAME_LINE or params()["pair_ratio"] * width(items[i])
                         <= width(items[i + 1]) <= width(items[i]) + 1
                         or (tie[i + 1] == NEXT_LINE and items[i][-1] in P.CONTINUING)))
                    or (_unclosed(items[i]) and _unclosed(items[i + 1], closes=True))):
                both = _agreement(items[i] + items[i + 1], d)
                out.append((max(both, agree[i], agree[i + 1]) + 0.01, i, i + 1))
            out.append((agree[i], i, i))
        return [x for x in out if not {(g, k) for k in range(x[1], x[2] + 1)} & used]

    # the headline above an article: the line (or pair) of its own group that agrees best (of
    # two that agree as well, the one nearer the body: a kicker stands above the headline),
    # unless a line left over in the group of an article just before (titled already) agrees
    # better by the own group's bonus
    bonus = params()["own_bonus"]
    for g, k in enumerate(owner):
        if k >= 0:
            done = [h for h in range(max(g - NEAR_GROUPS, 0), g + 1)
                    if h == g or (owner[h] >= 0 and drafts[owner[h]].title)]
            ok = [(x[0] + (bonus if h == g else 0.0), x[0], x[1], h, x[1], x[2])
                  for h in done for x in spans(h, drafts[k]) if x[0] >= params()["lead_agreement"]]
            ok += [(x[0] + bonus, x[0], x[1], len(groups) - 1, x[1], x[2])
                   for x in spans(len(groups) - 1, drafts[k]) if x[0] >= params()["lead_agreement"]
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
            text = _join_items([items[x] for x in part], [ties[g][x] for x in part])
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


def column_drafts(text: str) -> list[Draft]:
    """The articles of a column page (see module docstring)."""
    found, col = column_runs(*whole_lines(read_lines(text)))
    runs = [_classify(r, col) for r in found]
    for r, nxt in zip(runs, runs[1:], strict=False):
        if (r.kind == "para" and r.text[-1:] in "？！?!" and (
                (len(r.lines) == 1 and (nxt.kind == "meta" or (
                    nxt.kind == "display" and is_deck(nxt.text))))
                or (len(r.lines) == 2 and nonspace_len(r.text) <= P.HEADING_MAX
                    and nxt.kind == "display" and L.bare_deck(nxt.text)))):
            r.kind = "display"  # a question for a headline, over its deck or byline (broken at
            # its comma over a deck with no mark: a paragraph's end stands over no deck)
    for prev, r, nxt in zip(runs, runs[1:], runs[2:], strict=False):
        if (prev.kind == r.kind == "display" and nxt.kind == "para" and len(r.lines) == 1
                and is_name_line(r.text) and not bigrams(r.text) & bigrams(nxt.text)):
            r.kind = "meta"  # a name alone between a headline and the body, which never uses
            # it (a short headline is the body's word): its author
    runs = mend(runs, col)
    start = _trailing(runs)
    built = split_stacked([_build(seg, col) for seg in _split(runs[:start])]) \
        or [(Draft(), [], [])]
    drafts = [d for d, _, _ in built]
    groups, ties = [lead for _, lead, _ in built], [tie for _, _, tie in built]
    tail: list[str] = []
    tail_ties: list[int] = []
    for k, r in enumerate(runs[start:], start):
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        if r.kind == "display" and nxt is not None and nxt.kind == "caption" \
                and not nxt.lines[0].gap and nxt.lines[0].text[:1] not in P.CAPTION_MARKS \
                and not (nonspace_len(r.text) <= params()["title_max"] and any(
                    _agreement(r.text, d) >= params()["lead_agreement"] for d in drafts)):
            r.kind = "caption"  # printed right above another caption: a caption too (unless
            # headline-sized and agreeing with an article as its headline would)
        if r.kind == "display":
            _add_display(r, col, tail, tail_ties)
        elif r.kind == "caption":
            best_draft(drafts, r.text, prefer_untitled=False).captions.append(
                fix_spaces(r.text.lstrip(P.CAPTION_MARKS + " "), headline=True))
        elif r.kind == "boiler":
            drafts[-1].removed.append(_removed(r))
        else:
            drafts[-1].meta.append(fix_spaces(r.text, headline=True))
    _choose_titles(drafts, [*groups, tail], [*ties, tail_ties], [*range(len(drafts)), -1])
    return drafts
