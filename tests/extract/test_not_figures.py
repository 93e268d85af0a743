"""What is not a figure (GUIDELINES.md): years, dates, durations, ordinals, fractions, labels, codes."""
import pytest

CASES = [
    ("zh", "2023年3月15日召开会议，会期三天。"),
    ("zh", "用三年时间完成，累计5500小时。"),
    ("zh", "排名全省第3位，进入前10名。"),
    ("zh", "占三分之一，翻一番，增长1.6倍。"),
    ("zh", "根据《通知》（鄂政办发〔2023〕15号）执行。"),
    ("zh", "实施“五大战略”和“三个一批”工程。"),
    ("zh", "构建一区六园格局，坚持两个毫不动摇。"),
    ("zh", "打造十几个示范点，推出几百款产品。"),
    ("zh", "家属四处奔走筹措医疗费用。"),                  # 四处: everywhere
    ("zh", "联系电话：0710-3325566。"),
    ("zh", "开发了一批新产品，建设一个中心。"),
    ("zh", "生产汽车零部件和零售业。"),
    ("zh", "党的二十大和十九届五中全会精神。"),
    ("en", "In 2023, the plan was revised on March 15, 2024."),
    ("en", "The project took three years and 60 days."),
    ("en", "It ranked No. 3 and entered the top 500."),
    ("en", "one third of the budget, 1/4 of the land"),
    ("en", "Group 2: Talent [4] Phase 3 begins."),
    ("en", "Sales picked up on day 3 and again in week 2 of the campaign."),
    ("en", "Regulators cleared the 787 MAX aircraft and the 320 NEO jets."),   # model numbers (148 WTO members do count)
    ("en", "Sales grew at snack maker Three Squirrels and at the Seven Bridges brewery."),   # number words in names
    ("en", "the \"3 100\" special operations and the \"six major projects\""),
    ("en", "thousands of jobs and dozens of firms"),
    # any / every before a number: no things counted
    ("en", "Almost any three suppliers can bid, and one in every 20 bids wins."),
    # fractions and races
    ("en", "Nearly three fifths of voters and two thirds of members backed the plan."),
    ("en", "He took the 200m freestyle title and the 100m bronze."),
    ("en", "eight people per thousand residents"),
    ("en", "COVID-19 cases and G20 leaders met at 10:30."),
    ("en", "a three-year plan and a two-door car"),
    # class thresholds, titles, per-share rates, per-unit talk, index names
    ("zh", "对销售收入超过5000万元的企业给予支持。"),
    ("zh", "印发《关于加快科技创新的二十条意见》。"),
    ("zh", "公司拟每10股送红股2股。"),
    ("zh", "过去一亩地收成有限。"),
    # a capital numeral alone is a character of a name (陆家嘴, 伍家岭), not 6 家 or 5 家
    ("zh", "推进南京东路、陆家嘴、徐家汇商圈建设。"),
    ("zh", "长沙伍家岭片区完成改造。"),
    # a round amount written with its scale alone that names a class of thing, or the kind of step counted before it
    ("zh", "加快建设宁东千万吨级煤化工基地和百万吨烯烃项目，推进万米深地钻探。"),
    # durations (一个多小时) and the national 1% population sample survey
    ("zh", "等了两个多小时，全市完成1%人口抽样调查工作。"),
    # fixed terms built from numbers: the three sectors of the economy, a trilogy
    ("zh", "三次产业结构持续优化，改革分为三部曲推进。"),
    # a count per thousand or ten thousand people is a rate
    ("zh", "每千人口拥有3岁以下婴幼儿托位数达4.5个，每万人拥有公共文化设施面积提高到8件。"),
    # 二 alone before a classifier is an ordinal or a label; a count of two is written 两
    ("zh", "做好第二轮土地承包到期后再延长三十年试点，开展二轮延包，河流水质保持二类，振兴二人转艺术。"),
    ("en", "The FTSE 100 index closed higher."),
    ("en", "It funds stations with a capacity of 200 tonnes and above."),
]


@pytest.mark.parametrize("lang,sentence", CASES, ids=[c[1][:24] for c in CASES])
def test_no_figures(lang, sentence, figures):
    assert [f.text for f in figures(sentence, lang)] == []


def test_a_scale_alone_after_a_count_is_the_kind_of_step_counted():
    from pipeline import extract_figures
    got = [(f.text, f.kind) for f in extract_figures("全市经济总量连跨两个千亿元台阶。", lang="zh", link=False)]
    assert ("千亿元", "money") not in got
