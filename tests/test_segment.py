"""Segmentation tests: regex sentence splitting, jieba words with the domain dictionary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fjhealth import pycut, segment
from fjhealth.patterns import CLOSERS, TERMINAL
from fjhealth.segment import content_words, split_sentences, stopwords, words

# ------------------------------------------------------------------ split_sentences


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "。", "，。！？", "——……"])
def test_split_degenerate(text: str) -> None:
    assert split_sentences(text) == ()


def test_split_one_sentence_without_ender() -> None:
    assert split_sentences("没有句号的一句话") == ("没有句号的一句话",)


def test_split_enders() -> None:
    text = "第一句。第二句！第三句？第四句；第五句…第六句!第七句?"
    assert split_sentences(text) == (
        "第一句。", "第二句！", "第三句？", "第四句；", "第五句…", "第六句!", "第七句?"
    )


def test_split_newline_always_ends_a_sentence() -> None:
    assert split_sentences("第一段没有句号\n第二段。") == ("第一段没有句号", "第二段。")


def test_split_closing_quote_stays_with_its_sentence() -> None:
    got = split_sentences("他说：“看病不难了。”大家都笑了。")
    assert got == ("他说：“看病不难了。”", "大家都笑了。")


def test_split_never_inside_an_open_quote() -> None:
    text = "院长说：“我们要改。还要快改！”会议结束。"
    assert split_sentences(text) == ("院长说：“我们要改。还要快改！”", "会议结束。")


def test_split_quote_inside_a_sentence() -> None:
    text = "打造“上下联动。资源共享”的新格局。第二句。"
    assert split_sentences(text) == ("打造“上下联动。资源共享”的新格局。", "第二句。")


def test_split_never_inside_book_title() -> None:
    text = "发表《迈向新世纪。新年讲话》的讲话。下一句。"
    assert split_sentences(text) == ("发表《迈向新世纪。新年讲话》的讲话。", "下一句。")


def test_split_unbalanced_quote_is_plain_text() -> None:
    assert split_sentences("他说“第一句。第二句。") == ("他说“第一句。", "第二句。")


def test_split_repeated_enders_and_brackets() -> None:
    text = "真的吗？！”（完）下一句。"
    assert split_sentences(text) == ("真的吗？！”", "（完）下一句。")


@given(st.text(alphabet="医院。！？；…“”《》，\n a1", max_size=60))
def test_split_loses_no_word_characters(text: str) -> None:
    pieces = split_sentences(text)
    assert all(p == p.strip() and p for p in pieces)
    kept = "".join(pieces)
    assert [c for c in kept if c.isalnum()] == [c for c in text if c.isalnum()]


# The sentence pattern as first written, one plain character per repetition: the runs of the
# shipped pattern must find exactly the same sentences.
_E, _C = re.escape(TERMINAL), re.escape(CLOSERS)
_SENTENCE_BY_CHAR = re.compile(
    rf"""(?: 《[^《》\n]*》 | “[^“”\n]*(?<![{_E}])” | “(?![^“”\n]*”) | [^{_E}“\n] )*
    (?: “[^“”\n]*[{_E}]”[{_C}]* | [{_E}]+[{_C}]* )?""",
    re.VERBOSE,
)


@given(st.text(alphabet="医院。！？；…“”《》」），\n a1", max_size=80))
def test_sentence_runs_match_as_one_character_at_a_time(text: str) -> None:
    spans = [m.span() for m in segment._SENTENCE_RE.finditer(text)]
    assert spans == [m.span() for m in _SENTENCE_BY_CHAR.finditer(text)]


_SEED_FILES = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", _SEED_FILES, ids=lambda p: p.name[:3])
def test_sentence_runs_match_on_seeds(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    spans = [m.span() for m in segment._SENTENCE_RE.finditer(text)]
    assert spans == [m.span() for m in _SENTENCE_BY_CHAR.finditer(text)]


# ------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    "term",
    ["医联体", "医共体", "紧密型县域医共体", "紧密型城市医疗集团", "三甲医院", "家庭医生",
     "分级诊疗", "社区卫生服务中心", "卫健委", "医养结合", "国家区域医疗中心", "三、四级手术",
     "慢病管理", "DRG"],
)
def test_domain_terms_stay_whole(term: str) -> None:
    assert term in words(f"今年我们推进{term}建设，效果很好。")


def test_words_cover_the_text() -> None:
    text = "泉港区开展三、四级手术，福州市第一总医院与台江区合作。"
    assert "".join(words(text)) == text


def test_words_of_empty_text() -> None:
    assert words("") == []
    assert content_words("") == []


def test_content_words_drop_noise() -> None:
    got = content_words(
        "本报记者近日获悉，2022年，１９９８年，福建省卫健委表示将推进医联体建设，300人参加。"
    )
    assert "福建省卫健委" in got and "医联体" in got
    for w in got:
        assert len(w) > 1 and w not in stopwords() and not w.isdigit()
    assert not {"记者", "本报", "表示", "2022", "１９９８年", "，"} & set(got)


def test_stopwords_hold_news_boilerplate() -> None:
    assert {"记者", "本报", "表示", "介绍", "今年", "近年来", "日前", "的", "了"} <= stopwords()


def test_import_does_not_load_jieba() -> None:
    code = (
        "import sys, fjhealth.segment; "
        "print(*(m in sys.modules for m in ('jieba', 'snownlp', 'rjieba.rjieba')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_general_idf_knows_common_and_rare_words() -> None:
    table, unknown = segment.general_idf()
    assert table["医院"] < table["医联体"] if "医联体" in table else table["医院"] < unknown


def _jieba_reference(text: str) -> list[str]:
    """What jieba's own precise cut (no HMM) gives, protected terms kept whole."""
    tok = pycut.tokenizer()
    protected = segment._protected_re()
    out: list[str] = []
    start = 0
    for m in protected.finditer(text) if protected else ():
        out += tok.lcut(text[start : m.start()], HMM=False)
        out.append(m.group())
        start = m.end()
    return out + tok.lcut(text[start:], HMM=False)


SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_cut_matches_jieba_on_seeds(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert words(text) == _jieba_reference(text)


@given(st.text(alphabet="医联体共建三甲医院家庭生DRG drg12３。，、\n\t ab-_.%“”", max_size=40))
def test_cut_matches_jieba_on_generated_text(text: str) -> None:
    assert words(text) == _jieba_reference(text)


# ------------------------------------------------- rjieba and the pure-Python cut agree

rust = pytest.mark.skipif(segment._rust_cut() is None, reason="rjieba is not installed")


@rust
def test_rjieba_is_the_default_cutter() -> None:
    assert segment.backend() == "rjieba"


def test_segmenter_env_forces_the_python_cut() -> None:
    code = "from fjhealth import segment; print(segment.backend())"
    env = {**os.environ, segment.SEGMENTER_ENV: "python"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "python"


def _both(text: str) -> tuple[list[str], list[str]]:
    rust_cut = segment._rust_cut()
    assert rust_cut is not None
    return rust_cut(text), pycut.cut(text)


@rust
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_rjieba_and_python_cut_alike_on_seeds(path: Path) -> None:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        rust_tokens, python_tokens = _both(line)
        assert rust_tokens == python_tokens


@rust
def test_rjieba_keeps_every_domain_term() -> None:
    for term, _ in segment.user_terms():
        rust_tokens, python_tokens = _both(f"今年推进{term}建设")
        assert rust_tokens == python_tokens


# Han text built from dictionary words and domain terms (so the word graph has real choices),
# mixed with ASCII runs, digits, full-width forms, rare Han blocks, punctuation and whitespace.
_PIECES = st.sampled_from(
    ["医联体", "医共体", "县域", "紧密型", "医院", "家庭医生", "签约", "服务", "中心", "卫生",
     "健康", "福建", "三明", "改革", "医保", "DRG", "drg", "2022", "１９", "a", "B", "7", ".",
     "%", "-", "_", "#", "+", "&", "，", "。", "、", "“", "”", "《", "》", " ", "\t", "\r\n",
     "\n", "\u3000", "\xa0", "\x1c", "㐀", "\u9fea", "\U00020000", "é", "ｱ", "😀"]
)


@rust
@given(st.lists(_PIECES | st.text(max_size=3), max_size=30).map("".join))
def test_rjieba_and_python_cut_alike_on_generated_text(text: str) -> None:
    rust_tokens, python_tokens = _both(text)
    assert rust_tokens == python_tokens
    assert "".join(rust_tokens) == text
