"""Linking stage: role (target/actual), year, metric and subject for every figure.

Rules follow ``../shared/eval/GUIDELINES.md`` ("Conventions for the open cases"); the cue
lists, year expressions and name suffixes are data in ``patterns/<lang>/link.yaml``.

The linker works sentence by sentence on the normalised text (same offsets as the
document): time expressions are found once per document, the dateline resolves relative
years, sentence-initial frames (``In 2024,``, ``2025年，``, ``By 2024,``) and dated headings
carry their year and role over the sentences they govern, and the metric and subject are
copied from the text around the figure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.base import Candidate, to_figure
from ..models import Figure
from ..patterns import alternation, fast, load_lang
from .metric import EnMetric, ZhMetric
from .segment import dash_asides, paragraphs, sentences
from .subject import EnSubject, ZhSubject
from .timex import TimeExpr, TimeIndex
from ..structure import Structure, read_structure


# a saved page that comes as one line (page furniture at its start, longer than this) has no paragraphs;
# sentence frames then reach this many sentences after their own
LONG_PARAGRAPH = 2500
LONG_PARAGRAPH_REACH = 2

# languages whose linking reads a dependency parse when a model is shipped (pipeline/syntax.py)
SYNTAX_LANGS = ("en",)
# longer "sentences" (lists, tables without punctuation) are left to the rules
MAX_PARSE_CHARS = 1500
# a parsed sentence is cut this many characters after its last figure (at a word end)
PARSE_TAIL = 60

# per-figure scans look at most this many characters away from the figure, so that a "sentence"
# of 100,000 characters without punctuation costs linear time
WINDOW = 300


@dataclass(slots=True)
class Context:
    """Per-document state the linker computes once."""

    text: str
    norm: str
    sents: list[tuple[int, int]]
    sent_starts: list[int]
    paras: list[tuple[int, int]]
    para_starts: list[int]
    dateline: int | None
    times: TimeIndex
    frames: list[tuple[int, int | None, str | None, int]]  # (sentence index, year, role, paragraph index)
    structure: Structure                                  # headings, openings and their frames
    main_subject: str | None
    cache: dict = field(default_factory=dict)  # per-document memo (names per sentence)
    parses: dict = field(default_factory=dict)  # sentence start -> parsed sentence (pipeline/syntax.py)


class Linker:
    def __init__(self, lang: str):
        self.lang = lang
        P = load_lang(lang)
        L = P.link
        ci = re.IGNORECASE if lang == "en" else 0
        self.ci = ci
        self.target_re = _join(L.get("target_cues", []), ci)
        self.weak_target_re = _join(L.get("target_cues_weak", []), ci)
        self.target_after_re = _join(L["target_after"], ci) if "target_after" in L else self.target_re
        self.base_re = re.compile(L["base_of_change"], ci) if L.get("base_of_change") else None
        self.parallel_re = re.compile(L["parallel_years"]) if L.get("parallel_years") else None
        self.parallel_end = re.compile(L["parallel_end"]) if L.get("parallel_end") else None
        # a count right after a list of names (漳州、桂林两城市, 平凉、白银和兰州的16所学校) counts what the text names
        cnt = P.units.get("count") or {}
        names = (cnt.get("guard_patterns") or {}).get("name_list")
        self.enumerated_re = re.compile(names) if names else None
        self.place_units = frozenset(cnt.get("place_units") or ())
        self.weak_scope = L.get("weak_scope", "clause")
        self.past_between_re = re.compile(L["past_between"], ci) if L.get("past_between") else None
        # 本报将…的16所学校的资料进行了整理: 将 as the object marker of a finished action, no future
        self.ba_done = (re.compile(L["ba_marker"]), re.compile(L["ba_done_after"])) \
            if L.get("ba_marker") and L.get("ba_done_after") else None
        self.actual_re = _join(L.get("actual_cues", []), ci)
        self.forecast_re = _join(L.get("forecast_cues", []), ci)
        self.forecast_after_re = re.compile(L["forecast_after"], ci) if L.get("forecast_after") else None
        # an indicator nobody in the sentence controls, then a future or hedged verb: "US growth would reach 4.4%",
        # "The country's economy is set to grow about 8%": a forecast (GUIDELINES), whoever says it
        nouns = L.get("forecast_subject_nouns") or []
        self.impersonal_re = re.compile(
            r"\b" + alternation(nouns) + r"(?:\s+(?:rate|growth|figures?))?"
            r"\s+(?:(?:is|are|was|were)\s+(?:also\s+|now\s+|still\s+)?(?:set|expected|forecast|projected|predicted|likely|tipped)\s+to"
            r"|would|will|could|should|may|might)\b", re.IGNORECASE) if nouns else None
        self.indicator_words = re.compile(r"\b" + alternation(nouns) + r"\b", re.IGNORECASE) if nouns else None
        self.own_goal_re = re.compile(r"\b(?:target|targets|goal|aim|aims|plan|plans|planned|budget|pledge|pledged|promise|promised)\b",
                                      re.IGNORECASE)
        self.target_frame_re = _join(L.get("target_frames", []), ci)
        self.actual_frame_re = _join(L.get("actual_frames", []), ci)
        self.sentence_frame_re = re.compile(L["sentence_frame"], ci)
        self.L = L
        self.metric = ZhMetric(P) if lang == "zh" else EnMetric(P)
        self.subject = ZhSubject(P) if lang == "zh" else EnSubject(P)
        if lang == "en":
            self.metric.subject = self.subject
        from ..syntax import Lexicon

        self.syntax_lexicon = Lexicon.from_link(L, self.metric.generic)
        self.action_over = set(L.get("metric_action_over", []))
        if lang == "zh":
            from .subject import sentence_names

            def names(ctx, ss):
                return sentence_names(self.subject, ctx, self._sent_of(ctx, ss))

            self.metric.names = names

    # -- document context ----------------------------------------------------------------------
    def context(self, text: str, norm: str, cands: list[Candidate], published: str | None,
                structure: Structure | None = None, parses: dict | None = None) -> Context:
        sents = sentences(norm, self.lang)
        paras = paragraphs(norm)
        if structure is None:
            structure = read_structure(norm, self.lang, published)
        dateline = structure.dateline_year
        dmonth = int(structure.dateline.date[5:7]) if structure.dateline and structure.dateline.date else None
        times = TimeIndex(self.L, self.lang, norm, dateline, [(c.start, c.end) for c in cands], self.ci,
                          skip=structure.excluded, dateline_month=dmonth)
        ctx = Context(text=text, norm=norm, sents=sents, sent_starts=[s for s, _ in sents], paras=paras,
                      para_starts=[p for p, _ in paras], dateline=dateline, times=times, frames=[],
                      structure=structure, main_subject=None)
        self._frames(ctx)
        ctx.cache["figure_spans"] = sorted((c.start, c.end) for c in cands)   # names inside them are units (U.S. dollars)
        if ctx.sents:
            last: dict[int, int] = {}
            for c in cands:
                si = self._sent_of(ctx, c.start)
                last[si] = max(last.get(si, 0), c.end)
            ctx.cache["last_figure_end"] = last
        ctx.main_subject = self.subject.main_of(ctx)
        if parses is not None:
            ctx.parses = parses
        elif self.lang in SYNTAX_LANGS and cands:
            self._parse(ctx, cands)
        return ctx

    def _parse(self, ctx: Context, cands: list[Candidate]) -> None:
        """Parse the sentences that hold figures, in one batch."""
        from ..syntax import parse

        spans = self.parse_spans(ctx, cands)
        docs = parse(self.lang, [ctx.norm[a:b] for a, b in spans]) if spans else None
        if docs:
            ctx.parses = {a: d for (a, _), d in zip(spans, docs)}

    def parse_spans(self, ctx: Context, cands: list[Candidate]) -> list[tuple[int, int]]:
        """The stretches of ``ctx.norm`` to parse: sentences with a figure whose metric the parse decides."""
        if self.lang not in SYNTAX_LANGS:
            return []
        # only sentences with a figure whose metric the parse decides (not a count), and only up to a little
        # past their last such figure: what a figure measures stands before it or right after it
        last: dict[tuple[int, int], int] = {}
        for c in cands:
            if c.kind == "count" or not ctx.sents:
                continue
            sent = ctx.sents[self._sent_of(ctx, c.start)]
            last[sent] = max(last.get(sent, 0), c.end)
        return sorted((a, min(b, _word_end(ctx.norm, e + PARSE_TAIL, b))) for (a, b), e in last.items()
                      if b - a <= MAX_PARSE_CHARS)

    def _from_parse(self, ctx: Context, c: Candidate, ss: int):
        """(metric, subject, route) from the parse of the figure's sentence; any may be None."""
        from ..syntax import metric_and_owner, name_span

        user_doc = ctx.parses.get("doc")
        if user_doc is not None:
            # a user's own pipeline parsed the whole document: the sentence around the figure, doc offsets
            tok = next((t for t in user_doc if t.idx <= c.start < t.idx + len(t.text) + 1), None)
            if tok is None:
                return None, None, None
            doc, off = tok.sent, 0
        else:
            doc, off = ctx.parses.get(ss), ss
            if doc is None:
                return None, None, None
        span, owner, route = metric_and_owner(doc, c.start - off, c.end - off, self.syntax_lexicon)
        metric = ctx.text[span[0] + off:span[1] + off].strip() if span else None
        # GDP, CPI: a metric; IMF, OECD: a name (subject_acronyms)
        acronym = bool(metric) and metric.isupper() and len(metric) <= 4 and not self.subject.is_name_acronym(metric, None)
        if metric and self.lang == "en" and ((self.metric._name(ctx, metric) and not acronym)
                                             or (metric.isupper() and not acronym)
                                             or ctx.structure.excluded(span[0] + off)):
            metric = None                      # a name, or the wire dateline's city: not what is measured
        subject = None
        if owner is not None:
            a, b = name_span(owner)
            # the parse's owner counts when the name finder agrees that a name stands there (a capitalised
            # first word the tagger calls a proper noun, Revenue, Household, is not one); the finder's span
            # is the name (Halden Airways, not Halden)
            from .subject import sentence_names

            si = self._sent_of(ctx, c.start)
            hit = [(x, y) for x, y in sentence_names(self.subject, ctx, si) if x < b + off and a + off < y]
            subject = (ctx.text[hit[0][0]:hit[0][1]].strip() or None) if hit else None
            if metric is None and not hit and route == "subject" and self.lang == "en" \
                    and ctx.text[a + off:b + off].split()[0] in self.metric.index_names:
                metric = ctx.text[a + off:b + off]   # "while the Nasdaq lost 1.3%": an index is what moves, owned by no one
        return metric, subject, route

    def _frames(self, ctx: Context) -> None:
        """Sentence-initial frames (In 2024, / 2025年，/ By 2024,) and dated section headings."""
        for i, (s, e) in enumerate(ctx.sents):
            seg = ctx.norm[s:e]
            p = self._para_of(ctx, s)
            m = self.sentence_frame_re.match(seg)
            if m:
                year = None
                if m.group("y"):
                    year = int(m.group("y"))
                elif m.groupdict().get("rel") and ctx.dateline is not None:
                    year = ctx.dateline + ctx.times.relative_offset(m.group("rel"))
                elif m.groupdict().get("md"):
                    year = ctx.times.first_year(s, s + m.end())   # "From August 16 to 29,": the dateline's year (R9)
                ctx.frames.append((i, year, None, p))
            dm = ctx.times.deadline_frame(seg)
            if dm is not None:
                # "By the end of 2019, the ratio had dropped to 0.6%": a dated result, not a goal
                past = (self.actual_re is not None and self.actual_re.search(seg)) or \
                    (ctx.dateline is not None and dm < ctx.dateline)   # "By 2019," in a 2020 story: reached
                ctx.frames.append((i, dm, None if past else "target", p))
            elif self.target_frame_re is not None and self.target_frame_re.search(seg[:40]) and \
                    not (self.actual_frame_re is not None and self.actual_frame_re.search(seg[:40])) and \
                    (seg.rstrip().endswith(("：", ":")) or _is_heading_line(ctx.norm, s, e)):
                ctx.frames.append((i, ctx.times.first_year(s, e), "target", p))

    def _para_of(self, ctx: Context, pos: int) -> int:
        return max(0, bisect.bisect_right(ctx.para_starts, pos) - 1)

    def _sent_of(self, ctx: Context, pos: int) -> int:
        return max(0, bisect.bisect_right(ctx.sent_starts, pos) - 1)

    # -- per figure ------------------------------------------------------------------------------
    def link(self, text: str, norm: str, cands: list[Candidate], published: str | None = None,
             structure: Structure | None = None, parses: dict | None = None) -> list[Figure]:
        if not cands:
            return []
        return self.link_in(self.context(text, norm, cands, published, structure, parses), cands)

    def link_in(self, ctx: Context, cands: list[Candidate]) -> list[Figure]:
        """The figures of ``cands`` linked in a document context (``context``), its parses set."""
        text, norm = ctx.text, ctx.norm
        out: list[Figure] = []
        # the figures linked so far in each sentence, with their metrics as read (before tidying): the one before is
        # ``prev`` of the metric readers, the whole list is what a 分别 list draws on (ZhMetric.respectively)
        in_sentence: dict[int, list[tuple[Candidate, str | None]]] = {}
        ctx.cache["sentence_figures"] = in_sentence
        in_parens = False          # the figure before was a conversion in parentheses
        for c in cands:
            si = self._sent_of(ctx, c.start)
            ss, se = ctx.sents[si] if ctx.sents else (0, len(norm))
            frame = self._frame_for(ctx, si, c)
            heading = self._heading_for(ctx, c.start)
            conv = out[-1] if out and _CONVERSION.fullmatch(norm[out[-1].end:c.start]) else None
            between = norm[out[-1].end:c.start] if conv is not None else ""
            # the same amount in another currency, in parentheses ("70m euros ($91m; £49m)"): the same metric and
            # subject as well (a list after a comma, "5亿元，3亿元", shares role and year only)
            same = conv is not None and conv.kind == c.kind and ("(" in between or "（" in between or
                                                                 (in_parens and between.strip() in (";", "；")))
            in_parens = same
            if conv is not None:
                # "537m euros ($701m; £371m)", "1.2亿美元（约合8.6亿元）": a conversion of the figure before
                role, year = conv.role, conv.year
            else:
                role = self.role(ctx, c, ss, se, frame, heading)
                year = self.year(ctx, c, si, ss, se, role, frame, heading)
            prev = in_sentence[si][-1] if si in in_sentence else None
            # (a bare number that shares the unit of the figure after it hangs from that figure's noun in the parse:
            # "grew from 1.2 to 1.5 million tonnes"; the rules read it)
            p_metric, p_subject, route = self._from_parse(ctx, c, ss) if ctx.parses and not c.rule.endswith("+shared_unit") \
                else (None, None, None)
            if p_metric is not None and not self.metric.parse_ok(ctx, c, ss, p_metric):
                p_metric = None
            # the parse decides the metric (the rules fill what it leaves), except for counts, whose counted
            # noun the rules read, and for an action's amount, where the rules' noun phrase scores better
            # (corpus/real dev: NOTES.md); subjects are the rules' first
            pre = self.metric.decisive(ctx, c, ss, se, prev)   # "an $11bn accounting fraud": the surface says it
            if pre is not None:
                metric = pre
            elif p_metric is not None and c.kind != "count" and route != "action":
                metric = p_metric              # the parse first; the rules where it gives nothing
            elif p_metric is not None and route == "action" and c.kind == "percent" and _SHARE_OF.match(norm, c.end):
                # "which owns 46% of Virgin Blue", "would control 8% of Russia's oil production": a share an actor
                # holds is named by the action; Y is the share's base (GUIDELINES), never its metric
                metric = p_metric
            else:
                metric = self.metric.metric(ctx, c, ss, se, prev) or p_metric
                if route == "action" and p_metric and metric and c.kind != "count" and self._action_wins(metric, p_metric):
                    metric = p_metric
            subject = self.subject.decisive(ctx, c, si, se)   # a pattern that names the owner outright
            if subject is None:
                if p_subject is not None and route in SUBJ_ROUTES:
                    subject = p_subject        # the named actor ("Foster's spent A$584m", "Corus fell 2.2%")
                else:
                    subject = self.subject.subject(ctx, c, si, ss, se) or p_subject
            raw = metric
            metric = _clean_phrase(metric)
            if metric and subject and self.lang == "en" and metric.endswith(subject):
                # "Shares in ACC", "population of Chad": the owner is the subject, not part of what is measured
                # (GUIDELINES: China's GDP -> GDP)
                head = _OWNER_AFTER.fullmatch(metric[:-len(subject)])
                if head:
                    metric = head.group(1)
                    raw = metric     # (the next item of a list shares what is measured, not the owner: 15.6% in Italy)
            in_sentence.setdefault(si, []).append((c, raw))
            if metric:
                tidied = self.metric.tidy(ctx, c, ss, metric)
                if tidied is None and route == "action" and p_metric and p_metric != metric \
                        and not any(ch.isdigit() for ch in p_metric):
                    # the rules' phrase names no measure (medical technology firm Guidant): the parse's action does
                    tidied = self.metric.tidy(ctx, c, ss, _clean_phrase(p_metric))
                metric = tidied
            if not metric:
                metric = self.metric.implicit(ctx, c, ss, subject)   # "Corus fell 2.2%": its shares
            if not metric and self.lang == "en" and out:
                metric = self._pronoun_metric(ctx, c, si, ss, out[-1])
                if metric and role == "target" and not conv and self._indicator_forecast(ctx, c, ss, se, metric):
                    role = "actual"    # "The unemployment rate is improving: It is set to slip below 13%": a forecast
            if same:
                metric, subject = conv.metric, conv.subject
            out.append(to_figure(text, c, role=role, year=year, metric=metric,
                                 subject=_clean_phrase(subject), sentence_start=ss, sentence_end=max(se, c.end)))
        return out

    def _indicator_forecast(self, ctx: Context, c: Candidate, ss: int, se: int, metric: str) -> bool:
        """"it" standing for an indicator (forecast_subject_nouns) before a future or hedged verb in the figure's
        clause: a forecast, an actual (GUIDELINES), unless the sentence names a target, goal or plan."""
        if self.indicator_words is None or not self.indicator_words.search(metric):
            return False
        return bool(_IT_HEDGED.search(ctx.norm, max(ss, c.start - 60), c.start)) and not self.own_goal_re.search(ctx.norm, ss, se)

    def _pronoun_metric(self, ctx: Context, c: Candidate, si: int, ss: int, before: Figure) -> str | None:
        """"…, while in Pakistan's case it is set to hit more than $12bn": "it" in the figure's clause is what the
        figure before (in this sentence or the one before, of the same kind) measured, or the subject a clause
        between them names ("The unemployment rate is improving, too: It is set to slip below 13%")."""
        norm = ctx.norm
        if not _PRONOUN_CLAUSE.search(norm, max(ss, c.start - 60), c.start):
            return None
        lo = ctx.sents[si - 1][0] if si > 0 and ctx.sents else ss
        np_ = None
        for np_ in _SUBJECT_BETWEEN.finditer(norm, max(before.end, lo), c.start):
            pass
        if np_ is not None:
            return ctx.text[np_.start("np"):np_.end("np")]
        if before.metric and before.kind == c.kind and before.start >= lo:
            return before.metric
        return None

    def _action_wins(self, rule: str, action: str) -> bool:
        """The parse's action (agreed to pay, were fined, cutting costs) over a one-word metric of the rules
        that is no noun phrase of what is measured (each, him, a name) or that the action holds in three
        words or fewer (pay, costs); never an action that holds a figure (shed 2.1%)."""
        if " " in rule.strip() or any(ch.isdigit() for ch in action):
            return False
        w = rule.strip()
        if w.lower() in self.metric.flow_nouns:
            return False     # Proceeds from the sale ... raised $2.1bn: a flow opening the sentence is no name
        if w[:1].isupper() or w.lower() in self.action_over:
            return True
        words = action.lower().split()
        return len(words) <= 3 and w.lower() in words

    def _frame_for(self, ctx: Context, si: int, c: Candidate):
        """The latest frame in the same paragraph at or before sentence ``si``."""
        p = self._para_of(ctx, c.start)
        ps, pe = ctx.paras[p] if ctx.paras else (0, len(ctx.norm))
        # a saved page that comes as one line has no paragraphs: a frame then reaches a few sentences only
        reach = LONG_PARAGRAPH_REACH if pe - ps > LONG_PARAGRAPH and ctx.structure.excluded(ps) else None
        best = None
        for fi, year, role, fp in ctx.frames:
            if fp == p and fi <= si and (reach is None or si - fi <= reach or role == "target"):
                best = (fi, year, role)
        return best

    @staticmethod
    def _heading_for(ctx: Context, pos: int):
        """The frame of the section or opening that covers ``pos``, as (None, year, role)."""
        fr = ctx.structure.frame_at(pos)
        if fr.empty:
            return None
        return (None, None if fr.multi else fr.year, fr.role)

    def _own_target_cue(self, ctx: Context, c: Candidate, ss: int) -> bool:
        seg = ctx.norm[ss:c.start]
        return bool(self.target_re is not None and self.target_re.search(seg) and ctx.times.has_deadline(ss, c.end))

    def role(self, ctx: Context, c: Candidate, ss: int, se: int, frame, heading) -> str:
        clause_end = _clause_end(ctx.norm, c.end, min(se, c.end + WINDOW), self.lang)
        before = ctx.norm[max(ss, c.start - WINDOW):c.start]
        if self._is_base(ctx, c):
            return "actual"  # "from £412m now", 由上年的1.02%: the level a change starts from
        if c.kind == "count" and self.lang == "en" and c.value <= 10 and _DEFINITE_BEFORE.search(ctx.norm, max(ss, c.start - 6), c.start):
            return "actual"  # "the two companies would create": a definite count names things that exist
        if c.kind == "count" and c.unit in self.place_units and self.enumerated_re is not None \
                and self.enumerated_re.search(ctx.norm, max(ss, c.start - 60), c.start):
            return "actual"  # 漳州、桂林两城市的附加费将下调: the places listed are counted, whatever is planned for them
        forecast = self._cue_end(ctx, "f", self.forecast_re, ss, se, c.start) is not None or (
            self.forecast_after_re is not None and self.forecast_after_re.match(ctx.norm, c.end, se) is not None)
        if not forecast and self.impersonal_re is not None:
            m = None
            for m in self.impersonal_re.finditer(ctx.norm, ss, c.start):
                pass
            forecast = m is not None and not self.own_goal_re.search(ctx.norm, ss, se)
        if forecast:
            return "actual"  # "analysts expect revenue to reach $9bn": a forecast by someone else
        after = ctx.norm[c.end:clause_end]
        if self.lang == "en":
            # "reached 433.8 billion yuan in 2019 and is expected to double by 2020": the cue after a new
            # predicate belongs to it, not to this figure
            np_ = _NEW_CLAUSE_EN.search(after)
            if np_:
                after = after[:np_.start()]
        t_pos = self._cue_end(ctx, "t", self.target_re, ss, se, c.start,
                              _dash_asides(ctx, ss, se) if self.lang == "en" else ())
        if t_pos is not None and self.lang == "en" and _SUBORDINATE_BETWEEN.search(ctx.norm, ss + t_pos, c.start):
            t_pos = None     # "plans to cut emissions by 40% by 2030, after they fell 3% last year": another clause
        a_pos = self._cue_end(ctx, "a", self.actual_re, ss, se, c.start)
        if a_pos is not None and self.lang == "en" and _CLAUSE_OF_ITS_OWN.search(ctx.norm, ss + a_pos, c.start):
            a_pos = None     # "The deal has been widely expected and the firm will pay $76": another clause's tense
        if t_pos is None and self.target_after_re is not None:
            m = self.target_after_re.search(after)
            if m and not _past_deadline(m.group(0), ctx.dateline):
                t_pos = len(before)
        review = heading is not None and heading[2] == "actual"
        if t_pos is not None and review and not self._future_deadline(ctx, ss, se, heading):
            t_pos = None  # 优于国家考核目标14.6个百分点 in a review: a goal met, not a goal set
        if t_pos is not None and (a_pos is None or t_pos > a_pos):
            return "target"
        if self.weak_target_re is not None and not review and a_pos is None:
            if self.weak_scope == "sentence":
                lo = max(ss, c.start - WINDOW)
                m = None
                for m in self.weak_target_re.finditer(ctx.norm, lo, c.start):
                    pass
                if m is not None and self._ba_done(ctx, m, c, clause_end):
                    m = None
                if m is not None and not (self.past_between_re is not None
                                          and self.past_between_re.search(ctx.norm, m.end(), c.start)):
                    return "target"
                w_end = clause_end
                if self.lang == "en":
                    np_ = _NEW_CLAUSE_EN.search(ctx.norm, c.end, clause_end)
                    w_end = np_.start() if np_ else clause_end
                if self.weak_target_re.search(ctx.norm, c.end, w_end):
                    return "target"  # ("rose 14% on Tuesday after it said it would …": the cue is another clause's)
            elif not self._past_year_before(ctx, ss, c.start):
                clause_start = _clause_start(ctx.norm, c.start, max(ss, c.start - WINDOW), self.lang)
                if any(not (m.end() <= c.start and self._ba_done(ctx, m, c, clause_end))
                       for m in self.weak_target_re.finditer(ctx.norm, clause_start, clause_end)):
                    return "target"
        if frame is not None and frame[2] == "target" and not forecast and not self._own_time_before(ctx, c, ss, frame):
            return "target"  # a list under "By 2024," / "到2025年，" stays a target even in the past tense
        if a_pos is not None:
            return "actual"
        if heading is not None and heading[2] == "target":
            return "target"
        return "actual"

    def _past_year_before(self, ctx: Context, ss: int, pos: int) -> bool:
        """The sentence dates what comes before ``pos`` to a year before the document's (2025年，全市建成5G基站8.5万个
        in a 2026 report): a result, whatever a weak cue (建成…个) says; a deadline (到2025年) is no such date."""
        if ctx.dateline is None:
            return False
        return any(int(m.group("y")) < ctx.dateline for m in _ZH_DATED_YEAR.finditer(ctx.norm, ss, pos))

    def _ba_done(self, ctx: Context, cue: re.Match, c: Candidate, clause_end: int) -> bool:
        """The weak cue is 将 marking the object of an action finished after the figure (本报将…的16所学校的资料进行了
        整理): no future."""
        return self.ba_done is not None and bool(self.ba_done[0].fullmatch(cue.group(0))) \
            and bool(self.ba_done[1].match(ctx.norm, c.end, clause_end))

    def _own_time_before(self, ctx: Context, c: Candidate, ss: int, frame) -> bool:
        """A sentence after the frame's own that dates itself before the figure (去年全市GDP增长5.3%
        after 到2025年底，…): the frame does not reach it (GUIDELINES: another frame comes in between)."""
        if frame[0] >= self._sent_of(ctx, ss):
            return False
        T = ctx.times
        i = bisect.bisect_left(T.starts, ss)
        while i < len(T.exprs) and T.exprs[i].start < c.start:
            t = T.exprs[i]
            if t.end <= c.start:
                if t.kind == "relative" and T.relative_offset(ctx.norm[t.start:t.end]) != 0:
                    return True                   # 去年, last year: another time than the frame's
                if t.kind in ("year", "span", "date") and t.year is not None and t.year != frame[1]:
                    return True
            i += 1
        return False

    @staticmethod
    def _future_deadline(ctx: Context, ss: int, se: int, heading) -> bool:
        """A deadline in the sentence later than the review's year (or the dateline's): a plan
        mentioned inside a review section (到2030年 in a 2025 review)."""
        ref = heading[1] if heading is not None and heading[1] is not None else ctx.dateline
        for t in ctx.times.within(ss, se, periods=False):
            if t.kind in ("deadline", "plan") and t.year is not None and (ref is None or t.year > ref):
                return True
        return False

    @staticmethod
    def _cue_end(ctx: Context, key: str, rx: re.Pattern | None, ss: int, se: int, pos: int,
                 asides: tuple | list = ()) -> int | None:
        """End (relative to the sentence) of the last cue match that ends before ``pos``; matches are
        found once per sentence. A cue inside one of ``asides`` (spans) that does not hold ``pos`` is
        another phrase's ("Growth in output - the main target of government efforts - was 11.5%")."""
        if rx is None:
            return None
        ck = ("cue", key, ss)
        ends = ctx.cache.get(ck)
        if ends is None:
            ends = ctx.cache[ck] = [m.end() for m in rx.finditer(ctx.norm, ss, se)
                                    if not (key == "t" and _past_deadline(m.group(0), ctx.dateline))]
        best = None
        for e in ends:
            if e <= pos:
                if not any(a < e <= b and not a <= pos < b for a, b in asides):
                    best = e - ss
            else:
                break
        return best

    def _parallel_year(self, ctx: Context, c: Candidate, ss: int, base: bool) -> int | None:
        """An undated change (从3826.5亿元增长到4398.6亿元) after one dated at both ends in the same sentence
        (从2020年的3.68万亿元增长到2025年的4.93万亿元): its base (``base``) the first year, the level reached the second."""
        if self.parallel_re is None:
            return None
        lo = c.extra.get("comp_left", c.start)
        reached = not base and self.parallel_end.search(ctx.norm, max(ss, lo - 6), lo) is not None
        if not (base or reached):
            return None                                   # (most figures: neither end of a change)
        cs = _clause_start(ctx.norm, c.start, ss, self.lang)
        if _YEAR_WRITTEN.search(ctx.norm, cs, c.start) or (reached and not _FROM.search(ctx.norm, cs, lo)):
            return None                                   # the clause dates itself, or no 从 opens the change
        m = None
        for m in self.parallel_re.finditer(ctx.norm, ss, cs):
            pass
        if m is None:
            return None
        return int(m.group("y1" if base else "y2"))

    def _is_base(self, ctx: Context, c: Candidate) -> bool:
        if self.base_re is None:
            return False
        lo = c.extra.get("comp_left", c.start)
        m = self.base_re.search(ctx.norm, max(0, lo - 16), lo)
        if m is None:
            return False
        if self.lang == "en" and c.kind == "count" and not _CHANGE_BEFORE_FROM.search(ctx.norm, max(0, m.start() - 40), m.start()) \
                and not re.match(r"\s+to\s+[\d,.]+", ctx.norm[c.end:c.end + 20]):
            return False    # "tourists from 133 countries": where they come from, not the level a change starts from
        return True

    def year(self, ctx: Context, c: Candidate, si: int, ss: int, se: int, role: str, frame, heading) -> int | None:
        """Own sentence first (a deadline for a target), then the frame or heading that governs it."""
        T = ctx.times
        y = T.attached(c)
        if y is not None:
            return None if y == T.ATTACHED_UNKNOWN else y
        own: list[TimeExpr] = T.within(ss, se, periods=True)
        base = self._is_base(ctx, c)
        py = self._parallel_year(ctx, c, ss, base)
        if py is not None:
            return py
        if base:
            # "从1981年到2002年，政府投资从745.9亿元增至18877.4亿元": the base of a change under a span of years that opens
            # a clause before it, with no other year between, is the span's first year (the level reached takes the last)
            m = None
            for m in _SPAN_FRAME.finditer(ctx.norm, ss, c.start):
                pass
            if m is not None and not any(m.end() <= t.start and t.end <= c.start and t.year is not None for t in own):
                return int(m.group(1) or m.group(2))
            # the base of a change has only the year written against it; a part of a year right after it (up from
            # 17.5% in the third quarter) is of the year its sentence names before it (In the fourth quarter of 2004)
            if _PART_OF_YEAR_AFTER.match(ctx.norm, c.end):
                dated = [t for t in own if t.end <= c.start and t.year is not None and t.kind in ("year", "date", "span")]
                if dated:
                    return dated[-1].year
            return None
        before = [t for t in own if t.end <= c.start]
        after = [t for t in own if t.start >= c.end]
        frame_year = None
        if frame is not None and (role != "target" or frame[2] == "target") and not self._own_time_before(ctx, c, ss, frame):
            fi, fy, _ = frame
            if fy is not None and not (fi < si and T.any_between(ctx.sents[fi][1], ss)):
                frame_year = fy
        if role == "target":
            cs = _clause_start(ctx.norm, c.start, ss, self.lang)
            mine = [t for t in before if t.start >= cs and t.year is not None and t.kind in ("year", "deadline", "date")]
            if not any(t.kind == "deadline" for t in mine):
                # "the initiative launched in 2011 aims to cut the price to $0.03/kWh by 2030": the target's own
                # deadline after it, in its clause, over a year the clause gives something else
                ce = _clause_end(ctx.norm, c.end, se, self.lang)
                later = [t for t in after if t.end <= ce and t.kind == "deadline" and t.year is not None]
                if later:
                    return later[0].year
            if mine:
                return mine[-1].year    # 2030年将超过85亿，2080年前后将达到峰值104亿: each clause its own year
            for t in own:
                if t.kind in ("deadline", "plan", "span"):
                    return t.year
            if frame_year is not None and frame[2] == "target":
                return frame_year  # a list under "By 2024," keeps the deadline, whatever its tense
        if before:
            t = before[-1]
            if t.kind == "period" or (t.kind == "plan" and role != "target"):
                return None
            return t.year
        if frame_year is not None:
            return frame_year
        if after:
            t = after[0]
            if role != "target" and (t.start > _clause_end(ctx.norm, c.end, se, self.lang)
                                     or _NEW_PREDICATE.search(ctx.norm, c.end, t.start)):
                return None  # "profits drop 33% and warned that earnings in 2005 ...": another predicate
            return None if t.kind == "period" or (t.kind == "plan" and role != "target") else t.year
        if heading is not None and heading[1] is not None and (role != "target" or heading[2] == "target"):
            return heading[1]
        return None


