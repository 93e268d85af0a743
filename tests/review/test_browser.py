"""The review site in a real headless Chromium: what a person would check.

Pages are opened from ``file://`` (as a user who opens ``review/index.html`` does). Skipped with the
reason when no browser can be started (``scripts/browser.sh`` installs one).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from review_support import HOSTILE_MARKUP, HOSTILE_TEXT, read_docs

pytestmark = pytest.mark.browser

# code point offset of every mark in the article, counted in the browser (Array.from splits by code point)
_MARKS_JS = """
const art = document.getElementById('doc-text');
return Array.from(art.querySelectorAll('.figure')).map(m => {
  const r = document.createRange();
  r.setStart(art, 0);
  r.setEndBefore(m);
  return {i: m.dataset.i, text: m.textContent, kind: m.dataset.kind, role: m.dataset.role, year: m.dataset.year,
          offset: Array.from(r.toString()).length, utf16: r.toString().length};
});
"""


def _open(driver, site: Path, page: str) -> None:
    driver.get(site.joinpath(page).as_uri() if "#" not in page else
               site.joinpath(page.split("#")[0]).as_uri() + "#" + page.split("#", 1)[1])
    _wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    assert driver.execute_script("return document.body.dataset.error || null") is None


def _wait(driver, cond, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(cond)


def _renders(driver) -> int:
    return int(driver.execute_script("return document.body.dataset.renders || '0'"))


def _after_render(driver, action) -> None:
    before = _renders(driver)
    action()
    _wait(driver, lambda d: _renders(d) > before)


def _select(driver, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    _after_render(driver, lambda: Select(driver.find_element("id", element_id)).select_by_value(value))


def _type(driver, element_id: str, text: str) -> None:
    el = driver.find_element("id", element_id)
    _after_render(driver, lambda: el.send_keys(text))
    # the field fires one render per debounce; wait until the value has settled into the state
    _wait(driver, lambda d: text in (d.execute_script("return decodeURIComponent(location.hash)") or ""))


def _count(driver, element_id: str) -> tuple[int, int]:
    el = driver.find_element("id", element_id)
    return int(el.get_attribute("data-matched")), int(el.get_attribute("data-total"))


def _column(driver, table_id: str, attr: str) -> list[str]:
    return driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{table_id} tbody tr')).map(r => r.getAttribute('{attr}'))")


def _cells(driver, table_id: str, col: str) -> list[str]:
    return driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{table_id} tbody td[data-col=\"{col}\"]')).map(c => c.textContent)")


def _not_pwned(driver) -> None:
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def _doc_index(review_run: Path, doc_id: str) -> int:
    return next(i for i, d in enumerate(read_docs(review_run)) if d["doc_id"] == doc_id)


@pytest.mark.parametrize("doc_id", ["zh-report", "en-article"])
def test_every_figure_highlighted_once_at_its_code_point_offset(browser, review_run, site, doc_id):
    n = _doc_index(review_run, doc_id)
    doc = read_docs(review_run)[n]
    _open(browser, site, f"doc/{n}.html")
    marks = browser.execute_script(_MARKS_JS)
    assert len(marks) == len(doc["figures"]) > 3
    assert browser.execute_script("return document.getElementById('doc-text').textContent") == doc["text"]
    for m, (i, f) in zip(marks, enumerate(doc["figures"])):
        assert (m["i"], m["text"], m["kind"], m["role"], m["year"]) == \
            (str(i), f["text"], f["kind"], f["role"], "" if f["year"] is None else str(f["year"]))
        assert m["offset"] == f["start"]
    # the astral characters before the figures really shift UTF-16 positions: the check above means something
    assert any(m["utf16"] != m["offset"] for m in marks)
    assert {m["i"] for m in marks} == {str(i) for i in range(len(doc["figures"]))}


def test_clicking_a_figure_shows_its_fields(browser, review_run, site):
    n = _doc_index(review_run, "zh-report")
    doc = read_docs(review_run)[n]
    i, f = next((i, f) for i, f in enumerate(doc["figures"]) if f["role"] == "target" and f["kind"] == "money")
    _open(browser, site, f"doc/{n}.html")
    assert not browser.find_element("id", "panel-fields").is_displayed()
    browser.find_element("id", f"f-{i}").click()
    fields = {dd.get_attribute("data-field"): dd for dd in browser.find_elements("css selector", "#panel-fields dd")}
    assert float(fields["value"].get_attribute("data-raw")) == f["value"]
    for name in ("text", "kind", "unit", "role", "comparator", "metric", "subject", "rule"):
        assert fields[name].text == ("—" if f[name] is None else str(f[name])), name
    assert fields["year"].text == str(f["year"]) and fields["start"].text == str(f["start"])
    # the sentence is cut from the page's text by code point offsets (astral characters precede it)
    assert fields["sentence"].get_attribute("textContent") == doc["text"][f["sentence_start"]:f["sentence_end"]]
    assert fields["sentence"].find_element("tag name", "mark").text == f["text"]
    assert "selected" in browser.find_element("id", f"f-{i}").get_attribute("class")


def test_a_target_stands_out(browser, review_run, site):
    n = _doc_index(review_run, "zh-report")
    _open(browser, site, f"doc/{n}.html")
    weights = browser.execute_script("""
        return Array.from(document.querySelectorAll('#doc-text .figure')).map(m =>
          [m.dataset.role, getComputedStyle(m).fontWeight, getComputedStyle(m).borderTopWidth]);""")
    target = {(w, b) for r, w, b in weights if r == "target"}
    actual = {(w, b) for r, w, b in weights if r == "actual"}
    assert target and actual and target.isdisjoint(actual)


def test_hostile_document_cannot_run_script(browser, review_run, site):
    n = _doc_index(review_run, "hostile-<b>1</b>")
    _open(browser, site, f"doc/{n}.html")
    _not_pwned(browser)
    assert browser.execute_script("return document.getElementById('doc-text').textContent") == HOSTILE_TEXT
    assert "<script>" in browser.find_element("id", "doc-text").text
    assert browser.find_element("tag name", "h1").text.startswith("<script>")
    browser.find_element("id", "f-0").click()
    metric = browser.find_element("css selector", "#panel-fields dd[data-field='metric']")
    assert metric.text == HOSTILE_MARKUP
    _not_pwned(browser)
    _open(browser, site, "figures.html#subject=script")
    assert _count(browser, "fig-count")[0] == 2
    assert set(_cells(browser, "fig-table", "metric")) == {HOSTILE_MARKUP}
    _not_pwned(browser)
    _open(browser, site, "documents.html#q=hostile")
    assert _cells(browser, "doc-table", "title") == ['<script>window.__pwned="title"</script>Title']
    _open(browser, site, "index.html")
    _not_pwned(browser)


def test_figure_table_filters_change_the_table(browser, review_run, site):
    figs = [f for d in read_docs(review_run) for f in d["figures"]]
    _open(browser, site, "figures.html")
    assert _count(browser, "fig-count") == (len(figs), len(figs))
    assert len(_column(browser, "fig-table", "data-kind")) == 100          # one page
    _select(browser, "fig-kind", "percent")
    assert _count(browser, "fig-count")[0] == sum(f["kind"] == "percent" for f in figs)
    assert set(_column(browser, "fig-table", "data-kind")) == {"percent"}
    _select(browser, "fig-role", "target")
    want = [f for f in figs if f["kind"] == "percent" and f["role"] == "target"]
    assert _count(browser, "fig-count")[0] == len(want) > 0
    assert set(_column(browser, "fig-table", "data-role")) == {"target"}
    browser.find_element("id", "fig-reset").click()
    _wait(browser, lambda d: _count(d, "fig-count")[0] == len(figs))
    _select(browser, "fig-year", "2026")
    assert _count(browser, "fig-count")[0] == sum(f["year"] == 2026 for f in figs)
    browser.find_element("id", "fig-reset").click()
    _wait(browser, lambda d: _count(d, "fig-count")[0] == len(figs))
    _type(browser, "fig-metric", "研发")
    assert _count(browser, "fig-count")[0] == sum("研发" in (f["metric"] or "") for f in figs) > 0
    assert all("研发" in m for m in _cells(browser, "fig-table", "metric"))


def test_figure_table_sorts_and_pages(browser, review_run, site):
    figs = [f for d in read_docs(review_run) for f in d["figures"]]
    _open(browser, site, "figures.html")
    header = browser.find_element("css selector", "#fig-table th[data-col='value']")
    _after_render(browser, header.click)
    _after_render(browser, header.click)
    assert header.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in browser.execute_script(
        "return Array.from(document.querySelectorAll('#fig-table td[data-col=value]')).map(c => c.dataset.raw)")]
    assert values[0] == max(f["value"] for f in figs) and values == sorted(values, reverse=True)
    _after_render(browser, browser.find_element("css selector", "#fig-pager button[data-role='next']").click)
    assert browser.find_element("id", "fig-count").get_attribute("data-page") == "2"
    assert "101–" in browser.find_element("id", "fig-count").text


def test_document_list_filters(browser, review_run, site):
    docs = read_docs(review_run)
    _open(browser, site, "documents.html")
    total = len(docs) + 3
    assert _count(browser, "doc-count") == (total, total)
    _select(browser, "doc-lang", "en")
    assert _count(browser, "doc-count")[0] == sum(d["lang"] == "en" for d in docs)
    assert set(_column(browser, "doc-table", "data-lang")) == {"en"}
    _select(browser, "doc-lang", "")
    _select(browser, "doc-targets", "yes")
    assert _count(browser, "doc-count")[0] == sum(any(f["role"] == "target" for f in d["figures"]) for d in docs)
    _select(browser, "doc-targets", "")
    _select(browser, "doc-status", "error")
    assert _count(browser, "doc-count")[0] == 3
    _select(browser, "doc-status", "E001_empty")
    assert sorted(_column(browser, "doc-table", "data-error")) == ["E001_empty", "E001_empty"]
    _select(browser, "doc-status", "duplicate")
    assert _count(browser, "doc-count")[0] == 1
    _select(browser, "doc-status", "")
    _type(browser, "doc-q", "zh-rep")
    assert _count(browser, "doc-count")[0] == 1


def test_overview_charts_show_the_run_numbers(browser, review_run, site):
    docs = read_docs(review_run)
    figs = [f for d in docs for f in d["figures"]]
    _open(browser, site, "index.html")
    charts = browser.execute_script("""
        const out = {};
        for (const fig of document.querySelectorAll('figure[data-chart]')) {
          out[fig.dataset.chart] = Array.from(fig.querySelectorAll('g.bar')).map(g =>
            [g.dataset.key, g.querySelector('text.count').textContent, g.querySelector('rect').getBBox().width]);
        }
        return out;""")
    want = {"kind": Counter(f["kind"] for f in figs), "role": Counter(f["role"] for f in figs),
            "year": Counter("none" if f["year"] is None else str(f["year"]) for f in figs),
            "lang": Counter(d["lang"] for d in docs), "error": Counter({"E001_empty": 2, "E010_json": 1})}
    for name, counts in want.items():
        assert {k: int(v) for k, v, _ in charts[name]} == dict(counts), name
        widest = max(charts[name], key=lambda b: int(b[1]))
        assert widest[2] == max(w for _, _, w in charts[name]) > 0
    stats = {e.get_attribute("data-stat"): e.find_element("class name", "value").text
             for e in browser.find_elements("css selector", ".stat")}
    assert stats["figures"] == f"{len(figs):,}" and stats["documents"] == str(len(docs))
    browser.find_element("css selector", "#chart-kind g.bar[data-key='money'] a").click()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.page === 'figures' && "
                                              "document.body.dataset.ready === '1'"))
    assert _count(browser, "fig-count")[0] == sum(f["kind"] == "money" for f in figs)
