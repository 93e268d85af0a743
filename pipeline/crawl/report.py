"""What one crawl did, counted as it goes and written to ``OUT/crawl-summary.json``.

Skip reasons (each URL counted once per crawl, with up to ``EXAMPLES`` example URLs):

=================  ==========================================================================
seen               an article archived by an earlier crawl, not listed as changed: not requested
robots             disallowed by robots.txt
robots_unavailable its host's robots.txt answered 5xx or not at all: nothing is fetched there (RFC 9309)
offsite            another host than the start URLs' (and ``--domain``)
outside_prefix     the right host, outside the start URLs' folders (and ``--prefix``)
attachment         a file (PDF, Office, image, archive...) by URL or by Content-Type
static / search / tag / ignore   URL classes of ``patterns/crawl/urls.yaml``
thin               an article URL whose page has (almost) no main text
depth              deeper than ``--max-depth`` link hops
deferred           found after a cap was reached: left on the frontier for the next crawl
too_large          body over ``--max-page-bytes``
redirect_loop      a redirect chain that comes back to a URL it passed
too_many_redirects more than ``max_redirects`` hops
blocked_address    a host on a private, loopback, link-local or reserved address (without ``--allow-private``), or a scheme that is not http(s)
http_4xx / http_5xx  an error status (5xx after the retries)
fetch_error        timeouts, refused connections, DNS errors (after the retries)
undecodable        a page whose bytes decode in no encoding
duplicate          a URL Scrapy's duplicate filter took for one already requested
failed_before      a permanent failure of an earlier crawl (the reasons from too_large to undecodable,
                   duplicate, a missing sitemap): not tried again without --recheck or --full
=================  ==========================================================================
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict

EXAMPLES = 10


class Tally:
    """Counters of one crawl run."""

    def __init__(self) -> None:
        self.started = time.time()
        self.network = 0            # requests sent over the network (robots.txt and retries included)
        self.network_pages = 0      # ... not counting robots.txt: what --max-pages caps
        self.not_modified = 0       # 304 answers to conditional requests
        self.from_cache = 0         # pages served by the HTTP cache without a request
        self.bytes = 0              # body bytes received over the network
        self.status: Counter[int] = Counter()
        self.pages: dict[str, Counter[str]] = defaultdict(Counter)  # kind -> new/changed/unchanged
        self.archived = 0
        self.skipped: dict[str, set[str]] = defaultdict(set)
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.cap_reason: str | None = None
        self.fetched_urls: list[str] = []  # every URL whose page was read (tests, debugging)

    def skip(self, reason: str, url: str) -> None:
        if url in self.skipped[reason]:
            return
        self.skipped[reason].add(url)
        if len(self.examples[reason]) < EXAMPLES:
            self.examples[reason].append(url)

    def page(self, kind: str, change: str) -> None:
        self.pages[kind][change] += 1

    def as_dict(self) -> dict:
        elapsed = max(time.time() - self.started, 1e-9)
        return {
            "requests": {"network": self.network, "network_pages": self.network_pages,
                         "not_modified": self.not_modified, "from_cache": self.from_cache,
                         "by_status": {str(k): v for k, v in sorted(self.status.items())}},
            "bytes_downloaded": self.bytes,
            "elapsed_seconds": round(elapsed, 3),
            "pages_per_second": round(self.network_pages / elapsed, 2),
            "pages": {k: dict(v) for k, v in sorted(self.pages.items())},
            "archived": self.archived,
            "skipped": {k: len(v) for k, v in sorted(self.skipped.items())},
            "skipped_examples": {k: v for k, v in sorted(self.examples.items())},
        }
