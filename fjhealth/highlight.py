"""Where query words stand in an article's text: coverage and proximity, and snippets.

Shared by ranking (the best candidates are scaled by how many query words they hold and how
close together) and by display (a one-line stretch of text with the words marked).
"""

from __future__ import annotations

import math
import re

from .index_docs import fold_width, widen

# Score multipliers of the reranked candidates: (1 + COVERAGE * share of query words held, a
# missing word counting PARTIAL times the share of its characters in the first PARTIAL_SPAN
# characters) * (1 + PROXIMITY * closeness), closeness = PROXIMITY_SPAN / (PROXIMITY_SPAN +
# characters spanned by the words).
COVERAGE = 1.0
PARTIAL = 1.0
PARTIAL_SPAN = 200
PROXIMITY = 0.3
PROXIMITY_SPAN = 30
# ... * (1 + TOPICALITY * mean over query terms, weighted by IDF, of log(1 + occurrences of the
# whole term)): the article a headline recalls is about its words and repeats them, whatever
# its length (FTS5's BM25 alone, with its length normalization, ranked a short article naming
# a word once above a longer one about it).
TOPICALITY = 1.0
# Snippet width in characters, and the context kept before its first match.
SNIPPET_CHARS = 80
SNIPPET_LEAD = 16


class Needles:
    """Strings that show each query term in a text, found with one compiled pattern."""

    def __init__(self, needles: tuple[tuple[str, ...], ...]) -> None:
        self.terms = needles
        owner: dict[str, int] = {}
        for i, ns in enumerate(needles):
            for n in ns:
                if n:
                    owner.setdefault(n.casefold(), i)
        self.owner = owner
        alternatives = sorted(owner, key=len, reverse=True)  # longest first
        self.pattern = (
            re.compile("|".join(map(_either_width, alternatives)), re.IGNORECASE)
            if alternatives
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, term index) of every occurrence, left to right."""
        if self.pattern is None:
            return []
        owner = self.owner
        return [
            (m.start(), m.end(), owner.get(fold_width(m.group()).casefold(), 0))
            for m in self.pattern.finditer(text)
        ]


def _either_width(needle: str) -> str:
    """A needle's pattern, each ASCII letter or digit matching its full-width form too (text
    writes ＤＲＧ as often as DRG; the query was read as ASCII).

    >>> _either_width("DRG付")
    '[DＤ][RＲ][GＧ]付'
    """
    return "".join(f"[{c}{wide}]" if (wide := widen(c)) else re.escape(c) for c in needle)


def closeness(needles: Needles, text: str, weights: tuple[float, ...] | None = None) -> float:
    """The coverage, proximity and topicality multiplier of an article's text.

    A term found only through one of its parts (``第二`` of ``第二章``) counts for the share of
    the term's characters that part holds. ``weights``: one per term (IDF; else all equal).
    """
    occ = needles.find(text)
    share: dict[int, float] = {}
    count: dict[int, int] = {}
    for start, end, term in occ:
        whole = needles.terms[term][0] if needles.terms[term] else ""
        part = min(1.0, (end - start) / max(1, len(whole)))
        share[term] = max(share.get(term, 0.0), part)
        if part >= 1.0:  # the whole term: a part's occurrences do not make it the topic
            count[term] = count.get(term, 0) + 1
    covered = sum(share.values())
    head = fold_width(text[:PARTIAL_SPAN])  # ＤＲＧ counts as DRG
    for i, ns in enumerate(needles.terms):
        if ns and ns[0] and share.get(i, 0.0) < 1.0:
            chars = PARTIAL * sum(c in head for c in ns[0]) / len(ns[0])
            covered += max(0.0, chars - share.get(i, 0.0))
    factor = 1 + COVERAGE * covered / max(1, len(needles.terms))
    if len(share) > 1:
        factor *= 1 + PROXIMITY * PROXIMITY_SPAN / (PROXIMITY_SPAN + _min_span(occ, len(share)))
    w = weights or (1.0,) * len(needles.terms)
    topical = sum(w[t] * math.log1p(n) for t, n in count.items()) / max(1e-9, sum(w))
    return factor * (1 + TOPICALITY * topical)


def _min_span(occ: list[tuple[int, int, int]], wanted: int) -> int:
    """Characters of the shortest stretch holding an occurrence of every held term."""
    best = 1 << 30
    counts: dict[int, int] = {}
    left = 0
    for _, end, term in occ:
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == wanted:
            best = min(best, end - occ[left][0])
            t = occ[left][2]
            counts[t] -= 1
            if not counts[t]:
                del counts[t]
            left += 1
    return best


def make_snippet(
    text: str, needles: tuple[tuple[str, ...], ...] | Needles, width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line stretch of ``text`` holding the most query words, and where they are in it.

    >>> make_snippet("甲乙丙。医共体建设。", (("医共体",),), width=6)
    ('…丙。医共体建…', ((3, 6),))
    """
    flat = " ".join(text.split())
    finder = needles if isinstance(needles, Needles) else Needles(needles)
    occ = finder.find(flat)
    start = 0
    if occ:
        best = -1
        for s, _, _ in occ:
            held = len({t for a, b, t in occ if s <= a and b <= s + width})
            if held > best:
                best, start = held, s
        start = max(0, min(start - min(SNIPPET_LEAD, width // 3), len(flat) - width))
    piece = flat[start : start + width]
    marks = tuple(
        (a - start, b - start) for a, b, _ in occ if a >= start and b <= start + width
    )
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(flat) else ""
    shift = len(prefix)
    return prefix + piece + suffix, tuple((a + shift, b + shift) for a, b in marks)
