"""Crawl stage: from a site's start URLs to a WARC file of its articles, on Scrapy.

``policy-extract crawl START_URL... --out DIR`` (or :func:`crawl`) stays within the start URLs'
hosts and folders, reads listings (and their pagination), sitemaps and RSS/Atom feeds for links,
obeys robots.txt, throttles per host, caps depth, pages and bytes, refuses private addresses like
``--urls`` does, keeps an HTTP cache, and tells articles from listings, tag and search pages and
attachments (rules: ``patterns/crawl/``). Articles go to ``DIR/warc/*.warc.gz``, which
``policy-extract run`` reads. A crawl remembers what it fetched (``DIR/.crawl/state.sqlite``): the
next one fetches only what is new or changed, and an interrupted one resumes. See
``pipeline/crawl/README.md``.
"""
from __future__ import annotations

from .runner import CrawlLocked, CrawlOptions, crawl
from .settings import CrawlSettings

__all__ = ["CrawlLocked", "CrawlOptions", "CrawlSettings", "crawl"]
