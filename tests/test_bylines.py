"""Writers and dates from metadata lines (fjhealth.bylines), alone and through the cleaner."""

from __future__ import annotations

import pytest

from fjhealth.bylines import (
    closing_writers,
    credits,
    date_pieces,
    find_authors,
    find_date,
    is_date_pair,
    is_name_line,
    line_names,
)
from fjhealth.clean import clean_text

BODY = "\n".join(["今年以来，全市基层医疗机构持续推进家庭医生签约服务，签约率稳步提高。"] * 4)


# ------------------------------------------------------------------------------ degenerate


def test_no_lines_no_authors_no_date() -> None:
    assert find_authors([]) == () and find_date([]) is None
    assert credits("") == ([], [])


# ---------------------------------------------------------------------------------- credits


@pytest.mark.parametrize(
    ("line", "writers"),
    [
        ("作者：陈晓", ["陈晓"]),
        ("东南日报记者 陈立群 黄志远", ["陈立群", "黄志远"]),  # an outlet before the role
        ("文｜林晓 王芳", ["林晓", "王芳"]),
        ("本报记者郑宁发自厦门", ["郑宁"]),  # glued, closed by a reporting mark
        ("编辑： 小林 来源： 海峡健康报 作者：吴敏 郑立华", ["吴敏", "郑立华"]),
        ("**健康网频道   记者  苏晴  林秀英 ** 个人简介：", ["苏晴", "林秀英"]),
        ("mlhz2024 发表于 2024-9-15 11:46:00", ["mlhz2024"]),
        ("---  山茶花写于2024年6月10日", ["山茶花"]),
        ("新华社记者走基层", []),  # glued to the role with no closing mark: a phrase
        ("记者：你平时从哪里最早得到这些健康信息？", []),  # an interview question
        ('作者：size="20"', []),  # a template left unfilled
        ("排版：王芳 审核：李明", []),
        ("海峡新闻记者 方雨晴2025-11-22 10:05+ 关注", ["方雨晴"]),  # spans printed unspaced
        ("作者：福建省立医院 营养科 王丽娜 审核：林建国", ["王丽娜"]),  # institution, department
        ("来源：三明日报  作者：罗  毅  责任编辑：张婷", ["罗毅"]),  # spread to three's width
        ("记者 罗 毅 通讯员 陈 晓", ["罗毅", "陈晓"]),
        ("记者 王 强 李 明", []),  # a run of single characters: not read as one name
    ],
)
def test_writers_credited_by_role(line: str, writers: list[str]) -> None:
    assert credits(line)[0] == writers


def test_editors_are_not_writers() -> None:
    assert credits("（编辑 孙桂芳）") == ([], ["孙桂芳"])
    assert credits("责任编辑：林芳") == ([], ["林芳"])


def test_editor_is_the_author_only_above_the_body_and_only_without_a_writer() -> None:
    assert find_authors(["编辑｜徐菁菁"], header=1) == ("徐菁菁",)
    assert find_authors(["来源：央广网", "编辑:李楠"], header=1) == ()
    assert find_authors(["编辑：金金", "作者：宋怡"], header=2) == ("宋怡",)


def test_name_lines() -> None:
    assert is_name_line("刘国栋 周炜") and is_name_line("胡平")
    assert not is_name_line("同人连载")  # four characters alone: a phrase, not a name
    assert not is_name_line("关于我们 联系我们 网站地图 版权声明")


# ------------------------------------------------------------------------------------ dates


def test_article_date_beats_other_dates_on_the_page() -> None:
    assert find_date(["创建于:2019年10月6日", "发表于 2024-9-15 11:46:00"]) == "2024-09-15"
    related = "医保新政落地 福州市民关注门诊报销2024-03-28 11:29:36"
    assert find_date([related, "2024年03月31日03:18"]) == "2024-03-31"
    assert find_date(["其他文章 2024-06-13", "义诊下乡 服务到家 2024-06-14"],
                     title="义诊下乡 服务到家") == "2024-06-14"


