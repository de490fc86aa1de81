"""The sentence graph behind the "rank" summary: unit TF-IDF vectors of sentences, their
similarity graph (windowed, so linear in the article), PageRank over it teleporting by a prior,
and the MMR pick order that never takes a near-repeat. Pure and word-agnostic: ``summarize``
supplies the words, weights and scores.

>>> round(cosine(unit_vector({"医保": 1}, {"医保": 2.0}), {"医保": 1.0}), 3)
1.0
"""

from __future__ import annotations

import math
from collections import _count_elements  # type: ignore[attr-defined]
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, combinations, compress, repeat
from operator import mul, sub, truediv

# PageRank damping is DAMPING * (n - SMALL_ARTICLE) / n for n sentences (0 when n <= SMALL).
DAMPING = 0.7
SMALL_ARTICLE = 5
SIM_THRESHOLD = 0.05  # similarity edges weaker than this are left out of the graph
ITERATIONS = 5  # enough to settle the order: the error shrinks by the damping each time
MMR_LAMBDA = 0.7  # weight of relevance against redundancy when picking the next sentence
DUPLICATE_SIM = 0.7  # a candidate this similar (cosine) to a picked sentence is never taken
GRAPH_WINDOW = 250  # similarity edges join sentences of the same window of this many only
MAX_CANDIDATES = 500  # MMR picks among the best-scored sentences only


Vector = dict[str, float]


def counts(words: Iterable[str]) -> dict[str, int]:
    """How often each word occurs, in order of first occurrence: a Counter's dict, without
    a Counter's construction (its ``__init__`` and ``update`` run in Python: ~1 us a sentence)."""
    out: dict[str, int] = {}
    _count_elements(out, words)
    return out


def unit_vector(freqs: dict[str, int], idf: dict[str, float]) -> Vector:
    """A unit-length TF-IDF vector of word ``freqs``."""
    values = list(map(mul, freqs.values(), map(idf.__getitem__, freqs)))
    norm = math.sqrt(sum(map(mul, values, values)))
    return dict(zip(freqs, map(truediv, values, repeat(norm)), strict=True)) if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors (the products summed in the shorter one's order, by map)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def similarity_graph(vectors: list[Vector]) -> tuple[list[list[int]], list[list[float]]]:
    """Each sentence's neighbours in index order, and its similarity to each: the cosine of
    every pair of sentences in one window that share a word, summed word by word, where it
    reaches ``SIM_THRESHOLD``.

    Windows of ``GRAPH_WINDOW`` sentences keep the graph at most n * GRAPH_WINDOW edges (all
    pairs of a long article sharing a common word was quadratic memory: 4.9 GB for 1 MB).
    """
    n = len(vectors)
    pairs: dict[int, float] = {}  # i * n + j (i < j): the sum so far, word by word
    get = pairs.get
    for start in range(0, n, GRAPH_WINDOW):
        window = vectors[start : start + GRAPH_WINDOW]
        held: dict[str, int] = {}  # how many sentences hold each word, in order of first use
        _count_elements(held, chain.from_iterable(window))
        # the words held twice or more (most occur in one sentence only), in the same order
        holders: dict[str, list[tuple[int, float]]] = {w: [] for w, c in held.items() if c > 1}
        shared = holders.keys()
        for i, vector in enumerate(window, start):
            for w in shared & vector.keys():
                holders[w].append((i, vector[w]))  # (the order within a sentence is moot)
        for postings in holders.values():
            for (i, vi), (j, vj) in combinations(postings, 2):  # i < j
                k = i * n + j
                pairs[k] = get(k, 0.0) + vi * vj
    neighbours: list[list[int]] = [[] for _ in vectors]
    weights: list[list[float]] = [[] for _ in vectors]
    for k in sorted(pairs):  # by i, then j: each sentence's neighbours come in index order
        s = pairs[k]
        if s >= SIM_THRESHOLD:
            i, j = divmod(k, n)
            neighbours[i].append(j)
            weights[i].append(s)
            neighbours[j].append(i)
            weights[j].append(s)
    return neighbours, weights


def pagerank(prior: list[float], vectors: list[Vector]) -> list[float]:
    """PageRank over the similarity graph, teleporting by ``prior``, damping by article size."""
    n = len(prior)
    damping = DAMPING * max(n - SMALL_ARTICLE, 0) / n
    if not damping:
        return prior
    neighbours, weights = similarity_graph(vectors)
    out = list(map(sum, weights))
    # Incoming share of each edge, computed once: neighbour j gives s(i, j) / out(j).
    shares = [list(map(truediv, ws, map(out.__getitem__, js)))
              for ws, js in zip(weights, neighbours, strict=True)]
    no_out = [not o for o in out]
    rank = prior
    for _ in range(ITERATIONS):
        teleport = 1 - damping + damping * sum(compress(rank, no_out))
        get = rank.__getitem__
        rank = [
            teleport * p + damping * sum(map(mul, share, map(get, js)))
            for p, share, js in zip(prior, shares, neighbours, strict=True)
        ]
    return rank


def mmr_order(
    scores: list[float], vectors: list[Vector], after: Mapping[int, int] | None = None
) -> Iterator[int]:
    """Units in pick order: best score first, then score minus redundancy (MMR).

    A unit nearly repeating a picked one (cosine >= ``DUPLICATE_SIM``) is never picked. A unit
    ``after[u]`` names waits for that one: it is picked only once that one has been (its
    redundancy kept up meanwhile), and never if that one is not.
    """
    top = max(scores, default=0.0) or 1.0
    left = list(range(len(scores)))  # in index order: ``max`` keeps the first of equals
    if len(scores) > MAX_CANDIDATES:
        left = sorted(sorted(left, key=lambda i: (-scores[i], i))[:MAX_CANDIDATES])
    relevance = [MMR_LAMBDA * s / top for s in scores]
    redundancy = [0.0] * len(scores)  # max cosine with any picked unit
    held = [0.0] * len(scores)  # -inf on a waiting unit's value
    waiting: dict[int, list[int]] = {}  # unit -> the units waiting for it
    for unit, first in (after or {}).items():
        held[unit] = math.inf
        waiting.setdefault(first, []).append(unit)
    # relevance - (1 - MMR_LAMBDA) * redundancy - held, updated as those change
    value = list(map(sub, relevance, held))
    while left:
        best = max(left, key=value.__getitem__)  # the lowest index of the best value
        if held[best]:
            return  # only units waiting for one never picked are left
        left.remove(best)
        if redundancy[best] >= DUPLICATE_SIM:
            continue
        yield best
        for unit in waiting.pop(best, ()):
            held[unit] = 0.0
            value[unit] = relevance[unit] - (1 - MMR_LAMBDA) * redundancy[unit]
        picked = vectors[best]
        words = picked.keys()
        for i in left:
            if not words.isdisjoint(vectors[i]):  # else the cosine is 0: nothing changes
                redundancy[i] = max(redundancy[i], cosine(vectors[i], picked))
                value[i] = relevance[i] - (1 - MMR_LAMBDA) * redundancy[i] - held[i]
