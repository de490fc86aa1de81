"""jieba's dictionary loaded by need: the shipped file is jieba's, and cuts are the whole one's."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fjhealth import lexicon, segment
from fjhealth.lexicon import Lexicon, NeedCutter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from build_dict import build, jieba_dict_path, layout  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
JIEBA = segment._rjieba_class()
rust = pytest.mark.skipif(JIEBA is None, reason="rjieba is not installed")


@cache
def _jieba_words() -> dict[str, int]:
    """jieba's dictionary as jieba-rs reads it (a repeated word: the last line wins)."""
    table: dict[str, int] = {}
    for line in jieba_dict_path().read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        table[word] = int(freq)
    return table


@cache
def _whole() -> Any:
    """rjieba with its whole built-in dictionary and the domain terms."""
    tok = JIEBA()
    for word, freq in segment.user_terms():
        tok.add_word(word, freq, None)
    return tok


def test_shipped_dictionary_is_what_the_script_writes() -> None:
    assert (ROOT / "fjhealth" / "data" / "dict.txt").read_bytes() == build(jieba_dict_path())


def test_total_is_jiebas() -> None:
    assert lexicon.lexicon().total == sum(_jieba_words().values())


def test_words_in_empty_and_wordless_text() -> None:
    lex = lexicon.lexicon()
    assert lex.words_in("") == {}
    assert lex.words_in("。，\n  \ue000") == {}


@given(st.text(alphabet="医院联体共建三甲卫生健康中国人民一二aAB1 。\n", max_size=12))
def test_words_in_finds_every_dictionary_substring(text: str) -> None:
    table = _jieba_words()
    expected = {text[i:j]: table[text[i:j]] for i in range(len(text))
                for j in range(i + 1, len(text) + 1) if text[i:j] in table}
    assert lexicon.lexicon().words_in(text) == expected


def test_words_in_a_seed_are_jiebas() -> None:
    text = SEEDS[0].read_text(encoding="utf-8-sig")
    found = lexicon.lexicon().words_in(text)
    table = _jieba_words()
    assert found and all(table[w] == f and w in text for w, f in found.items())
    longest = max(map(len, table))
    assert {text[i:j] for i in range(len(text)) for j in range(i + 1, i + longest + 1)
            if text[i:j] in table} == set(found)


@rust
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_cuts_like_the_whole_dictionary_on_seeds(path: Path) -> None:
    cut = NeedCutter(JIEBA, segment.user_terms())
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        assert cut(line) == _whole().cut(line, False)


@rust
def test_domain_terms_get_the_whole_dictionarys_frequency() -> None:
    cut = NeedCutter(JIEBA, segment.user_terms())
    for term, _ in segment.user_terms():
        assert cut._tok.suggest_freq(term) == _whole().suggest_freq(term)
        assert cut(f"今年推进{term}建设") == _whole().cut(f"今年推进{term}建设", False)


_PIECES = st.sampled_from(
    ["医联体", "医共体", "县域", "紧密型", "医院", "家庭医生", "签约", "服务", "中心", "卫生",
     "健康", "福建", "三明", "改革", "医保", "DRG", "2022", "１９", "a", "B", "7", ".", "%",
     "-", "，", "。", "“", " ", "\n", "\u3000", "㐀", "\ue000", "\U00020000", "😀"]
)


@rust
@settings(max_examples=60)
@given(st.lists(st.lists(_PIECES | st.text(max_size=3), max_size=20).map("".join), max_size=4))
def test_cuts_like_the_whole_dictionary_on_generated_texts(texts: list[str]) -> None:
    cut = NeedCutter(JIEBA, segment.user_terms())  # texts cut one after another
    for text in texts:
        assert cut(text) == _whole().cut(text, False)


@rust
def test_builds_the_whole_dictionary_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "FULL_AFTER", 100)
    cut = NeedCutter(JIEBA, segment.user_terms())
    lines = SEEDS[1].read_text(encoding="utf-8-sig").splitlines()
    assert [cut(line) for line in lines] == [_whole().cut(line, False) for line in lines]
    assert cut._full is not None


@rust
def test_builds_the_whole_dictionary_past_many_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "GROUPS_MAX", 600)
    fresh = Lexicon(lexicon.lexicon()._data)  # no groups read yet
    cut = NeedCutter(JIEBA, segment.user_terms(), fresh)
    assert fresh.groups_read <= 600  # the domain terms' groups
    lines = SEEDS[2].read_text(encoding="utf-8-sig").splitlines()
    assert [cut(line) for line in lines] == [_whole().cut(line, False) for line in lines]
    assert cut._full is not None


def test_lexicon_of_a_tiny_file() -> None:
    lex = Lexicon(layout({"甲": 2, "甲乙": 3, "甲乙丙": 4, "乙丙": 0}))
    assert lex.total == 9
    assert lex.words_in("甲乙丙丁") == {"甲": 2, "甲乙": 3, "甲乙丙": 4, "乙丙": 0}
    assert lex.words_in("丁") == {}
    assert lex.words_in("丙乙甲") == {"甲": 2}  # keys that exist under another first character


def test_lexicon_of_one_character_words_only() -> None:
    lex = Lexicon(layout({"甲": 2, "乙": 3}))
    assert lex.words_in("甲乙甲") == {"甲": 2, "乙": 3}
