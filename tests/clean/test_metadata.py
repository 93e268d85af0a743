"""Title and publication date."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_html
from pipeline.clean.metadata import parse_date

PARAS = "".join(f"<p>第{i}段：全市高新技术企业数量达到1236家，同比增长21.4%，研发投入强度达到3.2%。</p>" for i in range(4))


@pytest.mark.parametrize("text, day", [
    ("2022-11-15", "2022-11-15"),
    ("2022年11月15日", "2022-11-15"),
    ("2022/11/15 10:23", "2022-11-15"),
    ("2022.01.20 16:31", "2022-01-20"),
    ("2005-5-7 21:23:57", "2005-05-07"),
    ("二〇二二年十一月十五日", "2022-11-15"),
    ("9/17/2004 5:54:13 AM", "2004-09-17"),
    ("17/9/2004", "2004-09-17"),
    ("Nov. 19, 2019", "2019-11-19"),
    ("19 November 2019", "2019-11-19"),
    ("2019-11-17T19:21:09+08:00", "2019-11-17"),
    ("电话：022-23508981", None),
    ("2022-13-45", None),
], ids=lambda v: str(v))
def test_date_forms(text, day):
    assert parse_date(text) == day


def page(head: str = "", top: str = "", title: str = "江川市高新技术企业数量突破1200家") -> str:
    return (f"<html><head><title>{title}_江川市科学技术局</title>{head}</head><body>"
            f"<div class='nav'><a href='/'>首页</a><a href='/x'>新闻</a></div>"
            f"<h1>{title}</h1>{top}<div class='content'>{PARAS}</div>"
            f"<div class='footer'>版权所有 2008-2023 江川市科学技术局</div></body></html>")


@pytest.mark.parametrize("top", [
    "<div>发布时间：2022-11-15 09:30　来源：市科技局</div>",
    "<p>时间：2022年11月15日</p>",
    "<span>来源：江川日报 2022-11-15</span>",
    "<div class='date'>2022-11-15</div>",
], ids=["发布时间", "时间", "来源", "dateline"])
def test_chinese_datelines(top):
    assert clean_html(page(top=top)).published == "2022-11-15"


def test_labelled_date_wins_over_other_dates_on_the_page():
    top = "<div>发布日期：2022-11-15</div><div class='side'>2021-01-01</div>"
    assert clean_html(page(top=top)).published == "2022-11-15"


def test_meta_pubdate():
    assert clean_html(page(head='<meta name="PubDate" content="2022-11-15 10:15">')).published == "2022-11-15"


def test_meta_article_published_time():
    head = '<meta property="article:published_time" content="2019-11-19T08:00:00Z">'
    assert clean_html(page(head=head)).published == "2019-11-19"


def test_json_ld_date_published():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-04-17"}</script>'
    assert clean_html(page(head=head)).published == "2020-04-17"


def test_time_element():
    html = ("<html><body><h1>Province boosts R&amp;D</h1><p class='by'>By Li Hua <time datetime='2022-10-21T16:48'>"
            "Oct 21</time></p>" + "<p>Spending rose 38.3 percent to 152.08 billion yuan, officials said.</p>" * 4
            + "</body></html>")
    assert clean_html(html).published == "2022-10-21"


def test_english_byline():
    html = ("<html><body><h1>Province boosts R&amp;D</h1><p>Published: Nov. 3, 2022 | Updated: Nov. 4, 2022</p>"
            + "<p>Spending rose 38.3 percent to 152.08 billion yuan, officials said on Thursday.</p>" * 4
            + "</body></html>")
    assert clean_html(html).published == "2022-11-03"


def test_date_from_url_when_the_page_has_none():
    html = "<html><body>" + PARAS + "</body></html>"
    assert clean_html(html, url="http://kjj.example.gov.cn/xwzx/202211/t20221115_1001.html").published == "2022-11-15"


def test_no_date_at_all():
    assert clean_html("<html><body>" + PARAS + "</body></html>").published is None


def test_title_is_the_h1_that_the_title_tag_contains():
    assert clean_html(page()).title == "江川市高新技术企业数量突破1200家"


def test_title_drops_the_site_name():
    html = "<html><head><title>临溪区出台科创十条-临溪新闻网</title></head><body>" + PARAS + "</body></html>"
    assert clean_html(html).title == "临溪区出台科创十条"
