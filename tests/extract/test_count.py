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
    # votes cast are counted (scores of a game, goals and runs, are not)
    ("en", "The mayor won by more than 9,000 votes.", [("9,000", "count", 9000, "votes", None, ">")]),
    # a count whose noun is the subject of "came in at"
    ("en", "Online shoppers in the region came in at around 52 million last year.", [("52 million", "count", 52e6, "shoppers", None, "~")]),
    ("en", "It created 1.3 million new jobs.", [("1.3 million", "count", 1.3e6, "jobs")]),
    ("en", "There are 58 high -tech enterprises in the park.", [("58", "count", 58, "enterprises")]),
    ("en", "The number of listed firms has reached 156.", [("156", "count", 156, "firms")]),
    ("en", "four of the country's biggest lenders", [("four", "count", 4, "lenders")]),
    ("en", "It closed two of its 14 mines last year.", [("two", "count", 2, "mines"), ("14", "count", 14, "mines")]),
    # a named level that fell by N is a change; the new level is a count of the same (elided) noun
    ("en", "The workforce fell by 1.2 million people to 760 million.",
     [("1.2 million", "count", 1.2e6, "people", None, "=", "decrease"), ("760 million", "count", 7.6e8, "people")]),
    ("zh", "公司总股本4亿股。", [("4亿股", "count", 4e8, "股")]),
    # adjectives and adverbs in -s are not the counted noun
    ("en", "The fair drew 350 overseas Chinese organizations.", [("350", "count", 350, "organizations")]),
    ("en", "Some 120 overseas students enrolled.", [("120", "count", 120, "students")]),
    # a plural in front of the counted noun goes on to it (sports utility vehicles, savings banks)
    ("en", "The carmaker will build 45,000 sports utility vehicles a year.", [("45,000", "count", 45000, "vehicles")]),
    ("en", "The region has 18 savings banks.", [("18", "count", 18, "banks")]),
    # a hyphened word that names the members of a group counts them (a two-door car, a three-year plan do not)
    ("en", "Ministers of the 27-nation bloc met in Brussels.", [("27", "count", 27, "nation")]),
    ("en", "The 19-member currency union grew slowly.", [("19", "count", 19, "member")]),
    # a population counts people, as one noun
    ("en", "Norway has a population of about 5.5 million.", [("5.5 million", "count", 5.5e6, "population", None, "~")]),
    ("en", "All of Peru's 33 million population will be covered.", [("33 million", "count", 3.3e7, "population")]),
    # pairs of twin cities (对), digits only and never a score (3对2)
    ("zh", "全市已与28个国家缔结64对友好城市。", [("28个", "count", 28, "个"), ("64对", "count", 64, "对")]),
    ("zh", "决赛比分为3对2。", []),
    ("zh", "他说，是２０３２对我们有所希望。", []),
    # computing power in petaflops (P) after a computing-power noun, electricity in 度 (kWh) after digits
    ("zh", "全省算力总规模达到8.6万P，绿电交易电量120亿度。",
     [("8.6万P", "quantity", 86000, "P"), ("120亿度", "quantity", 1.2e10, "度")]),
    ("zh", "经济一度承压，四季度增速回升。", []),
    # N大 before 国际 counts (七大国际品牌), before 国 alone it is 大国 (great powers)
    ("zh", "本届展会吸引五大国际品牌参展。", [("五大", "count", 5, "国际品牌")]),
    ("zh", "世界五大国共同签署。", []),
    # a voltage right before what it classes is a label; petaflops only after a computing-power noun
    ("zh", "建成500千伏输变电工程，220千伏及以上线路超7万公里。", [("7万公里", "quantity", 70000, "公里")]),
    ("zh", "他们收到15万P币奖励。", []),
    # a place in a ranking or its move is no count (GUIDELINES: rankings are not figures)
    ("zh", "在“中国500强”排名由369位上升到235位，创新能力排名提升7位。", []),
    # a content per kilogram is one unit; 千克 alone is the unit word, not a thousand grams
    ("zh", "土壤有机质含量达到27克/千克，每千克售价5元。", [("27克/千克", "quantity", 27, "克/千克"), ("5元", "money", 5, "CNY")]),
    # a population count before 、 and another fact (not a list of amounts); talents counted as people are
    ("zh", "全年就业人数超320万、人均收入稳步提高。", [("320万", "count", 3.2e6, "人数")]),
    ("en", "A quarter of a million workers lost their jobs.", [("A quarter of a million", "count", 250000, "workers")]),
    # "other" between the number and its noun
    ("en", "Two other lenders and four other insurers joined the scheme.",
     [("Two", "count", 2, "lenders"), ("four", "count", 4, "insurers")]),
    ("en", "The city has 3,400 such charging points.", [("3,400", "count", 3400, "points")]),
    ("en", "The carrier ordered 40 new aircraft.", [("40", "count", 40, "aircraft")]),
    # ounces measure, they are not counted
    ("en", "The central bank holds about 8.1m ounces of gold.", [("8.1m ounces", "quantity", 8.1e6, "ounces")]),
    # shares and units are counted things (the dev gold counts them)
    ("en", "The bank plans to sell 12 million new shares.", [("12 million", "count", 1.2e7, "shares")]),
    ("en", "The scheme built 40,000 housing units.", [("40,000", "count", 40000, "units")]),
    # an acronym describing counted things still counts (a model's suffix does not: test_not_figures)
    ("en", "All 148 WTO members must approve the deal.", [("148", "count", 148, "members")]),
    # "only one" counts one thing ("one of", "one day" alone do not)
    ("en", "The province has only one international airport.", [("one", "count", 1, "airport")]),
    # a capitalised number word opening a sentence or following a dateline's dash still counts
    ("en", "BEIJING, May 3 (Xinhua) -- Two trucks left the depot. Three firms joined.",
     [("Two", "count", 2, "trucks"), ("Three", "count", 3, "firms")]),
    # the counted noun after the number: "brought to 49 the number of banks"
    ("en", "The ruling raised to 14 the total number of listed firms fined this year.",
     [("14", "count", 14, "firms")]),
    # the people a participle's verb acts on, named before it
    ("en", "The floods displaced 40,000 residents, killing more than 200 and cutting power.",
     [("40,000", "count", 40000, "residents"), ("200", "count", 200, "residents", None, ">")]),
    ("zh", "高层次人才总量达到48万。", [("48万", "count", 4.8e5, "人才")]),
    # a 万 number before a modified noun counts it (a verbal noun or adjective before the head)
    ("zh", "全市共有12万监测对象纳入帮扶。", [("12万", "count", 1.2e5, "对象")]),
]


