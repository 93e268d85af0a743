"""The batch run: ingest -> extract -> link -> ``documents.jsonl``, ``errors.jsonl``, ``duplicates.jsonl``.

Archive-scale properties (see ``outputs/README.md`` for the layout):

* **Streaming.** Ingest runs in this (the parent) process and is cut into *chunks* of
  consecutive input items (``chunk_size`` items or ``chunk_chars`` characters of text). At most
  ``2 x workers`` chunks are in flight; nothing else is held in memory. The id and content-hash
  index used for duplicate detection lives in an on-disk SQLite file, so memory stays flat
  however large the archive.
* **Parallel.** ``workers`` processes (``engine="local"``) or a Dask cluster (``engine="dask"``,
  :mod:`pipeline.distributed`) extract the chunks. Each worker resolves the per-document
  function and warms the extractor up once.
* **Nothing lost.** Every input item ends as exactly one line of ``documents.jsonl`` or
  ``errors.jsonl`` (with a :class:`~pipeline.errors.Code`); the commit of every chunk checks
  that its sequence numbers are complete. A worker process that dies on a document is replaced
  and the document is retried once on its own; if it kills a worker again it becomes an
  ``E099_internal`` record. A document that runs past ``doc_timeout`` becomes ``E020_extract``.
* **Resumable.** Each finished chunk is committed as ``DIR/.state/segments/<chunk>.seg``
  (written, flushed, fsync'd, renamed). A segment's header holds a digest of the chunk's exact
  input, so a rerun of the same command skips every committed chunk whose input is unchanged
  and recomputes the others. The final files are assembled from the segments in input order
  and renamed into place atomically, so ``--workers 1``, ``--workers 2`` and the Dask engine
  write byte-identical outputs, and an interrupted-then-resumed run writes the same bytes as
  an uninterrupted one. ``.state/manifest.json`` records the options and a fingerprint of the
  extractor's code and patterns: if they changed, the run starts over instead of mixing versions.
* **Duplicates.** Within one run, a document whose ``doc_id`` was already seen becomes an
  ``E016_duplicate_id`` record (both for an exact repeat and for other text under the same
  id). A document with a new id but the same text, language and dateline as an earlier one
  (same ``content_hash``) is not extracted again: it gets its own line in ``documents.jsonl``
  with the first copy's figures (or an error record if the first copy failed), and a line
  ``{"doc_id", "duplicate_of", "content_hash"}`` in ``duplicates.jsonl``.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import json
import logging
import os
import shutil
import signal
import sqlite3
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Code, DropDocument
from .export import atomic_open, fsync_dir, write_json
from .models import Document, ErrorRecord, Figure, Source
from .progress import Progress

log = logging.getLogger(__name__)

DEFAULT_PROCESSOR = "pipeline.runner:process_document"
STATE_FORMAT = 1
OUTPUT_FILES = ("documents.jsonl", "errors.jsonl", "duplicates.jsonl", "summary.json")

# A result record travels as (seq, kind, extra, json):
#   kind "D" a documents.jsonl line, extra = number of figures
#   kind "E" an errors.jsonl line, extra = error code
#   kind "U" a document with the same text as the document at seq int(extra); filled in at assembly
Rec = tuple[int, str, str, str]


def deliver(tasks: dict, task_id: int, recs: list[Rec], done: list[tuple[int, list[Rec]]]) -> None:
    """Add a task's result records; a task whose records are all in moves to ``done`` (pool and Dask engines)."""
    t = tasks[task_id]
    t["out"].extend(recs)
    t["left"] -= len(recs)
    if t["left"] <= 0:
        del tasks[task_id]
        done.append((task_id, t["out"]))


@dataclass
class RunOptions:
    """Options of one batch run (the CLI maps its flags onto these).

    ``workers=0`` runs extraction inline in this process (no crash isolation; for tests and
    debugging). ``processor`` is the per-document function as ``module:function`` with the
    signature of :func:`process_document`.
    """

    inputs: list[str] = field(default_factory=list)
    out: str = "outputs"
    urls_file: str | None = None
    allow_private: bool = False
    cache_dir: str | None = None
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    link: bool = True
    progress: bool = True
    chunk_size: int = 200
    chunk_chars: int = 4_000_000
    doc_timeout: float | None = 300.0
    processor: str = DEFAULT_PROCESSOR
    keep_state: bool = False
    log_every: float = 10.0
    start_method: str = "spawn"


