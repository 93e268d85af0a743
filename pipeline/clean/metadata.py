"""Title and publication date of an HTML page.

Read before the page is pruned (:func:`read_head`: ``<meta>``, JSON-LD, ``<time>``,
``<title>``, ``<h1>``, canonical URL), then resolved against the segmented page
(:func:`published`): meta tags first, then JSON-LD, ``<time>`` elements, a labelled
date in the text (``发布时间：``, ``Published``) nearest the start of the main text,
an unlabelled dateline just before it, and last the URL. Formats and labels are
data in ``patterns/html/dates.yaml``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from . import rules
from .text import collapse_ws
from .tree import Element, first, get_text, is_element, iter_document, string_of, top_level

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class _Format:
    id: str
    regex: re.Pattern
    only_url: bool


@dataclass(frozen=True)
class DateRules:
    min_year: int
    meta_names: tuple[str, ...]
    jsonld_keys: tuple[str, ...]
    formats: tuple[_Format, ...]
    labels: re.Pattern
    label_window: int
    dateline_max_chars: int
    title_separators: re.Pattern


@lru_cache(maxsize=1)
def date_rules() -> DateRules:
    d = rules.load("dates")
    formats = tuple(_Format(f["id"], rules.compile_regex(f["regex"], f"dates.yaml:{f['id']}", re.I),
                            f.get("only") == "url") for f in d["formats"])
    labels = rules.compile_regex("|".join(f"(?:{x})" for x in d["labels"]), "dates.yaml:labels", re.I)
    return DateRules(int(d.get("min_year", 1990)), tuple(x.lower() for x in d["meta_names"]),
                     tuple(d.get("jsonld_keys", [])), formats, labels, int(d.get("label_window", 30)),
                     int(d.get("dateline_max_chars", 80)),
                     rules.compile_regex(d.get("title_separators", r" - | \| "), "dates.yaml:title_separators"))


def _zh_number(s: str) -> int:
    """二〇二二 -> 2022, 十一 -> 11, 二十五 -> 25 (raises KeyError on other characters)."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    return int("".join(str(_ZH_DIGITS[c]) for c in s))


def _to_date(m: re.Match, fmt: str) -> dt.date | None:
    g = m.groupdict()
    try:
        if not g["y"].isdigit():
            return dt.date(_zh_number(g["y"]), _zh_number(g["m"]), _zh_number(g["d"]))
        y, d = int(g["y"]), int(g["d"])
        mo = _MONTHS[g["mon"].lower()[:4].rstrip(".")] if g.get("mon") else int(g["m"])
        if fmt == "mdy-numeric" and mo > 12:
            mo, d = d, mo  # 17/9/2004: the day comes first
        return dt.date(y, mo, d)
    except (ValueError, KeyError, TypeError):
        return None


def find_dates(text: str, *, url: bool = False) -> list[tuple[int, dt.date]]:
    """Every valid date in ``text`` as ``(position, date)``, in order of position."""
    r = date_rules()
    today = dt.date.today()
    found: dict[int, dt.date] = {}
    taken: list[tuple[int, int]] = []
    for f in r.formats:
        if f.only_url and not url:
            continue
        for m in f.regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            day = _to_date(m, f.id)
            if day and r.min_year <= day.year <= today.year + 1:
                found[m.start()] = day
                taken.append((m.start(), m.end()))
    return sorted(found.items())


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    if not text:
        return None
    got = find_dates(str(text))
    return got[0][1].isoformat() if got else None


@dataclass
class Head:
    """What the page says about itself, read before pruning."""

    meta_dates: list[tuple[int, str]] = field(default_factory=list)  # (rank, value)
    jsonld_dates: list[tuple[int, str]] = field(default_factory=list)
    time_dates: list[str] = field(default_factory=list)
    title: str | None = None
    og_title: str | None = None
    h1: list[str] = field(default_factory=list)
    url: str | None = None


_LD_JSON = re.compile("ld\\+json", re.I)
_ITEMPROP = etree.XPath("descendant-or-self::*[@itemprop]")  # in document order, found in C


