"""Run one crawl: open the crawl directory, build the Scrapy settings, run the spider with
``CrawlerProcess`` in this process, write the summary.

Twisted's reactor cannot be restarted, so :func:`crawl` runs once per process (the command line
is one process per crawl; the tests start one subprocess per crawl).
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .archive import PageLog, WarcArchive, archived_responses, truncate_partial_warc
from .rules import load_rules
from .scope import Scope, normalize_url
from .settings import CrawlSettings
from .state import CrawlState

log = logging.getLogger(__name__)

STATE_DIR = ".crawl"


class CrawlLocked(RuntimeError):
    """Another crawl is running in the same output directory."""


@dataclass
class CrawlOptions:
    """What to crawl and where the results go.

    Args:
        start_urls: where the crawl starts; their hosts and folders are its scope.
        out: the crawl directory: ``warc/``, ``pages.ndjson``, ``crawl-summary.json``, ``.crawl/``.
        settings: politeness, caps and discovery (``pipeline/crawl/settings.toml``).
        allow_private: allow hosts on private, loopback and link-local addresses.
        domains / prefixes / any_path: widen the scope (more domains, more folders, any folder).
        sitemaps / feeds: more sitemap and feed URLs to read (robots.txt ``Sitemap:`` lines and
            ``<link rel="alternate">`` feeds are found by themselves).
        recheck: revalidate the articles of earlier crawls too (conditional requests).
        full: request and archive everything again, changed or not.
    """

    start_urls: list[str]
    out: str | Path
    settings: CrawlSettings = field(default_factory=CrawlSettings.load)
    allow_private: bool = False
    domains: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    any_path: bool = False
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    recheck: bool = False
    full: bool = False
    log_level: str = "INFO"


def scrapy_settings(opts: CrawlOptions, out: Path) -> dict[str, Any]:
    """The Scrapy settings of a crawl."""
    from scrapy.settings import default_settings

    s = opts.settings
    settings: dict[str, Any] = {
        "BOT_NAME": "policy-extract",
        "USER_AGENT": s.agent(),
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": s.per_host_delay,
        "AUTOTHROTTLE_ENABLED": s.autothrottle,
        "AUTOTHROTTLE_START_DELAY": s.per_host_delay,
        "AUTOTHROTTLE_MAX_DELAY": max(s.autothrottle_max_delay, s.per_host_delay),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": s.autothrottle_target_concurrency,
        "CONCURRENT_REQUESTS": s.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": s.concurrent_requests_per_host,
        "DOWNLOAD_TIMEOUT": s.download_timeout,
        "RETRY_ENABLED": s.retries > 0,
        "RETRY_TIMES": s.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "REDIRECT_MAX_TIMES": s.max_redirects,
        "DOWNLOAD_MAXSIZE": s.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DEPTH_LIMIT": 0,  # depth is counted by the spider (pagination does not count)
        "HTTPCACHE_ENABLED": s.http_cache,
        "HTTPCACHE_DIR": str((out / STATE_DIR / "httpcache").resolve()),
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_STORAGE": "scrapy.extensions.httpcache.FilesystemCacheStorage",
        "HTTPCACHE_GZIP": True,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": opts.log_level,
        "LOGSTATS_INTERVAL": 60.0,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # scope is the spider's, with reasons
            "pipeline.crawl.middlewares.Guard": 40,
            "pipeline.crawl.middlewares.RobotsStatus": 540,
            "pipeline.crawl.middlewares.RedirectLoop": 610,
            "pipeline.crawl.middlewares.Meter": 950,
        },
        "ITEM_PIPELINES": {"pipeline.crawl.pipelines.ArchivePipeline": 300},
    }
    if hasattr(default_settings, "DOWNLOAD_DELAY_JITTER"):
        settings["DOWNLOAD_DELAY_JITTER"] = 0  # the per-host delay is a floor, not an average
    else:  # pragma: no cover - Scrapy before 2.14
        settings["RANDOMIZE_DOWNLOAD_DELAY"] = False
    return {k: v for k, v in settings.items() if hasattr(default_settings, k) or k in ("HTTPCACHE_DIR",)}


def _process(cls, settings: dict):
    """A CrawlerProcess that leaves the root logger's handlers to the caller (the CLI's)."""
    from scrapy.settings import default_settings

    if hasattr(default_settings, "LOG_INSTALL_ROOT_HANDLER"):
        return cls(settings={**settings, "LOG_INSTALL_ROOT_HANDLER": False})
    return cls(settings=settings, install_root_handler=False)  # pragma: no cover - older Scrapy


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


def _recover_archived(state: CrawlState, warc: Path, out: Path) -> int:
    """Pages a killed run wrote to its WARC file (each record is on disk before its page is marked done) but did not
    live to mark done: marked done now, so the resumed run does not fetch and archive them a second time."""
    n = 0
    for uri, status, body_sha in archived_responses(warc):
        url = normalize_url(uri)
        row = state.get(url)
        if row is not None and row.state == "done" and row.archived_in:
            continue
        state.fetched(url, kind="article", status=status, etag=None, last_modified=None, body_sha256=body_sha,
                      text_sha256=None, archived_in=str(warc.relative_to(out)))
        n += 1
    return n


def _lock(out: Path):
    path = out / STATE_DIR / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        raise CrawlLocked(f"another crawl is running in {out}") from exc
    return fh


def crawl(opts: CrawlOptions) -> dict:
    """Crawl, write ``OUT/crawl-summary.json`` and return the summary. Once per process.

    Raises:
        CrawlLocked: another crawl holds the output directory.
        ValueError: no usable start URL.
        ImportError: Scrapy is not installed (the ``crawl`` extra).
    """
    try:
        from scrapy.crawler import CrawlerProcess
    except ImportError as exc:
        raise ImportError("policy-extract crawl needs Scrapy: pip install 'policy-extract[crawl]' "
                          "(scripts/setup.sh installs it)") from exc

    from .spider import CrawlContext, PolicySpider

    out = Path(opts.out)
    starts = list(dict.fromkeys(normalize_url(u) for u in opts.start_urls))
    bad = [u for u in starts if not u.startswith(("http://", "https://"))]
    if bad or not starts:
        raise ValueError(f"start URLs must be http or https: {', '.join(bad) or '(none)'}")
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)
    state = CrawlState(out / STATE_DIR / "state.sqlite")
    try:
        session, resumed, part = state.begin(starts)
        warc_dir = out / "warc"
        if resumed and warc_dir.is_dir():  # a killed run may have left half a record
            for old in sorted(warc_dir.glob(f"{session}-*.warc.gz"))[-1:]:
                cut = truncate_partial_warc(old)
                if cut:
                    log.warning("%s: removed %d bytes of an incomplete record", old, cut)
                if old.exists():
                    n = _recover_archived(state, old, out)
                    if n:
                        log.warning("%s: %d page(s) archived before the kill but not marked done: marked done now", old, n)
        archive = WarcArchive(warc_dir / f"{session}-{part:03d}.warc.gz", {
            "software": f"policy-extract/{_version('policy-extract')} (Scrapy {_version('scrapy')})",
            "format": "WARC File Format 1.0", "isPartOf": session, "description": "crawl of " + " ".join(starts),
            "robots": "obey"})
        pages = PageLog(out / "pages.ndjson")
        ctx = CrawlContext(start_urls=starts, out=out, settings=opts.settings, rules=load_rules(),
                           scope=Scope(starts, domains=opts.domains, prefixes=opts.prefixes, any_path=opts.any_path),
                           state=state, archive=archive, pages=pages, session=session, part=part, resumed=resumed,
                           allow_private=opts.allow_private, recheck=opts.recheck, full=opts.full,
                           sitemaps=opts.sitemaps, feeds=opts.feeds)
        if resumed:
            log.info("resuming crawl session %s (run %d): %d URLs on the frontier", session, part, len(state.pending()))
        process = _process(CrawlerProcess, scrapy_settings(opts, out))
        for name in ("scrapy", "twisted", "protego"):  # our handler on the root logger prints them
            logging.getLogger(name).setLevel(opts.log_level)
        process.crawl(PolicySpider, ctx=ctx)
        process.start()
        archive.close()
        pages.close()
        summary = _summary(ctx, starts)
        state.end(summary["finish_reason"], summary["finished"], summary)
        tmp = out / "crawl-summary.json.tmp"
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, out / "crawl-summary.json")
        return summary
    finally:
        state.close()
        lock.close()


def _summary(ctx, starts: list[str]) -> dict:
    t = ctx.tally
    reason = t.cap_reason or ctx.close_reason or "unknown"
    if reason == "shutdown":
        reason = "interrupted"
    pending = len(ctx.state.pending())
    finished = reason == "finished" and pending == 0
    d = {
        "session": ctx.session, "run": ctx.part, "resumed": ctx.resumed, "finish_reason": reason,
        "finished": finished, "start_urls": starts, "frontier_left": pending,
        "warc": str(ctx.archive.path.relative_to(ctx.out)) if ctx.archive.records else None,
        **t.as_dict(),
    }
    arts = t.pages.get("article", {})
    d["articles"] = {"new": arts.get("new", 0), "changed": arts.get("changed", 0),
                     "unchanged": arts.get("unchanged", 0), "seen_not_requested": len(t.skipped.get("seen", ()))}
    d["message"] = _message(d)
    return d


def _message(d: dict) -> str:
    a = d["articles"]
    skipped = ", ".join(f"{k} {v}" for k, v in d["skipped"].items() if k != "seen")
    msg = (f"{a['new']} new and {a['changed']} changed articles archived, {a['unchanged']} unchanged, "
           f"{a['seen_not_requested']} already archived and not requested; "
           f"{d['requests']['network']} requests ({d['requests']['not_modified']} not modified), "
           f"{d['bytes_downloaded']} bytes in {d['elapsed_seconds']} s")
    if skipped:
        msg += f"; skipped: {skipped}"
    if not d["finished"]:
        msg += f"; stopped ({d['finish_reason']}), {d['frontier_left']} URLs left: run the same command to continue"
    return msg