# --------------------------------------------------------------------------------------------
# per document (runs in the workers)
# --------------------------------------------------------------------------------------------

def process_document(doc: Document, link: bool = True) -> Document | ErrorRecord:
    """Extract (and link) the figures of one document; an exception becomes an error record."""
    from .api import analyse_document

    try:
        doc = analyse_document(doc, link=link)
        figures = list(doc.figures)
        for f in figures:
            if not isinstance(f, Figure):
                raise TypeError(f"extract_figures returned {type(f).__name__}, not Figure")
            if f.end > len(doc.text) or doc.text[f.start:f.end] != f.text:
                raise ValueError(f"figure {f.text!r} does not point into the text at {f.start}:{f.end}")
        return doc.model_copy(update={"figures": figures})
    except DropDocument as exc:
        return ErrorRecord(doc_id=doc.doc_id, code=exc.code.value, reason=exc.reason, source=doc.source)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        log.debug("extraction failed for %s", doc.doc_id, exc_info=True)
        return ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=describe_exception(exc),
                           source=doc.source)


def describe_exception(exc: BaseException) -> str:
    """``Type: message (file.py:123 in func)``: the reason of an error record, with the innermost frame."""
    where = ""
    tb = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else None
    if tb:
        fr = tb[-1]
        where = f" ({Path(fr.filename).name}:{fr.lineno} in {fr.name})"
    msg = str(exc)
    if len(msg) > 500:
        msg = msg[:500] + "..."
    return f"{type(exc).__name__}: {msg}{where}"


_PROCESSORS: dict[str, Callable[..., Any]] = {}
_WARM_TEXTS = (("zh", "2024年全省研发投入增长12.5%，达到1.2亿元。"),
               ("en", "R&D spending rose 12.5% to $120 million in 2024."))


def resolve_processor(spec: str) -> Callable[..., Any]:
    """Import ``module:function``."""
    mod_name, _, attr = spec.partition(":")
    if not mod_name or not attr:
        raise ValueError(f"processor must be 'module:function', got {spec!r}")
    fn = getattr(importlib.import_module(mod_name), attr)
    if not callable(fn):
        raise TypeError(f"processor {spec!r} is not callable")
    return fn


def init_worker(spec: str) -> Callable[..., Any]:
    """Resolve the processor and warm the extractor up, once per process (patterns, models)."""
    fn = _PROCESSORS.get(spec)
    if fn is None:
        fn = resolve_processor(spec)
        for lang, text in _WARM_TEXTS:
            try:
                fn(Document(doc_id="warm-up", lang=lang, text=text), link=True)
            except Exception:  # noqa: BLE001 - a broken extractor shows up per document instead
                log.debug("warm-up of %s failed", spec, exc_info=True)
        _PROCESSORS[spec] = fn
    return fn


def process_one(fn: Callable[..., Any], seq: int, doc_json: str, link: bool) -> Rec:
    """Run the processor on one serialised document; always returns a record."""
    try:
        doc = Document.model_validate_json(doc_json)
    except Exception as exc:  # noqa: BLE001
        return _err_rec(seq, ErrorRecord(code=Code.INTERNAL.value, reason=f"cannot decode document: {exc}"))
    try:
        res = fn(doc, link=link)
    except DropDocument as exc:
        res = ErrorRecord(doc_id=doc.doc_id, code=exc.code.value, reason=exc.reason, source=doc.source)
    except Exception as exc:  # noqa: BLE001
        res = ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=describe_exception(exc),
                          source=doc.source)
    if isinstance(res, Document):
        try:
            return (seq, "D", str(len(res.figures)), res.model_dump_json())
        except Exception as exc:  # noqa: BLE001 - e.g. a figure that cannot be serialised
            res = ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value,
                              reason=f"result cannot be serialised: {describe_exception(exc)}", source=doc.source)
    if not isinstance(res, ErrorRecord):
        res = ErrorRecord(doc_id=doc.doc_id, code=Code.INTERNAL.value,
                          reason=f"processor returned {type(res).__name__}, not Document or ErrorRecord",
                          source=doc.source)
    return _err_rec(seq, res)


