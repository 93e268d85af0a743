"""Assemble: the final output files from the committed segments, and the summary.

The segments are concatenated in input order into ``documents.jsonl``, ``errors.jsonl`` and
``duplicates.jsonl``, each written to a temporary name and renamed into place (so ``--workers 1``,
``--workers 2`` and the Dask engine write the same bytes, and a resumed run writes the bytes of an
uninterrupted one). A ``U`` record (same text as an earlier document) gets the first copy's
figures, or its error.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..atomic import atomic_open, fsync_dir, write_json
from ..models import Document, ErrorRecord, Figure
from .journal import RunState
from .plan import DedupIndex
from .records import safe_json


def assemble(state: RunState, index: DedupIndex) -> dict[str, Any]:
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


def write_summary(out: Path, counts: dict[str, Any], *, processed: int, resumed: int, seconds: float,
                  workers: int, engine: str) -> dict[str, Any]:
    """The run's summary (``counts`` from :func:`assemble` plus timing), written to ``out/summary.json``."""
    summary = {**counts, "processed": processed, "resumed": resumed, "seconds": round(seconds, 3),
               "docs_per_second": round(processed / seconds, 1) if seconds > 0 else 0.0,
               "workers": workers, "engine": engine, "out": str(out)}
    write_json(out / "summary.json", summary)
    return summary
