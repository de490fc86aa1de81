"""fjhealth browse: the Textual reader driven by Textual's pilot, on a fake source."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers import ROOT, make_article

from fjhealth.models import Article

textual = pytest.importorskip("textual")

from fjhealth.browse import BrowseApp  # noqa: E402
from fjhealth.browse_text import matches  # noqa: E402

ARTICLES = [
    make_article("福建推进紧密型县域医共体建设，提升基层服务能力。" * 3, id="001",
                 title="福建推进县域医共体建设"),
    make_article("泉州推进医保支付方式改革。" * 3, id="002", title="泉州医保支付改革"),
    make_article(
        "南平市推进分级诊疗，基层诊疗占比提高。" * 3, id="003", title="南平分级诊疗见成效"
    ),
]


class FakeSource:
    def __init__(self) -> None:
        self.searched: list[str] = []

    def articles(self) -> Sequence[Article]:
        return ARTICLES

    def details(self, article: Article) -> tuple[str, tuple[str, ...]]:
        return f"{article.title}的摘要。", ("医改", article.id)

    def search(self, query: str) -> list[str]:
        self.searched.append(query)
        return ["003", "001"]

    def related(self, article_id: str) -> list[str]:
        return [a.id for a in ARTICLES if a.id != article_id]


def run(coro):
    return asyncio.run(coro)


def shown_ids(app: BrowseApp) -> list[str]:
    return [a.id for a in app.shown]


def test_matches() -> None:
    assert matches(ARTICLES[0], "医共体") and matches(ARTICLES[0], "001")
    assert not matches(ARTICLES[1], "医共体")


def test_list_filter_open_next_previous_and_quit() -> None:
    async def scenario() -> None:
        app = BrowseApp(FakeSource())
        async with app.run_test(size=(80, 24)) as pilot:
            assert shown_ids(app) == ["001", "002", "003"]
            await pilot.press("医", "保")  # type-to-filter
            assert shown_ids(app) == ["002"]
            await pilot.press("backspace", "backspace")
            assert shown_ids(app) == ["001", "002", "003"]
            await pilot.press("down", "enter")  # open the second
            assert app.reading and app.current is not None and app.current.id == "002"
            await pilot.press("n")
            assert app.current.id == "003"
            await pilot.press("n")  # stays on the last
            assert app.current.id == "003"
            await pilot.press("p", "p")
            assert app.current.id == "001"
            await pilot.press("escape")
            assert not app.reading
            await pilot.press("q")
        assert app.return_code == 0

    run(scenario())


def test_the_list_follows_the_terminal_as_it_resizes() -> None:
    """The list's columns were laid out for the width before a resize: shrunk to 30 columns and
    back to 80, the titles stayed cut to 10 cells with no date/source column (seen in tmux)."""
    async def scenario() -> None:
        app = BrowseApp(FakeSource())
        async with app.run_test(size=(80, 24)) as pilot:
            def titles() -> int:
                return app.query_one("#articles").columns[list(app.query_one(
                    "#articles").columns)[1]].width
            wide = titles()
            await pilot.resize_terminal(30, 10)
            await pilot.pause()
            assert titles() < wide and len(app.query_one("#articles").columns) == 2
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert titles() == wide and len(app.query_one("#articles").columns) == 3

    run(scenario())


def test_ctrl_c_quits_with_status_130() -> None:
    """Ctrl-C ends the reader as it ends every other command (Textual's default only asks the
    user to press Ctrl-Q)."""
    async def scenario() -> int | None:
        app = BrowseApp(FakeSource())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
        return app.return_code

    assert run(scenario()) == 130


def test_browse_exits_130_when_the_reader_was_interrupted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import fjhealth.browse
    from fjhealth import cli_find
    from fjhealth.cli import app

    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_find, "sys", SimpleNamespace(stdin=terminal, stdout=terminal))
    monkeypatch.setattr(fjhealth.browse, "run_browser", lambda source: 130)
    result = CliRunner().invoke(app, ["browse"])
    assert result.exit_code == 130


class OneHitSource(FakeSource):
    def search(self, query: str) -> list[str]:
        return ["002"]


def test_one_hit_is_one_article() -> None:
    async def scenario() -> str:
        app = BrowseApp(OneHitSource())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"医保", "enter")
            return app.heading

    assert run(scenario()) == "search “医保”: 1 article"


@pytest.mark.parametrize("times", [1, 3])
def test_a_file_skipped_while_reading_is_named_once_after_the_reader_closes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, times: int
) -> None:
    """Textual captures stderr while it runs: a file skipped then (building the search index,
    a search, ``r``) is named once the reader has closed, not lost behind an exit status of 1,
    and once however often it was met (seen in tmux: every skipped file named three times)."""
    import io
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import fjhealth.browse
    from fjhealth import cli_find
    from fjhealth.cli import app
    from fjhealth.pagework import PageResult

    def reader(source: object) -> int:
        captured, sys.stderr = sys.stderr, io.StringIO()  # as Textual does
        try:
            for _ in range(times):
                source.on_error(PageResult(tmp_path / "009.txt", error="009.txt: empty file"))
        finally:
            sys.stderr = captured
        return 0

    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_find, "sys", SimpleNamespace(stdin=terminal, stdout=terminal))
    monkeypatch.setattr(fjhealth.browse, "run_browser", reader)
    result = CliRunner().invoke(app, ["browse"])
    assert result.exit_code == 1
    assert result.stderr == "Warning: skipped 009.txt: empty file\n"


def _browse(monkeypatch: pytest.MonkeyPatch, args: list[str], reader: object) -> object:
    """``fjhealth browse ARGS`` run as from a terminal, ``reader`` standing in for the reader
    (it gets the source; its return value is the reader's exit status)."""
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import fjhealth.browse
    from fjhealth import cli_find
    from fjhealth.cli import app

    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_find, "sys", SimpleNamespace(stdin=terminal, stdout=terminal))
    monkeypatch.setattr(fjhealth.browse, "run_browser", reader)
    return CliRunner().invoke(app, ["browse", *args])