def test_month_first_slash_dates() -> None:
    assert find_date(["发布日期： 7/5/2005 9:23:57 PM"]) == "2005-07-05"
    assert find_date(["发布日期： 13/5/2005"]) is None


# ------------------------------------------------------------------------ through the cleaner


def test_byline_with_an_outlet_before_the_role() -> None:
    (a,) = clean_text("\n".join(["基层签约服务提质扩面", "2024-05-06 09:57",
                                 "健康报记者 王建宏 张文攀", BODY]))
    assert a.authors == ("王建宏", "张文攀") and a.date == "2024-05-06"


def test_name_alone_under_the_title_is_the_author() -> None:
    (a,) = clean_text("\n".join(["基层签约服务提质扩面", "胡平", BODY]))
    assert a.title == "基层签约服务提质扩面" and a.authors == ("胡平",)


def test_editor_at_the_foot_is_not_the_author() -> None:
    (a,) = clean_text("\n".join(["基层签约服务提质扩面", "2024-05-06 来源：健康网", BODY,
                                 "编辑：李楠"]))
    assert a.authors == () and a.date == "2024-05-06"
    assert "编辑：李楠" in a.meta


def test_forum_post_names_its_writer_before_the_date() -> None:
    assert credits("本贴由**王小明** 于2024年5月12日16:12:21在〖健康论坛〗发表.")[0] == ["王小明"]
    assert credits("由市卫健委于近日发布通知") == ([], [])  # no date after it: prose


def test_date_line_that_opens_with_the_site_address() -> None:
    line = "http://www.example-health.gov.cn/ 2024-07-18 13:03:17"
    (a,) = clean_text("\n".join(["基层签约服务提质扩面", line, BODY]))
    assert a.date == "2024-07-18" and line in a.meta


def test_menu_item_ending_in_editor_is_no_credit() -> None:
    assert credits("控制面板 发表文章 文章编辑 评论管理 更新资料") == ([], [])


def test_html_byline_outside_the_main_text() -> None:
    from fjhealth.read.html import read_html

    body = "".join(f"<p>{p}</p>" for p in BODY.split("\n"))
    page = ("<html><head><title>基层签约服务提质扩面</title></head><body>"
            "<h1>基层签约服务提质扩面</h1><div class='info'>发布时间：2024-05-06 作者："
            "<a href='#'>王小明</a> 点击数：12</div>"
            f"<div class='content'>{body * 3}</div></body></html>")
    assert read_html(page).authors == ("王小明",)


@pytest.mark.parametrize("line, writers", [
    ("原创 林小雨 泉州疾控 2025年10月20日 08:30 福建", ["林小雨"]),  # the writer, then the account
    ("原创 福州卫健 2024年04月18日 18:30", []),  # the account alone
    ("文字：林小雨", ["林小雨"]),
    ("供稿：中医科　吴秀兰", ["吴秀兰"]),  # the writer's department before the name
    ("供稿：宣传科", []),
    ("本报讯（记者 郑璜）日前，省医保局、省财政厅印发通知", ["郑璜"]),  # ends at the bracket
])
def test_writers_credited_by_a_line(line, writers):
    assert credits(line)[0] == writers


def test_a_closing_bracket_credits_writers_only_when_it_reads_as_a_credit():
    assert closing_writers("…踏实做事的决心。（常书香 马丹阳 ）") == ("常书香", "马丹阳")
    assert closing_writers("…过程吗？”（姚峰 上海报道）") == ("姚峰",)
    assert closing_writers("…在福州召开。（记者 张三 通讯员 李四）") == ("张三", "李四")
    assert closing_writers("…在福州召开。（省卫健委）") == ()  # one bare name: an organisation's
    assert closing_writers("（常书香 马丹阳）会议在福州召开。") == ()


def test_a_date_printed_in_pieces():
    assert date_pieces("21 2025/11") == "2025-11-21"
    assert date_pieces("2025年11月 21") == "2025-11-21"
    assert date_pieces("2025/13 21") is None
    assert is_date_pair("21", "2025/11") and is_date_pair("2025-11", "3")
    assert not is_date_pair("21", "专题") and not is_date_pair("45", "2025/11")


