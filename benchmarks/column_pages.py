"""The column (e-paper) path's output and cost on every column page at hand, for rewrites that
must not change a byte.

    python benchmarks/column_pages.py inputs FILE [--corpus DIR]   # collect the pages' texts
    python benchmarks/column_pages.py dump INPUTS OUT             # every article, serialised
    python benchmarks/column_pages.py check INPUTS OUT            # the same again? (exit 1 if not)
    python benchmarks/column_pages.py run INPUTS [--repeat N] [--every N] [--none] [--profile]

``inputs`` gathers the pages that take the column path: the OCR-column pages of a scale corpus
(``build_corpus.py DIR --size N``) when ``--corpus`` is given, the e-paper dev pages of every
extractor (``../shared/data/epaper_dev``, skipped when absent) and the pages
``epaper_selfmade.py``, ``epaper_kinds.py``, ``epaper_layouts.py`` and ``epaper_unseen.py``
make. It records, as JSON, each page's name, its
text and the text ``clean_text`` handed to ``columns.column_drafts`` (caught on the way, so the
choice of path is the cleaner's own). ``dump`` writes every article ``clean_text`` makes of them
(``repr`` of each ``Article``: every field, removed records included); ``check`` compares with
such a dump and names the pages that differ. ``run`` cleans the column texts with
``column_drafts`` alone, in one process, after one page cleaned to load what is loaded on first use
(``--none`` cleans only that one: the baseline to subtract under ``valgrind --tool=cachegrind``;
``--profile`` prints a cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import epaper_kinds as K  # noqa: E402
import epaper_layouts as Y  # noqa: E402
import epaper_quality as Q  # noqa: E402
import epaper_selfmade as S  # noqa: E402
import epaper_unseen as U  # noqa: E402

import fjhealth.clean as C  # noqa: E402
from fjhealth.corpus import read_page  # noqa: E402


def _pages(corpus: Path | None):
    """(name, text) of every candidate page."""
    if corpus is not None:
        for path in sorted(corpus.glob("*.txt")):
            yield f"corpus/{path.name}", read_page(path).text
    if (Q.DATA / "score_clean.py").is_file():
        for ex in Q.EXTRACTORS:
            for path in sorted((Q.DATA / ex).glob("*.txt")):
                yield f"dev/{ex}/{path.name}", read_page(path).text
    for k, (text, _) in enumerate(S.pages()):
        yield f"selfmade/{k}", text
    for kind in K.KINDS:
        grid = itertools.product(range(len(K.ARTICLES)), K.WIDTHS, K.PUNCT)
        for k, (art, width, punct) in enumerate(grid):
            yield f"kinds/{kind}/{k}", K.page(kind, k, art, width, punct)[0]
    for name, gen in (("layouts", Y), ("unseen", U)):
        for kind in gen.KINDS:
            grid = itertools.product(range(gen.page.articles), gen.widths(kind), K.PUNCT)
            for k, (art, width, punct) in enumerate(grid):
                yield f"{name}/{kind}/{k}", gen.page(kind, k, art, width, punct)[0]


def collect(corpus: Path | None) -> list[dict[str, str]]:
    """The pages that take the column path, with the text the column cleaner is given."""
    seen: list[str] = []
    real = C.column_drafts

    def catch(text: str):
        seen.append(text)
        return real(text)

    C.column_drafts = catch
    out = []
    try:
        for name, text in _pages(corpus):
            seen.clear()
            C.clean_text(text, name)
            if seen:
                out.append({"name": name, "text": text, "column": seen[0]})
    finally:
        C.column_drafts = real
    return out


def dump(pages: list[dict[str, str]]) -> dict[str, str]:
    """Each page's articles, one ``repr`` a line."""
    return {p["name"]: "\n".join(map(repr, C.clean_text(p["text"], p["name"])))
            for p in pages}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("inputs")
    a.add_argument("out", type=Path)
    a.add_argument("--corpus", type=Path)
    for name in ("dump", "check"):
        b = sub.add_parser(name)
        b.add_argument("inputs", type=Path)
        b.add_argument("out", type=Path)
    r = sub.add_parser("run")
    r.add_argument("inputs", type=Path)
    r.add_argument("--repeat", type=int, default=1)
    r.add_argument("--every", type=int, default=1, help="every Nth page only")
    r.add_argument("--none", action="store_true", help="load the pages, clean none")
    r.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "inputs":
        pages = collect(args.corpus)
        args.out.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        print(f"{len(pages)} column pages")
        return 0
    pages = json.loads(args.inputs.read_text(encoding="utf-8"))
    if args.cmd == "dump":
        args.out.write_text(json.dumps(dump(pages), ensure_ascii=False, indent=0),
                            encoding="utf-8")
        print(f"{len(pages)} pages dumped")
        return 0
    if args.cmd == "check":
        want = json.loads(args.out.read_text(encoding="utf-8"))
        got = dump(pages)
        bad = [k for k in want if got.get(k) != want[k]]
        print(f"{len(want) - len(bad)}/{len(want)} pages identical", *bad[:20], sep="\n")
        return 1 if bad or set(got) != set(want) else 0
    texts = [p["column"] for p in pages[:: args.every]]
    C.column_drafts(texts[0])  # tables and patterns loaded on first use: not counted
    if args.none:
        return 0
    prof = cProfile.Profile() if args.profile else None
    start = time.process_time()
    if prof:
        prof.enable()
    for _ in range(args.repeat):
        for t in texts:
            C.column_drafts(t)
    if prof:
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(35)
    print(f"{len(texts)} pages x {args.repeat}: {time.process_time() - start:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
