"""Shared fixtures: a small corpus and a page cache in a temporary folder, and the --update-golden
option."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import PAGE_TEXT, write_page
from hypothesis import settings

from fjhealth.cache import PageCache

# Property tests draw the same examples on every run (seeded by each test's name), so that the
# suite gives the same verdict on every machine: CI must not fail on a draw it never made
# before. FJHEALTH_HYPOTHESIS=explore draws new examples, for hunting bugs.
settings.register_profile("fixed", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("FJHEALTH_HYPOTHESIS", "fixed"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``pytest --update-golden`` rewrites the golden files instead of comparing."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


def pytest_configure(config: pytest.Config) -> None:
    """Pass --update-golden to the golden tests, which read FJHEALTH_UPDATE_GOLDEN."""
    if config.getoption("--update-golden"):
        os.environ["FJHEALTH_UPDATE_GOLDEN"] = "1"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A two-page UTF-8 corpus: 001 and 002."""
    folder = tmp_path / "corpus"
    write_page(folder, "001_first.txt", PAGE_TEXT)
    write_page(folder, "002_second.txt", PAGE_TEXT.replace("福建", "泉州"))
    return folder


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory for the whole test session, never the user's own."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    """Tests never depend on the caller's FJHEALTH_CORPUS nor touch the user's cache."""
    monkeypatch.delenv("FJHEALTH_CORPUS", raising=False)
    monkeypatch.setenv("FJHEALTH_CACHE_DIR", str(_cache_dir))


@pytest.fixture(autouse=True)
def _fresh_output() -> Iterator[None]:
    """Each test starts with default output settings and no progress display (the CLI sets
    both once per command, for the whole process)."""
    from fjhealth import progress
    from fjhealth.console import configure
    from fjhealth.output import Output

    configure(Output("text"))
    yield
    progress.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[PageCache]:
    """A page cache in the test's folder, closed afterwards. (It takes the name of pytest's own
    ``cache`` fixture, which no test here uses.)"""
    c = PageCache(tmp_path / "cache")
    yield c
    c.close()
