"""The review site as files: what the build writes, escaping, exact offsets, the CLI, serving (no browser)."""
from __future__ import annotations

import json
import threading
import urllib.request
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from review_support import HOSTILE_TEXT, make_run, read_docs

from pipeline.cli import main
from pipeline.review import MARKER, ReviewError, build_site
from pipeline.review.highlight import highlight
from pipeline.review.serve import make_server


def _page(site: Path, n: int) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / "doc" / f"{n}.html").read_text(encoding="utf-8"))


def _code_point_offsets(article: lxml.html.HtmlElement) -> list[tuple[int, str, lxml.html.HtmlElement]]:
    """(offset in the article's text, text, element) of every mark, counting Python characters."""
    out, pos = [], 0

    def walk(el):
        nonlocal pos
        if el.tag == "mark":
            out.append((pos, el.text_content(), el))
        pos += len(el.text or "")
        for child in el:
            walk(child)
            pos += len(child.tail or "")

    walk(article)
    return out


def test_build_counts_match_the_run(review_run, site):
    docs = read_docs(review_run)
    info = json.loads((site / "build.json").read_text(encoding="utf-8"))
    assert info["documents"] == len(docs) == len(list((site / "doc").glob("*.html")))
    assert info["figures"] == sum(len(d["figures"]) for d in docs)
    assert info["errors"] == 3 and info["unmarked"] == 0
    assert (site / MARKER).exists() and (site / "assets" / "review.js").exists()


@pytest.mark.parametrize("doc_id", ["zh-report", "en-article", "hostile-<b>1</b>"])
def test_every_figure_marked_once_at_its_offset(review_run, site, doc_id):
    docs = read_docs(review_run)
    n = next(i for i, d in enumerate(docs) if d["doc_id"] == doc_id)
    doc = docs[n]
    article = _page(site, n).get_element_by_id("doc-text")
    assert article.text_content() == doc["text"]
    marks = _code_point_offsets(article)
    assert [(m[0], m[1]) for m in marks] == [(f["start"], f["text"]) for f in doc["figures"]]
    for (_, _, el), (i, f) in zip(marks, enumerate(doc["figures"])):
        assert el.get("class").split()[0] == "figure" and el.get("data-i") == str(i)
        assert (el.get("data-kind"), el.get("data-role"), el.get("data-year")) == \
            (f["kind"], f["role"], "" if f["year"] is None else str(f["year"]))


def test_astral_characters_and_full_width_digits_are_cut_exactly(review_run, site):
    doc = read_docs(review_run)[0]
    assert any(ord(c) > 0xFFFF for c in doc["text"][:doc["figures"][-1]["start"]])
    assert any("３" in f["text"] or "５" in f["text"] for f in doc["figures"])
    marks = _page(site, 0).get_element_by_id("doc-text").findall(".//mark")
    assert [m.text_content() for m in marks] == [f["text"] for f in doc["figures"]]


def test_sections_and_dateline_are_shown(review_run, site):
    doc = read_docs(review_run)[0]
    page = _page(site, 0)
    assert len(doc["sections"]) >= 2 and doc["dateline"]["source"] == "text"
    items = page.xpath("//ol[@class='sections']/li")
    assert [li.find("a").text_content() for li in items] == [s["heading"] for s in doc["sections"]]
    assert page.get_element_by_id("dateline").text_content() == doc["text"][doc["dateline"]["start"]:
                                                                               doc["dateline"]["end"]]
    for k in range(len(doc["sections"])):
        assert page.get_element_by_id(f"s-{k}") is not None


def test_hostile_text_is_escaped(review_run, site):
    n = next(i for i, d in enumerate(read_docs(review_run)) if d["doc_id"].startswith("hostile"))
    raw = (site / "doc" / f"{n}.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(raw)
    scripts = page.findall(".//script")
    assert [(s.get("type"), s.get("src")) for s in scripts] == [("application/json", None), (None, "../assets/review.js")]
    assert "<script>window" not in raw and "<img src=x" not in raw
    assert page.get_element_by_id("doc-text").text_content() == HOSTILE_TEXT
    assert page.find(".//h1").text_content() == '<script>window.__pwned="title"</script>Title'
    data = json.loads(scripts[0].text)
    assert data[0]["metric"] == '<img src=x onerror="window.__pwned=\'metric\'">'


def test_error_records_are_listed_on_the_overview(site):
    page = lxml.html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    rows = {tr.get("data-code"): int(tr.get("data-count")) for tr in page.findall(".//table[@id='error-codes']/tbody/tr")}
    assert rows == {"E001_empty": 2, "E010_json": 1}
    text = page.get_element_by_id("errors").text_content()
    assert "empty-1" in text and "in.jsonl:7" in text and "invalid JSON <script>x</script>" in text


def test_highlight_keeps_overlapping_figures_out_of_the_markup():
    figs = [{"text": "12", "start": 0, "end": 2, "kind": "count"}, {"text": "2 3", "start": 1, "end": 4, "kind": "count"}]
    hl = highlight("12 3", figs)
    assert hl.marked == [0] and hl.unmarked == [1]
    assert str(hl.html).count("<mark") == 1


def test_a_foreign_directory_is_not_replaced(review_run, tmp_path):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(ReviewError, match="not a review site"):
        build_site(review_run, other)
    assert (other / "notes.txt").read_text() == "keep me"


def test_a_rebuild_replaces_the_old_site(tmp_path):
    run = make_run(tmp_path / "run", fillers=5)
    out = tmp_path / "site"
    build_site(run, out)
    assert (out / "doc" / "8.html").exists()
    lines = (run / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    (run / "documents.jsonl").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    info = build_site(run, out)
    assert info["documents"] == 4 and sorted(p.name for p in (out / "doc").iterdir()) == [f"{i}.html" for i in range(4)]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_missing_run_output(tmp_path):
    with pytest.raises(ReviewError, match="no documents.jsonl"):
        build_site(tmp_path)


def test_cli_review_and_its_errors(tmp_path, capsys):
    run = make_run(tmp_path / "run", fillers=3)
    assert main(["review", str(run), "--out", str(tmp_path / "s")]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["documents"] == 7 and (tmp_path / "s" / "index.html").exists()
    assert main(["review", str(tmp_path / "nothing")]) == 2
    assert "no documents.jsonl" in capsys.readouterr().err


def test_serve_binds_loopback_only(site):
    server = make_server(site, 0)
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as r:
            body = r.read().decode("utf-8")
            assert r.headers["Content-Type"] == "text/html; charset=utf-8"
            assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert "Figures by kind" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/figures.js", timeout=10) as r:
            assert r.headers["Content-Type"].startswith("text/javascript")
    finally:
        server.shutdown()
        server.server_close()


def test_overview_chart_numbers_in_the_markup(review_run, site):
    docs = read_docs(review_run)
    page = lxml.html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    bars = {}
    for fig in page.findall(".//figure[@data-chart]"):
        bars[fig.get("data-chart")] = {g.get("data-key"): int(g.get("data-count")) for g in fig.iter("g")
                                       if g.get("data-key") is not None}
    figs = [f for d in docs for f in d["figures"]]
    assert bars["kind"] == Counter(f["kind"] for f in figs)
    assert bars["lang"] == Counter(d["lang"] for d in docs)
