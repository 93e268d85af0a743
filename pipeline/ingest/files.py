"""Local files: ``.jsonl`` (one clean-text document per line), ``.txt`` (one document), ``.html``/
``.htm`` (also gzipped) and ``.warc``/``.warc.gz`` archives (see :mod:`.warc`).

:func:`iter_path` is the dispatcher: it picks the reader by file name. It depends on the readers
(:mod:`.html`, :mod:`.warc`); they depend only on :mod:`.document`, never on this module.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import Code
from ..models import Document, ErrorRecord, Source
from .document import MAX_TEXT_CHARS, file_doc_id, file_stem, make_doc, sniff_binary
from .page import LateRecord, PendingPage
from .warc import read_warc

_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml", ".shtml")


def iter_path(path: Path, defer: bool = False) -> Iterator[Document | ErrorRecord | PendingPage | LateRecord]:
    """The items of a file, or of every readable file under a directory (sorted by path).

    With ``defer``, HTML pages (files and archive records) come as :class:`~.page.PendingPage`
    (see :mod:`.page`).
    """
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if _reader_for(child) is not None:
                yield from iter_path(child, defer)
        return
    reader = _reader_for(path)
    if reader is None:
        yield ErrorRecord(doc_id=path.name, code=Code.UNREADABLE.value,
                          reason=f"unsupported input type: {path.suffix or 'no extension'}",
                          source=Source(kind="text", path=str(path)))
        return
    yield from (reader(path, defer=True) if defer and reader in _DEFERRING else reader(path))


def _reader_for(path: Path):
    name = path.name.lower()
    if name.endswith(".jsonl"):
        return read_jsonl
    if name.endswith(".txt"):
        return read_txt
    if name.endswith(_HTML_SUFFIXES):
        return read_html
    if name.endswith((".warc", ".warc.gz")):
        return read_warc
    return None


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of ``path`` (decompressed if it ends in ``.gz``); OverflowError past ``cap`` bytes."""
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            data = fh.read(cap + 1)
    else:
        if path.stat().st_size > cap:
            raise OverflowError(f"{path.stat().st_size} bytes")
        data = path.read_bytes()
    if len(data) > cap:
        raise OverflowError(f"more than {cap} bytes")
    return data


def read_html(path: Path, defer: bool = False) -> Iterator[Document | ErrorRecord | PendingPage]:
    """One HTML page (``.html``, ``.htm``, or gzipped) -> one Document or ErrorRecord (or, with ``defer``,
    a PendingPage for a file that could be read)."""
    from .settings import default_settings

    source = Source(kind="html", path=str(path))
    stem = file_stem(path)
    cap = default_settings().max_file_bytes
    try:
        data = read_capped(path, cap)
    except OverflowError as exc:
        yield ErrorRecord(doc_id=stem, code=Code.TOO_LARGE.value, reason=f"file is over the cap of {cap} bytes: {exc}",
                          source=source)
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield ErrorRecord(doc_id=stem, code=Code.UNREADABLE.value, reason=f"{type(exc).__name__}: {exc}",
                          source=source)
        return
    page = PendingPage(data, source, stem)
    yield page if defer else page.resolve()


def read_txt(path: Path) -> Iterator[Document | ErrorRecord]:
    from .settings import default_settings

    source = Source(kind="text", path=str(path))
    cap = default_settings().max_file_bytes
    try:
        data = read_capped(path, cap)
    except OverflowError as exc:
        yield ErrorRecord(doc_id=path.stem, code=Code.TOO_LARGE.value, reason=f"file is over the cap: {exc}",
                          source=source)
        return
    except OSError as exc:
        yield ErrorRecord(doc_id=path.stem, code=Code.UNREADABLE.value, reason=str(exc), source=source)
        return
    binary = sniff_binary(data)
    if binary:
        yield ErrorRecord(doc_id=path.stem, code=Code.BINARY.value, reason=binary, source=source)
        return
    text, encoding = decode_bytes(data)
    source.encoding = encoding
    if text is None:
        yield ErrorRecord(doc_id=path.stem, code=Code.DECODE.value, reason="bytes are not text in any known encoding",
                          source=source)
        return
    yield make_doc(file_doc_id(path, text), text, None, source)


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode plain-text bytes: BOM, UTF-8, then GB18030, then a detector."""
    try:
        from ..clean.encoding import decode  # the cleaning stage owns encoding detection
    except ImportError:  # pragma: no cover - during bootstrap
        decode = None
    if decode is not None:
        return decode(data, sniff=False)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None, None


def read_jsonl(path: Path) -> Iterator[Document | ErrorRecord]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ErrorRecord(doc_id=path.stem, code=Code.UNREADABLE.value, reason=str(exc),
                          source=Source(kind="jsonl", path=str(path)))
        return
    with fh:
        for n, raw in enumerate(fh, 1):
            source = Source(kind="jsonl", path=str(path), line=n)
            if not raw.strip():
                continue
            fallback_id = f"{path.stem}:{n}"
            if len(raw) > MAX_TEXT_CHARS * 4:
                yield ErrorRecord(doc_id=fallback_id, code=Code.TOO_LARGE.value,
                                  reason=f"line has {len(raw)} bytes, over the cap", source=source)
                continue
            try:
                rec = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield ErrorRecord(doc_id=fallback_id, code=Code.BAD_JSON.value, reason=f"not JSON: {exc}", source=source)
                continue
            if not isinstance(rec, dict):
                yield ErrorRecord(doc_id=fallback_id, code=Code.BAD_JSON.value, reason="line is not a JSON object",
                                  source=source)
                continue
            doc_id = rec.get("id", rec.get("doc_id"))
            if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
                yield ErrorRecord(doc_id=fallback_id, code=Code.MISSING_ID.value, reason="record has no id",
                                  source=source)
                continue
            doc_id = str(doc_id)
            text = rec.get("text")
            if not isinstance(text, str):
                yield ErrorRecord(doc_id=doc_id, code=Code.MISSING_TEXT.value, reason="record has no text string",
                                  source=source)
                continue
            if rec.get("url"):
                source.url = str(rec["url"])
            published = rec.get("published")
            yield make_doc(doc_id, text, rec.get("lang"), source, title=rec.get("title"),
                       published=str(published) if published else None)


_DEFERRING = (read_html, read_warc)  # the readers that take ``defer``
