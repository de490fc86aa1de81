"""Newspaper column pages: lines re-joined into paragraphs; headlines, bylines, captions apart.

A page set in narrow columns is read line by line. What a line *is* comes from its layout, not
its wording: its width relative to the column width around it (a wrapped line fills the column,
the first line of a paragraph is indented, the last one stops short), whether it ends a
sentence, whether a blank line precedes it, and its neighbours. A run of short lines without
sentence punctuation is display text: a headline, kicker, deck or section head. The thresholds
are fitted on development pages (``benchmarks/fit_columns.py``) and shipped in
``fjhealth/data/column.json``. Pure, no I/O beyond reading that package file once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import patterns as P
from .models import Block, Removed
from .text import fix_spaces, is_complete, join_lines, nonspace_len
from .units import Draft, best_draft, bigrams, line_kind

# Sentence punctuation: a block holding one of these is prose, not display text (headlines
# may hold a colon or an enumeration comma: "中国杂技：墙里开花墙外香").
SENTENCE_MARKS = "，。；！？,;!?"


@cache
def params() -> dict[str, float]:
    """The fitted layout thresholds (fjhealth/data/column.json)."""
    text = resources.files("fjhealth.data").joinpath("column.json").read_text(encoding="utf-8")
    return {k: float(v) for k, v in json.loads(text)["params"].items()}


@dataclass
class Ln:
    """One non-blank line of a column page."""

    text: str
    kind: str = "text"  # text | meta | boiler | caption
    reason: str = ""
    gap: bool = False  # a blank line precedes it
    w: float = 0.0  # printed width in character cells
    caption: bool = False  # part of a photo caption
    indent: bool = False  # the printed line began with spaces (a paragraph indent)


# ------------------------------------------------------------------------------ lines


def _cell(ch: str, punct: float) -> float:
    if P.is_han(ch) or "\uff10" <= ch <= "\uff5a":
        return 1.0
    if P.is_cjk_punct(ch):
        return punct
    return 0.5  # Latin letters, digits, ASCII punctuation: half a cell


def width(text: str, punct: float = 1.0) -> float:
    """Printed width of a line in character cells (spaces are layout, not counted)."""
    return sum(_cell(c, punct) for c in text if c != " ")


def read_lines(text: str) -> list[Ln]:
    """The page's lines with their furniture kind and whether a blank line precedes them."""
    out: list[Ln] = []
    gap = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            gap = True
            continue
        kind, reason = line_kind(line)
        if kind == "meta" and (P.DATELINE_RE.match(line) or (
                P.BYLINE_RE.match(line) and any(c in line for c in "：:，"))):
            kind = "text"  # "本报讯 …" opens the first sentence; "记者补白：…" is prose
        elif kind == "text" and P.CAPTION_START_RE.match(line):
            kind = "caption"
        elif kind == "text" and P.MASTHEAD_RE.search(line) and not _prose(line):
            kind, reason = "boiler", "page furniture"
        elif kind != "boiler" and P.EDITOR_RE.match(line) and nonspace_len(line) <= 40:
            kind, reason = "boiler", "page furniture"
        elif kind == "text" and P.SERIAL_RE.search(line) and nonspace_len(line) <= 40:
            kind, reason = "boiler", "page furniture"
        out.append(Ln(line, kind, reason, gap, indent=raw[:1].isspace()))
        gap = False
    return out


def _set_widths(lines: list[Ln]) -> float:
    """Give each line its width and return the page's column width.

    Half-width punctuation is common in print: the punctuation width (one cell or half) is the
    one under which most lines have the same width.
    """
    best = (-1.0, 1.0, 0.0)
    for punct in (1.0, 0.5):
        ws = [round(width(ln.text, punct)) for ln in lines if ln.kind == "text"]
        ws = [w for w in ws if w >= 4]
        if not ws:
            continue
        mode = max(set(ws), key=lambda w: (ws.count(w) + ws.count(w - 1) + ws.count(w + 1), w))
        share = sum(abs(w - mode) <= 1 for w in ws) / len(ws)
        if share > best[0]:
            best = (share, punct, float(mode))
    for ln in lines:
        ln.w = width(ln.text, best[1])
    return best[2]


