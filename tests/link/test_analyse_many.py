"""Many documents at once (``analyse_documents``): the same results as one at a time, the English
parser fed one batch for all of them."""
import json
from pathlib import Path

from pipeline import syntax
from pipeline.api import analyse_document, analyse_documents
from pipeline.models import Document

ROOT = Path(__file__).resolve().parents[2]


def corpus_documents() -> list[Document]:
    out = []
    for line in (ROOT / "corpus" / "gold" / "corpus.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        out.append(Document(doc_id=d["doc_id"], text=d["text"], lang=d["lang"], title=d.get("title"),
                            published=d.get("published")))
    return out


def test_the_same_documents_as_one_at_a_time():
    docs = corpus_documents()
    docs += [Document(doc_id="empty", text="", lang="en"), Document(doc_id="none", text="No figures here.", lang="en"),
             Document(doc_id="mixed", text="Revenue rose 5% to $3bn. 营收增长5%。", lang="mixed")]
    assert len({d.lang for d in docs}) >= 3
    one = [analyse_document(d).model_dump() for d in docs]
    many = [d.model_dump() for d in analyse_documents(docs)]
    assert many == one
    assert sum(len(d["figures"]) for d in many) > 500


def test_the_parser_reads_all_the_documents_in_one_batch(monkeypatch):
    if syntax.load_parser("en") is None:
        import pytest

        pytest.skip("no English model")
    calls = []
    real = syntax.parse_stream
    monkeypatch.setattr(syntax, "parse_stream", lambda lang, texts: calls.append(len(texts)) or real(lang, texts))
    docs = [Document(doc_id=str(i), text=f"Revenue at the unit rose {i + 1}% to ${i + 2}bn in the quarter.", lang="en")
            for i in range(5)]
    out = analyse_documents(docs)
    assert calls == [5]
    assert [f.text for d in out for f in d.figures][:2] == ["1%", "$2bn"]


def test_without_linking_the_figures_are_bare():
    doc = Document(doc_id="a", text="Revenue rose 5% to $3bn.", lang="en")
    [out] = analyse_documents([doc], link=False)
    assert out.model_dump() == analyse_document(doc, link=False).model_dump()
    assert [f.metric for f in out.figures] == [None, None]
