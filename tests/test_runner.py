"""The batch runner: nothing lost, duplicates, determinism, crashes, resume (small inputs)."""
from __future__ import annotations

import json
import logging
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from batch_support import FAKE, corpus_records, interrupt_after_commits, read_lines, write_corpus

from pipeline import runner
from pipeline.errors import Code
from pipeline.models import Document, Figure
from pipeline.runner import RunOptions, run


def _opts(inputs, out, **kw) -> RunOptions:
    kw.setdefault("workers", 0)
    kw.setdefault("processor", FAKE)
    kw.setdefault("progress", False)
    return RunOptions(inputs=[str(p) for p in inputs], out=str(out), **kw)


def _jsonl(path: Path, lines: list[str | dict]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for x in lines:
            fh.write((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n")
    return path


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in ("documents.jsonl", "errors.jsonl", "duplicates.jsonl")}


def _codes(out: Path) -> dict[str, str]:
    return {json.loads(x)["doc_id"]: json.loads(x)["code"] for x in read_lines(out / "errors.jsonl")}


# ---------------------------------------------------------------------------------------------
# nothing lost
# ---------------------------------------------------------------------------------------------

def test_bad_inputs_become_error_records(tmp_path):
    from pipeline.ingest.files import MAX_TEXT_CHARS

    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "ok", "text": "2023年增长5%。"},
        "{not json",
        {"text": "no id here"},
        {"id": "empty", "text": "   "},
        {"id": "notext"},
        "[1, 2, 3]",
        {"id": "huge", "text": "x" * (MAX_TEXT_CHARS + 1)},
        {"id": "ok2", "text": "Spending rose 3% in 2024."},
    ])
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4")
    s = run(_opts([src, other], tmp_path / "out"))
    out = tmp_path / "out"
    docs = [json.loads(x)["doc_id"] for x in read_lines(out / "documents.jsonl")]
    codes = _codes(out)
    assert docs == ["ok", "ok2"]
    assert codes == {"in:2": Code.BAD_JSON.value, "in:3": Code.MISSING_ID.value, "empty": Code.EMPTY.value,
                     "notext": Code.MISSING_TEXT.value, "in:6": Code.BAD_JSON.value,
                     "huge": Code.TOO_LARGE.value, "notes.pdf": Code.UNREADABLE.value}
    assert s["inputs"] == 9 and s["documents"] + s["errors"] == 9


def test_every_error_record_has_a_known_code(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", ["{bad", {"id": "a", "text": "RAISE_ERROR 1"}, {"id": "b", "text": ""}])
    run(_opts([src], tmp_path / "out"))
    known = {c.value for c in Code}
    assert set(_codes(tmp_path / "out").values()) <= known


def test_processor_exception_becomes_extract_error(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "fine 1"}, {"id": "b", "text": "RAISE_ERROR 2"}])
    run(_opts([src], tmp_path / "out"))
    err = json.loads(read_lines(tmp_path / "out" / "errors.jsonl")[0])
    assert err["doc_id"] == "b" and err["code"] == Code.EXTRACT.value
    assert "ValueError: fake extractor failure" in err["reason"]
    assert err["source"]["line"] == 2


