"""Module-level regular expressions compiled on first use.

The cleaner's modules define ~80 patterns at import, and compiling them all costs more than the
start-up of a Typer + Rich CLI (a character class over the Han block alone is ~10 M
instructions: ``re`` fills its table one character at a time). One page uses fewer than half of
them, so a one-article command compiles only what its page needs. ``lazy_compile`` returns a
stand-in with the pattern's ``pattern`` and ``flags`` that compiles on the first other
attribute looked up and from then on holds the compiled pattern's methods as its own
attributes (no extra cost per call). It pickles as the compiled pattern.

>>> WORD = lazy_compile(r"\\w+")
>>> WORD.pattern, WORD.findall("医院 a1")
('\\\\w+', ['医院', 'a1'])
"""

from __future__ import annotations

import re
from typing import Any, cast

# The compiled pattern's attributes copied onto the stand-in when it compiles.
_COPIED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
           "scanner", "groups", "groupindex")


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until an attribute other than these is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self.pattern, self.flags)
        for attr in _COPIED:
            setattr(self, attr, getattr(compiled, attr))
        self.flags = compiled.flags
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self.flags})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (re.compile, (self.pattern, self.flags))


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
