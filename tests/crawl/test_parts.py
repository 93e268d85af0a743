"""The crawler's parts without a crawl: scope, link/sitemap/feed discovery, state, WARC writing, settings."""
from __future__ import annotations

import gzip
import time

import pytest

from pipeline.crawl.archive import WarcArchive, truncate_partial_warc
from pipeline.crawl.discover import parse_links, parse_xml_listing, robots_sitemaps
from pipeline.crawl.scope import Scope, normalize_url, path_prefix
from pipeline.crawl.settings import CrawlSettings
from pipeline.crawl.state import CrawlState
from pipeline.ingest.warc import read_warc
from pipeline.models import Document

FEEDS = frozenset({"application/rss+xml", "application/atom+xml"})


# --- scope ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "prefix"), [
    ("http://x.gov.cn/xwzx/index.html", "/xwzx/"), ("http://x.gov.cn/xwzx/", "/xwzx/"),
    ("http://x.gov.cn/xwzx", "/xwzx/"), ("http://x.gov.cn", "/"), ("http://x.gov.cn/a/b/list.jsp?p=2", "/a/b/"),
])
def test_path_prefix(url, prefix):
    assert path_prefix(url) == prefix


def test_normalize_url_drops_fragment_and_default_port():
    assert normalize_url("HTTP://X.Gov.CN:80/a?b=1#top") == "http://x.gov.cn/a?b=1"
    assert normalize_url("https://x.gov.cn") == "https://x.gov.cn/"
    assert normalize_url("http://x/list.jsp?page=2&catid=5") == normalize_url("http://x/list.jsp?catid=5&page=2")
    assert normalize_url("http://x/%e7%a7%91.html") == "http://x/%E7%A7%91.html"


@pytest.mark.parametrize(("url", "why"), [
    ("http://kjj.gov.cn/xwzx/202401/t1.html", None),
    ("http://kjj.gov.cn/xwzx", None),
    ("http://kjj.gov.cn/zwgk/index.html", "outside_prefix"),
    ("http://kjj.gov.cn:8080/xwzx/a.html", "offsite"),
    ("http://www.other.cn/xwzx/a.html", "offsite"),
    ("http://evil.kjj.gov.cn.example/xwzx/a.html", "offsite"),
])
def test_scope_keeps_to_the_start_host_and_folder(url, why):
    assert Scope(["http://kjj.gov.cn/xwzx/index.html"]).check(url) == why


def test_scope_can_be_widened():
    s = Scope(["http://kjj.gov.cn/xwzx/"], domains=["gov.cn"], prefixes=["/art/"])
    assert s.check("http://kjj.gov.cn/art/2024/1/5/art_1_2.html") is None
    assert s.check("http://www.gov.cn/art/x.html") is None
    assert s.check("http://kjj.gov.cn/zwgk/") == "outside_prefix"
    assert Scope(["http://kjj.gov.cn/xwzx/"], any_path=True).check("http://kjj.gov.cn/zwgk/") is None


# --- discovery --------------------------------------------------------------------------------------
def test_links_are_absolute_and_honour_base():
    html = ('<html><head><base href="http://x.gov.cn/xwzx/"><link rel="alternate" type="application/rss+xml" '
            'href="rss.xml"></head><body><a href="./202401/t20240105_1.html"> 标题\n一 </a><a href="#top">top</a>'
            '<a href="javascript:void(0)">js</a><iframe src="/list/frame.html"></iframe></body></html>')
    page = parse_links(html, "http://x.gov.cn/other/page.html", FEEDS)
    assert [(link.url, link.text, link.tag) for link in page.links] == [
        ("http://x.gov.cn/xwzx/202401/t20240105_1.html", "标题 一", "a"),
        ("javascript:void(0)", "js", "a"), ("http://x.gov.cn/list/frame.html", "", "iframe")]
    assert page.feeds == ["http://x.gov.cn/xwzx/rss.xml"]


def test_sitemap_index_and_urlset():
    idx = parse_xml_listing(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                            b'<sitemap><loc>http://x/s1.xml</loc><lastmod>2024-01-05</lastmod></sitemap>'
                            b'</sitemapindex>', "http://x/sitemap.xml")
    assert (idx.type, idx.entries) == ("sitemapindex", [("http://x/s1.xml", "2024-01-05")])
    urls = parse_xml_listing(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> /a.html </loc>'
                             b'</url><url><loc>http://x/b.html</loc><lastmod>2024-01-06T10:00:00+08:00</lastmod>'
                             b'</url></urlset>', "http://x/sitemap.xml")
    assert urls.entries == [("http://x/a.html", None), ("http://x/b.html", "2024-01-06T10:00:00+08:00")]


