"""The crawler's rules: URL classes (``patterns/crawl/urls.yaml``) and page structure
(``patterns/crawl/pages.yaml``), validated with pydantic and compiled once per process.

Any problem in the files (bad YAML, unknown key, a regex that does not compile, a class without
patterns) is a :class:`~pipeline.errors.PatternError` at load time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urljoin, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import PatternError
from ..patterns import patterns_dir

Kind = Literal["attachment", "static", "search", "tag", "ignore", "sitemap", "feed", "article", "listing"]


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: regex {pattern!r} does not compile: {exc}") from exc


class UrlClass(BaseModel):
    """One class of URLs: what kind of page they lead to and whether to request them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    action: Literal["follow", "skip"]
    reason: str | None = None
    patterns: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @field_validator("patterns")
    @classmethod
    def _regexes_compile(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for p in v:
            _compile(p, "patterns")
        return v

    @field_validator("extensions")
    @classmethod
    def _bare_extensions(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for ext in v:
            if not re.fullmatch(r"[a-z0-9]+", ext):
                raise ValueError(f"extension {ext!r}: lower-case letters and digits, no dot")
        return v

    @model_validator(mode="after")
    def _complete(self) -> "UrlClass":
        if not self.patterns and not self.extensions:
            raise ValueError(f"class {self.kind!r} has neither patterns nor extensions")
        if self.action == "skip" and not self.reason:
            raise ValueError(f"class {self.kind!r} skips its URLs but gives no reason")
        if not self.examples:
            raise ValueError(f"class {self.kind!r} has no examples")
        return self


class UrlRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    classes: tuple[UrlClass, ...] = Field(min_length=1)


class PaginationScript(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    pattern: str
    first: str
    page: str
    max_pages: int = Field(default=500, ge=1)

    @model_validator(mode="after")
    def _groups(self) -> "PaginationScript":
        rx = _compile(self.pattern, f"pagination script {self.name}")
        missing = {"count", "stem", "ext"} - set(rx.groupindex)
        if missing:
            raise ValueError(f"pagination script {self.name}: pattern lacks the groups {sorted(missing)}")
        if "{n}" not in self.page:
            raise ValueError(f"pagination script {self.name}: `page` must contain {{n}}")
        return self


class Pagination(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    texts: tuple[str, ...] = ()
    number: str = r"^\d{1,4}$"
    urls: tuple[str, ...] = ()
    scripts: tuple[PaginationScript, ...] = ()

    @field_validator("urls")
    @classmethod
    def _urls_compile(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for p in v:
            _compile(p, "pagination.urls")
        return v

    @field_validator("number")
    @classmethod
    def _number_compiles(cls, v: str) -> str:
        _compile(v, "pagination.number")
        return v


class ArticleRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_main_chars: int = Field(ge=1)


class ListingRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_article_links: int = Field(ge=1)
    long_main_chars: int = Field(ge=1)


class ContentTypes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    html: tuple[str, ...] = Field(min_length=1)
    xml: tuple[str, ...] = Field(min_length=1)
    compressed: tuple[str, ...] = ()


class PageRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    article: ArticleRule
    listing: ListingRule
    pagination: Pagination = Pagination()
    feed_types: tuple[str, ...] = ()
    content_types: ContentTypes


@dataclass(frozen=True)
class UrlVerdict:
    """What the URL rules say about one URL: its kind (``unknown`` when no class matches) and
    whether to request it."""

    kind: str
    follow: bool
    reason: str | None = None


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PatternError(f"{path}: missing") from exc
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise PatternError(f"{path}: expected a mapping at the top level")
    return data


class CrawlRules:
    """URL classes and page-structure thresholds, compiled."""

    def __init__(self, root: Path | None = None):
        base = (root or patterns_dir()) / "crawl"
        try:
            self.urls = UrlRules.model_validate(_read(base / "urls.yaml"))
        except ValidationError as exc:
            raise PatternError(f"{base / 'urls.yaml'}: {exc}") from exc
        try:
            self.pages = PageRules.model_validate(_read(base / "pages.yaml"))
        except ValidationError as exc:
            raise PatternError(f"{base / 'pages.yaml'}: {exc}") from exc
        self._classes = [(c, [re.compile(p) for p in c.patterns], frozenset(c.extensions)) for c in self.urls.classes]
        pg = self.pages.pagination
        self._page_texts = frozenset(t.casefold() for t in pg.texts)
        self._page_number = re.compile(pg.number)
        self._page_urls = [re.compile(p) for p in pg.urls]
        self._scripts = [(s, re.compile(s.pattern)) for s in pg.scripts]
        self.feed_types = frozenset(t.lower() for t in self.pages.feed_types)
        ct = self.pages.content_types
        self.html_types = frozenset(ct.html)
        self.xml_types = frozenset(ct.xml)
        self.compressed_types = frozenset(ct.compressed)

    # --- URLs -----------------------------------------------------------------------------------
    def classify(self, url: str) -> UrlVerdict:
        """The first URL class that matches ``url`` (path and query, lower-cased)."""
        parts = urlsplit(url)
        target = (parts.path or "/").lower() + (f"?{parts.query.lower()}" if parts.query else "")
        last = PurePosixPath(parts.path).name.lower()
        ext = last.rsplit(".", 1)[1] if "." in last else ""
        for cls, regexes, exts in self._classes:
            if (ext and ext in exts) or any(rx.search(target) for rx in regexes):
                return UrlVerdict(cls.kind, cls.action == "follow", cls.reason)
        return UrlVerdict("unknown", True, None)

    def is_pagination(self, url: str, text: str) -> bool:
        """Whether a link (its URL and anchor text) goes to another page of the same listing
        (never a link to an article URL)."""
        if self.classify(url).kind == "article":
            return False
        t = re.sub(r"\s+", " ", text or "").strip().strip("[]【】<>«»").strip().casefold()
        raw = re.sub(r"\s+", " ", text or "").strip().casefold()
        if raw in self._page_texts or (t and t in self._page_texts) or (raw and self._page_number.match(raw)):
            return True
        parts = urlsplit(url)
        target = (parts.path or "/").lower() + (f"?{parts.query.lower()}" if parts.query else "")
        return any(rx.search(target) for rx in self._page_urls)

    def script_pages(self, html: str, base_url: str) -> list[str]:
        """Listing pages announced by a pagination script (``createPageHTML(5, 0, "index", "html")``)."""
        out: list[str] = []
        for script, rx in self._scripts:
            for m in rx.finditer(html):
                count = min(int(m.group("count")), script.max_pages)
                stem, ext = m.group("stem"), m.group("ext")
                names = [script.first.format(stem=stem, ext=ext)]
                names += [script.page.format(stem=stem, ext=ext, n=n) for n in range(1, count)]
                out.extend(urljoin(base_url, name) for name in names)
        return list(dict.fromkeys(out))

    # --- pages ----------------------------------------------------------------------------------
    def page_kind(self, url_kind: str, main_chars: int, article_links: int, *, start: bool = False) -> tuple[str, str]:
        """``article``, ``listing`` or ``thin`` for a fetched HTML page, with the reason.

        Args:
            url_kind: the URL's class (:meth:`classify`), ``unknown`` if none.
            main_chars: characters of main text the clean stage finds in the page.
            article_links: distinct in-scope links of class ``article`` on the page.
            start: the page is a start URL (always read as a listing).
        """
        art, lst = self.pages.article, self.pages.listing
        if start:
            return "listing", "start URL"
        if url_kind == "listing":
            return "listing", "listing URL"
        many_links = article_links >= lst.min_article_links
        if url_kind == "article":
            if main_chars >= art.min_main_chars:
                return "article", "article URL"
            if many_links:
                return "listing", f"article URL, but {main_chars} characters of main text and {article_links} article links"
            return "thin", f"article URL, but only {main_chars} characters of main text"
        if main_chars >= lst.long_main_chars:
            return "article", f"{main_chars} characters of main text"
        if many_links:
            return "listing", f"links to {article_links} articles, {main_chars} characters of main text"
        if main_chars >= art.min_main_chars:
            return "article", f"{main_chars} characters of main text"
        return "listing", f"{main_chars} characters of main text, {article_links} article links"


@lru_cache(maxsize=4)
def load_rules(root: str | None = None) -> CrawlRules:
    """The rules under ``root`` (default: :func:`pipeline.patterns.patterns_dir`), loaded once."""
    return CrawlRules(Path(root) if root else None)
