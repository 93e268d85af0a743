"""What the engines share: their interface and the bookkeeping of partly delivered tasks."""
from __future__ import annotations

from typing import Any, Protocol

from ..records import Rec

Done = list[tuple[int, list[Rec]]]


class Engine(Protocol):
    """Processes tasks (lists of ``(seq, document JSON)``); see :mod:`pipeline.batch.execute`."""

    capacity: int
    n_workers: int

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None: ...

    def poll(self, timeout: float) -> Done: ...

    def close(self, graceful: bool = True) -> None: ...


def deliver(tasks: dict[int, dict[str, Any]], task_id: int, recs: list[Rec], done: Done) -> None:
    """Add a task's result records; a task whose records are all in moves to ``done`` (pool and Dask engines)."""
    t = tasks[task_id]
    t["out"].extend(recs)
    t["left"] -= len(recs)
    if t["left"] <= 0:
        del tasks[task_id]
        done.append((task_id, t["out"]))
