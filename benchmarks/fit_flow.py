"""Fit the flow cleaner's models on the web development pages -> fjhealth/data/*.json.

    python benchmarks/fit_flow.py            # fit on all dev pages, write the weights
    python benchmarks/fit_flow.py --cv       # also report leave-pages-out line and title accuracy

Four logistic regressions, fitted in order because each uses the one before:
- lines.json: the line pass (``fjhealth.lines.FEATURES``) and the context pass on its logits
  (``fjhealth.classify``); each line weighted by log1p of its length, since the scores count
  characters; last, per page format, the cut (an offset on the context logit) that scores best
  on the dev pages of that format (coverage + precision, by score_web.py);
- joins.json: whether a body line continues the previous one's paragraph (``fjhealth.flow``),
  on pages whose gold keeps the page's paragraphs;
- titles.json, last: title candidates (``fjhealth.titles``), made by the cleaner itself with
  the line weights and offsets just written (``flow_body.body_scores``), so that the model is fitted
  on what it meets in use, labelled by the scorer's title rule (with --cv: the share of page
  renderings, per rendering, whose chosen title is right when the model is fitted without the
  page, 5 folds by page).
Needs numpy (`pip install -e '.[bench]'`) and ../shared/data/web_dev; exits 0 without them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

import numpy as np
from devdata import ROOT, SHARED, WEB_DEV, available, dev_pages, norm, synthetic_pages

from fjhealth import classify
from fjhealth.classify import CONTEXT_FEATURES, context_features, post_scores
from fjhealth.corpus import read_page
from fjhealth.flow import title_candidates
from fjhealth.flow_body import body_scores
from fjhealth.join_model import JOIN_FEATURES, join_features, join_weights
from fjhealth.layout import LAYOUT_FEATURES, layout_features
from fjhealth.lines import FEATURES, line_features
from fjhealth.titles import MIN_PROBABILITY, TITLE_FEATURES

DATA = ROOT / "fjhealth" / "data"
# Cuts of the context probability tried per page format (see fit_offsets).
CUTS = (0.3, 0.4, 0.5, 0.6)
# Seed pages set in newspaper columns (the others are a web page and a Markdown export).
COLUMN_SEEDS = ("000", "002", "003")
# L2 penalty on the weights (not the bias), in units of the summed line weights.
L2 = 1e-3


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted L2-regularised logistic regression by Newton's method."""
    beta = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], L2 * w.sum())
    reg[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + reg * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(beta)), grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def _rows(pages):
    """Per page: line features, labels and line weights (neutral lines dropped later)."""
    out = []
    for p in pages:
        labels = p.labels()
        feats = line_features(p.doc.lines)
        lens = [np.log1p(len(ln.text)) for ln in p.doc.lines]
        out.append((p, np.array(feats, float), labels, np.array(lens)))
    return out


def fit(rows) -> tuple[np.ndarray, np.ndarray]:
    """The line and context passes, on every rendering but HTML: trafilatura has already taken
    most furniture out of those, so they would teach that nearly every line is article text."""
    rows = [r for r in rows if r[0].rendering != "html"]
    keep = [(f, lab, wt) for _, f, lab, wt in rows]
    x = np.vstack([f[[v is not None for v in lab]] for f, lab, _ in keep])
    y = np.concatenate([[v for v in lab if v is not None] for _, lab, _ in keep]).astype(float)
    w = np.concatenate([wt[[v is not None for v in lab]] for _, lab, wt in keep])
    line_w = fit_logistic(x, y, w)
    cx, cy, cw = [], [], []
    for p, f, lab, wt in rows:
        ctx = _context(p, f, line_w)
        mask = [v is not None for v in lab]
        cx.append(ctx[mask])
        cy.extend(v for v in lab if v is not None)
        cw.append(wt[mask])
    ctx_w = fit_logistic(np.vstack(cx), np.array(cy, float), np.concatenate(cw))
    return line_w, ctx_w


