"""What fjhealth keeps on disk: found, reported, cleared and capped (module and CLI)."""

from __future__ import annotations

import gc
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fjhealth.cache import DB_NAME, PageCache
from fjhealth.cli import app
from fjhealth.disk import (
    STALE,
    clear,
    format_size,
    page_cache_size,
    parse_size,
    remove_stale,
    stored_files,
    trim_page_cache,
    with_stale,
)

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of its own, with a (small, fake) jieba dictionary cache in it."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "jieba-0.42.1.cache").write_bytes(b"x" * 5000)
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(folder))
    return folder


def _fill(folder: Path, pages: int) -> PageCache:
    store = PageCache(folder)
    blob = "医改" * 2000  # ~12 KB of text per row before compression; varied below
    store.write(("entries", f"key{i:04d}", f"{i}{blob}{i * 7919}") for i in range(pages))
    return store


def test_stored_files_names_every_kind(cache_dir: Path) -> None:
    _fill(cache_dir, 3).close()
    (cache_dir / "pages-v1.sqlite3").write_bytes(b"old")
    (cache_dir / "notes.txt").write_text("mine")
    (cache_dir / "search-0123456789abcdef.sqlite3").write_bytes(b"index")
    kinds = {f.path.name: f.kind for f in stored_files(cache_dir)}
    assert kinds["search-0123456789abcdef.sqlite3"] == "search index"
    assert kinds["jieba-0.42.1.cache"] == "jieba dictionary"
    assert kinds[DB_NAME] == "page cache"
    assert kinds["pages-v1.sqlite3"] == "old page cache"
    assert kinds["notes.txt"] == "other"
    assert all(f.size > 0 for f in stored_files(cache_dir))


def test_missing_directory_holds_nothing(tmp_path: Path) -> None:
    assert stored_files(tmp_path / "nope") == ()
    assert clear(tmp_path / "nope") == ()


def test_clear_in_a_folder_the_user_chose_keeps_files_not_ours(cache_dir: Path) -> None:
    _fill(cache_dir, 3).close()
    (cache_dir / "notes.txt").write_text("mine")
    removed = {f.path.name for f in clear(cache_dir)}
    assert removed == {"jieba-0.42.1.cache", DB_NAME}
    assert [f.path.name for f in stored_files(cache_dir)] == ["notes.txt"]


def test_trim_drops_the_oldest_rows_until_under_the_limit(cache_dir: Path) -> None:
    store = _fill(cache_dir, 300)
    store.close()
    before = page_cache_size(cache_dir)
    limit = before * 2 // 3
    freed = trim_page_cache(limit, cache_dir)
    assert freed > 0 and page_cache_size(cache_dir) <= limit
    store = PageCache(cache_dir)
    assert store.get("key0000") is None  # oldest gone
    assert store.get("key0299") is not None  # newest kept
    store.close()
    assert trim_page_cache(limit, cache_dir) == 0  # under the limit: nothing to do


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("0", 0),
        ("512", 512),
        ("500MB", 500 * 1024**2),
        ("2G", 2 * 1024**3),
        ("1.5 GiB", 1610612736),
    ],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-1MB", "5 XB"])
def test_parse_size_refuses_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@given(st.integers(0, 10**13))
def test_format_size_is_short_and_close(size: int) -> None:
    text = format_size(size)
    assert re.fullmatch(r"\d+(\.\d)? (B|KB|MB|GB)", text) and len(text) <= 9
    assert abs(parse_size(text.replace(" ", "")) - size) <= max(size * 0.06, 1)


# ---- CLI -------------------------------------------------------------------------------------


def test_cache_info_reports_everything_with_sizes_for_people_on_a_terminal(
    cache_dir: Path,
) -> None:
    runner.invoke(app, ["list"])
    record = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    kinds = {f["kind"] for f in record["files"]}
    assert kinds == {"jieba dictionary", "page cache"}
    assert record["bytes"] == sum(f["bytes"] for f in record["files"])
    assert record["directory"] == str(cache_dir) and record["limit"] == 1024**3
    rich = runner.invoke(app, ["cache", "info", "--format", "rich"]).stdout
    assert "jieba dictionary" in rich and re.search(r"\d KB", rich)
    text = dict(
        line.split("\t") for line in runner.invoke(app, ["cache", "info"]).stdout.splitlines()
    )
    assert text["jieba dictionary"] == "5000" and text["pages"] == str(record["pages"])


