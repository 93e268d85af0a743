"""Same-length normalisation for matching.

Full-width ASCII (３８．３％) becomes ASCII and a few spaces and signs are unified, one
character for one character, so an offset in the normalised text is the same offset in
the original text: figure spans always point into ``Document.text``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import load_lang

_FW_COMMA = re.compile(r"(?<=[\uff10-\uff19])\uff0c(?=[\uff10-\uff19]{3})")
_NEEDS = re.compile(r"[\uff01-\uff5e\u3000\u00a0\u2009\u202f\u2212\uffe5\uffe1\u00b7\ue40c]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    base = load_lang("zh").base
    keep = set(base.get("keep_fullwidth") or [])
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        ch = chr(cp)
        if ch not in keep:
            table[cp] = chr(cp - 0xFEE0)
    for src, dst in (base.get("chars") or {}).items():
        if len(src) != 1 or len(dst) != 1:
            raise ValueError(f"normalize.yaml: rewrite {src!r} -> {dst!r} is not one character for one")
        table[ord(src)] = dst
    return table


def normalize(text: str) -> str:
    """Return ``text`` with full-width forms folded and traditional characters simplified;
    ``len(result) == len(text)``."""
    if _NEEDS.search(text):
        if "\uff0c" in text:
            text = _FW_COMMA.sub(",", text)
        text = text.translate(_table())
    return to_simplified(text)[0]


_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's converter (None when the package is missing: then traditional text is read as is)."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    conf = load_lang("zh").base.get("traditional") or {}
    return opencc.OpenCC(conf.get("converter", "t2s"))


_char_cache: dict[str, str] = {}


def to_simplified(text: str) -> tuple[str, str | None]:
    """(text in simplified characters, script): ``hant`` when the text is traditional Chinese, ``hans``
    when it has Han characters and is not, None without any. Same length as ``text``."""
    return _to_simplified(text) if text else (text, None)


@lru_cache(maxsize=4)   # a document's text is read twice: for the figures and for its script
def _to_simplified(text: str) -> tuple[str, str | None]:
    if not _HAN.search(text):
        return text, None
    cc = _converter()
    if cc is None:
        return text, "hans"
    conv = cc.convert(text)
    if conv == text:
        return text, "hans"
    if len(conv) != len(text):
        # a phrase rule changed the length: convert character by character instead (offsets must hold)
        out = []
        for ch in text:
            c = _char_cache.get(ch)
            if c is None:
                c = cc.convert(ch)
                c = _char_cache[ch] = c if len(c) == 1 else ch
            out.append(c)
        conv = "".join(out)
    changed = sum(map(str.__ne__, text, conv))
    conf = load_lang("zh").base.get("traditional") or {}
    if changed >= int(conf.get("min_chars", 3)) and changed >= float(conf.get("min_share", 0.02)) * len(_HAN.findall(text)):
        return conv, "hant"
    return text, "hans"
