"""The fitted weights shipped in ``fjhealth/data`` (written by ``benchmarks/fit_flow.py``)."""

from __future__ import annotations

import json
import operator
from collections.abc import Sequence
from importlib import resources
from typing import Any


def load(name: str, **features: Sequence[str]) -> dict[str, Any]:
    """``data/<name>`` parsed, once each of its ``features`` keys is checked to list the
    features this version computes, in the same order (weights fitted for other features
    would be applied to the wrong inputs).

    >>> len(load("layout.json", features=("bias", "at_width", "lines_at_width", "longer",
    ...                                   "width", "punctuated"))["weights"])
    6
    >>> load("layout.json", features=("bias",))
    Traceback (most recent call last):
    RuntimeError: fjhealth/data/layout.json does not match this version's features
    """
    data = json.loads((resources.files("fjhealth") / "data" / name).read_text("utf-8"))
    if any(data[key] != list(names) for key, names in features.items()):
        raise RuntimeError(f"fjhealth/data/{name} does not match this version's features")
    return data


def dot(w: Sequence[float], x: Sequence[float]) -> float:
    """A fitted model's weighted sum of its inputs, added left to right as ``sum`` does (so
    every model scores as when it was fitted)."""
    if len(w) != len(x):
        raise ValueError("weights and features differ in length")
    return sum(map(operator.mul, w, x))
