"""The parsed page (lxml, read in place): what counts as text, deep and odd documents."""
from __future__ import annotations

import pytest

from pipeline.clean import boilerplate, clean_html
from pipeline.clean.tree import get_text, parse_html, string_of

P1 = "11月14日，记者从市科学技术局获悉，截至今年10月底，全市高新技术企业数量达到1236家，比上年末净增218家。"
P2 = "今年以来，全市累计兑现各类科技奖补资金4.6亿元，其中研发费用后补助2.1亿元，惠及企业637家。"
TITLE = "江川市高新技术企业数量突破1200家"


def page(body: str, head: str = "", after: str = "") -> str:
    return f"<html><head><title>{TITLE}_江川市科学技术局</title>{head}</head><body>{body}</body></html>{after}"


@pytest.mark.parametrize("depth", [100, 3000], ids=["shallow", "deeper-than-libxml2-trees"])
def test_deeply_nested_text_and_what_follows_it_are_read(depth):
    html = page("<div>" * depth + f"<p>{P1}</p>" + "</div>" * depth + f"<p>{P2}</p>")
    text = clean_html(html).text
    assert P1 in text and P2 in text


@pytest.mark.parametrize("depth", [2040, 2046, 2100])
def test_unclosed_tags_at_libxml2s_depth_limit_are_read(depth):
    # few "<" for the depth (no end tags): the depth check runs from just under the limit on
    html = page("<div>" * depth + f"<p>{P1}<p>{P2}")
    text = clean_html(html).text
    assert P1 in text and P2 in text


def test_deep_page_with_control_characters_is_read():
    html = page("<div>" * 3000 + f"<p class='a\x01b'>{P1}\x0b{P2}\x01</p>" + "</div>" * 3000)
    text = clean_html(html).text
    assert P1 in text and P2 in text


def test_ruby_annotations_are_not_text():
    html = page(f"<h1>江<ruby>川<rp>(</rp><rt>chuān</rt><rp>)</rp></ruby>市高新技术企业数量突破1200家</h1>"
                f"<p>{P1}<ruby>企<rt>qǐ</rt></ruby></p><p>{P2}</p>")
    got = clean_html(html)
    assert "chuān" not in got.text and "qǐ" not in got.text and P1 in got.text
    assert got.title == TITLE


def test_scripts_styles_and_comments_are_skipped_but_the_text_after_them_is_kept():
    html = page(f"<div><p>{P1[:20]}<script>var x = '不是正文';</script><!-- 注释 -->{P1[20:]}</p>"
                f"<style>p {{ color: red }}</style><p>{P2}</p></div>")
    assert clean_html(html).text == f"{P1}\n{P2}"


def test_metadata_after_the_end_of_the_page_is_read():
    html = page(f"<div><p>{P1}</p><p>{P2}</p></div>", after='<meta name="publishdate" content="2022-11-15">')
    assert clean_html(html).published == "2022-11-15"


@pytest.mark.parametrize("html", ["<!-- 空 -->", "<?xml version='1.0'?>", "   "], ids=["comment", "xml-decl", "blank"])
def test_a_page_without_elements_has_no_text_but_keeps_the_url_date(html):
    got = clean_html(html, url="https://example.gov.cn/art/2022/11/15/art_1.html")
    assert got.text == "" and got.title is None and got.published == "2022-11-15"


def test_reading_the_page_leaves_the_tree_as_it_was():
    root = parse_html(page(f"<nav><a href='/'>首页</a></nav><script>x()</script><div><p>{P1}</p></div>"))
    before = [(el.tag, el.text, el.tail) for el in root.iter()]
    first = boilerplate.analyse(root).main()
    assert [(el.tag, el.text, el.tail) for el in root.iter()] == before
    assert [b.lines for b in boilerplate.analyse(root).main()] == [b.lines for b in first]


def test_get_text_reads_only_strings_of_the_elements_kind():
    root = parse_html("<html><body><h1>A<rt>x</rt> <b>B</b><!-- c --><script>s</script>C</h1></body></html>")
    h1 = root.find(".//h1")
    assert get_text(h1, " ", strip=True) == "A B C"
    assert get_text(root.find(".//script")) == "s"


@pytest.mark.parametrize("markup, string", [
    ("<title>T</title>", "T"), ("<title></title>", None), ("<p><b>one</b></p>", "one"), ("<p>a<b>b</b></p>", None),
], ids=["text", "empty", "through-child", "several"])
def test_string_of_is_the_one_string(markup, string):
    root = parse_html(f"<html><head></head><body>{markup}</body></html>")
    el = root.find(".//title") if root.find(".//title") is not None else root.find(".//p")
    assert string_of(el) == string
