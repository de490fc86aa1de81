"""Column (e-paper) pages: pages typeset here in narrow columns, checked for what must and
must not appear (datelines in the body, headlines apart, paragraph breaks, no layout spaces),
and the shipped layout thresholds."""

from __future__ import annotations

import pytest
from helpers import typeset_page, wrap_column

from fjhealth.cells import width
from fjhealth.clean import clean_text
from fjhealth.column_lines import params

PARAGRAPHS = [
    "新华社华盛顿1月9日电（记者王明）美国科学家今天宣布，他们在实验室里发现了一种可以延缓"
    "细胞衰老的新药，这一成果有望用于治疗多种老年疾病。",
    "研究人员说，这种药物已在动物身上试验了三年，效果明显，没有发现严重的副作用。下一步"
    "他们将开展临床试验，预计需要五年时间。",
    "专家指出，新药从实验室走向病床还有很长的路要走，但这项发现为老年医学研究打开了新的思路。",
    "据介绍，这项研究由三所大学的二十多名科学家共同完成，相关论文发表在最新一期学术期刊上。",
]
HEADLINE = "美科学家发现延缓衰老新药"


def clean_page(text: str):
    return clean_text(text, "p")


@pytest.mark.parametrize("column", [10, 12, 14, 17])
def test_paragraph_breaks_are_kept_at_any_column_width(column: int) -> None:
    (a,) = clean_page(typeset_page(PARAGRAPHS, column, headline=HEADLINE))
    assert a.paragraphs == tuple(PARAGRAPHS)


@pytest.mark.parametrize("punct", [1.0, 0.5])
def test_half_width_punctuation_and_column_breaks(punct: float) -> None:
    text = typeset_page(PARAGRAPHS, 13, headline=HEADLINE, column_lines=7, punct=punct)
    (a,) = clean_page(text)
    assert a.paragraphs == tuple(PARAGRAPHS)


@pytest.mark.parametrize(("column", "punct"), [(13, 1.0), (14, 0.5), (18, 1.0), (11, 0.5)])
def test_lines_cut_after_every_mark_are_put_back(column: int, punct: float) -> None:
    # pdftotext -raw breaks a printed line after each punctuation mark in it: the pieces are
    # put back into printed lines, so sentence ends inside a paragraph break nothing. (At some
    # widths a paragraph ends in a last line exactly as wide as the next one's indent: the
    # pieces then read as one printed line either way, and are joined.)
    text = typeset_page(PARAGRAPHS, column, headline=HEADLINE, punct=punct, cut_marks=True)
    (a,) = clean_page(text)
    assert a.paragraphs == tuple(PARAGRAPHS)
    assert a.title == HEADLINE


@pytest.mark.parametrize(("column", "punct"), [(14, 0.5), (20, 1.0)])
def test_a_headline_printed_last_on_a_cut_page_stands_apart(column: int, punct: float) -> None:
    # the last paragraph's final piece and the headline after it fit one column width, but no
    # paragraph ends without a mark: the headline is a line of its own
    text = typeset_page(PARAGRAPHS, column, headline=HEADLINE, headline_last=True,
                        cut_marks=True, punct=punct)
    (a,) = clean_page(text)
    assert a.title == HEADLINE
    assert a.paragraphs[-1].endswith(PARAGRAPHS[-1])


def test_headline_is_not_glued_to_the_dateline() -> None:
    (a,) = clean_page(typeset_page(PARAGRAPHS, 12, headline=HEADLINE))
    assert a.title == HEADLINE
    assert a.paragraphs[0].startswith("新华社华盛顿1月9日电（记者王明）")
    assert HEADLINE not in a.body


def test_headline_printed_last_still_titles_the_article() -> None:
    (a,) = clean_page(typeset_page(PARAGRAPHS, 12, headline=HEADLINE, headline_last=True))
    assert a.title == HEADLINE
    assert a.paragraphs[-1] == PARAGRAPHS[-1]


def test_local_dateline_stays_visible_in_the_body() -> None:
    first = ("本报讯（记者林晓）3月12日，厦门市卫健委在思明区召开基层医疗服务能力提升推进会，"
             "全市各区卫健局负责人参加。")
    text = typeset_page([first, *PARAGRAPHS[1:]], 13, headline="厦门推进基层医疗服务能力提升")
    (a,) = clean_page(text)
    assert a.paragraphs[0] == first
    assert not any("本报讯" in m for m in a.meta)
    assert a.title == "厦门推进基层医疗服务能力提升"


