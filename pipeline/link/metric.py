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

import bisect
import re

from ..patterns import LangPatterns, alternation
from .segment import SPACED_DASH, dash_asides

_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?\n（）()]")
_EN_CLAUSE = re.compile(r"[,;:()\n\[\]]|[.!?](?=\s|$|[A-Z])| - |\band\s+(?=(?:will\s+)?[a-z]+(?:ed|s)?\s+(?:in|the|a|an|to|for)\b)")


_SHORT_PAREN = re.compile(r"\([A-Za-z][\w&.\- ]{0,10}\)")
_SHORT_PAREN_END = re.compile(r"\([A-Za-z][\w&.\- ]{0,10}\)$")


# a year at the end of a metric phrase (全球人口2030年将超过85亿): the figure's time, not what it measures
_ZH_TRAILING_TIME = re.compile(r"(?<=[\u4e00-\u9fff])[\d０-９]{4}年(?:前后|底|末|初)?$")
# a phrase that is only a time (and a level word): 2050年的, 前后将达到峰值
_ZH_ONLY_TIME = re.compile(r"(?:[\d０-９]{2,4}年)?(?:前后|左右|底|末|初)?(?:将|已|会)?(?:达到|超过)?(?:峰值|高峰)?的?"
                           # (or a time since an event: 党的十八大以来, 改革开放以来; or a span: 近3年, 3年, 五年来)
                           r"|[^，。；、\d]{2,10}以来|(?:近|最近|过去)?[\d一二三四五六七八九十两]{1,2}年(?:来|间)?")


def _clause_before(norm: str, rx: re.Pattern, ss: int, lo: int, window: int, prev) -> int:
    """Start of the clause that ends at ``lo``: after the last clause separator (within ``window``
    characters, not before the sentence start ``ss``) and after the figure before, if any."""
    start = max(ss, lo - window)
    for m in rx.finditer(norm, start, lo):
        ch = m.group(0)
        if ch == "(" and _SHORT_PAREN.match(norm, m.start()) or ch == ")" and _SHORT_PAREN_END.search(norm, max(0, m.end() - 14), m.end()):
            continue            # gross domestic product (GDP) is: a short aside, not a clause boundary
        start = m.end()
    if prev is not None and prev[0].end > start:
        start = prev[0].end
    return start


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
        keep = L.get("metric_keep_prefix") or []
        self.keep_prefix = re.compile("^(?:" + alternation(keep) + ")") if keep else None
        self.time_prefix = re.compile(r"^(?:到|至|截至|在|于)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末|初)?|\d{1,2}\s*月(?:份)?(?:底|末|初)?|今年|去年|全年|上半年|前三季度|一季度|上月|本月|当月|上季度)+(?:以来)?")
        self.list_mark = re.compile(r"^\s*(?:(?:以上|以下|左右|上下)(?=[、和及与并])|[（(]?[一二三四五六七八九十\d]+[）)、.．]|[、和及与并])\s*")
        self.share = re.compile(r"^(?P<x>.+?)" + alternation(L.get("share_words", ["占", "约占", "占到"])) + r"(?P<y>.*)$")
        self.comparison = re.compile(alternation(L.get("comparison_words", ["比"])))
        self.generic_place = re.compile("^(?:" + alternation(L["metric_strip_places"]) + ")")
        self.names = None  # set by the linker: the subject finder's ``names(norm, s, e)``
        self.event_nouns = set(L.get("count_event_nouns", []))
        self.event_units = set(L.get("count_event_units", []))
        self.share_measures = tuple(L.get("share_measure_words", []))
        not_after = L.get("metric_de_after_not") or []
        self.de_after_not = tuple(not_after) if not_after else None
        self.measure_end = re.compile("(?:" + alternation(L.get("metric_measure_endings") or ["率"]) + ")$")
        steps = L.get("metric_threshold_nouns") or []
        self.threshold_re = re.compile("(?:" + alternation(steps) + ")$") if steps else None
        whole = L.get("metric_share_wholes") or []
        self.whole_before = re.compile("(?:" + alternation(whole) + r")\s*(?:的)?\s*(?:约|近|超过|超)?$") if whole else None
        acts = L.get("metric_action_verbs") or []
        self.action_re = re.compile(r"(?P<v>" + alternation(acts) + r")(?P<le>了|到)?(?P<n>[\u4e00-\u9fff]{0,4})$") if acts else None
        grant = L.get("metric_grant_verbs") or []
        self.grant_re = re.compile("(?:" + alternation(grant) + r")\s*(?:约|近|最高|不超过|不低于)?\s*$") if grant else None

    def decisive(self, ctx, c, ss: int, se: int, prev) -> str | None:
        """A metric the surface names outright, over the parse's (Chinese has no parse: none)."""
        return None

    # English has a parse and surface rules that tidy the metric; Chinese keeps its own metric's phrase
    flow_nouns: frozenset = frozenset()

    def tidy(self, ctx, c, ss: int, metric: str) -> str | None:
        return metric

    def implicit(self, ctx, c, ss: int, subject: str | None) -> str | None:
        return None

    def parse_ok(self, ctx, c, ss: int, metric: str) -> bool:
        return True

    def _event(self, ctx, c) -> str | None:
        """A count of people with no noun (2人当选中国工程院院士, 2130人因提前转移避免伤亡) or of a bare generic
        noun (59个产品获得…认证, 6家企业入选…) is named by what they did: the words to the end of the clause."""
        if not self.event_nouns and not self.event_units:
            return None
        norm = ctx.norm
        m = _ZH_EVENT_AFTER.match(norm, c.end)
        if m is None:
            return None
        noun = m.group("n")
        if noun and noun not in self.event_nouns:
            return None
        if not noun and (c.unit or "") not in self.event_units:
            return None
        rest = m.group("r")
        from ..segment import zh_tokens

        toks = zh_tokens(rest[:6])
        if not toks or not (toks[0][1] == "v" or toks[0][0] in ("因", "被")):
            return None
        start = m.start("n") if noun else m.start("r")
        return ctx.text[start:m.end("r")]

    def _share_of_subjects(self, ctx, c, ss: int) -> str | None:
        """A share that opens its clause as the quantifier of its subject, "N%的X + predicate" (北京市71.3%的居民积极
        支持此规定, 所有市州和98%的县市区建成…示范区, 90%以上的组织面临着…问题), is measured by the rest of the clause.
        Not a share that is the object of a verb before it (覆盖全省93%的建制镇) or of a measure word (16.2%的同比增长率)."""
        norm = ctx.norm
        m = _ZH_SHARE_OF_SUBJECT.match(norm, c.end)
        if m is None or m.group("np").startswith(self.share_measures):
            return None
        lo = c.extra.get("comp_left", c.start)
        k = max(norm.rfind(ch, ss, lo) for ch in "，,；;：:。！？\n")
        before = norm[max(k + 1, ss):lo]
        if before.strip():
            from ..segment import zh_tokens

            toks = zh_tokens(before)
            if any(t.startswith("v") and w not in ("有",) for w, t, _ in toks) or len(before) > 12:
                return None          # 覆盖全省93%的建制镇: a verb before the share takes it as its object
        return ctx.text[m.start("np"):m.end()]

    def _noun_phrase_after(self, ctx, c, ss: int) -> str | None:
        """The counted noun after a count (a count of steps counts steps: 跨越3个千亿元台阶)."""
        lo = c.extra.get("comp_left", c.start)
        return self._noun_phrase_at(ctx, c.end, ss, not self.measure_end.search(ctx.norm, max(ss, lo - 8), lo))

    def _noun_phrase_at(self, ctx, pos: int, ss: int, verb_as_noun: bool = False) -> str | None:
        from .subject import sentence_tokens

        si = max(0, bisect.bisect_right(ctx.sent_starts, pos - 1) - 1) if ctx.sents else 0
        toks = sentence_tokens(ctx, si) if ctx.sents else None
        return _zh_noun_phrase_after(ctx.norm, ctx.text, pos, toks, ss, verb_as_noun)

    def _not_threshold(self, phrase: str | None) -> str | None:
        """A step or mark an amount passes (迈上1000亿斤新台阶, 突破百万吨大关) is a figure of speech: what is measured is
        named before the verb."""
        if phrase and self.threshold_re is not None and self.threshold_re.search(phrase):
            return None
        return phrase

    def metric(self, ctx, c, ss: int, se: int, prev) -> str | None:
        inside = self._in_parentheses(ctx, c, ss)
        if inside is not None:
            return inside
        each = self.respectively(ctx, c, ss)
        if each is not None:
            return each
        found = self._metric(ctx, c, ss, se, prev)
        if c.kind in ("money", "percent", "ppt", "quantity") and self.de_after_not is not None:
            # (a metric shared from the figure before, 2.3亿美元的总投资中，以10%的股份, is no phrase of this one)
            after = self._de_after(ctx, c, ss, None if prev is not None and found == prev[1] else found)
            if after is not None:
                return after
        return found

    def respectively(self, ctx, c, ss: int) -> str | None:
        """The i-th figure of a list after a clause that opens with 分别 measures what the i-th of the figures listed
        before it measured (接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: 6.7% is the domestic visitors'
        growth)."""
        norm = ctx.norm
        lo = c.extra.get("comp_left", c.start)
        k = norm.rfind("分别", ss, lo)
        if k < 0 or _ZH_SENTENCE_BREAK.search(norm, k, lo) or k == ss or norm[k - 1] not in "，,":
            return None                # (城乡居民人均可支配收入分别增长: what is measured stands right before 分别)
        spans = ctx.cache.get("figure_spans") or []
        end = _ZH_CLAUSE_END_AFTER.search(norm, k)
        end = end.start() if end else len(norm)
        after = [a for a, _ in spans if k < a < end]
        if len(after) < 2 or c.start not in after:
            return None
        si = bisect.bisect_right(ctx.sent_starts, c.start) - 1 if ctx.sents else 0
        before = [(f, raw) for f, raw in ctx.cache.get("sentence_figures", {}).get(si, []) if f.start < k]
        if len(before) < len(after):
            return None
        raw = before[len(before) - len(after) + after.index(c.start)][1]
        return raw or None

    def _in_parentheses(self, ctx, c, ss: int) -> str | None:
        """A figure alone in parentheses: its label inside them (天都城（占地6579亩）), or the noun phrase the
        parentheses follow (其农业人口比例（8.5%）, 全欧洲的平均水平（8.2%）, 世界上投资最大的（150亿美元）项目, 均小于
        标准值（1毫克/升）): the phrase's last words after a 的, a comparison or a locative, without a superlative."""
        norm = ctx.norm
        lo = c.extra.get("comp_left", c.start)
        m = _ZH_PAREN_OPEN.search(norm, max(ss, lo - 8), lo)
        if m is None or not _ZH_PAREN_CLOSE.match(norm, c.end):
            return None
        label = m.group("l")
        if label:
            return None if label in self.generic else ctx.text[m.start("l"):m.end("l")]
        k = max(norm.rfind(ch, max(ss, m.start() - 24), m.start()) for ch in "，,；;：:。！？!?\n、（）()")
        a, b = max(k + 1, ss), m.start()
        tail = _ZH_SUPERLATIVE_TAIL.search(norm, a, b)
        if tail is not None:
            b = tail.start()
        cut = None
        for cm in _ZH_PAREN_PHRASE_CUT.finditer(norm, a, b):
            cut = cm.end()
        if cut is not None:
            a = cut
        while a < b and norm[a] in "其该这那":
            a += 1
        phrase = norm[a:b]
        if not 2 <= len(phrase) <= 12 or not _ZH_ALL_HAN.fullmatch(phrase) or phrase in self.generic \
                or phrase.endswith(("年", "月", "日")):
            return None
        return ctx.text[a:b]

    def _de_after(self, ctx, c, ss: int, found: str | None) -> str | None:
        """An amount that modifies the noun after it with 的 measures that noun (以10%的股份吸引, 将隧道50%的股权转让给,
        出现13亿英镑的净亏损, 上万元的医疗费), unless the phrase before it already names a measure the amount belongs
        to (总投资410亿元的…项目, 全长3046公里的…屏障, 年吞吐量超过5000万标准箱的世界大港: the noun after is the thing
        measured, its owner), the noun after measures something named elsewhere (以25%左右的速度扩大), or the amount
        is a share of a whole named before it (覆盖全省93%的建制镇)."""
        norm = ctx.norm
        m = _ZH_DE_AFTER.match(norm, c.end)
        if m is None:
            return None
        if found and self.measure_end.search(_ZH_TRAILING_NOT_NOUN.sub("", found)):
            return None
        lo = c.extra.get("comp_left", c.start)
        if self.measure_end.search(norm, max(ss, lo - 8), lo):
            return None                 # 经济总量突破5万亿元的城市: the measure stands right before, its verb between
        if c.kind == "percent" and self._share_of_subjects(ctx, c, ss) is not None:
            return None                 # 89.4%的公园实现24小时开放: the share's subject and its predicate
        if self.whole_before is not None and self.whole_before.search(norm, max(ss, lo - 6), lo):
            return None
        phrase = self._not_threshold(self._noun_phrase_at(ctx, m.end(), ss, True))
        if phrase is None or len(phrase) < 2 or phrase.startswith(self.de_after_not) or phrase in self.generic:
            return None
        return phrase

    def _metric(self, ctx, c, ss: int, se: int, prev) -> str | None:
        norm = ctx.norm
        if c.rule == "zh.count.big":  # 三大重点工作任务: the counted phrase follows
            m = re.match(r"[\u4e00-\u9fff]{1,10}", norm[c.end:c.end + 10])
            head = c.unit or ""
            if m:
                s = m.group(0)
                k = s.find(head) if head else -1
                return ctx.text[c.end:c.end + (k + len(head) if k >= 0 else len(s))]
            return None
        if c.kind == "percent":
            part = self._share_of_subjects(ctx, c, ss)
            if part is not None:    # 98%的县市区建成全国民族团结进步示范区, 约14%的水源地水质不合格
                return part
        if c.kind == "count":
            event = self._event(ctx, c)
            if event is not None:   # 2人当选中国工程院院士, 59个产品获得…认证
                return event
            after = self._noun_phrase_after(ctx, c, ss)
            if after is not None and c.rule == "zh.count.scaled_noun" and c.unit and c.unit in after:
                after = after[:after.index(c.unit) + len(c.unit)]   # 20万各民族家庭(参与活动): the counted noun ends it
            if after is not None:  # 新增9家国家卓越级智能工厂, 三批政策清单, 26个国家和地区
                return after
        lo = c.extra.get("comp_left", c.start)
        seg_start = _clause_before(norm, _ZH_CLAUSE, ss, lo, 120, prev)
        if seg_start > ss and norm[seg_start - 1] in "）)" and (_ZH_LINK_VERB_ONLY.fullmatch(norm, seg_start, lo)
                                                            or _ZH_CHANGE_ONLY.fullmatch(norm, seg_start, lo)):
            # 象山小学鞋款总额（296×32.8）为9708.8元: a parenthesis between the phrase and its verb is skipped
            op = max(norm.rfind("（", max(ss, seg_start - 40), seg_start), norm.rfind("(", max(ss, seg_start - 40), seg_start))
            if op > ss and "\u4e00" <= norm[op - 1] <= "\u9fff":
                seg_start = _clause_before(norm, _ZH_CLAUSE, ss, op, 120, prev)
                lo = op
        if seg_start == lo and lo > 0 and norm[lo - 1] in "）)":
            # 科技创新平台（基地）10家: a short parenthesis closing right before the figure belongs to its phrase
            op = max(norm.rfind("（", max(ss, lo - 14), lo), norm.rfind("(", max(ss, lo - 14), lo))
            if op > ss and "\u4e00" <= norm[op - 1] <= "\u9fff":
                seg_start = _clause_before(norm, _ZH_CLAUSE, ss, op, 120, prev)
        if seg_start > ss and norm[seg_start - 1] in "：:" and not norm[seg_start:lo].strip(" ￥¥$"):
            # 总支出为：￥526,924.40元, 项目总投资：5亿元: the label before the colon names the figure
            lo2 = seg_start - 1
            while lo2 > ss and norm[lo2 - 1] in "为是":
                lo2 -= 1
            label_start = _clause_before(norm, _ZH_CLAUSE, ss, lo2, 40, prev)
            while label_start < lo2 and norm[label_start] in "①②③④⑤⑥⑦⑧⑨⑩ ":
                label_start += 1               # ①生活费用：1500元: the item's number is no part of its label
            if 2 <= lo2 - label_start <= 16:
                seg_start, lo = label_start, lo2
        a, b = seg_start, lo
        phrase = norm[a:b]
        # strip from the left: list markers, time frames, prefixes; from the right: verbs, comparators
        changed = True
        while changed:
            changed = False
            for rx in (self.list_mark, self.time_prefix, self.strip_prefix):
                if self.keep_prefix is not None and self.keep_prefix.match(phrase):
                    break                      # 规模以上工业增加值, 有色冶金: no prefix to strip
                m = rx.match(phrase)
                if m and m.end() > 0:
                    a += m.end()
                    phrase = phrase[m.end():]
                    changed = True
            for rx in (self.verbs_suffix, self.comp_words, self.strip_suffix, _ZH_TRAILING_TIME):
                m = rx.search(phrase)
                if m and m.start() < len(phrase):
                    b -= len(phrase) - m.start()
                    phrase = phrase[:m.start()]
                    changed = True
        bm = _ZH_BASE_TAIL.search(phrase)
        if bm and bm.start() >= 2:
            b -= len(phrase) - bm.start()   # 城镇调查失业率从上半年的5.5%: the base of the change is no part of it
            phrase = phrase[:bm.start()]
            m = self.strip_suffix.search(phrase)
            if m and m.start() >= 2:
                b -= len(phrase) - m.start()   # 劳动年龄人口总量将从2010年的9.7亿: no 将 left before the base
                phrase = phrase[:m.start()]
        if phrase.startswith(("占", "约占")) and prev is not None and prev[1]:
            return prev[1]  # 产值…，占全市规上工业总产值的比重提高到17.2%
        cm = self.comparison.search(phrase)
        if cm:
            head = phrase[:cm.start()].strip()
            if head and head not in self.generic and len(head) >= 2:
                b, phrase = a + cm.start(), head
            elif prev is not None and prev[1]:
                return prev[1]
        sm = self.share.match(phrase)
        if sm and sm.group("x"):
            b = a + len(sm.group("x"))
            phrase = sm.group("x")
        gm = self.generic_place.match(phrase)  # 开发区工业总产值: a generic place in front is not the metric
        if gm and gm.end() < len(phrase):
            a += gm.end()
            phrase = phrase[gm.end():]
        if self.names is not None:  # 经开区二、三产业总产值: the subject in front is not part of the metric
            for na, nb in self.names(ctx, ss):
                if na == a and nb < b:
                    a, phrase = nb, norm[nb:b]
                    break
        km = _COPULA.search(phrase)  # 但主要原因是投资: what follows the copula
        if km and km.end() < len(phrase):
            a += km.end()
            phrase = phrase[km.end():]
        cm = _CONJ.match(phrase)
        if cm and cm.end() < len(phrase):
            a += cm.end()
            phrase = phrase[cm.end():]
        vm = self.verbs_prefix.match(phrase)
        if vm and self.keep_prefix is not None and self.keep_prefix.match(phrase):
            vm = None
        if vm and vm.end() < len(phrase):
            a += vm.end()
            phrase = phrase[vm.end():]
        phrase = phrase.strip()
        if _ZH_ONLY_TIME.fullmatch(phrase):
            phrase = ""                       # 减少到2050年的8.7亿, 2050年前后将达到峰值4.8亿: a time, no metric of its own
        after = _ZH_IS_AFTER.match(norm, c.end) if c.kind in ("money", "percent") and not phrase else None
        if after:
            # 90%即1800元为资助资金, 10%即200元为项目推广执行费用: what the amount is, after 为
            return ctx.text[after.start("x"):after.end("x")]
        if (phrase.startswith("每") or phrase in ("", "按", "为", "是")) and not (not phrase and prev is not None and prev[1]):
            label = _ZH_ITEM_LABEL.search(norm, max(0, lo - 60), lo)
            if label and not re.search(r"[。；\n]", norm[label.end():lo]):
                # 五、遇难人员家属抚慰金：每名遇难者不低于五千元; ①生活费用：…，每月150元: the item's label
                return ctx.text[label.start("l"):label.end("l")]
            head = _ZH_HEADING_BEFORE.search(norm, max(0, a - 40), a) if norm[a:lo].strip() == phrase else None
            if head:
                # 二、捐赠标准⏎2000元／年·人: the numbered heading right above a figure that opens its line
                return ctx.text[head.start("l"):head.end("l")]
        if not phrase or phrase in self.generic or len(phrase) < 2 or not re.search(r"[\u4e00-\u9fff]|[A-Z]{2,}", phrase):
            if prev is not None and prev[1]:
                return prev[1]
            if c.kind in ("quantity", "money") and _PRODUCT_NEXT.match(norm, c.end):
                # 建设8万亩高标准农田, 完成141公里架空线入地和杆箱整治, 20.3亿元以旧换新补贴: nothing named before the
                # amount, the noun phrase after it is what it measures
                after = self._not_threshold(self._noun_phrase_at(ctx, c.end, ss))
                if after is not None:
                    return after
            # the counted noun after the figure: 新增5家国家级企业技术中心
            m = _ZH_COUNTED_AFTER.match(norm, c.end, c.end + 16)
            if not (m and c.kind == "count"):
                return None
            e = m.end(1)
            while e - m.start(1) > 2 and norm[e - 1] in "和与及":
                e -= 1                       # 5个夜间经济人气地标和5个…: the conjunction opens the next item
            return ctx.text[m.start(1):e]
        if c.kind == "quantity" and _PRODUCT_NEXT.match(ctx.norm, c.end):
            # 推动60万吨赖氨酸等项目, 中粮油脂年产60万吨油料: a capacity names its product after it
            after = self._not_threshold(_zh_noun_phrase_after(ctx.norm, ctx.text, c.end))
            if after is not None:
                return after
        if c.kind in ("money", "quantity") and self.grant_re is not None and self.grant_re.search(phrase):
            # 给予30万元补助, 处以2万元罚款, 拿出约3亿元的报销经费: the noun after the amount names it
            m = _GRANT_NOUN.match(ctx.norm, c.end)
            if m:
                return ctx.text[m.start(1):m.end(1)]
        if c.kind == "money" and self.action_re is not None:
            am = self.action_re.search(norm, a, b)
            if am and am.start() > a:
                # 网友李强捐赠了16900元: the donation, not the donor; 捐出善款7980元: what was given
                if len(am.group("n")) >= 2:
                    return ctx.text[am.start("n"):am.end("n")]
                if not am.group("n"):
                    return ctx.text[am.start("v"):am.end("le") if am.group("le") else am.end("v")]
        if phrase.endswith("的") and c.kind in ("money", "quantity"):
            # 对于给北大的9亿元资产, 去年捐的9亿元资产: a phrase that modifies the amount names no metric;
            # the noun right after the amount does
            m = _NOUN_AFTER_AMOUNT.match(norm, c.end)
            if m:
                return ctx.text[m.start(1):m.end(1)]
        if len(phrase) > 30:
            a = b - 30
        while a < b and norm[a] == "的":
            a += 1                           # 全市完成的投资额为50亿元: the verb was stripped, its particle goes too
        return ctx.text[a:b].strip() or None


