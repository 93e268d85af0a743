"""The ``targets`` view: every target figure with its document, on both back-ends, in new and older databases."""
from __future__ import annotations

import json
from pathlib import Path

from batch_support import read_lines

from pipeline.load import load_dir, loader_for

_COLS = "doc_id, ordinal, title, dateline, lang, subject, metric, year, kind, value, unit"


def _with_targets(run_dir: Path) -> list[tuple]:
    """Make every figure of value >= 50 a 2026 target with a metric and subject; return the expected view rows."""
    lines, want = [], []
    for line in read_lines(run_dir / "documents.jsonl"):
        doc = json.loads(line)
        for i, f in enumerate(doc["figures"]):
            if f["value"] >= 50:
                f.update(role="target", year=2026, metric="研发投入", subject="全市")
                want.append((doc["doc_id"], i, doc["title"], (doc.get("dateline") or {}).get("date"), doc["lang"],
                             "全市", "研发投入", 2026, f["kind"], f["value"], f["unit"]))
        lines.append(json.dumps(doc, ensure_ascii=False))
    (run_dir / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sorted(want)


def _view(url: str) -> list[tuple]:
    with loader_for(url) as ld:
        rows = ld.execute(f"SELECT {_COLS} FROM targets ORDER BY doc_id, ordinal").fetchall()
    return [tuple(float(v) if k == 9 else v for k, v in enumerate(r)) for r in rows]


def test_targets_view_lists_every_target(run_dir, db_url):
    want = _with_targets(run_dir)
    assert load_dir(run_dir, db_url)["failed"] == 0
    assert len(want) > 10
    assert _view(db_url) == want


def test_an_existing_database_without_the_view_gets_it(run_dir, db_url):
    want = _with_targets(run_dir)
    load_dir(run_dir, db_url)
    with loader_for(db_url) as ld:                     # a version-2 database written before the view existed
        ld.begin()
        ld.execute("DROP VIEW targets")
        ld.commit()
        assert ld.execute("SELECT value FROM policy_extract_meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    assert load_dir(run_dir, db_url)["unchanged"] > 0  # opening it again creates the view, nothing else changes
    assert _view(db_url) == want
