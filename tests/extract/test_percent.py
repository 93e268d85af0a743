import pytest
from extract_support import check

CASES = [
    ("zh", "城镇化率提高到６８．５％。", [("６８．５％", "percent", 68.5, "%", None, "=", None)]),
    ("zh", "覆盖率达到百分之九十五。", [("百分之九十五", "percent", 95, "%")]),
    ("zh", "误差不超过萬分之肆。", [("萬分之肆", "percent", 0.04, "%", None, "<=")]),  # a capital numeral after 分之
    ("zh", "近七成企业开展了数字化改造。", [("七成", "percent", 70, "%", None, "~")]),
    ("zh", "研发经费增长12.4%，比全国高2.1个百分点。",
     [("12.4%", "percent", 12.4, "%", None, "=", "increase"), ("2.1个百分点", "ppt", 2.1, "pp", None, "=", "increase")]),
    ("zh", "预期增长4.5%—5%。", [("4.5%—5%", "percent", 4.5, "%", 5, "=", "increase")]),
    ("zh", "单位能耗下降3至5个百分点。", [("3至5个百分点", "ppt", 3, "pp", 5, "=", "decrease")]),
    ("zh", "出口占比达60%以上。", [("60%", "percent", 60, "%", None, ">=")]),
    ("zh", "失业率控制在5.5%左右。", [("5.5%", "percent", 5.5, "%", None, "~")]),
    ("zh", "两项指标分别增长6.2%、7.1%左右。",
     [("两项", "count", 2, "项"), ("6.2%", "percent", 6.2, "%", None, "~", "increase"),
      ("7.1%", "percent", 7.1, "%", None, "~", "increase")]),
    ("zh", "消费价格涨幅为2%。", [("2%", "percent", 2, "%", None, "=", "increase")]),
    ("zh", "增速为负1.5%。", [("负1.5%", "percent", -1.5, "%", None, "=", "increase")]),
    ("en", "Output rose 7.3 percent year on year.", [("7.3 percent", "percent", 7.3, "%", None, "=", "increase")]),
    ("en", "The share reached 41.2% of the total.", [("41.2%", "percent", 41.2, "%", None, "=", None)]),
    ("en", "growth slowed by 0.8 percentage points", [("0.8 percentage points", "ppt", 0.8, "pp", None, "=", "decrease")]),
    ("en", "margins improved by 1.2 and 1.5 percentage points",
     [("1.2", "ppt", 1.2, "pp", None, "=", "increase"), ("1.5 percentage points", "ppt", 1.5, "pp", None, "=", "increase")]),
    ("en", "prices are up between 3 and 5 per cent", [("3 and 5 per cent", "percent", 3, "%", 5, "=", "increase")]),
    ("en", "a 12% rise in exports", [("12%", "percent", 12, "%", None, "=", "increase")]),
    ("en", "unemployment fell to 4.1%", [("4.1%", "percent", 4.1, "%", None, "=", None)]),
    ("en", "more than 60 percent of firms", [("60 percent", "percent", 60, "%", None, ">")]),
    ("en", "rates were cut by 25 basis points", [("25 basis points", "ppt", 0.25, "pp", None, "=", "decrease")]),
    # "the day", "the week" before a figure are a time, not an ordinal's label (day 3, week 2)
    ("en", "The index ended the day 0.5% lower.", [("0.5%", "percent", 0.5, "%", None, "=", "decrease")]),
    ("en", "Gold closed the week 2.1% higher.", [("2.1%", "percent", 2.1, "%", None, "=", "increase")]),
    # a rate moved by a step to a level is a change and a level, not a range (prices raised 3% to 5% are a range)
    ("en", "The central bank lifted its key rate 0.5% to 4.25%.",
     [("0.5%", "percent", 0.5, "%", None, "=", "increase"), ("4.25%", "percent", 4.25, "%", None, "=", None)]),
    ("en", "The firm raised prices 3% to 5% depending on the model.", [("3% to 5%", "percent", 3, "%", 5, "=", "increase")]),
    # from one level to another: two figures (a span of values "ranging from" is a range)
    ("en", "The plan lifts the share of renewables from 12% to 30% of supply.",
     [("12%", "percent", 12, "%"), ("30%", "percent", 30, "%")]),
    ("en", "Fees ranging from 5% to 10% apply.", [("5% to 10%", "percent", 5, "%", 10)]),
]


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_percent(lang, sentence, expected):
    check(lang, sentence, expected)
