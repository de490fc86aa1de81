"""The commands over a corpus of every encoding and oddity a page folder holds in the wild: BOMs
(UTF-8, UTF-16 both ways, UTF-32), UTF-16 without one, GB18030 (four-byte characters too),
Big5, CRLF and CR line ends, HTML that declares its charset, and files that are no page at all
(empty, a BOM alone, Unicode spaces, binary). The corpus is built by a fixture from two short
articles written for these tests, so the cases stay tested wherever the suite runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()

SIMPLIFIED_TITLE = "龙岩市推进家庭医生签约服务提质扩面"
SIMPLIFIED = f"""{SIMPLIFIED_TITLE}

本报讯（记者林晓）近日，龙岩市卫生健康委员会召开全市家庭医生签约服务工作推进会，部署下一阶段重点任务。

会议指出，今年以来，全市各级医疗卫生机构围绕“签而有约、约而有感”的目标，组建家庭医生团队一千二百余个，重点人群签约覆盖率达到百分之七十三。

会议要求，各县（市、区）要把签约服务与慢性病管理、老年人健康体检结合起来，推动优质医疗资源下沉到乡镇卫生院和村卫生所，让群众在家门口就能享受连续、便捷的健康服务。

据了解，龙岩市还将通过医保支付方式改革，引导签约居民在基层首诊，逐步形成分级诊疗的就医格局。
"""
TRADITIONAL_TITLE = "臺中市推動長照服務據點擴增"
TRADITIONAL = f"""{TRADITIONAL_TITLE}

【記者王小明／臺中報導】臺中市政府衛生局今天宣布，今年將新增長照服務據點三十處，讓長者在社區就能獲得照顧。

衛生局長表示，隨著人口老化，市府持續布建社區整體照顧服務體系，結合醫療院所與社區關懷據點，提供居家服務、日間照顧及喘息服務。

衛生局指出，民眾如有長照需求，可撥打專線申請，由照管專員到府評估，依照失能程度安排合適的服務。
"""

# A line of characters GB18030 encodes in four bytes (CJK extension B).
FOUR_BYTE = "另据统计，𠀀𪚥等罕见字也能正确显示。"


def _html(text: str, charset_tag: str, codec: str) -> bytes:
    title, *paragraphs = text.strip().split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head>{charset_tag}<title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>").encode(codec)


# File name -> bytes, and the article each page must read as (None: no page, skipped).
PAGES: dict[str, tuple[bytes, str | None]] = {
    "001_utf8.txt": (SIMPLIFIED.encode(), SIMPLIFIED_TITLE),
    "002_utf8_bom.txt": (SIMPLIFIED.encode("utf-8-sig"), SIMPLIFIED_TITLE),
    "003_utf16le_bom.txt": (SIMPLIFIED.encode("utf-16"), SIMPLIFIED_TITLE),
    "004_utf16be_bom.txt": (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED_TITLE),
    "005_utf32_bom.txt": (SIMPLIFIED.encode("utf-32"), SIMPLIFIED_TITLE),
    "006_utf16le.txt": (SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED_TITLE),
    "007_utf16be.txt": (TRADITIONAL.encode("utf-16-be"), TRADITIONAL_TITLE),
    "008_gb18030.txt": (SIMPLIFIED.encode("gb18030"), SIMPLIFIED_TITLE),
    "009_gbk_crlf.txt": (SIMPLIFIED.replace("\n", "\r\n").encode("gbk"), SIMPLIFIED_TITLE),
    "010_cr.txt": (SIMPLIFIED.replace("\n", "\r").encode(), SIMPLIFIED_TITLE),
    "011_big5.txt": (TRADITIONAL.encode("big5"), TRADITIONAL_TITLE),
    "012_big5_crlf.txt": (TRADITIONAL.replace("\n", "\r\n").encode("big5"), TRADITIONAL_TITLE),
    "013_gbk.html": (_html(SIMPLIFIED, '<meta charset="gbk">', "gbk"), SIMPLIFIED_TITLE),
    "014_big5.html": (_html(TRADITIONAL, '<meta http-equiv="Content-Type" content="text/html; '
                            'charset=big5">', "big5"), TRADITIONAL_TITLE),
    "015_bom_crlf.md": ((f"# {SIMPLIFIED.lstrip()}").replace("\n", "\r\n").encode("utf-8-sig"),
                        SIMPLIFIED_TITLE),
    "016_four_byte.txt": (f"{SIMPLIFIED}\n{FOUR_BYTE}\n".encode("gb18030"), SIMPLIFIED_TITLE),
    "017_empty.txt": (b"", None),
    "018_bom_only.txt": (b"\xef\xbb\xbf", None),
    "019_spaces.txt": ("\u3000\u3000\n \t\r\n".encode(), None),
    "020_binary.txt": (bytes(range(256)) * 8, None),
}
SKIPPED = {
    "017_empty.txt": "empty file",
    "018_bom_only.txt": "empty file",
    "019_spaces.txt": "empty file",
    "020_binary.txt": "binary file, not text",
}
READABLE = [name.split("_", 1)[0] for name, (_, title) in PAGES.items() if title]


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of PAGES, written afresh for each run."""
    folder = tmp_path_factory.mktemp("odd")
    for name, (data, _) in PAGES.items():
        (folder / name).write_bytes(data)
    return folder


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Warning: skipped")]


