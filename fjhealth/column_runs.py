"""A column page's lines grouped into runs: paragraphs, display blocks, captions and furniture.

Each line of the text's flow carries on the run before it or opens another, by its layout
(``column_lines.continues``); page furniture and photo captions stand outside the flow, and a
metadata line printed inside a sentence follows the paragraph it interrupts. Pure.
"""

from __future__ import annotations

from . import patterns as P
from .column_lines import Ln, blank_paragraphs, continues, params, prose, spread
from .text import is_complete


def group_runs(lines: list[Ln], col: float) -> list[list[Ln]]:
    """Lines grouped into runs: a paragraph, a display block, a caption or a furniture line.

    Furniture and captions stand outside the flow of the text: a paragraph broken by a page
    line or a photo caption between two columns carries on after it (not one a jump line sends
    on to another page). So does a metadata line (a byline) printed inside a sentence
    (``_inside_sentence``); it follows the paragraph."""
    flow = [ln for ln in lines if ln.kind != "boiler" and not ln.caption]
    inside = _inside_sentence(flow, col)  # by id() of the line before: Ln is not hashable
    held = {id(m) for m in inside.values()}
    flow = [ln for ln in flow if id(ln) not in held]
    runs: list[list[Ln]] = [[ln] for ln in lines if ln.kind == "boiler"]
    cur: list[Ln] = []
    blank = blank_paragraphs(flow)
    display = True  # the current run has no sentence punctuation yet
    for i, ln in enumerate(flow):
        if cur and not flow[i - 1].jumps and continues(cur, flow, i - 1, col, blank, display):
            cur.append(ln)
        else:
            cur, display = [ln], True
            runs.append(cur)
        display = display and not prose(ln.text)
        if id(ln) in inside:
            runs.append([inside[id(ln)]])
    runs.extend(_captions(lines))
    return runs


def _inside_sentence(flow: list[Ln], col: float) -> dict[int, Ln]:
    """Metadata lines printed inside a sentence, by the text line before them: that line
    fills the column and stops mid-sentence, the line after carries on (text, no dateline, no
    indent); the line before is prose, or it carries on prose above it and the line after
    fills the column too (no body opens under a byline with a full line: it is indented)."""
    out: dict[int, Ln] = {}
    tol = params()["full_tol"]

    def fills(ln: Ln) -> bool:  # as wide as the column, or spread out to it by justification
        return col - tol <= ln.w <= col + tol or spread(ln.text)

    for k in range(1, len(flow) - 1):
        a, m, b = flow[k - 1], flow[k], flow[k + 1]
        if (m.kind == "meta" and a.kind == b.kind == "text" and not is_complete(a.text)
                and (prose(a.text) or (fills(b) and not a.gap and k > 1
                                       and prose(flow[k - 2].text))) and fills(a)
                and not b.indent and not P.DATELINE_START_RE.match(b.text)):
            out[id(a)] = m
    return out


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