def test_layout_spaces_are_removed_and_masthead_set_aside() -> None:
    text = typeset_page(PARAGRAPHS, 12, headline=HEADLINE, spread_every=3,
                        byline="本报记者 陈坤",
                        masthead=("健康日报", "2024年5月6日 星期一", "第3版", "要闻", "责编：林明"))
    (a,) = clean_page(text)
    assert a.paragraphs == tuple(PARAGRAPHS)
    assert a.authors == ("陈坤",)
    assert "健康日报" not in a.body and "责编" not in a.body
    assert {r.text for r in a.removed} >= {"2024年5月6日 星期一", "责编：林明"}


def test_a_second_article_opens_at_its_dateline() -> None:
    other = ["本报讯 近日，泉州市第一医院与三家乡镇卫生院签订帮扶协议，选派二十名骨干医师"
             "下沉基层坐诊带教，帮助乡镇卫生院提升常见病和多发病的诊疗能力。",
             "院长表示，医院将通过远程会诊、专科联盟等方式帮助基层，力争三年内让常见病不出乡镇。"]
    text = typeset_page(PARAGRAPHS, 12, headline=HEADLINE) + typeset_page(
        other, 12, headline="泉州医生下沉基层帮扶乡镇卫生院", headline_last=True)
    first, second = clean_page(text)
    assert first.paragraphs == tuple(PARAGRAPHS)
    assert second.paragraphs == tuple(p.replace(" ", "") for p in other)
    assert (first.title, second.title) == (HEADLINE, "泉州医生下沉基层帮扶乡镇卫生院")


def test_wrap_column_fills_the_column() -> None:
    lines = wrap_column(PARAGRAPHS[2], 12)
    assert width(lines[0]) == 10 and all(width(ln) >= 11 for ln in lines[1:-1])


def test_shipped_thresholds_load() -> None:
    p = params()
    assert 0 < p["indent_lo"] <= p["indent_hi"] and p["full_tol"] > 0


def test_a_headline_over_a_deck_opens_a_second_article() -> None:
    other = ["礼貌是一个人修养的外在表现，也是社会文明程度的标志，应当从小培养，从身边做起。",
             "家长和老师要以身作则，让孩子在日常生活中学会尊重别人、体谅别人。"]
    second = typeset_page(other, 12, headline="礼貌从小养成").replace(
        "礼貌从小养成\n", "礼貌从小养成\n——谈儿童文明教育\n")
    first, nxt = clean_page(typeset_page(PARAGRAPHS, 12, headline=HEADLINE) + second)
    assert first.paragraphs == tuple(PARAGRAPHS)
    assert (nxt.title, nxt.subtitles, nxt.paragraphs) == (
        "礼貌从小养成", ("——谈儿童文明教育",), tuple(other))


def test_a_wider_column_after_an_article_is_another_article() -> None:
    other = ["医院今年为山区群众开展义诊四十多场，接诊患者三千多人次，发放健康手册一万多册，"
             "受到群众欢迎。", "医院负责人表示，明年将把义诊活动延伸到更多偏远乡村，让群众少跑路。"]
    text = typeset_page(PARAGRAPHS, 11, headline=HEADLINE) + typeset_page(
        other, 17, headline="医院义诊进山区", headline_last=True)
    first, second = clean_page(text)
    assert first.paragraphs == tuple(PARAGRAPHS) and second.paragraphs == tuple(other)
    assert second.title == "医院义诊进山区"


def _page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


def test_a_paragraph_ending_before_another_headline_is_kept_whole() -> None:
    # the lines after a paragraph are another article's headlines, narrower than the column:
    # a full line of the paragraph is not taken for display text spanning columns
    body = ["市卫健委近日召开全市基层医疗工作会议，总结去年工作，部署今年任务。",
            "会上，市卫健委主任介绍了全市家庭医生签约服务的进展，并对下一步工作提出要求。",
            "会议结束时，各区卫健局局长分别和家庭医生团队代表签订责任书并合影留念。"]
    other = ["本报讯 厦门市疾控中心提醒市民，冬春季节是流感高发期，老人和儿童应尽早接种流感疫苗。",
             "疾控专家说，接种疫苗是预防流感最经济有效的办法，接种后两周左右即可产生保护。"]
    text = _page(["全市基层医疗工作会议召开", "本报记者 林晓"], *(wrap_column(p, 15) for p in body),
                 ["流感疫苗接种正当时", "本报记者 陈红"], *(wrap_column(p, 15) for p in other))
    paragraphs = [p for a in clean_page(text) for p in a.paragraphs]
    assert body[2] in paragraphs


