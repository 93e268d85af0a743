"""Scrapy downloader middlewares of the crawler (enabled by :func:`pipeline.crawl.runner.scrapy_settings`).

Order (Scrapy priorities; requests go up the numbers, responses come down):

* ``Guard`` (40): every request, redirect hops and robots.txt included: only http/https, no
  private/loopback/link-local/reserved address unless ``--allow-private`` (the check of
  ``--urls``: :func:`pipeline.ingest.urls.check_url`), redirects stay on allowed hosts, and once a
  cap is reached nothing more goes out.
* Scrapy's ``RobotsTxtMiddleware`` (100) obeys robots.txt.
* ``RobotsStatus`` (540, below ``RetryMiddleware``): robots.txt as RFC 9309 reads it (a 4xx
  allows everything; a 5xx after the retries, or no answer, disallows everything), and the
  ``Sitemap:`` lines and ``Crawl-delay`` it holds.
* ``RedirectLoop`` (610, above ``RedirectMiddleware``): a redirect back to a URL of its own chain is
  dropped as a loop instead of vanishing in the duplicate filter.
* Scrapy's ``HttpCacheMiddleware`` (900, RFC 2616 policy): revalidates with the stored
  ``ETag``/``Last-Modified``; a 304 hands the cached page on.
* ``Meter`` (950, next to the network): counts what really goes over the network (requests,
  304s, bytes), enforces ``--max-pages`` exactly (a request over the cap is not sent and stays
  on the frontier) and ``--max-total-bytes`` (requests already in flight finish), and keeps each
  host's delay at least its robots.txt ``Crawl-delay`` under AutoThrottle.
"""
from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from ..ingest.urls import FetchError, check_url
from .scope import host_of, normalize_url

log = logging.getLogger(__name__)

_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class Refused(IgnoreRequest):
    """A request the crawler does not make, with the summary's reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def is_robots(request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(request.url).path == "/robots.txt"


class _Base:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def ctx(self):
        return self.crawler.spider.ctx


class Guard(_Base):
    def __init__(self, crawler):
        super().__init__(crawler)
        self._checked: dict[tuple[str, str], str | None] = {}

    def process_request(self, request, spider=None):
        ctx = self.ctx
        if ctx.tally.cap_reason and not is_robots(request):
            raise Refused("deferred", f"{ctx.tally.cap_reason} reached")
        parts = urlsplit(request.url)
        key = (parts.scheme.lower(), parts.netloc.lower())
        if key not in self._checked:
            try:
                check_url(request.url, ctx.allow_private)
                self._checked[key] = None
            except FetchError as exc:
                self._checked[key] = exc.reason
        why = self._checked[key]
        if why is not None:
            raise Refused("blocked_address", why)
        if request.meta.get("redirect_urls") and not ctx.scope.host_allowed(request.url):
            raise Refused("offsite", f"redirect from {request.meta['redirect_urls'][0]} to another host: {request.url}")
        return None


class RobotsStatus(_Base):
    def process_response(self, request, response, spider=None):
        if not is_robots(request):
            return response
        host = host_of(request.url)
        if response.status >= 500:
            log.info("robots.txt of %s answers %s: nothing is fetched there (RFC 9309)", host, response.status)
            self.ctx.robots_unavailable.add(host)
            return response.replace(body=_DISALLOW_ALL)
        if response.status >= 400:
            return response.replace(body=b"")
        if response.status == 200:
            self.crawler.spider.robots_seen(request.url, response.body)
        return response

    def process_exception(self, request, exception, spider=None):
        if not is_robots(request) or isinstance(exception, IgnoreRequest):
            return None
        log.info("robots.txt of %s unreachable (%s): nothing is fetched there (RFC 9309)",
                 host_of(request.url), type(exception).__name__)
        self.ctx.robots_unavailable.add(host_of(request.url))
        return Response(request.url, status=599, body=_DISALLOW_ALL, request=request, flags=["pe_synthetic"])


class RedirectLoop(_Base):
    def process_response(self, request, response, spider=None):
        if response.status not in (301, 302, 303, 307, 308) or b"Location" not in response.headers:
            return response
        target = normalize_url(urljoin(request.url, response.headers[b"Location"].decode("latin-1")))
        chain = [normalize_url(u) for u in request.meta.get("redirect_urls", [])] + [normalize_url(request.url)]
        if target in chain:
            raise Refused("redirect_loop", " -> ".join(chain + [target]))
        return response


class Meter(_Base):
    def process_request(self, request, spider=None):
        # reached only by requests the HTTP cache does not answer: these go to the network
        t, s = self.ctx.tally, self.ctx.settings
        if not is_robots(request):
            if t.cap_reason or (s.max_pages and t.network_pages >= s.max_pages):
                t.cap_reason = t.cap_reason or "max_pages"
                raise Refused("deferred", f"{t.cap_reason} reached")
            t.network_pages += 1
        t.network += 1
        return None

    def process_response(self, request, response, spider=None):
        if "pe_synthetic" in response.flags:
            return response
        ctx = self.ctx
        t = ctx.tally
        t.status[response.status] += 1
        t.bytes += len(response.body)
        request.meta["pe_network_status"] = response.status
        if response.status == 304:
            t.not_modified += 1
        s = ctx.settings
        if s.max_total_bytes and t.bytes >= s.max_total_bytes and not t.cap_reason:
            t.cap_reason = "max_total_bytes"  # requests in flight still finish
        delay = ctx.crawl_delays.get(urlsplit(request.url).hostname or "")
        if delay:
            slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot"))
            if slot is not None and slot.delay < delay:
                slot.delay = delay
        return response
