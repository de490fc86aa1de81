"""What the search index keeps of an article: its fields cut into tokens and characters.

Built in a batch worker (``IndexTask``) or from the page cache's articles and recorded tokens,
written by ``search_index``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .models import Article
from .pagework import FieldlessTask

# The FTS5 tokenizer of both tables: it splits at spaces, drops every character that is not a
# letter or digit (punctuation, symbols, spaces) and folds case, so index rows are only spaced
# out here (a Python regex doing that cost a third of the index build's Python time).
# Diacritics are kept: "résumé" is not "resume".
TOKENIZER = "unicode61 remove_diacritics 0"
# What the query side leaves out of a phrase of characters: all but letters and digits.
_NON_WORD_RE = re.compile(r"[\W_]+")
# Full-width letters and digits (ＤＲＧ, ２０２４), which Chinese text sets as often as the
# narrow ones (nine in ten newspaper dev pages hold some): the index keeps the text's form, the
# query is read as ASCII (``fold_width``) and looks for both forms (``widen``).
_FULL_WIDTH_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_ASCII_ALNUM_RE = re.compile("[0-9A-Za-z]")
_TO_ASCII = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B))
             for c in range(*r)}
_TO_FULL = {ascii_: full for full, ascii_ in _TO_ASCII.items()}


def fold_width(text: str) -> str:
    """``text`` with full-width letters and digits as ASCII (the same length).

    >>> fold_width("ＤＲＧ付费，２０２４年")
    'DRG付费，2024年'
    """
    return _FULL_WIDTH_RE.sub(_ascii_run, text)


def _ascii_run(match: re.Match[str]) -> str:
    return match.group().translate(_TO_ASCII)


def widen(text: str) -> str | None:
    """``text`` with ASCII letters and digits full width, or None when it has none.

    >>> widen("drg付费"), widen("付费")
    ('ｄｒｇ付费', None)
    """
    return text.translate(_TO_FULL) if _ASCII_ALNUM_RE.search(text) else None


class IndexDoc(NamedTuple):  # a NamedTuple builds ~4x faster than a frozen dataclass
    """What the index keeps of one article (built in a worker, written by the parent)."""

    article: str
    title: str
    source: str | None
    date: str | None
    text: str  # body paragraphs, one a line: what snippets are cut from
    title_words: str
    lead_words: str
    body_words: str
    title_chars: str
    lead_chars: str
    body_chars: str


def index_words(tokens: Iterable[str]) -> str:
    """Tokens, space-joined (see ``TOKENIZER``: punctuation tokens are dropped there).

    >>> index_words(["医共体", "，", "建设"])
    '医共体 ， 建设'
    """
    return " ".join(tokens)


def index_chars(text: str) -> str:
    """A query's letters, digits and Han characters, one token each, lower-cased (how
    ``TOKENIZER`` reads ``spaced`` text).

    >>> index_chars("DRG付费，医保")
    'd r g 付 费 医 保'
    """
    return " ".join(_NON_WORD_RE.sub("", text).lower())


def spaced(text: str) -> str:
    """An article's text as single characters for the characters table (see ``TOKENIZER``).

    >>> spaced("付费，医保")
    '付 费 ， 医 保'
    >>> spaced("a😀b")
    'a 😀 b'

    Spaced out as UTF-16 code units (the text's, a space between each two, by slices of a
    byte array): ~7x cheaper than ``" ".join(text)``, which made a string of every character
    (a seventh of the index build's time at 10,000 pages). A text beyond the BMP is joined.
    """
    units = text.encode("utf-16-le", "surrogatepass")
    n = len(text)
    if len(units) != 2 * n or n < 2:
        return " ".join(text)
    out = bytearray(4 * n - 2)
    out[0::4] = units[0::2]
    out[1::4] = units[1::2]
    out[2::4] = b" " * (n - 1)
    return out.decode("utf-16-le", "surrogatepass")


def _cut(text: str, memo: dict[str, list[str]] | None = None, whole: bool = False) -> list[str]:
    """Tokens of ``text`` cut sentence by sentence (``whole``: in one piece, as a title), as the
    summarizer cuts it (so a cached summary's tokens are replayed rather than cut again);
    ``memo``: a page's recorded tokens, looked up directly (a text it misses is cut, inside
    ``segment.recording``)."""
    from . import segment

    if whole:
        tokens = memo.get(text) if memo is not None else None
        return tokens if tokens is not None else segment.words(text)
    if memo is None:
        return [w for s in segment.split_sentences(text) for w in segment.words(s)]
    out: list[str] = []
    for s in segment.split_sentences(text):
        tokens = memo.get(s)
        out.extend(tokens if tokens is not None else segment.words(s))
    return out


def make_doc(article: Article, memo: dict[str, list[str]] | None = None) -> IndexDoc:
    """An article's index entry: its fields cut into tokens and characters (``memo``: see
    ``_cut``)."""
    paragraphs = article.paragraphs
    title_tokens = _cut(article.title, memo, whole=True) if article.title else []
    lead = _cut(paragraphs[0], memo) if paragraphs else []
    # Paragraph by paragraph (a newline ends a sentence: the same tokens as the body cut whole),
    # as the summarizer splits them: ``segment.split_sentences`` remembers the last ones.
    body = [w for p in paragraphs[1:] for w in _cut(p, memo)]
    text = "\n".join(paragraphs)
    return IndexDoc(
        article=article.id,
        title=article.title,
        source=article.source,
        date=article.date,
        text=text,
        title_words=index_words(title_tokens),
        lead_words=index_words(lead),
        body_words=index_words(body),
        title_chars=spaced(article.title),
        lead_chars=spaced(paragraphs[0]) if paragraphs else "",
        body_chars=spaced("\n".join(paragraphs[1:])),
    )


class IndexTask(FieldlessTask):
    """A batch task (see ``batch.run_corpus``): a page's articles -> their index entries."""

    __slots__ = ()
    key = None  # the index itself is the stored result
    segments = True

    def __call__(self, articles: tuple[Article, ...]) -> tuple[IndexDoc, ...]:
        return tuple(make_doc(a) for a in articles)

    def dump(self, result: Any) -> Any:
        return None

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[IndexDoc, ...]:
        return self(articles)
