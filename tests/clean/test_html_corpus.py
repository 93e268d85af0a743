"""Grade the extractor on the project's own pages (corpus/html) against corpus/html/ground_truth.jsonl."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest import iter_documents
from pipeline.models import Document

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "html"
TRUTH = {r["id"]: r for r in map(json.loads, (CORPUS / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines())}
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+")


def f1(gold: str, pred: str) -> float:
    g, p = Counter(_TOKEN.findall(gold.lower())), Counter(_TOKEN.findall(pred.lower()))
    common = sum((g & p).values())
    return 0.0 if not common else 2 * common / (sum(g.values()) + sum(p.values()))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    out = {}
    for d in iter_documents([CORPUS / "pages"]):
        assert isinstance(d, Document), d
        out[Path(d.source.path).name.split(".")[0]] = d
    return out


def test_every_page_yields_a_document(docs):
    assert set(docs) == set(TRUTH)


@pytest.mark.parametrize("page", sorted(TRUTH))
def test_main_text_matches_the_truth(docs, page):
    assert f1(TRUTH[page]["body"], docs[page].text) >= 0.95


@pytest.mark.parametrize("page", sorted(TRUTH))
def test_published_date(docs, page):
    assert docs[page].published == TRUTH[page]["published"]


@pytest.mark.parametrize("page", sorted(TRUTH))
def test_title(docs, page):
    assert docs[page].title == TRUTH[page]["title"]


@pytest.mark.parametrize("page", sorted(TRUTH))
def test_language(docs, page):
    assert docs[page].lang == TRUTH[page]["lang"]
