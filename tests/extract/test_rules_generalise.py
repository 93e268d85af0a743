"""Rules first written for one sentence (seeds, dev, corpus), each checked on a sentence of its own."""
import pytest
from extract_support import check

CASES = [
    # 迈上 / 跨上 a level: at least that level
    ("zh", "全县工业总产值迈上500亿元台阶。", [("500亿元", "money", 5e10, "CNY", None, ">=")]),
    # 约占…的: an approximate share
    ("zh", "出口约占全省总额的四成。", [("四成", "percent", 40, "%", None, "~")]),
    # 最高 before a reward: at most
    ("zh", "对入选企业最高奖励80万元。", [("80万元", "money", 8e5, "CNY", None, "<=")]),
    # 比上年净增 N: a change of the total
    ("zh", "专精特新企业达到120家，比上年净增18家。", [("120家", "count", 120, "家"),
                                               ("18家", "count", 18, "家", None, "=", "increase")]),
    # "knock N off": a fall of a named level
    ("en", "The strike will knock $40m off quarterly earnings.", [("$40m", "money", 4e7, "USD", None, "=", "decrease")]),
    # "N lower/higher" right after an amount
    ("en", "The shares closed 12p lower.", [("12p", "money", 0.12, "GBP", None, "=", "decrease")]),
    # a relative clause keeps the clause before it: "inflation, which peaked at N"
    ("en", "Services inflation, which peaked at 7.4% last spring, is easing.",
     [("7.4%", "percent", 7.4, "%", None, "=", "increase")]),
    # "one in five" is a ratio
    ("en", "One in five households rent their homes.", []),
    ("en", "Three out of 10 shoppers bought online, and 2 in 5 paid by phone.", []),
    # ... but a large number "in" a count is no ratio: a total spread over places
    ("en", "Its diaspora, a community of some 250,000 in 48 countries, sends money home.",
     [("48", "count", 48, "countries")]),
    # an attached m is a million before a noun or a unit, and shares the currency of an amount just before;
    # it stays metres before a measuring word
    ("en", "The port handled 14m containers last year.", [("14m", "count", 1.4e7, "containers")]),
    ("en", "The mine produced 2.5m tonnes of copper.", [("2.5m tonnes", "quantity", 2.5e6, "tonnes")]),
    ("en", "Operating profit was $64m, down from 71m a year earlier.",
     [("$64m", "money", 6.4e7, "USD"), ("71m", "money", 7.1e7, "USD")]),
    ("en", "The new bridge is 420m long.", [("420m", "quantity", 420, "m")]),
    # a change from a bare number to a figure: two levels, the first with the second's unit and scale; without a change
    # verb a bare first number still makes a range
    ("en", "The alliance grew from 12 to 30 member countries.", [("12", "count", 12, "countries"),
                                                                 ("30", "count", 30, "countries")]),
    ("en", "Output rose from 1.2 to 1.5 million tonnes.", [("1.2", "quantity", 1.2e6, "tonnes"),
                                                           ("1.5 million tonnes", "quantity", 1.5e6, "tonnes")]),
    ("en", "Prices range from 3 to 5 percent above last year's.", [("3 to 5 percent", "percent", 3, "%", 5)]),
    # ... and the other way round: the level reached written without its unit
    ("en", "Exports climbed from 2.1 trillion yuan to 2.6 trillion in 2021.", [("2.1 trillion yuan", "money", 2.1e12, "CNY"),
                                                                           ("2.6 trillion", "money", 2.6e12, "CNY")]),
    ("en", "Its staff grew from 200 engineers to 350.", [("200", "count", 200, "engineers"), ("350", "count", 350, "engineers")]),
    # a bare number compared with the count before it counts the same thing; a difference after a comma is a change;
    # a year is never one
    ("en", "The league had 18 clubs this season, compared with 20 in 2019.", [("18", "count", 18, "clubs"),
                                                                              ("20", "count", 20, "clubs")]),
    ("en", "The clinic treated 950 patients in May, above April's previous high of 870.",
     [("950", "count", 950, "patients"), ("870", "count", 870, "patients")]),
    ("en", "The city now has 120 parks, 15 fewer than Berlin.", [("120", "count", 120, "parks"),
                                                                 ("15", "count", 15, "parks", None, "=", "decrease")]),
    ("en", "The firm hired 300 workers, up from 2015 when it hired none.", [("300", "count", 300, "workers")]),
    # ... while the same scale-alone amount after a verb of reaching, with 的, or before 以上 is a figure
    ("zh", "钢铁产量首次突破千万吨，年处理百万吨的秸秆，储备稳定在十万吨以上。",
     [("千万吨", "quantity", 1e7, "吨", None, ">"), ("百万吨", "quantity", 1e6, "吨"),
      ("十万吨", "quantity", 1e5, "吨", None, ">=")]),
    # 枚 counts medals, coins, satellites; 两届 counts editions (other Chinese numerals with 届 name a congress)
    ("zh", "我省运动员在全运会上摘得金牌12枚，已连续举办两届国际马拉松赛，学习贯彻二十届四中全会精神。",
     [("12枚", "count", 12, "枚"), ("两届", "count", 2, "届")]),
    # a 万 number before a noun with "every kind of" or a modifier holding a verb before it counts that noun
    ("zh", "项目惠及120多万各族群众，另有35万灵活就业人员参加医保。",
     [("120多万", "count", 1.2e6, "各族群众", None, ">"), ("35万", "count", 3.5e5, "人员")]),
    # ... and a bare number after "and" with a participle closing its clause; a number after a month that no day
    # could be counts; a year never continues a count
    ("en", "In April 312 miners were trapped and nearly 90 rescued by nightfall.",
     [("312", "count", 312, "miners"), ("90", "count", 90, "miners", None, "~")]),
    ("en", "Some 4,000 ships were built between 1750 and 1790.", [("4,000", "count", 4000, "ships", None, "~")]),
    # a partitive after a name's possessive counts what follows it
    ("en", "The complaint was filed by five of Ryanair's competitors.", [("five", "count", 5, "competitors")]),
    # an amount quoted alone (with an approximation) is a figure; a short quoted label built from numbers is not
    ("en", 'The airline trimmed its outlook by "about 4%", its chief said.', [("4%", "percent", 4, "%")]),
    ("en", 'The ministry launched its "three major projects" campaign.', []),
    # two neighbouring digits joined by 、 are one approximate figure ("three or four"), unless 分别 lists them
    ("zh", "每户分到３、４只羊。", [("３、４只", "count", 3, "只", 4)]),
    ("zh", "两项指标分别提高3、4个百分点。", [("两项", "count", 2, "项"), ("3", "ppt", 3, "pp"), ("4个百分点", "ppt", 4, "pp")]),
    # 三五 is "three to five", not 35
    ("zh", "一支笔也就三五块钱。", [("三五块钱", "money", 3, "CNY", 5)]),
    # 每人 is each person: an amount per person stays a figure
    ("zh", "对困难学生给予每人3000元补助。", [("3000元", "money", 3000, "CNY")]),
    # medals after a verb of winning or in their list; never 金融, 银行, 铜矿
    ("zh", "我省选手在全运会上斩获12金、8银、3铜，新增2金融机构。",
     [("12金", "count", 12, "金"), ("8银", "count", 8, "银"), ("3铜", "count", 3, "铜")]),
    # 年度 after a classifier other than 个 is the year's (30项年度重点任务); 两个年度 stays a duration
    ("zh", "部署30项年度重点任务，跨越两个年度。", [("30项", "count", 30, "项")]),
    # digits before 县/乡/镇 count them; a Chinese numeral needs its names listed (三县一区 is a label)
    ("zh", "果洛2县4乡完成电网改造。", [("2县", "count", 2, "县"), ("4乡", "count", 4, "乡")]),
    ("zh", "推动三县一区协同发展。", []),
    # a digit before 大 counts as its Chinese numeral does (5大工程); not an ordinal (第3大股东) nor 大学
    ("zh", "启动5大工程，第3大股东增持，新建2所大学。", [("5大", "count", 5, "工程"), ("2所", "count", 2, "所")]),
    # X大类 counts categories
    ("zh", "清单涵盖三大类28项改革任务。", [("三大类", "count", 3, "类"), ("28项", "count", 28, "项")]),
    # 车道 counts lanes
    ("zh", "将双向4车道拓宽为8车道。", [("4车道", "count", 4, "车道"), ("8车道", "count", 8, "车道")]),
    # 数 makes a vague numeral only before a Chinese numeral; before digits it ends a noun (人数, 户数)
    ("zh", "全年接待游客人数1.2亿人次，覆盖农户户数35万户，引进数百名人才。",
     [("1.2亿人次", "count", 1.2e8, "人次"), ("35万户", "count", 3.5e5, "户")]),
    # micrometres and nanometres
    ("zh", "企业量产4.5微米超薄铜箔。", [("4.5微米", "quantity", 4.5, "微米")]),
    # millilitres
    ("zh", "每支容量为１５ｍｌ。", [("１５ｍｌ", "quantity", 15, "ml")]),
    # "N-odd" is more than N (as 多), counting the noun after; other hyphenated words stay adjectives
    ("en", "The chain closed 40-odd stores after a three-year slump.", [("40-odd", "count", 40, "stores", None, ">")]),
    # the value of things counted is an amount; a class threshold needs its comparator
    ("en", "The fair signed 58 projects worth 4.6 billion yuan.", [("58", "count", 58, "projects"),
                                                                 ("4.6 billion yuan", "money", 4.6e9, "CNY")]),
    ("en", "Loans go to projects worth more than $50m.", []),
    # a number right before "and" counts nothing after it
    ("en", "Rations go to children under five and nursing mothers.", []),
]


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:28] for c in CASES])
def test_rule_on_another_sentence(lang, sentence, expected):
    check(lang, sentence, expected)


