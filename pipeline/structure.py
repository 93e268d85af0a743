"""Document structure: a document read as a tree, with the time frame of every part.

Real documents are not flat text. A saved news page carries menus, share buttons and lists of other
headlines; a government work report has a title, a delivery date, headings at several levels
(``一、`` ``（一）`` ``1.`` and unnumbered one-line headings) and openings that set the time of what
follows (``刚刚过去的2025年``, ``这五年``, ``今年是…开局之年``). GUIDELINES.md makes the role and year of
a figure depend on them ("a dated section heading or opening frame … unless another frame comes in
between").

:func:`read_structure` finds, on the normalised text (same offsets as the document):

- **furniture**: page furniture, title and front matter (no figures are read there);
- **headings**, with levels from the order in which their numbering styles first appear;
- **openings**: paragraph-initial time frames that cover the rest of their section;
- the **frame** (year, review/plan mode, multi-year period) in force at every position: a heading's
  own frame merged over its parent's, replaced by each opening, restored at a sibling heading;
- the **dateline**: the input's ``published`` date, else the first dateline the text itself gives
  (the byline of a saved page, the delivery date of a speech, a ``时间：`` line), with its source.

Every cue is data in ``patterns/<lang>/structure.yaml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .models import Dateline, Section
from .patterns import fast, load_lang

REVIEW, PLAN = "review", "plan"

# a line that is a figure alone, its number and a short unit (２．００元／运次, 1.5万吨, $3.2bn): a table's cell
_VALUE_LINE = re.compile(r"\s*[$£€¥￥]?\s*[\d０-９][\d０-９.．,，]*\s*[^\s\d０-９，。；,;／/]{0,3}(?:\s*[／/]\s*[^\s\d０-９，。；,;]{1,3})?\s*$")

_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?")


def _holds_figure(figure_starts: list[int] | None, s: int, e: int) -> bool:
    if not figure_starts:
        return False
    i = bisect.bisect_left(figure_starts, s)
    return i < len(figure_starts) and figure_starts[i] < e


@dataclass(frozen=True, slots=True)
class Frame:
    """What a part of a document says about time: its year, its mode (review or plan) and whether it
    spans several years (a five-year review, whose figures have no single year)."""

    year: int | None = None
    mode: str | None = None
    multi: bool = False

    @property
    def empty(self) -> bool:
        return self.year is None and self.mode is None and not self.multi

    def over(self, parent: Frame) -> Frame:
        """This frame where it speaks, the parent's where it is silent."""
        if self.multi:
            return Frame(None, self.mode or parent.mode, True)
        if self.year is not None:
            return Frame(self.year, self.mode or parent.mode, False)
        if self.mode is not None:
            return Frame(parent.year, self.mode, parent.multi)
        return parent

    @property
    def role(self) -> str | None:
        return {REVIEW: "actual", PLAN: "target"}.get(self.mode or "")


@dataclass(slots=True)
class Node:
    kind: str            # heading | opening
    level: int
    start: int
    head_end: int        # end of the heading text or of the opening cue
    end: int             # end of its scope
    text: str
    own: Frame
    frame: Frame = field(default_factory=Frame)


