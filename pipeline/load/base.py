"""What every database loader shares: the table layout, row building and the load loop.

Lifecycle (Scrapy's MongoPipeline): :meth:`Loader.open` connects and creates the tables,
:meth:`Loader.load_dir` processes the files of a run directory, :meth:`Loader.close`
disconnects. Loading is idempotent and transactional per document:

* a document is keyed by ``doc_id``; its row stores ``record_hash`` (sha256 of its
  ``documents.jsonl`` line). An unchanged document is skipped; a changed one is upserted and
  its figures replaced (keyed by ``doc_id`` + ``ordinal``, the position in ``figures``);
* each document is written inside a savepoint: if any statement for it fails, none of its rows
  remain, the failure is counted and reported, and the load goes on. Savepoints are
  committed in batches of ``batch_size`` documents;
* ``errors.jsonl`` lines are keyed by the sha256 of the line, ``duplicates.jsonl`` by ``doc_id``.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ..models import Document, ErrorRecord, Figure, Section, Source

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
# what each older version lacks: (version, statements that bring it to the next one)
MIGRATIONS = {
    1: ["ALTER TABLE documents ADD COLUMN dateline TEXT",
        "ALTER TABLE documents ADD COLUMN dateline_source TEXT",
        "ALTER TABLE documents ADD COLUMN dateline_pattern TEXT"],
}

SOURCE_FIELDS = [f for f in Source.model_fields if f != "content_hash"]
FIGURE_FIELDS = list(Figure.model_fields)
SECTION_FIELDS = list(Section.model_fields)

DOCUMENT_COLUMNS = (["doc_id", "title", "published", "lang", "text"] + [f"source_{f}" for f in SOURCE_FIELDS]
                    + ["content_hash", "source", "n_figures", "record_hash", "dateline", "dateline_source",
                       "dateline_pattern"])
SECTION_COLUMNS = ["doc_id", "ordinal"] + SECTION_FIELDS
FIGURE_COLUMNS = ["doc_id", "ordinal"] + FIGURE_FIELDS + ["figure_hash"]
ERROR_COLUMNS = (["error_id", "doc_id", "code", "reason"] + [f"source_{f}" for f in SOURCE_FIELDS]
                 + ["content_hash", "source"])
DUPLICATE_COLUMNS = ["doc_id", "duplicate_of", "content_hash"]

# column -> (SQLite type, PostgreSQL type); NOT NULL where the model requires a value
_FIG_TYPES = {"text": "TEXT NOT NULL", "start": "INTEGER NOT NULL", "end": "INTEGER NOT NULL", "kind": "TEXT NOT NULL",
              "value": ("REAL NOT NULL", "NUMERIC NOT NULL"), "unit": "TEXT", "high": ("REAL", "NUMERIC"),
              "comparator": "TEXT NOT NULL", "change": "TEXT", "role": "TEXT NOT NULL", "year": "INTEGER",
              "metric": "TEXT", "subject": "TEXT", "sentence_start": "INTEGER", "sentence_end": "INTEGER",
              "rule": "TEXT"}
_SECTION_TYPES = {"kind": "TEXT NOT NULL", "level": "INTEGER NOT NULL", "start": "INTEGER NOT NULL",
                  "end": "INTEGER NOT NULL", "heading_end": "INTEGER NOT NULL", "heading": "TEXT NOT NULL",
                  "year": "INTEGER", "mode": "TEXT", "multi_year": "BOOLEAN NOT NULL"}
_SOURCE_TYPES = {"kind": "TEXT", "path": "TEXT", "url": "TEXT", "line": "INTEGER", "warc_record_id": "TEXT",
                 "http_status": "INTEGER", "encoding": "TEXT", "content_type": "TEXT"}


def q(name: str) -> str:
    """Quote an identifier (``end`` is a reserved word)."""
    return '"' + name.replace('"', '""') + '"'


def _typ(spec: str | tuple[str, str], dialect: int) -> str:
    return spec if isinstance(spec, str) else spec[dialect]


def ddl(dialect: str, *, views: bool = True) -> list[str]:
    """``CREATE TABLE/INDEX IF NOT EXISTS`` statements for ``sqlite`` or ``postgres``, then the views
    (:func:`view_ddl`) unless ``views=False``."""
    d = 0 if dialect == "sqlite" else 1
    js = "TEXT" if d == 0 else "JSONB"
    ts = ("TEXT" if d == 0 else "TIMESTAMPTZ") + " NOT NULL DEFAULT CURRENT_TIMESTAMP"
    src = ",\n  ".join(f"{q('source_' + f)} {_typ(_SOURCE_TYPES.get(f, 'TEXT'), d)}" for f in SOURCE_FIELDS)
    fig = ",\n  ".join(f"{q(f)} {_typ(_FIG_TYPES.get(f, 'TEXT'), d)}" for f in FIGURE_FIELDS)
    sec = ",\n  ".join(f"{q(f)} {_typ(_SECTION_TYPES.get(f, 'TEXT'), d)}" for f in SECTION_FIELDS)
    return [
        "CREATE TABLE IF NOT EXISTS policy_extract_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY,
  title TEXT,
  published TEXT,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  {src},
  content_hash TEXT,
  source {js} NOT NULL,
  n_figures INTEGER NOT NULL,
  record_hash TEXT NOT NULL,
  loaded_at {ts},
  dateline TEXT,
  dateline_source TEXT,
  dateline_pattern TEXT
)""",
        f"""CREATE TABLE IF NOT EXISTS figures (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  {fig},
  figure_hash TEXT NOT NULL,
  PRIMARY KEY (doc_id, ordinal)
)""",
        f"""CREATE TABLE IF NOT EXISTS sections (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  {sec},
  PRIMARY KEY (doc_id, ordinal)
)""",
        f"""CREATE TABLE IF NOT EXISTS errors (
  error_id TEXT PRIMARY KEY,
  doc_id TEXT,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  {src},
  content_hash TEXT,
  source {js} NOT NULL,
  loaded_at {ts}
)""",
        """CREATE TABLE IF NOT EXISTS duplicates (
  doc_id TEXT PRIMARY KEY,
  duplicate_of TEXT NOT NULL,
  content_hash TEXT
)""",
        "CREATE INDEX IF NOT EXISTS documents_content_hash ON documents (content_hash)",
        "CREATE INDEX IF NOT EXISTS documents_published ON documents (published)",
        "CREATE INDEX IF NOT EXISTS documents_lang ON documents (lang)",
        "CREATE INDEX IF NOT EXISTS figures_doc_id ON figures (doc_id)",
        "CREATE INDEX IF NOT EXISTS sections_doc_id ON sections (doc_id)",
        "CREATE INDEX IF NOT EXISTS figures_kind ON figures (kind)",
        "CREATE INDEX IF NOT EXISTS figures_year ON figures (year)",
        "CREATE INDEX IF NOT EXISTS figures_role ON figures (role)",
        "CREATE INDEX IF NOT EXISTS figures_metric ON figures (metric)",
        "CREATE INDEX IF NOT EXISTS errors_code ON errors (code)",
        "CREATE INDEX IF NOT EXISTS errors_doc_id ON errors (doc_id)",
        "CREATE INDEX IF NOT EXISTS duplicates_duplicate_of ON duplicates (duplicate_of)",
    ] + (view_ddl(dialect) if views else [])


