"""The metric of a figure: the phrase that names what is measured, copied from the text.

Chinese: the noun phrase of the clause before the figure, without the time frame, the subject,
list markers and the verb that introduces the figure (经开区二、三产业总产值力争达到300亿元 ->
二、三产业总产值); for ``X占Y的N%`` it is X. English: the counted phrase of a count; otherwise
the subject noun phrase of the clause (The total R&D expenditure in the region ... is projected
to be 2.74 billion yuan -> total R&D expenditure) or the ``in``/``of`` phrase after the figure
(1.928 billion yuan in financing needs). A clause with nothing of its own (增长7.6%、高于全国1.7个百分点;
a year-on-year increase of 38.3%) takes the metric of the figure before it in the sentence.
"""
from __future__ import annotations

import re

from ..patterns import LangPatterns, alternation

_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?\n（）()]")
_EN_CLAUSE = re.compile(r"[,;:()\n\[\]]|[.!?](?=\s|$|[A-Z])| - |\band\s+(?=(?:will\s+)?[a-z]+(?:ed|s)?\s+(?:in|the|a|an|to|for)\b)")


class ZhMetric:
    def __init__(self, P: LangPatterns):
        L = P.link
        self.verbs_suffix = re.compile("(?:" + alternation(L["metric_verbs"]) + r")+\s*$")
        self.verbs_prefix = re.compile(r"^\s*(?:" + alternation(L["metric_verbs"]) + ")+")
        self.strip_prefix = re.compile(r"^(?:" + alternation(L["metric_strip_prefix"]) + ")+")
        self.strip_suffix = re.compile("(?:" + alternation(L["metric_strip_suffix"]) + r")+\s*$")
        self.generic = set(L["generic_metrics"])
        self.comp_words = re.compile("(?:" + alternation(
            [w for ws in P.context["comparator"]["left"].values() for w in ws]) + r")+\s*$")
        self.time_prefix = re.compile(r"^(?:到|至|截至|在|于)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末|初)?|今年|去年|全年|上半年|前三季度|一季度)+(?:以来)?")
        self.list_mark = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]|[、和及与并])\s*")
        self.share = re.compile(r"^(?P<x>.+?)(?:占|约占|占到)(?P<y>.*)$")
        self.subject_names = re.compile("(?:" + alternation(L["subject_suffixes"]) + ")")

    def metric(self, ctx, c, ss: int, se: int, prev) -> str | None:
        norm = ctx.norm
        if c.rule == "zh.count.big":  # 三大重点工作任务: the counted phrase follows
            m = re.match(r"[\u4e00-\u9fff]{1,10}", norm[c.end:c.end + 10])
            head = c.unit or ""
            if m:
                s = m.group(0)
                k = s.find(head) if head else -1
                return ctx.text[c.end:c.end + (k + len(head) if k >= 0 else len(s))]
            return None
        lo = c.extra.get("comp_left", c.start)
        seg_start = ss
        for m in _ZH_CLAUSE.finditer(norm, ss, lo):
            seg_start = m.end()
        if prev is not None and prev[0].end > seg_start:
            seg_start = prev[0].end
        a, b = seg_start, lo
        phrase = norm[a:b]
        # strip from the left: list markers, time frames, prefixes; from the right: verbs, comparators
        changed = True
        while changed:
            changed = False
            for rx in (self.list_mark, self.time_prefix, self.strip_prefix):
                m = rx.match(phrase)
                if m and m.end() > 0:
                    a += m.end()
                    phrase = phrase[m.end():]
                    changed = True
            for rx in (self.verbs_suffix, self.comp_words, self.strip_suffix):
                m = rx.search(phrase)
                if m and m.start() < len(phrase):
                    b -= len(phrase) - m.start()
                    phrase = phrase[:m.start()]
                    changed = True
        sm = self.share.match(phrase)
        if sm and sm.group("x"):
            b = a + len(sm.group("x"))
            phrase = sm.group("x")
        vm = self.verbs_prefix.match(phrase)
        if vm and vm.end() < len(phrase):
            a += vm.end()
            phrase = phrase[vm.end():]
        phrase = phrase.strip()
        if not phrase or phrase in self.generic or len(phrase) < 2 or not re.search(r"[\u4e00-\u9fff]", phrase):
            if prev is not None and prev[1]:
                return prev[1]
            # the counted noun after the figure: 新增5家国家级企业技术中心
            m = re.match(r"[\u4e00-\u9fff]{2,12}", norm[c.end:c.end + 12])
            return ctx.text[c.end:m.end() + c.end] if m and c.kind == "count" else None
        if len(phrase) > 30:
            a = b - 30
        return ctx.text[a:b].strip() or None


_LEVEL_VERBS = {"reached", "reach", "reaching", "totaled", "totalled", "totaling", "hit", "have", "has", "had", "is", "was",
                "are", "were", "stood"}


