"""CLI: pages given as files or stdin in any format, corpora in subfolders, duplicate page IDs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from helpers import PAGE_PARAGRAPHS, PAGE_TEXT, PAGE_TITLE, write_page
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()
PAGES = Path(__file__).parent / "data" / "pages"
WECHAT = PAGES / "wechat_article.md"
GOV = PAGES / "gov_notice.html"


def shown(*args: str, stdin: str | bytes | None = None) -> dict[str, object]:
    """``show ... --json``'s one article, after checking the exit status and streams."""
    result = runner.invoke(app, ["show", *args, "--json"], input=stdin)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    return json.loads(line)


def body(article: dict[str, object]) -> str:
    return "\n".join(b["text"] for b in article["blocks"])  # type: ignore[index, union-attr]


# ---- one page, any form -----------------------------------------------------------------------


def test_show_a_markdown_file_by_absolute_path() -> None:
    article = shown(str(WECHAT))
    assert "全市累计签约居民182.6万人" in body(article)
    assert "**" not in body(article) and "](" not in body(article)


def test_show_a_file_by_relative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PAGES.parent)
    assert "182.6万人" in body(shown("pages/wechat_article.md"))


def test_show_a_gbk_html_file() -> None:
    text = body(shown(str(GOV)))
    assert "全县14个乡镇卫生院和3个社区卫生服务中心的负责人参加会议" in text
    assert "<p>" not in text and "ICP" not in text


def test_a_txt_file_holding_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    page = write_page(tmp_path, "export.txt", WECHAT.read_text(encoding="utf-8"))
    assert shown(str(page))["blocks"] == shown(str(WECHAT))["blocks"]


def test_a_txt_file_holding_html_is_read_as_html(tmp_path: Path) -> None:
    page = write_page(tmp_path, "saved.txt", GOV.read_bytes().decode("gbk"), encoding="gbk")
    assert body(shown(str(page))) == body(shown(str(GOV)))


def test_show_stdin_in_each_format() -> None:
    assert "182.6万人" in body(shown("-", stdin=WECHAT.read_text(encoding="utf-8")))
    assert "电话回访" in body(shown("-", stdin=GOV.read_bytes()))  # GBK bytes, <meta> charset
    plain = shown("-", stdin=PAGE_TEXT)
    assert (plain["id"], plain["title"], plain["file"]) == ("-", PAGE_TITLE, "-")
    assert body(plain) == "\n".join(PAGE_PARAGRAPHS)


