"""A column page's lines made ready for grouping: measured, pieces re-joined, furniture and
captions marked.

Each line's printed width is counted in character cells, under the punctuation width the page is
set in (``set_widths``). An extractor may cut printed lines into pieces (``pdftotext`` at a wide
gap): they are joined back while they fit the column. The masthead at the top of the page
(paper, date, page, section, editors) is furniture; a marked caption ("▲…") runs on to its
sentence end; a line that opens like a byline but is prose filling the column is text.
``column_runs`` then groups the lines into runs (``column_runs.group_runs``). Pure; thresholds from
``fjhealth/data/column.json``.
"""

from __future__ import annotations

import math
from collections import Counter

from . import column_lines as L
from . import patterns as P
from .bylines import credits
from .cells import counted_width, lines_cell_counts, width
from .column_lines import Ln, prose
from .column_runs import group_runs
from .lazyre import lazy_compile
from .text import full_width_marks, is_complete, nonspace_len
from .units import line_kind

# A jump line: where an article came from or goes on ("（上接第1版）", "（下转第4版）", "转第
# 3版"): page furniture; one that sends the text on ends a page's text mid-sentence.
_JUMP = (r"(?:上接|下接|接|紧接|续|下转|转|转至|转到|续见)\s*(?:第\s*)?"
         r"[A-Za-zＡ-Ｚ]?[0-9０-９一二三四五六七八九十]{1,3}\s*版")  # ("A2版": a page of section A)
JUMP_RE = lazy_compile(rf"^[{P.CAPTION_MARKS}]?[（(]?\s*{_JUMP}\s*[）)]?$")
# A jump line in brackets printed on a line of text, before its first character or after its
# last ("（上接第1版）等基本设备…", "…血压计（下转第2版）"): a line of its own.
_JUMP_EDGE_RE = lazy_compile(rf"^([（(]\s*{_JUMP}\s*[）)])(.+)$|^(.+?)([（(]\s*{_JUMP}\s*[）)])$")
# A line that opens as a marked name, a caption, a jump line or the editors' line does: one
# test for the four kinds ``read_lines`` then tells apart (most lines open as none of them).
_MARKED_START_RE = lazy_compile("|".join(
    f"(?:{r.pattern})" for r in (P.NAME_BYLINE_RE, P.CAPTION_START_RE, JUMP_RE, P.EDITOR_RE)))
# Marks that open an item of a list: an item starts where a paragraph's indent would.
ITEM_MARKS = "●○■◆◇★☆•▪◎"
# A space OCR set between two Han characters (one here and there, not a whole line spread out).
_STRAY_SPACE_RE = lazy_compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# How far into a line a stray space can hide the word a dateline opens with ("新华 社…").
DATELINE_HEAD = 6


def _squeeze_dateline(line: str) -> str:
    """A line opening a dateline with a stray OCR space in its first word ("新华 社福州…")
    without that space, so that it is read as the dateline it is; any other line as it is."""
    head = _STRAY_SPACE_RE.sub("", line[:DATELINE_HEAD])
    if head == line[:DATELINE_HEAD] or L.spread(line):
        return line
    return head + line[DATELINE_HEAD:] if P.DATELINE_START_RE.match(head) else line


def _in_dateline(out: list[Ln], gap: bool) -> bool:
    """The next line, with no blank line before it, carries on an unfinished dateline."""
    return not gap and any(P.DATELINE_RE.match(x.text) for x in out[-2:]) \
        and not is_complete(out[-1].text)


def _edge_jumps(lines: list[str]) -> list[str]:
    """The lines with each jump line printed on a line of text set on a line of its own."""
    out: list[str] = []
    for raw in lines:
        m = _JUMP_EDGE_RE.match(raw.strip()) if "版" in raw else None
        out += [x for x in m.groups() if x] if m else [raw]
    return out


