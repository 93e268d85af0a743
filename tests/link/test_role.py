"""Target or actual (GUIDELINES.md: role)."""
import pytest
from link_support import fig

CASES = [
    ("zh", "到2027年，全县规上工业企业力争达到260家。", "260家", "target"),
    ("zh", "预期目标是：城镇新增就业5.2万人以上。", "5.2万人", "target"),
    ("zh", "确保粮食产量稳定在45万吨。", "45万吨", "target"),
    ("zh", "去年全县规上工业企业达到231家。", "231家", "actual"),
    ("zh", "多家券商预计公司明年净利润达到8亿元。", "8亿元", "actual"),
    ("zh", "对认定的企业最高给予200万元奖励。", "200万元", "target"),
    # fees and rates of a scheme are standing rules (corpus/README.md decision 9)
    ("zh", "停车场每小时收费5元。", "5元", "target"),
    ("zh", "按每人每月300元的标准发放生活补贴。", "300元", "target"),
    ("zh", "救助标准为每人每天30元。", "30元", "target"),
    ("zh", "推进收费标准化改革，全年收费1.2亿元。", "1.2亿元", "actual"),
    ("zh", "全年能耗下降3.2%，完成年度目标任务的百分之九十五。", "百分之九十五", "actual"),
    ("en", "By 2026, the province will have 1,200 high-tech enterprises.", "1,200", "target"),
    ("en", "The company plans to invest $2.5bn in new plants.", "$2.5bn", "target"),
    ("en", "Exports rose 7.1% last year.", "7.1%", "actual"),
    ("en", "Analysts expect revenue to reach $9bn next year.", "$9bn", "actual"),
    ("en", "By the end of 2021, the poverty rate had fallen to 1.2 percent.", "1.2 percent", "actual"),
    ("en", "Spending is also set to rise by 3.5%.", "3.5%", "target"),
    # the base of a change is the current level, an actual, even inside a target sentence
    ("en", "The firm aims to cut debt to £150m by 2027, from £260m now.", "£260m", "actual"),
    ("en", "The firm aims to cut debt to £150m by 2027, from £260m now.", "£150m", "target"),
    # the future tense covers the rest of the sentence
    ("en", "The council will raise parking fees to £4, taking the daily cap to £12.", "£12", "target"),
    ("zh", "今年县财政预算安排科技专项资金1800万元。", "1800万元", "target"),
    # a count of the places a list names is an actual, also in a plan's sentence (the places exist); other
    # counts after a list stay targets (推动呼和浩特、包头3个园区发展: what the plan will support)
    ("zh", "明年起，无锡、常州、南通三市的公交票价将统一下调至1元。", "三市", "actual"),
    ("zh", "明年起，无锡、常州、南通三市的公交票价将统一下调至1元。", "1元", "target"),
    ("zh", "明年将推动苏州、无锡、常州3个园区提档升级。", "3个", "target"),
    # 已有 states what is; the 将 after it is the ba-construction (将X纳入), no future
    ("zh", "全省已有86家医院将中医诊疗纳入医保。", "86家", "actual"),
    # 将 marking the object of a finished action (了) is no future; 将 before an unfinished one still is
    ("zh", "上周，组委会将入选的25所学校名单进行了公示。", "25所", "actual"),
    ("zh", "组委会将在下月公示入选的25所学校名单。", "25所", "target"),
    # deals to deliver, money sought, an actor's own forecast and a board's recommendation are targets
    ("en", "The shipyard signed a contract with the navy to build 12 patrol boats.", "12", "target"),
    ("en", "The airline is looking for $300m in new funding from its banks.", "$300m", "target"),
    ("en", "The retailer has forecast a pre-tax loss of £45m for the year.", "£45m", "target"),
    ("en", "The directors recommended a final dividend of 4.2p a share.", "4.2p", "target"),
    # but the deal already done and someone else's forecast are actuals
    ("en", "Analysts have forecast a pre-tax loss of £45m for the retailer.", "£45m", "actual"),
    ("en", "The shipyard delivered 12 patrol boats under the contract.", "12", "actual"),
]


@pytest.mark.parametrize("lang,text,figure,role", CASES, ids=[c[1][:28] for c in CASES])
def test_role(lang, text, figure, role):
    assert fig(text, lang, figure).role == role


