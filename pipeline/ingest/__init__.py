"""Ingest stage: turn inputs (files, directories, WARC archives, URL lists) into Documents.

Contract: :func:`iter_documents` yields, for every input document, either a
:class:`~pipeline.models.Document` (``text`` filled, ``figures`` empty) or an
:class:`~pipeline.models.ErrorRecord`. It never raises for bad input: no
document is silently lost.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..models import Document, ErrorRecord
from .files import iter_path
from .page import LateRecord, PendingPage
from .settings import IngestSettings


def iter_documents(inputs: Iterable[str | Path], *, urls_file: str | Path | None = None,
                   allow_private: bool = False, cache_dir: str | Path | None = None,
                   settings: IngestSettings | None = None,
                   defer_pages: bool = False) -> Iterator[Document | ErrorRecord | PendingPage | LateRecord]:
    """Yield a Document or an ErrorRecord for every document found in ``inputs``.

    Args:
        inputs: files or directories (searched recursively): ``.html``/``.htm`` (also ``.gz``),
            ``.txt``, ``.jsonl``, ``.warc``/``.warc.gz``.
        urls_file: a file with one URL per line to fetch.
        allow_private: allow fetching hosts on private/loopback addresses.
        cache_dir: on-disk HTTP cache directory (default: ``cache_dir`` of the settings).
        settings: timeouts, caps and rate limits for fetching (default: ``settings.toml``).
        defer_pages: yield the HTML pages of files and archives as :class:`~.page.PendingPage`
            (and a truncated archive's record as a :class:`~.page.LateRecord`), to be resolved in
            input order elsewhere (the batch run cleans them in worker processes). Fetched URLs
            are always resolved here.
    """
    for inp in inputs:
        yield from iter_path(Path(inp), defer_pages)
    if urls_file is not None:
        from .urls import iter_urls  # imported lazily: pulls in the HTTP client

        yield from iter_urls(Path(urls_file), allow_private=allow_private, cache_dir=cache_dir,
                             settings=settings)