def test_a_full_dash_line_after_a_colon_is_a_list_item_not_a_deck() -> None:
    intro = ("本报讯 今年以来，卫健局主动发挥牵头作用，以联动促分工促提升，在推动优质资源下沉和"
             "改善基层就医条件上有新变化：")
    items = ["———基层诊疗能力得到明显提升，区医院先后派出医师八十人，卫生院新开设了六个专科门诊，"
             "缓解了群众看病难的问题。",
             "———社区医疗服务更加便利，新建社区卫生服务站十二个，居民步行十五分钟就能看病。"]
    text = _page(["卫健局推动优质资源下沉", "本报记者 林晓"], wrap_column(intro, 13),
                 *(wrap_column(x, 13, indent=0) for x in items))
    (a,) = clean_page(text)
    assert a.paragraphs[:3] == (intro.replace(" ", ""), *items)


def test_full_lines_without_marks_under_a_first_line_are_prose() -> None:
    # three lines with no punctuation yet, the last two filling the column, then a line that
    # looks indented only because a number is set with spaces around it: one paragraph
    lines = ["院长在总结会上用了", "好几个“第一次”来概括", "医院去年的发展情况和成",
             "果。院长说，2024 年", "以来，门诊量首次突破百", "万，住院病人和手术台次",
             "都比前年明显增加。"]
    after = "他同时指出，医院的学科建设还有不少短板，今年将继续加大人才引进和培养力度。"
    lead = "本报讯 市第一医院昨天召开年度总结大会，全院职工代表三百多人参加会议。"
    text = _page(["医院去年门诊量首次突破百万", "本报记者 林晓"], wrap_column(lead, 11),
                 lines, wrap_column(after, 11))
    (a,) = clean_page(text)
    assert a.paragraphs[1] == "".join(lines).replace(" ", "")


def test_two_headlines_side_by_side_on_one_line_title_their_own_articles() -> None:
    # an extractor that follows the text stream prints the headlines of two articles set side
    # by side as one line, the phrases held apart by a space
    one = ["本报讯 近日，闽西山区十二家乡镇卫生院接入县医院远程心电诊断平台，村民在卫生院做完"
           "心电图，二十分钟内就能拿到县医院医生的诊断报告。",
           "平台开通以来，已为两千多名村民完成远程心电诊断，及时发现急性心肌梗死患者九人。",
           "过去，乡镇卫生院没有能读心电图的医生，村民遇到胸闷心慌，只能坐一个多小时的车到县城。",
           "县卫健局负责人说，明年将把平台延伸到村卫生所，让群众在家门口就能做心电检查。"]
    two = ["本报讯 泉州市今年在全市中小学推行课间远眺和户外活动两小时制度，并为每所学校配备"
           "视力筛查设备，儿童近视防控工作进入校园。",
           "市疾控中心的数据显示，去年全市中小学生近视率比前年下降了一点八个百分点。",
           "眼科专家提醒，家长也要控制孩子在家使用手机和平板的时间，每天不超过一小时。"]
    text = _page(["本报记者 林晓"], *(wrap_column(p, 14) for p in one),
                 ["本报记者 黄敏"], *(wrap_column(p, 14) for p in two),
                 ["山区卫生院用上远程心电诊断 儿童近视防控进校园"])
    titles = [a.title for a in clean_page(text)]
    assert titles == ["山区卫生院用上远程心电诊断", "儿童近视防控进校园"]


def test_a_two_phrase_headline_keeps_its_space() -> None:
    text = typeset_page(PARAGRAPHS, 14, headline="科学新发现 延缓衰老新药问世")
    (a,) = clean_page(text)
    assert a.title == "科学新发现 延缓衰老新药问世"


def test_a_byline_printed_inside_a_sentence_leaves_the_sentence_whole() -> None:
    # an extractor that reads text blocks out of order can print the byline block between two
    # lines of one sentence: the paragraph carries on after it
    body = [wrap_column(p, 14) for p in PARAGRAPHS]
    second = body[1]
    cut = next(k for k, ln in enumerate(second[1:], 1) if ln[-1] not in "，。、")
    pieces = [body[0], second[: cut + 1], ["", "本报记者 林晓", ""], second[cut + 1 :], *body[2:]]
    (a,) = clean_page(_page([HEADLINE], *pieces))
    assert a.paragraphs == tuple(PARAGRAPHS)
    assert "本报记者 林晓" in a.meta


