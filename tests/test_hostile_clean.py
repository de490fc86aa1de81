"""Hostile input to the cleaner: cleaning cost grows linearly with the page (issue 10, item 1).

Wall-clock times are never asserted: each case is cleaned at size n and 10n in the same test and
the ratio of the two (best of three) is bounded. Linear work gives ~10, quadratic ~100; the
bound is generous. A SIGALRM guard turns a hang (exponential backtracking) into a failure.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fjhealth.clean import clean_text

RATIO_BOUND = 35  # n -> 10n: linear ~10, quadratic ~100
HANG_GUARD = 60  # seconds before a case counts as hung
MIN_TIMED = 0.01  # CPU seconds: shorter timings are mostly noise and fixed costs
MAX_CHARS = 6_000  # the small case grows to at most this many characters


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("cleaning hung (catastrophic backtracking?)")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        clean_text(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)


def _growth(prefix: str, run: str, suffix: str, n: int) -> float:
    """Cost at 10n over cost at n, n first grown until the small case is long enough to time."""
    small = _cost(prefix + run * n + suffix)
    while small < MIN_TIMED and len(run) * n < MAX_CHARS:
        n *= 2
        small = _cost(prefix + run * n + suffix)
    large = _cost(prefix + run * (10 * n) + suffix)
    if large < 10 * MIN_TIMED:  # too quick to tell growth from noise: linear enough
        return 1.0
    return large / small


# The shapes the attack found (each took seconds to minutes at the sizes in the issue).
ISSUE_CASES = {
    "print-digits": ("打印", "1", "x", 30),  # exponential: 34 bytes took 14 s
    "print-spaces": ("打印", " ", "x", 2000),
    "bracket-spaces": ("医院\n（", " ", "x", 2000),
    "hashes": ("# ", "#", "。", 4000),
    "spaces-between-han": ("一", " ", "二", 4000),
    "one-char-paragraphs": ("", "一\n\n", "。", 500),
    "unfinished-lines": ("", "一二三四五六七八九十，" * 10 + "\n", "", 20),
    # a long run of short unpunctuated column lines: each line re-checked the whole run
    "bracketed-bylines": ("# ", "（记者 x）\n", "。", 400),
}


@pytest.mark.parametrize("case", ISSUE_CASES, ids=list(ISSUE_CASES))
def test_issue_case_cleans_in_linear_time(case: str) -> None:
    prefix, run, suffix, n = ISSUE_CASES[case]
    assert _growth(prefix, run, suffix, n) < RATIO_BOUND


def test_three_pathological_lines_in_one_page() -> None:
    line = "打印" + "1" * 27 + "x"
    assert isinstance(clean_text("\n".join([line] * 3)), tuple)  # 44 s before the fix


# Adversarial generators: a prefix that arms a furniture pattern, a long run of one class of
# character or separator, and an ending that makes the pattern fail late.
PREFIXES = ["", "打印", "【", "# ", "一", "来源：", "（记者", "第", "▲", "首页>", "本报记者", "说",
            "医院\n（", "图为"]
RUNS = [" ", "\u3000", "\t", "1", "#", "x", "一", "（", ">", "。", "-", "\n", "a1.", "【1】", "摄",
        "x ", "一\n", "一\n\n", "# a\n", "（记者 x）\n", "“", "《", "▲\n"]
SUFFIXES = ["x", "。", "）", "", "二"]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          database=None)
@given(st.sampled_from(PREFIXES), st.sampled_from(RUNS), st.sampled_from(SUFFIXES))
def test_cleaning_grows_linearly_on_generated_runs(prefix: str, run: str, suffix: str) -> None:
    n = max(1, 1500 // len(run))
    assert _growth(prefix, run, suffix, n) < RATIO_BOUND
