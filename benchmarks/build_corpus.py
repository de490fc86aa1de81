"""Build benchmark corpora of distinct pages recombined from real Chinese news text.

Sources are the dev set (``summ_dev.jsonl``: newspaper articles, one paragraph per line;
``summ_dev_lcsts.jsonl``: short posts) and the seed pages. Each generated page mixes
paragraphs of 2-4 source articles, chosen and shuffled by a seeded RNG, and is laid out in
one of four styles; a fifth of the pages imitate the OCR'd narrow-column newspaper seeds.
Every page's bytes are distinct (checked by sha256), so a content-hash cache gains nothing
from duplicates. The same seed always yields the same files, and the first ``n`` pages of a
larger corpus are the pages of the smaller one.

Run standalone to inspect a corpus: ``python benchmarks/build_corpus.py OUT_DIR --size 100``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_FILES = ("summ_dev.jsonl", "summ_dev_lcsts.jsonl")
DEFAULT_SEED = 20240604

# Share of pages per layout; "ocr" imitates seeds 000/002/003, "markdown" seed 001,
# "web" seed 004, "flow" the dev set itself (one paragraph per line).
LAYOUT_WEIGHTS = {"ocr": 0.2, "markdown": 0.2, "web": 0.3, "flow": 0.3}

# Blank line(s) separating blocks of a seed page.
_BLOCK_BREAK = re.compile(r"\n\s*\n")
# Spaces OCR put between CJK characters of justified lines ("省 医 学 会").
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +(?=[\u3000-\u9fff\uff00-\uffef])")
# Markdown heading marks of seed 001.
_HEADING_MARK = re.compile(r"^#+\s*")
# Seed blocks shorter than this are furniture ("附件下载:"), not paragraphs.
_MIN_SEED_BLOCK = 12


@dataclass(frozen=True, slots=True)
class Source:
    """One real article: its headline (if known) and its paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page to write: its file name and UTF-8 text."""

    name: str
    text: str
    layout: str


def load_sources(data_dir: Path, seeds_dir: Path) -> tuple[Source, ...]:
    """Read the dev-set articles and the seed pages as paragraph lists.

    Args:
        data_dir: folder holding ``summ_dev.jsonl`` and ``summ_dev_lcsts.jsonl``.
        seeds_dir: folder of seed ``.txt`` pages (may be missing).

    Returns:
        The sources in file order: dev articles, short posts, then one per seed page.
    """
    sources: list[Source] = []
    for name in DATA_FILES:
        with (data_dir / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                paragraphs = tuple(p.strip() for p in row["article"].split("\n") if p.strip())
                if paragraphs:
                    sources.append(Source(row.get("summary", "").strip(), paragraphs))
    for seed in sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else ():
        paragraphs = _seed_paragraphs(seed.read_text(encoding="utf-8"))
        if paragraphs:
            sources.append(Source("", paragraphs))
    return tuple(sources)


def _seed_paragraphs(text: str) -> tuple[str, ...]:
    """Blocks of a seed page, column lines re-joined and OCR gaps removed."""
    blocks = []
    for block in _BLOCK_BREAK.split(text):
        joined = "".join(_HEADING_MARK.sub("", line.strip()) for line in block.splitlines())
        joined = _CJK_GAP.sub("", joined)
        if len(joined) >= _MIN_SEED_BLOCK:
            blocks.append(joined)
    return tuple(blocks)


def generate_pages(sources: tuple[Source, ...], count: int, seed: int) -> Iterator[GeneratedPage]:
    """Yield ``count`` pages with pairwise distinct content, deterministically.

    Args:
        sources: real articles to recombine (at least 4).
        count: number of pages.
        seed: RNG seed; equal seeds give equal pages.

    Returns:
        An iterator of pages named ``NNNNN_<sha256 prefix>.txt`` in ID order.
    """
    if len(sources) < 4:
        raise ValueError(f"need at least 4 source articles, got {len(sources)}")
    rng = random.Random(seed)
    titled = [s for s in sources if s.title]
    layouts = list(LAYOUT_WEIGHTS)
    weights = list(LAYOUT_WEIGHTS.values())
    width = max(5, len(str(count)))
    seen: set[str] = set()
    for number in range(1, count + 1):
        while True:
            layout = rng.choices(layouts, weights)[0]
            text = _compose(rng, sources, titled, layout)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest not in seen:  # redraw on the (rare) identical recombination
                break
        seen.add(digest)
        yield GeneratedPage(f"{number:0{width}d}_{digest[:12]}.txt", text, layout)


def _compose(
    rng: random.Random, sources: tuple[Source, ...], titled: list[Source], layout: str
) -> str:
    """Recombine 2-4 sources into one page of the given layout."""
    picked = rng.sample(sources, rng.randint(2, 4))
    groups: list[list[str]] = []
    for source in picked:
        paras = source.paragraphs
        length = rng.randint(1, len(paras))
        start = rng.randint(0, len(paras) - length)
        groups.append(list(paras[start : start + length]))
    paragraphs = [p for group in groups for p in group]
    rng.shuffle(paragraphs)
    title = picked[0].title or rng.choice(titled).title
    subtitle = next((s.title for s in picked[1:] if s.title), "")
    if layout == "ocr":
        return _ocr_page(rng, title, subtitle, paragraphs)
    if layout == "markdown":
        body = "\n\n".join(paragraphs)
        heading = f"\n\n## {subtitle}" if subtitle else ""
        return f"\n\n# {title}{heading}\n\n{body}\n"
    if layout == "web":
        body = "\n\n".join(f"  {p}" for p in paragraphs)
        return f"{title}\n\n{body}\n"
    return title + "\n" + "\n".join(paragraphs) + "\n"


def _ocr_page(rng: random.Random, title: str, subtitle: str, paragraphs: list[str]) -> str:
    """Lay paragraphs out like an OCR'd newspaper column, headline block last."""
    width = rng.randint(12, 16)
    out: list[str] = []
    for paragraph in paragraphs:
        lines = [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
        for index, line in enumerate(lines):
            if index and rng.random() < 0.04:  # column break inside a paragraph
                out.append("")
            if len(line) == width and rng.random() < 0.05:  # justified line, spaced out
                line = " ".join(line)
            out.append(line)
        out.append("")
    out.append(title)
    if subtitle:
        out.append(subtitle)
    return " " + "\n".join(out) + "\n"


def write_corpus(pages: Iterator[GeneratedPage], folder: Path) -> dict[str, int]:
    """Write pages into ``folder`` (created) and check their contents are distinct.

    Returns:
        Page counts per layout.
    """
    folder.mkdir(parents=True, exist_ok=True)
    digests: set[str] = set()
    layouts: dict[str, int] = {}
    written = 0
    for page in pages:
        data = page.text.encode("utf-8")
        digests.add(hashlib.sha256(data).hexdigest())
        (folder / page.name).write_bytes(data)
        layouts[page.layout] = layouts.get(page.layout, 0) + 1
        written += 1
    if len(digests) != written:
        raise AssertionError(f"{written - len(digests)} duplicate pages in {folder}")
    return layouts


def main(argv: list[str] | None = None) -> int:
    """Write one corpus to a folder (for looking at what the benchmark reads)."""
    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path, help="folder to write the .txt pages into")
    parser.add_argument("--size", type=int, default=100, help="number of pages (default 100)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--data-dir", type=Path, default=repo.parent / "shared" / "data")
    args = parser.parse_args(argv)
    sources = load_sources(args.data_dir, repo / "seeds")
    layouts = write_corpus(generate_pages(sources, args.size, args.seed), args.out)
    print(f"wrote {args.size} pages to {args.out}: {layouts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
