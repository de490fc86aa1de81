"""Answers about one line of text, remembered for the page being cleaned: the flowing-text
cleaner asks the same question of a line in several stages (its features, the context pass,
title candidates and their placement, metadata, paragraphs), and these answers depend on the
line's text alone. Pure.

``flow.build`` forgets everything when it starts a page, so what is kept is one page's lines at
most (and at most ``SIZE`` answers per question): a long batch of pages, or a page of huge
lines, holds no more than the page it is cleaning.

>>> calls = []
>>> shout = remember(lambda t: calls.append(t) or t.upper())
>>> shout("ab"), shout("ab"), len(calls)
('AB', 'AB', 1)
>>> forget(); shout("ab"), len(calls)
('AB', 2)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from .units import line_kind

T = TypeVar("T")

# Answers kept per question (a page has a few hundred lines; past this the least recent go).
SIZE = 4096
_CACHES: list[Callable[[], None]] = []


def remember(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn`` with its answers remembered until ``forget``."""
    cached = lru_cache(maxsize=SIZE)(fn)
    _CACHES.append(cached.cache_clear)
    return cached


def forget() -> None:
    """Forget every remembered answer (a new page starts)."""
    for clear in _CACHES:
        clear()


# ``units.line_kind`` (shared with the column cleaner, which asks it of growing paragraphs, so it
# is not remembered there). ``text.is_complete`` remembers its own answers, by a text's tail.
kind: Callable[[str], tuple[str, str]] = remember(line_kind)
