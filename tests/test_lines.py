"""Line features: the separator and token counts read off the class table equal the regexes'."""

from __future__ import annotations

import re

import pytest

from fjhealth.lines import FEATURES, SEPARATOR_RE, line_features
from fjhealth.models import Line

SEPARATORS = FEATURES.index("separators")
SHORT_TOKENS = FEATURES.index("short_tokens")
# The token split the feature is defined by (menu items, breadcrumb steps).
TOKEN_SPLIT_RE = re.compile(r"[\s|｜·•/／]+")


def test_no_lines():
    assert line_features([]) == []


@pytest.mark.parametrize("text", [
    "医院今年接诊患者三万人次。",
    "首页 | 新闻 | 关于",
    "首页  新闻\t\t关于\u3000\u3000我们",
    "当前位置：首页 > 新闻 » 正文 › 详情 ＞ 附件",
    "a/b／c·d•e｜f",
    "  两端  有空格  ",
    "一 二",
    "\u2003\u2003全角空格 后 文\u00a0\u00a0字",
    "|",
    "x",
])
def test_separator_and_token_counts_match_their_regexes(text):
    n = max(len(text) - text.count(" "), 1)
    tokens = [t for t in TOKEN_SPLIT_RE.split(text) if t]
    short = sum(len(t) <= 4 for t in tokens) / len(tokens) if len(tokens) >= 3 else 0.0
    row = line_features([Line(text)])[0]
    assert row[SEPARATORS] == min(len(SEPARATOR_RE.findall(text)) * 10 / n, 3.0)
    assert row[SHORT_TOKENS] == short
