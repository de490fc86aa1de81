"""What the index keeps of an article: tokens and characters per field, replayed from a memo."""

from __future__ import annotations

import sqlite3

from fjhealth.index_docs import TOKENIZER, index_chars, index_words, make_doc, spaced
from fjhealth.models import Article, Block


def tokens(text: str) -> list[str]:
    """The tokens the index's FTS5 tokenizer reads in ``text``, in order."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.execute("INSERT INTO t VALUES (?)", (text,))
    return [r[0] for r in db.execute("SELECT term FROM v ORDER BY offset")]


def article(title: str, *paragraphs: str) -> Article:
    return Article(id="001", title=title, blocks=tuple(Block("paragraph", p) for p in paragraphs))


def test_the_index_holds_words_and_characters_without_punctuation() -> None:
    assert index_words([]) == "" and index_chars("") == "" and spaced("") == ""
    words = index_words(["医共体", "，", " ", "建设", "——", "DRG"])
    assert tokens(words) == ["医共体", "建设", "drg"]
    text = "DRG付费，2024年“医保”　résumé"
    assert tokens(spaced(text)) == index_chars(text).split()
    assert index_chars("DRG付费，2024年") == "d r g 付 费 2 0 2 4 年"


def test_fields_are_title_lead_and_the_rest() -> None:
    doc = make_doc(article("医共体建设", "首段。", "次段。", "末段。"))
    assert (doc.article, doc.title, doc.text) == ("001", "医共体建设", "首段。\n次段。\n末段。")
    assert tokens(doc.lead_chars) == ["首", "段"]
    assert tokens(doc.body_chars) == ["次", "段", "末", "段"]
    assert "首段" not in doc.body_words


def test_a_title_is_replayed_whole_from_the_memo() -> None:
    # As the summarizer cut it: in one piece, though it holds a question mark.
    title = "观察：中国经济总量超美？专家称不靠谱"
    memo = {title: ["观察", "中国", "经济总量", "超美", "专家", "称", "不靠谱"], "正文。": ["正文"]}
    doc = make_doc(article(title, "正文。"), memo)
    assert doc.title_words == "观察 中国 经济总量 超美 专家 称 不靠谱"
    assert doc.lead_words == "正文"
