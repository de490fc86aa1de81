"""Output settings: one precedence for format, styles, colour, width and language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fjhealth.output import Output, OutputConflict, locale_lang, resolve_output


def test_auto_is_text_in_a_pipe_and_rich_on_a_terminal() -> None:
    assert resolve_output(stdout_tty=False, env={}) == Output("text")
    assert resolve_output(stdout_tty=True, env={}) == Output("rich", styled=True, color=True)


@pytest.mark.parametrize(
    "options",
    [
        {"as_json": True, "plain": True},
        {"as_json": True, "force_terminal": True},
        {"plain": True, "force_terminal": True},
        {"fmt": "text", "as_json": True},
        {"fmt": "json", "force_terminal": True},
        {"fmt": "rich", "plain": True},
    ],
)
def test_formats_that_disagree_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(OutputConflict, match="exclude each other"):
        resolve_output(stdout_tty=True, env={}, **options)  # type: ignore[arg-type]


def test_the_same_format_asked_twice_is_fine() -> None:
    assert resolve_output(fmt="json", as_json=True, stdout_tty=True, env={}).format == "json"
    assert resolve_output(fmt="rich", force_terminal=True, stdout_tty=False, env={}).styled


@pytest.mark.parametrize("options", [{"as_json": True}, {"plain": True}, {"fmt": "text"}])
def test_color_always_and_width_need_rich_output(options: dict[str, object]) -> None:
    with pytest.raises(OutputConflict, match="applies to rich output"):
        resolve_output(color="always", stdout_tty=True, env={}, **options)  # type: ignore[arg-type]
    with pytest.raises(OutputConflict, match="--width applies to rich output"):
        resolve_output(width=100, stdout_tty=True, env={}, **options)  # type: ignore[arg-type]
    assert resolve_output(color="never", stdout_tty=True, env={}, **options).format != "rich"  # type: ignore[arg-type]


def test_color_always_makes_a_pipe_rich_and_coloured() -> None:
    out = resolve_output(color="always", stdout_tty=False, env={"NO_COLOR": "1"})
    assert (out.format, out.styled, out.color) == ("rich", True, True)


@pytest.mark.parametrize(
    ("env", "tty", "styled", "color"),
    [
        ({}, True, True, True),
        ({"NO_COLOR": "1"}, True, True, False),  # bold stays, colours go
        ({"NO_COLOR": ""}, True, True, True),  # set but empty: ignored
        ({"TERM": "dumb"}, True, False, False),
        ({"FORCE_COLOR": "1"}, False, True, True),
        ({"CLICOLOR_FORCE": "1"}, False, True, True),
        ({"CLICOLOR_FORCE": "0"}, False, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True, False),
    ],
)
def test_environment_decides_styles_and_colour_of_rich_output(
    env: dict[str, str], tty: bool, styled: bool, color: bool
) -> None:
    out = resolve_output(fmt="rich", stdout_tty=tty, env=env)
    assert (out.styled, out.color) == (styled, color)


def test_flags_beat_the_environment() -> None:
    never = resolve_output(color="never", stdout_tty=True, env={"FORCE_COLOR": "1"})
    assert (never.styled, never.color) == (True, False)
    forced = resolve_output(force_terminal=True, stdout_tty=False, env={"NO_COLOR": "1"})
    assert (forced.format, forced.styled, forced.color) == ("rich", True, False)


def test_width_and_dumb_terminal_reach_rich_output() -> None:
    out = resolve_output(width=100, stdout_tty=True, env={"TERM": "dumb"})
    assert (out.width, out.dumb) == (100, True)


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ],
)
def test_locale_language(env: dict[str, str], lang: str) -> None:
    assert locale_lang(env) == lang


_ENV_NAMES = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM")


@given(
    fmt=st.sampled_from(["auto", "rich", "text", "json"]),
    as_json=st.booleans(),
    plain=st.booleans(),
    force_terminal=st.booleans(),
    color=st.sampled_from(["auto", "always", "never"]),
    width=st.none() | st.integers(20, 300),
    env=st.dictionaries(st.sampled_from(_ENV_NAMES), st.sampled_from(["", "0", "1", "dumb"])),
)
def test_output_precedence_properties(
    fmt: str,
    as_json: bool,
    plain: bool,
    force_terminal: bool,
    color: str,
    width: int | None,
    env: dict[str, str],
) -> None:
    options = {
        "fmt": fmt,
        "as_json": as_json,
        "plain": plain,
        "force_terminal": force_terminal,
        "color": color,
        "width": width,
    }
    try:
        piped = resolve_output(stdout_tty=False, env=env, **options)  # type: ignore[arg-type]
    except OutputConflict:
        return
    # The environment never changes the format, nor does the terminal test once one is asked.
    assert piped.format == resolve_output(stdout_tty=False, env={}, **options).format  # type: ignore[arg-type]
    tty = resolve_output(stdout_tty=True, env=env, **options)  # type: ignore[arg-type]
    if fmt != "auto" or as_json or plain or force_terminal:
        assert tty.format == piped.format
    for out in (piped, tty):
        assert out.format in ("rich", "text", "json")
        assert out.styled or not out.color  # no colour without styles
        if out.format != "rich":
            assert not out.styled and out.width is None
