"""Main-text extraction: boilerplate out, paragraphs kept as lines."""
from __future__ import annotations

from pipeline.clean import clean_html

P1 = "11月14日，记者从市科学技术局获悉，截至今年10月底，全市高新技术企业数量达到1236家，比上年末净增218家，增长21.4%。"
P2 = "今年以来，全市累计兑现各类科技奖补资金4.6亿元，其中研发费用后补助2.1亿元，惠及企业637家，研发投入提高0.4个百分点。"
P3 = "到2025年，全市高新技术企业力争达到2000家，全社会研发投入强度达到3.2%以上，技术合同成交额突破150亿元。"
BODY = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"


def text_of(body: str) -> str:
    return clean_html(f"<html><head><title>新闻</title></head><body>{body}</body></html>").text


def test_paragraphs_are_lines():
    assert text_of(f"<div class='content'>{BODY}</div>") == "\n".join([P1, P2, P3])


def test_nav_menu_and_breadcrumb_are_removed():
    nav = ("<div class='nav'><ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(8)) + "</ul></div>"
           "<div class='location'>当前位置：<a href='/'>首页</a> &gt; <a href='/x'>新闻中心</a></div>")
    text = text_of(nav + f"<div class='content'>{BODY}</div>")
    assert "栏目" not in text and "当前位置" not in text and P1 in text


def test_footer_with_icp_and_copyright_is_removed():
    footer = ("<div class='footer'><p>主办单位：市科学技术局</p><p>版权所有：市科学技术局 赣ICP备12345678号</p>"
              "<p>赣公网安备36010202000123号</p></div>")
    text = text_of(f"<div class='content'>{BODY}</div>" + footer)
    assert "ICP" not in text and "版权所有" not in text and "公网安备" not in text


def test_share_bar_and_print_links_are_removed():
    tools = ("<div class='share-bar'>分享到：<a href='#'>微信</a><a href='#'>微博</a></div>"
             "<p>【<a href='javascript:print()'>打印本页</a>】【<a href='javascript:close()'>关闭窗口</a>】</p>")
    text = text_of(f"<div class='content'>{BODY}{tools}</div>")
    assert "分享" not in text and "打印本页" not in text and "关闭窗口" not in text


def test_editor_line_is_removed():
    text = text_of(f"<div class='content'>{BODY}<p>（责任编辑：周敏）</p></div>")
    assert "责任编辑" not in text and P3 in text


def test_related_news_list_is_removed():
    related = ("<div class='xgxw'><h3>相关新闻</h3><ul>" +
               "".join(f"<li><a href='/n{i}.html'>市领导调研第{i}家重点实验室建设工作</a><span>2022-11-0{i}</span></li>"
                       for i in range(1, 6)) + "</ul></div>")
    text = text_of(f"<div class='content'>{BODY}</div>{related}")
    assert "调研" not in text


def test_teaser_list_with_summaries_is_removed():
    teasers = "".join(
        f"<article class='card'><h3><a href='/s{i}'>Story number {i} headline</a></h3>"
        f"<p>A short summary of story {i}, with enough words to look like a sentence.</p></article>"
        for i in range(5))
    body = "".join(f"<p>Spending rose {i}.3 percent to 152.08 billion yuan in the period, officials said "
                   f"on Thursday, citing the provincial department of science and technology.</p>" for i in range(4))
    text = text_of(f"<div class='story'>{body}</div><div>{teasers}</div>")
    assert "summary" not in text and "152.08" in text


def test_comments_are_removed():
    comments = "<div id='comments'>" + "".join(
        f"<div class='comment'><p>网友{i}：这个政策很好，希望尽快落实到每一家企业，我们非常期待后续的具体细则。</p></div>"
        for i in range(8)) + "</div>"
    text = text_of(f"<div class='post'>{BODY}</div>{comments}")
    assert "网友" not in text and P2 in text


def test_hidden_duplicate_of_the_text_is_not_repeated():
    hidden = f"<div style='display:none'>{BODY}</div>"
    text = text_of(f"<div class='content'>{BODY}</div>{hidden}")
    assert text.count(P1) == 1


def test_flat_table_layout_keeps_the_article_lines():
    menu = "".join(f"<a href='/m{i}'>栏目{i}</a><br>" for i in range(10))
    related = "".join(f"<a href='/r{i}'>县领导走访调研第{i}家重点科技企业</a>　2021-3-{i + 10}<br>" for i in range(4))
    cell = f"您现在的位置：<a href='/'>首页</a> &gt;&gt; 正文<br>{P1}<br><br>{P2}<br><br>{P3}<br>{related}"
    text = text_of(f"<table><tr><td>{menu}</td><td>{cell}</td></tr></table>")
    assert text == "\n".join([P1, P2, P3])


def test_wrapper_with_a_boilerplate_word_in_its_class_is_kept():
    text = text_of(f"<div class='page-with-sidebar'><div class='main'>{BODY}</div>"
                   "<div class='sidebar'><a href='/a'>热门文章一</a><a href='/b'>热门文章二</a></div></div>")
    assert P1 in text and "热门" not in text


def test_page_of_links_only_has_no_main_text():
    links = "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(20))
    assert text_of(f"<ul>{links}</ul>") == ""


def test_news_ticker_of_linked_headlines_with_summaries_is_removed():
    ticker = "<ul class='ticker'>" + "".join(
        f"<li><a href='/t{i}'>Headline of breaking item {i}</a> NEW DELHI: A summary sentence of item {i}, "
        f"which goes on for a while.</li>" for i in range(6)) + "</ul>"
    body = "".join(f"<p>Spending rose {i}.3 percent to 152.08 billion yuan in the period, officials said "
                   f"on Thursday, citing the provincial department of science and technology.</p>" for i in range(4))
    text = text_of(f"<div>{ticker}<h2>Title</h2>{body}</div>")
    assert "summary sentence" not in text and "152.08" in text
