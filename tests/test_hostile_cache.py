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