def test_a_name_line_may_open_with_the_writers_institution():
    assert line_names("福建省立医院 超声科 郑晓东") == ["郑晓东"]
    assert line_names("林晓 王芳") == ["林晓", "王芳"]
    assert line_names("福建省立医院 超声科") == []  # no name after the institution
    assert line_names("首页 新闻 关于 我们") == []


def test_a_name_line_may_open_with_the_day_when_it_names_the_department() -> None:
    assert line_names("2025-12-03 儿童呼吸科 陈婉婷") == ["陈婉婷"]
    assert line_names("2025-06-14 光明网") == []  # a day and a site: no writer


def test_a_roc_calendar_date_after_a_date_label_is_the_articles_day() -> None:
    from fjhealth.meta_lines import is_meta

    assert find_date(["發布日期：114-10-02", "更新時間：114-10-03 09:12"]) == "2025-10-02"
    assert find_date(["民國113年5月20日"]) == "2024-05-20"
    assert is_meta("發布日期：114-10-02")
    assert find_date(["總機：114-10-02"]) is None  # no date label: not a date


def test_a_page_in_traditional_characters_gives_its_byline_editor_and_source() -> None:
    """Labels read in either script ("記者", "責任編輯", "資料來源"); names stay as printed."""
    page = "\n".join([
        "首頁", "生活", "健康", "疫苗接種率偏低 專家籲長者盡速接種", "2025/10/15 14:20",
        "記者林雅婷／台北報導", "資料來源：疾病管制署",
        "流感季即將到來，但今年長者疫苗接種率僅三成左右，較去年同期偏低。疾管署今天呼籲長者盡速接種。",
        "疾管署指出，近一個月門急診類流感就診人次持續上升。專家提醒，接種疫苗後約需兩週產生保護力。",
        "責任編輯：陳怡如", "延伸閱讀"])
    (article,) = clean_text(page, "020")
    assert article.authors == ("林雅婷",)
    assert article.source == "疾病管制署"
    assert "記者林雅婷／台北報導" in article.meta and "責任編輯：陳怡如" in article.meta
    assert [r.reason for r in article.removed if r.text == "首頁"] == ["navigation"]


@pytest.mark.parametrize(("line", "writer"), [
    ("撰文｜耳鼻喉科 陳冠宇醫師", "陳冠宇"), ("作者：王思远副主任医师", "王思远"),
    ("文｜陈冠宇医生", "陈冠宇")])
def test_a_writers_professional_title_after_the_name_is_not_the_name(line: str,
                                                                      writer: str) -> None:
    assert credits(line)[0] == [writer]


def test_a_word_holding_a_role_or_a_widget_label_is_no_name() -> None:
    assert credits("本报记者 吴思涵 特约记者 周文彬")[0] == ["吴思涵", "周文彬"]
    assert credits("作者：记者 王丽娟 通讯员 黄文斌 参与评论（36）")[0] == ["王丽娟", "黄文斌"]


def test_a_bio_names_its_writer_and_a_caption_its_photographer_only() -> None:
    assert find_authors(["作者简介：王思远，甲状腺乳腺外科副主任医师，医学博士。"]) == ("王思远",)
    assert find_authors(["▲ 门诊现场（摄影：李明）", "文字｜林晓"]) == ("林晓",)


@pytest.mark.parametrize("line, day", [
    ("发布时间：２０２５－０９－２８", "2025-09-28"), ("２０２５年９月２８日", "2025-09-28"),
])
def test_a_date_in_full_width_digits(line: str, day: str) -> None:
    assert find_date([line]) == day


@pytest.mark.parametrize("line, writers", [
    ("作者：急诊科陆医生", ["陆医生"]),  # a department, a surname and a title: as printed
    ("作者：陈冠宇医师", ["陈冠宇"]), ("供稿：中医科 吴秀兰", ["吴秀兰"]),
])
def test_a_writer_behind_a_department_and_before_a_title(line: str, writers: list[str]) -> None:
    assert credits(line)[0] == writers