def _is_name(phrase: str) -> bool:
    """Capitalised words only (Huangshi Science and Technology City): a subject, not a metric."""
    ws = [w for w in re.findall(r"[A-Za-z][\w\-']*", phrase) if w.lower() not in ("of", "and", "the")]
    return bool(ws) and all(w[0].isupper() for w in ws)


def _extend_pp(norm: str, end: int) -> int:
    """Extend a counted phrase over a following ``for``/``of`` phrase (new projects for innovative talents)."""
    m = re.match(r"\s+(?:for|of)\s+(?:[a-z][\w\-']*\s+){0,4}?[a-z][\w\-']*(?=\s+(?:were|was|are|is|have|has|will)\b)",
                 norm[end:end + 80])
    return end + m.end() if m else end


class EnMetric:
    def __init__(self, P: LangPatterns):
        L = P.link
        self.verbs = set(L["metric_verbs"])
        self.stop = set(L["metric_stop"])
        self.strip_prefix = set(L["metric_strip_prefix"])
        self.generic = set(L["generic_metrics"])

    def metric(self, ctx, c, ss: int, se: int, prev) -> str | None:
        norm, text = ctx.norm, ctx.text
        lo = c.extra.get("comp_left", c.start)
        seg_start = ss
        for m in _EN_CLAUSE.finditer(norm, ss, lo):
            seg_start = m.end()
        if prev is not None and prev[0].end > seg_start:
            seg_start = prev[0].end
        words = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*|-\s*[A-Za-z]+", norm[seg_start:lo]))
        verb_i = next((i for i, w in enumerate(words) if w.group(0).lower() in self.verbs), None)
        subject_np = self._np(words[:verb_i], seg_start) if verb_i else None
        if subject_np is not None and (self._generic(norm[subject_np[0]:subject_np[1]])
                                       or _is_name(norm[subject_np[0]:subject_np[1]])):
            subject_np = None
        if c.kind == "count":
            if c.rule == "en.count.elided" or (verb_i is not None and verb_i == len(words) - 1
                                               and words[-1].group(0).lower() in _LEVEL_VERBS):
                if subject_np is not None:  # The total number of talents ... reached 560,000
                    return text[subject_np[0]:subject_np[1]]
            span = c.extra.get("count_phrase")
            if span:
                return text[span[0]:_extend_pp(norm, span[1])]
            ant = c.extra.get("antecedent")
            return text[ant[0]:ant[1]] if ant else c.unit
        share_verb = verb_i is not None and words[verb_i].group(0).lower().startswith("account")
        if subject_np is not None:
            return text[subject_np[0]:subject_np[1]]
        if verb_i is None and words:
            np_ = self._np(words, seg_start)
            if np_ and not self._generic(norm[np_[0]:np_[1]]) and not _is_name(norm[np_[0]:np_[1]]):
                return text[np_[0]:np_[1]]
        if not share_verb:
            # the phrase after the figure: 1.928 billion yuan in financing needs, 100% of large companies
            m = re.match(r"\s+(?:in|of|for|on)\s+((?:the\s+)?[A-Za-z][\w\-']*(?:\s+(?:and\s+)?[a-z][\w\-']*){0,6})",
                         norm[c.end:c.end + 90])
            if m:
                ws = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*", m.group(1)))
                np_ = self._np(ws, c.end + m.start(1))
                if np_ and not self._generic(norm[np_[0]:np_[1]]):
                    return text[np_[0]:np_[1]]
            if verb_i is not None and verb_i + 1 < len(words):
                # the words between the verb and the figure: "provided support funds of", "cover an area of"
                rest = [w for w in words[verb_i + 1:] if w.group(0).lower() not in self.verbs]
                tail = self._np(rest, seg_start)
                if tail and not self._generic(norm[tail[0]:tail[1]]):
                    return text[tail[0]:tail[1]]
        if prev is not None and prev[1]:
            return prev[1]
        return None

    def _np(self, words, base: int, allow_stop: bool = False):
        """Trim a word list to a noun phrase: drop leading determiners, stop at prepositions."""
        ws = list(words)
        while ws and (ws[0].group(0).lower() in self.strip_prefix or ws[0].group(0).lower().endswith(("'s", "’s"))
                      and ws[0].group(0)[0].islower() is False and len(ws) > 1):
            ws = ws[1:]
        out = []
        for w in ws:
            low = w.group(0).lower()
            if not allow_stop and low in self.stop and out:
                break
            if low in self.verbs and out:
                break
            out.append(w)
        while out and (out[-1].group(0).lower() in self.stop or out[-1].group(0).lower() in self.verbs
                       or out[-1].group(0).lower() in self.strip_prefix):
            out.pop()
        while out and out[0].group(0).lower() in self.stop | self.strip_prefix:
            out = out[1:]
        if not out:
            return None
        if len(out) > 10:
            out = out[-10:]
        return base + out[0].start(), base + out[-1].end()

    def _generic(self, phrase: str) -> bool:
        p = phrase.lower().strip()
        return not p or p in self.generic or all(w in self.generic or w in self.stop for w in p.split())