GUARDED = [
    # packaged goods are counted (包, 袋, 瓶, 盒, 箱 as measure words)
    ("zh", "执法人员当场查扣问题食品３６袋、饮料１２０瓶。", [("３６袋", "count", 36, "袋"), ("１２０瓶", "count", 120, "瓶")]),
    # 块 that is no money is a classifier (块 before a noun: pieces, plots)
    ("zh", "抽检的２０块蛋糕中有３块不合格。", [("２０块", "count", 20, "块"), ("３块", "count", 3, "块")]),
    # events counted with 次; never 二次 (secondary), 第N次, a rate (每季度两次), a congress (十二届三次全会)
    ("zh", "市长今年6次带队赴外地招商，两次召开现场推进会。", [("6次", "count", 6, "次"), ("两次", "count", 2, "次")]),
    ("zh", "设备每季度检修两次，已完成第5次检修，二次供水改造同步推进。", []),
    ("zh", "会议传达了省委十二届三次全会精神。", []),
    # editions with 届 in digits; not 第N届
    ("zh", "连续举办5届国际茶博会，第6届将于秋季开幕。", [("5届", "count", 5, "届")]),
    # place nouns count the places listed right before them (at least one 、), or as compounds (区县, 省区, 城市)
    ("zh", "支持宿州、淮北、蚌埠三市建设物流枢纽。", [("三市", "count", 3, "市")]),
    ("zh", "首批在全市１２区县和广东、福建２省份推开。", [("１２区县", "count", 12, "区县"), ("２省份", "count", 2, "省份")]),
    ("zh", "武汉、长沙、南昌、合肥四城市签署协议。", [("四城市", "count", 4, "城市")]),
    ("zh", "推进广佛两市同城化，深化北三县协同发展。", []),
    # a 万/亿 number right before a noun counts the noun; not a threshold (以上) nor scale characters alone
    ("zh", "全省８００万老年人享受免费体检。", [("８００万", "count", 8e6, "老年人")]),
    ("zh", "打造三个千亿级产业集群，覆盖50万以上人口城市。", [("三个", "count", 3, "个")]),
    # not before a verb or 的 (an amount whose noun came earlier), not 万一 (in case), not N个万亿级
    ("zh", "耕地面积将从1.2亿减少到1.1亿，万一遇到灾年怎么办。", []),
    ("zh", "推动4个万亿级产业集群发展。", [("4个", "count", 4, "个")]),
]

