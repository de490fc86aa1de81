"""Near-duplicate detection: precision and recall of pairs on planted reposts, time at scale.

Quality: the distinct articles of the dev sets (``summ_dev.jsonl``, ``summ_dev_lcsts.jsonl``, the
e-paper gold articles) are written one per page; for 80 of the newspaper articles (a seeded
choice), one to three reposts are planted beside them, each made by a mix of what happens when a
story is carried by another site or typed into an archive again:
- other page furniture: a breadcrumb line, a source/date line, an editor's line, share widgets;
- other line breaks: paragraphs hard-wrapped at 18-30 characters, or joined into one;
- small edits: a sentence dropped, a few characters changed, digits changed, a lead-in added.
Every page goes through fjhealth's cleaner; a pair of pages counts as found when two of their
articles share a group. Truth: every pair of pages within a planted family. Reported:
precision, recall and F1 of the pairs.

Scale (``--scale N``): a corpus of N distinct pages from ``build_corpus.py`` (which recombines
paragraphs of the same sources, so some pages legitimately overlap), cleaned once into a
private page cache; then fingerprinting every article and grouping are timed in-process.

Run: ``python benchmarks/dedupe_quality.py [--scale 10000]``. Skips when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FAMILIES = 80
SEED = 20260302


def load_texts(data: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Newspaper articles (paragraph lists) and other distinct texts."""
    news = []
    with (data / "summ_dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            news.append([row["summary"], *(p.strip() for p in row["article"].split("\n") if p)])
    others = []
    with (data / "summ_dev_lcsts.jsonl").open(encoding="utf-8") as f:
        for line in f:
            others.append([json.loads(line)["article"]])
    seen = set()
    for path in sorted((data / "epaper_dev" / "pdftotext" / "gold").glob("*.json")):
        for art in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            if art["title"] not in seen and art["paragraphs"]:
                seen.add(art["title"])
                others.append([art["title"], *art["paragraphs"]])
    return news, others


def repost(rng: random.Random, paragraphs: list[str]) -> str:
    """Another copy of an article: other furniture, other line breaks, small edits."""
    title, body = paragraphs[0], list(paragraphs[1:])
    if len(body) > 3 and rng.random() < 0.5:  # a sentence or paragraph dropped
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.5:  # a few characters changed
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(body))
            text = body[i]
            if len(text) > 10:
                k = rng.randrange(len(text))
                body[i] = text[:k] + rng.choice("的了和在是有") + text[k + 1 :]
    if rng.random() < 0.3:  # digits changed
        body = [p.replace("1", "7") for p in body]
    if rng.random() < 0.3:
        body[0] = rng.choice(["本报讯 ", "（转载）", "据新华社报道，"]) + body[0]
    if rng.random() < 0.5:  # hard-wrapped lines
        width = rng.randint(18, 30)
        body = ["\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in body]
    elif rng.random() < 0.3:  # all in one paragraph
        body = ["".join(body)]
    header = rng.choice(
        ["首页 > 新闻中心 > 正文", "当前位置：首页 > 要闻", "健康时报网 > 资讯 > 政策"]
    )
    site = rng.choice(["人民网", "新华网", "健康报"])
    source = f"来源：{site} 发布时间：2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    footer = rng.choice(["责任编辑：王敏", "【打印本页】【关闭窗口】", "分享到：微信 微博 QQ空间"])
    return "\n\n".join([header, title, source, *body, footer]) + "\n"


def quality(data: Path) -> str:
    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.dedupe import find_duplicates, fingerprint

    news, others = load_texts(data)
    rng = random.Random(SEED)
    chosen = set(rng.sample(range(len(news)), FAMILIES))
    pages: list[tuple[str, int | None]] = []  # (text, family)
    for i, paras in enumerate(news):
        pages.append(("\n\n".join(paras) + "\n", i if i in chosen else None))
        if i in chosen:
            pages += [(repost(rng, paras), i) for _ in range(rng.randint(1, 3))]
    pages += [("\n\n".join(p) + "\n", None) for p in others]
    rng.shuffle(pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        family: dict[str, int | None] = {}
        for n, (text, fam) in enumerate(pages):
            (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
            family[f"{n:05d}"] = fam
        cache = PageCache(Path(tmp) / "cache")
        articles = [a for r in run_corpus(find_files(folder), ArticlesTask(), cache=cache)
                    for a in r.result or ()]
        started = time.perf_counter()
        groups = find_duplicates((a.id, fingerprint(a)) for a in articles)
        seconds = time.perf_counter() - started
        cache.close()
    found = set()
    for g in groups:
        page_ids = sorted({i.split("-")[0] for i in g.ids})
        found.update(combinations(page_ids, 2))
    members: dict[int, list[str]] = {}
    for pid, fam in family.items():
        if fam is not None:
            members.setdefault(fam, []).append(pid)
    truth = {p for ids in members.values() for p in combinations(sorted(ids), 2)}
    hit = len(found & truth)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"Planted: {len(pages)} pages ({len(articles)} articles after cleaning), {FAMILIES}"
        f" families, {len(truth)} true pairs; grouping took {seconds * 1000:.0f} ms.\n\n"
        "| pairs found | correct | precision | recall | F1 |\n|---|---|---|---|---|\n"
        f"| {len(found)} | {hit} | {precision:.3f} | {recall:.3f} | {f1:.3f} |\n"
    )


def scale(size: int) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from build_corpus import DEFAULT_SEED, generate_pages, load_sources, write_corpus

    from fjhealth.batch import ArticlesTask, run_corpus
    from fjhealth.cache import PageCache
    from fjhealth.corpus import find_files
    from fjhealth.dedupe import find_duplicates, fingerprint

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(generate_pages(load_sources(DATA, ROOT / "seeds"), size, DEFAULT_SEED), folder)
        cache = PageCache(Path(tmp) / "cache")
        articles = [a for r in run_corpus(find_files(folder), ArticlesTask(), cache=cache)
                    for a in r.result or ()]
        t0 = time.perf_counter()
        prints = [(a.id, fingerprint(a)) for a in articles]
        t1 = time.perf_counter()
        groups = find_duplicates(prints)
        t2 = time.perf_counter()
        cache.close()
    chars = sum(a.char_count for a in articles)
    return (
        f"Scale: {size} pages, {len(articles)} articles, {chars / 1e6:.1f} M characters:"
        f" fingerprints {t1 - t0:.2f} s, grouping {t2 - t1:.2f} s (one process);"
        f" {len(groups)} groups found among these recombined pages.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--scale", type=int, default=0, help="also time N generated pages")
    args = parser.parse_args(argv)
    if not (args.data / "summ_dev.jsonl").exists():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("FJHEALTH_CACHE_DIR", tempfile.mkdtemp())
    print(quality(args.data))
    if args.scale:
        print(scale(args.scale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
