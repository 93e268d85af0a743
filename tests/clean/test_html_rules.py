"""The rule files in patterns/html load, compile and are not empty."""
from __future__ import annotations

import pytest

from pipeline.clean import boilerplate, encoding, metadata, rules
from pipeline.errors import PatternError


def test_boilerplate_vocabularies_load():
    v = boilerplate.vocab()
    assert v.negative[0] and v.positive[0] and v.block_tags and v.lines


def test_date_rules_compile():
    r = metadata.date_rules()
    assert r.formats and r.labels.pattern and r.meta_names


def test_encoding_rules_compile():
    assert encoding.normalize_name("gb2312") == "gb18030"


def test_negative_and_positive_tokens_do_not_overlap():
    b = rules.load("boilerplate")
    assert not set(b["negative_tokens"]) & set(b["positive_tokens"])


def test_a_missing_rule_file_is_a_pattern_error(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_HTML_PATTERNS", str(tmp_path))
    rules.load.cache_clear()
    try:
        with pytest.raises(PatternError):
            rules.load("boilerplate")
    finally:
        monkeypatch.delenv("POLICY_HTML_PATTERNS")
        rules.load.cache_clear()


def test_long_icp_footer_line_is_dropped():
    line = ("云南日报网 滇ICP备11000491号-1 经营许可证编号：滇B-2-4-20030004 All Rights Reserved since 1999，"
            "违法和不良信息举报电话：0871-64166935；举报邮箱：jubao@example.cn")
    assert boilerplate._boilerplate_line(line, boilerplate.vocab())


def test_long_sentence_mentioning_copyright_is_kept():
    line = "会议指出，要加强知识产权保护，" * 6 + "依法打击侵犯版权所有人合法权益的行为。"
    assert not boilerplate._boilerplate_line(line, boilerplate.vocab())
