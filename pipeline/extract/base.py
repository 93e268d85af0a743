"""Shared extraction engine: number tokens -> unit attachment -> filters -> ranges/lists -> context.

A language extractor (``zh.py``, ``en.py``) supplies the number regex, the resolver for
numerals and the unit lexicons (all from ``patterns/<lang>/``). The engine here does what is
the same in every language: attach the unit written after (or the currency before) a
number, merge ranges (``3%-5%``, ``$1.3 to $1.5bn``) and shared units (``3.7 and 3.83
percentage points``), read comparators and change cues around the figure, and drop what
is not a figure (ordinals, labels in quotes, vague numerals).

Extraction (``extract``) returns :class:`Candidate` objects with exact ``Decimal`` values;
``to_figure`` turns one into the public :class:`~pipeline.models.Figure`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Figure
from ..patterns import LangPatterns, alternation, fast, load_lang

ONE = Decimal(1)


@dataclass(slots=True)
class UnitInfo:
    """What a unit surface means: kind, normalised unit (ISO code for money), value factor."""

    kind: str                 # money | percent | ppt | count | quantity | subunit
    unit: str | None
    factor: Decimal = ONE
    weak: bool = False        # 块: money only in some contexts
    guard: "UnitGuard | None" = None   # 次, 届, 两市: a classifier read only in some contexts


@dataclass(slots=True, frozen=True)
class UnitGuard:
    """Where a guarded classifier counts (``count.guarded`` in patterns/zh/units.yaml): the text before the
    number must end with ``left`` and must not end with ``not_left``; the text after the classifier must not
    start with ``not_right``; ``not_numerals`` are never read with it, ``arabic`` admits digits only (and ``numerals``)."""

    left: "re.Pattern | None" = None
    not_left: "re.Pattern | None" = None
    not_right: "re.Pattern | None" = None
    not_numerals: frozenset = frozenset()
    arabic: bool = False
    numerals: frozenset = frozenset()       # Chinese numerals admitted all the same where ``arabic`` is set
    digits_free: bool = False               # digits need no ``left`` (3县5乡); Chinese numerals still do (三县一区)

    @classmethod
    def from_rule(cls, rule: dict, named: dict[str, str]) -> "UnitGuard":
        def rx(key):
            v = rule.get(key)
            return re.compile(named.get(v, v)) if v else None
        return cls(left=rx("left"), not_left=rx("not_left"), not_right=rx("not_right"),
                   not_numerals=frozenset(rule.get("not_numerals") or ()), arabic=bool(rule.get("arabic")),
                   numerals=frozenset(rule.get("numerals") or ()), digits_free=bool(rule.get("digits_free")))

    def allows(self, norm: str, s: int, unit_end: int, cn_text: str | None) -> bool:
        if self.arabic and cn_text is not None and cn_text not in self.numerals:
            return False
        if cn_text is not None and cn_text in self.not_numerals:
            return False
        lo = max(0, s - 60)
        if self.left is not None and not (self.digits_free and cn_text is None) and not self.left.search(norm, lo, s):
            return False
        if self.not_left is not None and self.not_left.search(norm, lo, s):
            return False
        return self.not_right is None or not self.not_right.match(norm, unit_end)


@dataclass(slots=True)
class Candidate:
    """A figure (or a bare number, ``kind is None``) found in the normalised text."""

    start: int
    end: int
    nstart: int               # the numeral itself
    nend: int
    value: Decimal
    kind: str | None = None
    unit: str | None = None
    high: Decimal | None = None
    comparator: str = "="
    change: str | None = None
    rule: str = ""
    scale: Decimal = ONE      # multiplier from a scale word (万, billion): shared by range partners
    has_scale: bool = False
    inner_approx: bool = False
    integer: bool = True
    numeral: str = "arabic"   # arabic | cn | words
    factor: Decimal = ONE     # unit factor (成 = 10): shared by range partners
    extra: dict = field(default_factory=dict)


_LEVEL_KINDS = frozenset({"count", "percent", "money", "quantity"})
_TO_GAP = re.compile(r"\s+to\s+")


class BaseExtractor:
    """The language-independent part of figure extraction.

    The context regexes searched in windows before the figure are wrapped by ``patterns.fast``: tried only
    at the characters a match can start with (the same matches; most of them end-anchored, so a plain search
    tries every position of the window)."""

    lang = "xx"

    def __init__(self, patterns: LangPatterns | None = None):
        self.P = patterns or load_lang(self.lang)
        ctx = self.P.context
        ci = re.IGNORECASE if self.P.flags.get("case_insensitive") else 0
        self._ci = ci
        comp = ctx.get("comparator", {})
        self._left_comp, self._left_comps = self._comparator_regex(comp.get("left", {}), comp.get("left_skip", []), ci)
        if self._left_comp is not None:
            self._left_comp = EndMatcher(self._left_comp, [w for ws in comp.get("left", {}).values() for w in ws]
                                         + list(comp.get("left_skip", [])))
        self._left_comp_rx = [(fast(re.compile(f"(?:{p})\\s*$", ci)), comp)
                              for comp, pats in (comp.get("left_regex") or {}).items() for p in pats]
        self._right_comp, self._right_comps = self._right_comparator_regex(comp.get("right", {}), ci)
        ch = ctx.get("change", {})

        def cues(key: str) -> list[re.Pattern]:
            return [re.compile(p, ci) for p in ch.get(key, [])]

        # one regex for all cues; a group name says (change, is_rate): a rate noun (增速, growth) is not
        # blocked by a level marker. Rate nouns come first so that 同比增长 is read as a rate.
        groups, self._cue_meaning = [], {}
        for key, meaning in (("increase_rate", ("increase", True)), ("decrease_rate", ("decrease", True)),
                             ("increase", ("increase", False)), ("decrease", ("decrease", False))):
            for p in ch.get(key, []):
                name = f"g{len(groups)}"
                groups.append(f"(?P<{name}>{p})")
                self._cue_meaning[name] = meaning
        self._cue_re = fast(_boundary_first(groups, ci)) if groups else None
        self._after_gap = [(r, "increase") for r in cues("after_gap_increase")] + \
                          [(r, "decrease") for r in cues("after_gap_decrease")]
        self._after_inc = cues("after_increase")
        self._after_dec = cues("after_decrease")
        self._adj = [(r, "increase") for r in cues("adjacent_increase")] + \
                    [(r, "decrease") for r in cues("adjacent_decrease")]
        skip = ch.get("adjacent_skip", [])
        self._adj_skip = re.compile(r"(?:\s|" + "|".join(re.escape(x) for x in skip) + r")*$", ci) if skip \
            else re.compile(r"\s*$")
        lm = ch.get("level_markers", [])
        alt = "|".join(sorted(lm, key=len, reverse=True))
        if not lm:
            self._level_re = None
        elif ch.get("level_marker_anywhere"):
            self._level_re = fast(re.compile(f"(?:{alt})", ci))
        else:
            self._level_re = fast(re.compile(f"(?:^|(?<![A-Za-z]))(?:{alt})\\s*$", ci))
        self._count_by = [(fast(re.compile(p, ci)), "increase") for p in ch.get("count_by_increase", [])] + \
                         [(fast(re.compile(p, ci)), "decrease") for p in ch.get("count_by_decrease", [])]
        self._not_range_left = fast(re.compile(ch["not_range_left"], ci)) if ch.get("not_range_left") else None
        self._not_range_change = fast(re.compile(ch["not_range_after_change"], ci)) if ch.get("not_range_after_change") else None
        self._not_range_from = fast(re.compile(ch["not_range_from_left"], ci)) if ch.get("not_range_from_left") else None
        self._shared_from = fast(re.compile(ch["shared_unit_change_from"], ci)) if ch.get("shared_unit_change_from") else None
        self._bare_end = re.compile(ch["shared_unit_bare_end"], ci) if ch.get("shared_unit_bare_end") else None
        self._adjacent_kinds = set(ch.get("adjacent_kinds", []))
        self._adjacent_window = int(ch.get("adjacent_window", 1))
        flt = ctx.get("filters", {})
        self._ordinal = _any_at_end(flt.get("ordinal_left", []), ci)
        self._vague_left = _any_at_end(flt.get("vague_left", []), ci)
        self._vague_left_cn = _any_at_end(flt.get("vague_left_before_cn", []), ci)
        self._vague_right = [re.compile(r"^\s*" + p, ci) for p in flt.get("vague_right", [])]
        self._label_after_unit = {u: re.compile(rx, ci) for u, rx in (flt.get("label_after_unit") or {}).items()}
        self._quoted_max = int(flt.get("quoted_label_max_chars", 0))
        self._quoted_amount = re.compile(flt["quoted_amount_before"], ci) if flt.get("quoted_amount_before") else None
        th = flt.get("threshold") or {}
        self._th_right_with = re.compile(th["right_after_with"], ci) if th.get("right_after_with") else None
        tm = flt.get("title_marks")
        self._title_marks = (tm[0], tm[1]) if tm else None
        self._th_right = re.compile(th["right"], ci) if th.get("right") else None
        # (left, right) pairs: the left regex ends at the figure, the right one (optional) starts after it
        self._th_pairs = [(fast(re.compile(p["left"], ci)), re.compile(p["right"], ci) if p.get("right") else None,
                           tuple(w.lower() for w in p.get("requires", [])))
                          for p in th.get("pairs", [])]
        self._per_left = fast(re.compile(flt["per_left"], ci)) if flt.get("per_left") else None
        self._rate_left_by_unit = {u: fast(re.compile(p, ci)) for u, p in (flt.get("rate_left_by_unit") or {}).items()}
        self._count_rate_left = re.compile(flt["count_rate_left"], ci) if flt.get("count_rate_left") else None
        self._ratio_left = fast(re.compile(flt["ratio_left"], ci)) if flt.get("ratio_left") else None
        self._ratio_right = re.compile(flt["ratio_right"], ci) if flt.get("ratio_right") else None
        self._relative = re.compile(flt["relative_clause"], ci) if flt.get("relative_clause") else None
        rk = flt.get("ranking")
        self._ranking = (re.compile(rk["left"], ci), set(rk["units"])) if rk else None
        den = flt.get("denominator")
        self._den = (fast(re.compile(den["left"], ci)), re.compile(den["right"], ci)) if den else None
        self._letter_adjacent = bool(flt.get("letter_adjacent", True))
        labels = self.P.lexicon(flt["labels_file"]) if flt.get("labels_file") else []
        self._labels_re = re.compile(alternation(labels)) if labels else None
        quotes = self.P.flags.get("quotes", [])
        self._quote_open = {q[0]: q[1] for q in quotes}
        seps = self.P.flags.get("clause_sep", ",;")
        # a full stop ends a clause only before a space (not the one in 6.5); written as one class first (the
        # engine skips to its characters) and the condition on . ! ? after it
        ends = re.escape(seps) + "。！？；"
        self._clause_re = re.compile(f"[{ends}.!?](?:(?<=[{ends}])|(?=[\\s\"”’)]|$))")
        ends = self.P.flags.get("sentence_end", ".")
        self._sent_end = set(ends)

    # -- building blocks ------------------------------------------------------------------
    @staticmethod
    def _comparator_regex(table: dict, skip: list[str], ci: int) -> tuple[re.Pattern | None, list[str]]:
        alts = []
        for comp, words in table.items():
            for w in words:
                alts.append((w, comp))
        if not alts:
            return None, []
        alts.sort(key=lambda x: -len(x[0]))
        groups = "|".join(f"(?P<c{i}>{_loose(w)})" for i, (w, _) in enumerate(alts))
        skip_re = ("(?:\\s*(?:" + "|".join(_loose(s) for s in sorted(skip, key=len, reverse=True)) + "))*") if skip else ""
        rx = re.compile(f"(?:^|(?<![A-Za-z]))(?:{groups}){skip_re}\\s*$", ci)
        return rx, [c for _, c in alts]

    @staticmethod
    def _right_comparator_regex(table: dict, ci: int) -> tuple[re.Pattern | None, list[str]]:
        alts = [(w, comp) for comp, words in table.items() for w in words]
        if not alts:
            return None, []
        alts.sort(key=lambda x: -len(x[0]))
        groups = "|".join(f"(?P<c{i}>{_loose(w)})" for i, (w, _) in enumerate(alts))
        rx = re.compile(f"\\s*(?:{groups})(?![A-Za-z])", ci)
        return rx, [c for _, c in alts]

    # -- hooks for the language extractors ---------------------------------------------
    def candidates(self, norm: str) -> list[Candidate]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- the pipeline ---------------------------------------------------------------------
    def extract(self, norm: str) -> list[Candidate]:
        """All figures in the normalised text, in text order, without overlaps."""
        cands = self.candidates(norm)
        cands = self._drop_overlaps(cands)
        cands = self.merge_ranges(norm, cands)
        cands = self.share_units(norm, cands)
        out = []
        for c in cands:
            if c.kind is None or c.kind == "subunit":
                continue
            if self.is_filtered(norm, c):
                continue
            self.set_comparator(norm, c)
            if not c.extra.get("change_fixed"):
                self.set_change(norm, c)
            out.append(c)
        self.share_qualifiers(norm, out)
        return out

    @staticmethod
    def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
        cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[Candidate] = []
        for c in cands:
            if c.extra.get("merged"):
                continue
            if out and c.start < out[-1].end:
                prev = out[-1]
                # prefer a figure over a bare number, then the longer span
                if (prev.kind is None and c.kind is not None) or (
                        (prev.kind is None) == (c.kind is None) and c.end - c.start > prev.end - prev.start):
                    out[-1] = c
                continue
            out.append(c)
        return out

    # ranges ------------------------------------------------------------------------------
    range_sep: re.Pattern = re.compile(r"^\s*(?:-|–|—|~|～|至|到)\s*$")
    range_between: re.Pattern | None = None

    def _change_from_to(self, norm: str, a: Candidate, gap_start: int, b: Candidate) -> bool:
        """``a`` and ``b`` are the two levels of a change "<verb> from A to B" (only " to " between them)."""
        return self._shared_from is not None and _TO_GAP.fullmatch(norm, gap_start, b.start) is not None \
            and self._shared_from.search(norm, max(0, a.start - 60), a.start) is not None

    def merge_ranges(self, norm: str, cands: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        i = 0
        while i < len(cands):
            a = cands[i]
            b = cands[i + 1] if i + 1 < len(cands) else None
            if b is not None and a.kind is None and b.kind in _LEVEL_KINDS and self._change_from_to(norm, a, a.end, b):
                out.append(self._sharing_unit(a, b))     # expanded from 15 to 25 member states: 15 states, then 25
                i += 1
                continue
            if b is not None and b.kind is None and a.kind in _LEVEL_KINDS and self._bare_end is not None \
                    and self._bare_end.match(norm, b.end) \
                    and self._change_from_to(norm, a, max(a.end, a.extra.get("count_phrase", (0, 0))[1]), b):
                # grew from 3.7 trillion U.S. dollars to 4.7 trillion: the level reached is written without its unit
                out.append(a)
                out.append(self._sharing_unit(b, a))
                i += 2
                continue
            pr = self._prefixed_range(norm, a, b) if b is not None else None
            if pr is not None:
                # "$40-50 billion", "$2-3bn", "£3-4m", "$40-50 a barrel": the currency before the first number, the
                # scale (if any) after the second
                high, scale = pr
                out.append(self._range(a, b, a, a.value * scale, high, scale, scale != 1))
                i += 2
                continue
            if b is not None and b.kind is not None and b.kind != "subunit" and a.kind in (None, b.kind) \
                    and self._is_range_gap(norm, a, b) and (a.kind is None or a.unit == b.unit):
                low = a.value
                if a.kind is None:
                    low = low * (1 if a.has_scale else b.scale) * b.factor  # 15-18万元, 15亿至17亿元
                elif not a.has_scale and b.has_scale and a.end <= a.nend:
                    low = low * b.scale     # $1.3 to $1.5bn (not 1000元至3万元: a unit written after 1000 ends it)
                if low <= b.value:
                    out.append(self._range(a, b, b, low, b.value, b.scale, b.has_scale))
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    @staticmethod
    def _range(a: Candidate, b: Candidate, head: Candidate, low: Decimal, high: Decimal, scale: Decimal,
               has_scale: bool) -> Candidate:
        """The range from ``a`` to ``b``: its kind, unit, rule and notes those of ``head`` (the bound that carries them)."""
        r = Candidate(start=a.start, end=b.end, nstart=a.nstart, nend=b.nend, value=low, kind=head.kind, unit=head.unit,
                      high=high, rule=head.rule + "+range", scale=scale, has_scale=has_scale,
                      integer=a.integer and b.integer, numeral=head.numeral, factor=head.factor, extra=dict(head.extra))
        r.extra["range_of"] = (a, b)
        return r

    @staticmethod
    def _sharing_unit(a: Candidate, b: Candidate) -> Candidate:
        """The bare number ``a`` as a figure of the kind, unit and scale of ``b``, the figure after it."""
        scale = a.scale if a.has_scale else b.scale
        return Candidate(start=a.start, end=a.end, nstart=a.nstart, nend=a.nend, value=a.value * (1 if a.has_scale else b.scale)
                         * b.factor, kind=b.kind, unit=b.unit, rule=b.rule + "+shared_unit", scale=scale,
                         has_scale=a.has_scale or b.has_scale, integer=a.integer, numeral=a.numeral, factor=b.factor,
                         extra={k: b.extra[k] for k in ("count_phrase",) if k in b.extra})   # what b counts, a counts

    def _prefixed_range(self, norm: str, a: Candidate, b: Candidate) -> tuple[Decimal, Decimal] | None:
        """The upper bound and the scale of a range whose currency stands before its first number only ("$40-50 billion",
        "£3-4m", "$40-50 a barrel"), or None: ``a`` an amount with a prefix and nothing after its number, ``b`` a
        bare number (with a scale, or right after a dash) or a number with "m" that is a million here, not metres."""
        if a.kind != "money" or a.has_scale or not (a.start < a.nstart and a.end == a.nend):
            return None
        gap = norm[a.end:b.start]
        if not self.range_sep.match(gap):
            return None
        if b.kind is None and b.has_scale:
            high, scale = b.value, b.scale
        elif b.kind is None and gap in ("-", "–") and not b.extra.get("year_like"):
            high, scale = b.value, 1                        # $40-50 a barrel
        elif b.kind == "quantity" and b.unit == "m" and gap in ("-", "–") and norm[b.nend:b.end] == "m":
            high, scale = b.value * 1_000_000, 1_000_000    # £3-4m: millions, as the currency says
        else:
            return None
        return (high, scale) if a.value * scale <= high else None

    @staticmethod
    def _unit_shared(norm: str, a: Candidate) -> bool:
        """The candidate's text is a bare number (its unit comes from the number after it: "3 to 4 percent")."""
        return bool(re.fullmatch(r"[\d.,\s]+", norm[a.start:a.end]))

    def _is_range_gap(self, norm: str, a: Candidate, b: Candidate) -> bool:
        if self._not_range_left is not None and self._not_range_left.search(norm, max(0, a.start - 40), a.start):
            return False
        if self._not_range_from is not None and a.kind is not None and not self._unit_shared(norm, a) \
                and self._not_range_from.search(norm, max(0, a.start - 30), a.start):
            return False      # from 23% to 35%: two levels
        if self._not_range_change is not None and a.kind in ("money", "percent") and a.unit \
                and self._not_range_change.search(norm, max(0, a.start - 30), a.start) \
                and not self._unit_shared(norm, a):
            return False      # rose 30 cents to $41.20: a change, then the level
        gap = norm[a.end:b.nstart] if b.start == b.nstart else norm[a.end:b.start]
        if b.start < b.nstart:  # b has a prefix ($1.5bn): the gap ends at the prefix
            gap = norm[a.end:b.start]
        if self.range_sep.match(gap):
            return True
        if self.range_between is not None and self.range_between.match(gap):
            left = norm[max(0, a.start - 12):a.start]
            return bool(re.search(r"\bbetween\s*$|\bfrom\s*$", left, re.IGNORECASE))
        return False

    # shared units ----------------------------------------------------------------------------
    list_sep: re.Pattern = re.compile(r"^\s*(?:,|、|和|与|及|and|or|,\s*and|,\s*or)\s*$", re.IGNORECASE)

    def share_units(self, norm: str, cands: list[Candidate]) -> list[Candidate]:
        """``3.7 and 3.83 percentage points``: a bare number before a figure in a list takes its unit."""
        for i in range(len(cands) - 2, -1, -1):
            a, b = cands[i], cands[i + 1]
            if a.kind is not None or b.kind not in ("percent", "ppt", "money", "quantity"):
                continue
            if a.extra.get("year_like") or not self.list_sep.match(norm[a.end:b.start]):
                continue
            if b.start != b.nstart:  # b has its own prefix ($5): no sharing
                continue
            a.kind, a.unit, a.rule = b.kind, b.unit, b.rule + "+shared"
            a.value = a.value * b.scale * b.factor
            a.scale, a.factor, a.has_scale = b.scale, b.factor, b.has_scale
        return cands

    # filters ---------------------------------------------------------------------------------
    def is_filtered(self, norm: str, c: Candidate) -> bool:
        left = norm[max(0, c.start - 16):c.start]
        if self._ordinal is not None and self._ordinal.search(left):
            return True
        if self._vague_left is not None and self._vague_left.search(left):
            return True
        if self._vague_left_cn is not None and c.numeral == "cn" and self._vague_left_cn.search(left):
            return True
        if self._ranking is not None and c.unit in self._ranking[1] and self._ranking[0].search(left):
            return True
        right = norm[c.nend:c.nend + 4]
        for rx in self._vague_right:
            if rx.match(right):
                return True
        if self._letter_adjacent and c.start == c.nstart:
            if c.start > 0 and norm[c.start - 1].isascii() and norm[c.start - 1].isalpha():
                return True
        if self._labels_re is not None:
            lo = max(0, c.start - 8)
            for m in self._labels_re.finditer(norm, lo, c.end + 8):
                if m.start() <= c.nstart and m.end() >= c.nend:
                    return True
        if self._quoted_max and self.in_short_quote(norm, c):
            return True
        if self._label_after_unit and c.unit in self._label_after_unit and self._label_after_unit[c.unit].match(norm, c.end):
            return True     # the 500m gold: a race
        if self._title_marks is not None:
            op, cl = self._title_marks
            k = norm.rfind(op, max(0, c.start - 60), c.start)
            if k >= 0 and norm.find(cl, k, c.start) < 0 and norm.find(cl, c.end, c.end + 60) >= 0:
                return True  # inside 《…》: the name of a document
        if self._per_left is not None and self._per_left.search(left):
            return True
        rate = self._rate_left_by_unit.get(c.unit) if c.kind == "count" else None
        if rate is not None and rate.search(left):
            return True
        if c.kind == "count" and self._count_rate_left is not None \
                and self._count_rate_left.search(norm, max(0, c.start - 40), c.start):
            return True     # 每万人口…拥有量达25件: a rate
        if self._ratio_left is not None and self._ratio_left.search(left):
            return True
        if self._ratio_right is not None and (c.value or 0) < 1000 and self._ratio_right.match(norm, c.end):
            return True     # (a ratio's first number is small: "700,000 in 131 countries" is no ratio)
        if c.kind in ("money", "quantity", "count") and self._is_threshold(norm, c, norm[max(0, c.start - 90):c.start]):
            return True
        if self._den is not None and c.kind == "money":
            dl, dr = self._den
            if dr.match(norm, c.end) and dl.search(norm[max(0, c.start - 8):c.start]):
                return True
        return False

    def _is_threshold(self, norm: str, c: Candidate, left: str) -> bool:
        if self._th_right is not None and c.kind != "count" and self._th_right.match(norm, c.end):
            return True
        low = left.lower() if self._ci else left
        for lrx, rrx, requires in self._th_pairs:
            if requires and not any(w in low for w in requires):
                continue  # a cheap test before the long regex
            if lrx.search(left) and (rrx is None or rrx.match(norm, c.end)):
                return True
        if self._th_right_with is not None and self._th_right_with.match(norm, c.end) \
                and re.search(r"\bwith\b[^,.;]{0,50}$", left, re.IGNORECASE):
            return True
        return False

    def in_short_quote(self, norm: str, c: Candidate) -> bool:
        """True when the figure sits inside a quotation of at most ``quoted_label_max_chars``."""
        lim = self._quoted_max
        lo = max(0, c.start - lim)
        seg = norm[lo:c.start]
        for op, cl in self._quote_open.items():
            k = seg.rfind(op)
            if k < 0:
                continue
            if op == cl:  # straight quotes: count them from the sentence start
                before = norm[max(0, c.start - 400):c.start]
                if before.count(op) % 2 == 0:
                    continue
            elif cl in seg[k + 1:]:
                continue
            close = norm.find(cl, c.end, c.end + lim + 1)
            if close < 0:
                continue
            if (close - (lo + k) - 1) <= lim:
                if self._quoted_amount is not None and not norm[c.end:close].strip(" .,") \
                        and self._quoted_amount.match(norm[lo + k + 1:c.start]):
                    return False    # "approximately 2.5%": an amount quoted, not a label
                return True
        return False

    # comparators -------------------------------------------------------------------------
    def set_comparator(self, norm: str, c: Candidate) -> None:
        if c.inner_approx:
            c.comparator = ">"
        if self._left_comp is not None:
            m = self._left_comp.search(norm, max(0, c.start - 24), c.start)
            if m:
                c.comparator = self._left_comps[_which(m)]
                c.extra["comp_left"] = m.start()
        if c.comparator == "=" or c.inner_approx:
            for rx, comp in self._left_comp_rx:
                m = rx.search(norm, max(0, c.start - 24), c.start)
                if m:
                    c.comparator = comp
                    c.extra["comp_left"] = m.start()
                    break
        if self._right_comp is not None and c.comparator == "=":
            m = self._right_comp.match(norm, c.end, min(len(norm), c.end + 20))
            if m:
                c.comparator = self._right_comps[_which(m)]
                c.extra["comp_right"] = m.end()

    def share_qualifiers(self, norm: str, cands: list[Candidate]) -> None:
        """``分别增长4.5%、5.5%左右``: a trailing comparator applies to the list items before it."""
        for i in range(len(cands) - 1, 0, -1):
            b = cands[i]
            if "comp_right" not in b.extra:
                continue
            j = i - 1
            while j >= 0:
                a, nxt = cands[j], cands[j + 1]
                if a.kind != b.kind or not self.list_sep.match(norm[a.end:nxt.start]):
                    break
                if a.comparator == "=":
                    a.comparator = b.comparator
                j -= 1
        # 分别增长8.7%、31.5%和32.3% / grow by 10.5%, 49.8%, and 28.2%: the first item's change applies to all
        for i in range(1, len(cands)):
            a, b = cands[i - 1], cands[i]
            if b.change is None and a.change is not None and a.kind == b.kind \
                    and self.list_sep.match(norm[a.end:b.start]):
                b.change = a.change
        # 0.33 and 0.19 percentage points higher: a number that shares its unit shares the change read after it
        for i in range(len(cands) - 2, -1, -1):
            a, b = cands[i], cands[i + 1]
            if a.change is None and b.change is not None and a.rule.endswith("+shared") and a.kind == b.kind:
                a.change = b.change

    # change ------------------------------------------------------------------------------------
    def clause_left(self, norm: str, c: Candidate) -> tuple[int, str]:
        """Text of the clause before the figure (from the last clause separator)."""
        lo = max(0, c.start - 160)
        seg = norm[lo:c.start]
        cuts = [0] + [m.end() for m in self._clause_re.finditer(seg)]
        cut = cuts[-1]
        if self._relative is not None and len(cuts) > 1 and self._relative.match(seg, cut):
            cut = cuts[-2]  # "food inflation, which peaked at 19.1%": the clause before belongs to it
        return lo + cut, seg[cut:]

    def set_change(self, norm: str, c: Candidate) -> None:
        """increase/decrease when the figure measures a change (增长38.3%, up 3.7 percentage points)."""
        comp_start = c.extra.get("comp_left", c.start)
        base, left = self.clause_left(norm, c)
        if comp_start >= base:
            left = norm[base:comp_start]
        comp_text = norm[comp_start:c.start]
        if c.kind in ("money", "quantity"):
            for r, ch in self._after_gap:  # 34p lower, 180 billion yuan more than budgeted
                if r.match(norm, c.end):
                    c.change = ch
                    return
        if c.kind in self._adjacent_kinds:
            # money, counts, quantities: only a verb cue right before the figure (同比增加1.2亿元, fell by 125m)
            tail = left[-(self._adjacent_window + 16):]
            for r, ch in self._adj:
                for m in r.finditer(tail):
                    gap = tail[m.end():]
                    if len(gap.strip()) <= self._adjacent_window and self._adj_skip.match(gap) \
                            and not (self._level_re is not None and self._level_re.search(gap + comp_text)):
                        c.change = ch
            return
        if c.kind == "count":
            wide = norm[max(0, comp_start - 80):comp_start]  # the verb may sit before a comma: fell for a year, by N
            for r, ch in self._count_by:
                if r.search(wide):
                    c.change = ch
                    return
        if c.kind not in ("percent", "ppt"):
            return
        after = norm[c.end:c.end + 30]
        for rx, ch in ((self._after_inc, "increase"), (self._after_dec, "decrease")):
            for r in rx:
                if r.match(after):
                    c.change = ch
                    return
        if self._cue_re is None:
            return
        found = [(m.end(), *self._cue_meaning[m.lastgroup]) for m in self._cue_re.finditer(left)]
        for end, ch, is_rate in reversed(found):
            if is_rate:
                c.change = ch
                return
            between = left[end:] + comp_text
            if self._level_re is not None and self._level_re.search(between):
                continue  # 提高到3.35%, fell to 5%: a level; a rate noun further left may still apply
            c.change = ch
            return


