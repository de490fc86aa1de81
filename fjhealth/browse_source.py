"""What ``fjhealth browse`` reads from: a corpus folder through the page cache, the summarizer
and the search index (``CorpusSource``), or anything else with the same four methods (a fake
one in tests). Textual-free, so it can be used and tested without the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .cache import PageCache
from .models import Article


class BrowseSource(Protocol):
    """What the reader reads from (a corpus, or a fake one in tests)."""

    def articles(self) -> Sequence[Article]: ...

    def details(self, article: Article) -> tuple[str, tuple[str, ...]]: ...  # summary, keywords

    def search(self, query: str) -> list[str]: ...  # article IDs, best first

    def related(self, article_id: str) -> list[str]: ...


@dataclass
class CorpusSource:
    """A corpus folder read through the page cache, the summarizer and the search index."""

    root: Path
    paths: Sequence[Path]
    encoding: str | None = None
    jobs: int | None = None
    on_error: Callable[[Any], None] | None = None
    cache: PageCache = field(default_factory=PageCache)
    _articles: list[Article] = field(default_factory=list)

    def articles(self) -> Sequence[Article]:
        if not self._articles:
            from . import progress
            from .batch import ArticlesTask, run_corpus

            results = run_corpus(self.paths, ArticlesTask(), jobs=self.jobs, cache=self.cache,
                                 encoding=self.encoding)
            for r in results:
                progress.advance()  # counted on the bar when read before the reader opens
                if r.result:
                    self._articles += r.result
                if self.on_error is not None and (not r.result or r.doubt is not None):
                    # a page worth a warning (as the search index's on_page), named when the
                    # reader closes: unreadable, doubtfully decoded, or without article text
                    self.on_error(r)
        return self._articles

    def details(self, article: Article) -> tuple[str, tuple[str, ...]]:
        from .keywords import rank_keywords
        from .models import SummaryOptions
        from .summarize import summarize

        summary = summarize(article, SummaryOptions(sentences=3))
        return summary.text, tuple(k.word for k in rank_keywords(article, top=8))

    def search(self, query: str) -> list[str]:
        from .search import SearchOptions, search_corpus

        options = SearchOptions(limit=200)
        hits = search_corpus(self.root, self.paths, query, options, cache=self.cache,
                             encoding=self.encoding, jobs=self.jobs, on_page=self.on_error)
        return [h.id for h in hits]

    def related(self, article_id: str) -> list[str]:
        from .related import related_in_corpus

        hits = related_in_corpus(self.root, self.paths, article_id, 20, cache=self.cache,
                                 encoding=self.encoding, jobs=self.jobs, on_page=self.on_error)
        return [h.id for h in hits]
