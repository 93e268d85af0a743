"""Archive scale: 10,000 documents through --workers 1, --workers 2 and the Dask engine, then into
SQLite and PostgreSQL. Marked ``slow`` (deselect with ``-m "not slow"``).

The real extractor is used when it works (it is written in parallel); otherwise the stand-in of
batch_support. Either way the test compares engines with each other, never with fixed figures.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_support import FAKE, postgres_url, read_lines, real_extractor_works, with_search_path, write_corpus

from pipeline.load import load_dir
from pipeline.runner import DEFAULT_PROCESSOR, RunOptions, run

pytestmark = pytest.mark.slow

N = 10_000
FILES = ("documents.jsonl", "errors.jsonl", "duplicates.jsonl")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, list[Path], str]:
    d = tmp_path_factory.mktemp("heavy")
    files = write_corpus(d / "in", N, files=4)
    processor = DEFAULT_PROCESSOR if real_extractor_works() else FAKE
    print(f"\nheavy test processor: {processor}")
    return d, files, processor


@pytest.fixture(scope="module")
def outputs(archive) -> dict[str, Path]:
    d, files, processor = archive
    outs = {}
    for name, kw in {"w1": {"workers": 1}, "w2": {"workers": 2},
                     "dask": {"engine": "dask", "scheduler": "local", "workers": 2}}.items():
        if name == "dask":
            pytest.importorskip("distributed")
        s = run(RunOptions(inputs=[str(f) for f in files], out=str(d / name), processor=processor, progress=False,
                           **kw))
        print(f"{name}: {s}")
        assert s["inputs"] == N
        outs[name] = d / name
    return outs


def test_every_document_is_accounted_for(outputs):
    out = outputs["w1"]
    ids = [json.loads(x)["doc_id"] for x in read_lines(out / "documents.jsonl")]
    errs = [json.loads(x)["doc_id"] for x in read_lines(out / "errors.jsonl")]
    assert len(ids) == len(set(ids))
    assert sorted(ids + errs) == [f"doc-{i:06d}" for i in range(N)]
    assert len(read_lines(out / "duplicates.jsonl")) > 50


@pytest.mark.parametrize("other", ["w2", "dask"])
def test_engines_write_the_same_outputs(outputs, other):
    for name in FILES:
        a, b = outputs["w1"] / name, outputs[other] / name
        assert sorted(read_lines(a)) == sorted(read_lines(b)), name  # the content, order aside
        assert a.read_bytes() == b.read_bytes(), name                 # and in fact the same order


def _expected(out: Path) -> dict[str, int]:
    docs = [json.loads(x) for x in read_lines(out / "documents.jsonl")]
    return {"documents": len(docs), "figures": sum(len(d["figures"]) for d in docs),
            "sections": sum(len(d.get("sections") or []) for d in docs),
            "errors": len(read_lines(out / "errors.jsonl")), "duplicates": len(read_lines(out / "duplicates.jsonl"))}


def _load_twice(out: Path, url: str) -> None:
    first = load_dir(out, url)
    assert first["failed"] == 0 and first["tables"] == _expected(out)
    second = load_dir(out, url)
    assert second["inserted"] == second["updated"] == 0 and second["unchanged"] == first["documents"]
    assert second["tables"] == first["tables"]


def test_load_sqlite(outputs, tmp_path):
    _load_twice(outputs["w2"], f"sqlite:///{tmp_path / 'heavy.db'}")


def test_load_postgres(outputs):
    import uuid

    url, reason = postgres_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    import psycopg

    schema = f"heavy_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        _load_twice(outputs["w2"], with_search_path(url, schema))
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
