"""Character classes and the page-furniture patterns the cleaner recognises.

Each pattern describes a *kind* of layout artifact or boilerplate, never one article's wording.
"""

from __future__ import annotations

from .lazyre import lazy_compile

# Curly quotes, ellipsis, dashes and middle dots: CJK punctuation outside the CJK blocks.
CJK_PUNCT_CHARS = frozenset("\u2018\u2019\u201c\u201d\u2026\u2014\u2015\u00b7\u2027\u30fb")


# Character classes are tested by comparison: a regex class this wide costs ~10 ms to compile,
# which every start-up would pay.
def is_han(ch: str) -> bool:
    """True for one Han ideograph: CJK Unified Ideographs, Extension A, compatibility
    ideographs, Extensions B-H."""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
            or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f")


# ``is_han``'s ranges, for a regular expression's character class.
HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f"


def is_cjk_punct(ch: str) -> bool:
    """True for one CJK punctuation mark: CJK symbols, full-width ASCII punctuation, vertical
    and small forms, curly quotes, ellipsis, dashes, middle dots."""
    return ("\u3001" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff65" and not ch.isalnum()
            or ch in CJK_PUNCT_CHARS or "\ufe30" <= ch <= "\ufe4f")


# Traditional forms of the characters page furniture and metadata labels are written with, and
# their simplified forms, one for one (so a match's place is the same in both): a Taiwanese or
# Hong Kong page's "記者", "責任編輯", "資料來源", "發布時間", "首頁" are read as the labels and
# menu words the patterns name.
_TRADITIONAL = ("來發佈時間編輯責審訊員記報導處題標攝圖實習見對劃統籌製監聯絡"
                "單網資錄點閱覽數週電話傳郵權號備頁關閉擊轉載貼訪問讀參論們獻"
                "動態級溫線掃碼務註冊頻視聞連結長區門戶體護經營許證醫師藥")
_SIMPLIFIED = ("来发布时间编辑责审讯员记报导处题标摄图实习见对划统筹制监联络"
               "单网资录点阅览数周电话传邮权号备页关闭击转载贴访问读参论们献"
               "动态级温线扫码务注册频视闻连结长区门户体护经营许证医师药")
_TRADITIONAL_RE = lazy_compile(f"[{_TRADITIONAL}]")
_FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def fold_traditional(text: str) -> str:
    """The text with the traditional characters of labels in their simplified forms (same
    length, same places: a match in the result is a match in ``text``).

    >>> fold_traditional("責任編輯：陳怡如")
    '责任编辑：陳怡如'
    """
    return text.translate(_FOLD) if _TRADITIONAL_RE.search(text) else text


# Latin letters and digits: two of them across a line break are joined with a space.
WORD_CHAR_RE = lazy_compile("[0-9A-Za-z]")

# Sentence-final punctuation; a paragraph ending in one of these (optionally followed by closing
# quotes or brackets) is complete, so a column break after it is a real paragraph break.
TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)】〕》\"'"
# Punctuation that can never end a paragraph: a block ending with it continues in the next block.
CONTINUING = "，、,（(《“‘「『【"

# OCR of justified columns puts spaces between characters ("省 医 学 会"): clean.fix_spaces
# looks at the two characters around each run of spaces.
SPACES_RE = lazy_compile(" +")

# Markdown heading ("# 标题", "## 小标题") in text exported from a web editor. Group 2 ends at
# the last character that is neither a space nor "#" (closing "##" go): greedy, so a line of
# 40,000 "#" is matched in linear time (a lazy body before "\s*#*\s*$" was quadratic).
MD_HEADING_RE = lazy_compile(r"^(#{1,6})\s+((?:.*[^\s#])?)[\s#]*$")

