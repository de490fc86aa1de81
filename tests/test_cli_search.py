"""fjhealth search: output formats, highlighting, filters, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import write_page
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["search", "--help"])
    assert result.exit_code == 0
    assert "Example: fjhealth search" in result.stdout


def test_piped_is_id_score_title_snippet() -> None:
    result = runner.invoke(app, ["search", "医共体"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(len(line.split("\t")) == 4 for line in lines)
    first = lines[0].split("\t")
    assert first[0] == "003" and float(first[1]) > 0 and "医共体" in first[3]


def test_json_lines() -> None:
    result = runner.invoke(app, ["search", "医共体", "--json", "--limit", "2"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert list(records[0]) == [
        "id", "score", "title", "source", "date", "file", "snippet", "highlights",
        "characters_only",
    ]
    first = records[0]
    assert all(first["snippet"][a:b] == "医共体" for a, b in first["highlights"])
    assert not first["characters_only"] and result.stderr == ""


def test_hits_sharing_only_characters_with_the_query_are_marked_and_warned() -> None:
    """No seed holds 火星探测器: the articles holding some of its characters are still ranked
    (a query in other words than the text's), but said to be such."""
    result = runner.invoke(app, ["search", "火星探测器", "--json"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["characters_only"] for r in records)
    assert "no article holds a word of '火星探测器'" in result.stderr


def test_rich_highlights_the_query_words() -> None:
    result = runner.invoke(app, ["search", "医共体", "--force-terminal", "--limit", "1"])
    assert result.exit_code == 0
    assert "\x1b[1;33m医共体" in result.stdout
    assert "泉港老百姓在家门口享受省级医疗服务" in ANSI_RE.sub("", result.stdout)


def test_rich_scores_show_what_the_pipe_shows() -> None:
    """A word nearly every article holds scores below 0.005: never shown as 0.00."""
    piped = runner.invoke(app, ["search", "医院", "--plain", "--limit", "1"])
    score = piped.stdout.split("\t")[1]
    result = runner.invoke(app, ["search", "医院", "--force-terminal", "--limit", "1"])
    assert ANSI_RE.sub("", result.stdout).splitlines()[0].endswith(f"  {score}"), score


def test_markup_and_controls_in_text_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    text = ("# 医保[bold]改革[/bold]推进\n\n本市医保[red]改革[/red]持续推进\x1b]0;title\x07，"
            "医保支付方式改革已覆盖全部公立医院。\n")
    write_page(folder, "001_x.txt", text)
    result = runner.invoke(app, ["search", "医保", "--corpus", str(folder), "--force-terminal"])
    plain = ANSI_RE.sub("", result.stdout)
    assert "医保[bold]改革[/bold]推进" in plain and "[red]改革[/red]" in plain
    assert "\x1b]" not in result.stdout and "\x07" not in result.stdout


def test_filters_and_no_hits() -> None:
    result = runner.invoke(app, ["search", "医院", "--until", "2022", "--plain"])
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["004"]
    result = runner.invoke(app, ["search", "医院", "--source", "不存在的报纸"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No article matches.\n"


def test_bad_date_and_empty_query_are_usage_errors() -> None:
    result = runner.invoke(app, ["search", "医院", "--since", "May"])
    assert result.exit_code == 2
    assert "not a date: 'May'" in result.stderr
    for day in ("2024-13", "2024-02-30", "0000"):  # shaped like a date, but no such day
        result = runner.invoke(app, ["search", "医院", "--since", day])
        assert result.exit_code == 2, day
        assert f"not a date: {day!r}" in result.stderr
    result = runner.invoke(app, ["search", "NOT"])
    assert result.exit_code == 2
    assert "no word to search for" in result.stderr


def test_since_after_until_is_a_usage_error() -> None:
    """An empty date range can match nothing: said, not answered with "No article matches"."""
    result = runner.invoke(app, ["search", "医院", "--since", "2025", "--until", "2024-06"])
    assert result.exit_code == 2
    assert "--since 2025 is after --until 2024-06" in result.stderr
    same = runner.invoke(app, ["search", "医院", "--since", "2022-09", "--until", "2022"])
    assert same.exit_code == 0, same.stderr
    assert [line.split("\t")[0] for line in same.stdout.splitlines()] == ["004"]


# ---- related and duplicates -------------------------------------------------------------------

STORY = (
    "福建省卫健委近日召开会议，部署推进紧密型县域医共体建设工作，要求各地加快建设步伐。\n\n"
    "会议要求，各地要加快分级诊疗制度建设，让群众在家门口就能看好病，减少跨区域就医负担。\n\n"
    "截至目前，全省已组建县域医共体七十二个，覆盖所有县（市、区），基层诊疗量占比持续提升。\n"
)


def reposts(tmp_path: Path) -> Path:
    folder = tmp_path / "reposts"
    write_page(folder, "001_a.txt", "# 福建推进县域医共体建设\n\n" + STORY)
    wrapped = "\n".join(STORY[i : i + 20] for i in range(0, len(STORY), 20))
    write_page(folder, "002_b.txt", "首页 > 新闻\n\n# 福建推进县域医共体建设\n\n" + wrapped)
    write_page(folder, "003_c.txt", "# 春节天气\n\n春节期间全省天气晴好，气温回升，适合出行，"
               "各大景区游客数量明显增加。\n")
    return folder


def test_list_dedupe_groups_reposts(tmp_path: Path) -> None:
    folder = reposts(tmp_path)
    result = runner.invoke(app, ["list", "--dedupe", "--corpus", str(folder)])
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [("001", "001"), ("001", "002")]
    assert float(rows[1][2]) >= 0.5
    result = runner.invoke(app, ["list", "--dedupe", "--json", "--corpus", str(folder)])
    (group,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert group["group"] == "001"
    assert [a["id"] for a in group["articles"]] == ["001", "002"]
    assert group["pairs"][0]["a"] == "001" and group["pairs"][0]["b"] == "002"


def test_list_dedupe_says_when_there_is_no_copy(tmp_path: Path) -> None:
    folder = tmp_path / "distinct"
    write_page(folder, "001_a.txt", "# 春节天气\n\n春节期间全省天气晴好，气温回升，适合出行。\n")
    result = runner.invoke(app, ["list", "--dedupe", "--corpus", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "No near-duplicates" in result.stderr


def test_list_dedupe_with_keywords_is_refused() -> None:
    """``--keywords`` silently turned ``--dedupe`` off (a plain listing came out)."""
    result = runner.invoke(app, ["list", "--dedupe", "--keywords"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--dedupe and --keywords exclude each other" in result.stderr


def test_list_table_marks_copies(tmp_path: Path) -> None:
    folder = reposts(tmp_path)
    result = runner.invoke(app, ["list", "--corpus", str(folder), "--format", "rich"])
    assert "≈001" in result.stdout
    assert "≈" not in runner.invoke(app, ["list", "--corpus", str(folder)]).stdout


def test_related_lists_scores() -> None:
    result = runner.invoke(app, ["related", "003"])
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(r) == 3 for r in rows) and "003" not in [r[0] for r in rows]
    scores = [float(r[1]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    record = json.loads(runner.invoke(app, ["related", "003", "--json", "-n", "1"]).stdout)
    assert list(record) == ["id", "score", "title", "source", "date", "file", "terms"]


def test_related_says_when_nothing_is_related(tmp_path: Path) -> None:
    """A corpus of one article: empty output and nothing on stderr either (search says "No
    article matches.")."""
    write_page(tmp_path, "003_x.txt", "# 福建推进县域医共体建设\n\n" + STORY)
    result = runner.invoke(app, ["related", "003", "--corpus", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No related article.\n"


def test_related_of_a_file_names_the_corpus_article(tmp_path: Path) -> None:
    """A page file inside the corpus is that article, under its corpus ID (here one with its
    folder, as two files share the name); a file elsewhere or stdin is not in the corpus."""
    for month in ("05", "06"):
        write_page(tmp_path / "c" / month, "003.txt", "标题\n\n" + "福建推进分级诊疗改革。" * 5)
    write_page(tmp_path / "c", "004.txt", "医保\n\n" + "泉州推进医保支付改革，分级诊疗见效。" * 5)
    corpus = ["--corpus", str(tmp_path / "c")]
    result = runner.invoke(app, ["related", str(tmp_path / "c" / "05" / "003.txt"), *corpus])
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()][:1] == ["06_003"]
    outside = write_page(tmp_path, "009.txt", "医保\n\n" + "泉州推进医保支付改革。" * 5)
    result = runner.invoke(app, ["related", str(outside), *corpus])
    assert result.exit_code == 2
    expected = (f"{outside} is not in the corpus folder {tmp_path / 'c'}: related compares "
                "articles of one corpus (give --corpus its folder)")
    assert _unboxed(expected) in _unboxed(result.stderr)
    result = runner.invoke(app, ["related", "-", *corpus], input="医保改革。")
    assert result.exit_code == 2
    assert "related compares articles of one corpus: give an article ID" in result.stderr


def _unboxed(text: str) -> str:
    """A message without the box, line breaks and spaces rich may print it with."""
    return "".join(re.sub("[│╭╮╰╯─]", " ", text).split())


def test_related_of_a_page_with_several_articles_is_a_usage_error() -> None:
    result = runner.invoke(app, ["related", "002"])
    assert result.exit_code == 2
    assert "002 holds several articles: give one of 002-1, 002-2" in result.stderr


def test_a_warm_search_warns_about_skipped_files_as_the_first_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like ``list``: the same warnings and exit status on every run, whether the index was
    built or found up to date (by its files' contents, or their ``stat`` alone)."""
    from fjhealth import stamp

    news = tmp_path / "news"
    write_page(news / "2024", "001_a.txt", "# 福建医改\n\n福建推进紧密型县域医共体建设。\n")
    write_page(news / "2024", "002_b.txt", "# 泉州医保\n\n泉州推进医保支付方式改革。\n")
    (news / "2024" / "003_c.txt").write_bytes(bytes(range(256)) * 8)
    warning = "Warning: skipped 2024/003_c.txt: binary file, not text\n"
    listed = runner.invoke(app, ["list", "--corpus", str(news)])
    assert (listed.exit_code, listed.stderr) == (1, warning)
    for racy in (True, True, False):  # built; up to date by contents; by stat
        if not racy:
            monkeypatch.setattr(stamp, "RACY_NS", -4 * 10**18)
        result = runner.invoke(app, ["search", "医共体", "--corpus", str(news)])
        assert (result.exit_code, result.stderr) == (1, warning)
        assert result.stdout.startswith("001\t")
        result = runner.invoke(app, ["related", "001", "--corpus", str(news)])
        # about one article: exit 0; the two pages share no word worth a query
        assert (result.exit_code, result.stderr) == (0, warning + "No related article.\n")


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Warning:")]


def test_search_and_related_warn_about_pages_as_list_does(tmp_path: Path) -> None:
    """A page of menus only and a page whose decoding is doubtful: ``list`` warns about both;
    so do ``search`` and ``related``, when they build the index and when it is up to date."""
    corpus = tmp_path / "c"
    write_page(corpus, "001_a.txt", "# 医共体建设\n\n泉港区推进紧密型县域医共体建设，"
                                     "老百姓在家门口享受省级医疗服务。\n")
    write_page(corpus, "002_b.txt", "# 分级诊疗\n\n三明市推进分级诊疗，医共体让群众少跑腿。\n")
    write_page(corpus, "010_menu.txt", "首页\n新闻中心\n政务公开\n办事服务\n"
                                        "版权所有：某某市卫生健康委员会\n闽ICP备12345678号-1\n")
    big5 = ("國家衛生健康委員會今天發布通知，要求各地醫院加強醫療服務管理，提升基層醫療衛生機構"
            "的服務能力。記者從會上獲悉，全省已建成醫聯體一百二十個。\n")
    (corpus / "017_mixed.txt").write_bytes(
        "国家卫生健康委员会发布通知，要求加强医疗服务管理。".encode("gbk") + big5.encode("big5"))
    listed = runner.invoke(app, ["list", "--corpus", str(corpus), "--no-cache"])
    expected = _warnings(listed.stderr)
    assert [w.split(":")[1].strip() for w in expected] == ["010_menu.txt", "017_mixed.txt"]
    for command in (["search", "医共体"], ["related", "001"]):
        for run in ("cold", "warm"):
            result = runner.invoke(app, [*command, "--corpus", str(corpus), "--plain"])
            assert result.exit_code == 0, (command, run, result.output)
            assert result.stdout, (command, run)
            assert _warnings(result.stderr) == expected, (command, run)


# ---- rich output at 40 columns ----------------------------------------------------------------

NO_LINE_START = "，。、；：？！）》」』】”’"


def test_rich_snippets_wrap_by_chinese_rules_and_end_without_a_blank_line() -> None:
    """At 40 columns rich itself broke the snippet before a comma (``，为更多…``); a blank line
    separates two hits but none trails the last."""
    args = ["search", "医共体", "--format", "rich", "--width", "40", "-n", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].strip(), lines[-2:]
    assert not [line for line in lines if line and line[0] in NO_LINE_START], lines
    coloured = runner.invoke(app, [*args, "--force-terminal"]).stdout
    assert "\x1b[1;33m医共体" in coloured


def test_rich_related_terms_stay_indented_when_they_wrap() -> None:
    """Each hit's shared terms are an indented block; at 40 columns the second line of the
    block lost its indent."""
    args = ["related", "003", "-n", "3"]
    result = runner.invoke(app, [*args, "--format", "rich", "--width", "40"])
    assert result.exit_code == 0, result.stderr
    piped = runner.invoke(app, [*args, "--json"]).stdout
    records = [json.loads(line) for line in piped.splitlines()]
    indented = [w for line in result.stdout.splitlines() if line.startswith("  ")
                for w in line.split()]
    assert indented == [t for r in records for t in r["terms"]], result.stdout


@pytest.mark.parametrize("width", [21, 23, 29, 33, 41])
def test_rich_hit_lines_wrap_by_chinese_rules(width: int) -> None:
    """A hit's first line (ID, title, source · date · score) was broken by rich: ``…托起“`` /
    ``健康梦”  泉州晚报 ·`` at these widths."""
    opening = "“‘（《「『【"
    for args in (["search", "医院", "-n", "7"], ["related", "003"]):
        result = runner.invoke(app, [*args, "--format", "rich", "--width", str(width)])
        assert result.exit_code == 0, result.stderr
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        assert not [s for s in lines if s[0] in NO_LINE_START or s[-1] in opening], lines


@pytest.mark.parametrize("args", [["\udcff医共体"], ["医共体", "--source", "泉州\udcfe"]])
def test_bytes_that_are_not_utf8_in_a_query_or_source_are_no_traceback(args: list[str]) -> None:
    """A byte that is no UTF-8 in the arguments (a cut paste, a non-UTF-8 terminal) reaches
    Python as a lone surrogate, which SQLite refused with a UnicodeEncodeError traceback; it
    is a character no text holds."""
    result = runner.invoke(app, ["search", *args])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    hits = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert hits == (["003", "004", "002-2"] if len(args) == 1 else [])


def test_related_reads_its_article_from_the_page_cache(tmp_path: Path) -> None:
    """A second ``related`` finds every page cached, its own article's too: nothing is cleaned
    again (it used to clean its article's page on every run), nor cut into words (its words'
    counts are cached with the page)."""
    import os
    import subprocess
    import sys

    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(\n"
            "    m for m in ('fjhealth.clean', 'fjhealth.flow', 'fjhealth.segment')\n"
            "    if m in sys.modules)))\n"
            "from fjhealth.entry import main\n"
            "sys.argv = ['fjhealth', 'related', '003', '--plain']\n"
            "main()\n")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "FJHEALTH_CACHE_DIR": str(tmp_path)}
    env.pop("FJHEALTH_CORPUS", None)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=120, check=False) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and runs[1].stdout
    assert runs[1].stderr.strip() == "LOADED"


def test_related_of_a_page_without_article_text_says_so(tmp_path: Path) -> None:
    """As ``show`` and ``summarize`` do: a warning, nothing printed, exit 0 (it was an
    IndexError traceback)."""
    write_page(tmp_path, "001_a.txt", "# 福州推进医共体建设\n\n福州市卫健委近日印发通知，在全市推进"
               "紧密型县域医共体建设。\n医共体内将统一管理人员、财务和药品。\n")
    write_page(tmp_path, "010_menu.txt", "首页\n新闻中心\n政务公开\n办事服务\n"
               "版权所有：某某市卫生健康委员会\n闽ICP备12345678号-1\n")
    result = runner.invoke(app, ["related", "010", "--corpus", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "010: no article text" in result.stderr


def test_pages_indexed_after_others_keep_their_corpus_ids(tmp_path: Path) -> None:
    """Two folders' ``003.txt`` are 05_003 and 06_003. After ``summarize 05_003`` (its tokens
    cached) a first search indexed the other page alone, and alone it was "003": a hit no
    command could open (``show 003`` is ambiguous)."""
    for month in ("05", "06"):
        write_page(tmp_path / month, "003.txt", "标题\n\n" + "福建推进分级诊疗改革。" * 5)
    write_page(tmp_path, "004.txt", "医保\n\n" + "泉州推进医保支付改革，分级诊疗见效。" * 5)
    corpus = ["--corpus", str(tmp_path)]
    assert runner.invoke(app, ["summarize", "05_003", *corpus]).exit_code == 0
    result = runner.invoke(app, ["search", "福建", "--json", *corpus])
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == \
        ["05_003", "06_003"]
