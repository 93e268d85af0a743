"""The year of a figure (GUIDELINES.md: year inheritance, relative years, plan periods)."""
import pytest
from link_support import fig

from pipeline import extract_figures

CASES = [
    ("zh", "2023年，全市实现地区生产总值3250亿元。", "3250亿元", None, 2023),
    ("zh", "到2025年底，光伏装机力争达到300万千瓦。", "300万千瓦", None, 2025),
    ("zh", "今年以来，新增市场主体1.2万户。", "1.2万户", "2024-05-10", 2024),
    ("zh", "比2020年增长36%，达到58亿元。", "36%", None, None),
    ("zh", "占比由2021年的8.2%提高到2023年的11.5%。", "8.2%", None, 2021),
    ("zh", "占比由2021年的8.2%提高到2023年的11.5%。", "11.5%", None, 2023),
    ("zh", "“十四五”期间，力争引进项目200个。", "200个", None, 2025),
    ("zh", "近年来，累计培育上市企业12家。", "12家", "2024-01-01", None),
    ("en", "In 2022, the port handled 3,200 trains.", "3,200", None, 2022),
    ("en", "Revenue was 12bn euros this year.", "12bn euros", "2021-03-01", 2021),
    ("en", "Net income fell to 410m euros during 2019, from 520m euros a year earlier.", "410m euros", None, 2019),
    ("en", "Sales were $4bn, up 6% from $3.8bn in 2018.", "$3.8bn", None, 2018),
    ("en", "Under the 14th Five-Year Plan, the city aims to build 50 new parks.", "50", None, 2025),
    # a frame inside an opening quotation still frames the sentences after it
    ("en", "The farm grew fast. “In 2023, we sold 4,000 tickets. Each ticket cost 50 yuan,” he said.", "50 yuan", None, 2023),
    ("zh", "“2024年，我们新增客户300家。其中外资企业42家。”他说。", "42家", None, 2024),
    # a year written against one figure does not date the others
    ("en", "Revenue rose to €8.1bn from €7.5bn in 2022.", "€8.1bn", None, None),
    ("en", "Revenue rose to €8.1bn from €7.5bn in 2022.", "€7.5bn", None, 2022),
    ("en", "Exports reached a record $410bn last year.", "$410bn", "2024-02-01", 2023),
    ("zh", "现在每亩收入达到5000元。", "5000元", "2024-06-01", 2024),
    ("zh", "分红占当年净利润的30%。", "30%", "2025-04-01", None),
    # a conversion in brackets takes the year of the figure it converts
    ("en", "Net profit fell to 410m euros ($445m) during 2022.", "$445m", None, 2022),
    # "a year ago" against the year of its own sentence; "this year" without a dateline stays unknown
    ("en", "Profit was 410m euros during 2022, from 520m euros a year ago.", "520m euros", None, 2021),
    ("en", "The 2019 budget aims to cut the deficit to $300bn this year.", "$300bn", None, None),
    # a year after another predicate does not date the figure
    ("en", "Profits dropped 12% and the firm warned that sales in 2026 may slide.", "12%", None, None),
    # the base of a change in a part of a year takes the year its sentence names before it
    ("en", "In the second half of 2019, exports grew 6%, up from 4.5% in the first half.", "4.5%", None, 2019),
    ("en", "In 2019 exports grew 6%, up from 4.5% in 2018.", "4.5%", None, 2018),
    # a year written after a part of it, right after the figure
    ("en", "Unemployment is now 7%, down from 9.5% in the second half of 2017.", "9.5%", None, 2017),
    ("en", "Exports reached $3.1bn in March 2018.", "$3.1bn", None, 2018),
]


@pytest.mark.parametrize("lang,text,figure,published,year", CASES, ids=[c[1][:28] for c in CASES])
def test_year(lang, text, figure, published, year):
    assert fig(text, lang, figure, published).year == year


def test_as_of_frame_carries_over_the_paragraph():
    text = "截至2023年底，全市共有高新技术企业120家。其中国家级企业15家。"
    assert fig(text, "zh", "15家").year == 2023


def test_frame_carries_over_the_paragraph():
    text = "2024年，全区新增高新技术企业45家。科技型中小企业入库320家。"
    assert fig(text, "zh", "320家").year == 2024