def test_summarize_and_keywords_take_a_file() -> None:
    result = runner.invoke(app, ["summarize", str(GOV), "--sentences", "1", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert "卫生" in result.stdout
    result = runner.invoke(app, ["keywords", str(WECHAT), "--method", "textrank", "--top", "3"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_an_existing_file_wins_over_an_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_page(tmp_path, "003", PAGE_TEXT)
    monkeypatch.chdir(tmp_path)
    assert shown("003")["title"] == PAGE_TITLE
    monkeypatch.chdir(PAGES)
    assert shown("003")["id"] == "003"  # no such file here: the seed with ID 003


def test_a_folder_is_not_a_page(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {tmp_path} is a folder: give a page file or an article ID\n"


def _fifo(tmp_path: Path, data: bytes) -> Path:
    """A named pipe (what ``<(command)`` gives a command) that a thread fills with ``data``."""
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def fill() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    threading.Thread(target=fill, daemon=True).start()
    return fifo


@pytest.mark.parametrize("command", ["show", "summarize", "keywords"])
def test_a_pipe_named_as_a_file_is_read_like_stdin(tmp_path: Path, command: str) -> None:
    """``fjhealth show <(curl -s URL)``: it was "no such file"."""
    result = runner.invoke(app, [command, str(_fifo(tmp_path, PAGE_TEXT.encode("gbk"))),
                                 "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == PAGE_TITLE
    assert json.loads(result.stdout)["file"] == "-"


def test_an_empty_pipe_is_said(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, b"")
    result = runner.invoke(app, ["show", str(fifo)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"Warning: {fifo} is empty: nothing to read.\n"


def test_related_refuses_a_pipe_as_it_refuses_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["related", str(_fifo(tmp_path, PAGE_TEXT.encode()))])
    assert result.exit_code == 2
    assert "related compares articles of one corpus: give an article ID" in result.stderr


def test_a_device_is_not_a_page() -> None:
    """/dev/zero was "no such file" (and reading it would never end)."""
    result = runner.invoke(app, ["show", "/dev/zero"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: /dev/zero is not a regular file: give a page file, - for "
                             "stdin, or an article ID\n")


def test_help_says_which_rule_applies() -> None:
    for command in ("show", "summarize", "keywords"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        text = " ".join(re.sub("[│╭╮╰╯─]", " ", result.stdout).split())
        assert "ID|FILE|-" in text
        assert "An argument naming an existing file is that file; anything else is an ID." in text
        assert ".txt, .md and .html pages, subfolders included" in text


# ---- corpora ----------------------------------------------------------------------------------


def listed_ids(corpus: Path) -> tuple[list[str], str]:
    result = runner.invoke(app, ["list", "--corpus", str(corpus), "--format", "text", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return [line.split("\t")[0] for line in result.stdout.splitlines()[1:]], result.stderr


def test_a_corpus_folder_given_with_a_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shell leaves "~" alone in --corpus=~/pages and in a quoted export: fjhealth
    expands it, as it does for a page file's path."""
    from fjhealth import quick

    monkeypatch.setenv("HOME", str(tmp_path))
    write_page(tmp_path / "pages", "003.txt", PAGE_TEXT)
    assert listed_ids(Path("~/pages"))[0] == ["003"]
    monkeypatch.setenv("FJHEALTH_CORPUS", "~/pages")
    result = runner.invoke(app, ["list", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["id", "003"]
    assert quick.parse(["show", "3"]) is not None
    with runner.isolation() as (out, _err, _):
        assert quick.run(["show", "3", "--json"]) == 0
        sys.stdout.flush()
        assert json.loads(out.getvalue())["title"] == PAGE_TITLE


def test_corpus_in_dated_subfolders_and_every_format(tmp_path: Path) -> None:
    write_page(tmp_path / "2024" / "05", "003_a.txt", PAGE_TEXT)
    write_page(tmp_path / "2024" / "06", "004_b.md", WECHAT.read_text(encoding="utf-8"))
    (tmp_path / "2025").mkdir()
    write_page(tmp_path / "2025", "005.html", GOV.read_bytes().decode("gbk"), encoding="gbk")
    write_page(tmp_path / ".git", "006.txt", PAGE_TEXT)  # hidden folders are not pages
    assert listed_ids(tmp_path) == (["003", "004", "005"], "")
    assert shown("004", "--corpus", str(tmp_path))["id"] == "004"


def json_lines(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_names_each_file_by_its_path_in_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "news"
    write_page(corpus / "2024" / "05", "003.txt", PAGE_TEXT)  # the same page twice
    write_page(corpus / "2024" / "06", "003.txt", PAGE_TEXT)
    for n, text in enumerate(("天气晴朗。", "交通顺畅。", "市场繁荣。", "学校开学。"), start=4):
        write_page(corpus / "2025", f"{n:03d}.txt", f"# 简讯{n}\n\n{text}市民反映良好。\n")
    where = {"05_003": "2024/05/003.txt", "06_003": "2024/06/003.txt", "004": "2025/004.txt"}
    opt = ("--corpus", str(corpus))
    listed = {r["id"]: r["file"] for r in json_lines("list", *opt)}
    assert listed["05_003"] == where["05_003"] and listed["007"] == "2025/007.txt"
    assert shown("06_003", *opt)["file"] == where["06_003"]
    (group,) = json_lines("list", "--dedupe", *opt)
    assert [a["file"] for a in group["articles"]] == [where["05_003"], where["06_003"]]
    hits = json_lines("search", "医共体", *opt)
    assert sorted((h["id"], h["file"]) for h in hits) == [
        ("05_003", where["05_003"]), ("06_003", where["06_003"])]
    related = json_lines("related", "05_003", *opt)
    assert [(h["id"], h["file"]) for h in related][:1] == [("06_003", where["06_003"])]
    # a page given as a file is named as given, stdin as "-"
    monkeypatch.chdir(tmp_path)
    assert shown("news/2024/05/003.txt", *opt)["file"] == "news/2024/05/003.txt"
    assert shown(str(corpus / "2025" / "004.txt"))["file"] == str(corpus / "2025" / "004.txt")
    assert shown("-", stdin=PAGE_TEXT)["file"] == "-"


def test_duplicate_numbers_are_listed_under_their_stems(tmp_path: Path) -> None:
    for name in ("003_a.txt", "003_b.txt", "3_c.txt", "004.txt"):
        write_page(tmp_path, name, PAGE_TEXT)
    ids, stderr = listed_ids(tmp_path)
    assert ids == ["003_a", "003_b", "3_c", "004"]
    assert stderr == ("Warning: 003_a.txt, 003_b.txt, 3_c.txt share a page number; "
                      "listed as 003_a, 003_b, 3_c.\n")
    for pid in ids:
        assert shown(pid, "--corpus", str(tmp_path))["id"] == pid
    result = runner.invoke(app, ["show", "3", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: ambiguous article ID '3': matches 003_a, 003_b, 3_c\n"
    )


def test_same_name_in_two_folders(tmp_path: Path) -> None:
    write_page(tmp_path / "2024" / "05", "003.txt", PAGE_TEXT)
    write_page(tmp_path / "2024" / "06", "003.txt", PAGE_TEXT)
    ids, stderr = listed_ids(tmp_path)
    assert ids == ["05_003", "06_003"]
    assert shown("06_003", "--corpus", str(tmp_path))["id"] == "06_003"
    # the warning names the files by their path in the corpus, not twice "003.txt"
    assert stderr == ("Warning: 2024/05/003.txt, 2024/06/003.txt share a page number; "
                      "listed as 05_003, 06_003.\n")
    result = runner.invoke(app, ["show", "3", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == "Error: ambiguous article ID '3': matches 05_003, 06_003\n"
    result = runner.invoke(app, ["show", "07_003", "--corpus", str(tmp_path)])
    assert result.exit_code == 2  # suggests IDs that work, not the stem both files share
    assert result.stderr == "Error: no article '07_003'; close matches: 05_003, 06_003\n"


def test_a_path_in_the_corpus_as_warnings_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warnings name a file by its path in the corpus (``2024/05/003.txt``); given back to
    ``show`` or ``related`` from another folder, that path names the file in the corpus
    (it was "no such file")."""
    corpus = tmp_path / "corpus"
    write_page(corpus / "2024" / "05", "003.txt", PAGE_TEXT)
    write_page(corpus / "2024" / "06", "003.txt", PAGE_TEXT)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert shown("2024/06/003.txt", "--corpus", str(corpus))["id"] == "06_003"
    result = runner.invoke(app, ["related", "2024/05/003.txt", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["06_003"]
    result = runner.invoke(app, ["show", "../corpus/2024/05/003.txt", "--corpus", str(corpus)])
    assert result.exit_code == 0  # a path from here still reads the file
    for outside in ("2024/07/003.txt", "../05/003.txt"):  # no such file; outside the corpus
        result = runner.invoke(app, ["show", outside, "--corpus", str(corpus / "2024" / "06")])
        assert result.exit_code == 2, outside
        assert result.stderr.startswith(f"Error: no such file: {outside}")


def test_a_missing_file_name_is_called_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``show notice.html`` in the wrong folder said ``no article 'notice.html'; run 'fjhealth
    list' for IDs``, as if fjhealth took the name for an ID; it names the missing file."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["show", "notice.html"])
    assert result.exit_code == 2
    assert result.stderr == "Error: no such file: notice.html (here or in the corpus)\n"
    result = runner.invoke(app, ["show", "009"])  # an ID is still an ID
    assert result.stderr.startswith("Error: no article '009'")


def test_many_clashing_numbers_give_a_few_warnings(tmp_path: Path) -> None:
    """Months numbered from 001 each (2024/05/001.txt, 2024/06/001.txt, ...): a few lines of
    warning, not one per number on every command."""
    for month in ("05", "06"):
        for n in range(1, 11):
            write_page(tmp_path / "2024" / month, f"{n:03d}.txt", PAGE_TEXT)
    ids, stderr = listed_ids(tmp_path)
    assert len(ids) == 20 and "05_001" in ids and "06_010" in ids
    assert stderr.splitlines() == [
        "Warning: 2024/05/001.txt, 2024/06/001.txt share a page number; listed as 05_001, 06_001.",
        "Warning: 2024/05/002.txt, 2024/06/002.txt share a page number; listed as 05_002, 06_002.",
        "Warning: 2024/05/003.txt, 2024/06/003.txt share a page number; listed as 05_003, 06_003.",
        "Warning: 7 more page numbers are shared by several files; they are listed the same way.",
    ]
    for n in range(5, 11):
        for page in tmp_path.rglob(f"{n:03d}.txt"):
            page.unlink()
    assert listed_ids(tmp_path)[1].splitlines()[-1] == (
        "Warning: 1 more page number is shared by several files; they are listed the same way.")


def test_a_skipped_file_is_named_by_its_path_in_the_corpus(tmp_path: Path) -> None:
    write_page(tmp_path / "2024" / "05", "003.txt", PAGE_TEXT)
    write_page(tmp_path / "2024" / "06", "004.txt", "")
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path), "--format", "text",
                                 "--no-cache"])
    assert result.exit_code == 1
    assert result.stderr == "Warning: skipped 2024/06/004.txt: empty file\n"


def test_summarize_all_uses_the_same_ids(tmp_path: Path) -> None:
    for name in ("003_a.txt", "3_c.txt"):
        write_page(tmp_path, name, PAGE_TEXT)
    result = runner.invoke(app, ["summarize", "--all", "--corpus", str(tmp_path), "--json",
                                 "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["003_a", "3_c"]


@pytest.mark.parametrize(("command", "lang", "header"), [
    (["show"], "C.UTF-8", "stdin"), (["summarize"], "C.UTF-8", "stdin · rank"),
    (["keywords"], "C.UTF-8", "stdin · tfidf"), (["summarize"], "zh_CN.UTF-8", "标准输入 · rank"),
])
def test_stdin_is_named_stdin_in_a_terminal(command: list[str], lang: str, header: str) -> None:
    """Rich output named it "-" ("- · rank" read as a list item); piped text and JSON keep
    "-", the data format."""
    result = runner.invoke(app, [*command, "-", "--force-terminal", "--color", "never"],
                           input=PAGE_TEXT, env={"LANG": lang, "LC_ALL": ""})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in result.stdout.splitlines()]
    assert header in lines and "-" not in lines and not any(x.startswith("- ·") for x in lines)