def test_list_under_a_frame_stays_target_in_past_tense():
    text = ("By 2025, the county's R&D spending will reach 2.5% of GDP. The number of listed firms reached 30. "
            "In the past three years, 120 new labs were opened.")
    assert fig(text, "en", "2.5%").role == "target"
    assert fig(text, "en", "120").role == "target"
    assert fig(text, "en", "120").year == 2025


def test_chinese_review_section_is_actual():
    text = "一、2023年工作回顾\n一年来，全县新争取中央资金12亿元，打造特色街区5个。\n二、2024年主要目标\n争取中央资金15亿元。"
    assert fig(text, "zh", "12亿元").role == "actual"
    assert fig(text, "zh", "5个").role == "actual"
    assert fig(text, "zh", "15亿元").role == "target"


# rules added for real documents, each checked on sentences written for the test
REAL_CASES = [
    # a goal met in a review is not a goal set (only a deadline after the review's year makes one)
    ("zh", "一、2026年工作回顾\n2026年，全市空气优良天数比例优于省定目标3.2个百分点。\n", "3.2个百分点", "actual"),
    ("zh", "一、2026年工作回顾\n2026年，我们编制规划，到2030年新能源装机达到2000万千瓦。\n", "2000万千瓦", "target"),
    # 增长到2026年的X is a level of 2026, not a deadline
    ("zh", "全县财政收入从2021年的12亿元增长到2026年的19亿元。", "19亿元", "actual"),
    # norms of a rule are standing commitments
    ("zh", "《办法》规定，每名学生每年可领取交通补贴800元。", "800元", "target"),
    ("zh", "企业管理费用不得超过项目总额的8%。", "8%", "target"),
    ("zh", "违反本条例规定的，由城管部门处以2万元罚款。", "2万元", "target"),
    ("zh", "明年全市将新建口袋公园40个。", "40个", "target"),
    # a purpose clause after the figure does not make the figure a goal
    ("zh", "该区推出六项措施以确保学生安全。", "六项", "actual"),
    # English: commitments, decisions, rules, subsidies; cues after a new predicate belong to it
    ("en", "The insurer has agreed to pay $240m to settle the claims.", "$240m", "target"),
    ("en", "Its decision to raise ticket prices by 6% angered fans.", "6%", "target"),
    ("en", "New rules set the minimum wage at 9 euros an hour.", "9 euros", "target"),
    ("en", "Buyers can also claim a 5,000-yuan scrapping subsidy.", "5,000-yuan", "target"),
    ("en", "Online sales reached 210 billion yuan in 2019 and are expected to double by 2022.", "210 billion yuan", "actual"),
    ("en", "According to a forecast by the World Bank, the region's economy will grow 3.1 percent.", "3.1 percent", "actual"),
    ("en", "Shares rose 4% after investors criticised the planned merger.", "4%", "actual"),
    ("en", "The $1.9 trillion budget sent to parliament raises spending on schools.", "$1.9 trillion", "target"),
]


@pytest.mark.parametrize("lang,text,figure,role", REAL_CASES, ids=[c[1][:28] for c in REAL_CASES])
def test_role_real_document_rules(lang, text, figure, role):
    assert fig(text, lang, figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # the future tense of a later clause ("after it said it would …") is that clause's
    ("Shares in the miner jumped 9% on Monday after it said it would close two pits.", "9%", "actual"),
    # budget revenue is a fiscal metric, not a budget plan
    ("The county's general public budget revenue was 2.1 billion yuan, up 4.2 percent.", "2.1 billion yuan", "actual"),
])
def test_role_clauses_and_metric_names(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role,year", [
    # a sentence that dates itself differently is not under the frame of the sentence before
    ("到2027年，全区规上企业力争达到300家。上年全区规上企业增加25家。", "25家", "actual", None),
    ("By 2026, the port aims to handle 9 million containers. Last year it handled 6.1 million containers.",
     "6.1 million", "actual", None),
])
def test_a_self_dated_sentence_leaves_the_frame(text, figure, role, year):
    lang = "zh" if "年" in text else "en"
    f = fig(text, lang, figure)
    assert (f.role, f.year) == (role, year)


@pytest.mark.parametrize("text,figure,role,year", [
    # a deadline before the document's own year is a result reached, framed or in the sentence
    ("By 2018, the province operates 4,300 km of expressways.", "4,300 km", "actual", 2018),
    ("The port handled 12 million containers by 2019, officials said.", "12 million", "actual", 2019),
    # a deadline after it is still a goal
    ("By 2025, the province will operate 6,000 km of expressways.", "6,000 km", "target", 2025),
])
def test_a_deadline_already_past_is_an_actual(text, figure, role, year):
    f = fig(text, "en", figure, published="2020-11-18")
    assert (f.role, f.year) == (role, year)


