"""Exporters: raw UTF-8 JSON Lines, atomic replacement, the committed schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.export import (EXPORTERS, JsonLinesExporter, atomic_open, dumps, get_exporter, schema_text,
                             write_json, write_jsonl)
from pipeline.models import Document, ErrorRecord, Figure

ROOT = Path(__file__).resolve().parents[1]


def _doc() -> Document:
    return Document(doc_id="z1", text="研发投入增长12.5%", lang="zh",
                    figures=[Figure(text="12.5%", start=6, end=11, kind="percent", value=12.5)])


@pytest.mark.parametrize("item", [_doc(), {"doc_id": "z1", "text": "研发投入"}, ErrorRecord(code="E001_empty", reason="空")],
                         ids=["model", "dict", "error"])
def test_jsonl_is_raw_utf8(tmp_path, item):
    p = tmp_path / "x.jsonl"
    assert write_jsonl(p, [item, item]) == 2
    raw = p.read_bytes().decode("utf-8")
    assert "\\u" not in raw and raw.count("\n") == 2
    assert json.loads(raw.splitlines()[0]) == (item.model_dump(mode="json") if hasattr(item, "model_dump") else item)


def test_document_line_round_trips(tmp_path):
    p = tmp_path / "d.jsonl"
    write_jsonl(p, [_doc()])
    assert Document.model_validate_json(p.read_text(encoding="utf-8")) == _doc()


def test_serialised_lines_are_written_as_they_are(tmp_path):
    p = tmp_path / "d.jsonl"
    line = dumps(_doc())
    write_jsonl(p, [line])
    assert p.read_text(encoding="utf-8") == line + "\n"


def test_exporter_refuses_a_raw_newline(tmp_path):
    with open(tmp_path / "x", "w", encoding="utf-8") as fh, pytest.raises(ValueError):
        JsonLinesExporter(fh).export_item('{"a": 1}\n{"b": 2}')


def test_atomic_open_replaces_only_on_success(tmp_path):
    p = tmp_path / "out.jsonl"
    p.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_open(p) as fh:
        fh.write("half a li")
        raise RuntimeError("crash")
    assert p.read_text() == "old\n"
    assert [x.name for x in tmp_path.iterdir()] == ["out.jsonl"]
    with atomic_open(p) as fh:
        fh.write("new\n")
        assert p.read_text() == "old\n"  # not visible before the rename
    assert p.read_text() == "new\n"
    assert [x.name for x in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_open_binary_and_bad_mode(tmp_path):
    with atomic_open(tmp_path / "b", "wb") as fh:
        fh.write(b"\x00\x01")
    assert (tmp_path / "b").read_bytes() == b"\x00\x01"
    with pytest.raises(ValueError):
        with atomic_open(tmp_path / "c", "a"):
            pass


def test_write_json(tmp_path):
    write_json(tmp_path / "s.json", {"城市": "深圳"})
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == '{\n  "城市": "深圳"\n}\n'


def test_exporters_by_name():
    assert get_exporter("jsonl") is JsonLinesExporter and "jsonl" in EXPORTERS
    with pytest.raises(ValueError, match="unknown export format"):
        get_exporter("xml")


def test_committed_schema_is_current():
    """outputs/schema.json is generated: regenerate with `policy-extract schema > outputs/schema.json`."""
    assert (ROOT / "outputs" / "schema.json").read_text(encoding="utf-8") == schema_text()


# ---------------------------------------------------------------------------------------------
# figure tables: CSV and Parquet (pipeline/export_table.py, `policy-extract export`)
# ---------------------------------------------------------------------------------------------

def _table_run(tmp_path: Path) -> Path:
    """A run with every kind of figure field: nulls, ranges, changes, targets, Chinese, a dateline, odd titles."""
    from pipeline.models import Dateline

    out = tmp_path / "run"
    out.mkdir()
    zh = "到2025年底，经开区产值力争达到300亿元，增长5%～8%，高新技术企业不少于50家。"
    docs = [
        Document(doc_id="z1", lang="zh", title='标题, "引号"\n第二行', text=zh, published="2024-12-30",
                 dateline=Dateline(date="2024-12-30", year=2024, source="input"),
                 figures=[Figure(text="300亿元", start=zh.index("300亿元"), end=zh.index("300亿元") + 5, kind="money",
                                 value=30000000000.0, unit="CNY", comparator=">=", role="target", year=2025,
                                 metric="产值", subject="经开区", sentence_start=0, sentence_end=len(zh), rule="zh.money"),
                          Figure(text="5%～8%", start=zh.index("5%～8%"), end=zh.index("5%～8%") + 5, kind="percent",
                                 value=5.0, high=8.0, unit="%", change="increase", role="target", year=2025),
                          Figure(text="50家", start=zh.index("50家"), end=zh.index("50家") + 3, kind="count", value=50.0,
                                 unit="家", comparator=">=")]),
        Document(doc_id="e1", lang="en", text="Exports fell 0.1 percentage points.",
                 figures=[Figure(text="0.1 percentage points", start=13, end=34, kind="ppt", value=0.1, unit="pp",
                                 change="decrease")]),
        Document(doc_id="n0", lang="zh", text="没有数字。"),
    ]
    (out / "documents.jsonl").write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    return out


def _db_rows(run: Path) -> list[dict]:
    import sqlite3

    from pipeline.export_table import COLUMNS
    from pipeline.load import load_dir

    load_dir(run)
    cols = ", ".join(f'f."{c}"' if c not in ("doc_id", "title", "published", "dateline", "lang") else f"d.{c}"
                     for c in COLUMNS if c not in ("dateline_year", "dateline_source"))
    with sqlite3.connect(run / "policy.db") as db:
        cur = db.execute(f"SELECT {cols} FROM figures f JOIN documents d ON d.doc_id = f.doc_id "
                         "ORDER BY d.rowid, f.ordinal")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def _comparable(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k not in ("dateline_year", "dateline_source")}
    if hasattr(out.get("dateline"), "isoformat"):
        out["dateline"] = out["dateline"].isoformat()
    return out


def test_csv_is_utf8_with_bom_one_row_per_figure(tmp_path):
    import csv

    from pipeline.export_table import COLUMNS, export_figures

    run = _table_run(tmp_path)
    info = export_figures(run, "csv")
    raw = (run / "figures.csv").read_bytes()
    assert info["rows"] == 4 and raw.startswith(b"\xef\xbb\xbf") and "经开区".encode() in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0] == COLUMNS and len(rows) == 5
    assert rows[1][COLUMNS.index("title")] == '标题, "引号"\n第二行'
    assert rows[1][COLUMNS.index("value")] == "30000000000.0" and rows[3][COLUMNS.index("high")] == ""


def test_parquet_columns_are_typed(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import datetime as dt

    from pipeline.export_table import ARROW_TYPES, COLUMNS, export_figures

    run = _table_run(tmp_path)
    assert export_figures(run, "parquet")["rows"] == 4
    table = pq.read_table(run / "figures.parquet")
    assert table.column_names == COLUMNS
    import pyarrow as pa

    assert {f.name: f.type for f in table.schema} == {c: getattr(pa, ARROW_TYPES[c])() for c in COLUMNS}
    first = table.slice(0, 1).to_pylist()[0]
    assert first["dateline"] == dt.date(2024, 12, 30) and first["year"] == 2025 and first["value"] == 3e10


def test_csv_and_parquet_read_back_equal_the_database(tmp_path):
    pa_csv = pytest.importorskip("pyarrow.csv")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.export_table import ARROW_TYPES, export_figures

    run = _table_run(tmp_path)
    export_figures(run, "csv")
    export_figures(run, "parquet")
    want = _db_rows(run)
    from_parquet = [_comparable(r) for r in pq.read_table(run / "figures.parquet").to_pylist()]
    types = {c: getattr(pa, t)() for c, t in ARROW_TYPES.items()}
    from_csv = [_comparable(r) for r in pa_csv.read_csv(
        run / "figures.csv", convert_options=pa_csv.ConvertOptions(column_types=types, strings_can_be_null=True),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True)).to_pylist()]
    assert len(want) == 4
    assert from_parquet == want
    assert from_csv == want


def test_cli_export(tmp_path, capsys):
    from pipeline.cli import main

    run = _table_run(tmp_path)
    assert main(["export", str(run), "--format", "csv", "--out", str(tmp_path / "x" / "f.csv")]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 4 and (tmp_path / "x" / "f.csv").exists()
    assert main(["export", str(tmp_path / "none"), "--format", "parquet"]) == 2
    assert "no documents.jsonl" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown table format"):
        from pipeline.export import export_figures

        export_figures(run, "xlsx")