def test_rss_and_atom_feeds():
    rss = parse_xml_listing('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>科技</title>'
                            '<link>http://x/a.html</link><pubDate>Fri, 05 Jan 2024 00:00:00 GMT</pubDate></item>'
                            '</channel></rss>'.encode(), "http://x/rss.xml")
    assert rss.entries == [("http://x/a.html", "Fri, 05 Jan 2024 00:00:00 GMT")]
    atom = parse_xml_listing(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="enclosure" href="/f.pdf"/>'
                             b'<link href="/b.html"/><updated>2024-01-06T00:00:00Z</updated></entry></feed>',
                             "http://x/atom.xml")
    assert atom.entries == [("http://x/b.html", "2024-01-06T00:00:00Z")]


def test_xml_entities_are_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<urlset><url><loc>http://x/&b;</loc></url></urlset>')
    listing = parse_xml_listing(bomb, "http://x/s.xml")
    assert all("aaaaaaaaaa" not in u for u, _ in listing.entries)


def test_not_a_sitemap():
    assert parse_xml_listing(b"<html><body>404</body></html>", "http://x/sitemap.xml").type is None


def test_robots_sitemap_lines():
    assert robots_sitemaps(b"User-agent: *\nDisallow: /a/\nSitemap: http://x/s.xml\nsitemap:http://x/t.xml\n") == [
        "http://x/s.xml", "http://x/t.xml"]


# --- state ------------------------------------------------------------------------------------------
def test_an_unfinished_session_is_resumed(tmp_path):
    st = CrawlState(tmp_path / "s.sqlite")
    sid, resumed, part = st.begin(["http://x/"])
    assert (resumed, part) == (False, 1)
    st.discover("http://x/a.html", "article", 1)
    assert st.pending() == [("http://x/a.html", "article", 1)]
    st.close()
    st = CrawlState(tmp_path / "s.sqlite")
    assert st.begin(["http://x/"]) == (sid, True, 2)
    st.fetched("http://x/a.html", kind="article", status=200, etag='"e"', last_modified=None, body_sha256="b",
               text_sha256="t", listed=("http://x/s.xml", "2024-01-05"))
    assert st.pending() == []
    st.end("finished", True, {})
    time.sleep(1.01)  # session ids are UTC seconds
    sid2, resumed, _ = st.begin(["http://x/"])
    assert sid2 != sid and not resumed
    row = st.get("http://x/a.html")
    assert (row.state, row.etag, row.text_sha256) == ("done", '"e"', "t")
    assert st.listed_dates(row) == {"http://x/s.xml": "2024-01-05"}


def test_a_failure_does_not_forget_an_older_copy(tmp_path):
    st = CrawlState(tmp_path / "s.sqlite")
    st.begin(["http://x/"])
    st.fetched("http://x/a.html", kind="article", status=200, etag=None, last_modified=None, body_sha256="b",
               text_sha256="t", archived_in="warc/1.warc.gz")
    st.end("finished", True, {})
    st.session = "later"
    st.failed("http://x/a.html", "article", "http_5xx: HTTP 503", 503)
    row = st.get("http://x/a.html")
    assert (row.state, row.archived_in) == ("done", "warc/1.warc.gz")


# --- WARC -------------------------------------------------------------------------------------------
def _write(path, n=2):
    w = WarcArchive(path, {"software": "test"})
    for i in range(n):
        body = f"<html><body><p>江川市高新技术企业达到{1200 + i}家，同比增长12.5%。</p></body></html>".encode("gbk")
        w.write(url=f"http://x.gov.cn/xwzx/202401/t20240105_{i}.html", method="GET",
                request_headers=[("User-Agent", "t")], status=200, reason="OK",
                response_headers=[("Content-Type", "text/html; charset=GBK"), ("Content-Encoding", "gzip"),
                                  ("Content-Length", "5")], body=body, fetched_at=time.time())
    w.close()


def test_warc_written_is_read_by_the_run_stage(tmp_path):
    path = tmp_path / "a.warc.gz"
    _write(path)
    docs = list(read_warc(path))
    assert [type(d) for d in docs] == [Document, Document]
    assert "1201家" in docs[1].text and docs[1].source.encoding == "gb18030"


def test_a_cut_warc_is_truncated_to_its_last_whole_record(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "a.warc.gz"
    _write(path, 3)
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        last_response = [it.get_record_offset() for r in it if r.rec_type == "response"][-1]
    whole = path.read_bytes()
    path.write_bytes(whole[: last_response + 60])  # a killed crawl: half a record at the end
    assert truncate_partial_warc(path) == 60
    docs = list(read_warc(path))
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs)
    with gzip.open(path, "rb") as fh:
        fh.read()  # every member is complete


# --- settings ---------------------------------------------------------------------------------------
def test_settings_file_and_flags(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("[caps]\nmax_pages = 7\n[politeness]\nper_host_delay = 2.5\n", encoding="utf-8")
    s = CrawlSettings.load(f, max_pages=None, per_host_delay=0.5)
    assert (s.max_pages, s.per_host_delay) == (7, 0.5)
    with pytest.raises(ValueError, match="unknown crawl settings"):
        CrawlSettings.load(None, max_pagez=1)
    with pytest.raises(ValueError, match="must not be negative"):
        CrawlSettings.load(None, max_depth=-1)