def test_another_time_expression_blocks_the_frame():
    text = "In 2023, output rose 5%. In March 2020 the plant opened. It employs 800 workers."
    assert fig(text, "en", "800").year is None


def test_dated_heading_governs_its_section():
    text = "一、2025年工作回顾\n全省地区生产总值增长5.4%。\n新增就业68万人。"
    assert fig(text, "zh", "68万人").year == 2025


def test_dateline_in_text_resolves_this_year():
    text = "Time: 2022.07.18\n\nThis year, the city attracted 42 projects."
    assert fig(text, "en", "42").year == 2022


# real documents: bare dates in a dated article, deictic and anaphoric relative years, wire datelines
REAL_YEAR_CASES = [
    # a bare date or day is in the dateline's year (the shared seed gold: "On July 16" = the article's year)
    ("en", "On Tuesday, the port handled 9,400 containers.", "9,400", "2021-06-10", 2021),
    ("en", "Retail sales rose 3.1 percent in May.", "3.1 percent", "2021-06-10", 2021),
    # ... but a month after the dateline's month is last year's ("In December alone" in a January story)
    ("en", "In December alone, exports grew 6.2 percent.", "6.2 percent", "2021-01-15", 2020),
    ("zh", "11月份，全市新能源汽车销量增长18%。", "18%", "2021-01-15", 2020),
    ("zh", "昨天，全市新增确诊病例3例。", "3例", "2020-02-03", 2020),
    # without a dateline a bare date gives no year
    ("en", "On Tuesday, the port handled 9,400 containers.", "9,400", None, None),
    # "last year" counts from the dateline even after another year in its sentence; "a year earlier" from that year
    ("en", "The fair, first held in 2011, drew 52 exhibitors, while last year it drew 610 exhibitors.", "610", "2021-06-10", 2020),
    ("en", "Net profit in 2019 was 88m euros, up from 61m euros a year earlier.", "61m euros", None, 2018),
    # the wire dateline's date is not a time expression of the story
    ("en", "NANNING, Nov. 2 (Xinhua) -- The city has planted 4,000 trees, officials said.", "4,000", None, None),
]


@pytest.mark.parametrize("lang,text,figure,published,year", REAL_YEAR_CASES, ids=[c[1][:28] for c in REAL_YEAR_CASES])
def test_year_real_document_rules(lang, text, figure, published, year):
    assert fig(text, lang, figure, published).year == year


def test_quarter_frame_covers_the_paragraph():
    text = ("In the third quarter of 2022, exports grew 4.1%. Imports rose 2.6%, down from 3.3% in the second "
            "quarter.")
    assert fig(text, "en", "2.6%").year == 2022