def _fragmented(lines: list[Ln]) -> tuple[bool, float]:
    """Whether an extractor cut the printed lines into pieces, and the full line width.

    A page is cut up when many short lines would fit on one line with the next.
    """
    text = [ln for ln in lines if ln.kind == "text"]
    if len(text) < 2:
        return False, 0.0
    top = [round(w) for w in sorted(ln.w for ln in text)[int(0.7 * len(text)) :]]
    full = float(max(set(top), key=lambda w: (top.count(w), w)))  # most common wide line
    p = params()
    pairs = sum(a.w <= p["frag_width"] * full and not b.gap and a.w + b.w <= full + p["full_tol"]
                for a, b in zip(text, text[1:], strict=False))
    return pairs >= p["frag_share"] * len(text), full


def _rejoin_fragments(lines: list[Ln], col: float) -> list[Ln]:
    """Re-join printed lines an extractor cut into fragments.

    A line ending in a comma-like mark is joined to the next while the two fit in the column.
    On a page cut into pieces everywhere, any line is joined to the next while they fit, except
    after a sentence end when ``frag_after_end`` is off (a short last line of a paragraph).
    """
    cut, full = _fragmented(lines)
    p = params()
    out: list[Ln] = []
    for k, ln in enumerate(lines):
        prev = out[-1] if out else None
        near = max((x.w for x in lines[max(k - 6, 0) : k + 6] if x.w <= 1.6 * col), default=col)
        if cut:
            near = max(near, full)
        joins = prev is not None and prev.kind == ln.kind == "text" and not ln.gap and (
            prev.text[-1] in P.CONTINUING + "，、；：" or (
                cut and (p["frag_after_end"] or not is_complete(prev.text))))
        tol = 0.0 if prev is not None and is_complete(prev.text) else p["full_tol"]
        if (joins and prev is not None and prev.w + ln.w <= near + tol
                and not P.DATELINE_RE.match(ln.text)):
            prev.text = join_lines([prev.text, ln.text])
            prev.w += ln.w
        else:
            out.append(Ln(ln.text, ln.kind, ln.reason, ln.gap, ln.w, indent=ln.indent))
    return out


def _mark_masthead(lines: list[Ln]) -> None:
    """Short lines at the top of the page down to its last furniture line (paper name, date,
    page, section, editors) are the masthead."""
    top = params()["masthead_lines"]
    last = max((k for k, ln in enumerate(lines[: int(top)]) if ln.kind == "boiler"), default=-1)
    for ln in lines[: last + 1]:
        if ln.kind == "text" and not any(c in ln.text for c in "。，！？"):
            ln.kind, ln.reason = "boiler", "page furniture"


# ---------------------------------------------------------------------- line joining


def _opens(text: str) -> bool:
    """Text that opens a quote or bracket it does not close: it carries on."""
    return any(text.count(o) > text.count(c) for o, c in P.PAIRS)


def _prose(text: str) -> bool:
    """Text with sentence punctuation inside: not a headline or section head."""
    return any(c in text for c in SENTENCE_MARKS)


