"""fjhealth.browse_source: what the reader reads from, without Textual."""

from __future__ import annotations

from pathlib import Path

from helpers import PAGE_TEXT, write_page

from fjhealth.browse_source import CorpusSource
from fjhealth.cache import PageCache
from fjhealth.corpus import find_files


def test_the_corpus_source_reports_unreadable_pages(tmp_path: Path) -> None:
    write_page(tmp_path, "001.txt", PAGE_TEXT)
    write_page(tmp_path, "002.txt", "")
    errors: list[object] = []
    source = CorpusSource(tmp_path, find_files(tmp_path), jobs=1, on_error=errors.append,
                          cache=PageCache(tmp_path / "cache"))
    assert [a.id for a in source.articles()] == ["001"]
    assert [getattr(e, "error", None) for e in errors] == ["002.txt: empty file"]