def test_a_frame_on_a_one_line_saved_page_reaches_a_few_sentences_only():
    filler = " ".join(f"Officials met on topic {w}." for w in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta"))
    page = ("Port news - People's Daily Online Search Archive Home Opinions English &gt;&gt; Port news ( Xinhua ) "
            "10:01, June 3, 2021 Today, the port has 40 berths. " + filler + " Its first crane cost 12 million yuan. "
            + "x" * 2600 + " (Web editor: Wu) Most Read 1 Other story")
    assert fig(page, "en", "40").year == 2021
    assert fig(page, "en", "12 million yuan").year is None


@pytest.mark.parametrize("text,figure,published,year", [
    # a year after 快于/高于/低于 is a comparison base, not the figure's year
    ("2026年全市GDP增长5.1%，快于2025年0.6个百分点。", "0.6个百分点", None, 2026),
    # a year that names a goal (2035年远景目标) is not the deadline of the figures beside it
    ("二、“十五五”时期主要目标\n综合考虑实现2035年远景目标，提出生产总值年均增长5%左右。\n", "5%", "2026-02-01", 2030),
    # 未来五年 inside a 十五五 section keeps the section's year
    ("二、“十五五”时期主要目标\n未来五年，努力实现以下6个方面主要目标。\n", "6个", "2026-02-01", 2030),
])
def test_year_comparison_names_and_future_periods(text, figure, published, year):
    assert fig(text, "zh", figure, published).year == year


@pytest.mark.parametrize("text,figure,published,year", [
    ("Tuition income rose to $48.2m in the 2021-22 academic year.", "$48.2m", None, 2022),
    ("Sales grew 11 percent in the first three quarters.", "11 percent", "2022-11-03", 2022),
    ("Sales grew 11 percent in the first three quarters.", "11 percent", None, None),
])
def test_year_split_years_and_periods_of_the_current_year(text, figure, published, year):
    assert fig(text, "en", figure, published).year == year


@pytest.mark.parametrize("text,figure,year", [
    # a count after "from" is where things come from, not the base of a change: the frame dates it
    ("In 2018, the fair drew 40,000 buyers from 120 countries.", "120", 2018),
    # a base of a change keeps only the year written against it
    ("In 2018, the fair grew from 750 exhibitors to 900 exhibitors.", "750", None),
])
def test_a_count_after_from_is_no_base(text, figure, year):
    assert fig(text, "en", figure).year == year


def test_a_bare_date_or_so_far_frames_the_sentences_after_it_in_a_dated_document():
    text = ("From March 2 to 9, the hotline took 52,000 calls. Among the callers, 41 percent were from rural areas. "
            "So far, the county has rebuilt 35 bridges.")
    got = {f.text: f.year for f in extract_figures(text, lang="en", published="2021-04-20")}
    assert got == {"52,000": 2021, "41 percent": 2021, "35": 2021}
    # without a dateline a bare date gives no year
    assert {f.year for f in extract_figures(text, lang="en")} == {None}


def test_the_year_is_the_year_its_paragraph_names():
    # annual results come out the year after: "for the year" is the year the paragraph is about, not the dateline's
    text = ("Carlsberg's net profit rose to 4.1bn euros during 2004. It cited strong demand in Russia. Group revenue "
            "for the year was 37bn euros, up 5% from 35bn euros in 2003.")
    assert fig(text, "en", "37bn euros", published="2005-02-10").year == 2004
    # with no year before it in the paragraph, the dateline's
    assert fig("Revenue for the year was 37bn euros.", "en", "37bn euros", published="2005-12-10").year == 2005


def test_a_target_takes_the_year_of_its_own_clause():
    from link_support import fig
    text = "到2027年，全市新能源汽车产量力争达到50万辆，2030年达到80万辆。"
    assert fig(text, "zh", "50万辆").year == 2027
    assert fig(text, "zh", "80万辆").year == 2030


@pytest.mark.parametrize("text,figure,year", [
    # a quarter without a year in a dated article is of the dateline's year (R9), like a bare month
    ("Online retail sales in Q3 rose by 9.7 percent, the bureau said.", "9.7 percent", 2020),
    ("Exports grew 6% in the third quarter, official data showed.", "6%", 2020),
    # a quarter with its own year keeps it
    ("Exports grew 6% in the third quarter of 2019.", "6%", 2019),
])
def test_a_bare_quarter_takes_the_datelines_year(text, figure, year):
    from link_support import fig
    assert fig(text, "en", figure, published="2020-11-12").year == year


def test_an_undated_change_after_one_dated_at_both_ends():
    from link_support import fig
    text = "全市地区生产总值从2020年的5200亿元增长到2025年的6800亿元，一般公共预算收入从420亿元增长到510亿元。"
    assert fig(text, "zh", "420亿元").year == 2020
    assert fig(text, "zh", "510亿元").year == 2025
    # a clause that dates itself keeps its own year
    text2 = "全市地区生产总值从2020年的5200亿元增长到2025年的6800亿元，2023年一般公共预算收入为480亿元。"
    assert fig(text2, "zh", "480亿元").year == 2023


@pytest.mark.parametrize("text,figure,year", [
    # a year after "than … at the start of", "than in the same period of" dates the comparison, not the figure
    ("Copper is now 35% dearer than it was at the beginning of 2005.", "35%", None),
    ("Deliveries in the first half were 12% higher than in the same period of 2004.", "12%", None),
    # the base after "from" keeps the year of "in the same period in"
    ("Sales climbed to $90m from $70m in the same period in 2004.", "$70m", 2004),
])
def test_years_of_comparisons(text, figure, year):
    assert fig(text, "en", figure).year == year


def test_the_previous_year_right_after_a_figure_is_the_year_before_its_sentences():
    text = "Exports rose 8% in 2005, up from 6% the previous year."
    assert fig(text, "en", "6%").year == 2004
    assert fig(text, "en", "8%").year == 2005


@pytest.mark.parametrize("text,figure,year", [
    # a year after "from its": the base's year, not the figure's
    ("Profits at BP rose 15% from its 2001 figure.", "15%", None),
    # a year's possessive right before a figure is its year, a comparison's base included
    ("Imports were $3bn, lower than 2002's $3.4bn.", "$3.4bn", 2002),
    # "for the same period a year earlier" after the figure's noun: the year before its sentence's
    ("AirCo reported a loss of $38m for the third quarter of 2004, against a $12m loss for the same period a year "
     "earlier.", "$12m", 2003),
])
def test_years_of_bases_and_possessives(text, figure, year):
    assert fig(text, "en", figure).year == year


@pytest.mark.parametrize("text,lang,figure,year", [
    # a target's own deadline after it in its clause, over a year the clause gives something else
    ("The fund, set up in 2016 by the city, plans to invest $2bn by 2028.", "en", "$2bn", 2028),
    ("The agency created in 2009 wants to cut waiting times by 30% by 2027.", "en", "30%", 2027),
    # a deadline before the figure still decides
    ("By 2025 the utility, founded in 1998, aims to add 3 GW of capacity.", "en", "3 GW", 2025),
])
def test_a_targets_deadline_after_it_beats_another_year_of_its_clause(text, lang, figure, year):
    assert fig(text, lang, figure).year == year


@pytest.mark.parametrize("text,figure,year", [
    # the base's own value in parentheses right after its year
    ("2023年全市常住人口达到6.5万人，比2018年（3.2万人）增加一倍。", "3.2万人", 2018),
    # a year that dates an event inside a noun phrase does not date the figures of the thing it names (R10, R20)
    ("1998年开通的城市轻轨全长28公里。", "28公里", None),
    ("2010年在城东落成的体育中心可容纳观众4万人。", "4万人", None),
    # the base of a change under a span of years takes its first year, the level reached its last
    ("据统计，从2016年到2020年，全市财政收入从120亿元增加到185亿元。", "120亿元", 2016),
    ("据统计，从2016年到2020年，全市财政收入从120亿元增加到185亿元。", "185亿元", 2020),
    # a year of the nineteenth century dates a past level
    ("到1880年，英国的铁路里程已达2.5万公里。", "2.5万公里", 1880),
])
def test_chinese_years_of_phrases_spans_and_parentheses(text, figure, year):
    assert fig(text, "zh", figure).year == year


def test_a_decision_to_extend_a_policy_expiring_in_a_year_is_a_target_to_its_new_term():
    # the year of the expiry dates no figure (到期的, R10); the decision commits to the new term (十四五末: 2025)
    f = fig("省政府决定延续2020年底到期的3项减税政策执行期限至“十四五”末。", "zh", "3项")
    assert (f.role, f.year) == ("target", 2025)


@pytest.mark.parametrize("text,figure,year", [
    # a relative year after the figure's conversion and noun binds to the figure
    ("The bank made a £2.1bn ($2.6bn) profit in 2019, up from a £1.7bn (€2bn) profit a year earlier.", "£1.7bn", 2018),
    ("The mine shipped 3.1 million tonnes in 2020, against 2.4 million tonnes (2.6 million short tons) of ore the year "
     "before.", "2.4 million tonnes", 2019),
])
def test_a_relative_year_after_the_figures_conversion_and_noun(text, figure, year):
    assert fig(text, "en", figure).year == year


def test_a_change_against_the_previous_year_is_not_a_figure_of_that_year():
    text = "Despite a record profit in 2004 of 30.6bn yen, up 31.8% on the previous year, the brewer is late."
    assert fig(text, "en", "31.8%").year == 2004


@pytest.mark.parametrize("text,figure,year", [
    # the base of a change under a span of years that opens its clause takes the span's first year
    ("Over the plan period, from 2011 to 2015, the city's exports rose from $40bn to $62bn.", "$40bn", 2011),
    ("In the decade, between 2010 and 2020, rail freight grew from 2.1 billion tonnes to 3.4 billion tonnes.",
     "2.1 billion tonnes", 2010),
])
def test_the_base_of_a_change_under_a_span_takes_its_first_year(text, figure, year):
    assert fig(text, "en", figure).year == year



def test_a_time_word_is_no_part_of_the_metric():
    text = "市里通报进展。到2028年，全市养老床位力争达到4.2万张，目前已有3.1万张。"
    assert fig(text, "zh", "3.1万张").metric == "养老床位"
