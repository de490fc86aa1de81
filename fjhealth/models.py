"""Frozen values passed between stages: Page -> Article -> Summary/Keyword."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .values import Summary

# Values defined in ``fjhealth.values``, built on first use (see there).
_LATER = frozenset(
    {"Page", "Line", "Document", "Sentence", "Keyword", "SummaryOptions", "Summary"}
)


def __getattr__(name: str) -> Any:
    """``Page``, ``Keyword``, ``Summary``, ... from ``fjhealth.values``, imported on first use
    (PEP 562)."""
    if name not in _LATER:
        raise AttributeError(f"module 'fjhealth.models' has no attribute {name!r}")
    return getattr(import_module(".values", __package__), name)


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of an article body: ``kind`` is "paragraph" or "heading"."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    """Text the cleaner took out of the body, and why (e.g. "navigation")."""

    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. Every CJK character and digit of its page ends up in
    exactly one of: title, subtitles, meta, blocks, captions, removed."""

    id: str
    title: str = ""
    subtitles: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    captions: tuple[str, ...] = ()
    meta: tuple[str, ...] = ()  # raw byline / source / date lines, as printed
    source: str | None = None  # publication or organisation ("泉州晚报")
    date: str | None = None  # ISO date "2022-09-28" when the page states one
    authors: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    path: Path | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Body paragraphs, headings excluded."""
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")

    @property
    def body(self) -> str:
        """Body paragraphs joined by newlines: the text that gets summarized."""
        return "\n".join(self.paragraphs)

    @property
    def char_count(self) -> int:
        """Characters in the body, whitespace excluded."""
        return sum(len("".join(p.split())) for p in self.paragraphs)


def article_to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict of an article (the inverse of ``article_from_dict``); written out
    field by field, which is ~10x faster than ``dataclasses.asdict``."""
    a = article
    return {
        "id": a.id,
        "title": a.title,
        "subtitles": list(a.subtitles),
        "blocks": [{"kind": b.kind, "text": b.text} for b in a.blocks],
        "captions": list(a.captions),
        "meta": list(a.meta),
        "source": a.source,
        "date": a.date,
        "authors": list(a.authors),
        "removed": [{"reason": r.reason, "text": r.text} for r in a.removed],
        "path": str(a.path) if a.path is not None else None,
    }


def article_from_dict(d: dict[str, Any]) -> Article:
    """Rebuild an article from ``article_to_dict`` output."""
    return Article(
        id=d["id"],
        title=d["title"],
        subtitles=tuple(d["subtitles"]),
        blocks=tuple(Block(**b) for b in d["blocks"]),
        captions=tuple(d["captions"]),
        meta=tuple(d["meta"]),
        source=d["source"],
        date=d["date"],
        authors=tuple(d["authors"]),
        removed=tuple(Removed(**r) for r in d["removed"]),
        path=Path(d["path"]) if d["path"] is not None else None,
    )


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """A JSON-ready dict of a summary (the inverse of ``summary_from_dict``)."""
    s = summary
    return {
        "article_id": s.article_id,
        "title": s.title,
        "sentences": [{"text": x.text, "index": x.index, "score": x.score} for x in s.sentences],
        "method": s.method,
        "keywords": [{"word": k.word, "weight": k.weight} for k in s.keywords],
    }


def summary_from_dict(d: dict[str, Any]) -> Summary:
    """Rebuild a summary from ``summary_to_dict`` output."""
    from .values import Keyword, Sentence, Summary

    return Summary(
        article_id=d["article_id"],
        title=d["title"],
        sentences=tuple(Sentence(**x) for x in d["sentences"]),
        method=d["method"],
        keywords=tuple(Keyword(**k) for k in d["keywords"]),
    )
