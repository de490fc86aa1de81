"""The article's title, chosen by agreement with its body.

Candidates are headline-shaped lines above the body (and the title the format's metadata names),
each also cut at site separators ("标题_XX网", "标题 - XX市人民政府"), since a page's <title>
carries the site's name. Each candidate is scored by a logistic model fitted on the development
pages (``benchmarks/fit_flow.py``): how many of its character pairs the body shares, how close it
sits above the body, whether the page repeats it, its length, whether it looks like a menu or
footer, and where its line stands (``title_place``: a byline or date line below it, an item of a
list of other headlines, a numbered section head). A column's label ahead of a headline the page
also prints alone ("[专题]标题") is cut off like a site name. The best candidate wins when its
score is credible; otherwise the article has no title. What text a line offers (its core without
site names, whether it is headline-shaped) is ``title_text``'s.
Pure, no I/O beyond the weights file.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from . import fitted
from .lazyre import lazy_compile
from .linememo import remember
from .lines import FOOTER_RE, HAN_RE, SEPARATOR_RE
from .models import Line
from .patterns import NUMBERED_RE
from .title_place import DECK_MARKS, placement, section_number, series_heads
from .title_text import (
    DATED_END_RE,
    PATH_SEP_RE,
    SITE_SEP_RE,
    channel_words,
    core_of,
    shape_ok,
    short_tokens,
    site_parts,
    strip_markup,
    unglued,
)

# Runs of Han characters (``lines.HAN_RE``'s blocks): joined, the text character pairs are read
# from (found rather than everything else removed: 25% faster); with line breaks, a text's lines.
_HAN_RUN_RE = lazy_compile("[\u4e00-\u9fff\u3400-\u4dbf]+")
_HAN_LINE_RE = lazy_compile("[\u4e00-\u9fff\u3400-\u4dbf\n]+")
# Longest text cut into title candidates (four times MAX_TITLE: a <title> holding a headline and
# site names); longer lines are prose, never a title, and cutting them costs time on hostile input.
SOURCE_MAX = 256
# Titles longer than this many characters are longer than headlines usually are.
LONG_TITLE = 30
# Candidates are looked for this many lines above the body's first line, and this far into it.
LOOK_ABOVE = 40
LOOK_INTO = 2
# A numbered section head this many lines above the body's first prose line opens the body.
OPENING_HEAD = 2
# The page's first line (a text rendering's <title>) counts as confirmed by the body in
# proportion to the character pairs the body shares with it, up to this many.
FIRST_HITS = 6
# Below this probability the best candidate is not credible: the article is untitled.
MIN_PROBABILITY = 0.05

TITLE_FEATURES = (
    "bias",
    "agreement",
    "coverage",
    "log_len",
    "above",
    "inside",
    "repeated",
    "metadata",
    "heading",
    "piece",
    "body_score",
    "sentence_end",
    "clauses",
    "separators",
    "short_tokens",
    "footer",
    "digits",
    "first_line",
    "confirmed",
    "spread",
    "long",
    "site_part",
    "numbered",
    "in_series",
    "meta_below",
    "listed",
    "unshared",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    line: int  # index of the line it comes from; -1 for a metadata title
    features: tuple[float, ...]
    core: str = ""  # what would be the title: the text without site names and markup


@cache
def weights() -> list[float]:
    return list(fitted.load("titles.json", features=TITLE_FEATURES)["weights"])


@remember
def _bigrams(text: str) -> frozenset[str]:
    """The pairs of Han characters next to each other once other characters are left out (a
    lone Han character is its own pair)."""
    han = "".join(_HAN_RUN_RE.findall(text))
    return frozenset(map(operator.add, han, han[1:])) or frozenset(han)


class _BodyPairs:
    """How many body lines hold a character pair (``_bigrams``), counted up to two, when asked:
    the candidates ask about a few dozen pairs, so the body's Han characters are searched (each
    line's on a line of its own) rather than every pair of the body counted."""

    def __init__(self, body_lines: Sequence[str]) -> None:
        body = "\n".join(body_lines)
        if body.count("\n") == len(body_lines) - 1:  # no line holds a break: one call
            self.han = "".join(_HAN_LINE_RE.findall(f"\n{body}\n"))
        else:
            self.han = "\n" + "\n".join("".join(_HAN_RUN_RE.findall(t)) for t in body_lines) + "\n"
        self.known: dict[str, int] = {}

    def lines_with(self, pair: str) -> int:
        """0, 1, or 2 for two lines or more."""
        n = self.known.get(pair)
        if n is None:
            n = self.known[pair] = self._count(pair)
        return n

    def _count(self, pair: str) -> int:
        # a lone character is the pair of a line with no other Han character
        key = pair if len(pair) == 2 else f"\n{pair}\n"
        i = self.han.find(key)
        if i < 0:
            return 0
        end = self.han.find("\n", i + 1) if len(pair) == 2 else i + len(key) - 1
        return 1 if self.han.find(key, end) < 0 else 2


