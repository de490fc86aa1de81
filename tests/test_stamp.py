"""The corpus's stat signature: it moves with every edit, and a warm search reads no file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import write_page

from fjhealth import stamp
from fjhealth.cache import PageCache
from fjhealth.corpus import find_files
from fjhealth.search import SearchOptions, search_corpus
from fjhealth.stamp import stat_stamp

LATER = 4 * 10**18  # a "now" (in 2096) long after any file of the test was written


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_no_files_and_a_missing_file(tmp_path: Path) -> None:
    assert stat_stamp([], None, LATER) == stat_stamp([], None, LATER)
    assert stat_stamp([], None, LATER) != stat_stamp([], "gbk", LATER)
    assert stat_stamp([tmp_path / "gone.txt"], None, LATER) is None


def test_a_file_written_just_now_is_racy(tmp_path: Path) -> None:
    page = write_page(tmp_path, "001.txt", "# 标题\n\n正文。\n")
    assert stat_stamp([page], None) is None
    assert stat_stamp([page], None, LATER) is not None


def test_the_stamp_moves_with_an_edit_keeping_size_and_mtime(tmp_path: Path) -> None:
    page = write_page(tmp_path, "001.txt", "# 福建\n\n福建医共体建设。\n")
    before = stat_stamp([page], None, LATER)
    time.sleep(0.02)  # past the change time's clock tick
    _edit_keeping_size_and_mtime(page, "福建", "厦门")
    assert stat_stamp([page], None, LATER) != before


def test_renaming_and_replacing_files_moves_the_stamp(tmp_path: Path) -> None:
    a = write_page(tmp_path, "001.txt", "# 甲\n\n甲文。\n")
    before = stat_stamp([a], None, LATER)
    b = a.rename(tmp_path / "002.txt")
    assert stat_stamp([b], None, LATER) != before


def test_a_warm_search_hashes_no_file_and_an_edit_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fjhealth import corpus

    monkeypatch.setattr(stamp, "RACY_NS", -LATER)  # no file counts as just written
    news = tmp_path / "news"
    page = write_page(news, "001_a.txt", "# 福建医改\n\n福建推进紧密型县域医共体建设。\n")
    write_page(news, "002_b.txt", "# 泉州医保\n\n泉州推进医保支付方式改革。\n")
    cache = PageCache(tmp_path / "cache")

    def found(query: str) -> list[str]:
        hits = search_corpus(news, find_files(news), query, SearchOptions(), cache=cache, jobs=1)
        return [h.id for h in hits]

    assert found("医共体") == ["001"]
    read: list[Path] = []
    real = corpus.read_file
    monkeypatch.setattr(corpus, "read_file", lambda path: read.append(path) or real(path))
    assert found("医共体") == ["001"]
    assert read == []  # the stat signature matched: no file read
    time.sleep(0.02)
    _edit_keeping_size_and_mtime(page, "福建", "厦门")
    assert found("厦门") == ["001"]
    assert page in read
    cache.close()
