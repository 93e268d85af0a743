"""Load the cleaning stage's rule files (``patterns/html/*.yaml`` and ``*.txt``) once.

The rules are data: token vocabularies, line patterns, date formats and encoding
aliases live in ``patterns/html/``; this module only reads and caches them.
``POLICY_HTML_PATTERNS`` points at another directory (tests, experiments).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import PatternError

from ..patterns import RuleLoader as _YAML_LOADER  # libyaml's parser, booleans only true/false


def patterns_dir() -> Path:
    """``$POLICY_HTML_PATTERNS``, else ``html/`` of the project's patterns folder (see pipeline.patterns)."""
    env = os.environ.get("POLICY_HTML_PATTERNS")
    if env:
        return Path(env)
    from ..patterns import patterns_dir as root

    return root() / "html"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The YAML rule file ``name`` (without extension) as a dict."""
    path = patterns_dir() / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise PatternError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise PatternError(f"{path}: top level must be a mapping")
    return data


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A ``.txt`` word list: one entry a line, ``#`` starts a comment."""
    path = patterns_dir() / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"cannot read {path}: {exc}") from exc
    out = tuple(w for w in (line.split("#", 1)[0].strip() for line in lines) if w)
    if not out:
        raise PatternError(f"{path}: empty word list")
    return out


def compile_regex(pattern: str, where: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise PatternError(f"{where}: bad regex {pattern!r}: {exc}") from exc


def alternation(items: tuple[str, ...] | list[str], where: str) -> str:
    """Join literal words into one regex alternation, longest first (trafilatura's ``_alt``)."""
    if not items:
        raise PatternError(f"{where}: empty vocabulary")
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))
