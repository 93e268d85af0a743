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
