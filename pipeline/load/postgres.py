"""PostgreSQL loader (psycopg 3): ``policy-extract load DIR --db postgresql://user@host:port/db``."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from .base import FIGURE_COLUMNS, Loader

_VALUE_COLS = [FIGURE_COLUMNS.index("value"), FIGURE_COLUMNS.index("high")]


class PostgresLoader(Loader):
    """Loads into PostgreSQL: ``source`` as JSONB, ``value``/``high`` as exact NUMERIC; see :mod:`pipeline.load.base`."""

    dialect = "postgres"
    ph = "%s"

    def __init__(self, url: str, *, batch_size: int = 500):
        super().__init__(url, batch_size=batch_size)
        self.conn: Any = None
        self._tx: Any = None

    def open(self) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("loading into PostgreSQL needs psycopg 3: pip install 'policy-extract[postgres]'") from exc
        try:
            self.conn = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise ConnectionError(f"cannot connect to {self.safe_url()}: {str(exc).strip()}") from exc
        self.create_schema()

    def close(self) -> None:
        if self.conn is not None:
            if self._tx is not None:
                self._tx.__exit__(None, None, None)
                self._tx = None
            self.conn.close()
            self.conn = None

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(sql, params or None)

    def executemany(self, sql: str, rows: list[Any]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql, rows)

    def begin(self) -> None:
        self._tx = self.conn.transaction()
        self._tx.__enter__()

    def commit(self) -> None:
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def savepoint(self) -> Any:
        return self.conn.transaction()  # nested in begin(): a SAVEPOINT, rolled back on an exception

    def fetch_record_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        if not doc_ids:
            return {}
        rows = self.conn.execute("SELECT doc_id, record_hash FROM documents WHERE doc_id = ANY(%s)",
                                 (doc_ids,)).fetchall()
        return dict(rows)

    def adapt_figure_row(self, row: list[Any]) -> list[Any]:
        row = list(row)
        for i in _VALUE_COLS:
            if row[i] is not None:
                row[i] = Decimal(repr(float(row[i])))
        return row
