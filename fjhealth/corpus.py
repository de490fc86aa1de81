"""Find, read and look up corpus files: a folder of pages -> Page -> Article (bytes are
decoded by ``fjhealth.decode``).

A corpus is a folder of ``.txt``, ``.md``/``.markdown`` and ``.html``/``.htm`` pages, subfolders
included (a corpus kept in dated folders, ``2024/05/003.txt``, needs no option); each page's format
is sniffed from its extension and content (``fjhealth.read.sniff_format``). A page's ID is its
file name's leading number; pages that share a number are known by their stems (``corpus_ids``).

>>> page_id(Path("003_3c8869969b0c1ccc.txt"))
'003'
>>> decode_bytes("医联体".encode("gb18030"), "a.txt")
('医联体', 'gb18030')
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .decode import decode_bytes
from .errors import ArticleNotFound, CorpusError
from .models import Article

if TYPE_CHECKING:
    from .values import Page

# Environment variable naming a corpus folder when --corpus is not given.
CORPUS_ENV = "FJHEALTH_CORPUS"
# The leading number of a file name ("003" in "003_3c8869969b0c1ccc.txt").
_LEADING_NUMBER_RE = re.compile(r"\d+")
# A page ID with an article number: "002-2", "2-2".
_ARTICLE_ID_RE = re.compile(r"(?P<page>[^-]+)-(?P<n>\d+)")
# Longer digit runs are not page or article numbers (and int() refuses 4,300 digits and more).
MAX_NUMBER_DIGITS = 30
# File extensions a corpus holds.
PAGE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def default_corpus_dir() -> Path:
    """The embedded seed corpus: ``fjhealth/seeds`` in a wheel, the repo's ``seeds/`` otherwise."""
    package_dir = Path(__file__).resolve().parent
    embedded = package_dir / "seeds"
    return embedded if embedded.is_dir() else package_dir.parent / "seeds"


def corpus_dir(path: Path | None = None) -> Path:
    """The corpus folder to use: ``path``, else $FJHEALTH_CORPUS, else the embedded seeds.

    Raises:
        CorpusError: the folder does not exist, is not a folder or cannot be listed.
    """
    if path is None:
        env = os.environ.get(CORPUS_ENV)
        path = Path(env) if env else default_corpus_dir()
    path = path.expanduser()  # the shell leaves "~" in --corpus=~/pages and in quotes
    if not path.exists():
        raise CorpusError(f"corpus folder not found: {path}")
    if not path.is_dir():
        raise CorpusError(f"corpus is not a folder: {path} (to read one page: fjhealth show FILE)")
    if not os.access(path, os.R_OK | os.X_OK):
        raise CorpusError(f"corpus folder is not readable: {path}")
    return path


def find_files(
    root: Path, skipped: list[tuple[Path, str]] | None = None
) -> tuple[Path, ...]:
    """The pages (``PAGE_SUFFIXES``) inside ``root`` and its subfolders, in ID order (then by
    path); hidden files and folders are skipped, symbolic links to folders are not followed.
    Left out, and added to ``skipped`` with the reason: a link to a file outside ``root``, a
    broken link, a page name on something that is no file (a FIFO, a device, a socket), a
    subfolder that cannot be listed.

    Folders are read with ``os.scandir``, whose entries know their type: a regular file costs
    no ``stat`` (only links are followed), which matters at tens of thousands of pages.
    """
    found: list[tuple[int, tuple[str, ...], Path]] = []
    folders: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    note = skipped.append if skipped is not None else lambda _: None
    while folders:
        folder, parts = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            if not parts:
                raise CorpusError(f"cannot list corpus folder {root}: {exc.strerror}") from exc
            note((Path(folder), f"cannot list this folder: {exc.strerror}"))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, (*parts, name)))
                    continue
                stem, suffix = os.path.splitext(name)
                if suffix.lower() not in PAGE_SUFFIXES or entry.is_dir():
                    continue
                link = entry.is_symlink()
                if not entry.is_file():
                    why = "a broken link" if link and not os.path.exists(entry.path) \
                        else "not a regular file"
                    note((Path(entry.path), why))
                    continue
            except OSError:
                continue
            path = Path(entry.path)
            if link and not _inside(path, root):
                note((path, "a link to a file outside the corpus folder"))
                continue
            found.append((_stem_number(stem), (*parts, name), path))
    found.sort(key=lambda f: f[:2])
    return tuple(f[2] for f in found)


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links resolved, lies inside ``root``."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def read_file(path: Path) -> bytes:
    """A regular file's bytes. Opened without blocking and checked: a FIFO, device or folder
    (even one swapped in after the corpus was listed) is refused instead of hanging the run.

    Raises:
        OSError: the file cannot be read, or is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return f.read()


def corpus_file(path: Path, root: Path | None) -> str:
    """A file as output names it: its path in the corpus folder ``root`` (``2024/05/003.txt``;
    a name alone is ambiguous in a corpus of dated folders), else the path as given.

    >>> corpus_file(Path("news/2024/05/003.txt"), Path("news")), corpus_file(Path("a.md"), None)
    ('2024/05/003.txt', 'a.md')
    """
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def page_id(path: Path) -> str:
    """A file's ID on its own: its leading number ("003"), or its stem when it has none."""
    match = _LEADING_NUMBER_RE.match(path.stem)
    return match.group() if match else path.stem


