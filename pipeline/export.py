"""Exporters: JSON Lines output, written so that a file is either complete or absent.

Modelled on Scrapy's exporters (``start_exporting`` / ``export_item`` / ``finish_exporting``,
``JsonLinesItemExporter`` writing raw UTF-8). Every output file is written to a temporary
name beside its final path, flushed, fsync'd, renamed over the final path and the directory
fsync'd: a reader (or a rerun after a crash or power loss) never sees a half-written file.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

__all__ = [
    "EXPORTERS", "BaseExporter", "JsonLinesExporter", "atomic_open", "dumps", "fsync_dir", "get_exporter",
    "export_figures", "schema_text", "write_json", "write_jsonl", "write_schema",
]


def fsync_dir(path: str | Path) -> None:
    """fsync a directory so that a rename inside it survives a power loss (no-op where unsupported)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8",
                fsync: bool = True) -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file that replaces it only on success.

    Args:
        path: the final file name.
        mode: ``"w"`` (text, ``encoding``) or ``"wb"``.
        encoding: text encoding; ignored in binary mode.
        fsync: flush and fsync the file and its directory (turn off only for throw-away files).

    On an exception inside the ``with`` block the temporary file is removed and ``path`` is
    left as it was.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only, got mode {mode!r}")
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    kwargs: dict[str, Any] = {"encoding": encoding, "newline": "\n"} if mode == "w" else {}
    fh = open(tmp, mode, **kwargs)  # noqa: SIM115 - closed below
    try:
        yield fh
        fh.flush()
        if fsync:
            os.fsync(fh.fileno())
        fh.close()
        os.replace(tmp, path)
        if fsync:
            fsync_dir(path.parent)
    except BaseException:
        fh.close()
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise


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


def write_json(path: str | Path, obj: Any, *, indent: int | None = 2) -> None:
    """Write one JSON document atomically (raw UTF-8, trailing newline)."""
    with atomic_open(path) as fh:
        fh.write(json.dumps(obj, ensure_ascii=False, indent=indent) + "\n")


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