def test_a_review_of_past_years_after_a_goal_heading_is_actual():
    text = "Toward the 2035 goal Over the past five years, household income has grown to 32,000 yuan."
    assert fig(text, "en", "32,000 yuan", published="2020-10-26").role == "actual"


@pytest.mark.parametrize("text,figure,role", [
    # an actor looking or hoping to do something states its own plan
    ("The biotech firm is looking to raise 40m euros on the stock market.", "40m euros", "target"),
    ("Ryanair said it hoped to carry 45 million passengers.", "45 million", "target"),
    # a definite count names things that exist, whatever the tense around it
    ("Executives said the three banks would merge their card businesses.", "three", "actual"),
    ("The bridge will cut the drive between the two cities to 40 minutes.", "two", "actual"),
])
def test_looking_to_is_a_plan_and_a_definite_count_is_actual(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # 将 before a number is the object marker (把), not the future
    ("志愿者们将３００双棉鞋打包寄出。", "３００双", "actual"),
    ("我市将新建学校3所。", "3所", "target"),
    # a conditional grant (对…给予) is a standing rule of a scheme: a target
    ("对见义勇为的市民，视情节给予2000元至5万元不等的奖励。", "2000元至5万元", "target"),
    ("去年对120家企业给予了奖励。", "120家", "actual"),
])
def test_zh_object_marker_and_conditional_grants(text, figure, role):
    assert fig(text, "zh", figure).role == role


@pytest.mark.parametrize("text,figure", [
    # a purpose, and the size of a plan, programme or drive, are targets
    ("The prime minister laid the foundation stone on a new housing project intended to provide 6,000 homes.", "6,000"),
    ("Sri Lanka's president has launched a reconstruction drive worth $3.5bn.", "$3.5bn"),
    ("They unveiled a programme of $2bn to rebuild roads.", "$2bn"),
])
def test_purposes_and_the_size_of_a_plan_are_targets(text, figure):
    assert fig(text, "en", figure).role == "target"


def test_a_plan_named_by_its_author_is_no_budget():
    assert fig("Sales rose under the plan of the new chief executive to $3bn.", "en", "$3bn").role == "actual"


@pytest.mark.parametrize("text,figure,role", [
    # standing offers, provisional decisions and a norm's minimum in its own clause are commitments
    ("编辑短信发送到指定号码，即可捐款2元。", "2元", "target"),
    ("首批救助病种范围初步定为8种。", "8种", "target"),
    ("《办法》明确，新建小区绿地率不低于30%。其中，人均公共绿地面积不低于1.2平方米。", "1.2平方米", "target"),
    # a level described, not a norm: 不高于 is left to the context
    ("专家表示，目前正常生产水平的年增长率不高于15%，今年一季度已达16%。", "15%", "actual"),
])
def test_zh_standing_offers_and_norms(text, figure, role):
    assert fig(text, "zh", figure).role == role


def test_zh_a_schemes_standards_heading_frames_its_rules():
    from pipeline import extract_figures

    text = ("一、资助对象\n家庭困难的在校大学生。\n二、资助标准\n每人每年5000元，其中80%用于学费，20%用于生活费。\n"
            "三、申请方式\n登录网站填写申请表。")
    figs = {f.text: f.role for f in extract_figures(text, lang="zh")}
    assert figs["5000元"] == "target" and figs["80%"] == "target" and figs["20%"] == "target"


@pytest.mark.parametrize("text,figure", [
    # announced cuts in the present progressive, and what they are needed to pay for, are plans
    ("The carmaker is cutting 1,200 jobs at its Oxford plant.", "1,200"),
    ("The bank says the cuts are needed to fund a £200m investment in technology.", "£200m"),
])
def test_announced_cuts_and_what_they_fund_are_targets(text, figure):
    assert fig(text, "en", figure).role == "target"


