"""Flowing text (web pages, Markdown exports, HTML) -> one article's parts.

Stages: each line is scored as article text or not (``classify``, set right by the whole page's
evidence in ``flow_body``); the title is chosen by
agreement with the body (``titles``); byline and source/date lines beside the title go to the
metadata; body lines become paragraphs (a line continues the previous one only where the
previous stopped mid-sentence: a fitted join model), short unpunctuated lines inside the body
become headings; a paragraph the page prints twice (desktop and mobile copies) is kept once.
Everything else goes to the removed record with where it stood (header, footer, inside) and what
it looked like (menu, links). Nothing is dropped. Pure, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import patterns as P
from .bylines import is_byline_at, is_date_pair
from .flow_body import BODY_THRESHOLD, body_indices, body_scores
from .join_model import join_weights, joins
from .lazyre import lazy_compile
from .linememo import forget
from .linememo import kind as line_kind
from .lines import FOOTER_RE, HAN_RE, SEPARATOR_RE, SHORT_LINE
from .list_page import is_list_page
from .meta_lines import is_bio, is_caption, is_credit, is_meta, speaker_labels
from .models import Block, Document, Line, Removed
from .text import fix_spaces, is_complete, join_lines
from .title_place import series_items
from .titles import MIN_PROBABILITY, Candidate, candidates, choose_title, probability
from .units import Draft

# A zero-padded section number printed before its head on one line ("01 调整作息，…", as
# html2text sets two bold runs).
_SECTION_NUMBER_RE = lazy_compile(r"(0\d)\s+(?=[\u4e00-\u9fff“])")
# A zero-padded section number alone on a line ("01" over its head, as WeChat pages print one).
_BARE_SECTION_NUMBER_RE = lazy_compile(r"0[0-9]")
# Anything but letters and digits (see _norm).
_NON_WORD_RE = lazy_compile(r"[\W_]+")
# Longest question that, standing alone as a paragraph, is a section head ("有哪些限制？").
QUESTION_HEAD = 20
# Metadata (bylines, source/date lines) is looked for this many lines around the title/body start.
META_WINDOW = 6
# Each line of a kicker/headline/deck stack has at least this many Han characters (a channel
# name or "正文" over a headline is no kicker).
STACK_MIN = 6
# Shortest paragraph (normalised characters) checked for a second copy on the page.
DUPLICATE_MIN = 12

def _is_heading(line: Line, nxt: Line | None) -> bool:
    """A short body line with no sentence end, followed by more text: a section heading. A kicker
    ending in a colon ("建设区域医疗中心,晋江:") is a heading too, and so is a short question that
    is a paragraph by itself ("报销比例是多少？"), unless it is someone's words."""
    t = line.text
    if line.tag[:1] == "h":
        return True
    if line.tag == "table":  # a row of cells ("芗城区 芗城区疾控中心接种门诊 0596-…")
        return False
    n = len(t) - t.count(" ")
    if (nxt is not None and n <= QUESTION_HEAD and t[-1] in "？?" and not P.SPEECH_RE.search(t)
            and not any(c in t[:-1] for c in "，,。！？!?；;“”\"")):
        return True
    if t[-1] in "：:":
        t = t[:-1]
    return (nxt is not None and n <= P.HEADING_MAX and bool(t) and not is_complete(t)
            and t[-1] not in P.CONTINUING and not P.SPEECH_RE.search(t))


def _announces(text: str) -> bool:
    """A clause ending on a colon, no sentence before it ("《措施》共五个方面，主要包括："): it
    announces what follows, as no headline's second line does."""
    return text[-1] in "：:" and not any(c in text for c in "。！？")


