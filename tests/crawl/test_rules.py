"""The crawl rules (patterns/crawl/*.yaml): URL classes, pagination, page structure, validation."""
from __future__ import annotations

import shutil

import pytest

from pipeline.crawl.rules import CrawlRules, load_rules
from pipeline.errors import PatternError
from pipeline.patterns import patterns_dir


@pytest.fixture(scope="module")
def rules() -> CrawlRules:
    return load_rules()


def _examples():
    for cls in load_rules().urls.classes:
        for ex in cls.examples:
            yield cls.kind, ex


@pytest.mark.parametrize(("kind", "path"), list(_examples()), ids=lambda v: str(v)[:40])
def test_every_example_falls_in_its_class(rules, kind, path):
    assert rules.classify("http://kjj.example.gov.cn" + path).kind == kind


@pytest.mark.parametrize(("url", "kind", "follow"), [
    ("http://x.gov.cn/xwzx/202401/t20240105_1.html", "article", True),
    ("http://x.gov.cn/xwzx/202401/P020240105.PDF", "attachment", False),
    ("http://x.gov.cn/xwzx/search.jsp?searchword=a", "search", False),
    ("http://x.gov.cn/about/contact-us", "unknown", True),
    ("https://www.example.com/2024/01/05/economy-grows", "article", True),
    ("https://www.example.com/news/page/2/", "listing", True),
], ids=["trs", "pdf-upper", "search", "unknown", "en-date", "en-page"])
def test_classify(rules, url, kind, follow):
    v = rules.classify(url)
    assert (v.kind, v.follow) == (kind, follow)


@pytest.mark.parametrize(("url", "text", "expected"), [
    ("http://x/xwzx/index_1.html", "下一页", True),
    ("http://x/xwzx/a.html", "尾页", True),
    ("http://x/xwzx/a.html", "[3]", True),
    ("http://x/list.jsp?page=4", "", True),
    ("http://x/news/a.html", "Next »", True),
    ("http://x/xwzx/202401/t20240105_1.html", "市科技局召开推进会", False),
    ("http://x/xwzx/202401/t20240105_1.html", "2024", False),
])
def test_pagination_links(rules, url, text, expected):
    assert rules.is_pagination(url, text) is expected


def test_script_pagination_gives_every_page(rules):
    html = '<div><script>createPageHTML(4, 0, "index", "shtml");</script></div>'
    assert rules.script_pages(html, "http://x.gov.cn/xwzx/gzdt/index.shtml") == [
        "http://x.gov.cn/xwzx/gzdt/index.shtml", "http://x.gov.cn/xwzx/gzdt/index_1.shtml",
        "http://x.gov.cn/xwzx/gzdt/index_2.shtml", "http://x.gov.cn/xwzx/gzdt/index_3.shtml"]


@pytest.mark.parametrize(("url_kind", "main", "links", "start", "kind"), [
    ("listing", 5000, 0, False, "listing"),       # the URL says listing
    ("unknown", 3000, 0, True, "listing"),        # a start URL is read as a listing
    ("article", 400, 8, False, "article"),        # an article with a related-news box
    ("article", 10, 8, False, "listing"),         # an "article" URL that is a list of links
    ("article", 10, 0, False, "thin"),            # an empty shell
    ("unknown", 2000, 12, False, "article"),      # long prose wins over links
    ("unknown", 300, 12, False, "listing"),       # teasers the cleaner took for prose
    ("unknown", 300, 1, False, "article"),
    ("unknown", 20, 1, False, "listing"),
])
def test_page_kind(rules, url_kind, main, links, start, kind):
    assert rules.page_kind(url_kind, main, links, start=start)[0] == kind


def _copy_rules(tmp_path):
    shutil.copytree(patterns_dir() / "crawl", tmp_path / "crawl")
    return tmp_path / "crawl"


@pytest.mark.parametrize(("file", "old", "new", "match"), [
    ("urls.yaml", "- '/t\\d{8}_\\d+\\.s?html?$'", "- '/t(\\d{8}_\\d+\\.s?html?$'", "does not compile"),
    ("urls.yaml", "action: skip\n    reason: search", "action: maybe\n    reason: search", "action"),
    ("urls.yaml", "  - kind: tag", "  - kind: tags", "kind"),
    ("urls.yaml", "    reason: tag and topic pages repeat links the listings already give\n", "", "no reason"),
    ("pages.yaml", "min_article_links: 5", "min_article_links: 0", "min_article_links"),
    ("pages.yaml", "feed_types:", "feed_typez:", "feed_typez"),
    ("pages.yaml", "page: '{stem}_{n}.{ext}'", "page: '{stem}.{ext}'", "must contain"),
], ids=["bad-regex", "bad-action", "bad-kind", "skip-without-reason", "zero-threshold", "unknown-key", "script-n"])
def test_bad_rule_files_are_errors(tmp_path, file, old, new, match):
    d = _copy_rules(tmp_path)
    text = (d / file).read_text(encoding="utf-8")
    assert old in text
    (d / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PatternError, match=match):
        CrawlRules(tmp_path)


def test_not_yaml_is_an_error(tmp_path):
    d = _copy_rules(tmp_path)
    (d / "pages.yaml").write_text("article: [unclosed\n", encoding="utf-8")
    with pytest.raises(PatternError, match="not valid YAML"):
        CrawlRules(tmp_path)
