"""The options of a batch run and the constants its parts share."""
from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_PROCESSOR = "pipeline.batch.work:process_document"
STATE_FORMAT = 1
OUTPUT_FILES = ("documents.jsonl", "errors.jsonl", "duplicates.jsonl", "summary.json")


@dataclass
class RunOptions:
    """Options of one batch run (the CLI maps its flags onto these).

    ``workers=0`` runs extraction inline in this process (no crash isolation; for tests and
    debugging). ``processor`` is the per-document function as ``module:function`` with the
    signature of :func:`pipeline.batch.work.process_document`.
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
