import pytest
from extract_support import check

CASES = [
    ("zh", "全年完成固定资产投资1850亿元。", [("1850亿元", "money", 1.85e11, "CNY")]),
    ("zh", "预计总投资三百亿元。", [("三百亿元", "money", 3e10, "CNY")]),
    ("zh", "实现营业收入2.36万亿元，同比增长6%。", [("2.36万亿元", "money", 2.36e12, "CNY"), ("6%", "percent", 6, "%")]),
    ("zh", "累计发放贷款3600多亿元。", [("3600多亿元", "money", 3.6e11, "CNY", None, ">")]),
    ("zh", "引进外资12.5亿美元，另有8000万欧元。", [("12.5亿美元", "money", 1.25e9, "USD"), ("8000万欧元", "money", 8e7, "EUR")]),
    ("zh", "人均可支配收入达到４２８６５元。", [("４２８６５元", "money", 42865, "CNY")]),
    ("zh", "项目投资规模为20~30亿元。", [("20~30亿元", "money", 2e9, "CNY", 3e9)]),
    ("zh", "全员劳动生产率达到18万元/人。", [("18万元/人", "money", 1.8e5, "CNY")]),
    ("zh", "共筹集资金人民币8亿元。", [("8亿元", "money", 8e8, "CNY")]),
    ("zh", "单价为壹仟贰佰元整。", [("壹仟贰佰元", "money", 1200, "CNY")]),
    ("en", "The province invested 3.65 billion yuan in the program.", [("3.65 billion yuan", "money", 3.65e9, "CNY")]),
    ("en", "Profits reached $1.2bn, and Europe added €340m.", [("$1.2bn", "money", 1.2e9, "USD"), ("€340m", "money", 3.4e8, "EUR")]),
    ("en", "The fund holds 720m euros and 45 million U.S. dollars.", [("720m euros", "money", 7.2e8, "EUR"), ("45 million U.S. dollars", "money", 4.5e7, "USD")]),
    ("en", "Tickets cost £12.50 each.", [("£12.50", "money", 12.5, "GBP")]),
    ("en", "a bond sale of RMB 6 billion", [("RMB 6 billion", "money", 6e9, "CNY")]),
    ("en", "Sales of HK$4.3 billion were reported.", [("HK$4.3 billion", "money", 4.3e9, "HKD")]),
    ("en", "The dividend is 25 euro cents a share.", [("25 euro cents", "money", 0.25, "EUR")]),
    ("en", "repairs will cost $2.1 to $2.4bn", [("$2.1 to $2.4bn", "money", 2.1e9, "USD", 2.4e9)]),
    ("en", "it only costs twenty dollars and fifty cents", [("twenty dollars and fifty cents", "money", 20.5, "USD")]),
    ("en", "profit of 1.9bn Swiss francs", [("1.9bn Swiss francs", "money", 1.9e9, "CHF")]),
    # a currency between two numbers: the first number's when it has none ("40 rmb 25 usd"),
    # the second's when the first already has one ("$ 1,200.50 $ 980.00"); attached codes win (USD20)
    ("en", "fees were 40 rmb 25 usd", [("40 rmb", "money", 40, "CNY"), ("25 usd", "money", 25, "USD")]),
    ("en", "$ 1,200.50 $ 980.00 travel costs", [("$ 1,200.50", "money", 1200.5, "USD"), ("$ 980.00", "money", 980, "USD")]),
    ("en", "they handed out 4 USD20 vouchers", [("USD20", "money", 20, "USD")]),
    # "fell by X to Y" gives two levels, not a range; a per-share dividend is money
    ("en", "Sales fell by $2bn to $9bn.", [("$2bn", "money", 2e9, "USD", None, "=", "decrease"), ("$9bn", "money", 9e9, "USD")]),
    # a change with its own unit after a move verb, then the level reached: two figures ("rose 25 cents to $38.10");
    # "between 30 cents and $1.20", "grew 3 to 4 percent" stay ranges
    ("en", "Gold rose 25 cents to $438.10 an ounce.", [("25 cents", "money", 0.25, "USD"), ("$438.10", "money", 438.1, "USD")]),
    ("en", "Prices ranged from 30 cents to $1.20.", [("30 cents to $1.20", "money", 0.3, "USD", 1.2)]),
    ("zh", "公司拟每10股派发现金红利2.5元。", [("2.5元", "money", 2.5, "CNY")]),
    ("zh", "总投资超过80亿元。", [("80亿元", "money", 8e9, "CNY", None, ">")]),
    # an amount in millions written "m" before a time, after an amount in a currency: the currency of that amount,
    # not of its conversions in parentheses (and not metres)
    ("en", "Net income was 120m euros ($130m; £101m), up from 95m in the same quarter of 2022.",
     [("120m euros", "money", 120e6, "EUR"), ("$130m", "money", 130e6, "USD"), ("£101m", "money", 101e6, "GBP"),
      ("95m", "money", 95e6, "EUR")]),
    # a range whose currency stands before its first number only, the scale after the second
    ("en", "Analysts put the cost at $40-50 billion over a decade.", [("$40-50 billion", "money", 40e9, "USD", 50e9)]),
    ("en", "The club paid £3-4m a year in wages.", [("£3-4m", "money", 3e6, "GBP", 4e6)]),
    ("en", "Oil traded at $70-80 a barrel.", [("$70-80", "money", 70, "USD", 80)]),
]


ELIDED = [
    # 万/亿 amounts without 元 next to a money noun or verb are CNY; N个亿 is speech for N亿
    ("zh", "该企业去年营业收入仅为3.6亿，今年拟投资两个亿新建厂房。",
     [("3.6亿", "money", 3.6e8, "CNY"), ("两个亿", "money", 2e8, "CNY")]),
    ("zh", "他先后捐出８０万的善款，违规者最高可罚２０万。", [("８０万", "money", 8e5, "CNY"), ("２０万", "money", 2e5, "CNY")]),
    # a spaced-out number is one figure (２　．５亿元), and scale characters alone never are
    ("zh", "债务规模已经超过２　．５亿元。", [("２　．５亿元", "money", 2.5e8, "CNY", None, ">")]),
]


@pytest.mark.parametrize("lang,sentence,expected", ELIDED, ids=[c[1][:30] for c in ELIDED])
def test_elided_currency(lang, sentence, expected):
    check(lang, sentence, expected)


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_money(lang, sentence, expected):
    check(lang, sentence, expected)


NOT_MONEY = [
    ("zh", "奖池1600万，号码为2021"),          # a scale word without a currency
    ("en", "energy use per 10,000 yuan of GDP fell"),  # a denominator, not an amount
    ("en", "a twenty-pound bag of rice"),     # a weight used as an adjective
    ("zh", "万元GDP能耗持续下降"),
    ("zh", "人口达到1.2亿，比上年增加30万"),     # a 万/亿 number with no money word near it
    ("zh", "打造千亿级产业，建设万兆光网"),        # scale characters alone
]


@pytest.mark.parametrize("lang,sentence", NOT_MONEY, ids=[c[1][:20] for c in NOT_MONEY])
def test_not_money(lang, sentence, figures):
    assert [f.text for f in figures(sentence, lang) if f.kind == "money"] == []
