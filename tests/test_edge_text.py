"""Line text read alone at the body's edges (fjhealth.edge_text)."""

from __future__ import annotations

import pytest

from fjhealth.edge_text import notice, whole_sentence


@pytest.mark.parametrize("text", [
    "声明：本网转发此文仅为分享资讯，文中观点仅代表原作者本人，与本站立场无关。如涉及版权问题，请与本站联系。",
    "本文來自網友投稿，僅代表作者個人觀點，不代表本站立場。",
    "轉載請註明出處。",
])
def test_a_notice_about_the_article_in_either_script_is_anotice(text: str) -> None:
    assert notice(text)


def test_a_sentence_about_copyright_law_is_nonotice() -> None:
    assert not notice("新修订的著作权法明确，医院宣传材料同样受版权保护。")



@pytest.mark.parametrize(("text", "whole"), [
    ("本通知自2026年1月1日起执行。", True), ("联系电话：0591-12345678。", False),
    ("三明市医疗保障局", False), ("转载请注明出处，谢谢合作。", False)])
def test_a_whole_sentence_ends_on_a_full_stop_with_no_label_nor_notice(text: str,
                                                                        whole: bool) -> None:
    assert whole_sentence(text) is whole
