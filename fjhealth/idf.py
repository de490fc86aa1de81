"""jieba's general-purpose IDF table, looked up without parsing it whole.

``data/idf.txt`` holds jieba's table (``jieba/analyse/idf.txt``) sorted by UTF-8 bytes, written
by ``benchmarks/build_idf.py``, behind one header line naming the median. One article's words
are found in the memory-mapped file (the block that holds a word found by bisection of a small
index, then one search of the block; remembered), so a command
that summarizes one article never pays the ~0.4 s parse of 270,000 lines. A batch calls
``load_all`` once in the parent before its workers fork: they then share one parsed table.

>>> table, unknown = general_idf()
>>> table["医院"] < unknown < table["医联体"] if "医联体" in table else table["医院"] < unknown
True
"""

from __future__ import annotations

import mmap
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources

_MISSING = -1.0  # remembered as absent (IDF values are positive)
# Bytes between two entries of the index built on first lookup: a lookup bisects the index (in C)
# and searches one block (~8 KB), ~20x fewer instructions than bisecting the lines in Python.
BLOCK = 8192


class SortedIdf(Mapping[str, float]):
    """A read-only word -> IDF mapping over the sorted file; lookups are remembered."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        self._start = data.find(b"\n") + 1  # after the header line
        self._known: dict[str, float] = {}
        self._complete = False
        self._blocks: tuple[list[bytes], list[int]] | None = None

    @property
    def median(self) -> float:
        """The median of the table's values (the header states it)."""
        header = bytes(self._data[: self._start]).decode()
        return float(header.rsplit("median", 1)[1])

    @property
    def complete(self) -> dict[str, float] | None:
        """The whole table as a plain dict once ``load_all`` has parsed it, else None."""
        return self._known if self._complete else None

    def __getitem__(self, word: str) -> float:
        value = self._known.get(word)
        if value is None:
            value = _MISSING if self._complete else self._find(word)
            self._known[word] = value
        if value == _MISSING:
            raise KeyError(word)
        return value

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        try:
            return self[word]
        except KeyError:
            return default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def _find(self, word: str) -> float:
        """The block of the file that would hold ``word`` (by bisection of the first words of
        blocks of ``BLOCK`` bytes, in C), then one search of it."""
        key = word.encode()
        if b" " in key or b"\n" in key:  # the table's words have neither
            return _MISSING
        firsts, starts = self._blocks or self._index_blocks()
        i = bisect_right(firsts, key) - 1
        if i < 0:
            return _MISSING
        data = self._data
        at = data.find(b"\n" + key + b" ", starts[i] - 1, starts[i + 1])
        if at < 0:
            return _MISSING
        value = at + len(key) + 2
        return float(data[value : data.find(b"\n", value)])

    def _index_blocks(self) -> tuple[list[bytes], list[int]]:
        """The first word of the first line of every ``BLOCK`` bytes and where the line starts
        (~600 entries for the 5 MB table), then the end of the table."""
        data, end = self._data, len(self._data)
        firsts: list[bytes] = []
        starts: list[int] = []
        at = self._start
        while at < end:
            firsts.append(data[at : data.find(b" ", at, end)])
            starts.append(at)
            at = data.find(b"\n", at + BLOCK) + 1 or end
        starts.append(end)
        self._blocks = (firsts, starts)
        return self._blocks

    def load_all(self) -> None:
        """Parse the whole table now (for many articles; equal values share one float)."""
        if self._complete:
            return
        parts = bytes(self._data[self._start :]).decode().split()
        words, values = parts[0::2], parts[1::2]
        number = {v: float(v) for v in Counter(values)}
        self._known = dict(zip(words, map(number.__getitem__, values), strict=True))
        self._complete = True

    def __iter__(self) -> Iterator[str]:
        self.load_all()
        return (w for w, v in self._known.items() if v != _MISSING)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@cache
def _table() -> SortedIdf:
    path = resources.files("fjhealth") / "data" / "idf.txt"
    with resources.as_file(path) as real, open(real, "rb") as f:
        try:
            data: bytes | mmap.mmap = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap
            data = f.read()
    return SortedIdf(data)


def general_idf() -> tuple[Mapping[str, float], float]:
    """jieba's general IDF table and its median (the IDF of an unknown word): a plain dict
    after ``load_all`` (C-speed lookups for batches), else lookups in the sorted file."""
    table = _table()
    return table.complete or table, _median()


@cache
def _median() -> float:
    return _table().median


def load_all() -> None:
    """Parse the whole table, e.g. once in a parent before worker processes fork."""
    _table().load_all()