def read_lines(text: str) -> list[Ln]:
    """The page's lines with their furniture kind and whether a blank line precedes them."""
    out: list[Ln] = []
    gap = False
    for raw in _edge_jumps(text.split("\n")):
        line = full_width_marks(raw.strip())  # (as wide as the marks OCR read them for)
        if " " in line[:DATELINE_HEAD]:  # (no stray space to squeeze otherwise)
            line = _squeeze_dateline(line)
        if not line:
            gap = True
            continue
        kind, reason = line_kind(line)
        marked = _MARKED_START_RE.match(line) is not None
        if kind == "meta" and (P.DATELINE_RE.match(line) or (P.BYLINE_RE.match(line) and (
                any(c in line for c in "：:，") or line.count("）") > line.count("（")
                or _in_dateline(out, gap)))):
            kind = "text"  # "本报讯 …" opens the first sentence; "记者补白：…" is prose, and
            # "记者王明）美国…" or the reporters of an unfinished dateline carry it on
        elif kind == "text" and marked and P.NAME_BYLINE_RE.match(line):
            kind = "meta"  # a marked name alone ("□李耕"): a byline
        elif kind != "meta" and marked and JUMP_RE.match(line):
            kind, reason = "boiler", "jump line"
            if out and out[-1].kind == "text":
                out[-1].jumps = True  # the text goes on on another page, or the text under
                # this line came from one: the line above ends what it belongs to
        elif kind == "text" and marked and P.CAPTION_START_RE.match(line):
            kind = "caption"
        elif kind == "text" and not prose(line) and P.MASTHEAD_RE.search(line):
            kind, reason = "boiler", "page furniture"
        elif kind != "boiler" and marked and P.EDITOR_RE.match(line) and nonspace_len(line) <= 40:
            kind, reason = "boiler", "page furniture"
        elif kind == "text" and P.SERIAL_RE.search(line) and nonspace_len(line) <= 40:
            kind, reason = "boiler", "page furniture"
        out.append(Ln(line, kind, reason, gap, indent=raw[:1].isspace() or line[0] in ITEM_MARKS))
        gap = False
    _mark_rows(out)
    return out


def _cells(ln: Ln) -> int:
    """How many cells a line holds as a row of a table: three or more phrases held apart by
    spaces, none a single character (a line spread out by justification) nor holding a
    sentence mark (0 for any other line)."""
    cells = ln.text.split()
    return len(cells) if (ln.kind == "text" and len(cells) >= 3 and not prose(ln.text)
                          and min(map(len, cells)) >= 2) else 0


def _mark_rows(lines: list[Ln]) -> None:
    """Rows of a table (lines of as many cells as the line before or after them, ``_cells``)
    stand apart as a paragraph's indented first line does: each is a unit of its own."""
    cells = [_cells(ln) if " " in ln.text else 0 for ln in lines]
    for k, n in enumerate(cells):
        if n and n in cells[max(k - 1, 0) : k] + cells[k + 1 : k + 2]:
            lines[k].indent = True


def set_widths(lines: list[Ln]) -> float:
    """Give each line its width and return the page's column width.

    Half-width punctuation is common in print: the punctuation width (one cell or half) is the
    one under which most lines have the same width.
    """
    best = (-1.0, 1.0, 0.0)
    counts = lines_cell_counts([ln.text for ln in lines])
    text = [c for ln, c in zip(lines, counts, strict=True) if ln.kind == "text"]
    for punct in (1.0, 0.5):
        # (``counted_width`` written out: this runs over every line, four times a page)
        ws = [w for full, marks, half in text
              if (w := round(full + marks * punct + half * 0.5)) >= 4]
        if not ws:
            continue
        seen = Counter(ws)
        mode = max(seen, key=lambda w: (seen[w] + seen[w - 1] + seen[w + 1], w))
        share = (seen[mode - 1] + seen[mode] + seen[mode + 1]) / len(ws)  # widths within 1
        if share > best[0]:
            best = (share, punct, float(mode))
    for ln, c in zip(lines, counts, strict=True):
        ln.w = counted_width(c, best[1])
    return best[2]


def _fragmented(lines: list[Ln]) -> tuple[bool, float]:
    """Whether an extractor cut the printed lines into pieces, and the full line width.

    A page is cut up when many short lines would fit on one line with the next (the short
    last line of a paragraph, which ends a sentence, and stacks of display lines with no
    sentence mark, such as a masthead or a kicker over a headline, are no such pieces).
    """
    text = [ln for ln in lines if ln.kind == "text"]
    if len(text) < 2:
        return False, 0.0
    widths = [round(ln.w) for ln in text]
    top, page = Counter(sorted(widths)[int(0.7 * len(text)) :]), Counter(widths)
    full = float(max(top, key=lambda w: (top[w], page[w], w)))  # most common wide line (of
    # two as common, the one more common on the page: a lead set across two columns is wider
    # than the column the rest of its text fills)
    p = L.params()
    short, fits = p["frag_width"] * full, full + p["full_tol"]
    pairs = len([a for a, b in zip(text, text[1:], strict=False)
                 if a.w <= short and not b.gap and a.w + b.w <= fits
                 and not is_complete(a.text) and (prose(a.text) or prose(b.text))])
    return pairs >= p["frag_share"] * len(text), full


def _squeezed(a: Ln, b: Ln) -> float:
    """The width of two pieces set as one printed line, the marks the pieces end with (where an
    extractor cuts) squeezed to half a cell: typesetters squeeze marks to fit a line."""
    return sum(x.w - 0.5 if P.is_cjk_punct(x.text[-1]) and x.w - width(x.text[:-1]) >= 1.0
               else x.w for x in (a, b))  # (a mark counted as a full cell gives up half)


