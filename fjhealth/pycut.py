"""fjhealth's own pure-Python cut, the fallback when rjieba is not installed (or
``FJHEALTH_SEGMENTER=python``): jieba's precise cut without HMM over a private
``jieba.Tokenizer``'s dictionary with the domain terms, cutting exactly as rjieba does.

The tokenizer's dictionary cache is kept in fjhealth's own cache directory (never the
world-writable temp directory). ``_cut_block`` walks the word graph in one backward pass instead
of jieba's separate graph and route steps.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

# Runs jieba segments with its dictionary (Han characters, ASCII letters and digits, a few
# joiners: jieba's re_han_default); everything else is cut per character or whitespace run.
_BLOCK_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
# Whitespace kept as one token between blocks (jieba's re_skip_default).
_SKIP_RE = re.compile(r"(\r\n|\s)")
# A single ASCII letter or digit: consecutive ones are glued back together ("D","R","G" -> "DRG").
_ASCII_ALNUM_RE = re.compile(r"[a-zA-Z0-9]")


def cache_dir() -> Path:
    """Where jieba's dictionary cache lives: ``FJHEALTH_CACHE_DIR`` or the user cache dir."""
    from .cache import default_cache_dir

    return default_cache_dir()


@cache
def tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer with the domain dictionary, its cache in ``cache_dir()``."""
    import jieba

    from .segment import user_terms  # (here: segment imports this module)

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        writable = True
    except OSError:
        writable = False
    # jieba logs "Building prefix dict…" at DEBUG, and an unwritable cache at ERROR: the
    # dictionary still loads (only the cache is lost), so neither is the user's business.
    jieba.setLogLevel(logging.WARNING if writable else logging.CRITICAL)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(folder)
    tok.cache_file = f"jieba-{jieba.__version__}.cache"
    tok.initialize()
    if not (isinstance(tok.FREQ, dict) and isinstance(tok.total, (int, float)) and tok.total > 0):
        # a cache file of the wrong shape loads without error and breaks every cut: rebuild
        with contextlib.suppress(OSError):
            (folder / tok.cache_file).unlink()
        tok.initialized = False
        tok.initialize()
    for word, freq in user_terms():
        tok.add_word(word, freq)
    return tok


def cut(text: str) -> list[str]:
    """jieba's precise cut without HMM: dictionary blocks, whitespace runs, single characters."""
    out: list[str] = []
    for block in _BLOCK_RE.split(text):
        if not block:
            continue
        if _BLOCK_RE.match(block):
            out += _cut_block(block)
            continue
        for piece in _SKIP_RE.split(block):
            if _SKIP_RE.match(piece):
                out.append(piece)
            else:
                out += piece
    return out


def _cut_block(block: str) -> list[str]:
    """The most probable segmentation of ``block`` under jieba's unigram dictionary.

    Backward dynamic programming: ``best[i]`` is the log probability of the best cut of
    ``block[i:]``; candidate words starting at ``i`` are the dictionary entries with a
    frequency (a single character when there are none). Ties go to the longer word, as in
    jieba. Runs of single ASCII letters or digits are glued back together, as jieba does.
    """
    tok = tokenizer()
    lookup, log = tok.FREQ.get, math.log  # local names: this loop is the summaries' hottest
    log_total = log(tok.total)
    n = len(block)
    best = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        score = -math.inf
        stop = i + 1
        j = i + 1
        f = lookup(block[i])
        while f is not None:
            if f:
                value = log(f) - log_total + best[j]
                if value >= score:
                    score, stop = value, j
            if j == n:
                break
            j += 1
            f = lookup(block[i:j])
        if score == -math.inf:
            score = best[i + 1] - log_total
        best[i], end[i] = score, stop
    out: list[str] = []
    glued = ""
    i = 0
    while i < n:
        word = block[i : end[i]]
        i = end[i]
        if len(word) == 1 and _ASCII_ALNUM_RE.match(word):
            glued += word
            continue
        if glued:
            out.append(glued)
            glued = ""
        out.append(word)
    if glued:
        out.append(glued)
    return out
