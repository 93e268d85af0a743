from decimal import Decimal

import pytest

from pipeline.resolve.zh_numbers import parse
from gold_support import read_jsonl, shared_path

CASES = [
    ("三百亿", 30_000_000_000),
    ("两千万", 20_000_000),
    ("一万二千三百四十五", 12345),
    ("〇", 0),
    ("零", 0),
    ("壹仟贰佰叁拾肆", 1234),
    ("一万二", 12000),
    ("三千五", 3500),
    ("一百零五", 105),
    ("一千零十", 1010),
    ("一万零二", 10002),
    ("十一", 11),
    ("二十", 20),
    ("廿二", 22),
    ("五十五点五七九", Decimal("55.579")),
    ("四十九兆九千五百九十二億", 49_959_200_000_000),
    ("二〇二五", 2025),
    ("十万亿", 10_000_000_000_000),
    ("三亿五千万", 350_000_000),
    ("一千一百万亿", 1_100_000_000_000_000),
    ("1.2万亿", 1_200_000_000_000),
    ("5100亿", 510_000_000_000),
    ("3千万", 30_000_000),
    ("100万三千", 1_003_000),
    ("负三", -3),
    ("万", 10000),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_parse(text, expected):
    assert parse(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["点五", "一千百", "十一十二", "", "亿万x"])
def test_rejects_non_numerals(text):
    assert parse(text) is None


def test_cn2an_parse_specs():
    """The cn2an peer's parse cases (../shared/eval/peer_specs): every accepted numeral gets its value."""
    rows = read_jsonl(shared_path("eval", "peer_specs", "cn2an_zh_number_parse.jsonl"))
    wrong = []
    for r in rows:
        if not r["expected"]:
            continue
        want = r["expected"][0]["value"]
        got = parse(r["text"])
        if got is None or abs(float(got) - want) > 1e-9 * max(1.0, abs(want)):
            wrong.append((r["text"], got, want))
    assert not wrong, wrong[:10]
