"""Are summaries and keywords faithful to the article body? Checked on pages with gold.

    python benchmarks/summary_faithful.py [--group NAME ...] [--show N]

Every page of a set is cleaned as the CLI cleans it (``read_page`` + ``split_articles``, or
``clean_text`` for the e-paper pages typeset here), each cleaned article is matched to the gold
article whose body shares most of its character pairs, and it is summarized three ways (default
settings, ``--sentences 1``, ``--chars 120``) and given its top 10 keywords. Sets (skipped when
absent):

- ``holdout``: tests/data/web_holdout (gold in its gold/), its batch*/ folders and their
  plain/h2t/html forms (gold in each batch's gold/), the three_forms pages in each form
  (plain, h2t, html; gold in three_forms/gold) — pages written for fjhealth, never fitted on;
- ``selfmade``: the 720 column pages of benchmarks/epaper_selfmade.py and the 400 of
  benchmarks/epaper_kinds.py (gold written with them);
- ``web_dev``, ``epaper_dev``: the dev sets, read in place from ../shared/data.

Text is compared after NFKC and with all whitespace removed. A summary sentence is
- faithful when it lies inside one gold paragraph, starting and ending at sentence bounds, or
  starting after an opener pointing back or a dateline that the summary drops
  (``cohesion.leading_connective``: "同时，…"; ``sentence_quality.dateline_end``: "本报讯（记者
  某某）…"; counted on a line of its own);
- ``clause`` when it is so but ends with a semicolon: one clause of a longer sentence (this
  check's splitter cuts at "；"; the summarizer reads a clause in its whole sentence, so only a
  paragraph ending "；" gives one);
- ``cut`` when it lies inside one gold paragraph but starts or ends mid-sentence;
- ``glued`` when it lies in the gold body only across a paragraph break;
- unfaithful otherwise, classed as ``title`` (the title or a subtitle repeated), ``neutral``
  (a caption, byline, credit or date/source line the gold names), ``other`` (another article's
  body on the page), ``mixed`` (body text with something glued on) or ``furniture``.
An ``empty`` summary is one with no sentence although the gold article has prose (for
``--chars 120``: although one gold sentence fits). A keyword is ``foreign`` when it is not in
the gold title or body, a ``fragment`` when it is but no cut of the gold text yields it (a word
cut apart, e.g. by OCR spacing). Prints one table per set; ``--show N`` lists up to N failures
of each kind.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fjhealth import segment  # noqa: E402
from fjhealth.clean import clean_text, split_articles  # noqa: E402
from fjhealth.cohesion import leading_connective  # noqa: E402
from fjhealth.corpus import read_page  # noqa: E402
from fjhealth.keywords import rank_keywords  # noqa: E402
from fjhealth.models import SummaryOptions  # noqa: E402
from fjhealth.sentence_quality import dateline_end  # noqa: E402
from fjhealth.summarize import summarize  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
HOLDOUT = ROOT / "tests" / "data" / "web_holdout"
BUDGETS = {"default": SummaryOptions(), "s1": SummaryOptions(sentences=1),
           "c120": SummaryOptions(chars=120)}
GROUPS = ("holdout", "selfmade", "web_dev", "epaper_dev")
KINDS = ("ok", "clause", "cut", "glued", "title", "neutral", "other", "mixed", "furniture")
OPENER = "opener"  # faithful, quoted without its opener pointing back ("同时，")
MIXED_SHARE = 0.5  # a sentence with this share of its characters in body 8-grams is "mixed"


def norm(s: str) -> str:
    """NFKC, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", s or "").split())


class Gold:
    """One gold article: normalised paragraphs, their sentence bounds, title and neutral text."""

    def __init__(self, title: str, paragraphs: list[str], neutral: list[str]) -> None:
        self.title = norm(title)
        raw = [p for p in paragraphs if norm(p)]
        self.paras = list(map(norm, raw))
        self.body = "".join(self.paras)
        self.neutral = [x for x in map(norm, neutral) if x]
        self.bounds = [self._bounds(p) for p in raw]
        self.sentences = [s for p in raw for s in segment.split_sentences(p)]
        self._tokens: set[str] | None = None

    @staticmethod
    def _bounds(raw: str) -> set[int]:
        """Sentence bounds in the normalised paragraph (split before NFKC, which turns "…"
        into "..." that the splitter reads otherwise)."""
        para = norm(raw)
        out, at = {0, len(para)}, 0
        for s in map(norm, segment.split_sentences(raw)):
            at = para.find(s, at)
            out |= {at, at + len(s)}
            at += len(s)
        return out

    def tokens(self) -> set[str]:
        if self._tokens is None:
            self._tokens = {w for t in [self.title, *self.paras] for w in segment.words(t)}
        return self._tokens

    def pairs(self) -> set[str]:
        return {self.body[i : i + 2] for i in range(len(self.body) - 1)}