# a break between 分别 and the figure that ends its list, and where a clause ends
_ZH_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
_ZH_CLAUSE_END_AFTER = re.compile(r"[，,。；;！？!?\n]")
# a figure alone in parentheses, after at most a short label (占地, 全长) and an approximation: （占地6579亩）, （约8.5%）
_ZH_PAREN_OPEN = re.compile(r"[（(](?P<l>[\u4e00-\u9fff]{2,4}?)?(?:约|近|超过|超|逾)?\s*$")
_ZH_PAREN_CLOSE = re.compile(r"\s*(?:左右|以上|以下|多)?[）)]")
# a superlative that ends the phrase before such parentheses: 投资最大的（150亿美元）, 投资最高（118亿元）
_ZH_SUPERLATIVE_TAIL = re.compile(r"最[\u4e00-\u9fff]{1,2}的?$")
# where the phrase before them starts: after a 的, a comparison, a locative or a copula
_ZH_PAREN_PHRASE_CUT = re.compile(r"的|小于|大于|高于|低于|超过|不足|等于|相当于|上|中|是|为")
_ZH_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
# an amount that modifies what follows it: 50%的股权, 9.8%左右的固定补贴, 2.3亿美元的总投资
_ZH_DE_AFTER = re.compile(r"(?:左右|以上|之多|多)?的(?=[\u4e00-\u9fff“])")
# what may follow the last noun of a metric phrase: a duration or a time (优良率连续五年), spaces
_ZH_TRAILING_NOT_NOUN = re.compile(r"(?:连续|累计)?(?:[一二三四五六七八九十两\d]+年|[一二三四五六七八九十两\d]+个月)?\s*$")
# the base of a change at the end of a metric: 从上半年的, 由2020年的, 由每生每年 (a per-unit base)
_ZH_BASE_TAIL = re.compile(r"(?:从|由)(?:[^，。；、]{1,10}?的|每[^，。；、\d]{1,6})$")
# a numbered heading on the line right above the figure, which opens its own line: "二、捐赠标准\n"
_ZH_HEADING_BEFORE = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*"
                                r"(?P<l>[\u4e00-\u9fff]{2,12})\s*\n\s*(?:[约近超逾共]\s*)?$")
# after an amount opening its clause: (即 the same amount in yuan) 为 + what it is, to the end of the clause
_ZH_IS_AFTER = re.compile(r"(?:即[\d０-９.．,，]+[万亿]?元)?为(?P<x>[\u4e00-\u9fff]{2,12})(?=[，。；、（(,;]|$)")
# nothing but a change from a base between a closing parenthesis and the figure: 政府投资(按国有经济口径)从745.9亿元增至
_ZH_CHANGE_ONLY = re.compile(r"\s*(?:从|由)(?:\s*[\d０-９.．,，]+\s*[万亿]*[\u4e00-\u9fff]?\s*"
                             r"(?:增长|增加|提高|上升|下降|减少|增|降|升|减)(?:到|至))?\s*")
# nothing but a linking verb between a closing parenthesis and the figure
_ZH_LINK_VERB_ONLY = re.compile(r"\s*(?:为|是|达|达到|约为|约|共计|合计|总计)?\s*")
# the label of a list item, before its colon: "五、遇难人员家属抚慰金：", "①生活费用：", "2. 住宿补助："
_ZH_ITEM_LABEL = re.compile(r"(?:^|[。；\n])\s*(?:[一二三四五六七八九十]+、|[①-⑩]|[\d０-９]+\s*[、.．])?\s*"
                            r"(?P<l>[\u4e00-\u9fff]{2,12})[：:]")
# the noun after an amount, up to punctuation or a verb-like character: 9亿元资产， 2,000平方米的商铺，
_NOUN_AFTER_AMOUNT = re.compile(r"(?:左右|以上|多)?的?([\u4e00-\u9fff]{2,6}?)(?=[，。；、）)！？,;\s]|$)")
# a Han character right after a quantity that is not a comparator, a particle or a conjunction starts its product
_PRODUCT_NEXT = re.compile(r"(?![以左上下多余的和及与等至到、，。；])[\u4e00-\u9fff]")
# the short noun phrase that closes the clause after a granted amount: 30万元补助。 3亿元的报销经费，
# (over the rest of a range: 处以2万元以上10万元以下罚款)
_GRANT_NOUN = re.compile(r"(?:以上|以下)?(?:[至到—－-]?[\d０-９.．,，]+[万亿]?元(?:以上|以下)?)?的?([\u4e00-\u9fff]{2,8}?)(?=[，。；、）)！？,;\s]|$)")
_OF_PLACE = {"the city", "the region", "the province", "the country", "the county", "the zone", "the park", "the district",
             "the company", "the group", "our city", "this city", "the state"}