# a span of years that opens a clause: 从1981年到2002年，
# (and "..., from 2016 to 2019, China's industrial added value rose from 3.7 trillion")
_SPAN_FRAME = re.compile(r"(?:^|(?<=[，,；;：:\n]))\s*(?:(?:从|自)\s*((?:19|20)\d{2})\s*年(?:底|末)?\s*(?:到|至)\s*(?:19|20)\d{2}\s*年(?:底|末)?[，,]|"
                         r"(?:[Ff]rom|[Bb]etween)\s+((?:19|20)\d{2})\s+(?:to|and)\s+(?:19|20)\d{2}\s*,)")
# a part of a year with no year of its own right after a figure: "in the third quarter", "in the first half", "in
# September" (not "in the third quarter of 2003")
_PART_OF_YEAR_AFTER = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:first|second|third|fourth|final|last)\s+(?:quarter|half)|"
                                 r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                                 r"December))\b(?!\s*(?:of\s+)?(?:19|20)\d\d)")

# routes of the parse whose named owner is the subject before the rules are asked (corpus/real dev: NOTES.md)
SUBJ_ROUTES = ("action", "subject", "copula")
_CONVERSION = re.compile(r"\s*[(（]\s*(?:about|around|approximately|roughly|or|约合|折合|合|约)?\s*|\s*[;；,，]\s*")
# the subject of a clause of its own: "the company", "its shares", "they"
_OWN_SUBJECT_EN = r"(?:(?:the|its|their|this|that)\s+[a-z][\w\-]*|it|they|he|she|we)"
# a new predicate after the figure ("and is expected to", "and wants to sell ... by 2030": a shared subject's new goal)
_NEW_CLAUSE_EN = re.compile(r"\b(?:and|but|while|which|as)\s+(?:is|are|was|were|will|would|has|have|had|it|they|is\s+expected|are\s+expected"
                            r"|plans|aims|wants|hopes|intends|seeks|targets)\b"
                            r"|\b(?:after|because|since|when|although|though|before|once)\s+(?:it|they|the|a|an|he|she|its|their|[A-Z]\w+)\b"
                            # "the 2,000 respondents said they would buy online": what is reported is another clause
                            r"|\b(?:said|say|says|told|warned|added)\s+(?:that\s+)?(?:it|they|he|she|we|the)\b"
                            # "rose 5% last year and the company aims to double them by 2025", "reached 1.64 GW and Seoul
                            # plans to install ...": a coordinated clause with a subject and a verb of its own
                            r"|\b(?:and|but|while|whereas)\s+(?:(?:the|its|their|this|that)\s+[a-z][\w\-]*|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})"
                            r"\s+(?:will|would|plans|aims|expects|intends|wants|hopes|is\s+planning|is\s+aiming)\b")
