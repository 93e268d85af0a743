"""Helpers for tests that read gold files; ``../shared`` is optional and its tests skip cleanly."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the calling test when it is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is optional)")
    return p


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def shared_scorer():
    """The shared grader ``../shared/eval/score.py`` as a module."""
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def predict(gold: list[dict], link: bool = True) -> dict[str, dict]:
    """Run the extractor on gold documents; returns predictions keyed by doc_id, as the scorer wants."""
    from pipeline import extract_figures

    out = {}
    for g in gold:
        figs = extract_figures(g["text"], lang=g.get("lang"), published=g.get("published"), link=link)
        out[g["doc_id"]] = {"doc_id": g["doc_id"], "text": g["text"], "figures": [f.model_dump() for f in figs]}
    return out