def _may_end_dated(text: str) -> bool:
    """Whether ``DATED_END_RE`` can match: its match ends the text with a digit, a bracket,
    "日", a space or a bar (asked first: the regex tries every character of a long line)."""
    last = text[-1:]
    return last.isdigit() or last.isspace() or last in "|｜)）]日"


def candidates(
    lines: Sequence[Line], body_start: int, body_lines: Sequence[str], scores: Sequence[float],
    metadata_titles: Sequence[str] = (), skip: Callable[[str], bool] = lambda t: False,
) -> list[Candidate]:
    """Every title candidate of a page with its features (``TITLE_FEATURES`` order).

    Each source (a metadata title, a line near the body's start) gives its core (``core_of``)
    and the parts its site separators cut it into; features describe the text that would be the
    title; the body starts at the head of a numbered series right above ``body_start`` when there
    is one.
    Agreement is measured against the body without the candidate's own line; lines ``skip`` rejects
    (bylines, source and date lines), once a date after a headline is cut off, give no candidates,
    nor do their pieces, nor does the part of a breadcrumb before its last path separator (the
    parent pages: "当前位置：首页->…").
    """
    pairs = _BodyPairs(body_lines)
    in_body = set(body_lines)

    texts = [ln.text for ln in lines]
    bares = [strip_markup(t) for t in texts]
    heads = series_heads(bares)
    # the first head of a numbered series right above the prose opens the body ("一、…")
    body_start = min((h for h in heads if body_start - OPENING_HEAD <= h < body_start),
                     default=body_start)
    page = "\n".join(texts)
    printed = Counter((*bares, *map(strip_markup, metadata_titles)))
    first = bares[0] if texts else ""
    # what the page prints as a deck, after a dash ("——访…"): never the title, even where a
    # <title> joins it to the headline ("标题——访… - 报名")
    decks = {b.lstrip("—－ ") for b in bares if b.startswith(("—", "－"))}
    channels = channel_words(bares)
    sources: list[tuple[str, int]] = [(t, -1) for t in metadata_titles]
    for i in range(max(0, body_start - LOOK_ABOVE), min(len(lines), body_start + LOOK_INTO)):
        sources.append((texts[i], i))
    found: list[tuple[str, int, str, int, bool]] = []
    cut_off: set[str] = set()
    seen: set[tuple[str, int]] = set()
    for text, i in sources:
        # the body line a candidate comes from does not confirm it (its pairs: asked for lazily)
        own_line = texts[i] if i >= 0 and texts[i] in in_body else ""

        def agree(piece: str, own_line: str = own_line) -> int:
            own, lines_with = _bigrams(own_line), pairs.lines_with
            return sum(lines_with(g) > (g in own) for g in _bigrams(piece))

        def share(piece: str) -> float:
            return agree(piece) / max(len(_bigrams(piece)), 1) if HAN_RE.search(piece) else 0.0

        def elsewhere(part: str, text: str = text) -> bool:
            return printed[part] > (part == strip_markup(text))

        bare = strip_markup(text)
        if bare.startswith(DECK_MARKS) or len(text) > SOURCE_MAX or not HAN_RE.search(text):
            continue  # (without Han characters no piece is title-shaped, nor a cut-off name)
        if _may_end_dated(text):
            undated = DATED_END_RE.sub("", text)
            text = undated if HAN_RE.search(undated) else text
        if i >= 0 and skip(strip_markup(text)):
            continue  # a byline or date line: none of its pieces ("13 09:57 光明网") either
        core = core_of(text, share, elsewhere, decks.__contains__)
        if core and core != bare:  # what was cut off: site or channel names
            cut_off.update(p.strip() for p in bare.split(core) if HAN_RE.search(p))
        pieces = [core, *map(strip_markup, site_parts(text)[1:])]
        crumbs = max((m.start() for m in PATH_SEP_RE.finditer(text)), default=-1)
        for piece in dict.fromkeys([*pieces, *(unglued(p, channels) for p in pieces)]):
            at = text.find(piece)
            if (not piece or not shape_ok(piece) or (piece, i) in seen or skip(piece)
                    or piece in decks
                    or 0 <= at and at + len(piece) <= crumbs):
                continue  # ... or a breadcrumb's part before its last step: a parent page
            seen.add((piece, i))
            found.append((text, i, piece, agree(piece), piece != bare))
    # each name cut off ("_通知公告_南平市卫生健康委员会": a channel's and a site's)
    cut_names = {strip_markup(n).strip() for c in cut_off for n in SITE_SEP_RE.split(c)} - {""}
    return [Candidate(text, i, _features(
        piece, i, lines, body_start, scores, hits, page, cut,
        i in heads and section_number(piece) is not None,
        _confirmed(piece, i, bares, metadata_titles, first),
        piece in cut_names,
        placement(i, lines, skip, i >= 0 and text != texts[i])),
        piece) for text, i, piece, hits, cut in found]


