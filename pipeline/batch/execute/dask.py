"""The Dask engine: the same chunks as the local engine, processed on a Dask distributed cluster.

``policy-extract run ... --engine dask --scheduler tcp://host:8786`` connects to a running
scheduler; ``--scheduler local`` starts a :class:`distributed.LocalCluster` with ``--workers``
single-threaded worker processes. Ingest, duplicate detection, the commit of segments and the
final assembly stay in the client process (:mod:`pipeline.batch`), so the outputs, the
resume behaviour and the "nothing lost" checks are exactly those of the local engine; only
:func:`pipeline.batch.work.process_batch` runs on the workers. Each worker process resolves the
processor and warms the extractor up once (cached in the process).

A worker that dies is handled by Dask (the task is rescheduled, up to
``distributed.scheduler.allowed-failures`` times); a chunk that still fails with
``KilledWorker`` is split into single documents that are run one at a time (so that a death
blames one document), and a single document that still kills workers after one more try
becomes an ``E099_internal`` record. Per-document timeouts are a local-engine feature.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from typing import Any

from ...errors import Code
from ..records import Rec, describe_exception, fail_rec
from ..work import process_batch
from .base import deliver

log = logging.getLogger(__name__)


class DaskEngine:
    """Submits chunks as tasks with at most ``capacity`` (2 x worker threads) in flight.

    Args:
        scheduler: a scheduler address (``tcp://host:8786``) or ``"local"`` for a LocalCluster.
        n_workers: worker processes of the LocalCluster (ignored with a remote scheduler).
        processor: ``module:function`` importable on the workers.
        link: passed on to the processor.
    """

    def __init__(self, scheduler: str, *, n_workers: int = 1, processor: str, link: bool = True):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("the Dask engine needs dask[distributed]: pip install 'policy-extract[dask]'") from exc
        self.processor, self.link = processor, link
        for name in ("distributed", "tornado"):  # Dask logs every connection at INFO
            lg = logging.getLogger(name)
            if lg.level == logging.NOTSET:
                lg.setLevel(logging.WARNING)
        self._cluster = None
        if scheduler == "local":
            self._cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None)
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler, timeout="60s")
        self._min_capacity = 2 * max(1, n_workers)
        self._refresh_capacity()
        log.info("dask: scheduler %s, %d workers, %d chunks in flight", self.client.scheduler.address,
                 self.n_workers, self.capacity)
        self._futures: dict[Any, tuple[int, list[tuple[int, str]], int]] = {}
        self._tasks: dict[int, dict[str, Any]] = {}
        self._suspects: deque[tuple[int, tuple[int, str], int]] = deque()
        self._suspect: Any = None

    def _refresh_capacity(self) -> None:
        """2 x the cluster's worker threads (workers may join or leave a remote cluster during the run)."""
        nthreads = self.client.nthreads()
        self.n_workers = len(nthreads)
        self.capacity = 2 * sum(nthreads.values()) if nthreads else self._min_capacity
        self._refreshed = time.monotonic()

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None:
        self._tasks[task_id] = {"left": len(docs), "out": []}
        self._submit(task_id, docs)

    def _submit(self, task_id: int, docs: list[tuple[int, str]], attempt: int = 0) -> Any:
        fut = self.client.submit(process_batch, docs, self.processor, self.link, pure=False,
                                 key=f"policy-extract-chunk-{task_id}-{uuid.uuid4().hex[:8]}")
        self._futures[fut] = (task_id, docs, attempt)
        return fut

    def _deliver(self, task_id: int, recs: list[Rec], done: list[tuple[int, list[Rec]]]) -> None:
        deliver(self._tasks, task_id, recs, done)

    def poll(self, timeout: float) -> list[tuple[int, list[Rec]]]:
        from distributed import wait

        done: list[tuple[int, list[Rec]]] = []
        if time.monotonic() - self._refreshed > 10:
            self._refresh_capacity()
        self._next_suspect()
        if not self._futures:
            return done
        try:
            finished = wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            return done
        for fut in finished:
            task_id, docs, attempt = self._futures.pop(fut)
            if fut is self._suspect:
                self._suspect = None
            if fut.status == "finished":
                self._deliver(task_id, fut.result(), done)
            else:
                self._on_failure(task_id, docs, attempt, fut.exception(), done)
            fut.release()
        self._next_suspect()
        return done

    def _next_suspect(self) -> None:
        """Suspects (documents of a chunk that killed workers) run one at a time, so that a death blames one."""
        if self._suspect is None and self._suspects:
            task_id, doc, attempt = self._suspects.popleft()
            self._suspect = self._submit(task_id, [doc], attempt)

    def _on_failure(self, task_id: int, docs: list[tuple[int, str]], attempt: int, exc: BaseException | None,
                    done: list[tuple[int, list[Rec]]]) -> None:
        if isinstance(exc, ImportError):
            raise RuntimeError(f"the Dask workers cannot run the pipeline: {describe_exception(exc)}; "
                               f"install policy-extract in the workers' environment") from exc
        if len(docs) > 1:
            log.warning("dask: chunk %d failed (%s); retrying its %d documents one at a time",
                        task_id, type(exc).__name__, len(docs))
            self._suspects.extend((task_id, doc, 0) for doc in docs)
            return
        seq, js = docs[0]
        if attempt < 1:
            self._suspects.appendleft((task_id, docs[0], attempt + 1))
            return
        log.warning("dask: input item %d failed on the cluster: %s", seq + 1, exc)
        self._deliver(task_id, [fail_rec(seq, js, Code.INTERNAL,
                                      f"processing failed on the Dask cluster: {type(exc).__name__}: {exc}")], done)

    def close(self, graceful: bool = True) -> None:
        try:
            if self._futures:
                self.client.cancel(list(self._futures))
            self._futures.clear()
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