@dataclass(slots=True)
class Structure:
    furniture: list[tuple[int, int]]          # spans with no figures: page furniture, title, front matter, headings
    title: tuple[int, int] | None
    nodes: list[Node]
    dateline: Dateline | None
    points: list[int] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    _fstarts: list[int] = field(default_factory=list)

    def frame_at(self, pos: int) -> Frame:
        """The frame in force at ``pos`` (an empty frame before any heading or opening)."""
        i = bisect.bisect_right(self.points, pos) - 1
        return self.frames[i] if i >= 0 else Frame()

    def excluded(self, pos: int) -> bool:
        """True inside page furniture, the title, front matter or a heading."""
        i = bisect.bisect_right(self._fstarts, pos) - 1
        return i >= 0 and self.furniture[i][0] <= pos < self.furniture[i][1]

    def page_furniture(self, pos: int) -> bool:
        """True inside page furniture or front matter: excluded, and neither the title nor a heading."""
        if not self.excluded(pos):
            return False
        if self.title is not None and self.title[0] <= pos < self.title[1]:
            return False
        return not any(n.start <= pos < n.head_end for n in self.nodes)

    @property
    def dateline_year(self) -> int | None:
        return self.dateline.year if self.dateline else None

    def sections(self, text: str | None = None) -> list[Section]:
        """The headings and openings, for the output (``Document.sections``); with ``text``, the heading is
        copied as written (the structure is read on the normalised text: a traditional heading stays
        traditional, full-width digits stay full-width)."""
        out = []
        for n in self.nodes:
            heading = text[n.start:n.head_end].strip() if text is not None else n.text
            out.append(Section(kind=n.kind, level=n.level, start=n.start, end=n.end, heading_end=n.head_end,
                               heading=heading or n.text, year=n.frame.year, mode=n.frame.mode,
                               multi_year=n.frame.multi))
        return out


