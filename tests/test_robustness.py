"""Garbage in, no crash out: random and degenerate text never raises and offsets stay right."""
import random

import pytest

from pipeline import extract_figures

ALPHABET = list("0123456789０１２３,.，。%％$￥¥€£亿万千百十元美欧家个名项一二三四五六七八九零〇两成折分之点到至-~～—"
                "年月日第约超过以上左右多余 \n\"“”《》()（）abcdefmbnkpercentpointsyuandollarsbillionmillionBy")


def _check(text, lang):
    for f in extract_figures(text, lang=lang):
        assert text[f.start:f.end] == f.text
        assert f.end <= len(text)


@pytest.mark.parametrize("seed", range(6))
def test_random_text(seed):
    rng = random.Random(seed)
    for _ in range(40):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.choice([3, 40, 400])))
        for lang in ("zh", "en", None):
            _check(text, lang)


DEGENERATE = ["", " ", "\n" * 50, "1" * 5000, "一" * 5000, "1," * 2000, "百分之" * 500, "3%-" * 500, "$" * 2000,
              "and " * 500, "“" * 300 + "5家" + "”" * 300, "one hundred and " * 200, "\x00\x01\x02" * 100,
              "\ud800", "3亿 " * 500, "- " * 1000]


@pytest.mark.parametrize("text", DEGENERATE, ids=[repr(t[:12]) for t in DEGENERATE])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_degenerate_text(text, lang):
    _check(text, lang)