def test_an_empty_corpus_is_said_and_no_reader_opens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no page to read, the reader opened on "0 articles" and the reason showed only
    after quitting it; the warning is all there is, as for ``list``."""
    opened: list[object] = []
    result = _browse(monkeypatch, ["--corpus", str(tmp_path)], opened.append)
    assert (result.exit_code, opened) == (0, [])
    assert result.stderr == f"Warning: no readable pages in {tmp_path}\n"


def test_a_corpus_of_unreadable_pages_is_said_and_no_reader_opens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every page skipped: the reader opened on "0 articles" and the files were named only
    after quitting it; as for ``list``, the warnings are all there is (exit 1)."""
    (tmp_path / "001.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    (tmp_path / "002.txt").write_bytes(b"")
    opened: list[object] = []
    result = _browse(monkeypatch, ["--corpus", str(tmp_path)], opened.append)
    assert (result.exit_code, opened) == (1, [])
    assert result.stderr == (
        "Warning: skipped 001.txt: binary file, not text\n"
        "Warning: skipped 002.txt: empty file\n"
        f"Warning: no readable pages in {tmp_path}\n"
    )


def test_search_related_and_copy() -> None:
    async def scenario() -> None:
        source = FakeSource()
        app = BrowseApp(source)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("slash")
            await pilot.press(*"医共体")
            await pilot.press("enter")
            assert source.searched == ["医共体"]
            assert shown_ids(app) == ["003", "001"]
            await pilot.press("enter")
            assert app.current is not None and app.current.id == "003"
            await pilot.press("c")
            assert copied == ["南平分级诊疗见成效的摘要。"]
            await pilot.press("r")
            assert not app.reading and shown_ids(app) == ["001", "002"]
            await pilot.press("escape")  # back to every article
            assert shown_ids(app) == ["001", "002", "003"]

    run(scenario())


def test_footer_keys_fit_80_columns_without_overlap() -> None:
    """At 80x24 Textual's ``^p palette`` key was drawn over ``c Copy summary`` (seen in tmux as
    ``c Copy s▏^p palette``); the reader has no command palette (its screenshot command would
    write a file, and the reader changes none)."""
    async def scenario() -> list[tuple[int, int]]:
        app = BrowseApp(FakeSource())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return [(k.region.x, k.region.right) for k in app.query("FooterKey")]

    keys = run(scenario())
    assert len(keys) == 7, keys  # q, esc, /, n, p, r, c
    assert all(right <= 80 for _, right in keys), keys
    assert all(a[1] <= b[0] for a, b in zip(keys, keys[1:], strict=False)), keys


def test_a_chinese_locale_gets_the_reader_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=zh_CN gave every command's labels in Chinese but the reader's in English."""
    from fjhealth.browse import ZhBrowseApp, run_browser

    ran: list[type] = []
    monkeypatch.setattr(BrowseApp, "run", lambda self: ran.append(type(self)))
    monkeypatch.setattr(sys, "__stderr__", None)  # (stdout and stderr as they are)
    for lang, expected in (("zh_CN.UTF-8", ZhBrowseApp), ("en_US.UTF-8", BrowseApp)):
        monkeypatch.setenv("LANG", lang)
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        run_browser(FakeSource())
        assert ran.pop() is expected

    async def scenario() -> tuple[str, list[tuple[int, int]], str]:
        app = ZhBrowseApp(FakeSource())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("医", "保")
            listing = app.export_screenshot()
            keys = [(k.region.x, k.region.right) for k in app.query("FooterKey")]
            await pilot.press("enter")
            return listing, keys, app.export_screenshot()

    listing, keys, reader = run(scenario())
    assert "篇文章" in listing and "筛选“医保”：1" in listing and "标题" in listing
    assert "编号" in listing  # the ID column as wide as its heading
    assert "退出" in listing and "复制摘要" in listing
    assert len(keys) == 7 and all(right <= 80 for _, right in keys), keys
    assert all(a[1] <= b[0] for a, b in zip(keys, keys[1:], strict=False)), keys
    assert "摘要" in reader and "关键词" in reader and "Summary" not in reader


def test_a_long_source_never_cuts_the_date() -> None:
    """The source/date column (22 cells) showed ``福建卫生健康 2024-05-…``: the date, always
    ten cells, comes first and a long source is what the ellipsis cuts."""
    from dataclasses import replace

    article = replace(make_article("正文。" * 3, id="010", title="福建省卫健委部署夏季传染病防控"),
                      source="福建省卫生健康委员会宣传处", date="2024-05-20")

    class Dated(FakeSource):
        def articles(self) -> Sequence[Article]:
            return [article]

    async def scenario() -> str:
        app = BrowseApp(Dated())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return app.export_screenshot()

    assert "2024-05-20" in run(scenario())


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_screen_capture_shows_list_and_reader(size: tuple[int, int]) -> None:
    async def scenario() -> tuple[str, str, bool]:
        app = BrowseApp(FakeSource())
        async with app.run_test(size=size) as pilot:
            listing = app.export_screenshot()
            await pilot.press("enter")
            await pilot.pause()
            reader = app.export_screenshot()
            narrow = app.query_one("#reader").has_class("narrow")
        return listing, reader, narrow

    listing, reader, narrow = run(scenario())
    for text in ("001", "福建推进县域医共体建设", "泉州医保支付改革"):
        assert text.replace(" ", "&#160;") in listing or text in listing
    assert "Summary" in reader and "福建推进县域医共体建设的摘要" in reader
    assert narrow == (size[0] < 100)


def test_textual_loads_only_for_browse() -> None:
    code = (
        "import sys\n"
        "import fjhealth.cli\n"
        "print('textual' in sys.modules)\n"
        "from fjhealth.cli import app\n"
        "try:\n    app(['list'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.splitlines()[0] == "False"
    assert result.stdout.splitlines()[-1] == "False"


def test_browse_needs_a_terminal() -> None:
    from typer.testing import CliRunner

    from fjhealth.cli import app

    result = CliRunner().invoke(app, ["browse"])
    assert result.exit_code == 2
    assert "browse needs a terminal" in result.stderr


def test_browse_stops_the_progress_bar_before_the_reader_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    import fjhealth.browse
    from fjhealth import progress
    from fjhealth.cli import app

    shown: list[bool] = []
    from types import SimpleNamespace

    from fjhealth import cli_find

    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_find, "sys", SimpleNamespace(stdin=terminal, stdout=terminal))
    monkeypatch.setattr(progress, "mode_for", lambda stream, env: "bar")
    monkeypatch.setattr(fjhealth.browse, "run_browser", lambda source: shown.append(
        progress.active()))
    result = CliRunner().invoke(app, ["browse"])
    assert result.exit_code == 0, result.stderr
    assert shown == [False]  # a bar drawn on stderr would overwrite the reader's second row


def test_the_corpus_is_read_with_a_progress_bar_before_the_reader_opens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A cold corpus took the reader seconds (minutes at 10,000 pages) to fill, on a blank
    screen; it is read first, counted on the progress bar, and the reader opens on it."""
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import fjhealth.browse
    from fjhealth import cli_find, progress
    from fjhealth.cli import app

    counted: list[tuple[str, int | None]] = []
    seen: list[int] = []
    real_phase = progress.phase
    monkeypatch.setattr(progress, "phase", lambda label, total=None: (
        counted.append((label, total)), real_phase(label, total)))
    monkeypatch.setattr(progress, "advance", lambda n=1: seen.append(n))
    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_find, "sys", SimpleNamespace(stdin=terminal, stdout=terminal))
    monkeypatch.setattr(fjhealth.browse, "run_browser", lambda source: opened.append(
        (len(seen), len(source.articles()))))
    opened: list[tuple[int, int]] = []
    pages = len(list((ROOT / "seeds").glob("*.txt")))
    result = CliRunner().invoke(app, ["browse", "--corpus", str(ROOT / "seeds")])
    assert result.exit_code == 0, result.stderr
    assert ("reading", pages) in counted
    assert opened == [(pages, 7)]  # every page counted before the reader opened


