"""Document structure: furniture, headings and levels, openings and their frames, datelines.

Every text here is written for the test (not copied from a real document); each rule is checked on
sentences other than the ones that showed it.
"""
import pytest

from pipeline.extract.normalize import normalize
from pipeline.structure import Frame, read_structure
from pipeline import extract_figures


def fig(text, lang, figure_text, published=None):
    figs = [f for f in extract_figures(text, lang=lang, published=published) if f.text == figure_text]
    assert figs, f"{figure_text!r} not found"
    return figs[0]


def st(text, lang="zh", published=None, title=None):
    return read_structure(normalize(text), lang, published, title)


REPORT = """下载
打印
【字号：
加大
】
2027年某某省政府工作报告
——2027年1月22日在某某省第十五届人民代表大会第一次会议上
来源：某某日报
省长 张三
各位代表：
一、2026年和“十五五”开局工作回顾
刚刚过去的2026年，全省生产总值增长5.4%，新增高新技术企业900家。
这五年，全省常住人口城镇化率提高到64%。
二、2027年主要目标任务
（一）稳住经济大盘
全省生产总值增长5%左右。
2027年省十件民生实事
1.新建改扩建幼儿园60所。
2.新增养老床位5000张。
相关报道：
"""


def test_report_furniture_title_and_front_matter_hold_no_figures():
    s = st(REPORT)
    text = REPORT
    for word in ("下载", "【字号：", "2027年某某省政府工作报告", "来源：某某日报", "省长 张三", "相关报道："):
        assert s.excluded(text.index(word)), word
    assert not s.excluded(text.index("5.4%"))


def test_report_dateline_is_the_delivery_date():
    s = st(REPORT)
    assert s.dateline.date == "2027-01-22" and s.dateline.source == "text" and s.dateline.pattern == "speech"
    # the input's own date wins, and says so
    s2 = st(REPORT, published="2027-02-01")
    assert s2.dateline.date == "2027-02-01" and s2.dateline.source == "input"


def test_report_headings_levels_and_frames():
    s = st(REPORT)
    heads = [(n.text, n.level) for n in s.nodes if n.kind == "heading"]
    assert ("一、2026年和“十五五”开局工作回顾", 1) in heads
    assert ("（一）稳住经济大盘", 2) in heads
    t = REPORT
    assert s.frame_at(t.index("5.4%")) == Frame(2026, "review", False)
    assert s.frame_at(t.index("64%")).multi                      # 这五年: no single year
    assert s.frame_at(t.index("5%左右")) == Frame(2027, "plan", False)   # inherited from 二、
    assert s.frame_at(t.index("60所")).year == 2027 and s.frame_at(t.index("60所")).mode == "plan"


def test_report_roles_and_years_follow_the_frames():
    assert fig(REPORT, "zh", "900家").role == "actual" and fig(REPORT, "zh", "900家").year == 2026
    assert fig(REPORT, "zh", "64%").year is None
    f = fig(REPORT, "zh", "60所")
    assert (f.role, f.year) == ("target", 2027)
    f = fig(REPORT, "zh", "5000张")
    assert (f.role, f.year) == ("target", 2027)


def test_numbers_in_headings_are_not_figures():
    text = "二、2027年县十大重点工程\n新建道路12条。\n"
    from pipeline import extract_figures
    assert [f.text for f in extract_figures(text, lang="zh")] == ["12条"]


def test_unnumbered_headings_nest_under_the_numbered_one():
    text = ("一、2026年工作回顾\n2026年是不平凡的一年。\n产业发展稳中有进。\n规上工业增加值增长6.1%。\n"
            "这是民生持续改善的五年。\n居民人均可支配收入年均增长6%。\n")
    s = st(text)
    levels = {n.text: n.level for n in s.nodes if n.kind == "heading"}
    assert levels["产业发展稳中有进。"] == 2
    assert s.frame_at(text.index("6.1%")).year == 2026
    assert s.frame_at(text.index("年均增长6%")).multi


def test_a_short_sentence_with_a_figure_is_not_a_heading():
    text = "三、2027年重点工作\n重点抓好八个方面工作。\n（一）扩大内需\n"
    s = read_structure(normalize(text), "zh", None, None, [text.index("八个")])
    assert not s.excluded(text.index("八个"))
    assert fig(text, "zh", "八个").role == "target"


def test_a_line_that_is_a_value_alone_is_a_tables_cell_not_a_heading():
    # a table saved as one cell per line: the value before a longer line is still a figure, and its row label names it
    text = ("各地最低工资标准调整情况如下。\n南京\n2490元/月\n徐州\n2200元/月\n"
            "以上标准自2025年1月1日起执行，用人单位不得低于此标准支付工资。\n")
    figs = {f.start: f for f in extract_figures(text, lang="zh")}
    assert [text[s:figs[s].end] for s in sorted(figs)] == ["2490元", "2200元"]
    assert figs[text.index("2200元")].subject == "徐州"


def test_lines_after_a_colon_are_items_not_headings():
    # a list a colon opens, one short line per item, each with its figure, before a longer paragraph
    text = ("本次活动得到多家企业支持，名单如下：\n甲公司、乙公司分别捐赠图书800册\n丙公司捐赠课桌椅200套\n"
            "活动组织方表示，所有物资将在本月底前送到山区学校，并接受社会监督。\n")
    assert [f.text for f in extract_figures(text, lang="zh")] == ["800册", "200套"]


def test_a_subheading_that_ends_in_a_figure_is_still_a_heading():
    # a news page's subheading that states a figure in words around it is no cell: its figure is the heading's
    text = "数说\n全市城镇新增就业12万人\n今年以来，我市多措并举稳就业，重点群体就业总体稳定。\n"
    assert [f.text for f in extract_figures(text, lang="zh")] == []


