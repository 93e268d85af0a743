"""One crawl of the local bureau site: what it fetches, archives, refuses and reports; then
crawl -> run -> load."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Crawl, run_crawl, warc_records

from bureau_site import OTHER_DOMAIN

pytestmark = pytest.mark.slow
pytest.importorskip("scrapy")


@pytest.fixture(scope="module")
def first(site, tmp_path_factory) -> tuple[Crawl, Path]:
    out = tmp_path_factory.mktemp("crawl") / "kjj"
    c = run_crawl(site, out)
    assert c.returncode == 0, c.stderr[-3000:]
    return c, out


def _responses(out: Path) -> list[dict]:
    return [r for r in warc_records(out) if r["type"] == "response"]


def test_every_article_is_archived_once(site, first):
    _, out = first
    uris = [r["uri"] for r in _responses(out)]
    assert Counter(uris) == Counter(site.article_urls())


def test_warc_pairs_each_response_with_its_request(first):
    _, out = first
    recs = warc_records(out)
    responses = {r["id"]: r for r in recs if r["type"] == "response"}
    requests = [r for r in recs if r["type"] == "request"]
    assert recs[0]["type"] == "warcinfo"
    assert len(requests) == len(responses) == 30
    for req in requests:
        resp = responses[req["concurrent_to"]]
        assert req["uri"] == resp["uri"]
        h = req["http_headers"]
        assert f"{h.protocol} {h.statusline}" == f"GET {urlsplit(req['uri']).path} HTTP/1.1"
        assert h.get_header("User-Agent").startswith("policy-extract/")


def test_archived_bodies_are_the_gbk_pages(site, first):
    _, out = first
    pages = site.saved_pages()
    for r in _responses(out):
        assert r["status"] == "200"
        assert r["body"] == pages[urlsplit(r["uri"]).path]
        assert r["http_headers"].get_header("Content-Length") == str(len(r["body"]))


def test_pagination_sitemap_and_feed_are_read(site, first):
    c, out = first
    logged = [json.loads(line) for line in (out / "pages.ndjson").read_text(encoding="utf-8").splitlines()]
    kinds = {rec["url"]: rec["kind"] for rec in logged}
    for page in ("/xwzx/", "/xwzx/index.html", "/xwzx/index_1.html", "/xwzx/index_2.html"):
        assert kinds[site.url(page)] == "listing"
    assert kinds[site.url("/sitemap_xwzx.xml")] == "sitemap"
    assert kinds[site.url("/xwzx/rss.xml")] == "feed"
    assert c.summary["pages"]["listing"]["new"] == 4


def test_pages_log_has_fetch_time_status_encoding_and_bytes(site, first):
    _, out = first
    logged = [json.loads(line) for line in (out / "pages.ndjson").read_text(encoding="utf-8").splitlines()]
    articles = [rec for rec in logged if rec["kind"] == "article"]
    assert len(articles) == 30
    pages = site.saved_pages()
    for rec in articles:
        assert rec["status"] == 200 and rec["encoding"] == "gb18030" and rec["fetched_at"].endswith("Z")
        assert rec["bytes"] == len(pages[urlsplit(rec["url"]).path])
        assert rec["warc"].startswith("warc/") and rec["change"] == "new"


def test_robots_disallowed_path_is_never_requested(first):
    c, _ = first
    assert not [p for p in c.paths() if p.startswith("/xwzx/nbzl/")]
    assert [u for u in c.summary["skipped_examples"]["robots"] if "/xwzx/nbzl/" in u]


def test_other_domains_and_folders_are_not_requested(site, first):
    c, out = first
    assert c.summary["skipped_examples"]["offsite"] == [f"{OTHER_DOMAIN}/xwzx/202401/t20240105_1.html"]
    assert site.url("/jgzn/index.html") in c.summary["skipped_examples"]["outside_prefix"]
    assert "/jgzn/index.html" not in c.paths()
    logged = [json.loads(line) for line in (out / "pages.ndjson").read_text(encoding="utf-8").splitlines()]
    assert {urlsplit(rec["url"]).netloc for rec in logged} == {f"127.0.0.1:{site.port}"}


def test_traps_are_reported_with_their_reason(site, first):
    c, _ = first
    ex = c.summary["skipped_examples"]
    assert ex["redirect_loop"] == [site.url("/xwzx/202401/t20240115_990.html")]
    assert ex["too_large"] == [site.url("/xwzx/202401/t20240116_995.html")]
    assert site.url("/xwzx/202401/P020240105512345.pdf") in ex["attachment"]
    assert ex["tag"] == [site.url("/xwzx/tag/科技创新.html")]
    assert ex["search"] == [site.url("/xwzx/search.jsp?searchword=创新")]
    assert "/xwzx/202401/P020240105512345.pdf" not in c.paths()  # skipped by its URL, not fetched


def test_a_500_is_retried_and_recovers(site, first):
    c, out = first
    flaky = site.articles[6].path
    assert [s for p, s, _ in c.requests if p == flaky] == [500, 200]
    assert site.url(flaky) in {r["uri"] for r in _responses(out)}


def test_summary_counts(first):
    c, _ = first
    s = c.summary
    assert s["finished"] and s["finish_reason"] == "finished" and s["frontier_left"] == 0
    assert s["articles"] == {"new": 30, "changed": 0, "unchanged": 0, "seen_not_requested": 0}
    assert s["archived"] == 30
    assert s["requests"]["network"] == len(c.requests)  # every request the site saw is counted


def test_run_on_the_warc_gives_the_documents_of_the_saved_pages(site, first, tmp_path):
    from pipeline.runner import RunOptions, run

    _, out = first
    saved = tmp_path / "saved"
    saved.mkdir()
    for path, data in site.saved_pages().items():
        (saved / Path(path).name).write_bytes(data)
    run(RunOptions(inputs=[str(saved)], out=str(tmp_path / "from-files"), workers=0, progress=False, link=False))
    run(RunOptions(inputs=[str(out)], out=str(tmp_path / "from-warc"), workers=0, progress=False, link=False))

    def docs(d: Path) -> set:
        lines = (d / "documents.jsonl").read_text(encoding="utf-8").splitlines()
        return {(x["text"], x["title"], x["published"], json.dumps(x["figures"], sort_keys=True))
                for x in map(json.loads, lines)}

    from_files, from_warc = docs(tmp_path / "from-files"), docs(tmp_path / "from-warc")
    assert len(from_warc) == 30
    assert from_warc == from_files
    assert (tmp_path / "from-warc" / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_crawl_run_load_puts_every_article_once_in_the_database(site, first, tmp_path):
    from pipeline.load import load_dir
    from pipeline.runner import RunOptions, run

    _, out = first
    run(RunOptions(inputs=[str(out)], out=str(tmp_path / "run"), workers=0, progress=False))
    counts = load_dir(tmp_path / "run")
    assert counts["failed"] == 0
    db = sqlite3.connect(tmp_path / "run" / "policy.db")
    urls = [u for (u,) in db.execute("SELECT source_url FROM documents")]
    assert Counter(urls) == Counter(site.article_urls())
    assert db.execute("SELECT count(*) FROM figures").fetchone()[0] >= 30 * 5
    assert not [u for u in urls if "/nbzl/" in u or not u.startswith(site.url("/xwzx/"))]
