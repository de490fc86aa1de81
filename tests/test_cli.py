"""CLI: every command and option through CliRunner, plus real processes for pipes and imports."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PAGE_PARAGRAPHS, PAGE_TEXT, PAGE_TITLE, ROOT, SEEDS, write_page
from typer.testing import CliRunner

from fjhealth import __version__
from fjhealth.cli import COMMANDS, app

runner = CliRunner()

ANSI_RE = re.compile(r"\x1b\[")
SEED_IDS = ["000-1", "000-2", "001", "002-1", "002-2", "003", "004"]
HEADER = "id\ttitle\tsource\tdate\tchars\tparagraphs"


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m fjhealth`` for real (pipes, imports, exit status)."""
    return subprocess.run(
        [sys.executable, "-m", "fjhealth", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
    )


# ---- help and version -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["list"],
        ["show"],
        ["keywords"],
        ["summarize"],
        ["cache"],
        ["cache", "info"],
        ["cache", "clear"],
    ],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: fjhealth" in result.stdout


@pytest.mark.parametrize("command", ["list", "search", "related", "browse"])
def test_help_names_only_options_the_command_has(command: str) -> None:
    """These commands have no --all: their help must not send the reader to it."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--all" not in result.stdout


def test_search_help_explains_every_option() -> None:
    result = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "200"})
    lines = [" ".join(re.sub("[│╭╮╰╯─]", " ", line).split()) for line in result.stdout.splitlines()]
    text = " ".join(lines)
    assert "--since <str> Only articles dated on or after this day" in text
    assert "--until <str> Only articles dated on or before this day" in text
    assert "[OPTIONS] {QUERY}" in text
    assert any(line.startswith("Example: fjhealth search") for line in lines)


@pytest.mark.parametrize("group", [[], ["cache"]])
def test_help_lists_each_command_in_full(group: list[str]) -> None:
    """A command's line is the first paragraph of its help, whole and on one line: piped,
    Click cut it at the width with "..."; on a terminal Rich kept its docstring's breaks."""
    for listing in (run_process(*group, "--help").stdout.split("Commands:\n", 1)[1],
                    runner.invoke(app, [*group, "--help"]).stdout.split("Commands ", 1)[1]):
        rows = [" ".join(re.sub("[│╭╮╰╯─]", " ", line).split()) for line in listing.splitlines()]
        starts = [row.split(" ", 1)[0] for row in rows if row]
        assert "..." not in listing
        assert "characters, paragraphs." in " ".join(rows) or group
        assert "r" not in starts  # browse's "r related" is not a line of its own
        assert "its limit" in " ".join(rows) or not group


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout + result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"fjhealth {__version__}\n")


def test_python_dash_m_help() -> None:
    result = run_process("--help")
    assert result.returncode == 0
    assert "show" in result.stdout and "list" in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["list", "--bogus"])
    assert result.exit_code == 2
    assert result.stdout == ""


# ---- list -----------------------------------------------------------------------------------


def test_list_piped_is_tsv_with_header() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == HEADER
    assert [line.split("\t")[0] for line in lines[1:]] == SEED_IDS
    assert "004\t泉州市医疗卫生事业托起“健康梦”\t泉州晚报\t2022-09-28\t" in result.stdout
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert not ANSI_RE.search(result.stdout)


def test_list_plain_equals_format_text() -> None:
    plain = runner.invoke(app, ["list", "--plain"]).stdout
    assert plain == runner.invoke(app, ["list", "--format", "text"]).stdout
    assert plain.startswith(HEADER + "\n")


