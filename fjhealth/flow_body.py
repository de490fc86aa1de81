"""Where a flowing page's article text lies: each line's probability of being article text, the
classifier's (``classify.body_probabilities``) set right by evidence of the whole page — a paper's
ad section out, a dateline line opening the body in, a numbered series the body holds carried on,
a notice's closing contact sentence in, and nothing after the credit that signs the article.
Used by ``flow`` and by ``benchmarks/fit_flow.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import patterns as P
from .classify import body_probabilities
from .lazyre import lazy_compile
from .linememo import kind as line_kind
from .lines import FOOTER_RE
from .meta_lines import is_caption, is_dateline, is_meta
from .models import Document, Line
from .title_place import series_number

# The roles that sign an article's end (editors, layout, review), then a separator.
_EDITORS_RE = lazy_compile(r"(责任编辑|责编|编辑|审核|校对|排版|监制)\s*[:：|｜/／\s]")
# Contact labels among the footer marks (``lines.FOOTER_RE``): a notice's own text may give them.
_CONTACT_RE = lazy_compile(r"(?:电话|传真|地址)\s*[:：]|邮编|E-?mail")
# A line is article text when the classifier gives it at least this probability.
BODY_THRESHOLD = 0.5
# Body characters before a credit line that closes the article (see _end_at_closing_credit).
CLOSING_PROSE = 200


def _ad_sections(lines: Sequence[Line]) -> set[int]:
    """Lines of a headed section that advertises the paper (several subscription terms in a
    short section: the paper's own promotion at the end of an export)."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.tag[:1] != "h":
            continue
        end = next((j for j in range(i + 1, len(lines))
                    if lines[j].tag[:1] == "h" and lines[j].tag <= ln.tag), len(lines))
        text = "".join(x.text for x in lines[i:end])
        if len(text) <= P.AD_MAX_CHARS and sum(t in text for t in P.AD_TERMS) >= P.AD_MIN_TERMS:
            out.update(range(i, end))
    return out


def _end_at_closing_credit(probs: list[float], lines: Sequence[Line]) -> None:
    """An article ends at its closing credit: a metadata line naming its editors ("编辑：…",
    "（…编辑 孙桂芳）", "排版：… 审核：…"), not a photo credit, after at least ``CLOSING_PROSE``
    characters of body text. Text after it (a legal notice, a comment thread, a reprint note)
    is not the article's: editors sign an article at its end, never inside it."""
    prose = 0
    for i, ln in enumerate(lines):
        t = ln.text
        if (prose >= CLOSING_PROSE and _EDITORS_RE.search(t) and is_meta(t)
                and not is_caption(t)):
            for j in range(i + 1, len(lines)):
                probs[j] = min(probs[j], BODY_THRESHOLD / 2)
            return
        if probs[i] >= BODY_THRESHOLD:
            prose += len(t)


def body_indices(probs: Sequence[float]) -> list[int]:
    return [i for i, p in enumerate(probs) if p >= BODY_THRESHOLD]


def body_scores(doc: Document) -> list[float]:
    """Each line's probability of being article text, as the cleaner uses it: the classifier's,
    with a paper's ad sections out, a dateline line opening the body after it in, and nothing
    after a closing credit."""
    lines = doc.lines
    probs = body_probabilities(lines, doc.format)
    for i in _ad_sections(lines):
        probs[i] = 0.0
    for i in range(len(lines) - 1):  # a dateline on its own line opens the body after it
        if probs[i + 1] >= BODY_THRESHOLD and is_dateline(lines[i].text):
            probs[i] = max(probs[i], BODY_THRESHOLD)
    _carry_series(probs, lines)
    _closing_contact(probs, lines)
    _end_at_closing_credit(probs, lines)
    return probs


def _closing_contact(probs: list[float], lines: Sequence[Line]) -> None:
    """A notice's contact sentence right after its last paragraph ("联系人：…，联系电话：….")
    is the article's: a sentence of clauses, whose only footer marks are contact labels (a
    site's footer lists its contacts without a full stop, beside its licence and copyright)."""
    body = body_indices(probs)
    i = body[-1] + 1 if body else len(lines)
    if i < len(lines):
        t = lines[i].text
        if (t[-1] in "。" and "，" in t and _CONTACT_RE.search(t)
                and not FOOTER_RE.search(_CONTACT_RE.sub("", t))):
            probs[i] = max(probs[i], BODY_THRESHOLD)


def _carry_series(probs: list[float], lines: Sequence[Line]) -> None:
    """Numbered lines right after the body's last line, or right above its first, that carry on
    a numbered series the body holds ("第五条…" in the body, then "第三章　附则" and "第六条…";
    "第一章　总则" over "第一条…" when "第二章" is in the body) are the body's, unless they carry
    a furniture or footer mark: a legal text's short last article is no footer."""
    body = body_indices(probs)
    last: dict[int, int] = {}
    first: dict[int, int] = {}
    for i in body:
        if (n := series_number(lines[i].text)) is not None:
            last[n[0]] = n[1]
            first.setdefault(n[0], n[1])
    for start, step, held in ((body[-1] if body else -1, 1, last),
                              (body[0] if body else -1, -1, first)):
        i = start + step
        while start >= 0 and 0 <= i < len(lines):
            t = lines[i].text
            n = series_number(t)
            if (n is None or held.get(n[0]) != n[1] - step or line_kind(t)[0] == "boiler"
                    or FOOTER_RE.search(t)):
                break
            probs[i] = max(probs[i], BODY_THRESHOLD)
            held[n[0]] = n[1]
            i += step
