"""Language of a document: ``zh``, ``en`` or ``mixed``, from the share of Han characters and Latin words."""
from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_lang(text: str, sample: int = 20000) -> str:
    """Return ``zh``, ``en`` or ``mixed``.

    A Han character carries about as much as a Latin word of two letters or more,
    so the two counts are compared directly; a document is ``mixed`` when the
    minority script still holds more than a quarter of the content.
    """
    s = text[:sample]
    han = len(_HAN.findall(s))
    words = len(_LATIN_WORD.findall(s))
    total = han + words
    if total == 0:
        return "zh" if han else "en"
    share = han / total
    if share >= 0.75:
        return "zh"
    if share <= 0.25:
        return "en"
    return "mixed"