_FUNCTION = {"of", "and", "or", "a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
_AUX = {"is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "may", "might",
        "should", "shall", "can", "to", "expected", "projected", "estimated", "set", "due"}
_PARTICIPLE_PREP = {"in", "by", "at", "from", "for", "under", "during", "with", "through", "via", "on", "across", "since"}
_MODAL = {"will", "would", "could", "may", "might", "should", "shall", "can", "to"}
_BEFORE_RELATIVE = re.compile(r"(?:^|[,;:]\s*|\bsaid\s+|\bthat\s+)(?P<np>(?:[\w\-'’]+\s+){0,5}[\w\-'’]+),\s+(?:which|who|that)\b[^.;]*,\s*$")
_CHAIN = {"to", "also", "not", "still", "already", "now", "further", "expected", "projected", "set", "due", "likely",
          "able", "by", "be", "been", "being", "just", "only", "then", "than", "more", "less", "about", "around"}
_NP_LEFT_BOUND = {"and", "but", "while", "whereas", "when", "which", "that", "who", "where", "as", "because", "if",
                  "although", "said", "says", "after", "before", "since", "with"}
_TAKE_AFTER = {"has", "have", "had", "holds", "hold", "owns", "own", "cut", "cuts", "knock", "knocked", "knocks", "shave", "shaved", "add", "added", "adds", "trim", "trimmed",
               "wipe", "wiped", "take", "took"}
_NOT_VERBS = {"interesting", "during", "including", "according", "following", "regarding", "concerning", "building",
              "funding", "spending", "manufacturing", "housing", "processing", "training", "banking", "shipping",
              "marketing", "advertising", "accounting", "engineering", "lending", "borrowing", "earnings", "savings",
              "listed", "limited", "united", "red", "bed", "shed", "seed", "speed", "need", "feed", "hundred",
              "advanced", "detailed", "related", "based", "designated", "skilled", "qualified", "registered",
              "integrated", "specialized", "dedicated", "dilapidated", "renovated", "unemployed", "employed",
              "selected", "leading", "existing", "remaining", "upcoming", "outstanding", "emerging", "rising", "declining",
              "ageing", "aging", "operating", "consuming", "polluting", "offering", "ceiling", "evening", "morning",
              "thing", "nothing", "something", "anything", "everything", "king", "ring", "spring", "string", "wing"}
_PRENOMINAL = re.compile(r"(?:-(?:a|per)-(?:share|head|tonne|barrel|unit|year|month|week|day|night|person)\b)?(?:\s*\([^)]{0,40}\))?\s+(?!(?:that|which|who|whom|whose)\b)(?P<np>(?:(?:[a-z][\w\-']*|[A-Z]{2,4})\s+){0,2}?[a-z][\w\-']*)"
                         r"(?=\s*[,.;:]|\s+(?:is|was|are|were|has|had|will|would|submitted|announced|approved|includes|"
                         r"deal|for|to|that|which|with|in|on|from|by|over|after|against|near|at|across|into|under|since|it|they|"
                         # a time after the noun: "against a $375m (£195.3m) profit a year before"
                         r"a\s+year|the\s+year|last|this|earlier|a\s+month|each|per)\b|\s+[a-z]{3,}ed\b)")
# hedge words between a verb and its share: "account for about", "makes more than"
_HEDGE = r"(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|over\s+|more\s+than\s+|less\s+than\s+|roughly\s+|only\s+|just\s+)?"
# (not "representing"/"constituting": such a participle hangs from the clause before, which the parse reads)
_ACCOUNTS_FOR = re.compile(r"\b(?:account(?:s|ed|ing)?\s+for|represent(?:s|ed)?|constitut(?:e|es|ed))\s+" + _HEDGE + "$",
                           re.IGNORECASE)
_TRAILING_TIME = re.compile(r"\s+(?:in|during|for)\s+(?:the\s+)?(?:(?:first|second|third|fourth|final|last|same)\s+"
                            r"(?:quarter|half|months?)(?:\s+of\s+(?:the\s+year|(?:19|20)\d{2}))?|(?:19|20)\d{2}|"
                            r"(?:full\s+|whole\s+)?year|period)$", re.IGNORECASE)
# a period in front of what is measured (fourth quarter sales, fourth-quarter 2004 profits, first-half pre-tax profit):
# the period is the figure's time, not its metric ("annual", "quarterly" stay: annual savings, Quarterly profits)
_LEADING_TIME = re.compile(r"(?:(?:first|second|third|fourth|final|last)[\s-](?:quarter|half)(?:[\s-](?:19|20)\d{2})?|"
                           r"(?:19|20)\d{2})\s+(?=[a-z])", re.IGNORECASE)
# -ing words that open a phrase of their own after a noun (a $1bn plan including tax cuts)
_ING_PREPOSITIONS = frozenset({"including", "excluding", "following", "regarding", "concerning", "according", "involving",
                               "covering", "facing", "affecting", "leaving", "making", "bringing", "taking", "giving",
                               "raising", "lifting", "pushing", "sending", "valuing", "totalling", "totaling"})
# a number word alone, or a clause with a pronoun for its subject, names nothing measured
_NUMBER_WORDS = re.compile(r"(?i)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|"
                           r"hundreds|thousand|thousands|million|millions|billion|billions)")
_PRONOUN_CLAUSE_METRIC = re.compile(r"(?:It|They|He|She|We|I)\s+[a-z]+")
_POSSESSOR_ONLY = re.compile(r"(?:[A-Z][\w&.\-]*\s+){0,4}[A-Z][\w&.\-]*['’]s?")
# between two figures of one metric: "... and by", ", up from", "from", "compared with", "against"
# verbs that end a noun phrase as nouns far more often ("growth forecast", "price increase", "tax cut")
_NOUN_FIRST = frozenset(("increase", "increases", "rise", "rises", "fall", "falls", "cut", "cuts", "issue", "forecast",
                         "forecasts", "estimate", "estimates", "target", "targets", "offer", "offers", "bid", "bids",
                         "return", "returns", "output", "spending", "result", "results", "decline", "declines", "drop"))
_CONTINUES = re.compile(r"^(?:\s*(?:[A-Za-z]+\s+){0,4}?(?:and|but)\s+(?:by|to)|"
                        r"(?:\s+(?:a|per|each)\s+(?:day|week|month|year|share|head))?"
                        # (a comparative and the period it compares over: "11.8% higher on the year in the last quarter")
                        r"(?:\s+(?:higher|lower|up|down|more|less))?(?:\s+(?:on\s+the\s+(?:year|month|quarter|week|day)|"
                        r"year[\s-]on[\s-]year|on\s+a\s+year\s+earlier))?"
                        # (a time of the figure before: "slip below 13% by the end of the year, down from 20%")
                        # (or right before the comparison: "fell to 3.9% in May from 4.1% in April")
                        r"(?:\s+(?:in|by|during|at|for|over|since)\s+(?:the\s+)?(?:[\w\-']+\s+){0,4}?[\w\-']+"
                        r"(?=\s*,|\s+(?:(?:up|down)\s+)?(?:from|against|compared|versus)\b))?"
                        r"[\s,;]*(?:(?:up|down)\s+)?(?:from|against|compared\s+(?:with|to)|versus|vs\.?)"
                        # a comparison with another period's level: "well above 2003's 9.1%", "against last year's 5%"
                        r"(?:\s+(?:(?:19|20)\d{2}|last\s+year|the\s+previous\s+(?:year|quarter|month))['’]s)?|"
                        r"[^.;]{0,60}?\b(?:above|below|than)\s+(?:(?:19|20)\d{2}|last\s+year|the\s+previous\s+(?:year|quarter|month))['’]s)\s*$")
# a participle clause that moves the level of the figure before: ", slipping to", "next year before recovering to"
_MOVES_ON = re.compile(r"^[^.;:]{0,90}?(?:,\s*|\bbefore\s+)(?:slipping|sliding|rising|falling|climbing|dropping|recovering|"
                       r"rebounding|easing|edging|growing|increasing|decreasing|declining|jumping|surging|slowing|"
                       r"accelerating|picking\s+up|dipping|shrinking|expanding)\s+(?:back\s+)?to\s*$|"
                       # ... or closes the day: "rose 1% on the news before ending Friday 0.24% lower"
                       r"^[^.;:]{0,90}?\b(?:before|after|and)\s+(?:ending|closing|finishing)(?:\s+(?:the\s+)?[\w\-]+){0,2}"
                       r"(?:\s+(?:up|down|at))?\s*$")
# a share's people named before it: "Of Argentina's bondholders, 38.4%", "Of those polled, 60%"
_PEOPLE_FRONT = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=\n))Of\s+(?:the\s+|all\s+|its\s+|their\s+|[A-Z][\w'’.&-]*['’]s?\s+)?"
                           r"(?:[a-z][\w\-]*(?:['’]s)?\s+){0,2}?(?P<n>[A-Za-z][\w\-]*),\s*(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|"
                           r"roughly\s+|just\s+|only\s+|more\s+than\s+)?$")
# what stands between two items of a list by place: "[38.4%] reside in Argentina, [15.6%]", "[5.1%] in Germany and [3.1%]"
_LIST_ITEM_BEFORE = re.compile(r"\s+(?:[a-z]+\s+)?(?P<p>in|at)\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
                               r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
# a determiner (or a possessive) before a figure, with at most one participle between: "the", "a", "its",
# "Deutsche Boerse's proposed"
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|that|this|these|those)|\w['’]s)\s+(?:(?:proposed|planned|expected|estimated|"
                                r"reported|projected|agreed|revised|initial|final|new)\s+)?$", re.IGNORECASE)
_OWN_SHARE_VERB = re.compile(r"\b(?:makes?|made|making|generates?|generated|earns?|earned|derives?|derived|gets?|got)\s+"
                             + _HEDGE + "$", re.IGNORECASE)
_OWN_SHARE_OF = re.compile(r"\s+of\s+(?:its|their|his|her|our|the\s+group's|the\s+company's)\s+"
                           r"(?P<np>(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*)(?=\s+(?:in|from|at|on|abroad|overseas|outside)\b|\s*[,.;])")
# after money: conversions in parentheses, then what it is for or from ("in marketing", "on new aircraft")
_PURPOSE_AFTER = re.compile(r"(?:\s*\([^)]{0,60}\))?\s*(?:a\s+year\s+|a\s+month\s+|annually\s+|each\s+year\s+)?"
                            r"(?:in|on|for|from|to|into|through|by|towards?|via|of)\s+(?!(?:the\s+)?(?:stock\s+market|year|month|"
                            r"next|this|last|coming|first|second|third|fourth)\b)[a-z]", re.IGNORECASE)
# where the clause of "X account for" starts: a semicolon, while/whereas, ", and", ", but", a "that" complement
_CLAUSE_START = re.compile(r";\s*|\b(?:while|whereas)\s+|,\s+(?:and|but)\s+|\b(?:show|shows|showed|said|says|that)\s+(?:that\s+)?")
# a time or place adverbial opening that clause: "in 2019, ", "In the first 10 months, ", and a determiner
_LEADING_ADVERBIAL = re.compile(r"\s*(?:(?:in|during|by|as\s+of|from|on|at|over|for)\s[^,;]{0,40},\s*)?"
                                r"(?:(?:however|nonetheless|nonethless|nevertheless|meanwhile|overall|still|yet|moreover|"
                                r"furthermore|indeed|besides|together|combined|[a-z]+ly),\s*)?(?:the\s+)?", re.IGNORECASE)
_FINITE = {"is", "are", "was", "were", "has", "have", "had", "said", "says", "show", "shows", "showed", "will", "would"}
# a noun phrase and a participle giving its level, right before the figure: "a per capita GDP exceeding"
_LEVEL_PARTICIPLE = re.compile(r"(?P<np>(?:[A-Za-z][\w\-']*\s+){1,6}?)(?:exceeding|reaching|totaling|totalling|topping|"
                               r"surpassing|amounting\s+to)\s+(?:about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+)?$")
# a measure word and its "of" phrase as the subject of a level verb, right before the figure
_MEASURE_OF_SUBJECT = re.compile(r"\b(?P<np>(?:proportion|share|number|rate|ratio|percentage|value|volume|amount)\s+of\s+"
                                 r"[^,;:.()]{1,90}?)\s+(?:stood\s+at|was|were|reached|totaled|totalled|hit|came\s+to|"
                                 r"amounted\s+to)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|"
                                 r"more\s+than\s+|just\s+)?$", re.IGNORECASE)
# the first word of a clause, past a determiner
_FIRST_WORD = re.compile(r"\s*(?:(?:the|its|their|a|an|total|net|annual)\s+)*([A-Za-z]+)", re.IGNORECASE)
# "<verb> <object> by N": "cuts pay by nearly 10%", "cutting costs by $300m"
_VERB_OBJECT_BY = re.compile(r"\b(?:cut|cuts|cutting|raise[sd]?|raising|increase[sd]?|increasing|reduce[sd]?|reducing|"
                             r"boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|lower(?:s|ed|ing)?|trim(?:s|med|ming)?|slash(?:es|ed|ing)?)\s+"
                             r"(?!(?:it|them|this|that|its|their|the|a|an)\s+by\b)(?P<np>(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*)\s+by\s+"
                             r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|up\s+to\s+|as\s+much\s+as\s+)?$")
# the object of a deal's verb is a name (Yugansk, the Russian government): the verb names the price
_NAMED_OBJECT = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[a-z][\w\-]*\s+){0,5}?[A-Z“\"]")
_PASSIVE_AGENT = re.compile(r"\s+by\s")
_FOR_NEXT = re.compile(r"\s+for\s")
_RELATIVE_OBJECT = re.compile(r"\b(?:which|that)\s+(?:it|they|he|she|we)\s+(?:had\s+|has\s+|have\s+)?$")
_AGREED_TO = re.compile(r"\b(?:agreed|agrees|agree|offered|offers|plans|planned|wants|intends)\s+to\s+$")
# verbs (not in -ed) that take an object in a clause a metric may swallow: "It leaves GDP", "news sent shares"
_CLAUSE_VERBS = {"sent", "sends", "leaves", "left", "saw", "sees", "made", "makes", "gave", "gives", "took", "takes",
                 "puts", "got", "gets", "announced", "reported", "posted", "recorded", "booked", "unveiled"}
# units the parse may hang a figure from, which measure nothing themselves
_UNIT_PHRASES = {"percentage points", "percentage point", "points", "point", "percent", "per cent", "basis points",
                 "cents", "cent", "pence", "penny"}
# an adverbial opening a sentence, up to its comma: "Despite the dip in profits,", "After a weak first half,"
_OPENING_ADVERBIAL = re.compile(r"\s*(?:Despite|Although|Though|While|After|Before|Because\s+of|Due\s+to|Since|Unlike|Like|"
                                r"Following|Amid|Besides|Given|Apart\s+from|Aside\s+from|In\s+spite\s+of|Thanks\s+to)\b[^,;]{1,80},")
# the start of a clause before a share: a comma or semicolon (and/while), or "Among the participants,"
_CLAUSE_OPENS = re.compile(r"(?:[,;]\s*(?:and\s+|while\s+|but\s+)?|\s(?:and|while|but)\s+|^\s*)(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|"
                           r"over\s+|more\s+than\s+|less\s+than\s+|only\s+|just\s+)?$")
# the copula and the noun phrase after a share: "are professionals", "were from government sectors and state-owned
# enterprises" (a base, "of the total", or a change, "were up", is something else)
_SHARE_IS = re.compile(r"\s+(?:are|were|is|was)\s+(?:from\s+)?(?:(?:the|their|its)\s+(?!same\b))?(?!(?:up|down|higher|lower|more|less|expected|likely|due|"
                       r"set|from|in|of|at|to|the\s+same)\b)(?P<np>(?:[a-z][\w\-']*\s+){0,7}?[a-z][\w\-']*)"
                       r"(?=\s*[,.;]|\s+(?:while|but|whereas)\b|\s+and\s+(?:about\s+|some\s+|nearly\s+)?\d)")
# a flow noun with up to three modifiers, then "of" right before a count: "worldwide annual sales of"
_MEASURE_OF = re.compile(r"(?<![\w\-])(?P<np>(?:(?!(?i:with|has|have|had|an|a|the|its|their|his|her|of|and|in|on|for|to|is|was|are|were|"
                         r"by|at|from)\b)[A-Za-z][\w\-]*\s+){0,3}(?P<h>[A-Za-z]+))\s+of\s+(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+|"
                         r"more\s+than\s+|around\s+)?$")
# "of" and the noun phrase after a classifier noun, up to punctuation, a preposition or a verb-like word
_CLASSIFIED = re.compile(r"\s+of\s+(?:(?:the|its|their)\s+)?(?:(?!(?:in|on|at|to|for|from|with|by|that|which|and|or|were|was|are|is|have|has|had|this|last|next|each|every|per|a|an|the|its|their)\b)[a-z][\w\-']*\s*){1,5}(?<!\s)")
# a relative clause whose subject is "which" and whose verb governs the figure: "the Brazilian economy, which could
# grow by as much as", "the US currency, which had lost"
_RELATIVE_LEVEL = re.compile(r"(?P<np>(?:[\w'’\-]+\s+){0,3}[\w'’\-]+),\s+which\s+(?:(?:could|would|will|may|might|has|have|"
                             r"had|is|are|was|were|also|now|already|then|still)\s+){0,2}(?P<v>[a-z]+)\s+(?:by\s+)?"
                             r"(?:(?:as\s+much\s+as|as\s+little\s+as|about|around|some|nearly|almost|more\s+than|less\s+than|"
                             r"over|up\s+to|just)\s+)?$")
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
_PREPOSITIONS = frozenset({"of", "in", "on", "at", "by", "for", "from", "to", "with", "about", "over", "into", "than"})
_NP_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
_PRENOMINAL_PP = re.compile(r"\s+(?:in|of|on|for)\s+(?:(?:the|its|their|his|her)\s+)?(?:[a-z][\w\-']*\s+){0,2}"
                            r"[a-z][\w\-']*(?=\s*[,.;:]|\s+(?:is|was|are|were|has|had|will|would|that|which)\b)")
