"""Flowing-text cleaner: shipped models, and in/not-in checks on pages of the kinds users save,
written for these tests (tests/data/web: a portal page saved one text node per line, a hospital
page carrying a desktop and a mobile copy, a WeChat export; none is a development page)."""

from __future__ import annotations

from pathlib import Path

from fjhealth.classify import body_probabilities
from fjhealth.clean import clean_document, clean_text, split_articles
from fjhealth.corpus import read_page
from fjhealth.layout import is_column_text
from fjhealth.models import Line
from fjhealth.read import read_document
from fjhealth.read.plain import read_plain
from fjhealth.titles import candidates, choose_title

WEB = Path(__file__).parent / "data" / "web"


def clean_page(name: str):
    (article,) = split_articles(read_page(next(WEB.glob(f"{name}*"))))
    return article


# ----------------------------------------------------------------------- shipped models


def test_shipped_line_model_tells_prose_from_menu_and_footer() -> None:
    lines = read_plain("\n".join([
        "首页", "新闻中心", "政务公开", "办事服务",
        "近日，省卫健委印发通知，要求各地加快推进紧密型县域医共体建设，提升基层服务能力。",
        "会议指出，要把医共体建设作为深化医改的重要抓手，推动优质资源下沉。",
        "版权所有：某某市卫生健康委员会", "闽ICP备12345678号-1",
    ])).lines
    probs = body_probabilities(lines)
    assert [p >= 0.5 for p in probs] == [False] * 4 + [True] * 2 + [False] * 2


def test_shipped_title_model_prefers_the_headline_the_body_agrees_with() -> None:
    lines = read_plain("某某网欢迎您\n县域医共体建设全面推进\n"
                       "今年以来，全省县域医共体建设全面推进，基层诊疗量持续上升。").lines
    body = [lines[2].text]
    best = choose_title(candidates(lines, 2, body, [-2.0, -1.0, 3.0]))
    assert best is not None and best.core == "县域医共体建设全面推进"


def test_layout_model_tells_column_pages_from_node_per_line_scrapes() -> None:
    column = ["省医学会在福州召开会", "议，三百多人参加。会", "议由省卫健委主持，会"] * 5
    scrape = ["首页", "新闻", "医院今年接诊患者三万人次，比去年增加一成。", "关于我们"] * 5
    assert is_column_text(column) and not is_column_text(scrape)


# ---------------------------------------------------------------------- unseen pages


def test_node_per_line_portal_page() -> None:
    a = clean_page("301")
    assert a.title == "三明医改再出新举措 县域医共体实现检查结果互认"
    assert (a.source, a.date, a.authors) == ("三明日报", "2024-05-10", ("陈晓",))
    assert len(a.paragraphs) == 4
    # a number set apart by inline markup is put back into its sentence
    assert "肝功能等86项检验项目和CT、磁共振等31项检查项目" in a.paragraphs[1]
    # a dateline on its own line opens the first paragraph instead of vanishing into metadata
    assert a.paragraphs[0].startswith("本报讯")
    body = a.body
    for furniture in ("首页", "当前位置", "相关新闻", "闽ICP备", "扫一扫", "医保基金打包支付"):
        assert furniture not in body
    assert "责任编辑：林芳" in a.meta


def test_desktop_and_mobile_copies_are_shown_once() -> None:
    a = clean_page("302")
    assert a.title == "漳州市医院开展“世界手卫生日”主题宣传活动"
    assert len(a.paragraphs) == 3 and [b.kind for b in a.blocks] == ["paragraph"] * 3
    duplicates = [r.text for r in a.removed if r.reason == "duplicate"]
    assert len(duplicates) == 4 and duplicates[0] == a.title
    assert "上一篇" not in a.body and "版权所有" not in a.body


def test_wechat_export_read_as_markdown() -> None:
    a = clean_page("303")
    assert a.title == "安宁疗护进社区：让生命最后一程有温度"
    assert a.authors == ("徐菁菁",) and a.date == "2024-04-18"
    assert [b.text for b in a.blocks if b.kind == "heading"] == ["安宁疗护精细化", "医护培训常态化"]
    # bylines and credits are units of their own, never glued to text
    assert "编辑｜徐菁菁" in a.meta and "排版：林小雨 审核：陈东" in a.meta
    assert a.paragraphs[0].startswith("“今天上午")
    assert not any("**" in p or "](" in p or "大家都在看" in p for p in a.paragraphs)
    assert sum(r.reason == "image" for r in a.removed) == 2


