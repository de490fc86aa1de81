"""Cross-validated web figures: the line and context passes refit with a fifth of the dev pages
held out, in turn, and the held-out pages cleaned and scored by score_web.py.

    python benchmarks/cv_web.py            # one row per input form
    python benchmarks/cv_web.py --pages    # also the scorer's line for every held-out page

Folds are the ones ``fit_flow.py --cv`` uses (page IDs in order, every fifth). The line and
context weights are refit per fold, then the title model on the same training pages' candidates;
the join model and the per-format cuts stay as shipped (fitted on all pages), so paragraph figures
are not fully held out. The shipped lines.json and titles.json are restored at the end. Needs
numpy and ../shared/data/web_dev; exits 0 without them.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from devdata import RENDERINGS, WEB_DEV, available, dev_pages, synthetic_pages
from fit_flow import DATA, _fit_title_weights, _rows, _title_rows, fit

from fjhealth import classify, titles
from fjhealth.classify import CONTEXT_FEATURES
from fjhealth.lines import FEATURES
from fjhealth.titles import TITLE_FEATURES

FOLDS = 5


def _write(line_w, ctx_w, offsets: dict[str, float]) -> None:
    (DATA / "lines.json").write_text(json.dumps({
        "about": "a cross-validation fold (benchmarks/cv_web.py): not the shipped weights",
        "features": list(FEATURES), "line": [round(float(v), 5) for v in line_w],
        "context_features": list(CONTEXT_FEATURES),
        "context": [round(float(v), 5) for v in ctx_w], "offsets": offsets,
    }, indent=1) + "\n", encoding="utf-8")


def _write_titles(w) -> None:
    (DATA / "titles.json").write_text(json.dumps({
        "about": "a cross-validation fold (benchmarks/cv_web.py): not the shipped weights",
        "features": list(TITLE_FEATURES), "weights": [round(float(v), 5) for v in w],
    }, indent=1) + "\n", encoding="utf-8")
    titles.weights.cache_clear()


def _mean(values: list) -> float | None:
    values = [float(v) for v in values if v is not None]
    return sum(values) / len(values) if values else None


def main() -> int:
    if not available():
        print("../shared/data/web_dev not found: nothing to score", file=sys.stderr)
        return 0
    import web_quality  # here: after the availability check

    shipped = (DATA / "lines.json").read_text("utf-8")
    shipped_titles = (DATA / "titles.json").read_text("utf-8")
    offsets = json.loads(shipped)["offsets"]
    pages = list(dev_pages(clean=True))
    rows = _rows(pages + synthetic_pages(pages))
    ids = sorted({p.id for p, *_ in rows})
    scored: dict[str, list[dict]] = {name: [] for name in RENDERINGS.values()}
    try:
        for k in range(FOLDS):
            held = set(ids[k::FOLDS])
            train = [r for r in rows if r[0].id not in held]
            _write(*fit(train), offsets)
            classify.weights.cache_clear()
            _write_titles(_fit_title_weights(_title_rows(train)))
            for folder, name in RENDERINGS.items():
                with tempfile.TemporaryDirectory() as tmp:
                    for path in (WEB_DEV / folder).iterdir():
                        if path.name[:3] in held:
                            (Path(tmp) / path.name).symlink_to(path)
                    scored[name] += web_quality.score(Path(tmp), WEB_DEV / "gold", False)["pages"]
    finally:
        (DATA / "lines.json").write_text(shipped, encoding="utf-8")
        (DATA / "titles.json").write_text(shipped_titles, encoding="utf-8")
        classify.weights.cache_clear()
        titles.weights.cache_clear()
    print(f"{FOLDS}-fold cross-validated (line and context passes and title model refit per fold)")
    print("form    title_acc   coverage  precision         f1  splits  pages")
    for name, recs in scored.items():
        cells = [_mean([r["title_ok"] for r in recs]), _mean([r["coverage"] for r in recs]),
                 _mean([r["precision"] for r in recs]), _mean([r["f1"] for r in recs])]
        print(f"{name:6s} " + " ".join(f"{v:10.3f}" if v is not None else f"{'-':>10s}"
                                       for v in cells)
              + f" {sum(bool(r['split']) for r in recs):7d} {len(recs):6d}")
    if "--pages" in sys.argv:
        for name, recs in scored.items():
            for r in sorted(recs, key=lambda r: r["id"]):
                print(name, json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