def _expected_warnings() -> list[str]:
    return [f"Warning: skipped {name}: {why}" for name, why in SKIPPED.items()]


def test_list_reads_every_page_and_names_every_file_it_skips(odd_corpus: Path) -> None:
    for _ in range(2):  # cold, then from the page cache: the same
        result = runner.invoke(app, ["list", "--corpus", str(odd_corpus), "--json"])
        assert result.exit_code == 1
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["id"] for r in rows] == READABLE
        assert [r["title"] for r in rows] == [t for _, t in PAGES.values() if t]
        assert _warnings(result.stderr) == _expected_warnings()


@pytest.mark.parametrize("name", [n for n, (_, title) in PAGES.items() if title])
def test_every_encoding_reads_as_the_utf8_page(odd_corpus: Path, name: str) -> None:
    """Each page, whatever its bytes, cleans to what its UTF-8 text cleans to."""
    title = PAGES[name][1]
    text = SIMPLIFIED if title == SIMPLIFIED_TITLE else TRADITIONAL
    page = runner.invoke(app, ["show", str(odd_corpus / name), "--json"])
    plain = runner.invoke(app, ["show", "-", "--json"], input=text.encode())
    assert page.exit_code == plain.exit_code == 0, page.stderr
    got, want = json.loads(page.stdout), json.loads(plain.stdout)
    assert got["title"] == want["title"] == title
    paragraphs = [b["text"] for b in got["blocks"]]
    if name == "016_four_byte.txt":  # its extra line, four-byte GB18030 characters intact
        assert paragraphs.pop() == FOUR_BYTE
    assert paragraphs == [b["text"] for b in want["blocks"]]
    assert "\r" not in page.stdout


@pytest.mark.parametrize("name", list(SKIPPED))
def test_a_file_that_is_no_page_is_named_in_the_error(odd_corpus: Path, name: str) -> None:
    result = runner.invoke(app, ["show", str(odd_corpus / name)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {name}: {SKIPPED[name]}\n"


def test_search_keywords_and_summaries_over_every_encoding(odd_corpus: Path) -> None:
    corpus = ["--corpus", str(odd_corpus)]
    search = runner.invoke(app, ["search", "長照", *corpus])
    assert search.exit_code == 1  # the skipped files, named
    hits = [line.split("\t")[0] for line in search.stdout.splitlines()]
    assert hits == [n.split("_", 1)[0] for n, (_, t) in PAGES.items() if t == TRADITIONAL_TITLE]
    assert _warnings(search.stderr) == _expected_warnings()
    summaries = runner.invoke(app, ["summarize", "--all", "--json", *corpus])
    assert summaries.exit_code == 1
    assert [json.loads(line)["id"] for line in summaries.stdout.splitlines()] == READABLE
    keywords = runner.invoke(app, ["keywords", "011", "--top", "3", *corpus])
    assert keywords.exit_code == 0  # one article: the corpus's skipped files named, exit 0
    assert len(keywords.stdout.splitlines()) == 3
    assert _warnings(keywords.stderr) == _expected_warnings()