class Tmux:
    """``fjhealth browse`` on the seeds in a real terminal (a tmux server of its own, 80x24),
    run by ``sh -c`` after ``before`` (a shell command) and with stderr sent by ``redirect``;
    the pane ends with "status N" when fjhealth is done."""

    def __init__(self, tmp_path: Path, redirect: str = "", before: str = "true") -> None:
        self.tmux = ["tmux", "-L", f"fjhealth-browse-{os.getpid()}", "-f", "/dev/null"]
        env = {k: v for k, v in os.environ.items()
               if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
        env.update(TERM="xterm-256color", FJHEALTH_PROGRESS_DELAY="0",
                   FJHEALTH_CACHE_DIR=str(tmp_path / "cache"))
        command = [sys.executable, "-m", "fjhealth", "browse", "-j1", "--corpus",
                   str(ROOT / "seeds")]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-x", "80", "-y", "24", "sh", "-c",
             f'{before}; "$@"{redirect}; echo "status $?"; sleep 60', "sh", *command],
            env=env, check=True, cwd=ROOT,
        )

    def pane(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True,
                              check=True).stdout

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + 60
        while text not in (screen := self.pane()):
            assert time.monotonic() < deadline, f"{text!r} not shown:\n{screen}"
            time.sleep(0.1)
        return screen

    def keys(self, keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False)


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")


