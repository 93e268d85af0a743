"""Support for the review-site tests: a small run directory (``make_run``) and its documents.

The run holds a Chinese work report and an English article run through the real extractor (astral
characters and full-width digits before figures; sections and a dateline), a hostile document whose
text, title, metric and subject carry markup and script, 150 short documents with stand-in figures
(so that the tables have several pages), error records and a duplicate.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from batch_support import corpus_records, fake_figures  # noqa: E402

from pipeline.models import Document, ErrorRecord, Figure, Source  # noqa: E402

ZH_TEXT = ("2026年𠀀𠀁市政府工作报告\n——2026年1月20日在𠀀𠀁市第十届人民代表大会第五次会议上\n各位代表：\n"
           "一、2025年工作回顾\n过去一年，全市地区生产总值达到５８００亿元，增长６.２%。𠀀𠀁研发投入强度达到2.8%，"
           "🎉新增高新技术企业320家。\n"
           "二、2026年重点工作\n今年全市地区生产总值增长5%左右。到2026年底，全市研发投入力争达到３００亿元，"
           "高新技术企业不少于1500家。\n")
EN_TEXT = ("WASHINGTON — The city aims to raise R&D spending to 3.2% of GDP by 2027 \U0001F680 and plans to add "
           "500 high-tech firms. Last year, investment rose 12.5% to $4.5 billion, while exports fell 3 percentage "
           "points.")
HOSTILE_TEXT = ('Budget <script>window.__pwned = "script";</script> rose 7% and '
                '<img src=x onerror="window.__pwned = \'img\'"> spending reached 300 units. '
                '</article><script>window.__pwned = "close";</script> &amp; &lt;b&gt; stays text.')
HOSTILE_MARKUP = '<img src=x onerror="window.__pwned=\'metric\'">'


def _hostile() -> Document:
    figs = []
    for s in ("7%", "300 units"):
        i = HOSTILE_TEXT.index(s)
        figs.append(Figure(text=s, start=i, end=i + len(s), kind="percent" if s.endswith("%") else "quantity",
                           value=float(s.split()[0].rstrip("%")), unit="%" if s.endswith("%") else "units",
                           role="target", year=2026, metric=HOSTILE_MARKUP,
                           subject='</script><script>window.__pwned="subject"</script>', rule="test.v1"))
    return Document(doc_id="hostile-<b>1</b>", lang="en", title='<script>window.__pwned="title"</script>Title',
                    text=HOSTILE_TEXT, figures=figs, published="2026-02-01")


def make_run(out: Path, fillers: int = 150) -> Path:
    """Write a finished run's output files into ``out``; return it."""
    from pipeline.runner import process_document

    out.mkdir(parents=True, exist_ok=True)
    docs = [process_document(Document(doc_id="zh-report", lang="zh", text=ZH_TEXT, title="𠀀𠀁市政府工作报告")),
            process_document(Document(doc_id="en-article", lang="en", text=EN_TEXT, published="2024-03-05")),
            _hostile()]
    for rec in corpus_records(fillers, seed=3, dup_every=0):
        docs.append(Document(doc_id=rec["id"], lang=rec["lang"], title=rec["title"], text=rec["text"],
                             published=rec["published"], figures=fake_figures(rec["text"])))
    docs.append(docs[-1].model_copy(update={"doc_id": "dup-of-last"}))
    with (out / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(Document.model_validate(d.model_dump()).model_dump_json() + "\n")
    errors = [ErrorRecord(doc_id="empty-1", code="E001_empty", reason="empty text",
                          source=Source(kind="jsonl", path="in.jsonl", line=7)),
              ErrorRecord(doc_id="empty-2", code="E001_empty", reason="empty text"),
              ErrorRecord(doc_id=None, code="E010_json", reason="invalid JSON <script>x</script>",
                          source=Source(kind="jsonl", path="in.jsonl", line=9))]
    (out / "errors.jsonl").write_text("".join(e.model_dump_json() + "\n" for e in errors), encoding="utf-8")
    (out / "duplicates.jsonl").write_text(json.dumps({"doc_id": "dup-of-last", "duplicate_of": docs[-2].doc_id,
                                                      "content_hash": None}) + "\n", encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({"inputs": len(docs) + len(errors), "documents": len(docs),
                                                  "figures": sum(len(d.figures) for d in docs),
                                                  "errors": len(errors), "seconds": 1.0}), encoding="utf-8")
    return out


def read_docs(run_dir: Path) -> list[dict]:
    return [json.loads(x) for x in (run_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines() if x]