# what a change noun after a figure is a change in: "slip in High Street sales during November", "jump in quarterly
# sales, and"
_CHANGED_WHAT = re.compile(r"\s+(?:in|of)\s+(?:(?:the|its|their)\s+)?(?P<np>(?!(?:the|its|their|this|last|next)\b)"
                           r"[A-Za-z][\w\-']*(?:\s+(?!(?:during|in|on|at|for|from|to|by|as|and|or|which|that|compared|"
                           r"than|since|after|before|over|between|with|among|this|last|next)\b)(?![a-z]+(?:ed|en)\b)[A-Za-z][\w\-']*){0,3})(?=\s*[,.;:)]|\s+[a-z]|\s*$)")


def _after_re(change_nouns) -> re.Pattern:
    """The phrase after a figure: "in financing needs", a change noun and its "in/of" phrase ("drop in profits")."""
    return re.compile(r"\s+(?:(?P<chg>" + alternation(change_nouns) + r")\s+)?"
                      r"(?:in|of|for|on|off|from)\s+(?!having\b|being\b|each\b|(?:this|next|last|the\s+(?:(?:first|second|third|fourth|final|last|same)\s+)?(?:year|quarter|half|month|period|week))\b|(?:19|20)\d\d\b)(?P<np>(?:the\s+|its\s+|their\s+)?[A-Za-z][\w\-']*"
                      r"(?:\s+(?:and\s+)?[a-z][\w\-']*){0,6})", re.IGNORECASE)


# before the verb of a count of people: where they are, and an aside between dashes
_EVENT_PLACE = re.compile(r"(?:\s+(?:in|across|from|throughout|of)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})?"
                          r"(?:\s+[-–—]\s+[^-–—.;]{1,30}?\s+[-–—])?(?=\s)")
_BE = {"are", "is", "were", "was", "be", "been", "being"}
# an adverb in -ly (not rely, apply, supply, reply, fly)
_ADVERB_LY = re.compile(r"(?![a-z]*(?:ply|rely|fly)$)[a-z]{3,}ly")
# what a market report moves when it names only the company ("Corus fell 2.2%")
_SHARE_WORD = re.compile(r"\b(?:[Ss]hare\s+prices?|[Ss]hares|[Ss]tock\s+prices?|[Ss]tocks)\b")
# a verb's own preposition, which its predicate keeps, and what ends the preposition's object
_OWN_PREPOSITIONS = frozenset({"on", "in", "below", "above", "under", "from", "for", "with", "into", "out", "at", "to"})
_PREDICATE_END = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "-", "–", "—", "and", "but", "which", "that", "who",
                            "while", "whereas", "compared", "since", "after", "before", "when", "as", "according"})


def _tagged_verb(ctx, ss: int, pos: int) -> bool:
    """The parse of the sentence at ``ss`` tags the word at ``pos`` as a finite verb (no parse: no)."""
    doc = ctx.parses.get(ss) if ctx.parses else None
    if doc is None:
        return False
    tok = next((t for t in doc if t.idx == pos - ss), None)
    return tok is not None and tok.tag_.startswith("VB") and tok.tag_ not in ("VBG", "VBN")


def _dash_aside_before(norm: str, ss: int, start: int) -> tuple[int, int] | None:
    """The aside between two spaced dashes, or a connective between commas ("The current account deficit,
    meanwhile, hit …"), that ends right at ``start`` (the clause goes on after it), as (its opening, its end), or
    None."""
    m = _COMMA_ASIDE.search(norm, max(ss, start - 30), start)
    if m is not None:
        return m.start(), start
    if start < 3 or not SPACED_DASH.fullmatch(norm, start - 3, start):
        return None
    return next(((a - 3, start) for a, b in dash_asides(norm, max(ss, start - 126), start) if b == start - 3), None)


# a connective between commas, which the clause goes on past
_COMMA_ASIDE = re.compile(r",\s*(?:meanwhile|however|though|too|also|by\s+contrast|in\s+contrast|in\s+turn|for\s+example|"
                          r"for\s+instance|for\s+its\s+part|for\s+their\s+part|in\s+particular|as\s+a\s+result|in\s+addition|"
                          r"moreover|meantime|in\s+the\s+meantime|overall|together|combined),\s*$", re.IGNORECASE)
# a verb of the lexicons used as a noun after these words: "current account deficit", "capital account"
_NOUN_AFTER = {"account": ("current", "capital", "bank", "savings", "trading"),
               "accounts": ("current", "capital", "bank", "savings", "trading")}


def _noun_use(low: list[str], i: int) -> bool:
    before = _NOUN_AFTER.get(low[i])
    return bool(before) and i > 0 and low[i - 1] in before


_FRONTED_AT = re.compile(r"\s*(?:[\"“‘]\s*)?at\s+(?:just\s+|about\s+|around\s+|nearly\s+)?", re.IGNORECASE)
_SUBJECT_AFTER_COMMA = re.compile(r"\s*,\s*(?:the\s+|its\s+|their\s+)?(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s+"
                                  r"(?:remains?|remained|was|is|were|are|stands?|stood|has|have|had|stays?|stayed)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&\-]*")
_PRONOUN_TAIL = {"it", "they", "them", "this", "these", "those", "which"}
# words before such a pronoun that are no noun it could follow ("in Pakistan's case it", "said last week it")
_NO_ANTECEDENT = {"case", "terms", "instance", "example", "week", "month", "year", "day", "time", "quarter", "night",
                  "morning", "evening", "now", "then", "nevertheless", "nonetheless", "however", "yet"}
_ASIDE_LEAD = {"at", "up", "down", "about", "around", "some", "nearly", "almost", "just", "over", "by", "roughly"}


def _describes_figure(norm: str, a: int, b: int, lo: int) -> bool:
    """Words right before the figure that describe the figure itself, not what it measures: an adjective
    after an article ("grew by a breakneck 9.5%", "rose a whopping 40%") or a possessor ("above 2003's 9.1%")."""
    if norm[b:lo].strip():
        return False
    phrase = norm[a:b]
    if phrase.endswith(("'s", "’s")):
        return True
    return " " not in phrase and _ARTICLE_BEFORE.search(norm, max(0, a - 4), a) is not None


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def _ends_with_name(words) -> bool:
    """Dutch firm Heineken: a phrase that ends in a capitalised word after a common noun names the actor,
    not the metric ("Trade with ASEAN" is a metric: a preposition comes before the name)."""
    if not words or not words[-1].group(0)[:1].isupper() or len(words) > 4 or len(words) < 2:
        return False
    before = words[-2].group(0)
    return before[:1].islower() and before.lower() not in ("with", "of", "in", "from", "to", "for", "and", "by", "on")


# words before "at" that say how a level stood, not what it measures ("Revenue was flat at €141bn")
_LEVEL_ADJECTIVES = {"flat", "steady", "stable", "unchanged", "high", "low", "higher", "lower", "firm", "level", "constant",
                     "record", "peak", "little", "much", "down", "up", "out", "set", "put", "priced", "valued", "estimated"}
_LEVEL_VERBS = {"reached", "reach", "reaching", "totaled", "totalled", "totaling", "hit", "have", "has", "had", "is", "was",
                "are", "were", "stood"}


def _is_name(phrase: str) -> bool:
    """Capitalised words only (Huangshi Science and Technology City): a subject, not a metric.

    A single capitalised word (Exports, Revenue: a sentence start) and a possessive followed by more
    words (China's GDP) are not names; acronyms (GDP, R&D) do not make a phrase a name."""
    ws = [w for w in re.findall(r"[A-Za-z][\w\-'’&]*", phrase) if w.lower() not in ("of", "and", "the")]
    if len(ws) < 2 or re.match(r"\s*[A-Z][a-z]+[^s\W]s\s+of\s", phrase):
        return False            # (Shares of Airbus, Members of the Bank: a plural noun and "of" open no name)
    if any(w.endswith(("'s", "’s")) for w in ws[:-1]):
        return False
    words = [w for w in ws if not (w.isupper() and len(w) <= 5)]
    return len(words) >= 2 and all(w[0].isupper() for w in words)   # Shares of IPC: one word left


def _extend_pp(norm: str, end: int) -> int:
    """Extend a counted phrase over a following ``for``/``of`` phrase (new projects for innovative talents)."""
    m = re.match(r"\s+(?:for|of)\s+(?:[a-z][\w\-']*\s+){0,4}?[a-z][\w\-']*(?=\s+(?:were|was|are|is|have|has|will)\b)",
                 norm[end:end + 80])
    return end + m.end() if m else end


def _extend_kind(norm: str, end: int) -> int:
    """Extend a counted phrase over an of/from/via/with phrase that says what is counted ("ambassadors of Central and
    Eastern European nations", "trips via its land-sea freight routes"), not one that holds a time or a number."""
    m = _COUNT_PP.match(norm, end)
    return end if m is None or _COUNT_PP_NOT.search(m.group(0)) else m.end()


