"""Near-duplicate articles: the same story reposted by several sites or carried twice.

An article's fingerprint is a fixed sample of its character 5-grams (shingles) taken over its
text with punctuation, spaces and line breaks removed, so different page furniture (left out
by the cleaner), other line breaks and ASCII case do not matter. The sample keeps the shingles
that start with one character in ``SAMPLE_MOD`` (a fixed choice, as in Broder's mod-m
sampling): the same shingle is kept in every copy, and the Jaccard similarity of two samples
estimates that of the full shingle sets. Candidate pairs are the articles that share a sampled
shingle (an inverted index over each article's ``BOTTOM_K`` sampled shingles of smallest hash;
shingles common to more than ``MAX_POSTING`` articles, such as a stock phrase, propose no
pairs; an article with the same sample as an earlier one is paired with it directly); a pair
is a near-duplicate when its samples' Jaccard similarity reaches ``THRESHOLD`` or one sample
lies almost inside the other (``CONTAINMENT``: an excerpt, or a copy with a paragraph dropped).
Groups are the connected pairs. Exact on the samples, no hashing of permutations: each article
costs a few passes of C code over its text.

>>> a = fingerprint_text("国家卫健委今天召开新闻发布会，介绍紧密型县域医共体建设进展情况。" * 3)
>>> b = fingerprint_text("国家卫健委今天召开新闻发布会， 介绍紧密型县域医共体建设进展情况！" * 3)
>>> a == b
True
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .models import Article

SHINGLE = 5  # characters per shingle
SAMPLE_MOD = 4  # keep one shingle in four (by hash)
THRESHOLD = 0.5  # Jaccard similarity of the samples
CONTAINMENT = 0.8  # share of the smaller sample found in the larger one
MIN_SAMPLE = 8  # articles with fewer sampled shingles are too short to judge
MAX_POSTING = 50  # a shingle in more articles than this proposes no pairs
# Candidate pairs come from each article's BOTTOM_K sampled shingles of smallest hash (a
# bottom-k sketch): copies share some of them, articles that merely quote one paragraph of
# each other rarely do, which keeps the candidates few where many pages share paragraphs.
BOTTOM_K = 24
# What a fingerprint ignores: everything but letters, digits and Han characters.
_NON_WORD_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles that are copies of one another: IDs in corpus order, and the pairs found."""

    ids: tuple[str, ...]
    pairs: tuple[tuple[str, str, float], ...]  # (id, id, similarity)

    @property
    def first(self) -> str:
        return self.ids[0]


class _Starts(dict[int, str]):
    """``str.translate`` table: a character that may start a sampled shingle -> "1", else "0".

    One character in ``SAMPLE_MOD``, chosen by a multiplicative hash of its code point (not by
    frequency): whether a shingle is sampled depends on the shingle alone, so every copy of a
    text samples the same shingles, and the scan runs in C.
    """

    def __missing__(self, code: int) -> str:
        mark = "1" if (code * 2654435761 >> 16) % SAMPLE_MOD == 0 else "0"
        self[code] = mark
        return mark


_STARTS = _Starts()
_ONE_RE = re.compile("1")


def fingerprint_text(text: str) -> frozenset[str]:
    """The sampled shingles of a text (those starting with a sampling character)."""
    flat = _NON_WORD_RE.sub("", text).casefold()
    last = len(flat) - SHINGLE
    marks = flat.translate(_STARTS)
    return frozenset(
        flat[i : i + SHINGLE] for m in _ONE_RE.finditer(marks) if (i := m.start()) <= last
    )


def fingerprint(article: Article) -> frozenset[str]:
    """An article's fingerprint: of its title and body paragraphs."""
    return fingerprint_text("\n".join([article.title, *article.paragraphs]))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two fingerprints are: Jaccard, or containment scaled to the same threshold."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    jaccard = shared / (len(a) + len(b) - shared)
    contained = shared / min(len(a), len(b))
    return max(jaccard, THRESHOLD * contained / CONTAINMENT)


def find_duplicates(prints: Iterable[tuple[str, frozenset[str]]]) -> tuple[DuplicateGroup, ...]:
    """Groups of near-duplicate articles among (ID, fingerprint) pairs, in corpus order.

    >>> text = ("医保支付方式改革在全市推开，按病种付费覆盖全部二级以上医院。"
    ...         "三明市推进药品耗材联合限价采购，节约医保基金一点二亿元，患者负担明显减轻。")
    >>> groups = find_duplicates([("1", fingerprint_text(text)), ("2", fingerprint_text("无关")),
    ...                           ("3", fingerprint_text("转载：" + text))])
    >>> [g.ids for g in groups]
    [('1', '3')]
    """
    ids: list[str] = []
    samples: list[frozenset[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    # An article whose sample equals an earlier one's is that one's copy: paired with it here,
    # so a story carried more than MAX_POSTING times is still found.
    first_with: dict[frozenset[str], int] = {}
    candidates: set[tuple[int, int]] = set()
    for article_id, sample in prints:
        n = len(ids)
        ids.append(article_id)
        samples.append(sample)
        if len(sample) < MIN_SAMPLE:
            continue
        first = first_with.setdefault(sample, n)
        if first != n:
            candidates.add((first, n))
            continue
        for h in heapq.nsmallest(BOTTOM_K, sample, key=hash):
            postings[h].append(n)
    for docs in postings.values():
        if 1 < len(docs) <= MAX_POSTING:
            for i, a in enumerate(docs):
                for b in docs[i + 1 :]:
                    candidates.add((a, b))
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    found: list[tuple[int, int, float]] = []
    for a, b in sorted(candidates):
        score = similarity(samples[a], samples[b])
        if score >= THRESHOLD:
            found.append((a, b, score))
            ra, rb = root(a), root(b)
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        members[root(i)].append(i)
    pairs: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
    for a, b, score in found:
        pairs[root(a)].append((ids[a], ids[b], round(score, 4)))
    return tuple(
        DuplicateGroup(tuple(ids[i] for i in group), tuple(pairs[r]))
        for r, group in sorted(members.items())
        if len(group) > 1
    )


def duplicate_of(groups: Sequence[DuplicateGroup]) -> dict[str, str]:
    """Article ID -> the first ID of its group, for every article but each group's first."""
    return {i: g.first for g in groups for i in g.ids[1:]}
