"""The CLI in a real terminal: pseudo-terminals and tmux for progress, Ctrl-C and dumb
terminals; CliRunner for the output options, messages and warnings."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from helpers import PAGE_TEXT, write_page
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from fjhealth.cli import app

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
COLOUR_RE = re.compile(r"\x1b\[[0-9;]*3[0-7]m")
BOX_DRAWING_RE = re.compile("[\u2500-\u257f]")


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 pages: long enough cold (--no-cache) for progress to show."""
    folder = tmp_path_factory.mktemp("slow")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(120):
        (folder / f"{i:03d}_copy.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    return folder


@pytest.fixture(scope="module")
def slow_listing(slow_corpus: Path) -> str:
    """``fjhealth list`` of the slow corpus, piped."""
    return runner.invoke(app, ["list", "--corpus", str(slow_corpus), "--no-cache", "-j1"]).stdout


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env.update({"TERM": "xterm-256color", "FJHEALTH_PROGRESS_DELAY": "0", **extra})
    return env


def _pty(cols: int) -> tuple[int, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR  # keep LF as LF, so what is read is what was written
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    return master, slave


def _drain(fd: int, sink: bytearray) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side closed
            return
        if not chunk:
            return
        sink.extend(chunk)


def run_tty(args: list[str], env: dict[str, str], same: bool = False,
            stdin_tty: bool = False) -> tuple[int, str, str]:
    """Run fjhealth with stdout and stderr on terminals (one shared terminal with ``same``;
    stdin on stdout's with ``stdin_tty``)."""
    out_m, out_s = _pty(80)
    err_m, err_s = (out_m, out_s) if same else _pty(80)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fjhealth", *args],
        stdin=out_s if stdin_tty else subprocess.DEVNULL,
        stdout=out_s,
        stderr=err_s,
        env=env,
    )
    sinks = [bytearray(), bytearray()]
    masters = [out_m] if same else [out_m, err_m]
    threads = [
        threading.Thread(target=_drain, args=(m, s)) for m, s in zip(masters, sinks, strict=False)
    ]
    for t in threads:
        t.start()
    os.close(out_s)
    if not same:
        os.close(err_s)
    code = proc.wait(timeout=300)
    for t in threads:
        t.join(timeout=30)
    for m in masters:
        os.close(m)
    return code, sinks[0].decode(), sinks[1].decode()


def visible(line: str) -> str:
    """What a terminal shows of one line written with carriage returns and erase-line."""
    cells: list[str] = []
    col = 0
    i = 0
    while i < len(line):
        if line.startswith("\x1b[K", i):
            del cells[col:]
            i += 3
            continue
        c = line[i]
        if c == "\r":
            col = 0
        elif col < len(cells):
            cells[col] = c
            col += 1
        else:
            cells.append(c)
            col += 1
        i += 1
    return "".join(cells)


# ---- progress never mixes into data ----------------------------------------------------------


def test_progress_shows_from_the_start_on_stderr_and_never_on_stdout(slow_corpus: Path) -> None:
    some = slow_corpus.parent / "some"
    if not some.exists():
        some.mkdir()
        for page in sorted(slow_corpus.iterdir())[:30]:
            (some / page.name).write_bytes(page.read_bytes())
    args = ["keywords", "--all", "--top", "3", "--corpus", str(some), "--no-cache", "-j1"]
    code, out, err = run_tty(args, _env())
    assert code == 0
    assert "counting words" in err  # the document-frequency pass shows, before any keywords
    assert re.search(r"keywords [━─]+ \d+/30", err)
    assert "counting words" not in out and "/30" not in out
    assert out.count("tfidf") == 42  # every table reached stdout (30 pages, 42 articles)
    assert err.endswith("\r\x1b[K")  # the bar is erased at the end


def test_bar_and_data_on_one_terminal_never_share_a_line(
    slow_corpus: Path, slow_listing: str
) -> None:
    args = ["list", "--corpus", str(slow_corpus), "--no-cache", "-j1"]
    code, screen, _ = run_tty([*args, "--plain"], _env(), same=True)
    assert code == 0
    assert "reading ━" in screen or "reading ─" in screen  # the bar did show
    lines = [visible(line) for line in screen.split("\n")]
    assert lines == [*slow_listing.split("\n")[:-1], ""]


def test_bar_and_a_pipe_reader_printing_to_the_same_terminal_never_share_a_line(
    slow_corpus: Path, slow_listing: str
) -> None:
    args = ["list", "--corpus", str(slow_corpus), "--no-cache", "-j1"]
    command = " ".join([sys.executable, "-m", "fjhealth", *args]) + " | head -n 40"
    master, slave = _pty(80)
    proc = subprocess.Popen(
        ["bash", "--norc", "-c", command],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=_env(),
    )
    sink = bytearray()
    reader = threading.Thread(target=_drain, args=(master, sink))
    reader.start()
    os.close(slave)
    assert proc.wait(timeout=300) == 0
    reader.join(timeout=30)
    os.close(master)
    screen = sink.decode()
    assert re.search(r"\r\x1b\[K(starting|reading) ", screen)  # progress did show
    expected = slow_listing.split("\n")[:40]
    lines = [visible(line) for line in screen.split("\n")]
    assert lines[:40] == expected and all(line == "" for line in lines[40:])


def test_dumb_terminal_gets_plain_progress_lines_and_no_box_drawing(slow_corpus: Path) -> None:
    args = ["list", "--corpus", str(slow_corpus), "--no-cache", "-j1"]
    code, out, err = run_tty(args, _env(TERM="dumb"))
    assert code == 0
    assert re.search(r"^reading: \d+/120 \(\d+%\)$", err, re.M)
    assert "\x1b" not in err and "\r" not in err
    assert not BOX_DRAWING_RE.search(out) and not ANSI_RE.search(out)
    assert "" not in out.rstrip("\n").split("\n")  # no stray blank lines
    assert out.split("\n")[1].strip("- ") == ""  # a dashed header rule


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")
@pytest.mark.parametrize(("width", "jobs"), [(24, 1), (80, 1), (200, 1), (80, 2)])
def test_ctrl_c_clears_the_progress_line(slow_corpus: Path, width: int, jobs: int) -> None:
    socket = f"fjhealth-test-{os.getpid()}-{width}-{jobs}"
    command = [sys.executable, "-m", "fjhealth", "keywords", "--all", "--no-cache", f"-j{jobs}"]
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    # The shell reports the exit status itself: tmux 3.3 now and then never reaps a pane's
    # process (9 times in 105 runs here: fjhealth had exited, a zombie; the pane never said "Pane
    # is dead"), which is what looked like a rare hang of fjhealth after Ctrl-C. The no-op trap
    # keeps the shell alive through Ctrl-C without passing an ignored SIGINT on to fjhealth.
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", str(width), "-y", "10"]
        + ["sh", "-c", 'stty -echoctl; trap : INT; "$@" > /dev/null; echo "status $?"; sleep 60']
        + ["sh"]
        + [*command, "--corpus", str(slow_corpus)],
        env=_env(),
        check=True,
    )
    try:

        def pane() -> str:
            done = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            return done.stdout

        deadline = time.monotonic() + 60
        while "counting" not in pane() and "keywords" not in pane():
            assert time.monotonic() < deadline, pane()
            time.sleep(0.05)
        subprocess.run([*tmux, "send-keys", "C-c"], check=True)
        deadline = time.monotonic() + 60
        while "status " not in (screen := pane()):
            assert time.monotonic() < deadline, f"no exit within 60 s of Ctrl-C:\n{screen}"
            time.sleep(0.05)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    assert "status 130" in screen, screen  # from the handler, or SIGINT in the last teardown
    rest = screen[: screen.index("status 130")]
    assert rest.strip() == "", screen  # no bar and no traceback left behind


