"""Keeping a corpus's search index up to date with its files (the tables: ``index_store``).

The index follows the page cache: pages are keyed like cache entries (file content, encoding,
page ID). It holds exactly the corpus's pages, so BM25's statistics are the corpus's as it is
now: new files are indexed from the cached articles and tokens (or cleaned and cut in a batch
run); the old page of a file edited, renamed or removed is taken out (its rows deleted with
the words the page cache gives again). The index is made anew when the pipeline version
changes (segmenter, dictionaries, cleaner, jieba), or when the cache lacks an old page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from .cache import PageCache, sha256
from .corpus import corpus_file, corpus_ids
from .index_docs import IndexDoc, IndexTask, make_doc
from .index_store import CorpusIndex, SearchIndex, index_file
from .models import article_from_dict

__all__ = ["CorpusIndex", "SearchIndex", "corpus_scope", "index_file", "page_keys",
           "update_index", "updated_index"]


class Meter(Protocol):
    """Where the indexing of new pages is counted (``fjhealth.progress`` is one)."""

    def phase(self, label: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...

# Pages written per transaction (see ``index_store.HASH_BYTES``).
WRITE_BATCH = 1024
# Pages read from the page cache per query.
CACHE_BATCH = 256
# What a cached entry of the wrong shape raises when rebuilt into articles.
_BAD_SHAPE = (KeyError, IndexError, TypeError, ValueError, AttributeError)


def update_index(
    index: SearchIndex,
    scope: str,
    paths: Sequence[Path],
    *,
    root: Path | None = None,
    encoding: str | None = None,
    jobs: int | None = None,
    on_page: Callable[[Any], None] | None = None,
    known: tuple[str | None, dict[Path, str]] | None = None,
    meter: Meter | None = None,
) -> None:
    """Bring a corpus's index up to date: index its new pages, record its files (by their
    path in the corpus folder ``root``, see ``corpus.corpus_file``).

    Cheap when no file changed since the last run (one ``stat`` per file, see ``stamp``);
    otherwise every file is read and hashed, and only pages the index lacks are read from the
    page cache (or cleaned and cut). ``on_page`` is called, in corpus order, with a
    ``PageResult`` for each page worth a warning (``cli_batch.Batch.tell``): a file skipped
    (its ``error``), a doubtful decoding (its ``doubt``), a page without article text (an
    empty ``result``; otherwise the count of its articles). The index keeps them with the
    corpus's state, so a run that finds the index up to date warns as the run that built it.
    ``known``: the files' ``stat`` signature and the keys of the files read since it was taken
    (by a batch run, see ``index_feed``); the others are read here. ``meter``: counts the pages
    to index, a phase "indexing" of that many, each page once.
    """
    from .batch import run_corpus
    from .stamp import stat_stamp

    corpus = index.corpus(scope)
    stamp = stat_stamp(paths, encoding) if known is None else known[0]
    if stamp is not None and corpus.stamp() == stamp:
        _tell(corpus, paths, root, on_page)
        return
    if known is None:
        keys = page_keys(paths, encoding)
    else:
        keys = dict(known[1])
        unread = [p for p in paths if p not in keys]
        if unread:
            keys.update(page_keys(paths, encoding, unread))
    files = {path: corpus_file(path, root) for path in paths}
    state = sha256((encoding or "").encode())
    for path in paths:  # like batch.corpus_state, from the keys: each file is read once
        state.update(os.fsencode(files[path]) + f"\0{keys.get(path, 'unreadable')}\n".encode())
    if corpus.state() == state.hexdigest():
        if stamp is not None:
            corpus.set_stamp(stamp)
        _tell(corpus, paths, root, on_page)
        return
    current = set(keys.values())
    indexed = corpus.pages()
    stale = sorted(indexed - current)
    # Pages of files since edited, renamed or removed are taken out, their words given again
    # from the page cache (what a contentless FTS5 table needs to delete a row): left in they
    # would count in BM25's statistics (a corpus's ranking would depend on its past) and make
    # every query join the current pages (2.4x slower at 10,000 pages). When the page cache
    # lacks one of them, or most pages changed, the index is made anew from the page cache.
    if stale and (2 * len(stale) > len(indexed) or not _remove_cached(corpus, stale)):
        corpus.clear()
        indexed = set()
    known = indexed & current
    missing = [p for p in paths if keys.get(p) not in known]
    # Pages the page cache holds (cleaned articles and their tokens) are indexed straight from
    # it; the rest go through a batch run (cleaned and cut).
    notes: list[tuple[str, str | None, int]] = []
    if meter is not None and missing:
        meter.phase("indexing", len(missing))
    missing = _index_cached(corpus, missing, keys, notes, meter)
    pending: list[tuple[str, Sequence[IndexDoc]]] = []
    skipped: list[tuple[str, str]] = []
    ids = corpus_ids(paths) if missing else {}  # the whole corpus's: see run_corpus
    for res in run_corpus(missing, IndexTask(), jobs=jobs, cache=index.cache, encoding=encoding,
                          ids=ids):
        if meter is not None:
            meter.advance()
        if res.result is None:
            keys.pop(res.path, None)
            skipped.append((files[res.path], str(res.error)))
            continue
        if res.path in keys:
            pending.append((keys[res.path], res.result))
            _note(notes, keys[res.path], res.doubt, res.result)
        if len(pending) >= WRITE_BATCH:
            corpus.add(pending)
            pending.clear()
    corpus.add(pending)
    corpus.set_files(state.hexdigest(), ((k, files[p]) for p, k in keys.items()), stamp,
                     skipped, notes)
    _tell(corpus, paths, root, on_page)


def corpus_scope(root: Path, encoding: str | None = None) -> str:
    """The scope name of a corpus folder read with an encoding."""
    return f"{root.resolve()}|{encoding or ''}"


@contextmanager
def updated_index(
    root: Path,
    paths: Sequence[Path],
    *,
    cache: PageCache,
    encoding: str | None = None,
    jobs: int | None = None,
    on_page: Callable[[Any], None] | None = None,
    meter: Meter | None = None,
) -> Iterator[tuple[SearchIndex, str]]:
    """A corpus folder's search index, brought up to date (see ``update_index``), and its scope;
    closed on leaving."""
    index = SearchIndex(cache)
    scope = corpus_scope(root, encoding)
    try:
        update_index(index, scope, paths, root=root, encoding=encoding, jobs=jobs,
                     on_page=on_page, meter=meter)
        yield index, scope
    finally:
        index.close()


def _note(notes: list[tuple[str, str | None, int]], key: str, doubt: str | None,
          docs: Sequence[IndexDoc]) -> None:
    """Keep a page's warning, if it calls for one (see ``CorpusIndex.notes``)."""
    if doubt is not None or not docs:
        notes.append((key, doubt, len(docs)))


