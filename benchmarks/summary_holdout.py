"""Summaries and keywords on hold-out pages with an editor's gold: does the one-sentence summary
say what the article is about, does every summary sentence read on its own, do the keywords
name what the article is about?

    python benchmarks/summary_holdout.py [--dir DIR] [--pages GLOB] [--show]

Pages: ``tests/data/summ_holdout/pages`` (written for fjhealth, never fitted on; kinds the dev
sets hold few of: notices with numbered items, Q&A and interviews, WeChat explainers with bold
lead-ins, briefs of two or three sentences, reports opening with a slogan or with a quote whose
speaker is named later, statistics reports, background first and news second). Each page is
read as the CLI reads it (``read_page`` + ``split_articles``; a page giving several articles is
flagged ``split`` and its longest article scored), summarized at ``--sentences 1`` and at the
default budget, and given its top 10 keywords with the IDF of all the pages as a corpus (as
``fjhealth keywords --all --corpus DIR``). Gold (``gold.json`` beside ``pages``): per page the
sentence(s) an editor would take as a one-sentence summary, and 5-8 acceptable keywords.

Scores:
- ``s1 hit``: the one-sentence summary is an acceptable sentence (NFKC, no whitespace; or its
  tail of 60% or more, a dropped opener);
- flags on every summary sentence, at both budgets: ``clause`` (ends "；"), ``dangle``
  (``cohesion``'s test, as ``summary_standalone.py``), ``crude`` (``summary_standalone.CRUDE_RE``),
  ``quote`` (a quote alone, its speaker not in the sentence: opens with an opening quote mark
  and ends with the closing one), ``slogan`` (two or more clauses of one length, 4-9
  characters, no digit), ``low`` (``sentence_quality.quality`` under 1);
- keywords: ``P@5`` strict (the keyword is an acceptable one) and ``P@5 part`` (or a word of
  two or more characters of an acceptable one's jieba cut: "医保" of "医保基金"; jieba cuts
  many editors' terms apart, "互认" into two characters); defects among the top 10:
  ``number`` (a digit or only numerals), ``date`` (a date or relative day), ``furniture`` (a
  page's furniture or a news formula: ``FURNITURE``), ``boilerplate`` (a word true of any
  article: ``BOILERPLATE``), ``fragment`` (a Han word, no acceptable keyword, no occurrence of
  which in the article starts and ends on a word bound of SnowNLP's segmenter, independent of
  jieba's; SnowNLP cuts finer than jieba, so read the list: ``--show`` marks each).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from summary_standalone import CRUDE_RE  # noqa: E402

from fjhealth import segment  # noqa: E402
from fjhealth.clean import split_articles  # noqa: E402
from fjhealth.cohesion import leading_connective, needs_context  # noqa: E402
from fjhealth.corpus import read_page  # noqa: E402
from fjhealth.keywords import build_idf, rank_keywords  # noqa: E402
from fjhealth.models import Article, SummaryOptions  # noqa: E402
from fjhealth.sentence_quality import length, quality  # noqa: E402
from fjhealth.summarize import summarize  # noqa: E402

DIR = ROOT / "tests" / "data" / "summ_holdout"
BUDGETS = {"s1": SummaryOptions(sentences=1), "default": SummaryOptions()}
FLAGS = ("clause", "dangle", "crude", "quote", "slogan", "low")
DEFECTS = ("number", "date", "furniture", "boilerplate", "fragment")
TAIL_SHARE = 0.6
# What a page or a news item prints around the article: never what it is about.
FURNITURE = frozenset(
    "来源 编辑 责任编辑 审核 校对 作者 记者 通讯员 本报讯 讯 原创 原标题 转载 阅读 在看 点赞 "
    "分享 转发 收藏 留言 扫一扫 二维码 公众号 关注 点击 打印 关闭 窗口 本页 字号 浏览 次数 首页 "
    "返回 上一篇 下一篇 版权所有 版权 主办 承办 网站 链接 相关 推荐 往期 发布 发布时间 时间 日期 "
    "附件 联系人 电话 联系电话 咨询电话 获悉 近日 日前 表示 介绍 据悉".split()
)
_NUMBER_RE = re.compile(r"\d|^[零〇一二两三四五六七八九十百千万亿]+[个名家项次人元岁]?$")
_DATE_RE = re.compile(
    r"^[\d一二三四五六七八九十〇零]+[年月日号]$|^(?:今年|去年|明年|前年|当天|当日|今天|昨天|明天|近日|"
    r"日前|近期|上午|下午|晚上|周[一二三四五六日]|星期.|[一二三四]?季度|上半年|下半年|年底|年初)$"
)
# Words of a notice's or a report's formula, true of any article: "通知", "全市", "启动".
BOILERPLATE = frozenset(
    "通知 公告 通告 公示 全市 全省 全县 全区 相关 有关 工作 开展 进行 启动 公布 出台 发布 "
    "印发 召开 举行 首个 首家 群众 患者 人员 记者 建设 服务 增长 提升 推进 加强 实现".split()
)
_CLAUSE_SPLIT_RE = re.compile(r"[，,、；;。！!？?\s]+")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
OPEN_QUOTES = ("“", "「", "『")
CLOSE_QUOTES = ("”", "」", "』")


def norm(s: str) -> str:
    """NFKC, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def hit(text: str, accepted: list[str]) -> bool:
    """True when ``text`` is one of ``accepted``, or a tail of one (an opener dropped)."""
    t = norm(text)
    return any(t == a or (a.endswith(t) and len(t) >= TAIL_SHARE * len(a))
               for a in map(norm, accepted))