# ---- pipes, jobs -----------------------------------------------------------------------------


def test_force_terminal_into_a_pipe_closed_early_exits_0(tmp_path: Path) -> None:
    write_page(tmp_path, "001_long.txt", PAGE_TEXT * 200)  # far more than a pipe buffer
    proc = subprocess.Popen(
        [sys.executable, "-m", "fjhealth", "show", "1", "--corpus", str(tmp_path)]
        + ["--force-terminal"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""


def test_jobs_are_capped_at_the_cores() -> None:
    result = runner.invoke(app, ["summarize", "--all", "--jobs", "999", "--no-cache"])
    assert result.exit_code == 0
    cores = len(os.sched_getaffinity(0))
    assert result.stderr == f"Note: --jobs 999 capped at {cores}, the number of cores.\n"
    quiet = runner.invoke(app, ["summarize", "--all", "--jobs", str(cores)])
    assert quiet.stderr == ""


# ---- width, colour, precedence ---------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 100, 160])
def test_width_sets_rich_output_width(width: int) -> None:
    result = runner.invoke(app, ["show", "003", "--format", "rich", "--width", str(width)])
    widths = [cell_len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= width and max(widths) > width - 8


def test_show_metadata_line_breaks_between_its_parts(tmp_path: Path) -> None:
    """At 40 columns ``010 · 福建卫生健康 · 2024-05-20 · 福建卫健`` broke the byline in two
    (``福建卫`` / ``健``); the parts stay whole, one line holding as many as fit."""
    page = write_page(tmp_path, "010_wechat.md", (
        "# 福建省卫健委部署夏季传染病防控工作\n\n原创 福建卫健 *福建卫生健康* 2024-05-20 09:30\n\n"
        "会议指出，今年以来全省传染病疫情总体平稳，但输入性风险依然存在。各级医疗机构要强化预检"
        "分诊，严格落实首诊负责制。\n\n会议强调，要加强基层医疗卫生机构传染病防控能力建设，开展"
        "全员培训和应急演练，确保发现早、报告快、处置好。\n\n> 来源：福建卫生健康\n"))
    record = json.loads(runner.invoke(app, ["show", str(page), "--json"]).stdout)
    parts = [p for p in (record["source"], record["date"], *record["authors"]) if p]
    assert len(parts) >= 2, record  # the page must have a metadata line worth wrapping
    result = runner.invoke(app, ["show", str(page), "--format", "rich", "--width", "40"])
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(record["id"] + " ·"))
    meta = []
    for line in lines[start:]:
        if not line.strip():
            break
        meta += line.split(" · ")
    assert [m.strip(" ·") for m in meta if m.strip(" ·")] == [record["id"], *parts], lines[:6]


def test_color_always_in_a_pipe_is_rich_and_coloured() -> None:
    result = runner.invoke(app, ["show", "004", "--removed", "--color", "always"])
    assert COLOUR_RE.search(result.stdout)


def test_color_always_colours_a_dumb_terminal_too() -> None:
    """Emacs' shell says TERM=dumb and shows ANSI colours: ``--color always`` is asked for
    there, and gave no style at all (rich turns colour off for TERM=dumb); box drawing stays
    off, and without the option TERM=dumb stays plain."""
    asked = runner.invoke(app, ["show", "004", "--removed", "--color", "always"],
                          env={"TERM": "dumb"})
    assert COLOUR_RE.search(asked.stdout) and "\x1b[1m" in asked.stdout
    assert "─" not in asked.stdout
    plain = runner.invoke(app, ["show", "004", "--removed", "--force-terminal"],
                          env={"TERM": "dumb"})
    assert not ANSI_RE.search(plain.stdout)


def test_color_never_keeps_styles_without_colour() -> None:
    result = runner.invoke(
        app, ["show", "004", "--removed", "--force-terminal", "--color", "never"]
    )
    assert "\x1b[1m" in result.stdout and not COLOUR_RE.search(result.stdout)


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_force_color_variables_colour_rich_output_but_never_change_a_pipe(variable: str) -> None:
    rich = runner.invoke(app, ["show", "004", "--removed", "--format", "rich"], env={variable: "1"})
    assert COLOUR_RE.search(rich.stdout)
    piped = runner.invoke(app, ["list"], env={variable: "1"})
    assert piped.stdout.startswith("id\ttitle") and not ANSI_RE.search(piped.stdout)


def test_no_color_beats_force_color() -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    result = runner.invoke(app, ["show", "004", "--removed", "--format", "rich"], env=env)
    assert "\x1b[1m" in result.stdout and not COLOUR_RE.search(result.stdout)


@pytest.mark.parametrize(
    "options",
    [
        ["--json", "--plain"],
        ["--plain", "--force-terminal"],
        ["--format", "json", "--force-terminal"],
        ["--json", "--color", "always"],
        ["--plain", "--width", "60"],
    ],
)
def test_conflicting_output_options_exit_2(options: list[str]) -> None:
    result = runner.invoke(app, ["list", *options])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "exclude each other" in result.stderr or "applies to rich output" in result.stderr


# ---- narrow terminals ------------------------------------------------------------------------


def test_list_at_40_columns_stacks_source_and_date_and_drops_numbers() -> None:
    result = runner.invoke(app, ["list", "--format", "rich", "--width", "40"])
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 40
    assert "Chars" not in result.stdout and "Source" not in result.stdout
    assert any("泉州晚报 · 2022-09-28" in line for line in lines)
    title_cells = [line.split("│")[2].strip() for line in lines if line.count("│") == 3]
    assert max(cell_len(cell) for cell in title_cells) >= 26  # the title keeps the room
    assert all(len(cell) > 1 for cell in title_cells if cell), title_cells


def test_keywords_at_40_columns_are_never_cut() -> None:
    words = [
        k["word"]
        for line in runner.invoke(app, ["keywords", "--all", "--json"]).stdout.splitlines()
        for k in json.loads(line)["keywords"]
    ]
    rich = runner.invoke(app, ["keywords", "--all", "--format", "rich", "--width", "40"]).stdout
    assert max(cell_len(line) for line in rich.splitlines()) <= 40
    cells = {line.split("│")[1].strip() for line in rich.splitlines() if line.count("│") == 3}
    assert set(words) <= cells


def test_keywords_too_narrow_for_a_table_keep_their_scores_in_one_column() -> None:
    """At 20 columns (no room for a table) each keyword is a line with its score: the scores
    line up when they fit beside the longest keyword (they were ragged: ``泉港区  1.0000`` /
    ``泉港总医院  0.7000``)."""
    args = ["keywords", "003", "--top", "3", "--format", "rich", "--width", "20"]
    lines = runner.invoke(app, args).stdout.splitlines()
    scored = [line for line in lines if re.search(r"\d\.\d{4}$", line)]
    assert len(scored) == 3, lines
    assert len({cell_len(line) for line in scored}) == 1, scored


@pytest.mark.parametrize("width", [41, 45, 53, 61, 67, 73, 85])
def test_list_titles_wrap_by_chinese_rules(width: int) -> None:
    """In the table, rich broke titles as if they were Latin: ``…托起“`` / ``健康梦”`` and
    ``”引领区域…`` at these widths; titles break by Chinese rules, as the rest of the output."""
    result = runner.invoke(app, ["list", "--format", "rich", "--width", str(width)])
    cells = [line.split("│")[2].strip() for line in result.stdout.splitlines()
             if line.count("│") >= 3]
    assert cells, result.stdout
    closing, opening = "，。、；：？！）》」』】”’", "“‘（《「『【"
    assert not [c for c in cells if c and (c[0] in closing or c[-1] in opening)], cells
    rows = runner.invoke(app, ["list", "--json"]).stdout.splitlines()
    titles = "".join(json.loads(row)["title"] for row in rows).replace(" ", "")
    if width >= 60:  # narrower, the cell also holds source and date
        assert "".join(cells).replace(" ", "") == titles  # nothing lost or doubled


def test_list_with_keywords_at_40_columns_stacks_them_under_the_title() -> None:
    result = runner.invoke(app, ["list", "--keywords", "--format", "rich", "--width", "40"])
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 40
    assert "Keywords" not in result.stdout and "泉港区" in result.stdout


# ---- untitled, show --json, show --removed ---------------------------------------------------


@pytest.fixture
def untitled(tmp_path: Path) -> Path:
    """A page whose text has no headline."""
    write_page(tmp_path, "001_untitled.txt", "。\n" + "，".join(["医改持续推进"] * 40) + "。\n")
    return tmp_path


def test_untitled_article_is_null_in_json_and_untitled_elsewhere(untitled: Path) -> None:
    corpus = ["--corpus", str(untitled)]
    record = json.loads(runner.invoke(app, ["show", "1", "--json", *corpus]).stdout)
    if record["title"] is not None:
        pytest.skip("the cleaner found a title in this page")
    assert runner.invoke(app, ["show", "1", *corpus]).stdout.startswith("(untitled)\n")
    assert "(untitled)" in runner.invoke(app, ["show", "1", "--format", "rich", *corpus]).stdout
    listing = runner.invoke(app, ["list", *corpus]).stdout.splitlines()
    assert listing[1].split("\t")[1] == "(untitled)"
    assert json.loads(runner.invoke(app, ["list", "--json", *corpus]).stdout)["title"] is None
    summary = runner.invoke(app, ["summarize", "--all", *corpus]).stdout
    assert summary.startswith("001\t(untitled)\n")
    assert (
        json.loads(runner.invoke(app, ["summarize", "1", "--json", *corpus]).stdout)["title"]
        is None
    )


def test_show_json_is_json_lines_with_one_shape() -> None:
    keys = None
    for query in ("003", "002"):
        lines = runner.invoke(app, ["show", query, "--json"]).stdout.splitlines()
        for line in lines:
            record = json.loads(line)
            assert keys is None or list(record) == keys
            keys = list(record)
    assert keys is not None and keys[:2] == ["id", "title"]


def test_show_removed_says_when_nothing_was_removed() -> None:
    text = runner.invoke(app, ["show", "000-1", "--removed"]).stdout
    assert text.rstrip("\n").endswith("(nothing was removed)")
    rich = runner.invoke(app, ["show", "000-1", "--removed", "--format", "rich"]).stdout
    assert "nothing was removed" in rich
    assert "nothing was removed" not in runner.invoke(app, ["show", "004", "--removed"]).stdout


# ---- warnings --------------------------------------------------------------------------------


def test_empty_corpus_says_so(tmp_path: Path) -> None:
    for command in (["list"], ["summarize", "--all"], ["keywords", "--all"]):
        result = runner.invoke(app, [*command, "--corpus", str(tmp_path)])
        assert result.exit_code == 0
        assert result.stderr == f"Warning: no readable pages in {tmp_path}\n"


def test_a_corpus_of_other_kinds_of_files_says_what_is_read(tmp_path: Path) -> None:
    """A folder of PDFs and Word files: the warning says why none of them is a page, and a
    search says it too before saying that nothing matches."""
    (tmp_path / "notice.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "report.docx").write_bytes(b"PK")
    expected = (f"Warning: no readable pages in {tmp_path} (it holds 2 files of other kinds; "
                "fjhealth reads .txt, .md and .html)\n")
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, expected)
    result = runner.invoke(app, ["search", "医保", "--corpus", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, expected + "No article matches.\n")
    (tmp_path / "notice.pdf").unlink()
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path)])
    assert "(it holds 1 file of other kinds; " in result.stderr