def _tail_piece(prev: Ln, ln: Ln, nxt: Ln | None, near: float) -> bool:
    """A short piece that stops mid-sentence after a sentence end, with text under it, that
    fills the column exactly with the line before it: the rest of that printed line (no first
    line of a paragraph is that short unless it ends the paragraph). A longer piece ending in a
    mark counts too when the two overfill the column and fit it with the marks they end with
    squeezed (``_squeezed``): an extractor cut a printed line set tight where its marks were
    squeezed (``pdftotext -raw`` on pages with full-width marks). A piece with no sentence
    mark over a line that stops short of the column by an indent is a headline over a
    paragraph's first line, not the rest of a printed line."""
    p = L.params()
    return (nxt is not None and nxt.kind == "text" and not nxt.gap
            and (ln.w < near - p["tail_short"] or (
                prev.w + ln.w > near and ln.w <= near - p["indent_hi"]
                and P.is_cjk_punct(ln.text[-1])))  # (overfull: both pieces give up marks)
            and near - p["full_tol"] <= prev.w + ln.w
            and is_complete(prev.text) and not is_complete(ln.text) and not L.is_deck(ln.text)
            and _squeezed(prev, ln) <= near
            and not (not prose(ln.text) and not is_complete(nxt.text)
                     and near - p["indent_hi"] <= nxt.w <= near - p["indent_first"]))


def _rejoin_fragments(lines: list[Ln], col: float) -> list[Ln]:
    """Re-join printed lines an extractor cut into fragments.

    A line ending in a comma-like mark is joined to the next while the two fit in the column.
    On a page cut into pieces everywhere, any line is joined to the next while they fit, except
    after a sentence end when ``frag_after_end`` is off (a short last line of a paragraph).
    """
    cut, full = _fragmented(lines)
    p = L.params()
    out: list[Ln] = []  # the lines as they are, or copies where others were joined to them
    copied = False  # whether out[-1] is a copy
    # Widths of the lines within the column's reach (others never set the width nearby); the
    # lines' own widths do not change below (joins go to copies), so they are read once.
    usable = [x.w if x.w <= 1.6 * col else -math.inf for x in lines]
    marks = P.CONTINUING + "，、；："
    for k, ln in enumerate(lines):
        prev = out[-1] if out else None
        if prev is not None and prev.kind == ln.kind == "text" and not ln.gap:
            near = max(usable[max(k - 6, 0) : k + 6])
            if near == -math.inf:  # no line near this one fits the column
                near = col
            if cut:
                near = max(near, full)
            joins = prev.text[-1] in marks or (
                cut and (p["frag_after_end"] or not is_complete(prev.text))) \
                or _tail_piece(prev, ln, lines[k + 1] if k + 1 < len(lines) else None, near)
            if (joins and _squeezed(prev, ln) <= near + (
                    0.0 if is_complete(prev.text) else p["full_tol"])
                    and not P.DATELINE_START_RE.match(ln.text)):
                if not copied:
                    prev = out[-1] = Ln(prev.text, prev.kind, prev.reason, prev.gap, prev.w,
                                        indent=prev.indent, jumps=prev.jumps)
                    copied = True
                prev.text = L.join([prev.text, ln.text])
                prev.w += ln.w
                prev.jumps = ln.jumps
                continue
        out.append(ln)
        copied = False
    return out


def _section_name(text: str) -> bool:
    """A line short enough for a page's section name ("要闻"), with no sentence mark."""
    return nonspace_len(text) <= L.params()["section_max"] and not L.prose(text)


def _mark_masthead(lines: list[Ln]) -> None:
    """Lines at the top of the page down to its last furniture line (paper name, date, page,
    editors), and a section name of a few characters right under it, are the masthead."""
    top = L.params()["masthead_lines"]
    last = max((k for k, ln in enumerate(lines[: int(top)])
                if ln.kind == "boiler" and ln.reason != "jump line"), default=-1)  # (a jump
    # line under the headline is no masthead)
    nxt = lines[last + 1] if 0 <= last < len(lines) - 1 else None
    over_deck = last + 2 < len(lines) and L.is_deck(lines[last + 2].text)
    if nxt is not None and _section_name(nxt.text) and not over_deck and not any(
            _section_name(ln.text) and ln.kind == "text" for ln in lines[1:last]):
        last += 1  # the page's section name ("要闻") right under the page line (unless the
        # masthead named it already; a line over a deck is a headline)
    for ln in lines[: last + 1]:
        if ln.kind == "text" and not L.prose(ln.text):
            ln.kind, ln.reason = "boiler", "page furniture"


