"""Crawl output: a WARC file of the archived pages and a JSON-Lines log of every fetched page.

* ``OUT/warc/<session>-<part>.warc.gz``: a ``warcinfo`` record, then for every archived page a
  ``request`` record (the request line and headers as sent) and a ``response`` record (status
  line, headers, body) tied by ``WARC-Concurrent-To``. The body is stored as Scrapy hands it
  over, already decompressed, so ``Content-Encoding``/``Transfer-Encoding`` are dropped and
  ``Content-Length`` is set to the stored length (the original values are kept as
  ``X-Crawl-Original-*`` headers). Each record is flushed to disk before the page is marked done.
  Written with warcio (gzip member per record), read back by ``policy-extract run``.
* ``OUT/pages.ndjson``: one JSON object a line for every page fetched (articles, listings,
  feeds, sitemaps): url, fetch time, status, content type, encoding, bytes, hashes, kind, what
  changed, and for archived pages the WARC file and record id. JSON Lines named ``.ndjson`` so
  that ``policy-extract run OUT`` does not take it for a ``.jsonl`` of documents.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_HOP_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcArchive:
    """One WARC file per crawl run, opened on the first record (a crawl that finds nothing new
    writes no file)."""

    def __init__(self, path: Path, info: dict[str, str]):
        self.path = path
        self.info = info
        self._fh = None
        self._writer: WARCWriter | None = None
        self.records = 0

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("ab")
            self._writer = WARCWriter(self._fh, gzip=True)
            self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, self.info))
        return self._writer

    def write(self, *, url: str, method: str, request_headers: list[tuple[str, str]], status: int, reason: str,
              response_headers: list[tuple[str, str]], body: bytes, fetched_at: float,
              ip_address: str | None = None) -> str:
        """Write a request/response pair; return the response record's ``WARC-Record-ID``."""
        w = self._open()
        date = _iso(fetched_at)
        headers = [(k, v) for k, v in response_headers if k.lower() not in _HOP_HEADERS]
        for k, v in response_headers:
            if k.lower() in ("content-encoding", "transfer-encoding"):
                headers.append((f"X-Crawl-Original-{k.title()}", v))
        headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason or 'OK'}", headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date}
        if ip_address:
            warc_headers["WARC-IP-Address"] = ip_address
        resp = w.create_warc_record(url, "response", payload=BytesIO(body), length=len(body), http_headers=http,
                                    warc_headers_dict=warc_headers)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = list(request_headers)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        req_http = StatusAndHeaders(f"{method} {target} HTTP/1.1", req_headers, is_http_request=True)
        req = w.create_warc_record(url, "request", http_headers=req_http, warc_headers_dict={"WARC-Date": date})
        w.write_request_response_pair(req, resp)
        assert self._fh is not None
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.records += 1
        return resp.rec_headers.get_header("WARC-Record-ID")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None


class PageLog:
    """``pages.ndjson``: appended, one line per fetched page, flushed per line."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = path.open("a", encoding="utf-8")

    def write(self, record: dict) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def truncate_partial_warc(path: Path) -> int:
    """Cut a WARC file left by a killed crawl back to its last complete record.

    Returns:
        the number of bytes removed (0 if the file was whole).
    """
    size = path.stat().st_size
    end = 0
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh, check_digests=False)
            for record in it:
                raw = record.raw_stream
                while raw.read(1 << 20):
                    pass
                if getattr(raw, "limit", 0) > 0:
                    break
                end = it.get_record_offset() + it.get_record_length()
    except Exception:  # noqa: BLE001 - warcio raises many kinds on a cut record; keep what was whole
        pass
    if size > end:
        with path.open("r+b") as fh:
            fh.truncate(end)
        if end == 0:
            path.unlink()
    return size - end


def archived_responses(path: Path) -> list[tuple[str, int, str]]:
    """(target URI, HTTP status, body sha256) of every response record of a (whole) WARC file."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests=False):
            if record.rec_type != "response":
                continue
            body = record.content_stream().read()
            status = int(record.http_headers.get_statuscode()) if record.http_headers else 0
            out.append((record.rec_headers.get_header("WARC-Target-URI"), status, hashlib.sha256(body).hexdigest()))
    return out