def flags(text: str, alone: bool) -> set[str]:
    """The readability flags of one summary sentence (see the module docstring)."""
    out = set()
    if text.endswith(("；", ";")):
        out.add("clause")
    if leading_connective(text) or (alone and needs_context(segment.words(text))):
        out.add("dangle")
    if alone and CRUDE_RE.match(text):
        out.add("crude")
    if text.startswith(OPEN_QUOTES) and text.rstrip("。！？!?").endswith(CLOSE_QUOTES):
        out.add("quote")
    clauses = [c for c in _CLAUSE_SPLIT_RE.split(text) if c]
    if (len(clauses) >= 2 and len(set(map(len, clauses))) == 1 and 4 <= len(clauses[0]) <= 9
            and not re.search(r"\d", text)):
        out.add("slogan")
    if quality(text, length(text)) < 1:
        out.add("low")
    return out


def bounds(words: list[str]) -> set[int]:
    """Character offsets of the word bounds of a cut."""
    out, at = {0}, 0
    for w in words:
        at += len(w)
        out.add(at)
    return out


def defects(word: str, text: str, snow_bounds: set[int], accepted: list[str]) -> set[str]:
    """The defects of one keyword of an article whose text (title and body) is ``text``."""
    out = set()
    if word in BOILERPLATE:
        out.add("boilerplate")
    if _NUMBER_RE.search(word):
        out.add("number")
    if _DATE_RE.search(word):
        out.add("date")
    if word in FURNITURE:
        out.add("furniture")
    if word in accepted or not _HAN_RE.fullmatch(word):
        return out
    at = text.find(word)
    aligned = False
    while at >= 0 and not aligned:
        aligned = at in snow_bounds and at + len(word) in snow_bounds
        at = text.find(word, at + 1)
    if not aligned:
        out.add("fragment")
    return out


def part_hit(word: str, accepted: list[str]) -> bool:
    """True when ``word`` is an acceptable keyword or a word (2+ characters) of one's cut."""
    return word in accepted or any(
        len(word) >= 2 and word in segment.words(a) for a in accepted)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DIR, help="folder with pages/ and gold.json")
    ap.add_argument("--pages", default="*", help="the pages scored (a glob: '83*', a batch)")
    ap.add_argument("--show", action="store_true", help="one line per page and what it got")
    args = ap.parse_args(argv)
    from snownlp import SnowNLP

    gold = json.loads((args.dir / "gold.json").read_text("utf-8"))
    pages: list[tuple[str, int, Article]] = []
    for path in sorted((args.dir / "pages").glob(args.pages)):
        found = split_articles(read_page(path))
        best = max(found, key=lambda a: sum(map(len, a.paragraphs)))
        pages.append((path.name[:3], len(found), best))
    idf = build_idf(a for _, _, a in pages)  # (of the pages scored)
    n = {"pages": 0, "split": 0, "s1 hit": 0, "p5": 0, "p5 part": 0, "keywords": 0}
    n |= {f"{b} {f}": 0 for b in BUDGETS for f in FLAGS} | {f"{b} sentences": 0 for b in BUDGETS}
    n |= dict.fromkeys(DEFECTS, 0)
    for key, found, article in pages:
        g = gold[key]
        n["pages"] += 1
        n["split"] += found > 1
        notes = []
        for budget, options in BUDGETS.items():
            summary = summarize(article, options)
            picked = {s.index for s in summary.sentences}
            for s in summary.sentences:
                n[f"{budget} sentences"] += 1
                got = flags(s.text, s.index - 1 not in picked)
                for f in got:
                    n[f"{budget} {f}"] += 1
                if budget == "s1":
                    ok = hit(s.text, g["summary"])
                    n["s1 hit"] += ok
                    notes.append(f"{'HIT ' if ok else 'miss'} {s.text} {sorted(got) or ''}")
                elif got:
                    notes.append(f"  default {sorted(got)}: {s.text}")
        text = norm(article.title + "".join(article.paragraphs))
        snow = bounds(SnowNLP(text).words)
        words = [k.word for k in rank_keywords(article, 10, idf=idf)]
        n["keywords"] += len(words)
        n["p5"] += sum(w in g["keywords"] for w in words[:5])
        n["p5 part"] += sum(part_hit(w, g["keywords"]) for w in words[:5])
        bad = {w: defects(w, text, snow, g["keywords"]) for w in words}
        for got in bad.values():
            for d in got:
                n[d] += 1
        if args.show:
            print(f"{key} ({found} articles) {article.title}")
            print("   " + "\n   ".join(notes))
            print("   keywords: " + " ".join(
                w + ("+" if w in g["keywords"] else "~" if part_hit(w, g["keywords"]) else "")
                + (f"[{','.join(sorted(bad[w]))}]" if bad[w] else "") for w in words))
    pages_n = max(n["pages"], 1)
    print(f"| pages | split | s1 hit | P@5 | P@5 part | keyword defects (of {n['keywords']}): "
          + " / ".join(DEFECTS) + " |")
    print("|---|---|---|---|---|---|")
    print(f"| {n['pages']} | {n['split']} | {n['s1 hit']} ({n['s1 hit'] / pages_n:.3f}) "
          f"| {n['p5'] / (5 * pages_n):.3f} | {n['p5 part'] / (5 * pages_n):.3f} | "
          + " / ".join(str(n[d]) for d in DEFECTS) + " |")
    print()
    print("| budget | sentences | " + " | ".join(FLAGS) + " |")
    print("|---|---|" + "---|" * len(FLAGS))
    for b in BUDGETS:
        print(f"| {b} | {n[f'{b} sentences']} | "
              + " | ".join(str(n[f"{b} {f}"]) for f in FLAGS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
