"""Hostile cache folders and entries (issue 10, items 7, 8, 9)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fjhealth import cache as C
from fjhealth.cache import PageCache
from fjhealth.cli import app

runner = CliRunner()


@pytest.mark.parametrize("kind", ["under-a-file", "db-is-a-folder"])
def test_unusable_cache_folder_means_one_warning_and_no_cache(
    kind: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind == "under-a-file":
        blocker = tmp_path / "file"
        blocker.write_text("x")
        directory = blocker / "cache"  # like /dev/null/x
    else:
        directory = tmp_path / "cache"
        (directory / C.DB_NAME).mkdir(parents=True)
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(directory))
    result = runner.invoke(app, ["list", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3  # header and both pages
    assert result.stderr.count("running without the page cache") == 1
    assert "skipped" not in result.stderr
    shown = runner.invoke(app, ["show", "001", "--corpus", str(corpus)])
    assert shown.exit_code == 0 and shown.stdout


@pytest.mark.parametrize("command", [["search", "泉州"], ["related", "001"]])
def test_search_and_related_with_an_unusable_cache_folder_answer_uncached(
    command: list[str], corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index lives beside the page cache: with the folder unusable, search and
    related failed on an assertion with a traceback; they index the corpus for this run alone
    (in a private temporary folder, removed after) with the one warning."""
    import tempfile

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(blocker / "cache"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = runner.invoke(app, [*command, "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\t")[0] == "002"
    assert result.stderr.count("running without the page cache") == 1
    assert list(scratch.iterdir()) == []


def test_a_cache_file_that_cannot_be_opened_is_given_up_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder where the cache file goes can never be opened, yet the opening was retried as
    if another process held a lock: 19 waits, ~9.5 s before every command ran uncached."""
    (tmp_path / "cache" / C.DB_NAME).mkdir(parents=True)
    waits: list[float] = []
    monkeypatch.setattr(C.time, "sleep", waits.append)
    cache = PageCache(tmp_path / "cache")
    assert cache.unusable() is not None
    assert waits == []


def test_a_search_index_file_that_cannot_be_opened_is_given_up_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for a corpus's search index: ~9.5 s of waits before the error."""
    from fjhealth import index_store
    from fjhealth.cache import CacheError

    cache = PageCache(tmp_path / "cache")
    index = index_store.CorpusIndex(cache, "/some/corpus|")
    index.path.mkdir(parents=True)
    waits: list[float] = []
    monkeypatch.setattr(index_store.time, "sleep", waits.append)
    with pytest.raises(CacheError, match="cannot open the search index"):
        index.db  # noqa: B018 -- opening is the point
    assert waits == []
    cache.close()


def test_cache_clear_in_an_unusable_folder_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(blocker / "cache"))
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code in (0, 1)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_rows_swapped_between_keys_are_misses(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "c")
    cache.put("a", ["page a"])
    cache.put("b", ["page b"])
    db = sqlite3.connect(cache.path)
    (sum_a, blob_a), (sum_b, blob_b) = db.execute(
        "SELECT sum, payload FROM entries ORDER BY key").fetchall()
    db.execute("UPDATE entries SET sum = ?, payload = ? WHERE key = 'a'", (sum_b, blob_b))
    db.commit()
    db.close()
    assert cache.get("a") is None
    assert cache.get("b") == ["page b"]


def test_entry_expanding_past_the_bound_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PageCache(tmp_path / "c")
    cache.put("big", ["医" * 10_000])
    monkeypatch.setattr(C, "MAX_ENTRY_BYTES", 1000)
    assert cache.get("big") is None


def test_cache_folder_and_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        cache = PageCache(tmp_path / "new" / "cache")
        cache.put("k", [1])
        cache.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new" / "cache").stat().st_mode) == 0o700
    for f in (tmp_path / "new" / "cache").iterdir():
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f.name


def test_corpus_state_changes_on_an_edit_keeping_size_and_mtime(corpus: Path) -> None:
    from fjhealth.batch import corpus_state

    files = sorted(corpus.glob("*.txt"))
    before = corpus_state(files, None)
    st = files[0].stat()
    data = files[0].read_bytes()
    files[0].write_bytes(data.replace("福建".encode(), "厦门".encode()))
    os.utime(files[0], ns=(st.st_atime_ns, st.st_mtime_ns))
    assert files[0].stat().st_size == st.st_size
    assert corpus_state(files, None) != before


def test_jieba_cache_of_the_wrong_shape_is_rebuilt(tmp_path: Path) -> None:
    import marshal
    import subprocess
    import sys

    import jieba

    folder = tmp_path / "jc"
    folder.mkdir()
    bad = folder / f"jieba-{jieba.__version__}.cache"
    bad.write_bytes(marshal.dumps((1, 2)))  # loads, but is no dictionary
    code = "from fjhealth import segment; print(segment.words('医共体建设提升基层服务'))"
    env = {**os.environ, "FJHEALTH_CACHE_DIR": str(folder), "FJHEALTH_SEGMENTER": "python"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "医共体" in done.stdout or "基层" in done.stdout


@pytest.mark.parametrize("payload", [[{"id": "001"}], {"x": 1}, [1, 2], "text"])
def test_entry_of_the_wrong_shape_is_a_miss(
    payload: object, corpus: Path, _cache_dir: Path
) -> None:
    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.pagework import page_key as _page_key

    files = sorted(corpus.glob("*.txt"))
    cache = PageCache(_cache_dir)
    cache.put(_page_key("001", files[0].read_bytes(), None), payload)
    results = list(run_corpus(files, ArticlesTask(), jobs=1, cache=cache))
    assert all(r.error is None for r in results)
    assert results[0].result and results[0].result[0].paragraphs


def test_a_cache_folder_that_is_a_file_is_said_plainly(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "[Errno 17] File exists: '...'": what is wrong and where the folder came from, and
    ``cache info`` says it too (it showed an empty cache and nothing else)."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(blocker))
    said = (f"Warning: running without the page cache: cannot use cache directory {blocker}: "
            "it is a file, not a folder (set by $FJHEALTH_CACHE_DIR)\n")
    result = runner.invoke(app, ["list", "--corpus", str(corpus)])
    assert (result.exit_code, result.stderr) == (0, said)
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0
    assert info.stderr == (f"Warning: cannot use cache directory {blocker}: it is a file, not a "
                           "folder (set by $FJHEALTH_CACHE_DIR)\n")
