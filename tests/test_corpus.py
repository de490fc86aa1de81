"""Corpus: finding files, decoding every encoding seen in the wild, resolving IDs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import PAGE_PARAGRAPHS, PAGE_TEXT, PAGE_TITLE, SEEDS, write_page

from fjhealth.corpus import (
    corpus_dir,
    decode_bytes,
    default_corpus_dir,
    find_files,
    load_corpus,
    page_id,
    read_page,
)
from fjhealth.errors import ArticleNotFound, CorpusError, DecodeError
from fjhealth.lookup import resolve_id

# ---- decoding ------------------------------------------------------------------------------

PAGES = Path(__file__).parent / "data" / "pages"


def test_empty_bytes_are_refused() -> None:
    with pytest.raises(DecodeError, match="a.txt: empty file"):
        decode_bytes(b"", "a.txt")


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b" \r\n\t\n", "a.txt")


@pytest.mark.parametrize(
    ("encoding", "used"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # Python writes the BOM in native (little-endian) order
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
    ],
)
def test_encodings_seen_in_the_wild(encoding: str, used: str) -> None:
    assert decode_bytes(PAGE_TEXT.encode(encoding), "a.txt") == (PAGE_TEXT, used)


def test_utf16_big_endian_with_bom() -> None:
    data = b"\xfe\xff" + PAGE_TEXT.encode("utf-16-be")
    assert decode_bytes(data, "a.txt") == (PAGE_TEXT, "utf-16")


def test_short_gbk_text_is_not_guessed_as_korean() -> None:
    assert decode_bytes("医联体".encode("gbk"), "a.txt") == ("医联体", "gb18030")


def test_bom_is_not_part_of_the_text() -> None:
    text, _ = decode_bytes(b"\xef\xbb\xbf" + "标题".encode(), "a.txt")
    assert text == "标题"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline: str) -> None:
    text, _ = decode_bytes(PAGE_TEXT.replace("\n", newline).encode(), "a.txt")
    assert text == PAGE_TEXT


def test_detector_only_beyond_strict_codecs() -> None:
    text = "Министерство здравоохранения сообщило о новых мерах по развитию помощи. " * 2
    assert decode_bytes(text.encode("cp1251"), "a.txt") == (text, "cp1251")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(DecodeError, match="a.bin.txt: binary file, not text"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.bin.txt")


def test_control_characters_mean_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(1, 9)) * 20, "a.txt")


def test_encoding_override() -> None:
    data = PAGE_TEXT.encode("big5", errors="ignore")
    text, used = decode_bytes(data, "a.txt", encoding="big5")
    assert used == "big5"
    assert text == data.decode("big5")


def test_encoding_override_that_does_not_fit_names_the_file() -> None:
    with pytest.raises(DecodeError, match=r"^a.txt: not valid utf-8 \(byte 2\)$"):
        decode_bytes(PAGE_TEXT.encode("gbk"), "a.txt", encoding="utf-8")


def test_unknown_encoding() -> None:
    with pytest.raises(DecodeError, match="unknown encoding 'nope'"):
        decode_bytes(b"abc", "a.txt", encoding="nope")


# ---- files and IDs --------------------------------------------------------------------------


def _html(charset: str, body: str) -> str:
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">' \
        f"</head><body><p>{body}</p></body></html>"


def test_declared_gbk_charset_is_used() -> None:
    text, used = decode_bytes(_html("GB2312", "医疗卫生").encode("gbk"), "a.html")
    assert ("医疗卫生" in text, used) == (True, "gb18030")


def test_declared_big5_is_not_mistaken_for_gb18030() -> None:
    data = _html("big5", "醫療衛生服務").encode("big5")
    data.decode("gb18030")  # strict GB18030 accepts these bytes: only the declaration tells
    text, used = decode_bytes(data, "a.html")
    assert ("醫療衛生服務" in text, used) == (True, "big5hkscs")


def test_html5_meta_charset() -> None:
    data = b'<!DOCTYPE html><meta charset="big5"><p>' + "衛生".encode("big5") + b"</p>"
    assert decode_bytes(data, "a.htm")[0].endswith("衛生</p>")


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    assert decode_bytes(_html("gbk", "医疗卫生").encode("utf-8"), "a.html")[1] == "utf-8"


def test_unknown_or_wrong_declaration_falls_back_to_detection() -> None:
    assert decode_bytes(_html("x-nonsense", "医疗").encode("gbk"), "a.html")[1] == "gb18030"
    assert decode_bytes(_html("shift_jis", "医疗卫生").encode("gbk"), "a.html")[1] == "gb18030"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("001_wechat.md", "正文。", "markdown"),
        ("002_export.txt", "正文。\n\n![](https://x.cn/a.png)\n\n正文。", "markdown"),
        ("003_saved.txt", "<!DOCTYPE html><html><body><p>正文。</p></body></html>", "html"),
        ("004_page.htm", "<p>正文。</p>", "html"),
        ("005_plain.txt", "标题\n\n正文。", "text"),
    ],
)
def test_read_page_sniffs_the_format(tmp_path: Path, name: str, text: str, fmt: str) -> None:
    assert read_page(write_page(tmp_path, name, text)).format == fmt


def test_corpus_of_every_format_loads(tmp_path: Path) -> None:
    write_page(tmp_path, "001_notice.html", (PAGES / "gov_notice.html").read_bytes().decode("gbk"),
               encoding="gbk")
    write_page(tmp_path, "002_wechat.md", (PAGES / "wechat_article.md").read_text("utf-8"))
    write_page(tmp_path, "003_plain.txt", PAGE_TEXT)
    articles = list(load_corpus(tmp_path))
    assert [a.id for a in articles] == ["001", "002", "003"]
    assert "基本公共卫生服务项目绩效考核" in articles[0].body
    assert "家庭医生" in articles[1].body and "**" not in articles[1].body
    assert [r.reason for r in articles[1].removed].count("image") == 3


def test_page_id_is_the_leading_number() -> None:
    assert page_id(Path("003_3c8869969b0c1ccc.txt")) == "003"
    assert page_id(Path("notes.txt")) == "notes"


def test_find_files_sorts_by_number_and_skips_others(tmp_path: Path) -> None:
    for name in ["10_b.txt", "9_a.txt", "notes.pdf", ".hidden.txt", "x.TXT", "8_c.md", "11.HTM"]:
        write_page(tmp_path, name, "正文")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in find_files(tmp_path)] == [
        "x.TXT", "8_c.md", "9_a.txt", "10_b.txt", "11.HTM"
    ]


def test_read_page_records_id_and_encoding(tmp_path: Path) -> None:
    path = write_page(tmp_path, "007_x.txt", PAGE_TEXT, "gbk")
    page = read_page(path)
    assert (page.id, page.text, page.encoding, page.path) == ("007", PAGE_TEXT, "gb18030", path)


def test_default_corpus_is_the_seeds() -> None:
    assert default_corpus_dir() == SEEDS
    assert len(find_files(corpus_dir())) == 5


def test_corpus_env_var(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FJHEALTH_CORPUS", str(corpus))
    assert corpus_dir() == corpus


def test_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus folder not found: .*nope$"):
        corpus_dir(tmp_path / "nope")


def test_corpus_that_is_a_file(tmp_path: Path) -> None:
    path = write_page(tmp_path, "a.txt", "x")
    with pytest.raises(CorpusError, match="corpus is not a folder"):
        corpus_dir(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_corpus(tmp_path: Path) -> None:
    tmp_path.chmod(0)
    try:
        with pytest.raises(CorpusError, match="not readable"):
            corpus_dir(tmp_path)
    finally:
        tmp_path.chmod(0o755)


def test_load_corpus_streams_articles(corpus: Path) -> None:
    articles = list(load_corpus(corpus))
    assert [a.id for a in articles] == ["001", "002"]
    assert articles[0].title == PAGE_TITLE
    assert articles[0].paragraphs == PAGE_PARAGRAPHS


def test_load_corpus_skips_bad_files_through_callback(corpus: Path) -> None:
    write_page(corpus, "003_empty.txt", "")
    (corpus / "004_blob.txt").write_bytes(b"\x00\x01\x02binary")
    skipped: list[str] = []
    ids = [a.id for a in load_corpus(corpus, on_error=lambda p, e: skipped.append(str(e)))]
    assert ids == ["001", "002"]
    assert skipped == ["003_empty.txt: empty file", "004_blob.txt: binary file, not text"]


def test_load_corpus_without_callback_raises(corpus: Path) -> None:
    write_page(corpus, "003_empty.txt", "")
    with pytest.raises(DecodeError):
        list(load_corpus(corpus))


@pytest.mark.parametrize("query", ["2", "002", " 002 ", "002_second", "002_second.txt"])
def test_resolve_page_ids(corpus: Path, query: str) -> None:
    assert [a.id for a in resolve_id(corpus, query)] == ["002"]


def test_resolve_articles_of_a_multi_article_seed() -> None:
    assert [a.id for a in resolve_id(SEEDS, "002")] == ["002-1", "002-2"]
    assert [a.id for a in resolve_id(SEEDS, "2-2")] == ["002-2"]
    assert [a.id for a in resolve_id(SEEDS, "002_8a124716f6a61a21-1")] == ["002-1"]


def test_unknown_id_names_close_matches(corpus: Path) -> None:
    with pytest.raises(ArticleNotFound) as info:
        resolve_id(corpus, "003")
    assert str(info.value) == "no article '003'; close matches: 001, 002"
    assert info.value.matches == ("001", "002")


def test_unknown_id_without_close_matches(corpus: Path) -> None:
    with pytest.raises(ArticleNotFound, match=r"^no article 'zzz'; run 'fjhealth list' for IDs$"):
        resolve_id(corpus, "zzz")


def test_unknown_article_number_suggests_the_pages_articles() -> None:
    with pytest.raises(ArticleNotFound, match=r"^no article '002-3'; close matches: 002-"):
        resolve_id(SEEDS, "002-3")


def test_ambiguous_id(corpus: Path) -> None:
    write_page(corpus, "002_again.txt", PAGE_TEXT)
    with pytest.raises(ArticleNotFound) as info:
        resolve_id(corpus, "2")
    assert str(info.value) == "ambiguous article ID '2': matches 002_again, 002_second"
    assert info.value.matches == ("002_again", "002_second")


@pytest.mark.parametrize(
    "query", ["../../etc/passwd", "/etc/passwd", "..", "sub/001", "..\\001_first.txt", ""]
)
def test_ids_never_leave_the_corpus(corpus: Path, query: str) -> None:
    with pytest.raises(ArticleNotFound, match="not an article ID"):
        resolve_id(corpus, query)


def test_file_outside_corpus_is_unreachable_by_name(corpus: Path) -> None:
    write_page(corpus.parent, "009_outside.txt", PAGE_TEXT)
    with pytest.raises(ArticleNotFound, match="no article"):
        resolve_id(corpus, "009_outside.txt")


def test_undecodable_file_names_it(corpus: Path) -> None:
    write_page(corpus, "003_gbk.txt", PAGE_TEXT, "gbk")
    with pytest.raises(DecodeError, match="^003_gbk.txt: not valid utf-8"):
        resolve_id(corpus, "3", encoding="utf-8")
