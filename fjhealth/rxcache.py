"""Regular expressions compiled ahead of time, for this exact Python.

``re`` compiles a pattern in pure Python (parse, optimise, emit the engine's code), ~2 M
instructions a pattern and more for a class over the Han block. A first run that cleans a few
pages of every kind compiles ~165 of them (the cleaner's, the readers', markdown-it's): ~340 M
instructions, more than the whole start-up of a Typer + Rich CLI. The compiler's output (the
engine's code, group count and names) depends only on the pattern, its flags and the Python
that compiled it, so ``benchmarks/build_patterns.py`` records it for the patterns a cleaning and
analysis run meets, in ``data/patterns/<implementation>-<version>.marshal``. ``preload`` builds
those patterns straight from the recorded code (``_sre.compile``, in C) into ``re``'s own
cache, where every later ``re.compile`` of the same pattern and flags finds it: the very objects
``re`` would have built, so every match is the same. Another Python (no file for its exact
version) or another ``re`` (no ``re._cache`` dict) gets no file and compiles as usual, as does a
pattern the file does not hold (a new one, or one changed since the file was written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_loaded = False


def table_name() -> str:
    """The file name for this Python: implementation, exact version and the engine's magic."""
    import _sre

    version = ".".join(map(str, sys.version_info[:3]))
    return f"{sys.implementation.name}-{version}-{_sre.MAGIC}.marshal"


def preload() -> int:
    """Put the recorded patterns into ``re``'s cache (once per process); how many were added."""
    global _loaded
    if _loaded:
        return 0
    _loaded = True
    import re

    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return 0
    try:
        import _sre
        import marshal

        # a plain path: importlib.resources costs ~45 M instructions to import (a zipped
        # package has no file here, and compiles as usual)
        data = (Path(__file__).parent / "data" / "patterns" / table_name()).read_bytes()
        entries: list[tuple[Any, ...]] = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError, ImportError):
        return 0
    added = 0
    for pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
        key = (type(pattern), pattern, flags)
        if key not in cache:
            cache[key] = _sre.compile(pattern, final_flags, code, groups, groupindex,
                                      indexgroup)
            added += 1
    return added