def test_corpus_of_unreadable_pages_says_so(tmp_path: Path) -> None:
    (tmp_path / "001_empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Warning: no readable pages in {tmp_path}\n")


@pytest.mark.parametrize("command", ["summarize", "keywords"])
def test_empty_stdin_warns(command: str) -> None:
    result = runner.invoke(app, [command, "-"], input="  \n")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Warning: stdin is empty: nothing to read.\n"


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n", b"\xff\xfe\n\x00"])
def test_stdin_of_a_byte_order_mark_alone_is_empty(data: bytes) -> None:
    """An empty file saved by Notepad is a BOM: the same warning as empty stdin (it was
    ``Error: <stdin>: empty file``, exit 1)."""
    result = runner.invoke(app, ["show", "-"], input=data)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Warning: stdin is empty: nothing to read.\n"


@pytest.mark.parametrize("command", ["summarize", "show"])
def test_no_progress_is_drawn_while_the_user_types_on_stdin(command: str) -> None:
    """``summarize -`` in a terminal waits for typed text: a spinner drawn meanwhile put the
    user's first line after ``summarizing ⠇ 0:01`` (seen in tmux)."""
    master, slave = _pty(80)
    proc = subprocess.Popen([sys.executable, "-m", "fjhealth", command, "-"],
                            stdin=slave, stdout=slave, stderr=slave, env=_env())
    os.close(slave)
    sink = bytearray()
    reader = threading.Thread(target=_drain, args=(master, sink))
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while b"Ctrl-D" not in sink:
            assert time.monotonic() < deadline and proc.poll() is None, sink.decode()
            time.sleep(0.05)
        time.sleep(0.6)  # several progress ticks, had the bar been left running
        waiting = sink.decode()
        os.write(master, "泉港区推进医共体建设。群众在家门口看病。\n\x04".encode())
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(timeout=30)
        os.close(master)
    shown = "\n".join(visible(line) for line in waiting.split("\n"))
    assert not re.search("summarizing|reading|starting|[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]", shown), waiting
    assert "群众在家门口看病" in sink.decode()


