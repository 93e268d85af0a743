"""Bytes of a page (from a file, a WARC record or an HTTP response) to a Document or an ErrorRecord."""
from __future__ import annotations

import logging

from ..errors import Code
from ..models import Document, ErrorRecord, Source
from .document import content_hash, make_doc, sniff_binary

log = logging.getLogger(__name__)


def html_document(data: bytes, source: Source, id_stem: str, *, declared: str | None = None,
                  url: str | None = None) -> Document | ErrorRecord:
    """Decode, clean and wrap one HTML page.

    Args:
        data: the raw bytes of the page.
        source: provenance; ``encoding`` and ``content_hash`` are filled in here.
        id_stem: the readable part of the doc id (file stem or URL slug); the content hash is appended.
        declared: a charset declared outside the bytes (HTTP header), checked against them.
        url: the page URL, if known (a date in it is the last resort for ``published``).
    """
    from ..clean import clean_html
    from ..clean.encoding import decode

    if not data.strip():
        return ErrorRecord(doc_id=id_stem, code=Code.EMPTY.value, reason="empty page", source=source)
    binary = sniff_binary(data)
    if binary:
        return ErrorRecord(doc_id=id_stem, code=Code.BINARY.value, reason=binary, source=source)
    html, encoding = decode(data, declared)
    source.encoding = encoding
    if html is None:
        return ErrorRecord(doc_id=id_stem, code=Code.DECODE.value,
                           reason="bytes decode cleanly in no encoding (declared, sniffed or detected)",
                           source=source)
    try:
        page = clean_html(html, url=url)
    except RecursionError as exc:  # nesting deeper than Python's stack
        return ErrorRecord(doc_id=id_stem, code=Code.NO_MAIN_TEXT.value,
                           reason=f"page could not be parsed: {type(exc).__name__}", source=source)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
        log.exception("cleaning failed for %s", id_stem)
        return ErrorRecord(doc_id=id_stem, code=Code.INTERNAL.value,
                           reason=f"cleaning failed: {type(exc).__name__}: {exc}", source=source)
    if not page.text.strip():
        return ErrorRecord(doc_id=id_stem, code=Code.NO_MAIN_TEXT.value,
                           reason="no main text left after removing boilerplate", source=source)
    doc_id = f"{id_stem}-{content_hash(page.text)[:12]}"
    return make_doc(doc_id, page.text, None, source, title=page.title, published=page.published)


def text_document(data: bytes, source: Source, id_stem: str, *, declared: str | None = None) -> Document | ErrorRecord:
    """A ``text/plain`` body: decoded (``declared`` checked against the bytes), not cleaned."""
    from ..clean.encoding import decode

    text, encoding = decode(data, declared, sniff=False)
    source.encoding = encoding
    if text is None:
        return ErrorRecord(doc_id=id_stem, code=Code.DECODE.value, reason="body decodes in no encoding", source=source)
    return make_doc(f"{id_stem}-{content_hash(text)[:12]}", text, None, source)
