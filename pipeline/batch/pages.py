"""Pages decoded and cleaned in helper processes, handed to the plan in input order.

Reading the inputs stays in the parent, but decoding and cleaning an HTML page costs about as
much as extracting its figures (several times more without linking); done in the parent (as
ingest does by default) it caps the run at one core's worth of pages however many workers there
are (10,000 news pages in WARC: 86 s of parent CPU without the pool, 13 s with it; NOTES.md).
In a batch run the readers therefore yield each page as a
:class:`~pipeline.ingest.page.PendingPage` (bytes and provenance), :class:`PagePool` resolves
them in ``n`` processes (a few pages ahead, bounded in pages and bytes), and
:meth:`PagePool.resolve_in_order` yields exactly the items ingest would have yielded, in the same
order, so the plan (dedup, chunks, digests) and the outputs do not change. The run uses it with
two workers or more (:func:`pipeline.batch.job.make_page_pool`).

While the plan waits for a page, :attr:`PagePool.on_wait` lets the run go on polling its engine,
so that the extraction workers are not left idle. A process that dies while cleaning (a crash in
a parser) takes the pages in flight down with it: the pool is replaced, the first of those pages
is retried once in a process of its own (if it kills that one too it becomes an ``E099_internal``
record, as a document that kills an extraction worker does) and the others are sent again.
:meth:`PagePool.close` stops the processes (at once on Ctrl-C or a failure). A JSONL-only run
never starts them.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import Code
from ..ingest.page import LateRecord, PendingPage, settle
from ..models import Document, ErrorRecord
from .records import describe_exception

log = logging.getLogger(__name__)


def _init_cleaner() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s %(levelname)s cleaner %(process)d: %(message)s")
    parent = multiprocessing.parent_process()
    if parent is not None:  # a pool process waits on a queue that never closes: leave with the parent
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def resolve_page(page: PendingPage) -> Document | ErrorRecord:
    """``page.resolve()`` in a helper process (it never raises: see :meth:`PendingPage.resolve`)."""
    return page.resolve()


def _has_result(fut: Future) -> bool:
    return fut.done() and not fut.cancelled() and fut.exception() is None


class PagePool:
    """``n`` processes that resolve PendingPages; see the module docstring.

    Args:
        n: processes (started at the first page).
        start_method: ``spawn`` (default), ``forkserver`` or ``fork``.
        ahead_pages: pages in flight at most (default ``4 x n``).
        ahead_bytes: bytes of pages in flight at most.
        ahead_items: items held behind an unresolved page at most.
    """

    def __init__(self, n: int, *, start_method: str = "spawn", ahead_pages: int | None = None,
                 ahead_bytes: int = 64 << 20, ahead_items: int = 1000):
        self.n = max(1, n)
        self.start_method = start_method
        self.ahead_pages = ahead_pages or 4 * self.n
        self.ahead_bytes = ahead_bytes
        self.ahead_items = ahead_items
        self.on_wait: Callable[[], None] | None = None  # called every 50 ms while waiting for a page
        self._ex: ProcessPoolExecutor | None = None
        self._gen = 0  # which executor a future belongs to (a new one after a break)
        self._pages = self._bytes = 0

    def _new_executor(self, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(self.start_method),
                                   initializer=_init_cleaner)

    def _executor(self) -> ProcessPoolExecutor:
        if self._ex is None:
            self._ex = self._new_executor(self.n)
        return self._ex

    def _restart(self) -> None:
        if self._ex is not None:
            _stop(self._ex, graceful=False)
        self._ex = None
        self._gen += 1

    def _submit(self, page: PendingPage) -> tuple[Future, int]:
        try:
            return self._executor().submit(resolve_page, page), self._gen
        except BrokenProcessPool:  # broken since the last look: start again
            self._restart()
            return self._executor().submit(resolve_page, page), self._gen

    def resolve_in_order(self, items: Iterable[Any]) -> Iterator[Any]:
        """``items`` with every PendingPage resolved and every LateRecord made, in the same order."""
        buf: deque[list[Any]] = deque()  # [item, future, generation]
        for item in items:
            slot: list[Any] = [item, None, None]
            if isinstance(item, PendingPage):
                slot[1], slot[2] = self._submit(item)
                self._pages += 1
                self._bytes += len(item.data)
            buf.append(slot)
            while buf and (buf[0][1] is None or buf[0][1].done() or self._pages > self.ahead_pages
                           or self._bytes > self.ahead_bytes or len(buf) > self.ahead_items):
                yield self._take(buf)
        while buf:
            yield self._take(buf)

    def _take(self, buf: deque[list[Any]]) -> Any:
        item, fut, gen = buf.popleft()
        if fut is None:
            return settle(item) if isinstance(item, LateRecord) else item
        self._pages -= 1
        self._bytes -= len(item.data)
        self._wait(fut)  # outside the try: what on_wait raises (Ctrl-C, a failing engine) stops the run
        try:
            result = fut.result()
        except (BrokenProcessPool, CancelledError):
            if gen == self._gen:
                self._restart()
            log.warning("a page-cleaning process died; retrying %s alone", item.source.url or item.source.path)
            result = self._alone(item)
            for slot in buf:  # the other pages in flight went down with the process pool
                if slot[1] is not None and slot[2] != self._gen and not _has_result(slot[1]):
                    slot[1], slot[2] = self._submit(slot[0])
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
            result = ErrorRecord(doc_id=item.id_stem, code=Code.INTERNAL.value,
                                 reason=f"cleaning failed: {describe_exception(exc)}", source=item.source)
        return settle(item, result)

    def _alone(self, page: PendingPage) -> Document | ErrorRecord:
        """The page cleaned in a process of its own; a second death makes it an error record."""
        ex = self._new_executor(1)
        try:
            fut = ex.submit(resolve_page, page)
            self._wait(fut)
            return fut.result()
        except (BrokenProcessPool, CancelledError):
            where = page.source.url or page.source.path
            log.warning("the page %s killed its cleaning process twice", where)
            return ErrorRecord(doc_id=page.id_stem, code=Code.INTERNAL.value,
                               reason="the process cleaning this page died while cleaning it, twice",
                               source=page.source)
        except Exception as exc:  # noqa: BLE001
            return ErrorRecord(doc_id=page.id_stem, code=Code.INTERNAL.value,
                               reason=f"cleaning failed: {describe_exception(exc)}", source=page.source)
        finally:
            _stop(ex, graceful=True)

    def _wait(self, fut: Future) -> None:
        """Wait for the future; meanwhile ``on_wait`` (every 50 ms) keeps the rest of the run going."""
        while not fut.done():
            if self.on_wait is None:
                futures.wait([fut])
            elif not futures.wait([fut], timeout=0.05).done:
                self.on_wait()

    def close(self, graceful: bool = True) -> None:
        """Stop the processes: after their current page (``graceful``) or at once (an interrupt, a failure)."""
        if self._ex is not None:
            ex, self._ex = self._ex, None
            _stop(ex, graceful)


def _stop(ex: ProcessPoolExecutor, graceful: bool) -> None:
    """Shut the executor down and return only when every one of its processes has been reaped.

    The executor's own management thread joins its processes too; a process that thread reaps
    first shows no exit code to a join here (``waitpid`` fails with ECHILD) until the thread
    records it, so the thread is waited for and the exit codes are checked again.
    """
    procs = list((getattr(ex, "_processes", None) or {}).values())  # the executor keeps no public list
    manager = getattr(ex, "_executor_manager_thread", None)
    if not graceful:
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.terminate()
    ex.shutdown(wait=graceful, cancel_futures=True)
    for proc in procs:
        proc.join(timeout=5)
        if proc.exitcode is None and proc.is_alive():
            proc.kill()
            proc.join(timeout=5)
    if manager is not None:
        manager.join(timeout=10)
    deadline = time.monotonic() + 5
    while any(proc.exitcode is None for proc in procs) and time.monotonic() < deadline:
        time.sleep(0.01)
