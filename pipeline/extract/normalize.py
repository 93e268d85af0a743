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
    """Return ``text`` with full-width forms folded; ``len(result) == len(text)``."""
    if not _NEEDS.search(text):
        return text
    if "\uff0c" in text:
        text = _FW_COMMA.sub(",", text)
    return text.translate(_table())
