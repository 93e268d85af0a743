"""Decode bytes to text: declarations are hints, the bytes decide.

Order of evidence (rules in ``patterns/html/encoding.yaml``):

1. a byte-order mark;
2. strict UTF-8 (multi-byte UTF-8 almost never happens by chance, so valid UTF-8
   wins over a declaration that says otherwise);
3. the declared charset (HTTP header), then ``<meta>``/XML declarations in the
   document, each decoded strictly and checked for plausibility (GB2312 and GBK
   are read as GB18030);
4. GB18030, the usual undeclared encoding of Chinese pages, if plausible;
5. charset-normalizer's best guess (windows-1252 when it guesses some single-byte table and
   windows-1252 reads the bytes as well: on little text the detector cannot tell them apart);
6. the same candidates again, now allowing a few replacement characters (a page
   with some corrupt bytes), but never a flood of U+FFFD.

:func:`decode` returns ``(None, None)`` when nothing fits.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import rules

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@lru_cache(maxsize=1)
def _config() -> dict:
    cfg = rules.load("encoding")
    cfg["_declarations"] = [rules.compile_regex(d["regex"], f"encoding.yaml:{d['id']}", re.I)
                            for d in cfg["declarations"]]
    return cfg


def normalize_name(name: str | None) -> str | None:
    """The codec to decode a declared charset with (``gb2312`` -> ``gb18030``), or None if unknown."""
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    cfg = _config()
    if key in cfg["aliases"]:
        return cfg["aliases"][key]
    try:
        codec = codecs.lookup(key).name
    except LookupError:
        return None
    for family, members in cfg["families"].items():
        if codec in members or key in members:
            return family
    return cfg["aliases"].get(codec, codec)


def sniff_declarations(data: bytes) -> list[str]:
    """Charsets declared inside the document (``<meta charset>``, ``http-equiv``, XML declaration)."""
    head = data[: _config()["sniff_bytes"]].decode("ascii", "replace")
    found = []
    for rx in _config()["_declarations"]:
        found.extend(m.group(1) for m in rx.finditer(head))
    return found


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def decode(data: bytes, declared: str | None = None, *, sniff: bool = True) -> tuple[str | None, str | None]:
    """Decode ``data``; return ``(text, codec)`` or ``(None, None)`` when no encoding fits.

    Args:
        data: the raw bytes.
        declared: a charset declared outside the bytes (HTTP ``Content-Type``), if any.
        sniff: also read ``<meta>``/XML charset declarations inside the bytes.
    """
    if not data:
        return "", "utf-8"
    bom = bom_encoding(data)
    if bom:
        enc, n = bom
        text = _lenient(data[n:], enc, False)
        if text is not None:
            return text, enc
    if data.isascii():
        return data.decode("ascii"), "ascii"
    # (codec, guessed): a guessed codec must also pass the stricter mojibake check
    candidates: list[tuple[str, bool]] = [("utf-8", False)]
    for name in [declared, *(sniff_declarations(data) if sniff else [])]:
        codec = normalize_name(name)
        if codec and all(codec != c for c, _ in candidates):
            candidates.append((codec, False))
    if all(c != "gb18030" for c, _ in candidates):
        candidates.append(("gb18030", True))
    for codec, guessed in candidates:
        text = _strict(data, codec, guessed)
        if text is not None:
            return text, codec
    guess = _detect(data)
    if guess and _single_byte(guess) and _strict(data, _config()["single_byte_default"], False) is not None:
        guess = _config()["single_byte_default"]  # the detector cannot tell Latin tables apart on little text
    if guess:
        text = _strict(data, guess, False)
        if text is not None:
            return text, guess
        candidates.append((guess, False))
    for codec, guessed in candidates:
        text = _lenient(data, codec, guessed)
        if text is not None:
            return text, codec
    return None, None


def _strict(data: bytes, codec: str, guessed: bool) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    # in valid UTF-8 a C1 control is the bytes C2 80-9F (C2 only ever leads): one search of the
    # bytes tells that there is none, rather than 32 of the text
    none = codec == "utf-8" and _C1_UTF8.search(data) is None
    return text if plausible(text, codec, guessed, no_c1=none) else None


def _lenient(data: bytes, codec: str, guessed: bool) -> str | None:
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    if text.count("\ufffd") > max(1, len(text) * _config()["max_replacement_share"]):
        return None
    return text if plausible(text, codec, guessed) else None


_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_C1 = tuple(chr(c) for c in range(0x80, 0xA0))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _non_ascii_count(text: str) -> int:
    """Characters beyond ASCII, U+FFFD aside (counted in C: no loop over the characters)."""
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")


def _first_c1(text: str) -> int:
    """Where the first C1 control character is, or -1 (32 ``str.find`` calls scan a page faster
    than one regex does)."""
    found = [i for i in (text.find(c) for c in _C1) if i >= 0]
    return min(found) if found else -1


def plausible(text: str, codec: str, guessed: bool = True, *, no_c1: bool = False) -> bool:
    """Whether ``text`` looks like real text in ``codec`` rather than mojibake.

    ``guessed``: the codec was not declared for these bytes, so GB18030 must also show
    mostly common (GB2312) characters: Latin-1 or UTF-8 bytes read as GBK do not.
    ``no_c1``: the caller knows that ``text`` holds no C1 control character.
    """
    if text.isascii():
        return True
    # The C1 check first: a text whose only non-ASCII characters are U+FFFD has no C1 control
    # either, and the count of the whole text is needed only for the two checks after it.
    c1 = -1 if no_c1 else _first_c1(text)
    if c1 >= 0 and _non_ascii_count(text[:c1]) < 5000:
        return False  # C1 controls among the first 5,000 non-ASCII characters: bytes read with the wrong table
    gb_guess = codec == "gb18030" and guessed
    if not gb_guess and not _single_byte(codec):
        return True  # UTF-8, a declared GB18030...: nothing more to check
    n_non_ascii = _non_ascii_count(text)
    if not n_non_ascii:
        return True
    if gb_guess:
        common = sum(n for c, n in Counter("".join(_NON_ASCII.findall(text))).items() if _in_gb2312(c))
        return common >= _config()["min_gb2312_share"] * n_non_ascii
    if _single_byte(codec):
        # Real Latin text has isolated accented letters; CJK bytes read as Latin come in long runs
        # of symbols and letters with no ASCII between them.
        in_runs = sum(len(r) for r in _NON_ASCII_RUN.findall(text))
        return in_runs <= max(20, n_non_ascii // 2)
    return True


@lru_cache(maxsize=65536)
def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return unicodedata.category(c).startswith("Z")  # spaces such as U+00A0 from &nbsp;-like bytes


@lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    try:
        # a multi-byte codec reads some of these pairs as one character
        probe = b"\xc3\xa9\xe4\xb8\xad\xa1\xa1\x81\x40"
        return len(probe.decode(codec, errors="replace")) == len(probe)
    except LookupError:
        return False


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    return normalize_name(best.encoding) if best is not None else None
