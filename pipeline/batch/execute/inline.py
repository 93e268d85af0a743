"""The inline engine: each chunk processed synchronously in this process (``workers=0``)."""
from __future__ import annotations

from ..records import Rec
from ..work import init_worker, process_batch


class InlineEngine:
    """Processes each chunk synchronously in this process (``workers=0``)."""

    def __init__(self, processor: str, link: bool):
        self.processor, self.link = processor, link
        self.capacity = 1
        self.n_workers = 0
        self._done: list[tuple[int, list[Rec]]] = []
        init_worker(processor)

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None:
        self._done.append((task_id, process_batch(docs, self.processor, self.link)))

    def poll(self, timeout: float) -> list[tuple[int, list[Rec]]]:
        done, self._done = self._done, []
        return done

    def close(self, graceful: bool = True) -> None:
        pass