def corpus_ids(files: Sequence[Path]) -> dict[Path, str]:
    """Every file's ID in a corpus: ``page_id``, unless other files share it.

    Files whose leading numbers are equal (``003_a.txt``, ``003_b.txt``, ``3_c.txt``) are known
    by their stems; files in different folders with the same stem by their path from the
    folder they share, joined with "_" (``2024/05/003.txt`` and ``2024/06/003.txt``: ``05_003``,
    ``06_003``).

    >>> corpus_ids([Path("003_a.txt"), Path("3_c.txt"), Path("004.txt")])
    {PosixPath('003_a.txt'): '003_a', PosixPath('3_c.txt'): '3_c', PosixPath('004.txt'): '004'}
    """
    ids = {p: page_id(p) for p in files}
    for group in _clashes(files, lambda p: _id_key(page_id(p))):
        ids.update({p: p.stem for p in group})
        for same in _clashes(group, lambda p: p.stem):
            common = Path(os.path.commonpath([str(p.parent) for p in same]))
            ids.update({p: "_".join(p.with_suffix("").relative_to(common).parts) for p in same})
    return ids


def id_clashes(files: Sequence[Path]) -> tuple[tuple[Path, ...], ...]:
    """Groups of files that share a leading number (and so are known by other IDs)."""
    return _clashes(files, lambda p: _id_key(page_id(p)))


def _clashes(files: Sequence[Path], key: Callable[[Path], object]) -> tuple[tuple[Path, ...], ...]:
    groups: dict[object, list[Path]] = {}
    for p in files:
        groups.setdefault(key(p), []).append(p)
    return tuple(tuple(g) for g in groups.values() if len(g) > 1)


def _id_key(pid: str) -> object:
    """IDs that name the same page: "003" and "3" are one number."""
    number = _number(pid)
    return pid if number is None else number


def _number(text: str) -> int | None:
    """The value of a page or article number; None for anything else: "²" passes isdigit()
    but not int(), and int() refuses numbers of more than 4,300 digits.

    >>> _number("003"), _number("²"), _number("9" * 5000)
    (3, None, None)
    """
    return int(text) if text.isdecimal() and len(text) <= MAX_NUMBER_DIGITS else None


def _stem_number(stem: str) -> int:
    """The numeric value of a file name's leading number (``stem``: the name less its suffix),
    or -1 when it has none."""
    match = _LEADING_NUMBER_RE.match(stem)
    number = _number(match.group() if match else stem)
    return -1 if number is None else number


def read_page(path: Path, encoding: str | None = None, pid: str | None = None) -> Page:
    """Read and decode one corpus file (ID ``pid``, else ``page_id(path)``); sniff its format.

    Raises:
        CorpusError: the file cannot be read; DecodeError when it is empty, binary or undecodable.
    """
    try:
        data = read_file(path)
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot read it: {exc.strerror}") from exc
    text, used = decode_bytes(data, path.name, encoding)
    return make_page(path, text, used, pid)


def make_page(path: Path, text: str, encoding: str, pid: str | None = None) -> Page:
    """A decoded page, its format sniffed from its name and text."""
    from .read import sniff_format
    from .values import Page  # built on first use: a warm run reads no page

    fmt = sniff_format(path.name, text)
    return Page(id=pid or page_id(path), path=path, text=text, encoding=encoding, format=fmt)


def read_text_articles(text: str, name: str = "-") -> tuple[Article, ...]:
    """Clean text that is not a corpus file (stdin): its format sniffed, its ID ``name``."""
    from .clean import split_articles

    page = make_page(Path(name), text, "utf-8", name)
    return tuple(replace(a, path=None) for a in split_articles(page))


def load_corpus(
    root: Path | None = None,
    encoding: str | None = None,
    on_error: Callable[[Path, CorpusError], None] | None = None,
) -> Iterator[Article]:
    """Every article of the corpus, in ID order, streamed file by file.

    Args:
        root: the corpus folder (see ``corpus_dir``).
        encoding: overrides encoding detection.
        on_error: called for a file that cannot be read, which is then skipped;
            without it the error propagates.
    """
    files = find_files(corpus_dir(root))
    ids = corpus_ids(files)
    for path in files:
        try:
            articles = read_articles(path, encoding, ids[path])
        except CorpusError as exc:
            if on_error is None:
                raise
            on_error(path, exc)
            continue
        yield from articles


def read_articles(
    path: Path, encoding: str | None = None, pid: str | None = None
) -> tuple[Article, ...]:
    """Read, decode and clean one corpus file (ID ``pid``, else ``page_id(path)``)."""
    from .clean import split_articles  # here: a cached run never needs the cleaner

    return split_articles(read_page(path, encoding, pid))


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
    match = _ARTICLE_ID_RE.fullmatch(query)
    if match is None or (path := _match_file(files, ids, match["page"])) is None:
        raise _not_found(query, _candidates(files, ids))
    articles = read(path, ids[path])
    wanted = f"{ids[path]}-{_number(match['n'])}"
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
    if not hits and _number(query) is not None:
        hits = [p for p in files if _number(page_id(p)) == _number(query)]
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