def test_unpaired_surrogate_text_is_an_error_record(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s", "text": "bad \\ud800 text 5%"}\n{"id": "t", "text": "good 5%"}\n', encoding="utf-8")
    run(_opts([src], tmp_path / "out"))
    assert _codes(tmp_path / "out") == {"s": Code.DECODE.value}
    assert [json.loads(x)["doc_id"] for x in read_lines(tmp_path / "out" / "documents.jsonl")] == ["t"]


def test_output_is_raw_utf8_and_valid_documents(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "zh", "text": "研发投入增长12.5%。", "published": "2024-03-01"}])
    run(_opts([src], tmp_path / "out"))
    raw = (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8")
    assert "研发投入" in raw and "\\u" not in raw
    doc = Document.model_validate_json(raw)
    assert doc.source.content_hash and doc.figures[0].text == "12.5%"


def test_process_document_uses_the_api(monkeypatch):
    import pipeline.api

    calls = []

    def fake(doc, link=True):
        calls.append((doc.lang, doc.published, link))
        i = doc.text.index("5%")
        return doc.model_copy(update={"figures": [Figure(text="5%", start=i, end=i + 2, kind="percent", value=5)]})

    monkeypatch.setattr(pipeline.api, "analyse_document", fake)
    doc = Document(doc_id="a", lang="en", published="2024-01-02", text="up 5% in 2024")
    res = runner.process_document(doc, link=False)
    assert isinstance(res, Document) and res.figures[0].value == 5
    assert calls == [("en", "2024-01-02", False)]


def test_process_document_rejects_figures_outside_the_text(monkeypatch):
    import pipeline.api

    monkeypatch.setattr(pipeline.api, "analyse_document", lambda doc, link=True: doc.model_copy(
        update={"figures": [Figure.model_construct(text="9%", start=0, end=2, kind="percent", value=9)]}))
    res = runner.process_document(Document(doc_id="a", text="up 5%"))
    assert res.code == Code.EXTRACT.value and "does not point into the text" in res.reason


# ---------------------------------------------------------------------------------------------
# duplicates
# ---------------------------------------------------------------------------------------------

def test_duplicates(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "增长5%，投入3亿元。"},
        {"id": "b", "text": "other 7%"},
        {"id": "a", "text": "增长5%，投入3亿元。"},          # exact repeat: same id, same text
        {"id": "b", "text": "changed 8%"},                  # same id, other text
        {"id": "c", "text": "增长5%，投入3亿元。"},          # new id, same text: not extracted again
        {"id": "d", "text": "other 7%", "published": "2020-01-01"},  # same text, other dateline: extracted
    ])
    s = run(_opts([src], tmp_path / "out"))
    out = tmp_path / "out"
    docs = {json.loads(x)["doc_id"]: json.loads(x) for x in read_lines(out / "documents.jsonl")}
    assert list(docs) == ["a", "b", "c", "d"]
    assert docs["c"]["figures"] == docs["a"]["figures"] and docs["c"]["source"]["line"] == 5
    assert _codes(out) == {"a": Code.DUPLICATE_ID.value, "b": Code.DUPLICATE_ID.value}
    reasons = [json.loads(x)["reason"] for x in read_lines(out / "errors.jsonl")]
    assert "exact repeat" in reasons[0] and "other text" in reasons[1]
    assert [json.loads(x) for x in read_lines(out / "duplicates.jsonl")] == [
        {"doc_id": "c", "duplicate_of": "a", "content_hash": docs["a"]["source"]["content_hash"]}]
    assert s["duplicates"] == 1 and s["inputs"] == 6


def test_duplicate_of_a_failed_document_is_an_error(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "RAISE_ERROR 5%"}, {"id": "b", "text": "RAISE_ERROR 5%"}])
    run(_opts([src], tmp_path / "out"))
    errs = [json.loads(x) for x in read_lines(tmp_path / "out" / "errors.jsonl")]
    assert [(e["doc_id"], e["code"]) for e in errs] == [("a", Code.EXTRACT.value), ("b", Code.EXTRACT.value)]
    assert "same text as 'a'" in errs[1]["reason"]


def test_duplicate_across_chunks(tmp_path):
    recs = corpus_records(300, dup_every=7)
    src = _jsonl(tmp_path / "in.jsonl", recs)
    s = run(_opts([src], tmp_path / "out", chunk_size=16))
    texts = {}
    for line in read_lines(tmp_path / "out" / "documents.jsonl"):
        d = json.loads(line)
        key = (d["text"], d["lang"], d["published"])
        texts.setdefault(key, d["figures"])
        assert d["figures"] == texts[key]
    assert s["duplicates"] == len(read_lines(tmp_path / "out" / "duplicates.jsonl")) > 10
    assert s["documents"] == 300


# ---------------------------------------------------------------------------------------------
# determinism and parallelism
# ---------------------------------------------------------------------------------------------

def test_workers_give_identical_outputs(tmp_path):
    files = write_corpus(tmp_path / "in", 700, files=3)
    bad = _jsonl(tmp_path / "in" / "zz-bad.jsonl", ["{oops", {"id": "e", "text": ""}, {"id": "r", "text": "RAISE_ERROR"}])
    outs = {}
    for w in (0, 1, 2):
        s = run(_opts(files + [bad], tmp_path / f"out{w}", workers=w, chunk_size=37))
        assert s["inputs"] == 703 and s["documents"] + s["errors"] == 703
        outs[w] = _outputs(tmp_path / f"out{w}")
    assert outs[0] == outs[1] == outs[2]


