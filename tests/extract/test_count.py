import pytest
from extract_support import check

CASES = [
    ("zh", "新增规上工业企业128家，引进博士46名。", [("128家", "count", 128, "家"), ("46名", "count", 46, "名")]),
    ("zh", "建成5G基站1.2万个。", [("1.2万个", "count", 12000, "个")]),
    ("zh", "培育专精特新企业100多家。", [("100多家", "count", 100, "家", None, ">")]),
    ("zh", "实施十大工程，推进三大攻坚行动。", [("十大", "count", 10, "工程"), ("三大", "count", 3, "行动")]),
    ("zh", "全年接待游客1.5亿人次。", [("1.5亿人次", "count", 1.5e8, "人次")]),
    ("zh", "高新技术企业不少于80家。", [("80家", "count", 80, "家", None, ">=")]),
    ("en", "The city recruited 320 postdoctoral researchers.", [("320", "count", 320, "researchers")]),
    ("en", "Seven provinces and 42 cities joined.", [("Seven", "count", 7, "provinces"), ("42", "count", 42, "cities")]),
    ("en", "It created 1.3 million new jobs.", [("1.3 million", "count", 1.3e6, "jobs")]),
    ("en", "There are 58 high -tech enterprises in the park.", [("58", "count", 58, "enterprises")]),
    ("en", "The number of listed firms has reached 156.", [("156", "count", 156, "firms")]),
    ("en", "four of the country's biggest lenders", [("four", "count", 4, "lenders")]),
]


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_count(lang, sentence, expected):
    check(lang, sentence, expected)


QUANTITY = [
    ("zh", "新建高标准农田35.6万亩。", [("35.6万亩", "quantity", 356000, "亩")]),
    ("zh", "新增储能装机120兆瓦。", [("120兆瓦", "quantity", 120, "兆瓦")]),
    ("en", "The park covers 2,300 acres.", [("2,300 acres", "quantity", 2300, "acres")]),
    ("en", "a 12 km railway and a 400m bridge", [("12 km", "quantity", 12, "km"), ("400m", "quantity", 400, "m")]),
]


@pytest.mark.parametrize("lang,sentence,expected", QUANTITY, ids=[c[1][:30] for c in QUANTITY])
def test_quantity(lang, sentence, expected):
    check(lang, sentence, expected)
