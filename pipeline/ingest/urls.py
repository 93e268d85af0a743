"""Fetch a list of URLs with httpx: politely, safely, and once.

* Only ``http``/``https``; hosts that resolve to private, loopback, link-local or
  otherwise non-public addresses are refused unless ``allow_private`` (checked on every
  redirect hop too).
* robots.txt is honoured (urllib.robotparser; a 4xx robots.txt allows everything, an
  unreachable one disallows, as RFC 9309 says), including a longer ``Crawl-delay``.
* One request per host every ``per_host_delay`` seconds; timeouts; retries with
  exponential backoff on 5xx, 429 and connection errors; a body size cap; a redirect limit;
  a content-type check.
* Successful responses are cached on disk (``cache_dir``), so a rerun fetches nothing.

Every URL yields a Document or an ErrorRecord (codes E011-E015, E004).
"""
from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..clean.encoding import decode
from ..errors import Code
from ..models import Document, ErrorRecord, Source
from .html import html_document, text_document
from .settings import IngestSettings, default_settings
from .warc import charset_of, url_slug

log = logging.getLogger(__name__)

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that ends as an error record."""

    def __init__(self, code: Code, reason: str, status: int | None = None):
        super().__init__(reason)
        self.code, self.reason, self.status = code, reason, status


@dataclass
class Response:
    url: str
    status: int
    content_type: str | None
    body: bytes
    location: str | None = None  # of a redirect


def check_url(url: str, allow_private: bool) -> None:
    """Raise FetchError(BLOCKED_URL) for a scheme or an address we do not fetch."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(Code.BLOCKED_URL, f"scheme {parts.scheme or '(none)'!r} is not fetched; only http and https")
    host = parts.hostname
    if not host:
        raise FetchError(Code.BLOCKED_URL, "URL has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(Code.BLOCKED_URL, f"bad port: {exc}") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(Code.FETCH, f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if not addr.is_global or addr.is_multicast:
            raise FetchError(Code.BLOCKED_URL,
                             f"{host} resolves to the non-public address {addr} (pass allow_private to fetch it)")


class Cache:
    """Successful responses on disk: ``<sha256(url)>.json`` (metadata) and ``.body`` (bytes)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        d = self.root / key[:2]
        return d / f"{key}.json", d / f"{key}.body"

    def get(self, url: str) -> Response | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None  # half-written or damaged entry: fetch again
        return Response(meta["url"], int(meta["status"]), meta.get("content_type"), body)

    def put(self, url: str, resp: Response) -> None:
        meta_path, body_path = self._paths(url)
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((body_path, resp.body), (meta_path, json.dumps({
                    "requested": url, "url": resp.url, "status": resp.status, "content_type": resp.content_type,
                    "sha256": hashlib.sha256(resp.body).hexdigest(), "fetched": time.time()}).encode("utf-8"))):
                tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk must not lose the document
            log.warning("cannot cache %s: %s", url, exc)


class Fetcher:
    """Fetch URLs one by one with the rules above. Use as a context manager."""

    def __init__(self, settings: IngestSettings | None = None, *, allow_private: bool = False,
                 cache_dir: str | Path | None = None, client: httpx.Client | None = None):
        self.s = settings or default_settings()
        self.allow_private = allow_private
        self.cache = Cache(cache_dir or self.s.cache_dir)
        self.client = client or httpx.Client(
            follow_redirects=False, trust_env=self.s.trust_env, headers={"User-Agent": self.s.user_agent},
            timeout=httpx.Timeout(self.s.read_timeout, connect=self.s.connect_timeout))
        self._robots: dict[str, RobotFileParser | bool] = {}
        self._last: dict[str, float] = {}
        self.requests = 0  # network requests made (robots.txt included)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    # --- politeness -------------------------------------------------------------------------
    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _delay(self, url: str) -> float:
        rp = self._robots.get(_origin(url))
        crawl = rp.crawl_delay(self.s.user_agent) if isinstance(rp, RobotFileParser) else None
        return max(self.s.per_host_delay, float(crawl or 0))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets us fetch it."""
        if not self.s.respect_robots:
            return True
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rp = self._robots[origin]
        if isinstance(rp, bool):
            return rp
        return rp.can_fetch(self.s.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | bool:
        try:
            resp = self._get(origin + "/robots.txt", cap=512_000)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return True  # no robots.txt: everything allowed
            log.info("robots.txt of %s unreachable (%s): not fetching there", origin, exc.reason)
            return False
        rp = RobotFileParser()
        text, _ = decode(resp.body, charset_of(resp.content_type), sniff=False)
        rp.parse((text or "").splitlines())
        return rp

    # --- HTTP -------------------------------------------------------------------------------
    def _get(self, url: str, *, cap: int | None = None, robots: bool = False) -> Response:
        """GET with redirects followed by hand (each hop checked: scheme, address and, with
        ``robots``, robots.txt), retries and the size cap."""
        seen = {url}
        for _ in range(self.s.max_redirects + 1):
            check_url(url, self.allow_private)
            if robots and not self.allowed(url):
                raise FetchError(Code.ROBOTS, f"disallowed by robots.txt: {url}")
            resp = self._get_once(url, cap or self.s.max_bytes)
            if resp.location is not None:
                nxt = urljoin(url, resp.location)
                if nxt in seen:
                    raise FetchError(Code.FETCH, f"redirect loop at {nxt}", resp.status)
                seen.add(nxt)
                url = nxt
                continue
            if resp.status >= 400:
                raise FetchError(Code.HTTP_STATUS, f"HTTP {resp.status}", resp.status)
            return resp
        raise FetchError(Code.FETCH, f"more than {self.s.max_redirects} redirects")

    def _get_once(self, url: str, cap: int) -> Response:
        """One URL, retried on 5xx/429/connection errors; a redirect comes back with its ``location``."""
        host = urlsplit(url).netloc.lower()
        last_error = "no attempt"
        for attempt in range(self.s.retries + 1):
            if attempt:
                time.sleep(min(self.s.max_backoff, self.s.backoff * 2 ** (attempt - 1)))
            self._wait_turn(host, self._delay(url))
            self.requests += 1
            try:
                with self.client.stream("GET", url) as r:
                    if r.status_code in _REDIRECT_STATUS:
                        loc = r.headers.get("Location")
                        if loc:
                            return Response(url, r.status_code, None, b"", location=loc)
                    if r.status_code in _RETRY_STATUS and attempt < self.s.retries:
                        last_error = f"HTTP {r.status_code}"
                        continue
                    if r.status_code >= 400:
                        return Response(str(r.url), r.status_code, r.headers.get("Content-Type"), b"")
                    body = self._read_body(r, cap)
                    return Response(str(r.url), r.status_code, r.headers.get("Content-Type"), body)
            except (httpx.TimeoutException, TimeoutError) as exc:
                last_error = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            except httpx.HTTPError as exc:  # invalid URL and the like: retrying will not help
                raise FetchError(Code.FETCH, f"{type(exc).__name__}: {exc}") from exc
        raise FetchError(Code.FETCH, f"{last_error} after {self.s.retries + 1} attempts")

    def _read_body(self, r: httpx.Response, cap: int) -> bytes:
        length = r.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cap:
            raise FetchError(Code.TOO_LARGE, f"Content-Length {length} is over the cap of {cap} bytes", r.status_code)
        deadline = time.monotonic() + self.s.total_timeout
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(Code.TOO_LARGE, f"body is over the cap of {cap} bytes", r.status_code)
            if time.monotonic() > deadline:
                raise TimeoutError(f"body took longer than {self.s.total_timeout} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_type(self, resp: Response) -> None:
        mime = _mime(resp.content_type)
        if not mime:
            head = resp.body[:2048].lower()
            if b"<html" in head or b"<!doctype html" in head or b"<body" in head:
                return
            raise FetchError(Code.CONTENT_TYPE, "no Content-Type and the body is not HTML", resp.status)
        if mime not in self.s.content_types:
            raise FetchError(Code.CONTENT_TYPE, f"content type {mime} is not one we read "
                                                f"({', '.join(self.s.content_types)})", resp.status)

    # --- documents --------------------------------------------------------------------------
    def fetch(self, url: str) -> Document | ErrorRecord:
        """One URL -> a Document or an ErrorRecord."""
        stem = url_slug(url)
        source = Source(kind="url", url=url)
        try:
            resp = self.cache.get(url)
            if resp is None:
                resp = self._get(url, robots=True)
                self._check_type(resp)
                self.cache.put(url, resp)
            else:
                log.debug("cache hit: %s", url)
        except FetchError as exc:
            source.http_status = exc.status
            return ErrorRecord(doc_id=stem, code=exc.code.value, reason=exc.reason, source=source)
        source.url, source.http_status, source.content_type = resp.url, resp.status, resp.content_type
        charset = charset_of(resp.content_type)
        if _mime(resp.content_type) == "text/plain":
            return text_document(resp.body, source, stem, declared=charset)
        return html_document(resp.body, source, stem, declared=charset, url=resp.url)


def _origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme.lower()}://{p.netloc.lower()}"


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def read_url_list(path: Path) -> list[str]:
    """One URL a line; blank lines and lines starting with ``#`` are skipped."""
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def iter_urls(path: Path, *, allow_private: bool = False, cache_dir: str | Path | None = None,
              settings: IngestSettings | None = None) -> Iterator[Document | ErrorRecord]:
    """Fetch every URL listed in ``path``; yield a Document or an ErrorRecord for each."""
    try:
        urls = read_url_list(Path(path))
    except OSError as exc:
        yield ErrorRecord(doc_id=Path(path).name, code=Code.UNREADABLE.value, reason=str(exc),
                          source=Source(kind="url", path=str(path)))
        return
    with Fetcher(settings, allow_private=allow_private, cache_dir=cache_dir) as fetcher:
        for url in urls:
            yield fetcher.fetch(url)
