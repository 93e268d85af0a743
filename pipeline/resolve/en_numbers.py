"""English numerals to exact decimals: digits (1,700  2.74), words (twenty-five, one hundred
and five, half a million, a quarter million) and scale words or abbreviations (billion, bn, m, k).

Word tables come from ``patterns/en/units.yaml`` (``numerals``).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..patterns import load_lang

_SPLIT = re.compile(r"[\s\-]+")


@lru_cache(maxsize=1)
def _tables():
    num = load_lang("en").units["numerals"]
    ones = {k: int(v) for k, v in num["ones"].items()}
    tens = {k: int(v) for k, v in num["tens"].items()}
    scales = {k: Decimal(str(v)) for k, v in num["scales"].items()}
    fractions = {k: Decimal(str(v)) for k, v in num["fractions"].items()}
    return ones, tens, scales, fractions


def scale_value(word: str) -> Decimal | None:
    """Multiplier of a scale word or abbreviation (``billion`` -> 1e9, ``bn`` -> 1e9), else None."""
    return _tables()[2].get(word.lower().rstrip("."))


def parse_digits(s: str) -> Decimal | None:
    """``1,700`` -> 1700, ``2.74`` -> 2.74, ``-15`` -> -15."""
    try:
        return Decimal(s.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def parse_words(s: str) -> Decimal | None:
    """``twenty-five`` -> 25, ``one hundred and five`` -> 105, ``half a million`` -> 500000, ``a quarter of a million``
    -> 250000."""
    ones, tens, scales, fractions = _tables()
    words = [w for w in _SPLIT.split(s.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    frac = None
    for w in words:
        if w in ("a", "an"):
            if current == 0 and frac is None:
                current = Decimal(1)
            continue
        if w in fractions:
            frac = fractions[w]
            continue
        if w == "of" and frac is not None and current in (0, 1):
            current = Decimal(0)    # a quarter of a million: the article before the fraction counts nothing
            continue
        if w in ones:
            current += ones[w]
            seen = True
        elif w in tens:
            current += tens[w]
            seen = True
        elif w in scales:
            mult = scales[w]
            if current == 0:
                current = Decimal(1)
            if frac is not None:
                current *= frac
                frac = None
            if mult == 100:
                current *= mult
            else:
                total += current * mult
                current = Decimal(0)
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + current