def test_cache_info_stacks_each_file_on_a_narrow_terminal(cache_dir: Path) -> None:
    """Under 60 columns the table cut names and kinds to slivers ("p…", "pages-v2.sql")."""
    runner.invoke(app, ["list"])
    result = runner.invoke(app, ["cache", "info", "--format", "rich", "--width", "40",
                                 "--color", "never"])
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert not any(set(line) & set("┃│┏") for line in lines)
    jieba, pages = lines.index("jieba-0.42.1.cache"), lines.index("pages-v2.sqlite3")
    assert lines[jieba + 1] == "jieba dictionary · 4.9 KB"
    assert re.fullmatch(r"page cache · [\d.]+ KB", lines[pages + 1])


def test_cache_clear_clears_it_all(cache_dir: Path) -> None:
    runner.invoke(app, ["list"])
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0 and result.stdout == ""
    assert re.fullmatch(
        rf"Cleared \d files \(\d+ KB\) from {re.escape(str(cache_dir))}\.\n", result.stderr
    )
    assert stored_files(cache_dir) == ()


def test_cache_clear_counts_one_file_in_the_singular(cache_dir: Path) -> None:
    (cache_dir / "jieba-0.42.1.cache").unlink()
    (cache_dir / "pages-v2.sqlite3").write_bytes(b"x" * 2048)
    result = runner.invoke(app, ["cache", "clear"])
    assert result.stderr.startswith("Cleared 1 file (")


