"""Line text read alone at the body's edges (fjhealth.edge_text)."""

from __future__ import annotations

import pytest

from fjhealth.edge_text import notice, whole_sentence


@pytest.mark.parametrize("text", [
    "声明：本网转发此文仅为分享资讯，文中观点仅代表原作者本人，与本站立场无关。如涉及版权问题，请与本站联系。",
    "本文來自網友投稿，僅代表作者個人觀點，不代表本站立場。",
    "轉載請註明出處。",
    "💡 摘录自健康网，供科室学习讨论使用。", "免责声明：本栏目回答仅供参考，不能代替医生面诊。",
])
def test_a_notice_about_the_article_in_either_script_is_anotice(text: str) -> None:
    assert notice(text)


def test_a_sentence_about_copyright_law_is_nonotice() -> None:
    assert not notice("新修订的著作权法明确，医院宣传材料同样受版权保护。")
    assert not notice("指南中的推荐意见摘自国内外最新研究。")  # "摘自" inside a sentence


def test_the_body_ends_at_a_rights_notice_among_its_last_lines() -> None:
    from fjhealth.edge_text import end_at_notice
    from fjhealth.read.plain import read_plain

    page = ["正文写了很长的一段话。" * 12, "©著作权归作者所有", "喜欢请点赞、收藏！"]
    lines = read_plain("\n".join(page)).lines
    probs = [0.9, 0.8, 0.9]
    end_at_notice(probs, lines, [0, 1, 2], 100, 4)
    assert probs == [0.9, 0.49, 0.49]


@pytest.mark.parametrize(("text", "dangles"), [
    ("相关政策文件：", True), ("🔺", True), ("具体安排如下：", True),
    ("本次调整涉及以下医疗服务项目的价格：", False), ("请各单位按时报送。", False)])
def test_a_label_or_marks_alone_is_no_articles_last_line(text: str, dangles: bool) -> None:
    from fjhealth.edge_text import dangling
    assert dangling(text) is dangles



@pytest.mark.parametrize(("text", "whole"), [
    ("本通知自2026年1月1日起执行。", True), ("联系电话：0591-12345678。", False),
    ("三明市医疗保障局", False), ("转载请注明出处，谢谢合作。", False)])
def test_a_whole_sentence_ends_on_a_full_stop_with_no_label_nor_notice(text: str,
                                                                        whole: bool) -> None:
    assert whole_sentence(text) is whole


def test_a_reference_list_closing_the_body_is_no_body() -> None:
    from fjhealth.edge_text import references_tail
    from fjhealth.models import Line

    page = ["正文写了很长的一段话。" * 6, "参考资料：", "[1] 中国营养学会.中国居民膳食指南.2022.",
            "[2] 国家心血管病中心.中国心血管健康与疾病报告.2023."]
    lines = [Line(t) for t in page]
    assert references_tail(lines, [0, 1, 2, 3]) == [1, 2, 3]
    assert references_tail(lines, [0, 1, 2, 3][:2]) == []  # a label over nothing: left alone


def test_a_comment_box_rule_is_a_notice_and_ends_the_body() -> None:
    """An empty comment box under the article ("网友评论" / its rules / "登录后发表评论"): its
    rules read as a sentence but are the site's, so the body ends before the box."""
    from fjhealth.clean import clean_text

    assert notice("文明上网，理性发言，请勿发表不良言论。")
    assert not notice("医生提醒，冬季要注意保暖，不要随意停药。")
    para = "市卫健委近日发布通知，全市社区卫生服务中心将延长门诊时间，方便居民下班后就诊。"
    page = "\n".join(["社区门诊延长服务时间", para, para.replace("下班后", "周末"), "网友评论",
                      "文明上网，理性发言，请勿发表不良言论。", "登录后发表评论", "关于我们"])
    (article,) = clean_text(page, "t")
    assert [b.text for b in article.blocks][-1].startswith("市卫健委")
    assert not any("评论" in b.text or "理性" in b.text for b in article.blocks)