def _tell(
    corpus: CorpusIndex,
    paths: Sequence[Path],
    root: Path | None,
    on_page: Callable[[Any], None] | None,
) -> None:
    """Report the pages worth a warning at the corpus's current state, in corpus order."""
    if on_page is None:
        return
    from .pagework import PageResult

    told: list[tuple[str, str | None, str | None, int | None]] = [
        (file, error, None, None) for file, error in corpus.skipped()]
    told += [(file, None, doubt, n) for file, doubt, n in corpus.notes()]
    if not told:
        return
    order = {corpus_file(p, root): i for i, p in enumerate(paths)}
    told.sort(key=lambda t: order.get(t[0], len(order)))
    for file, error, doubt, n in told:
        i = order.get(file)
        path = paths[i] if i is not None else (root / file if root is not None else Path(file))
        on_page(PageResult(path, result=n, error=error, doubt=doubt))


def page_keys(
    paths: Sequence[Path], encoding: str | None, only: Sequence[Path] | None = None
) -> dict[Path, str]:
    """The readable files' index keys, their page-cache keys (file content, encoding, corpus
    ID: files sharing a page number in several folders get keys of their own); a file that
    cannot be read has none. ``only``: of these files alone (their IDs in the whole corpus)."""
    from .corpus import corpus_ids, read_file
    from .pagework import page_key

    ids = corpus_ids(paths)
    keys: dict[Path, str] = {}
    for path in paths if only is None else only:
        try:
            keys[path] = page_key(ids[path], read_file(path), encoding)
        except OSError:
            continue  # reported by the batch run that cleans the missing pages
    return keys


def _remove_cached(corpus: CorpusIndex, stale: Sequence[str]) -> bool:
    """Take these pages out of the index, their entries rebuilt from the page cache; False
    (nothing taken out) when the cache lacks one or it does not match the index."""
    docs = cached_docs(corpus.cache, stale)
    return len(docs) == len(stale) and corpus.remove([(key, docs[key]) for key in stale])


def _index_cached(
    corpus: CorpusIndex,
    paths: Sequence[Path],
    keys: dict[Path, str],
    notes: list[tuple[str, str | None, int]],
    meter: Meter | None = None,
) -> list[Path]:
    """Index the pages whose articles and tokens the page cache holds; return the others
    (files that could not be read among them: the batch run reports them).

    Reads the cache a few hundred rows per query and never starts a worker or loads the
    segmenter (a text the tokens miss is cut then, as in a batch run).
    """
    rest: list[Path] = []
    pending: list[tuple[str, Sequence[IndexDoc]]] = []
    for i in range(0, len(paths), CACHE_BATCH):
        chunk = paths[i : i + CACHE_BATCH]
        doubts: dict[str, str] = {}
        docs = cached_docs(corpus.cache, [keys[p] for p in chunk if p in keys], doubts)
        others = len(rest)
        for path in chunk:
            key = keys.get(path, "")
            if key in docs:
                pending.append((key, docs[key]))
                _note(notes, key, doubts.get(key), docs[key])
            else:
                rest.append(path)
        if meter is not None:  # the others are counted as the batch run gives them
            meter.advance(len(chunk) - (len(rest) - others))
        if len(pending) >= WRITE_BATCH:
            corpus.add(pending)
            pending.clear()
    corpus.add(pending)
    return rest


def cached_docs(
    cache: PageCache, keys: Sequence[str], doubts: dict[str, str] | None = None
) -> dict[str, list[IndexDoc]]:
    """The index entries of the pages whose articles and tokens the page cache holds (and in
    ``doubts``, the doubt about the decoding of those read with one)."""
    from . import segment
    from .batch import unpack_words

    entries = cache.get_many(keys, "entries")
    words = cache.get_many(keys, "words")
    out: dict[str, list[IndexDoc]] = {}
    for key in keys:
        entry, memo = entries.get(key), words.get(key)
        if isinstance(entry, dict):  # a page read with a doubt: {"articles", "doubt"}
            if doubts is not None and "doubt" in entry:
                doubts[key] = str(entry["doubt"])
            entry = entry.get("articles")
        if entry is None or memo is None:
            continue
        try:
            articles = [article_from_dict(a) for a in entry]
        except _BAD_SHAPE:
            continue
        tokens = unpack_words(memo)
        with segment.recording(tokens):
            out[key] = [make_doc(a, tokens) for a in articles]
    return out
