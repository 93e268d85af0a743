"""HTML files and directories as inputs: provenance, ids, and an error record for every bad file."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from pipeline.errors import Code
from pipeline.ingest import iter_documents
from pipeline.models import Document, ErrorRecord

PAGES = Path(__file__).resolve().parents[2] / "corpus" / "html" / "pages"
GBK_PAGE = PAGES / "zh_gbk_lying_charset.html"


def one(path: Path):
    items = list(iter_documents([path]))
    assert len(items) == 1
    return items[0]


def test_html_file_becomes_a_document_with_provenance():
    doc = one(GBK_PAGE)
    assert isinstance(doc, Document)
    assert doc.source.kind == "html" and doc.source.path == str(GBK_PAGE)
    assert doc.source.encoding == "gb18030"
    assert doc.source.content_hash and len(doc.source.content_hash) == 64
    assert doc.doc_id == f"zh_gbk_lying_charset-{doc.source.content_hash[:12]}"
    assert doc.lang == "zh" and doc.published == "2022-09-08"
    assert "300亿元" in doc.text and "ICP" not in doc.text


def test_doc_id_is_stable_across_runs():
    assert one(GBK_PAGE).doc_id == one(GBK_PAGE).doc_id


def test_gzipped_html_file(tmp_path):
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(GBK_PAGE.read_bytes()))
    doc = one(gz)
    assert isinstance(doc, Document) and doc.doc_id.startswith("page-") and "300亿元" in doc.text


def test_corrupt_gzip_is_an_error_record(tmp_path):
    gz = tmp_path / "broken.htm.gz"
    gz.write_bytes(gzip.compress(GBK_PAGE.read_bytes())[:200])
    err = one(gz)
    assert isinstance(err, ErrorRecord) and err.code == Code.UNREADABLE.value


def test_empty_html_file(tmp_path):
    p = tmp_path / "empty.html"
    p.write_bytes(b"   \n")
    assert one(p).code == Code.EMPTY.value


def test_binary_file_named_html(tmp_path):
    p = tmp_path / "scan.html"
    p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    assert one(p).code == Code.BINARY.value


def test_page_with_only_menus_has_no_main_text(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(20))
                 + "</ul></body></html>", encoding="utf-8")
    assert one(p).code == Code.NO_MAIN_TEXT.value


def test_undecodable_bytes_are_a_decode_error(tmp_path):
    import random

    rnd = random.Random(3)
    p = tmp_path / "noise.html"
    p.write_bytes(b"<html><body><p>" + bytes(rnd.randrange(0x80, 0x100) for _ in range(6000)) + b"</p></body></html>")
    item = one(p)
    assert isinstance(item, ErrorRecord) and item.code in (Code.DECODE.value, Code.NO_MAIN_TEXT.value,
                                                           Code.BINARY.value)


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    from pipeline.ingest import settings

    monkeypatch.setattr(settings, "_default", settings.IngestSettings(max_file_bytes=1000))
    assert one(GBK_PAGE).code == Code.TOO_LARGE.value


def test_directory_is_read_recursively_and_other_files_are_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(GBK_PAGE, tmp_path / "a" / "b" / "x.htm")
    shutil.copy(PAGES / "en_xinhua_style.html", tmp_path / "a" / "y.html")
    (tmp_path / "a" / "note.txt").write_text("A plain note of 12 words about 300 million yuan.", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG....")
    kinds = sorted(d.source.kind for d in iter_documents([tmp_path]) if isinstance(d, Document))
    assert kinds == ["html", "html", "text"]


def test_missing_input_is_an_error_record(tmp_path):
    assert one(tmp_path / "nope.html").code == Code.UNREADABLE.value


def test_very_deep_nesting_still_yields_the_text(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + "<p>深层内容：全市研发投入达到88.5亿元，同比增长15.2%。</p>"
                 + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    doc = one(p)
    assert isinstance(doc, Document) and "88.5亿元" in doc.text


def test_odd_pages_each_give_exactly_one_record(tmp_path):
    odd = {"empty.html": "<html></html>", "frameset.html": "<html><frameset><frame src=a.html></frameset></html>",
           "rss.html": "<?xml version='1.0'?><rss><channel><item><title>x</title></item></channel></rss>",
           "script.html": "<html><body><script>var a = 1;</script></body></html>"}
    for name, html in odd.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert len(items) == len(odd)
    assert {i.code for i in items} == {Code.NO_MAIN_TEXT.value}
