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
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int], frozenset[str]]:
    num = load_lang("zh").units["numerals"]
    digits = {c: int(v) for c, v in num["digits"].items()}
    small = {c: int(v) for c, v in num["small_units"].items()}
    big = {c: int(v) for c, v in num["big_units"].items()}
    points = frozenset(num["points"])
    return digits, small, big, points


def parse(s: str) -> Decimal | None:
    """Value of a Chinese (or mixed Arabic/Chinese) numeral, or None if ``s`` is not one.

    >>> parse("三百亿")
    Decimal('30000000000')
    >>> parse("1.2万亿")
    Decimal('1200000000000.0')
    """
    s = s.replace(" ", "").replace(",", "").replace("，", "")
    if not s:
        return None
    digits, small, big, points = _tables()
    # leading Arabic part (mixed forms): 1.2万亿, 5100亿, 3千万
    i = 0
    while i < len(s) and (s[i].isdigit() or (s[i] == "." and i > 0)):
        i += 1
    if i:
        try:
            head = Decimal(s[:i])
        except InvalidOperation:
            return None
        mult = Decimal(1)
        for c in s[i:]:
            if c in big:
                mult *= big[c]
            elif c in small:
                mult *= small[c]
            else:
                return None
        return head * mult
    # Chinese decimal point
    for p in points:
        if p in s:
            ip, _, fp = s.partition(p)
            if not fp or any(c not in digits for c in fp):
                return None
            whole = _parse_int(ip, digits, small, big) if ip else Decimal(0)
            if whole is None:
                return None
            frac = Decimal("0." + "".join(str(digits[c]) for c in fp))
            return whole + frac
    return _parse_int(s, digits, small, big)


def _parse_int(s: str, digits, small, big) -> Decimal | None:
    if not s:
        return None
    if all(c in digits for c in s):
        # a digit string: 二〇二五 -> 2025, 五 -> 5
        return Decimal("".join(str(digits[c]) for c in s))
    total = Decimal(0)
    section = 0          # value below the current big unit
    number = 0           # the pending digit
    pending = Decimal(0)  # last chunk added at a big unit, for stacked units (万亿)
    prev = ""            # kind of the previous character: d(igit) s(mall) b(ig)
    last_small = 0
    last_big = 0
    zero = False         # a 零 since the last unit: 一百零五 is 105, not 150
    for c in s:
        if c in digits:
            number = digits[c]
            zero = zero or number == 0
            prev = "d"
        elif c in small:
            u = small[c]
            section += (number if (number or prev == "d") else 1) * u
            number = 0
            last_small = u
            zero = False
            prev = "s"
        elif c in big:
            u = big[c]
            if prev == "b":
                total -= pending
                pending *= u
                total += pending
            else:
                chunk = section + number
                pending = Decimal(chunk if chunk else 1) * u
                total += pending
            section = number = 0
            last_small = 0
            last_big = u
            zero = False
            prev = "b"
        else:
            return None
    if number and prev == "d" and not zero:
        # abbreviated tail: 一万二 = 12000, 三千五 = 3500, 两百五 = 250
        if last_small >= 10 and section:
            number *= last_small // 10
        elif last_big and not section and total:
            number *= last_big // 10
    return total + section + number