# a subordinate clause with a subject of its own opening between a goal's cue and the figure
_SUBORDINATE_BETWEEN = re.compile(r"\b(?:after|because|since|although|though|whereas)\s+(?:it|they|he|she|we|the|its|their|[A-Z]\w+)\b"
                                  # ... or a coordinated clause with its own subject in the past ("and its shares rose 3%")
                                  r"|\b(?:and|but|while)\s+" + _OWN_SUBJECT_EN + r"\s+"
                                  r"(?:[a-z]+ed|rose|fell|grew|sank|slid|won|lost|hit|sold|paid|made|took|gave|saw|shrank|swung)\b")
# a coordinated clause with a subject and a finite verb of its own, between an earlier cue and the figure
_CLAUSE_OF_ITS_OWN = re.compile(r"\b(?:and|but|while|whereas)\s+" + _OWN_SUBJECT_EN +
                                r"\s+(?:will|would|is|are|was|were|has|have|had|plans|aims|expects|intends)\b")
_NEW_PREDICATE = re.compile(r"\b(?:and|but|while|warned|said|says|may|might|will|would|could|expects?)\b")


_PHRASE_EDGE = re.compile(r"^[^\w“‘\"'《（(【\[]+|[\s，,；;：:、。]+$")


# a clause between the figure before and the "it" that names a subject of its own: "The unemployment rate is improving"
_SUBJECT_BETWEEN = re.compile(r"(?:^|[.;:]\s+)(?:The|the)\s+(?P<np>(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*)\s+"
                              r"(?:is|was|are|were|has|have|had)\b")
