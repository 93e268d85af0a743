"""Time expressions of a document: years, spans, deadlines, relative years, plan periods, dates.

Found once per document (one regex pass each) and then looked up by position.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..patterns import Several, fast_finditer


# a year right after these is what the figure is compared with, not its own (快于2025年0.6个百分点)
_COMPARED = re.compile(r"(?:比|较|相比|快于|慢于|高于|低于|好于|优于|多于|少于|than|compared\s+with)\s*$", re.I)


@dataclass(slots=True)
class TimeExpr:
    start: int
    end: int
    year: int | None
    kind: str  # year | span | deadline | relative | plan | date


_SENTENCE_BREAK = re.compile(r"[。！？!?]|\.\s")
_LINE_BREAK = re.compile("\n")


def _year_before(norm: str, years: list[tuple[int, int]], pos: int, window: int, breaks: re.Pattern) -> int | None:
    """The explicit year nearest before ``pos`` within ``window`` characters and no ``breaks`` match between: the
    same sentence (``_SENTENCE_BREAK``, 200) or the same paragraph (``_LINE_BREAK``, 1500), if any."""
    best = None
    for start, year in years:
        if start >= pos:
            break
        if pos - start <= window and not breaks.search(norm, start, pos):
            best = year
    return best


class TimePatterns:
    """The time-expression rules of one language (``link.yaml``), compiled once per process: a document
    only runs them. Each pass over the text is a ``finditer`` that tries its pattern only where a match can
    start when that is a short class of characters (``patterns.fast_finditer``: digits, 到/至/于)."""

    def __init__(self, L: dict, lang: str, flags: int):
        self.rel = {k.lower(): int(v) for k, v in (L.get("relative_years") or {}).items()}
        self.plans = {k.lower(): int(v) for k, v in (L.get("plan_periods") or {}).items()}
        self.cmp_re = re.compile(L["comparison_year"] + ("" if L["comparison_year"].endswith("$") else r"\s*$"), flags)
        rel_not = [w for w in L.get("relative_not_after", [])]
        self.rel_not_re = re.compile("(?:" + "|".join(re.escape(w) for w in rel_not) + r")\s*$", flags) \
            if rel_not else None
        self.deadline = fast_finditer(re.compile(L["deadline"], flags))
        self.year_span = fast_finditer(re.compile(L["year_span"], flags))
        self.year = fast_finditer(re.compile(L["year"], flags))
        b = r"\b" if lang == "en" else ""
        self.rel_re = fast_finditer(re.compile(b + "(?:" + "|".join(
            re.escape(k) for k in sorted(self.rel, key=len, reverse=True)) + ")" + b, flags)) if self.rel else None
        self.plan_re = fast_finditer(re.compile("|".join(
            re.escape(k) for k in sorted(self.plans, key=len, reverse=True)), flags)) if self.plans else None
        self.anaphoric = {w.lower() for w in L.get("anaphoric_relative", [])}
        self.in_paragraph = {w.lower() for w in L.get("paragraph_relative", [])}
        self.cmp_after = re.compile(L["comparison_after"], flags) if L.get("comparison_after") else None
        self.periods = Several([re.compile(p, flags) for p in L.get("periods", [])])
        md = L.get("month_day")
        self.month_day = fast_finditer(re.compile(md, flags)) if md else None
        self.months = {k.lower(): int(v) for k, v in (L.get("months") or {}).items()}
        self.month_re = re.compile(L["month_of_date"], flags) if L.get("month_of_date") else None
        self.attached_years_after = re.compile(r"\s*(?:in|for|of)\s+", flags)
        att = L.get("attached_year")
        self.attached = re.compile(att, flags) if att else None
        ara = L.get("attached_relative_after")
        self.attached_rel_after = re.compile(ara, flags) if ara else None
        ar = L.get("attached_relative")
        self.attached_rel = re.compile(ar, flags) if ar else None
        att_after = L.get("attached_year_after")
        self.attached_after = re.compile(att_after, flags) if att_after else None
        self.deadline_start = re.compile(r"\s*(?:[-–•*]\s*)?(?:力争)?(?:" + L["deadline"] + r")\s*[，,：:]", flags)


_PATTERNS: dict[tuple[int, str, int], tuple[dict, TimePatterns]] = {}


def time_patterns(L: dict, lang: str, flags: int) -> TimePatterns:
    """The compiled rules of ``L`` (the rule dicts of ``load_lang`` live as long as the process)."""
    key = (id(L), lang, flags)
    hit = _PATTERNS.get(key)
    if hit is None or hit[0] is not L:
        hit = _PATTERNS[key] = (L, TimePatterns(L, lang, flags))
    return hit[1]


class TimeIndex:
    def __init__(self, L: dict, lang: str, norm: str, dateline: int | None, figure_spans: list[tuple[int, int]],
                 flags: int = 0, skip=None, dateline_month: int | None = None):
        self.L, self.lang, self.norm, self.dateline = L, lang, norm, dateline
        T = time_patterns(L, lang, flags)
        self._rel = T.rel
        self._plans = T.plans
        cmp_re = T.cmp_re
        self._cmp_re = cmp_re
        rel_not_re = T.rel_not_re
        fig_starts = sorted(figure_spans)
        exprs: list[TimeExpr] = []

        def inside_figure(s: int, e: int) -> bool:
            i = bisect.bisect_right(fig_starts, (s, 10 ** 12)) - 1
            return i >= 0 and fig_starts[i][0] <= s < fig_starts[i][1]

        def comparison(s: int) -> bool:
            return bool(cmp_re.search(norm, max(0, s - 40), s))

        # spans taken so far, disjoint, sorted by start (so their ends are sorted too): an overlap test is
        # one bisection, not a scan (a work report has thousands of time expressions)
        taken_starts: list[int] = []
        taken_ends: list[int] = []

        def add(s: int, e: int, year: int | None, kind: str) -> None:
            if skip is not None and skip(s):
                return  # page furniture, a wire dateline: not a time expression of the text
            i = bisect.bisect_left(taken_starts, e) - 1          # the last span that starts before e
            if i >= 0 and s < taken_ends[i]:
                return
            j = bisect.bisect_right(taken_starts, s)
            taken_starts.insert(j, s)
            taken_ends.insert(j, e)
            exprs.append(TimeExpr(s, e, year, kind))

        for m in T.deadline(norm):
            y = m.group("y") or m.groupdict().get("y2")
            if y and not inside_figure(m.start(), m.end()):
                add(m.start(), m.end(), int(y), "deadline")
        for m in T.year_span(norm):
            y2 = m.group("y2") or m.groupdict().get("y4")
            if not y2 and m.groupdict().get("y6"):
                y2 = m.group("y5") + m.group("y6")              # 2019-20 academic year -> 2020
            if y2 and not inside_figure(m.start(), m.end()):
                add(m.start(), m.end(), int(y2), "span")
        for m in T.year(norm):
            if inside_figure(m.start(), m.end()):
                continue
            if comparison(m.start()):
                add(m.start(), m.end(), None, "comparison")
                continue
            add(m.start(), m.end(), int(m.group("y")), "year")
        if self._rel:
            rel_found = []
            for m in T.rel_re(norm):
                w = m.group(0).lower()
                if rel_not_re is not None and rel_not_re.search(norm, max(0, m.start() - 16), m.start()):
                    continue
                rel_found.append((m.start(), m.end(), self._rel[w]))
        anaphoric = T.anaphoric
        if self._rel:
            years_now = sorted((t.start, t.year) for t in exprs if t.kind == "year" and t.year is not None)
            current = dateline
            for s0, e0, off in rel_found:
                # "during 2004, from 798m euro a year ago": against the year of its own sentence first
                w = norm[s0:e0].lower()
                anchor = _year_before(norm, years_now, s0, 200, _SENTENCE_BREAK) if w in anaphoric else None
                base = anchor if anchor is not None and off != 0 else current
                if w in T.in_paragraph:
                    # "net income fell ... during 2004. ... total revenue for the year was 10bn euros": the year
                    # the paragraph is about, before the dateline's (annual results come out the year after)
                    base = _year_before(norm, years_now, s0, 1500, _LINE_BREAK) or current
                add(s0, e0, None if base is None else base + off, "relative")
        if self._plans:
            for m in T.plan_re(norm):
                add(m.start(), m.end(), self._plans[m.group(0).lower()], "plan")
        cmp_after = T.cmp_after
        if cmp_after is not None:
            for t in exprs:
                if t.kind == "year" and cmp_after.match(norm, t.end):
                    t.kind, t.year = "comparison", None
        for matches in T.periods.finditer_each(norm):
            for m in matches:
                add(m.start(), m.end(), None, "period")
        if T.month_day is not None and dateline is not None:    # without a dateline a bare date says nothing
            months, month_re = T.months, T.month_re
            for m in T.month_day(norm):
                year = dateline
                mm = month_re.search(m.group(0)) if month_re is not None and dateline_month else None
                if mm is not None:
                    mon = months.get(mm.group(1).lower().rstrip("."))
                    if mon is None and mm.group(1).isdigit():
                        mon = int(mm.group(1))
                    if mon is not None and mon > dateline_month:
                        year = dateline - 1             # "In December alone" in a January story: last December
                add(m.start(), m.end(), year, "date")
        # a year written against another figure is that figure's (9.26bn euros in 2003, 2020年的6.1%):
        # it does not date the other figures of the sentence
        ends = sorted(e for _, e in figure_spans)
        starts = sorted(s for s, _ in figure_spans)
        for t in exprs:
            if t.kind != "year":
                continue
            i = bisect.bisect_right(ends, t.start) - 1
            if i >= 0 and T.attached_years_after.fullmatch(norm, ends[i], t.start):
                t.kind = "attached"
                continue
            j = bisect.bisect_left(starts, t.end)
            if j < len(starts) and re.fullmatch(r"(?:底|末)?(?:的|为)\s*", norm[t.end:starts[j]]):
                t.kind = "attached"
        exprs.sort(key=lambda t: t.start)
        self.exprs = exprs

        self.starts = [t.start for t in exprs]
        self._attached = T.attached
        self._attached_rel_after = T.attached_rel_after
        self._attached_rel = T.attached_rel
        self._attached_after = T.attached_after
        self._deadline_start = T.deadline_start

    def relative_offset(self, word: str) -> int:
        return self._rel.get(re.sub(r"\s+", " ", word.lower()), 0)

    def within(self, s: int, e: int, exclude: tuple[int, int] | None = None, periods: bool = False) -> list[TimeExpr]:
        """Time expressions in [s, e) with a year (and periods without one when ``periods``)."""
        i = bisect.bisect_left(self.starts, s)
        out = []
        while i < len(self.exprs) and self.exprs[i].start < e:
            t = self.exprs[i]
            if t.kind not in ("comparison", "attached") and (t.year is not None or (periods and t.kind == "period")):
                out.append(t)
            i += 1
        return out

    def any_between(self, s: int, e: int, skip_first: bool = False) -> bool:
        """Is there a time expression (with or without a known year) in [s, e)?"""
        i = bisect.bisect_left(self.starts, s)
        while i < len(self.exprs) and self.exprs[i].start < e:
            if self.exprs[i].kind not in ("comparison", "attached"):
                return True
            i += 1
        return False

    def first_year(self, s: int, e: int) -> int | None:
        for t in self.within(s, e):
            return t.year
        return None

    def has_deadline(self, s: int, e: int) -> bool:
        return any(t.kind == "deadline" for t in self.within(s, e))

    def deadline_frame(self, sentence: str) -> int | None:
        """``By 2024,`` / ``到2025年，`` opening a sentence: the year of a target frame."""
        m = self._deadline_start.match(sentence)
        if not m:
            return None
        y = m.group("y") or m.groupdict().get("y2")
        return int(y) if y else None

    ATTACHED_UNKNOWN = -1

    def attached(self, c) -> int | None:
        """A year written right against the figure: 2005年的114%, 9.26bn euros in 2003.

        Returns ``ATTACHED_UNKNOWN`` for a relative year right after the figure that cannot be
        resolved ("$427bn this year" without a dateline): the figure then has no year."""
        if self._attached is not None:
            m = self._attached.search(self.norm, max(0, c.start - 12), c.start)
            if m and (m.group(0).rstrip().endswith(("'s", "’s", "（", "("))
                      or not _COMPARED.search(self.norm, max(0, m.start() - 6), m.start())):
                # (快于2025年0.6个百分点: 2025 is the comparison base; "than 2003's $1.2bn loss", 比2002年（5.02亿人）: the
                # year of the base, which is the figure)
                return int(m.group("y"))
        if self._attached_rel is not None and self.dateline is not None:
            m = self._attached_rel.search(self.norm, max(0, c.start - 14), c.start)
            if m:
                return self.dateline + self.relative_offset(m.group("rel"))
        if self._attached_after is not None:
            m = self._attached_after.match(self.norm[c.end:c.end + 44])
            if m:
                return int(m.group("y"))
        if self._attached_rel_after is not None:
            m = self._attached_rel_after.match(self.norm[c.end:c.end + 64])
            if m:
                # the relative year as the index resolved it (against a year in its sentence or the dateline)
                pos = c.end + m.start("rel")
                i = bisect.bisect_left(self.starts, pos)
                if i < len(self.exprs) and self.exprs[i].start == pos and self.exprs[i].year is not None:
                    return self.exprs[i].year
                return self.ATTACHED_UNKNOWN
        return None
