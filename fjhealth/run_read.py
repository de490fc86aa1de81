"""The work of the ``list`` and ``show`` commands once their options are parsed, without Typer:
the Typer app (``cli_read``) and the quick path (``quick``) both call it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_batch import Batch, articles_for
from .cli_core import corpus_root
from .render import print_articles, warn
from .render_lists import print_duplicate_groups, print_listing

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword


def run_list(
    output: str,
    *,
    keywords: bool = False,
    dedupe: bool = False,
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    no_cache: bool = False,
    force_terminal: bool = False,
) -> None:
    """List the corpus's articles in the ``output`` format (see ``cli_read.list_articles``)."""
    from .batch import ArticlesTask

    batch = Batch(corpus, encoding, jobs, no_cache)
    if keywords:
        from .tasks import KeywordsTask

        top5: dict[str, tuple[Keyword, ...]] = {}

        def stream() -> Iterator[Article]:
            task = KeywordsTask(5, "tfidf", batch.idf())
            for page in batch.run(task, "keywords"):
                for article, kws in page:
                    top5[article.id] = kws
                    yield article

        print_listing(stream(), output, lambda a: top5.pop(a.id), force_terminal, root=batch.root)
    elif dedupe or output == "rich":  # the table marks copies: ≈ and the group's first ID
        from .dedupe import duplicate_of, find_duplicates, fingerprint

        every = [a for page in batch.run(ArticlesTask(), "reading") for a in page]
        groups = find_duplicates((a.id, fingerprint(a)) for a in every)
        if dedupe:
            print_duplicate_groups(groups, {a.id: a for a in every}, output, force_terminal,
                                   batch.root)
            if not groups:
                warn("No near-duplicates.")
        else:
            print_listing(every, output, None, force_terminal, duplicate_of(groups), batch.root)
    else:
        pages = batch.run(ArticlesTask(), "reading")
        print_listing((a for page in pages for a in page), output, force_terminal=force_terminal,
                      root=batch.root)
    batch.finish()


def run_show(
    article_id: str,
    output: str,
    *,
    removed: bool = False,
    pager: bool = False,
    corpus: Path | None = None,
    encoding: str | None = None,
    force_terminal: bool = False,
) -> None:
    """Show the articles an argument names in the ``output`` format (see ``cli_read.show``)."""
    from .cache import PageCache
    from .cli_batch import Pages, usable_cache

    with closing(PageCache()) as cache:
        articles = articles_for(article_id, lambda: corpus_root(corpus), encoding,
                                Pages(usable_cache(cache), encoding))
    # JSON names a corpus page by its path in the corpus, a FILE argument as given.
    given = article_id == "-" or not articles or articles[0].path == Path(article_id).expanduser()
    root = None if given else corpus_root(corpus)
    print_articles(articles, output, removed=removed, pager=pager, force_terminal=force_terminal,
                   root=root)