ELIDED = [
    # a bare number after these cues counts the noun named earlier in the sentence
    ("The number of registered charities has surpassed 4,500 so far this year.", "4,500", "charities"),
    ("The number of schools without electricity fell to zero.", "zero", "schools"),
    ("Listed firms rose by 6 percent to 930.", "930", "firms"),
    ("It put the number of licensed clinics at 212 in June.", "212", "clinics"),
    # sales and loans written as a bare number are counted (a money amount has its currency)
    ("Home loans approved in March fell to 61,400, the lowest in a year.", "61,400", "loans"),
    ("Car sales in the region rose to 12,800 last month.", "12,800", "sales"),
    # a total whose sentence names nothing counted adds up what the sentence before counted
    ("Some 42 new branches opened in March. That brought the year's total to 310.", "310", "branches"),
    # a death toll counts deaths
    ("The death toll from the floods rose to 1,140 on Sunday.", "1,140", "deaths"),
    # bringing / taking / raising the total to N
    ("Officials confirmed 56 new infections, bringing the national tally to 8,412.", "8,412", "infections"),
    ("The deal adds 40 branches, taking the total number of outlets in the region to 1,250.", "1,250", "outlets"),
]


@pytest.mark.parametrize("sentence,figure,unit", ELIDED, ids=[c[1] for c in ELIDED])
def test_elided_counts(sentence, figure, unit, figures):
    hits = [f for f in figures(sentence, "en") if f.text == figure]
    assert hits and hits[0].kind == "count" and hits[0].unit == unit, [(f.text, f.kind, f.unit) for f in figures(sentence, "en")]


def test_and_above_inside_a_counted_phrase(figures):
    got = [(f.text, f.unit) for f in figures("The county has 28 provincial -level and above research centers.", "en")]
    assert got == [("28", "centers")]


def test_a_5g_style_modifier_inside_a_counted_phrase(figures):
    got = [(f.text, f.unit) for f in figures("The city will build 4 new 5G base stations.", "en")]
    assert got == [("4", "stations")]
