"""HTML pages cleaned in helper processes (pipeline.batch.pages): the same items, in the same order."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from batch_support import CrashingPage
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.batch import RunOptions, run
from pipeline.batch.pages import PagePool
from pipeline.errors import Code
from pipeline.ingest import iter_documents
from pipeline.ingest.page import LateRecord, PendingPage, settle
from pipeline.models import Document, ErrorRecord, Source

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "html" / "pages"


def _warc(path: Path, *, cut: bool) -> Path:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for page in sorted(PAGES.glob("*.html"))[:4]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://news.example.cn/{page.name}", "response",
                                            payload=io.BytesIO(page.read_bytes()), http_headers=headers))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("http://news.example.cn/empty.html", "response",
                                        payload=io.BytesIO(b"<html><body></body></html>"), http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(data[:-20] if cut else data)  # cut: the last record (an empty page) is cut short
    return path


def _inputs(tmp_path: Path) -> list[Path]:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": f"j{i}", "text": f"投资增长{i}%。"}, ensure_ascii=False)
                               for i in range(3)) + "\n", encoding="utf-8")
    return [PAGES, _warc(tmp_path / "cut.warc", cut=True), jsonl, _warc(tmp_path / "whole.warc", cut=False)]


def _lines(items) -> list[str]:
    return [item.model_dump_json() for item in items]


def test_deferred_pages_settle_to_what_ingest_yields(tmp_path):
    inputs = _inputs(tmp_path)
    deferred = list(iter_documents(inputs, defer_pages=True))
    assert any(isinstance(i, PendingPage) for i in deferred) and any(isinstance(i, LateRecord) for i in deferred)
    settled = [settle(i) if isinstance(i, (PendingPage, LateRecord)) else i for i in deferred]
    assert _lines(settled) == _lines(iter_documents(inputs))
    broken = [i for i in settled if isinstance(i, ErrorRecord) and i.code == Code.WARC.value]
    assert [b.doc_id for b in broken] == ["cut:after-4"]  # counted from the pages before it


def test_page_pool_yields_the_same_items_in_order(tmp_path):
    inputs = _inputs(tmp_path)
    pool = PagePool(2, ahead_pages=3)
    waits = []
    pool.on_wait = lambda: waits.append(1)
    try:
        got = list(pool.resolve_in_order(iter_documents(inputs, defer_pages=True)))
    finally:
        pool.close()
    assert _lines(got) == _lines(iter_documents(inputs))
    assert all(isinstance(i, (Document, ErrorRecord)) for i in got)


def test_a_page_that_kills_its_cleaning_process_is_an_error_record(tmp_path):
    good = (PAGES / "zh_utf8_gov.html").read_bytes()
    bad = good.replace(b"</body>", b"CRASH_CLEANER</body>")
    items = [CrashingPage(good, Source(kind="html", path="a.html"), "a"),
             CrashingPage(bad, Source(kind="html", path="b.html"), "b"),
             Document(doc_id="j", text="增长5%。", lang="zh"),
             CrashingPage(good, Source(kind="html", path="c.html"), "c")]
    pool = PagePool(2)
    try:
        got = list(pool.resolve_in_order(items))
    finally:
        pool.close()
    assert [type(i).__name__ for i in got] == ["Document", "ErrorRecord", "Document", "Document"]
    assert got[1].code == Code.INTERNAL.value and "died" in got[1].reason and got[1].doc_id == "b"
    assert got[0].text == got[3].text


def test_a_run_with_workers_writes_what_an_inline_run_writes(tmp_path):
    inputs = [str(p) for p in _inputs(tmp_path)]
    outs = {}
    for workers in (0, 2):
        out = tmp_path / f"out{workers}"
        run(RunOptions(inputs=inputs, out=str(out), workers=workers, progress=False,
                       processor="batch_support:process", chunk_size=3))
        outs[workers] = {f: (out / f).read_bytes() for f in ("documents.jsonl", "errors.jsonl", "duplicates.jsonl")}
    assert outs[0] == outs[2]
    assert b"cut:after-4" in outs[2]["errors.jsonl"]


@pytest.mark.parametrize("n", [1, 3])
def test_page_pool_is_not_started_without_pages(n):
    pool = PagePool(n)
    docs = [Document(doc_id=f"d{i}", text="增长5%。", lang="zh") for i in range(5)]
    assert list(pool.resolve_in_order(docs)) == docs
    assert pool._ex is None


def test_pages_are_cleaned_in_helper_processes_from_two_workers():
    from pipeline.batch.job import make_page_pool

    assert make_page_pool(RunOptions(workers=0)) is None and make_page_pool(RunOptions(workers=1)) is None
    pool = make_page_pool(RunOptions(workers=3))
    assert isinstance(pool, PagePool) and pool.n == 3


def _html_run(inputs, out, workers, **kw):
    return run(RunOptions(inputs=[str(p) for p in inputs], out=str(out), workers=workers, progress=False,
                          processor="batch_support:process", chunk_size=10, **kw))


def test_interrupt_stops_the_page_processes_and_the_run_resumes(tmp_path, monkeypatch):
    import multiprocessing

    from batch_support import interrupt_after_commits, write_html_corpus

    inputs = write_html_corpus(tmp_path / "in", 80, files=2)
    _html_run(inputs, tmp_path / "ref", 0)
    restore = interrupt_after_commits(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        _html_run(inputs, tmp_path / "out", 2)
    assert multiprocessing.active_children() == []  # extraction workers and page cleaners are gone
    assert not (tmp_path / "out" / "documents.jsonl").exists()
    restore()
    s = _html_run(inputs, tmp_path / "out", 2)
    assert s["resumed"] == 30 and s["processed"] == 50
    for f in ("documents.jsonl", "errors.jsonl", "duplicates.jsonl"):
        assert (tmp_path / "out" / f).read_bytes() == (tmp_path / "ref" / f).read_bytes(), f
    assert multiprocessing.active_children() == []


def test_a_failing_engine_stops_the_page_processes(tmp_path, monkeypatch):
    import multiprocessing

    from batch_support import write_html_corpus

    from pipeline.batch.execute.local import LocalPool

    inputs = write_html_corpus(tmp_path / "in", 40)

    def poll(self, timeout):
        raise RuntimeError("engine failure")

    monkeypatch.setattr(LocalPool, "poll", poll)
    with pytest.raises(RuntimeError, match="engine failure"):
        _html_run(inputs, tmp_path / "out", 2)
    assert multiprocessing.active_children() == []


def test_close_at_once_stops_busy_processes():
    import time

    pool = PagePool(2)
    data = (PAGES / "zh_utf8_gov.html").read_bytes().replace(b"</body>", b"SLOW_CLEANER</body>")
    fut, _ = pool._submit(CrashingPage(data, Source(kind="html", path="a.html"), "a"))
    procs = list(pool._ex._processes.values())
    time.sleep(0.5)
    t0 = time.monotonic()
    pool.close(graceful=False)
    assert time.monotonic() - t0 < 10
    while any(p.exitcode is None for p in procs) and time.monotonic() - t0 < 10:
        time.sleep(0.05)  # the executor's own thread may be the one that reaps them
    assert procs and all(p.exitcode is not None for p in procs)


def test_what_on_wait_raises_is_not_taken_for_a_page_error():
    pool = PagePool(1)

    def on_wait():
        raise RuntimeError("engine failure")

    pool.on_wait = on_wait
    page = PendingPage((PAGES / "zh_utf8_gov.html").read_bytes(), Source(kind="html", path="a.html"), "a")
    try:
        with pytest.raises(RuntimeError, match="engine failure"):
            list(pool.resolve_in_order([page]))  # the first page waits for the process to start
    finally:
        pool.close(graceful=False)
