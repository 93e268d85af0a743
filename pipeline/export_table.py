"""Figure tables: one row per figure of a run, as CSV or Parquet (``policy-extract export``).

Each row holds the document's ``doc_id``, ``title``, ``published``, ``dateline`` (date, year and
where it came from) and ``lang``, the figure's position in the document (``ordinal``, as in the
database's ``figures`` table) and every ``Figure`` field, in the order of :data:`COLUMNS`.

* CSV: UTF-8 with a byte-order mark (Excel then reads Chinese correctly), a header row, RFC 4180
  quoting, ``\\r\\n`` line ends, empty cells for nulls, numbers as Python writes them (``30000000000.0``;
  a float read back is the same float).
* Parquet (pyarrow, ``pip install 'policy-extract[parquet]'``): typed columns (:data:`ARROW_TYPES`):
  integers, float64 values, ``date32`` datelines, strings; written in row groups of
  :data:`ROW_GROUP` rows, so memory stays flat on any run size.

Both read ``documents.jsonl`` one line at a time and write through :func:`pipeline.atomic.atomic_open`
(a file is complete or absent).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .atomic import atomic_open
from .models import Figure

__all__ = ["ARROW_TYPES", "COLUMNS", "FORMATS", "ROW_GROUP", "export_figures", "figure_records"]

log = logging.getLogger(__name__)

FIGURE_FIELDS = list(Figure.model_fields)
DOC_COLUMNS = ["doc_id", "title", "published", "dateline", "dateline_year", "dateline_source", "lang"]
COLUMNS = DOC_COLUMNS + ["ordinal"] + FIGURE_FIELDS
ROW_GROUP = 65_536
FORMATS = ("csv", "parquet")

# column -> pyarrow type name (see _arrow_schema)
ARROW_TYPES = {
    "doc_id": "string", "title": "string", "published": "string", "dateline": "date32",
    "dateline_year": "int32", "dateline_source": "string", "lang": "string", "ordinal": "int32",
    "text": "string", "start": "int64", "end": "int64", "kind": "string", "value": "float64",
    "unit": "string", "high": "float64",
    "comparator": "string", "change": "string", "role": "string", "year": "int32", "metric": "string",
    "subject": "string", "sentence_start": "int64", "sentence_end": "int64", "rule": "string",
}
assert set(ARROW_TYPES) == set(COLUMNS), "every column needs an Arrow type"


def figure_records(run_dir: str | Path) -> Iterator[dict[str, Any]]:
    """One dict per figure of ``run_dir/documents.jsonl``, keys :data:`COLUMNS`, in file order."""
    path = Path(run_dir) / "documents.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no documents.jsonl in {run_dir}: is it the output directory of a run?")
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            dl = doc.get("dateline") or {}
            base = {"doc_id": doc.get("doc_id"), "title": doc.get("title"), "published": doc.get("published"),
                    "dateline": dl.get("date"), "dateline_year": dl.get("year"),
                    "dateline_source": dl.get("source"), "lang": doc.get("lang")}
            for i, f in enumerate(doc.get("figures") or []):
                row = dict(base)
                row["ordinal"] = i
                for name in FIGURE_FIELDS:
                    row[name] = f.get(name)
                yield row


def _csv_cell(v: Any) -> Any:
    return "" if v is None else v


def _write_csv(rows: Iterator[dict[str, Any]], fh: IO[str]) -> int:
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(COLUMNS)
    n = 0
    for row in rows:
        w.writerow([_csv_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "date32": pa.date32(), "int32": pa.int32(), "int64": pa.int64(),
             "float64": pa.float64()}
    required = {"doc_id", "ordinal", "text", "start", "end", "kind", "value", "comparator", "role"}
    return pa.schema([pa.field(c, types[ARROW_TYPES[c]], nullable=c not in required) for c in COLUMNS])


def _parse_date(s: Any, bad: list[int]) -> dt.date | None:
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        bad[0] += 1
        return None


def _write_parquet(rows: Iterator[dict[str, Any]], fh: IO[bytes]) -> tuple[int, int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("Parquet export needs pyarrow: pip install 'policy-extract[parquet]'") from exc
    schema = _arrow_schema()
    bad = [0]
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        batch: dict[str, list[Any]] = {c: [] for c in COLUMNS}

        def flush() -> None:
            if batch["doc_id"]:
                writer.write_table(pa.table(batch, schema=schema), row_group_size=ROW_GROUP)
                for v in batch.values():
                    v.clear()

        for row in rows:
            for c in COLUMNS:
                batch[c].append(_parse_date(row[c], bad) if c == "dateline" else row[c])
            n += 1
            if len(batch["doc_id"]) >= ROW_GROUP:
                flush()
        flush()
    if bad[0]:
        log.warning("%d figures have a dateline that is not a calendar date; their dateline is null in the "
                    "Parquet file (dateline_year keeps the year)", bad[0])
    return n, bad[0]


def export_figures(run_dir: str | Path, fmt: str, out: str | Path | None = None) -> dict[str, Any]:
    """Write the figures of ``run_dir`` as ``fmt`` (``csv`` or ``parquet``) to ``out``.

    Args:
        run_dir: the output directory of a finished run.
        fmt: ``csv`` or ``parquet``.
        out: the file to write (default ``run_dir/figures.csv`` / ``run_dir/figures.parquet``).

    Returns:
        ``{"out", "format", "rows", "bytes"}`` (and ``bad_datelines`` for Parquet).

    Raises:
        ValueError: an unknown format. FileNotFoundError: no ``documents.jsonl``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; known: {', '.join(FORMATS)}")
    run_dir = Path(run_dir)
    out = Path(out) if out is not None else run_dir / f"figures.{fmt}"
    if not (run_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"no documents.jsonl in {run_dir}: is it the output directory of a run?")
    rows = figure_records(run_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {"out": str(out), "format": fmt}
    if fmt == "csv":
        with atomic_open(out, "w", encoding="utf-8-sig") as fh:
            info["rows"] = _write_csv(rows, fh)
    else:
        with atomic_open(out, "wb") as fh:
            info["rows"], info["bad_datelines"] = _write_parquet(rows, fh)
    info["bytes"] = out.stat().st_size
    return info