# the figure's clause has "it" for its subject: "it is set to hit", "when it fell", "it was trading at"
_PRONOUN_CLAUSE = re.compile(r"(?:^|[,;:]\s*|\b(?:when|while|where|and|but|as|after|before|though|although)\s+)[Ii]t\s+"
                             r"(?:[a-z']+\s+){0,5}(?:(?:about|around|some|nearly|almost|more\s+than|over|below|above|at|to|by)\s+)*$")
# "it" before a future or hedged verb: "It is set to slip below 13%", "it would grow 3%"
_IT_HEDGED = re.compile(r"\b[Ii]t\s+(?:(?:is|was)\s+(?:also\s+|now\s+|still\s+)?(?:set|expected|forecast|projected|predicted|"
                        r"likely|tipped)\s+to|would|will|could|should|may|might)\b")
# a metric that ends with its owner after in/of ("Shares in ACC")
_OWNER_AFTER = re.compile(r"(.*?\w)\s+(?:in|of)\s+(?:the\s+)?")
# a share of something right after the figure ("46% of Virgin Blue")
_SHARE_OF = re.compile(r"\s+of\s+(?!which\b|them\b|those\b)")


def _clean_phrase(p: str | None) -> str | None:
    """A metric or subject without a leading emoji, symbol or punctuation (🎉新增… -> 新增…)."""
    if not p:
        return p
    q = _PHRASE_EDGE.sub("", p)
    return q or None


