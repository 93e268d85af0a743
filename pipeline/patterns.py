"""Load, validate and compile the rule files in ``patterns/`` (once per process).

A language directory holds YAML files (``lang.yaml``, ``numbers.yaml``, ``units.yaml``,
``context.yaml``, ``link.yaml``) and plain ``.txt`` lexicons. Regex fragments are
composed with ``{name}`` references (Recognizers-Text's ``nestedRegex``); see
``patterns/README.md``.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import PatternError

_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
LANGS = ("zh", "en")


def patterns_dir() -> Path:
    """``$POLICY_EXTRACT_PATTERNS``, else the ``patterns/`` folder beside the package (a checkout or an
    editable install), else the copy a regular install puts in ``<prefix>/share/policy-extract/patterns``."""
    env = os.environ.get("POLICY_EXTRACT_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent / "patterns"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "policy-extract" / "patterns"


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except FileNotFoundError:
        return {}
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: not valid YAML: {exc}") from exc


def read_lexicon(path: Path) -> list[str]:
    """One term per line; blank lines and ``#`` comments are skipped."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def alternation(terms: Iterable[str], escape: bool = True) -> str:
    """A regex alternation of ``terms``, longest first; an empty list is an error."""
    uniq = sorted(set(terms), key=lambda t: (-len(t), t))
    if not uniq:
        raise PatternError("empty term list for an alternation")
    return "(?:" + "|".join(re.escape(t) if escape else t for t in uniq) + ")"


class LangPatterns:
    """The rules of one language, loaded from ``patterns/<lang>/``."""

    def __init__(self, lang: str, root: Path | None = None):
        root = root or patterns_dir()
        self.lang = lang
        self.dir = root / lang
        if not self.dir.is_dir():
            raise PatternError(f"no pattern directory for language {lang!r}: {self.dir}")
        self.base = _read_yaml(root / "base" / "normalize.yaml")
        self.flags: dict = _read_yaml(self.dir / "lang.yaml")
        self.numbers: dict = _read_yaml(self.dir / "numbers.yaml")
        self.units: dict = _read_yaml(self.dir / "units.yaml")
        self.context: dict = _read_yaml(self.dir / "context.yaml")
        self.link: dict = _read_yaml(self.dir / "link.yaml")
        self.fragments: dict[str, str] = dict(self.numbers.get("fragments") or {})
        self._expanded: dict[str, str] = {}
        self._flags = re.IGNORECASE if self.flags.get("case_insensitive") else 0

    # -- fragments ---------------------------------------------------------------------
    def expand(self, pattern: str, _stack: tuple[str, ...] = ()) -> str:
        """Replace every ``{name}`` by its fragment (recursively)."""

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name in _stack:
                raise PatternError(f"{self.lang}: reference cycle {' -> '.join(_stack + (name,))}")
            if name not in self.fragments:
                # leave regex quantifiers like {1,3} alone: they never match _REF (digits first)
                raise PatternError(f"{self.lang}: unknown fragment {{{name}}} in {pattern!r}")
            if name not in self._expanded:
                self._expanded[name] = self.expand(self.fragments[name], _stack + (name,))
            return "(?:" + self._expanded[name] + ")"

        return _REF.sub(sub, pattern)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        expanded = self.expand(pattern)
        try:
            return re.compile(expanded, flags | self._flags)
        except re.error as exc:
            raise PatternError(f"{self.lang}: pattern does not compile: {exc}: {expanded[:200]!r}") from exc

    def regex(self, key: str, flags: int = 0) -> re.Pattern:
        """Compile the top-level entry ``key`` of ``numbers.yaml``."""
        if key not in self.numbers:
            raise PatternError(f"{self.lang}: numbers.yaml has no entry {key!r}")
        return self.compile(self.numbers[key], flags)

    def data(self, name: str) -> dict:
        """Any other YAML file of the language directory (``count.yaml`` -> ``data("count")``)."""
        return _read_yaml(self.dir / f"{name}.yaml")

    def lexicon(self, name: str) -> list[str]:
        return read_lexicon(self.dir / f"{name}.txt")

    def validate(self) -> None:
        """Expand and compile every fragment and top-level pattern (raises PatternError)."""
        for name in self.fragments:
            self.compile("{" + name + "}")
        for key, val in self.numbers.items():
            if key != "fragments" and isinstance(val, str):
                self.compile(val)


@lru_cache(maxsize=None)
def load_lang(lang: str) -> LangPatterns:
    if lang not in LANGS:
        raise PatternError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return LangPatterns(lang)
