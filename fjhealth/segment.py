"""Sentences and words: the only module that touches jieba (loaded lazily, on first use).

``split_sentences`` is pure regex. ``words`` cuts in jieba's precise mode without HMM (the most
probable path through the dictionary's word graph), with the health-reform terms of
``data/userdict.txt`` added, by one of two cutters that give the same tokens:

- ``rjieba`` (jieba-rs, compiled; a default dependency with wheels for every common platform),
  cutting ~7x faster than the fallback, with jieba's dictionary loaded by need
  (``fjhealth.lexicon``: only the words of the texts cut, until a corpus's worth of text makes
  building the whole one, ~0.2 s, the cheaper way);
- fjhealth's pure-Python cut over a private ``jieba.Tokenizer``'s dictionary
  (``fjhealth.pycut``).

``FJHEALTH_SEGMENTER=python`` forces the fallback (``rjieba`` is the default when installed).
``tests/test_segment.py`` checks that both cut exactly as ``jieba.Tokenizer.lcut(HMM=False)``.

>>> split_sentences("他说：“看病难。看病贵。”问题解决了！《健康。福建》出版")
('他说：“看病难。看病贵。”', '问题解决了！', '《健康。福建》出版')
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pycut
from .patterns import CLOSERS, TERMINAL

if TYPE_CHECKING:
    from .lexicon import NeedCutter

_DATA = resources.files("fjhealth") / "data"

# The cleaner's sentence ends and closing marks, so a paragraph it calls complete ends a sentence
# here too; closing quotes and brackets stay with the sentence they end (“……。”).
_ENDERS = re.escape(TERMINAL)
_CLOSERS = re.escape(CLOSERS)
# One sentence of one line: a run of body pieces, then enders (with their closing quotes).
# Body pieces: a run of plain characters (anything but an ender, a newline, “ or 《); a whole
# 《book title》 (never split inside); a whole “quote” that does not end with an ender; an
# opening “ with no closing ” later on the line (an OCR-broken quote is plain text); a 《 with
# no 》 after it. A “quote” whose last character is an ender ends the sentence, closing quote
# included. (Plain characters go by runs, not one per repetition: ~3x faster, same matches.)
_SENTENCE_RE = re.compile(
    rf"""
    (?: [^{_ENDERS}“《\n]+
      | 《[^《》\n]*》
      | “[^“”\n]*(?<![{_ENDERS}])”
      | “(?![^“”\n]*”)
      | 《
    )*
    (?: “[^“”\n]*[{_ENDERS}]”[{_CLOSERS}]*
      | [{_ENDERS}]+[{_CLOSERS}]*
    )?
    """,
    re.VERBOSE,
)
# Environment variable choosing the cutter: "rjieba" (default when installed) or "python".
SEGMENTER_ENV = "FJHEALTH_SEGMENTER"
# A piece with no letter, digit or Han character (a stray "。" or "——") is not a sentence.
_WORDLESS_RE = re.compile(r"^[\W_]*$")
# Tokens that are only a number, a date part or a percentage: "2022", "１９９８年", "三十", "50%";
# or a masked number ("0594-22xxxxx" cuts into "0594", "-", "22xxxxx").
_NUMBER_RE = re.compile(
    r"^[\d０-９.．,，%％〇零一二三四五六七八九十百千万亿两]+[年月日号时分秒个]?$"
    # a phone number or code with its digits masked ("22xxxxx", "8786xxxx")
    r"|^(?=.*\d)[\dxX*＊]{4,}$"
)


# The sentences of the last paragraphs split (up to SPLIT_MEMO_SIZE, each under SPLIT_MEMO_CHARS
# characters; emptied when full): a page's search index rows (``index_docs``) split the
# paragraphs its summaries split a moment before.
_SPLIT_MEMO: dict[str, tuple[str, ...]] = {}
SPLIT_MEMO_SIZE, SPLIT_MEMO_CHARS = 512, 4000


def split_sentences(text: str) -> tuple[str, ...]:
    """Split cleaned text into sentences; a newline always ends one."""
    done = _SPLIT_MEMO.get(text)
    if done is not None:
        return done
    out = []
    for m in _SENTENCE_RE.finditer(text):
        piece = m.group().strip()
        if piece and not _WORDLESS_RE.match(piece):
            out.append(piece)
    done = tuple(out)
    if len(text) < SPLIT_MEMO_CHARS:
        if len(_SPLIT_MEMO) >= SPLIT_MEMO_SIZE:
            _SPLIT_MEMO.clear()
        _SPLIT_MEMO[text] = done
    return done


def _read_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a packaged data file."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.startswith("#")]


@cache
def stopwords() -> frozenset[str]:
    """The stop-word list (snownlp's, extended with news boilerplate)."""
    return frozenset(_read_lines("stopwords.txt"))


@cache
def user_terms() -> tuple[tuple[str, int | None], ...]:
    """Domain terms of the user dictionary, with their frequency when one is given."""
    terms = []
    for line in _read_lines("userdict.txt"):
        word, _, freq = line.partition(" ")
        terms.append((word, int(freq) if freq.strip() else None))
    return tuple(terms)


@cache
def _protected_terms() -> tuple[str, ...]:
    """Terms jieba would cut at their punctuation ("三、四级手术"), longest first."""
    return tuple(sorted((w for w, _ in user_terms() if re.search(r"[^\w]", w)), key=len,
                        reverse=True))


@cache
def _protected_re() -> re.Pattern[str] | None:
    """The protected terms, matched before jieba runs."""
    terms = _protected_terms()
    return re.compile("|".join(map(re.escape, terms))) if terms else None


@cache
def _protected_starts() -> tuple[str, ...]:
    """The first characters of the protected terms: a text holding none has none of them."""
    return tuple({term[0] for term in _protected_terms()})


@cache
def _rust_cut() -> NeedCutter | None:
    """rjieba's precise cut (HMM off) with the domain terms; None when it is not installed."""
    if os.environ.get(SEGMENTER_ENV, "rjieba").lower() == "python":
        return None
    jieba_class = _rjieba_class()
    if jieba_class is None:
        return None
    from .lexicon import NeedCutter

    return NeedCutter(jieba_class, user_terms())  # jieba's dictionary, loaded by need


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, or None. The package builds a default tokenizer on import
    (~0.2 s, as long as building fjhealth's own), so its compiled module is loaded alone."""
    if "rjieba" not in sys.modules:
        spec = importlib.util.find_spec("rjieba")  # finds the package without running it
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        for path in folder.iterdir() if folder is not None else ():
            if any(path.name == "rjieba" + suffix for suffix in EXTENSION_SUFFIXES):
                try:
                    return _load_extension(path).Jieba
                except (ImportError, AttributeError, OSError):
                    break
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba


def _load_extension(path: Path) -> Any:
    """Load rjieba's compiled module from ``path`` as ``rjieba.rjieba``."""
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module  # a later ``import rjieba`` reuses it
    return module


def backend() -> str:
    """The cutter in use: "rjieba" or "python"."""
    return "python" if _rust_cut() is None else "rjieba"


def preload() -> None:
    """Build the cutter's dictionary and parse the IDF table now, e.g. once in a parent before
    worker processes fork (they share both, instead of each building its own)."""
    from .idf import load_all

    cut = _rust_cut()
    if cut is None:
        pycut.tokenizer()
    else:
        cut.load_all()
    load_all()


# While a page cache replays a page, the tokens it recorded for each text (see ``recording``).
_memo: ContextVar[dict[str, list[str]] | None] = ContextVar("fjhealth_words_memo", default=None)


@contextmanager
def recording(memo: dict[str, list[str]]) -> Iterator[dict[str, list[str]]]:
    """Within the block, ``words`` answers from ``memo`` and records what it cuts into it.

    A batch run stores the memo with the cleaned page, so a warm run never loads jieba.

    >>> with recording({"医共体建设": ["医共体", "建设"]}):
    ...     words("医共体建设")
    ['医共体', '建设']
    """
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


def words(text: str) -> list[str]:
    """jieba tokens of ``text``, domain terms kept whole (HMM off: faster, as good here)."""
    memo = _memo.get()
    if memo is None:
        return _cut(text)
    if text not in memo:
        memo[text] = _cut(text)
    return list(memo[text])


def _cut(text: str) -> list[str]:
    """Tokens of ``text``: protected terms whole, the rest by rjieba when installed, else by
    ``pycut.cut``."""
    protected = _protected_re()
    cut = _rust_cut() or pycut.cut
    if protected is None or not any(map(text.__contains__, _protected_starts())):
        return cut(text)  # (a search for one character is ~20x cheaper than the pattern's)
    out: list[str] = []
    start = 0
    for m in protected.finditer(text):
        out += cut(text[start : m.start()])
        out.append(m.group())
        start = m.end()
    out += cut(text[start:])
    return out


def is_content_word(word: str) -> bool:
    """True for a word worth counting: not a stop word, number, punctuation or single char.
    (Not memoized: its callers remember their answers, ``content_words`` below and the
    summaries' word table.)"""
    return (
        len(word) > 1
        and word.lower() not in stopwords()
        and not _WORDLESS_RE.match(word)
        and not _NUMBER_RE.match(word)
    )


# Words already judged by ``is_content_word``: set lookups in the hot loop of every summary.
_CONTENT: set[str] = set()
_NOT_CONTENT: set[str] = set()
_JUDGED_MAX = 1 << 18  # words remembered before both sets start afresh


def content_words(text: str) -> list[str]:
    """Words of ``text`` minus stop words, single characters, numbers and punctuation."""
    keep, drop = _CONTENT, _NOT_CONTENT
    out = []
    for w in words(text):
        if len(w) < 2:  # never a content word: skipped before a lookup that misses the cache
            continue
        if w in keep:
            out.append(w)
        elif w not in drop:
            if len(keep) + len(drop) > _JUDGED_MAX:
                keep.clear()
                drop.clear()
            if is_content_word(w):
                keep.add(w)
                out.append(w)
            else:
                drop.add(w)
    return out


def general_idf() -> tuple[Mapping[str, float], float]:
    """jieba's general-purpose IDF table and its median (the IDF of an unknown word)."""
    from .idf import general_idf as table

    return table()