def accuracy(rows, line_w, ctx_w) -> float:
    """Length-weighted share of labelled lines classified right."""
    right = total = 0.0
    for p, f, lab, wt in rows:
        ctx = _context(p, f, line_w)
        pred = (ctx @ ctx_w) > 0
        for k, v in enumerate(lab):
            if v is not None:
                total += wt[k]
                right += wt[k] * (pred[k] == bool(v))
    return right / max(total, 1e-9)


def _context(p, f, line_w) -> np.ndarray:
    """The context pass's inputs for one page, as ``classify.body_probabilities`` makes them."""
    return np.array(context_features(post_scores(p.doc.lines, list(f @ line_w))), float)


def fit_offsets(write) -> dict[str, float]:
    """Per page format, the cut of the context probability (an offset on its logit) that gives
    the best coverage + precision on the dev pages of that format, scored by score_web.py:
    ``write(offsets)`` writes lines.json with them before each try. Cuts are tried only where
    the model is unsure (``CUTS``): below 0.3 it would keep lines it finds more than twice as
    likely to be furniture, which buys dev coverage with precision on other sites' pages."""
    import web_quality  # here: it imports the cleaner, which needs lines.json written first

    offsets = {"text": 0.0, "markdown": 0.0, "html": 0.0}
    for fmt, folder in (("text", "pages/plain"), ("markdown", "pages/h2t"), ("html", "html")):
        best = (-1.0, 0.0)
        for cut in CUTS:
            offsets[fmt] = round(float(-np.log(cut / (1 - cut))), 4)
            write(offsets)
            classify.weights.cache_clear()
            s = web_quality.score(WEB_DEV / folder, WEB_DEV / "gold", False)
            best = max(best, (s["coverage"] + s["precision"], offsets[fmt]))
            print(f"offset {fmt}: cut {cut:.1f}: coverage {s['coverage']:.3f} "
                  f"precision {s['precision']:.3f}")
        offsets[fmt] = best[1]
    write(offsets)
    classify.weights.cache_clear()
    return offsets


def title_ok(gold: dict, text: str) -> bool:
    """The scorer's rule: equal after normalising, or one holds the other at >= 90% length."""
    out = norm(text)
    for g in [gold.get("title"), *gold.get("title_also_accepted", [])]:
        g = norm(g or "")
        if not g or not out:
            continue
        short, long_ = sorted((g, out), key=len)
        if g == out or (short in long_ and len(short) >= 0.9 * len(long_)):
            return True
    return False


def _write(name: str, features, w, extra: dict | None = None) -> None:
    (DATA / name).write_text(json.dumps({
        "about": "fitted by benchmarks/fit_flow.py on ../shared/data/web_dev",
        "features": list(features),
        "weights": [round(float(v), 5) for v in w],
        **(extra or {}),
    }, indent=1) + "\n", encoding="utf-8")
    for n, v in zip(features, w, strict=True):
        print(f"  {n:18s} {v:+.3f}")


def _title_rows(rows):
    """Per page rendering with a gold title: (page id, rendering, candidates, labels by the
    scorer's rule). Candidates come from the cleaner itself (``flow_body.body_scores``,
    ``flow.title_candidates``) with the weights just written, so the model is fitted on what it
    will see in use."""
    out = []
    for p, *_ in rows:
        if not p.gold.get("title"):
            continue
        cands = title_candidates(p.doc, body_scores(p.doc))
        if cands:
            out.append((p.id, p.rendering, cands, [title_ok(p.gold, c.core) for c in cands]))
    return out


def _fit_title_weights(trows) -> np.ndarray:
    x = [c.features for _, _, cands, _ in trows for c in cands]
    y = [v for *_, labels in trows for v in labels]
    return fit_logistic(np.array(x, float), np.array(y, float), np.ones(len(y)))