# the columns of the ``targets`` view: every target with its document
TARGET_VIEW_SQL = """SELECT f.doc_id, f.ordinal, d.title, d.published, d.dateline, d.lang,
  f.subject, f.metric, f.year, f.kind, f.value, f.high, f.unit, f.comparator, f."change",
  f."text", f."start", f."end", f.sentence_start, f.sentence_end
FROM figures f JOIN documents d ON d.doc_id = f.doc_id
WHERE f.role = 'target'"""


def view_ddl(dialect: str) -> list[str]:
    """Create the views if missing: ``targets`` (every figure whose role is target, with its document).

    Run after the tables exist and are migrated (the view reads ``documents.dateline``), on every
    open, so a database made before the view existed gets it without a schema version of its own.
    PostgreSQL has no ``CREATE VIEW IF NOT EXISTS``, and ``CREATE OR REPLACE`` would lock the view
    against readers at every load: it is created only when the current schema lacks it.
    """
    if dialect == "sqlite":
        return [f"CREATE VIEW IF NOT EXISTS targets AS\n{TARGET_VIEW_SQL}"]
    return [f"""DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relname = 'targets' AND n.nspname = current_schema()) THEN
    CREATE VIEW targets AS
{TARGET_VIEW_SQL};
  END IF;
END
$$"""]


