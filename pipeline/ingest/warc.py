"""WARC archives (``.warc``, ``.warc.gz``), read with warcio.

Every ``response`` record with an HTML (or plain-text) body is a document; requests,
metadata, redirects and non-text responses (images, scripts) are not documents and
are skipped. A 4xx/5xx HTML response becomes an ``E012_http_status`` error record.
A truncated or corrupt archive keeps the documents read so far and ends with one
``E010_warc`` error record for the rest.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Code
from ..models import Document, ErrorRecord, Source
from .document import file_stem
from .page import DocCount, LateRecord, PendingPage, settle
from .settings import default_settings

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def url_slug(url: str, limit: int = 60) -> str:
    """A readable, file-name-safe id stem from a URL: host and path."""
    body = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I).split("#", 1)[0]
    slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", body).strip("-")
    return slug[:limit].rstrip("-") or "url"


def charset_of(content_type: str | None) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def read_warc(path: Path, defer: bool = False) -> Iterator[Document | ErrorRecord | PendingPage | LateRecord]:
    """The documents of an archive (with ``defer``, its pages as PendingPage; see :mod:`.page`)."""
    from warcio.archiveiterator import ArchiveIterator

    cap = default_settings().max_warc_record_bytes
    stem = file_stem(path)
    try:
        fh = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield ErrorRecord(doc_id=stem, code=Code.UNREADABLE.value, reason=str(exc),
                          source=Source(kind="warc", path=str(path)))
        return
    n_docs = DocCount()
    end = 0
    record_id = None

    def broken(why: str) -> ErrorRecord | LateRecord:
        rid = record_id

        def make() -> ErrorRecord:  # the count of documents before it is known once they are settled
            return ErrorRecord(doc_id=f"{stem}:after-{n_docs.n}", code=Code.WARC.value,
                               reason=f"archive truncated or corrupt after {n_docs.n} documents: {why}",
                               source=Source(kind="warc", path=str(path), warc_record_id=rid))

        return LateRecord(make) if defer else make()

    with fh:
        records = ArchiveIterator(fh, check_digests=False)
        while True:
            record_id = None
            try:
                record = next(records)
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                item = _record(record, path, cap)
                if isinstance(item, PendingPage):
                    item.count = n_docs
                    if not defer:
                        item = settle(item)  # decoded and cleaned here, counted
                _drain(record)
                end = records.get_record_offset() + records.get_record_length()
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on broken input
                yield broken(f"{type(exc).__name__}: {exc}")
                return
            if item is not None:
                yield item
    if end == 0 and size > 0:
        yield broken("no WARC record could be read")
    elif size - end > 4:  # warcio stops quietly at a half-written record header
        yield broken(f"{size - end} bytes after the last complete record")


def _drain(record) -> None:
    """Read what is left of the record; EOFError if the archive ends inside it."""
    raw = record.raw_stream
    while raw.read(1 << 20):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise EOFError(f"record {record.rec_headers.get_header('WARC-Record-ID')} is cut short")


def _record(record, path: Path, cap: int) -> PendingPage | ErrorRecord | None:
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    status = None
    content_type = None
    if record.rec_type == "response" and record.http_headers is not None:
        status_line = record.http_headers.get_statuscode()
        status = int(status_line) if status_line and status_line.isdigit() else None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    source = Source(kind="warc", path=str(path), url=url or None, warc_record_id=record_id,
                    http_status=status, content_type=content_type)
    stem = url_slug(url) if url else file_stem(path)
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if status is not None and 300 <= status < 400:
        return None  # a redirect is not a document
    is_html = mime in _HTML_TYPES
    is_text = mime == "text/plain"
    if mime and not (is_html or is_text):
        return None  # images, scripts, style sheets: not documents
    stream = record.content_stream()
    body = stream.read(cap + 1)
    if len(body) > cap:
        return ErrorRecord(doc_id=stem, code=Code.TOO_LARGE.value, reason=f"record body over the cap of {cap} bytes",
                           source=source)
    if status is not None and status >= 400:
        return ErrorRecord(doc_id=stem, code=Code.HTTP_STATUS.value, reason=f"archived response has status {status}",
                           source=source)
    if not mime and b"<html" not in body[:2048].lower() and b"<!doctype html" not in body[:2048].lower():
        return None  # no content type and no markup: not a page
    if is_text:
        return PendingPage(body, source, stem, declared=charset_of(content_type), plain=True)
    return PendingPage(body, source, stem, declared=charset_of(content_type), url=url or None)
