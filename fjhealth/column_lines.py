"""Newspaper column pages, line by line: which lines carry on a paragraph, which stand apart.

A page set in narrow columns is read line by line. What a line *is* comes from its layout, not
its wording: its width relative to the column width around it (a wrapped line fills the column,
the first line of a paragraph is indented, the last one stops short), whether it ends a
sentence, whether a blank line precedes it, and its neighbours. A run of short lines without
sentence punctuation is display text: a headline, kicker, deck or section head (``columns``
then tells which, and splits the page into articles). The thresholds
are fitted on development pages (``benchmarks/fit_columns.py``) and shipped in
``fjhealth/data/column.json``. Pure, no I/O beyond reading that package file once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from . import patterns as P
from .cells import width
from .lazyre import lazy_compile
from .text import ends_alone, is_complete, nonspace_len

# Marks that never begin a printed line (kinsoku): a line opening with one carries on the line
# before it.
NO_START = "。，、：；！？）》」』”’,.;:!?)"

# Sentence punctuation: a block holding one of these is prose, not display text (headlines
# may hold a colon or an enumeration comma: "乡村医生：守护一方健康").
SENTENCE_MARKS = "，。；！？,;!?"
_SENTENCE_MARK_RE = lazy_compile(f"[{SENTENCE_MARKS}]")
# Two characters of Latin words side by side (two digits are one number): only where two such
# meet does ``join`` put a space between two parts. (A letter beside a letter or digit: written
# to open with the letter, the engine skips to letters.)
_WORDS_MEET_RE = lazy_compile("[A-Za-z](?:(?<=[0-9A-Za-z][A-Za-z])|(?=[0-9A-Za-z]))")
# The opening marks of ``patterns.PAIRS``: text with none of them opens nothing.
_OPENER_RE = lazy_compile("[" + "".join(o for o, _ in P.PAIRS) + "]")


@cache
def params() -> dict[str, float]:
    """The fitted layout thresholds (fjhealth/data/column.json)."""
    text = resources.files("fjhealth.data").joinpath("column.json").read_text(encoding="utf-8")
    return {k: float(v) for k, v in json.loads(text)["params"].items()}


@dataclass(slots=True)
class Ln:
    """One non-blank line of a column page."""

    text: str
    kind: str = "text"  # text | meta | boiler | caption
    reason: str = ""
    gap: bool = False  # a blank line precedes it
    w: float = 0.0  # printed width in character cells
    caption: bool = False  # part of a photo caption
    indent: bool = False  # the printed line began with spaces (a paragraph indent), or opens
    # a unit of its own as an indent does (an item of a list, a row of a table)
    jumps: bool = False  # a jump line follows: the text goes on on another page (or, under a
    # "came from" jump line, another article begins)
    carries: bool = False  # it carries on the sentence of the line before (seen on the page)



# ------------------------------------------------------------------------------ lines


# How many of a run's last lines show that full column lines under a first one are prose (a
# bound, so that judging each line of a long run costs the same: cleaning stays linear).
FULL_LOOKBACK = 8


# ---------------------------------------------------------------------- line joining


def join(parts: list[str]) -> str:
    """Join column lines: no space, except between two Latin words; a number broken over
    two lines is one number."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    text = "".join(parts)
    if not _WORDS_MEET_RE.search(text):
        return text  # no two Latin words meet anywhere, so none meet where two parts do
    out = [parts[0]]  # pieces joined once at the end: linear in the paragraph's length
    last = parts[0][-1:]  # the last character joined so far
    for part in parts[1:]:
        if part and last and not (last.isdigit() and part[0].isdigit()) \
                and P.WORD_CHAR_RE.match(last) and P.WORD_CHAR_RE.match(part[0]):
            out.append(" ")  # what ``join_lines`` puts between two Latin words
        out.append(part)
        last = part[-1:] or last
    return "".join(out)


def is_deck(line: str) -> bool:
    """A deck line opens with a dash ("——基层医改的三点经验")."""
    return line.startswith(("—", "-", "－"))


def opens(text: str) -> bool:
    """Text that opens a quote or bracket it does not close: it carries on."""
    return _OPENER_RE.search(text) is not None \
        and any(text.count(o) > text.count(c) for o, c in P.PAIRS)


def prose(text: str) -> bool:
    """Text with sentence punctuation inside: not a headline or section head."""
    return _SENTENCE_MARK_RE.search(text) is not None