def _upper_median(ws: list[float]) -> float:
    ws = sorted(ws)
    return ws[len(ws) // 2]


def _width_after(flow: list[Ln], j: int, col: float) -> float:
    """Column width of the lines after line j: the wider of the next two."""
    ws = [ln.w for ln in flow[j + 1 : j + 3] if ln.kind == "text" and ln.w <= 1.6 * col]
    return max(ws) if ws else flow[j].w


def _continues(run: list[Ln], flow: list[Ln], i: int, col: float,
               blank_paragraphs: bool = False) -> bool:
    """True when line i+1 carries on the paragraph that ``run`` (ending in line i) began.

    Widths are compared within a paragraph: a paragraph may be set looser (fewer characters a
    line) than its neighbours.
    """
    a, b = flow[i], flow[i + 1]
    if a.kind != "text" or b.kind != "text" or P.DATELINE_RE.match(b.text):
        return False
    p = params()
    after_b = _width_after(flow, i + 1, col)
    before = [ln.w for ln in run[1:-1][-4:]]
    para = _upper_median(before if len(before) >= 2 else [a.w, b.w, *(
        ln.w for ln in flow[i + 2 : i + 4] if ln.kind == "text")])
    if (a.w > para + p["wide"] and not _prose(a.text)) or (
            b.w > max(a.w, after_b) + p["wide"] and not _prose(b.text)):
        return False  # a line wider than the column: display text spanning columns
    indented_b = b.w <= after_b - p["indent_lo"]
    if not is_complete(join_lines([ln.text for ln in run[-2:]])):
        display = not any(_prose(x.text) for x in run)
        if display and (_is_deck(b.text) or b.indent):
            return False  # a headline over its deck or an indented line
        if display and b.gap and not (len(run) == 1 and para - p["indent_hi"] <= a.w < para
                                      and i + 2 < len(flow) and b.w >= after_b - p["full_tol"]):
            return False  # a display line before a blank line (not a first line, then a break)
        if (len(run) > 1 and b.gap and a.w <= max(b.w, after_b) - p["short"]
                and a.text[-1] not in P.CONTINUING):
            return False  # a block that stops short of a sentence end: a heading
        if ((len(run) > 1 and not display) or a.text[-1] in P.CONTINUING
                or a.w >= para - p["full_tol"] or _prose(a.text) or _opens(a.text)):
            return True  # wrapped in mid-sentence (display text has no commas)
        # a short line: an indented first line continues when the next line fills the column
        first = len(run) == 1 and (para - p["indent_hi"] <= a.w
                                   or bool(P.DATELINE_RE.match(a.text)))
        block_end = i + 2 >= len(flow) or flow[i + 2].gap
        return first and (b.w > after_b - p["indent_first"] or is_complete(b.text) or block_end)
    if b.gap or b.indent:
        return False  # a blank line or an indent after a sentence end
    if a.w <= para - p["short"]:
        return False  # a short line that ends a sentence ends its paragraph
    return blank_paragraphs or not indented_b  # blank lines mark this page's paragraphs


def _blank_paragraphs(flow: list[Ln]) -> bool:
    """True when the page sets a blank line after (nearly) every short line ending a sentence."""
    ends = [b.gap for a, b in zip(flow, flow[1:], strict=False)
            if a.kind == b.kind == "text" and is_complete(a.text) and a.w <= b.w - 3]
    return len(ends) >= 3 and sum(ends) >= params()["blank_share"] * len(ends)


def _runs(lines: list[Ln], col: float) -> list[list[Ln]]:
    """Lines grouped into runs: a paragraph, a display block, a caption or a furniture line.

    Furniture and captions stand outside the flow of the text: a paragraph broken by a page
    line or a photo caption between two columns carries on after it.
    """
    flow = [ln for ln in lines if ln.kind != "boiler" and not ln.caption]
    runs: list[list[Ln]] = [[ln] for ln in lines if ln.kind == "boiler"]
    cur: list[Ln] = []
    blank = _blank_paragraphs(flow)
    for i, ln in enumerate(flow):
        if cur and _continues(cur, flow, i - 1, col, blank):
            cur.append(ln)
        else:
            cur = [ln]
            runs.append(cur)
    runs.extend(_captions(lines))
    return runs


def _captions(lines: list[Ln]) -> list[list[Ln]]:
    """Caption runs: a marked caption line and the lines that finish its sentence."""
    out: list[list[Ln]] = []
    for ln in lines:
        if ln.caption:
            if ln.kind == "caption":
                out.append([ln])
            else:
                out[-1].append(ln)
    return out


def _mark_captions(lines: list[Ln]) -> None:
    """A marked caption ("▲…") runs on until a line that ends its sentence or a blank line."""
    open_ = bare = False
    for k, ln in enumerate(lines):
        prev_caption = k > 0 and lines[k - 1].caption
        if ln.kind == "caption":
            ln.caption, open_ = True, not is_complete(ln.text)
            bare = not ln.text.strip(P.CAPTION_MARKS + " ")  # a lone "▲" marks the next block
        elif open_ and ln.kind == "text" and (not ln.gap or bare):
            ln.caption, open_, bare = True, not is_complete(ln.text), False
        elif prev_caption and ln.kind == "text" and not ln.gap and len(ln.text) <= 20 \
                and P.CAPTION_CREDIT_RE.search(ln.text):
            ln.caption = True  # the photo credit under a caption
        else:
            open_ = False


# ------------------------------------------------------------------------- assembly


@dataclass
class _Run:
    kind: str  # para | display | meta | caption | boiler
    lines: list[Ln]

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])