# a prepositional phrase after a counted noun, to the end of the clause, a verb or a time: "ambassadors of Central and
# Eastern European nations", "trips via its land-sea freight routes in the first 10 months", "panels from the house."
# (not one that holds a time, a duration or a number: "new cases for nine consecutive days", "on Nov. 16")
_COUNT_PP_NOT = re.compile(r"\d|\b(?:days?|weeks?|months?|years?|quarters?|hours?|minutes?|just|one|two|three|four|five|six|"
                           r"seven|eight|nine|ten|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
# of/from/via/with only: "in", "for", "on" and "at" open places, times and purposes far more often than the kind of the
# thing counted ("jobs at its Manchester base", "companies for their role in", "banks on a possible offer")
_COUNT_PP = re.compile(r"\s+(?:of|from|via|with)\s+(?:(?:the|its|their|a|an)\s+)?"
                       r"(?:[A-Za-z][\w\-']*\s+){0,5}?[A-Za-z][\w\-']*"
                       r"(?=\s*[,.;:)]|\s+(?:were|was|are|is|have|has|had|will|would|joined|in|on|at|this|last|since|"
                       r"during|so\s+far)\b)")


# money named by what it is the worth of: "$125 billion worth of Chinese goods", "$20bn worth of goods from China" (to
# the clause's end, a verb, a time or a place phrase), "a bid worth $6.8bn", "The first vouchers, worth £250"
_WORTH_OF = re.compile(r"\s+(?P<np>worth\s+of\s+(?:(?:the|its|their)\s+)?(?:[A-Za-z][\w\-'’]*\s+){0,4}?[A-Za-z][\w\-'’]*)"
                       r"(?=\s*[,.;:)!?]|\s*$|\s+(?:are|is|were|was|have|has|had|will|would|that|which|imposed|in|on|"
                       r"at|into|since|during|a|per|each|this|last|next)\b)")
_WORTH_BEFORE = re.compile(r"(?P<np>(?:[A-Za-z][\w\-'’]*\s+){0,4}[A-Za-z][\w\-'’]*)\s*,?\s+worth\s+(?:(?:about|around|some|roughly|nearly|"
                           r"almost|over|more\s+than|less\s+than|up\s+to|as\s+much\s+as|at\s+least|an\s+estimated)\s+)?$")
# (besides _FUNCTION and _AUX)
_WORTH_STOP = {"other", "first", "last", "new", "more", "each", "all", "some", "any", "with", "in", "for", "by", "on"}


# a figure alone in parentheses: "in-feed units (30%)"
_PARENTHESIZED = re.compile(r"\(\s*$")
_CLOSING = re.compile(r"\s*\)")
_FIGURE_BEFORE = re.compile(r"[\d$£€¥%]\S*\s*$")


# a short restrictive clause after a counted noun says which of them are counted, and the annotators copy it with the
# noun: "10 million users who activated their accounts", "28 people who he came into contact with", "three countries
# where the plague still circulates", "two areas specifically targeted by the new veto law", "three diseases caused by
# the bacterium" (to the clause's end, a verb of the sentence or a time or place phrase, at most six words, no time or
# number; not "which", which opens an aside)
_COUNT_RESTRICTIVE = re.compile(r"\s+(?:(?:who|that|where|whose)\s+|(?:[a-z]+ly\s+)?[a-z]+ed\s+by\s+)"
                                r"(?:[A-Za-z][\w\-'’]*\s+){0,5}?[A-Za-z][\w\-'’]*"
                                r"(?=\s*[,.;:)!?]|\s*$|\s+(?:are|is|were|was|have|has|had|will|would|last|this|next|on|"
                                r"in|at|since|during)\b)")


def _words_back(ws: list[re.Match], stop) -> list[re.Match]:
    """The words at the end of ``ws``, last first, back to the first for which ``stop(word, lower-cased word, kept so
    far)`` holds."""
    keep: list[re.Match] = []
    for w in reversed(ws):
        if stop(w, w.group(0).lower(), keep):
            break
        keep.append(w)
    return keep


_COPULA = re.compile(r"^.*(?:是|系|即为)")
_CONJ = re.compile(r"^(?:但是?|而且?|并且?|同时|此外|另外|也|还|又|就|则|都)")
_NOUNISH = ("n", "vn", "nz", "nt", "ns", "j", "l", "b", "an", "ng", "nrt", "nrfg", "eng")
# a brand or model written in Latin letters inside a counted phrase: SK-II, iPhone, GL8
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# what follows a counted noun that jieba mis-tags: a particle or an adverb of its predicate (两个层次/m 的, 这两种提法/v 都)
_ZH_ADVERB_ENDERS = frozenset({"的", "都", "也", "均", "已", "将", "正", "还"})
# ... or punctuation, where the word is no verb (人民币利率7次下调，: a predicate; 4次回信、: a noun)
_ZH_NOUN_ENDERS = _ZH_ADVERB_ENDERS | frozenset("，。；：、\n")


# levels listed before the noun they share: 国家级、4个自治区级 (区域医疗中心), 世界级、7个国家级、9个区域级 (产业集群)
_ZH_LEVEL_LIST = re.compile(r"[\u4e00-\u9fff]{1,5}级(?:[、和与及](?:[\d０-９一二三四五六七八九十两]+[个家所座处])?"
                            r"[\u4e00-\u9fff]{1,5}级)+")


def _zh_noun_phrase_after(norm: str, text: str, pos: int, sent_toks=None, sent_start: int = 0,
                          verb_as_noun: bool = False) -> str | None:
    """The noun phrase right after a classifier (jieba tags), up to a verb, a particle or punctuation.
    ``verb_as_noun``: a first word jieba tags as a verb that closes the clause is the counted noun (4次回信、,
    作出四条决定：); not where a measure stands before the count (人民币利率7次下调: a predicate)."""
    from ..segment import zh_tokens

    skip = _ZH_COMPARATOR_AFTER.match(norm, pos)
    if skip:                                 # 20个以上“好房子”示范项目: the noun after the comparator
        pos = skip.end()
        sent_toks = None
    levels = _ZH_LEVEL_LIST.match(norm, pos)
    if levels:                               # 4个国家级、4个自治区级区域医疗中心: the list's noun counts each level
        pos = levels.end()
        sent_toks = None
    m = re.match(r"[“”\u4e00-\u9fffA-Za-z0-9+（）()、和与及\-]{1,30}", norm[pos:pos + 30])
    if not m:
        return None
    toks = None
    if sent_toks is not None:  # reuse the sentence's segmentation when a token starts right at pos
        rel = pos - sent_start
        for k, (w, tag, off) in enumerate(sent_toks):
            if off == rel:
                toks = [(w2, t2, o2 - rel) for w2, t2, o2 in sent_toks[k:k + 12] if o2 - rel < len(m.group(0))]
                break
            if off > rel:
                break
    if toks is None:
        toks = zh_tokens(m.group(0))
    end = 0
    seen_noun = False
    if toks and toks[0][0] in ("、", "，", "和", "与", "及", "等"):
        return None  # 1426家、农民专业合作社: the noun belongs to the next item
    quote_end = -1
    for i, (w, tag, off) in enumerate(toks):
        if off < quote_end:
            continue                         # inside a quoted name
        # (not 事项“全区通办”: a quotation after the noun says what is done to it; “保交楼”“保交房”: one after another)
        if w == "“" and (not seen_noun or off == quote_end):
            close = norm.find("”", pos + off + 1, pos + off + 18)
            if close > 0:
                # “沪派江南”风貌保护传承试点: a quoted name is one word of the phrase, whatever jieba made of it
                quote_end = close - pos + 1
                end = quote_end
                seen_noun = True
                continue
        if w in ("、", "和", "与", "及") and seen_noun and i + 1 < len(toks) and toks[i + 1][1].startswith(_NOUNISH):
            continue
        if w == "级" and seen_noun and i + 1 < len(toks) and toks[i + 1][1].startswith(_NOUNISH):
            continue                         # 自治区/级 区域医疗中心: a level word that jieba cut from its noun
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # jieba's tags after a classifier are often wrong: a verb before a noun modifies it (one character at the
        # start, 拦/v 污设施; two characters that are no predicate, 38项相关/v 法律, 12支SK-II涉案/v 产品), a brand or
        # model in Latin letters names the thing (SK-II), and a first word before 的, punctuation or an adverb is the
        # counted noun whatever its tag (两个层次/m 的, 这两种提法/v 都)
        lead_verb = tag == "v" and nxt is not None and (
            (i == 0 and len(w) == 1 and nxt[1].startswith(_NOUNISH))
            or (len(w) == 2 and nxt[1] in ("n", "nz") and w not in _ZH_PREDICATES
                and (i == 0 or all(_LATIN_WORD.fullmatch(t[0]) or t[0] == "-" for t in toks[:i]))))
        latin = bool(_LATIN_WORD.fullmatch(w)) or (w == "-" and seen_noun and nxt is not None and _LATIN_WORD.fullmatch(nxt[0]))
        if i == 0 and not seen_noun and len(w) == 2 and "\u4e00" <= w[0] <= "\u9fff" and w not in _ZH_PHRASE_STOP \
                and ((tag == "m" and (nxt is None or nxt[0] in _ZH_NOUN_ENDERS))
                     or (tag == "v" and nxt is not None
                         and nxt[0] in (_ZH_NOUN_ENDERS if verb_as_noun else _ZH_ADVERB_ENDERS))):
            seen_noun = True
            end = off + len(w)
            break
        if latin:
            seen_noun = True
            end = off + len(w)
            continue
        # 16所偏远/d 山区学校: jieba tags some two-character adjectives as adverbs; one before a noun modifies it
        lead_adverb = not seen_noun and tag == "d" and len(w) >= 2 and i + 1 < len(toks) and toks[i + 1][1].startswith(_NOUNISH)
        if w in ("“", "”") or tag.startswith(_NOUNISH) or lead_verb or lead_adverb or \
                (tag in ("a", "m", "q", "x") and not seen_noun and w not in "，。"):
            if tag.startswith(_NOUNISH):
                seen_noun = True
            end = off + len(w)
            continue
        break
    if not seen_noun or end < 2:
        return _zh_verb_led_phrase(norm, text, pos, toks)
    tail = _zh_compound_tail(norm, pos, toks, end)
    end = tail if tail != end else _zh_predicate_bounded(norm, pos, toks, end)
    while end > 2 and text[pos + end - 1] in "和与及、":
        end -= 1                             # 5个夜间经济人气地标和5个…: the conjunction opens the next item
    return text[pos:pos + end]


def _zh_compound_tail(norm: str, pos: int, toks, end: int) -> int:
    """A counted phrase that goes on over modifiers jieba tags as verbs or adjectives to a last noun that closes the
    clause: 9个农业产业强/a 镇, 300个乡村全民健身/v 提升/v 工程, 3条新能源装备制造/v 完整/a 产业链 (not 5个项目开工建设,
    3家企业获得认证: a predicate verb, or no plain noun at the end)."""
    k = next((i for i, t in enumerate(toks) if t[2] == end), None)
    if k is None:
        return end
    run = toks[k:k + 4]
    for j, (w, tag, off) in enumerate(run):
        if tag.startswith("n") and tag != "nr" and j > 0:
            stop = off + len(w)
            if all(t[1] in ("a", "b") for t in run[:j]):
                for w2, tag2, off2 in toks[k + j + 1:k + j + 3]:   # 国家先进/a 制造业 集群: nouns on to the clause's end
                    if not (tag2.startswith("n") and tag2 != "nr") or off2 != stop:
                        break
                    stop = off2 + len(w2)
            if stop <= 14 and (stop >= len(norm) - pos or _ZH_CLAUSE_END.match(norm, pos + stop)):
                return stop
            return end
        if tag not in ("v", "a", "vn", "b") or w in _ZH_PHRASE_STOP or w in _ZH_PREDICATES:
            return end
    return end


def _zh_predicate_bounded(norm: str, pos: int, toks, end: int) -> int:
    """A counted phrase that runs on over words jieba tags as verbs, levels, numerals or conjunctions to a last noun
    right before its predicate (100个乡村振兴/v 示范村 创建, 256家二级/b 及以上/f 公立/v 医疗机构 实现, 80余家央企二/m 三级公司
    布局): taken to that noun when the predicate is one a count takes (``_ZH_PREDICATES``) and the phrase stays short."""
    k = next((i for i, t in enumerate(toks) if t[2] == end), None)
    if k is None:
        return end
    last = None
    for w, tag, off in toks[k:k + 8]:
        if off + len(w) > 16:
            break
        if tag.startswith("n") and tag != "nr" and len(w) >= 2:
            last = off + len(w)
            continue
        if w in _ZH_PREDICATES or w in "，。；：、\n":
            if last is not None and (w in _ZH_PREDICATES or w in "，。；："):
                return last
            break
        if tag not in ("v", "vn", "b", "f", "c", "m", "a", "vg", "q", "j", "ns") or w in _ZH_PHRASE_STOP:
            break
    return end


# verbs that are a count's predicate, never a modifier inside its noun phrase
_ZH_PREDICATES = frozenset(("获得", "实现", "达到", "完成", "入选", "落户", "开工", "建成", "参加", "参与", "通过", "获评", "获批",
                            "认定", "纳入", "进入", "签约", "投产", "开业", "上线", "提供", "覆盖", "受益", "带动", "吸引",
                            "有序", "展业", "并网", "发电", "运营", "投用", "落地", "成立", "举办", "举行", "开展", "新增",
                            "加快", "签订", "签署", "改善", "推进", "实施", "完善", "加强", "促进", "支持", "开设", "设立",
                            "创建", "启动", "达成", "形成", "发布", "出台", "办理", "招收", "接收", "帮助", "解决", "没", "没有",
                            "是", "有", "成为"))


def _zh_verb_led_phrase(norm: str, text: str, pos: int, toks) -> str | None:
    """A counted phrase that jieba opens with verbs (24个拔尖/v 创新/v 人才培养 改革 试点 项目): taken whole
    when it closes the clause, runs to a noun and has three words or more (10家落户园区 is a verb phrase)."""
    run = []
    for w, tag, off in toks:
        if w in ("、", "和", "与", "及", "“", "”") or not "\u4e00" <= w[0] <= "\u9fff" or w in _ZH_PHRASE_STOP:
            break
        run.append((w, tag, off))
    if len(run) < 3 or len(run) > 9 or not run[-1][1].startswith(_NOUNISH) or len(run[-1][0]) < 2:
        return None
    end = run[-1][2] + len(run[-1][0])
    if end < len(norm) - pos and not _ZH_CLAUSE_END.match(norm, pos + end):
        return None
    return text[pos:pos + end]


# after a count: a comparator, a bare noun, then the rest of the clause (GUIDELINES' metric is copied from the text)
_ZH_EVENT_AFTER = re.compile(r"(?:以上|多|余)?(?P<n>项目|产品|企业)?(?P<r>[^，。；：！？、,;:!?\n（(]{2,20})(?=[，。；：！？,;:!?\n]|$)")
# a comparator after a count, before its noun (20个以上“好房子”, 10家左右); the noun after a count, past one
# "的" after a share, then its subject and predicate to the end of the clause (at least a noun and a verb)
_ZH_SHARE_OF_SUBJECT = re.compile(r"(?:以上|左右|以下)?的(?P<np>[\u4e00-\u9fff][^，。；：！？,;:!?\n（(]{3,30})(?=[，。；：！？,;:!?\n]|$)")
_ZH_COMPARATOR_AFTER = re.compile(r"(?:以上|以下|左右|上下)(?=[“\u4e00-\u9fff])")
_ZH_COUNTED_AFTER = re.compile(r"(?:以上|以下|左右|上下|多)?([\u4e00-\u9fff]{2,12})")
_ZH_PHRASE_STOP = {"的", "在", "于", "将", "为", "是", "已", "已经", "共", "等", "以上", "左右", "以下"}
_ZH_CLAUSE_END = re.compile(r"[，。；：！？、）)]|\s*$")


class EnMetric:
    def __init__(self, P: LangPatterns):
        L = P.link
        self.verbs = set(L["metric_verbs"])
        self.stop = set(L["metric_stop"])
        self.strip_prefix = set(L["metric_strip_prefix"])
        self.generic = set(L["generic_metrics"])
        self.subject = None  # set by the linker: the subject finder, to tell names from metrics
        self.actors = set(L.get("actor_nouns", []))
        self.distributive = set(L.get("metric_distributive", []))
        self.event_nouns = set(L.get("count_event_nouns", []))
        self.classifiers = set(L.get("count_classifier_nouns", []))
        self.measure_words = {w.lower() for w in L.get("syntax_subject_measures", [])}
        self.never_alone = {w.lower() for w in L.get("metric_never_alone", [])}
        self.speakers = {w.lower() for w in L.get("syntax_actors", [])}
        self.count_heads = {w.lower() for w in L.get("count_measure_heads", [])}
        self.event_aux = set(L.get("count_event_aux", []))
        self.event_states = set(L.get("count_event_states", []))
        self.people_plurals = {w.lower() for w in L.get("subject_demonyms", []) if w.endswith(("s", "ese"))} \
            | {w.lower() + "s" for w in L.get("subject_demonyms", []) if not w.endswith(("s", "ese", "sh", "ch"))}
        form = L.get("demonym_plural_form")
        self.demonym_form = re.compile(form) if form else None
        self.share_nouns = set(self.event_nouns) | {w.lower() for w in L.get("metric_people_share_nouns", [])}
        self.share_people = re.compile(r"\s+of\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?(?P<ws>(?:[a-z][\w\-]*\s+){0,2})"
                                       r"(?P<n>[A-Za-z][\w\-]*)(?=\s)") if self.share_nouns else None
        self.index_names = set(L.get("metric_index_names", []))
        self.change_nouns = frozenset(L.get("metric_change_nouns", []))
        self._after = _after_re(self.change_nouns or ["drop"])
        self.level_verbs = frozenset(w.lower() for w in L.get("syntax_level_verbs", []))
        nouns = L.get("metric_money_in_nouns") or []
        # "$20bn in damages", "30bn baht (£398m; $768m) in earnings from tourism": up to two describing words, the
        # noun, and a short from/of complement
        self.money_in_re = re.compile(r"(?:\s*\([^)]{0,60}\))?\s+in\s+(?P<np>(?:[a-z][\w\-]*\s+){0,2}?(?:" + alternation(nouns) +
                                      r")\b(?:\s+(?:from|of|on)\s+[a-z][\w\-]*(?:\s+(?!(?:over|in|on|at|for|by|during|since|to|from|and|or|but|as|after|before|this|last|next)\b)[a-z][\w\-]*)?(?=[\s,.;)]))?)") if nouns else None
        moves = L.get("metric_share_move_verbs") or []
        # the move right before the figure, a company its subject: "Corus fell", "JFE Holdings down", "shed … to"
        self.share_move = re.compile(r"\b[A-Z][\w&.\-']*\s+(?:(?:was|were|had|has|have)\s+)?(?:" + alternation(moves) +
                                     r")\s+(?:(?:by|about|around|nearly|almost|some|more\s+than|over)\s+)?$"
                                     r"|\b(?:" + alternation(moves) + r")\s+[\d.,]+\s*%\s+to\s+$") if moves else None
        self.reporting = set(L.get("metric_reporting_participles", []))
        self.reporting_after = re.compile(r"\s+" + alternation(self.reporting) + r"\b") if self.reporting else None
        self.event_past = set(L.get("count_event_past", []))
        self.event_not_verbs = set(L.get("count_event_not_verbs", []))
        spend = L.get("metric_money_verbs") or []
        self.money_verb = re.compile(r"\b(?P<v>" + alternation(spend) + r")\s+(?:(?:about|around|some|nearly|almost|over|more\s+than|less\s+than|up\s+to|"
                                     r"as\s+much\s+as|at\s+least|another|an\s+extra|an\s+additional|a\s+further)\s+)*$",
                                     re.IGNORECASE) if spend else None
        self.flow_nouns = {w.lower() for w in L.get("metric_flow_nouns", [])}
        prices = L.get("metric_price_verbs") or []
        self.price_verb = re.compile(r"\b(?P<v>" + alternation(prices) + r")\b[^,.;:]{0,60}?\bfor\s+$",
                                     re.IGNORECASE) if prices else None

    def without_owner(self, ctx, metric: str) -> str:
        """Allied Domecq shares, Deutsche Boerse return: a name the document uses as one in front of a
        lower-case noun is the subject, not part of the metric (GUIDELINES.md: China's GDP -> GDP)."""
        words = metric.split()
        k = 0
        while k < len(words) - 1 and words[k][:1].isupper():
            k += 1
        if k == 0 or not words[k][:1].islower() or self.subject is None:
            return metric
        from .subject import doc_names

        name = " ".join(words[:k])
        names = doc_names(self.subject, ctx)
        if name in names or (name.endswith(("'s", "’s")) and name[:-2] in names):   # Virgin Blue's shares
            return " ".join(words[k:])
        return metric

    def implicit(self, ctx, c, ss: int, subject: str | None) -> str | None:
        """What a figure measures when its clause names nothing: the noun a relative clause describes (relative_of),
        or a named company's shares (share_of_move)."""
        return self.relative_of(ctx, c, ss) or self.share_of_move(ctx, c, ss, subject)

    def relative_of(self, ctx, c, ss: int) -> str | None:
        """"the Brazilian economy, which could grow by as much as 4.5%", "the US currency, which had lost 7%": a
        figure of a change or level verb whose subject is "which" measures the noun phrase the clause describes."""
        lo = c.extra.get("comp_left", c.start)
        m = _RELATIVE_LEVEL.search(ctx.norm, max(ss, lo - 120), lo)
        if m is None or m.group("v").lower() not in self.level_verbs or m.group("v").lower() in _BE:
            return None             # (not "which are 20% less profitable": the figure is a predicate's)
        words = m.group("np").split()
        k = max((i + 1 for i, w in enumerate(words) if w.lower() in _NP_DETERMINERS or w.lower() in _PREPOSITIONS),
                default=0)
        words = words[k:]
        if not words or not words[-1][:1].islower() or words[-1].lower() in _FUNCTION:
            return None             # (a name the clause describes is its owner, not what it measures)
        a = m.end("np") - len(" ".join(words))
        return ctx.text[a:m.end("np")]

    def share_of_move(self, ctx, c, ss: int, subject: str | None) -> str | None:
        """A market report's move of a named company with nothing measured in its clause ("In London, Corus fell
        2.2% to 55.57 pence", "with closest rival JFE Holdings down 3.4%") moves its shares: the share word the
        paragraph used last before it (shares, share price, stock), copied from the text."""
        if self.share_move is None or subject is None or c.kind not in ("percent", "money"):
            return None
        lo = c.extra.get("comp_left", c.start)
        if not self.share_move.search(ctx.norm, max(ss, lo - 40), lo):
            return None
        para = ctx.norm.rfind("\n\n", 0, ss)
        best = None
        for m in _SHARE_WORD.finditer(ctx.norm, max(para + 1, ss - 900, 0), c.start):
            best = m
        return ctx.text[best.start():best.end()] if best is not None else None

    def _described_name(self, ctx, phrase: str) -> bool:
        """A name of the document, alone or after lower-case words that describe it (Paris, closest rival JFE
        Holdings, biggest steel company Nippon Steel; not "value of its Yukos", not an index: London FTSE, Nikkei 225)."""
        if self.subject is None:
            return False
        from .subject import doc_names

        words = phrase.split()
        k = len(words)
        while k > 0 and words[k - 1][:1].isupper():
            k -= 1
        if k == 0:
            # a name alone (Paris, Toyota), but an index or a benchmark is what moves (London FTSE, Nikkei 225)
            return phrase in doc_names(self.subject, ctx) and not any(w in self.index_names for w in words) \
                and not (len(words) == 1 and phrase.isupper())
        if k == len(words) or any(w[:1].isupper() for w in words[:k]) or words[k - 1].lower() in _FUNCTION \
                or words[k - 1].lower() in self.stop:
            return False
        tail = " ".join(words[k:])
        return tail in doc_names(self.subject, ctx) and not (len(words) - k == 1 and tail.isupper())

    def _name(self, ctx, phrase: str) -> bool:
        if _is_name(phrase):
            return True
        if self.subject is None:
            return False
        from .subject import doc_names

        return phrase.strip() in doc_names(self.subject, ctx)

    def metric(self, ctx, c, ss: int, se: int, prev) -> str | None:
        """Walk back from the figure: the verb chain right before it (is projected to be), then the noun
        phrase between the previous verb and that chain, or between the chain's verb and the figure."""
        norm, text = ctx.norm, ctx.text
        lo = c.extra.get("comp_left", c.start)
        seg_start = _clause_before(norm, _EN_CLAUSE, ss, lo, 200, prev)
        clause = norm[seg_start:lo]
        aside = _dash_aside_before(norm, ss, seg_start)
        if aside is not None and (prev is None or prev[0].end <= aside[0]):
            # "Growth in industrial output - the main target of government efforts - was 11.5%": the clause
            # goes on past the aside between the dashes
            seg_start = _clause_before(norm, _EN_CLAUSE, ss, aside[0], 200, prev)
            clause = norm[seg_start:aside[0]] + " " * (aside[1] - aside[0]) + norm[aside[1]:lo]
        words = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*|-\s*[A-Za-z]+", clause))
        if seg_start >= ss + 3 and SPACED_DASH.fullmatch(norm, seg_start - 3, seg_start) and c.kind != "count" \
                and all(w.group(0).lower() in _ASIDE_LEAD for w in words) and prev is None:
            # "consumer prices - at 2.4% - rose": an aside that gives the level of the noun before the dash
            np_ = self._noun_ending_clause(ctx, ss, seg_start - 3)
            if np_ is not None:
                return text[np_[0]:np_[1]]
        low = [w.group(0).lower() for w in words]
        is_verb = [self._is_verb(low, i) for i in range(len(words))]
        # the nearest verb before the figure and the chain it belongs to (is also set to rise by)
        v = max((i for i in range(len(words)) if is_verb[i]), default=None)
        chain_start = v
        while chain_start is not None and chain_start > 0 and (is_verb[chain_start - 1] or low[chain_start - 1] in _CHAIN):
            chain_start -= 1
        verb = low[v] if v is not None else ""
        if c.kind == "count":
            mh = _MEASURE_OF.search(norm, max(seg_start, lo - 60), lo)
            if mh and mh.group("h").lower() in self.count_heads:
                return text[mh.start("np"):mh.end("h")]      # annual sales of 39m cases: the sales
            event = self._event(ctx, c, words, low, is_verb, v, seg_start)
            if event is not None:
                return event
            if chain_start is not None and (c.rule == "en.count.elided" or v == len(words) - 1 and verb in _LEVEL_VERBS):
                np_ = self._np_before(ctx, words, low, is_verb, chain_start, seg_start)
                if np_ is not None:  # The total number of talents ... reached 560,000
                    return text[np_[0]:np_[1]]
            span = c.extra.get("count_phrase")
            if span:
                end = _extend_pp(norm, span[1])
                head = norm[span[0]:span[1]].split()[-1:] or [""]
                if end == span[1] and head[0].lower() in self.classifiers:
                    m = _CLASSIFIED.match(norm, span[1])    # pieces of public advice: what the pieces are
                    end = m.end() if m else end
                elif end == span[1]:
                    end = _extend_kind(norm, end)
                if end == span[1]:
                    m = _COUNT_RESTRICTIVE.match(norm, end)     # users who activated their accounts
                    if m and not _COUNT_PP_NOT.search(m.group(0)) and m.group(0).split()[-1].lower() not in _FUNCTION:
                        end = m.end()
                return text[span[0]:end]
            ant = c.extra.get("antecedent")
            return text[ant[0]:ant[1]] if ant else c.unit
        share = verb.startswith("account") or verb in ("make", "makes", "made")
        # 1. a figure in front of its noun
        pre = self.prenominal(ctx, c)
        if pre is not None:
            return pre
        # 1a. "At 2.6%, inflation remains within the target range": a fronted level measures the clause's subject
        if c.kind != "count" and _FRONTED_AT.fullmatch(norm, ss, lo):
            m = _SUBJECT_AFTER_COMMA.match(norm, c.end)
            if m and not self._generic(m.group("np")):
                return text[m.start("np"):m.end("np")]
        # 1a'. "investment in fixed assets was still high, up 21.3% from the previous year": a bare up/down after a
        #      comma gives the change of the previous clause's subject
        if words and c.kind != "count" and prev is None and all(x in ("up", "down", "by") for x in low) \
                and norm[ss:seg_start].rstrip().endswith(","):
            comma = norm.rfind(",", ss, seg_start)
            back = _clause_before(norm, _EN_CLAUSE, ss, comma, 200, None)
            bw, blow, bverb = self._words(norm, back, comma)
            first_v = next((i for i in range(len(bw)) if bverb[i]), None)
            if first_v:
                np_ = self._np_before(ctx, bw, blow, bverb, first_v, back)
                if np_ is not None:
                    return text[np_[0]:np_[1]]
        # 1b. a participle opening the figure's clause after a comma or a dash ("rising inflation - reaching 0.7%",
        #     "Exports, rising 5% a year,"): the noun phrase the clause hangs from is measured
        sep = norm.rfind(norm[ss:seg_start].rstrip()[-1:] or "\0", ss, seg_start) if seg_start > ss else -1
        if words and sep > ss and norm[sep] in ",-–—" and low[0].endswith("ing") and len(low[0]) > 4 \
                and not any(is_verb[1:]) and c.kind != "count" and prev is None:
            np_ = self._noun_ending_clause(ctx, ss, sep)
            if np_ is not None:
                return text[np_[0]:np_[1]]
        # 1c. a noun and "at" right before the figure: "forecast sustained growth at between 10-15%", "kept
        #     interest rates at 4.75%" (not a verb: "valued at", "closed at")
        if c.kind != "count" and ((len(words) >= 2 and low[-1] == "at")
                                  or (len(words) >= 3 and low[-1] == "between" and low[-2] == "at")):
            j = len(words) - (1 if low[-1] == "at" else 2)
            k = j
            while k > 0 and j - k < 3 and not is_verb[k - 1] and low[k - 1] not in _FUNCTION \
                    and low[k - 1] not in self.stop and low[k - 1] not in _AUX and low[k - 1] not in _LEVEL_ADJECTIVES \
                    and not words[k - 1].group(0)[:1].isupper():
                k -= 1
            if k < j:
                return text[seg_start + words[k].start():seg_start + words[j - 1].end()]
        # 2. words between a lexical verb and the figure: "left physical damage equal to";
        #    after an auxiliary the next word is the verb: "would pay a final dividend of"
        first = v + 1 if v is not None and verb not in _AUX else (v + 2 if v is not None and verb in _MODAL else None)
        if first is not None and first < len(words):
            np_ = self._np([w for w in words[first:]], seg_start)
            if np_ is not None and not self._generic(norm[np_[0]:np_[1]]) and not self._name(ctx, norm[np_[0]:np_[1]]) \
                    and not _describes_figure(norm, np_[0], np_[1], lo):
                return text[np_[0]:np_[1]]
        # 3. the phrase after the figure: 1.928 billion yuan in financing needs, a 3% drop in profits, knock 125m off profits
        if not share:
            m = self._after.match(norm, c.end)
            if m:
                ws = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*", m.group("np")))
                np_ = self._np(ws, m.start("np"))
                if np_ and not self._generic(norm[np_[0]:np_[1]]) and (verb in _TAKE_AFTER or m.group("chg") or chain_start is None
                                                                     or self._np_before(ctx, words, low, is_verb, chain_start,
                                                                                        seg_start) is None):
                    return text[np_[0]:np_[1]]
        # 4. the noun phrase before the verb chain: The total R&D expenditure in the region ... is projected to be
        if chain_start is not None and chain_start >= 2 and low[chain_start - 1] in ("which", "that"):
            # "on sales which fell 8%": the relative pronoun's antecedent, the noun right before it
            np_ = self._noun_run_before(ctx, words, low, is_verb, chain_start - 1, seg_start)
            if np_ is not None:
                return text[np_[0]:np_[1]]
        if chain_start is not None:
            np_ = self._np_before(ctx, words, low, is_verb, chain_start, seg_start)
            if np_ is not None and norm[np_[0]:np_[1]].lower() in self.distributive and v == len(words) - 1 \
                    and verb not in _LEVEL_VERBS:
                # "were each fined 1m euros": the phrase before the verb is a distributive word, the verb names it
                return text[seg_start + words[v].start():seg_start + words[v].end()]
            if np_ is not None:
                return text[np_[0]:np_[1]]
        elif words:
            np_ = self._np(words, seg_start)
            if np_ and not self._generic(norm[np_[0]:np_[1]]) and not self._name(ctx, norm[np_[0]:np_[1]]):
                return text[np_[0]:np_[1]]
        if prev is not None and prev[1]:
            return prev[1]
        if chain_start == 0:
            # "like-for-like sales, which strip out new stores, fell 2.3%": the subject is before the relative clause
            m = _BEFORE_RELATIVE.search(norm, max(ss, seg_start - 200), seg_start)
            if m:
                ws = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*", m.group("np")))
                np_ = self._np(ws, m.start("np"))
                if np_ and not self._generic(norm[np_[0]:np_[1]]):
                    return text[np_[0]:np_[1]]
        return None

    def _words(self, norm: str, a: int, b: int):
        """The words of ``norm[a:b]`` (match positions relative to ``a``), lower-cased, and which are verbs."""
        ws = list(_WORD.finditer(norm[a:b]))
        low = [w.group(0).lower() for w in ws]
        return ws, low, [self._is_verb(low, i) for i in range(len(ws))]

    def _noun_ending_clause(self, ctx, ss: int, end: int):
        """The noun phrase that ends the clause before ``end`` (a comma or a dash): what a participle or an aside
        after it describes ("rising inflation - reaching 0.7%", "consumer prices - at 2.4% -")."""
        back = _clause_before(ctx.norm, _EN_CLAUSE, ss, end, 120, None)
        ws, low, verbs = self._words(ctx.norm, back, end)
        return self._noun_run_before(ctx, ws, low, verbs, len(ws), back)

    def _noun_run_before(self, ctx, words, low, is_verb, end: int, base: int):
        """The noun phrase of up to three words ending right before ``words[end]`` (back to a verb, a function
        word, a preposition or a clause word), if it is no generic word and no name."""
        j = end
        while j > 0 and end - j < 3 and not is_verb[j - 1] and low[j - 1] not in _FUNCTION \
                and low[j - 1] not in _PARTICIPLE_PREP and low[j - 1] not in _NP_LEFT_BOUND:
            j -= 1
        np_ = self._np(words[j:end], base) if j < end else None
        if np_ is None or self._generic(ctx.norm[np_[0]:np_[1]]) or self._name(ctx, ctx.norm[np_[0]:np_[1]]):
            return None
        return np_

    def decisive(self, ctx, c, ss: int, se: int, prev) -> str | None:
        """A metric the surface names outright, over the parse's: a figure continuing the one before (and by
        24%), in front of its noun (an $11bn accounting fraud), a share of the actor's own flow (makes 80% of its
        revenues), and "X account for N%" (the tagger reads "account" as a noun: the rules read the verb)."""
        pre = self.shared(ctx, c, prev) or self.prenominal(ctx, c) or self.own_share(ctx, c) or self.share_is(ctx, c, ss) \
            or self.people_share(ctx, c, ss) or self.money_in(ctx, c) \
            or self.worth(ctx, c, ss) or self.in_parentheses(ctx, c, ss, prev) or self.price_of(ctx, c, ss) or self.money_of_verb(ctx, c, ss) or self.object_by(ctx, c, ss) \
            or self.level_participle(ctx, c, ss) or self.measure_of_subject(ctx, c, ss)
        acc = _ACCOUNTS_FOR.search(ctx.norm, max(ss, c.start - 40), c.extra.get("comp_left", c.start)) if pre is None else None
        if acc is not None:
            # (a participle, "grew 5.2%, accounting for 38%", hangs from the clause before: the rules read it)
            own = None if acc.group(0).lower().startswith("accounting") else self.accounting_subject(ctx, ss, acc.start())
            pre = own or self.metric(ctx, c, ss, se, prev)
        return pre

    def accounting_subject(self, ctx, ss: int, verb: int) -> str | None:
        """X in "X account for N%" is the whole subject, lists and all ("freelancers and privately or
        individually-owned businesses account for 9 percent", "retail sales in automobiles, home appliances,
        furniture and catering accounted for some 25 percent"): from the clause's start to the verb."""
        norm = ctx.norm
        start = ss
        for m in _CLAUSE_START.finditer(norm, ss, verb):
            start = m.end()
        lead = _LEADING_ADVERBIAL.match(norm, start, verb)
        if lead:
            start = lead.end()
        phrase = norm[start:verb].strip()
        words = phrase.split()
        if not words or len(words) > 16 or any(w.lower() in _FINITE for w in words) or self._generic(phrase) \
                or any(ch.isdigit() for ch in phrase):
            return None
        a = start + (len(norm[start:verb]) - len(norm[start:verb].lstrip()))
        return ctx.text[a:a + len(phrase)]

    def tidy(self, ctx, c, ss: int, metric: str) -> str | None:
        """The final metric: not run on from the opening adverbial, the object of a clause it swallowed, no
        owner's name in front (Allied Domecq shares -> shares), never a possessor alone (Britain's) or a stray
        word (says, thought), no trailing time (orders in the fourth quarter)."""
        metric = self.object_of_clause(c, self.after_opening(ctx, c, ss, metric))
        metric = self.without_owner(ctx, metric)
        if metric and metric[:7].lower() == "capita ":
            i = ctx.norm.rfind(metric, ss, c.start)
            if i >= 4 and ctx.norm[i - 4:i].lower() == "per ":
                metric = ctx.text[i - 4:i] + metric     # per capita disposable income: "per" is part of the noun
        own = ctx.norm[c.start:c.end]
        if own in metric:
            # never the figure itself: "the 21-meter-wide structure" measures the wide structure, "shed 2.1% to 17.58
            # euros" nothing it names
            after = metric[metric.index(own) + len(own):].lstrip(" -")
            words = after.split()
            if not words or any(ch.isdigit() for ch in after) or words[0].lower() in self.stop or words[0].lower() in _FUNCTION:
                return None
            metric = after
        if c.kind != "count" and self._described_name(ctx, metric):
            # "Paris", "closest rival JFE Holdings": a name with the words that describe it owns the figure, it
            # does not measure it
            return None
        if _NUMBER_WORDS.fullmatch(metric) or _PRONOUN_CLAUSE_METRIC.match(metric):
            return None       # "built three 35-meter-diameter antennas", "It consists of four": a number or a clause
        i = ctx.norm.rfind(metric, ss, c.start)
        if i > 0 and ctx.norm[i - 1].isalnum() and metric[:1].isalnum():
            return None       # "The 777-200LR will be capable of flying": a piece of a word is no metric
        if metric.lower() in self.speakers and not (c.kind == "count" and (c.unit or "").lower() == metric.lower()):
            return None       # "Analysts had expected the figure to come in at 57": who speaks, not what is measured
        if _POSSESSOR_ONLY.fullmatch(metric) or metric.lower() in self.never_alone or \
                (c.kind != "count" and metric.lower() in _UNIT_PHRASES):
            return None       # (closed down 51 cents at $44.38: the unit of the figure before; 33 points counts points)
        words = metric.split()
        if len(words) > 1 and words[-1].lower() in _PRONOUN_TAIL:
            # "the debt it took on ... to just 1.8bn euros": the noun before the relative clause's pronoun; "in
            # Pakistan's case it is set to hit $12bn": no noun, the pronoun stands for what is measured
            metric = " ".join(words[:-1])
            if words[-2].lower() in _NO_ANTECEDENT or _POSSESSOR_ONLY.fullmatch(metric) or metric.lower() in self.never_alone:
                return None
        tm = _TRAILING_TIME.search(metric)
        if tm and tm.start() > 0:
            metric = metric[:tm.start()]
        lt = _LEADING_TIME.match(metric)
        return metric[lt.end():] if lt else metric

    def parse_ok(self, ctx, c, ss: int, metric: str) -> bool:
        """The parse's metric, unless it stands in the adverbial that opens the sentence ("Despite the dip in
        profits, total revenue for the year was 10bn euros"): that phrase is never the clause's subject."""
        if metric.strip().lower() in _UNIT_PHRASES:
            return False      # "narrowed by 2.2 percentage points to 11.4%": the unit of the figure before
        words = metric.lower().split()
        if len(words) > 1 and words[-1] in self.verbs and words[-1] not in _NOUN_FIRST:
            return False      # "gross margin shrank": the tagger read the verb as a noun of the phrase
        m = _OPENING_ADVERBIAL.match(ctx.norm, ss, c.start)
        if m is not None and metric in m.group(0):
            return False
        # "data showing the Australian economy grew 0.1%": the noun a reporting participle hangs from is the source,
        # the clause after the participle holds what is measured
        i = ctx.norm.rfind(metric, ss, c.start)
        return not (i >= 0 and self.reporting_after is not None and self.reporting_after.match(ctx.norm, i + len(metric)))

    def object_of_clause(self, c, metric: str) -> str:
        """A metric that holds a whole clause, subject and verb ("airline announced net profits", "It leaves GDP",
        "latest news sent shares"), is the verb's object; a count keeps its clause (people have lost their jobs)."""
        if c.kind == "count" or " " not in metric:
            return metric
        words = metric.split()
        low = [w.lower() for w in words]
        for i in range(len(words) - 2, 0, -1):
            if low[i] in _CLAUSE_VERBS and low[i - 1] not in _FUNCTION:
                # (only verbs that take an object: a participle modifies its noun, "water rated Grade II")
                rest = words[i + 1:]
                while rest and rest[0].lower() in _FUNCTION:
                    rest = rest[1:]
                if rest and not self._generic(" ".join(rest)):
                    return " ".join(rest)
                break
        return metric

    def after_opening(self, ctx, c, ss: int, metric: str) -> str:
        """A metric that runs on from the opening adverbial ("weak first half, group revenue for the year")
        starts after the adverbial's comma."""
        if ", " not in metric:
            return metric
        m = _OPENING_ADVERBIAL.match(ctx.norm, ss, c.start)
        head, rest = metric.split(", ", 1)
        return rest if m is not None and rest and m.group(0).rstrip(",").endswith(head) else metric

    def shared(self, ctx, c, prev) -> str | None:
        """The metric of the figure before in the sentence when this one only continues it: "rose by 8% in
        January and by 24% in China", "by 18%, up from 17.5% in the third quarter", "to $3bn from $2.5bn"."""
        if prev is None or c.kind == "count":
            return None
        lo = c.extra.get("comp_left", c.start)
        if prev[0].kind != c.kind or not prev[1]:
            # "forecast total growth of 3.6% in 2004 for the 30 member countries of the OECD, slipping to 2.9%": a
            # participle that moves the level continues the last figure of the same kind (another kind between)
            si = max(0, bisect.bisect_right(ctx.sent_starts, c.start) - 1)    # (the sentence ``prev`` ends)
            same = ctx.cache.get("sentence_figures", {}).get(si, [])
            last = next((f for f in reversed(same) if f[0].kind == c.kind), None)
            if last is not None and last[1] and _MOVES_ON.search(ctx.norm[last[0].end:lo]):
                return last[1]
            return None
        between = ctx.norm[prev[0].end:lo]
        if _CONTINUES.search(between) or _MOVES_ON.search(between):
            return prev[1]
        # "38.4% reside in Argentina, 15.6% in Italy, 10.3% in Switzerland": an item of a list by place has no verb of
        # its own; it measures what the item before it measured
        m = _LIST_ITEM_BEFORE.match(between)
        if m is not None and re.match(r"\s+" + m.group("p") + r"\s+(?:the\s+)?[A-Z]", ctx.norm[c.end:c.end + 40]):
            return prev[1]
        return None

    def measure_of_subject(self, ctx, c, ss: int) -> str | None:
        """"the proportion of surface water with a quality rating of Grade III or higher stood at 74.9 percent",
        "the number of TEUs transported via the land-sea freight routes totaled 183,200": a measure word and its
        "of" phrase, whole, as the subject of a level verb."""
        m = _MEASURE_OF_SUBJECT.search(ctx.norm, max(ss, c.start - 160), c.start)
        if m is None or any(w in _FINITE for w in m.group("np").lower().split()):
            return None
        return ctx.text[m.start("np"):m.end("np")]

    def level_participle(self, ctx, c, ss: int) -> str | None:
        """A noun phrase and a participle that gives its level: "with a per capita GDP exceeding 10,000 U.S.
        dollars" (per capita GDP, not the sentence's subject the parse gives)."""
        m = _LEVEL_PARTICIPLE.search(ctx.norm, max(ss, c.start - 80), c.start)   # (exceeding is a comparator too)
        if m is None:
            return None
        ws = list(re.finditer(r"[A-Za-z][\w\-']*", m.group("np")))
        low = [w.group(0).lower() for w in ws]
        k = len(ws)
        while k > 0 and len(ws) - k < 4 and ((low[k - 1] not in _FUNCTION and low[k - 1] not in self.stop
                                               and not self._is_verb(low, k - 1))
                                              or (low[k - 1] == "per" and k < len(ws) and low[k] == "capita")):
            k -= 1
        if k == len(ws):
            return None
        a = m.start("np") + ws[k].start()
        b = m.start("np") + ws[-1].end()
        phrase = ctx.norm[a:b]
        if self._generic(phrase) or _is_name(phrase):
            return None
        return ctx.text[a:b]

    def object_by(self, ctx, c, ss: int) -> str | None:
        """"<verb> <object> by N": the object is what changed by the figure ("a new contract that cuts pay by
        nearly 10%": pay, not the contract a relative clause hangs from)."""
        m = _VERB_OBJECT_BY.search(ctx.norm, max(ss, c.start - 60), c.start)
        if m is None or self._generic(m.group("np")):
            return None
        return ctx.text[m.start("np"):m.end("np")]

    def money_of_verb(self, ctx, c, ss: int) -> str | None:
        """Money raised, spent or saved with nothing after it of what for: "is looking to raise more than 70m
        euros ($91m) on the stock market" (raise). With a purpose or source after it ("invest $1bn in marketing",
        "raise 25bn euros from privatisations") the phrase after is measured, not the verb."""
        if self.money_verb is None or c.kind != "money":
            return None
        m = self.money_verb.search(ctx.norm, max(ss, c.start - 60), c.start)
        if m is None or _PURPOSE_AFTER.match(ctx.norm, c.end):
            return None
        k = max(ctx.norm.rfind(ch, ss, m.start()) for ch in ",;:")
        first = _FIRST_WORD.match(ctx.norm, max(k + 1, ss))
        if first and first.group(1).lower() in self.flow_nouns:
            return None          # Sales of stakes in firms ... raised 1.17bn euros: the flow is measured
        return ctx.text[m.start("v"):m.end("v")]

    def worth(self, ctx, c, ss: int) -> str | None:
        """What money is the worth of: "a bid worth $6.8bn" (bid), "The first vouchers, worth £250" (vouchers),
        "about $125 billion worth of Chinese goods" (Chinese goods)."""
        if c.kind != "money":
            return None
        norm, text = ctx.norm, ctx.text
        m = _WORTH_OF.match(norm, c.end)
        if m:
            return text[m.start("np"):m.end("np")]
        m = _WORTH_BEFORE.search(norm, max(ss, c.extra.get("comp_left", c.start) - 80), c.extra.get("comp_left", c.start))
        if m is None:
            return None
        # the nouns before "worth", back to a determiner, a number or a verb
        keep = _words_back(list(_WORD.finditer(m.group("np"))), lambda w, lw, keep: (
            lw in _FUNCTION or lw in _WORTH_STOP or lw in _AUX or w.group(0)[:1].isupper() or self._is_verb([lw], 0)))
        if not keep or len(keep) > 3:
            return None
        a, b = m.start("np") + keep[-1].start(), m.start("np") + keep[0].end()
        phrase = norm[a:b]
        return None if self._generic(phrase) else text[a:b]

    def in_parentheses(self, ctx, c, ss: int, prev=None) -> str | None:
        """A figure alone in parentheses after a noun phrase gives that phrase's size: "followed by in-feed units
        (30%), in-ad units (25%) and finally textual and custom designs (7%)" (not a conversion of a figure before:
        see ``link_in``)."""
        norm = ctx.norm
        m = _PARENTHESIZED.search(norm, max(ss, c.start - 3), c.start)
        if m is None or not _CLOSING.match(norm, c.end):
            return None
        end = m.start()
        if _FIGURE_BEFORE.search(norm, max(ss, end - 20), end) or (prev is not None and prev[0].end >= end - 3):
            return None                          # "£933m ($1.78bn)": a conversion (link_in gives it the figure's own)
        ws = list(_WORD.finditer(norm, max(ss, end - 60), end))
        if not ws or not norm[ws[-1].end():end].isspace():
            return None                          # a quote or a comma right before the parenthesis
        keep = _words_back(ws, lambda w, lw, keep: (
            lw in _FUNCTION or lw in _PARTICIPLE_PREP or lw in _AUX or lw in ("followed", "finally", "then", "by")
            or ("-" not in lw and self._is_verb([lw], 0))
            or bool(keep and not norm[w.end():keep[-1].start()].isspace())))
        if not keep or len(keep) > 4:
            return None
        a, b = keep[-1].start(), keep[0].end()
        phrase = norm[a:b]
        if self._generic(phrase) or self._name(ctx, phrase):
            return None
        return ctx.text[a:b]

    def price_of(self, ctx, c, ss: int) -> str | None:
        """The money a deal is done for is named by the deal's verb: "has sued the Russian government for $28.3bn"
        (sued), "sold Yugansk to state-run Rosneft for $9.3bn" (sold); ``metric_price_verbs``."""
        if self.price_verb is None or c.kind != "money":
            return None
        lo = c.extra.get("comp_left", c.start)
        norm = ctx.norm
        m = self.price_verb.search(norm, max(ss, lo - 80), lo)
        if m is None:
            return None
        v = m.end("v")
        if not (_NAMED_OBJECT.match(norm, v) or _PASSIVE_AGENT.match(norm, v)
                or (_FOR_NEXT.match(norm, v) and _RELATIVE_OBJECT.search(norm, max(ss, m.start("v") - 16), m.start("v")))):
            return None          # "sold its stake for $1.2bn": a common noun object is what the money is for
        # (the object a name with its description, "its former parent AT&T"; a passive's agent, "bought by SBC";
        # the object a relative pronoun, "Meetup, which it acquired for $200m")
        a = m.start("v")
        agreed = _AGREED_TO.search(norm, max(ss, a - 16), a)
        if agreed is not None:
            a = agreed.start()   # agreed to buy: the commitment is the deal's verb
        return ctx.text[a:m.end("v")]

    def share_is(self, ctx, c, ss: int) -> str | None:
        """A share that opens its clause and is named by the copula after it: "Among the participants, 28.8
        percent are from government sectors, 15.4 percent are professionals": what the share is measures it."""
        lo = c.extra.get("comp_left", c.start)
        if c.kind != "percent" or not _CLAUSE_OPENS.search(ctx.norm, max(ss, lo - 30), lo) and lo != ss:
            return None
        m = _SHARE_IS.match(ctx.norm, c.end)
        return ctx.text[m.start("np"):m.end("np")] if m else None

    def own_share(self, ctx, c) -> str | None:
        """"makes more than 80% of its revenues in the US", "earns 60% of its sales abroad": the share of the
        actor's own flow is measured by the flow ("make up N% of" is the other reading: not this)."""
        lo = c.extra.get("comp_left", c.start)
        if c.kind != "percent" or not _OWN_SHARE_VERB.search(ctx.norm, max(0, lo - 30), lo):
            return None
        m = _OWN_SHARE_OF.match(ctx.norm, c.end)
        if not m:
            return None
        return ctx.text[m.start("np"):m.end("np")]

    def prenominal(self, ctx, c) -> str | None:
        """The noun a figure stands in front of, after a determiner: "the $2.58 trillion (£1.38 trillion)
        budget", "a $48.2 million contract", "the mastermind behind an $11bn accounting fraud"."""
        norm = ctx.norm
        # a comparator in front may end in the determiner ("topped the 3.5% growth rate"), not hold it ("with
        # the maximum of 20,000 yuan per car": "the" belongs to the comparator)
        if c.kind == "count" or not _DETERMINER_BEFORE.search(norm, max(0, c.start - 40), c.start):
            return None
        pre = _PRENOMINAL.match(norm, c.end)
        if not pre:
            return None
        ws = list(re.finditer(r"[A-Za-z][A-Za-z'’&\-]*", pre.group("np")))
        low = [w.group(0).lower() for w in ws]
        cut = next((i for i in range(1, len(ws)) if self._is_verb(low, i) and not self._ing_modifier(low, i)), None)
        if cut is not None:
            ws = ws[:cut]            # "growth rate surprised economists": the noun phrase ends before the verb
        np_ = self._np(ws, pre.start("np"))
        if not np_:
            return None
        if norm[np_[0]:np_[1]].lower() in self.change_nouns:
            # "a 0.2% slip in High Street sales", "an 18% jump in quarterly sales": what changed is the phrase after
            what = _CHANGED_WHAT.match(norm, np_[1])
            if what is not None:
                return ctx.text[what.start("np"):what.end("np")]
        if self._generic(norm[np_[0]:np_[1]]):
            # "the 3.5% growth rate that economists had forecast": a measure word is what is measured when no
            # "in/of" phrase names more ("a 5% increase in sales" leaves it to the phrase after)
            low_np = norm[np_[0]:np_[1]].lower()
            head = low_np.split(" ", 1)[-1]      # (a measure of two words after its modifier: an annual growth rate)
            if (low_np in self.measure_words or (" " in head and head in self.measure_words)) \
                    and not re.match(r"\s+(?:in|of)\b", norm[np_[1]:]):
                return ctx.text[np_[0]:np_[1]]
            return None
        tail = _PRENOMINAL_PP.match(norm, np_[1])   # a 4bn-euro hole in its accounts
        return ctx.text[np_[0]:tail.end() if tail else np_[1]]

    def _event(self, ctx, c, words, low, is_verb, v, base: int) -> str | None:
        """A count of people names what happened to them (GUIDELINES.md: the metric is copied from the
        text): "20,000 workers lost their jobs", "95 more patients died", "rural residents were lifted out
        of poverty" give the people with their predicate; "had tested 5 million people", "sickening 55
        million people" give the verb. Other counted nouns (jobs, visitors, staff) keep their phrase."""
        if not self.event_nouns or not self._people(ctx, c):
            return None
        norm, text = ctx.norm, ctx.text
        span = c.extra.get("count_phrase")
        if span:
            pred = self._predicate_after(ctx, span[1])
            if pred is not None:
                # past a place or an aside: the predicate alone ("thrown into poverty"); else the people with it
                return text[pred[0]:pred[1]] if pred[2] else text[span[0]:pred[1]]
        if v is not None and v == len(words) - 1 and is_verb[v] and low[v] not in _LEVEL_VERBS \
                and low[v] not in _AUX and low[v] not in self.event_not_verbs and (c.unit or "").lower() in self.event_nouns:
            return text[base + words[v].start():base + words[v].end()]
        return None

    def _people(self, ctx, c) -> bool:
        """The counted noun names people: a word of ``count_event_nouns`` or a plural demonym as written
        (2.2 million Ethiopians, a quarter of a million Sri Lankans)."""
        unit = (c.unit or "").lower()
        if unit in self.event_nouns:
            return True
        span = c.extra.get("count_phrase")
        last = ctx.norm[span[0]:span[1]].split()[-1:] if span else []
        return bool(last) and self._demonym_plural(last[0])

    def _demonym_plural(self, word: str) -> bool:
        w = word.strip(".,;:")
        return w[:1].isupper() and (w.lower() in self.people_plurals or
                                    (self.demonym_form is not None and self.demonym_form.fullmatch(w) is not None))

    def money_in(self, ctx, c) -> str | None:
        """Money "in" what it is ("sue … for $20bn in damages", "owed more than $27bn in back taxes", "may lose 30bn
        baht (£398m) in earnings from tourism"): the noun after "in" names it, over the verb (``metric_money_in_nouns``)."""
        if c.kind != "money" or self.money_in_re is None:
            return None
        m = self.money_in_re.match(ctx.norm, c.end)
        return ctx.text[m.start("np"):m.end("np")] if m else None

    def people_share(self, ctx, c, ss: int) -> str | None:
        """A share of people followed by what they do is measured by the predicate (corpus/README.md R16):
        "About 80% of Ethiopians depend directly or indirectly on agriculture", "43% of the population already
        lives on less than $2 a day"."""
        if c.kind != "percent" or self.share_people is None:
            return None
        m = self.share_people.match(ctx.norm, c.end)
        at = None
        if m is None:
            # the people named first: "Of Argentina's bondholders, 38.4% reside in Argentina"
            f = _PEOPLE_FRONT.search(ctx.norm, max(ss, c.start - 80), c.extra.get("comp_left", c.start))
            if f is None or not (f.group("n").lower() in self.share_nouns or self._demonym_plural(f.group("n"))):
                return None
            at = c.end
        else:
            # the people's noun after up to two describing words (45% of rural households), or the first of them
            # that is one (60% of Germans polled): the predicate follows it
            for w in re.finditer(r"[A-Za-z][\w\-]*", ctx.norm[m.start("ws"):m.end("n")]):
                if w.group(0).lower() in self.share_nouns or self._demonym_plural(w.group(0)):
                    at = m.start("ws") + w.end()
                    break
        if at is None:
            return None
        # a present-tense verb: the parse's tag, or an -s form after a singular noun (the population lives)
        # a present-tense verb: the parse's tag, an -s form after a singular noun (the population lives), or
        # the word right after a plural one (Kenyans rely: in this frame a verb, whatever the tagger says)
        singular = m is not None and ctx.norm[at - 1] != "s"     # (the people named first: a share of many)
        first = re.match(r"\s+([a-z]{2,})\b", ctx.norm[at:at + 40])

        def present(pos: int) -> bool:
            if _tagged_verb(ctx, ss, pos):
                return True
            w = re.match(r"[a-z]{2,}\b", ctx.norm[pos:pos + 30])
            if w is None or _ADVERB_LY.fullmatch(w.group(0)):
                return False
            return w.group(0).endswith("s") if singular else (first is not None and pos == at + first.start(1))

        pred = self._predicate_after(ctx, at, plain=present)
        return ctx.text[pred[0]:pred[1]] if pred is not None else None

    def _predicate_after(self, ctx, at: int, plain=None) -> tuple[int, int, bool] | None:
        """What happens to the people whose phrase ends at ``at``: the verb (past the auxiliaries, a place
        and an aside) and up to seven words after it, as (start, end, past_place_or_aside); None where no
        finite verb or state follows. ``plain``: a test of a position for a present-tense verb, which the
        word alone does not tell ("depend", "own": the parse's tag)."""
        norm = ctx.norm
        ws = list(re.finditer(r"[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z]", norm[at:at + 120]))
        k = 0
        # where they are ("across Asia", "in the Maldives") and an aside between dashes ("- 645,000 -")
        # stand between the people and what happened to them
        place = _EVENT_PLACE.match(norm, at)
        if place:
            k = sum(1 for x in ws if x.start() < place.end() - at)
        k0 = k
        while k < len(ws) and ws[k].group(0).lower() in self.event_aux:
            k += 1
        if k >= len(ws):
            return None
        w = ws[k].group(0).lower()
        be = any(x.group(0).lower() in _BE for x in ws[k0:k])   # are (also) facing, were at risk
        state = be and k + 1 < len(ws) and f"{w} {ws[k + 1].group(0).lower()}" in self.event_states
        finite = w in self.event_past or (w.endswith("ed") and len(w) > 3) or (k > 0 and w.endswith(("en", "wn"))) \
            or (be and w.endswith("ing") and len(w) > 4) \
            or (plain is not None and w not in _FUNCTION and w not in _AUX and w not in self.never_alone
                and plain(at + ws[k].start()))
        if not (state or (finite and w not in self.event_not_verbs and w not in self.stop)):
            return None
        end = k
        prep = None
        while end + 1 < len(ws) and end - k < (9 if plain is not None else 7):
            nxt = ws[end + 1].group(0)
            low = nxt.lower()
            if prep is not None:
                # the preposition's object, an amount included ("on less than $2 a day"), to the clause's end
                if nxt in _PREDICATE_END or low in _PREDICATE_END or (nxt in ".?!" and not norm[at + ws[end + 1].end():][:1].isdigit()):
                    break
                end += 1
                continue
            # the verb's own preposition goes with it ("lives on less than $2 a day", "depend directly or
            # indirectly on agriculture"); a later one starts an adverbial ("lost their jobs in the flooding")
            if plain is not None and low in _OWN_PREPOSITIONS and all(_ADVERB_LY.fullmatch(x.group(0).lower()) or x.group(0).lower() in ("or", "and")
                                                for x in ws[k + 1:end + 1]):
                prep = end + 1
            elif not nxt[0].isalpha() or low in self.stop or low in self.event_aux:
                break
            end += 1
        while end > k and ws[end].group(0).lower() in ("and", "or", "but"):
            end -= 1        # "were killed and (more than 2,000 injured)": a conjunction ends the predicate
        return at + ws[k].start(), at + ws[end].end(), k0 > 0

    def _ing_modifier(self, low: list[str], i: int) -> bool:
        """"its $102.6bn debt restructuring offer": an -ing word before a noun of the phrase modifies it (not "plan
        including tax cuts", "plan aiming to")."""
        if not low[i].endswith("ing") or i + 1 >= len(low) or low[i] in _ING_PREPOSITIONS:
            return False
        nxt = low[i + 1]
        return nxt not in _FUNCTION and nxt not in _PARTICIPLE_PREP and nxt != "to" and not self._is_verb(low, i + 1)

    def _is_verb(self, low: list[str], i: int) -> bool:
        w = low[i]
        if w in self.verbs:
            # "value added", "added value", "current account deficit": a noun
            if _noun_use(low, i):
                return False
            return not (w == "added" and ((i > 0 and low[i - 1] == "value") or (i + 1 < len(low) and low[i + 1] == "value")))
        if len(w) > 4 and w.endswith(("ed", "ing")) and w not in _NOT_VERBS and not w.startswith("-"):
            return not (i > 0 and low[i - 1] in ("the", "a", "an", "its", "their", "of"))
        return False

    def _np_before(self, ctx, words, low, is_verb, chain_start: int, base: int):
        """The noun phrase ending right before ``chain_start``, back to the previous verb or conjunction."""
        j = chain_start
        while j > 0 and low[j - 1] not in _NP_LEFT_BOUND:
            if is_verb[j - 1]:
                # "contracts signed in the province reached ...": a participle that opens a prepositional
                # phrase modifies the noun before it; the noun phrase ends before the participle
                # ("trains loading goods ... rose": an -ing form after a noun does the same)
                if j - 1 > 0 and not is_verb[j - 2] and low[j - 2] not in _FUNCTION and j < chain_start and (
                        (low[j - 1].endswith("ed") and low[j] in _PARTICIPLE_PREP)
                        or (low[j - 1].endswith("ing") and low[j - 1] not in self.reporting)):
                    chain_start, j = j - 1, j - 1
                    continue
                break
            j -= 1
        if chain_start - j >= 2 and ctx.norm[base + words[chain_start - 1].start() - 1:base + words[chain_start - 1].start()] == "(":
            chain_start -= 1        # gross domestic product (GDP): the spelt-out phrase, not its acronym
        np_ = self._np(words[j:chain_start], base)
        if np_ is None:
            return None
        phrase = self._np_text(words, j, chain_start)
        trimmed = ctx.norm[np_[0]:np_[1]]
        end = base + words[chain_start - 1].end()
        if self._generic(trimmed) and np_[1] < end and re.match(r"\s+(?:in|of)\s+[a-z]", ctx.norm[np_[1]:end]):
            np_ = (np_[0], end)          # Growth in industrial output, investment in fixed assets: the measure of what
            trimmed = ctx.norm[np_[0]:np_[1]]
        if self._generic(phrase) or self._name(ctx, phrase) or _ends_with_name(words[j:chain_start]) \
                or trimmed.split()[-1].lower() in self.actors:
            return None
        return np_

    @staticmethod
    def _np_text(words, a: int, b: int) -> str:
        return " ".join(w.group(0) for w in words[a:b])

    def _np(self, words, base: int, allow_stop: bool = False):
        """Trim a word list to a noun phrase: drop leading determiners, stop at prepositions."""
        ws = [w for w in words if not (w.group(0).lower().endswith("ly") and len(w.group(0)) > 4
                                       and w.group(0).lower() not in ("supply", "family", "italy", "july", "assembly"))]
        if len(ws) > 2 and ws[0].group(0).lower() == "to":
            ws = ws[2:]  # "to push the annual value of ...": the infinitive's verb is not part of the phrase
        while ws and (ws[0].group(0).lower() in self.strip_prefix or ws[0].group(0).lower().endswith(("'s", "’s"))
                      and ws[0].group(0)[0].islower() is False and len(ws) > 1):
            ws = ws[1:]
        out = []
        lows = [w.group(0).lower() for w in ws]
        for k, w in enumerate(ws):
            low = lows[k]
            if not allow_stop and low in self.stop and out and not (low == "per" and lows[k + 1:k + 2] == ["capita"]):
                break         # (not "global per capita income": per capita is part of the noun)
            if low == "of" and out and k + 2 < len(ws) + 1 and " ".join(x.group(0).lower() for x in ws[k + 1:k + 3]) in _OF_PLACE:
                break  # "R&D expenditure of the city": the place is the subject, not part of the metric
            if low in self.verbs and out and not _noun_use(lows, k):
                break
            out.append(w)
        while out and (out[-1].group(0).lower() in self.stop or out[-1].group(0).lower() in self.verbs
                       or out[-1].group(0).lower() in self.strip_prefix):
            out.pop()
        while out and out[0].group(0).lower() in self.stop | self.strip_prefix | _FUNCTION:
            out = out[1:]
        while out and out[-1].group(0).lower() in _FUNCTION:
            out.pop()
        if not out:
            return None
        if len(out) > 10:
            out = out[-10:]
        return base + out[0].start(), base + out[-1].end()

    def _generic(self, phrase: str) -> bool:
        p = phrase.lower().strip()
        return not p or p in self.generic or all(w in self.generic or w in self.stop or w in _FUNCTION
                                                  for w in p.split())