# 多/余 inside a Chinese numeral before its big scale: 九千多万 is 9000万 and more (one figure, not 万人 alone)
CN_APPROX = [
    ("zh", "全省有两千多万人参加了医保。", [("两千多万人", "count", 2e7, "人", None, ">")]),
    ("zh", "项目累计投资六百余亿元。", [("六百余亿元", "money", 6e10, "CNY", None, ">")]),
]


@pytest.mark.parametrize("lang,sentence,expected", CN_APPROX, ids=[c[1][:30] for c in CN_APPROX])
def test_chinese_numeral_with_an_approximation_before_its_scale(lang, sentence, expected):
    check(lang, sentence, expected)


@pytest.mark.parametrize("lang,sentence,expected", GUARDED, ids=[c[1][:30] for c in GUARDED])
def test_guarded_classifiers(lang, sentence, expected):
    check(lang, sentence, expected)


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_count(lang, sentence, expected):
    check(lang, sentence, expected)


QUANTITY = [
    ("zh", "新建高标准农田35.6万亩。", [("35.6万亩", "quantity", 356000, "亩")]),
    ("zh", "新增储能装机120兆瓦。", [("120兆瓦", "quantity", 120, "兆瓦")]),
    ("zh", "种植面积约合2.1万公顷。", [("2.1万公顷", "quantity", 21000, "公顷", None, "~")]),
    ("en", "The park covers 2,300 acres.", [("2,300 acres", "quantity", 2300, "acres")]),
    ("en", "a 12 km railway and a 400m bridge", [("12 km", "quantity", 12, "km"), ("400m", "quantity", 400, "m")]),
    # singular areas and miles abbreviated (found missed on People's Daily pages)
    ("en", "The old town covers only 0.6 square kilometer.", [("0.6 square kilometer", "quantity", 0.6, "square kilometer")]),
    ("en", "The line runs 1,200 km (746 mi) across the plain.", [("1,200 km", "quantity", 1200, "km"),
                                                              ("746 mi", "quantity", 746, "mi")]),
    # engine power (missed on 2019 car news): spelled out, hyphenated before its noun, abbreviated
    ("en", "The tractor gets a 90 horsepower diesel and a 120-horsepower option.",
     [("90 horsepower", "quantity", 90, "horsepower"), ("120-horsepower", "quantity", 120, "horsepower")]),
    ("en", "Its 2.0-litre engine makes 201 hp.", [("2.0-litre", "quantity", 2.0, "litre"), ("201 hp", "quantity", 201, "hp")]),
]


@pytest.mark.parametrize("lang,sentence,expected", QUANTITY, ids=[c[1][:30] for c in QUANTITY])
def test_quantity(lang, sentence, expected):
    check(lang, sentence, expected)


@pytest.mark.parametrize("text,expected", [
    # a 万/亿 number after a population noun and a verb of level or change counts the noun (its head for compounds)
    ("到2030年全省常住人口将达到5800万，其中城镇人口占70%。", [("5800万", "count", 5.8e7, "人口"), ("70%", "percent", 70, "%")]),
    ("全国网民规模已经突破10亿，互联网普及率达到76.4%。", [("10亿", "count", 1e9, "网民"), ("76.4%", "percent", 76.4, "%")]),
    # later bare amounts of the same sentence after such a verb count it too
    ("预计本省老年人口2030年将超过1200万，2035年将超过1500万。",
     [("1200万", "count", 1.2e7, "人口"), ("1500万", "count", 1.5e7, "人口")]),
])
def test_population_counts_without_a_unit(text, expected):
    check("zh", text, expected)


@pytest.mark.parametrize("text", [
    # money words decide first, and a number with no verb of level before it is not read as people
    "全市居民收入达到5万，同比增长6%。",
    "人口普查显示，该县有10万亩耕地。",
])
def test_population_nouns_do_not_make_other_amounts_counts(text):
    from pipeline import extract_figures
    assert not any(f.kind == "count" and f.unit in ("人口", "居民") for f in extract_figures(text, lang="zh"))
