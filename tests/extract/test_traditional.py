"""Traditional Chinese is read in simplified form (OpenCC t2s), with offsets and written forms kept."""
import pytest

from pipeline import extract_figures
from pipeline.api import analyse_document
from pipeline.extract.normalize import normalize, to_simplified
from pipeline.models import Document


def test_conversion_keeps_offsets_and_tells_the_script():
    hk = "香港特區政府預算案預留100億港元，較上年度增加5億港元。"
    conv, script = to_simplified(hk)
    assert script == "hant" and len(conv) == len(hk) and "预留100亿港元" in conv
    assert to_simplified("全省生产总值增长5.6%。")[1] == "hans"
    assert to_simplified("Revenue rose 5%.")[1] is None
    # a few stray traditional characters in a simplified page do not make it traditional
    page = "全省生产总值增长5.6%，一般公共预算收入增长2%，规上工业增加值增长7.9%，网站：經濟日報。"
    assert to_simplified(page)[1] == "hans"
    assert len(normalize(hk)) == len(hk)


@pytest.mark.parametrize("text,expected", [
    # Hong Kong: 億, 萬, 港元/港幣, 個
    ("去年訪港旅客達到3,400萬人次，酒店入住率為85%。", [("3,400萬人次", 3.4e7), ("85%", 85)]),
    ("政府預留100億港元，並撥款5,000萬港幣推行計劃。", [("100億港元", 1e10, "HKD"), ("5,000萬港幣", 5e7, "HKD")]),
    # Taiwan: 新臺幣 before 億元 decides the currency; 成長 is growth
    ("台北市觀光收入達新臺幣850億元，成長12%。", [("新臺幣850億元", 8.5e10, "TWD"), ("12%", 12, "%", "increase")]),
])
def test_traditional_figures(text, expected):
    figs = extract_figures(text, lang="zh")
    got = [(f.text, f.value, f.unit, f.change) for f in figs]
    for want in expected:
        match = [g for g in got if g[0] == want[0]]
        assert match, (want, got)
        g = match[0]
        assert g[1] == pytest.approx(want[1])
        if len(want) > 2:
            assert g[2] == want[2]
        if len(want) > 3:
            assert g[3] == want[3]


def test_roles_years_and_units_as_written():
    text = "到2027年，經開區高新技術企業力爭達到120個。去年全區新增企業35家。"
    figs = {f.text: f for f in extract_figures(text, lang="zh", published="2026-01-10")}
    assert (figs["120個"].role, figs["120個"].year, figs["120個"].unit) == ("target", 2027, "個")
    assert figs["120個"].metric == "高新技術企業" and figs["120個"].subject == "經開區"
    assert (figs["35家"].role, figs["35家"].year) == ("actual", 2025)


def test_the_document_says_its_script():
    doc = analyse_document(Document(doc_id="t", lang="zh", text="全區新增高新技術企業35家。"))
    assert doc.script == "hant"
    doc = analyse_document(Document(doc_id="s", lang="zh", text="全区新增高新技术企业35家。"))
    assert doc.script == "hans"


def test_the_main_subject_of_a_traditional_document_is_found_in_its_text():
    # the main subject is reported as written (重慶) and matched against the simplified reading (重庆)
    simp = "重庆将建设内陆开放高地。重庆经西部陆海新通道货运量达到50万标箱，中欧班列年开行量保持在4800列以上。"
    trad = "重慶將建設內陸開放高地。重慶經西部陸海新通道貨運量達到50萬標箱，中歐班列年開行量保持在4800列以上。"
    s = {f.text: f.subject for f in extract_figures(simp, lang="zh")}
    t = {f.text: f.subject for f in extract_figures(trad, lang="zh")}
    assert s["50万标箱"] == "重庆" and t["50萬標箱"] == "重慶"
    assert t["4800列"] == "重慶"
