"""Odd spellings of one figure (issue 11): spaces inside it, k/K for a thousand, 成半, 半成, 对折, N成M."""
import pytest
from extract_support import check

CASES = [
    # spaces between the characters of a unit and of a numeral
    ("zh", "同比提高三   个 百 分点。", [("三   个 百 分点", "ppt", 3, "pp", None, "=", "increase")]),
    ("zh", "比上年下降１．８  个百分 点。", [("１．８  个百分 点", "ppt", 1.8, "pp", None, "=", "decrease")]),
    ("zh", "增速回落二 十 五 个 百 分 点。", [("二 十 五 个 百 分 点", "ppt", 25, "pp", None, "=", "decrease")]),
    ("zh", "合计占比1 2 %。", [("1 2 %", "percent", 12, "%")]),
    ("zh", "会员商品打6 5 折。", [("6 5 折", "percent", 65, "%")]),
    # k / K: a thousand (after a percent prefix, before a unit); traditional text is read simplified
    ("zh", "该指标变化达百分之2.5K。", [("百分之2.5K", "percent", 2500, "%")]),
    ("zh", "涨幅为百分之7k。", [("百分之7k", "percent", 7000, "%", None, "=", "increase")]),
    ("zh", "累计增加3k个百分点。", [("3k个百分点", "ppt", 3000, "pp", None, "=", "increase")]),
    ("zh", "提高8k個百分點。", [("8k個百分點", "ppt", 8000, "pp", None, "=", "increase")]),
    ("zh", "全年采购2k台设备。", [("2k台", "count", 2000, "台")]),
    ("zh", "月薪约$8k。", [("$8k", "money", 8000, "USD", None, "~")]),
    # 成半 adds a half, one digit after 成 adds tenths; 半成 is 5%; 对折 and 半折 are 50%
    ("zh", "市场份额约四成半。", [("四成半", "percent", 45, "%", None, "~")]),
    ("zh", "满意度达八成二。", [("八成二", "percent", 82, "%")]),
    ("zh", "受访者满意度达六成 三。", [("六成 三", "percent", 63, "%")]),
    ("zh", "其中三成五家企业亏损。", [("三成", "percent", 30, "%"), ("五家", "count", 5, "家")]),
    ("zh", "约七成5年内完成改造。", [("七成", "percent", 70, "%", None, "~")]),
    ("zh", "外资占比不到半成。", [("半成", "percent", 5, "%", None, "<")]),
    ("zh", "全场商品一律打对折。", [("对折", "percent", 50, "%")]),
    ("zh", "过季服装半折出售。", [("半折", "percent", 50, "%")]),
    # two neighbouring digits are a range ("five or six"), never the number they would spell (56)
    ("zh", "村里来了五六个志愿者。", [("五六个", "count", 5, "个", 6)]),
    ("zh", "一桌菜要两三百元。", [("两三百元", "money", 200, "CNY", 300)]),
    ("zh", "约七八成的受访者表示满意。", [("七八成", "percent", 70, "%", 80, "~")]),
    # a unit written after the lower end ends it: 1000元至3万元 is 1,000 to 30,000 (the scale is not shared)
    ("zh", "奖励标准为500元至2万元。", [("500元至2万元", "money", 500, "CNY", 20000)]),
    ("zh", "投资1.5至2亿元。", [("1.5至2亿元", "money", 1.5e8, "CNY", 2e8)]),
    # 双 and 盘 count pairs and plates
    ("zh", "共捐出３００双运动鞋。", [("３００双", "count", 300, "双")]),
]


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:24] for c in CASES])
def test_spelling(lang, sentence, expected):
    check(lang, sentence, expected)


NOT_FIGURES = [
    ("zh", "加快清理半成品库存。"),      # 半成品: a word
    ("zh", "其中有一半成为骨干企业。"),  # 一半 + 成为
    ("zh", "把纸张对折后装订。"),        # folding paper
    ("zh", "4K电视销量大增。"),          # 4K: a name, not 4000
]


@pytest.mark.parametrize("lang,sentence", NOT_FIGURES, ids=[c[1][:16] for c in NOT_FIGURES])
def test_not_a_figure(lang, sentence, figures):
    assert [(f.text, f.kind) for f in figures(sentence, lang)] == []


def test_spaced_digits_join_only_before_a_percent_unit(figures):
    got = [(f.text, f.value) for f in figures("名单中有3 5家企业。", "zh")]
    assert got == [("5家", 5)]


def test_k_stays_out_of_units(figures):
    got = [(f.text, f.kind, f.value, f.unit) for f in figures("每袋重5kg。", "zh")]
    assert got == [("5kg", "quantity", 5, "kg")]