def process_batch(docs: list[tuple[int, str]], processor: str = DEFAULT_PROCESSOR, link: bool = True) -> list[Rec]:
    """Process a list of ``(seq, document JSON)``; the unit of work of every engine."""
    fn = init_worker(processor)
    return [process_one(fn, seq, js, link) for seq, js in docs]


def _err_rec(seq: int, err: ErrorRecord) -> Rec:
    return (seq, "E", err.code, safe_json(err))


def safe_json(model: Any) -> str:
    """``model_dump_json``, replacing unpaired surrogates (invalid in UTF-8) with U+FFFD when needed."""
    try:
        return model.model_dump_json()
    except Exception:  # noqa: BLE001 - PydanticSerializationError on lone surrogates
        return json.dumps(_scrub(model.model_dump(mode="python")), ensure_ascii=False, separators=(",", ":"))


def _scrub(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, dict):
        return {k: _scrub(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_scrub(v) for v in obj]
    return obj


# --------------------------------------------------------------------------------------------
# the parent side: ingest -> chunks
# --------------------------------------------------------------------------------------------

def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _where(source: Source, seq: int) -> str:
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


def iter_items(opts: RunOptions) -> Iterator[Document | ErrorRecord]:
    """Ingest ``opts.inputs`` (then ``--urls``) one input at a time.

    Ingest must not raise; should it do so anyway, the failure becomes one ``E099_internal``
    record for that input and the run goes on with the next input.
    """
    from .ingest import iter_documents

    def guarded(it: Iterable[Document | ErrorRecord], what: str) -> Iterator[Document | ErrorRecord]:
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

    for inp in opts.inputs:
        yield from guarded(iter_documents([inp]), str(inp))
    if opts.urls_file is not None:
        yield from guarded(iter_documents([], urls_file=opts.urls_file, allow_private=opts.allow_private,
                                          cache_dir=opts.cache_dir), str(opts.urls_file))


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


# --------------------------------------------------------------------------------------------
# the run directory's state: lock, manifest, committed segments
# --------------------------------------------------------------------------------------------

class RunLocked(RuntimeError):
    """Another process is running on the same output directory."""


class RunState:
    """``DIR/.state``: ``lock``, ``manifest.json``, ``index.sqlite``, ``segments/``, ``complete.json``."""

    def __init__(self, out: Path, manifest: dict[str, Any]):
        self.out = out
        self.dir = out / ".state"
        self.seg_dir = self.dir / "segments"
        self.manifest = manifest
        self._lock: Any = None

    def __enter__(self) -> RunState:
        self.seg_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "a+")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise RunLocked(f"another run is writing {self.out} (lock {self.dir / 'lock'})") from None
        self._remove_temp_files()
        old = self._read_json(self.dir / "manifest.json")
        if old != self.manifest:
            if old is not None:
                changed = sorted(k for k in set(old) | set(self.manifest) if old.get(k) != self.manifest.get(k))
                log.warning("%s changed since the last run in %s: starting over",
                            "the extractor's code or patterns" if changed == ["code"] else
                            "options (" + ", ".join(changed) + ")", self.out)
            self.wipe()
            write_json(self.dir / "manifest.json", self.manifest)
        return self

    def _remove_temp_files(self) -> None:
        """Temporary files of an interrupted run (``atomic_open`` names them ``.NAME.PID.tmp``)."""
        ours = {f".{name}." for name in OUTPUT_FILES}
        for p in list(self.seg_dir.glob(".*.tmp")) + list(self.out.glob(".*.tmp")):
            if p.parent == self.seg_dir or any(p.name.startswith(o) for o in ours):
                p.unlink(missing_ok=True)

    def __exit__(self, *exc: Any) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()

    @staticmethod
    def _read_json(path: Path) -> Any:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def wipe(self) -> None:
        shutil.rmtree(self.seg_dir, ignore_errors=True)
        self.seg_dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "complete.json").unlink(missing_ok=True)

    def completed(self) -> dict[str, Any] | None:
        """The record of a finished run whose segments were pruned, if any."""
        info = self._read_json(self.dir / "complete.json")
        if isinstance(info, dict) and info.get("pruned"):
            return info
        return None

    def seg_path(self, ci: int) -> Path:
        return self.seg_dir / f"{ci:08d}.seg"

    def header(self, ci: int) -> dict[str, Any] | None:
        try:
            with self.seg_path(ci).open("r", encoding="utf-8") as fh:
                first = fh.readline()
        except FileNotFoundError:
            return None
        if not first.startswith("#"):
            return None
        try:
            return json.loads(first[1:])
        except ValueError:
            return None

    def committed(self, chunk: Chunk) -> dict[str, Any] | None:
        hd = self.header(chunk.index)
        if hd and hd.get("digest") == chunk.digest and hd.get("n") == chunk.n and hd.get("start") == chunk.start:
            return hd
        return None

    def commit(self, chunk: Chunk, results: list[Rec]) -> dict[str, Any]:
        """Write the chunk's segment atomically; check that every item of the chunk has one record."""
        recs = sorted(chunk.fixed + list(results), key=lambda r: r[0])
        seqs = [r[0] for r in recs]
        if seqs != list(range(chunk.start, chunk.start + chunk.n)):
            raise RuntimeError(f"chunk {chunk.index}: records for {len(seqs)} of {chunk.n} items "
                               f"(missing {sorted(set(range(chunk.start, chunk.start + chunk.n)) - set(seqs))[:5]})")
        kinds = Counter(r[1] for r in recs)
        hd = {"format": STATE_FORMAT, "chunk": chunk.index, "start": chunk.start, "n": chunk.n,
              "digest": chunk.digest, "docs": kinds["D"] + kinds["U"], "errors": kinds["E"],
              "figures": sum(int(r[2]) for r in recs if r[1] == "D")}
        with atomic_open(self.seg_path(chunk.index)) as fh:
            fh.write("#" + json.dumps(hd) + "\n")
            for seq, kind, extra, js in recs:
                fh.write(f"{seq}\t{kind}\t{extra}\t{js}\n")
        return hd

    def read_segment(self, ci: int, digest: str, n: int) -> Iterator[Rec]:
        with self.seg_path(ci).open("r", encoding="utf-8") as fh:
            hd = json.loads(fh.readline()[1:])
            if hd.get("digest") != digest or hd.get("n") != n:
                raise RuntimeError(f"segment {ci} does not match its chunk (changed during the run?)")
            count = 0
            for line in fh:
                seq, kind, extra, js = line.rstrip("\n").split("\t", 3)
                count += 1
                yield int(seq), kind, extra, js
            if count != n:
                raise RuntimeError(f"segment {ci} has {count} records, expected {n}")

    def prune(self) -> None:
        shutil.rmtree(self.seg_dir, ignore_errors=True)
        (self.dir / "index.sqlite").unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# engines: where chunks are processed
