"""The analysis tasks ``run_corpus`` runs on a page's articles: summaries, document
frequencies, keywords (``ArticlesTask``, the reading one, is in ``fjhealth.batch``).

A task is a picklable value: called on a page's articles it returns the command's result for
the page. A task with a ``key`` has its results cached beside the page (a warm run then neither
re-ranks nor re-summarizes); ``dump``/``load`` turn a result into JSON and back. Kept apart from
``batch`` so that commands that only read pages never build these classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from .models import Article, summary_from_dict, summary_to_dict

if TYPE_CHECKING:
    from .keywords import IdfTable
    from .values import Keyword, Summary, SummaryOptions

Ranked: TypeAlias = "tuple[Article, tuple[Keyword, ...]]"  # an article and its keywords


@dataclass(frozen=True, slots=True)
class SummaryTask:
    """Summaries of the page's articles."""

    options: SummaryOptions
    segments = True

    @property
    def key(self) -> str:
        o = self.options
        return f"summary:{o.method}:{o.sentences}:{o.chars}"

    def __call__(self, articles: tuple[Article, ...]) -> tuple[Summary, ...]:
        from .summarize import summarize

        return tuple(_named(summarize(a, self.options), a) for a in articles)

    def dump(self, result: tuple[Summary, ...]) -> Any:
        return [summary_to_dict(s) for s in result]

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[Summary, ...]:
        return tuple(_named(summary_from_dict(d), a) for d, a in zip(data, articles, strict=True))


def _named(summary: Summary, article: Article) -> Summary:
    """``summary`` with its article's source, date and file (output names it by them)."""
    from dataclasses import replace

    return replace(summary, source=article.source, date=article.date, path=article.path)


@dataclass(frozen=True, slots=True)
class IdfTask:
    """The page's document frequencies, to be merged into the corpus's."""

    key = "idf"
    segments = True

    def __call__(self, articles: tuple[Article, ...]) -> IdfTable:
        from .keywords import build_idf

        return build_idf(articles)

    def dump(self, result: IdfTable) -> Any:
        return {"n_docs": result.n_docs, "doc_freq": dict(result.doc_freq)}

    def load(self, data: Any, articles: tuple[Article, ...]) -> IdfTable:
        from .keywords import IdfTable

        return IdfTable(n_docs=data["n_docs"], doc_freq=data["doc_freq"])


@dataclass(frozen=True, slots=True)
class KeywordsTask:
    """Each article of the page with its top keywords."""

    top: int
    method: str
    idf: IdfTable | None = None
    idf_key: str = field(default="", compare=False)  # set once, in the parent process
    segments = True

    def __post_init__(self) -> None:
        if not self.idf_key and self.idf is not None:
            from .cache import sha256

            idf = self.idf
            state = idf.state or json.dumps([idf.n_docs, sorted(idf.doc_freq.items())])
            object.__setattr__(self, "idf_key", sha256(state.encode()).hexdigest()[:16])

    @property
    def key(self) -> str:
        return f"keywords:{self.method}:{self.top}:{self.idf_key or 'general'}"

    def __call__(self, articles: tuple[Article, ...]) -> tuple[Ranked, ...]:
        from .keywords import rank_keywords

        return tuple(
            (a, rank_keywords(a, top=self.top, method=self.method, idf=self.idf)) for a in articles
        )

    def dump(self, result: tuple[Ranked, ...]) -> Any:
        return [[[k.word, k.weight] for k in kws] for _, kws in result]

    def load(self, data: Any, articles: tuple[Article, ...]) -> tuple[Ranked, ...]:
        from .values import Keyword

        pairs = zip(articles, data, strict=True)
        return tuple((a, tuple(Keyword(w, x) for w, x in kws)) for a, kws in pairs)