def test_blog_front_page_gives_its_first_post_not_the_longest() -> None:
    # three posts, each closed by the same dated widget lines; the first is the shortest
    a = clean_page("304")
    assert a.title == "春季过敏怎么办"
    assert a.paragraphs[0].startswith("春天花粉多") and len(a.paragraphs) == 2
    for later in ("冬季天冷路滑", "体检报告", "打印", "由王医生张贴"):
        assert later not in a.body
    assert any("冬季天冷路滑" in r.text for r in a.removed)  # set aside, not lost


def test_repeated_dated_lines_without_prose_between_do_not_cut_the_article() -> None:
    body = ["近日，市卫健委召开全市基层卫生工作会议，总结去年工作，部署今年重点任务。" * 3,
            "会议要求，各地要加快推进紧密型县域医共体建设，提升基层医疗服务能力。" * 3]
    lines = ["首页 | 新闻", *body, "相关新闻", "· 义诊活动走进社区 2024-05-06",
             "· 义诊活动走进乡村 2024-05-08", "· 体检活动走进学校 2024-05-09"]
    (a,) = clean_text("\n".join(lines), "i")
    assert a.paragraphs == tuple(body)


def test_interview_speaker_labels_open_their_answers() -> None:
    # saved one text node per line: the bold speaker label is a line of its own
    text = "\n".join([
        "首页", "访谈", "家庭医生谈签约服务",
        "今年以来，我市家庭医生签约服务覆盖率持续提高，本期访谈邀请社区卫生服务中心的王医生，"
        "谈谈签约服务的新变化。",
        "主持人：", "签约以后居民能得到哪些服务？",
        "王医生：", "我们每年为签约居民免费体检一次，慢病患者每季度随访，还可以预约上门服务。",
        "主持人：", "居民反映最多的问题是什么？",
        "王医生：", "主要是预约不方便，我们正在开通线上预约，让居民少跑腿、少排队、少等待。",
        "版权所有：某某市卫生健康委员会",
    ])
    (a,) = clean_text(text, "i")
    body = [b.text for b in a.blocks]
    assert "王医生：我们每年为签约居民免费体检一次，慢病患者每季度随访，还可以预约上门服务。" in (
        body)
    assert "主持人：居民反映最多的问题是什么？" in body
    assert "王医生：" not in body


ARTICLE = ["近日，市卫健委召开全市基层卫生工作会议，总结去年工作，部署今年重点任务。" * 4,
           "会议要求，各地要加快推进紧密型县域医共体建设，提升基层医疗服务能力。" * 4,
           "会议强调，要把群众满意作为检验工作的标准，让居民在家门口看得上病、看得好病。" * 2]


def test_the_article_ends_at_its_editor_credit() -> None:
    notice = ["版权声明：",
              "凡本站注明来源的稿件，版权均归本站所有，未经书面授权不得转载、改编或以其他方式使用。",
              "如对稿件内容、版权等问题有疑问，请于三十日内与本站联系，逾期不再受理。"]
    (a,) = clean_text("\n".join(["首页 | 新闻", *ARTICLE, "（责任编辑：林芳）", *notice]), "i")
    assert a.paragraphs == tuple(ARTICLE)
    assert "（责任编辑：林芳）" in a.meta
    assert all(x not in a.body for x in notice)


def test_a_photo_credit_inside_the_article_does_not_end_it() -> None:
    lines = ["首页 | 新闻", *ARTICLE[:2], "（新华社记者 王明 摄）", ARTICLE[2], "版权所有：某某网"]
    (a,) = clean_text("\n".join(lines), "i")
    assert ARTICLE[2] in a.paragraphs


def test_space_indented_paragraphs_without_blank_lines_stay_apart() -> None:
    text = "\n".join([
        "福建推进分级诊疗",
        "    今年以来，全省推进分级诊疗制度建设，基层首诊比例持续提高。",
        "    各地加强家庭医生签约服务，重点人群签约率超过七成。",
        "    下一步，全省将扩大县域医共体试点。",
    ])
    (a,) = clean_text(text, "i")
    assert a.title == "福建推进分级诊疗" and len(a.paragraphs) == 3


