"""Encoding detection: declarations are checked against the bytes."""
from __future__ import annotations

import pytest

from pipeline.clean.encoding import decode, normalize_name, sniff_declarations

ZH = "江川市高新技术企业数量达到1236家，同比增长21.4%。"


def page(meta: str, body: str = ZH) -> str:
    return f"<html><head>{meta}<title>新闻</title></head><body><p>{body}</p></body></html>"


def test_gbk_page_with_lying_utf8_meta_is_read_as_gb18030():
    data = page('<meta charset="utf-8">').encode("gbk")
    text, enc = decode(data)
    assert enc == "gb18030"
    assert ZH in text


def test_lying_http_header_loses_to_the_bytes():
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=gbk">').encode("gbk")
    text, enc = decode(data, declared="utf-8")
    assert enc == "gb18030" and ZH in text


def test_gb2312_declared_page_with_gb18030_only_characters():
    body = "鑫堃新材料公司董事长王喆、䶮峰检测中心、𠀾字"  # 堃喆: GBK only; 䶮 𠀾: GB18030 only
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', body).encode("gb18030")
    text, enc = decode(data)
    assert enc == "gb18030"
    assert body in text
    assert "\ufffd" not in text


def test_utf8_bom_wins_over_a_gbk_declaration():
    data = b"\xef\xbb\xbf" + page('<meta charset="gbk">').encode("utf-8")
    text, enc = decode(data)
    assert enc == "utf-8" and ZH in text and not text.startswith("\ufeff")


def test_utf16_bom():
    data = "\ufeff".encode("utf-16-le") + page("").encode("utf-16-le")
    text, enc = decode(data)
    assert enc == "utf-16-le" and ZH in text


def test_gbk_without_any_declaration():
    text, enc = decode(page("").encode("gbk"))
    assert enc == "gb18030" and ZH in text


def test_utf8_without_any_declaration():
    text, enc = decode(page("").encode("utf-8"))
    assert enc == "utf-8" and ZH in text


def test_gbk_bytes_declared_latin1_are_not_read_as_mojibake():
    data = page('<meta charset="iso-8859-1">', ZH * 5).encode("gbk")
    text, enc = decode(data)
    assert enc == "gb18030" and ZH in text


def test_undeclared_windows_1252_is_not_misread_as_gbk():
    words = "Le café coûte trop cher à Genève, déclare le ministère. " * 3
    text, enc = decode(f"<html><body><p>{words}</p></body></html>".encode("cp1252"))
    assert "café" in text and "Genève" in text
    assert enc not in ("gb18030", "utf-8")


def test_a_few_corrupt_bytes_are_replaced_not_fatal():
    good = page("", ZH * 200).encode("gbk")
    data = good[:300] + b"\xff" + good[300:]
    text, enc = decode(data)
    assert enc == "gb18030"
    assert text.count("\ufffd") <= 2 and text.count(ZH) >= 190


def test_random_bytes_do_not_decode():
    import random

    rnd = random.Random(7)
    data = bytes(rnd.randrange(128, 256) for _ in range(4000))
    text, enc = decode(data)
    assert text is None or text.count("\ufffd") < len(text) * 0.01  # never a flood of U+FFFD


@pytest.mark.parametrize("name, codec", [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"),
                                         ("UTF8", "utf-8"), ("iso-8859-1", "cp1252"), ("big5", "big5hkscs"),
                                         ("no-such-charset", None)])
def test_charset_names_are_normalised(name, codec):
    assert normalize_name(name) == codec


def test_meta_declarations_are_sniffed():
    data = b'<?xml version="1.0" encoding="gb2312"?><meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    assert sniff_declarations(data) == ["GBK", "gb2312"]


@pytest.mark.parametrize("before, ok", [(4999, False), (5000, True)], ids=["within-5000", "past-5000"])
def test_c1_controls_count_among_the_first_5000_non_ascii_characters(before, ok):
    from pipeline.clean.encoding import plausible

    text = "a" * 100 + "é\ufffd" * before + "\x85 end"  # U+FFFD does not count
    assert plausible(text, "utf-8", guessed=False) is ok


@pytest.mark.parametrize("before, codec", [(4999, "gb18030"), (5000, "utf-8")], ids=["within-5000", "past-5000"])
def test_c1_controls_in_utf8_bytes_are_found_as_in_the_text(before, codec):
    # strict UTF-8 looks for C1 controls in the bytes (C2 80-9F); within the first 5,000 the bytes
    # are not taken for UTF-8 (the next candidate reads them)
    data = ("a" * 100 + "é" * before + "\x85 end").encode("utf-8")
    assert decode(data)[1] == codec
