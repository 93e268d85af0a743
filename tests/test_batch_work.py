"""The batch worker's unit of work (``pipeline.batch.work.process_task``): a chunk through the stages of
``analyse_many`` gives the same records as one document at a time, bad documents included."""
import pytest

import pipeline.extract
from pipeline.batch.work import process_document, process_one, process_task
from pipeline.models import Document

TEXTS = [
    ("en", "Revenue at the unit rose 7% to $3.2bn in the quarter, the company said."),
    ("zh", "2024年全市研发投入增长12.5%，达到1.2亿元。"),
    ("en", ""),
    ("en", "Exports fell 2.1% in May. The trade surplus narrowed to $41bn from $58bn."),
    ("en", "No figures here."),
    ("mixed", "Sales rose 5% to $3bn. 营收增长5%。"),
]


def _chunk():
    docs = [(i, Document(doc_id=f"d{i}", lang=lang, text=text).model_dump_json()) for i, (lang, text) in enumerate(TEXTS)]
    docs.insert(2, (99, '{"doc_id": "broken", "text": '))      # cannot be decoded
    return docs


def _one_at_a_time(docs):
    return [process_one(process_document, seq, js, True) for seq, js in docs]


def test_a_chunk_gives_the_records_of_one_document_at_a_time():
    docs = _chunk()
    marks = []
    got = process_task(process_document, docs, True, marks.append)
    assert got == _one_at_a_time(docs)
    assert [r[1] for r in got].count("D") == len(TEXTS) and got[2][0] == 99 and got[2][1] != "D"
    assert set(marks) == set(range(len(docs)))               # every document marked as its work starts


def test_a_document_that_fails_is_an_error_record_and_the_others_go_on(monkeypatch):
    real = pipeline.extract.prepare

    def prepare(text, *a, **kw):
        if "trade surplus" in text:
            raise RuntimeError("boom")
        return real(text, *a, **kw)

    monkeypatch.setattr(pipeline.extract, "prepare", prepare)
    got = process_task(process_document, _chunk(), True)
    failed = [r for r in got if "boom" in r[-1]]
    assert len(failed) == 1 and failed[0][0] == 3
    assert sum(r[1] == "D" for r in got) == len(TEXTS) - 1


def test_a_failing_batch_parse_falls_back_to_one_document_at_a_time(monkeypatch):
    def parse_pending(*a, **kw):
        raise MemoryError("parser")

    docs = _chunk()
    expected = _one_at_a_time(docs)
    monkeypatch.setattr(pipeline.extract, "parse_pending", parse_pending)
    assert process_task(process_document, docs, True) == expected


@pytest.mark.parametrize("link", [True, False])
def test_another_processor_or_no_linking_runs_one_document_at_a_time(link):
    calls = []

    def proc(doc, link=True):
        calls.append(doc.doc_id)
        return process_document(doc, link=link)

    docs = _chunk()
    got = process_task(proc, docs, link)
    assert calls == [f"d{i}" for i in range(len(TEXTS))]
    assert got == [process_one(process_document, seq, js, link) for seq, js in docs]