def _confirmed(piece: str, i: int, bares: Sequence[str], metadata_titles: Sequence[str],
               first: str) -> bool:
    """The page prints the candidate in a second role: a line also in a metadata title or in
    the page's first line (a text rendering's <title>), a metadata title also a page line
    (alone, or with a date or mark after it). ``bares``: the page's lines without markup at
    their ends."""
    if i >= 0:
        return any(piece in t for t in metadata_titles) or (i > 0 and piece in first)
    n = len(piece)
    return any((t.startswith(piece) and not HAN_RE.search(t[n:]))
               or (piece in t and n * 5 >= len(t) * 3) or (t in piece and len(t) * 5 >= n * 3)
               for t in bares if t)


def _features(piece: str, i: int, lines: Sequence[Line], body_start: int,
              scores: Sequence[float], hits: int, page: str, cut: bool,
              series: bool, confirmed: bool, site_part: bool,
              placement: tuple[float, float]) -> tuple[float, ...]:
    grams = _bigrams(piece)
    shared = hits / max(len(grams), 1)
    n = len(piece) - piece.count(" ")
    ln = lines[i] if i >= 0 else None
    count = page.count(piece)
    return (
        1.0,
        shared,
        min(hits / 12, 1.0),
        math.log1p(n),
        math.log1p(body_start - i) if 0 <= i < body_start else 0.0,
        1.0 if i >= body_start else 0.0,
        1.0 if count > 1 else 0.0,
        1.0 if i < 0 else 0.0,
        1.0 if ln is not None and ln.tag[:1] == "h" else 0.0,
        1.0 if cut else 0.0,
        scores[i] if i >= 0 else 0.0,
        float(piece.rstrip("”’」』）)")[-1:] in "。；;，,"),
        float(max(piece.count("，") + piece.count(",") - 1, 0)),  # a headline may have one comma
        min(len(SEPARATOR_RE.findall(piece)) * 10 / n, 3.0),
        short_tokens(piece),
        1.0 if FOOTER_RE.search(piece) else 0.0,
        sum(map(str.isdigit, piece)) / n,
        min(hits / FIRST_HITS, 1.0) if i == 0 else 0.0,  # the first line: the body agrees
        1.0 if confirmed else 0.0,
        math.log1p(count),
        max(0, n - LONG_TITLE) / 10,
        1.0 if site_part else 0.0,  # what another source's core cut off as a site or channel name
        1.0 if NUMBERED_RE.match(piece) else 0.0,
        1.0 if series else 0.0,
        *placement,
        1.0 if hits == 0 else 0.0,  # the body uses none of its character pairs: an ad, a greeting
    )


def probability(c: Candidate, w: Sequence[float] | None = None) -> float:
    w = weights() if w is None else w
    z = fitted.dot(w, c.features)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def choose_title(cands: Sequence[Candidate]) -> Candidate | None:
    """The most credible candidate, or None when none is credible."""
    if not cands:
        return None
    w = weights()
    best = max(cands, key=lambda c: probability(c, w))
    return best if probability(best, w) >= MIN_PROBABILITY else None