def _titles_right(trows, w) -> list[bool]:
    """Per page rendering: the chosen candidate (``titles.choose_title``'s rule) is right."""
    out = []
    for _, _, cands, labels in trows:
        if not cands:
            out.append(False)
            continue
        z = np.array([c.features for c in cands], float) @ w
        k = int(np.argmax(z))
        out.append(bool(labels[k]) and 1 / (1 + np.exp(-z[k])) >= MIN_PROBABILITY)
    return out


def fit_titles(rows, cv: bool = False) -> None:
    trows = _title_rows(rows)
    found = sum(any(labels) for *_, labels in trows)
    print(f"titles: a right candidate exists on {found}/{len(trows)} page renderings")
    if cv:
        ids = sorted({r[0] for r in trows})
        right: dict[str, list[bool]] = {}
        for k in range(5):
            held = set(ids[k::5])
            w = _fit_title_weights([r for r in trows if r[0] not in held])
            test = [r for r in trows if r[0] in held]
            for r, ok in zip(test, _titles_right(test, w), strict=True):
                right.setdefault(r[1], []).append(ok)
        print("titles, leave-pages-out (5 folds), right per rendering: " + ", ".join(
            f"{k} {np.mean(v):.3f}" for k, v in sorted(right.items())))
    w = _fit_title_weights(trows)
    right_in = _titles_right(trows, w)
    print(f"titles in-sample: {np.mean(right_in):.3f} right")
    _write("titles.json", TITLE_FEATURES, w)


def fit_joins(rows, line_w, ctx_w) -> None:
    x, y = [], []
    for p, _, lab, _ in rows:
        if not p.gold.get("paragraph_structure", True):
            continue
        starts = [norm(q) for q in p.gold["paragraphs"]]
        starts = [s[:16] for s in starts if len(s) >= 4]
        lines = p.doc.lines
        for i in range(1, len(lines)):
            if lab[i] != 1 or lab[i - 1] != 1:
                continue
            nb = norm(lines[i].text)[:16]
            if len(nb) < 4:
                continue
            brk = any(s.startswith(nb) or nb.startswith(s) for s in starts)
            x.append(join_features(lines[i - 1], lines[i]))
            y.append(not brk)
    w = fit_logistic(np.array(x, float), np.array(y, float), np.ones(len(y)))
    print(f"joins: {len(y)} line pairs, {sum(y)} joined in the gold")
    _write("joins.json", JOIN_FEATURES, w)


# Short column pages typeset here for the layout fit: column widths (cells; the e-paper dev
# pages are set 10-18 characters wide, papers set narrower and wider columns too), how many, and
# the length of their text (characters: 10-30 printed lines at these widths).
TYPESET_WIDTHS = (9, 12, 16, 20, 22)
TYPESET_PAGES = 60
TYPESET_CHARS = (180, 480)


