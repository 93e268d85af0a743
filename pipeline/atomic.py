"""Files written so that they are either complete or absent.

Every output file is written to a temporary name beside its final path, flushed, fsync'd, renamed
over the final path and the directory fsync'd: a reader (or a rerun after a crash or power loss)
never sees a half-written file. Used by the exporters (:mod:`pipeline.export`, :mod:`pipeline.export_table`)
and the batch run's journal and assembly (:mod:`pipeline.batch`).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_open", "fsync_dir", "write_json"]


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


def write_json(path: str | Path, obj: Any, *, indent: int | None = 2) -> None:
    """Write one JSON document atomically (raw UTF-8, trailing newline)."""
    with atomic_open(path) as fh:
        fh.write(json.dumps(obj, ensure_ascii=False, indent=indent) + "\n")
