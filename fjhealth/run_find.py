"""The work of the ``search`` command once its options are parsed, without Typer: the Typer app
(``cli_find``) and the quick path (``quick``) both call it."""

from __future__ import annotations

import re
from pathlib import Path

from . import progress
from .cli_batch import Batch
from .render import warn
from .render_lists import print_related, print_search_hits

# What --since and --until accept.
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def is_date(value: str) -> bool:
    """Whether a --since/--until value is a real year, month or day (not 2024-13 or 2024-02-30).

    >>> is_date("2024"), is_date("2024-02-29"), is_date("2024-13"), is_date("2023-02-29")
    (True, True, False, False)
    """
    if not DATE_RE.fullmatch(value):
        return False
    from datetime import date

    try:
        date(*(int(part) for part in (value + "-01-01")[:10].split("-")))
    except ValueError:
        return False
    return True


def end_of(until: str | None) -> str | None:
    """The last day a --until of YYYY or YYYY-MM names (ISO dates compare as text).

    >>> end_of("2024"), end_of("2024-02"), end_of("2024-02-03")
    ('2024-12-31', '2024-02-31', '2024-02-03')
    """
    if until is None or len(until) == 10:
        return until
    return until + "-12-31"[len(until) - 4 :]


def run_search(
    output: str,
    query: str,
    *,
    limit: int = 10,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    meaning: bool = False,
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    force_terminal: bool = False,
) -> None:
    """Search the corpus and print the hits in the ``output`` format (see ``cli_find.search``).

    Raises:
        QueryError: the query holds no word to search for (before any indexing).
    """
    from .search import SearchOptions, search_corpus

    if meaning:
        from .meaning import check

        check()  # before the corpus is indexed
    batch = Batch(corpus, encoding, jobs)
    options = SearchOptions(limit=limit, source=source, since=since, until=end_of(until),
                            meaning=meaning)
    hits = search_corpus(batch.root, batch.paths, query, options, cache=batch.index_cache(),
                         encoding=encoding, jobs=jobs, on_page=batch.tell, meter=progress)
    print_search_hits(hits, output, force_terminal)
    if not hits:
        warn("No article matches.")
    elif hits[0].characters_only:
        warn(f"Warning: no article holds a word of {query!r}; these hits share only some of its "
             "characters.")
    batch.finish()


class NotInCorpus(Exception):
    """``related``'s argument is stdin or a file outside the corpus (a usage error)."""


def run_related(
    output: str,
    article_id: str,
    *,
    limit: int = 10,
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    force_terminal: bool = False,
) -> None:
    """Print the articles most like one article of the corpus (see ``cli_find.related``).

    Raises:
        NotInCorpus: stdin, or a file outside the corpus.
        ArticleNotFound: no such article, or a page of several articles (exit 2).
    """
    from .cli_batch import Pages, articles_for
    from .errors import ArticleNotFound
    from .related import TermsTask, related_in_corpus

    batch = Batch(corpus, encoding, jobs)
    batch.one_article = True
    article_id = corpus_article(article_id, batch)
    pages = Pages(batch.cache, encoding)
    articles = articles_for(article_id, lambda: batch.root, encoding, pages)
    if len(articles) > 1:
        ids = ", ".join(a.id for a in articles)
        raise ArticleNotFound(f"{article_id} holds several articles: give one of {ids}")
    if articles:  # (none: a page without article text, as warned)
        (counts,) = pages.each(articles, TermsTask())  # cached with the page: no cut when warm
        hits = related_in_corpus(batch.root, batch.paths, articles[0].id, limit,
                                 cache=batch.index_cache(), encoding=encoding, jobs=jobs,
                                 on_page=batch.tell, meter=progress, counts=counts)
        print_related(hits, output, force_terminal)
        if not hits:
            warn("No related article.")
    batch.finish()


def corpus_article(arg: str, batch: Batch) -> str:
    """The corpus ID ``related``'s argument names: a page file of the corpus is known by its
    ID there (``05_003`` when two folders hold an ``003.txt``); stdin or a file elsewhere is
    not in the corpus, whose index ``related`` searches.

    Raises:
        NotInCorpus: stdin, or a file outside the corpus.
    """
    from .corpus import corpus_ids
    from .lookup import is_pipe

    if arg == "-" or is_pipe(arg):
        raise NotInCorpus("related compares articles of one corpus: give an article ID")
    path = Path(arg).expanduser()
    if not path.is_file():
        return arg
    target = path.resolve()
    for page, pid in corpus_ids(batch.paths).items():
        if page.resolve() == target:
            return pid
    raise NotInCorpus(f"{arg} is not in the corpus folder {batch.root}: related compares "
                      "articles of one corpus (give --corpus its folder)")