@pytest.mark.parametrize("command", ["clear", "trim"])
@pytest.mark.parametrize("under", ["", "/cache"])
def test_a_cache_directory_that_is_a_file_is_an_error(
    command: str, under: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FJHEALTH_CACHE_DIR=/etc/passwd: clearing it said "Cleared 0 files", as if all was well."""
    blocker = tmp_path / "notes"
    blocker.write_text("mine")
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", f"{blocker}{under}")
    result = runner.invoke(app, ["cache", command])
    why = ("a file stands where a folder of its path should be" if under
           else "it is a file, not a folder")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: cannot {command} cache directory {blocker}{under}: {why} "
                             "(set by $FJHEALTH_CACHE_DIR)\n")
    assert blocker.read_text() == "mine"


def test_cache_clear_says_what_it_left_in_a_folder_you_chose(cache_dir: Path) -> None:
    (cache_dir / "notes.txt").write_text("mine")
    (cache_dir / "todo.txt").write_text("mine")
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0
    assert result.stderr == (f"Cleared 1 file (4.9 KB) from {cache_dir}; left 2 files that "
                             "fjhealth did not write.\n")
    assert sorted(p.name for p in cache_dir.iterdir()) == ["notes.txt", "todo.txt"]


def test_a_run_keeps_the_page_cache_under_its_limit(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "big"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(30):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n第{i}页。\n"
        (corpus / f"{i:03d}_p.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv("FJHEALTH_CACHE_MAX", "100KB")
    result = runner.invoke(app, ["list", "--corpus", str(corpus), "-j1"])
    assert result.exit_code == 0
    assert "Note: the page cache passed its 100 KB limit" in result.stderr
    # the database file (SQLite's side files last only while a connection is open, and this
    # process still holds its in-process worker's)
    assert (cache_dir / DB_NAME).stat().st_size <= 100 * 1024


def test_no_limit_and_a_bad_limit(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FJHEALTH_CACHE_MAX", "0")
    assert json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)["limit"] is None
    monkeypatch.setenv("FJHEALTH_CACHE_MAX", "lots")
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: $FJHEALTH_CACHE_MAX: not a size: 'lots'")


def test_cache_trim_to_a_size(cache_dir: Path) -> None:
    _fill(cache_dir, 200).close()
    result = runner.invoke(app, ["cache", "trim", "--to", "64KB"])
    assert result.exit_code == 0 and result.stderr.startswith("Freed ")
    assert page_cache_size(cache_dir) <= 64 * 1024
    assert runner.invoke(app, ["cache", "trim", "--to", "lots"]).exit_code == 2


def test_cache_trim_to_0_empties_the_page_cache(cache_dir: Path) -> None:
    """0 is "no limit" for $FJHEALTH_CACHE_MAX, but trimming to no limit would do nothing:
    ``--to 0`` drops every page (it printed "Freed 0 B." and kept them all)."""
    _fill(cache_dir, 200).close()
    result = runner.invoke(app, ["cache", "trim", "--to", "0"])
    assert result.exit_code == 0 and result.stderr != "Freed 0 B.\n"
    store = PageCache(cache_dir)
    assert store.info().entries == 0
    store.close()
    bad = runner.invoke(app, ["cache", "trim", "--to", "lots"], env={"COLUMNS": "200"})
    assert "0 for no limit" not in bad.stderr and "0 empties the page cache" in bad.stderr


def _two_indexes(tmp_path: Path) -> tuple[Path, Path]:
    """Search two corpus folders, then remove one: its index is stale, the other's is not."""
    kept, gone = tmp_path / "kept", tmp_path / "gone"
    for folder in (kept, gone):
        folder.mkdir()
        (folder / "001_a.txt").write_text("# 医共体\n\n泉港区推进医共体建设。\n", encoding="utf-8")
        assert runner.invoke(app, ["search", "医共体", "--corpus", str(folder)]).exit_code == 0
    gc.collect()  # the searches' SQLite connections closed now, not whenever the collector
    # runs: an open one keeps the index's -wal/-shm side files, which then count as files
    shutil.rmtree(gone)
    return kept, gone


def test_the_index_of_a_corpus_folder_that_is_gone_is_stale(cache_dir: Path,
                                                            tmp_path: Path) -> None:
    _two_indexes(tmp_path)
    files = with_stale(stored_files(cache_dir))
    indexes = [f for f in files if f.kind in ("search index", STALE)]
    assert sorted(f.kind for f in indexes if f.path.suffix == ".sqlite3") == [
        "search index", STALE]
    record = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    assert sorted(f["kind"] for f in record["files"] if "/search-" in f["path"]
                  and f["path"].endswith(".sqlite3")) == ["search index", STALE]
    text = runner.invoke(app, ["cache", "info"]).stdout
    assert f"\n{STALE}\t" in text


def test_cache_clear_stale_deletes_only_stale_indexes(cache_dir: Path, tmp_path: Path) -> None:
    kept, _ = _two_indexes(tmp_path)
    before = stored_files(cache_dir)
    result = runner.invoke(app, ["cache", "clear", "--stale"])
    assert result.exit_code == 0 and result.stderr.startswith("Cleared 1 file (")
    after = with_stale(stored_files(cache_dir))
    assert len(after) == len(before) - 1 and STALE not in {f.kind for f in after}
    assert "search index" in {f.kind for f in after}
    again = runner.invoke(app, ["search", "医共体", "--corpus", str(kept), "--plain"])
    assert again.stdout.startswith("001\t")
    assert runner.invoke(app, ["cache", "clear", "--stale"]).stderr.startswith("Cleared 0 files")


def test_trimming_deletes_stale_indexes(cache_dir: Path, tmp_path: Path) -> None:
    _two_indexes(tmp_path)
    assert runner.invoke(app, ["cache", "trim"]).exit_code == 0
    assert STALE not in {f.kind for f in with_stale(stored_files(cache_dir))}
    assert "search index" in {f.kind for f in stored_files(cache_dir)}


def test_an_index_that_cannot_be_read_is_not_stale(cache_dir: Path) -> None:
    (cache_dir / "search-0123456789abcdef.sqlite3").write_bytes(b"not a database")
    assert remove_stale(cache_dir) == ()


def test_a_run_past_the_limit_deletes_stale_indexes_too(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, _ = _two_indexes(tmp_path)
    (kept / "002_b.txt").write_text("# 分级诊疗\n\n三明市推进分级诊疗。\n", encoding="utf-8")
    monkeypatch.setenv("FJHEALTH_CACHE_MAX", "1KB")
    result = runner.invoke(app, ["list", "--corpus", str(kept), "-j1"])
    assert result.exit_code == 0
    assert "Note: removed the search indexes of corpus folders that no longer exist" in \
        result.stderr
    assert STALE not in {f.kind for f in with_stale(stored_files(cache_dir))}


def test_cache_info_names_the_corpus_folder_of_each_search_index(cache_dir: Path,
                                                                 tmp_path: Path) -> None:
    """A cache of several corpora listed files named search-<digest>.sqlite3 and nothing said
    which corpus each one indexes (which to delete, which is big)."""
    kept, gone = _two_indexes(tmp_path)
    record = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    assert all(list(f) == ["path", "kind", "bytes", "corpus"] for f in record["files"])
    indexes = [f for f in record["files"] if re.search(r"/search-\w+\.sqlite3$", f["path"])]
    assert sorted((f["kind"], f["corpus"]) for f in indexes) == [
        ("search index", str(kept.resolve())), (STALE, str(gone.resolve()))]
    assert {f["corpus"] for f in record["files"] if "/search-" not in f["path"]} == {None}
    table = runner.invoke(app, ["cache", "info", "--format", "rich", "--width", "200"]).stdout
    assert str(kept.resolve()) in table and str(gone.resolve()) in table
