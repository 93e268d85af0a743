"""Fixtures of the loader tests: a finished run directory and a database URL per backend.

``db_url`` is parametrized over SQLite and PostgreSQL: the same suite runs on both. The
PostgreSQL cases use the server of ``scripts/postgres.sh`` (or ``POLICY_EXTRACT_PG_URL``), one
fresh schema per test, and are skipped with the reason when no server is reachable.
"""
from __future__ import annotations

import json
import shutil
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from batch_support import FAKE, postgres_url, with_search_path, write_corpus  # noqa: E402

from pipeline.runner import RunOptions, run  # noqa: E402


@pytest.fixture(scope="session")
def finished_run(tmp_path_factory) -> Path:
    """A run directory with documents (some with duplicates), error records and duplicates."""
    d = tmp_path_factory.mktemp("load-run")
    files = write_corpus(d / "in", 400)
    bad = d / "in" / "zz-bad.jsonl"
    bad.write_text('{oops\n{"id": "empty", "text": ""}\n{"id": "doc-000001", "text": "other 3%"}\n'
                   + json.dumps({"id": "r", "text": "RAISE_ERROR 5%"}) + "\n", encoding="utf-8")
    run(RunOptions(inputs=[str(f) for f in files] + [str(bad)], out=str(d / "out"), workers=0,
                   processor=FAKE, progress=False, chunk_size=64))
    return d / "out"


@pytest.fixture
def run_dir(finished_run, tmp_path) -> Path:
    """A private copy of the finished run (tests may edit it)."""
    out = tmp_path / "run"
    shutil.copytree(finished_run, out, ignore=shutil.ignore_patterns(".state", "*.db*"))
    return out


@pytest.fixture(scope="session")
def pg_server() -> str:
    url, reason = postgres_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    import psycopg

    base = request.getfixturevalue("pg_server")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
