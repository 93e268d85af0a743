"""SQLite specifics: the default file, URL forms."""
from __future__ import annotations

import sqlite3

from pipeline.load import load_dir, loader_for
from pipeline.load.postgres import PostgresLoader
from pipeline.load.sqlite import SQLiteLoader, sqlite_path


def test_default_database_is_dir_policy_db(run_dir):
    counts = load_dir(run_dir)
    assert (run_dir / "policy.db").exists() and counts["db"].endswith("policy.db")
    with sqlite3.connect(run_dir / "policy.db") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == counts["tables"]["documents"]


def test_url_forms():
    assert sqlite_path("sqlite:///rel/x.db") == "rel/x.db"
    assert sqlite_path("sqlite:////abs/x.db") == "/abs/x.db"
    assert sqlite_path("plain/x.db") == "plain/x.db"
    assert sqlite_path("sqlite://") == ":memory:"
    assert isinstance(loader_for("x.db"), SQLiteLoader)
    assert isinstance(loader_for("postgresql://u@h/db"), PostgresLoader)
    assert isinstance(loader_for("postgres://u@h/db"), PostgresLoader)


def test_password_is_not_reported():
    assert loader_for("postgresql://u:secret@h:5/db").safe_url() == "postgresql://u:***@h:5/db"


def test_unknown_scheme():
    import pytest

    with pytest.raises(ValueError, match="unsupported database URL"):
        loader_for("mysql://u@h/db")


def test_cli_load_reports_a_missing_run_output(tmp_path, capsys):
    from pipeline.cli import main

    assert main(["load", str(tmp_path)]) == 2
    assert "no documents.jsonl" in capsys.readouterr().err


def test_cli_load_exit_status_on_failures(run_dir, capsys):
    from pipeline.cli import main

    with (run_dir / "documents.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "broken"}\n')
    assert main(["load", str(run_dir)]) == 1
    assert '"failed": 1' in capsys.readouterr().out


REPORT = ("2026年某省政府工作报告\n——2026年1月20日在某省第十四届人民代表大会第四次会议上\n各位代表：\n"
          "一、2025年工作回顾\n过去一年，全省生产总值增长5.6%。\n"
          "二、2026年重点工作\n今年全省生产总值增长5%左右。\n")


def _report_run(tmp_path):
    from pipeline.models import Document
    from pipeline.runner import process_document

    out = tmp_path / "run"
    out.mkdir()
    doc = process_document(Document(doc_id="r1", lang="zh", text=REPORT))
    (out / "documents.jsonl").write_text(doc.model_dump_json() + "\n", encoding="utf-8")
    return out, doc


def test_sections_and_dateline_are_loaded(tmp_path):
    out, doc = _report_run(tmp_path)
    counts = load_dir(out)
    assert counts["tables"]["sections"] == len(doc.sections) >= 2
    with sqlite3.connect(out / "policy.db") as db:
        heads = db.execute("SELECT heading, year, mode FROM sections WHERE kind = 'heading' ORDER BY ordinal").fetchall()
        dl = db.execute("SELECT dateline, dateline_source, dateline_pattern FROM documents").fetchone()
    assert heads == [("一、2025年工作回顾", 2025, "review"), ("二、2026年重点工作", 2026, "plan")]
    assert dl == ("2026-01-20", "text", "speech")


def test_a_version_1_database_is_migrated(tmp_path):
    """A database written by the loader before sections existed is brought up to date in place."""
    out, doc = _report_run(tmp_path)
    db_path = out / "policy.db"
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE policy_extract_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO policy_extract_meta VALUES ('schema_version', '1')")
        db.execute("""CREATE TABLE documents (doc_id TEXT PRIMARY KEY, title TEXT, published TEXT, lang TEXT NOT NULL,
            text TEXT NOT NULL, source_kind TEXT, source_path TEXT, source_url TEXT, source_line INTEGER,
            source_warc_record_id TEXT, source_http_status INTEGER, source_encoding TEXT, source_content_type TEXT,
            content_hash TEXT, source TEXT NOT NULL, n_figures INTEGER NOT NULL, record_hash TEXT NOT NULL,
            loaded_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)""")
    counts = load_dir(out, str(db_path))
    assert counts["failed"] == 0 and counts["tables"]["sections"] == len(doc.sections)
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT value FROM policy_extract_meta").fetchone() == ("2",)
        assert db.execute("SELECT dateline FROM documents").fetchone() == ("2026-01-20",)