def _classify(run: list[Ln], col: float) -> _Run:
    first = run[0]
    if first.kind != "text" or first.caption:
        return _Run("caption" if first.caption else first.kind, run)
    text = join_lines([ln.text for ln in run])
    if P.ATTRIBUTION_RE.match(text) or (len(run) == 1 and P.NAME_BYLINE_RE.match(text)):
        return _Run("meta", run)
    if len(text) <= 60 and P.PROMO_RE.search(text):
        first.reason = "promotion"
        return _Run("boiler", run)
    if (P.CAPTION_POSITION_RE.search(text) or P.CAPTION_CREDIT_RE.search(text)) \
            and len(text) <= 120 and not is_complete(text.rstrip("）)")):
        return _Run("caption", run)  # a photo caption: who is where, or the photographer
    short = len(run) <= 3 and nonspace_len(text) <= P.HEADLINE_MAX and not is_complete(text)
    if short and not (_prose(text) or P.DATELINE_RE.match(text)):
        return _Run("display", run)
    if len(run) == 1 and first.w > col + params()["wide"] and not is_complete(text):
        return _Run("display", run)
    if short and nonspace_len(text) <= P.HEADING_MAX and text[-1] not in P.CONTINUING \
            and not P.CAPTION_CREDIT_RE.search(text):
        return _Run("display", run)  # a section head with a comma ("机制革新：…，…")
    return _Run("para", run)


def _starts_article(runs: list[_Run], k: int, body: int) -> bool:
    """A byline (or a headline over one) or a dateline after enough body text opens a new
    article."""
    r = runs[k]
    if body < params()["min_article"]:
        return False
    if r.kind == "meta" and P.BYLINE_RE.match(r.text):
        return True
    if r.kind == "para" and P.DATELINE_RE.match(r.text):
        return True  # a dateline opens an article's first sentence
    if r.kind == "display":
        nxt = next((x for x in runs[k + 1:] if x.kind != "display"), None)
        return nxt is not None and nxt.kind == "meta" and bool(P.BYLINE_RE.match(nxt.text))
    return False


def _split(runs: list[_Run]) -> list[list[_Run]]:
    segs: list[list[_Run]] = [[]]
    body = 0
    ended = False
    for k, r in enumerate(runs):
        if (ended and r.kind in ("para", "display") and body >= params()["min_article"]) or \
                _starts_article(runs, k, body):
            # a headline run directly above moves with the new article
            moved = []
            while segs[-1] and segs[-1][-1].kind == "display" and r.kind == "meta":
                moved.insert(0, segs[-1].pop())
            segs.append(moved)
            body, ended = 0, False
        segs[-1].append(r)
        if r.kind == "para":
            body += len(r.text)
            ended = bool(P.TAIL_BYLINE_RE.search(r.lines[-1].text))
        elif r.kind == "meta":
            ended = bool(P.ATTRIBUTION_RE.match(r.text)) or ended
    return [s for s in segs if s]


