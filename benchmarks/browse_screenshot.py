"""Screenshot of ``fjhealth browse`` from a real run on the seed corpus, for the README.

Drives the reader with Textual's pilot (list, then article 003 opened), saves Textual's SVG
and converts it to PNG with ``rsvg-convert`` (librsvg; ImageMagick's ``convert`` as a fallback).

Run: ``python benchmarks/browse_screenshot.py`` -> docs/browse.png (and docs/browse.svg).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def capture(svg: Path, size: tuple[int, int]) -> None:
    from fjhealth.browse import BrowseApp
    from fjhealth.browse_source import CorpusSource
    from fjhealth.corpus import corpus_dir, find_files

    root = corpus_dir(None)
    app = BrowseApp(CorpusSource(root, find_files(root), jobs=1))
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause(0.5)
        svg.write_text(app.export_screenshot(title="fjhealth browse"), encoding="utf-8")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    svg, png = ROOT / "docs" / "browse.svg", ROOT / "docs" / "browse.png"
    asyncio.run(capture(svg, (110, 32)))
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-z", "1.5", "-o", str(png), str(svg)], check=True)
    elif shutil.which("convert"):
        subprocess.run(["convert", str(svg), str(png)], check=True)
    else:
        print("no SVG converter (rsvg-convert, convert): kept the SVG only", file=sys.stderr)
        return 1
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