def _word_end(norm: str, pos: int, limit: int) -> int:
    """The end of the word at ``pos`` (not past ``limit``)."""
    if pos >= limit:
        return limit
    m = re.compile(r"\W").search(norm, pos, limit)
    return m.start() if m else limit


_CHANGE_BEFORE_FROM = re.compile(r"\b(?:up|down|rose|fell|risen|fallen|grew|grown|increased|decreased|dropped|climbed|"
                                 r"jumped|declined|slipped|surged|expanded|shrank|cut|raised|lifted|lowered|reduced|"
                                 r"increase|decrease|rise|fall|drop|growth)\b[^.;]*$", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|both)\s+$", re.IGNORECASE)


def _past_deadline(cue: str, dateline: int | None) -> bool:
    """A deadline cue whose year is before the document's ("by 2019" in a 2020 story): a result reached."""
    m = _CUE_YEAR.search(cue)
    return dateline is not None and m is not None and int(m.group(0)) < dateline


_CUE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# a year that dates a clause (2025年, 截至2025年底), not a deadline (到2025年, 至2025年) nor a base (比2024年)
_ZH_DATED_YEAR = re.compile(r"(?:(?<=截至)|(?<=截止)|(?<![到至比较于\d]))(?P<y>(?:19|20)\d{2})\s*年(?:底|末|全年|上半年|下半年|前三季度)?(?![前后初以代])")


