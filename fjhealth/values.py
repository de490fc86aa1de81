"""Frozen values that only reading a page (Page, Line, Document) or analysing it (Sentence,
Keyword, SummaryOptions, Summary) needs. ``fjhealth.models`` exports them too, importing this
module on first use: building a frozen dataclass costs ~4 M instructions, so a command that only
lists or shows cached pages never builds these seven."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .models import Removed


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus file, decoded: ``id`` is the file's leading number ("003")."""

    id: str
    path: Path
    text: str
    encoding: str = "utf-8"
    format: str = "text"  # "text" | "markdown" | "html", decided by content and extension


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page as its reader saw it: text with markup removed, plus what the format
    said about it. The cleaner classifies lines; readers never decide what is boilerplate."""

    text: str
    tag: str = ""  # "" plain line | "h1".."h6" heading | "li" list item | "quote" | "table" | "pre"
    links: int = 0  # characters of ``text`` that were link text in the source
    gap: bool = False  # a blank line or a block boundary comes before this line
    indent: bool = False  # the source line began with indentation (plain text)


@dataclass(frozen=True, slots=True)
class Document:
    """A page read from its format: its lines, and what the format states outright."""

    lines: tuple[Line, ...]
    format: str = "text"  # "text" | "markdown" | "html"
    titles: tuple[str, ...] = ()  # title candidates named by the format (<title>, og:title, <h1>)
    date: str | None = None  # ISO date the format's metadata states
    authors: tuple[str, ...] = ()  # authors the format's metadata states
    removed: tuple[Removed, ...] = ()  # what the reader set aside (images, ...), with reasons


# Sentence, Keyword and Summary travel from worker processes to the parent by pickle: each
# pickles as its class and fields (a slots dataclass's own __getstate__/__setstate__ run
# Python code per field, ~25 us a summary each way).


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    index: int  # position in the article's sentence list
    score: float = 0.0

    def __reduce__(self) -> tuple[type[Sentence], tuple[str, int, float]]:
        return Sentence, (self.text, self.index, self.score)


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    weight: float

    def __reduce__(self) -> tuple[type[Keyword], tuple[str, float]]:
        return Keyword, (self.word, self.weight)


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """How to summarize: a sentence budget, or a character budget when ``chars`` is set."""

    sentences: int = 3
    chars: int | None = None
    method: str = "rank"  # "rank" (default, fjhealth's own), "snownlp", "lead"


@dataclass(frozen=True, slots=True)
class Summary:
    article_id: str
    title: str
    sentences: tuple[Sentence, ...] = ()  # chosen sentences, in document order
    method: str = "rank"
    keywords: tuple[Keyword, ...] = field(default=())
    # The article's, for output that names it as ``list`` does (set by ``tasks.SummaryTask``).
    source: str | None = None
    date: str | None = None
    path: Path | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    def __reduce__(self) -> tuple[type[Summary], tuple[object, ...]]:
        return Summary, (self.article_id, self.title, self.sentences, self.method, self.keywords,
                         self.source, self.date, self.path)
