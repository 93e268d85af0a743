"""URL fetching against a local HTTP server (127.0.0.1, so allow_private=True)."""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.errors import Code
from pipeline.ingest import iter_documents
from pipeline.ingest.settings import IngestSettings
from pipeline.ingest.urls import Fetcher
from pipeline.models import Document, ErrorRecord

PAGES = Path(__file__).resolve().parents[2] / "corpus" / "html" / "pages"
GBK = (PAGES / "zh_gbk_lying_charset.html").read_bytes()
UTF8 = (PAGES / "zh_utf8_gov.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    flaky_left: dict = {}

    def log_message(self, *args):  # keep the test output quiet
        pass

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        self.hits[path] += 1
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/gbk.html":  # GBK bytes under a header and a meta that both say utf-8
            self.send(200, GBK, "text/html; charset=utf-8")
        elif path == "/page.html":
            self.send(200, UTF8)
        elif path == "/missing.html":
            self.send(404, b"<html><body>not here</body></html>")
        elif path == "/flaky.html":
            left = self.flaky_left.get(path, 1)
            if left:
                self.flaky_left[path] = left - 1
                self.send(500, b"busy")
            else:
                self.send(200, UTF8)
        elif path == "/down.html":
            self.send(503, b"down")
        elif path == "/slow.html":
            time.sleep(1.0)
            self.send(200, UTF8)
        elif path == "/big.html":
            self.send(200, b"<html><body>" + b"<p>x</p>" * 40_000 + b"</body></html>")
        elif path == "/big-chunked.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            for _ in range(40):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            self.close_connection = True
        elif path == "/loop-a":
            self.send(302, Location="/loop-b")
        elif path == "/loop-b":
            self.send(302, Location="/loop-a")
        elif path == "/moved":
            self.send(301, Location="/page.html")
        elif path == "/logo.png":
            self.send(200, b"\x89PNG\r\n", "image/png")
        elif path.startswith("/private/"):
            self.send(200, UTF8)
        else:
            self.send(404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def settings(tmp_path) -> IngestSettings:
    return IngestSettings(connect_timeout=1.0, read_timeout=0.3, total_timeout=2.0, retries=2, backoff=0.01,
                          max_backoff=0.05, max_bytes=100_000, max_redirects=3, per_host_delay=0.0,
                          trust_env=False, cache_dir=str(tmp_path / "cache"))


@pytest.fixture
def fetch(settings):
    fetchers = []

    def _fetch(url: str, **kw) -> Document | ErrorRecord:
        f = Fetcher(settings, allow_private=kw.pop("allow_private", True), **kw)
        fetchers.append(f)
        return f.fetch(url)

    yield _fetch
    for f in fetchers:
        f.client.close()


def test_page_is_fetched_and_cleaned(server, fetch):
    doc = fetch(server + "/page.html")
    assert isinstance(doc, Document)
    assert doc.source.kind == "url" and doc.source.http_status == 200 and doc.source.url == server + "/page.html"
    assert "1520.8亿元" in doc.text and doc.published == "2022-10-21"
    assert doc.doc_id.startswith("127-0-0-1-") and doc.doc_id.endswith(doc.source.content_hash[:12])


def test_gbk_page_with_lying_charset(server, fetch):
    doc = fetch(server + "/gbk.html")
    assert isinstance(doc, Document) and doc.source.encoding == "gb18030" and "300亿元" in doc.text


def test_robots_disallow(server, fetch):
    before = Handler.hits["/private/secret.html"]
    err = fetch(server + "/private/secret.html")
    assert err.code == Code.ROBOTS.value
    assert Handler.hits["/private/secret.html"] == before


def test_404_is_an_http_status_error(server, fetch):
    err = fetch(server + "/missing.html")
    assert err.code == Code.HTTP_STATUS.value and err.source.http_status == 404


def test_500_then_200_is_retried(server, fetch):
    Handler.flaky_left["/flaky.html"] = 1
    before = Handler.hits["/flaky.html"]
    doc = fetch(server + "/flaky.html")
    assert isinstance(doc, Document)
    assert Handler.hits["/flaky.html"] - before == 2


def test_persistent_5xx_gives_up_after_the_retries(server, fetch, settings):
    before = Handler.hits["/down.html"]
    err = fetch(server + "/down.html")
    assert err.code == Code.HTTP_STATUS.value and err.source.http_status == 503
    assert Handler.hits["/down.html"] - before == settings.retries + 1


def test_slow_response_times_out(server, fetch):
    err = fetch(server + "/slow.html")
    assert err.code == Code.FETCH.value and "timed out" in err.reason


def test_oversized_body_with_content_length(server, fetch):
    assert fetch(server + "/big.html").code == Code.TOO_LARGE.value


def test_oversized_body_without_content_length(server, fetch):
    assert fetch(server + "/big-chunked.html").code == Code.TOO_LARGE.value


def test_redirect_loop(server, fetch):
    err = fetch(server + "/loop-a")
    assert err.code == Code.FETCH.value and "redirect" in err.reason


def test_redirect_is_followed(server, fetch):
    doc = fetch(server + "/moved")
    assert isinstance(doc, Document) and doc.source.url == server + "/page.html"


def test_content_type_check(server, fetch):
    assert fetch(server + "/logo.png").code == Code.CONTENT_TYPE.value


def test_cache_hit_on_rerun_makes_no_request(server, settings):
    url = server + "/page.html?cache-test"
    with Fetcher(settings, allow_private=True) as first:
        a = first.fetch(url)
    assert isinstance(a, Document)
    before = sum(Handler.hits.values())
    with Fetcher(settings, allow_private=True) as second:
        b = second.fetch(url)
        assert second.requests == 0
    assert sum(Handler.hits.values()) == before
    assert isinstance(b, Document) and b.doc_id == a.doc_id and b.text == a.text


def test_private_address_is_refused_without_the_flag(server, fetch):
    before = sum(Handler.hits.values())
    err = fetch(server + "/page.html", allow_private=False)
    assert err.code == Code.BLOCKED_URL.value
    assert sum(Handler.hits.values()) == before


def test_localhost_name_is_refused_without_the_flag(server, fetch):
    port = server.rsplit(":", 1)[1]
    assert fetch(f"http://localhost:{port}/page.html", allow_private=False).code == Code.BLOCKED_URL.value


@pytest.mark.parametrize("url", ["ftp://example.com/file.html", "file:///etc/passwd", "javascript:alert(1)",
                                 "example.com/no-scheme"])
def test_non_http_scheme_is_refused(fetch, url):
    assert fetch(url).code == Code.BLOCKED_URL.value


def test_urls_file_through_iter_documents(server, settings, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# comment\n{server}/page.html\n\n{server}/missing.html\nftp://x/y\n", encoding="utf-8")
    items = list(iter_documents([], urls_file=urls, allow_private=True, cache_dir=tmp_path / "c", settings=settings))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "ErrorRecord"]
    assert [getattr(i, "code", None) for i in items] == [None, Code.HTTP_STATUS.value, Code.BLOCKED_URL.value]