def _is_heading_line(norm: str, s: int, e: int) -> bool:
    """A short line without sentence punctuation at its end (二、2026年主要目标)."""
    ls = norm.rfind("\n", 0, s) + 1
    le = norm.find("\n", e)
    le = len(norm) if le < 0 else le
    line = norm[ls:le].rstrip()
    return 0 < len(line) <= 40 and line[-1] not in "。.！!？?；;"


_YEAR_WRITTEN = re.compile(r"(?:19|20)\d{2}\s*年")
_FROM = re.compile(r"[从由]")


def _clause_start(norm: str, pos: int, limit: int, lang: str) -> int:
    start = limit
    for m in re.compile(r"[，,；;。！？：:]" if lang == "zh" else r"[,;:]|[.!?](?=\s|$)").finditer(norm, limit, pos):
        start = m.end()
    return start


_CLAUSE_END = {"zh": re.compile(r"[，,；;。！？]|[（(]"), "en": re.compile(r"[,;]|[.!?](?=\s|$)|\(")}


def _dash_asides(ctx: Context, ss: int, se: int) -> list[tuple[int, int]]:
    """The sentence's asides between spaced dashes (``segment.dash_asides``), once per sentence."""
    ck = ("asides", ss)
    got = ctx.cache.get(ck)
    if got is None:
        got = ctx.cache[ck] = dash_asides(ctx.norm, ss, se)
    return got


