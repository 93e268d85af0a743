"""The project's own gold corpus (corpus/docs, corpus/gold): format, offsets, enums, coverage, no drift.

These tests check the annotations themselves; they do not run the extraction pipeline.
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCS = CORPUS / "docs"
GOLD = CORPUS / "gold" / "corpus.jsonl"
SRC = CORPUS / "gold" / "src"
TOOL = CORPUS / "tools" / "build_gold.py"

DOC_KEYS_REQUIRED = {"doc_id", "lang", "text", "figures"}
DOC_KEYS_OPTIONAL = {"published", "source"}
FIG_KEYS = ["text", "start", "end", "kind", "value", "unit", "high", "comparator", "change", "role",
            "year", "metric", "subject"]
KINDS = {"money", "percent", "ppt", "count", "quantity"}
COMPARATORS = {"=", ">=", ">", "<=", "<", "~"}
CHANGES = {None, "increase", "decrease"}
ROLES = {"target", "actual"}


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_gold", TOOL)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["build_gold"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    assert GOLD.exists(), f"{GOLD} missing: run python corpus/tools/build_gold.py"
    return [json.loads(line) for line in GOLD.open(encoding="utf-8") if line.strip()]


@pytest.fixture(scope="module")
def tool():
    return _load_tool()


def test_document_keys_and_ids(gold):
    ids = [d["doc_id"] for d in gold]
    assert len(ids) == len(set(ids)), "duplicate doc_id"
    for d in gold:
        keys = set(d)
        assert DOC_KEYS_REQUIRED <= keys, (d["doc_id"], keys)
        assert keys <= DOC_KEYS_REQUIRED | DOC_KEYS_OPTIONAL, (d["doc_id"], keys)
        assert d["lang"] in {"zh", "en", "mixed"}
        assert re.fullmatch(r"(zh|en)-\d\d-[a-z0-9-]+", d["doc_id"]), d["doc_id"]
        assert d["doc_id"].startswith(d["lang"] + "-")
        if "published" in d:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["published"]), d["published"]
            assert d["published"][:4] in d["text"], "published year must come from a dateline in the text"


def test_docs_and_gold_correspond(gold):
    by_id = {d["doc_id"]: d for d in gold}
    files = {p.stem: p for p in DOCS.glob("*.txt")}
    assert set(files) == set(by_id), f"docs without gold: {set(files) - set(by_id)}; gold without doc: {set(by_id) - set(files)}"
    sources = {p.stem for p in SRC.glob("*.yaml")}
    assert sources == set(files), f"annotation sources and documents differ: {sources ^ set(files)}"
    for doc_id, path in files.items():
        assert path.read_text(encoding="utf-8") == by_id[doc_id]["text"], f"{doc_id}: gold text differs from the file"


def test_figure_offsets_and_fields(gold):
    for d in gold:
        text = d["text"]
        prev_end = -1
        for f in d["figures"]:
            where = f"{d['doc_id']} {f.get('text')!r}"
            assert list(f) == FIG_KEYS, f"{where}: keys {list(f)}"
            assert isinstance(f["start"], int) and isinstance(f["end"], int), where
            assert 0 <= f["start"] < f["end"] <= len(text), where
            assert text[f["start"]:f["end"]] == f["text"], f"{where}: span does not match offsets"
            assert f["start"] >= prev_end, f"{where}: overlaps or out of order"
            prev_end = f["end"]
            assert f["text"] == f["text"].strip(), where


def test_enums_and_value_types(gold):
    for d in gold:
        for f in d["figures"]:
            where = f"{d['doc_id']} {f['text']!r}"
            assert f["kind"] in KINDS, where
            assert f["comparator"] in COMPARATORS, where
            assert f["change"] in CHANGES, where
            assert f["role"] in ROLES, where
            assert isinstance(f["value"], float), where
            assert f["high"] is None or (isinstance(f["high"], float) and f["high"] > f["value"]), where
            assert f["year"] is None or (isinstance(f["year"], int) and 1950 <= f["year"] <= 2060), where
            for key in ("metric", "subject"):
                v = f[key]
                assert v is None or (isinstance(v, str) and v.strip() and v in d["text"]), \
                    f"{where}: {key} {v!r} must be null or copied from the text"


def test_unit_conventions(gold):
    for d in gold:
        for f in d["figures"]:
            where = f"{d['doc_id']} {f['text']!r}"
            unit = f["unit"]
            assert isinstance(unit, str) and unit, where
            if f["kind"] == "money":
                assert re.fullmatch(r"[A-Z]{3}", unit), f"{where}: money unit must be an ISO 4217 code"
            elif f["kind"] == "percent":
                assert unit == "%", where
            elif f["kind"] == "ppt":
                assert unit == "pp", where
            elif f["kind"] == "count" and d["lang"] == "en":
                assert unit == unit.lower(), f"{where}: English count unit is the lowercased head noun"


def test_corpus_size_and_coverage(gold):
    langs = Counter(d["lang"] for d in gold)
    assert len(gold) >= 16
    assert langs["zh"] >= 8 and langs["en"] >= 8, langs
    for d in gold:
        assert 800 <= len(d["text"]) <= 2500, f"{d['doc_id']}: {len(d['text'])} characters"
        assert len(d["figures"]) >= 10, f"{d['doc_id']}: only {len(d['figures'])} figures"
    for lang in ("zh", "en"):
        figs = [f for d in gold if d["lang"] == lang for f in d["figures"]]
        assert sum(f["role"] == "target" for f in figs) >= 5, lang
        kinds = Counter(f["kind"] for f in figs)
        assert set(kinds) == KINDS, f"{lang}: kinds covered {dict(kinds)}"
        assert any(f["high"] is not None for f in figs), f"{lang}: no range"
        assert {f["comparator"] for f in figs} >= {"=", ">=", ">", "<=", "~"}, lang
        assert {f["change"] for f in figs} == CHANGES, lang
        assert any(f["year"] is None for f in figs) and any(f["year"] for f in figs), lang


def test_build_gold_check_passes():
    res = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def test_gold_scores_perfectly_against_itself(gold):
    """The corpus is readable by the shared grader (skips when ../shared is absent)."""
    score_py = ROOT.parent / "shared" / "eval" / "score.py"
    if not score_py.exists():
        pytest.skip("../shared/eval/score.py not available")
    spec = importlib.util.spec_from_file_location("shared_score_for_corpus", score_py)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    docs = mod.load(str(GOLD))
    res = mod.score(docs, docs)
    assert res["overall"]["f1"] == 1.0
    assert all(v == 1.0 for v in res["attributes"].values()), res["attributes"]


# ----------------------------------------------------------------------------- the builder itself

@pytest.mark.parametrize("kind,text,unit,expected", [
    ("money", "300亿元", "CNY", (3e10, None)),
    ("money", "5100多亿元", "CNY", (5.1e11, None)),
    ("money", "1.2万亿元", "CNY", (1.2e12, None)),
    ("money", "两千三百万元", "CNY", (2.3e7, None)),
    ("money", "15亿至17亿元", "CNY", (1.5e9, 1.7e9)),
    ("money", "$1.3bn to $1.5bn", "USD", (1.3e9, 1.5e9)),
    ("money", "40 euro cents", "EUR", (0.4, None)),
    ("money", "34p", "GBP", (0.34, None)),
    ("percent", "３８．３％", None, (38.3, None)),
    ("percent", "百分之二十五", None, (25.0, None)),
    ("percent", "三成", None, (30.0, None)),
    ("percent", "5%—5.5%", None, (5.0, 5.5)),
    ("percent", "3 and 5 percent", None, (3.0, 5.0)),
    ("ppt", "3至5个百分点", None, (3.0, 5.0)),
    ("ppt", "one percentage point", None, (1.0, None)),
    ("count", "4200余个", "个", (4200.0, None)),
    ("count", "750多万人次", "人次", (7.5e6, None)),
    ("count", "三大", "任务", (3.0, None)),
    ("count", "十一个", "个", (11.0, None)),
    ("count", "five", "actions", (5.0, None)),
    ("quantity", "71.21万亩", "亩", (712100.0, None)),
    ("quantity", "42.6亿千瓦时", "千瓦时", (4.26e9, None)),
    ("quantity", "3.2 million tonnes", "tonnes", (3.2e6, None)),
])
def test_value_parser(tool, kind, text, unit, expected):
    got = tool.expected_value({"kind": kind, "text": text, "unit": unit})
    assert got[0] == pytest.approx(expected[0], rel=1e-9)
    assert (got[1] is None) == (expected[1] is None)
    if expected[1] is not None:
        assert got[1] == pytest.approx(expected[1], rel=1e-9)


def test_validator_reports_mistakes(tool, tmp_path, monkeypatch):
    docs, src = tmp_path / "docs", tmp_path / "src"
    docs.mkdir()
    src.mkdir()
    (docs / "zh-99-test.txt").write_text("2023年，全区新增企业42家，其中高新技术企业142家，增长12%以上，另有7家。", encoding="utf-8")
    (src / "zh-99-test.yaml").write_text(
        "doc_id: zh-99-test\nlang: zh\nfigures:\n"
        # 42家 is found once although 142家 contains it; value wrong (420)
        "  - {text: 42家, kind: count, value: 420, unit: 家, change: null, role: actual, year: 2023, metric: 新增企业, subject: null}\n"
        # comparator should be >= (以上 follows), change should be increase
        "  - {text: 12%, kind: percent, value: 12, change: null, role: actual, year: 2023, metric: 高新技术企业, subject: null}\n"
        # bad enum, subject not copied from the text
        "  - {text: 142家, kind: count, value: 142, unit: 家, comparator: '>>', change: null, role: plan, year: 2023, metric: 高新技术企业, subject: 襄阳}\n",
        encoding="utf-8")
    monkeypatch.setattr(tool, "DOCS", docs)
    monkeypatch.setattr(tool, "SRC", src)
    doc = tool.load_doc(src / "zh-99-test.yaml")
    errors = "\n".join(doc.errors)
    assert "value/high 420" in errors
    assert "comparator '=' but '以上'" in errors
    assert "change None but the span follows a increase word" in errors
    assert "comparator '>>'" in errors and "role 'plan'" in errors
    assert "subject '襄阳' is not copied" in errors
    assert "numeral '7'" in errors            # 7家 is neither a figure nor a declared negative
    assert "occurs" not in errors              # 42家 is not ambiguous with 142家
