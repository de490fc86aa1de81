"""Lines beside an article's text: datelines, credits, metadata, captions."""

from __future__ import annotations

import pytest

from fjhealth.meta_lines import is_bio, is_caption, is_credit, is_dateline, is_meta


@pytest.mark.parametrize("text", ["本报讯", "新华社福州5月6日电（记者 陈晓）", "东南网7月8日讯"])
def test_a_dateline_alone_opens_the_body_and_is_no_metadata(text: str) -> None:
    assert is_dateline(text)
    assert not is_meta(text)


@pytest.mark.parametrize("text", [
    "编辑｜徐菁菁", "排版：王芳 审核：李明", "发布时间：2025-05-19 作者：黄晓燕",
    "闽卫监督〔2025〕31号", "原标题：我省调整城乡居民大病保险政策", "（福建日报）",
])
def test_credits_bylines_dates_and_document_numbers_are_metadata(text: str) -> None:
    assert is_meta(text)


@pytest.mark.parametrize("text", [
    "记者从省卫健委获悉，今年以来全省新增家庭医生团队186个。", "让专家“沉下去”",
    "本报讯 记者从三明市医保局获悉，今年以来。",
])
def test_prose_and_headings_are_not_metadata(text: str) -> None:
    assert not is_meta(text)
    assert not is_credit(text)


def test_a_caption_has_a_caption_mark_and_no_sentence() -> None:
    assert is_caption("▲ 义诊现场（记者 陈坤 摄）")
    assert is_caption("图源：视觉中国") and is_caption("图片来源：网络")
    assert not is_caption("义诊现场，医生为居民测量血压。")


def test_a_line_about_the_writer_under_its_label_is_a_bio() -> None:
    assert is_bio("作者简介：王思远，甲状腺乳腺外科副主任医师，医学博士。")
    assert is_bio("专家介绍：陈冠宇，心内科主任。")
    assert not is_bio("作者在文中介绍了甲状腺结节的分级。")
