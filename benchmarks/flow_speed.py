"""The flowing-text cleaner's speed, and a byte-for-byte check that a change kept its output.

    python benchmarks/flow_speed.py dump REF.jsonl DIR...    # every page's articles, all fields
    python benchmarks/flow_speed.py check REF.jsonl DIR...   # the same, compared with REF
    python benchmarks/flow_speed.py time DIR... [--repeat N] [--clean 0]

DIR is a folder of pages (a corpus from ``build_corpus.py``, ``tests/data/web_holdout``, the
three forms of ``../shared/data/web_dev``); ``web_dev`` stands for those three forms and is
skipped when the shared data is absent. Pages are read as the CLI reads them
(``corpus.read_page``) and cleaned by ``clean.split_articles``; ``dump`` writes one JSON line per
page holding every field of every article (``models.article_to_dict``, removed records
included), so ``check`` catches any change of output.

``time`` cleans only the pages that go to the flowing-text cleaner (those for which
``clean.split_articles`` calls ``flow.build``, found in a first pass, as are the weights loaded
then) and prints the CPU seconds of ``--repeat`` passes over them. Instructions: run it under
``valgrind --tool=cachegrind --cache-sim=no`` with ``--clean 1`` and ``--clean 0`` (everything
but the timed passes) and the same ``--list FILE`` (written by a first run: then neither run
cleans pages to find the flow pages); the difference is the cleaning.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devdata import RENDERINGS, WEB_DEV  # noqa: E402

from fjhealth import clean  # noqa: E402
from fjhealth.corpus import find_files, read_page  # noqa: E402
from fjhealth.models import Page, article_to_dict  # noqa: E402


def folders(names: list[str]) -> list[Path]:
    """The folders named; ``web_dev`` is the three forms of the dev pages (none when absent)."""
    out: list[Path] = []
    for name in names:
        if name == "web_dev":
            out += [WEB_DEV / r for r in RENDERINGS if (WEB_DEV / r).is_dir()]
        else:
            out.append(Path(name))
    return out


def read_pages(names: list[str]) -> list[Page]:
    """Every page of the folders, in a stable order."""
    return [read_page(p) for folder in folders(names) for p in sorted(find_files(folder))]


def page_line(page: Page) -> str:
    """One page's cleaned articles as a JSON line, every field of every article."""
    articles = [article_to_dict(a) for a in clean.split_articles(page)]
    return json.dumps({"page": str(page.path), "articles": articles}, ensure_ascii=False)


def flow_pages(pages: list[Page]) -> list[Page]:
    """The pages ``split_articles`` hands to the flowing-text cleaner (``flow.build``)."""
    build, used = clean.build_flow, []

    def spy(doc):  # type: ignore[no-untyped-def]
        used.append(True)
        return build(doc)

    clean.build_flow = spy
    try:
        out = []
        for page in pages:
            used.clear()
            clean.split_articles(page)
            if used:
                out.append(page)
        return out
    finally:
        clean.build_flow = build


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("dump", "check", "time"))
    parser.add_argument("args", nargs="+", help="REF.jsonl (dump, check), then folders")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (time)")
    parser.add_argument("--clean", type=int, default=1, help="0: skip the timed passes (time)")
    parser.add_argument("--list", type=Path, help="file of the flow pages' paths (time): "
                        "written when absent, read when present")
    a = parser.parse_args()
    if a.mode == "time":
        if a.list and a.list.exists():  # the flow pages found before: none cleaned to find them
            paths = a.list.read_text(encoding="utf-8").splitlines()
            pages = [read_page(Path(x)) for x in paths if x]
        else:
            pages = flow_pages(read_pages(a.args))
            if a.list:
                a.list.write_text("\n".join(str(p.path) for p in pages), encoding="utf-8")
        start = time.process_time()
        for _ in range(a.repeat * a.clean):
            for page in pages:
                clean.split_articles(page)
        seconds = time.process_time() - start
        chars = sum(len(p.text) for p in pages)
        print(f"{len(pages)} flow pages, {chars} characters, {a.repeat * a.clean} passes: "
              f"{seconds:.2f} s CPU")
        return 0
    ref, pages = Path(a.args[0]), read_pages(a.args[1:])
    lines = [page_line(p) for p in pages]
    if a.mode == "dump":
        ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} pages written to {ref}")
        return 0
    want = ref.read_text(encoding="utf-8").splitlines()
    bad = [json.loads(x)["page"] for x, y in zip(lines, want, strict=False) if x != y]
    if len(lines) != len(want):
        print(f"{len(lines)} pages, the reference has {len(want)}")
    print(f"{len(lines)} pages, {len(bad)} differ from {ref}", *bad[:20], sep="\n")
    return 1 if bad or len(lines) != len(want) else 0


if __name__ == "__main__":
    sys.exit(main())
