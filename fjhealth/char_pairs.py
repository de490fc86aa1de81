"""Whether the two characters across a break carry one sentence on: a character-pair model of prose.

Where a column page breaks text that has no sentence mark before the break (a photo title set
over two blocks, a heading broken by a column break), the words at the break may not tell
(neither half is a dictionary word nor a word no clause ends or begins with); the characters
still do. Counted on prose by ``benchmarks/fit_pairs.py`` (``data/pairs.txt``), for each
character how often it is followed by another character (runs on) or by a clause mark (ends a
clause), preceded by a character or by a clause mark (begins one), and how often each pair of
characters stands together. A break between ``a`` and ``b`` is scored by the log-odds

    log P(a, b | the text runs on)  -  log P(a ends a clause) P(b begins one)

= how much likelier ``a`` is to run on than to end (``final``), ``b`` to follow a character than
to open a clause (``initial``), and ``b`` to follow ``a`` than any character (``association``,
the pair count smoothed towards ``b``'s share). Add-one smoothing over the characters seen;
a character never seen scores as one that ends and begins clauses freely (no evidence to
join). The text runs on when the score passes the fitted threshold: the score at most
``max_join`` of held-out clause boundaries pass.

The table is read on first use only (a page with no such break never opens it); a character's
line is found (by bisection: the lines are in character order) and parsed when it is looked up
(no index of the whole table is built). Pure.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import patterns as P

# One character's line: the character, its four counts, then its pairs grouped by count
# ("3物货2给1戏行": 物 and 货 followed it three times, 给 twice, 戏 and 行 once).
_GROUP_RE = re.compile(r"(\d+)(\D+)")

# (runs on, ends a clause, follows a character, begins a clause), and the characters that
# followed it with their counts.
Stats = tuple[int, int, int, int, dict[str, int]]
_NONE: Stats = (0, 0, 0, 0, {})


@dataclass(frozen=True)
class Pairs:
    """The model: a character's stats (``stats``), the four totals and the fitted constants."""

    stats: Callable[[str], Stats]
    totals: tuple[int, int, int, int]
    vocab: int
    smooth: float
    threshold: float

    def _p(self, count: int, k: int) -> float:
        return (count + 1) / (self.totals[k] + self.vocab)

    def score(self, a: str, b: str) -> float:
        """The log-odds that ``b`` carries on the text after ``a`` (see module docstring)."""
        on, end, _, _, follow = self.stats(a)
        _, _, after, begin, _ = self.stats(b)
        final = math.log(self._p(on, 0) / self._p(end, 1))
        share = self._p(after, 2)
        initial = math.log(share / self._p(begin, 3))
        pair = (follow.get(b, 0) + self.smooth * share) / (on + self.smooth)
        return final + initial + math.log(pair / share)

    def runs_on(self, a: str, b: str) -> bool:
        return self.score(a, b) > self.threshold


def parse_line(line: str) -> tuple[str, Stats]:
    """One line of ``data/pairs.txt`` as (character, stats)."""
    ch, on, end, after, begin, *rest = line.split(" ")
    follow = {c: int(n) for n, chars in _GROUP_RE.findall(rest[0] if rest else "")
              for c in chars}
    return ch, (int(on), int(end), int(after), int(begin), follow)


def format_line(ch: str, stats: Stats) -> str:
    """The line ``parse_line`` reads back (pairs by count, most frequent first, then by
    character)."""
    on, end, after, begin, follow = stats
    groups: dict[int, str] = {}
    for c, n in sorted(follow.items(), key=lambda x: (-x[1], x[0])):
        groups[n] = groups.get(n, "") + c
    return f"{ch} {on} {end} {after} {begin} " + "".join(f"{n}{cs}" for n, cs in groups.items())


@cache
def model() -> Pairs:
    """The shipped model (``data/pairs.txt``: a JSON header line, then one line a character)."""
    data = resources.files("fjhealth.data").joinpath("pairs.txt").read_bytes()
    start = data.index(b"\n")
    meta = json.loads(data[:start])

    @cache
    def stats(ch: str) -> Stats:  # the lines are in character order: found by bisection
        key, lo, hi = ch.encode(), start, data.rindex(b"\n")  # (UTF-8 keeps the order)
        while lo < hi:  # lo: a line's start; hi: the end of the last line that may hold it
            mid = (lo + hi) // 2
            at = data.rfind(b"\n", lo, mid) + 1 or lo  # the start of the line holding mid
            end = data.index(b"\n", at)
            word = data[at : data.index(b" ", at, end)]
            if word == key:
                return parse_line(data[at:end].decode())[1]
            lo, hi = (end + 1, hi) if word < key else (lo, max(at - 1, lo))
        return _NONE

    return Pairs(stats, tuple(meta["totals"]), meta["vocab"], meta["params"]["smooth"],
                 meta["threshold"])


def runs_on(before: str, after: str) -> bool:
    """The last character of ``before`` and the first of ``after`` are Han characters that
    prose runs on between far likelier than it ends a clause after the one and opens the next
    with the other (see module docstring)."""
    a, b = before.rstrip()[-1:], after.lstrip()[:1]
    return P.is_han(a) and P.is_han(b) and model().runs_on(a, b)
