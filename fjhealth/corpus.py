"""Find and read corpus files: a folder of pages -> Page -> Article (bytes are decoded by
``fjhealth.decode``; a command-line argument is looked up by ``fjhealth.lookup``).

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

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .decode import decode_bytes
from .errors import CorpusError
from .models import Article

if TYPE_CHECKING:
    from .values import Page

# Environment variable naming a corpus folder when --corpus is not given.
CORPUS_ENV = "FJHEALTH_CORPUS"
# The leading number of a file name ("003" in "003_3c8869969b0c1ccc.txt").
_LEADING_NUMBER_RE = re.compile(r"\d+")
# A page ID with an article number: "002-2", "2-2".
ARTICLE_ID_RE = re.compile(r"(?P<page>[^-]+)-(?P<n>\d+)")
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
            found.append((_stemid_number(stem), (*parts, name), path))
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
    number = id_number(pid)
    return pid if number is None else number


def id_number(text: str) -> int | None:
    """The value of a page or article number; None for anything else: "²" passes isdigit()
    but not int(), and int() refuses numbers of more than 4,300 digits.

    >>> id_number("003"), id_number("²"), id_number("9" * 5000)
    (3, None, None)
    """
    return int(text) if text.isdecimal() and len(text) <= MAX_NUMBER_DIGITS else None


def _stemid_number(stem: str) -> int:
    """The numeric value of a file name's leading number (``stem``: the name less its suffix),
    or -1 when it has none."""
    match = _LEADING_NUMBER_RE.match(stem)
    number = id_number(match.group() if match else stem)
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
