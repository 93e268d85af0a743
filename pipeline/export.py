"""Exporters: JSON Lines output, written so that a file is either complete or absent.

Modelled on Scrapy's exporters (``start_exporting`` / ``export_item`` / ``finish_exporting``,
``JsonLinesItemExporter`` writing raw UTF-8). Every output file is written through
:func:`~pipeline.atomic.atomic_open` (temporary name beside the final path, flushed, fsync'd,
renamed over the final path, directory fsync'd): a reader (or a rerun after a crash or power
loss) never sees a half-written file. ``atomic_open``, ``fsync_dir`` and ``write_json`` are
importable from here too.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from .atomic import atomic_open, fsync_dir, write_json

__all__ = [
    "EXPORTERS", "BaseExporter", "JsonLinesExporter", "atomic_open", "dumps", "fsync_dir", "get_exporter",
    "export_figures", "schema_text", "write_json", "write_jsonl", "write_schema",
]


def dumps(obj: Any) -> str:
    """One JSON line: compact, raw UTF-8 (no ``\\u`` escapes), pydantic models via ``model_dump_json``."""
    if isinstance(obj, BaseModel):
        return obj.model_dump_json()
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class BaseExporter:
    """Scrapy-style exporter over an open text file: ``start_exporting``, ``export_item``, ``finish_exporting``."""

    def __init__(self, file: IO[str]):
        self.file = file
        self.count = 0

    def start_exporting(self) -> None:  # noqa: B027 - optional hook
        """Called once before the first item."""

    def export_item(self, item: Any) -> None:
        raise NotImplementedError

    def finish_exporting(self) -> None:  # noqa: B027 - optional hook
        """Called once after the last item."""


class JsonLinesExporter(BaseExporter):
    """One JSON object per line, UTF-8 without ASCII escaping.

    ``export_item`` takes a pydantic model, a dict, or an already serialised JSON line (``str``,
    written as is, so that the runner can copy lines without parsing them again).
    """

    def export_item(self, item: Any) -> None:
        line = item if isinstance(item, str) else dumps(item)
        if "\n" in line.rstrip("\n"):
            raise ValueError("a JSON Lines item must not contain a raw newline")
        self.file.write(line.rstrip("\n"))
        self.file.write("\n")
        self.count += 1


EXPORTERS: dict[str, type[BaseExporter]] = {"jsonl": JsonLinesExporter}


def get_exporter(fmt: str) -> type[BaseExporter]:
    """Look an exporter class up by format name (``jsonl``)."""
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}") from None


def write_jsonl(path: str | Path, items: Iterable[Any], fmt: str = "jsonl") -> int:
    """Write ``items`` atomically to ``path``; return the number of lines."""
    with atomic_open(path) as fh:
        exporter = get_exporter(fmt)(fh)
        exporter.start_exporting()
        for item in items:
            exporter.export_item(item)
        exporter.finish_exporting()
    return exporter.count


def export_figures(run_dir: str | Path, fmt: str, out: str | Path | None = None) -> dict[str, Any]:
    """One row per figure of a run as ``csv`` or ``parquet``: see :mod:`pipeline.export_table`."""
    from .export_table import export_figures as _export

    return _export(run_dir, fmt, out)


def schema_text() -> str:
    """The JSON Schema of a ``documents.jsonl`` line, exactly as ``policy-extract schema`` prints it."""
    from .models import Document

    return json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: str | Path = "outputs/schema.json") -> None:
    """(Re)generate ``outputs/schema.json`` from ``Document.model_json_schema()``."""
    with atomic_open(path) as fh:
        fh.write(schema_text())


if __name__ == "__main__":  # pragma: no cover - ``python -m pipeline.export [PATH]`` regenerates the schema
    import sys

    write_schema(sys.argv[1] if len(sys.argv) > 1 else "outputs/schema.json")
