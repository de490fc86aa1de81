"""Where a title candidate's line stands (fjhealth.title_place), alone and through the cleaner."""

from __future__ import annotations

from fjhealth.clean import clean_document
from fjhealth.models import Document, Line
from fjhealth.title_place import placement, section_number, series_heads, series_number
from fjhealth.titles import TITLE_FEATURES, candidates

BODY = [
    "近日，市卫健委印发通知，在全市推广家庭医生签约服务，签约居民可在社区预约专家号源。",
    "通知要求，各社区卫生服务中心要配齐家庭医生团队，签约服务覆盖城乡所有行政村。",
    "据介绍，今年全市家庭医生签约率已达六成，重点人群签约率超过八成。",
]


def _is_date_line(text: str) -> bool:
    return text.startswith("2024-")


def test_section_numbers_and_series() -> None:
    assert section_number("二十三、感赞") == (0, 23)
    assert section_number("（2）团队") == (1, 2)
    assert section_number("家庭医生") is None
    assert series_heads(["一、甲", "正文", "二、乙", "三、丙"]) == {0, 2}


def test_a_line_a_date_line_follows_is_placed_as_a_headline() -> None:
    lines = [Line("家庭医生走进千家万户"), Line("2024-10-08 来源：某某网"), Line(BODY[0])]
    assert placement(0, lines, _is_date_line, False) == (1.0, 0.0)
    assert placement(2, lines, _is_date_line, False) == (0.0, 0.0)
    assert placement(2, lines, _is_date_line, True) == (1.0, 0.0)  # a date after its text
    assert placement(-1, lines, _is_date_line, False) == (0.0, 0.0)  # a metadata title


def test_an_item_of_a_run_of_headline_sized_lines_or_tagged_is_listed() -> None:
    side = ["社区医院开展义诊活动", "家庭医生走进千家万户", "流感疫苗接种开始预约",
            "医保报销比例再次提高"]
    lines = [*map(Line, side), Line(BODY[0])]
    assert [placement(i, lines, _is_date_line, False)[1] for i in range(4)] == [1, 1, 1, 1]
    assert placement(1, lines[1:], _is_date_line, False)[1] == 0.0  # three are no list
    assert placement(0, [Line("流感疫苗接种开始预约", tag="li")], _is_date_line, False)[1] == 1.0
    # a kicker, a headline and a deck stacked under a menu row and a breadcrumb are no list
    lines = [Line("首页 新闻 健康 数字报"), Line("您的位置：首页 > 健康"),
             Line("从“看得上病”到“看得好病”"), Line("家庭医生走进千家万户"),
             Line("今年签约率达六成"), Line("2024-10-08 来源：某某网")]
    assert placement(3, lines, _is_date_line, False) == (1.0, 0.0)
    # nor is a headline between a short word and a name
    lines = [Line("显示"), Line("家庭医生走进千家万户"), Line("胡平")]
    assert placement(1, lines, _is_date_line, False)[1] == 0.0


def test_the_headline_a_date_line_follows_beats_a_sidebar_list_and_an_ad() -> None:
    side = ["社区医院开展义诊活动", "流感疫苗接种开始预约啦", "医保报销比例再次提高"]
    lines = (*(Line(t, tag="li") for t in side), Line("家庭医生走进千家万户"),
             Line("2024-10-08 来源：某某网"), Line("立刻注册免费邮箱，激活超大空间"),
             *map(Line, BODY))
    doc = Document(lines, format="markdown")
    k = TITLE_FEATURES.index("meta_below")
    by_core = {c.core: c for c in candidates(lines, 6, BODY, [0.0] * len(lines),
                                              skip=_is_date_line)}
    assert by_core["家庭医生走进千家万户"].features[k] == 1.0
    assert by_core["立刻注册免费邮箱，激活超大空间"].features[k] == 0.0
    (a,) = clean_document(doc)
    assert a.title == "家庭医生走进千家万户"


def test_series_numbers_include_a_legal_texts_articles_and_chapters() -> None:
    assert series_number("第六条　本办法自2026年1月1日起施行。") == (3, 6)
    assert series_number("第三章　附则") == (4, 3)
    assert series_number("第十二节") == (5, 12)
    assert series_number("二、主要内容") == section_number("二、主要内容")
    assert series_number("第一时间赶到现场") is None


def test_an_official_documents_number_under_a_line_does_not_make_it_a_headline() -> None:
    # the issuer's name over "闽卫监督〔2025〕31号", the headline after them (GB/T 9704)
    from fjhealth.meta_lines import is_meta

    lines = [Line("福建省卫生健康委员会"), Line("闽卫监督〔2025〕31号"),
             Line("关于印发自查工作方案的通知"), Line("发布时间：2025-04-18")]
    assert placement(0, lines, is_meta, False) == (0.0, 0.0)
    assert placement(2, lines, is_meta, False) == (1.0, 0.0)
