"""What every reader shares: a Document (or an ErrorRecord) from text, ids and content hashes, binary sniffing.

The readers (:mod:`.files` for local files, :mod:`.html` for page bytes, :mod:`.warc` for
archives, :mod:`.urls` for fetched pages) import these helpers; this module imports none of them.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import Code
from ..models import Document, ErrorRecord, Source

__all__ = ["MAX_TEXT_CHARS", "content_hash", "file_doc_id", "file_stem", "make_doc", "sniff_binary"]

MAX_TEXT_CHARS = 20_000_000  # a single document larger than this is refused (E004)

# Leading bytes of formats that are not text (a PDF or an image saved as .html).
_MAGIC = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or Office document)"),
          (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"\xd0\xcf\x11\xe0", "an OLE (old Office) file"),
          (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"\x7fELF", "an executable"))
_STEM_SUFFIX = re.compile(r"(\.(html?|xhtml|shtml|txt|jsonl|warc))?(\.gz)?$", re.I)
# Control characters other than the whitespace ones (\t \n \v \f \r), and U+FFFD (a decoding failure).
_BAD_CHAR = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def content_hash(text: str) -> str:
    """sha256 of the text as UTF-8 (unpaired surrogates passed through), hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_stem(path: Path) -> str:
    """The file name without its input suffixes: ``a.html.gz`` -> ``a``."""
    return _STEM_SUFFIX.sub("", path.name) or path.name


def file_doc_id(path: Path, text: str) -> str:
    """A stable id from the file name and the content hash."""
    return f"{file_stem(path)}-{content_hash(text)[:12]}"


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (a known binary signature, NUL bytes), or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"content is {what}"
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        if head.count(b"\x00") > len(head) // 100 + 1:
            return "content has NUL bytes: binary data"
    return None


def make_doc(doc_id: str, text: str, lang: str | None, source: Source, **meta) -> Document | ErrorRecord:
    """The Document of a text, or the ErrorRecord that says why it is not one (empty, too large, binary).

    Fills ``source.content_hash``; detects the language unless ``lang`` is ``zh``, ``en`` or ``mixed``.
    ``meta`` may hold ``title`` and ``published``.
    """
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
    return len(_BAD_CHAR.findall(sample)) > max(8, len(sample) // 10)
