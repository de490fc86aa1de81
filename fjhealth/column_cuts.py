"""Column pages an extractor cut after every punctuation mark, put back into printed lines.

``pdftotext -raw`` (and other extractors that follow the text stream) break a printed line
after each punctuation mark in it: "问题的对策。" / "研究表明，" / "失" were one line. The cut is
seen on the page as a whole (hardly any compact line holds a mark before its end), and the
pieces are put back by width: each printed line fills its column, a short one only where a
paragraph ends or begins. Pure; thresholds fitted with the other column thresholds
(``benchmarks/fit_columns.py``, ``fjhealth/data/column.json``).
"""

from __future__ import annotations

from collections import Counter

from . import column_lines as L
from . import patterns as P
from .cells import counted_width, lines_cell_counts
from .column_lines import NO_START as _NO_START
from .column_lines import Ln, join
from .lazyre import lazy_compile
from .text import is_complete, nonspace_len

# Clause and sentence marks: a printed line of column text holds one before its end most of the
# time; a page where no line does was cut after every mark by its extractor.
_CLAUSE_MARKS = "，。、：；！？,;:!?"
_CLAUSE_MARK_RE = lazy_compile(f"[{_CLAUSE_MARKS}]")


def cut_at_marks(lines: list[Ln]) -> bool:
    """True when the extractor broke every printed line after each punctuation mark in it: of
    the compact lines (no justification spaces) with a mark, hardly any holds one before its
    last character."""
    marks = _CLAUSE_MARK_RE.search
    first = [m.start() - len(ln.text) for ln in lines  # where the first mark is, from the end
             if ln.kind == "text" and " " not in ln.text and (m := marks(ln.text))]
    inner = sum(at < -1 for at in first)  # a mark before the last character
    p = L.params()
    return len(first) >= p["cut_min_lines"] and inner <= p["cut_inner"] * len(first)


def _chains(lines: list[Ln]) -> list[list[Ln]]:
    """Consecutive text lines that can only be pieces of printed lines: each piece but the last
    ends in a punctuation mark (the extractor cuts nowhere else), or the next opens with a mark
    no printed line begins with."""
    out: list[list[Ln]] = []
    for k, ln in enumerate(lines):
        prev = out[-1][-1] if out else None
        over_deck = k + 1 < len(lines) and L.is_deck(lines[k + 1].text) \
            and ln.text[0] not in _NO_START  # a line over a deck is a headline of its own
        if (prev is not None and prev.kind == ln.kind == "text" and not ln.gap and not over_deck
                and not prev.caption and not ln.caption
                and not (L.bare_deck(ln.text) and is_complete(prev.text))  # a deck after a
                # sentence end stands apart
                and (P.is_cjk_punct(prev.text[-1]) or ln.text[0] in _NO_START)):
            out[-1].append(ln)
        else:
            out.append(_headline_head(out, ln, over_deck and not ln.gap))
    return out


def _headline_head(out: list[list[Ln]], ln: Ln, over_deck: bool) -> list[Ln]:
    """A new chain opening with ``ln``; when ``ln`` sits over a deck, with the pieces the chain
    before ends with after its last sentence end: no paragraph ends without a sentence end, so
    those pieces are the headline's first part ("心电图不出乡，" / "报告二十分钟到" / "——…")."""
    if not over_deck or not out or ln.kind != "text":
        return [ln]
    ch = out[-1]
    k = len(ch)
    while k > 0 and ch[k - 1].kind == "text" and not is_complete(ch[k - 1].text):
        k -= 1
    head = ch[k:]
    if k == 0 or not head or sum(nonspace_len(x.text) for x in head) > P.HEADING_MAX:
        return [ln]
    del ch[k:]
    return [*head, ln]


def _full_width(ws: list[float]) -> float:
    """The width most lines fill: the commonest width, or half a cell more when lines that
    wide occur (a full line ending in a half-width mark is half a cell short of the column)."""
    counts = Counter(ws)
    mode = max(counts, key=lambda w: (counts[w], w))
    if counts[mode] == 1 and len(counts) > 2:  # no width twice (a short page cut into few
        # chains, some several lines long): the width most others lie within a cell of
        mode = max(counts, key=lambda w: (sum(abs(v - w) <= 1 for v in ws), -w))
    return mode + 0.5 if mode + 0.5 in counts else mode


def _line_cost(w: float, col: float, text: str, after_end: bool, nxt: str = "") -> float:
    """How unlikely a printed line of width w is in a column of width col: a full line costs
    nothing (nor does one a character short when the next line opens with a character and a
    mark no line begins with: they could not be parted), the short last line of a paragraph
    or an indented first line a fitted cost, any other short line its shortfall in cells, a
    line a little wider than the column its excess at a fitted rate."""
    short = col - w
    if short < 0:
        return -short * L.params()["cut_over_cost"]  # pushed-in marks make a line a little wide
    kept = 1.0 if nxt[1:2] and nxt[1] in _NO_START and not is_complete(text) else 0.0
    if short <= L.params()["cut_slack"] + kept:
        return 0.0
    if is_complete(text):
        return L.params()["cut_end_cost"]
    if after_end and short <= L.params()["indent_hi"]:
        return L.params()["cut_first_cost"]
    return short