class EndMatcher:
    """An end-anchored regex over a lexicon, with a cheap guard: it only runs when the last
    non-space character before the position can end one of the lexicon's phrases."""

    def __init__(self, rx: re.Pattern, phrases: list[str]):
        self.rx = fast(rx)
        finals = {p.rstrip()[-1:] for p in phrases if p.strip()}
        self.finals = {ch for f in finals for ch in (f, f.lower(), f.upper())}

    def search(self, text: str, lo: int, hi: int) -> re.Match | None:
        j = hi - 1
        while j >= lo and text[j] in " \t":
            j -= 1
        if j < lo or text[j] not in self.finals:
            return None
        return self.rx.search(text, lo, hi)


def _boundary_first(groups: list[str], flags: int) -> re.Pattern:
    """Join alternatives; those that start with a word boundary share one leading ``\\b`` so that the
    engine tries them only at word starts (about 10x faster on English text)."""
    wb, other = [], []
    for g in groups:
        head, body = g.split(">", 1)
        if body.startswith(r"\b"):
            wb.append(f"{head}>{body[2:]}")
        else:
            other.append(g)
    parts = ([r"\b(?:" + "|".join(wb) + ")"] if wb else []) + other
    return re.compile("|".join(parts), flags)


def _any_at_end(patterns: list[str], flags: int) -> re.Pattern | None:
    """One regex matching any of ``patterns`` at the end of the searched text."""
    if not patterns:
        return None
    return fast(re.compile("(?:" + "|".join(f"(?:{p.removesuffix('$').removesuffix(chr(92) + 's*')})" for p in patterns)
                           + r")\s*$", flags))


