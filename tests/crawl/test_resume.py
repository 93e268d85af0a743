"""An interrupted or capped crawl resumes where it stopped, without fetching a page twice."""
from __future__ import annotations

import os
import re
import signal
import subprocess
from collections import Counter

import pytest
from conftest import ROOT, crawl_command, crawl_env, run_crawl, warc_records

from bureau_site import BureauSite

pytestmark = pytest.mark.slow
pytest.importorskip("scrapy")

ARTICLE = re.compile(r"^/xwzx/\d{6}/t\d{8}_\d+\.html$")


def _served_ok(requests) -> Counter:
    """Pages served with 200, by path; robots.txt is read again by every run, as it should be."""
    return Counter(p.split("?", 1)[0] for p, status, _ in requests if status == 200 and p != "/robots.txt")


def test_an_interrupted_crawl_resumes_without_refetching(tmp_path):
    site = BureauSite().start()
    try:
        out = tmp_path / "kjj"
        proc = subprocess.Popen(crawl_command(out, site.url("/xwzx/"), extra=("--allow-private", "--concurrency", "1")),
                                cwd=ROOT, env=crawl_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []

        def interrupt_at_the_eighth_article(path: str) -> None:
            if ARTICLE.match(path):
                seen.append(path)
                if len(seen) == 8:
                    os.kill(proc.pid, signal.SIGINT)  # Ctrl-C: Scrapy stops gracefully

        site.on_request = interrupt_at_the_eighth_article
        _, stderr = proc.communicate(timeout=300)
        site.on_request = None
        first_requests = list(site.requests)
        assert proc.returncode == 130, stderr[-3000:]
        import json

        first = json.loads((out / "crawl-summary.json").read_text(encoding="utf-8"))
        assert first["finish_reason"] == "interrupted" and not first["finished"]
        assert 0 < first["archived"] < 30 and first["frontier_left"] > 0

        second = run_crawl(site, out)
        assert second.returncode == 0, second.stderr[-3000:]
        assert second.summary["resumed"] and second.summary["run"] == 2 and second.summary["finished"]
        assert first["archived"] + second.summary["archived"] == 30
        # nothing fetched in the first run is fetched again
        assert max(_served_ok(site.requests).values()) == 1
        assert not set(second.paths()) & {p for p, s, _ in first_requests if s == 200 and ARTICLE.match(p)}
        uris = Counter(r["uri"] for r in warc_records(out) if r["type"] == "response")
        assert uris == Counter(site.article_urls())
    finally:
        site.stop()


def test_a_killed_crawl_resumes_and_archives_every_article_once(tmp_path):
    site = BureauSite().start()
    try:
        out = tmp_path / "kjj"
        proc = subprocess.Popen(crawl_command(out, site.url("/xwzx/"), extra=("--allow-private", "--concurrency", "1")),
                                cwd=ROOT, env=crawl_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []

        def kill_at_the_twelfth_article(path: str) -> None:
            if ARTICLE.match(path):
                seen.append(path)
                if len(seen) == 12:
                    os.kill(proc.pid, signal.SIGKILL)  # no chance to clean up

        site.on_request = kill_at_the_twelfth_article
        proc.communicate(timeout=300)
        site.on_request = None
        assert proc.returncode == -signal.SIGKILL
        served_before = _served_ok(site.requests)

        second = run_crawl(site, out)
        assert second.returncode == 0, second.stderr[-3000:]
        assert second.summary["resumed"] and second.summary["finished"]
        uris = Counter(r["uri"] for r in warc_records(out) if r["type"] == "response")
        assert uris == Counter(site.article_urls())
        # only pages in flight when the process died (answered, not yet written) can be fetched again
        again = [p for p, n in _served_ok(site.requests).items() if n > 1]
        assert len(again) < 8 and set(again) <= set(served_before)
    finally:
        site.stop()


def test_a_capped_crawl_continues_from_its_frontier(tmp_path):
    site = BureauSite().start()
    try:
        out = tmp_path / "kjj"
        first = run_crawl(site, out, "--max-pages", "12")
        assert first.returncode == 0, first.stderr[-3000:]
        s = first.summary
        assert s["finish_reason"] == "max_pages" and not s["finished"] and s["frontier_left"] > 0
        assert s["requests"]["network_pages"] == 12 and s["skipped"]["deferred"] > 0
        assert "run the same command to continue" in s["message"]

        second = run_crawl(site, out)
        assert second.returncode == 0, second.stderr[-3000:]
        assert second.summary["resumed"] and second.summary["finished"]
        assert max(_served_ok(site.requests).values()) == 1
        uris = Counter(r["uri"] for r in warc_records(out) if r["type"] == "response")
        assert uris == Counter(site.article_urls())
    finally:
        site.stop()


def test_private_addresses_are_refused_without_allow_private(tmp_path):
    site = BureauSite().start()
    try:
        c = run_crawl(site, tmp_path / "kjj", allow_private=False)
        assert c.requests == []  # not even robots.txt
        assert c.returncode == 1
        assert c.summary["skipped_examples"]["blocked_address"][0] == site.url("/xwzx/")
        assert "non-public address" in (tmp_path / "kjj" / "crawl-summary.json").read_text(encoding="utf-8") \
            or c.summary["skipped"]["blocked_address"] >= 1
    finally:
        site.stop()


def test_a_page_archived_but_not_marked_done_is_recovered_on_resume(tmp_path):
    # the kill can fall between a record's fsync and the state's commit: the resumed run must not archive it again
    from pipeline.crawl.archive import WarcArchive
    from pipeline.crawl.runner import _recover_archived
    from pipeline.crawl.state import CrawlState

    out = tmp_path / "crawl"
    state = CrawlState(out / "state" / "state.sqlite")
    try:
        state.begin(["http://example.gov.cn/news/"])
        archive = WarcArchive(out / "warc" / "s1-001.warc.gz", {"software": "test"})
        archive.write(url="http://example.gov.cn/news/t1.html", method="GET", request_headers=[], status=200,
                      reason="OK", response_headers=[("Content-Type", "text/html")], body="<p>全市新增企业12家</p>".encode(),
                      fetched_at=1700000000.0)
        archive.close()
        state.discover("http://example.gov.cn/news/t1.html", "article", 1)
        assert state.get("http://example.gov.cn/news/t1.html").state == "pending"
        assert _recover_archived(state, out / "warc" / "s1-001.warc.gz", out) == 1
        row = state.get("http://example.gov.cn/news/t1.html")
        assert row.state == "done" and row.archived_in == "warc/s1-001.warc.gz" and row.body_sha256
        assert _recover_archived(state, out / "warc" / "s1-001.warc.gz", out) == 0    # done already: nothing to do
    finally:
        state.close()