def test_plan_period_opening_needs_a_dateline():
    text = "一、发展基础\n“十五五”以来，全市累计引进项目45个。\n"
    # 以来 is a review of the period so far, with or without a dateline
    f = fig(text, "zh", "45个")
    assert f.role == "actual" and f.year is None


def test_saved_news_page_furniture_and_byline():
    page = ("Wind farm output doubles - People's Daily Online DD_belatedPNG.fix('div'); Monday, Mar 8, 2021 Search "
            "Archive Home Opinions Business English &gt;&gt; Wind farm output doubles ( Xinhua ) 09:12, March 6, 2021 "
            "HOHHOT, March 5 (Xinhua) -- Output of the region's wind farms rose 12 percent last year to 8.4 billion "
            "kilowatt-hours. (Web editor: Li Ming) Most Read 1 Region adds 300 buses 2 Port handles 9,000 ships")
    s = st(page, "en")
    assert s.dateline.date == "2021-03-06" and s.dateline.pattern == "byline"
    assert s.excluded(page.index("Wind farm")) and s.excluded(page.index("HOHHOT"))
    assert s.excluded(page.index("300 buses")) and s.excluded(page.index("9,000 ships"))
    from pipeline import extract_figures
    figs = extract_figures(page, lang="en")
    assert [f.text for f in figs] == ["12 percent", "8.4 billion kilowatt-hours"]
    assert all(f.year == 2020 for f in figs)        # "last year" against the byline's 2021


@pytest.mark.parametrize("text,date,pattern", [
    ("时间：2026-03-02\n全市新增就业3万人。", "2026-03-02", "labelled"),
    ("Author: City Daily Time:2023.05.04\n\nThe city added 300 firms.", "2023-05-04", "labelled"),
    ("BEIJING ( People's Daily Online ) 10:02, June 9, 2019 Exports rose 5%.", "2019-06-09", "byline"),
])
def test_dateline_patterns(text, date, pattern):
    lang = "zh" if "时间" in text else "en"
    s = st(text, lang)
    assert (s.dateline.date, s.dateline.pattern) == (date, pattern)


def test_sohu_paragraph_breaks_are_lines():
    # GB18030 dumps of Sohu news use U+E40C between paragraphs
    text = "市政府昨天宣布新政。\ue40c补贴标准提高\ue40c每户每年可领取２０００元补贴。"
    s = st(text)
    assert any(n.kind == "heading" and n.text == "补贴标准提高" for n in s.nodes)


def test_a_five_year_review_may_open_mid_paragraph():
    text = ("一、2026年和“十五五”开局工作回顾\n——全市生产总值增长5.2%。\n"
            "各位代表！2026年任务全面完成。回望过去五年，我们砥砺前行。\n（一）产业升级\n新增专精特新企业300家。\n")
    s = st(text, published="2027-01-20")
    assert s.frame_at(text.index("5.2%")).year == 2026
    assert s.frame_at(text.index("300家")).multi                  # the subsection inherits the five-year frame
    # a period "so far" inside a paragraph frames only the paragraph
    text2 = "金融支持加力。“十五五”以来，累计发放贷款12亿元。\n按照规划，到2030年投入30亿元。\n"
    assert fig(text2, "zh", "30亿元", "2027-05-01").role == "target"


def test_result_words_mark_a_review_only_at_the_top_level():
    text = ("一、一年来工作持续取得新成效\n新增就业8万人。\n二、“十五五”主要目标\n（一）高质量发展取得显著成效。\n"
            "研发投入强度达到3%。\n")
    s = st(text, published="2026-02-01")
    assert s.frame_at(text.index("8万人")).mode == "review"
    assert s.frame_at(text.index("3%")) == Frame(2030, "plan", False)


def test_photo_credit_and_bracketed_delivery_date_are_front_matter():
    text = ("政府工作报告。 本报记者 王五 摄\n政府工作报告\n（2027年1月25日在某省第十五届人民代表大会第一次会议上）\n"
            "省长 李四\n各位代表：\n一、2026年工作回顾\n新增就业6万人。\n")
    s = st(text)
    assert s.dateline.date == "2027-01-25" and s.dateline.pattern == "speech"
    assert s.excluded(text.index("政府工作报告\n（")) and s.excluded(text.index("省长"))
    assert fig(text, "zh", "6万人").year == 2026


@pytest.mark.parametrize("text,lang", [
    ("２０１１年５月３１日是世界无烟日，全市有１２０家医院参加活动。", "zh"),
    ("2012年7月21日，北京遭遇特大暴雨，受灾人口达190万。", "zh"),
    ("On March 3, 2005, the firm sold 40 stores.", "en"),
])
def test_a_date_inside_a_sentence_is_not_a_dateline(text, lang):
    assert st(text, lang).dateline is None


def test_headings_are_reported_as_written():
    from pipeline.api import analyse_document
    from pipeline.models import Document

    d = analyse_document(Document(doc_id="t", lang="zh", text="一、2024/25年度經濟概況\n本年度政府收入預計為港幣6,280億元。\n"))
    assert d.sections[0].heading == "一、2024/25年度經濟概況" and d.sections[0].year == 2025
    assert d.script == "hant"


def test_a_year_in_a_book_title_does_not_date_a_heading():
    s = st("主席：\n我动议二读《2025年拨款条例草案》。\n一、经济概况\n去年本地生产总值增长2.5%。\n", published="2025-02-26")
    heads = {n.text: n.own for n in s.nodes if n.kind == "heading"}
    assert heads["我动议二读《2025年拨款条例草案》。"].year is None