def _interrupts(prev: Line, line: Line) -> bool:
    """A short unpunctuated line inside a sentence that is not finished (the previous line
    stops on a comma or mid-word): a photo caption the page printed there."""
    t = line.text
    return (not line.tag and len(t) - t.count(" ") <= P.HEADING_MAX and not is_complete(prev.text)
            and (prev.text[-1] in P.CONTINUING or len(prev.text) > P.HEADING_MAX)
            and not any(c in t for c in "，。、；：！？,;:!?"))


def _norm(text: str) -> str:
    """Letters and digits only: the key two copies of a paragraph share."""
    return _NON_WORD_RE.sub("", text)


def _reason(line: Line) -> str:
    """Why a line was set aside: its furniture kind where one is recognised (``units.line_kind``),
    else what it looks like."""
    t = line.text
    kind, reason = line_kind(t)
    if kind == "boiler":
        return reason
    if line.links * 2 >= len(t) or SEPARATOR_RE.search(t) or len(t) - t.count(" ") <= SHORT_LINE:
        return "navigation"
    if FOOTER_RE.search(t):
        return "footer"
    return "boilerplate"


def prose_start(lines: Sequence[Line], body: Sequence[int]) -> int:
    """The first body line that reads as prose: sentences with clauses (ending on the line, or a
    full stop inside it: hard-wrapped text), longer than a heading, or continued by the next
    line."""
    members = set(body)
    w = join_weights()
    for i in body:
        t = lines[i].text
        clauses = "，" in t or "," in t
        if (clauses and (is_complete(t) or "。" in t)) or len(t) - t.count(" ") > P.HEADING_MAX or (
                clauses and i + 1 in members and joins(lines[i], lines[i + 1], w)):
            return i
    return body[0]


def title_candidates(doc: Document, probs: Sequence[float]) -> list[Candidate]:
    """The page's title candidates (``titles.candidates``) for the body ``probs`` mark; also what
    ``benchmarks/fit_flow.py`` fits the title model on, so training and use see the same."""
    body = body_indices(probs)
    if not body:
        return []
    lines = doc.lines
    logits = [math.log(max(p, 1e-9) / max(1 - p, 1e-9)) for p in probs]
    found = candidates(lines, prose_start(lines, body), [lines[i].text for i in body], logits,
                       doc.titles, skip=is_meta)
    # a piece of a line whose rest holds a sentence is the start of prose, not a headline with
    # a site name after it ("征收遗产税…耳际——年初，国务院…。"); a head numbered in a series
    # ("四、…" where "一、…" or "五、…" stands elsewhere on the page) is a section's head
    series = series_items([ln.text for ln in lines])
    return [c for c in found if c.line < 0 or not any(
        m in lines[c.line].text.replace(c.core, "", 1) for m in "。！？")
        and c.line not in series]