@needs_tmux
@pytest.mark.parametrize("redirect", ["", " 2>/dev/null"])
def test_browse_in_tmux_at_80x24_filters_opens_and_quits(tmp_path: Path, redirect: str) -> None:
    """A real terminal: the list under its header row (no progress bar drawn over it), typing
    filters, Enter opens the article, q quits with status 0. Warnings sent away with
    ``2>/dev/null`` do not take the screen with them (Textual draws on stderr)."""
    term = Tmux(tmp_path, redirect)
    try:
        screen = term.wait_for("泉港老百姓")
        time.sleep(0.5)  # a progress bar (drawn at once here) would be on screen by now
        rows = term.pane().splitlines()
        assert "ID" in rows[1] and "Title" in rows[1], screen
        assert "reading" not in term.pane()
        term.keys("泉港")
        term.wait_for("filter")
        term.keys("Enter")
        term.wait_for("Summary")
        term.keys("q")
        screen = term.wait_for("status ")
    finally:
        term.close()
    assert "status 0" in screen, screen


@needs_tmux
def test_keys_typed_before_the_reader_opens_filter_the_list(tmp_path: Path) -> None:
    """What the user types while the corpus is read (here, while the terminal waits two seconds
    before fjhealth starts) reaches the list: it went to the hidden search box and was lost."""
    term = Tmux(tmp_path, before="sleep 2")
    try:
        time.sleep(0.5)
        term.keys("泉港")
        screen = term.wait_for("泉港老百姓")
        time.sleep(0.5)
        screen = term.pane()
        term.keys("q")
        term.wait_for("status ")
    finally:
        term.close()
    assert "filter “泉港”: 1" in screen, screen
    assert "南平" not in screen, screen