def test_a_line_opening_with_a_closing_mark_carries_on_the_line_before() -> None:
    # no printed line begins with "，": an extractor that puts one first cut the printed line
    # before it, here right after a book title opening a paragraph (alone, it looks like a
    # section head)
    lines = ["《家庭健康手册》", "，首次采用大字号彩色", "图印刷，给老人一种亲切的", "温暖感觉。"]
    text = _page([HEADLINE, "本报记者 林晓"], wrap_column(PARAGRAPHS[0], 13), lines,
                 *(wrap_column(p, 13) for p in PARAGRAPHS[1:]))
    (a,) = clean_page(text)
    assert a.paragraphs == (PARAGRAPHS[0], "".join(lines), *PARAGRAPHS[1:])


def test_a_dateline_carries_on_over_its_reporters_line() -> None:
    # the dateline's sentence runs over three lines, the middle one opening like a byline: it is
    # one paragraph, no headline or byline taken out of it
    lines = ["健康座谈会在榕举行", "本报记者 陈坤", "  本报福州1月24日讯福建人",
             "民广播电台记者吴海燕、新华社", "记者高志远、本报记者郑明华报",
             *wrap_column("道：省委今天上午在西湖宾馆召开卫生界人士迎春座谈会，共谋发展，同迎新春。",
                          14, indent=0),
             *wrap_column(PARAGRAPHS[2], 14)]
    (a,) = clean_page("\n".join(lines) + "\n")
    lead = "本报福州1月24日讯福建人民广播电台记者吴海燕、新华社记者高志远、本报记者郑明华报道："
    assert a.paragraphs[0].startswith(lead)
    assert a.paragraphs[0].endswith("同迎新春。")
    assert a.title == "健康座谈会在榕举行"


def test_a_dash_list_item_after_a_colon_stays_in_the_prose() -> None:
    items = ["在推动优质资源下沉和改善基层就医条件上有新变化：",
             "———基层诊疗能力得到明显提升，区医院先后派出医师八十人，先后建成三个专科。",
             "———家庭医生签约稳步推进，签约人数明显上升，居民签约率比五年前提高了两倍。"]
    lines = ["基层医疗服务见成效", "本报记者 陈坤"]
    for para in items:
        lines += wrap_column(para, 14)
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.paragraphs == tuple(items)
    assert a.subtitles == ()


def test_a_run_in_label_opens_its_paragraph() -> None:
    # a short first line with a label ("人物一：") over a full line is no section head
    paras = [PARAGRAPHS[1], "人物一：陈洁的故事———福州是工作最忙碌的地方，家乡是心里最柔软的角落。"]
    lines = [HEADLINE, *wrap_column(paras[0], 14), "人物一：陈洁的故",
             *wrap_column(paras[1][8:], 14, 0)]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.paragraphs == tuple(paras)


def test_a_caption_between_two_columns_does_not_break_the_sentence() -> None:
    # the photo caption (a block with its credit) sits between the two halves of a sentence
    first, rest = PARAGRAPHS[1][:30], PARAGRAPHS[1][30:]
    caption = ["针灸是个十分古老的疗法，它的历", "史已有两千多年。（黄文海 摄）"]
    lines = [HEADLINE, *wrap_column(PARAGRAPHS[0], 14), *wrap_column(first, 14), "", *caption,
             "", *wrap_column(rest, 14, indent=0), *wrap_column(PARAGRAPHS[2], 14)]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.paragraphs == tuple(PARAGRAPHS[:3])
    assert a.captions == ("针灸是个十分古老的疗法，它的历史已有两千多年。（黄文海摄）",)


