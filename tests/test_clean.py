"""Cleaner tests: hand-checked goldens for the seeds, in/not-in checks on unseen pages of the
same kinds, and hypothesis properties (lossless, idempotent, total)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import kept, signature, typeset_page
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fjhealth.clean import clean_document, clean_text
from fjhealth.flow_body import BODY_THRESHOLD, body_scores
from fjhealth.models import Article
from fjhealth.patterns import is_han
from fjhealth.read import read_document
from fjhealth.read.plain import read_plain
from fjhealth.text import fix_spaces, is_complete, normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PAGES = Path(__file__).parent / "data" / "pages"
GOLDEN = Path(__file__).parent / "golden" / "clean"
UPDATE = os.environ.get("FJHEALTH_UPDATE_GOLDEN") == "1"


def dump(articles: tuple[Article, ...]) -> str:
    """A readable, diffable rendering of everything the cleaner produced."""
    out = []
    for a in articles:
        out.append(f"=== {a.id}")
        out.append(f"title: {a.title}")
        out += [f"subtitle: {s}" for s in a.subtitles]
        out += [f"meta: {m}" for m in a.meta]
        out.append(f"source: {a.source} | date: {a.date} | authors: {' '.join(a.authors)}")
        out += [f"[{b.kind}] {b.text}" for b in a.blocks]
        out += [f"caption: {c}" for c in a.captions]
        out += [f"removed ({r.reason}): {r.text!r}" for r in a.removed]
    return "\n".join(out) + "\n"


def clean_file(path: Path) -> tuple[Article, ...]:
    return clean_text(path.read_text(encoding="utf-8"), path.name[:3])


# ----------------------------------------------------------------------------- goldens


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_matches_golden(seed: Path) -> None:
    golden = GOLDEN / f"{seed.name[:3]}.out.txt"
    got = dump(clean_file(seed))
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [*SEEDS, *sorted(PAGES.glob("*.txt"))], ids=lambda p: p.name)
def test_nothing_is_lost(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    assert kept(clean_text(raw, "x")) == signature(raw)


# ------------------------------------------------------------------ seeds: what must hold


def test_column_lines_are_rejoined_and_ocr_spaces_removed() -> None:
    (a,) = clean_file(SEEDS[3])
    body = a.body
    assert "在泉港医联体成熟经验的基础上，高位推动，扩容下延" in body
    arts = clean_file(SEEDS[2])
    text = "".join(x.body for x in arts)
    assert "省医学会、省医师协会党支部书记朱鹏立主持" in text
    assert "三、四级" in clean_file(SEEDS[1])[0].body
    assert "1547人次" in "".join(x.body for x in clean_file(SEEDS[0]))


def test_page_with_two_articles_is_split_with_its_headlines() -> None:
    first, second = clean_file(SEEDS[2])
    assert (first.id, second.id) == ("002-1", "002-2")
    assert "省医学会" in first.title and "医改" in second.title
    assert first.paragraphs[0].startswith("7月26日")
    assert second.paragraphs[0].startswith("8月5日上午")
    assert first.source == "福建省医学会"
    assert second.authors == ("陈坤",)


def test_byline_caption_and_headline_leave_the_body() -> None:
    arts = clean_file(SEEDS[0])
    body = "".join(a.body for a in arts)
    assert "□本报记者" not in body and "授牌" not in body.split("。")[-1]
    assert any(a.title == "医联共建手牵手 能力提升惠民生" for a in arts)
    assert all("▲" not in c for a in arts for c in a.captions)
    assert sum(len(a.captions) for a in arts) == 5


def test_web_page_boilerplate_is_removed_with_reasons() -> None:
    (a,) = clean_file(SEEDS[4])
    reasons = {r.reason for r in a.removed}
    assert {"site spam", "navigation", "attachment"} <= reasons
    assert (a.source, a.date) == ("泉州晚报", "2022-09-28")
    assert a.title == "泉州市医疗卫生事业托起“健康梦”"
    assert "平博" not in a.body and "当前位置" not in a.body


def test_markdown_headings_and_subscription_ad() -> None:
    (a,) = clean_file(SEEDS[1])
    assert a.title.startswith("南平市第一医院")
    assert [b.kind for b in a.blocks].count("heading") == 5
    assert all("订阅" not in p for p in a.paragraphs)
    assert {r.reason for r in a.removed} == {"subscription ad"}
    assert a.authors == ("刘伟芳", "张晓琴", "严芳")
    # a sentence broken by blank lines in the export is one paragraph again
    assert any(p.startswith("“王医生,我最近血压不太稳定") for p in a.paragraphs)


# ------------------------------------------------------- unseen pages of the same kinds


def test_unseen_column_page_splits_at_attribution() -> None:
    first, second = clean_file(PAGES / "column_two_articles.txt")
    assert first.title == "厦门召开基层医疗服务能力提升推进会"
    assert second.title.startswith("漳州市医院帮扶")
    assert first.source == "厦门市卫健委" and second.authors == ("林晓",)
    assert "选派30名骨干医师下沉基层坐诊带教。" in second.body
    assert "医院院长在签约仪式上表示" in second.body  # justified spaces gone
    assert second.captions == ("签约仪式现场",)


def test_unseen_web_page_crlf_ideographic_indent_and_widgets() -> None:
    (a,) = clean_file(PAGES / "web_page.txt")
    assert a.title == "厦门推进智慧医院建设"
    assert (a.source, a.date) == ("厦门日报", "2024-03-05")
    assert len(a.paragraphs) == 3 and all(p[0] != " " for p in a.paragraphs)
    assert {r.reason for r in a.removed} == {"site spam", "navigation", "page widget"}
    assert a.captions == ("医院护士演示床旁终端 (厦门市第一医院 供图)",)


def test_unseen_markdown_page() -> None:
    (a,) = clean_file(PAGES / "markdown_ad.txt")
    assert a.title == "龙岩市推进县域医共体建设“一张网”覆盖城乡"
    assert a.blocks[1] == a.blocks[1].__class__("heading", "资源下沉,基层能力明显提升")
    assert "“以前看病要跑到市里,现在在镇上就能做检查了。”村民老张说。" in a.paragraphs
    assert a.authors == ("黄明", "李静")
    assert all(r.reason == "subscription ad" for r in a.removed) and len(a.removed) == 4


# ------------------------------------------------------------------------ small rules


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("省 医 学 会", "省医学会"),
        ("提供特色诊疗服务 1547 人次，", "提供特色诊疗服务1547人次，"),
        ("三 、四 级手术", "三、四级手术"),
        ("18家二级以上医疗机构实现 DRG 支付", "18家二级以上医疗机构实现 DRG 支付"),
        ("COVID 19 vaccine", "COVID 19 vaccine"),
        ("2016 年至 2020 年", "2016年至2020年"),
    ],
)
def test_fix_spaces(raw: str, want: str) -> None:
    assert fix_spaces(raw) == want


def test_headline_keeps_phrase_gap_but_not_justified_spacing() -> None:
    assert fix_spaces("南平市 全国第17名的医改答卷", headline=True) == "南平市 全国第17名的医改答卷"
    assert fix_spaces("台 江 区 卫 健 局", headline=True) == "台江区卫健局"


def test_byline_with_spaces_is_kept_verbatim() -> None:
    text = "标题行\n\n□本报记者 陈坤 摄影 章立强 郑波\n" + "正文第一句话在这里。" * 20
    (a,) = clean_text(text)
    assert a.meta == ("□本报记者 陈坤 摄影 章立强 郑波",)
    assert a.authors == ("陈坤", "章立强", "郑波")


@pytest.mark.parametrize("text", ["", " \n\n ", "\x00\x1b[31m", "▲", "#", "（）", "。。。"])
def test_degenerate_pages_yield_no_article(text: str) -> None:
    assert clean_text(text, "x") == ()


def test_page_of_menus_and_footers_yields_no_article() -> None:
    page = "\n".join(["首页", "新闻中心", "政务公开", "办事服务", "互动交流", "|", "关于我们",
                      "联系我们", "网站地图", "版权所有：某某市卫生健康委员会",
                      "闽ICP备12345678号-1", "技术支持：某某网络公司"])
    assert clean_text(page, "m") == ()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_short_notice_alone_is_an_article(fmt: str) -> None:
    # a heading and one short sentence: nothing on the page competes with them
    text = "# 医保改革推进\n\n本市医保改革持续推进，医保支付方式改革已覆盖全部公立医院。"
    (a,) = clean_document(read_document(text, fmt), "n")
    assert a.title == "医保改革推进"
    assert a.paragraphs == ("本市医保改革持续推进，医保支付方式改革已覆盖全部公立医院。",)


def test_control_characters_and_markup_survive_as_plain_text() -> None:
    (a,) = clean_text("会议指出，这是[bold red]一段\x1b[2J文字，要求各地加快建设步伐。", "x")
    assert a.paragraphs == ("会议指出，这是[bold red]一段[2J文字，要求各地加快建设步伐。",)


def test_is_complete_handles_quotes_and_bracketed_bylines() -> None:
    assert is_complete("他说：“好。”")
    assert not is_complete("医院上下")
    assert is_complete("百分点。 （本报记者 陈坤）")


def test_is_complete_reads_a_latin_stop_after_han_as_a_sentence_end() -> None:
    # OCR gives "。" as "." now and then; a decimal point or an abbreviation follows no Han
    assert is_complete("接种点从本周起陆续开放.") and is_complete("陆续开放. ")
    assert is_complete("他说：“开放.”")
    assert not is_complete("增长了3.") and not is_complete("见 Fig.")


# The characters that decide whether a text ends a sentence, and a few others.
END_CHARS = ".。！？!?；;…”’」』）)】〕》\"'（(记者本报陈坤 \t\u3000—：:，a1医"
END_TEXT = st.text(st.sampled_from(list(END_CHARS)), max_size=12)


@given(END_TEXT)
def test_is_complete_short_cut_agrees_with_the_whole_rule(text: str) -> None:
    from fjhealth.text import TAIL_WINDOW, _tail_complete

    assert is_complete(text) == _tail_complete.__wrapped__(text[-TAIL_WINDOW:])


@given(END_TEXT, END_TEXT)
def test_a_text_that_ends_alone_is_complete_whatever_comes_before(before: str, text: str) -> None:
    from fjhealth.text import ends_alone

    if ends_alone(text):
        assert is_complete(before + text) == is_complete(text)


# ------------------------------------------------------------------- hypothesis properties

# Text built from the pieces news pages are made of: Han characters, CJK punctuation, digits,
# Latin letters, spaces, newlines, blank lines, caption marks, brackets and markdown hashes.
PIECES = st.sampled_from(
    list("医院卫健委省市区县乡镇中心社会福建泉港台江南平厦门")
    + list("，。、；：！？“”《》（）()—…·")
    + list("0123456789０１ABCx %#▲□>\n")
    + ["\n\n", "  ", "本报记者 ", "来源:", "（本报记者 陈坤）", "附件下载:", "当前位置:首页 > ",
       "▲ ", "# ", "## ", "\r\n", "\u3000", "订阅", "邮发代号", "（左一）", "供图"]
)
PAGES_ST = st.lists(PIECES, max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(PAGES_ST)
@example("# 医\n，订阅邮发代号")  # a paper's subscription ad under a heading: no article text
def test_cleaning_is_total_and_lossless(text: str) -> None:
    articles = clean_text(text, "h")
    if articles:
        assert kept(articles) == signature(text)
    else:  # no article only when no line with Han characters reads as article text
        doc = read_plain(normalize(text))
        assert not any(p >= BODY_THRESHOLD and any(map(is_han, ln.text))
                       for p, ln in zip(body_scores(doc), doc.lines, strict=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_cleaning_never_raises_on_arbitrary_unicode(text: str) -> None:
    articles = clean_text(text, "u")
    assert not articles or kept(articles) == signature(normalize(text))


@settings(max_examples=300, deadline=None)
@given(PAGES_ST)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text, "i")
    for a in once:
        for p in a.paragraphs:
            assert fix_spaces(p) == p
            assert normalize(p) == p
    for t in (a.title for a in once):
        assert fix_spaces(t, headline=True) == t
    assert clean_text(text, "i") == once  # deterministic


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_space_fixing_is_idempotent(text: str) -> None:
    once = fix_spaces(normalize(text))
    assert fix_spaces(once) == once
    head = fix_spaces(normalize(text), headline=True)
    assert fix_spaces(head, headline=True) == head


@pytest.mark.parametrize(
    "line",
    ["平博体育网址欢迎您!", "当前位置:首页 > 政务公开", "附件下载:", "【字体：大 中 小】",
     "打印本页", "来源:泉州晚报 发布时间 : 2022-09-28", "□本报记者 陈坤 摄影 章立强",
     "新华社记者潘大成", "文/林晓", "责任编辑：王芳", "第5版 要闻", "- 3 -",
     "2023年6月1日 星期四", "本版编辑：林晓"],
)
def test_furniture_lines_pass_the_cheap_prefilter(line: str) -> None:
    from fjhealth.units import line_kind

    assert line_kind(line)[0] != "text"


def test_a_dash_inside_a_sentence_never_cuts_prose_off_as_a_site_name() -> None:
    # "标题——站名" is how sites append their name; inside a sentence the dash is punctuation
    text = ("征收遗产税“狼来了”的呼声时在耳际——年初，国务院同意并转发的意见中载明“研究在适当时期"
            "开征遗产税”，这让许多高净值人士如坐针毡。")
    (a,) = clean_text(text, "d")
    assert a.paragraphs == (text,)
    assert not a.removed


def test_a_datelines_writer_comes_before_an_editor_and_after_an_editors_note() -> None:
    from fjhealth.read.plain import read_plain

    lead = "东南快讯网12月2日讯（记者 许佳宁）“孩子的药终于能在家门口买到了。”张女士说。"
    body = "近年来，国家医保药品目录持续纳入罕见病用药，患者用药负担逐步减轻。"
    page = "\n".join(["罕见病患儿用药难题有了新解法", "2025-12-02 来源：东南快讯网 编辑：高雯",
                      "编者按：", "本网今起推出系列报道，关注我省罕见病诊疗保障的新进展。",
                      "您的浏览器不支持 video 标签。", lead, body, body.replace("近年来", "今年")])
    (article,) = clean_document(read_plain(page))
    assert article.authors == ("许佳宁",)
    assert all("浏览器" not in b.text for b in article.blocks)


def test_the_han_class_holds_what_is_han_accepts() -> None:
    import re

    from fjhealth.patterns import HAN_RANGES

    han = re.compile(f"[{HAN_RANGES}]")
    edges = [c + d for c in (0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x3134F)
             for d in (-1, 0, 1)]
    for code in [*range(0x3000, 0xFFFF), *edges]:
        assert bool(han.match(chr(code))) == is_han(chr(code)), hex(code)


def test_a_bracketed_source_line_gives_the_source_without_its_closing_bracket() -> None:
    from fjhealth.read.plain import read_plain

    body = ["近日，福建省卫健委召开会议，部署推进紧密型县域医共体建设工作，要求各地加快整合资源。",
            "会议强调，要以群众需求为导向，完善分级诊疗制度，提升基层医疗服务能力。"]
    for line, source in [("（来源：泉州晚报）", "泉州晚报"), ("(来源:东南网)", "东南网"),
                         ("【来源：福建日报】", "福建日报"), ("来源：海峡都市报", "海峡都市报")]:
        page = "\n\n".join(["福建推进县域医共体建设", *body, line])
        (article,) = clean_document(read_plain(page))
        assert article.source == source, line


def test_normalize_drops_private_use_characters() -> None:
    """Icon fonts draw their glyphs from the private-use area (U+E000–U+F8FF): in text they are
    boxes, never words; a line holding only icons becomes blank. U+E5E5, what GBK's full-width
    space A3A0 decodes to, is a space."""
    assert normalize("\ue600\n\ue5e5有一个法官，\ue600分享\uf8ff") == "\n 有一个法官，分享"


def test_a_column_pages_furniture_dates_its_articles_and_names_their_paper() -> None:
    text = typeset_page(
        ["3月15日，霞浦县医院组织内科、外科、眼科等12名专家乘船前往海岛，为岛上居民开展义诊，"
         "共接诊群众300余人次，发放健康宣传资料500余份。",
         "“岛上老人多，出岛看病不方便，我们每个季度都会来一次。”带队专家说。下一步，医院将把"
         "海岛义诊列入常态化工作，并为行动不便的老人提供上门随访服务。"] * 2,
        12, headline="霞浦县开展义诊进海岛活动", byline="本报通讯员 黄丽",
        masthead=("闽东日报", "2026年3月18日 星期三", "第3版 综合新闻"))
    articles = clean_text(text, "p")
    assert articles and all((a.source, a.date) == ("闽东日报", "2026-03-18") for a in articles)


def test_a_person_named_alone_in_brackets_is_no_source() -> None:
    from fjhealth.clean import _parse_meta

    assert _parse_meta(["（福建省医学会）"])[0] == "福建省医学会"
    assert _parse_meta(["（陈晓明）"])[0] is None
    assert _parse_meta(["（A、C）"])[0] is None
