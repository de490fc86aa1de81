"""The JSON shapes of fjhealth's output: one record per article, listing row, keyword ranking
or summary. Keys are always present, in this order (the README documents them). An untitled
article's title is null here and ``UNTITLED`` in every other output. An article's ``file`` is
its path in the corpus folder ``root`` (``2024/05/003.txt``), the path as given for a file
outside it (or when there is no root: a FILE argument), ``-`` for stdin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .cache import CacheInfo
    from .dedupe import DuplicateGroup
    from .disk import StoredFile
    from .models import Article
    from .related import RelatedHit
    from .search import SearchHit
    from .values import Keyword, Summary

UNTITLED = "(untitled)"


def file_field(article: Article | Summary, root: Path | None) -> str:
    """The ``file`` an article's record names (see the module's docstring)."""
    if article.path is None:
        return "-"
    from .corpus import corpus_file

    return corpus_file(article.path, root)


def article_record(article: Article, root: Path | None = None) -> dict[str, Any]:
    """An article as a JSON object: everything the cleaner produced, removed text included."""
    return {
        "id": article.id,
        "title": article.title or None,
        "subtitles": list(article.subtitles),
        "source": article.source,
        "date": article.date,
        "authors": list(article.authors),
        "meta": list(article.meta),
        "blocks": [{"kind": b.kind, "text": b.text} for b in article.blocks],
        "captions": list(article.captions),
        "removed": [{"reason": r.reason, "text": r.text} for r in article.removed],
        "chars": article.char_count,
        "file": file_field(article, root),
    }


def listing_record(
    article: Article, keywords: tuple[Keyword, ...] | None = None, root: Path | None = None
) -> dict[str, Any]:
    """One row of ``fjhealth list`` as a JSON object."""
    record: dict[str, Any] = {
        "id": article.id,
        "title": article.title or None,
        "source": article.source,
        "date": article.date,
        "chars": article.char_count,
        "paragraphs": len(article.paragraphs),
        "file": file_field(article, root),
    }
    if keywords is not None:
        record["keywords"] = [k.word for k in keywords]
    return record


def keywords_record(
    article: Article, keywords: tuple[Keyword, ...], method: str, root: Path | None = None
) -> dict[str, Any]:
    """One article's keywords as a JSON object."""
    return {
        "id": article.id,
        "title": article.title or None,
        "source": article.source,
        "date": article.date,
        "file": file_field(article, root),
        "method": method,
        "keywords": [{"word": k.word, "weight": round(k.weight, 4)} for k in keywords],
    }


def summary_record(summary: Summary, root: Path | None = None) -> dict[str, Any]:
    """A summary as a JSON object: the chosen sentences with their positions and scores."""
    return {
        "id": summary.article_id,
        "title": summary.title or None,
        "source": summary.source,
        "date": summary.date,
        "file": file_field(summary, root),
        "method": summary.method,
        "summary": summary.text,
        "sentences": [
            {"index": s.index, "text": s.text, "score": round(s.score, 4)}
            for s in summary.sentences
        ],
    }


def cache_record(
    info: CacheInfo, files: tuple[StoredFile, ...], limit: int | None
) -> dict[str, Any]:
    """What fjhealth keeps on disk: the cache directory, the page cache's counts, every file
    with its kind, size and (a search index's) corpus folder, their total and the page cache's
    limit (null: none)."""
    return {
        "directory": str(info.path.parent),
        "path": str(info.path),
        "pages": info.entries,
        "corpus_tables": info.corpus_entries,
        "bytes": sum(f.size for f in files),
        "limit": limit,
        "files": [{"path": str(f.path), "kind": f.kind, "bytes": f.size, "corpus": f.corpus}
                  for f in files],
    }


def search_record(hit: SearchHit) -> dict[str, Any]:
    """A search hit as a JSON object; ``highlights`` are [start, end) offsets in ``snippet``."""
    return {
        "id": hit.id,
        "score": hit.score,
        "title": hit.title or None,
        "source": hit.source,
        "date": hit.date,
        "file": hit.file,
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "characters_only": hit.characters_only,
    }


def related_record(hit: RelatedHit) -> dict[str, Any]:
    """A related article as a JSON object: its score relative to the article asked about."""
    return {
        "id": hit.id,
        "score": hit.score,
        "title": hit.title or None,
        "source": hit.source,
        "date": hit.date,
        "file": hit.file,
        "terms": list(hit.terms),
    }


def duplicates_record(
    group: DuplicateGroup, articles: Mapping[str, Article], root: Path | None = None
) -> dict[str, Any]:
    """A near-duplicate group as a JSON object: its articles and the pairs found alike."""
    return {
        "group": group.first,
        "articles": [listing_record(articles[i], root=root) for i in group.ids],
        "pairs": [{"a": a, "b": b, "similarity": s} for a, b, s in group.pairs],
    }
