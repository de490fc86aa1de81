"""fjhealth.pycut: the pure-Python fallback cut and its private jieba tokenizer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fjhealth import pycut


def test_cut_of_empty_text_and_of_blocks_and_separators() -> None:
    assert pycut.cut("") == []
    tokens = pycut.cut("推进DRG改革， 2022年\r\n医联体")
    assert "".join(tokens) == "推进DRG改革， 2022年\r\n医联体"
    assert "DRG" in tokens and "\r\n" in tokens and "，" in tokens


def test_jieba_cache_in_fjhealth_cache_dir(tmp_path: Path) -> None:
    code = (
        "import tempfile, os; from fjhealth import pycut; pycut.cut('医联体建设');"
        "print(sorted(os.listdir(os.environ['FJHEALTH_CACHE_DIR'])))"
    )
    env = {**os.environ, "FJHEALTH_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "jieba" in out.stdout and ".cache" in out.stdout
    assert "Building prefix dict" not in out.stderr
    assert out.stderr == ""