def _mark_captions(lines: list[Ln]) -> None:
    """A marked caption ("▲…") runs on until a line that ends its sentence (or its photo
    credit: "…基础。（姜明娜" / "摄）") or a blank line."""
    open_ = bare = False
    tail = ""  # the caption's last two lines: a credit broken over lines closes it too
    for k, ln in enumerate(lines):
        prev_caption = k > 0 and lines[k - 1].caption
        if ln.kind == "caption":
            ln.caption, open_, tail = True, not is_complete(ln.text), ln.text
            bare = not ln.text.strip(P.CAPTION_MARKS + " ")  # a lone "▲" marks the next block
        elif open_ and ln.kind == "text" and (not ln.gap or bare):
            tail = tail[-40:] + ln.text
            ln.caption, bare = True, False
            open_ = not is_complete(ln.text) and not P.CAPTION_CREDIT_RE.search(tail)
        elif prev_caption and ln.kind in ("text", "meta") and not ln.gap \
                and len(ln.text) <= 20 and P.CAPTION_CREDIT_RE.search(ln.text):
            ln.caption = True  # the photo credit under a caption (a byline with "摄": "本报记者
            # 许静摄" is the photographer's)
        else:
            open_ = False


def column_runs(lines: list[Ln], whole: bool = False) -> tuple[list[list[Ln]], float]:
    """The page's lines (``read_lines``) grouped into runs (paragraphs, display blocks,
    captions, furniture lines), and the page's column width. ``whole``: the printed lines were
    put back together already (``column_cuts``), no fragments are left to re-join."""
    col = set_widths(lines)
    for _ in range(0 if whole else 3):  # each pass re-measures the full width of re-joined lines
        joined = _rejoin_fragments(lines, col)
        lines, rejoined = joined, len(joined) < len(lines)
        if not rejoined:
            break  # the same lines and widths: a further pass would join nothing either
        col = set_widths(lines)
    _mark_masthead(lines)
    _mark_captions(lines)
    _unmark_prose(lines, col)
    _blank_past_furniture(lines)
    return group_runs(lines, col), col


def _blank_past_furniture(lines: list[Ln]) -> None:
    """A text line after furniture that a blank line sets apart from a sentence end (a box's
    head read as furniture: "相关链接") is set apart by it too: the blank line was between the
    two (the grouping looks past furniture)."""
    blank = False
    last: Ln | None = None  # the last line in the flow of the text
    for ln in lines:
        if ln.kind == "boiler":
            blank = blank or ln.gap
        elif not ln.caption:
            if blank and last is not None and is_complete(last.text):
                ln.gap = True
            last, blank = ln, False


# The marks a byline may open with ("□本报记者…"), as ``patterns.BYLINE_RE`` allows them.
_BYLINE_MARKS = "□■◇◆●"


def _names_someone(text: str) -> bool:
    """A byline-like line names someone: names stand apart from its role word, or it opens
    with a byline's mark. (A name glued to its role, "本报记者杨明方", is told by the layout:
    the body under it opens with an indented line.)"""
    return bool(credits(text)[0]) or text[:1] in _BYLINE_MARKS


def _unmark_prose(lines: list[Ln], col: float) -> None:
    """A line that opens like a byline ("记者从…") but has a full line under it (no indent, no
    blank line) that carries on its sentence is the opening of a paragraph: after a paragraph
    of prose, a line filling the column unspaced that stops mid-sentence; anywhere, one as
    wide as a paragraph's first line, narrower than the line under it, whose role word names
    no one ("记者从市卫健委" / "获悉，…" in a narrow column; the body under a byline opens with
    an indented line)."""
    p = L.params()
    tol = p["full_tol"]
    for k, ln in enumerate(lines[:-1]):
        nxt = lines[k + 1]
        if (ln.kind != "meta" or nxt.kind != "text" or nxt.gap or nxt.indent
                or is_complete(ln.text) or not P.BYLINE_RE.match(ln.text) or nxt.w < col - tol
                or ln.w > col + tol or P.DATELINE_START_RE.match(nxt.text)):
            continue
        prev = lines[k - 1] if k else None
        after_prose = prev is not None and prev.kind == "text" and L.prose(prev.text) \
            and is_complete(prev.text) and " " not in ln.text and ln.w >= col - tol
        if after_prose:
            ln.kind = "text"
        elif col - p["indent_hi"] <= ln.w < nxt.w and not _names_someone(ln.text):
            ln.kind, nxt.carries = "text", True  # (the widths, which it does not fill, would
            # not tell the next line carries it on)
