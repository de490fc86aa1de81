"""Sentences of a column page mended where the page's layout broke them.

A paragraph that stops mid-sentence carries on past what stands outside the flow of the
column text — a photo caption, its credit line, text set across columns, a byline printed
inside the sentence — in the paragraph after it. It also carries on, with nothing in between,
when the break falls inside a word (the last character of one block and the first of the next
make a word of the general dictionary: ``要|求``, ``系|列``) or the next block opens with a
particle no sentence opens with (``的``), or when the two characters across the break run on
in prose far likelier than the one ends a clause and the other opens one (``送|戏``: a
character-pair model, ``fjhealth.char_pairs``): a paragraph or heading almost never ends there
(the rest of the sentence was set apart by a column break, a blank line or a change of column
width). Pure; the dictionary is jieba's table shipped with the package (``fjhealth.idf``),
looked up a pair at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from . import column_lines as L
from . import patterns as P
from .column_lines import Ln, join
from .text import is_complete


@dataclass
class Run:
    """A run of a column page's lines and what it holds."""

    kind: str  # para | display | meta | caption | boiler
    lines: list[Ln]
    _text: str | None = field(default=None, repr=False, compare=False)  # given if joined already

    @property
    def text(self) -> str:
        """The run's lines joined (once: a run's lines never change once it is made)."""
        if self._text is None:
            self._text = join([ln.text for ln in self.lines])
        return self._text


def aside(r: Run, col: float) -> bool:
    """A run standing outside the flow of the column text: a photo caption, a metadata line
    (a byline, a credit line "（范静洋 摄）"), or lines set across columns (every one wider
    than the column by more than a headline's margin, but the last that may stop short: a
    caption or a pull quote spanning columns)."""
    wide = col + L.params()["wide"]
    return r.kind in ("caption", "meta") \
        or all(ln.w > wide for ln in r.lines[: max(len(r.lines) - 1, 1)])


def splits_word(before: str, after: str) -> bool:
    """The last character of ``before`` and the first of ``after`` are Han characters that
    make a two-character word of the general dictionary."""
    pair = before[-1:] + after[:1]
    if len(pair) != 2 or not all(map(P.is_han, pair)):
        return False
    from .idf import general_idf  # here: a page without such a break never opens the table

    return pair in general_idf()[0]


def runs_on(before: str, after: str) -> bool:
    """The characters across the break run on far likelier than they end and open a clause
    (``char_pairs``: imported here, a page without such a break never reads its table)."""
    from .char_pairs import runs_on as pairs_run_on

    return pairs_run_on(before, after)


# Characters that never open a sentence, heading or title: the particle 的 (but 的确, 的士) and
# the plural suffix 们 (a small supplement to the dictionary test; a block that opens with one
# carries on the sentence before it).
_BOUND = {"的": "确士", "们": ""}


def bound_start(text: str) -> bool:
    """``text`` opens with a character no sentence opens with (see ``_BOUND``)."""
    first = text[:1]
    return first in _BOUND and (not _BOUND[first] or text[1:2] not in _BOUND[first])