def test_chars_budget_no_sentence_fits_warns() -> None:
    result = runner.invoke(app, ["summarize", "003", "--chars", "5"])
    assert result.exit_code == 0
    assert result.stderr == "Warning: no sentence fits in --chars 5: 003\n"
    assert runner.invoke(app, ["summarize", "003", "--chars", "500"]).stderr == ""


# ---- messages --------------------------------------------------------------------------------


def test_an_empty_corpus_option_or_argument_is_a_usage_error() -> None:
    """``--corpus "$DIR"`` with DIR unset read the whole current folder, subfolders and all;
    ``show ''`` said ``Error:  is a folder``."""
    result = runner.invoke(app, ["list", "--corpus", ""])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--corpus': empty: give a corpus folder" in result.stderr
    result = runner.invoke(app, ["show", ""])
    assert result.exit_code == 2
    assert result.stderr == "Error: not an article ID: '' (IDs are like 003 or 002-2)\n"


def test_corpus_missing_or_a_file_is_the_same_usage_error(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["list", "--corpus", str(tmp_path / "nope")])
    write_page(tmp_path, "001_a.txt", PAGE_TEXT)
    a_file = runner.invoke(app, ["list", "--corpus", str(tmp_path / "001_a.txt")])
    assert missing.exit_code == a_file.exit_code == 2
    assert "Invalid value for '--corpus': corpus folder not found" in missing.stderr
    assert "Invalid value for '--corpus': corpus is not a folder" in a_file.stderr
    # what to do instead: a page file is read by show, summarize or keywords (the error box
    # wraps where the temporary path's length puts it: its borders are no words)
    assert "to read one page: fjhealth show FILE" in " ".join(
        a_file.stderr.replace("│", " ").split())


