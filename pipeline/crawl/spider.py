"""The Scrapy spider: reads listings, sitemaps and feeds for links, tells articles from the rest,
hands articles to :class:`~pipeline.crawl.pipelines.ArchivePipeline`, and decides for every link
whether to request it (scope, URL class, depth, caps, and what earlier crawls fetched)."""
from __future__ import annotations

import email.utils
import hashlib
import http
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, StopDownload

from ..clean.encoding import decode
from ..ingest.document import content_hash
from ..ingest.warc import charset_of
from .archive import PageLog, WarcArchive
from .discover import maybe_gunzip, parse_links, parse_xml_listing, robots_sitemaps
from .middlewares import Refused
from .report import Tally
from .rules import CrawlRules
from .scope import Scope, host_of, normalize_url
from .settings import CrawlSettings
from .state import CrawlState, UrlRow

log = logging.getLogger(__name__)

_PRIORITY = {"sitemap": 30, "feed": 30, "article": 20, "unknown": 15, "listing": 10}
# failures that another try will not mend (until --recheck or --full): not requested again
_PERMANENT = frozenset({"too_large", "redirect_loop", "too_many_redirects", "http_4xx", "attachment",
                        "not_xml_listing", "undecodable", "sitemap_missing", "duplicate"})


@dataclass
class CrawlContext:
    """Everything one crawl run shares between the spider, the middlewares and the pipeline."""

    start_urls: list[str]
    out: Path
    settings: CrawlSettings
    rules: CrawlRules
    scope: Scope
    state: CrawlState
    archive: WarcArchive
    pages: PageLog
    session: str
    part: int
    resumed: bool
    allow_private: bool = False
    recheck: bool = False
    full: bool = False
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    crawl_delays: dict[str, float] = field(default_factory=dict)
    close_reason: str | None = None
    robots_unavailable: set[str] = field(default_factory=set)  # hosts whose robots.txt gave 5xx or no answer


def _header(response, name: str) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None


def _headers(headers) -> list[tuple[str, str]]:
    out = []
    for k, vs in headers.items():
        for v in vs:
            out.append((k.decode("latin-1"), v.decode("latin-1")))
    return out


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _listed_after(listed: str, fetched_at: float | None) -> bool:
    """Whether a sitemap/feed date is later than the time a page was fetched (unparseable: no)."""
    if fetched_at is None:
        return False
    s = listed.strip()
    try:
        if len(s) == 10:  # a W3C date: compare days
            return datetime.strptime(s, "%Y-%m-%d").date() > datetime.fromtimestamp(fetched_at, timezone.utc).date()
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = email.utils.parsedate_to_datetime(s)  # RSS pubDate
        except (TypeError, ValueError):
            return False
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp() > fetched_at