@cache
def _seams() -> tuple[frozenset[str], frozenset[str]]:
    """Words no clause ends with, and words none begins with (``data/seams.json``, counted on
    prose by ``benchmarks/fit_seams.py``)."""
    text = resources.files("fjhealth.data").joinpath("seams.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return frozenset(data["never_final"]), frozenset(data["never_initial"])


# The longest word looked for at a block's edge (jieba's dictionary words are mostly shorter).
EDGE_WORD = 4


def _edge_word(text: str, last: bool) -> str:
    """The word a text ends (``last``) or begins with: the longest run of up to ``EDGE_WORD``
    Han characters at that edge that is a dictionary word, else the edge character."""
    # the text without spaces near that edge (all of it when the edge holds too few characters)
    near = (text[-2 * EDGE_WORD :] if last else text[: 2 * EDGE_WORD]).replace(" ", "")
    text = near if len(near) >= EDGE_WORD else text.replace(" ", "")
    edge = text[-1:] if last else text[:1]
    if not P.is_han(edge):
        return ""
    from .idf import general_idf  # here: only a page with an open break looks words up

    table = general_idf()[0]
    for n in range(min(EDGE_WORD, len(text)), 1, -1):
        word = text[-n:] if last else text[:n]
        if all(map(P.is_han, word)) and word in table:
            return word
    return edge


def open_end(text: str) -> bool:
    """``text`` ends with a word no clause ends with (a conjunction, preposition or adverb:
    ``和``, ``把``, ``在``): the sentence goes on after it.

    >>> open_end("丰富的资源和"), open_end("资源丰富")
    (True, False)
    """
    return _edge_word(text, last=True) in _seams()[0]


def open_start(text: str) -> bool:
    """``text`` begins with a word no clause begins with (a particle: ``的``, ``了``, ``着``):
    it carries on a sentence."""
    return _edge_word(text, last=False) in _seams()[1]


def _indented(r: Run, col: float) -> bool:
    """A run of several lines whose first line stops short of the column by an indent."""
    return len(r.lines) > 1 and r.lines[0].w <= col - L.params()["indent_first"]


def _carries_on(r: Run, nxt: Run, apart: bool, body: bool, col: float) -> bool:
    """Whether the paragraph after ``r`` (past runs set aside when ``apart``) carries on its
    sentence. ``body``: a paragraph came before ``r`` (a display run before any is a
    headline); display text with no sentence mark after ``r`` is a headline or deck, never
    the rest of its sentence."""
    if is_complete(r.text) or P.DATELINE_START_RE.match(nxt.text) or r.lines[-1].jumps:
        return False  # (a paragraph a jump line sent on to another page goes on there)
    if (r.kind == "para" or (r.kind == "display" and body)) \
            and (nxt.kind == "para" or (nxt.kind == "display" and not apart)) \
            and (open_end(r.text) or open_start(nxt.text) or (
                not apart and not _indented(nxt, col) and runs_on(r.text, nxt.text))):
        return True  # the words at the break cannot end (begin) a sentence, or (with nothing
        # in between, no indent after) its characters run on far likelier than they end and
        # open one (after the first paragraph: a headline over the body is never mended into
        # it; past what stands apart only prose carries a sentence on)
    prose = r.kind == "para" or (r.kind == "display" and len(r.lines) > 1 and L.prose(r.text))
    if prose and apart and nxt.kind == "para":
        return True
    word = (r.kind == "para" or (r.kind == "display" and (body or L.prose(r.text))
                                 and not _indented(nxt, col))) \
        and (nxt.kind == "para" or (nxt.kind == "display" and L.prose(nxt.text)))
    # a word split across runs set aside is too weak a sign; a particle opening is not
    return word and (bound_start(nxt.text) or (not apart and splits_word(r.text, nxt.text)))


# How many runs past the one that should carry a paragraph on a piece printed out of order is
# looked for (a bound: the search stays linear in the page).
MOVED_WINDOW = 6


def _open_para(r: Run) -> bool:
    """Prose that stops mid-sentence after a Han character."""
    return (r.kind == "para" or (r.kind == "display" and len(r.lines) > 1 and L.prose(r.text))) \
        and P.is_han(r.text[-1:]) and not is_complete(r.text) and not r.lines[-1].jumps


def restore_order(runs: list[Run]) -> list[Run]:
    """Put back a piece of prose an extractor printed out of order.

    A paragraph ``a`` stops mid-sentence and the prose after it (past headlines and what stands
    apart) does not carry it on; a piece ``b`` printed further down fits in between as a jigsaw
    piece does: ``a``'s last character and ``b``'s first make a dictionary word, and so do
    ``b``'s last and the next paragraph's first (``…发|扬…服|务…``), while ``a``'s end and that
    paragraph's start make none. ``a``, ``b`` and that paragraph become one paragraph.
    """
    runs = list(runs)
    i = 0
    while i < len(runs):
        a = runs[i]
        c = next((k for k in range(i + 1, min(i + 4, len(runs)))
                  if runs[k].kind == "para"), None) if _open_para(a) else None
        if c is None or splits_word(a.text, runs[c].text) or open_start(runs[c].text):
            i += 1
            continue
        nxt = runs[c]
        b = next((k for k in range(c + 1, min(c + 1 + MOVED_WINDOW, len(runs)))
                  if _open_para(runs[k]) and splits_word(a.text, runs[k].text)
                  and splits_word(runs[k].text, nxt.text)), None)
        if b is None:
            i += 1
            continue
        joined = Run("para", a.lines + runs[b].lines + nxt.lines)
        runs = [*runs[:i], joined, *runs[i + 1 : c], *runs[c + 1 : b], *runs[b + 1 :]]
    return _restore_inside(runs)


def _gap_join(r: Run) -> int | None:
    """Where ``r`` was carried on past a blank line in mid-sentence with no word across the
    blank line (the index of the line after it), if anywhere."""
    if r.kind != "para":
        return None
    return next((j for j in range(1, len(r.lines)) if r.lines[j].gap
                 and not is_complete(r.lines[j - 1].text) and P.is_han(r.lines[j - 1].text[-1:])
                 and not splits_word(r.lines[j - 1].text, r.lines[j].text)), None)


def _restore_inside(runs: list[Run]) -> list[Run]:
    """Put back a piece printed out of order where a paragraph was carried on past a blank line
    in mid-sentence (``_gap_join``): a paragraph further down that stops mid-sentence, or such
    a paragraph's lines up to its own such blank line, fits there as ``restore_order`` asks
    (both its edges make dictionary words with the lines around the blank line)."""
    out = list(runs)
    i = 0
    while i < len(out):
        r, at = out[i], _gap_join(out[i])
        found = None
        for k in range(i + 1, min(i + 1 + MOVED_WINDOW, len(out))) if at is not None else ():
            end = len(out[k].lines) if _open_para(out[k]) else _gap_join(out[k])
            piece = out[k].lines[:end] if end else []
            if piece and splits_word(r.lines[at - 1].text, piece[0].text) \
                    and splits_word(piece[-1].text, r.lines[at].text):
                found = k, end
                break
        if found is None:
            i += 1
            continue
        k, end = found
        out[i] = Run("para", [*r.lines[:at], *out[k].lines[:end], *r.lines[at:]])
        rest = out[k].lines[end:]
        out[k : k + 1] = [Run("para", rest)] if rest else []
    return out


def mend(runs: list[Run], col: float) -> list[Run]:
    """The page's runs with each sentence broken by the layout put back together, until no
    more breaks mend (one mended paragraph may show the break before it: a display line ending
    in ``和`` over one that became prose)."""
    runs = restore_order(runs)
    for _ in range(MEND_PASSES):
        before = len(runs)
        runs = _mend_once(runs, col)
        if len(runs) == before:
            break
    return runs


# How many times a page's runs are mended at most (each pass only joins runs: it ends soon).
MEND_PASSES = 3


def _mend_once(runs: list[Run], col: float) -> list[Run]:
    """The page's runs with each sentence broken by the layout put back together (see the
    module docstring); what stood in between follows the mended paragraph, captions and lines
    set across columns as captions, metadata lines as they are."""
    out: list[Run] = []
    i = 0
    body = False
    while i < len(runs):
        r, held = runs[i], []
        while True:
            j = i + 1
            while j < len(runs) and aside(runs[j], col):
                j += 1
            if j >= len(runs) or not _carries_on(r, runs[j], j > i + 1, body, col):
                break
            held += [x if x.kind == "meta" and not P.CAPTION_CREDIT_RE.search(x.text)
                     else Run("caption", x.lines) for x in runs[i + 1 : j]]
            kind = "display" if r.kind == runs[j].kind == "display" else "para"
            r = Run(kind, r.lines + runs[j].lines)  # a headline broken in two stays one
            i = j
        out += [r, *held]
        body = body or r.kind == "para"
        i += 1
    return out
