from decimal import Decimal

import pytest

from pipeline.resolve.en_numbers import parse_digits, parse_words, scale_value

WORDS = [
    ("six", 6), ("twenty-five", 25), ("one hundred and five", 105), ("three thousand two hundred", 3200),
    ("half a million", 500_000), ("a quarter million", 250_000), ("a million", 1_000_000),
    ("a quarter of a million", 250_000), ("quarter of a billion", 250_000_000),
    ("zero", 0), ("ninety nine", 99), ("two billion", 2_000_000_000),
]


@pytest.mark.parametrize("text,expected", WORDS, ids=[w[0] for w in WORDS])
def test_words(text, expected):
    assert parse_words(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["and", "hundreds", "several", ""])
def test_words_reject(text):
    assert parse_words(text) is None


@pytest.mark.parametrize("text,expected", [("1,700", 1700), ("50.423", Decimal("50.423")), ("-15", -15)])
def test_digits(text, expected):
    assert parse_digits(text) == Decimal(expected)


@pytest.mark.parametrize("word,expected", [("bn", 10**9), ("m", 10**6), ("trillion", 10**12), ("k", 1000),
                                           ("lakh", 100_000)])
def test_scales(word, expected):
    assert scale_value(word) == expected
