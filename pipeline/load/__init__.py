"""Load a run's output (``documents.jsonl``, ``errors.jsonl``, ``duplicates.jsonl``) into a database.

``load_dir(DIR)`` writes an SQLite file ``DIR/policy.db``; ``load_dir(DIR, "sqlite:///path.db")``
another SQLite file; ``load_dir(DIR, "postgresql://user@host:5432/db")`` a PostgreSQL database.
Loading is idempotent and transactional per document; see :mod:`pipeline.load.base` and
``pipeline/load/README.md`` for the schema.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import Loader

__all__ = ["Loader", "load_dir", "loader_for"]


def loader_for(db_url: str, *, batch_size: int = 500) -> Loader:
    """The loader for a URL: ``postgresql://`` / ``postgres://`` or ``sqlite://`` / a file path."""
    if db_url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresLoader

        return PostgresLoader(db_url.replace("postgresql+psycopg://", "postgresql://", 1), batch_size=batch_size)
    if "://" in db_url and not db_url.startswith("sqlite://"):
        raise ValueError(f"unsupported database URL {db_url!r}: use sqlite:///path.db or postgresql://...")
    from .sqlite import SQLiteLoader

    return SQLiteLoader(db_url, batch_size=batch_size)


def load_dir(dir: str | Path, db_url: str | None = None, *, batch_size: int = 500) -> dict[str, Any]:
    """Load the run directory ``dir`` into ``db_url`` (default: SQLite ``dir/policy.db``); return counts.

    Returns:
        ``{"db", "documents", "figures", "errors", "duplicates"}`` (lines read), ``inserted``,
        ``updated``, ``unchanged`` (documents), ``failed`` with the first ``failures`` and
        ``tables``: the row count of every table after the load.
    """
    url = db_url or f"sqlite:///{Path(dir) / 'policy.db'}"
    with loader_for(url, batch_size=batch_size) as loader:
        return loader.load_dir(dir)
