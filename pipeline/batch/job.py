"""One batch run, start to end: plan -> execute -> commit -> assemble (see :mod:`pipeline.batch`)."""
from __future__ import annotations

import contextlib
import hashlib
import logging
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .assemble import assemble, write_summary
from .execute.base import Engine
from .execute.inline import InlineEngine
from .execute.local import LocalPool
from .journal import RunState, code_fingerprint
from .options import OUTPUT_FILES, STATE_FORMAT, RunOptions
from .pages import PagePool
from .plan import Chunk, DedupIndex, iter_chunks, iter_items
from .progress import Progress
from .records import Rec
from .work import resolve_processor

log = logging.getLogger(__name__)


def make_engine(opts: RunOptions) -> Engine:
    """The engine of ``opts``: Dask (``engine="dask"``), inline (``workers=0``) or the local pool."""
    if opts.engine == "dask":
        from .execute.dask import DaskEngine  # imported only when asked for: needs dask[distributed]

        return DaskEngine(opts.scheduler or "local", n_workers=max(1, opts.workers), processor=opts.processor,
                          link=opts.link)
    if opts.engine != "local":
        raise ValueError(f"unknown engine {opts.engine!r}")
    if opts.workers <= 0:
        return InlineEngine(opts.processor, opts.link)
    return LocalPool(opts.workers, opts.processor, opts.link, doc_timeout=opts.doc_timeout,
                     start_method=opts.start_method)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C (clean stop, committed work kept), in the main thread only."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def run(opts: RunOptions) -> dict[str, Any]:
    """Run (or resume) a batch; return the summary (also written to ``DIR/summary.json``).

    Raises:
        KeyboardInterrupt: on Ctrl-C or SIGTERM, after stopping the workers; committed chunks
            are kept and the same call resumes.
        RuntimeError: another run holds the directory's lock, or workers cannot start.
    """
    t0 = time.perf_counter()
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    resolve_processor(opts.processor)  # fail fast on a bad path
    if opts.chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    manifest = {"format": STATE_FORMAT, "link": opts.link, "processor": opts.processor,
                "code": code_fingerprint(opts.processor)}
    with RunState(out, manifest) as state, _sigterm_as_interrupt():
        info = state.completed()
        if info is not None:
            summary = _check_complete(opts, state, info, t0)
            if summary is not None:
                return summary
        (state.dir / "complete.json").unlink(missing_ok=True)
        return _run(opts, state, t0)


def _check_complete(opts: RunOptions, state: RunState, info: dict[str, Any], t0: float) -> dict[str, Any] | None:
    """A finished run whose segments were pruned: re-read the inputs and compare their digest."""
    if not all((state.out / f).exists() for f in OUTPUT_FILES):
        log.warning("outputs of the finished run in %s are missing: starting over", state.out)
        state.wipe()
        return None
    index = DedupIndex(state.dir / "index.sqlite")
    try:
        h = hashlib.sha256()
        for chunk in iter_chunks(iter_items(opts), index, opts.chunk_size, opts.chunk_chars):
            h.update(chunk.digest.encode())
    finally:
        index.close()
        (state.dir / "index.sqlite").unlink(missing_ok=True)
    if h.hexdigest() != info.get("digest"):
        log.warning("inputs changed since the finished run in %s: starting over", state.out)
        state.wipe()
        return None
    summary = dict(info["summary"])
    summary.update(processed=0, resumed=summary.get("inputs", 0), seconds=round(time.perf_counter() - t0, 3),
                   docs_per_second=0.0, workers=opts.workers, engine=opts.engine)
    log.info("%s is already complete (%d inputs): nothing to do", state.out, summary.get("inputs", 0))
    return summary


def make_page_pool(opts: RunOptions) -> PagePool | None:
    """Processes that clean HTML pages for the plan, one per worker, for 2 workers or more.

    With one worker the parent cleaning pages while the worker extracts already keeps two cores
    busy, and costs no copying; with more workers the parent would be the ceiling.
    """
    if opts.workers < 2:
        return None
    return PagePool(opts.workers, start_method=opts.start_method)


def _run(opts: RunOptions, state: RunState, t0: float) -> dict[str, Any]:
    """Plan chunks as the engine has room, commit each as it comes back, assemble at the end."""
    index = DedupIndex(state.dir / "index.sqlite")
    progress = Progress(opts.progress, log_every=opts.log_every)
    rolling = hashlib.sha256()
    n_chunks = 0
    n_workers = opts.workers
    pages = make_page_pool(opts)
    try:
        engine = make_engine(opts)
        n_workers = getattr(engine, "n_workers", n_workers)
        try:
            stash: list[tuple[int, list[Rec]]] = []  # results that came in while the plan waited for pages
            if pages is not None:
                pages.on_wait = lambda: stash.extend(engine.poll(0))
            chunks = iter_chunks(iter_items(opts, pages), index, opts.chunk_size, opts.chunk_chars)
            in_flight: dict[int, Chunk] = {}
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < engine.capacity:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        if pages is not None:
                            pages.close()  # every page is in: the cleaning processes are done
                        break
                    index.add_chunk(chunk)
                    index.commit()
                    rolling.update(chunk.digest.encode())
                    n_chunks += 1
                    hd = state.committed(chunk)
                    if hd is not None:
                        progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"], resumed=True)
                    elif not chunk.todo:
                        hd = state.commit(chunk, [])
                        progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"])
                    else:
                        engine.submit(chunk.index, chunk.todo)
                        in_flight[chunk.index] = chunk
                if not in_flight:
                    if exhausted:
                        break
                    continue
                got = engine.poll(0 if stash else 0.5)
                got, stash[:] = stash + got, []
                for task_id, recs in got:
                    chunk = in_flight.pop(task_id)
                    hd = state.commit(chunk, recs)
                    progress.advance(chunk.n, figures=hd["figures"], errors=hd["errors"])
                progress.tick()
        except BaseException as exc:
            engine.close(graceful=False)
            if pages is not None:
                pages.close(graceful=False)
            progress.close()
            if isinstance(exc, KeyboardInterrupt):
                log.warning("interrupted after %d documents; committed chunks are kept in %s: "
                            "run the same command again to resume", progress.total, state.dir)
            raise
        engine.close()
        progress.close()
        counts = assemble(state, index)
    finally:
        if pages is not None:
            pages.close()
        index.close()
    seconds = time.perf_counter() - t0
    summary = write_summary(state.out, counts, processed=progress.processed, resumed=progress.resumed,
                            seconds=seconds, workers=n_workers, engine=opts.engine)
    state.mark_complete(rolling.hexdigest(), n_chunks, not opts.keep_state, summary)
    if not opts.keep_state:
        state.prune()
    log.info("done: %d inputs -> %d documents (%d duplicates), %d figures, %d errors in %.1f s (%.1f docs/s; "
             "%d resumed)", counts["inputs"], counts["documents"], counts["duplicates"], counts["figures"],
             counts["errors"], seconds, summary["docs_per_second"], progress.resumed)
    return summary
