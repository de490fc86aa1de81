"""Look up what a command-line argument names: a page file anywhere, a pipe, or an article ID
in the corpus (its number, stem or file name, "002-2" for one article of a page), with close
matches suggested when nothing matches.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from .corpus import (
    ARTICLE_ID_RE,
    PAGE_SUFFIXES,
    corpus_ids,
    find_files,
    id_number,
    page_id,
    read_articles,
)
from .errors import ArticleNotFound
from .models import Article

# Reads a page file under a page ID (None: the file's own) into its articles.
PageReader = Callable[[Path, "str | None"], tuple[Article, ...]]


def _is(test: Callable[[], bool]) -> bool:
    """A path test that is False, not an error, for a name too long to be a path."""
    try:
        return test()
    except OSError:
        return False


def is_pipe(arg: str) -> bool:
    """Whether a command-line argument names a pipe: ``<(command)``, ``/dev/stdin`` when piped,
    a named FIFO. It is read to its end, as stdin is for ``-``."""
    try:
        return stat.S_ISFIFO(os.stat(arg).st_mode)
    except (OSError, ValueError):
        return False


def resolve_arg(
    arg: str, root: Callable[[], Path], encoding: str | None = None, read: PageReader | None = None
) -> tuple[Article, ...]:
    """The articles a command-line argument names: a file that exists is read as a page (any
    format, any folder); anything else is an article ID in the corpus ``root()`` returns.
    ``read`` reads a page (default: clean the file; the CLI reads its page cache).

    Raises:
        ArticleNotFound: a path that does not exist, a folder or a device, or an ID that
            matches nothing.
    """
    path = Path(arg).expanduser()
    if _is(path.is_file):
        return read(path, None) if read is not None else read_articles(path, encoding)
    if _is(path.is_dir) and arg.strip() not in ("", ".", ".."):  # those are no ID either
        raise ArticleNotFound(f"{arg} is a folder: give a page file or an article ID")
    if _is(path.exists) and arg.strip():  # a device or socket (a pipe is read before this)
        raise ArticleNotFound(f"{arg} is not a regular file: give a page file, - for stdin, "
                              "or an article ID")
    if any(sep in arg for sep in ("/", "\\")):
        # a path in the corpus, as warnings name files (2024/05/003.txt), read under its ID
        files = find_files(root())
        page = _corpus_file(files, root() / path)
        if page is None:
            raise ArticleNotFound(f"no such file: {arg} (article IDs are like 003 or 002-2)")
        pid = corpus_ids(files)[page]
        return read(page, pid) if read is not None else read_articles(page, encoding, pid)
    try:
        return resolve_id(root(), arg, encoding, read)
    except ArticleNotFound as exc:
        if exc.matches or path.suffix.lower() not in PAGE_SUFFIXES:
            raise
        # a file name (notice.html): a file the user meant, not an ID with a typo
        raise ArticleNotFound(f"no such file: {arg} (here or in the corpus)") from None


def _corpus_file(files: Sequence[Path], wanted: Path) -> Path | None:
    """The corpus file ``wanted`` names (None if it names none: never a file outside)."""
    try:
        target = wanted.resolve()
        return next((f for f in files if f.resolve() == target), None)
    except (OSError, RuntimeError):  # a name too long, a symlink loop
        return None


def resolve_id(
    root: Path, query: str, encoding: str | None = None, read: PageReader | None = None
) -> tuple[Article, ...]:
    """The articles an ID names: all of a page's ("3", "003", stem, file name) or one ("002-2").
    ``read`` reads a page (default: clean the file).

    Raises:
        ArticleNotFound: no file or article matches, or several files do.
    """
    query = query.strip()
    if "/" in query or "\\" in query or query in ("", ".", ".."):
        raise ArticleNotFound(f"not an article ID: {query!r} (IDs are like 003 or 002-2)")
    files = find_files(root)
    ids = corpus_ids(files)
    if read is None:
        read = lambda p, pid: read_articles(p, encoding, pid)  # noqa: E731
    path = _match_file(files, ids, query)
    if path is not None:
        return read(path, ids[path])
    match = ARTICLE_ID_RE.fullmatch(query)
    if match is None or (path := _match_file(files, ids, match["page"])) is None:
        raise _not_found(query, _candidates(files, ids))
    articles = read(path, ids[path])
    wanted = f"{ids[path]}-{id_number(match['n'])}"
    chosen = tuple(a for a in articles if a.id == wanted)
    if not chosen:
        raise _not_found(query, tuple(a.id for a in articles))
    return chosen


def _match_file(files: tuple[Path, ...], ids: dict[Path, str], query: str) -> Path | None:
    """The one file a page query names (its corpus ID, stem, file name or number), None when none
    does; ambiguity raises."""
    hits = [p for p in files if ids[p] == query] or [
        p for p in files if query in (p.name, p.stem)
    ]
    if not hits and id_number(query) is not None:
        hits = [p for p in files if id_number(page_id(p)) == id_number(query)]
    if len(hits) > 1:
        names = tuple(ids[p] for p in hits)  # IDs that work; a file name may be in two folders
        raise ArticleNotFound(
            f"ambiguous article ID {query!r}: matches {', '.join(names)}", matches=names
        )
    return hits[0] if hits else None


def _candidates(files: tuple[Path, ...], ids: dict[Path, str]) -> tuple[str, ...]:
    """Every ID a user could type for the corpus, for close-match suggestions (a stem two
    files share names neither)."""
    from collections import Counter

    counts = Counter(p.stem for p in files)
    return tuple(dict.fromkeys([*(ids[p] for p in files),
                                *(p.stem for p in files if counts[p.stem] == 1)]))


def _not_found(query: str, candidates: tuple[str, ...]) -> ArticleNotFound:
    """An ArticleNotFound naming the closest candidates, if any."""
    close = tuple(sorted(difflib.get_close_matches(query, candidates, n=3, cutoff=0.5)))
    hint = f"; close matches: {', '.join(close)}" if close else "; run 'fjhealth list' for IDs"
    return ArticleNotFound(f"no article {query!r}{hint}", matches=close)
