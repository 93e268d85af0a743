"""Crawl settings: defaults in ``settings.toml`` beside this file, then a TOML file of the user's
(``--settings`` or ``$POLICY_CRAWL_SETTINGS``), then keyword overrides (the command-line flags)."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class CrawlSettings:
    user_agent: str = ""
    per_host_delay: float = 1.0
    autothrottle: bool = True
    autothrottle_target_concurrency: float = 1.0
    autothrottle_max_delay: float = 30.0
    concurrent_requests: int = 8
    concurrent_requests_per_host: int = 2
    download_timeout: float = 30.0
    retries: int = 3
    max_redirects: int = 5
    max_depth: int = 10
    max_pages: int = 10_000
    max_page_bytes: int = 10_000_000
    max_total_bytes: int = 2_000_000_000
    sitemap_paths: tuple[str, ...] = ("/sitemap.xml",)
    follow_from_articles: bool = True
    http_cache: bool = True

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides) -> "CrawlSettings":
        """The defaults, then ``path`` (or ``$POLICY_CRAWL_SETTINGS``), then the ``overrides`` that are not None."""
        values: dict = {}
        for p in (DEFAULTS if DEFAULTS.exists() else None, path or os.environ.get("POLICY_CRAWL_SETTINGS")):
            if p:
                for section in tomllib.loads(Path(p).read_text(encoding="utf-8")).values():
                    if isinstance(section, dict):
                        values.update(section)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().with_(**values)

    def with_(self, **changes) -> "CrawlSettings":
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown crawl settings: {', '.join(sorted(unknown))}")
        if "sitemap_paths" in changes:
            changes["sitemap_paths"] = tuple(changes["sitemap_paths"])
        out = replace(self, **changes)
        for name in ("per_host_delay", "download_timeout", "retries", "max_redirects", "max_depth", "max_pages",
                     "max_page_bytes", "max_total_bytes"):
            if getattr(out, name) < 0:
                raise ValueError(f"crawl setting {name} must not be negative")
        if out.concurrent_requests < 1 or out.concurrent_requests_per_host < 1:
            raise ValueError("concurrent_requests and concurrent_requests_per_host must be at least 1")
        if out.autothrottle_target_concurrency <= 0:
            raise ValueError("autothrottle_target_concurrency must be positive")
        return out

    def agent(self) -> str:
        """The User-Agent: ours, else the one ``--urls`` fetching uses."""
        if self.user_agent:
            return self.user_agent
        from ..ingest.settings import default_settings

        return default_settings().user_agent
