"""WARC input, on archives the tests write with warcio from corpus/html pages."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.errors import Code
from pipeline.ingest import iter_documents
from pipeline.models import Document, ErrorRecord

PAGES = Path(__file__).resolve().parents[2] / "corpus" / "html" / "pages"
NAMES = ["zh_gbk_meta", "zh_utf8_gov", "en_xinhua_style"]


def write_warc(path: Path, *, gz: bool, extra=()) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record(path.name, {"software": "tests"}))
    for name in NAMES:
        body = (PAGES / f"{name}.html").read_bytes()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://news.example.cn/{name}.html", "response",
                                            payload=io.BytesIO(body), http_headers=headers))
    for url, status, ctype, body in extra:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_every_html_response_is_a_document(tmp_path, gz):
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    write_warc(path, gz=gz)
    docs = list(iter_documents([path]))
    assert [type(d) for d in docs] == [Document] * 3
    assert [d.source.url for d in docs] == [f"http://news.example.cn/{n}.html" for n in NAMES]
    assert all(d.source.kind == "warc" and d.source.warc_record_id and d.source.http_status == 200 for d in docs)


def test_lying_charset_header_in_the_archive_is_overruled(tmp_path):
    path = tmp_path / "a.warc"
    write_warc(path, gz=False)
    gbk = next(iter_documents([path]))
    assert gbk.source.encoding == "gb18030" and "1236家" in gbk.text


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_truncated_archive_keeps_what_was_read(tmp_path, gz):
    full = tmp_path / "full.warc"
    data = write_warc(full, gz=gz)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(iter_documents([cut]))
    assert isinstance(items[-1], ErrorRecord) and items[-1].code == Code.WARC.value
    docs = items[:-1]
    assert docs and all(isinstance(d, Document) for d in docs)
    assert len(docs) < 3


def test_archive_cut_inside_a_record_header(tmp_path):
    data = write_warc(tmp_path / "full.warc", gz=False)
    last = data.rfind(b"WARC/1.")  # the header of the third response
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: last + 30])
    items = list(iter_documents([cut]))
    assert [type(i) for i in items] == [Document, Document, ErrorRecord]
    assert items[-1].code == Code.WARC.value


def test_not_a_warc_at_all(tmp_path):
    p = tmp_path / "junk.warc"
    p.write_bytes(b"this is not an archive\n" * 50)
    items = list(iter_documents([p]))
    assert len(items) == 1 and items[0].code == Code.WARC.value


def test_non_html_and_error_responses(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    write_warc(path, gz=True, extra=[
        ("http://news.example.cn/logo.png", "200 OK", "image/png", b"\x89PNG..."),
        ("http://news.example.cn/gone.html", "404 Not Found", "text/html", b"<html><body>not found</body></html>"),
        ("http://news.example.cn/old.html", "301 Moved Permanently", "text/html", b""),
    ])
    items = list(iter_documents([path]))
    assert [type(i) for i in items] == [Document, Document, Document, ErrorRecord]
    assert items[-1].code == Code.HTTP_STATUS.value and items[-1].source.http_status == 404
