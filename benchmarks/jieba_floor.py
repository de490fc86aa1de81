"""The segmentation floor: jieba alone cutting every page of a corpus in N processes.

Reads all ``.txt`` files of a folder, then ``jieba.lcut``s each text in a
``multiprocessing.Pool`` of N workers, HMM off as fjhealth cuts (``--hmm`` turns it on).
Each worker loads jieba's dictionary itself on its first cut, as a fjhealth worker must, so
timing this whole process (interpreter start, imports, dictionary loads, reading, cutting)
gives the least time any jieba-based command can take on that corpus. Workers return only
token counts, so result transfer is not counted. ``benchmarks/scale.py`` runs it as a
subprocess next to the fjhealth commands.

Usage: ``python benchmarks/jieba_floor.py CORPUS_DIR [--jobs N] [--hmm]``
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from functools import partial
from multiprocessing import Pool
from pathlib import Path


def count_tokens(text: str, hmm: bool = False) -> int:
    """Segment one text with jieba (HMM for unknown words optional); return the token count."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return len(jieba.lcut(text, HMM=hmm))


def main(argv: list[str] | None = None) -> int:
    """Segment a corpus with jieba in N processes and print the token count."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("corpus", type=Path, help="folder of .txt pages")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument(
        "--hmm", action="store_true", help="HMM on (jieba's default); off by default, as fjhealth"
    )
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    chunk = max(1, min(64, len(texts) // (args.jobs * 8)))
    with Pool(args.jobs) as pool:
        cut = partial(count_tokens, hmm=args.hmm)
        tokens = sum(pool.imap_unordered(cut, texts, chunksize=chunk))
    print(f"{len(texts)} files, {sum(map(len, texts))} characters, {tokens} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