def test_list_json_lines() -> None:
    result = runner.invoke(app, ["list", "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == SEED_IDS
    assert rows[-1] == {
        "id": "004",
        "title": "泉州市医疗卫生事业托起“健康梦”",
        "source": "泉州晚报",
        "date": "2022-09-28",
        "chars": rows[-1]["chars"],
        "paragraphs": rows[-1]["paragraphs"],
        "file": "004_5953399c412274d6.txt",
    }
    assert rows[-1]["chars"] > 1000
    assert result.stdout == runner.invoke(app, ["list", "--format", "json"]).stdout


def test_list_rich_table() -> None:
    result = runner.invoke(app, ["list", "--format", "rich"])
    assert result.exit_code == 0
    assert "Source / date" in result.stdout
    assert "┃" in result.stdout or "│" in result.stdout
    assert not ANSI_RE.search(result.stdout)  # not a terminal: no styles


def test_force_terminal_styles_and_no_color() -> None:
    styled = runner.invoke(app, ["show", "004", "--removed", "--force-terminal"]).stdout
    assert "\x1b[33m" in styled  # yellow removal reasons
    plain = runner.invoke(
        app, ["show", "004", "--removed", "--force-terminal"], env={"NO_COLOR": "1"}
    ).stdout
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain)
    assert "\x1b[1m" in plain  # bold survives NO_COLOR: it is not a colour


def test_json_and_plain_exclude_each_other() -> None:
    result = runner.invoke(app, ["list", "--json", "--plain"])
    assert result.exit_code == 2
    assert "--json and --plain exclude each other" in result.stderr


def test_list_other_corpus_and_env(corpus: Path) -> None:
    by_option = runner.invoke(app, ["list", "--corpus", str(corpus)])
    by_env = runner.invoke(app, ["list"], env={"FJHEALTH_CORPUS": str(corpus)})
    assert by_option.stdout == by_env.stdout
    assert by_option.stdout.splitlines()[1:] == [
        f"001\t{PAGE_TITLE}\t\t\t{sum(map(len, PAGE_PARAGRAPHS))}\t2",
        f"002\t{PAGE_TITLE.replace('福建', '泉州')}\t\t\t{sum(map(len, PAGE_PARAGRAPHS))}\t2",
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("003_gbk.txt", PAGE_TEXT.encode("gbk")),
        ("004_gb18030.txt", PAGE_TEXT.encode("gb18030")),
        ("005_bom.txt", PAGE_TEXT.encode("utf-8-sig")),
        ("006_utf16le.txt", PAGE_TEXT.encode("utf-16")),
        ("007_utf16be.txt", b"\xfe\xff" + PAGE_TEXT.encode("utf-16-be")),
        ("008_crlf.txt", PAGE_TEXT.replace("\n", "\r\n").encode()),
    ],
)
def test_list_reads_every_encoding(corpus: Path, name: str, data: bytes) -> None:
    (corpus / name).write_bytes(data)
    result = runner.invoke(app, ["list", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[-1]["title"] == PAGE_TITLE
    assert rows[-1]["paragraphs"] == 2


def test_list_skips_empty_and_binary_files(corpus: Path) -> None:
    write_page(corpus, "003_empty.txt", "")
    (corpus / "004_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["list", "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["id", "001", "002"]
    assert result.stderr == (
        "Warning: skipped 003_empty.txt: empty file\n"
        "Warning: skipped 004_image.txt: binary file, not text\n"
    )


def test_list_encoding_override(corpus: Path) -> None:
    write_page(corpus, "003_gbk.txt", PAGE_TEXT, "gbk")
    result = runner.invoke(app, ["list", "--corpus", str(corpus), "--encoding", "utf-8"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Warning: skipped 003_gbk.txt: not valid utf-8 (byte ")
    ok = runner.invoke(app, ["show", "3", "--corpus", str(corpus), "--encoding", "gbk"])
    assert ok.stdout.splitlines()[0] == PAGE_TITLE


def test_unknown_encoding_is_a_usage_error() -> None:
    result = runner.invoke(app, ["list", "--encoding", "nope"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown encoding 'nope'" in result.stderr


def test_missing_corpus(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid value for '--corpus': corpus folder not found:" in result.stderr


def test_empty_corpus_lists_only_the_header(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, HEADER + "\n")


# ---- show -----------------------------------------------------------------------------------


def test_show_piped_is_title_then_paragraphs(corpus: Path) -> None:
    result = runner.invoke(app, ["show", "1", "--corpus", str(corpus)])
    assert result.exit_code == 0
    assert result.stdout == f"{PAGE_TITLE}\n\n001\n\n" + "\n".join(PAGE_PARAGRAPHS) + "\n"


def test_show_seed_text_is_unwrapped_and_plain() -> None:
    result = runner.invoke(app, ["show", "003"])
    lines = result.stdout.splitlines()
    assert lines[0] == "泉港老百姓在家门口享受省级医疗服务"
    assert max(len(line) for line in lines) > 200  # whole paragraphs, never cut at 80 columns
    assert not ANSI_RE.search(result.stdout)
    assert "╭" not in result.stdout and "─" not in result.stdout


@pytest.mark.parametrize("query", ["3", "003", "003_3c8869969b0c1ccc", "003_3c8869969b0c1ccc.txt"])
def test_show_accepts_every_id_form(query: str) -> None:
    result = runner.invoke(app, ["show", query, "--json"])
    assert json.loads(result.stdout)["id"] == "003"


def test_show_page_with_several_articles() -> None:
    whole = runner.invoke(app, ["show", "002", "--json"])
    records = [json.loads(line) for line in whole.stdout.splitlines()]
    assert [r["id"] for r in records] == ["002-1", "002-2"]
    one = runner.invoke(app, ["show", "002-2", "--json"])
    assert json.loads(one.stdout) == records[1]
    text = runner.invoke(app, ["show", "002"]).stdout
    assert text.index(records[0]["title"]) < text.index(records[1]["title"])


def test_show_json_shape() -> None:
    record = json.loads(runner.invoke(app, ["show", "004", "--json"]).stdout)
    assert record["title"] == "泉州市医疗卫生事业托起“健康梦”"
    assert record["source"] == "泉州晚报"
    assert record["date"] == "2022-09-28"
    assert {b["kind"] for b in record["blocks"]} <= {"paragraph", "heading"}
    assert {"reason": "navigation", "text": "当前位置:首页 > 政务公开 > 工作动态 > 八闽动态"} in (
        record["removed"]
    )


def test_show_removed() -> None:
    without = runner.invoke(app, ["show", "004"]).stdout
    with_removed = runner.invoke(app, ["show", "004", "--removed"]).stdout
    assert "平博体育网址欢迎您" not in without
    assert "[site spam] 平博体育网址欢迎您!" in with_removed.splitlines()
    assert "[navigation] 当前位置:首页 > 政务公开 > 工作动态 > 八闽动态" in with_removed


def test_show_rich_has_metadata_and_captions_section() -> None:
    result = runner.invoke(app, ["show", "004", "--format", "rich"])
    assert "004 · 泉州晚报 · 2022-09-28" in result.stdout
    assert "captions" in result.stdout


def test_show_pager_is_ignored_when_piped() -> None:
    result = runner.invoke(app, ["show", "3", "--pager"])
    assert result.stdout == runner.invoke(app, ["show", "3"]).stdout


def test_show_markup_in_article_text_is_literal(tmp_path: Path) -> None:
    text = PAGE_TEXT.replace("会议要求", "[bold red]会议要求[/bold red]")
    write_page(tmp_path, "001_markup.txt", text)
    for fmt in ("rich", "text"):
        result = runner.invoke(app, ["show", "1", "--corpus", str(tmp_path), "--format", fmt])
        assert "[bold red]会议要求[/bold red]" in result.stdout.replace("\n", "")


def test_unknown_id() -> None:
    result = runner.invoke(app, ["show", "009"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: no article '009'; close matches: 002, 003, 004\n"


def test_ambiguous_id(corpus: Path) -> None:
    write_page(corpus, "001_again.txt", PAGE_TEXT)
    result = runner.invoke(app, ["show", "1", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: ambiguous article ID '1': matches 001_again, 001_first\n"
    )


def test_a_path_that_does_not_exist_is_not_an_id() -> None:
    result = runner.invoke(app, ["show", "../../no/such/page.txt"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no such file: ../../no/such/page.txt (article IDs are like 003 or 002-2)\n"
    )


def test_show_undecodable_file_names_it(corpus: Path) -> None:
    (corpus / "003_blob.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["show", "3", "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: 003_blob.txt: binary file, not text\n"


def test_ctrl_c_exits_130_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("fjhealth.cli_batch.resolve_arg", interrupted)
    result = runner.invoke(app, ["show", "3"])
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr


# ---- keywords ------------------------------------------------------------------------------


def keyword_lines(stdout: str) -> list[tuple[str, float]]:
    """Parse ``word<TAB>score`` lines."""
    return [(w, float(score)) for w, score in (line.split("\t") for line in stdout.splitlines())]


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_piped(method: str) -> None:
    result = runner.invoke(app, ["keywords", "003", "--top", "5", "--method", method])
    assert result.exit_code == 0, result.stderr
    ranked = keyword_lines(result.stdout)
    assert len(ranked) == 5
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    assert all(len(word) > 1 for word, _ in ranked)
    assert result.stderr == ""


def test_keywords_json() -> None:
    record = json.loads(runner.invoke(app, ["keywords", "3", "--top", "3", "--json"]).stdout)
    assert list(record) == ["id", "title", "source", "date", "file", "method", "keywords"]
    assert (record["id"], record["method"], len(record["keywords"])) == ("003", "tfidf", 3)
    assert list(record["keywords"][0]) == ["word", "weight"]


@pytest.mark.parametrize("command", [["keywords"], ["summarize"]])
def test_keywords_and_summaries_name_the_article_as_list_does(command: list[str]) -> None:
    """source, date and file as in ``list``, ``show``, ``search`` and ``related`` (they had id
    and title alone), for one article, --all, a page file and stdin."""
    listed = {r["id"]: r for r in map(json.loads, runner.invoke(app, ["list", "--json"])
                                          .stdout.splitlines())}
    for args in (["004"], ["--all"], ["002-2", "--no-cache"]):
        result = runner.invoke(app, [*command, *args, "--json"])
        assert result.exit_code == 0, result.stderr
        for record in map(json.loads, result.stdout.splitlines()):
            row = listed[record["id"]]
            assert [record[k] for k in ("source", "date", "file")] == \
                [row[k] for k in ("source", "date", "file")]
    page = str(SEEDS / "004_5953399c412274d6.txt")
    record = json.loads(runner.invoke(app, [*command, page, "--json"]).stdout)
    assert (record["source"], record["date"], record["file"]) == ("泉州晚报", "2022-09-28", page)
    record = json.loads(runner.invoke(app, [*command, "-", "--json"],
                                      input="福州推进医共体建设。群众看病更方便了。\n").stdout)
    assert (record["source"], record["date"], record["file"]) == (None, None, "-")


def test_keywords_all_in_blocks() -> None:
    result = runner.invoke(app, ["keywords", "--all", "--top", "2"])
    blocks = result.stdout.split("\n\n")
    assert [b.split("\t")[0] for b in blocks[:-1]] == SEED_IDS
    assert all(len(b.splitlines()) == 3 for b in blocks[:-1])
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_keywords_rich_table() -> None:
    result = runner.invoke(app, ["keywords", "003", "--format", "rich", "--top", "3"])
    assert "Keyword" in result.stdout and "泉港" in result.stdout


@pytest.mark.parametrize("args", [[], ["003", "--all"]])
def test_keywords_needs_one_of_id_or_all(args: list[str]) -> None:
    result = runner.invoke(app, ["keywords", *args])
    assert result.exit_code == 2
    assert "give an article ID or --all (one of them)" in result.stderr


def test_keywords_unknown_id_and_bad_top() -> None:
    assert runner.invoke(app, ["keywords", "42"]).exit_code == 2
    assert runner.invoke(app, ["keywords", "3", "--top", "0"]).exit_code == 2
    assert runner.invoke(app, ["keywords", "3", "--method", "lda"]).exit_code == 2


def test_list_keywords_column() -> None:
    text = runner.invoke(app, ["list", "--keywords"]).stdout.splitlines()
    assert text[0] == HEADER + "\tkeywords"
    assert all(len(line.split("\t")[-1].split(" ")) == 5 for line in text[1:])
    as_json = runner.invoke(app, ["list", "--keywords", "--json"]).stdout
    assert all(len(json.loads(line)["keywords"]) == 5 for line in as_json.splitlines())


# ---- summarize -----------------------------------------------------------------------------


def body_text(article_id: str) -> str:
    """The cleaned body of an article, as ``show --json`` gives it."""
    record = json.loads(runner.invoke(app, ["show", article_id, "--json"]).stdout)
    return "".join(b["text"] for b in record["blocks"])


def test_summarize_piped_format() -> None:
    result = runner.invoke(app, ["summarize", "003"])
    assert result.exit_code == 0, result.stderr
    title_line, summary, blank = result.stdout.split("\n")[:3]
    assert title_line == "003\t泉港老百姓在家门口享受省级医疗服务"
    assert summary and blank == ""
    assert result.stdout.endswith(summary + "\n\n")


def test_summarize_all_one_sentence_is_what_the_eval_tool_parses() -> None:
    result = runner.invoke(app, ["summarize", "--all", "--sentences", "1"])
    lines = result.stdout.split("\n")
    assert len(lines) == 3 * len(SEED_IDS) + 1
    assert [lines[i].split("\t")[0] for i in range(0, len(lines) - 1, 3)] == SEED_IDS
    assert all(lines[i] == "" for i in range(2, len(lines) - 1, 3))
    for i, article_id in enumerate(SEED_IDS):
        assert lines[3 * i + 1] in body_text(article_id)


def test_summarize_sentence_and_char_budgets() -> None:
    one = json.loads(runner.invoke(app, ["summarize", "4", "--sentences", "1", "--json"]).stdout)
    two = json.loads(runner.invoke(app, ["summarize", "4", "--sentences", "2", "--json"]).stdout)
    assert (len(one["sentences"]), len(two["sentences"])) == (1, 2)
    short = json.loads(runner.invoke(app, ["summarize", "4", "--chars", "80", "--json"]).stdout)
    assert len(short["summary"]) <= 80


def test_summarize_sentences_and_chars_exclude_each_other() -> None:
    """Both budgets at once: --chars silently won; refused like --json with --plain."""
    result = runner.invoke(app, ["summarize", "4", "--sentences", "2", "--chars", "100"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--sentences and --chars exclude each other" in result.stderr


def test_summarize_json_shape() -> None:
    record = json.loads(runner.invoke(app, ["summarize", "002-2", "--json"]).stdout)
    assert list(record) == ["id", "title", "source", "date", "file", "method", "summary",
                            "sentences"]
    assert record["summary"] == "".join(s["text"] for s in record["sentences"])
    indexes = [s["index"] for s in record["sentences"]]
    assert indexes == sorted(indexes)  # document order


def test_summarize_lead_takes_the_first_sentences(corpus: Path) -> None:
    args = ["summarize", "1", "--corpus", str(corpus), "--method", "lead", "--sentences", "1"]
    summary = runner.invoke(app, args).stdout.splitlines()[1]
    assert PAGE_PARAGRAPHS[0].startswith(summary)


def test_summarize_snownlp_method() -> None:
    result = runner.invoke(
        app, ["summarize", "003", "--method", "snownlp", "--sentences", "1", "--json"]
    )
    record = json.loads(result.stdout)
    assert (record["method"], len(record["sentences"])) == ("snownlp", 1)
    assert record["summary"] in body_text("003")


def test_summarize_stdin() -> None:
    result = runner.invoke(app, ["summarize", "-", "--sentences", "1"], input=PAGE_TEXT)
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[0] == f"-\t{PAGE_TITLE}"
    assert lines[1] in PAGE_PARAGRAPHS[0] + PAGE_PARAGRAPHS[1]


def test_summarize_stdin_in_gbk() -> None:
    result = runner.invoke(app, ["summarize", "-", "--json"], input=PAGE_TEXT.encode("gbk"))
    assert json.loads(result.stdout)["title"] == PAGE_TITLE


def test_summarize_nothing_on_stdin() -> None:
    result = runner.invoke(app, ["summarize", "-"], input="")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Warning: stdin is empty: nothing to read.\n"


def test_summarize_empty_stdin_is_an_empty_result() -> None:
    result = runner.invoke(app, ["summarize", "-", "--json"], input="。。！\n")
    assert result.exit_code == 0
    assert all(json.loads(line)["sentences"] == [] for line in result.stdout.splitlines())


def test_summarize_rich() -> None:
    result = runner.invoke(app, ["summarize", "003", "--format", "rich", "--sentences", "1"])
    assert "泉港老百姓在家门口享受省级医疗服务" in result.stdout
    assert "003 · rank" in result.stdout


def test_summarize_rich_heads_each_summary_as_keywords_does() -> None:
    """Title, then "ID · method" on a line of its own: at 40 columns the old single line broke
    before its "·"."""
    for command, method in (("summarize", "rank"), ("keywords", "tfidf")):
        result = runner.invoke(app, [command, "003", "--format", "rich", "--width", "40"])
        lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()
        assert lines[:2] == ["泉港老百姓在家门口享受省级医疗服务", f"003 · {method}"], command


def test_summarize_all_skips_bad_files(corpus: Path) -> None:
    write_page(corpus, "003_empty.txt", "")
    result = runner.invoke(app, ["summarize", "--all", "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert result.stderr == "Warning: skipped 003_empty.txt: empty file\n"
    assert [line.split("\t")[0] for line in result.stdout.split("\n")[::3][:-1]] == ["001", "002"]


@pytest.mark.parametrize("command", [["keywords", "002"], ["related", "002"]])
def test_one_article_succeeds_beside_an_unreadable_page(corpus: Path, command: list[str]) -> None:
    """Keywords (the corpus's word counts) and related articles read the whole corpus: a bad
    file elsewhere is named, but the article asked about is done, so the status is 0 (as for
    show and summarize, and whether the corpus was read before or not)."""
    write_page(corpus, "003_empty.txt", "")
    for _ in range(2):
        result = runner.invoke(app, [*command, "--corpus", str(corpus), "--no-cache"
                                     if command[0] == "keywords" else "--plain"])
        assert result.exit_code == 0, result.stderr
        assert result.stdout
    fresh = runner.invoke(app, [*command, "--corpus", str(corpus / ".." / "corpus")],
                          env={"FJHEALTH_CACHE_DIR": str(corpus.parent / "fresh-cache")})
    assert fresh.exit_code == 0
    assert fresh.stderr == "Warning: skipped 003_empty.txt: empty file\n"


# ---- real processes ------------------------------------------------------------------------


def imported_nlp(command: list[str]) -> str:
    """Run a command in a fresh interpreter; return which of jieba/snownlp it imported."""
    code = (
        "import sys\n"
        "from fjhealth.cli import app\n"
        f"try:\n    app({command!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'snownlp')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return result.stdout.splitlines()[-1]


@pytest.mark.parametrize("command", [["list"], ["show", "003"], ["list", "--format", "rich"]])
def test_list_and_show_never_import_jieba_or_snownlp(command: list[str]) -> None:
    assert imported_nlp(command) == "[]"


def test_summarize_imports_snownlp_only_when_asked() -> None:
    assert "snownlp" not in imported_nlp(["summarize", "--all", "--sentences", "1"])


def test_head_closing_the_pipe_is_quiet(tmp_path: Path) -> None:
    # Far more than a pipe buffer holds, so the writer surely meets the closed pipe.
    paragraph = "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设工作，提升基层医疗服务能力。"
    write_page(tmp_path, "001_long.txt", "# 标题\n\n" + "\n\n".join([paragraph] * 4000))
    for args in (["show", "003"], ["show", "1", "--corpus", str(tmp_path)]):
        command = f"{sys.executable} -m fjhealth {' '.join(args)} | head -n 2"
        result = subprocess.run(
            ["bash", "-c", f'{command}; echo "status=${{PIPESTATUS[0]}}"'],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        assert result.stderr == ""
        assert result.stdout.splitlines()[-1] == "status=0"
        assert len(result.stdout.splitlines()) == 3


def test_list_from_another_directory_uses_the_embedded_seeds(tmp_path: Path) -> None:
    result = run_process("list", cwd=tmp_path)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1 + len(SEED_IDS)


def test_package_api_loads_lazily() -> None:
    code = (
        "import sys, fjhealth\n"
        "print(sorted(m for m in ('fjhealth.clean', 'fjhealth.summarize') if m in sys.modules))\n"
        "from fjhealth import load_corpus, summarize\n"
        "article = next(iter(load_corpus()))\n"
        "print(callable(summarize), summarize(article).article_id)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.splitlines() == ["[]", "True 000-1"]


@pytest.mark.parametrize("args", [["list"], ["show", "009"], ["list", "--format", "rich"]])
def test_output_is_utf8_whatever_the_locale(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fjhealth", *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        check=False,
    )
    assert "Traceback" not in result.stderr.decode()
    assert "泉州" in result.stdout.decode("utf-8") or result.returncode == 2


# ---- start-up: build only the command that runs ---------------------------------------------

_BUILT = """
import sys
import typer.main
from fjhealth.cli import COMMANDS, app
built = []
original = typer.main.get_command_from_info
def counting(command_info, **kwargs):
    built.append(command_info.callback.__name__)
    return original(command_info, **kwargs)
typer.main.get_command_from_info = counting
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(sorted(built), "typer.rich_utils" in sys.modules, file=sys.stderr)
"""


ALL = {"list_articles", "show", "keywords", "summarize", "cache_info", "cache_clear"}


@pytest.mark.parametrize(
    ("args", "built"),
    [(["list"], {"list_articles"}), (["cache", "info"], {"cache_info", "cache_clear"}),
     (["--help"], ALL), (["lst"], ALL)],
)
def test_only_the_invoked_command_is_built(args: list[str], built: set[str]) -> None:
    run = subprocess.run([sys.executable, "-c", _BUILT, *args], capture_output=True, text=True)
    names, rich_help = run.stderr.splitlines()[-1].rsplit(" ", 1)
    names = set(ast.literal_eval(names))  # the printed list of command function names
    assert rich_help == "False"
    if built == ALL:
        assert names >= ALL
    elif "cache_info" in built:
        assert names >= built and all(n.startswith("cache_") for n in names)
    else:
        assert names == built


def test_piped_help_is_plain_text() -> None:
    run = subprocess.run([sys.executable, "-m", "fjhealth", "summarize", "--help"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.startswith("Usage: fjhealth summarize [OPTIONS]")
    assert "--sentences" in run.stdout and "╭" not in run.stdout


# What the fjhealth script imports for one command: the others' modules stay out.
_IMPORTED = """
import sys
sys.argv = ["fjhealth", *sys.argv[1:]]
from fjhealth.entry import main
try:
    main()
except SystemExit:
    pass
watched = {watched!r}
print(sorted(m for m in sys.modules if m in watched), file=sys.stderr)
"""
_OTHERS = ("fjhealth.cli_analyse", "fjhealth.cli_find", "fjhealth.cli_cache", "fjhealth.tasks",
           "fjhealth.clean", "fjhealth.values", "hashlib", "jieba", "rjieba", "snownlp", "rich")


def imported_by_script(args: list[str], watched: tuple[str, ...] = _OTHERS) -> list[str]:
    """Run ``fjhealth ARGS`` (the entry point) twice, the second time on a warm cache; which
    of ``watched`` the second run imported."""
    code = _IMPORTED.format(watched=watched)
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                             text=True, cwd=ROOT, check=True)
    return list(ast.literal_eval(run.stderr.splitlines()[-1]))


@pytest.mark.parametrize("args", [["list"], ["show", "003"]])
def test_list_and_show_import_only_what_they_use(args: list[str]) -> None:
    # neither the other commands, nor the cleaner or the segmenter (the page cache holds the
    # articles), nor hashlib (SHA-256 comes from CPython's own module), nor rich in a pipe
    assert imported_by_script(args) == []


def test_related_imports_neither_the_query_language_nor_snippets() -> None:
    # a warm related reads its terms from the page cache and scores them with bm25 alone
    watched = ("fjhealth.search", "fjhealth.query", "fjhealth.highlight", "fjhealth.tasks",
               "fjhealth.clean", "jieba", "rjieba")
    assert imported_by_script(["related", "003"], watched) == []


def test_each_command_imports_its_own_module() -> None:
    modules = tuple(f"fjhealth.{m}" for m, _ in COMMANDS.values())
    assert imported_by_script(["summarize", "--help"], modules) == ["fjhealth.cli_analyse"]
    assert imported_by_script(["cache", "info"], modules) == ["fjhealth.cli_cache"]


def test_the_registry_names_every_command() -> None:
    listed = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert listed == set(COMMANDS)
    run = subprocess.run([sys.executable, "-m", "fjhealth", "--help"], capture_output=True,
                         text=True, check=True)
    assert all(f" {name} " in run.stdout for name in COMMANDS)


@pytest.mark.parametrize("fmt", ["text", "json", "rich"])
def test_cache_info_ends_with_a_newline(fmt: str) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["cache", "info", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n")