# --------------------------------------------------------------------------------------------

class InlineEngine:
    """Processes each chunk synchronously in this process (``workers=0``)."""

    def __init__(self, processor: str, link: bool):
        self.processor, self.link = processor, link
        self.capacity = 1
        self.n_workers = 0
        self._done: list[tuple[int, list[Rec]]] = []
        init_worker(processor)

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None:
        self._done.append((task_id, process_batch(docs, self.processor, self.link)))

    def poll(self, timeout: float) -> list[tuple[int, list[Rec]]]:
        done, self._done = self._done, []
        return done

    def close(self, graceful: bool = True) -> None:
        pass


_INIT, _IDLE = -2.0, -1.0


def _worker_main(conn: Any, state: Any, processor: str, link: bool) -> None:
    """A local worker process: warm up once, then process the chunks sent over ``conn``.

    ``state[0]`` is the index (in the current task) of the document being processed, ``state[1]``
    when it started: the parent reads them to attribute a crash or a timeout to one document.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s worker %(process)d: %(message)s")
    state[0] = _INIT
    fn = init_worker(processor)
    state[0] = _IDLE
    try:
        conn.send(("ready",))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            task_id, docs = msg
            out = []
            for i, (seq, js) in enumerate(docs):
                state[1] = time.time()
                state[0] = i
                out.append(process_one(fn, seq, js, link))
            state[0] = _IDLE
            state[1] = 0.0
            conn.send(("done", task_id, out))
    except (EOFError, OSError, KeyboardInterrupt):  # the parent went away
        return


class _Worker:
    def __init__(self, ctx: Any, wid: int, processor: str, link: bool):
        self.wid = wid
        self.state = ctx.RawArray("d", 2)
        self.state[0] = _INIT
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, self.state, processor, link),
                                name=f"policy-extract-worker-{wid}", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.spawned = time.time()
        self.task: tuple[int, list[tuple[int, str]]] | None = None


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class LocalPool:
    """``n`` worker processes with one task each and a queue of at most ``capacity`` tasks.

    A dead worker is replaced. The document it was working on is retried once alone; a second
    death on it makes it an ``E099_internal`` record. A document running longer than
    ``doc_timeout`` seconds has its worker killed and becomes an ``E020_extract`` record.
    """

    MAX_START_FAILURES = 3

    def __init__(self, n: int, processor: str, link: bool, *, doc_timeout: float | None = None,
                 start_method: str = "spawn"):
        import multiprocessing as mp

        self.ctx = mp.get_context(start_method)
        self.processor, self.link, self.doc_timeout = processor, link, doc_timeout
        self.capacity = 2 * n
        self.n_workers = n
        self.queue: deque[tuple[int, list[tuple[int, str]]]] = deque()
        self.tasks: dict[int, dict[str, Any]] = {}
        self.crashes: Counter[int] = Counter()
        self.start_failures = 0
        self._next_wid = 0
        self.workers = [self._spawn() for _ in range(n)]

    def _spawn(self) -> _Worker:
        self._next_wid += 1
        return _Worker(self.ctx, self._next_wid, self.processor, self.link)

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None:
        self.tasks[task_id] = {"left": len(docs), "out": []}
        self.queue.append((task_id, docs))
        self._dispatch()

    def _dispatch(self) -> None:
        for w in self.workers:
            if not self.queue:
                return
            if w.ready and w.task is None:
                w.task = self.queue.popleft()
                try:
                    w.conn.send(w.task)
                except OSError:
                    pass  # a dead worker: found by the next poll, which requeues its task

    def _deliver(self, task_id: int, recs: list[Rec], done: list[tuple[int, list[Rec]]]) -> None:
        deliver(self.tasks, task_id, recs, done)

    def poll(self, timeout: float) -> list[tuple[int, list[Rec]]]:
        from multiprocessing.connection import wait

        done: list[tuple[int, list[Rec]]] = []
        self._dispatch()
        wait([w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers], timeout)
        for i, w in enumerate(self.workers):
            alive = True
            try:
                while w.conn.poll():
                    msg = w.conn.recv()
                    if msg[0] == "ready":
                        w.ready = True
                    elif msg[0] == "done":
                        w.task = None
                        self._deliver(msg[1], msg[2], done)
            except (EOFError, OSError):
                alive = False
            timed_out = False
            if alive and w.proc.exitcode is None and self.doc_timeout:
                started, idx = w.state[1], int(w.state[0])
                if w.task is not None and idx >= 0 and started > 0 and time.time() - started > self.doc_timeout:
                    timed_out = True
                    w.proc.kill()
                elif not w.ready and time.time() - w.spawned > max(self.doc_timeout, 120.0):
                    log.error("a worker process did not start within %gs", max(self.doc_timeout, 120.0))
                    w.proc.kill()  # counted as a start failure below
            if timed_out or not alive or w.proc.exitcode is not None:
                self.workers[i] = self._on_death(w, done, timed_out)
        self._dispatch()
        return done

    def _on_death(self, w: _Worker, done: list[tuple[int, list[Rec]]], timed_out: bool) -> _Worker:
        w.proc.join(timeout=10)
        code = w.proc.exitcode
        idx = int(w.state[0])
        with contextlib.suppress(OSError):
            w.conn.close()
        task, w.task = w.task, None
        if not w.ready or idx == int(_INIT):
            self.start_failures += 1
            log.error("a worker process died while starting (%s)", describe_exit(code))
            if self.start_failures >= self.MAX_START_FAILURES:
                if task is not None:
                    self.queue.appendleft(task)
                raise RuntimeError(f"worker processes keep dying while starting ({describe_exit(code)}); "
                                   f"try --workers 1 and look at the log")
        if task is not None:
            task_id, docs = task
            if 0 <= idx < len(docs):
                seq, js = docs[idx]
                rest = docs[:idx] + docs[idx + 1:]
                if timed_out:
                    log.warning("input item %d ran past %gs: worker stopped", seq + 1, self.doc_timeout)
                    self._deliver(task_id, [_fail(seq, js, Code.EXTRACT,
                                                  f"extraction did not finish within {self.doc_timeout:g} s; "
                                                  f"the worker was stopped")], done)
                else:
                    self.crashes[seq] += 1
                    log.warning("a worker process died (%s) on input item %d (attempt %d)",
                                describe_exit(code), seq + 1, self.crashes[seq])
                    if self.crashes[seq] >= 2:
                        self._deliver(task_id, [_fail(seq, js, Code.INTERNAL,
                                                      f"the worker process died ({describe_exit(code)}) while "
                                                      f"processing this document, twice")], done)
                    else:
                        self.queue.appendleft((task_id, [docs[idx]]))  # retry it alone
                if rest:
                    self.queue.appendleft((task_id, rest))
            else:  # died between documents: nothing to blame, run the task again
                log.warning("a worker process died (%s) between documents; retrying its chunk", describe_exit(code))
                first = docs[0][0]
                self.crashes[first] += 1
                if self.crashes[first] > 3:
                    raise RuntimeError(f"worker processes keep dying ({describe_exit(code)})")
                self.queue.appendleft(task)
        return self._spawn()

    def close(self, graceful: bool = True) -> None:
        for w in self.workers:
            if graceful:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
            else:
                w.proc.terminate()
        deadline = time.monotonic() + (5 if graceful else 2)
        for w in self.workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.exitcode is None:
                w.proc.kill()
                w.proc.join(timeout=5)
            with contextlib.suppress(OSError):
                w.conn.close()


def _fail(seq: int, doc_json: str, code: Code, reason: str) -> Rec:
    try:
        doc = Document.model_validate_json(doc_json)
        err = ErrorRecord(doc_id=doc.doc_id, code=code.value, reason=reason, source=doc.source)
    except Exception:  # noqa: BLE001
        err = ErrorRecord(code=code.value, reason=reason)
    return _err_rec(seq, err)


def make_engine(opts: RunOptions) -> Any:
    if opts.engine == "dask":
        from .distributed import DaskEngine

        return DaskEngine(opts.scheduler or "local", n_workers=max(1, opts.workers), processor=opts.processor,
                          link=opts.link)
    if opts.engine != "local":
        raise ValueError(f"unknown engine {opts.engine!r}")
    if opts.workers <= 0:
        return InlineEngine(opts.processor, opts.link)
    return LocalPool(opts.workers, opts.processor, opts.link, doc_timeout=opts.doc_timeout,
                     start_method=opts.start_method)


# --------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C (clean stop, committed work kept), in the main thread only."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".toml", ".txt", ".json", ".jsonl", ".cfg"}


def code_fingerprint(processor: str) -> str:
    """sha256 of the code and data that decide the results, so that a resume never mixes versions.

    For the default processor: every source and data file of the ``pipeline`` package and of the
    patterns folder (``pipeline.patterns.patterns_dir()``). For another processor: the file of
    its module (a custom processor that depends on more must version itself, e.g. in its name).
    """
    files: list[tuple[str, Path]] = []

    def add_tree(label: str, root: Path) -> None:
        if root.is_dir():
            files.extend((f"{label}/{p.relative_to(root).as_posix()}", p) for p in sorted(root.rglob("*"))
                         if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)

    if processor == DEFAULT_PROCESSOR:
        add_tree("pipeline", Path(__file__).resolve().parent)
        try:
            from .patterns import patterns_dir

            add_tree("patterns", patterns_dir())
        except Exception:  # noqa: BLE001 - the patterns loader is optional here
            pass
    else:
        mod = importlib.import_module(processor.partition(":")[0])
        if getattr(mod, "__file__", None):
            files.append((processor, Path(mod.__file__)))
    h = hashlib.sha256()
    for label, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        h.update(label.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def run(opts: RunOptions) -> dict[str, Any]:
    """Run (or resume) a batch; return the summary (also written to ``DIR/summary.json``).

    Raises:
        KeyboardInterrupt: on Ctrl-C or SIGTERM, after stopping the workers; committed chunks
            are kept and the same call resumes.
        RuntimeError: another run holds the directory's lock, or workers cannot start.
    """
    t0 = time.perf_counter()
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    resolve_processor(opts.processor)  # fail fast on a bad path
    if opts.chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    manifest = {"format": STATE_FORMAT, "link": opts.link, "processor": opts.processor,
                "code": code_fingerprint(opts.processor)}
    with RunState(out, manifest) as state, _sigterm_as_interrupt():
        info = state.completed()
        if info is not None:
            summary = _check_complete(opts, state, info, t0)
            if summary is not None:
                return summary
        (state.dir / "complete.json").unlink(missing_ok=True)
        return _run(opts, state, t0)


def _check_complete(opts: RunOptions, state: RunState, info: dict[str, Any], t0: float) -> dict[str, Any] | None:
    """A finished run whose segments were pruned: re-read the inputs and compare their digest."""
    if not all((state.out / f).exists() for f in OUTPUT_FILES):
        log.warning("outputs of the finished run in %s are missing: starting over", state.out)
        state.wipe()
        return None
    index = DedupIndex(state.dir / "index.sqlite")
    try:
        h = hashlib.sha256()
        for chunk in iter_chunks(iter_items(opts), index, opts.chunk_size, opts.chunk_chars):
            h.update(chunk.digest.encode())
    finally:
        index.close()
        (state.dir / "index.sqlite").unlink(missing_ok=True)
    if h.hexdigest() != info.get("digest"):
        log.warning("inputs changed since the finished run in %s: starting over", state.out)
        state.wipe()
        return None
    summary = dict(info["summary"])
    summary.update(processed=0, resumed=summary.get("inputs", 0), seconds=round(time.perf_counter() - t0, 3),
                   docs_per_second=0.0, workers=opts.workers, engine=opts.engine)
    log.info("%s is already complete (%d inputs): nothing to do", state.out, summary.get("inputs", 0))
    return summary


def _run(opts: RunOptions, state: RunState, t0: float) -> dict[str, Any]:
    index = DedupIndex(state.dir / "index.sqlite")
    progress = Progress(opts.progress, log_every=opts.log_every)
    rolling = hashlib.sha256()
    n_chunks = 0
    n_workers = opts.workers
    try:
        engine = make_engine(opts)
        n_workers = getattr(engine, "n_workers", n_workers)
        try:
            chunks = iter_chunks(iter_items(opts), index, opts.chunk_size, opts.chunk_chars)
            in_flight: dict[int, Chunk] = {}
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < engine.capacity:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    index.add_chunk(chunk)
                    index.commit()
                    rolling.update(chunk.digest.encode())
                    n_chunks += 1
                    hd = state.committed(chunk)
                    if hd is not None:
                        progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"], resumed=True)
                    elif not chunk.todo:
                        hd = state.commit(chunk, [])
                        progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"])
                    else:
                        engine.submit(chunk.index, chunk.todo)
                        in_flight[chunk.index] = chunk
                if not in_flight:
                    if exhausted:
                        break
                    continue
                for task_id, recs in engine.poll(0.5):
                    chunk = in_flight.pop(task_id)
                    hd = state.commit(chunk, recs)
                    progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"])
                progress.tick()
        except BaseException as exc:
            engine.close(graceful=False)
            progress.close()
            if isinstance(exc, KeyboardInterrupt):
                log.warning("interrupted after %d documents; committed chunks are kept in %s: "
                            "run the same command again to resume", progress.total, state.dir)
            raise
        engine.close()
        progress.close()
        counts = _assemble(state, index)
    finally:
        index.close()
    seconds = time.perf_counter() - t0
    summary = {**counts, "processed": progress.processed, "resumed": progress.resumed, "seconds": round(seconds, 3),
               "docs_per_second": round(progress.processed / seconds, 1) if seconds > 0 else 0.0,
               "workers": n_workers, "engine": opts.engine, "out": str(state.out)}
    write_json(state.out / "summary.json", summary)
    write_json(state.dir / "complete.json", {"digest": rolling.hexdigest(), "chunks": n_chunks,
                                             "pruned": not opts.keep_state, "summary": summary})
    if not opts.keep_state:
        state.prune()
    log.info("done: %d inputs -> %d documents (%d duplicates), %d figures, %d errors in %.1f s (%.1f docs/s; "
             "%d resumed)", counts["inputs"], counts["documents"], counts["duplicates"], counts["figures"],
             counts["errors"], seconds, summary["docs_per_second"], progress.resumed)
    return summary


def _assemble(state: RunState, index: DedupIndex) -> dict[str, Any]:
    """Concatenate the segments in input order into the three output files, atomically."""
    out = state.out
    n_docs = n_errs = n_figs = n_dups = 0
    codes: Counter[str] = Counter()
    expected = 0
    with atomic_open(out / "documents.jsonl") as fd, atomic_open(out / "errors.jsonl") as fe, \
            atomic_open(out / "duplicates.jsonl") as fu:
        for ci, start, n, digest in index.iter_chunks():
            firsts = index.originals_with_dups(start, start + n)
            for seq, kind, extra, js in state.read_segment(ci, digest, n):
                if seq != expected:
                    raise RuntimeError(f"segment {ci}: input item {seq + 1} where {expected + 1} was expected")
                expected += 1
                if kind == "U":
                    kind, extra, js, first_id = _fill_duplicate(index, int(extra), js)
                    fu.write(json.dumps({"doc_id": json.loads(js)["doc_id"], "duplicate_of": first_id,
                                         "content_hash": json.loads(js)["source"]["content_hash"]},
                                        ensure_ascii=False, separators=(",", ":")) + "\n")
                    n_dups += 1
                if kind == "D":
                    fd.write(js + "\n")
                    n_docs += 1
                    n_figs += int(extra)
                    if seq in firsts:
                        rec = json.loads(js)
                        index.save_result(seq, "D", rec["doc_id"], json.dumps(rec["figures"], ensure_ascii=False))
                elif kind == "E":
                    fe.write(js + "\n")
                    n_errs += 1
                    codes[extra] += 1
                    if seq in firsts:
                        index.save_result(seq, "E", json.loads(js).get("doc_id"), js)
                else:
                    raise RuntimeError(f"segment {ci}: unknown record kind {kind!r}")
    fsync_dir(out)
    return {"inputs": expected, "documents": n_docs, "figures": n_figs, "errors": n_errs, "duplicates": n_dups,
            "error_codes": dict(sorted(codes.items()))}


def _fill_duplicate(index: DedupIndex, first_seq: int, js: str) -> tuple[str, str, str, str | None]:
    """The record of a document with the same text as the one at ``first_seq``."""
    kind, first_id, payload = index.result(first_seq)
    doc = Document.model_validate_json(js)
    if kind == "D":
        figures = [Figure.model_validate(f) for f in json.loads(payload)]
        return "D", str(len(figures)), doc.model_copy(update={"figures": figures}).model_dump_json(), first_id
    first = json.loads(payload)
    err = ErrorRecord(doc_id=doc.doc_id, code=first["code"], source=doc.source,
                      reason=f"same text as {first_id!r}, which failed: {first['reason']}")
    return "E", err.code, safe_json(err), first_id