def test_a_headline_left_over_above_the_article_before_goes_to_its_own_article() -> None:
    # both headlines stand over the first article; the second article has only its author's
    # line above it, which shares a pair or two with its body: the left-over headline that
    # agrees far better is its title
    fence = ["用竹条编成而且扎得格外整齐的篱笆，像姑娘发辫上的花环，围护着菜园和果园，篱笆是一种"
             "劳动的印记与田园的美。", "如今，在城市小区里围住花坛草地的铁篱笆，却是另一番模样，"
             "它把人挡在外面，也把花草护在里面，篱笆成了城市风景的一部分。",
             "生活在今天的城市里，人们还是怀念乡下田边的篱笆，一道篱笆是菜园，又一道篱笆是"
             "果树林，春天绿秋天黄，篱笆越来越少，人们的心里头却是想念的。"]
    bridge = ["我自幼长在布依山寨里，那里山高水急，溪水众多，有溪就有石桥，家乡的石桥古朴结实，"
              "大小不同，模样不一。", "家乡的石桥之所以让我时常想起，是因为它一年四季都把许多赶集"
              "的乡亲送过溪水，我想念家乡的石桥，也想念布依山寨的乡亲。"]
    lines = ["篱笆随笔", "家乡石桥情", "□吴林"]
    for para in fence:
        lines += wrap_column(para, 14)
    lines += ["□本报记者 郑晓岚", "龙海山（布依族）"]
    for para in bridge:
        lines += wrap_column(para, 14)
    first, second = clean_page("\n".join(lines) + "\n")
    assert (first.title, second.title) == ("篱笆随笔", "家乡石桥情")
    assert second.paragraphs == tuple(bridge)


def test_a_headline_printed_last_over_a_caption_stays_a_headline() -> None:
    # a line right above a caption is a caption's first line only when it does not agree with
    # an article as a headline does
    lines = []
    for para in PARAGRAPHS:
        lines += wrap_column(para, 14)
    lines += ["", HEADLINE, "图为：研究人员在实验室里工", "作。（本报记者王立新摄）"]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.title == HEADLINE
    assert a.paragraphs == tuple(PARAGRAPHS)
    assert a.captions == ("图为：研究人员在实验室里工作。（本报记者王立新摄）",)


def test_a_byline_set_inside_a_sentence_after_an_unpunctuated_line_stays_out_of_it() -> None:
    # "…民心。" / "医院还应当地卫生部门邀请多次" / byline / "派出医生赴非讲学，…": the line over
    # the byline fills the column mid-sentence and the line under it is full, no first line
    lines = ["近年来医疗队多次赴非洲援", "助，又一次赢得了当地的民心。",
             "医院还应当地卫生部门邀请多次", "□本报通讯员 方琳", "派出医生赴非讲学，不仅带出了",
             "医护人才，加深了友谊。"]
    para = "".join(lines[:3] + lines[4:])
    page = [HEADLINE, *wrap_column(PARAGRAPHS[0], 14), *lines, *wrap_column(PARAGRAPHS[2], 14)]
    (a,) = clean_page("\n".join(page) + "\n")
    assert a.paragraphs == (PARAGRAPHS[0], para, PARAGRAPHS[2])
    assert "□本报通讯员 方琳" in a.meta


def test_a_heading_wider_than_the_column_broken_over_a_blank_line_is_one_heading() -> None:
    head = "省医学会副会长陈文华解读慢性病综合防控策略"
    lines = [HEADLINE, *wrap_column(PARAGRAPHS[0], 9), head[:9], "", head[9:20], head[20:],
             *wrap_column(PARAGRAPHS[1], 9)]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert [b.text for b in a.blocks] == [PARAGRAPHS[0], head, PARAGRAPHS[1]]


def test_a_headline_over_a_marked_name_opens_an_article() -> None:
    # "□吴林": a marked name alone is a byline, and with a headline over it opens an article
    lines = [HEADLINE, "□本报记者 陈坤"]
    for para in PARAGRAPHS[:3]:
        lines += wrap_column(para, 14)
    lines += ["篱笆随笔", "□吴林"]
    fence = ["用竹条编成而且扎得格外整齐的篱笆，像姑娘发辫上的花环，围护着菜园和果园。",
             "如今，在城市小区里围住花坛草地的铁篱笆，却是另一番模样，把花草护在里面。"]
    for para in fence:
        lines += wrap_column(para, 14)
    first, second = clean_page("\n".join(lines) + "\n")
    assert (first.title, second.title) == (HEADLINE, "篱笆随笔")
    assert second.paragraphs == tuple(fence)


