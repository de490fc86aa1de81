"""The commands that read the corpus's articles as they are: ``list`` and ``show``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_batch import Batch as _Batch
from .cli_batch import articles_for as _articles
from .cli_options import (
    ARGUMENT_HELP,
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
    complete_ids,
)
from .cli_options import corpus_root as _corpus_root
from .cli_options import output_format as _output_format
from .render import print_articles, warn
from .render_lists import print_duplicate_groups, print_listing

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword


def list_articles(
    keywords: Annotated[
        bool, typer.Option("--keywords", help="Add each article's top 5 keywords (loads jieba).")
    ] = False,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Only near-duplicate articles, in groups.")
    ] = False,
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
    """List the corpus's articles: ID, title, source and date, characters, paragraphs.

    Example: fjhealth list --corpus ~/pages --json
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .batch import ArticlesTask

    batch = _Batch(corpus, encoding, jobs, no_cache)
    if keywords:
        from .tasks import KeywordsTask

        top5: dict[str, tuple[Keyword, ...]] = {}

        def stream() -> Iterator[Article]:
            task = KeywordsTask(5, "tfidf", batch.idf())
            for page in batch.run(task, "keywords"):
                for article, kws in page:
                    top5[article.id] = kws
                    yield article

        print_listing(stream(), output, lambda a: top5.pop(a.id), force_terminal)
    elif dedupe or output == "rich":  # the table marks copies: ≈ and the group's first ID
        from .dedupe import duplicate_of, find_duplicates, fingerprint

        every = [a for page in batch.run(ArticlesTask(), "reading") for a in page]
        groups = find_duplicates((a.id, fingerprint(a)) for a in every)
        if dedupe:
            print_duplicate_groups(groups, {a.id: a for a in every}, output, force_terminal)
            if not groups:
                warn("No near-duplicates.")
        else:
            print_listing(every, output, None, force_terminal, duplicate_of(groups))
    else:
        pages = batch.run(ArticlesTask(), "reading")
        print_listing((a for page in pages for a in page), output, force_terminal=force_terminal)
    batch.finish()


def show(
    article_id: Annotated[
        str,
        typer.Argument(metavar="ID|FILE|-", help=ARGUMENT_HELP, autocompletion=complete_ids),
    ],
    removed: Annotated[
        bool, typer.Option("--removed", help="Also show what the cleaner removed, and why.")
    ] = False,
    pager: Annotated[bool, typer.Option("--pager", help="Page long output on a terminal.")] = False,
    corpus: CorpusOpt = None,
    encoding: EncodingOpt = None,
    fmt: FormatOpt = Format.auto,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    force_terminal: ForceTerminalOpt = False,
    color: ColorOpt = Color.auto,
    width: WidthOpt = None,
) -> None:
    """Show a cleaned article; a page ID shows all of its articles in order.

    Example: fjhealth show 002-2 --removed
    """
    output = _output_format(fmt, as_json, plain, force_terminal, color, width)
    from .cache import PageCache
    from .cli_batch import Pages, usable_cache

    with closing(PageCache()) as cache:
        articles = _articles(article_id, lambda: _corpus_root(corpus), encoding,
                             Pages(usable_cache(cache), encoding))
    print_articles(articles, output, removed=removed, pager=pager, force_terminal=force_terminal)
