"""Web-page cleaning quality on ../shared/data/web_dev, every input form, scored by score_web.py.

    python benchmarks/web_quality.py               # summary table, one row per input form
    python benchmarks/web_quality.py --pages       # also one line per page and form (diagnosis)
    python benchmarks/web_quality.py --dir DIR     # score another folder of pages (needs --gold)

Cleans in-process (fjhealth.corpus.read_page + clean.split_articles), writes each page's
`show --json` records to a temporary folder and runs the dataset's own scorer on it
(`score_web.py --outputs`), so the figures are the scorer's. Also reports the cleaning speed
(characters of page text per second of this process's CPU time, so that a loaded machine does not
move it much; the first pass includes loading the weights), and, as a yardstick measured in the same
run, jieba's segmentation speed on the same page texts (``jieba.lcut``, dictionary loaded first):
on a loaded machine both slow down, and their ratio moves far less than either. Exits 0 when the
shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devdata import RENDERINGS, WEB_DEV, available

from fjhealth.clean import split_articles
from fjhealth.corpus import find_files, read_page
from fjhealth.records import article_record

COLUMNS = ("title_acc", "coverage", "precision", "char_precision", "f1", "date_acc",
           "author_acc", "splits", "errors")


def clean_folder(folder: Path, out: Path) -> tuple[int, float]:
    """Write ID.json for every page of ``folder``; return (characters read, seconds cleaning)."""
    chars, seconds = 0, 0.0
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name[:1].isdigit())
    for path in files or find_files(folder):
        page = read_page(path)
        start = time.process_time()
        articles = split_articles(page)
        seconds += time.process_time() - start
        chars += len(page.text)
        records = [article_record(a) for a in articles] or [{"title": None, "blocks": []}]
        (out / f"{page.id}.json").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return chars, seconds


def jieba_rate(folder: Path) -> float:
    """Characters per CPU second ``jieba.lcut`` segments the page texts of ``folder`` at."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")  # the dictionary loads outside the timing
    texts = [read_page(p).text for p in sorted(folder.iterdir()) if p.name[:1].isdigit()]
    start = time.process_time()
    for text in texts:
        jieba.lcut(text)
    return sum(map(len, texts)) / (time.process_time() - start)


def score(folder: Path, gold: Path, show_pages: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        chars, seconds = clean_folder(folder, Path(tmp))
        run = subprocess.run(
            [sys.executable, str(WEB_DEV / "score_web.py"), "--pages", str(folder), "--gold",
             str(gold), "--outputs", tmp], capture_output=True, text=True, check=True)
    lines = [json.loads(x) for x in run.stdout.splitlines() if x.strip()]
    if show_pages:
        for rec in lines[:-1]:
            print(json.dumps(rec, ensure_ascii=False))
    summary = lines[-1]
    summary["pages"] = lines[:-1]
    summary["mchars_per_s"] = chars / seconds / 1e6 if seconds else float("nan")
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", action="store_true", help="print the scorer's line for every page")
    ap.add_argument("--dir", type=Path, help="a folder of pages to score instead of web_dev")
    ap.add_argument("--gold", type=Path, help="gold folder for --dir")
    args = ap.parse_args()
    if args.dir is None and not available():
        print("../shared/data/web_dev not found: nothing to score", file=sys.stderr)
        return 0
    forms = ({args.dir.name: args.dir} if args.dir else
             {name: WEB_DEV / folder for folder, name in RENDERINGS.items()})
    gold = args.gold or WEB_DEV / "gold"
    print("form   " + " ".join(f"{c:>10s}" for c in (*COLUMNS, "Mchars/s", "vs jieba")))
    for name, folder in forms.items():
        s = score(folder, gold, args.pages)
        jieba = jieba_rate(folder) / 1e6
        cells = [s.get(c) for c in (*COLUMNS, "mchars_per_s")] + [s["mchars_per_s"] / jieba]
        print(f"{name:6s} " + " ".join(
            f"{v:>10.3f}" if isinstance(v, float) else f"{v!s:>10s}" for v in cells)
            + f"   (jieba.lcut {jieba:.3f} Mchars/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
