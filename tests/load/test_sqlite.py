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
