"""Score plain trafilatura, and fjhealth's HTML reader alone, on the web_dev HTML pages.

Each extractor writes fjhealth-style JSON (title, date, authors, blocks) for every page into a
temporary folder, which ``score_web.py --outputs DIR`` then scores, so the README can set these
figures beside ``fjhealth show``'s in one run:

    python benchmarks/web_baselines.py            # every extractor, one summary line each
    python benchmarks/web_baselines.py --only trafilatura

Extractors:
  trafilatura         trafilatura.bare_extraction, default settings (balanced), with metadata;
                      paragraphs are its text lines
  trafilatura-recall  the same with favor_recall=True
  trafilatura-precision  the same with favor_precision=True
  reader              fjhealth.read.html.read_html alone: lines joined into blocks at gaps,
                      first title candidate, metadata date and authors (the cleaner's input)
  fjhealth            ``fjhealth show ID --corpus html --json`` (the whole pipeline)

Pages are decoded as a corpus page is (``fjhealth.corpus.decode_bytes``: the <meta> charset).
Needs ../shared/data/web_dev relative to the repository root; skips cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "web_dev"
SCORER = DATA / "score_web.py"


def _trafilatura(mode: str) -> Callable[[str], dict[str, Any]]:
    def extract(html: str) -> dict[str, Any]:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, with_metadata=True, favor_recall=mode == "recall",
            favor_precision=mode == "precision",
        )
        if doc is None:
            return {"title": None, "date": None, "authors": [], "blocks": []}
        paras = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
        return {
            "title": doc.title,
            "date": doc.date,
            "authors": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
            "blocks": [{"kind": "paragraph", "text": p} for p in paras],
        }

    return extract


def _reader(html: str) -> dict[str, Any]:
    from fjhealth.read.html import read_html

    doc = read_html(html)
    blocks: list[str] = []
    for line in doc.lines:
        if line.gap or not blocks:
            blocks.append(line.text)
        else:
            blocks[-1] += line.text
    return {
        "title": doc.titles[0] if doc.titles else None,
        "date": doc.date,
        "authors": list(doc.authors),
        "blocks": [{"kind": "paragraph", "text": b} for b in blocks],
    }


EXTRACTORS: dict[str, Callable[[str], dict[str, Any]]] = {
    "trafilatura": _trafilatura("balanced"),
    "trafilatura-recall": _trafilatura("recall"),
    "trafilatura-precision": _trafilatura("precision"),
    "reader": _reader,
}


def _one(job: tuple[str, Path, Path]) -> None:
    """Run one extractor on one page and write DIR/ID.json."""
    from fjhealth.corpus import decode_bytes

    name, page, out = job
    html = decode_bytes(page.read_bytes(), page.name)[0]
    pid = re.match(r"\d+", page.name).group()  # type: ignore[union-attr]
    result = EXTRACTORS[name](html)
    (out / f"{pid}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def _score(args: list[str]) -> str:
    run = subprocess.run([sys.executable, str(SCORER), "--pages", str(DATA / "html"),
                          "--gold", str(DATA / "gold"), "--quiet", *args],
                         capture_output=True, text=True, check=True)
    return run.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=[*EXTRACTORS, "fjhealth"], action="append")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return
    pages = sorted((DATA / "html").glob("*.htm*"))
    for name in args.only or [*EXTRACTORS, "fjhealth"]:
        if name == "fjhealth":
            fj = Path(sys.executable).with_name("fjhealth")
            line = _score(["--fjhealth", str(fj), "--jobs", str(args.jobs)])
        else:
            with tempfile.TemporaryDirectory() as tmp:
                jobs = [(name, p, Path(tmp)) for p in pages]
                with ProcessPoolExecutor(args.jobs) as pool:
                    list(pool.map(_one, jobs))
                line = _score(["--outputs", tmp])
        summary = json.loads(line)
        summary["label"] = name
        print(json.dumps(summary, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