def sha256(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def _source_values(src: Source) -> list[Any]:
    return [getattr(src, f) for f in SOURCE_FIELDS] + [src.content_hash, src.model_dump_json()]


def document_row(doc: Document, record_hash: str) -> list[Any]:
    dl = doc.dateline
    return ([doc.doc_id, doc.title, doc.published, doc.lang, doc.text] + _source_values(doc.source)
            + [len(doc.figures), record_hash, dl.date if dl else None, dl.source if dl else None,
               dl.pattern if dl else None])


def section_rows(doc: Document) -> list[list[Any]]:
    return [[doc.doc_id, i] + [getattr(s, name) for name in SECTION_FIELDS] for i, s in enumerate(doc.sections)]


def figure_rows(doc: Document) -> list[list[Any]]:
    return [[doc.doc_id, i] + [getattr(f, name) for name in FIGURE_FIELDS] + [sha256(f.model_dump_json())]
            for i, f in enumerate(doc.figures)]


def error_row(err: ErrorRecord, line: str) -> list[Any]:
    return [sha256(line), err.doc_id, err.code, err.reason] + _source_values(err.source)


def _iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.exists():
        return
    with path.open("r", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.strip():
                yield n, line


def _batches(it: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in it:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    """Base class of the SQLite and PostgreSQL loaders.

    Subclasses provide the connection (:meth:`open`, :meth:`close`), ``dialect``, the
    placeholder ``ph``, and the transaction primitives :meth:`begin`, :meth:`commit`,
    :meth:`savepoint` (a context manager that rolls back on an exception and re-raises it).
    """

    dialect = "sqlite"
    ph = "?"
    MAX_FAILURES_REPORTED = 20

    def __init__(self, url: str, *, batch_size: int = 500):
        self.url = url
        self.batch_size = batch_size
        self.counts: dict[str, Any] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    def open(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self) -> Loader:
        self.open()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- primitives --------------------------------------------------------------------------
    def execute(self, sql: str, params: Any = ()) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def executemany(self, sql: str, rows: list[Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def begin(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def commit(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def savepoint(self) -> AbstractContextManager[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def fetch_record_hashes(self, doc_ids: list[str]) -> dict[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- schema ------------------------------------------------------------------------------
    def create_schema(self) -> None:
        self.begin()
        for stmt in ddl(self.dialect, views=False):
            self.execute(stmt)
        row = self.execute("SELECT value FROM policy_extract_meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.execute(f"INSERT INTO policy_extract_meta (key, value) VALUES ('schema_version', {self.ph})",
                         (str(SCHEMA_VERSION),))
        else:
            version = int(row[0])
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"{self.safe_url()}: schema version {version}, this loader writes {SCHEMA_VERSION}")
            while version < SCHEMA_VERSION:           # an older database: bring it up to date in place
                for stmt in MIGRATIONS[version]:
                    self.execute(stmt)
                version += 1
            self.execute(f"UPDATE policy_extract_meta SET value = {self.ph} WHERE key = 'schema_version'",
                         (str(SCHEMA_VERSION),))
        for stmt in view_ddl(self.dialect):           # after the migrations: views read migrated columns
            self.execute(stmt)
        self.commit()

    def _insert_sql(self, table: str, cols: list[str]) -> str:
        return f"INSERT INTO {table} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join([self.ph] * len(cols))})"

    def _upsert_sql(self, table: str, cols: list[str], key: list[str], update: bool = True) -> str:
        conflict = ", ".join(q(c) for c in key)
        if not update:
            return f"{self._insert_sql(table, cols)} ON CONFLICT ({conflict}) DO NOTHING"
        sets = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in cols if c not in key)
        return f"{self._insert_sql(table, cols)} ON CONFLICT ({conflict}) DO UPDATE SET {sets}"

    # -- processing --------------------------------------------------------------------------
    def write_document(self, doc: Document, record_hash: str) -> None:
        """Upsert one document and replace its figures (inside the caller's savepoint)."""
        sql = self._upsert_sql("documents", DOCUMENT_COLUMNS, ["doc_id"]) + ", loaded_at = CURRENT_TIMESTAMP"
        self.execute(sql, document_row(doc, record_hash))
        self.execute(f"DELETE FROM figures WHERE doc_id = {self.ph}", (doc.doc_id,))
        rows = figure_rows(doc)
        if rows:
            self.executemany(self._insert_sql("figures", FIGURE_COLUMNS), [self.adapt_figure_row(r) for r in rows])
        self.execute(f"DELETE FROM sections WHERE doc_id = {self.ph}", (doc.doc_id,))
        srows = section_rows(doc)
        if srows:
            self.executemany(self._insert_sql("sections", SECTION_COLUMNS), srows)

    def adapt_figure_row(self, row: list[Any]) -> list[Any]:
        """Hook for a dialect's value types (PostgreSQL stores ``value``/``high`` as exact NUMERIC)."""
        return row

    def _fail(self, what: str, exc: BaseException) -> None:
        self.counts["failed"] += 1
        msg = f"{what}: {type(exc).__name__}: {exc}"
        log.warning("load failed for %s", msg)
        if len(self.counts["failures"]) < self.MAX_FAILURES_REPORTED:
            self.counts["failures"].append(msg[:500])

    def load_documents(self, path: Path) -> None:
        c = self.counts
        for batch in _batches(_iter_lines(path), self.batch_size):
            parsed: list[tuple[int, str, Document | None]] = []
            for n, line in batch:
                try:
                    parsed.append((n, line, Document.model_validate_json(line)))
                except Exception as exc:  # noqa: BLE001 - a bad line is reported, the rest loads
                    c["documents"] += 1
                    self._fail(f"{path.name}:{n}", exc)
            known = self.fetch_record_hashes([d.doc_id for _, _, d in parsed if d is not None])
            self.begin()
            for n, line, doc in parsed:
                assert doc is not None
                c["documents"] += 1
                c["figures"] += len(doc.figures)
                h = sha256(line)
                old = known.get(doc.doc_id)
                if old == h:
                    c["unchanged"] += 1
                    continue
                try:
                    with self.savepoint():
                        self.write_document(doc, h)
                except Exception as exc:  # noqa: BLE001 - the savepoint removed every row of it
                    self._fail(f"{path.name}:{n} (doc_id {doc.doc_id!r})", exc)
                    continue
                known[doc.doc_id] = h
                c["inserted" if old is None else "updated"] += 1
            self.commit()

    def load_errors(self, path: Path) -> None:
        sql = self._upsert_sql("errors", ERROR_COLUMNS, ["error_id"], update=False)
        self._load_lines(path, "errors", sql, lambda line: error_row(ErrorRecord.model_validate_json(line), line))

    def load_duplicates(self, path: Path) -> None:
        sql = self._upsert_sql("duplicates", DUPLICATE_COLUMNS, ["doc_id"])

        def row(line: str) -> list:
            rec = json.loads(line)
            return [rec["doc_id"], rec["duplicate_of"], rec.get("content_hash")]

        self._load_lines(path, "duplicates", sql, row)

    def _load_lines(self, path: Path, counter: str, sql: str, row) -> None:
        """One row per line, each in its own savepoint, committed per batch; a bad line is a failure."""
        for batch in _batches(_iter_lines(path), self.batch_size):
            self.begin()
            for n, line in batch:
                self.counts[counter] += 1
                try:
                    values = row(line)
                    with self.savepoint():
                        self.execute(sql, values)
                except Exception as exc:  # noqa: BLE001
                    self._fail(f"{path.name}:{n}", exc)
            self.commit()

    def table_counts(self) -> dict[str, int]:
        return {t: int(self.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("documents", "figures", "sections", "errors", "duplicates")}

    def load_dir(self, out_dir: str | Path) -> dict[str, Any]:
        """Load ``documents.jsonl``, ``errors.jsonl`` and ``duplicates.jsonl`` of a run directory."""
        d = Path(out_dir)
        if not (d / "documents.jsonl").exists():
            raise FileNotFoundError(f"no documents.jsonl in {d}: is it the output directory of a finished run?")
        self.counts = {"db": self.safe_url(), "documents": 0, "figures": 0, "errors": 0, "duplicates": 0,
                       "inserted": 0, "updated": 0, "unchanged": 0, "failed": 0, "failures": []}
        self.load_documents(d / "documents.jsonl")
        self.load_errors(d / "errors.jsonl")
        self.load_duplicates(d / "duplicates.jsonl")
        self.counts["tables"] = self.table_counts()
        return self.counts

    def safe_url(self) -> str:
        """The URL without a password."""
        from urllib.parse import urlsplit, urlunsplit

        try:
            parts = urlsplit(self.url)
        except ValueError:
            return self.url
        if parts.password:
            host = parts.hostname or ""
            if parts.port:
                host += f":{parts.port}"
            netloc = f"{parts.username}:***@{host}" if parts.username else host
            return urlunsplit(parts._replace(netloc=netloc))
        return self.url