def _clause_end(norm: str, pos: int, limit: int, lang: str) -> int:
    """End of the clause that starts at ``pos``; a parenthesis (537m euros ($701m; £371m) during 2004) is skipped."""
    rx = _CLAUSE_END["zh" if lang == "zh" else "en"]
    while True:
        m = rx.search(norm, pos, limit)
        if not m:
            return limit
        if m.group(0) in "(（":
            close = norm.find(")" if m.group(0) == "(" else "）", m.end(), limit)
            if close < 0:
                return m.start()
            pos = close + 1
            continue
        return m.start()


def _last_pos(rx: re.Pattern | None, s: str) -> int | None:
    """End of the last match (so 完成…目标进度 as an actual cue wins over the 目标 inside it)."""
    if rx is None:
        return None
    pos = None
    for m in rx.finditer(s):
        pos = m.end()
    return pos


def _join(patterns: list[str], flags: int):
    """One regex for a list of cues (``search`` and ``finditer`` as a compiled pattern's; tried only where a
    cue can start: ``patterns.fast``)."""
    if not patterns:
        return None
    return fast(re.compile("|".join(f"(?:{p})" for p in patterns), flags))


@lru_cache(maxsize=None)
def get_linker(lang: str) -> Linker:
    return Linker(lang)


def link_candidates(text: str, norm: str, cands: list[Candidate], *, lang: str,
                    published: str | None = None, structure: Structure | None = None,
                    parses: dict | None = None) -> list[Figure]:
    """Figures with role, year, metric and subject filled in."""
    return get_linker(linker_lang(norm, lang)).link(text, norm, cands, published, structure, parses)


def linker_lang(norm: str, lang: str) -> str:
    """The linker for a text: its language, or for ``mixed`` text the script that dominates it."""
    if lang == "mixed":
        han = sum(1 for ch in norm if "\u4e00" <= ch <= "\u9fff")
        return "zh" if han * 2 > len(norm) * 0.3 else "en"
    return lang