class PolicySpider(scrapy.Spider):
    name = "policy-extract"

    def __init__(self, ctx: CrawlContext, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.ctx = ctx
        self._requested: set[str] = set()  # every URL requested by this process
        self._asked: dict[str, str] = {}  # URL -> kind, requested and not answered yet

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_headers, signal=signals.headers_received)
        return spider

    # --- seeds ----------------------------------------------------------------------------------
    async def start(self):
        for request in self._seeds():
            yield request

    def _seeds(self) -> list[scrapy.Request]:
        ctx = self.ctx
        out: list[scrapy.Request] = []
        for url in ctx.start_urls:
            r = self._plan(url, "listing", 0, start=True)
            if r is not None:
                out.append(r)
        origins = dict.fromkeys(f"{u.split('://', 1)[0]}://{host_of(u)}" for u in ctx.start_urls)
        for origin in origins:
            for path in ctx.settings.sitemap_paths:
                r = self._plan(origin + path, "sitemap", 0, probe=True)
                if r is not None:
                    out.append(r)
        for url in ctx.sitemaps:
            r = self._plan(normalize_url(url), "sitemap", 0, start=True)
            if r is not None:
                out.append(r)
        for url in ctx.feeds:
            r = self._plan(normalize_url(url), "feed", 0, start=True)
            if r is not None:
                out.append(r)
        for url, kind, depth in ctx.state.pending():  # the frontier of an interrupted or capped crawl
            r = self._plan(url, kind, depth, frontier=True)
            if r is not None:
                out.append(r)
        return out

    # --- deciding on a URL ----------------------------------------------------------------------
    def _plan(self, url: str, kind: str, depth: int, *, start: bool = False, probe: bool = False,
              frontier: bool = False, listed: tuple[str, str] | None = None) -> scrapy.Request | None:
        """A request for ``url`` if it should be fetched in this crawl, else None (the reason counted).

        ``listed`` is (sitemap or feed URL, the date it gives for the page): a date that differs from
        the one recorded, or (first sighting) one later than the fetch, means the page changed."""
        ctx = self.ctx
        url = normalize_url(url)
        row = ctx.state.get(url)
        if url in self._requested or (row is not None and row.session == ctx.session and row.state != "pending"):
            if listed is not None and row is not None:
                ctx.state.note_listed(url, *listed)
            return None  # requested already by this run, or fetched (or refused) earlier in this session
        revisit = False
        if row is not None and row.state == "done":
            revisit = True
            if row.kind in ("article", "thin") and not (start or probe or ctx.full or ctx.recheck):
                changed = False
                if listed is not None:
                    known = ctx.state.listed_dates(row).get(listed[0])
                    changed = known != listed[1] if known is not None else _listed_after(listed[1], row.fetched_at)
                if not changed:
                    if listed is not None:
                        ctx.state.note_listed(url, *listed)
                    ctx.tally.skip("seen", url)
                    return None
        elif row is not None and row.state == "failed" and not (start or ctx.full or ctx.recheck):
            code = (row.reason or "").split(":", 1)[0]
            if code in _PERMANENT:
                ctx.tally.skip("failed_before", url)
                return None
        if row is not None and row.state == "done" and row.kind not in ("unknown", "listing") \
                and kind in ("unknown", "listing"):
            kind = row.kind  # what the page turned out to be last time
        ctx.state.discover(url, kind, depth)
        if ctx.tally.cap_reason:
            ctx.tally.skip("deferred", url)
            return None
        if listed is not None and not revisit:
            ctx.state.note_listed(url, *listed)
        headers: dict[str, str] = {}
        meta: dict[str, Any] = {"pe_kind": kind, "pe_depth": depth, "pe_start": start, "pe_probe": probe,
                                "pe_listed": listed, "pe_revisit": revisit}
        if revisit and row is not None:
            headers["Cache-Control"] = "max-age=0"  # the HTTP cache revalidates instead of serving its copy
            if row.etag:
                headers["If-None-Match"] = row.etag
            if row.last_modified:
                headers["If-Modified-Since"] = row.last_modified
            meta["handle_httpstatus_list"] = [304]
        self._asked[url] = kind
        self._requested.add(url)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, headers=headers or None, meta=meta,
                              priority=_PRIORITY.get(kind, 15) + (5 if start else 0))

    def _consider(self, url: str, *, hint: str | None, depth: int, listed: tuple[str, str] | None = None,
                  prefix_exempt: bool = False) -> scrapy.Request | None:
        """Scope, URL class and depth checks for a discovered link, then :meth:`_plan`."""
        ctx = self.ctx
        if not url.lower().startswith(("http://", "https://")):
            return None  # mailto:, javascript:, tel: ...
        url = normalize_url(url)
        why = ctx.scope.check(url)
        if why == "outside_prefix" and prefix_exempt:
            why = None
        if why:
            ctx.tally.skip(why, url)
            return None
        verdict = ctx.rules.classify(url)
        if not verdict.follow:
            ctx.tally.skip(verdict.kind, url)
            return None
        kind = hint if hint in ("sitemap", "feed") else (verdict.kind if verdict.kind != "unknown" else hint or "unknown")
        if ctx.settings.max_depth and depth > ctx.settings.max_depth:
            ctx.tally.skip("depth", url)
            return None
        return self._plan(url, kind, depth, listed=listed)

    # --- responses ------------------------------------------------------------------------------
    def _on_headers(self, headers, body_length, request, spider=None, **kwargs):
        """Stop the download of a body we would not read (PDF, images...) once its headers are in."""
        ctype = headers.get(b"Content-Type")
        if not ctype:
            return
        mime = _mime(ctype.decode("latin-1"))
        rules = self.ctx.rules
        if mime in rules.html_types or mime in rules.xml_types:
            return
        if request.meta.get("pe_kind") in ("sitemap", "feed") and mime in rules.compressed_types:
            return
        request.meta["pe_stopped_type"] = mime
        raise StopDownload(fail=False)

    def parse(self, response, **kwargs):
        ctx = self.ctx
        meta = response.meta
        url = normalize_url(response.url)
        redirects = [normalize_url(u) for u in meta.get("redirect_urls", [])]
        requested = redirects[0] if redirects else url
        urls = list(dict.fromkeys([*redirects, url]))
        self._asked.pop(requested, None)
        kind_hint = meta.get("pe_kind", "unknown")
        net = meta.get("pe_network_status")
        if "cached" in response.flags and net is None:
            ctx.tally.from_cache += 1
        ctx.tally.fetched_urls.append(url)
        row = ctx.state.get(url) or ctx.state.get(requested)
        depth = meta.get("pe_depth", 0)

        if response.status == 304:  # a conditional request without the HTTP cache: nothing changed
            kind = row.kind if row else kind_hint
            for u in urls:
                ctx.state.fetched(u, kind=kind, status=304, etag=None, last_modified=None, body_sha256=None,
                                  text_sha256=None)
            ctx.tally.page(kind, "unchanged")
            self._log_page(response, kind, "unchanged", None)
            return
        stopped = meta.get("pe_stopped_type")
        if stopped or "download_stopped" in response.flags:
            ctx.tally.skip("attachment", url)
            for u in urls:
                ctx.state.failed(u, "attachment", f"attachment: content type {stopped}", response.status)
            return
        ctype = _header(response, "Content-Type")
        mime = _mime(ctype)
        body = response.body
        looks_xml = body.lstrip()[:5] in (b"<?xml", b"<urls", b"<rss ", b"<feed") or body.startswith(b"\x1f\x8b")
        if kind_hint in ("sitemap", "feed") or mime in ctx.rules.xml_types or (not mime and looks_xml):
            yield from self._parse_xml(response, url, urls, kind_hint, depth, net)
            return
        yield from self._parse_html(response, url, urls, row, depth, net, ctype)

    def _parse_xml(self, response, url, urls, kind_hint, depth, net):
        ctx = self.ctx
        body = maybe_gunzip(response.body, ctx.settings.max_page_bytes or 1 << 30)
        listing = parse_xml_listing(body, url)
        if listing.type is None:
            code = "sitemap_missing" if response.meta.get("pe_probe") else "not_xml_listing"
            ctx.tally.skip(code, url)
            for u in urls:
                ctx.state.failed(u, kind_hint, f"{code}: not a sitemap or feed", response.status)
            return
        kind = "feed" if listing.type == "feed" else "sitemap"
        body_sha = hashlib.sha256(response.body).hexdigest()
        row = ctx.state.get(url)
        change = "unchanged" if net == 304 else ("new" if row is None or row.body_sha256 is None
                                                 else "unchanged" if row.body_sha256 == body_sha else "changed")
        requests = []
        for entry_url, date in listing.entries:
            if listing.type == "sitemapindex":
                if ctx.scope.host_allowed(entry_url):
                    r = self._consider(entry_url, hint="sitemap", depth=depth, prefix_exempt=True)
                else:
                    ctx.tally.skip("offsite", normalize_url(entry_url))
                    r = None
            else:
                r = self._consider(entry_url, hint=None, depth=depth, listed=(url, date) if date else None)
            if r is not None:
                requests.append(r)
        self._done(response, urls, kind, body_sha, None)
        ctx.tally.page(kind, change)
        self._log_page(response, kind, change, None)
        yield from requests

    def _parse_html(self, response, url, urls, row: UrlRow | None, depth, net, ctype):
        ctx = self.ctx
        meta = response.meta
        text, encoding = decode(response.body, charset_of(ctype))
        if text is None:
            ctx.tally.skip("undecodable", url)
            for u in urls:
                ctx.state.failed(u, "unknown", "undecodable: bytes decode in no encoding", response.status)
            return
        url_kind = ctx.rules.classify(url).kind
        start = meta.get("pe_start", False)
        main_text = ""
        if url_kind != "listing" and not start:  # a listing by its URL needs no main text
            try:
                from ..clean import clean_html

                main_text = clean_html(text, url=url).text
            except Exception:  # noqa: BLE001 - a page the cleaner chokes on is read for links only
                log.debug("cleaning failed for %s", url, exc_info=True)
        page = parse_links(text, response.url, ctx.rules.feed_types)
        # the links, in scope and classified, once
        seen: set[str] = set()
        article_links = 0
        for link in page.links:
            if not link.url.lower().startswith(("http://", "https://")):
                continue
            u = normalize_url(link.url)
            if u in seen:
                continue
            seen.add(u)
            if ctx.scope.check(u) is None and ctx.rules.classify(u).kind == "article":
                article_links += 1
        kind, why = ctx.rules.page_kind(url_kind, len(main_text), article_links, start=start)
        body_sha = hashlib.sha256(response.body).hexdigest()
        if kind == "thin":
            ctx.tally.skip("thin", url)
            self._done(response, urls, "thin", body_sha, None)
            self._log_page(response, "thin", None, encoding)
            return
        requests: list[scrapy.Request] = []
        if kind != "article" or ctx.settings.follow_from_articles:
            for link in page.links:
                pagination = kind == "listing" and ctx.rules.is_pagination(link.url, link.text)
                r = self._consider(link.url, hint="listing" if pagination or link.tag in ("frame", "iframe") else None,
                                   depth=depth if pagination else depth + 1)
                if r is not None:
                    requests.append(r)
            if kind == "listing":
                for u in ctx.rules.script_pages(text, response.url):
                    r = self._consider(u, hint="listing", depth=depth)
                    if r is not None:
                        requests.append(r)
            for u in page.feeds:
                r = self._consider(u, hint="feed", depth=depth, prefix_exempt=True)
                if r is not None:
                    requests.append(r)
        if kind == "article":
            text_sha = content_hash(main_text)
            old = row.text_sha256 if row is not None else None
            change = "unchanged" if net == 304 else ("new" if old is None else "unchanged" if old == text_sha else "changed")
            if change == "unchanged" and not ctx.full:
                self._done(response, urls, "article", body_sha, text_sha)
                ctx.tally.page("article", "unchanged")
                self._log_page(response, "article", "unchanged", encoding)
            else:
                yield {"pe_response": response, "pe_urls": urls, "pe_change": change, "pe_encoding": encoding,
                       "pe_body_sha": body_sha, "pe_text_sha": text_sha, "pe_why": why}
        else:
            change = "unchanged" if net == 304 else (
                "new" if row is None or row.body_sha256 is None else
                "unchanged" if row.body_sha256 == body_sha else "changed")
            self._done(response, urls, "listing", body_sha, None)
            ctx.tally.page("listing", change)
            self._log_page(response, "listing", change, encoding)
        yield from requests

    def _done(self, response, urls, kind, body_sha, text_sha, archived_in: str | None = None) -> None:
        for u in urls:
            self.ctx.state.fetched(u, kind=kind, status=response.status, etag=_header(response, "ETag"),
                                   last_modified=_header(response, "Last-Modified"), body_sha256=body_sha,
                                   text_sha256=text_sha, listed=response.meta.get("pe_listed"),
                                   archived_in=archived_in)

    def _log_page(self, response, kind: str, change: str | None, encoding: str | None, **extra) -> None:
        rec = {"url": normalize_url(response.url), "requested": normalize_url(response.request.url)
               if not response.meta.get("redirect_urls") else normalize_url(response.meta["redirect_urls"][0]),
               "fetched_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "status": response.status, "from_cache": "cached" in response.flags
               and response.meta.get("pe_network_status") is None,
               "content_type": _header(response, "Content-Type"), "encoding": encoding, "bytes": len(response.body),
               "kind": kind, "change": change, "depth": response.meta.get("pe_depth", 0),
               "session": self.ctx.session, **extra}
        self.ctx.pages.write(rec)

    # --- failures -------------------------------------------------------------------------------
    def on_error(self, failure):
        ctx = self.ctx
        request = failure.request
        meta = request.meta
        chain = [normalize_url(u) for u in meta.get("redirect_urls", [])] + [normalize_url(request.url)]
        url = chain[0]
        self._asked.pop(url, None)
        kind = meta.get("pe_kind", "unknown")
        exc = failure.value
        status = None
        if isinstance(exc, Refused):
            reason = exc.reason
            if reason == "deferred":
                ctx.tally.skip("deferred", url)
                return  # stays on the frontier for the next crawl
        elif failure.check(IgnoreRequest) and getattr(exc, "response", None) is not None:  # HttpError
            status = exc.response.status
            if meta.get("pe_probe") and status in (404, 410):
                ctx.tally.skip("sitemap_missing", url)
                ctx.state.failed(url, kind, f"sitemap_missing: HTTP {status}", status)
                return
            reason = "http_5xx" if status >= 500 else "http_4xx"
        elif failure.check(IgnoreRequest):
            msg = str(exc).lower()
            reason = ("too_many_redirects" if "redirect" in msg else "ignored" if "robots" not in msg
                      else "robots_unavailable" if host_of(url) in ctx.robots_unavailable else "robots")
        elif "max size" in str(exc).lower():
            reason = "too_large"
        else:
            reason = "fetch_error"
        ctx.tally.skip(reason, url)
        log.info("skipped %s: %s (%s)", url, reason, str(exc)[:200])
        for u in dict.fromkeys(chain):
            ctx.state.failed(u, kind, f"{reason}: {str(exc)[:300]}", status)

    # --- robots.txt -----------------------------------------------------------------------------
    def robots_seen(self, robots_url: str, body: bytes) -> None:
        """Called by the RobotsStatus middleware: note the Crawl-delay, request the Sitemap: files."""
        from protego import Protego

        ctx = self.ctx
        host = host_of(robots_url).rsplit(":", 1)[0] if not host_of(robots_url).endswith("]") else host_of(robots_url)
        try:
            rp = Protego.parse(body.decode("utf-8", "replace"))
            delay = rp.crawl_delay(ctx.settings.agent())
        except Exception:  # noqa: BLE001 - a robots.txt Protego cannot read gives no delay
            delay = None
        if delay:
            ctx.crawl_delays[host] = max(float(delay), ctx.settings.per_host_delay)
            log.info("robots.txt of %s asks for a Crawl-delay of %s s", host, delay)
        for sm in robots_sitemaps(body):
            if not ctx.scope.host_allowed(sm):
                ctx.tally.skip("offsite", normalize_url(sm))
                continue
            r = self._consider(sm, hint="sitemap", depth=0, prefix_exempt=True)
            if r is not None:
                self.crawler.engine.crawl(r)

    def closed(self, reason: str) -> None:
        ctx = self.ctx
        ctx.close_reason = reason
        if reason == "finished" and not ctx.tally.cap_reason:
            # requested, never answered: Scrapy's duplicate filter took them for a URL already fetched
            for url, kind in self._asked.items():
                row = ctx.state.get(url)
                if row is not None and row.state == "pending":
                    ctx.tally.skip("duplicate", url)
                    ctx.state.failed(url, kind, "duplicate: the same request as another URL of this crawl")


def reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def fetch_time(response) -> float:
    """When the page was fetched: now, or for a page the HTTP cache served, its ``Date``."""
    if "cached" in response.flags and response.meta.get("pe_network_status") is None:
        date = response.headers.get(b"Date")
        if date:
            try:
                return email.utils.parsedate_to_datetime(date.decode("latin-1")).timestamp()
            except (TypeError, ValueError):
                pass
    return time.time()


__all__ = ["CrawlContext", "PolicySpider", "_headers", "fetch_time", "reason_phrase"]
