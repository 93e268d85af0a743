"""The shared HTML evaluation sets (../shared/eval/html), graded like score_html.py; skipped without them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.ingest import iter_documents
from pipeline.models import Document

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"

# floors: a little under what the extractor scores now (cwced F1 0.952, dates 0.889; scrapinghub F1 0.973)
FLOORS = {"cwced": (0.92, 0.85), "scrapinghub": (0.955, None)}


def _scorer():
    if not (EVAL / "score_html.py").exists():
        pytest.skip("../shared/eval is not here")
    sys.path.insert(0, str(EVAL))
    import score_html

    return score_html


@pytest.fixture(scope="module", params=sorted(FLOORS))
def graded(request):
    score_html = _scorer()
    root = EVAL / "html" / request.param
    if not (root / "pages").is_dir():
        pytest.skip(f"{root} is not here")
    docs = list(iter_documents([root / "pages"]))
    truth = [json.loads(line) for line in (root / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return request.param, docs, truth, score_html


def test_every_page_is_a_decoded_document(graded):
    _, docs, truth, _ = graded
    assert all(isinstance(d, Document) for d in docs)
    assert len(docs) == len(truth)
    for d in docs:
        assert d.text.count("\ufffd") <= max(2, len(d.text) // 1000), d.source.path


def test_scores_stay_above_the_floors(graded):
    name, docs, truth, score_html = graded
    preds = {score_html.page_id(json.loads(d.model_dump_json())): d for d in docs}
    f1s, ok, n = [], 0, 0
    for t in truth:
        d = preds.get(t["id"])
        f1s.append(score_html.prf(t["body"], d.text if d else "")[2])
        if score_html.day(t.get("published")):
            n += 1
            ok += d is not None and score_html.day(d.published) == score_html.day(t["published"])
    f1_floor, date_floor = FLOORS[name]
    assert sum(f1s) / len(f1s) >= f1_floor
    if date_floor is not None:
        assert ok / n >= date_floor