def test_a_page_without_article_text_is_named_on_stderr(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fjhealth.cli import app

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "010_menu.txt").write_text(
        "首页\n新闻中心\n政务公开\n办事服务\n版权所有：某某市卫生健康委员会\n闽ICP备12345678号-1\n",
        encoding="utf-8")
    (corpus / "301_portal.txt").write_text(next(WEB.glob("301*")).read_text("utf-8"),
                                           encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--corpus", str(corpus), "--no-cache"])
    assert listed.exit_code == 0 and [r.split("\t")[0] for r in listed.stdout.split("\n")[1:-1]] \
        == ["301"]
    assert "010_menu.txt: no article text" in listed.stderr
    shown = runner.invoke(app, ["show", "010", "--corpus", str(corpus)])
    assert (shown.exit_code, shown.stdout) == (0, "")
    assert "010: no article text" in shown.stderr


def test_a_date_after_the_headline_on_its_line_is_the_articles_date():
    page = ("首页\n新闻\n福州推进县域医共体建设 群众看病更方便 | 2024-06-14 03:25:55\n"
            "福州市卫健委近日印发通知，在全市推进紧密型县域医共体建设，让群众看得上病。\n"
            "据介绍，医共体内将统一管理人员、财务和药品，检查结果互认，患者转诊不再重复排队。\n"
            "下一步，福州还将把医共体建设纳入县级政府绩效考核，确保各项措施落到实处。\n"
            "版权所有 福州日报\n")
    (article,) = clean_text(page, "x")
    assert article.title == "福州推进县域医共体建设 群众看病更方便"
    assert article.date == "2024-06-14"
    assert "2024-06-14 03:25:55" in article.meta


def test_prose_starts_at_a_hard_wrapped_line_holding_a_full_stop() -> None:
    from fjhealth.flow import prose_start
    from fjhealth.join_model import joins

    lines = [Line("健康讲堂的讲堂"), Line("家庭医生签约是一项惠民工程。因此，如何做好这种"),
             Line("面向全体居民的签约服务，就成为基层卫生的一个重要课题"),
             Line("众所周知，基层的服务能力一直是群众关心的问题。")]
    assert not joins(lines[1], lines[2])  # not by the join model: by the full stop inside
    assert prose_start(lines, [1, 2, 3]) == 1


def test_a_zero_padded_section_number_on_its_heads_line_is_set_apart() -> None:
    # html2text prints "**01** **调整作息，找回节奏**" on one line
    from fjhealth.clean import clean_document
    from fjhealth.read import read_document

    page = "\n\n".join(["# 开学前这几项健康准备别落下",
                        "开学在即，家长要帮助孩子做好准备，调整作息，找回上学的节奏和状态。" * 2,
                        "**01** **调整作息，找回节奏**",
                        "暑假里不少孩子晚睡晚起，开学前一周要逐步调整，每天提前一点入睡。" * 2])
    (article,) = clean_document(read_document(page, "markdown"))
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["调整作息，找回节奏"]
    assert ("section number", "01") in [(r.reason, r.text) for r in article.removed]


def test_a_section_number_alone_over_its_head_is_set_apart() -> None:
    # "01" on a line of its own over the head, as WeChat pages print it
    from fjhealth.clean import clean_document

    lead = "天气转冷，医生提醒有基础疾病的人群注意防护，出门做好保暖，按时服药。"
    body = "高血压患者不要自行停药，最好每天早晚各测一次血压，并做好记录备查。"
    doc = read_plain("\n".join(["冬季健康防护指南", lead, "01", "注意保暖", body, "02", "按时服药",
                                 body.replace("高血压", "糖尿病")]))
    (article,) = clean_document(doc)
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["注意保暖", "按时服药"]
    assert {"01", "02"} <= {r.text for r in article.removed}


def test_a_line_announcing_a_list_is_not_a_heads_second_line() -> None:
    from fjhealth.clean import clean_document

    text = "为方便群众理解，现将有关内容解读如下，请各单位认真学习并抓好落实。"
    item = "（一）加强健康管理。每年为老年人免费提供一次健康体检，结果向本人反馈。"
    doc = read_plain("\n".join(["政策解读", text, "二、主要内容", "《措施》共五个方面，主要包括：",
                                 item, item.replace("（一）", "（二）")]))
    (article,) = clean_document(doc)
    blocks = [b.text for b in article.blocks]
    assert "二、主要内容" in blocks and "《措施》共五个方面，主要包括：" in blocks


def test_a_legal_texts_short_last_article_after_its_chapter_head_is_body() -> None:
    from fjhealth.clean import clean_document

    article = "医疗机构应当建立临床用血申请、审核和评价制度，定期对用血情况进行分析和公示。"
    doc = read_plain("\n".join(["首页 > 信息公开", "临床用血管理办法", "第一章　总则",
                                 "第一条　" + article, "第二章　管理", "第二条　" + article,
                                 "第三条　" + article, "第三章　附则",
                                 "第四条　本办法自发布之日起施行。",
                                 "附件：管理办法.docx", "版权所有 闽ICP备05000000号"]))
    (article_,) = clean_document(doc)
    blocks = ["".join(b.text.split()) for b in article_.blocks]
    assert blocks[0] == "第一章总则"
    assert blocks[-2:] == ["第三章附则", "第四条本办法自发布之日起施行。"]


def test_a_plain_line_in_literal_bold_marks_is_article_text() -> None:
    """A text page (one bold line is not enough to sniff Markdown) whose only line is wrapped in
    ``**``: the marks are markup residue, the sentence is the article."""
    text = "**卫生健康委员会发布夏季防暑提示，请市民注意防范中暑。**\n"
    (article,) = clean_text(text, "019")
    body = "卫生健康委员会发布夏季防暑提示，请市民注意防范中暑。"
    assert [b.text for b in article.blocks] == [body]


def test_the_first_of_a_series_of_numbered_heads_is_no_title() -> None:
    """A page of numbered sections ("一、…", "二、…") under its <title>: the first section's head
    opens the body, the page's title stays the title."""
    para = "社区卫生服务中心本月起延长门诊时间，居民可在晚间就诊，医生还会上门随访慢病患者。"
    html = ("<html><head><title>第八讲：社区看病</title></head><body><div>"
            f"<p>一、门诊时间延长</p><p>{para}</p><p>二、上门随访慢病</p>"
            f"<p>{para.replace('晚间', '周末')}</p></div></body></html>")
    (article,) = clean_document(read_document(html, "html"))
    assert article.title == "第八讲：社区看病"
    assert article.blocks[0].text == "一、门诊时间延长"


def test_no_item_of_a_series_of_numbered_heads_is_a_title_candidate() -> None:
    """Any item of a running series ("三、" after "二、", the last "四、" too) is a section's head;
    a chapter's own number above its sections ("二十三、感赞" over "一、") stays a candidate."""
    from fjhealth.flow import title_candidates

    para = "社区卫生服务中心本月起延长门诊时间，居民可在晚间就诊，医生还会上门随访慢病患者。"
    heads = ["二十三、感赞", "一、门诊时间延长", "二、上门随访", "三、家庭医生",
             "四、规范理论与结构理论"]
    text = "\n\n".join(f"{h}\n\n{para}" if k else h for k, h in enumerate(heads)) + "\n"
    doc = read_plain(text)
    found = {c.core for c in title_candidates(doc, body_probabilities(doc.lines))}
    assert "二十三、感赞" in found or "感赞" in found
    items = {"二、上门随访", "三、家庭医生", "四、规范理论与结构理论", "上门随访", "家庭医生"}
    assert not found & items


def test_a_table_inside_the_body_is_article_text_with_its_heading() -> None:
    page = "\n\n".join([
        "# 我市家庭医生签约服务再扩面",
        "**点击蓝字 关注我们**",
        "近日，市卫健委印发通知，明确到2027年底，全市常住人口家庭医生签约覆盖率达到45%以上，"
        "重点人群签约覆盖率稳定在75%以上。",
        "## 一、服务内容更丰富",
        "| 服务项目 | 内容 |\n|---|---|\n| 基本医疗 | 常见病、多发病诊疗 |\n"
        "| 健康管理 | 慢病随访、健康评估 |\n| 转诊服务 | 优先预约上级医院号源 |",
        "签约居民在基层首诊后需要转诊的，家庭医生团队可通过预留号源优先为其预约上级医院专家门诊。",
        "## 二、保障措施更有力",
        "各区要将签约服务费纳入医保基金和公共卫生经费统筹安排，用于团队激励的比例不低于70%。",
        "**往期推荐**",
    ])
    (a,) = clean_document(read_document(page, "markdown"))
    body = [b.text for b in a.blocks]
    assert "一、服务内容更丰富" in body and "二、保障措施更有力" in body
    start = body.index("一、服务内容更丰富")
    assert body[start + 1:start + 5] == [
        "服务项目 内容", "基本医疗 常见病、多发病诊疗", "健康管理 慢病随访、健康评估",
        "转诊服务 优先预约上级医院号源"]
    assert "点击蓝字 关注我们" not in body and "往期推荐" not in body
