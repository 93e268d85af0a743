"""Small text helpers shared by the cleaning modules."""
from __future__ import annotations

import re

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A source line break between two CJK characters is layout, not a space.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v\u00a0]*\n\s*(?=[{_CJK}])")
# ASCII characters str.split() takes for whitespace and _WS does not.
_SPLIT_ONLY = re.compile(r"[\x1c-\x1f]")
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
# Scoring size: like the tokens, but kana and hangul also count per character.
_SIZE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_\u3040-\u30ff\uac00-\ud7af]+")
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+")  # _SIZE's matches in ASCII text
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def collapse_ws(s: str) -> str:
    """Collapse HTML whitespace to single spaces, joining CJK lines without a space; strip the ends."""
    if s.isascii() and not _SPLIT_ONLY.search(s):  # most lines: no CJK, and str.split's whitespace is HTML's
        return " ".join(s.split())
    if "\n" in s:  # a break needs a newline: most lines have none
        s = _CJK_BREAK.sub("", s)
    return _WS.sub(" ", s).strip(" \u3000")


def count_tokens(s: str) -> int:
    """Tokens: each Han, kana or hangul character, and each other run of letters/digits."""
    if s.isascii():  # the same runs, found by a smaller pattern
        return len(_ASCII_TOKEN.findall(s))
    return len(_SIZE.findall(s))


def han_count(s: str) -> int:
    return len(_HAN.findall(s))
