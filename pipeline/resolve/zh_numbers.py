"""Chinese numerals to exact decimals.

Handles simple and financial digits (一二三 / 壹贰叁), traditional forms (萬 億 點 兩),
zero (〇 零), small units (十 百 千, 拾 佰 仟), big units (万 亿 兆, also stacked: 万亿),
decimals (五十五点五七九), digit strings (二〇二五), abbreviated tails (一万二 = 12000)
and mixed Arabic/Chinese forms (1.2万亿, 5100亿, 3千万).

The character tables come from ``patterns/zh/units.yaml`` (``numerals``) so that the
rules stay data; :func:`parse` is the only logic.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..patterns import load_lang


@lru_cache(maxsize=1)
def _tables():
    num = load_lang("zh").units["numerals"]
    digits = {c: int(v) for c, v in num["digits"].items()}
    small = {c: int(v) for c, v in num["small_units"].items()}
    big = {c: int(v) for c, v in num["big_units"].items()}
    points = frozenset(num["points"])
    rewrites = dict(num.get("rewrites") or {})
    return digits, small, big, points, rewrites


@lru_cache(maxsize=8192)
def parse(s: str) -> Decimal | None:
    """Value of a Chinese (or mixed Arabic/Chinese) numeral, or None if ``s`` is not one (the same numerals
    recur: 一, 三, 百, 万; a value, a Decimal, is immutable and shared).

    >>> parse("三百亿")
    Decimal('30000000000')
    >>> parse("1.2万亿")
    Decimal('1200000000000.0')
    """
    s = s.replace(" ", "").replace(",", "").replace("，", "")
    if not s:
        return None
    neg = s[0] in "负-"
    if neg:
        s = s[1:]
    v = _parse(s)
    if v is None:
        return None
    return -v if neg else v


def _parse(s: str) -> Decimal | None:
    digits, small, big, points, rewrites = _tables()
    for a, b in rewrites.items():
        s = s.replace(a, b)
    if not s or s[0] in points:
        return None
    # Chinese decimal point: 五十五点五七九, 一百点123
    for p in points:
        if p in s:
            ip, _, fp = s.partition(p)
            if not fp:
                return None
            if fp.isdigit():
                frac = Decimal("0." + fp)
            elif all(c in digits for c in fp):
                frac = Decimal("0." + "".join(str(digits[c]) for c in fp))
            else:
                return None
            whole = _parse_int(ip, digits, small, big)
            return None if whole is None else whole + frac
    return _parse_int(s, digits, small, big)


def _tokens(s: str, digits, small, big):
    """Split into ('d', value, is_chinese) / ('s', unit) / ('b', unit) tokens; Arabic runs are one digit token."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isdigit():
            j = i
            while j < n and (s[j].isdigit() or (s[j] == "." and j + 1 < n and s[j + 1].isdigit())):
                j += 1
            try:
                yield ("d", Decimal(s[i:j]), False)
            except InvalidOperation:
                yield ("x", None)
            i = j
            continue
        if c in digits:
            yield ("d", Decimal(digits[c]), True)
        elif c in small:
            yield ("s", small[c])
        elif c in big:
            yield ("b", big[c])
        else:
            yield ("x", None)
        i += 1


def _parse_int(s: str, digits, small, big) -> Decimal | None:
    if not s:
        return None
    toks = list(_tokens(s, digits, small, big))
    if any(t[0] == "x" for t in toks):
        return None
    if len(toks) == 1 and toks[0][0] == "s":
        return Decimal(toks[0][1])  # 百 (as in 百分之百), 千
    if all(t[0] == "d" for t in toks):
        if len(toks) == 1:
            return toks[0][1]
        if all(t[2] for t in toks):  # a digit string: 二〇二五 -> 2025
            return Decimal("".join(str(int(t[1])) for t in toks))
        return None
    total = Decimal(0)
    section = Decimal(0)  # value below the current big unit
    number = None         # the pending digit (None: none since the last unit)
    number_cn = False
    last_small = 0        # last small unit in this section (must decrease: 十一十二 is not a numeral)
    max_big = 0
    last_big = 0
    zero = False          # a 零 since the last unit: 一百零五 is 105, not 150
    for t in toks:
        kind = t[0]
        if kind == "d":
            if number is not None and number != 0 and not zero:
                return None  # two digits in a row inside a numeral with units
            number, number_cn = t[1], t[2]
            zero = zero or number == 0
        elif kind == "s":
            u = t[1]
            if last_small and u >= last_small:
                return None
            if number is None and u != 10 and (section or total):
                return None  # 一千百: inside a numeral a hundred needs its digit (百亿, 千万 at the start are fine)
            section += (number if number else 1) * u
            number, last_small, zero = None, u, False
        else:
            u = t[1]
            chunk = section + (number or 0)
            if u > max_big:
                total = (total + chunk) * u if (total or chunk) else Decimal(u)
                max_big = u
            else:
                total += (chunk if chunk else 1) * u
            section, number, last_small, last_big, zero = Decimal(0), None, 0, u, False
    if number is not None and number_cn and number < 10 and not zero:
        # abbreviated tail: 一万二 = 12000, 三千五 = 3500, 两百五 = 250
        if last_small >= 100:
            number *= last_small // 10
        elif last_small == 0 and last_big and total:
            number *= last_big // 10
    return total + section + (number or 0)