# Site spam injected above or below a scraped page: betting/casino "site address" banners.
SPAM_RE = lazy_compile(
    r"(体育|娱乐|博彩|彩票|棋牌|真人|赌|投注|开户|注册送|官网入口|网址).{0,12}(欢迎您|网址|官网|入口|登录|注册)"
)
# Breadcrumb navigation of a scraped page ("当前位置:首页 > 政务公开 > …").
NAV_RE = lazy_compile(
    r"^(当前位置|您的位置|您现在的位置|所在位置|现在位置)\s*[:：]|首页\s*[>＞»›]|[>＞»›].*[>＞»›]"
)
# Attachment lists at the foot of a government page ("附件下载:", "相关附件：xxx.pdf").
ATTACHMENT_RE = lazy_compile(r"^(附件下载|相关附件|附件)\s*[:：]")
# Page utility links and widgets that carry no article text ("打印本页", "【字体：大 中 小】").
# Every run of spaces or digits is taken whole ("\s*(?!\s)", "\d+(?!\d)"): a digit run split
# between repetitions of the item group, or spaces shared by adjacent "\s*", backtrack
# exponentially ("打印" + 27 digits + "x" took 14 s).
UTILITY_RE = lazy_compile(
    r"^[【\[]?(相关链接|相关阅读|相关新闻|打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到|分享|"
    r"扫一扫|上一篇|下一篇|字号|字体|浏览次数|点击数|阅读量|听全文)(?:\s*(?!\s)[:：])?"
    r"(?:\s*(?!\s)[【\[]?(?:大|中|小|打印|关闭|\d+(?!\d))[】\]]?)*\s*(?!\s)[】\]]?\s*$"
    # a share label and what follows it on the line, short and with no sentence in it: the
    # services it lists and the page's other buttons ("分享到：微信微博 【打印】【关闭】")
    r"|^(分享到|分享)\s*[:：][^，。！？,!?]{0,24}$"
    # the previous or next article, related files or links: a label, then another page's title
    r"|^(上一篇|下一篇|上一条|下一条|相关文件|相关链接|相关阅读|相关新闻)\s*[:：][^。！？!?]{0,80}$"
    # the fallback text of a video or audio player ("您的浏览器不支持 video 标签。")
    r"|^您的浏览器(?:不支持|版本过低)[^。！？!?]{0,30}[。！!]?$"
)
# An official document's number (GB/T 9704: issuer's code, year in brackets, serial number):
# "闽卫监督〔2025〕31号", "国办发[2020]12号", "闽政办（2024）5号". It is metadata, never text.
DOC_NUMBER_RE = lazy_compile(r"^[^\s，。：:]{1,12}[〔\[［（(](?:19|20)\d\d[〕\]］）)]\d{1,4}号$")
# Newspaper page furniture: page headers ("第5版 要闻", "2023年6月1日 星期四"), page numbers
# ("- 3 -", "第3页") and layout credits ("本版编辑：…", "版式设计：…").
PAGE_FURNITURE_RE = lazy_compile(
    r"^(第\s*[0-9一二三四五六七八九十]+\s*[版页]|[A-Z]?\d{1,2}\s*版\b|[-—–]\s*\d{1,3}\s*[-—–]$"
    r"|(本版编辑|美编|校对|版式设计|组版)\s*[:：/／]|.{0,20}星期[一二三四五六日天]\s*$)"
)
# A date's end and a clock time ("02日14:25", "2005-07-03 14:25"): a time stamp (a post's, a
# reader's comment's), never a headline.
STAMP_RE = lazy_compile(r"(?:日|\d[-/.]\d{1,2})\s*[0-2]?\d[:：][0-5]\d(?!\d)")
# Source / date line of a web page ("来源:泉州晚报 发布时间 : 2022-09-28 08:19"); the name stops
# at a closing bracket ("（来源：泉州晚报）").
SOURCE_RE = lazy_compile(r"(?:来源|来自|稿源|出处)\s*[:：]\s*([^\s:：【\[）)】\]]+)")
DATE_RE = lazy_compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
META_LINE_RE = lazy_compile(
    r"^(来源|发布时间|发布日期|时间|日期|作者|编辑|责任编辑|审核|通讯员|稿源|原标题)\s*[:：]"
    r"|(来源|发布时间|发布日期)\s*[:：].*(来源|发布时间|发布日期|作者)\s*[:：]"
)
# Byline printed above the body ("□本报记者 陈坤 摄影 章立强 郑波", "本报讯（记者 …）").
BYLINE_RE = lazy_compile(
    r"^[□■◇◆●]?\s*((本报|新华社|中新社|特约)?(驻\S{1,8})?(记者|通讯员)|本报讯"
    r"|文\s*[/／]|图\s*[/／]|文图\s*[/／])"
)
# Byline printed in brackets at the end of the last paragraph ("… 百分点。 （本报记者 陈坤）").
# "(?<!\s)": a match never starts inside a run of spaces, so searching is linear in the run.
TAIL_BYLINE_RE = lazy_compile(  # (the lookahead lets the engine skip to spaces and brackets)
    r"(?=[\s（(])(?<!\s)\s*[（(]\s*((?:本报|特约|见习)?(?:记者|通讯员)[^（）()]{1,40})[）)]\s*$"
)
# A whole line in brackets after an article: its author(s) or contributing organisation
# ("（福建省医学会）", "(刘伟芳 张晓琴 严芳)").
# The name neither starts nor ends with a space, so the spaces around it are split one way only.
ATTRIBUTION_RE = lazy_compile(r"^[（(]\s*(?!\s)([^（）()。，,]{2,40}?)(?<!\s)\s*[）)]$")
BYLINE_ROLE_RE = lazy_compile(
    r"本报记者|本报通讯员|特约记者|记者|通讯员|摄影|摄|本报讯|文图|文|图|[□■◇◆●/／]"
)

# Photo captions: a caption mark at the start, a position mark for the people pictured, or a
# photo credit at the end.
CAPTION_MARKS = "▲△▼▽◄►"
CAPTION_START_RE = lazy_compile(rf"^\s*[{CAPTION_MARKS}]|^\s*(图为|上图|下图|左图|右图|视频[:：])")
CAPTION_POSITION_RE = lazy_compile(r"[（(](左|右|中|前排|后排)[一二三四五六七八九十\d]*[）)]")
CAPTION_CREDIT_RE = lazy_compile(r"(供图|摄影?|图(?:片来)?源\S*)\s*(?:[）)]\s*)?$")