def test_worker_crash_becomes_an_error_record(tmp_path):
    recs = [{"id": f"d{i}", "text": f"value {i}%"} for i in range(60)]
    recs[25]["text"] = "CRASH_WORKER 1%"
    src = _jsonl(tmp_path / "in.jsonl", recs)
    s = run(_opts([src], tmp_path / "out", workers=2, chunk_size=10))
    assert s["inputs"] == 60 and s["documents"] == 59
    err = json.loads(read_lines(tmp_path / "out" / "errors.jsonl")[0])
    assert err["doc_id"] == "d25" and err["code"] == Code.INTERNAL.value
    assert "worker process died" in err["reason"]


def test_worker_crash_once_is_retried(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCH_FAKE_DIR", str(tmp_path))
    recs = [{"id": f"d{i}", "text": f"value {i}%"} for i in range(30)]
    recs[12]["text"] = "CRASH_ONCE 12%"
    src = _jsonl(tmp_path / "in.jsonl", recs)
    s = run(_opts([src], tmp_path / "out", workers=1, chunk_size=8))
    assert s["documents"] == 30 and s["errors"] == 0
    assert (tmp_path / "crashed-d12").exists()


def test_document_timeout(tmp_path):
    recs = [{"id": "a", "text": "fine 1%"}, {"id": "hang", "text": "HANG_FOREVER"}, {"id": "b", "text": "fine 2%"}]
    src = _jsonl(tmp_path / "in.jsonl", recs)
    s = run(_opts([src], tmp_path / "out", workers=1, doc_timeout=1.0))
    assert s["documents"] == 2
    err = json.loads(read_lines(tmp_path / "out" / "errors.jsonl")[0])
    assert err["doc_id"] == "hang" and err["code"] == Code.EXTRACT.value and "did not finish" in err["reason"]


# ---------------------------------------------------------------------------------------------
# resume
# ---------------------------------------------------------------------------------------------

def test_rerun_of_a_finished_run_does_nothing(tmp_path):
    files = write_corpus(tmp_path / "in", 200)
    first = run(_opts(files, tmp_path / "out", chunk_size=30))
    before = _outputs(tmp_path / "out")
    again = run(_opts(files, tmp_path / "out", chunk_size=30))
    assert again["processed"] == 0 and again["resumed"] == 200
    assert again["documents"] == first["documents"]
    assert _outputs(tmp_path / "out") == before
    assert not list((tmp_path / "out" / ".state" / "segments").iterdir())


def test_resume_skips_committed_chunks(tmp_path):
    files = write_corpus(tmp_path / "in", 300)
    ref = tmp_path / "ref"
    run(_opts(files, ref, chunk_size=25))
    out = tmp_path / "out"
    run(_opts(files, out, chunk_size=25, keep_state=True))
    # as if interrupted: some segments missing, no final files, no completion record
    segs = sorted((out / ".state" / "segments").glob("*.seg"))
    assert len(segs) == 12
    for p in segs[3:7] + [segs[-1]]:
        p.unlink()
    for n in ("documents.jsonl", "errors.jsonl", "duplicates.jsonl", "summary.json", ".state/complete.json"):
        (out / n).unlink()
    s = run(_opts(files, out, chunk_size=25))
    assert s["resumed"] == 7 * 25 and s["processed"] == 5 * 25
    assert _outputs(out) == _outputs(ref)


def test_changed_input_recomputes_only_changed_chunks(tmp_path):
    recs = corpus_records(120)
    src = _jsonl(tmp_path / "in.jsonl", recs)
    out = tmp_path / "out"
    run(_opts([src], out, chunk_size=20, keep_state=True))
    recs[45]["text"] = "完全不同的文本，增长99%。"
    _jsonl(src, recs)
    s = run(_opts([src], out, chunk_size=20, keep_state=True))
    assert s["processed"] == 20 and s["resumed"] == 100
    run(_opts([src], tmp_path / "fresh", chunk_size=20))
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_changed_input_after_a_pruned_run_starts_over(tmp_path):
    recs = corpus_records(50)
    src = _jsonl(tmp_path / "in.jsonl", recs)
    run(_opts([src], tmp_path / "out", chunk_size=20))
    _jsonl(src, recs[:40])
    s = run(_opts([src], tmp_path / "out", chunk_size=20))
    assert s["processed"] == 40 and s["inputs"] == 40


def test_changed_options_start_over(tmp_path):
    files = write_corpus(tmp_path / "in", 40)
    run(_opts(files, tmp_path / "out", keep_state=True))
    s = run(_opts(files, tmp_path / "out", keep_state=True, link=False))
    assert s["processed"] == 40 and s["resumed"] == 0


def test_interrupted_partial_temp_files_are_ignored(tmp_path):
    files = write_corpus(tmp_path / "in", 60)
    out = tmp_path / "out"
    (out / ".state" / "segments").mkdir(parents=True)
    (out / ".state" / "segments" / ".00000000.seg.999.tmp").write_text("#half a segm")
    (out / ".documents.jsonl.999.tmp").write_text('{"doc_id": "half')
    s = run(_opts(files, out, chunk_size=20))
    assert s["processed"] == 60
    assert not list(out.glob(".*.tmp")) and not list((out / ".state" / "segments").glob(".*"))


def test_a_second_run_on_the_same_directory_is_refused(tmp_path):
    files = write_corpus(tmp_path / "in", 10)
    out = tmp_path / "out"
    state = runner.RunState(out, {"format": runner.STATE_FORMAT, "link": True, "processor": FAKE})
    with state, pytest.raises(RuntimeError, match="another run"):
        run(_opts(files, out))


def test_keyboard_interrupt_keeps_committed_chunks(tmp_path, monkeypatch):
    files = write_corpus(tmp_path / "in", 100)
    out = tmp_path / "out"
    restore = interrupt_after_commits(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        run(_opts(files, out, chunk_size=10))
    assert not (out / "documents.jsonl").exists()
    restore()
    s = run(_opts(files, out, chunk_size=10))
    assert s["resumed"] == 20 and s["processed"] == 80
    run(_opts(files, tmp_path / "ref", chunk_size=10))
    assert _outputs(out) == _outputs(tmp_path / "ref")


# ---------------------------------------------------------------------------------------------
# progress, summary, CLI
# ---------------------------------------------------------------------------------------------

def test_progress_lines_and_summary(tmp_path, caplog):
    files = write_corpus(tmp_path / "in", 50)
    with caplog.at_level(logging.INFO, logger="pipeline.batch"):
        s = run(_opts(files, tmp_path / "out", chunk_size=10, progress=True, log_every=0))
    msgs = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("progress: ") and "docs/s" in m for m in msgs)
    assert any(m.startswith("done: 50 inputs") for m in msgs)
    assert json.loads((tmp_path / "out" / "summary.json").read_text()) == s
    assert {"documents", "figures", "errors", "seconds", "docs_per_second"} <= set(s)


def test_cli_run_and_load(tmp_path, capsys):
    from pipeline.cli import main

    files = write_corpus(tmp_path / "in", 30)
    out = tmp_path / "out"
    assert main(["run", str(files[0]), "--out", str(out), "--quiet", "--processor", FAKE, "--chunk-size", "7"]) == 0
    assert len(read_lines(out / "documents.jsonl")) == 30
    assert main(["load", str(out)]) == 0
    counts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert counts["tables"]["documents"] == 30 and (out / "policy.db").exists()


def test_two_output_directories_can_run_at_once(tmp_path):
    files = write_corpus(tmp_path / "in", 80)
    errors = []

    def go(name):
        try:
            run(_opts(files, tmp_path / name, chunk_size=9))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")


def test_error_codes_in_summary(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", ["{x", "{y", {"id": "e", "text": ""}])
    s = run(_opts([src], tmp_path / "out"))
    assert s["error_codes"] == dict(sorted(Counter([Code.BAD_JSON.value] * 2 + [Code.EMPTY.value]).items()))
    shutil.rmtree(tmp_path / "out")


def test_changed_processor_code_starts_over(tmp_path, monkeypatch):
    mod = tmp_path / "versioned_proc.py"
    mod.write_text("from batch_support import process\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    files = write_corpus(tmp_path / "in", 40)
    run(_opts(files, tmp_path / "out", keep_state=True, processor="versioned_proc:process"))
    assert run(_opts(files, tmp_path / "out", keep_state=True, processor="versioned_proc:process"))["processed"] == 0
    mod.write_text("from batch_support import process  # v2\n")
    s = run(_opts(files, tmp_path / "out", keep_state=True, processor="versioned_proc:process"))
    assert s["processed"] == 40 and s["resumed"] == 0