def build(doc: Document) -> Draft | None:
    """Clean one flowing page into an article draft; None when it holds no article text."""
    forget()  # answers remembered about the last page's lines
    lines = doc.lines
    probs = body_scores(doc)
    body = body_indices(probs)
    if not any(HAN_RE.search(lines[i].text) for i in body) or is_list_page(lines, body):
        return None
    d = Draft()
    lo, hi = prose_start(lines, body), body[-1] + 1
    cands = title_candidates(doc, probs)
    title = _headline_of_stack(choose_title(cands), cands, lines, lo, doc.titles)
    if title is None and body == list(range(1, len(lines))):
        # a page of one headline-shaped line over nothing but article text: its headline,
        # though the body repeats none of its words ("門診異動" / "本週診所照常看診。")
        title = next((c for c in cands if c.line == 0 and c.core == lines[0].text), None)
    used: set[int] = set()
    if title is not None:
        d.title = fix_spaces(title.core, headline=True)
        if title.line >= 0:
            used.add(title.line)
            if title.core != lines[title.line].text:  # the site name cut off the title line
                rest = lines[title.line].text.replace(title.core, " ", 1).strip()
                if is_meta(rest):  # a date printed after the headline is the article's
                    d.meta.append(rest.strip("|｜-–—_· "))
                elif any(c.isalnum() for c in rest):  # not markup alone ("**", "|")
                    d.removed.append(Removed("site name", rest))
    anchor = title.line if title is not None and title.line >= 0 else lo
    if anchor < lo:  # above the headline: a field table, a kicker, a teaser, never its body
        for i in range(anchor):
            probs[i] = min(probs[i], BODY_THRESHOLD / 2)
        body = [i for i in body if i > anchor]
    texts = [ln.text for ln in lines]
    d.header = 0  # meta lines above the body, counted below
    near = range(max(0, min(anchor, lo) - META_WINDOW), min(len(lines), lo + META_WINDOW))
    after = range(hi, min(len(lines), hi + META_WINDOW))
    for i in near:  # a date printed in pieces above the body ("21" / "2025/11")
        if i + 1 < lo and not used & {i, i + 1} and is_date_pair(texts[i], texts[i + 1]):
            d.meta.append(f"{texts[i]} {texts[i + 1]}")
            used.update((i, i + 1))
    speakers = speaker_labels([lines[i] for i in body])  # "记者：" is a turn, not a credit
    for i in (*near, *after, *range(lo, hi)):
        t = lines[i].text
        if i in used or t in speakers:
            continue
        if (is_meta(t) and (i < lo or i >= hi or probs[i] < BODY_THRESHOLD or i in near
                            or P.ATTRIBUTION_RE.match(t) or is_credit(t))) or is_bio(t):
            d.meta.append(t)
            used.add(i)
        elif (lo <= i < hi or i in near) and (is_caption(t) or lines[i].tag == "caption"):
            d.captions.append(fix_spaces(t, headline=True))
            used.add(i)
        elif i < lo and i in near and is_byline_at(texts, i, d.title):
            d.meta.append(t)
            used.add(i)
        if i < lo:
            d.header = len(d.meta)
    rest = [i for i in body if i not in used]
    for k in range(1, len(rest) - 1):
        if _interrupts(lines[rest[k - 1]], lines[rest[k]]):
            d.captions.append(fix_spaces(lines[rest[k]].text, headline=True))
            used.add(rest[k])
    _paragraphs(d, lines, [i for i in rest if i not in used], used)
    _set_aside(d, lines, [i for i, p in enumerate(probs) if i not in used and p < BODY_THRESHOLD])
    d.removed.extend(doc.removed)
    if title is None and doc.titles:
        d.removed.extend(Removed("metadata title", t) for t in doc.titles)
    return d


def _headline_of_stack(title: Candidate | None, cands: Sequence[Candidate],
                       lines: Sequence[Line], lo: int, titles: Sequence[str]) -> Candidate | None:
    """The headline of a kicker, headline and deck printed as three display lines right above
    the body (its byline and date lines aside): the middle one, when it is a credible title and
    neither the page's metadata ``titles`` nor its heading markup back the line the title model
    chose (a Chinese paper sets 引题, 主题 and 副题 in that order). Where the stack's heading
    markup ranks one line above the others (one ``h1`` among ``h2``-``h4`` and untagged lines),
    that line is the headline, with or without a kicker or a deck."""
    if title is None or title.line < 0:
        return title
    end = lo
    while end > 0 and is_meta(lines[end - 1].text):
        end -= 1
    stack = []
    for i in range(end - 1, max(end - 5, -1), -1):
        t = lines[i].text
        if not (STACK_MIN <= len(HAN_RE.findall(t)) and len(t) <= P.HEADING_MAX
                and t[-1] not in P.TERMINAL and not is_meta(t) and line_kind(t)[0] == "text"
                and lines[i].tag != "table"):
            break
        stack.append(i)
    levels = [int(lines[i].tag[1:]) if lines[i].tag[1:].isdigit() else 9 for i in stack]
    top = min(levels, default=9)
    if len(stack) >= 2 and top < 9 and levels.count(top) == 1 and title.line in stack:
        # the markup ranks the stack: its one highest heading is the headline (<h1> over an
        # <h2> deck or an untagged one, over a kicker in <h2>/<h3>)
        head = stack[levels.index(top)]
        ranked = next((c for c in cands if c.line == head and c.core == lines[head].text), None)
        if ranked is not None and probability(ranked) >= MIN_PROBABILITY:
            return ranked
    if (len(stack) != 3 or title.line not in (stack[0], stack[2]) or title.core in titles
            or lines[title.line].tag[:1] == "h" != lines[stack[1]].tag[:1]):  # markup says so
        return title
    middle = next((c for c in cands if c.line == stack[1] and c.core == lines[stack[1]].text), None)
    return middle if middle is not None and probability(middle) >= MIN_PROBABILITY else title


