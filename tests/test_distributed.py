"""The Dask engine on a LocalCluster with two worker processes: same outputs as the local engine."""
from __future__ import annotations

import json

import pytest
from batch_support import FAKE, read_lines, write_corpus

from pipeline.errors import Code
from pipeline.runner import RunOptions, run

pytest.importorskip("distributed")

FILES = ("documents.jsonl", "errors.jsonl", "duplicates.jsonl")


def _opts(inputs, out, **kw) -> RunOptions:
    kw.setdefault("processor", FAKE)
    kw.setdefault("progress", False)
    return RunOptions(inputs=[str(p) for p in inputs], out=str(out), **kw)


def _outputs(out):
    return {n: (out / n).read_bytes() for n in FILES}


def test_dask_local_cluster_matches_local_engine(tmp_path):
    files = write_corpus(tmp_path / "in", 900, files=2)
    bad = tmp_path / "in" / "zz-bad.jsonl"
    bad.write_text('{oops\n{"id": "e", "text": ""}\n{"id": "r", "text": "RAISE_ERROR 3%"}\n', encoding="utf-8")
    inputs = files + [bad]
    local = run(_opts(inputs, tmp_path / "local", workers=0, chunk_size=40))
    dask = run(_opts(inputs, tmp_path / "dask", engine="dask", scheduler="local", workers=2, chunk_size=40))
    assert dask["engine"] == "dask" and dask["inputs"] == local["inputs"] == 903
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")


def test_dask_resumes_a_local_run(tmp_path):
    files = write_corpus(tmp_path / "in", 200)
    out = tmp_path / "out"
    run(_opts(files, out, workers=0, chunk_size=25, keep_state=True))
    segs = sorted((out / ".state" / "segments").glob("*.seg"))
    for p in segs[::2]:
        p.unlink()
    (out / ".state" / "complete.json").unlink()
    s = run(_opts(files, out, engine="dask", scheduler="local", workers=2, chunk_size=25))
    assert s["processed"] == 100 and s["resumed"] == 100
    run(_opts(files, tmp_path / "ref", workers=0, chunk_size=25))
    assert _outputs(out) == _outputs(tmp_path / "ref")


def test_dask_worker_crash_becomes_an_error_record(tmp_path):
    import dask

    recs = [{"id": f"d{i}", "text": f"value {i}%"} for i in range(40)]
    recs[17]["text"] = "CRASH_WORKER 1%"
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        s = run(_opts([src], tmp_path / "out", engine="dask", scheduler="local", workers=2, chunk_size=10))
    assert s["inputs"] == 40 and s["documents"] == 39
    err = json.loads(read_lines(tmp_path / "out" / "errors.jsonl")[0])
    assert err["doc_id"] == "d17" and err["code"] == Code.INTERNAL.value
    assert "Dask" in err["reason"]
