"""Ingest settings: defaults in ``settings.toml`` beside this file, overridable by another TOML file
or keyword arguments (tests use small timeouts)."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = 50_000_000
    max_warc_record_bytes: int = 20_000_000
    user_agent: str = "policy-extract/0.1"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    respect_robots: bool = True
    cache_dir: str = ".cache/http"
    trust_env: bool = True
    content_types: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain")

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides) -> "IngestSettings":
        """The defaults, then ``path`` (or ``$POLICY_INGEST_SETTINGS``), then ``overrides``."""
        values: dict = {}
        for p in (DEFAULTS if DEFAULTS.exists() else None, path or os.environ.get("POLICY_INGEST_SETTINGS")):
            if p:
                values.update(_flatten(tomllib.loads(Path(p).read_text(encoding="utf-8"))))
        values.update(overrides)
        return cls().with_(**values)

    def with_(self, **changes) -> "IngestSettings":
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown ingest settings: {', '.join(sorted(unknown))}")
        if "content_types" in changes:
            changes["content_types"] = tuple(changes["content_types"])
        return replace(self, **changes)


def _flatten(doc: dict) -> dict:
    out: dict = {}
    for key, value in doc.items():
        if isinstance(value, dict):
            out.update(value)
        else:
            out[key] = value
    return out


_default: IngestSettings | None = None


def default_settings() -> IngestSettings:
    global _default
    if _default is None:
        _default = IngestSettings.load()
    return _default
