"""Finding URLs in fetched pages: links of an HTML page, entries of a sitemap or a feed.

Pure functions on bytes and text, so they are tested without a crawl.
"""
from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree
import lxml.html

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    tag: str = "a"  # a, area, frame, iframe


@dataclass
class HtmlPage:
    links: list[Link]
    feeds: list[str]  # <link rel="alternate" type="application/rss+xml" href=...>


def parse_links(html: str, base_url: str, feed_types: frozenset[str]) -> HtmlPage:
    """Absolute URLs of the links (``<a>``, ``<area>``, ``<frame>``, ``<iframe>``) and announced
    feeds of an HTML page; ``<base href>`` is honoured, fragments are kept (the caller drops them)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return HtmlPage([], [])
    base = base_url
    for b in tree.iter("base"):
        href = (b.get("href") or "").strip()
        if href:
            base = urljoin(base_url, href)
            break
    links: list[Link] = []
    for el in tree.iter("a", "area", "frame", "iframe"):
        href = (el.get("src") if el.tag in ("frame", "iframe") else el.get("href")) or ""
        href = href.strip()
        if not href or href.startswith("#"):
            continue
        text = _SPACES.sub(" ", el.text_content() if el.tag == "a" else (el.get("alt") or "")).strip()
        if not text and el.tag == "a":
            text = (el.get("title") or "").strip()
        try:
            links.append(Link(urljoin(base, href), text, el.tag))
        except ValueError:  # malformed URL (bad IPv6 literal and the like)
            continue
    feeds: list[str] = []
    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        typ = (el.get("type") or "").lower().split(";")[0].strip()
        href = (el.get("href") or "").strip()
        if "alternate" in rel and typ in feed_types and href:
            try:
                feeds.append(urljoin(base, href))
            except ValueError:
                continue
    return HtmlPage(links, feeds)


@dataclass
class XmlListing:
    """A sitemap (``urlset``), a sitemap index (``sitemapindex``) or a ``feed`` (RSS 0.9x/1.0/2.0,
    Atom): its entries as (url, date) pairs, the date being ``lastmod``/``updated``/``pubDate``
    as written (compared as a string: any change of it means the page changed)."""

    type: str | None
    entries: list[tuple[str, str | None]]


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(el) -> str | None:
    t = (el.text or "").strip() if el is not None else ""
    return t or None


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """The body, decompressed if it is gzip (``sitemap.xml.gz``); at most ``max_size`` bytes."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
            data = fh.read(max_size + 1)
    except (OSError, EOFError, zlib.error):
        return b""
    return data[:max_size] if len(data) > max_size else data


def parse_xml_listing(body: bytes, base_url: str) -> XmlListing:
    """Entries of a sitemap, a sitemap index or a feed; ``type`` None if the body is none of them.
    The parser resolves no entities and fetches nothing."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return XmlListing(None, [])
    if root is None:
        return XmlListing(None, [])
    top = _local(root.tag)
    entries: list[tuple[str, str | None]] = []

    def add(url: str | None, date: str | None) -> None:
        if url:
            try:
                entries.append((urljoin(base_url, url.strip()), date))
            except ValueError:
                pass

    if top in ("urlset", "sitemapindex"):
        for item in root:
            if _local(item.tag) not in ("url", "sitemap"):
                continue
            fields = {_local(c.tag): _text(c) for c in item}
            add(fields.get("loc"), fields.get("lastmod"))
        return XmlListing(top, entries)
    if top in ("rss", "rdf"):
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            fields: dict[str, str | None] = {}
            for c in item:
                name = _local(c.tag)
                if name not in fields:
                    fields[name] = _text(c)
            link = fields.get("link")
            if not link and fields.get("guid", "") and str(fields.get("guid")).startswith("http"):
                link = fields.get("guid")
            add(link, fields.get("pubdate") or fields.get("date") or fields.get("updated"))
        return XmlListing("feed", entries)
    if top == "feed":  # Atom
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            href = None
            date = None
            for c in entry:
                name = _local(c.tag)
                if name == "link" and (c.get("rel") in (None, "alternate")) and href is None:
                    href = c.get("href")
                elif name == "updated" or (name == "published" and date is None):
                    date = _text(c)
            add(href, date)
        return XmlListing("feed", entries)
    return XmlListing(None, [])


def robots_sitemaps(body: bytes) -> list[str]:
    """``Sitemap:`` lines of a robots.txt."""
    out = []
    for line in body.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            out.append(value.strip())
    return out
