"""The batch run: inputs -> ``documents.jsonl``, ``errors.jsonl``, ``duplicates.jsonl``, ``summary.json``.

``policy-extract run`` and :func:`pipeline.run` call :func:`run` with :class:`RunOptions`. A run goes
through four parts, one module each (:mod:`.job` drives them):

* **plan** (:mod:`.plan`): ingest the inputs in this (the parent) process (with two workers or
  more, HTML pages are cleaned in helper processes, :mod:`.pages`), settle what needs no
  extraction (ingest errors, repeated ids, repeated texts: :class:`~.plan.DedupIndex`, an on-disk
  SQLite file) and cut the rest into *chunks* whose cut points and digests depend only on the input.
* **execute** (:mod:`.execute`): an engine runs :func:`.work.process_batch` on each chunk: the local
  process pool (:mod:`.execute.local`, ``--workers N``), a Dask cluster (:mod:`.execute.dask`,
  ``--engine dask``) or this process (:mod:`.execute.inline`, ``workers=0``). At most
  ``2 x workers`` chunks are in flight; nothing else is held in memory.
* **commit/resume** (:mod:`.journal`): each finished chunk is written atomically as a segment in
  ``DIR/.state/segments/`` (with the digest of its input) after checking that every input item has
  exactly one record; a rerun of the same command (after Ctrl-C, SIGTERM or ``kill -9``) skips the
  committed chunks. The manifest holds a fingerprint of the code and patterns: if they changed, the
  run starts over instead of mixing versions.
* **assemble** (:mod:`.assemble`): the segments are concatenated in input order into the final
  files, renamed into place atomically, and the summary is written. So ``--workers 1``,
  ``--workers 2`` and the Dask engine write byte-identical outputs, and an interrupted-then-resumed
  run writes the bytes of an uninterrupted one.

Shared by all of them: :mod:`.options` (:class:`RunOptions`, constants), :mod:`.records` (the
``(seq, kind, extra, json)`` records and error records), :mod:`.work` (per document, in the workers),
:mod:`.progress`.

Guarantees (see ``outputs/README.md``): every input item ends as exactly one line of
``documents.jsonl`` or ``errors.jsonl`` (with a :class:`~pipeline.errors.Code`). A worker process
that dies on a document is replaced and the document retried once alone; a second death makes it an
``E099_internal`` record; a document that runs past ``doc_timeout`` becomes ``E020_extract``. A
document whose ``doc_id`` was already seen becomes ``E016_duplicate_id``; one with a new id but the
same text, language and dateline as an earlier one is not extracted again: it gets the first copy's
figures (or its error) and a line ``{"doc_id", "duplicate_of", "content_hash"}`` in
``duplicates.jsonl``.
"""
from __future__ import annotations

from .job import run
from .journal import RunLocked
from .options import DEFAULT_PROCESSOR, RunOptions

__all__ = ["DEFAULT_PROCESSOR", "RunLocked", "RunOptions", "run"]
