"""Summary tests: degenerate articles first, then verbatim, budgets, order, redundancy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fjhealth.keywords import UnknownMethodError
from fjhealth.models import Article, Block, SummaryOptions
from fjhealth.segment import split_sentences
from fjhealth.summarize import METHODS, TOP_KEYWORDS, _top_words, summarize


def article(*paragraphs: str, title: str = "", captions: tuple[str, ...] = ()) -> Article:
    return Article(
        id="001",
        title=title,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        captions=captions,
    )


BODY = (
    "7月26日，福建省医学会党建工作培训会议在福州召开，300多人参加。",
    "省卫健委主任出席会议并讲话，要求推进紧密型县域医共体建设。会议指出，医共体是分级诊疗的抓手。",
    "院长说：“我们要让群众在家门口看好病。还要看得起病！”与会代表深受鼓舞。",
    "南平市推进紧密型城市医疗集团建设，家庭医生签约服务覆盖率持续提升。",
    "据介绍，三明市、南平市的医共体建设经验将在全省推广。",
)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("paragraphs", [(), ("",), ("。，！——",), ("  ",)])
def test_empty_article_gives_empty_summary(method: str, paragraphs: tuple[str, ...]) -> None:
    s = summarize(article(*paragraphs, title="只有标题"), SummaryOptions(method=method))
    assert s.sentences == () and s.text == ""
    assert s.article_id == "001" and s.title == "只有标题" and s.method == method


@pytest.mark.parametrize("method", METHODS)
def test_one_sentence_article(method: str) -> None:
    s = summarize(article("医联体建设取得成效。"), SummaryOptions(method=method))
    assert s.text == "医联体建设取得成效。"


@pytest.mark.parametrize("method", METHODS)
def test_two_sentence_article(method: str) -> None:
    a = article("医联体建设取得成效。", "医共体覆盖全县。")
    s = summarize(a, SummaryOptions(1, method=method))
    assert len(s.sentences) == 1


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("n", [0, 1, 2, 3, 10])
def test_sentence_budget_and_verbatim(method: str, n: int) -> None:
    a = article(*BODY)
    s = summarize(a, SummaryOptions(sentences=n, method=method))
    all_sentences = [x for p in a.paragraphs for x in split_sentences(p)]
    assert len(s.sentences) == min(n, len(all_sentences))
    for sent in s.sentences:
        assert sent.text in a.body
        assert all_sentences[sent.index] == sent.text
    assert [x.index for x in s.sentences] == sorted(x.index for x in s.sentences)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("chars", [0, 5, 30, 60, 120, 1000])
def test_char_budget_is_a_hard_maximum(method: str, chars: int) -> None:
    s = summarize(article(*BODY), SummaryOptions(chars=chars, method=method))
    assert len(s.text) <= chars
    if chars >= 1000:
        assert len(s.sentences) == len([x for p in BODY for x in split_sentences(p)])


def test_char_budget_smaller_than_every_sentence_gives_nothing() -> None:
    assert summarize(article(*BODY), SummaryOptions(chars=5)).sentences == ()


@pytest.mark.parametrize("method", METHODS)
def test_deterministic(method: str) -> None:
    a = article(*BODY, title="医共体建设")
    options = SummaryOptions(sentences=3, method=method)
    assert summarize(a, options) == summarize(a, options)


def test_headline_is_the_first_pick_of_the_longer_summary() -> None:
    a = article(*BODY, title="福建推进医共体建设")
    one = summarize(a, SummaryOptions(sentences=1))
    three = summarize(a, SummaryOptions(sentences=3))
    assert one.sentences[0] in three.sentences
    assert one.sentences[0].score == max(x.score for x in three.sentences)


def test_quotes_are_kept_whole() -> None:
    s = summarize(article(*BODY), SummaryOptions(sentences=10))
    assert "院长说：“我们要让群众在家门口看好病。还要看得起病！”" in [x.text for x in s.sentences]


@pytest.mark.parametrize("method", METHODS)
def test_repeated_sentence_never_chosen_twice(method: str) -> None:
    repeated = "省卫健委要求推进紧密型县域医共体建设，提升基层服务能力。"
    a = article(repeated, BODY[0], repeated, BODY[3], repeated + " ")
    s = summarize(a, SummaryOptions(sentences=3, method=method))
    texts = [x.text.strip() for x in s.sentences]
    assert len(texts) == len(set(texts))


def test_near_duplicates_never_both_chosen() -> None:
    a = article(
        "省卫健委要求推进紧密型县域医共体建设，提升基层医疗服务能力。",
        BODY[0],
        "省卫健委要求加快推进紧密型县域医共体建设，提升基层医疗服务能力！",
        BODY[3],
    )
    texts = [x.text for x in summarize(a, SummaryOptions(sentences=3)).sentences]
    assert sum("紧密型县域医共体建设" in t for t in texts) == 1


def test_title_and_captions_are_not_body_sentences() -> None:
    a = article(*BODY, title="标题不是正文。", captions=("▲图为会议现场。",))
    texts = " ".join(x.text for x in summarize(a, SummaryOptions(sentences=10)).sentences)
    assert "标题不是正文" not in texts and "图为会议现场" not in texts


def test_photo_credit_is_not_the_headline() -> None:
    a = article("（新华社记者兰红光摄）", *BODY)
    assert "摄" not in summarize(a, SummaryOptions(sentences=1)).text


def test_lead_takes_the_first_sentences() -> None:
    s = summarize(article(*BODY), SummaryOptions(sentences=2, method="lead"))
    assert [x.index for x in s.sentences] == [0, 1]


def test_rank_fills_keywords() -> None:
    s = summarize(article(*BODY))
    assert s.keywords and s.keywords[0].weight == 1.0


@given(st.dictionaries(st.text("医保院县", min_size=1, max_size=3), st.integers(1, 3), max_size=30),
       st.lists(st.sampled_from([2.5, 7.0, 11.7]), min_size=30, max_size=30))
def test_top_keywords_are_the_first_of_all_words_sorted(tf: dict[str, int],
                                                        values: list[float]) -> None:
    idf = dict(zip(tf, values, strict=False))  # few distinct values: many equal keys
    everything = sorted((-tf[w] * idf[w], w) for w in tf)
    assert _top_words(tf, idf) == [w for _, w in everything[:TOP_KEYWORDS]]


def test_unknown_method() -> None:
    with pytest.raises(UnknownMethodError, match="rank"):
        summarize(article(*BODY), SummaryOptions(method="magic"))


def test_import_does_not_load_jieba_or_snownlp() -> None:
    code = (
        "import sys, fjhealth.summarize, fjhealth.keywords;"
        "print('jieba' in sys.modules, 'snownlp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_rank_does_not_load_snownlp() -> None:
    code = (
        "import sys; from fjhealth.summarize import summarize; from fjhealth.models import *;"
        "a = Article('1', blocks=(Block('paragraph', '医联体建设。医共体覆盖全县。'),));"
        "summarize(a); print('snownlp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "stub",
    ["医院院长陈铭表示。", "同胞们、朋友们：", "这只是一个缩影——", "省医学会专科分会主任委员；",
     "记者专访了省卫健委基层处处长林晓东。"],
)
def test_stubs_are_not_the_headline(stub: str) -> None:
    a = article(stub, *BODY)
    assert summarize(a, SummaryOptions(sentences=1)).text != stub


NEWS = "福建省医学会党建工作培训会议在福州召开。"


def test_dateline_lead_is_preferred_and_quoted_without_its_dateline() -> None:
    lead = "本报福州7月26日电（记者陈坤）" + NEWS
    a = article("会议期间，代表们参观了展览。", lead, *BODY[1:])
    summary = summarize(a, SummaryOptions(sentences=1))
    assert summary.text == NEWS
    assert summary.sentences[0].index == 1


def test_a_reported_source_or_a_dateline_with_little_after_it_is_kept() -> None:
    source = "据《福建日报》报道，" + NEWS
    assert summarize(article("会议期间，代表们参观了展览。", source, *BODY[1:]),
                     SummaryOptions(sentences=1)).text == source
    short = "本报福州7月26日电（记者陈坤）会议召开。"
    assert summarize(article(short), SummaryOptions(sentences=1)).text == short


@pytest.mark.parametrize(
    "lead",
    [
        "东南网7月26日讯（记者 陈坤）福建省医学会党建工作培训会议在福州召开。",
        "本报讯记者陈坤报道：福建省医学会党建工作培训会议在福州召开。",
    ],
)
def test_any_outlets_dateline_lead_is_preferred(lead: str) -> None:
    a = article("会议期间，代表们参观了展览。", lead, *BODY[1:])
    assert summarize(a, SummaryOptions(sentences=1)).text == NEWS


def test_summary_pickles_to_an_equal_value() -> None:
    import pickle

    summary = summarize(article(*BODY, title="医共体建设"))
    assert summary.sentences and summary.keywords
    assert pickle.loads(pickle.dumps(summary)) == summary


PREFILTER_CHARS = "据本报新华社福州1２月3日电讯（记者某）摄图供片来源为责任编辑(【[]】)：，。 "


@given(st.text(alphabet=PREFILTER_CHARS, max_size=40))
def test_pattern_prefilters_never_skip_a_match(text: str) -> None:
    from fjhealth import patterns as P
    from fjhealth.sentence_quality import (
        _CREDIT_OPENERS,
        _CREDIT_RE,
        _PHOTO_MARKS,
        _PHOTO_RE,
        may_lead,
    )

    assert may_lead(text) or not P.LEAD_RE.match(text)
    assert text.startswith(_CREDIT_OPENERS) or not _CREDIT_RE.match(text)
    assert any(m in text for m in _PHOTO_MARKS) or not _PHOTO_RE.search(text)


# --- faithful picks: what a budget with room to spare never takes (benchmarks/summary_faithful.py)

SHORT = ("福建省今年推进紧密型县域医共体建设，基层诊疗量持续提升。",
         "全省已有六十个县建成医共体，群众在家门口就能看好病。")


def _picked(a: Article, options: SummaryOptions) -> list[str]:
    return [x.text for x in summarize(a, options).sentences]


@pytest.mark.parametrize("options", [SummaryOptions(sentences=5), SummaryOptions(chars=200)])
@pytest.mark.parametrize(
    ("paragraph", "weak"),
    [
        ("（新华社记者兰红光摄）", "（新华社记者兰红光摄）"),  # a credit
        ("图为医生在村卫生所为老人问诊。", "图为医生在村卫生所为老人问诊。"),  # a photo caption
        ("▲医生在村卫生所为老人问诊。", "▲医生在村卫生所为老人问诊。"),  # a caption mark alone
        ("儿科门诊 周一至周五 周一至周日", "儿科门诊 周一至周五 周一至周日"),  # a table row
        ("相关附件：实施方案.pdf", "相关附件：实施方案.pdf"),  # a field line
        ("主要包括：", "主要包括："),  # an intro
        ("医共体建设进展顺利。医共体建设再提速", "医共体建设再提速"),  # an unfinished tail
    ],
)
def test_budget_with_room_is_not_filled_with_weak_sentences(
    options: SummaryOptions, paragraph: str, weak: str
) -> None:
    picked = _picked(article(*SHORT, paragraph), options)
    assert weak not in picked and SHORT[0] in picked


def test_the_title_repeated_in_the_body_is_not_picked() -> None:
    a = article("县域医共体建设再提速", *SHORT, title="县域医共体建设再提速")
    assert _picked(a, SummaryOptions(chars=200)) == list(SHORT)


def test_caption_mark_inside_a_list_item_of_several_sentences_is_kept() -> None:
    a = article("▲家庭医生签约覆盖全县。每个村都有签约医生上门服务。", *SHORT)
    assert "▲家庭医生签约覆盖全县。" in _picked(a, SummaryOptions(sentences=5))


@pytest.mark.parametrize("body", [("▲医生在村卫生所为老人问诊。",), ("相关附件：实施方案.pdf",),
                                  ("医共体建设再提速",)])
def test_an_article_of_weak_sentences_alone_still_gets_a_summary(body: tuple[str, ...]) -> None:
    assert _picked(article(*body, title="县域医共体"), SummaryOptions(sentences=1)) == [body[0]]


@pytest.mark.parametrize("kept", ["2）车蚂蚁：是本地汽车生活服务平台，解决消费者主动上门的局面",
                                  "论坛上，研究中心原主任称，独生子女多导致房子过剩只是传说。"])
def test_a_labelled_list_item_or_a_statement_ending_like_an_attribution_stays(kept: str) -> None:
    assert kept in _picked(article(*SHORT, kept), SummaryOptions(sentences=5))


# --- sentences that read on their own (fjhealth.cohesion): users paste summaries elsewhere

LIST = "会议对医共体建设提出两项要求：一是推进县乡一体化管理；二是加强家庭医生签约服务。"


@pytest.mark.parametrize("options", [SummaryOptions(sentences=1), SummaryOptions(sentences=5),
                                     SummaryOptions(chars=200)])
def test_a_list_clause_is_read_in_its_whole_sentence(options: SummaryOptions) -> None:
    picked = _picked(article(LIST, *SHORT), options)
    assert not any(t.endswith("；") for t in picked)
    assert all(("一是" in t) == ("二是" in t) for t in picked)
    assert LIST in picked or options.sentences == 1


def test_a_list_clause_alone_is_not_the_headline() -> None:
    # Before: the clause "一是…；" was a sentence of its own, and the best-scored one.
    a = article("今年，福建省医改的重点是推进紧密型县域医共体建设；各县要加快医共体建设。",
                title="福建推进紧密型县域医共体建设")
    assert summarize(a, SummaryOptions(sentences=1)).text == a.paragraphs[0]


def test_items_with_their_own_marks_stay_sentences() -> None:
    a = article("❶联想与EMC成立合资公司；❷英特尔CEO提前退休；❸惠普收购Autonomy，股价狂跌。")
    picked = _picked(a, SummaryOptions(sentences=5))
    assert picked == ["❶联想与EMC成立合资公司；", "❷英特尔CEO提前退休；",
                      "❸惠普收购Autonomy，股价狂跌。"]


@pytest.mark.parametrize("options", [SummaryOptions(sentences=1), SummaryOptions(sentences=3),
                                     SummaryOptions(chars=120)])
def test_an_opener_pointing_back_is_dropped(options: SummaryOptions) -> None:
    said = "同时，全省县域医共体建设全面提速，县域内就诊率达到九成。"
    a = article("院长参加了会议。", said, title="县域医共体建设全面提速")
    picked = _picked(a, options)
    assert "全省县域医共体建设全面提速，县域内就诊率达到九成。" in picked
    assert not any(t.startswith("同时") for t in picked)
    assert sum(map(len, picked)) <= (options.chars or 10**6)


@pytest.mark.parametrize(
    "pointing",
    ["他表示，县域医共体建设全面提速，县域内就诊率达到九成。",
     "这一做法让县域医共体建设全面提速，县域内就诊率达到九成。",
     "二是县域医共体建设全面提速，县域内就诊率达到九成。",
     "但县域医共体建设全面提速，县域内就诊率达到九成。"],
)
def test_a_sentence_pointing_back_is_never_quoted_without_the_one_before(pointing: str) -> None:
    a = article("院长参加了会议。" + pointing, *SHORT, title="县域医共体建设全面提速")
    one = _picked(a, SummaryOptions(sentences=1))
    assert pointing not in one and one
    for options in (SummaryOptions(sentences=3), SummaryOptions(chars=60)):
        picked = _picked(a, options)
        assert pointing not in picked or "院长参加了会议。" in picked


def test_a_sentence_pointing_back_follows_the_one_before() -> None:
    a = article("5月19日是第十五个“世界家庭医生日”。当天上午，我院医护人员走进社区开展义诊活动。",
                *SHORT, title="世界家庭医生日义诊活动")
    picked = _picked(a, SummaryOptions(sentences=2))
    assert picked[:2] == ["5月19日是第十五个“世界家庭医生日”。",
                          "当天上午，我院医护人员走进社区开展义诊活动。"]


def test_an_article_of_sentences_pointing_back_still_gets_a_summary() -> None:
    a = article("他说，县域医共体建设全面提速。")
    assert _picked(a, SummaryOptions(sentences=1)) == ["他说，县域医共体建设全面提速。"]


def test_a_quote_keeps_its_speaker() -> None:
    a = article("“在家门口就能看上专家，真是太方便了。”68岁的村民洪大伯说。", *SHORT)
    assert "“在家门口就能看上专家，真是太方便了。”68岁的村民洪大伯说。" in _picked(
        a, SummaryOptions(sentences=5))


@pytest.mark.parametrize("options", [SummaryOptions(sentences=5), SummaryOptions(chars=200)])
@pytest.mark.parametrize(
    "formula",
    ["联系电话：0591-8786xxxx。", "具体调整项目及价格详见附件1。",
     "因调整给您带来的不便，敬请谅解。", "现将有关事项通知如下。",
     "问：长期护理保险保障哪些人？", "**** 记者：农机大市场在哪？",
     "Q2：在不同级别医院看门诊，报销比例一样吗？", "青溪电视台记者：明年建设有哪些重点？",
     "A：不需要。", "围绕群众关心的问题，市医保局作如下解读。"],
)
def test_notice_formulas_are_not_summary_sentences(options: SummaryOptions, formula: str) -> None:
    picked = _picked(article(*SHORT, formula), options)
    assert formula not in picked and SHORT[0] in picked


def test_a_chain_of_sentences_pointing_back_waits_for_its_head() -> None:
    a = article("他说，医共体建设提速。这让群众受益。此后就诊率提升。", *SHORT)
    picked = _picked(a, SummaryOptions(sentences=5))
    assert picked == list(SHORT)


def _hold_out_pages() -> list:
    from helpers import ROOT

    base = ROOT / "tests" / "data" / "web_holdout"
    forms = ("plain", "h2t", "html")
    folders = [base, *(base / "three_forms" / f for f in forms)]
    for batch in sorted(base.glob("batch*/")):
        folders += [batch, *(batch / f for f in forms)]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
            if p.suffix in (".txt", ".html", ".md") and p.name != "README.md"]


def test_hold_out_summaries_read_on_their_own() -> None:
    from fjhealth import segment
    from fjhealth.clean import split_articles
    from fjhealth.cohesion import leading_connective, needs_context
    from fjhealth.corpus import read_page

    pages = _hold_out_pages()
    assert len(pages) > 100
    for path in pages:
        for a in split_articles(read_page(path)):
            for options in (SummaryOptions(), SummaryOptions(1), SummaryOptions(chars=120)):
                s = summarize(a, options)
                picked = {x.index for x in s.sentences}
                for x in s.sentences:
                    where = f"{path.name} {options}: {x.text}"
                    assert not leading_connective(x.text), where
                    assert not needs_context(segment.words(x.text)) or x.index - 1 in picked, where
                    # a clause ending "；" only at a paragraph's end (a list item's)
                    assert not x.text.endswith("；") or any(
                        p.endswith(x.text) for p in a.paragraphs), where



# --- one sentence says what happened: not a scene timed by the lead's date ("下午，…")


@pytest.mark.parametrize("opener", ["下午", "当天", "次日", "晚上"])
def test_one_sentence_is_no_scene_timed_by_the_lead(opener: str) -> None:
    scene = f"{opener}，全省医共体建设推进会议召开。"
    body = ("3月5日，福建省卫生健康系统党建工作培训暨县域医共体建设工作推进会议在福州市召开。",
            "省卫健委负责同志出席会议并讲话，各设区市卫健委分管领导等200多人参加。",
            "上午，党建工作培训会议召开。专家围绕作风建设作专题辅导。", scene,
            "会议通报了考核情况。", "会议通报了各地考核情况。三明市、南平市介绍了医共体建设经验。",
            "会议要求，各地要加快医共体建设，推动医共体建设提质增效。")
    a = article(*body, title="推动全省医共体建设高质量发展")
    assert _picked(a, SummaryOptions(sentences=1)) != [scene]


def test_scene_timed_by_an_earlier_date_is_of_less_quality() -> None:
    from fjhealth.sentence_quality import quality

    plain = "全省医共体建设推进会议召开。"
    for opener in ("下午，", "当天，", "这天，", "翌日，"):
        assert quality(opener + plain, 20) < quality(plain, 20) == 1.0
    assert quality("今年以来，" + plain, 20) == quality("上午十时许" + plain, 20) == 1.0
