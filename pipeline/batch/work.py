"""Per document: the work the engines run in their worker processes (or inline).

:func:`process_batch` is the unit of work of every engine: a list of ``(seq, document JSON)`` in,
one :data:`~pipeline.batch.records.Rec` per document out. :func:`init_worker` resolves the
per-document function (``module:function``, default :func:`process_document`) and warms the
extractor up once per process.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from ..errors import Code, DropDocument
from ..models import Document, ErrorRecord, Figure
from .options import DEFAULT_PROCESSOR
from .records import Rec, describe_exception, err_rec

log = logging.getLogger(__name__)


def process_document(doc: Document, link: bool = True) -> Document | ErrorRecord:
    """Extract (and link) the figures of one document; an exception becomes an error record."""
    from ..api import analyse_document  # looked up per call (tests replace it)

    try:
        return _checked(analyse_document(doc, link=link))
    except DropDocument as exc:
        return ErrorRecord(doc_id=doc.doc_id, code=exc.code.value, reason=exc.reason, source=doc.source)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        log.debug("extraction failed for %s", doc.doc_id, exc_info=True)
        return ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=describe_exception(exc),
                           source=doc.source)


def _checked(doc: Document) -> Document:
    """``doc`` if every figure is a Figure that points into its text (else an exception)."""
    figures = list(doc.figures)
    for f in figures:
        if not isinstance(f, Figure):
            raise TypeError(f"extract_figures returned {type(f).__name__}, not Figure")
        if f.end > len(doc.text) or doc.text[f.start:f.end] != f.text:
            raise ValueError(f"figure {f.text!r} does not point into the text at {f.start}:{f.end}")
    return doc.model_copy(update={"figures": figures})


def _failed(doc: Document, exc: Exception) -> ErrorRecord:
    if isinstance(exc, DropDocument):
        return ErrorRecord(doc_id=doc.doc_id, code=exc.code.value, reason=exc.reason, source=doc.source)
    log.debug("extraction failed for %s", doc.doc_id, exc_info=True)
    return ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=describe_exception(exc),
                       source=doc.source)


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
        return err_rec(seq, ErrorRecord(code=Code.INTERNAL.value, reason=f"cannot decode document: {exc}"))
    try:
        res = fn(doc, link=link)
    except DropDocument as exc:
        res = ErrorRecord(doc_id=doc.doc_id, code=exc.code.value, reason=exc.reason, source=doc.source)
    except Exception as exc:  # noqa: BLE001
        res = ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=describe_exception(exc),
                          source=doc.source)
    return _record(seq, doc, res)


def _record(seq: int, doc: Document, res: Any) -> Rec:
    """The record of a processor's result (a Document, an ErrorRecord or anything else, which is an error)."""
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
    return err_rec(seq, res)


def process_task(fn: Callable[..., Any], docs: list[tuple[int, str]], link: bool,
                 mark: Callable[[int], None] | None = None) -> list[Rec]:
    """:func:`process_one` of each of ``docs``, one record each; ``mark(i)`` is called as the work on
    ``docs[i]`` starts (a worker's parent reads it to blame a crash or a timeout on one document).

    With the default processor and linking, the documents go through the stages of
    :func:`pipeline.extract.analyse_many` (each still in its own try): the English parser reads the
    sentences of all of them in one batch, the same records for a fraction of the parser's time
    (NOTES.md, Throughput). Should the batch parse itself fail, each document is processed alone."""
    mark = mark or (lambda i: None)
    if fn is not process_document or not link or len(docs) < 2:
        out = []
        for i, (seq, js) in enumerate(docs):
            mark(i)
            out.append(process_one(fn, seq, js, link))
        return out
    from ..api import _filled
    from ..extract import Pending, finish, parse_pending, prepare

    staged: list[tuple[int, Document | None, Any]] = []
    for i, (seq, js) in enumerate(docs):
        mark(i)
        try:
            doc = Document.model_validate_json(js)
        except Exception as exc:  # noqa: BLE001
            staged.append((seq, None, err_rec(seq, ErrorRecord(code=Code.INTERNAL.value,
                                                                reason=f"cannot decode document: {exc}"))))
            continue
        try:
            staged.append((seq, doc, prepare(doc.text, doc.lang, doc.published, doc.title, link=True)))
        except Exception as exc:  # noqa: BLE001
            staged.append((seq, doc, _failed(doc, exc)))
    where = [i for i, (_, _, p) in enumerate(staged) if isinstance(p, Pending)]
    try:
        parse_pending([staged[i][2] for i in where], on_text=lambda k: mark(where[k]))
    except Exception:  # noqa: BLE001 - the parse of the batch failed: each document alone
        log.warning("the batch parse failed; processing the %d documents one at a time", len(docs), exc_info=True)
        out = []
        for i, (seq, js) in enumerate(docs):
            mark(i)
            out.append(process_one(fn, seq, js, link))
        return out
    out = []
    for i, (seq, doc, p) in enumerate(staged):
        mark(i)
        if doc is None:
            out.append(p)
            continue
        if isinstance(p, Pending):
            try:
                figures, structure = finish(p)
                p = _checked(_filled(doc, figures, structure))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                p = _failed(doc, exc)
        out.append(_record(seq, doc, p))
    return out


def process_batch(docs: list[tuple[int, str]], processor: str = DEFAULT_PROCESSOR, link: bool = True) -> list[Rec]:
    """Process a list of ``(seq, document JSON)``; the unit of work of every engine."""
    return process_task(init_worker(processor), docs, link)
