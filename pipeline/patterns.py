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


# libyaml's parser when PyYAML has it: 10x faster, and every worker process reads the rule files at start
_YAML_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleLoader(_YAML_BASE):  # type: ignore[misc, valid-type]
    """A safe YAML loader for word lists: only ``true``/``false`` are booleans (YAML 1.2). YAML 1.1 also reads
    on, off, yes, no, y and n as booleans, which turned the words *on*, *no* and *On* of the English stop
    lists into ``True`` and ``False``."""


RuleLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _YAML_BASE.yaml_implicit_resolvers.items()}
RuleLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
_YAML_LOADER = RuleLoader


def write_generated(path: Path, text: str, check: bool) -> int:
    """The tail of a ``scripts/gen_*.py`` generator: write ``text`` to the pattern file at ``path``, or with
    ``check`` compare it with the committed file (0 when the same, 1 when it differs)."""
    if check:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        print(f"{path}: {'up to date' if same else 'differs'}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER) or {}  # noqa: S506 - a safe loader
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


# -- fast scanning -------------------------------------------------------------------------
# The regex engine tries a pattern at every position of the text unless the pattern starts with a
# literal or a character class; most of ours start with a lookbehind (``(?<![\d.])\d+``), so a pass over
# a 100,000-character document makes 100,000 attempts. When every match must start with one of a few
# characters (digits, Chinese numerals, 到/至), a class of those characters finds the places to try in
# one fast scan, and the pattern is tried only there: the same matches, in the same order.

try:  # the regex parser and compiler of CPython (3.11+); without them every pattern is scanned as usual
    from re import _compiler as _sre_compile, _constants as _C, _parser as _sre_parse
except ImportError:  # pragma: no cover
    _C = _sre_parse = _sre_compile = None

# an anchor class of more characters than this (all Chinese characters, letters, spaces) stands at too many
# places of a text for a try at each of them to pay (80: the Chinese target cues start with 65 characters; at 64 they
# were searched unanchored, six times slower, a 7% cost on the whole Chinese pipeline)
ANCHOR_MAX_CHARS = 80

# the classes whose characters have no case (a class under IGNORECASE is scanned fast only without them)
# (with how many characters they count for: digits are few in running text, spaces and word characters many)
_CATEGORY_CLASS = {"CATEGORY_DIGIT": (r"\d", True, 10), "CATEGORY_SPACE": (r"\s", True, 10 ** 6),
                   "CATEGORY_NOT_DIGIT": (r"\D", False, 10 ** 6), "CATEGORY_NOT_SPACE": (r"\S", False, 10 ** 6),
                   "CATEGORY_WORD": (r"\w", False, 10 ** 6), "CATEGORY_NOT_WORD": (r"\W", False, 10 ** 6)}


class _Unknown(Exception):
    """A construct the first-character analysis does not read: no anchor for this pattern."""


def _char(c: int) -> tuple[str, bool, int]:
    ch = chr(c)
    return ("\\" + ch if ch in "-]\\^" else re.escape(ch)), ch.lower() == ch.upper() == ch.casefold(), 1


def _first(items) -> tuple[list[tuple[str, bool, int]], bool]:
    """(class items, each with whether its characters have no case and how many characters it holds, that a
    match of the sequence ``items`` can start with; whether it can match the empty string)."""
    parts: list[tuple[str, bool, int]] = []
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue                                    # zero-width: the next item consumes the first character
        if op is _C.LITERAL:
            parts.append(_char(av))
            return parts, False
        if op is _C.IN:
            for o, a in av:
                if o is _C.LITERAL:
                    parts.append(_char(a))
                elif o is _C.RANGE:
                    lo, hi = _char(a[0]), _char(a[1])
                    uncased = all(_char(c)[1] for c in range(a[0], a[1] + 1))
                    parts.append((lo[0] + "-" + hi[0], uncased, a[1] - a[0] + 1))
                elif o is _C.CATEGORY and str(a) in _CATEGORY_CLASS:
                    parts.append(_CATEGORY_CLASS[str(a)])
                else:
                    raise _Unknown(str(o))              # a negated class, ...
            return parts, False
        if op is _C.BRANCH:
            nullable = False
            for alt in av[1]:
                p, n = _first(alt)
                parts += p
                nullable = nullable or n
            if not nullable:
                return parts, False
            continue
        if op is _C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown("inline flags")
            p, n = _first(sub)
            parts += p
            if not n:
                return parts, False
            continue
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, _, sub = av
            p, n = _first(sub)
            parts += p
            if lo > 0 and not n:
                return parts, False
            continue
        raise _Unknown(str(op))                         # any character, a back reference, ...
    return parts, True


def first_chars(rx: re.Pattern) -> tuple[re.Pattern, bool] | None:
    """A character class matching every character a match of ``rx`` can start with (compiled with the same
    flags) and whether it is a good anchor: few characters (not all letters, spaces or Chinese characters),
    and none with a case under IGNORECASE, which the engine cannot scan for fast. None when there is none
    to tell: a match may be empty, may start with any character (``.``, ``[^…]``), the class is too wide
    to be worth testing (more than ``ANCHOR_MAX_CHARS``), or the pattern uses a construct the analysis
    does not read (inline flags, back references)."""
    if _sre_parse is None or not isinstance(rx.pattern, str):
        return None
    try:
        parts, nullable = _first(_sre_parse.parse(rx.pattern, rx.flags).data)
    except (_Unknown, re.error, RecursionError):
        return None
    if nullable or not parts or sum(n for _, _, n in parts) > ANCHOR_MAX_CHARS:
        return None
    cls = re.compile("[" + "".join(dict.fromkeys(p for p, _, _ in parts)) + "]", rx.flags & (re.IGNORECASE | re.ASCII))
    return cls, not (rx.flags & re.IGNORECASE) or all(uncased for _, uncased, _ in parts)


def _engine_scans(rx: re.Pattern) -> bool:
    """Does the engine itself skip to where a match can start (a literal prefix, a class of first
    characters: ``re._compiler._compile_info``)? Then it needs no help."""
    if _sre_compile is None:
        return False
    try:
        p = _sre_parse.parse(rx.pattern, rx.flags)
        if p.getwidth()[0] == 0:
            return False
        prefix = _sre_compile._get_literal_prefix(p, rx.flags)[0]
        return bool(prefix) or bool(_sre_compile._get_charset_prefix(p, rx.flags))
    except Exception:                                   # a private API: any change and we do without
        return False


class Anchored:
    """``rx`` tried only where its first character can stand: ``finditer`` gives the matches of
    ``rx.finditer`` (the same spans and groups, in the same order). The pattern is tried with ``match``
    at each character of the class, and ``match`` sees the text before its position as a search does
    (lookbehinds, ``\\b``)."""

    __slots__ = ("rx", "anchor")

    def __init__(self, rx: re.Pattern, anchor: re.Pattern):
        self.rx, self.anchor = rx, anchor

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        find, match = self.anchor.search, self.rx.match
        while True:
            a = find(text, pos, end)
            if a is None:
                return None
            m = match(text, a.start(), end)
            if m is not None:
                return m
            pos = a.start() + 1

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        find, match = self.anchor.search, self.rx.match
        while True:
            a = find(text, pos, end)
            if a is None:
                return
            m = match(text, a.start(), end)
            if m is None:
                pos = a.start() + 1
                continue
            yield m
            pos = m.end()                               # never empty: a match starts with a character


class Branches:
    """A pattern ``A|B|…`` searched one alternative at a time, the alternatives that start with a class of
    uncased characters by :class:`Anchored`: ``finditer`` gives the matches of ``rx.finditer``. From a
    position, the match of ``A|B|…`` is the leftmost of the alternatives' own leftmost matches (the first
    alternative on a tie): the engine tries the alternatives in order at each position. Each alternative is
    compiled as the whole pattern with the others made impossible (``(?!)``), so that group numbers and
    names are those of ``rx``."""

    __slots__ = ("searches",)

    def __init__(self, searches: list):
        self.searches = searches

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        searches = self.searches
        nxt = [search(text, pos, end) for search in searches]
        while True:
            best = None
            for i, m in enumerate(nxt):
                if m is not None and m.start() < pos:
                    m = nxt[i] = searches[i](text, pos, end)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()                            # never empty: no alternative matches the empty string

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


def _alternatives(src: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(c|d)`` -> ``a``, ``b(c|d)``)."""
    out, depth, in_class, i, start = [], 0, False, 0, 0
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            class_start = i + 1 + (src[i + 1:i + 2] == "^")     # a ] right after [ or [^ is a character
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(src[start:i])
            start = i + 1
        i += 1
    out.append(src[start:])
    return out


def _anchor_of(rx: re.Pattern) -> re.Pattern | None | bool:
    """The fast class of ``rx``'s first characters; None when there is none (``rx`` is searched as usual);
    False when ``rx`` may match the empty string or cannot be read."""
    if _sre_parse is None:
        return False
    try:
        _, nullable = _first(_sre_parse.parse(rx.pattern, rx.flags).data)
    except (_Unknown, re.error, RecursionError):
        return False
    if nullable:
        return False
    found = first_chars(rx)
    return found[0] if found is not None and found[1] else None


def with_lookahead(rx: re.Pattern) -> re.Pattern:
    """``rx`` behind a lookahead for the class of its first characters, when it starts with something dearer
    to try than that class (a word boundary, a lookbehind, alternatives): under IGNORECASE, where the class
    of letters is not scanned fast, most positions of the text are still turned away by one class test
    (the English time expressions: ``month_day`` 330 -> 150 ms). The same matches and groups."""
    found = first_chars(rx)
    if found is None or not isinstance(rx.pattern, str):
        return rx
    first = _sre_parse.parse(rx.pattern, rx.flags).data[0][0]
    if first in (_C.LITERAL, _C.IN):
        return rx                                       # the engine's own first test is as cheap
    try:
        return re.compile(f"(?={found[0].pattern})(?:{rx.pattern})", rx.flags)
    except re.error:                                    # global inline flags at the start
        return rx


def fast(rx: re.Pattern, branches: bool = False):
    """``rx`` or a stand-in for its ``search`` and ``finditer`` (with ``pos`` and ``endpos``) that finds the
    same matches faster: the pattern tried only at the characters a match can start with
    (:class:`Anchored`) when those form a class the engine scans fast (see :func:`first_chars`), else behind
    a lookahead for that class (:func:`with_lookahead`). With ``branches``, a pattern ``A|B`` where all
    alternatives but one can be so anchored (``\\d…|twenty…`` under IGNORECASE) is searched one alternative
    at a time (:class:`Branches`): faster only when the anchored alternatives are the costly part, so the
    caller asks for it where measured."""
    if _engine_scans(rx):
        return rx
    anchor = _anchor_of(rx)
    if anchor:
        return Anchored(rx, anchor)
    if not branches:
        return with_lookahead(rx)
    alts = _alternatives(rx.pattern) if anchor is None and isinstance(rx.pattern, str) else []
    if len(alts) < 2:
        return with_lookahead(rx)
    searches, plain = [], 0
    for i, alt in enumerate(alts):
        try:
            anchor = _anchor_of(re.compile(alt, rx.flags))
            whole = re.compile("|".join(a if j == i else "(?!)" + a for j, a in enumerate(alts)), rx.flags)
        except re.error:
            return rx                                   # an alternative that refers to another's group
        if anchor is False or whole.groupindex != rx.groupindex or whole.groups != rx.groups:
            return rx
        if anchor is None:
            plain += 1
            found = first_chars(re.compile(alt, rx.flags))
            if found is not None:                       # the lookahead of the alternative alone
                whole = re.compile(f"(?={found[0].pattern})(?:{whole.pattern})", rx.flags)
        searches.append(Anchored(whole, anchor).search if anchor is not None else whole.search)
    if plain > 1:
        return with_lookahead(rx)                       # two passes of the engine over the text cost more than one
    return Branches(searches)


class Several:
    """The matches of several patterns over one text, each as its own ``finditer`` would give them, found
    with one pass of the engine: a pattern can only match where the alternation of all of them matches
    (``A|B`` tried at a position tries ``A`` and ``B`` there), so that pass lists every such position once,
    and each pattern is tried only there."""

    __slots__ = ("rxs", "union")

    def __init__(self, rxs: list[re.Pattern]):
        self.rxs = rxs
        flags = {rx.flags for rx in rxs}
        union = re.compile("|".join(f"(?:{rx.pattern})" for rx in rxs), flags.pop()) if len(flags) == 1 else None
        if union is not None and (union.groups or any(rx.groups for rx in rxs) or _anchor_of(union) is False):
            union = None                                # (groups would be renumbered; an empty match: no)
        self.union = fast(union) if union is not None else None

    def finditer_each(self, text: str) -> list[list[re.Match]]:
        if self.union is None:
            return [list(rx.finditer(text)) for rx in self.rxs]
        starts, pos, search = [], 0, self.union.search
        while True:
            m = search(text, pos)
            if m is None:
                break
            starts.append(m.start())
            pos = m.start() + 1
        out = []
        for rx in self.rxs:
            found, pos, match = [], 0, rx.match
            for q in starts:
                if q < pos:
                    continue
                m = match(text, q)
                if m is not None:
                    found.append(m)
                    pos = m.end()                       # never empty (checked above)
            out.append(found)
        return out


def fast_finditer(rx: re.Pattern, branches: bool = False):
    """``fast(rx, branches).finditer``."""
    return fast(rx, branches).finditer
