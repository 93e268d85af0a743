"""The batch run: ingest -> extract -> link -> write ``documents.jsonl`` and ``errors.jsonl``."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Code
from .models import Document, ErrorRecord

log = logging.getLogger(__name__)


@dataclass
class RunOptions:
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


def process_document(doc: Document, link: bool = True) -> Document | ErrorRecord:
    """Extract (and link) the figures of one document; an exception becomes an error record."""
    from .api import extract_figures

    try:
        figures = extract_figures(doc.text, lang=doc.lang, published=doc.published, link=link)
        return doc.model_copy(update={"figures": figures})
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        log.exception("extraction failed for %s", doc.doc_id)
        return ErrorRecord(doc_id=doc.doc_id, code=Code.EXTRACT.value, reason=f"{type(exc).__name__}: {exc}",
                           source=doc.source)


def run(opts: RunOptions) -> dict:
    from .ingest import iter_documents

    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    docs_path, errs_path = out / "documents.jsonl", out / "errors.jsonl"
    tmp_docs, tmp_errs = docs_path.with_suffix(".jsonl.part"), errs_path.with_suffix(".jsonl.part")
    t0 = time.perf_counter()
    n_docs = n_errs = n_figs = 0
    with tmp_docs.open("w", encoding="utf-8") as fd, tmp_errs.open("w", encoding="utf-8") as fe:
        for item in iter_documents(opts.inputs, urls_file=opts.urls_file, allow_private=opts.allow_private,
                                   cache_dir=opts.cache_dir):
            if isinstance(item, Document):
                item = process_document(item, link=opts.link)
            if isinstance(item, Document):
                fd.write(item.model_dump_json() + "\n")
                n_docs += 1
                n_figs += len(item.figures)
            else:
                fe.write(item.model_dump_json() + "\n")
                n_errs += 1
        for fh in (fd, fe):
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp_docs, docs_path)
    os.replace(tmp_errs, errs_path)
    return {"documents": n_docs, "errors": n_errs, "figures": n_figs,
            "seconds": round(time.perf_counter() - t0, 3), "out": str(out)}
