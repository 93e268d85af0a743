"""Scrapy item pipeline: an article page the spider hands over is written to the WARC file, logged
in ``pages.ndjson`` and only then marked done in the crawl state (so a crash never loses a page)."""
from __future__ import annotations

from .spider import _headers, fetch_time, reason_phrase


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        spider = self.crawler.spider
        ctx = spider.ctx
        response = item["pe_response"]
        fetched_at = fetch_time(response)
        ip = getattr(response, "ip_address", None)
        record_id = ctx.archive.write(
            url=response.url, method=response.request.method, request_headers=_headers(response.request.headers),
            status=response.status, reason=reason_phrase(response.status),
            response_headers=_headers(response.headers), body=response.body, fetched_at=fetched_at,
            ip_address=str(ip) if ip else None)
        warc = str(ctx.archive.path.relative_to(ctx.out))
        spider._done(response, item["pe_urls"], "article", item["pe_body_sha"], item["pe_text_sha"], archived_in=warc)
        ctx.tally.archived += 1
        ctx.tally.page("article", item["pe_change"])
        spider._log_page(response, "article", item["pe_change"], item["pe_encoding"], warc=warc,
                         warc_record_id=record_id, text_sha256=item["pe_text_sha"])
        return {"url": response.url, "change": item["pe_change"], "warc_record_id": record_id}