def _set_aside(d: Draft, lines: Sequence[Line], rest: list[int]) -> None:
    """Record the lines that are not the article's, with reasons; a run of consecutive lines
    that together name the subscription terms is one subscription ad."""
    runs: list[list[int]] = []
    for i in rest:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        text = "".join(lines[i].text for i in run)
        ad = sum(term in text for term in P.AD_TERMS) >= P.AD_MIN_TERMS
        for i in run:
            reason = "subscription ad" if ad and len(text) <= P.AD_MAX_CHARS else _reason(lines[i])
            d.removed.append(Removed(reason, lines[i].text))


def _paragraphs(d: Draft, lines: Sequence[Line], body: list[int], moved: set[int]) -> None:
    """Body lines -> paragraph and heading blocks; second copies of paragraphs removed. Lines
    ``moved`` to captions or metadata do not separate the lines around them."""
    w = join_weights()
    groups: list[list[Line]] = []
    speakers = speaker_labels([lines[i] for i in body])
    numbered = False  # the line before was a section number alone ("01" over its head)
    for k, i in enumerate(body):
        ln = lines[i]
        if k + 1 < len(body) and not ln.tag and _BARE_SECTION_NUMBER_RE.fullmatch(ln.text):
            d.removed.append(Removed("section number", ln.text))
            numbered = True
            continue
        adjacent = (k > 0 and not numbered
                    and all(j in moved for j in range(body[k - 1] + 1, i)))
        numbered = False
        prev = groups[-1][-1] if groups else None
        if prev is not None and adjacent and (prev.text in speakers or joins(prev, ln, w)):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    seen: set[str] = {_norm(d.title)} if d.title else set()
    for g, group in enumerate(groups):
        text = join_lines([ln.text for ln in group])
        if len(group) == 1 and (m := _SECTION_NUMBER_RE.match(text)):  # "01 调整作息…"
            d.removed.append(Removed("section number", m.group(1)))
            text = text[m.end():]
        # a table row keeps the spaces between its cells ("儿科门诊 周一至周五 周一至周日")
        table = all(ln.tag == "table" for ln in group)
        text = " ".join(text.split()) if table else fix_spaces(text)
        if not text:
            continue
        key = _norm(text)
        if key in seen and (len(key) >= DUPLICATE_MIN or len(group) == 1 and key == _norm(d.title)):
            d.removed.append(Removed("duplicate", text))
            continue
        seen.add(key)
        nxt = groups[g + 1][0] if g + 1 < len(groups) else None
        if len(group) == 1 and _is_heading(group[0], nxt):
            prev = groups[g - 1] if g else None
            if (prev is not None and d.blocks and d.blocks[-1].kind == "heading"
                    and not group[0].tag and not prev[-1].tag and not _announces(text)
                    and not P.NUMBERED_RE.match(text)):
                # a two-line head (unless the second announces what follows or opens with a
                # section number: "一、…" heads a section of its own)
                d.blocks[-1] = Block("heading", f"{d.blocks[-1].text} {text}")
            else:
                d.blocks.append(Block("heading", text))
        else:
            d.blocks.append(Block("paragraph", text))