def test_a_name_alone_under_a_headline_is_its_author_and_opens_an_article() -> None:
    # "弯弯的锄头绿绿的苗" / "柯远山" / body: the name never used by the body is the author; a
    # short headline the body does use ("礼貌") stays a headline
    lines = [HEADLINE, "□本报记者 陈坤"]
    for para in PARAGRAPHS[:3]:
        lines += wrap_column(para, 14)
    lines += ["", "弯弯的锄头绿绿的苗", "", "柯远山", ""]  # set apart as pdfminer gives them
    cattle = ["那匹上了年纪的老白马，走路已经慢慢吞吞，但是精神还好，驮粮驮柴还常常想要跑出"
              "当年的威风。", "每次下地干活之前，我总要把长柄铁锄前的刃口取下来，在石头上仔仔细细"
              "磨上一遍。"]
    for para in cattle:
        lines += wrap_column(para, 14)
    first, second = clean_page("\n".join(lines) + "\n")
    assert (first.title, second.title) == (HEADLINE, "弯弯的锄头绿绿的苗")
    assert second.paragraphs == tuple(cattle)
    assert "柯远山" in second.authors


def test_text_set_across_columns_inside_a_sentence_is_a_caption() -> None:
    # a caption spanning two columns (its lines far wider than the column) and the article's
    # byline, set between the two halves of a sentence: the sentence stays whole
    first, rest = PARAGRAPHS[1][:30], PARAGRAPHS[1][30:]
    wide = ["随着副省长和专家们在新医院门前按下启用的按钮，礼花", "彩带在大楼前空中飞舞。"]
    lines = [HEADLINE, *wrap_column(PARAGRAPHS[0], 14), *wrap_column(first, 14), "", *wide, "",
             "本报记者 许文涛", "", *wrap_column(rest, 14, indent=0),
             *wrap_column(PARAGRAPHS[2], 14)]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.paragraphs == tuple(PARAGRAPHS[:3])
    assert a.captions == ("".join(wide),)
    assert "本报记者 许文涛" in a.meta


def test_a_kicker_over_the_headline_is_no_title_even_sharing_a_word_with_the_body() -> None:
    # a kicker borrowed from another page shares a common pair ("研究") with the body, the
    # headline printed right on the byline shares none: the headline is the title
    kicker, head = "医药科技前沿研究", "“一控”为先“三防”并举"
    body = ["研究人员说，这种药物已在动物身上试验了三年，效果明显，没有发现严重的副作用。"
            "下一步他们将开展临床试验，预计需要五年时间。", *PARAGRAPHS[2:]]
    lines = [kicker, "", head, "□记者 韩东", *(x for p in body for x in wrap_column(p, 14))]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.title == head
    assert kicker in a.subtitles


def test_a_short_headline_under_a_long_kicker_that_agrees_as_well_is_the_title() -> None:
    # kicker and headline share as many pairs with the body; the headline sits over the deck,
    # nearer the body, and is far narrower than the kicker: not its second line
    kicker, head = "已在动物身上试验了三年", "细胞衰老"
    body = ["研究人员说，这种药物可以延缓细胞衰老，已在动物身上试验了三年，效果明显。",
            *PARAGRAPHS[2:]]
    lines = [kicker, head, "——实验室里的新发现", *(x for p in body for x in wrap_column(p, 14))]
    (a,) = clean_page("\n".join(lines) + "\n")
    assert a.title == head


def test_a_paragraph_with_a_short_inner_line_sets_no_narrow_column() -> None:
    # an extractor left a short piece inside a paragraph ("神。" / "”"): the paragraph
    # is still set in the page's column, the one after it is no wider story
    quote = ["  “食不节则伤身，心不宁则伤", "神。", "”"]
    lines = [HEADLINE, *(x for p in PARAGRAPHS[:3] for x in wrap_column(p, 14)), *quote,
             *wrap_column(PARAGRAPHS[3], 14)]
    articles = clean_page("\n".join(lines) + "\n")
    assert len(articles) == 1


def test_a_headline_over_a_dateline_opens_the_second_article() -> None:
    second = "乡村医生培训班开班"
    body = ["新华社福州4月1日电（记者林平）全省乡村医生培训班今天在福州开班，"
            "来自各县的两百多名乡村医生参加。",
            "培训为期一个月，内容包括常见病诊疗、急救技能和健康管理。"]
    lines = [HEADLINE, *(ln for p in PARAGRAPHS for ln in wrap_column(p, 12)),
             second, *(ln for p in body for ln in wrap_column(p, 12))]
    first, other = clean_page("\n".join(lines) + "\n")
    assert (first.title, other.title) == (HEADLINE, second)
    assert second not in [b.text for b in first.blocks]