class Reader:
    """The structure rules of one language, compiled once."""

    def __init__(self, lang: str):
        self.lang = lang
        P = load_lang(lang)
        S = P.data("structure")
        self.S = S
        self.furniture_line = _full(S.get("furniture_lines"))
        self.furniture_tail = _full(S.get("furniture_tail"))
        self.front_line = _full(S.get("front_lines"))
        # (the regexes searched through long stretches of text are tried only where a match can start:
        # patterns.fast, the same matches)
        self.inline_tail = _fast(_any(S.get("inline_tail")))
        self.inline_head_markers = list(S.get("inline_head_markers") or [])
        self.wire_dateline = fast(re.compile(S["wire_dateline"])) if S.get("wire_dateline") else None
        self.styles = [(name, re.compile(rx, re.M)) for name, rx in (S.get("heading_styles") or {}).items()]
        self.heading_end = re.compile(S.get("heading_end", r"[。.!?！？]"))
        self.heading_max = int(S.get("heading_max", 60))
        self.unnumbered_max = int(S.get("unnumbered_max", 30))
        self.unnumbered_not = re.compile(S["unnumbered_not"]) if S.get("unnumbered_not") else None
        self.review = _any(S.get("review_cues"))
        self.result = _any(S.get("result_cues"))
        self.plan = _any(S.get("plan_cues"))
        periods = S.get("plan_periods") or {}
        self.periods = {k: (int(v[0]), int(v[1])) for k, v in periods.items()}
        self.period_re = re.compile("|".join(re.escape(k) for k in sorted(self.periods, key=len, reverse=True)),
                                    re.I) if self.periods else None
        self.year_re = re.compile(S["year"])
        self.opening_prefix = re.compile(S.get("opening_prefix", "^"), re.M)
        self.openings = []
        for o in S.get("openings") or []:
            self.openings.append((re.compile(o["re"]), o.get("mode"), o.get("rel"), bool(o.get("multi"))))
        self.months = {k.lower(): int(v) for k, v in (S.get("months") or {}).items()}
        self.datelines = [(d["name"], fast(re.compile(d["re"])), int(d.get("window", 300)), bool(d.get("inline_head")))
                          for d in S.get("datelines") or []]

    # -- dateline ----------------------------------------------------------------------------
    def find_dateline(self, norm: str, published: str | None) -> tuple[Dateline | None, Dateline | None, re.Match | None]:
        """(the dateline to use, the one the text gives, the byline match that ends a page head)."""
        inline = None
        found = None
        for name, rx, window, inline_head in self.datelines:
            m = rx.search(norm, 0, min(len(norm), window))
            if not m:
                continue
            date = self._date(m)
            if date is None:
                continue
            if inline_head and inline is None:
                inline = m
            if found is None:
                found = Dateline(date=date, year=int(date[:4]), source="text", pattern=name, start=m.start(), end=m.end())
        if published:
            y = re.match(r"\s*((?:19|20)\d{2})(?:-(\d{2})-(\d{2}))?", str(published))
            if y:
                date = str(published)[:10] if y.group(2) else f"{y.group(1)}-01-01"
                return Dateline(date=date, year=int(y.group(1)), source="input", pattern=None), found, inline
        return found, found, inline

    def _date(self, m: re.Match) -> str | None:
        g = m.groupdict()
        y = g.get("y") or g.get("y2")
        mon = g.get("m") or g.get("m2")
        d = g.get("d") or g.get("d2")
        if g.get("mon"):
            mon = self.months.get(g["mon"].lower().rstrip("."))
            if mon is None:
                return None
        if not (y and mon and d):
            return None
        mon, d = int(mon), int(d)
        if not (1 <= mon <= 12 and 1 <= d <= 31):
            return None
        return f"{int(y):04d}-{mon:02d}-{d:02d}"

    # -- frames ------------------------------------------------------------------------------
    def heading_frame(self, text: str, current: int | None, level: int = 1) -> Frame:
        text = _BOOK_TITLE.sub("", text)            # 《2025年拨款条例草案》 names a document, it dates nothing
        years = [int(m.group("y")) if m.group("y") else int(m.group("fc") + m.group("fy"))
                 for m in self.year_re.finditer(text)]
        periods = [self.periods[_period_key(self.periods, m.group(0))] for m in self.period_re.finditer(text)] \
            if self.period_re else []
        review = bool(self.review and self.review.search(text))
        plan = bool(self.plan and self.plan.search(text))
        if not review and not plan and level <= 1 and self.result is not None and self.result.search(text):
            review = True
        mode = REVIEW if review and not plan else PLAN if plan and not review else None
        if years:
            uniq = sorted(set(years))
            if len(uniq) == 1:
                year = uniq[0]
            elif mode == PLAN:
                year = uniq[-1]
            else:
                return Frame(None, mode or REVIEW, True)
            if mode is None and current is not None and not periods:
                mode = REVIEW if year < current else PLAN if year > current else None
            return Frame(year, mode, False)
        if periods:
            lo, hi = periods[-1]
            if mode is None and current is not None:
                mode = PLAN if hi >= current else REVIEW
            if mode == PLAN:
                return Frame(hi, PLAN, False)
            if mode == REVIEW:
                return Frame(None, REVIEW, True)
        return Frame(None, mode, False)

    def opening(self, norm: str, s: int, e: int, current: int | None) -> tuple[Frame, int, bool] | None:
        """(frame, end of the cue, whether the cue is a review of several years by its words)."""
        pm = self.opening_prefix.match(norm, s, e)
        at = pm.end() if pm else s
        for rx, mode, rel, multi in self.openings:
            m = rx.match(norm, at, e)
            if not m:
                continue
            g = m.groupdict()
            if multi:
                return Frame(None, mode or REVIEW, True), m.end(), True
            if g.get("period"):
                lo, hi = self.periods.get(_period_key(self.periods, g["period"]), (None, None))
                if hi is None:
                    continue
                if g.get("since"):                    # “十四五”以来: a review of the period so far
                    return Frame(None, REVIEW, True), m.end(), False
                if current is None:
                    continue                          # no dateline: cannot tell a review from a plan
                if current is not None and hi < current:
                    return Frame(None, REVIEW, True), m.end(), False
                if current is not None and lo <= current <= hi and mode is None:
                    return Frame(hi, PLAN, False), m.end(), False
                return Frame(hi, mode or PLAN, False), m.end(), False
            year = None
            if g.get("y"):
                year = int(g["y"])
            elif rel is not None and current is not None:
                year = current + int(rel)
            if mode is None and year is not None and current is not None and year < current:
                mode = REVIEW
            if year is None and mode is None:
                continue
            return Frame(year, mode, False), m.end(), False
        return None

    # -- the whole document ------------------------------------------------------------------
    def read(self, norm: str, published: str | None = None, title: str | None = None,
             figure_starts: list[int] | None = None) -> Structure:
        dateline, in_text, inline = self.find_dateline(norm, published)
        current = dateline.year if dateline else None
        n = len(norm)
        furniture: list[tuple[int, int]] = []
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", norm)]
        lines = [(s + len(norm[s:e]) - len(norm[s:e].lstrip()), e - (len(norm[s:e]) - len(norm[s:e].rstrip())))
                 for s, e in lines if norm[s:e].strip()]
        body_end = n
        # one-line saved pages: menus and the title before the byline, other headlines after the article
        if inline is not None and any(mk in norm[:inline.start()] for mk in self.inline_head_markers):
            furniture.append((0, inline.end()))
            if self.inline_tail:
                t = self.inline_tail.search(norm, inline.end())
                if t:
                    furniture.append((t.start(), n))
                    body_end = t.start()
        # the wire dateline that opens the story (SHANGHAI, Nov. 12 (Xinhua) --)
        if self.wire_dateline is not None:
            start = furniture[0][1] if furniture else 0
            wm = self.wire_dateline.search(norm, start, min(n, start + 2000))
            if wm:
                furniture.append((wm.start(), wm.end()))
        # furniture lines and a furniture tail (related articles at the end)
        kept = []
        for s, e in lines:
            if any(a <= s and e <= b for a, b in furniture):
                continue                              # a line wholly inside page furniture
            if self.furniture_tail and s > n // 2 and self.furniture_tail.fullmatch(norm, s, e):
                furniture.append((s, n))
                body_end = min(body_end, s)
                break
            if self.furniture_line and self.furniture_line.fullmatch(norm, s, e):
                furniture.append((s, e))
                continue
            kept.append((s, e))
        lines = kept
        # front matter at the top (a photo credit, a subtitle with the delivery date, 来源, 时间, author; the
        # short line that holds the dateline), then the title, then front matter again
        lines = self._skip_front(norm, lines, furniture, in_text)
        title_span = None
        if lines:
            s, e = lines[0]
            first = norm[s:e]
            t = re.sub(r"\s+", "", title or "")
            f = _squeezed(first, len(t) + 40) if t else ""
            if t and f and len(f) <= len(t) + 40 and (f.startswith(t[: max(8, len(t) // 2)]) or (len(f) >= 4 and f in t)):
                title_span = (s, e)
            elif not t and len(lines) > 1 and len(first) <= 160 and first[-1] not in "。.!?！？；;:：" \
                    and not self._is_numbered(norm, s, e):
                title_span = (s, e)
            if title_span:
                furniture.append(title_span)
                lines = lines[1:]
        lines = self._skip_front(norm, lines, furniture, in_text)
        # headings and openings
        order: dict[str, int] = {}
        nodes: list[Node] = []
        depth = 0                                     # level of the heading whose body we are in
        numbered = 0                                  # level of the last numbered heading
        items = False                                 # in the lines of a list a colon opened, each with a figure
        for idx, (s, e) in enumerate(lines):
            head = self._heading(norm, s, e, lines[idx + 1] if idx + 1 < len(lines) else None, figure_starts)
            prev = norm[lines[idx - 1][0]:lines[idx - 1][1]].rstrip() if idx else ""
            items = prev.endswith(("：", ":")) or (items and not prev.endswith(_SENTENCE_ENDS)
                                                  and _holds_figure(figure_starts, *lines[idx - 1]))
            if head is not None and head[0] == "plain" and items and _holds_figure(figure_starts, s, e):
                head = None                           # （仅为部分）： / 张迪忠、李强分别认捐５００双运动鞋: an item, not a heading
            if head is not None:
                style, he = head
                if style == "plain":
                    # an unnumbered heading sits below the numbered heading it follows (or is a part of
                    # its own, level 0, before any numbered heading)
                    level = numbered + 1 if numbered else 0
                else:
                    level = order.setdefault(style, len(order) + 1)
                    numbered = level
                depth = level
                text = norm[s:he].strip()
                own = self.heading_frame(text, current, level)
                op = self.opening(norm, s, he, current)
                if op is not None:                    # 这是…的五年。 as a heading: the opening's frame
                    own = op[0].over(own)
                nodes.append(Node("heading", level, s, he, e, text, own))
                furniture.append((s, he))
                body_s = he
                while body_s < e and norm[body_s].isspace():
                    body_s += 1
                if body_s < e:
                    op = self.opening(norm, body_s, e, current)
                    if op is not None:
                        nodes.append(Node("opening", level + 1, body_s, op[1], e, norm[body_s:op[1]], op[0]))
                continue
            for k, ss in enumerate(self._sentence_starts(norm, s, e)):
                op = self.opening(norm, ss, e, current)
                # inside a paragraph only a review of several years opens a frame (…顺利收官。回望过去五年，…)
                if op is not None and (k == 0 or (op[0].multi and op[0].mode == REVIEW and op[2])):
                    nodes.append(Node("opening", depth + 1, ss, op[1], e, norm[ss:op[1]], op[0]))
        self._scope(nodes, body_end)
        st = Structure(furniture=_merge(furniture), title=title_span, nodes=nodes, dateline=dateline)
        st._fstarts = [a for a, _ in st.furniture]
        self._transitions(st)
        return st

    def _skip_front(self, norm: str, lines: list[tuple[int, int]], furniture: list[tuple[int, int]],
                    in_text: Dateline | None) -> list[tuple[int, int]]:
        while lines:
            s, e = lines[0]
            on_dateline = in_text is not None and in_text.start is not None and s <= in_text.start < e \
                and e - s <= 120
            if not (on_dateline or (self.front_line and self.front_line.fullmatch(norm, s, e))):
                break
            furniture.append(lines[0])
            lines = lines[1:]
        return lines

    def _heading(self, norm: str, s: int, e: int, nxt: tuple[int, int] | None,
                 figure_starts: list[int] | None = None) -> tuple[str, int] | None:
        line = norm[s:e]
        for name, rx in self.styles:
            m = rx.match(norm, s, e)
            if not m:
                continue
            rest = norm[m.end():e]
            if not rest.strip():
                return None
            em0 = self.heading_end.search(norm, m.end(), e)
            head_text = norm[m.end(): em0.start() if em0 else e]
            if re.search(r"\d", self.year_re.sub("", head_text)):
                return None                            # 10.发放…补贴1.6万户: an item with a figure, not a heading
            em = self.heading_end.search(norm, m.end(), e)
            if em is None:
                if e - s > self.heading_max:
                    return None                        # a long numbered line without a stop: a list item
                return name, e
            if em.end() == e and name.startswith("arabic") and norm[em.start()] in "。；;.":
                return None                            # 1.新建幼儿园50所。 is an item of a list, not a heading
            if em.end() - s > self.heading_max:
                return None
            return name, em.end()
        # an unnumbered heading: a short line of its own, followed by more text
        if nxt is None or e - s > self.unnumbered_max or e - s < 2:
            return None
        body = line.rstrip("。.")
        if re.search(r"[。！？!?]", body):
            return None
        if self.unnumbered_not is not None and self.unnumbered_not.search(line):
            return None
        if self.lang == "en" and not _headline_case(line):
            return None
        if (nxt[1] - nxt[0]) < (e - s) and not self._is_numbered(norm, *nxt):
            return None
        if _holds_figure(figure_starts, s, e):
            if line.endswith(_SENTENCE_ENDS):
                return None                             # 重点做好十一个方面工作。: a sentence with a figure
            if _VALUE_LINE.match(norm, s, e):
                return None                             # 福州 / ２．００元／运次: a table's cell, a value alone
        return "plain", e

    _SENT_END = fast(re.compile(r"[。！？!?]\s*|(?<=[a-z0-9%])\.\s+(?=[A-Z])"))

    def _sentence_starts(self, norm: str, s: int, e: int) -> list[int]:
        """The start of a line and of each sentence in it (an opening may stand mid-paragraph:
        ``…顺利收官。回望过去五年，…``)."""
        out = [s]
        for m in self._SENT_END.finditer(norm, s, e):
            if m.end() < e:
                out.append(m.end())
        return out

    def _is_numbered(self, norm: str, s: int, e: int) -> bool:
        return any(rx.match(norm, s, e) for _, rx in self.styles)

    @staticmethod
    def _scope(nodes: list[Node], body_end: int) -> None:
        """Ends: a heading runs to the next heading of its level or above; an opening to the next
        opening or heading at or above the level of the section it opens."""
        for i, nd in enumerate(nodes):
            nd.end = body_end
            for other in nodes[i + 1:]:
                if nd.kind == "heading":
                    if other.kind == "heading" and other.level <= nd.level:
                        nd.end = other.start
                        break
                else:
                    if other.kind == "opening" and other.level <= nd.level:
                        nd.end = other.start
                        break
                    if other.kind == "heading" and other.level < nd.level:
                        nd.end = other.start
                        break
            nd.end = max(nd.end, nd.head_end)

    @staticmethod
    def _transitions(st: Structure) -> None:
        """Frames by position: a stack of open headings; an opening replaces the frame of the section
        it is in; a heading starts from its parent's frame as it stands."""
        stack: list[list] = [[-1, Frame()]]          # [level, current frame]
        points, frames = [], []
        for nd in st.nodes:
            if nd.kind == "heading":
                while len(stack) > 1 and stack[-1][0] >= nd.level:
                    stack.pop()
                nd.frame = nd.own.over(stack[-1][1])
                stack.append([nd.level, nd.frame])
            else:
                while len(stack) > 1 and stack[-1][0] >= nd.level and nd.level > 0:
                    stack.pop()
                nd.frame = nd.own.over(stack[-1][1])
                stack[-1][1] = nd.frame
            points.append(nd.start)
            frames.append(nd.frame)
            # where a scope ends without another node starting there, the frame reverts
        st.points, st.frames = points, frames


_BOOK_TITLE = re.compile(r"《[^》]{0,40}》")


def _period_key(periods: dict, text: str) -> str:
    low = text.lower()
    for k in periods:
        if k.lower() == low:
            return k
    return text


def _headline_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", line)]
    if not words:
        return False
    if line.upper() == line:
        return True
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "by", "with", "or", "as", "from"}
    return all(w[0].isupper() or w.lower() in small for w in words)


def _squeezed(s: str, limit: int) -> str:
    """``s`` without whitespace, or, when that is longer than ``limit``, something longer than ``limit`` (a
    saved page that comes as one line is not squeezed whole to be compared with its title)."""
    head = re.sub(r"\s+", "", s[:4 * (limit + 1)])
    if len(head) > limit or len(s) <= 4 * (limit + 1):
        return head
    return re.sub(r"\s+", "", s)


def _loose_eq(a: str, b: str) -> bool:
    sq = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return sq(a) == sq(b)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _full(patterns: list[str] | None) -> re.Pattern | None:
    if not patterns:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*")


def _any(patterns: list[str] | None) -> re.Pattern | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _fast(rx: re.Pattern | None):
    return fast(rx) if rx is not None else None


@lru_cache(maxsize=None)
def get_reader(lang: str) -> Reader:
    return Reader("zh" if lang == "mixed" else lang)


def read_structure(norm: str, lang: str, published: str | None = None, title: str | None = None,
                   figure_starts: list[int] | None = None) -> Structure:
    """The structure of a document (``norm`` is the normalised text; offsets are the document's).

    ``figure_starts`` (sorted) are where candidate figures start: a short line that ends like a
    sentence and holds one is text, not a heading."""
    return get_reader(lang).read(norm, published, title, figure_starts)
