"""The development data (``../shared/data``) must never be copied into the repository: no run of
ten Han characters from a dev page's gold or text may appear in the package or the tests.
Skipped where the dev data is absent (a fresh CI machine)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RUN = re.compile(r"[\u4e00-\u9fff]{10,}")


def _dev_text() -> str:
    files = [*DATA.glob("epaper_dev/pdftotext/gold/*.json"), *DATA.glob("web_dev/gold/*.json"),
             *DATA.glob("web_dev/pages/plain/*")]
    return "\n".join(f.read_text("utf-8", errors="ignore") for f in files)


# Stock labels printed by many sites and papers, not text of any one page: a footer's report line
# and the label of a paper's serial number (which the cleaner's patterns name).
STOCK = {"违法和不良信息举报电话", "国内统一连续出版物号"}


@pytest.mark.skipif(not (DATA / "web_dev").is_dir(), reason="no dev data beside the repository")
def test_no_dev_page_text_in_the_repository() -> None:
    dev = _dev_text()
    found = [f"{path.relative_to(ROOT)}: {run}"
             for path in [*ROOT.glob("fjhealth/**/*.py"), *ROOT.glob("tests/**/*.py"),
                          *ROOT.glob("tests/data/**/*.txt"), *ROOT.glob("tests/data/**/*.html")]
             for run in set(RUN.findall(path.read_text("utf-8", errors="ignore")))
             if run in dev and run not in STOCK]
    assert not found, found
