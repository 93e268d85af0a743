"""Fixtures of the crawler tests: the local bureau site and a way to crawl it.

Every crawl is a subprocess (``python -m pipeline.cli crawl ...``): Twisted's reactor cannot be
restarted inside one process. The subprocess gets ``http_proxy``/``https_proxy`` pointing to a
closed port on 127.0.0.1 with ``no_proxy=127.0.0.1``: a request to any other host would go to
that dead proxy and fail, so nothing leaves 127.0.0.1 even if the crawler had a bug.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bureau_site import BureauSite  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CAP = 300_000  # --max-page-bytes in the tests; the site's huge page is 600 kB


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def crawl_env() -> dict[str, str]:
    env = dict(os.environ)
    dead = f"http://127.0.0.1:{_dead_port()}"
    env.update(http_proxy=dead, https_proxy=dead, HTTP_PROXY=dead, HTTPS_PROXY=dead,
               no_proxy="127.0.0.1", NO_PROXY="127.0.0.1", PYTHONPATH=str(ROOT))
    return env


def crawl_command(out: Path, *urls: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "crawl", *urls, "--out", str(out), "--delay", "0",
            "--max-page-bytes", str(CAP), "--retries", "2", "--timeout", "20", "--quiet", *extra]


@dataclass
class Crawl:
    returncode: int
    summary: dict
    stderr: str
    requests: list[tuple[str, int, dict]]  # what the site served during this crawl

    def paths(self) -> list[str]:
        return [p.split("?", 1)[0] for p, _, _ in self.requests]


def run_crawl(site: BureauSite, out: Path, *extra: str, urls: tuple[str, ...] | None = None,
              allow_private: bool = True) -> Crawl:
    before = len(site.requests)
    args = (*extra, "--allow-private") if allow_private else extra
    proc = subprocess.run(crawl_command(out, *(urls or (site.url("/xwzx/"),)), extra=args), cwd=ROOT,
                          env=crawl_env(), capture_output=True, text=True, timeout=300)
    summary_path = out / "crawl-summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    return Crawl(proc.returncode, summary, proc.stderr, site.requests[before:])


def warc_records(out: Path) -> list[dict]:
    """Every record of every WARC file under ``out/warc``: type, target URI, ids, status, body."""
    from warcio.archiveiterator import ArchiveIterator

    recs = []
    for path in sorted((out / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            for r in ArchiveIterator(fh):
                recs.append({"file": path.name, "type": r.rec_type,
                             "uri": r.rec_headers.get_header("WARC-Target-URI"),
                             "id": r.rec_headers.get_header("WARC-Record-ID"),
                             "concurrent_to": r.rec_headers.get_header("WARC-Concurrent-To"),
                             "status": r.http_headers.get_statuscode() if r.http_headers else None,
                             "http_headers": r.http_headers, "body": r.content_stream().read()})
    return recs


@pytest.fixture(scope="module")
def site():
    s = BureauSite().start()
    yield s
    s.stop()
