"""Crawling the same site again: only what is new or changed is fetched and archived."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import run_crawl, warc_records

pytestmark = pytest.mark.slow
pytest.importorskip("scrapy")

ARTICLE = re.compile(r"^/xwzx/\d{6}/t\d{8}_\d+\.html$")


@pytest.fixture(scope="module")
def history(site, tmp_path_factory):
    """Five crawls of one site: first, unchanged, two articles added, one article edited, --recheck."""
    out = tmp_path_factory.mktemp("incremental") / "kjj"
    h = {"out": out, "first": run_crawl(site, out)}
    h["unchanged"] = run_crawl(site, out)
    h["new_articles"] = site.add_articles(2)
    h["added"] = run_crawl(site, out)
    h["edited_article"] = edited = site.newest_first[2]  # still in the sitemap's newest ten
    edited.edits = 1
    h["edited"] = run_crawl(site, out)
    h["recheck"] = run_crawl(site, out, "--recheck")
    for name in ("first", "unchanged", "added", "edited", "recheck"):
        assert h[name].returncode == 0, h[name].stderr[-3000:]
    return h


def _article_requests(crawl) -> list[str]:
    return [p for p in crawl.paths() if ARTICLE.match(p)]


def test_an_unchanged_site_costs_no_article_request(history):
    c = history["unchanged"]
    assert _article_requests(c) == []
    assert c.summary["articles"] == {"new": 0, "changed": 0, "unchanged": 0, "seen_not_requested": 30}
    assert c.summary["archived"] == 0 and c.summary["warc"] is None
    assert c.summary["finished"]


def test_a_second_crawl_fetches_only_the_new_articles(history):
    c = history["added"]
    new = {a.path for a in history["new_articles"]}
    assert sorted(_article_requests(c)) == sorted(new)
    assert c.summary["articles"]["new"] == 2 and c.summary["articles"]["seen_not_requested"] == 30
    assert "2 new and 0 changed articles archived" in c.summary["message"]
    recs = [r for r in warc_records(history["out"]) if r["type"] == "response" and r["file"] in c.summary["warc"]]
    assert {r["uri"].split(":", 2)[2].split("/", 1)[1] for r in recs} == {p.lstrip("/") for p in new}


def test_listings_are_read_again_each_time(history):
    c = history["added"]
    assert {"/xwzx/", "/xwzx/index.html", "/xwzx/index_1.html", "/xwzx/index_2.html",
            "/sitemap_xwzx.xml"} <= set(c.paths())


def test_an_edited_article_listed_with_a_new_date_is_fetched_and_archived_again(history, site):
    c = history["edited"]
    edited = history["edited_article"]
    assert _article_requests(c) == [edited.path]
    (_, _, headers), = [r for r in c.requests if r[0] == edited.path]
    assert headers.get("if-none-match")  # a conditional request, with the stored ETag
    assert c.summary["articles"]["changed"] == 1
    recs = [r for r in warc_records(history["out"]) if r["type"] == "response" and r["file"] in c.summary["warc"]]
    assert [r["uri"] for r in recs] == [site.url(edited.path)]
    assert "（更新1）".encode("gbk") in recs[0]["body"]


def test_recheck_revalidates_with_etags_and_content_hashes(history, site):
    c = history["recheck"]
    paths = {a.path for a in site.articles}
    arts = [(p, s, h) for p, s, h in c.requests if p in paths]
    assert len({p for p, _, _ in arts}) == len(arts) == 32
    assert all(h.get("if-none-match") for _, _, h in arts)
    statuses = Counter(s for _, s, _ in arts)
    assert statuses[304] >= 3  # fetched since the last change: the server says Not Modified
    assert statuses[304] + statuses[200] == 32  # the rest: same main text, so unchanged by hash
    assert c.summary["articles"] == {"new": 0, "changed": 0, "unchanged": 32, "seen_not_requested": 0}
    assert c.summary["archived"] == 0
    assert c.summary["requests"]["not_modified"] == statuses[304]


def test_the_warc_files_hold_each_version_once(history, site):
    uris = Counter(r["uri"] for r in warc_records(history["out"]) if r["type"] == "response")
    assert set(uris) == site.article_urls()
    assert uris[site.url(history["edited_article"].path)] == 2  # the first version and the edited one
    assert sum(uris.values()) == 33
