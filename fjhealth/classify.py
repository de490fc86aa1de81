"""Which lines of a page are article text: a fitted line model, then a context pass.

Modelled on jusText's two passes. The first pass scores each line alone from its features
(``lines.line_features``) with logistic-regression weights fitted on the development pages. The
second pass rescores each line with its neighbours: the mean score of the lines around it, and
whether it lies in the page's *main run* — the contiguous stretch of lines whose summed scores
are highest, which is where an article sits among menus above and footers below. Lines the
context lifted at the edges of the body must also read as text alone, and a line sure of itself
just past an edge joins (``_revise_edges``). Weights are
data (``fjhealth/data/lines.json``), written by ``benchmarks/fit_lines.py``. Pure, no I/O beyond
reading that file once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from . import fitted
from .edge_text import (
    NOTICE_RE,
    SHORT_EDGE,
    ad_label,
    box_tail,
    dangling,
    end_at_notice,
    inline_link,
    references_tail,
)
from .edge_text import field as _field
from .edge_text import heading_shaped as _heading_shaped
from .edge_text import notice as _notice
from .edge_text import sentence as _sentence
from .edge_text import whole_sentence as _whole_sentence
from .lazyre import lazy_compile
from .linememo import kind as line_kind
from .lines import DATE_RE, FEATURES, FOOTER_RE, HAN_RE, LONG_LINE, line_features
from .models import Line
from .patterns import STAMP_RE

# The context pass's inputs, in the order of its weights.
CONTEXT_FEATURES = (
    "bias",
    "score",
    "prev",
    "next",
    "near",  # mean score of the lines 1-3 away
    "far",  # mean score of the lines 4-10 away
    "in_run",
    "run_distance",
    "in_loose_run",  # the main run when one stray line costs little (captions, inline ads)
    "loose_distance",
)
# In the loose run a line counts at least this much: a short interruption cannot cut it.
LOOSE_FLOOR = -0.5
# Edge revision: a line this sure of itself alone joins the body across at most EDGE_GAP lines
# of at most SHORT_EDGE characters (``edge_text``).
EDGE_LIFT = 1.0
EDGE_GAP = 2
# A line longer than SHORT_EDGE right at an edge joins when its logit is at least NEAR_GOOD (a
# near-good block beside a good one, in jusText's terms) and it carries no furniture mark.
NEAR_GOOD = -0.5
# Most lines of a list or table a body line announces with a colon (``_announced``).
ANNOUNCED_MAX = 30
# Posts (``first_post_end``): a line scoring at least PROSE_SCORE alone is prose, a post has at
# least POST_CHARS characters of it, the furniture closing a post is at most CLOSER_LINES lines
# (a longer run is a sidebar); past the end of the first post every line counts at most AFTER_POST.
PROSE_SCORE = 1.0
POST_CHARS = 100
CLOSER_LINES = 15
AFTER_POST = -3.0
# Digit runs: a furniture line's shape has them as "0" (post counters, dates, times).
_DIGITS_RE = lazy_compile(r"\d+")
# Runs of Han characters, which a comment stamp's shape keeps as "H" (the readers' names differ).
_HAN_RUN_RE = lazy_compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


@cache
def weights() -> dict[str, Any]:
    """The shipped weights: ``line`` (per ``FEATURES``), ``context`` (per ``CONTEXT_FEATURES``)."""
    data = fitted.load("lines.json", features=FEATURES, context_features=CONTEXT_FEATURES)
    return {"line": data["line"], "context": data["context"], "offsets": data["offsets"]}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def main_run(scores: Sequence[float]) -> tuple[int, int]:
    """The half-open range of lines with the largest sum of (logit) scores; (0, 0) if none > 0.

    >>> main_run([-2.0, 1.0, 3.0, -0.5, 2.0, -4.0])
    (1, 5)
    """
    best, best_range = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_range = total, (start, i + 1)
    return best_range


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _distance(i: int, lo: int, hi: int) -> float:
    return math.log1p(0 if lo <= i < hi else (lo - i if i < lo else i - hi + 1))


def context_features(scores: Sequence[float]) -> list[list[float]]:
    """Second-pass inputs for each line, from the first-pass logits of the page."""
    lo, hi = main_run(scores)
    loose_lo, loose_hi = main_run([max(s, LOOSE_FLOOR) for s in scores])
    n = len(scores)
    rows = []
    scores = list(scores)
    for i, s in enumerate(scores):
        near = scores[max(i - 3, 0):i] + scores[i + 1:i + 4]
        far = scores[max(i - 10, 0):max(i - 3, 0)] + scores[i + 4:i + 11]
        in_run, in_loose = lo <= i < hi, loose_lo <= i < loose_hi
        rows.append([
            1.0,
            s,
            scores[i - 1] if i > 0 else -3.0,
            scores[i + 1] if i + 1 < n else -3.0,
            _mean(near),
            _mean(far),
            1.0 if in_run else 0.0,
            0.0 if in_run else _distance(i, lo, hi),
            1.0 if in_loose else 0.0,
            0.0 if in_loose else _distance(i, loose_lo, loose_hi),
        ])
    return rows


def _shape(text: str) -> str:
    return " ".join(_DIGITS_RE.sub("0", text).split())


def first_post_end(lines: Sequence[Line], scores: Sequence[float]) -> int | None:
    """Where the first post ends on a page of several (a blog's front page, a forum thread), else
    None. Posts are closed by short runs of furniture lines (logit < 0) that carry a date and
    share a line of one shape (digits aside, two Han characters or more: "由…张贴 @ 2005-06-14
    (370)"), at least two such runs each after prose of its own; the article is the first post.

    >>> from fjhealth.read.plain import read_plain
    >>> page = ["第一篇文章的正文，写了很长的一段话。" * 6, "发表于 2005-06-14 (12)",
    ...         "第二篇文章的正文，也写了很长的一段话。" * 6, "发表于 2005-06-10 (8)"]
    >>> first_post_end(read_plain("\\n".join(page)).lines, [3.0, -2.0, 3.0, -2.0])
    1
    """
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(scores):
        j = i
        while j < len(scores) and scores[j] < 0:
            j += 1
        if 0 < j - i <= CLOSER_LINES and any(DATE_RE.search(lines[k].text) for k in range(i, j)):
            runs.append((i, j))
        i = j + 1
    by_shape: defaultdict[str, list[int]] = defaultdict(list)
    for r, (a, b) in enumerate(runs):
        for shape in {_shape(lines[k].text) for k in range(a, b)}:
            if len(HAN_RE.findall(shape)) >= 2:
                by_shape[shape].append(r)
    end = None
    for rs in by_shape.values():
        closers, prev = [], 0
        for r in rs:
            a, b = runs[r]
            prose = sum(len(lines[k].text) for k in range(prev, a) if scores[k] >= PROSE_SCORE)
            if prose >= POST_CHARS:
                closers.append(a)
            prev = b
        if len(closers) >= 2 and (end is None or closers[0] < end):
            end = closers[0]
    return end


def comments_start(lines: Sequence[Line], scores: Sequence[float]) -> int | None:
    """Where readers' comments begin under an article, else None: two or more furniture lines
    (logit < 0) of one shape (digits and names aside) that carry a day and a time of day, each
    followed by prose, the first after ``POST_CHARS`` characters of prose. The comments start
    at the first stamp's run of furniture (its heading, the reader's name).

    >>> from fjhealth.read.plain import read_plain
    >>> page = ["文章的正文，写了很长的一段话。" * 8, "网友评论", "网友 小鱼", "2025-12-02 10:21",
    ...         "说得好，谢谢。", "网友 阿杰", "2025-12-03 21:05", "学到了。"]
    >>> comments_start(read_plain("\\n".join(page)).lines, [3, -2, -2, -2, 1, -2, -2, 1])
    1
    """
    prose, stamps = 0, []
    for i, ln in enumerate(lines):
        if scores[i] >= PROSE_SCORE:
            prose += len(ln.text)
        elif scores[i] < 0 and prose >= POST_CHARS and STAMP_RE.search(ln.text) and any(
                scores[j] >= 0 for j in range(i + 1, min(i + 1 + CLOSER_LINES, len(lines)))):
            stamps.append(i)
    shapes = defaultdict(list)
    for i in stamps:
        shapes[_HAN_RUN_RE.sub("H", _shape(lines[i].text))].append(i)
    first = min((found[0] for found in shapes.values() if len(found) >= 2), default=None)
    if first is None:
        return None
    while first > 0 and scores[first - 1] < 0:
        first -= 1
    return first


def post_scores(lines: Sequence[Line], scores: Sequence[float]) -> list[float]:
    """The first-pass logits with every line past the first post (``first_post_end``), or on a
    page of one post from its readers' comments on (``comments_start``), counted as furniture at
    most."""
    end = first_post_end(lines, scores)
    if end is None:
        end = comments_start(lines, scores)
    if end is None:
        return list(scores)
    return [s if i < end else min(s, AFTER_POST) for i, s in enumerate(scores)]


def line_logits(lines: Sequence[Line], w: Sequence[float] | None = None) -> list[float]:
    """First pass: each line's logit of being article text, from its own features."""
    w = weights()["line"] if w is None else w
    return [fitted.dot(w, f) for f in line_features(lines)]


def _revise_edges(
    probs: list[float], scores: Sequence[float], lines: Sequence[Line]
) -> list[float]:
    """The body's edges, decided by the lines themselves (jusText's context rule, at the edges).

    A line the context lifted at either edge must read as text on its own and be neither footer,
    recognised furniture (``units.line_kind``) nor a field (``_field``), else it goes back to the
    furniture around it.
    A line that reads as text on its own (logit >= ``EDGE_LIFT``), and is no notice written as a
    sentence (``_notice``), just past an edge, behind at
    most ``EDGE_GAP`` short lines (a caption, a widget), joins the body, and so does a long line
    right at the edge that is near-good (logit >= ``NEAR_GOOD``) with no furniture mark, or a
    near-good whole sentence (``_sentence``: "联系人：陈丽华，联系电话：…。") that is no
    notice nor recognised furniture, or a short whole sentence with no label, whatever its
    score (``_whole_sentence``: "本通知自2026年1月1日起执行。"), which the context may also keep
    at an edge. A
    heading between two body lines (tagged, or short and unpunctuated) is the body's section
    heading, and a line between the body's
    first and last line that reads as text alone (logit >= 0) is body (jusText's good and
    near-good blocks between good ones). When the context leaves no body at all, the lines of
    the main run that read as text alone are the body, if they hold ``POST_CHARS`` characters (a
    short article alone among furniture, a blog's first post) or the page holds nothing else (a
    short notice: headings and lines that read as text)."""
    body = [i for i, p in enumerate(probs) if p >= 0.5]
    if not body:  # the context found none: the main run's prose, if there is enough of it
        lo, hi = main_run(scores)
        prose = [i for i in range(lo, hi) if scores[i] >= EDGE_LIFT]
        if all(scores[i] >= 0 or lines[i].tag[:1] == "h" for i in range(len(lines))):
            prose = [i for i, ln in enumerate(lines) if ln.tag[:1] != "h"]  # nothing else here
        elif sum(len(lines[i].text) for i in prose) < POST_CHARS:
            prose = []
        if prose:
            for i in prose:
                probs[i] = 0.5
            body = prose

    def furniture_mark(i: int) -> bool:
        t = lines[i].text
        return (bool(FOOTER_RE.search(t[:LONG_LINE]) or NOTICE_RE.search(t[:LONG_LINE]))
                or line_kind(t)[0] == "boiler")

    def furniture(i: int) -> bool:
        t = lines[i].text
        return (scores[i] < 0 and not _whole_sentence(t)) or furniture_mark(i) or _field(t)

    while body and furniture(body[0]):
        probs[body.pop(0)] = 0.49
    while body and furniture(body[-1]):
        probs[body.pop()] = 0.49
    if not body:
        return probs
    def structure(i: int) -> bool:  # a section's head or a list's item the markup tags
        ln = lines[i]
        return ((ln.tag[:1] == "h" or ln.tag == "li") and ln.links * 2 < len(ln.text)
                and bool(HAN_RE.search(ln.text)) and not furniture_mark(i))

    for start, step in ((body[-1], 1), (body[0], -1)):
        i = start + step
        passed: list[int] = []  # tagged heads, list items and tables on the way: not gap lines
        while 0 <= i < len(lines) and abs(i - start) - len(passed) <= EDGE_GAP + 1:
            t = lines[i].text
            near_good = i == start + step and ((scores[i] >= NEAR_GOOD and (
                (len(t) > SHORT_EDGE and not furniture_mark(i))
                or (_sentence(t) and not _notice(t) and line_kind(t)[0] != "boiler")))
                or (_whole_sentence(t) and not furniture_mark(i)))
            if line_kind(lines[i].text)[1] == "page widget":  # ("上一篇：…") ends the body here
                break
            if (scores[i] >= EDGE_LIFT and not _notice(lines[i].text)) or near_good:
                for k in (*passed, i):
                    probs[k] = max(probs[k], 0.5)
                passed = []
                start, i = i, i + step
            elif lines[i].tag == "table":  # a table, then text: the body goes on across it
                end = i
                while 0 <= end < len(lines) and lines[end].tag == "table":
                    end += step
                j = end
                while 0 <= j < len(lines) and structure(j):
                    j += step  # ... and across the head over it (or the next section's)
                if not (0 <= j < len(lines) and scores[j] >= EDGE_LIFT):
                    j = end
                    if step == 1 and lines[start].text[-1:] in "：:" and j - i <= ANNOUNCED_MAX:
                        passed += range(i, j)  # a table the body's last line announces
                        i = j
                        continue
                    break
                for k in (*passed, *range(i, j + step, step)):
                    probs[k] = max(probs[k], 0.5)
                passed = []
                start, i = j, j + step
            elif structure(i):
                passed.append(i)
                i += step
            elif len(lines[i].text) <= SHORT_EDGE:
                i += step
            else:
                break
    inside = [i for i, p in enumerate(probs) if p >= 0.5]
    for i in range(inside[0] + 1, inside[-1]):
        before = i - 1 if HAN_RE.search(lines[i - 1].text) or i < 2 else i - 2  # past "01"
        heading = (probs[before] >= 0.5 and (probs[i + 1] >= 0.5 or lines[i + 1].tag == "table")
                   and _heading_shaped(lines[i]))
        if (line_kind(lines[i].text)[1] == "page widget" or inline_link(lines[i])
                or not any(map(str.isalnum, lines[i].text)) or ad_label(lines[i].text)):
            probs[i] = min(probs[i], 0.49)  # a widget's line the context took in ("分享到：…")
        elif probs[i] < 0.5 and (scores[i] >= 0 or heading):
            probs[i] = 0.5  # text inside the body; a section heading between two body lines
            # or over a table (whose rows ``_announced`` takes)
    _announced(probs, lines, inside[0], inside[-1], furniture_mark)
    body = [i for i, p in enumerate(probs) if p >= 0.5]
    for i in (*box_tail(lines, body), *references_tail(lines, body)):
        probs[i] = min(probs[i], 0.49)
    body = [i for i, p in enumerate(probs) if p >= 0.5]
    while len(body) > 1 and dangling(lines[body[-1]].text):
        probs[body.pop()] = 0.49
    end_at_notice(probs, lines, body, POST_CHARS, EDGE_GAP + 2)
    return probs


def _announced(probs: list[float], lines: Sequence[Line], first: int, last: int,
               furniture_mark: Callable[[int], bool]) -> None:
    """Lines inside the body that a body line announces ("到以下接种门诊补种：") up to the next
    body line: the list or table the text introduces (a table saved one cell per line), when
    they are at most ``ANNOUNCED_MAX`` and none carries a furniture mark or is mostly link text
    (an ad block after a colon); and a table between two body lines, announced or not, as one
    at the body's edges is (unless a row holds no letter or digit: a column of bullets)."""
    k = first
    while k < last:
        table = lines[k + 1].tag == "table"
        if probs[k] < 0.5 or (lines[k].text[-1:] not in "：:" and not table) or probs[k + 1] >= 0.5:
            k += 1
            continue
        j = k + 1
        while j < last and probs[j] < 0.5:
            j += 1
        run = range(k + 1, j)
        if len(run) <= ANNOUNCED_MAX and not any(
                furniture_mark(x) or _notice(lines[x].text)
                or lines[x].links * 2 >= len(lines[x].text)
                or (lines[k].text[-1:] not in "：:" and (
                    lines[x].tag != "table" or not any(map(str.isalnum, lines[x].text))))
                for x in run):
            for x in run:
                probs[x] = 0.5
        k = j


def body_probabilities(lines: Sequence[Line], fmt: str = "text") -> list[float]:
    """Probability that each line is article text (title, byline and furniture are not), for a
    page in format ``fmt``. The context logit is moved by the format's fitted offset so that 0.5
    is the best cut for that format (HTML arrives with most furniture already gone)."""
    if not lines:
        return []
    w = weights()
    scores = post_scores(lines, line_logits(lines, w["line"]))
    offset = w["offsets"].get(fmt, 0.0)
    probs = [_sigmoid(fitted.dot(w["context"], c) + offset) for c in context_features(scores)]
    return _revise_edges(probs, scores, lines)