def _trailing(runs: list[_Run]) -> int:
    """Where the end-of-page cluster (headlines, bylines, captions, furniture) begins."""
    i = len(runs)
    while i > 0 and runs[i - 1].kind in ("display", "meta", "caption", "boiler"):
        i -= 1
    return i if any(r.kind == "para" for r in runs[:i]) else len(runs)


def _add_display(r: _Run, col: float, items: list[str], ties: list[bool]) -> None:
    """The lines of a display run as headline candidates. A line twice as wide as the column
    holding phrases apart is several headlines printed side by side."""
    for k, ln in enumerate(r.lines):
        pieces = ln.text.split() if ln.w >= 2 * col else [ln.text]
        if len(pieces) > 1 and min(map(len, pieces)) < 4:
            pieces = [ln.text]
        items.extend(fix_spaces(x, headline=True) for x in pieces)
        ties.extend(k > 0 and n == 0 and not ln.gap for n in range(len(pieces)))


def _build(seg: list[_Run], col: float) -> tuple[Draft, list[str], list[bool]]:
    """One article from its runs, and the display lines above its body (headline candidates)."""
    d = Draft()
    lead: list[str] = []
    ties: list[bool] = []
    seen_body = False
    for r in seg:
        if r.kind == "boiler":
            d.removed.append(_removed(r))
        elif r.kind == "meta":
            d.meta.append(fix_spaces(r.text, headline=True))
        elif r.kind == "caption":
            d.captions.append(fix_spaces(r.text.lstrip(P.CAPTION_MARKS + " "), headline=True))
        elif r.kind == "display":
            if seen_body and d.blocks and d.blocks[-1].kind == "heading" and not r.lines[0].gap:
                joined = join_lines([d.blocks[-1].text, r.text])  # a broken section head
                d.blocks[-1] = Block("heading", fix_spaces(joined, headline=True))
            elif seen_body:
                d.blocks.append(Block("heading", fix_spaces(r.text, headline=True)))
            else:
                _add_display(r, col, lead, ties)
        else:
            seen_body = True
            text = r.text
            tail = P.TAIL_BYLINE_RE.search(text)
            if tail:
                d.meta.append(fix_spaces(tail.group(0).strip(), headline=True))
                text = text[: tail.start()]
            if fixed := fix_spaces(text):
                d.blocks.append(Block("paragraph", fixed))
    return d, lead, ties


def _removed(r: _Run) -> Removed:
    return Removed(r.lines[0].reason or "page furniture", "\n".join(ln.text for ln in r.lines))


def _is_deck(line: str) -> bool:
    return line.startswith(("—", "-", "－"))


def _agreement(text: str, d: Draft) -> float:
    """How well a headline agrees with an article body: the share of its character pairs
    the body uses (a kicker or deck borrowed from elsewhere shares few or none)."""
    grams = bigrams(text)
    return len(grams & d.bigrams()) / len(grams) if grams else 0.0


