"""Local files: ``.jsonl`` (one clean-text document per line) and ``.txt`` (one document)."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import Code
from ..models import Document, ErrorRecord, Source

MAX_TEXT_CHARS = 20_000_000  # a single document larger than this is refused (E004)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_doc_id(path: Path, text: str) -> str:
    """A stable id from the file name and the content hash."""
    return f"{path.stem}-{content_hash(text)[:12]}"


def iter_path(path: Path) -> Iterator[Document | ErrorRecord]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if _reader_for(child) is not None:
                yield from iter_path(child)
        return
    reader = _reader_for(path)
    if reader is None:
        yield ErrorRecord(doc_id=path.name, code=Code.UNREADABLE.value,
                          reason=f"unsupported input type: {path.suffix or 'no extension'}",
                          source=Source(kind="text", path=str(path)))
        return
    yield from reader(path)


def _reader_for(path: Path):
    name = path.name.lower()
    if name.endswith(".jsonl"):
        return read_jsonl
    if name.endswith(".txt"):
        return read_txt
    return None


def _doc(doc_id: str, text: str, lang: str | None, source: Source, **meta) -> Document | ErrorRecord:
    from ..lang import detect_lang  # local import: keeps ingest importable on its own

    if not text.strip():
        return ErrorRecord(doc_id=doc_id, code=Code.EMPTY.value, reason="document has no text", source=source)
    if len(text) > MAX_TEXT_CHARS:
        return ErrorRecord(doc_id=doc_id, code=Code.TOO_LARGE.value,
                           reason=f"text has {len(text)} characters, over the cap of {MAX_TEXT_CHARS}", source=source)
    if _looks_binary(text):
        return ErrorRecord(doc_id=doc_id, code=Code.BINARY.value, reason="text is mostly control characters", source=source)
    source.content_hash = content_hash(text)
    if lang not in ("zh", "en", "mixed"):
        lang = detect_lang(text)
    return Document(doc_id=doc_id, text=text, lang=lang, source=source,
                    title=meta.get("title"), published=meta.get("published"))


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad > max(8, len(sample) // 10)


def read_txt(path: Path) -> Iterator[Document | ErrorRecord]:
    source = Source(kind="text", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ErrorRecord(doc_id=path.stem, code=Code.UNREADABLE.value, reason=str(exc), source=source)
        return
    text, encoding = decode_bytes(data)
    source.encoding = encoding
    if text is None:
        yield ErrorRecord(doc_id=path.stem, code=Code.DECODE.value, reason="bytes are not text in any known encoding",
                          source=source)
        return
    yield _doc(file_doc_id(path, text), text, None, source)


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode plain-text bytes: BOM, UTF-8, then GB18030, then a detector."""
    try:
        from ..clean.encoding import decode  # the cleaning stage owns encoding detection
    except ImportError:  # pragma: no cover - during bootstrap
        decode = None
    if decode is not None:
        return decode(data)
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
            yield _doc(doc_id, text, rec.get("lang"), source, title=rec.get("title"),
                       published=str(published) if published else None)
