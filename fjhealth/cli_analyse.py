"""The commands that analyse articles: ``keywords`` and ``summarize`` (one article or all),
their options as Typer parameters; the work is ``run_analyse``'s."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

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
from .run_analyse import run_keywords, run_summarize


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
    run_keywords(article_id, output, every=every, method=method.value, top=top, corpus=corpus,
                 encoding=encoding, jobs=jobs, no_cache=no_cache, force_terminal=force_terminal)


def summarize(
    article_id: ArticleArg = None,
    every: AllOpt = False,
    sentences: Annotated[int | None, typer.Option(
        min=1, show_default=False, help="How many sentences.  [default: 3]")] = None,
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
    if sentences is not None and chars is not None:
        raise typer.BadParameter("--sentences and --chars exclude each other")
    run_summarize(article_id, output, every=every, sentences=sentences or 3, chars=chars,
                  method=method.value, corpus=corpus, encoding=encoding, jobs=jobs,
                  no_cache=no_cache, force_terminal=force_terminal)
