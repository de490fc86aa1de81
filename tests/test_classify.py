"""Line classification: the post rule, the body-span rules, the no-body rescue (shipped weights)."""

from __future__ import annotations

from pathlib import Path

from fjhealth.classify import (
    AFTER_POST,
    body_probabilities,
    first_post_end,
    line_logits,
    main_run,
    post_scores,
)
from fjhealth.read.plain import read_plain

POST = "社区卫生服务中心开展了家庭医生签约服务宣传活动，居民踊跃参加，现场咨询两百多人次。" * 3


def test_degenerate_pages() -> None:
    assert body_probabilities([]) == []
    assert main_run([]) == (0, 0) and main_run([-1.0, -2.0]) == (0, 0)
    assert first_post_end([], []) is None


def test_a_page_of_posts_ends_at_the_first_closer() -> None:
    lines = read_plain("\n".join([POST, "由王医生发表于 2024-03-05 (12)", POST + "第二篇。",
                                  "由王医生发表于 2024-03-01 (8)"])).lines
    scores = [3.0, -2.0, 3.0, -2.0]
    assert first_post_end(lines, scores) == 1
    assert post_scores(lines, scores) == [3.0, AFTER_POST, AFTER_POST, AFTER_POST]


def test_one_dated_closer_or_closers_without_prose_between_make_no_posts() -> None:
    one = read_plain("\n".join([POST, "由王医生发表于 2024-03-05 (12)", POST])).lines
    assert first_post_end(one, [3.0, -2.0, 3.0]) is None
    listing = read_plain("\n".join([POST, "· 义诊 2024-03-05 (12)", "· 义诊 2024-03-01 (8)"]))
    assert first_post_end(listing.lines, [3.0, -2.0, -2.0]) is None


def test_closers_must_be_short_runs_with_the_same_shape() -> None:
    menu = [f"栏目{k}" for k in range(20)]
    lines = read_plain("\n".join([POST, *menu, "更新于 2024-03-05", POST, *menu,
                                  "更新于 2024-03-01"])).lines
    scores = [3.0, *[-2.0] * 21, 3.0, *[-2.0] * 21]
    assert first_post_end(lines, scores) is None  # 21-line runs are sidebars, not post closers


def test_a_line_that_reads_as_text_inside_the_body_span_is_body() -> None:
    text = "\n\n".join(["首页", "新闻", POST, "02", "少量多次饮水，不要等口渴了才喝水。", "03",
                        POST, "版权所有：某某市卫生健康委员会"])
    lines = read_plain(text).lines
    probs = body_probabilities(lines)
    logits = line_logits(lines)
    inside = [i for i in range(2, 7) if logits[i] >= 0]
    assert all(probs[i] >= 0.5 for i in inside)
    assert probs[0] < 0.5 and probs[-1] < 0.5



def test_tagged_heads_and_list_items_between_prose_are_passed_at_the_bodys_edge() -> None:
    # a short Markdown export: its "## " heads and list items score low alone (menus are tagged
    # so too), but prose beyond them carries the body on across them
    from fjhealth.read import read_document

    page = (Path(__file__).parent / "data" / "web_holdout" / "368_toutiao_md_qa.txt").read_text()
    doc = read_document(page, "markdown")
    probs = body_probabilities(doc.lines, doc.format)
    texts = [ln.text for ln, p in zip(doc.lines, probs, strict=True) if p >= 0.5]
    assert texts[0].startswith("年底到了") and "看懂报告里的分级" in texts
    assert "1. 1至3类，基本考虑良性，定期复查即可；" in texts and "相关推荐" not in texts


def test_a_short_whole_sentence_closing_a_notice_stays_in_the_body() -> None:
    """Short, it scores low alone; right after the body, above the signature, it is the
    article's last paragraph, in a page saved one node per line and with blank lines."""
    lines = ["首页", "政务公开", "通知公告",
             "各县（市、区）医疗保障局，市直各公立医疗机构：",
             "为进一步理顺医疗服务比价关系，经研究，决定调整部分医疗服务项目价格。现将有关事项通知如下：",
             "一、适当提高护理、中医、手术等体现技术劳务价值的医疗服务项目价格，降低部分检查项目价格。",
             "二、调整后的项目按规定纳入基本医疗保险支付范围，确保参保患者整体负担不增加。",
             "本通知自2026年1月1日起执行。", "某某市医疗保障局", "2025年12月5日",
             "扫一扫在手机上查看当前页面", "闽ICP备19000000号-1"]
    for sep in ("\n", "\n\n"):
        probs = body_probabilities(read_plain(sep.join(lines)).lines)
        assert probs[7] >= 0.5 and probs[8] < 0.5 and probs[11] < 0.5, sep