class LongSummarySource(FakeSource):
    """A summary whose full stop falls just past the end of a line at some width."""

    def __init__(self, length: int) -> None:
        super().__init__()
        self.length = length

    KEYWORDS = ("医共体", "福建医科大学附属第一医院", "基层医疗卫生服务能力", "家庭医生签约",
                "县域医共体建设", "慢性病健康管理", "医保支付")

    def details(self, article: Article) -> tuple[str, tuple[str, ...]]:
        words = self.KEYWORDS[self.length % 3:]  # the line breaks at a different place each time
        return ("县域医共体建设" * 10)[: self.length] + "。后面还有一句。", words


def test_the_reader_wraps_by_chinese_rules() -> None:
    """No line of the summary or the article starts with a closing mark such as 。 (the
    summary at 80 columns is 78 cells wide: 39 characters fill a line)."""
    from textual.geometry import Region

    async def lines(length: int) -> list[str]:
        app = BrowseApp(LongSummarySource(length))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            out = []
            for name in ("#summary", "#text"):
                widget = app.query_one(name)
                region = Region(0, 0, widget.size.width, widget.size.height)
                out += [strip.text.strip() for strip in widget.render_lines(region)]
            return out

    for length in (37, 38, 39, 40):
        rendered = run(lines(length))
        for word in LongSummarySource.KEYWORDS[length % 3:]:  # never cut across lines
            assert any(word in line for line in rendered), (word, rendered)
        assert any("县域医共" in line for line in rendered)
        starts = [line for line in rendered if line and line[0] in "。，、）”"]
        assert not starts, (length, rendered)


def test_a_long_id_leaves_the_title_room_in_a_narrow_list() -> None:
    """At 60 columns an ID like ``column_two_articles-1`` (a file with no leading number) took
    23 cells and left the title four characters; the ID column is capped and such an ID cut
    in its middle, its article number kept."""
    from dataclasses import replace

    long_id = replace(ARTICLES[0], id="column_two_articles-1")

    class LongIds(FakeSource):
        def articles(self) -> Sequence[Article]:
            return [long_id, *ARTICLES[1:]]

    async def scenario() -> str:
        app = BrowseApp(LongIds())
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            return app.export_screenshot()

    listing = run(scenario())
    assert "福建推进县域医共" in listing  # (four characters before)
    assert "column_two_articles-1" not in listing and "les-1" in listing