def classify(sentence: str, gold: Gold | None, others: list[Gold]) -> str:
    """One of ``KINDS`` for a summary sentence (see the module docstring)."""
    s = norm(sentence)
    if gold is not None:
        for para, bounds in zip(gold.paras, gold.bounds, strict=True):
            at = para.find(s)
            while at >= 0:
                if at + len(s) in bounds:
                    if at in bounds:
                        return "clause" if s.endswith((";", "；")) else "ok"
                    if any((leading_connective(para[b:]) or dateline_end(para[b:])) == at - b
                           for b in bounds if b < at):
                        return OPENER
                at = para.find(s, at + 1)
        if any(s in p for p in gold.paras):
            return "cut"
        if s in gold.body:
            return "glued"
        if s == gold.title or (len(s) >= 4 and s in gold.title):
            return "title"
        if any(s in x or (len(x) >= 4 and x in s) for x in gold.neutral):
            return "neutral"
    if any(s in g.body for g in others):
        return "other"
    if gold is not None and len(s) >= 8:
        grams = {gold.body[i : i + 8] for i in range(len(gold.body) - 7)}
        hit = [False] * len(s)
        for i in range(len(s) - 7):
            if s[i : i + 8] in grams:
                hit[i : i + 8] = [True] * 8
        if sum(hit) >= MIXED_SHARE * len(s):
            return "mixed"
    return "furniture"


def match(article, golds: list[Gold]) -> Gold | None:
    """The gold article sharing most character pairs with the cleaned article's body."""
    body = norm(article.body)
    mine = {body[i : i + 2] for i in range(len(body) - 1)}
    best = max(golds, key=lambda g: len(mine & g.pairs()), default=None)
    return best if best is not None and mine & best.pairs() else None


# ------------------------------------------------------------------------- the sets


def _web_gold(path: Path) -> list[Gold]:
    g = json.loads(path.read_text("utf-8"))
    neutral = [*g.get("neutral", []), *g.get("title_also_accepted", [])]
    return [Gold(g.get("title") or "", g["paragraphs"], neutral)]


def _epaper_gold(g: dict) -> list[Gold]:
    return [Gold(a["title"], a["paragraphs"],
                 [*a.get("subtitles", []), a.get("byline", ""), a.get("date", ""),
                  *a.get("captions", []), *g.get("boilerplate", [])]) for a in g["articles"]]


def _web_folder(folder: Path, gold: Path, label: str) -> Iterator[tuple[str, tuple, list[Gold]]]:
    for path in sorted(folder.iterdir()):
        stem = path.name.split("_")[0].split(".")[0]
        if path.is_file() and path.suffix in (".txt", ".html", ".md") and \
                (gold / f"{stem}.json").is_file():
            yield f"{label}/{path.name}", split_articles(read_page(path)), \
                _web_gold(gold / f"{stem}.json")