# Promotion of the paper's own channels ("详见“健康福建”公众号", "扫码关注").
PROMO_RE = lazy_compile(
    r"(详见|关注|扫描|扫码|下载).{0,20}(公众号|二维码|客户端|微信|微博|APP|App)"
)
# The newspaper's subscription ad: a short section using several of these terms.
AD_TERMS = ("订阅", "邮发代号", "订价", "征订", "订报", "定价", "零售价", "发行部")
AD_MIN_TERMS = 2
AD_MAX_CHARS = 600

# Reported speech ("郑炜说，", "他表示：") starts a sentence, never a heading.
SPEECH_RE = lazy_compile(r"(说|道|表示|指出|强调|称|问|答|介绍|认为|透露|坦言|告诉记者)\s*[：:，,]")
# Paired quotes and brackets: a block that opens one without closing it is a broken sentence.
PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))

# Cheap first test for _line_kind: a line without any of these cannot be page furniture.
# (Every alternative opens with a literal character: the engine skips to those characters.)
FURNITURE_HINT_RE = lazy_compile(
    r"体育|娱乐|博彩|彩票|棋牌|真人|赌|投注|开户|注册|官网|网址|位置|首页|>|＞|»|›|附件|链接|阅读|新闻|"
    r"打印|关闭|返回|分享|扫一扫|上一篇|下一篇|上一条|下一条|相关文件|字号|字体|浏览|点击|阅读量|来源|"
    r"来自|稿源|出处|发布|听全文|"
    r"时间|日期|作者|编辑|审核|通讯员|记者|本报讯|/|／|版|页|星期|美编|校对|-|—|–"
)

# A news dateline opens the first sentence of an article ("本报讯", "新华社北京1月22日电",
# "本报福州5月3日讯", "据新华社华盛顿1月9日电（记者…）", any outlet and place before a day:
# "东南网7月8日讯", "人民网北京3月5日电", "福建日报讯（记者…）"): body text, never a byline or
# part of a headline, and a line that starts with one starts a paragraph.
_DATELINE = (
    r"(据)?(?:(本报|新华社|中新社)(?!记者|通讯员|特约)[^\s，。：:]{0,12}?"
    r"\s*(\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?(电|讯)(?!员)"
    r"|[^\s\d，。：:、！？“”（）()]{2,12}?\d{1,2}月\d{1,2}日[电讯](?![\u4e00-\u9fff])"
    # an outlet's name alone before 讯 when a reporter's credit follows ("福建日报讯（记者…）")
    r"|[^\s\d，。：:、！？“”（）()]{2,10}?讯(?=\s*[（(]\s*(?:本报|特约|见习)?(?:记者|通讯员)))"
)
DATELINE_RE = lazy_compile("^" + _DATELINE)
# A report's lead: its dateline with the credit or byline that follows it ("本报讯（记者某某）",
# "新华社北京1月9日电（记者某某）", "本报讯记者某某报道："), or a reported source
# ("据《某报》报道").
LEAD_RE = lazy_compile(
    "^(?:" + _DATELINE + r")[）)]?(?:\s*[（(][^）)]{0,30}[）)])?(?:记者[^，。：:]{0,20}?报道[：:])?"
    r"|^据[^，。]{0,24}?报道"
)
# A line that opens with a news agency or "本报" (not a reporter's byline) starts a dateline,
# which may run on to the next line ("新华社华盛顿1月9" / "日电（记者…）…").
DATELINE_START_RE = lazy_compile(r"^(据)?(新华社|中新社|本报)(?!记者|通讯员|特约)")
# A newspaper's serial number ("国内统一连续出版物号 CN35-0035"): page furniture.
SERIAL_RE = lazy_compile(r"CN\s*\d{2}\s*[-－]\s*\d{4}")
# A section number opening a line ("一、", "（二）", "3."): a section head more often than a title.
NUMBERED_RE = lazy_compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d))"
)
# Longest display text (headline, kicker, deck, section head) of a column page, in characters.
HEADLINE_MAX = 60
# A byline printed as a box mark and a name ("□李耕").
NAME_BYLINE_RE = lazy_compile(r"^[□■◇◆]\s*[\u4e00-\u9fff]{2,4}$")
# Editors named on a newspaper page ("责编：谢秀海 美编：卢艳", "本版责编：…"): page furniture.
EDITOR_RE = lazy_compile(r"^(本版)?(责编|责任编辑|美编|编辑|校对)\s*[:：]")
# Longest heading, in non-space characters: a body line that can be a section head in flowing
# text, a section head with sentence punctuation inside on a column page ("机制革新：“三医”协同省下
# 7300万，…").
HEADING_MAX = 40
# A newspaper's page line names the weekday or the page ("2024年8月6日 星期五 第4版 地方新闻").
MASTHEAD_RE = lazy_compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期[一二三四五六日天]|第\s*\d{1,3}\s*版"
)