def _width_after(flow: list[Ln], j: int, col: float) -> float:
    """Column width of the lines after line j: the wider of the next two (the second, past a
    blank line, is left out when it is display text: another block, a headline); after the
    page's last line, the column width."""
    if j + 1 >= len(flow):
        return max(col, flow[j].w)  # the page's last line: the column it is set in
    widest = None  # (the two lines written out: this runs for every line of the page)
    nxt = flow[j + 1]
    if nxt.kind == "text" and nxt.w <= 1.6 * col:
        widest = nxt.w
    if j + 2 < len(flow):
        nxt = flow[j + 2]
        if not (nxt.gap and not prose(nxt.text)) and nxt.kind == "text" and nxt.w <= 1.6 * col \
                and (widest is None or nxt.w > widest):
            widest = nxt.w
    return flow[j].w if widest is None else widest


# A line of this many characters (or fewer) that stops mid-sentence is a piece of a printed line
# (no headline, and no line of a paragraph but its last, is that short; two may be a name).
PIECE_CHARS = 1

# A dateline's sentence (a dateline, the reporters' names, "报道：") runs over a few lines.
DATELINE_LINES = 4
DATELINE_HEAD = 12


def continues(run: list[Ln], flow: list[Ln], i: int, col: float,
               blank_paragraphs: bool = False, display: bool | None = None) -> bool:
    """True when line i+1 carries on the paragraph that ``run`` (ending in line i) began.

    Widths are compared within a paragraph: a paragraph may be set looser (fewer characters a
    line) than its neighbours.
    """
    a, b = flow[i], flow[i + 1]
    p = params()
    if a.kind != "text" or b.kind != "text" or P.DATELINE_RE.match(b.text):
        return False
    if b.text[0] in NO_START or b.carries:
        return True  # no printed line begins with this mark: the extractor cut the line (or
        # the page showed the line carries on the one before: ``column_page``)
    if _dated(run[0].text) and not b.gap and not is_complete(a.text) \
            and not opens(run[0].text[:DATELINE_HEAD]) and len(run) < DATELINE_LINES:
        return True  # a dateline opens a sentence: the lines under it carry it on
    if display is None:  # whether the run so far holds no sentence punctuation
        display = not any(prose(x.text) for x in run)
    if display and len(run) >= 3 and all(x.w >= col - p["full_tol"]
                                         for x in run[max(1, len(run) - FULL_LOOKBACK):]):
        display = False  # full column lines under a first one: prose with no mark yet
    if display and _dated(run[0].text):
        display = False  # a dateline opens a paragraph: no headline
    tol = p["full_tol"]
    if display and len(run) == 2 and not is_deck(b.text) and not b.indent \
            and col - p["indent_hi"] <= run[0].w <= col - p["indent_first"] \
            and min(a.w, b.w) >= col - tol and max(a.w, b.w) <= col + tol \
            and b.w > _width_after(flow, i + 1, col) - p["indent_lo"]:
        display = False  # an indented first line, then full lines (past a blank line too): a
        # paragraph with no mark yet, not a two-line headline
    if P.DATELINE_START_RE.match(b.text) and (display or is_complete(a.text)):
        return False  # a dateline starts a paragraph, never carries on a headline
    after_b = _width_after(flow, i + 1, col)
    before = [ln.w for ln in run[max(1, len(run) - 5) : -1]]
    near = sorted(before if len(before) >= 2 else [a.w, b.w, *(
        ln.w for ln in flow[i + 2 : i + 4] if ln.kind == "text")])
    para = near[len(near) // 2]  # the upper median
    if len(before) == 1:
        para = max(para, before[0])  # a full line of the paragraph (neither its first nor its
        # last) sets its width: the lines around may all stop short of it
    if (a.w > max(para, col) + p["wide"] and not prose(a.text)) or (
            b.w > max(a.w, after_b) + p["wide"] and not prose(b.text)):
        return False  # a line wider than the column: display text spanning columns
    indented_b = b.w <= after_b - p["indent_lo"]
    # (a closing byline may be broken over the run's last two lines)
    end = a.text if ends_alone(a.text) else join([ln.text for ln in run[-2:]])
    if not is_complete(end):
        if a.text[-1] in P.CONTINUING or opens(a.text):
            return True  # an open bracket or a comma-like mark: the sentence goes on
        if len(run) == 1 and nonspace_len(a.text) <= PIECE_CHARS and not b.gap and i > 0 \
                and flow[i - 1].kind == "text":
            return True  # a piece of a printed line an extractor set apart in the text ("电" /
            # "传：…"; one under a byline may be the rest of a name, one that carries on a line
            # ends with it)
        if not prose(b.text) and _heads(flow, i + 1, col):
            return False  # the next line is a headline: a deck or a byline follows it
        if b.gap and not prose(b.text) and not is_complete(b.text) and not opens(b.text) \
                and (is_deck(b.text) or (b.w < col / 2 and _alone(flow, i + 1))):
            return False  # a deck, or a short line with no mark set apart by blank lines: a
            # paragraph's last line ends its sentence, any other fills the column; this is a
            # headline the extractor printed inside a sentence (the sentence goes on elsewhere)
        b_indented = after_b - p["indent_hi"] <= b.w <= after_b - p["indent_first"]
        b_set = b.w - _hang(b.text)  # (a closing mark may hang past an indented line's end)
        ended = i > 0 and flow[i - 1].kind == "text" and is_complete(flow[i - 1].text)
        second = len(run) == 1 and a.w >= col - p["indent_hi"] \
            and b_set >= a.w + p["indent_first"] and ended
        hung = ended and after_b - p["indent_hi"] <= b_set <= after_b - p["indent_first"]
        if (display and (b_indented or hung or (i == 0 and b_set <= after_b - p["indent_lo"]))
                and not is_complete(b.text)
                and i + 2 < len(flow) and not flow[i + 2].gap and not second):
            return False  # a display line over the indented first line of a paragraph (the
            # page's first line over any indent: a headline); not an indented first line after
            # a sentence over one wider by the indent (the column may widen below it)
        if len(run) == 1 and is_deck(a.text) and prose(b.text) and a.w < para - p["full_tol"]:
            item = a.w >= para - p["indent_hi"] and not indented_b and i > 0 \
                and is_complete(flow[i - 1].text)  # after a sentence, over a full line
            if not item:
                return False  # a deck is display text, the prose under it is the body (a dash
                # that opens a full line, or an indented one after a sentence, is a list item)
        if display and (is_deck(b.text) or b.indent):
            return False  # a headline over its deck or an indented line
        if display and b.gap:
            broken = a.w >= col - p["full_tol"] and not prose(b.text) and b.w > col  # wider
            # than the column: display text broken where the column ends
            if not broken and not (
                    len(run) == 1 and para - p["indent_hi"] <= a.w < para and i + 2 < len(flow)
                    and b.w >= after_b - p["full_tol"]):
                return False  # a display line before a blank line (not a first line, then a
                # break)
        if (len(run) > 1 and b.gap and a.w <= max(b.w, after_b) - p["block_short"]
                and a.text[-1] not in P.CONTINUING):
            return False  # a block that stops short of a sentence end: a heading
        if display and len(run) > 1 and a.w > max(col, b.w, after_b) + p["full_tol"] \
                and prose(b.text):
            return False  # display lines, the last wider than the prose under them and its
            # column: no line of a paragraph is (headlines stacked over the body)
        if ((len(run) > 1 and not display) or a.text[-1] in P.CONTINUING
                or a.w >= para - p["full_tol"] or prose(a.text) or opens(a.text)):
            return True  # wrapped in mid-sentence (display text has no commas)
        # a short line: an indented first line continues when the next line fills the column
        label = (any(c in a.text[1:-1] for c in "：:") or " " in a.text) \
            and not is_deck(b.text) and not P.ATTRIBUTION_RE.match(a.text) \
            and max(col, after_b) - p["full_tol"] <= b.w <= col + p["wide"]
        # a run-in label ("人物一：…") or a line spread out to its measure, over a full line
        first = len(run) == 1 and (para - p["indent_hi"] <= a.w + _lead_word(b.text) or label
                                   or bool(P.DATELINE_START_RE.match(a.text)))
        block_end = (i + 2 >= len(flow) or flow[i + 2].gap) and b.w > a.w  # an indented line
        # before a column break carries on a first line only when wider than it (one no wider is
        # indented as much: the first line of the next paragraph)
        return first and (not b_indented or is_complete(b.text) or block_end or second)
    if b.gap or b.indent:
        return False  # a blank line or an indent after a sentence end
    if i + 2 < len(flow) and bare_deck(flow[i + 2].text):
        return False  # a line over a deck after a sentence end: a headline
    b_alone = i + 2 >= len(flow) or flow[i + 2].gap or flow[i + 2].kind != "text"
    if b_alone and not is_complete(b.text) and not prose(b.text) \
            and not _mid_paragraph(flow, i + 1, col):
        return False  # one line with no sentence end after a paragraph: a headline
    if not prose(b.text) and not is_complete(b.text) and _indented_first(flow, i + 2, col):
        return False  # an unmarked line between a sentence end and a paragraph's indented
        # first line: no paragraph ends without a mark, so it is a headline
    if len(run) == 1 and not blank_paragraphs and para - p["indent_hi"] <= a.w \
            and b.w >= max(col, after_b) - p["full_tol"] and prose(b.text):
        return True  # an indented first line ending a sentence, then a full line: no paragraph
        # begins with a full line on a page that indents its paragraphs
    if a.w <= para - (p["short"] if len(run) > 1 else p["indent_first"]):
        return False  # a short line that ends a sentence ends its paragraph (a first line
        # is short by its indent already)
    return blank_paragraphs or not indented_b  # blank lines mark this page's paragraphs


@lru_cache(maxsize=1024)  # asked again for each line under a run's first line
def _dated(text: str) -> bool:
    """The line opens with a dateline (``patterns.DATELINE_RE``)."""
    return P.DATELINE_RE.match(text) is not None


def _hang(text: str) -> float:
    """The width of a mark a line ends with that no line begins with: set past the column's
    edge (hanging punctuation), it does not fill the line."""
    return width(text[-1]) if text[-1] in NO_START else 0.0


_LEAD_WORD_RE = lazy_compile(r"[0-9A-Za-z][0-9A-Za-z.%]*")


def _lead_word(text: str) -> float:
    """Printed width of the number or Latin word a line opens with (0 if none): a line that
    could not take it stops short by up to that much ("…科考船于" / "2003年…")."""
    word = _LEAD_WORD_RE.match(text)
    return width(word.group()) if word else 0.0


def _indented_first(flow: list[Ln], j: int, col: float) -> bool:
    """Line j is a text line that stops short of the lines under it by an indent (or was
    printed indented), and does not end its sentence: the first line of a paragraph."""
    if j >= len(flow) or flow[j].kind != "text" or is_complete(flow[j].text):
        return False
    p = params()
    after = _width_after(flow, j, col)
    return flow[j].indent or after - p["indent_hi"] <= flow[j].w <= after - p["indent_first"]


def _alone(flow: list[Ln], j: int) -> bool:
    """Line j is the last of the page's text or a blank line follows it."""
    return j + 1 >= len(flow) or flow[j + 1].gap


def _mid_paragraph(flow: list[Ln], j: int, col: float) -> bool:
    """Line j fills the column and so does the text line after it (past a blank line): no
    paragraph begins there, so line j is no heading (a heading is followed by a first line or
    a byline) but a line of prose the extractor set apart."""
    b = flow[j]
    nxt = flow[j + 1] if j + 1 < len(flow) else None
    tol = params()["full_tol"]
    return (nxt is not None and nxt.kind == "text" and not nxt.indent and b.w >= col - tol
            and b.w <= col + tol and nxt.w >= _width_after(flow, j + 1, col) - tol
            and not P.DATELINE_START_RE.match(nxt.text))


def bare_deck(text: str) -> bool:
    """A deck with no sentence punctuation: display text (a dash line of the prose, a list item or
    a speaker's words, carries marks)."""
    return is_deck(text) and not prose(text) and not is_complete(text)


def _heads(flow: list[Ln], j: int, col: float) -> bool:
    """Line j sits right above a deck ("——…", shorter than the column: a dash line that fills
    it is a list item in the prose) or a byline: it is a headline."""
    nxt = flow[j + 1] if j + 1 < len(flow) else None
    return nxt is not None and (
        (is_deck(nxt.text) and nxt.w < col - params()["full_tol"])
        or (nxt.kind == "meta" and bool(P.BYLINE_RE.match(nxt.text))))


def blank_paragraphs(flow: list[Ln]) -> bool:
    """True when the page sets a blank line after (nearly) every short line ending a sentence."""
    ends = [b.gap for a, b in zip(flow, flow[1:], strict=False)
            if a.kind == b.kind == "text" and a.w <= b.w - 3 and is_complete(a.text)]
    return len(ends) >= 3 and sum(ends) >= params()["blank_share"] * len(ends)


def spread(text: str) -> bool:
    """A line justified by spaces between (nearly) every character: it fills its column."""
    tokens = text.split(" ")
    return len(tokens) > 4 and sum(len(t) == 1 for t in tokens) * 2 > len(tokens)