@pytest.mark.parametrize("text,figure,role", [
    # a target word inside an aside between dashes belongs to the aside
    ("Coal output - the main target of the new pollution rules - was 1.9bn tonnes in 2004.", "1.9bn tonnes", "actual"),
    # money spent on a subsidy is no subsidy plan
    ("The state paid 12bn rupees on food subsidies in 2003.", "12bn rupees", "actual"),
    ("Drivers will get a 3,000-euro scrappage subsidy.", "3,000-euro", "target"),
])
def test_target_words_outside_the_figures_phrase(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # a budget airline is no budget
    ("Shares in budget carrier easyJet fell 9% on Tuesday.", "9%", "actual"),
    # a participle after "be" is no past tense between the future and the figure
    ("The minister said the levy would be lowered to 12% next year.", "12%", "target"),
])
def test_budget_carriers_and_passive_futures(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # "should" sets a level to reach, like "would"
    ("The regulator says the bank's market share should be capped at 35%.", "35%", "target"),
    # not a past obligation
    ("Prices should have fallen 4% last year, the report said.", "4%", "actual"),
])
def test_should(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # an expert named by title forecasts: someone else's forecast, an actual
    ("人口研究所所长张明表示，预计到2040年全国老年人口将超过4亿。", "4亿", "actual"),
    # an official announcing a plan is no expert
    ("市长李华表示，明年全市将新建公园30个。", "30个", "target"),
])
def test_experts_forecast(text, figure, role):
    assert fig(text, "zh", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # an attribution after the quoted figure makes it someone else's view
    ("\"The shares should trade above $40 by March,\" said one analyst.", "$40", "actual"),
    # the speaker's own plan stays a target
    ("\"We will open 40 stores next year,\" the chief executive said.", "40", "target"),
    # a budget that swung to a deficit is no budget plan
    ("The state budget has swung to a deficit of $20bn this year.", "$20bn", "actual"),
])
def test_attributions_and_budgets_in_the_past(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # an indicator nobody in the story controls, with a future or hedged verb: a forecast, an actual
    ("Japan's economy is set to expand 1.5% next year, the report said.", "1.5%", "actual"),
    ("Inflation will ease to 2.1% in 2006, economists at the central bank believe.", "2.1%", "actual"),
    ("Exports would climb to $80bn if the euro weakens.", "$80bn", "actual"),
    # the sentence names a target or a plan: the goal stays a target
    ("The government's target is that growth will reach 7% by 2010.", "7%", "target"),
    # an actor's own commitment is no indicator: a target
    ("The airline will cut 1,200 jobs next year.", "1,200", "target"),
])
def test_an_indicators_future_is_a_forecast(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # a merger's combined figures are those of firms that exist
    ("The tie-up would create Europe's largest brewer with annual revenues of 14bn euros.", "14bn euros", "actual"),
    # an offer on the table is an actual (corpus/README.md R17); a proposed budget stays a plan
    ("Shareholders rejected the proposed $2.4bn takeover bid.", "$2.4bn", "actual"),
    ("The council approved the proposed budget of $2.4bn for next year.", "$2.4bn", "target"),
    # a relative clause in the present tense after the future cue says what is, not what will be
    ("The bank will sell its fund unit, which manages $12bn of assets, to investors.", "$12bn", "actual"),
])
def test_combined_figures_offers_and_relative_clauses(text, figure, role):
    assert fig(text, "en", figure).role == role


@pytest.mark.parametrize("text,figure,role", [
    # a firm's own outlook in the past tense or the progressive is its target (decision 8)
    ("Nokia said it expected to ship 200 million phones this year.", "200 million", "target"),
    ("Renault is forecasting sales to grow 10% in 2006.", "10%", "target"),
    # the same verbs by analysts are a forecast, an actual
    ("Analysts are forecasting sales to grow 10% in 2006.", "10%", "actual"),
    # a company's guidance, the figure's own noun, is its outlook; guidance named elsewhere in the sentence is not
    ("Nike raised its full-year sales guidance to $44bn on Thursday.", "$44bn", "target"),
    ("Margins came in at 31%, against earlier guidance of 29%.", "29%", "target"),
    ("Shares fell 4% after the retailer cut its guidance.", "4%", "actual"),
])
def test_a_firms_own_outlook_in_other_tenses(text, figure, role):
    assert fig(text, "en", figure).role == role


def test_it_standing_for_an_indicator_before_a_hedged_verb_is_a_forecast():
    text = "Unemployment fell to 9% in May. The jobless rate is improving: it is set to slip below 8% by December."
    assert fig(text, "en", "8%").role == "actual"
    # a plan the sentence names stays a target
    text = "Exports rose 4% in May. The government plan says it is set to reach $9bn by December."
    assert fig(text, "en", "$9bn").role == "target"


