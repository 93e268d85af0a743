"""policy-extract: figures (money, percentages, counts, quantities) from Chinese and English policy text."""
from __future__ import annotations

from .api import extract_figures
from .models import Document, ErrorRecord, Figure, Source

__all__ = ["extract_figures", "Document", "ErrorRecord", "Figure", "Source", "run"]
__version__ = "0.1.0"


def run(inputs, out: str = "outputs", **options):
    """Run the batch job on ``inputs``; writes ``out/documents.jsonl``, ``errors.jsonl``, ``duplicates.jsonl``
    and ``summary.json`` (see ``outputs/README.md``) and returns the summary."""
    from .batch import RunOptions, run as _run

    return _run(RunOptions(inputs=[str(i) for i in inputs], out=str(out), **options))
