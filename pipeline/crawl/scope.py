"""Where a crawl may go: the start URLs' hosts and path prefixes, widened only when asked."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from posixpath import dirname
from urllib.parse import urlsplit, urlunsplit


_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def normalize_url(url: str) -> str:
    """The form a URL is requested and remembered in: no fragment, lower-case scheme and host, no
    default port, ``/`` for an empty path, upper-case percent escapes, query arguments sorted (the
    URLs Scrapy's duplicate filter takes for one are one URL here too)."""
    p = urlsplit(url.strip())
    netloc = p.netloc.lower()
    scheme = p.scheme.lower()
    if (scheme == "http" and netloc.endswith(":80")) or (scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), p.path or "/")
    query = "&".join(sorted(_ESCAPE.sub(lambda m: m.group(0).upper(), q) for q in p.query.split("&") if q))
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """Host and port (``example.gov.cn``, ``127.0.0.1:8080``) of a normalised URL."""
    return urlsplit(normalize_url(url)).netloc


def path_prefix(url: str) -> str:
    """The folder a start URL stands for: ``/xwzx/index.html`` -> ``/xwzx/``, ``/xwzx/`` -> ``/xwzx/``,
    ``/xwzx`` -> ``/xwzx/`` (a last segment without a dot is a folder), ``/`` -> ``/``."""
    path = urlsplit(url).path or "/"
    if path.endswith("/"):
        return path
    last = path.rsplit("/", 1)[1]
    if "." in last:
        d = dirname(path)
        return d if d.endswith("/") else d + "/"
    return path + "/"


@dataclass
class Scope:
    """The hosts and path prefixes a crawl keeps to.

    Args:
        start_urls: the crawl's start URLs; their hosts are allowed, each with its path prefix.
        domains: more allowed domains (a domain also allows its subdomains).
        prefixes: more allowed path prefixes (on every allowed host).
        any_path: allow every path on the allowed hosts.
    """

    start_urls: list[str]
    domains: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    any_path: bool = False

    def __post_init__(self) -> None:
        self.hosts = {host_of(u) for u in self.start_urls}
        self.extra_domains = [d.lower().strip(".") for d in self.domains if d.strip(".")]
        self._prefixes: dict[str, set[str]] = {}
        for u in self.start_urls:
            self._prefixes.setdefault(host_of(u), set()).add(path_prefix(u))
        for h in list(self._prefixes) + ["*"]:
            self._prefixes.setdefault(h, set()).update(p if p.startswith("/") else "/" + p for p in self.prefixes)

    def host_allowed(self, url: str) -> bool:
        netloc = host_of(url)
        if netloc in self.hosts:
            return True
        host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
        return any(host == d or host.endswith("." + d) for d in self.extra_domains)

    def check(self, url: str) -> str | None:
        """None when ``url`` is in scope, else the reason: ``offsite`` or ``outside_prefix``."""
        if not self.host_allowed(url):
            return "offsite"
        if self.any_path:
            return None
        netloc = host_of(url)
        path = urlsplit(url).path or "/"
        allowed = self._prefixes.get(netloc) or self._prefixes["*"]
        if not allowed:
            return None  # a host allowed by --domain with no prefix given: any path
        for prefix in allowed:
            if path.startswith(prefix) or path + "/" == prefix:
                return None
        return "outside_prefix"
