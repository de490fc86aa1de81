"""The shipped IDF table: jieba's own, sorted; lookups by bisection agree with a parsed dict."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fjhealth.idf import SortedIdf, general_idf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from build_idf import build, jieba_idf_path  # noqa: E402


@cache
def _jieba_table() -> dict[str, float]:
    """jieba's own file, parsed as jieba parses it."""
    table: dict[str, float] = {}
    for line in jieba_idf_path().read_text(encoding="utf-8").splitlines():
        word, _, value = line.strip().partition(" ")
        if value:
            table[word] = float(value)
    return table


@pytest.fixture()
def jieba_table() -> dict[str, float]:
    return _jieba_table()


def test_shipped_table_is_what_the_script_writes() -> None:
    assert (ROOT / "fjhealth" / "data" / "idf.txt").read_bytes() == build(jieba_idf_path())


def test_median_is_jiebas(jieba_table: dict[str, float]) -> None:
    values = sorted(jieba_table.values())
    assert general_idf()[1] == values[len(values) // 2]


def test_lookups_agree_with_jieba(jieba_table: dict[str, float]) -> None:
    table = SortedIdf(build(jieba_idf_path()))
    words = sorted(jieba_table)
    for word in [words[0], words[-1], *words[:: len(words) // 500]]:
        assert table[word] == jieba_table[word]


@given(st.text(alphabet="医院联体共建一龢a1 \n", max_size=6))
def test_any_word_found_or_absent_like_jieba(word: str) -> None:
    table, _ = general_idf()
    assert table.get(word) == _jieba_table().get(word)


def test_load_all_gives_the_same_table(jieba_table: dict[str, float]) -> None:
    table = SortedIdf(build(jieba_idf_path()))
    assert table.get("医院") == jieba_table["医院"]  # one remembered lookup first
    table.load_all()
    assert dict(table.items()) == jieba_table
    assert table.get("不在表里的词") is None


def test_degenerate_tables() -> None:
    empty = SortedIdf(b"# median 1.0\n")
    assert empty.get("医院") is None and len(empty) == 0 and empty.median == 1.0
    one = SortedIdf(b"# median 2.5\n\xe5\x8c\xbb 2.5\n")
    assert one["医"] == 2.5 and "院" not in one