def typeset_pages() -> list[str]:
    """Short column pages (``tests/helpers.typeset_page``) set from the opening paragraphs of
    articles of ../shared/data/summ_dev.jsonl (prose, not the e-paper pages): each width with
    full- and half-width punctuation, a masthead, byline, column breaks and a headline printed
    last now and then. A short page in wide columns holds few lines at one width, unlike the
    dev pages' long ones."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import typeset_page

    path = SHARED / "summ_dev.jsonl"
    if not path.is_file():
        return []
    arts = [[p for p in json.loads(line)["article"].split("\n") if len(p) >= 20]
            for line in path.open(encoding="utf-8")]
    arts = [a for a in arts if a]
    rng = random.Random(13)
    out = []
    for k in range(TYPESET_PAGES):
        paras, size = [], rng.randint(*TYPESET_CHARS)
        for para in rng.choice(arts):
            paras.append(para[: size - sum(map(len, paras))])
            if sum(map(len, paras)) >= size:
                break
        head = paras[0][: rng.randint(8, 14)].rstrip("，。、；：")
        width = TYPESET_WIDTHS[k % len(TYPESET_WIDTHS)]
        out.append(typeset_page(
            paras, width, headline=head, byline="本报记者 王平" if k % 2 else "",
            masthead=("健康周报", "第2版") if k % 3 else (), column_lines=rng.choice((0, 0, 7, 12)),
            punct=(1.0, 0.5)[k // len(TYPESET_WIDTHS) % 2], headline_last=rng.random() < 0.25))
    return out


def fit_layout() -> None:
    """Column or flowing text: e-paper dev pages (every extractor), column pages typeset here
    and column seeds against web dev pages (both text renderings), flowing seeds and pages of
    furniture only."""
    x, y = [], []
    for path in sorted((SHARED / "epaper_dev").glob("*/[0-9]*.txt")):
        x.append(layout_features(path.read_text("utf-8").split("\n")))
        y.append(1.0)
    for text in typeset_pages():
        x.append(layout_features(text.split("\n")))
        y.append(1.0)
    for path in sorted((WEB_DEV / "pages").glob("*/*.txt")):
        x.append(layout_features(read_page(path).text.split("\n")))
        y.append(0.0)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        x.append(layout_features(path.read_text("utf-8").split("\n")))
        y.append(float(path.name[:3] in COLUMN_SEEDS))
    rng = random.Random(11)  # pages of furniture only (menus, footers): flowing text, no article
    furniture = [ln.text for p in dev_pages(("pages/plain",))
                 for ln, lab in zip(p.doc.lines, p.labels(), strict=True) if lab == 0]
    for _ in range(60):
        x.append(layout_features(rng.sample(furniture, rng.randint(8, 40))))
        y.append(0.0)
    w = fit_logistic(np.array(x, float), np.array(y, float), np.ones(len(y)))
    pred = np.array(x, float) @ w > 0
    print(f"layout: {int((pred == np.array(y, bool)).sum())}/{len(y)} pages right")
    _write("layout.json", LAYOUT_FEATURES, w)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="report 5-fold leave-pages-out accuracy")
    args = ap.parse_args()
    if not available():
        print("../shared/data/web_dev not found: nothing to fit", file=sys.stderr)
        return 0
    fit_layout()
    pages = list(dev_pages(clean=True))
    rows = _rows(pages + synthetic_pages(pages))
    ids = sorted({p.id for p, *_ in rows})
    if args.cv:
        accs = []
        for k in range(5):
            held = set(ids[k::5])
            train = [r for r in rows if r[0].id not in held]
            test = [r for r in rows if r[0].id in held]
            accs.append(accuracy(test, *fit(train)))
        print(f"leave-pages-out accuracy (5 folds): {np.mean(accs):.4f} "
              f"({', '.join(f'{a:.3f}' for a in accs)})")
    line_w, ctx_w = fit(rows)
    print(f"in-sample accuracy: {accuracy(rows, line_w, ctx_w):.4f} on {len(rows)} page renderings")

    def write(offsets: dict[str, float]) -> None:
        (DATA / "lines.json").write_text(json.dumps({
            "about": "fitted by benchmarks/fit_flow.py on ../shared/data/web_dev; see classify.py",
            "features": list(FEATURES),
            "line": [round(float(v), 5) for v in line_w],
            "context_features": list(CONTEXT_FEATURES),
            "context": [round(float(v), 5) for v in ctx_w],
            "offsets": offsets,
        }, indent=1) + "\n", encoding="utf-8")

    write({"text": 0.0, "markdown": 0.0, "html": 0.0})
    for name, v in zip(FEATURES, line_w, strict=True):
        print(f"  {name:15s} {v:+.3f}")
    for name, v in zip(CONTEXT_FEATURES, ctx_w, strict=True):
        print(f"  ctx {name:11s} {v:+.3f}")
    fit_joins(rows, line_w, ctx_w)
    join_weights.cache_clear()
    fit_titles(rows)  # a first fit, for the offsets' scoring, on the offsets' neutral cut
    classify.weights.cache_clear()
    fit_offsets(write)
    fit_titles(rows, args.cv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