@pytest.mark.parametrize("text,figure,role", [
    # a span of years (从X年到Y年) is a period, not a deadline
    ("从2015年到2020年，全市工业产值年均增长8.5%。", "8.5%", "actual"),
    ("从2016年至2019年，该县累计引进项目46个。", "46个", "actual"),
    ("2019年1月1日至2021年12月31日，全省累计减免税费38亿元。", "38亿元", "actual"),
    # a deadline cue followed by a completed action (已累计, 已成功)
    ("至2021年底，这家企业已累计投资12亿元。", "12亿元", "actual"),
    # a deadline cue alone stays a target
    ("到2030年，全市工业产值力争达到5000亿元。", "5000亿元", "target"),
    ("至2028年，全县新建污水处理厂3座。", "3座", "target"),
])
def test_a_span_of_years_and_a_completed_action_are_no_deadline(text, figure, role):
    assert fig(text, "zh", figure).role == role


def test_the_chinese_target_cues_are_searched_only_where_they_can_start():
    # a cue whose first character widens the anchor class past patterns.ANCHOR_MAX_CHARS makes every sentence's
    # search a plain scan (round 12's 决定延续 did: six times slower); the cues stay anchored
    from pipeline.link import get_linker
    from pipeline.patterns import Anchored

    assert isinstance(get_linker("zh").target_re, Anchored)


@pytest.mark.parametrize("text,figure", [
    # a perfect tense in the clause before is that clause's; the figure's own clause commits to the future
    ("The merger has been approved by regulators and the group will invest $2bn in new plants.", "$2bn"),
    ("Talks have stalled for months, but the company will cut 400 jobs in Wales.", "400"),
])
def test_a_commitment_after_a_clause_in_the_perfect_is_a_target(text, figure):
    assert fig(text, "en", figure).role == "target"


def test_a_perfect_in_the_figures_own_clause_stays_actual():
    assert fig("The company has paid $76 for each share and will close the deal soon.", "en", "$76").role == "actual"


def test_being_ready_to_spend_is_a_commitment():
    text = "The carmaker has said it is ready to invest $2bn in a new battery plant."
    assert fig(text, "en", "$2bn").role == "target"


@pytest.mark.parametrize("text,figure", [
    # a deal under way in the progressive is a commitment about the near future
    ("To settle the case, the bank is also paying $2m to the regulator.", "$2m"),
    ("The airline said it is deferring the delivery of 12 new jets.", "12"),
])
def test_a_deal_under_way_in_the_progressive_is_a_target(text, figure):
    assert fig(text, "en", figure).role == "target"


@pytest.mark.parametrize("text,figure", [
    # a coordinated clause with a subject and a verb of its own carries its own goal; the figure before it is a level
    ("Sales rose 5% last year and the company aims to double them by 2025.", "5%"),
    ("Output reached 2.4 million tonnes, while Mongolia plans to export 5 million tonnes by 2030.", "2.4 million tonnes"),
    ("The group sold 3.1 million phones in 2023 and hopes to sell 5 million phones by 2026.", "3.1 million"),
    # ... or a reported clause after a reporting verb ("said they would")
    ("Most of the 4,000 firms polled said they would raise prices.", "4,000"),
    # ... and a subordinate clause with its own subject between the goal's cue and the figure
    ("The ministry aims to lift exports by 10% next year, because they shrank 4% in 2024.", "4%"),
])
def test_a_goal_in_a_later_clause_of_its_own_is_not_this_figures(text, figure):
    assert fig(text, "en", figure).role == "actual"


def test_a_firms_guidance_is_its_own_outlook():
    text = "The retailer is guiding for pre-tax profit of about £480m this year, and its shares rose 3%."
    assert fig(text, "en", "£480m").role == "target"
    assert fig(text, "en", "3%").role == "actual"


@pytest.mark.parametrize("text,figure,role", [
    # a clause dated to a year before the document's reports a result, whatever a weak cue (建成…个) suggests;
    # a deadline (到2027年) or this year's plan (将) stays a target
    ("2026年1月20日\n市通信管理局通报：2025年，全市建成5G基站8.6万个。", "8.6万个", "actual"),
    ("2026年1月20日\n市通信管理局通报：截至2025年底，全市累计建成充电桩3.2万个。", "3.2万个", "actual"),
    ("2026年1月20日\n市通信管理局通报：到2027年，全市建成5G基站12万个。", "12万个", "target"),
])
def test_a_past_year_in_the_sentence_outweighs_a_weak_cue(text, figure, role):
    assert fig(text, "zh", figure).role == role
