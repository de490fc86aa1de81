"""The segmentation floor: jieba alone cutting every page of a corpus in N processes.

Reads all ``.txt`` files of a folder, then ``jieba.lcut``s each text in a
``multiprocessing.Pool`` of N workers. Each worker loads jieba's dictionary itself on its
first cut, as a fjhealth worker must, so timing this whole process (interpreter start,
imports, dictionary loads, reading, cutting) gives the least time any jieba-based command
can take on that corpus. Workers return only token counts, so result transfer is not
counted. ``benchmarks/scale.py`` runs it as a subprocess next to the fjhealth commands.

Usage: ``python benchmarks/jieba_floor.py CORPUS_DIR [--jobs N]``
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from multiprocessing import Pool
from pathlib import Path


def count_tokens(text: str) -> int:
    """Segment one text with jieba's default mode; return the number of tokens."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return len(jieba.lcut(text))


def main(argv: list[str] | None = None) -> int:
    """Segment a corpus with jieba in N processes and print the token count."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("corpus", type=Path, help="folder of .txt pages")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    chunk = max(1, min(64, len(texts) // (args.jobs * 8)))
    with Pool(args.jobs) as pool:
        tokens = sum(pool.imap_unordered(count_tokens, texts, chunksize=chunk))
    print(f"{len(texts)} files, {sum(map(len, texts))} characters, {tokens} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
