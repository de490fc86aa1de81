"""The work of the ``keywords`` and ``summarize`` commands once their options are parsed,
without Typer: the Typer app (``cli_analyse``) and the quick path (``quick``) both call it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_batch import Batch
from .render import print_summaries, warn
from .render_lists import print_keywords

if TYPE_CHECKING:
    from .models import Article
    from .values import Keyword, Summary


def run_keywords(
    article_id: str | None,
    output: str,
    *,
    every: bool = False,
    method: str = "tfidf",
    top: int = 10,
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    no_cache: bool = False,
    force_terminal: bool = False,
) -> None:
    """Rank keywords of the articles named (see ``cli_analyse.keywords``)."""
    from .tasks import KeywordsTask

    batch = Batch(corpus, encoding, jobs, no_cache, "keywords")
    articles = batch.select(article_id, every)
    idf = batch.idf() if method == "tfidf" else None
    task = KeywordsTask(top, method, idf)
    if articles is None:
        results: Iterable[tuple[Article, tuple[Keyword, ...]]] = (
            pair for page in batch.run(task, "keywords") for pair in page
        )
    else:
        results = batch.pages.each(articles, task)
    print_keywords(results, output, method, every or len(articles or ()) > 1, force_terminal,
                   _root(batch, article_id, articles))
    batch.finish()


def run_summarize(
    article_id: str | None,
    output: str,
    *,
    every: bool = False,
    sentences: int = 3,
    chars: int | None = None,
    method: str = "rank",
    corpus: Path | None = None,
    encoding: str | None = None,
    jobs: int = 0,
    no_cache: bool = False,
    force_terminal: bool = False,
) -> None:
    """Summarize the articles named (see ``cli_analyse.summarize``)."""
    from .tasks import SummaryTask
    from .values import SummaryOptions

    options = SummaryOptions(sentences=sentences, chars=chars, method=method)
    task = SummaryTask(options)
    batch = Batch(corpus, encoding, jobs, no_cache, "summarizing")
    articles = batch.select(article_id, every)
    if articles is None:
        # The search index is built along the way, from the workers' tokens (``index_feed``).
        pages = batch.run(task, "summarizing", batch.index_feed())
        summaries: Iterable[Summary] = (s for page in pages for s in page)
    else:
        summaries = batch.pages.each(articles, task)
    unfit: list[str] = []
    print_summaries(_note_empty(summaries, unfit, chars), output, force_terminal,
                    _root(batch, article_id, articles))
    if unfit:
        more = f" and {len(unfit) - 5} more" if len(unfit) > 5 else ""
        warn(f"Warning: no sentence fits in --chars {chars}: {', '.join(unfit[:5])}{more}")
    batch.finish()


def _root(batch: Batch, article_id: str | None, articles: list[Article] | None) -> Path | None:
    """The corpus folder output names files in, or None for a FILE argument (named as given)
    or stdin, as ``show`` does."""
    if articles and (article_id == "-" or articles[0].path == Path(str(article_id)).expanduser()):
        return None
    return batch.root if articles is None or articles else None


def _note_empty(
    summaries: Iterable[Summary], unfit: list[str], chars: int | None
) -> Iterator[Summary]:
    """Pass summaries on, noting the IDs of those a --chars budget left empty."""
    for s in summaries:
        if chars is not None and not s.sentences:
            unfit.append(s.article_id)
        yield s