def read_head(root: Element | None) -> Head:
    """What the page says about itself: dated ``<meta>`` and ``itemprop`` elements, JSON-LD,
    ``<time>``, ``<title>``, ``og:title``, ``<h1>`` and the canonical URL."""
    r = date_rules()
    head = Head()
    if root is None:
        return head
    rank = {name: i for i, name in enumerate(r.meta_names)}
    for meta in iter_document(root, "meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if not key or not content:
            continue
        if key in rank:
            head.meta_dates.append((rank[key], content))
        elif key in ("og:title", "twitter:title") and not head.og_title:
            head.og_title = collapse_ws(content)
        elif key == "og:url" and not head.url:
            head.url = content
    for tag in (el for top in top_level(root) if is_element(top) for el in _ITEMPROP(top)):
        key = tag.get("itemprop").lower()
        if key in rank and tag.tag != "meta":
            value = tag.get("datetime") or tag.get("content") or get_text(tag, " ", strip=True)
            if value:
                head.meta_dates.append((rank[key], value))
    for script in iter_document(root, "script"):
        if not _LD_JSON.search(script.get("type") or ""):
            continue
        try:
            data = json.loads(string_of(script) or "")
        except (ValueError, TypeError):
            continue
        _walk_jsonld(data, r.jsonld_keys, head.jsonld_dates)
    for t in iter_document(root, "time"):
        value = t.get("datetime") or get_text(t, " ", strip=True)
        if value:
            if t.get("pubdate") is not None:
                head.time_dates.insert(0, value)
            else:
                head.time_dates.append(value)
    title_tag = first(root, "title")
    if title_tag is not None:
        title_text = string_of(title_tag)
        if title_text:
            head.title = collapse_ws(title_text)
    head.h1 = [t for t in (collapse_ws(get_text(h, " ")) for h in iter_document(root, "h1")) if t]
    if not head.url:
        link = next((ln for ln in iter_document(root, "link") if "canonical" in (ln.get("rel") or "")), None)
        if link is not None and link.get("href"):
            head.url = link.get("href")
    head.meta_dates.sort(key=lambda x: x[0])
    head.jsonld_dates.sort(key=lambda x: x[0])
    return head


def _walk_jsonld(data, keys: tuple[str, ...], out: list[tuple[int, str]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _walk_jsonld(item, keys, out, depth + 1)
    elif isinstance(data, dict):
        for i, k in enumerate(keys):
            if isinstance(data.get(k), str):
                out.append((i, data[k]))
        for v in data.values():
            if isinstance(v, (dict, list)):
                _walk_jsonld(v, keys, out, depth + 1)


def published(head: Head, lines: list[str], main_start: int, url: str | None = None) -> str | None:
    """The publication date as ISO ``YYYY-MM-DD``.

    Args:
        head: what :func:`read_head` found.
        lines: the text of the whole page, one block a line, in document order.
        main_start: index in ``lines`` of the first line of the main text.
        url: the page's URL, if known (the canonical URL is used otherwise).
    """
    for _, value in head.meta_dates + head.jsonld_dates:
        if day := parse_date(value):
            return day
    for value in head.time_dates:
        if day := parse_date(value):
            return day
    if day := text_date(lines, main_start):
        return day
    for u in (url, head.url):
        if u:
            got = find_dates(u, url=True)
            if got:
                return got[0][1].isoformat()
    return None


def text_date(lines: list[str], main_start: int) -> str | None:
    """A labelled date nearest the start of the main text (before it first), else an unlabelled
    dateline just before it, else the first dateline of the main text."""
    r = date_rules()
    labelled: list[tuple[int, dt.date]] = []
    datelines: list[tuple[int, dt.date]] = []
    for i, line in enumerate(lines):
        dates = find_dates(line)
        if not dates:
            continue
        for m in r.labels.finditer(line):
            after = [d for pos, d in dates if m.end() <= pos <= m.end() + r.label_window]
            if after:
                labelled.append((i, after[0]))
                break
        else:
            if len(line) <= r.dateline_max_chars:
                datelines.append((i, dates[0][1]))
    for pool in (labelled, datelines):
        before = [(i, d) for i, d in pool if i < main_start]
        if before:
            return before[-1][1].isoformat()
    for pool in (labelled, datelines):
        after = [(i, d) for i, d in pool if i >= main_start]
        if after:
            return after[0][1].isoformat()
    return None


def title(head: Head, first_heading: str | None = None) -> str | None:
    """The headline: the heading just before the main text, or an ``<h1>``, when ``<title>`` (or
    ``og:title``) contains it; else ``og:title``; else the longest part of ``<title>``."""
    page_title = head.title or ""
    for cand in [first_heading, *head.h1]:
        if cand and len(cand) >= 4 and (cand in page_title or (head.og_title and cand in head.og_title)):
            return cand
    if head.og_title:
        return head.og_title
    if page_title:
        parts = [p.strip() for p in date_rules().title_separators.split(page_title) if p.strip()]
        return max(parts, key=len) if parts else page_title
    return first_heading or (head.h1[0] if head.h1 else None)
