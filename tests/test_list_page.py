"""List pages give no article (fjhealth.list_page); the pages in tests/data/web_holdout/list_pages
are checked in every form by test_web_holdout."""

from __future__ import annotations

from fjhealth.list_page import is_list_page
from fjhealth.models import Line

MENU = [Line(t) for t in ("首页", "新闻中心", "医院新闻", "就医指南", "科室导航", "健康科普")]


def test_a_short_page_is_never_a_list_page() -> None:
    assert not is_list_page([Line("门诊异动"), Line("本周门诊照常。")], [1])


def test_one_headline_among_many_lines_is_no_article() -> None:
    page = [*MENU, Line("关于开展义诊活动的通知"), Line("2025-12-18"), *MENU]
    assert is_list_page(page, [6])


def test_teasers_cut_short_are_no_article_an_article_is() -> None:
    teasers = [Line(f"第{k}条新闻的开头，医院近日举办了一项活动……") for k in range(4)]
    assert is_list_page([*MENU, *teasers], [6, 7, 8, 9])
    prose = [Line("医院近日举办护理技能竞赛，六十名护士参赛。"),
             Line("他说：“我们还会继续……”"), Line("竞赛设理论和操作两部分。")]
    assert not is_list_page([*MENU, *prose, *MENU], [6, 7, 8])


def test_one_teaser_of_several_on_the_page_is_no_article() -> None:
    # a search result or a channel page: the body found is one teaser, "…[详细]" or "..."
    teasers = [Line(f"第{k}条结果的开头，医保局近日印发了一项新的实施办法，自三月起施行…[详细]")
               for k in range(4)]
    assert is_list_page([*MENU, *teasers], [9])
    assert is_list_page([*MENU, *(Line(t.text[:-4] + "...") for t in teasers)], [9])
    # one paragraph cut short under an article's headline, no other teaser: an article
    lone = [*MENU, Line("医保新政解读"),
            Line("医保局近日印发了一项新的实施办法，自三月起施行……[全文]")]
    assert not is_list_page(lone, [7])
