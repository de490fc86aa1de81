"""Hostile corpus folders: links out of the corpus, FIFOs, empty-looking files, bad --encoding
(issue 10, items 4, 13, 16, 17)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from helpers import PAGE_TEXT, write_page
from typer.testing import CliRunner

from fjhealth.cli import app
from fjhealth.corpus import decode_bytes, find_files, read_file
from fjhealth.errors import DecodeError

runner = CliRunner()


def test_link_to_a_file_outside_the_corpus_is_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write_page(folder, "001_a.txt", PAGE_TEXT)
    secret = write_page(tmp_path, "secret.txt", "机密内容，不应显示。" * 5)
    (folder / "016_x.txt").symlink_to(secret)
    (folder / "002_in.txt").symlink_to(folder / "001_a.txt")  # a link inside is fine
    skipped: list[tuple[Path, str]] = []
    assert [p.name for p in find_files(folder, skipped)] == ["001_a.txt", "002_in.txt"]
    assert [(p.name, why) for p, why in skipped] == [
        ("016_x.txt", "a link to a file outside the corpus folder")]
    result = runner.invoke(app, ["list", "--corpus", str(folder)])
    assert result.exit_code == 0
    assert "机密" not in result.stdout
    assert "016_x.txt: a link to a file outside the corpus folder" in result.stderr
    shown = runner.invoke(app, ["show", "016", "--corpus", str(folder)])
    assert "机密" not in shown.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_broken_link_or_a_fifo_named_as_a_page_is_named(tmp_path: Path) -> None:
    """They were left out without a word: the user's 004 was simply not there."""
    folder = tmp_path / "c"
    write_page(folder, "001_a.txt", PAGE_TEXT)
    (folder / "004_gone.txt").symlink_to(tmp_path / "moved.txt")
    (folder / "sub").mkdir()
    os.mkfifo(folder / "sub" / "006_pipe.md")
    result = runner.invoke(app, ["list", "--corpus", str(folder)])
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["id", "001"]
    assert result.stderr == ("Warning: skipped 004_gone.txt: a broken link\n"
                             "Warning: skipped sub/006_pipe.md: not a regular file\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_swapped_in_after_listing_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "001_a.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_file(fifo))
        except OSError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], OSError) and "not a regular file" in str(outcome[0])


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", "\u3000\u2003\n\ufeff".encode(),
                                  "\ufeff\u200b \n".encode("utf-16")])
def test_bom_or_unicode_space_only_file_is_empty(data: bytes) -> None:
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(data, "x.txt")


@pytest.mark.parametrize("encoding", ["undefined", "rot13", "base64"])
def test_encoding_that_is_not_a_text_codec_is_one_usage_error(
    encoding: str, corpus: Path
) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(corpus), "--encoding", encoding])
    assert result.exit_code == 2
    assert "not a text encoding" in result.stderr
    assert result.stderr.count("encoding") <= 2  # once, not per file


@pytest.mark.parametrize("encoding", ["\udcff", "utf-8\x00", "gb\udce9k"])
def test_an_encoding_name_of_bytes_no_codec_has_is_a_usage_error(encoding: str) -> None:
    """``--encoding $'\\xff'`` (a byte that is no UTF-8) ended in a UnicodeEncodeError
    traceback; a NUL in the name, in a ValueError one."""
    result = runner.invoke(app, ["show", "3", "--encoding", encoding], env={"COLUMNS": "200"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"unknown encoding {encoding!r}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_decode_with_undefined_codec_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode_bytes("文字".encode(), "x.txt", "undefined")