def _choose_titles(drafts: list[Draft], groups: list[list[str]], ties: list[list[bool]],
                   owner: list[int]) -> None:
    """Titles by agreement with the body; the rest of each group become subtitles.

    ``groups`` are display lines above an article (``owner`` its index) or at the end of the
    page (owner -1); ``ties`` tell which line carries on the display run of the one before.
    Each article takes the first line (or broken two-line headline) of its own group that
    agrees with its body; an article without one takes the best agreeing line of any group.
    A deck ("——…") is never a title.
    """
    used: set[tuple[int, int]] = set()

    def take(d: Draft, g: int, i: int, j: int) -> None:
        d.title = fix_spaces(join_lines(groups[g][i : j + 1]), headline=True)
        used.update((g, x) for x in range(i, j + 1))

    def spans(g: int, d: Draft) -> list[tuple[float, int, int]]:
        """(agreement, first, last) of the lines and line pairs of a group. Two lines are one
        broken headline when both agree with the body and the second is no wider."""
        items = groups[g]
        agree = [_agreement(x, d) if not _is_deck(x) else 0.0 for x in items]
        out = []
        for i in range(len(items)):
            if (i + 1 < len(items) and min(agree[i], agree[i + 1]) >= params()["pair_agreement"]
                    and width(items[i + 1]) <= width(items[i]) + 1):
                out.append((1 + _agreement(items[i] + items[i + 1], d), i, i + 1))
            out.append((agree[i], i, i))
        return [x for x in out if not {(g, k) for k in range(x[1], x[2] + 1)} & used]

    # the headline above an article: its first line (or pair) that agrees with the body
    for g, k in enumerate(owner):
        if k >= 0:
            ok = [x for x in spans(g, drafts[k]) if x[0] >= params()["lead_agreement"]]
            if ok:
                take(drafts[k], g, ok[0][1], ok[0][2])
    # untitled articles: the group that agrees best, and in it the first line that agrees
    cands = []
    for k, d in enumerate(drafts):
        for g in range(len(groups)) if not d.title else ():
            found = [x for x in spans(g, d) if x[0] > 0]
            bonus = params()["own_bonus"] if owner[g] == k else 0.0
            first = next((x for x in found if x[0] >= params()["lead_agreement"]), None)
            if first:  # first choice: the group's first line that agrees, scored by the best
                cands.append((10 + max(x[0] for x in found) + bonus, -k, g, first[1], first[2]))
            cands.extend((score + bonus, -k, g, i, j) for score, i, j in found)
    for _, negk, g, i, j in sorted(cands, reverse=True):
        d = drafts[-negk]
        if not d.title and not {(g, x) for x in range(i, j + 1)} & used:
            take(d, g, i, j)
    for g, items in enumerate(groups):  # no agreement: the last non-deck line of its own group
        if owner[g] >= 0 and not drafts[owner[g]].title:
            free = [x for x in range(len(items)) if (g, x) not in used and not _is_deck(items[x])]
            if free:
                drafts[owner[g]].title = items[free[-1]]
                used.add((g, free[-1]))
    for g, items in enumerate(groups):  # the rest: subtitles, a broken one re-joined
        parts: list[list[str]] = []
        for x, item in enumerate(items):
            if (g, x) in used:
                continue
            if parts and ties[g][x] and (g, x - 1) not in used and not _is_deck(item):
                parts[-1].append(item)
            else:
                parts.append([item])
        for part in parts:
            text = fix_spaces(join_lines(part), headline=True)
            d = drafts[owner[g]] if owner[g] >= 0 else best_draft(drafts, text, False)
            d.subtitles.append(text)


def column_drafts(text: str) -> list[Draft]:
    """The articles of a column page (see module docstring)."""
    lines = read_lines(text)
    col = _set_widths(lines)
    for _ in range(3):  # each pass re-measures the full width of the re-joined lines
        lines = _rejoin_fragments(lines, col)
        col = _set_widths(lines)
    _mark_masthead(lines)
    _mark_captions(lines)
    runs = [_classify(r, col) for r in _runs(lines, col)]
    start = _trailing(runs)
    built = [_build(seg, col) for seg in _split(runs[:start])] or [(Draft(), [], [])]
    drafts = [d for d, _, _ in built]
    groups, ties = [lead for _, lead, _ in built], [tie for _, _, tie in built]
    tail: list[str] = []
    tail_ties: list[bool] = []
    for k, r in enumerate(runs[start:], start):
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        if r.kind == "display" and nxt is not None and nxt.kind == "caption" \
                and not nxt.lines[0].gap and nxt.lines[0].text[:1] not in P.CAPTION_MARKS:
            r.kind = "caption"  # printed right above another caption: a caption too
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
