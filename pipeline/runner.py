"""Compatibility: the batch run now lives in :mod:`pipeline.batch` (plan, execute, journal, assemble).

This module keeps the names that callers imported from ``pipeline.runner``; new code imports from
the parts of :mod:`pipeline.batch` directly. ``pipeline.runner:process_document`` still works as a
``--processor``.
"""
from __future__ import annotations

from .batch.assemble import assemble
from .batch.execute.inline import InlineEngine
from .batch.execute.local import LocalPool
from .batch.job import make_engine, run
from .batch.journal import RunLocked, RunState, code_fingerprint
from .batch.options import DEFAULT_PROCESSOR, OUTPUT_FILES, STATE_FORMAT, RunOptions
from .batch.plan import Chunk, DedupIndex, iter_chunks, iter_items
from .batch.records import Rec, describe_exception, safe_json
from .batch.work import init_worker, process_batch, process_document, process_one, resolve_processor

__all__ = [
    "DEFAULT_PROCESSOR", "OUTPUT_FILES", "STATE_FORMAT", "Chunk", "DedupIndex", "InlineEngine", "LocalPool", "Rec",
    "RunLocked", "RunOptions", "RunState", "assemble", "code_fingerprint", "describe_exception", "init_worker",
    "iter_chunks", "iter_items", "make_engine", "process_batch", "process_document", "process_one",
    "resolve_processor", "run", "safe_json",
]
