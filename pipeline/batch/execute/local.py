"""The local engine: a pool of worker processes on this machine (``--workers N``).

Each worker process resolves the processor and warms the extractor up once, then processes the
tasks sent over its pipe. The parent watches the workers: a worker that dies is replaced and the
document it was on is retried once alone (a second death makes it an ``E099_internal`` record);
a document that runs past ``doc_timeout`` has its worker killed and becomes ``E020_extract``.
"""
from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections import Counter, deque
from typing import Any

from ...errors import Code
from ..records import Rec, fail_rec
from ..work import init_worker, process_task
from .base import deliver

log = logging.getLogger(__name__)

_INIT, _IDLE = -2.0, -1.0


def _worker_main(conn: Any, state: Any, processor: str, link: bool) -> None:
    """A local worker process: warm up once, then process the chunks sent over ``conn``.

    ``state[0]`` is the index (in the current task) of the document being processed, ``state[1]``
    when it started: the parent reads them to attribute a crash or a timeout to one document.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s worker %(process)d: %(message)s")
    state[0] = _INIT
    fn = init_worker(processor)
    state[0] = _IDLE
    try:
        conn.send(("ready",))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            task_id, docs = msg

            def mark(i: int) -> None:
                state[1] = time.time()
                state[0] = i

            out = process_task(fn, docs, link, mark)
            state[0] = _IDLE
            state[1] = 0.0
            conn.send(("done", task_id, out))
    except (EOFError, OSError, KeyboardInterrupt):  # the parent went away
        return


class _Worker:
    def __init__(self, ctx: Any, wid: int, processor: str, link: bool):
        self.wid = wid
        self.state = ctx.RawArray("d", 2)
        self.state[0] = _INIT
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, self.state, processor, link),
                                name=f"policy-extract-worker-{wid}", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.spawned = time.time()
        self.task: tuple[int, list[tuple[int, str]]] | None = None


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class LocalPool:
    """``n`` worker processes with one task each and a queue of at most ``capacity`` tasks.

    A dead worker is replaced. The document it was working on is retried once alone; a second
    death on it makes it an ``E099_internal`` record. A document running longer than
    ``doc_timeout`` seconds has its worker killed and becomes an ``E020_extract`` record.
    """

    MAX_START_FAILURES = 3

    def __init__(self, n: int, processor: str, link: bool, *, doc_timeout: float | None = None,
                 start_method: str = "spawn"):
        import multiprocessing as mp

        self.ctx = mp.get_context(start_method)
        self.processor, self.link, self.doc_timeout = processor, link, doc_timeout
        self.capacity = 2 * n
        self.n_workers = n
        self.queue: deque[tuple[int, list[tuple[int, str]]]] = deque()
        self.tasks: dict[int, dict[str, Any]] = {}
        self.crashes: Counter[int] = Counter()
        self.start_failures = 0
        self._next_wid = 0
        self.workers = [self._spawn() for _ in range(n)]

    def _spawn(self) -> _Worker:
        self._next_wid += 1
        return _Worker(self.ctx, self._next_wid, self.processor, self.link)

    def submit(self, task_id: int, docs: list[tuple[int, str]]) -> None:
        self.tasks[task_id] = {"left": len(docs), "out": []}
        self.queue.append((task_id, docs))
        self._dispatch()

    def _dispatch(self) -> None:
        for w in self.workers:
            if not self.queue:
                return
            if w.ready and w.task is None:
                w.task = self.queue.popleft()
                try:
                    w.conn.send(w.task)
                except OSError:
                    pass  # a dead worker: found by the next poll, which requeues its task

    def _deliver(self, task_id: int, recs: list[Rec], done: list[tuple[int, list[Rec]]]) -> None:
        deliver(self.tasks, task_id, recs, done)

    def poll(self, timeout: float) -> list[tuple[int, list[Rec]]]:
        from multiprocessing.connection import wait

        done: list[tuple[int, list[Rec]]] = []
        self._dispatch()
        wait([w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers], timeout)
        for i, w in enumerate(self.workers):
            alive = True
            try:
                while w.conn.poll():
                    msg = w.conn.recv()
                    if msg[0] == "ready":
                        w.ready = True
                    elif msg[0] == "done":
                        w.task = None
                        self._deliver(msg[1], msg[2], done)
            except (EOFError, OSError):
                alive = False
            timed_out = False
            if alive and w.proc.exitcode is None and self.doc_timeout:
                started, idx = w.state[1], int(w.state[0])
                if w.task is not None and idx >= 0 and started > 0 and time.time() - started > self.doc_timeout:
                    timed_out = True
                    w.proc.kill()
                elif not w.ready and time.time() - w.spawned > max(self.doc_timeout, 120.0):
                    log.error("a worker process did not start within %gs", max(self.doc_timeout, 120.0))
                    w.proc.kill()  # counted as a start failure below
            if timed_out or not alive or w.proc.exitcode is not None:
                self.workers[i] = self._on_death(w, done, timed_out)
        self._dispatch()
        return done

    def _on_death(self, w: _Worker, done: list[tuple[int, list[Rec]]], timed_out: bool) -> _Worker:
        w.proc.join(timeout=10)
        code = w.proc.exitcode
        idx = int(w.state[0])
        with contextlib.suppress(OSError):
            w.conn.close()
        task, w.task = w.task, None
        if not w.ready or idx == int(_INIT):
            self.start_failures += 1
            log.error("a worker process died while starting (%s)", describe_exit(code))
            if self.start_failures >= self.MAX_START_FAILURES:
                if task is not None:
                    self.queue.appendleft(task)
                raise RuntimeError(f"worker processes keep dying while starting ({describe_exit(code)}); "
                                   f"try --workers 1 and look at the log")
        if task is not None:
            task_id, docs = task
            if 0 <= idx < len(docs):
                seq, js = docs[idx]
                rest = docs[:idx] + docs[idx + 1:]
                if timed_out:
                    log.warning("input item %d ran past %gs: worker stopped", seq + 1, self.doc_timeout)
                    self._deliver(task_id, [fail_rec(seq, js, Code.EXTRACT,
                                                  f"extraction did not finish within {self.doc_timeout:g} s; "
                                                  f"the worker was stopped")], done)
                else:
                    self.crashes[seq] += 1
                    log.warning("a worker process died (%s) on input item %d (attempt %d)",
                                describe_exit(code), seq + 1, self.crashes[seq])
                    if self.crashes[seq] >= 2:
                        self._deliver(task_id, [fail_rec(seq, js, Code.INTERNAL,
                                                      f"the worker process died ({describe_exit(code)}) while "
                                                      f"processing this document, twice")], done)
                    else:
                        self.queue.appendleft((task_id, [docs[idx]]))  # retry it alone
                if rest:
                    self.queue.appendleft((task_id, rest))
            else:  # died between documents: nothing to blame, run the task again
                log.warning("a worker process died (%s) between documents; retrying its chunk", describe_exit(code))
                first = docs[0][0]
                self.crashes[first] += 1
                if self.crashes[first] > 3:
                    raise RuntimeError(f"worker processes keep dying ({describe_exit(code)})")
                self.queue.appendleft(task)
        return self._spawn()

    def close(self, graceful: bool = True) -> None:
        for w in self.workers:
            if graceful:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
            else:
                w.proc.terminate()
        deadline = time.monotonic() + (5 if graceful else 2)
        for w in self.workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.exitcode is None:
                w.proc.kill()
                w.proc.join(timeout=5)
            with contextlib.suppress(OSError):
                w.conn.close()
