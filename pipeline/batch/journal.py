"""Commit and resume: the run directory's state, ``DIR/.state``.

* ``lock``: one run per output directory (``flock``).
* ``manifest.json``: the options that decide the results and :func:`code_fingerprint`; when they
  change, the state is wiped and the run starts over instead of mixing versions.
* ``segments/<chunk>.seg``: one per finished chunk, written through
  :func:`~pipeline.atomic.atomic_open` (temporary file, flush, fsync, rename, directory fsync), so
  after a ``kill -9`` a segment is either complete or absent. Its header holds the digest of the
  chunk's exact input: a rerun skips every committed chunk whose input is unchanged.
* ``complete.json``: written after the final files are in place (with the digest of all the
  chunks), so that a finished run whose segments were pruned is recognised.
"""
from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import logging
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_open, write_json
from .options import DEFAULT_PROCESSOR, OUTPUT_FILES, STATE_FORMAT
from .records import Rec

if TYPE_CHECKING:
    from .plan import Chunk

log = logging.getLogger(__name__)


class RunLocked(RuntimeError):
    """Another process is running on the same output directory."""


class RunState:
    """``DIR/.state``: ``lock``, ``manifest.json``, ``index.sqlite``, ``segments/``, ``complete.json``."""

    def __init__(self, out: Path, manifest: dict[str, Any]):
        self.out = out
        self.dir = out / ".state"
        self.seg_dir = self.dir / "segments"
        self.manifest = manifest
        self._lock: Any = None

    def __enter__(self) -> RunState:
        self.seg_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "a+")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise RunLocked(f"another run is writing {self.out} (lock {self.dir / 'lock'})") from None
        self._remove_temp_files()
        old = self._read_json(self.dir / "manifest.json")
        if old != self.manifest:
            if old is not None:
                changed = sorted(k for k in set(old) | set(self.manifest) if old.get(k) != self.manifest.get(k))
                log.warning("%s changed since the last run in %s: starting over",
                            "the extractor's code or patterns" if changed == ["code"] else
                            "options (" + ", ".join(changed) + ")", self.out)
            self.wipe()
            write_json(self.dir / "manifest.json", self.manifest)
        return self

    def _remove_temp_files(self) -> None:
        """Temporary files of an interrupted run (``atomic_open`` names them ``.NAME.PID.tmp``)."""
        ours = {f".{name}." for name in OUTPUT_FILES}
        for p in list(self.seg_dir.glob(".*.tmp")) + list(self.out.glob(".*.tmp")):
            if p.parent == self.seg_dir or any(p.name.startswith(o) for o in ours):
                p.unlink(missing_ok=True)

    def __exit__(self, *exc: Any) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()

    @staticmethod
    def _read_json(path: Path) -> Any:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def wipe(self) -> None:
        shutil.rmtree(self.seg_dir, ignore_errors=True)
        self.seg_dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "complete.json").unlink(missing_ok=True)

    def completed(self) -> dict[str, Any] | None:
        """The record of a finished run whose segments were pruned, if any."""
        info = self._read_json(self.dir / "complete.json")
        if isinstance(info, dict) and info.get("pruned"):
            return info
        return None

    def seg_path(self, ci: int) -> Path:
        return self.seg_dir / f"{ci:08d}.seg"

    def header(self, ci: int) -> dict[str, Any] | None:
        try:
            with self.seg_path(ci).open("r", encoding="utf-8") as fh:
                first = fh.readline()
        except FileNotFoundError:
            return None
        if not first.startswith("#"):
            return None
        try:
            return json.loads(first[1:])
        except ValueError:
            return None

    def committed(self, chunk: Chunk) -> dict[str, Any] | None:
        hd = self.header(chunk.index)
        if hd and hd.get("digest") == chunk.digest and hd.get("n") == chunk.n and hd.get("start") == chunk.start:
            return hd
        return None

    def commit(self, chunk: Chunk, results: list[Rec]) -> dict[str, Any]:
        """Write the chunk's segment atomically; check that every item of the chunk has one record."""
        recs = sorted(chunk.fixed + list(results), key=lambda r: r[0])
        seqs = [r[0] for r in recs]
        if seqs != list(range(chunk.start, chunk.start + chunk.n)):
            raise RuntimeError(f"chunk {chunk.index}: records for {len(seqs)} of {chunk.n} items "
                               f"(missing {sorted(set(range(chunk.start, chunk.start + chunk.n)) - set(seqs))[:5]})")
        kinds = Counter(r[1] for r in recs)
        hd = {"format": STATE_FORMAT, "chunk": chunk.index, "start": chunk.start, "n": chunk.n,
              "digest": chunk.digest, "docs": kinds["D"] + kinds["U"], "errors": kinds["E"],
              "figures": sum(int(r[2]) for r in recs if r[1] == "D")}
        with atomic_open(self.seg_path(chunk.index)) as fh:
            fh.write("#" + json.dumps(hd) + "\n")
            for seq, kind, extra, js in recs:
                fh.write(f"{seq}\t{kind}\t{extra}\t{js}\n")
        return hd

    def read_segment(self, ci: int, digest: str, n: int) -> Iterator[Rec]:
        with self.seg_path(ci).open("r", encoding="utf-8") as fh:
            hd = json.loads(fh.readline()[1:])
            if hd.get("digest") != digest or hd.get("n") != n:
                raise RuntimeError(f"segment {ci} does not match its chunk (changed during the run?)")
            count = 0
            for line in fh:
                seq, kind, extra, js = line.rstrip("\n").split("\t", 3)
                count += 1
                yield int(seq), kind, extra, js
            if count != n:
                raise RuntimeError(f"segment {ci} has {count} records, expected {n}")

    def mark_complete(self, digest: str, chunks: int, pruned: bool, summary: dict[str, Any]) -> None:
        """Record a finished run: the digest of all its chunks' inputs and its summary."""
        write_json(self.dir / "complete.json", {"digest": digest, "chunks": chunks, "pruned": pruned,
                                                "summary": summary})

    def prune(self) -> None:
        shutil.rmtree(self.seg_dir, ignore_errors=True)
        (self.dir / "index.sqlite").unlink(missing_ok=True)


_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".toml", ".txt", ".json", ".jsonl", ".cfg"}


def code_fingerprint(processor: str) -> str:
    """sha256 of the code and data that decide the results, so that a resume never mixes versions.

    For a processor of the ``pipeline`` package (the default, or the same function through the
    compatibility module ``pipeline.runner``): every source and data file of the package and of the
    patterns folder (``pipeline.patterns.patterns_dir()``). For another processor: the file of
    its module (a custom processor that depends on more must version itself, e.g. in its name).
    """
    files: list[tuple[str, Path]] = []

    def add_tree(label: str, root: Path) -> None:
        if root.is_dir():
            files.extend((f"{label}/{p.relative_to(root).as_posix()}", p) for p in sorted(root.rglob("*"))
                         if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)

    mod_name = processor.partition(":")[0]
    if processor == DEFAULT_PROCESSOR or mod_name == "pipeline" or mod_name.startswith("pipeline."):
        add_tree("pipeline", Path(__file__).resolve().parents[1])
        try:
            from ..patterns import patterns_dir

            add_tree("patterns", patterns_dir())
        except Exception:  # noqa: BLE001 - the patterns loader is optional here
            pass
    else:
        mod = importlib.import_module(mod_name)
        if getattr(mod, "__file__", None):
            files.append((processor, Path(mod.__file__)))
    h = hashlib.sha256()
    for label, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        h.update(label.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]