def _split_chain(ch: list[Ln], ws: list[float], col: float, after_end: bool,
                 after: str = "") -> list[list[Ln]]:
    """The cheapest cut of a chain of pieces into printed lines (see ``_line_cost``): none wider
    than the column, none opening with a mark no line begins with."""
    n, tol = len(ch), L.params()["cut_tol"]
    cost = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    ends = [is_complete(x.text) for x in ch]  # which pieces end a sentence
    for j in range(1, n + 1):
        w = 0.0
        for i in range(j - 1, -1, -1):
            w += ws[i]
            if w > col + tol and i < j - 1:
                break
            if i > 0 and ch[i].text[0] in _NO_START:
                continue
            prev_end = ends[i - 1] if i else after_end
            nxt = ch[j].text if j < n else after
            c = cost[i] + _line_cost(w, col, ch[j - 1].text, prev_end, nxt)
            if c < cost[j]:
                cost[j], back[j] = c, i
    groups: list[list[Ln]] = []
    j = n
    while j > 0:
        groups.insert(0, ch[back[j] : j])
        j = back[j]
    return groups


def rebuild_lines(lines: list[Ln]) -> list[Ln]:
    """Printed lines put back together on a page cut after every punctuation mark.

    A chain of pieces (see ``_chains``) holds one printed line, or several when a printed line
    ended in a mark; it is cut where the printed lines come out as wide as the column (the width
    most chains nearby fill), a short line only where a paragraph ends or begins.
    """
    chains = _chains(lines)
    pieces = iter(lines_cell_counts([ln.text for ch in chains for ln in ch]))  # (counted once)
    counts = [[next(pieces) for _ in ch] for ch in chains]
    best = (-1.0, 1.0)
    for punct in (1.0, 0.5):  # the punctuation width under which most chains are one width
        ws = [sum(counted_width(c, punct) for c in cs)
              for ch, cs in zip(chains, counts, strict=True) if ch[0].kind == "text"]
        ws = [w for w in ws if w >= 4]
        if ws:
            full = _full_width(ws)
            best = max(best, (sum(full - 1 <= w <= full for w in ws) / len(ws), punct))
    punct, half = best[1], int(L.params()["cut_window"])
    totals = [sum(counted_width(c, punct) for c in cs) if ch[0].kind == "text" else 0.0
              for ch, cs in zip(chains, counts, strict=True)]
    # a chain set loose (spaces spread between its characters) holds fewer characters than the
    # column is wide: where loose chains are many (a fitted share), the column is the wider of
    # the widths all chains and the unspaced ones fill
    tight = [0.0 if any(" " in ln.text for ln in ch) else w for ch, w in zip(chains, totals,
                                                                            strict=True)]
    out: list[Ln] = []
    for i, ch in enumerate(chains):
        if len(ch) == 1:
            out.append(ch[0])
            continue
        near = [w for w in totals[max(i - half, 0) : i + half + 1] if w >= 4]
        near_tight = [w for w in tight[max(i - half, 0) : i + half + 1] if w >= 4]
        loose = len(near) - len(near_tight) >= L.params()["cut_loose"] * len(near)
        col = max(_full_width(near) if near else totals[i],
                  _full_width(near_tight) if near_tight and loose else 0.0)
        after_end = bool(out) and is_complete(out[-1].text)
        ws = [counted_width(c, punct) for c in counts[i]]
        nxt = chains[i + 1][0] if i + 1 < len(chains) else None
        alone = (nxt is None or nxt.kind != "text") and is_complete(ch[-2].text) \
            and not P.is_cjk_punct(ch[-1].text[-1])
        if alone:  # no paragraph ends without a mark: an unmarked piece after a sentence end
            ch, ws = ch[:-1], ws[:-1]  # that closes the page's text is a headline of its own
        after = nxt.text if nxt is not None and nxt.kind == "text" and not alone else ""
        for g in _split_chain(ch, ws, col, after_end, after) + ([[chains[i][-1]]] if alone else []):
            out.append(Ln(join([ln.text for ln in g]), g[0].kind, g[0].reason, g[0].gap,
                          indent=g[0].indent))
    return out


def whole_lines(lines: list[Ln]) -> tuple[list[Ln], bool]:
    """The page's lines with printed lines put back together when the page was cut after its
    marks, and whether it was."""
    return (rebuild_lines(lines), True) if cut_at_marks(lines) else (lines, False)
