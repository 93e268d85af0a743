"""Loading a run into SQLite and PostgreSQL: counts, idempotence, per-document transactions, schema.

Every test runs on both backends (``db_url`` is parametrized in conftest.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_support import read_lines

from pipeline.load import load_dir, loader_for
from pipeline.load.base import FIGURE_FIELDS
from pipeline.models import Document


def _query(url: str, sql: str, params=()) -> list[tuple]:
    with loader_for(url) as ld:
        return [tuple(r) for r in ld.execute(sql, params).fetchall()]


def _dump(url: str) -> dict[str, list[tuple]]:
    cols = {"documents": "doc_id, record_hash, n_figures, text, source",
            "figures": 'doc_id, ordinal, "text", "start", "end", kind, value, figure_hash',
            "errors": "error_id, doc_id, code, reason", "duplicates": "doc_id, duplicate_of, content_hash"}
    order = {"documents": "doc_id", "figures": "doc_id, ordinal", "errors": "error_id", "duplicates": "doc_id"}
    return {t: _query(url, f"SELECT {c} FROM {t} ORDER BY {order[t]}") for t, c in cols.items()}


def _file_counts(run_dir: Path) -> dict[str, int]:
    docs = [json.loads(x) for x in read_lines(run_dir / "documents.jsonl")]
    return {"documents": len(docs), "figures": sum(len(d["figures"]) for d in docs),
            "sections": sum(len(d.get("sections") or []) for d in docs),
            "errors": len(read_lines(run_dir / "errors.jsonl")),
            "duplicates": len(read_lines(run_dir / "duplicates.jsonl"))}


def test_row_counts_match_the_files(run_dir, db_url):
    counts = load_dir(run_dir, db_url)
    expected = _file_counts(run_dir)
    assert expected["errors"] >= 4 and expected["duplicates"] >= 1
    assert counts["tables"] == expected
    assert counts["inserted"] == expected["documents"] and counts["failed"] == 0


def test_second_load_changes_nothing(run_dir, db_url):
    load_dir(run_dir, db_url)
    before = _dump(db_url)
    again = load_dir(run_dir, db_url)
    assert again["inserted"] == again["updated"] == again["failed"] == 0
    assert again["unchanged"] == _file_counts(run_dir)["documents"]
    assert _dump(db_url) == before


def test_fields_round_trip(run_dir, db_url):
    load_dir(run_dir, db_url)
    doc = next(Document.model_validate_json(x) for x in read_lines(run_dir / "documents.jsonl")
               if json.loads(x)["figures"])
    cols = ", ".join(f'"{f}"' for f in FIGURE_FIELDS)
    rows = _query(db_url, f"SELECT {cols} FROM figures WHERE doc_id = {loader_for(db_url).ph} ORDER BY ordinal",
                  (doc.doc_id,))
    assert len(rows) == len(doc.figures)
    for row, fig in zip(rows, doc.figures):
        got = dict(zip(FIGURE_FIELDS, row))
        for name in FIGURE_FIELDS:
            want = getattr(fig, name)
            assert (float(got[name]) if name in ("value", "high") and got[name] is not None else got[name]) == want
    (src, content_hash, lang, published), = _query(
        db_url, f"SELECT source, content_hash, lang, published FROM documents WHERE doc_id = {loader_for(db_url).ph}",
        (doc.doc_id,))
    src = json.loads(src) if isinstance(src, str) else src
    assert src == doc.source.model_dump() and content_hash == doc.source.content_hash
    assert (lang, published) == (doc.lang, doc.published)


def test_changed_document_is_updated_and_its_figures_replaced(run_dir, db_url):
    load_dir(run_dir, db_url)
    lines = read_lines(run_dir / "documents.jsonl")
    i = next(i for i, x in enumerate(lines) if len(json.loads(x)["figures"]) >= 2)
    rec = json.loads(lines[i])
    rec["figures"] = rec["figures"][:1]
    lines[i] = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    (run_dir / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = load_dir(run_dir, db_url)
    assert counts["updated"] == 1 and counts["unchanged"] == len(lines) - 1
    ph = loader_for(db_url).ph
    assert _query(db_url, f"SELECT count(*), max(ordinal) FROM figures WHERE doc_id = {ph}", (rec["doc_id"],)) == [(1, 0)]
    assert counts["tables"]["figures"] == _file_counts(run_dir)["figures"]


def test_a_failing_document_leaves_no_rows(run_dir, db_url):
    lines = read_lines(run_dir / "documents.jsonl")
    victim = next(json.loads(x)["doc_id"] for x in lines if json.loads(x)["figures"])
    loader = loader_for(db_url)
    real = loader.executemany

    def executemany(sql, rows):
        if rows and rows[0][0] == victim:  # the document row is written already: the savepoint must undo it
            raise RuntimeError("disk on fire")
        real(sql, rows)

    loader.executemany = executemany
    with loader:
        counts = loader.load_dir(run_dir)
    assert counts["failed"] == 1 and victim in counts["failures"][0] and "disk on fire" in counts["failures"][0]
    ph = loader_for(db_url).ph
    assert _query(db_url, f"SELECT count(*) FROM documents WHERE doc_id = {ph}", (victim,)) == [(0,)]
    assert _query(db_url, f"SELECT count(*) FROM figures WHERE doc_id = {ph}", (victim,)) == [(0,)]
    assert counts["tables"]["documents"] == len(lines) - 1
    # the next load completes the database
    again = load_dir(run_dir, db_url)
    assert again["inserted"] == 1 and again["tables"] == _file_counts(run_dir)


def test_bad_lines_are_reported_and_the_rest_loads(run_dir, db_url):
    lines = read_lines(run_dir / "documents.jsonl")
    (run_dir / "documents.jsonl").write_text("\n".join(lines[:5] + ['{"doc_id": "x"', '{"doc_id": "y"}'] + lines[5:])
                                             + "\n", encoding="utf-8")
    counts = load_dir(run_dir, db_url)
    assert counts["failed"] == 2 and counts["tables"]["documents"] == len(lines)
    assert "documents.jsonl:6" in counts["failures"][0]


def test_indexes(run_dir, db_url):
    load_dir(run_dir, db_url)
    if db_url.startswith("sqlite"):
        names = {r[0] for r in _query(db_url, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    else:
        names = {r[0] for r in _query(db_url, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
    assert {"figures_doc_id", "figures_kind", "figures_year", "figures_role", "errors_code"} <= names


def test_missing_run_output(tmp_path, db_url):
    with pytest.raises(FileNotFoundError, match="documents.jsonl"):
        load_dir(tmp_path, db_url)