def cases(group: str) -> Iterator[tuple[str, tuple, list[Gold]]]:
    """(page name, cleaned articles, gold articles) of every page of a set."""
    if group == "holdout":
        yield from _web_folder(HOLDOUT, HOLDOUT / "gold", "holdout")
        for batch in sorted(HOLDOUT.glob("batch*/")):
            yield from _web_folder(batch, batch / "gold", batch.name)
            for form in ("plain", "h2t", "html"):
                if (batch / form).is_dir():
                    yield from _web_folder(batch / form, batch / "gold", f"{batch.name}/{form}")
        forms = HOLDOUT / "three_forms"
        for form in ("plain", "h2t", "html"):
            yield from _web_folder(forms / form, forms / "gold", form)
    elif group == "selfmade":
        import epaper_kinds as K
        import epaper_selfmade as S

        for text, g in S.pages():
            yield f"selfmade/{g['seed']}", clean_text(text, g["seed"]), _epaper_gold(g)
        for kind in K.KINDS:
            for k, (art, width, punct) in enumerate(
                    __import__("itertools").product(range(len(K.ARTICLES)), K.WIDTHS, K.PUNCT)):
                text, g = K.page(kind, k, art, width, punct)
                yield g["seed"], clean_text(text, g["seed"]), _epaper_gold(g)
    elif group == "web_dev":
        web = SHARED / "web_dev"
        if (web / "gold").is_dir():
            for folder in ("pages/plain", "pages/h2t", "html"):
                yield from _web_folder(web / folder, web / "gold", folder.split("/")[-1])
    elif group == "epaper_dev":
        data = SHARED / "epaper_dev"
        for ex in ("pdftotext", "raw", "fitz", "fitzblocks", "pdfminer"):
            for path in sorted((data / ex).glob("*.txt")) if (data / ex).is_dir() else ():
                g = json.loads((data / ex / "gold" / f"{path.name[:3]}.json").read_text("utf-8"))
                yield f"{ex}/{path.name[:3]}", split_articles(read_page(path)), _epaper_gold(g)


# ---------------------------------------------------------------------- measuring


def measure(group: str, show: int) -> dict | None:
    """Counts over every page of the set, and up to ``show`` examples of each failure."""
    n = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)

    def note(kind: str, text: str) -> None:
        if len(examples[kind]) < show:
            examples[kind].append(text)

    for name, articles, golds in cases(group):
        n["pages"] += 1
        for article in articles:
            gold = match(article, golds)
            others = [g for g in golds if g is not gold]
            n["articles"] += 1
            if gold is None:
                n["unmatched"] += 1
            for budget, options in BUDGETS.items():
                summary = summarize(article, options)
                if not summary.sentences and gold is not None and gold.sentences and (
                        budget != "c120" or min(map(len, gold.sentences)) <= 120):
                    n[f"empty_{budget}"] += 1
                    note(f"empty_{budget}", f"{name} {article.id} {article.title!r}")
                for s in summary.sentences:
                    kind = classify(s.text, gold, others)
                    if kind == OPENER:
                        n[f"opener_{budget}"] += 1
                        kind = "ok"
                    kinds[budget][kind] += 1
                    if kind != "ok":
                        note(kind, f"{name} [{budget}] {s.text}")
            for kw in rank_keywords(article, 10):
                n["keywords"] += 1
                w = norm(kw.word)
                if gold is None or (w not in gold.body and w not in gold.title):
                    n["kw_foreign"] += 1
                    note("kw_foreign", f"{name} {kw.word}")
                elif w not in gold.tokens():
                    n["kw_fragment"] += 1
                    note("kw_fragment", f"{name} {kw.word}")
    if not n["pages"]:
        return None
    return {"n": n, "kinds": kinds, "examples": examples}


def report(group: str, result: dict) -> None:
    n, kinds = result["n"], result["kinds"]
    print(f"\n## {group}: {n['pages']} pages, {n['articles']} articles "
          f"({n['unmatched']} matching no gold article)")
    print(f"{'budget':<8}{'sentences':>10}{'faithful':>9}" + "".join(f"{k:>10}" for k in KINDS[1:])
          + f"{'empty':>7}")
    for budget in BUDGETS:
        c = kinds[budget]
        total = sum(c.values())
        print(f"{budget:<8}{total:>10}{c['ok'] / total if total else 0:>9.4f}"
              + "".join(f"{c[k]:>10}" for k in KINDS[1:]) + f"{n[f'empty_{budget}']:>7}")
    print("faithful sentences quoted without an opener pointing back: "
          + ", ".join(f"{b} {n[f'opener_{b}']}" for b in BUDGETS))
    k = n["keywords"]
    print(f"keywords {k}: foreign {n['kw_foreign']} ({n['kw_foreign'] / max(k, 1):.4f}), "
          f"fragments {n['kw_fragment']} ({n['kw_fragment'] / max(k, 1):.4f})")
    for kind, items in result["examples"].items():
        for item in items:
            print(f"  {kind}: {item}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--group", action="append", choices=GROUPS)
    ap.add_argument("--show", type=int, default=0, help="examples of each failure to list")
    args = ap.parse_args(argv)
    for group in args.group or GROUPS:
        result = measure(group, args.show)
        if result is None:
            print(f"\n## {group}: skipped (no pages or gold found)")
        else:
            report(group, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
