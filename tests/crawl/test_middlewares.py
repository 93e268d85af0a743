"""The crawler's downloader middlewares on hand-made requests and responses (no network, no reactor)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("scrapy")

from scrapy.http import Request, Response  # noqa: E402

from pipeline.crawl.middlewares import Guard, Meter, RedirectLoop, Refused, RobotsStatus  # noqa: E402
from pipeline.crawl.report import Tally  # noqa: E402
from pipeline.crawl.scope import Scope  # noqa: E402
from pipeline.crawl.settings import CrawlSettings  # noqa: E402


def _crawler(*, allow_private=False, max_pages=0, delays=None):
    seen = []
    ctx = SimpleNamespace(tally=Tally(), settings=CrawlSettings().with_(max_pages=max_pages),
                          allow_private=allow_private, scope=Scope(["http://127.0.0.1:8000/xwzx/"]),
                          crawl_delays=delays or {}, robots_unavailable=set())
    spider = SimpleNamespace(ctx=ctx, robots_seen=lambda url, body: seen.append((url, body)))
    slots = {"127.0.0.1": SimpleNamespace(delay=0.0)}
    crawler = SimpleNamespace(spider=spider, engine=SimpleNamespace(downloader=SimpleNamespace(slots=slots)))
    return crawler, seen


def _robots_request():
    return Request("http://127.0.0.1:8000/robots.txt", meta={"dont_obey_robotstxt": True})


@pytest.mark.parametrize(("status", "body"), [(503, b"User-agent: *\nDisallow: /\n"), (404, b""), (403, b"")])
def test_robots_txt_status_as_rfc_9309_reads_it(status, body):
    crawler, _ = _crawler()
    resp = Response("http://127.0.0.1:8000/robots.txt", status=status, body=b"<html>error page</html>")
    assert RobotsStatus(crawler).process_response(_robots_request(), resp).body == body


def test_unreachable_robots_txt_disallows_everything():
    crawler, _ = _crawler()
    resp = RobotsStatus(crawler).process_exception(_robots_request(), TimeoutError("no answer"))
    assert resp.body == b"User-agent: *\nDisallow: /\n"
    assert crawler.spider.ctx.robots_unavailable == {"127.0.0.1:8000"}


def test_robots_txt_is_handed_to_the_spider():
    crawler, seen = _crawler()
    body = b"User-agent: *\nCrawl-delay: 3\nSitemap: http://127.0.0.1:8000/s.xml\n"
    RobotsStatus(crawler).process_response(_robots_request(), Response("http://127.0.0.1:8000/robots.txt", body=body))
    assert seen == [("http://127.0.0.1:8000/robots.txt", body)]


def test_redirect_back_into_the_chain_is_a_loop():
    crawler, _ = _crawler()
    req = Request("http://127.0.0.1:8000/xwzx/b.html", meta={"redirect_urls": ["http://127.0.0.1:8000/xwzx/a.html"]})
    resp = Response(req.url, status=302, headers={"Location": "/xwzx/a.html#x"})
    with pytest.raises(Refused) as info:
        RedirectLoop(crawler).process_response(req, resp)
    assert info.value.reason == "redirect_loop"
    onward = Response(req.url, status=302, headers={"Location": "/xwzx/c.html"})
    assert RedirectLoop(crawler).process_response(req, onward) is onward


def test_loopback_is_refused_unless_allowed():
    crawler, _ = _crawler()
    with pytest.raises(Refused) as info:
        Guard(crawler).process_request(Request("http://127.0.0.1:8000/xwzx/"))
    assert info.value.reason == "blocked_address" and "non-public address" in info.value.detail
    allowed, _ = _crawler(allow_private=True)
    assert Guard(allowed).process_request(Request("http://127.0.0.1:8000/xwzx/")) is None


def test_a_redirect_to_another_host_is_refused():
    crawler, _ = _crawler(allow_private=True)
    req = Request("http://127.0.0.2:8000/x.html", meta={"redirect_urls": ["http://127.0.0.1:8000/xwzx/a.html"]})
    with pytest.raises(Refused) as info:
        Guard(crawler).process_request(req)
    assert info.value.reason == "offsite"


def test_the_page_cap_is_exact_and_robots_txt_is_not_counted():
    crawler, _ = _crawler(allow_private=True, max_pages=2)
    meter = Meter(crawler)
    meter.process_request(_robots_request())
    meter.process_request(Request("http://127.0.0.1:8000/xwzx/1.html"))
    meter.process_request(Request("http://127.0.0.1:8000/xwzx/2.html"))
    with pytest.raises(Refused) as info:
        meter.process_request(Request("http://127.0.0.1:8000/xwzx/3.html"))
    assert info.value.reason == "deferred"
    t = crawler.spider.ctx.tally
    assert (t.network, t.network_pages, t.cap_reason) == (3, 2, "max_pages")
    with pytest.raises(Refused):  # and nothing else goes out
        Guard(crawler).process_request(Request("http://127.0.0.1:8000/xwzx/4.html"))


def test_crawl_delay_is_a_floor_under_autothrottle():
    crawler, _ = _crawler(delays={"127.0.0.1": 3.0})
    req = Request("http://127.0.0.1:8000/xwzx/1.html", meta={"download_slot": "127.0.0.1"})
    Meter(crawler).process_response(req, Response(req.url, body=b"x"))
    assert crawler.engine.downloader.slots["127.0.0.1"].delay == 3.0