def _loose(word: str) -> str:
    """A lexicon phrase as a regex: internal spaces match any run of whitespace."""
    return r"\s+".join(re.escape(p) for p in word.split())


def _which(m: re.Match) -> int:
    for k, v in m.groupdict().items():
        if v is not None and k.startswith("c"):
            return int(k[1:])
    return 0


def to_figure(text: str, c: Candidate, **linked) -> Figure:
    """The public figure of ``c``; ``linked`` are the fields the linking fills (role, year, metric, subject,
    the sentence): one validated model, not a model and then a copy of it."""
    value = float(c.value)
    high = float(c.high) if c.high is not None else None
    unit = c.unit
    if unit and c.kind in ("count", "quantity") and _HAN_UNIT.search(unit) \
            and unit not in text[c.start:c.end + 12]:
        # a classifier or unit as written: the text may be traditional (個, 萬噸) where matching read 个
        for a in range(c.start, c.end + 12):
            seg = text[a:a + len(unit)]
            if len(seg) < len(unit):
                break
            if seg != unit and _simplified_equal(seg, unit):
                unit = seg
                break
            if seg == unit:
                break
    return Figure(text=text[c.start:c.end], start=c.start, end=c.end, kind=c.kind, value=value,  # type: ignore[arg-type]
                  unit=unit, high=high, comparator=c.comparator, change=c.change,  # type: ignore[arg-type]
                  rule=c.rule, **linked)


_HAN_UNIT = re.compile(r"[\u4e00-\u9fff]")


def _simplified_equal(written: str, simplified: str) -> bool:
    from .normalize import to_simplified

    return to_simplified(written)[0] == simplified or _t2s_chars(written) == simplified


def _t2s_chars(s: str) -> str:
    from .normalize import _converter

    cc = _converter()
    return cc.convert(s) if cc is not None else s
