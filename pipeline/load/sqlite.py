"""SQLite loader: an embedded database file (default ``DIR/policy.db``)."""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .base import Loader


def sqlite_path(url: str) -> str:
    """``sqlite:///rel.db`` -> ``rel.db``, ``sqlite:////abs/x.db`` -> ``/abs/x.db``, a plain path as is."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    if url.startswith("sqlite://"):
        rest = url[len("sqlite://"):]
        return rest or ":memory:"
    return url


class SQLiteLoader(Loader):
    """Loads into one SQLite file (WAL journal, foreign keys on); see :mod:`pipeline.load.base`."""

    dialect = "sqlite"
    ph = "?"

    def __init__(self, url: str, *, batch_size: int = 500):
        super().__init__(url, batch_size=batch_size)
        self.path = sqlite_path(url)
        self.db: sqlite3.Connection | None = None
        self._sp = 0

    def open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.create_schema()

    def close(self) -> None:
        if self.db is not None:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.db.close()
            self.db = None

    def execute(self, sql: str, params: Any = ()) -> Any:
        assert self.db is not None, "loader is not open"
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: list[Any]) -> None:
        assert self.db is not None, "loader is not open"
        self.db.executemany(sql, rows)

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        self._sp += 1
        name = f"doc_{self._sp}"
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.execute(f"ROLLBACK TO {name}")
            self.execute(f"RELEASE {name}")
            raise
        self.execute(f"RELEASE {name}")

    def fetch_record_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(doc_ids), 500):
            part = doc_ids[i:i + 500]
            marks = ",".join("?" * len(part))
            out.update(self.execute(f"SELECT doc_id, record_hash FROM documents WHERE doc_id IN ({marks})",
                                    part).fetchall())
        return out