def test_corpus_from_the_environment_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "3"], env={"FJHEALTH_CORPUS": str(tmp_path / "nope")})
    assert result.exit_code == 2
    assert "Invalid value for '$FJHEALTH_CORPUS': corpus folder not found" in result.stderr


def test_hint_keeps_the_corpus_in_use(corpus: Path) -> None:
    result = runner.invoke(app, ["show", "777", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert f"run 'fjhealth list --corpus {corpus}' for IDs" in result.stderr


# ---- language ---------------------------------------------------------------------------------


def test_chinese_labels_when_the_locale_is_chinese() -> None:
    args = ["list", "--format", "rich", "--width", "120"]
    zh = runner.invoke(app, args, env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""}).stdout
    en = runner.invoke(app, args, env={"LANG": "en_US.UTF-8", "LC_ALL": ""}).stdout
    assert "标题" in zh and "Title" not in zh
    assert "Title" in en and "标题" not in en
    text = runner.invoke(app, ["list"], env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""}).stdout
    assert text.startswith("id\ttitle")  # data formats never change with the locale


def test_untitled_in_every_renderer(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import make_article

    from fjhealth.models import Summary
    from fjhealth.render import print_articles, print_summaries
    from fjhealth.render_lists import print_keywords, print_listing

    article = make_article("正文。", title="")
    print_articles([article], "json")
    print_listing([article], "json")
    print_keywords([(article, ())], "json", "tfidf", False)
    print_summaries([Summary("001", "")], "json")
    assert [json.loads(line)["title"] for line in capsys.readouterr().out.splitlines()] == [
        None
    ] * 4
    print_articles([article], "text")
    assert capsys.readouterr().out.startswith("(untitled)\n")
    print_listing([article], "text")
    assert capsys.readouterr().out.splitlines()[1].split("\t")[1] == "(untitled)"
    print_keywords([(article, ())], "text", "tfidf", True)
    print_summaries([Summary("001", "")], "text")
    assert capsys.readouterr().out == "001\t(untitled)\n\n001\t(untitled)\n\n\n"
    print_articles([article], "rich")
    assert capsys.readouterr().out.startswith("(untitled)\n")


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(20, 160),
    words=st.lists(
        st.text(alphabet="医改泉港总院联体福建省卫健委DRG", min_size=1, max_size=14),
        min_size=1,
        max_size=8,
    ),
)
def test_keyword_tables_fit_any_width_and_never_cut_a_keyword(width: int, words: list[str]) -> None:
    import io

    from helpers import make_article

    from fjhealth.console import configure
    from fjhealth.models import Keyword
    from fjhealth.output import Output
    from fjhealth.render_lists import print_keywords

    configure(Output("rich", width=width))
    keywords = tuple(Keyword(w, 1.0 / (i + 1)) for i, w in enumerate(words))
    out = io.StringIO()
    real, sys.stdout = sys.stdout, out
    try:
        print_keywords([(make_article("正文。"), keywords)], "rich", "tfidf", False)
    finally:
        sys.stdout = real
        configure(Output("text"))
    lines = out.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    for word in words:
        if cell_len(word) + 8 <= width:
            assert any(word in line for line in lines), (word, lines)


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(20, 200),
    titles=st.lists(
        st.text(alphabet="医改泉港总院“”，福建省 DRG2024", max_size=60), min_size=1, max_size=5
    ),
)
def test_listing_fits_any_width_with_a_readable_title_column(width: int, titles: list[str]) -> None:
    import io

    from helpers import make_article

    from fjhealth.console import configure
    from fjhealth.output import Output
    from fjhealth.render_lists import print_listing

    configure(Output("rich", width=width))
    out = io.StringIO()
    real, sys.stdout = sys.stdout, out
    try:
        print_listing([make_article("正文。", title=t) for t in titles], "rich")
    finally:
        sys.stdout = real
        configure(Output("text"))
    lines = out.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    title_cells = [line.split("│")[2] for line in lines if line.count("│") >= 3]
    longest = max(cell_len(t or "(untitled)") for t in titles)
    room = min(width // 3, 20, longest + 2)  # the cell's text and its padding
    assert all(cell_len(cell) >= room for cell in title_cells)  # never squeezed to a sliver


@pytest.mark.parametrize("width", [20, 26, 32, 36, 40, 50, 80])
def test_long_stem_ids_leave_the_title_readable(width: int) -> None:
    """Files named ``000_e3ed89fc59671f7f.txt`` beside ``000_copy.txt`` are listed under
    their stems; a no-wrap ID column that wide left the title two cells, one character a line
    (seen at 32 columns). The ID folds instead, and the whole ID is still there."""
    import io

    from helpers import make_article

    from fjhealth.console import configure
    from fjhealth.output import Output
    from fjhealth.render_lists import print_listing

    ids = ["000_e3ed89fc59671f7f-1", "001_e6379f3e94cc2e27"]
    title = "福州市第一总医院与台江区卫健系统启动多个医疗合作共建项目"
    configure(Output("rich", width=width))
    out = io.StringIO()
    real, sys.stdout = sys.stdout, out
    try:
        print_listing([make_article("正文。", id=i, title=title) for i in ids], "rich")
    finally:
        sys.stdout = real
        configure(Output("text"))
    rows = [line.split("│") for line in out.getvalue().splitlines() if line.count("│") >= 3]
    assert all(cell_len(r[2]) >= min(width // 3, 20) for r in rows), out.getvalue()
    assert "".join(r[1].strip() for r in rows) == "".join(ids)


def test_ctrl_c_that_python_would_drop_still_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt raised in a ``__del__`` (as when Ctrl-C lands in an import's
    weakref callback) is only reported by Python; fjhealth delivers it again."""

    class Dropped:
        def __del__(self) -> None:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # even in a background job
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)

    def slow(*args: object) -> None:
        Dropped()  # collected at once: the exception goes to sys.unraisablehook
        time.sleep(20)  # the signal sent again interrupts this (without it: exit 0)

    monkeypatch.setattr("fjhealth.cli_batch.resolve_arg", slow)
    try:
        result = runner.invoke(app, ["show", "3"])
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.exit_code == 130
    assert "Exception ignored" not in result.stderr


def test_a_pager_that_cannot_be_found_prints_the_article_instead() -> None:
    """PAGER naming no program: the shell said "not found" and the article was lost (exit 0,
    nothing shown); now a warning, and the article printed as without --pager."""
    code, out, err = run_tty(["show", "004", "--pager"], _env(PAGER="no-such-pager-here"),
                             stdin_tty=True)
    assert code == 0
    assert "泉州市医疗卫生事业" in out
    assert "Warning: cannot run the pager 'no-such-pager-here' ($PAGER)" in err


def test_skipped_files_are_counted_after_a_terminal_listing(tmp_path: Path) -> None:
    """On a terminal the warnings scroll away above a long table and the exit status 1 went
    unexplained: the count comes last (a pipe's stderr, read whole, is unchanged)."""
    write_page(tmp_path, "001_a.txt", PAGE_TEXT)
    (tmp_path / "002_b.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "003_c.txt").write_bytes(b"")
    code, out, err = run_tty(["list", "--corpus", str(tmp_path), "--no-cache"], _env())
    assert code == 1
    last = [line for line in err.replace("\r", "\n").splitlines() if line.strip()][-1]
    assert visible(last) == "Warning: 2 files skipped (named above), so the exit status is 1"
    piped = runner.invoke(app, ["list", "--corpus", str(tmp_path), "--no-cache"])
    assert piped.exit_code == 1 and "named above" not in piped.stderr
