"""Plan: what the inputs are, how they are cut into chunks, and which items need no extraction.

Ingest reads the inputs in the parent process, one input after another (:func:`iter_items`;
with two workers or more, HTML pages are decoded and cleaned in helper processes, :mod:`.pages`,
and come back in order). The item stream is cut into *chunks* of consecutive items
(``chunk_size`` items or ``chunk_chars`` characters of text) whose cut points and digests depend
only on the input (:func:`iter_chunks`), so a rerun finds the same chunks and the journal
(:mod:`.journal`) can tell which are already done. On the way, :class:`DedupIndex` (an on-disk
SQLite file, flat memory) settles the items that are not extracted: an id seen before
(``E016_duplicate_id``), a text seen before under a new id (a ``U`` record, filled in at
assembly from the first copy), ingest errors.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Code
from ..ingest import iter_documents
from ..ingest.document import content_hash
from ..models import Document, ErrorRecord, Source
from .options import STATE_FORMAT, RunOptions
from .pages import PagePool
from .records import Rec, describe_exception, safe_json

log = logging.getLogger(__name__)


def _where(source: Source, seq: int) -> str:
    """Where an input item came from, for messages: ``path:line``, the URL, the path or its position."""
    if source.path and source.line:
        return f"{source.path}:{source.line}"
    return source.url or source.path or f"input item {seq + 1}"


class DedupIndex:
    """On-disk index of the ids and texts seen in this run (rebuilt by every run, flat memory).

    Tables: ``ids`` (doc_id -> first place seen), ``content`` (hash of text + lang + dateline
    -> first document with it), ``chunks`` (the chunk list with digests, for assembly) and
    ``results`` (the outputs of first copies that have duplicates, filled during assembly).
    """

    def __init__(self, path: Path):
        for p in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-8000;
            CREATE TABLE ids (doc_id TEXT PRIMARY KEY, content_hash TEXT, place TEXT) WITHOUT ROWID;
            CREATE TABLE content (key TEXT PRIMARY KEY, seq INTEGER, doc_id TEXT, has_dups INTEGER NOT NULL DEFAULT 0)
                WITHOUT ROWID;
            CREATE INDEX content_dups ON content(seq) WHERE has_dups = 1;
            CREATE TABLE chunks (ci INTEGER PRIMARY KEY, start INTEGER, n INTEGER, digest TEXT);
            CREATE TABLE results (seq INTEGER PRIMARY KEY, kind TEXT, doc_id TEXT, payload TEXT);
        """)
        self.db.execute("BEGIN")

    def classify(self, seq: int, doc: Document) -> tuple[str, str, str] | None:
        """None for a document to extract, else the fixed record ``(kind, extra, json)``."""
        ch = doc.source.content_hash
        row = self.db.execute("SELECT content_hash, place FROM ids WHERE doc_id = ?", (doc.doc_id,)).fetchone()
        if row is not None:
            same = row[0] == ch
            reason = (f"exact repeat of the document at {row[1]} (same id, same text)" if same
                      else f"id {doc.doc_id!r} is already used by the document at {row[1]}, with other text")
            err = ErrorRecord(doc_id=doc.doc_id, code=Code.DUPLICATE_ID.value, reason=reason, source=doc.source)
            return ("E", err.code, safe_json(err))
        self.db.execute("INSERT INTO ids VALUES (?, ?, ?)", (doc.doc_id, ch, _where(doc.source, seq)))
        key = hashlib.sha256(f"{ch}\0{doc.lang}\0{doc.published or ''}".encode()).hexdigest()
        row = self.db.execute("SELECT seq FROM content WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self.db.execute("UPDATE content SET has_dups = 1 WHERE key = ?", (key,))
            return ("U", str(row[0]), doc.model_dump_json())
        self.db.execute("INSERT INTO content VALUES (?, ?, ?, 0)", (key, seq, doc.doc_id))
        return None

    def add_chunk(self, chunk: Chunk) -> None:
        self.db.execute("INSERT INTO chunks VALUES (?, ?, ?, ?)", (chunk.index, chunk.start, chunk.n, chunk.digest))

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def iter_chunks(self) -> Iterator[tuple[int, int, int, str]]:
        cur = self.db.cursor()  # a separate cursor: results are written while this one is read
        yield from cur.execute("SELECT ci, start, n, digest FROM chunks ORDER BY ci")

    def originals_with_dups(self, start: int, stop: int) -> set[int]:
        return {r[0] for r in self.db.execute(
            "SELECT seq FROM content WHERE has_dups = 1 AND seq >= ? AND seq < ?", (start, stop))}

    def save_result(self, seq: int, kind: str, doc_id: str | None, payload: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", (seq, kind, doc_id, payload))

    def result(self, seq: int) -> tuple[str, str | None, str]:
        row = self.db.execute("SELECT kind, doc_id, payload FROM results WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            raise RuntimeError(f"no result recorded for the first copy at input item {seq + 1}")
        return row

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("COMMIT")
        self.db.close()


@dataclass
class Chunk:
    """Consecutive input items ``start .. start+n-1``: documents to extract and fixed records."""

    index: int
    start: int
    n: int
    digest: str
    todo: list[tuple[int, str]]
    fixed: list[Rec]


def iter_items(opts: RunOptions, pages: PagePool | None = None) -> Iterator[Document | ErrorRecord]:
    """Ingest ``opts.inputs`` (then ``--urls``) one input at a time.

    With ``pages``, HTML pages are decoded and cleaned in its processes (:mod:`.pages`) instead of
    here; the items and their order are the same. Ingest must not raise; should it do so anyway,
    the failure becomes one ``E099_internal`` record for that input and the run goes on with the
    next input.
    """
    def guarded(it: Iterable[Any], what: str) -> Iterator[Any]:
        n = 0
        try:
            for item in it:
                n += 1
                yield item
        except Exception as exc:  # noqa: BLE001
            log.error("ingest of %s failed after %d items", what, n, exc_info=True)
            yield ErrorRecord(doc_id=None, code=Code.INTERNAL.value,
                              reason=f"ingest of {what} failed after {n} items: {describe_exception(exc)}",
                              source=Source(kind="text", path=what))

    def items() -> Iterator[Any]:
        for inp in opts.inputs:
            yield from guarded(iter_documents([inp], defer_pages=pages is not None), str(inp))
        if opts.urls_file is not None:
            yield from guarded(iter_documents([], urls_file=opts.urls_file, allow_private=opts.allow_private,
                                              cache_dir=opts.cache_dir), str(opts.urls_file))

    return items() if pages is None else pages.resolve_in_order(items())


def iter_chunks(items: Iterable[Any], index: DedupIndex, size: int, max_chars: int) -> Iterator[Chunk]:
    """Cut the item stream into chunks; the cut points depend only on the input."""
    ci = 0
    todo: list[tuple[int, str]] = []
    fixed: list[Rec] = []
    h = hashlib.sha256()
    start = n = chars = 0
    seq = -1
    for seq, item in enumerate(items):
        if n == 0:
            start, h = seq, hashlib.sha256(f"{STATE_FORMAT}|{ci}|{seq}\n".encode())
        rec: tuple[str, str, str] | None
        if isinstance(item, Document):
            if not item.source.content_hash:
                item.source.content_hash = content_hash(item.text)
            try:
                js = item.model_dump_json()
            except Exception:  # noqa: BLE001 - unpaired surrogates: not valid Unicode text
                err = ErrorRecord(doc_id=item.doc_id, code=Code.DECODE.value,
                                  reason="text contains unpaired surrogate code points (not valid Unicode)",
                                  source=item.source)
                rec = ("E", err.code, safe_json(err))
            else:
                rec = index.classify(seq, item)
                if rec is None:
                    todo.append((seq, js))
                    h.update(b"P\t" + js.encode() + b"\n")
                    chars += len(item.text)
        elif isinstance(item, ErrorRecord):
            rec = ("E", item.code, safe_json(item))
        else:
            err = ErrorRecord(code=Code.INTERNAL.value, reason=f"ingest yielded a {type(item).__name__}")
            rec = ("E", err.code, safe_json(err))
        if rec is not None:
            fixed.append((seq, *rec))
            h.update(f"{rec[0]}\t{rec[1]}\t".encode() + rec[2].encode() + b"\n")
        n += 1
        if n >= size or chars >= max_chars:
            yield Chunk(ci, start, n, h.hexdigest(), todo, fixed)
            ci, todo, fixed, n, chars = ci + 1, [], [], 0, 0
    if n:
        yield Chunk(ci, start, n, h.hexdigest(), todo, fixed)
