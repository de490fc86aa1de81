"""Decoding: pages in other legacy encodings read as themselves, not as GB18030 mojibake; a page
that reads well in no encoding is decoded with a warning, cold or cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import PAGE_TEXT, PAGE_TITLE, write_page
from typer.testing import CliRunner

from fjhealth.cli import app
from fjhealth.corpus import decode_bytes
from fjhealth.decode import _common_han, decode_page, reads_as_chinese
from fjhealth.errors import DecodeError
from fjhealth.text import normalize

runner = CliRunner()

BIG5 = ("國家衛生健康委員會今天發布通知，要求各地醫院加強醫療服務管理，提升基層醫療衛生機構的"
        "服務能力。記者從會上獲悉，全省已建成醫聯體一百二十個。\n")
SHIFT_JIS = ("厚生労働省は本日、全国の病院に対して医療サービスの管理を強化するよう"
             "通知を出しました。"
             "記者会見では、地域医療の充実が強調されました。\n")
EUC_KR = ("보건복지부는 오늘 전국 병원에 의료 서비스 관리를 강화하라는 통지를 발표했습니다. "
          "기자회견에서 지역 의료의 충실이 강조되었습니다.\n")
# Every accented letter is followed by a letter, so strict GB18030 accepts these bytes too.
LATIN_1 = ("Les élèves étudient la médecine générale. Télévision régionale: les médecins "
           "réclament davantage.\n")
CASES = [(BIG5, "big5"), (SHIFT_JIS, "shift_jis"), (EUC_KR, "euc-kr"), (LATIN_1, "latin-1")]
# Half GBK, half Big5: reads well in no single encoding.
MIXED = "国家卫生健康委员会发布通知，要求加强医疗服务管理。".encode("gbk") + BIG5.encode("big5")


def test_a_gb18030_reading_of_foreign_pages_is_not_chinese() -> None:
    assert not reads_as_chinese("")
    assert reads_as_chinese(PAGE_TEXT)
    for text, codec in CASES:
        assert not reads_as_chinese(text.encode(codec).decode("gb18030"))


def test_the_common_han_are_gb2312_level_one_exactly() -> None:
    """Level 1 (rows 16-55, 啊 to 座) counts as common; level 2 (from row 56, 亍) and traditional
    forms do not; runs of them are matched whole."""
    pattern = _common_han()
    level_one = "啊座医疗卫生"
    assert pattern.sub("", level_one) == ""
    assert pattern.sub("", "亍衛醫a啊") == "亍衛醫a"
    assert pattern.fullmatch("啊" * 50) is not None


@pytest.mark.parametrize(("text", "codec"), CASES)
def test_legacy_pages_decode_as_themselves(text: str, codec: str) -> None:
    data = text.encode(codec)
    data.decode("gb18030")  # strict GB18030 accepts these bytes (as mojibake)
    decoded, used = decode_bytes(data, "a.txt")
    assert decoded == text
    assert used != "gb18030"


@pytest.mark.parametrize(("text", "codec"), [*CASES, (PAGE_TEXT, "gbk"), (PAGE_TEXT, "utf-8")])
def test_a_page_that_reads_well_carries_no_doubt(text: str, codec: str) -> None:
    assert decode_page(text.encode(codec), "a.txt").doubt is None


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "gb18030"])
def test_utf8_and_gb_pages_never_run_the_detector(
    codec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import charset_normalizer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the detector ran")

    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)
    assert decode_page(PAGE_TEXT.encode(codec), "a.txt").text == PAGE_TEXT


def test_a_page_that_reads_well_in_no_encoding_is_decoded_with_a_doubt() -> None:
    text, used, doubt = decode_page(MIXED, "m.txt")
    assert (text.startswith("国家卫生健康委员会"), used) == (True, "gb18030")
    assert doubt is not None and doubt.startswith("m.txt: the text may be garbled")


def test_an_encoding_asked_for_carries_no_doubt() -> None:
    assert decode_page(MIXED, "m.txt", "gb18030").doubt is None


# ---- through the CLI ------------------------------------------------------------------------


def test_show_a_big5_page_cold_warm_and_as_asked(tmp_path: Path) -> None:
    write_page(tmp_path / "c", "016_big5.txt", "醫療衛生新聞\n\n" + BIG5, "big5")
    show = ["show", "016", "--corpus", str(tmp_path / "c"), "--format", "text"]
    for run in ("cold", "warm"):
        result = runner.invoke(app, show)
        assert result.exit_code == 0, (run, result.output)
        assert "國家衛生健康委員會今天發布通知" in result.stdout, run
        assert "Warning" not in result.stderr, run
    # the encoding asked for is part of the cache key: not the cached Big5 reading
    result = runner.invoke(app, [*show, "--encoding", "gb18030"])
    assert "國家衛生" not in result.stdout
    assert normalize(BIG5.encode("big5").decode("gb18030"))[:8] in result.stdout


@pytest.mark.parametrize("args", [["show", "017"], ["list"], ["summarize", "017"]])
def test_a_garbled_page_warns_on_every_run_cached_or_not(tmp_path: Path, args: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "017_mixed.txt").write_bytes(MIXED)
    for run in ("cold", "warm"):
        result = runner.invoke(app, [*args, "--corpus", str(corpus), "--format", "text"])
        assert result.exit_code == 0, (run, result.output)
        assert result.stderr.count("Warning: 017_mixed.txt: the text may be garbled") == 1, run


def test_garbled_stdin_warns() -> None:
    result = runner.invoke(app, ["show", "-", "--format", "text"], input=MIXED)
    assert result.exit_code == 0, result.output
    assert "Warning: <stdin>: the text may be garbled" in result.stderr


@pytest.mark.parametrize(("title", "body"), [  # the last two share no character pair
    ("流感疫苗", "疫苗開始接種。"), ("門診異動", "本週診所照常看診。"),
    ("衛教資訊", "請民眾多喝水。")])
def test_a_tiny_big5_page_of_a_title_and_one_paragraph_keeps_both(
        tmp_path: Path, title: str, body: str) -> None:
    """Two short lines are too little for the detector's letter statistics (it read them as
    Johab or cp932 mojibake, and the cleaner took the title for navigation)."""
    from fjhealth.clean import split_articles
    from fjhealth.corpus import read_page

    path = tmp_path / "018_tiny.txt"
    path.write_bytes(f"{title}\n{body}\n".encode("big5"))
    page = read_page(path)
    assert page.text == f"{title}\n{body}\n"
    (article,) = split_articles(page)
    assert [b.text for b in article.blocks] == [body]
    assert article.title == title


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [BIG5, PAGE_TEXT, "Notice\r\nClinic hours: 8:00-17:00\r\n"])
def test_utf16_without_a_byte_order_mark_is_text(text: str, codec: str) -> None:
    """It holds zero bytes (the high bytes of ASCII) and was refused as binary."""
    assert decode_page(text.encode(codec), "a.txt")[:2] == (text.replace("\r\n", "\n"), codec)


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_with_zeros_stay_binary(seed: int) -> None:
    import random

    data = random.Random(seed).randbytes(2000)
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode_page(data, "a.bin")


# A page of UTF-8 with a few bytes that are not: each case and how many bytes are bad.
HEAD, TAIL = PAGE_TEXT[:10].encode(), PAGE_TEXT[10:].encode()
DAMAGED = [
    (HEAD + b"\xff" + TAIL, 1),  # a stray byte
    (HEAD + "医".encode()[:2] + TAIL, 2),  # a character that lost a byte
    (HEAD + TAIL + "医".encode()[:2], 2),  # a download cut inside its last character
]


@pytest.mark.parametrize(("data", "bad"), DAMAGED)
def test_damaged_utf8_is_read_as_utf8_with_a_doubt(data: bytes, bad: int) -> None:
    """A few bad bytes in a UTF-8 page made it 'cannot decode' (GB18030 and the detector fail
    on the rest): the page is read, the bad bytes shown as U+FFFD, and the user warned."""
    text, codec, doubt = decode_page(data, "a.txt")
    assert (codec, text.replace("\ufffd", "")) == ("utf-8", PAGE_TEXT)
    assert text.count("\ufffd") == bad
    assert doubt == (f"a.txt: the text may be garbled: read as utf-8, but {bad} "
                     f"{'byte is' if bad == 1 else 'bytes are'} not valid UTF-8 (shown as "
                     "\ufffd); --encoding NAME sets it")


def test_damaged_utf8_is_shown_with_a_warning(tmp_path: Path) -> None:
    page = tmp_path / "cut.txt"
    page.write_bytes(DAMAGED[2][0])
    result = runner.invoke(app, ["show", str(page)])
    assert result.exit_code == 0
    assert result.stdout.startswith(PAGE_TITLE)
    assert result.stderr.startswith("Warning: cut.txt: the text may be garbled: read as utf-8")


def test_a_legacy_page_is_no_damaged_utf8() -> None:
    """Bytes of GBK, Big5 or Latin-1 read as UTF-8 are nearly all bad: not taken as UTF-8."""
    for text, codec in [*CASES, (PAGE_TEXT, "gbk")]:
        assert decode_page(text.encode(codec), "a.txt").encoding != "utf-8"
