"""The commands that analyse articles: ``keywords`` and ``summarize`` (one article or all)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_batch import Batch as _Batch
from .cli_options import (
    AllOpt,
    ArticleArg,
    Color,
    ColorOpt,
    CorpusOpt,
    EncodingOpt,
    ForceTerminalOpt,
    Format,
    FormatOpt,
    JobsOpt,
    JsonOpt,
    NoCacheOpt,
    PlainOpt,
    WidthOpt,
)
from .cli_options import output_format as _output_format
from .render import print_summaries, warn
from .render_lists import print_keywords

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword, Summary


class KeywordMethod(str, Enum):
    """Values of keywords --method."""

    tfidf = "tfidf"
    textrank = "textrank"


class SummaryMethod(str, Enum):
    """Values of summarize --method."""

    rank = "rank"
    snownlp = "snownlp"
    lead = "lead"


def keywords(
    article_id: ArticleArg = None,
    every: AllOpt = False,
    method: Annotated[
        KeywordMethod, typer.Option(help="tfidf: with the corpus's IDF; textrank: word graph.")
    ] = KeywordMethod.tfidf,
    top: Annotated[int, typer.Option(min=1, help="How many keywords per article.")] = 10,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Rank an article's keywords; piped, one word<TAB>score line each.

    Example: fjhealth keywords 003 --top 5
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .tasks import KeywordsTask

    batch = _Batch(corpus, encoding, jobs, no_cache, "keywords")
    articles = batch.select(article_id, every)
    idf = batch.idf() if method is KeywordMethod.tfidf else None
    task = KeywordsTask(top, method.value, idf)
    if articles is None:
        results: Iterable[tuple[Article, tuple[Keyword, ...]]] = (
            pair for page in batch.run(task, "keywords") for pair in page
        )
    else:
        results = batch.pages.each(articles, task)
    print_keywords(results, output, method.value, every or len(articles or ()) > 1, force_terminal)
    batch.finish()


def summarize(
    article_id: ArticleArg = None,
    every: AllOpt = False,
    sentences: Annotated[int, typer.Option(min=1, help="How many sentences.")] = 3,
    chars: Annotated[
        int | None,
        typer.Option(min=1, help="At most this many characters instead of a sentence count."),
    ] = None,
    method: Annotated[
        SummaryMethod, typer.Option(help="rank: fjhealth's own; snownlp; lead: first sentences.")
    ] = SummaryMethod.rank,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Summarize articles with whole sentences, in their original order.

    Example: fjhealth summarize --all --sentences 1
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .tasks import SummaryTask
    from .values import SummaryOptions

    options = SummaryOptions(sentences=sentences, chars=chars, method=method.value)
    task = SummaryTask(options)
    batch = _Batch(corpus, encoding, jobs, no_cache, "summarizing")
    articles = batch.select(article_id, every)
    if articles is None:
        summaries: Iterable[Summary] = (s for page in batch.run(task, "summarizing") for s in page)
    else:
        summaries = batch.pages.each(articles, task)
    unfit: list[str] = []
    print_summaries(_note_empty(summaries, unfit, chars), output, force_terminal)
    if unfit:
        more = f" and {len(unfit) - 5} more" if len(unfit) > 5 else ""
        warn(f"Warning: no sentence fits in --chars {chars}: {', '.join(unfit[:5])}{more}")
    batch.finish()


def _note_empty(
    summaries: Iterable[Summary], unfit: list[str], chars: int | None
) -> Iterator[Summary]:
    """Pass summaries on, noting the IDs of those a --chars budget left empty."""
    for s in summaries:
        if chars is not None and not s.sentences:
            unfit.append(s.article_id)
        yield s
