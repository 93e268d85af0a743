"""The subject of a figure: the place or organisation it belongs to, copied from the text.

The nearest proper name before the figure in its sentence, else after it, else in the sentence
before, else the document's main subject (the name its opening mentions most). Generic
references (全省, 我市, the city) are never subjects. Chinese names come from jieba's
segmentation and tags (ns/nt/nz) plus suffixes (县, 高新区, 集团) from ``patterns/zh/link.yaml``;
English names are runs of capitalised words, or words ending in Zone/City/Group/Co.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from ..extract.normalize import normalize
from ..patterns import LangPatterns, alternation
from ..segment import is_han, zh_tokens


# right before the base of a share: 占, 约占, 占到, 相当于 (人口占中国人口的8.5%)
_ZH_SHARE_BASE_BEFORE = re.compile(r"(?:占|占到|相当于)\s*$")
_ZH_SHARE_BASE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?的")
_ADMIN_SUFFIX = {"省", "市", "县", "区", "州", "镇", "乡", "村", "旗", "盟"}
# jieba tags (first letter) of single characters that are never a piece of a name: numerals, measure words,
# prepositions, conjunctions, particles, pronouns, adverbs, localisers, punctuation
_NOT_NAME_PIECE = set("mqpcurdfxwyeokh")


class ZhSubject:
    # 贵德的两所学校: a name and 的 right before the figure
    possessive_gap = re.compile(r"的\s*$")
    # in a government's own report a name owns a figure only as a clause's topic (report_owner)
    clause_topic_owners = True
    forecasters: frozenset[str] = frozenset()
    list_joiners = ("、", "和", "及", "与")
    row_label_max = 8
    clause_subject_first = False    # (English: a name right before its verb; see _pick)

    def __init__(self, P: LangPatterns):
        L = P.link
        self.suffixes = tuple(sorted(L["subject_suffixes"], key=len, reverse=True))
        self.generic = set(L["subject_generic"])
        self.generic_endings = tuple(L.get("subject_generic_endings", []))
        self.short_names = set(L.get("subject_short_names", []))
        # provinces, prefecture-level cities (short and full) and county-level divisions (full) from cpca's table
        places = P.data("places")
        self.places_as_words = set(L.get("subject_places_not_alone", []))
        self.places = (set(places.get("cities") or ()) - self.places_as_words) | set(places.get("counties") or ())
        self.not_alone = set(L.get("subject_not_alone", []))
        nb = L.get("subject_name_not_before") or []
        self.name_not_before = re.compile(alternation(nb)) if nb else None
        self.own_region_doc = L.get("subject_own_region_doc")
        self.object_verbs = frozenset(L.get("subject_object_verbs", []))
        self.own_region_res = [re.compile(x) for x in L.get("subject_own_region", [])]
        self.own_region_also = frozenset(L.get("subject_own_region_also", []))
        self.own_region_suffixes = tuple(sorted(L.get("subject_own_region_suffixes", []), key=len, reverse=True))
        self.bare_suffixes = {x for x in self.suffixes if len(x) > 1} - self.short_names
        # suffixes that take a two-character name jieba may cut into single characters (雄/安/新区)
        self.split_suffixes = {x for x in self.suffixes if len(x) > 1 and x.endswith(("新区", "开发区", "高新区", "经开区",
                                                                                     "自贸区", "保税区", "综合试验区"))}
        self.org_heads_proper = set(L.get("subject_org_heads_proper", []))
        self.topic_heads = set(L.get("subject_topic_heads", []))
        self._topic_suffixes = tuple(self.topic_heads)
        self._group_suffixes = tuple(L.get("subject_group_heads", []))
        self.org_heads = set(L.get("subject_org_heads", [])) | self.org_heads_proper | self.topic_heads
        self._org_heads_by_first: dict[str, tuple[str, ...]] = {}
        for h in sorted(self.org_heads, key=len, reverse=True):
            if len(h) > 1:
                self._org_heads_by_first[h[0]] = self._org_heads_by_first.get(h[0], ()) + (h,)
        self.org_reach = int(L.get("subject_org_reach", 12))
        self.org_stop = set(L.get("subject_org_stop", []))
        self.source_after = re.compile(L["subject_source_after"]) if L.get("subject_source_after") else None
        self.source_before = re.compile(L["subject_source_before"]) if L.get("subject_source_before") else None
        self.adjunct_before = re.compile(L["subject_adjunct_before"]) if L.get("subject_adjunct_before") else None
        self.project_verbs = tuple(L.get("subject_project_verbs", []))
        self.project_heads = tuple(L.get("subject_project_heads", []))
        self.project_not = tuple(L.get("subject_project_not", []))
        self.trade_heads = tuple(sorted(L.get("subject_trade_heads", []), key=len, reverse=True))
        self._heads_by_first: dict[str, tuple[str, ...]] = {}
        for h in self.trade_heads:     # longest first within each first character
            self._heads_by_first[h[0]] = self._heads_by_first.get(h[0], ()) + (h,)
        self.trade_prefix_tags = set(L.get("subject_trade_prefix_tags", []))
        self.trade_prefix_not = set(L.get("subject_trade_prefix_not", []))
        heads = L.get("subject_campaign_heads") or []
        self.campaign_re = re.compile(r"[“＃#\"](?P<n>[^”＃#\"，。；：\d\n]{3,15})[”＃#\"](?=" + alternation(heads) + ")") \
            if heads else None
        people = L.get("subject_people_after") or []
        self.people_after = re.compile(alternation(people)) if people else None
        kinds = L.get("subject_quoted_kinds") or []
        self.quoted_kind_re = re.compile("(?:" + "|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))
                                         + r")$") if kinds else None

    def names(self, norm: str, s: int, e: int, toks: list | None = None,
              aliases: set[str] | None = None) -> list[tuple[int, int]]:
        """Spans of place and organisation names in norm[s:e] (``toks``: its jieba tokens, if known;
        ``aliases``: short names the document defines, 简称X)."""
        found = self._names(norm, s, e, toks)
        if self.campaign_re is not None:
            # ＃给孩子加个菜＃公益活动, “给孩子送双运动鞋”公益行动: a campaign's quoted name names it
            extra = [m.span("n") for m in self.campaign_re.finditer(norm, s, e) if not _SLOGAN.match(m.group("n"))]
            if extra:
                found = sorted([n for n in found if not any(a < n[1] and n[0] < b for a, b in extra)] + extra)
        if aliases:
            extra = []
            for alias in aliases:
                i = norm.find(alias, s, e)
                while i >= 0:
                    extra.append((i, i + len(alias)))
                    i = norm.find(alias, i + len(alias), e)
            if extra:
                found = sorted([n for n in found if not any(a < n[1] and n[0] < b for a, b in extra)] + extra)
        return found

    def _names(self, norm: str, s: int, e: int, toks: list | None = None) -> list[tuple[int, int]]:
        if toks is None:
            toks = zh_tokens(norm[s:e])
        out: list[tuple[int, int]] = []
        cur: list[int] | None = None
        for k, (w, tag, off) in enumerate(toks):
            if cur is not None and cur[1] == off and w in _ADMIN_SUFFIX:
                cur[1] = off + len(w)  # 临溪 + 区 -> 临溪区
                continue
            is_name = (tag in ("ns", "nt") and len(w) >= 2) or w in self.places or \
                (w in self.places_as_words and _listed_with_places(toks, k, self.places))
            if cur is None and k >= 2 and w in self.split_suffixes and _split_prefix(toks, k):
                # 雄/安/新区: jieba cut the name's two characters apart; with the suffix they are one name
                cur = [toks[k - 2][2], off]
                is_name = True
            if not is_name and len(w) >= 2 and w.endswith(self.suffixes) and w not in self.generic \
                    and not w.startswith(("全", "我", "本", "该", "各")) and tag not in ("v", "vn", "d", "a") \
                    and self._proper_part(w, tag, after_place=k > 0 and toks[k - 1][1] in ("f", "ns")):
                is_name = True
            if w in self.generic or (self.generic_endings and w.endswith(self.generic_endings)) or \
                    (w in self.bare_suffixes and not (cur is not None and cur[1] == off)):
                is_name = False           # 汽车, 集团 alone: a common noun (现代 + 汽车 after a name part is one)
            if is_name:
                if cur is not None and cur[1] == off:
                    cur[1] = off + len(w)
                else:
                    if cur is not None:
                        out.append((s + cur[0], s + cur[1]))
                    cur = [off, off + len(w)]
            else:
                if cur is not None:
                    out.append((s + cur[0], s + cur[1]))
                cur = None
        if cur is not None:
            out.append((s + cur[0], s + cur[1]))
        out = self._organisations(toks, s, out)
        out = self._trade_names(toks, s, out)
        seg = norm[s:e]
        if any(h in seg for h in _BUREAU_HEADS):
            out = self._bureaus(toks, s, out)
        out = [_admin_chain(norm, a, b, e) for a, b in out]
        return [(a, b) for a, b in out if norm[a:b] not in self.generic and norm[a:b] not in self.not_alone
                and not self._not_a_name(norm[a:b])
                and not (self.name_not_before is not None and self.name_not_before.match(norm, b))]

    def _not_a_name(self, name: str) -> bool:
        """三区, 两县 (a count of places), 三级公司 (a grade), 以上重点实验室, 报告期内公司 (a phrase's words before a head):
        no name, unless the gazetteer knows it."""
        if name in self.places:
            return False
        return bool(_ZH_COUNTED_PLACES.match(name)) or any(w in name for w in _ZH_NOT_IN_NAMES)

    def _proper_part(self, w: str, tag: str = "", after_place: bool = False) -> bool:
        """A one-character suffix (局, 县, 镇) needs two characters of name before it: 统计局, 竹山县, not 布局,
        大局, 小区, 城镇 (jieba's dictionary tags the short names that are places: 沛县); and a word jieba knows as a
        common noun ending in 区 is a kind of area (居住区, 项目区, 贫困地区, 跨地区), not a name, unless a place or a
        direction stands before it (``after_place``: 北部/f 都会区)."""
        suffix = next(x for x in self.suffixes if w.endswith(x))
        if suffix == "区" and tag == "n" and not after_place and not w.endswith(("自治区", "行政区")):
            return False
        return len(suffix) > 1 or len(w) - len(suffix) >= 2

    def _organisations(self, toks, s: int, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names that end in an organisation or facility head (机场, 有限公司, 基金会), reaching back over the
        pieces jieba cut them into; they replace the place names inside them."""
        if not self.org_heads:
            return names
        orgs = []
        ends = {off + len(w) for w, _, off in toks}
        text = "".join(w for w, _, _ in toks) if toks and toks[-1][2] + len(toks[-1][0]) == sum(len(w) for w, _, _ in toks) else None
        for k, (w, tag, off) in enumerate(toks):
            if w in self.org_heads:
                end = off + len(w)
            elif self.topic_heads and w.endswith(self._topic_suffixes) and k > 0:
                end = off + len(w)           # 服务平台, 产业集群: jieba's word ends in the head
            elif k > 0 and len(w) > 2 and w.endswith(self._group_suffixes) and w not in self.generic:
                end = off + len(w)           # 晋/能/控股集团: jieba's word ends in a company's head
            elif text is not None and w[0] in self._org_heads_by_first:
                # a head jieba cut into pieces (科/创/园, 集聚/区): matched on the characters, ending where a piece ends
                end = next((off + len(h) for h in self._org_heads_by_first[w[0]]
                            if text.startswith(h, off) and off + len(h) in ends), None)
                if end is None:
                    continue
            else:
                continue
            j = k
            brand = False
            while j > 0:
                pw, ptag, poff = toks[j - 1]
                # the clause's topic before a long head: 联想/v 创新园 (not 发现/v 景区, a verb and a common noun)
                opens = end - off >= 3 and (j - 1 == 0 or toks[j - 2][0] in _CLAUSE_MARKS)
                if (pw in self.org_stop or pw in self.generic or not re.match(r"^[\u4e00-\u9fff]+$", pw)
                        or ptag in ("m", "mq") or (ptag == "q" and len(pw) >= 2)
                        # a classifier after a numeral (8/条 高速公路): a count, not a name's first character
                        or (len(pw) == 1 and j >= 2 and (toks[j - 2][1] in ("m", "mq") or toks[j - 2][0][-1:].isdigit()))
                        # a verb, but not a verbal noun inside the name (宁波交通投资/vn 公司, 青岛水务管理/vn 公司)
                        or (ptag.startswith("v") and ptag != "vn" and len(pw) >= 2 and not (opens and j == k))
                        or end - poff > self.org_reach
                        or pw.startswith(("全", "我", "本", "该", "各"))):
                    break
                brand = brand or (ptag.startswith("v") and ptag != "vn" and len(pw) >= 2)
                j -= 1
            head = text[off:end] if text is not None else w
            if head in self.topic_heads or (head == w and w.endswith(self._topic_suffixes)):
                if j < k and self._topic_before_verb(toks, j, k, end):
                    orgs.append((s + toks[j][2], s + end))
                continue
            if j < k and (brand or text is None or head not in self.org_heads_proper
                          or any(toks[x][1] in _PROPER_TAGS or toks[x][0] in self.places for x in range(j, k))
                          or self._topic_before_verb(toks, j, k, end)):
                orgs.append((s + toks[j][2], s + end))
        if not orgs:
            return names
        kept = [n for n in names if not any(a <= n[0] and n[1] <= b for a, b in orgs)]
        return sorted(kept + orgs)

    def _topic_before_verb(self, toks, j: int, k: int, end: int) -> bool:
        """A zone, facility or event that opens its clause (after an ordinal: 第八届) and is followed by its predicate
        is the clause's topic, a name of a thing even without a proper part (航运服务集聚区新增企业476家, 邮轮母港接待
        邮轮91艘次, 融信服平台授信超5700亿元); inside a clause it is a kind of thing (打造六大新兴支柱产业集群, 优化中试
        平台布局)."""
        if any(toks[x][1] in _NOT_IN_TOPIC for x in range(j, k)):
            return False                # 让农民通过这个大平台购买: a clause, not a name
        i = j - 1
        if i >= 0 and toks[i][1] == "m" and toks[i][0].startswith("第"):
            i -= 1
        if not (i < 0 or toks[i][0] in _CLAUSE_MARKS):
            return False
        n = next((x for x in range(k, len(toks)) if toks[x][2] >= end), None)
        if n is None or toks[n][2] != end:
            return False
        tag = toks[n][1]
        w = toks[n][0]
        if (tag in ("a", "t") or (tag == "m" and w.endswith("年"))) and n + 1 < len(toks):
            tag = toks[n + 1][1]        # 新/a 推出/v, 全年/m 接待/v
        return tag in _PREDICATE_TAGS

    def _bureaus(self, toks, s: int, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A government office that jieba cuts into pieces: 市/人/社/局 (the city's human resources and social security
        bureau), 县/医保/局, 市/卫/健/委: a level (省, 市, 县, 区), two or three characters of abbreviation, an office (局,
        厅, 委) of one character."""
        found = []
        for k, (w, tag, off) in enumerate(toks):
            if w not in _BUREAU_HEADS or k < 2:
                continue
            j, size = k, 0
            while j > 0 and size + len(toks[j - 1][0]) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in toks[j - 1][0]) \
                    and toks[j - 1][1][:1] not in _NOT_NAME_PIECE and toks[j - 1][0] not in _BUREAU_LEVELS:
                size += len(toks[j - 1][0])
                j -= 1
            if j == 0 or size < 2 or toks[j - 1][0] not in _BUREAU_LEVELS:
                continue
            a = toks[j - 1][2]
            found.append((s + a, s + off + 1))
        if not found:
            return names
        kept = [n for n in names if not any(a < n[1] and n[0] < b for a, b in found)]
        return sorted(kept + found)

    def _trade_names(self, toks, s: int, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A coined prefix and a trade (国达化工, 蓝星石油, 中粮油脂): see ``subject_trade_heads``. The head may
        span jieba's pieces (储/热) or open a longer one (汽车销量); it replaces the names inside the span."""
        if not self.trade_heads:
            return names
        by_first = self._heads_by_first
        if not any(w[0] in by_first for w, _, _ in toks):
            return names
        starts = {off: k for k, (_, _, off) in enumerate(toks)}
        seg = "".join(w for w, _, _ in toks)
        found = []
        for k, (w, tag, off) in enumerate(toks):
            heads = by_first.get(w[0])
            if k == 0 or heads is None:
                continue
            head = next((h for h in heads if seg.startswith(h, off)), None)
            if head is None or off + len(head) not in starts and off + len(head) != len(seg):
                continue                     # the head ends inside a piece: 科技体制, 化工业
            j, size = k, 0
            while j > 0:
                pw, ptag, _ = toks[j - 1]
                proper = ptag in self.trade_prefix_tags and pw not in self.trade_prefix_not
                single = len(pw) == 1 and "\u4e00" <= pw <= "\u9fff" and ptag[:1] not in _NOT_NAME_PIECE \
                    and pw not in self.org_stop
                if not (proper or single) or size + len(pw) > 4:
                    break
                size += len(pw)
                j -= 1
            if j < k and len(toks[k - 1][0]) == 1 and toks[k - 1][1] == "a":
                continue                     # 氢/基/能源, 煤/基/科技: a qualifier before the trade
            while j < k and len(toks[j][0]) == 1 and toks[j][1][:1] in "vaz":
                size -= 1                    # 受/蓝/星/石油, 提/振/汽车: a verb or adverb opens no name
                j += 1
            if size < 2 or toks[j][0].startswith(("全", "我", "本", "该", "各")):
                continue
            found.append((s + toks[j][2], s + off + len(head)))
        if not found:
            return names
        kept = [n for n in names if not any(a < n[1] and n[0] < b for a, b in found)]
        return sorted(kept + found)

    def main_of(self, ctx) -> str | None:
        counts: Counter = Counter()
        written: dict[str, str] = {}
        own = self.own_region(ctx)
        if own:
            return None                   # a government's own report is about its region: no one else is its main subject
        for i in range(min(4, len(ctx.sents))):
            for a, b in sentence_names(self, ctx, i):
                counts[ctx.norm[a:b]] += 1
                written.setdefault(ctx.norm[a:b], ctx.text[a:b])   # as written (traditional stays traditional)
        if not counts:
            return None
        key = counts.most_common(1)[0][0]
        ctx.cache[("main_norm",)] = key     # compared with the normalised (simplified) text, not as written
        return written[key]

    def report_owner(self, norm: str, n: tuple[int, int], c, ss: int, own: frozenset[str] = frozenset()) -> bool:
        """In a government's own report a name owns a figure of its sentence only as the topic of a clause before
        it (长三角生态绿色一体化发展示范区新推出7项…、累计达到161项; 第八届中国国际进口博览会圆满成功举办，…意向成交金额
        达到834.9亿美元) or right in front of it (白银集团7万吨锌基合金, 玉门超40吨金矿): every named subject of the annotated
        reports stands so (NOTES.md). A name inside a clause is what the clause acts on (推进在沪国家实验室高质量建设,
        制定修改浦东新区法规4部), a name after the figure belongs to a later clause (the 的-projects are read first)."""
        a, b = n
        lo = c.extra.get("comp_left", c.start)
        if b > lo:
            # 全长3046公里的环塔克拉玛干沙漠生态屏障: the named thing the figure describes with 的
            return _ZH_DE_AFTER.fullmatch(norm, c.end, a) is not None
        if b >= lo - 3 and not _ZH_CLAUSE_PUNCT.search(norm, b, lo):
            return True
        k = max(norm.rfind(ch, ss, a) for ch in "，,；;：:。\n")
        lead = _ZH_LEAD.sub("", norm[max(k + 1, ss):a])
        if not _ZH_CLAUSE_PUNCT.search(norm, b, lo):
            return len(lead) <= 4       # the figure's own clause: 实施科尔沁沙地综合治理290万亩
        if len(lead) <= 2 and not (lead and lead in self.object_verbs):
            return True       # (not 推进之江实验室高质量建设，…新建孵化器12家: the earlier clause's verb acts on the name)
        # 部区共建内蒙古牛羊肉交易中心，力争交易额达到100亿元: the name that ends the clause right before the figure's
        nxt = _ZH_CLAUSE_PUNCT.search(norm, b, lo)
        return nxt is not None and nxt.start() - b <= 1 and not _ZH_CLAUSE_PUNCT.search(norm, nxt.end(), lo)

    def own_region(self, ctx) -> frozenset[str]:
        """The region whose government's report this is (its name as the head gives it and without its
        administrative suffix: 天津市, 天津), with the country above it, or nothing: in its own report the region is
        the speaker and the country a comparison, neither a subject."""
        key = ("own_region",)
        got = ctx.cache.get(key)
        if got is None:
            got = frozenset()
            head = ctx.norm[:_HEAD_CHARS]
            m = None
            if self.own_region_doc and self.own_region_doc in head:
                m = next((x for x in (rx.search(head) for rx in self.own_region_res) if x), None)
            if m:
                r = m.group("r")
                short = next((r[:-len(x)] for x in self.own_region_suffixes if r.endswith(x) and len(r) - len(x) >= 2), r)
                got = frozenset({r, short, r + "人民政府", r + "政府"}) | self.own_region_also
            ctx.cache[key] = got
        return got

    def is_payee(self, norm: str, span) -> bool:
        return False

    def is_source(self, norm: str, span) -> bool:
        """市环保局通报, 据市统计局介绍: the source of the figures, not their owner."""
        a, b = span
        if self.source_after is not None and self.source_after.match(norm, b):
            return True
        return bool(self.source_before is not None and self.source_before.search(norm, max(0, a - 4), a))

    def is_adjunct(self, norm: str, span) -> bool:
        """在英国境内, 向香港, 在东城、朝阳、丰台: a place the clause happens in or goes to, not the one it is about."""
        a = span[0]
        return bool(self.adjunct_before is not None and self.adjunct_before.search(norm, max(0, a - 40), a))

    def is_person(self, norm: str, span) -> bool:
        """香港同胞, 英国民众, 北京市民: a place that names people, who are not the place (as "Britons" are not Britain)."""
        return self.people_after is not None and self.people_after.match(norm, span[1]) is not None

    def excluded(self, ctx, pos: int) -> bool:
        """A paper's dateline (深圳商报讯) and page furniture name sources, not subjects."""
        return ctx.structure.excluded(pos)

    def clause_opener(self, norm: str, ss: int, c, before) -> tuple[int, int] | None:
        """(English only: a Chinese clause's topic is read by the nearest-name rules.)"""
        return None

    def is_territory(self, norm: str, span) -> bool:
        """(English only: a Chinese place is a name by its suffix already.)"""
        return False

    def opening_name(self, ctx, si: int, names=None) -> tuple[int, int] | None:
        """(English only: a Chinese clause's topic is read by the nearest-name rules and quoted_owner.)"""
        return None

    def is_base(self, norm: str, span) -> bool:
        """人口占中国人口的8.5%: a name in the base of a share is the whole the share is taken of, never its owner."""
        return bool(_ZH_SHARE_BASE_BEFORE.search(norm, max(0, span[0] - 4), span[0])
                    and _ZH_SHARE_BASE_AFTER.match(norm, span[1]))

    def strong(self, name: str) -> bool:
        """A name with a proper part before its suffix (竹山县, 经开区), not a bare category (省级开发区)."""
        return len(name) >= 2 and name not in self.generic and not name.startswith(("省级", "国家级", "市级", "县级"))

    def decisive(self, ctx, c, si: int, se: int) -> str | None:
        """A subject that a pattern names outright, before the nearest name."""
        return possessor_owner(self, ctx, c, si) or row_label(self, ctx, c) or self.project_owner(ctx, c, se) \
            or self.project_after(ctx, c) \
            or self.quoted_owner(ctx, c, si)

    def quoted_owner(self, ctx, c, si: int) -> str | None:
        """A quoted name that opens the figure's clause: “西电东送”累计送电量超2万亿千瓦时, “吉林一号”卫星在轨
        数量达到117颗 (a project, a product, a platform). Not a slogan of numbers (“一网通办”, “三北”), not a
        quotation that is an object (实施“放管服”改革: a verb before it) or one of a list (“A”“B”等)."""
        norm = ctx.norm
        ss = ctx.sents[si][0] if ctx.sents else 0
        lo = c.extra.get("comp_left", c.start)
        k = max(norm.rfind(ch, ss, lo) for ch in "，,；;：:。！？\n")
        a = max(k + 1, ss)
        m = _QUOTED_TOPIC.match(norm, a, lo)
        if m is None and self.quoted_kind_re is not None:
            # 全球首个藏文搜索引擎“云藏”用户覆盖90个国家: a quotation after the kind of thing it names
            q = norm.find("“", a, lo)
            if q > a and self.quoted_kind_re.search(norm, max(a, q - 4), q):
                m = _QUOTED_TOPIC.match(norm, q, lo)
        if m is None and a > ss and norm[a - 1] in "，,":
            # “吉林一号”组网卫星增至144颗，带动上下游千余家企业: a clause with no subject of its own (it opens with a
            # verb) continues the quoted topic of the clause before it
            toks = zh_tokens(norm[a:min(lo, a + 4)])
            if toks and toks[0][1] == "v":
                k2 = max(norm.rfind(ch, ss, a - 1) for ch in "，,；;：:。！？\n")
                m = _QUOTED_TOPIC.match(norm, max(k2 + 1, ss), a - 1)
        if m is None or _SLOGAN.match(m.group("q")) or m.group("q") in self.generic:
            return None
        return ctx.text[m.start():m.end("close")].strip()

    def subject(self, ctx, c, si: int, ss: int, se: int) -> str | None:
        return _pick(self, ctx, c, si, ss, se)

    def project_after(self, ctx, c) -> str | None:
        """A named project the figure describes with 的 (总投资410亿元的巨化硅氟新材料项目, 总投资超500亿元的晋北采煤沉陷区
        新能源基地): the project is the subject of its own figures (R6). Only a name with a proper part: 总投资50亿元的
        新能源项目 is a kind of project."""
        if c.kind not in ("money", "quantity"):
            return None
        m = _PROJECT_AFTER.match(ctx.norm, c.end)
        if m is None:
            return None
        name = m.group("n")
        if not any(tag in _NAME_TAGS or w in self.places for w, tag, _ in zh_tokens(name)):
            return None
        return ctx.text[m.start("n"):m.end("n")]

    def project_owner(self, ctx, c, se: int) -> str | None:
        """The company before a project's capacity in a list of projects: 推动国达化工60万吨钾肥复合造粒、
        沃锦储热40万吨熔盐装置技术升级等项目 (国达化工, 沃锦储热); 释放吉化120万吨乙烯转型升级项目 (吉化)."""
        norm = ctx.norm
        if not self.project_heads or c.kind != "quantity" or not _PRODUCT_AFTER.match(norm, c.end):
            return None
        m = _PROJECT_LEFT.search(norm, max(0, c.start - 14), c.start)
        if m is None:
            return None
        a, b = m.span("n")
        cut = max((i + len(v) for v in self.project_verbs if (i := norm.rfind(v, a, b)) >= 0), default=-1)
        if cut >= 0:
            a = cut                                       # 推动国达化工: the verb opens the list
        elif m.group("b") is None:
            return None                                   # no boundary: 运输货物超7400万吨
        if norm.endswith("年产", a, b):
            b -= 2                                        # 中粮油脂年产60万吨
        name = norm[a:b]
        if not 2 <= len(name) <= 8 or any(w in name for w in self.project_not) or name in self.generic \
                or name.startswith(("全", "我", "本", "该", "各")):
            return None
        rest = norm[c.end:se]
        stop = re.search(r"[。；]", rest)
        rest = rest[:stop.start()] if stop else rest
        if not any(h in rest for h in self.project_heads):
            return None
        return ctx.text[a:b]


# a project named after its figure and 的: 总投资410亿元的巨化硅氟新材料项目
_PROJECT_AFTER = re.compile(r"的(?P<n>[\u4e00-\u9fff]{4,20}?(?:项目|工程|基地))(?![\u4e00-\u9fff]{0,2}(?:项目|工程|基地))")
# a quotation that opens a clause, followed by what is measured (not by 等, 的, a conjunction or another quote)
_QUOTED_TOPIC = re.compile(r"\s*[“\"](?P<q>[^”\"，。；：\d\n]{2,8})(?P<close>[”\"])(?![等的和与及、“\"）)])(?=[\u4e00-\u9fff])")
# a slogan of numbers: “一网通办”, “三北”, “双碳”, “十四五”
_SLOGAN = re.compile(r"^[一二三四五六七八九十两双百千万多]")
# a capacity is followed by its product (60万吨钾肥), not by 以上, 左右, 处 or punctuation
_PRODUCT_AFTER = re.compile(r"(?![以左处次])[\u4e00-\u9fff]")
# the characters before a project's capacity: a list boundary or the sentence start, then Han characters
_PROJECT_LEFT = re.compile(r"(?:(?P<b>[、，；：。\n])|(?<![\u4e00-\u9fff]))(?P<n>[\u4e00-\u9fff]{2,14})$")


# the townships and villages under a county or district name: 化隆县谢家滩乡拉扎村 (two characters or more before
# each suffix: 城乡, 县乡村 are no places)
_ADMIN_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?(?:乡|镇|村|街道|社区|嘎查|苏木))+")


# a numeral and a place's suffix or a grade (三区, 两县, 三级公司): a count or a rank, not a name (五指山, 万泉河 are names)
_ZH_COUNTED_PLACES = re.compile(r"^[一二两三四五六七八九十百千]{1,2}(?:[区县市省镇乡村地州]$|级)")
_ZH_NOT_IN_NAMES = ("以上", "所在", "以下", "期内", "期间", "之内", "其中", "我们", "他们", "这些", "那些", "各类", "有关")


# a government office cut into single characters (ZhSubject._bureaus): its level and its head
_BUREAU_LEVELS = frozenset("省市县区")
_BUREAU_HEADS = frozenset("局厅委")
# jieba's tags of names (a proper part of a park's or project's name: 张/江/科创园, 巨/化硅/氟…项目), and of
# abbreviations, which count for a park (光伏 does not make 光伏发电项目 a name)
_NAME_TAGS = frozenset({"ns", "nz", "nr", "nrt", "nrfg", "nt"})
_PROPER_TAGS = _NAME_TAGS | {"j"}
_FORECASTER_OWNS = re.compile(r"['’]s\s|\s+(?:(?:also|has|have|had|now|still)\s+)*(?:has|have|had|holds?|held|owns?|owned|values?|valued|"
                              r"lent|lends|sold|sells|bought|buys|cut|cuts|raised|raises|lowered|lowers|revised|revises|"
                              r"trimmed|trims|reduced|reduces)\b")
# a company named with its shares ("Pernod shares", "Virgin Blue's shares", "shares in ACC", "shares of IPC")
_NAME_RUN = r"(?:[A-Z][\w&.\-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&.\-]*|&|de))*"
_SHARES_OF = re.compile(r"\b(?P<n>" + _NAME_RUN + r")(?:['’]s)?\s+shares\b|\b[Ss]hares\s+(?:in|of)\s+(?P<m>" + _NAME_RUN + r")(?=[\s,.;])")
# a speaker after a possessive name: "said Sony's chief executive", "said the bank's spokeswoman"
_SPEAKER_AFTER = re.compile(r"\s+(?:[a-z\-]+\s+){0,2}(?:chief|executive|spokes\w+|chair\w*|president|head|director|"
                            r"analyst|economist|minister|secretary|governor|officer|boss|founder|ceo|cfo|managing)\b",
                            re.IGNORECASE)
_EN_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but|and)\b|\bwhile\b|\bwhereas\b")


def _en_clause_start(norm: str, lo: int, pos: int) -> int:
    """Where the English clause holding ``pos`` begins, looking back no further than ``lo``."""
    for m in _EN_CLAUSE_BREAK.finditer(norm, lo, pos):
        lo = m.end()
    return lo


_VERB_AFTER_NAME = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|also|then)\s+)?[a-z]{3,}(?:ed|s)\b")
_PREP_BEFORE_NAME = re.compile(r"\b(?:in|of|with|from|for|to|by|at|on|into|than)\s+(?:the\s+)?$", re.IGNORECASE)
# no piece of a topic name: a verb, preposition, pronoun, conjunction or adverb
_NOT_IN_TOPIC = frozenset({"v", "p", "r", "c", "d"})
# what follows a clause's topic: its verb, an adverb, an idiom (圆满成功/l, 从无到有/i)
_PREDICATE_TAGS = frozenset({"v", "vd", "d", "ad", "l", "i"})
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens hundreds thousands".split())
_CLAUSE_MARKS = frozenset("，。；：！？、,;:!?\n")
_HEAD_CHARS = 600     # where a document's title line is looked for


def _listed_with_places(toks, k: int, places) -> bool:
    """A city whose short name is an everyday word (白银) in a list of places (平凉、白银、临夏和兰州): a place there."""
    for d in (-2, 2):
        j, sep = k + d, k + d // 2
        if 0 <= j < len(toks) and toks[sep][0] in ("、", "和", "与", "及") and (toks[j][0] in places or toks[j][1] == "ns"):
            return True
    return False


def _split_prefix(toks, k: int) -> bool:
    """The two tokens before ``toks[k]`` are single Han characters of no function word class (雄 安 before 新区)."""
    a, b = toks[k - 2], toks[k - 1]
    return len(a[0]) == 1 and len(b[0]) == 1 and is_han(a[0]) and is_han(b[0]) \
        and a[2] + 1 == b[2] and b[2] + 1 == toks[k][2] and not ({a[1][:1], b[1][:1]} & set("pcurdmqfyeok"))


def _admin_chain(norm: str, a: int, b: int, e: int) -> tuple[int, int]:
    if b - a >= 2 and norm[b - 1] in "县区市旗州乡镇":
        m = _ADMIN_TAIL.match(norm, b, e)
        if m:
            return a, m.end()
    return a, b


def sentence_tokens(ctx, si: int) -> list[tuple[str, str, int]]:
    """jieba tokens (word, tag, offset in the sentence) of sentence ``si``, segmented once per document."""
    key = ("tokens", si)
    if key not in ctx.cache:
        s, e = ctx.sents[si] if ctx.sents else (0, len(ctx.norm))
        # a long sentence is segmented only a little past its last figure (jieba is the cost of linking)
        last = ctx.cache.get("last_figure_end", {}).get(si)
        if last is not None and e - last > TOKEN_TAIL:
            cut = last + TOKEN_TAIL
            while cut < e and "\u4e00" <= ctx.norm[cut - 1] <= "\u9fff" and "\u4e00" <= ctx.norm[cut] <= "\u9fff":
                cut += 1                                   # end at a non-Han character
                if cut - last > 2 * TOKEN_TAIL:
                    break
            e = cut
        ctx.cache[key] = zh_tokens(ctx.norm[s:e])
    return ctx.cache[key]


# a short name the document defines for a company or body: （简称蓝星石油）, （以下简称“全国青联”）, （下称凯丰茶厂）;
# a law's short title in 《》 is no name
_ZH_ALIAS = re.compile(r"[（(](?:以下)?(?:简称|下称)[为：:]?\s*[“\"「]?([\u4e00-\u9fffA-Za-z0-9]{2,12}?)[”\"」]?\s*[）)]")

# characters segmented after a sentence's last figure (its counted noun, a name right after it)
TOKEN_TAIL = 40


# words that are never a name's own: roman numerals (Grade III), month ranges (April-July), plural acronyms
_ROMAN = re.compile(r"[IVX]{1,5}")
_MONTH_RANGE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s?[-–]\s?"
                          r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?")
# a courtesy title and a surname (Mr Ebbers, Ms Druyun): a person (not Dr: Dr Reddy's is a company)
_COURTESY_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.? ([A-Z][a-z][\w'\-]*)\b(?!['’]s\s+(?:Laboratories|Bank|Group))")
_SHORT_DOC_SENTENCES = 6
_COMPASS = frozenset(("South", "North", "East", "West", "Southern", "Northern", "Eastern", "Western", "Central"))
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,5}s")
# a possessive ending ('s, ’s): str.rstrip("'s") would also eat the s of Christmas or Analysts
_POSSESSIVE_END = re.compile(r"['’]s$")
_MID_SENTENCE_CAP = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
# an absolute phrase before a figure: with <words> <-ing verb | up | down> [by] [N% to] <figure>
_WITH_ABSOLUTE = re.compile(r"(?P<w>\bwith\s)(?:[^,;.]|\.(?=\d))*?(?P<gap>\s)(?P<v>[a-z]+ing|up|down|off|higher|lower)(?:\s+(?:by|to|about|some|nearly|almost|more\s+than))?(?:\s+[\d.,]+\s?(?:%|per\s?cent|percent)\s+to)?\s*$")
# a relative clause right after a name, up to the figure: "Allied Domecq, which has a capitalisation of"
_RELATIVE_OF_NAME = re.compile(r"(?:\s*,|\s+[-–—])\s*(?:which|who|whose)\s(?:[^,;.]|\.(?=\d))*$")
# a name that holds the figure: "led by Lukoil with 11% of the market", "alongside Sibneft with 7%"
# ... but not who is given it: "to supply French car maker Peugeot with 30,000 vehicles"
_GIVEN_WITH = re.compile(r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|equip(?:s|ped|ping)?|furnish(?:es|ed|ing)?|"
                         r"present(?:s|ed|ing)?|credit(?:s|ed|ing)?|reward(?:s|ed|ing)?|arm(?:s|ed|ing)?|fund(?:s|ed|ing)?|"
                         r"back(?:s|ed|ing)?|help(?:s|ed|ing)?)\s(?:[\w\-'’]+\s){0,4}$")
_ONE_WORD_GAP = re.compile(r"\s+(?:[a-z][\w\-]*\s+)?")
_HOLDER_WITH = re.compile(r"\s+with\s+(?:(?:a|an|about|around|some|nearly|almost|roughly|over|under|just|only)\s+)*$")
# a sentence that opens with capitalised words and an apposition: "Parmalat, the Italian food group"
_OPENING_APPOSED = re.compile(r"\s*(?P<n>[A-Z][\w&'’\-]*(?:\s[A-Z][\w&'’\-]*){0,4}),\s(?:the|a|an)\s")
# a sentence that opens with a pronoun: "Its pre-tax earnings", "Their sales", "It is also paying", "They will hire"
_OPENS_WITH_PRONOUN = re.compile(r"\s*(?:Its|Their|It|They)\s")
# between a country and the place of it that is named: "U.S. state of Georgia", "China's province of Hubei"
_KIND_OF_PLACE = re.compile(r"(?:['’]s)?\s+(?:state|province|city|county|region|prefecture|town|village|district)\s+of\s+")
# between a possessive name and the name it describes: 's and lower-case words (biggest steel company)
_POSSESSOR_OF_NAME = re.compile(r"['’]s(?:\s+[a-z][a-z\-]*){1,5}\s+")
_DESCRIPTOR_GAP = re.compile(r"(?:\s+[a-z][a-z\-]*){1,5}\s+")
# a possessive name opening an apposition to the name before it: "Alibaba, China's leading online shopping
# platform, sold ..." (between the two names, then from the possessor's end to the apposition's closing comma)
_APPOSED_POSSESSOR = re.compile(r",\s")
_DESCRIPTOR_AFTER = re.compile(r"['’]s(?:\s+[a-z][a-z\-]*){1,6},")
# ... unless the first name is the object of a preposition: "Trade with ASEAN, Jiangsu's largest trading partner,"
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|from|of|in|for|by|on|at|into|than|between|and)\s+(?:the\s+)?\Z")
# a possessive name and lower-case words with no name after them: "Europe's fourth-largest carmaker sold"
_DESCRIPTOR_NO_NAME = re.compile(r"['’]s(?:\s+[a-z][a-z\-]*)+\s+(?![A-Z])")
# after "X said": the speaker's own figures follow ("said that it hoped to", "said its profits rose")
_SPEAKS_OF_ITSELF = re.compile(r"\s+(?:that\s+)?(?:it|its|it's|they|their|we|our)\b")
# a lead's subject: at the sentence start (after "The"), or after a name and a lower-case descriptor ("US behemoth
# General Electric", "Beauty company Coty")
_LEAD_START = re.compile(r"\s*(?:[Tt]he\s+)?")
# a name's possessive right before another name: "Italy's Illva Saronno" (the possessor describes the name after it),
# "Ford's Mustang" (the possessed name is the possessor's product)
_NAME_POSSESSES = re.compile(r"['’]s\s+")
_HOLIDAY_AFTER = re.compile(r"(?<=['’]s)\s+(?:Day|Eve)\b|['’]\s+(?:Day|Eve)\b")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:\([A-Za-z ]+\)\s*)?[–—-]\s")
# what may stand before a sentence's opening name: nothing, or a time or place adverbial and its comma
_OPENER = re.compile(r"\s*(?:(?!According\b|As\b)[A-Z][a-z]*\b[^,;:.\"“]{0,30},\s*)?(?:[Tt]he\s(?:[a-z][a-z\-]*\s){0,2})?")
# a second clause between the opening name and the figure: the opening name is not its subject
# a clause break in Chinese text, and what may open a clause before its topic (quotes, a time, 全市/全省-like words)
_ZH_CLAUSE_PUNCT = re.compile(r"[，,；;：:。！？\n]")
_ZH_DE_AFTER = re.compile(r"\s*的[^，,；;：:。！？\n]{0,8}")
_ZH_LEAD = re.compile(r"[\s“”‘’\"（）()《》]|(?:19|20)\d{2}年(?:底|末)?|今年|去年|全年|其中|同时|此外|另外|目前|"
                      r"(?:自治区|省|市)(?:人民)?政府|[全我本](?:省|市|区|州|县)|第[一二三四五六七八九十百\d]+(?:届|次|批)")
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?(?:[A-Z][\w.]*\s+(?:state|province)\s+of\s+)?$")
# a coordinated clause opening with a name and its verb: "... and LG Electronics had 3 GW"
_COORDINATED_BEFORE = re.compile(r"(?:,\s*|\b)and\s+$")
_OWN_VERB_AFTER = re.compile(r"\s+(?:(?:also|then|now)\s+)?(?:had|has|have|was|were|is|are|[a-z]{3,}ed)\b")
_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|after|before|although|but|when|as|because|since)\b")
# how a clause may open with the place it is about: "In London, the ...", "; in Germany, ...", ", while in India just
# over", ", while New York light sweet crude closed" (the place named first, then the clause)
# ... and what ends that clause ("as much as 1%" does not)
_OPENER_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|although|but|when|because|since)\b|\bas\b(?!\s+(?:much|many|high|low|little|few|large|long|far)\b)"
                                  r"(?<!much as)(?<!many as)(?<!high as)(?<!low as)(?<!few as)(?<!far as)(?<!large as)(?<!long as)")
# a pronoun or a definite description standing for the story's actor ("where it runs", "the company's")
_ACTOR_PRONOUN = re.compile(r"\b(?:it|its|they|their|we|our|the (?:company|firm|group|bank|carmaker|airline))\b", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"(?:^\s*|;\s*|,\s*(?:while|whereas|but)\s+|\s(?:while|whereas)\s+)(?P<in>[Ii]n\s+)?(?:the\s+)?\Z")
# a name of capitalised words (and of, for, the, and, &) spelt out before its acronym: Tata Consultancy Services (TCS)
# (found from the parenthesis back: the acronyms are few, the capitalised words many)
# a place right after a figure, with at most a verb between ("38.4% reside in Argentina", "15.6% in Italy"), and the end
# of a list item after it
_PLACE_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:in|at)\s+(?:the\s+)?(?=[A-Z])")
_ITEM_END = re.compile(r"\s*(?:[,;.]|\s+and\b|$)")
# a phrase that opens a sentence before its main clause, and the comma (and article) before the main clause's subject
_FRONTED_PHRASE = re.compile(r"\s*(?:(?:But|And|However|Yet),?\s+)?(?:[Dd]espite|[Aa]lthough|[Tt]hough|[Aa]fter|[Ww]ith|"
                             r"[Tt]hanks\s+to|[Ff]ollowing|[Oo]n\s+the\s+back\s+of|[Bb]uoyed\s+by|[Hh]it\s+by)\b")
# a name paid, or bought share by share: "paying the SEC", "pay $500,000 to the", "for each Guidant"
_PAYEE_BEFORE = re.compile(r"\b(?:pay|pays|paying|paid)\s+(?:the\s+)?$|\b(?:pay|pays|paying|paid)\s+[^.;,]{1,40}?\bto\s+(?:the\s+)?$"
                           r"|\bfor\s+each\s+$", re.IGNORECASE)
_MAIN_VERB_AFTER_NAME = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|also|then|will|would|could|may)\s+)?"
                                   r"(?:[a-z]{3,}(?:ed|s|ing)|said|made|cut|put|set|saw|sold|won|lost|paid|kept|rose|fell|grew)\b")
_MAIN_CLAUSE_NAME = re.compile(r",\s*(?:the\s+|The\s+)?$")
_ACRONYM_IN_PARENS = re.compile(r"\((?P<a>[A-Z][A-Z&]{1,5})\)")
# an acronym that acts as a firm's name, reporting its results ("AMR posted a loss", "parent AMR reported a loss"); read
# once per document, so "AMR added that" names the same firm (wider readings, "UFJ's", "MCI had", made the object of
# a takeover the document's main subject: dev subject -6 net)
_ACRONYM_ACTING = re.compile(r"\b(?P<a>[A-Z][A-Z&]{1,4})\s+(?:posted|reported|reports|announced|made|makes|saw|sees|"
                             r"booked|recorded|lost|earned)\b")
_SPELT_OUT = re.compile(r"\b[A-Z][\w'’&.-]*(?:\s+(?:[A-Z(][\w'’&.()-]*|of|for|the|and|&|on|in)){1,12}\s*$")


def sentence_names(finder, ctx, si: int) -> list[tuple[int, int]]:
    """Names of sentence ``si``, found once per document."""
    key = ("names", si)
    if key not in ctx.cache:
        s, e = ctx.sents[si] if ctx.sents else (0, len(ctx.norm))
        if isinstance(finder, ZhSubject):
            ka = ("zh_aliases",)
            if ka not in ctx.cache:   # 蓝星石油有限公司济南分公司（简称蓝星石油）: the short name is a name
                ctx.cache[ka] = {m.group(1) for m in _ZH_ALIAS.finditer(ctx.norm)}
            ctx.cache[key] = finder.names(ctx.norm, s, e, sentence_tokens(ctx, si), ctx.cache[ka])
        else:
            kk = ("known_caps",)
            if kk not in ctx.cache:  # capitalised words used mid-sentence somewhere: Heineken and Carlsberg
                ctx.cache[("acronyms",)] = finder.defined_acronyms(ctx.norm)
                ctx.cache[kk] = {m.group(0) for m in _MID_SENTENCE_CAP.finditer(ctx.norm)} | set(ctx.cache[("acronyms",)]) \
                    | finder.acting_acronyms(ctx.norm)
            ctx.cache[key] = finder.names(ctx.norm, s, e, ctx.cache[kk])
        ctx.cache[key] = [n for n in ctx.cache[key] if not finder.excluded(ctx, n[0])]
        if not isinstance(finder, ZhSubject) and ctx.cache[key]:
            # Yan Wei ... Yan said: a pinyin surname alone is that person; Bernie Ebbers ... Mr Ebbers: the whole name
            # and the surname alone are a person
            people, titled = finder.people_by_surname(ctx), finder.titled_surnames(ctx)
            if people or titled:
                kept = []
                for n in ctx.cache[key]:
                    bare = _POSSESSIVE_END.sub("", ctx.norm[n[0]:n[1]])
                    if bare not in people and bare.split()[-1] not in titled:
                        kept.append(n)
                ctx.cache[key] = kept
        spans = ctx.cache.get("figure_spans")
        if spans and ctx.cache[key]:
            # a name inside a figure is its unit ("10,000 U.S. dollars", "HK$"), never an owner
            starts = ctx.cache.get("figure_starts")
            if starts is None:
                starts = ctx.cache["figure_starts"] = [a for a, _ in spans]
            kept = []
            for n in ctx.cache[key]:
                i = bisect.bisect_right(starts, n[0]) - 1
                if not (i >= 0 and spans[i][0] <= n[0] and n[1] <= spans[i][1]):
                    kept.append(n)
            ctx.cache[key] = kept
    return ctx.cache[key]


def possessor_owner(finder, ctx, c, si: int) -> str | None:
    """The name that possesses the figure outright: "the WTO's 148 members", "Sainsbury's 12% rise", 贵德的两所学校,
    平凉、白银、临夏和兰州的16所学校 (a list of names whole). Not the base of a share (占全国的12.8%)."""
    norm = ctx.norm
    lo = c.extra.get("comp_left", c.start)
    m = finder.possessive_gap.search(norm, max(0, lo - 4), lo)
    if m is None:
        return None
    here = sentence_names(finder, ctx, si)
    if any(c.end <= n[0] <= c.end + 1 for n in here):
        return None                 # Caledon Offshore's £3.2bn Firth Array wind farm: the named thing it measures
    names = [n for n in here if n[1] <= m.start()]
    if not names or names[-1][1] != m.start() or finder.is_person(norm, names[-1]) or finder.is_base(norm, names[-1]) \
            or finder.is_source(norm, names[-1]):
        return None
    a, b = names[-1]
    k = len(names) - 1
    while k > 0 and norm[names[k - 1][1]:names[k][0]].strip() in finder.list_joiners:
        k -= 1                      # a list of names owns the figure together
        a = names[k][0]
    return ctx.text[a:b]


def row_label(finder, ctx, c) -> str | None:
    """A table read as lines (深圳 / 2.00元/运次 / 不调整): a figure that opens its line belongs to the name that is
    the whole of the line before, the row's label."""
    norm = ctx.norm
    ls = norm.rfind("\n", 0, c.start) + 1
    if ls == 0 or norm[ls:c.start].strip():
        return None
    ps = norm.rfind("\n", 0, ls - 1) + 1
    label = norm[ps:ls - 1].strip()
    if not label or len(label) > finder.row_label_max:
        return None
    a = ps + (len(norm[ps:ls - 1]) - len(norm[ps:ls - 1].lstrip()))
    found = finder.names(norm, a, a + len(label))
    if len(found) == 1 and found[0] == (a, a + len(label)) and finder.strong(label):
        return ctx.text[a:a + len(label)]
    return None


def doc_names(finder, ctx) -> set[str]:
    """Every name found in the document (for telling a name from a capitalised common noun)."""
    key = ("doc_names",)
    if key not in ctx.cache:
        ctx.cache[key] = {ctx.norm[a:b] for i in range(len(ctx.sents)) for a, b in sentence_names(finder, ctx, i)}
    return ctx.cache[key]


def _initials_of(name: str, main: str) -> bool:
    """GE for General Electric, WTO for World Trade Organisation: an acronym of the main subject's words (``main``
    lower-cased; "of", "and" and "the" give no letter)."""
    if not (2 <= len(name) <= 5 and name.isascii() and name.isupper() and name.isalpha()):
        return False
    words = [w for w in main.split() if w not in ("of", "and", "the", "&")]
    return len(words) == len(name) and all(w[:1] == ch.lower() for w, ch in zip(words, name))


def _pick(finder, ctx, c, si: int, ss: int, se: int) -> str | None:
    """Nearest strong name before the figure, after it, in the sentence before; else the nearest name
    before it in its sentence (Elsewhere, Honda lost 1.4%); else the document's main subject; else the
    first name after it (a speaker after the figure is a weaker claim than the main subject).

    The main subject is given even where this sentence and the one before do not name it (GUIDELINES.md
    would leave those null): the shared gold gives it to a document's own figures ("the city's R&D
    investment" in a Huangshi story), and holding to the window costs subject accuracy on every gold set
    (NOTES.md, "Subjects: the window"); ``score_real.py`` reports the share of null gold subjects kept null."""
    norm, text = ctx.norm, ctx.text
    # compared with the normalised text (a traditional document's main subject is written 重慶, read 重庆)
    main = (ctx.cache.get(("main_norm",)) or normalize(ctx.main_subject or "")).lower()

    def strong(span) -> bool:
        t = norm[span[0]:span[1]]
        return finder.strong(t) or (bool(main) and (t.lower() == main or main in t.lower()))

    own = finder.own_region(ctx)
    here = [n for n in sentence_names(finder, ctx, si) if not finder.is_person(norm, n) and not finder.is_base(norm, n)
            and norm[n[0]:n[1]] not in own and not finder.is_payee(norm, n)]
    if own and finder.clause_topic_owners:
        here = [n for n in here if finder.report_owner(norm, n, c, ss, own)]
    owners = [n for n in here if not finder.is_source(norm, n) and not finder.is_adjunct(norm, n)]
    if owners and len(owners) < len(here):
        here = owners                # sources and places of adjuncts only when nothing else is named
    before = [n for n in here if n[1] <= c.start]
    after = [n for n in here if n[0] >= c.end]
    if main:
        spelt = ctx.cache.get(("acronyms",), {})
        for group in (before, after):
            # the main subject, or a short form of it with the same last character (高新区 for 襄阳高新区,
            # not 襄阳, which is another place), or its acronym (ICIF)
            hit = [n for n in group if main in norm[n[0]:n[1]].lower()
                   or (norm[n[0]:n[1]].lower() in main and norm[n[1] - 1].lower() == main[-1])
                   or main in spelt.get(norm[n[0]:n[1]], "\0") or _initials_of(norm[n[0]:n[1]], main)]
            if hit:
                a, b = hit[-1]
                return text[a:b]
    scene = finder.clause_opener(norm, ss, c, before)
    if scene is not None:
        # "In London, the Brent crude price closed down 51 cents", ", while in India just over half a million people":
        # the place the figure's clause opens with, and no other name before the figure
        return text[scene[0]:scene[1]]
    for k, last in ((0, True), (1, False), (2, True)):
        if k == 2 and finder.clause_subject_first:
            # the subject of the figure's own clause, a name right before its verb ("..., while its rival JD.com
            # reached a sale volume of"), before a name of the sentence before (not a name in a prepositional
            # phrase: "countries participating in the Belt and Road Initiative exceeded")
            lo = c.extra.get("comp_left", c.start)
            mine = [n for n in before if not finder.is_source(norm, n) and not _CLAUSE_BREAK.search(norm, n[1], lo)
                    and _VERB_AFTER_NAME.match(norm, n[1]) and not _PREP_BEFORE_NAME.search(norm, max(0, n[0] - 12), n[0])]
            if mine:
                a, b = mine[-1]
                return text[a:b]
        # the sentence before is segmented only when this one names nobody
        group = before if k == 0 else after if k == 1 else (
            [n for n in sentence_names(finder, ctx, si - 1) if not finder.is_person(norm, n)
             and norm[n[0]:n[1]] not in own] if si > 0 and not own else [])
        cands = [n for n in group if (strong(n) or (k == 1 and not before and finder.is_territory(norm, n)))
                 and not finder.is_source(norm, n)
                 and (k != 2 or not (finder.is_adjunct(norm, n) or norm[n[0]:n[1]] in finder.forecasters))]
        if cands:
            a, b = cands[-1] if last else cands[0]
            return text[a:b]
        if k == 0 and before:
            # In 2020, Alibaba, China's leading platform, sold: the sentence's opening name
            opening = finder.opening_name(ctx, si, before)
            lo = c.extra.get("comp_left", c.start)
            if opening is not None and not _CLAUSE_BREAK.search(norm, opening[1], lo):
                # (unless a coordinated clause has a named subject of its own before the figure: "Hanwha Q Cells had
                # 3.7 GW ... and LG Electronics had 3 GW")
                own_subject = next((n for n in reversed(before) if n[0] > opening[1]
                                    and _COORDINATED_BEFORE.search(norm, max(0, n[0] - 8), n[0])
                                    and _OWN_VERB_AFTER.match(norm, n[1]) and not finder.is_source(norm, n)
                                    and not _CLAUSE_BREAK.search(norm, n[1], lo)), None)
                if own_subject is not None:
                    return text[own_subject[0]:own_subject[1]]
                return text[opening[0]:opening[1]]
    owned = [n for n in before if not finder.is_source(norm, n)]
    if owned:
        a, b = owned[-1]
        return text[a:b]
    if ctx.main_subject:
        return ctx.main_subject        # over a source (According to statistics from X, ...)
    if before:
        a, b = before[-1]
        return text[a:b]
    if after:
        a, b = after[0]
        return text[a:b]
    return None


# a capitalised word opening a sentence right before a verb of reporting results is a name (Tesco said, Barclays reported)
_REPORTS_AFTER = re.compile(r"\s+(?:said|says|reported|reports|announced|announces|posted|posts|expects|expected|forecast|forecasts)\b")
_SENTENCE_OPENERS = frozenset({"it", "he", "she", "they", "we", "this", "that", "analysts", "officials", "experts", "economists",
                               "investors", "police", "researchers", "critics", "sources", "observers", "traders"})
# a given name in pinyin: capitalised, one to three syllables (Jinping, Xiaoling, Keqiang, Yi)
_PINYIN_SYLLABLE = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)"
_PINYIN_WORD = re.compile(rf"(?i)(?=[A-Z]){_PINYIN_SYLLABLE}(?:'?{_PINYIN_SYLLABLE}){{0,2}}")


def _in_quotes(norm: str, pos: int, lo: int = 0) -> bool:
    """Inside a quotation (or parentheses) opened since ``lo`` (the sentence start): straight quotes are
    counted from there, not from a fixed window, whose edge may cut a quotation in half."""
    lo = max(lo, pos - 400)
    seg = norm[lo:pos]
    return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1 or seg.count("(") > seg.count(")")


class EnSubject:
    # "the WTO's 148 members": a possessive right before the figure
    possessive_gap = re.compile(r"['’]s\s+$")
    clause_topic_owners = False
    list_joiners = (",", "and", ", and", "&")
    row_label_max = 40
    clause_subject_first = True

    def __init__(self, P: LangPatterns):
        L = P.link
        self.not_names = set(L["subject_not_names"])
        self.strip_leading = {"The", "A", "An"} | set(L.get("subject_strip_leading", []))
        self.inner = set(L["subject_inner"])
        self.suffixes = set(L["subject_suffixes"])
        self.generic = set(L["subject_generic"])
        self.demonyms = set(L.get("subject_demonyms", []))
        self.forecasters = frozenset(L.get("subject_forecasters", []))
        lower = L.get("subject_lowercase_names") or []
        self._lower_names = re.compile(r"\b(?:" + alternation(lower) + r")\b") if lower else None
        self.demonym_places: dict[str, list[str]] = L.get("subject_demonym_places") or {}
        measures = L.get("subject_demonym_measures") or []
        self._demonym_measure = re.compile(r"\b(?P<d>" + alternation(self.demonym_places) + r")\s+(?:"
                                           + alternation(measures) + r")\b(?!\s+[A-Z])") \
            if self.demonym_places and measures else None
        form = L.get("demonym_plural_form")
        self.demonym_form = re.compile(form) if form else None     # Zambians, Sri Lankans: people, not a name
        self.person_titles = tuple(t + " " for t in L.get("subject_person_titles", []))
        self.pinyin_surnames = set(L.get("subject_pinyin_surnames", []))
        self._pinyin_name = re.compile(r"\b(" + "|".join(sorted(self.pinyin_surnames, key=len, reverse=True))
                                       + r") ([A-Z][a-z']+)\b") if self.pinyin_surnames else re.compile(r"(?!)")
        self.territories = set(P.data("places").get("territories") or [])   # CLDR (scripts/gen_places.py)
        self.lead_bonus = int(L.get("subject_lead_bonus", 0))
        self.place_acronyms = set(L.get("subject_place_acronyms", []))
        self.lead_sentences = int(L.get("subject_lead_sentences", 2))
        kinds = L.get("subject_descriptor_nouns") or []
        self.descriptor_nouns = frozenset(k.lower() for k in kinds)
        self._lead_descriptor = re.compile(r"(?:['’]s)?(?:\s+[a-z][a-z\-]*){0,2}\s+" + alternation(kinds) + r"\s+") \
            if kinds else None
        self._lead_kind_start = re.compile(r"\s*(?:[Tt]he\s+)?(?:[A-Z][A-Za-z\-]*\s+)?(?:[a-z][a-z\-]*\s+){0,2}"
                                           + alternation(kinds) + r"\s+") if kinds else None
        self.acronyms = set(L.get("subject_acronyms", []))
        self.document_heads = set(L.get("subject_document_heads", []))
        self.not_acronym_names = set(L.get("subject_not_acronyms", []))
        self.acronym_not_names = set(L.get("subject_acronym_not_names", []))
        results = L.get("subject_own_results_nouns") or []
        self._own_results = re.compile(r"\s+(?:(?:a|an|its|their|record|net|pre-tax|quarterly|annual|full-year|"
                                       r"half-year|first-half|higher|lower|bigger|smaller|better|worse)\s+){0,3}"
                                       + alternation(results) + r"\b") if results else None
        self.source_after = re.compile(L["subject_source_after"]) if L.get("subject_source_after") else None
        self.source_before = re.compile(L["subject_source_before"], re.IGNORECASE) if L.get("subject_source_before") else None
        self._word = re.compile(r"[A-Z][A-Za-z'’]*\.(?:com|cn|net|org)\b|[A-Z][A-Za-z'’]*(?:[0-9]+[A-Za-z]*)?(?:\s?-[A-Za-z]+)*\.?|\([A-Z][a-z]+\)|[a-z]+|&")
        self._skip_front = self.strip_leading | self.inner
        # the capitalised words alone: outside a run of them the other words change nothing, so the scan
        # jumps to the next one (a lower-case word or & never covers a capital or a parenthesis)
        self._cap_word = re.compile(r"[A-Z][A-Za-z'’]*\.(?:com|cn|net|org)\b|[A-Z][A-Za-z'’]*(?:[0-9]+[A-Za-z]*)?(?:\s?-[A-Za-z]+)*\.?|\([A-Z][a-z]+\)")

    def names(self, norm: str, s: int, e: int, known: set[str] | None = None) -> list[tuple[int, int]]:
        """Runs of capitalised words in norm[s:e]; a lone capitalised word at a sentence start counts only
        when it is possessive (China's) or ``known`` (used as a name elsewhere in the document)."""
        out = []
        run: list[re.Match] = []
        seg = norm[s:e]
        first_char = s + len(seg) - len(seg.lstrip())      # nothing but spaces before it in the sentence
        skip_front = self._skip_front

        def flush():
            while run and (run[-1].group(0) in self.inner or run[-1].group(0)[0].islower()):
                run.pop()
            if len(run) == 1:
                w0 = run[0].group(0)
                at_start = run[0].start() <= first_char or norm[max(s, run[0].start() - 2):run[0].start()].strip() \
                    in (".", "-", ":", "”", "\"")
                bare = _POSSESSIVE_END.sub("", w0)
                ok_start = w0.endswith(("'s", "’s")) or (known is not None and bare in known) or bare in self.territories \
                    or (bool(_REPORTS_AFTER.match(norm, run[0].end())) and bare.lower() not in _SENTENCE_OPENERS)
                acronym = (w0.isupper() and len(w0) <= 5) or bool(_ACRONYM_PLURAL.fullmatch(w0))   # TEUs, SMEs
                named_acronym = acronym and self.is_name_acronym(bare, known)
                if (at_start and not ok_start and not named_acronym) \
                        or (acronym and not named_acronym) or _in_quotes(norm, run[0].start(), s):
                    run.clear()  # a capitalised first word, an acronym, a quoted title word
            if len(run) >= 3 and run[1].group(0) == "of" and (run[0].start() <= first_char or norm[max(s, run[0].start() - 2):run[0].start()].strip() in (".", ":", "\"", "”")):
                w0 = run[0].group(0)
                if w0.endswith("s") and not w0.endswith(("ss", "'s", "’s")) and len(w0) > 3 \
                        and (known is None or w0 not in known) and w0 not in self.territories:
                    del run[:2]      # Shares of IPC, Members of the Bank of England: a plural common noun opening a sentence
                elif w0.lower() in _NUMBER_WORDS:
                    del run[:2]      # Two of Britain's biggest banks: a count opening the sentence
            heading = False
            while run and _ROMAN.fullmatch(run[0].group(0).rstrip(".")) and \
                    (run[0].group(0).endswith(".") or norm.startswith(".", run[0].end())):
                run.pop(0)          # I. Review of work in 2023: a section number, then its heading's first word
                heading = True
            if heading and len(run) == 1:
                run.clear()
            while run and run[0].group(0).rstrip(".") in skip_front:
                run.pop(0)
            if run:
                words = [_POSSESSIVE_END.sub("", w.group(0).rstrip(".")) for w in run]
                named = any(w not in self.not_names and w[:1].isupper() and not _ROMAN.fullmatch(w)
                            and not _MONTH_RANGE.fullmatch(w) for w in words) or \
                    any(w.rstrip(".") in self.suffixes for w in words[1:])
                if (words[-1] in self.demonyms or (self.demonym_form is not None and self.demonym_form.fullmatch(words[-1]))
                        or ("-" in words[-1] and all(p in self.demonyms for p in words[-1].split("-"))))\
                        and all(w in _COMPASS for w in words[:-1]):
                    named = False   # Chinese, South Korean: a nationality, not a name
                if words[-1] in self.document_heads:
                    named = False   # Tongshan County Government Work Report, Implementation Plan: a document's title
                if len(words) >= 2 and words[-1] in self.not_acronym_names \
                        and not any(w.rstrip(".") in self.suffixes for w in words):
                    named = False   # Real GDP, Annual CPI opening a sentence: a measure, not a name
                if named and len(words) <= 8 and (_HOLIDAY_AFTER.match(norm, run[-1].end()) or (
                        len(run) >= 2 and run[-1].group(0).rstrip(".") in ("Day", "Eve")
                        and run[-2].group(0).endswith(("'", "’", "'s", "’s")))):
                    named = False   # Singles' Day, Mother's Day, New Year's Eve: a holiday, not an owner
                if named and len(words) <= 8:
                    a, b = run[0].start(), run[-1].end()
                    txt = norm[a:b]
                    if txt.endswith(("'s", "’s")):
                        b -= 2
                    last = run[-1].group(0)
                    if txt.endswith(".") and last not in self.suffixes and "." not in last[:-1] and len(last) > 2:
                        b -= 1          # the sentence's full stop (in China.), not an abbreviation (Co., U.S., J.)
                    out.append((a, b))
            run.clear()

        word, cap_word = self._word.search, self._cap_word.search
        pos = s
        while True:
            m = (word if run else cap_word)(norm, pos, e)
            if m is None:
                break
            pos = m.end()
            w = m.group(0)
            gap = norm[run[-1].end():m.start()] if run else ""
            if run and (gap.strip() not in ("",) or "\n" in gap):
                flush()
            if run and run[-1].group(0).endswith(("'s", "’s")):
                flush()  # China's Hainan Province: the possessor is the name
            if w[0].isupper() or w.startswith("("):
                run.append(m)
            elif run and w in self.inner:
                run.append(m)
            elif run:
                flush()
        if run:
            flush()
        if self._lower_names is not None:
            # "the 12-member eurozone bloc": a region's name written in lower case
            extra = [m.span() for m in self._lower_names.finditer(norm, s, e)
                     if not any(a < m.end() and m.start() < b for a, b in out)]
            if extra:
                out = sorted(out + extra)
        if len(out) > 1:
            # Japan's biggest steel company Nippon Steel, Europe's food giant Parmalat: the possessor describes
            # the name after it (lower-case words between) and is not a name of its own here
            keep = []
            for k, (a, b) in enumerate(out):
                nxt = out[k + 1][0] if k + 1 < len(out) else None
                if nxt is not None and (_POSSESSOR_OF_NAME.fullmatch(norm, b, nxt) or _KIND_OF_PLACE.fullmatch(norm, b, nxt)
                                        or (norm[b - 1] in "'’" and _DESCRIPTOR_GAP.fullmatch(norm, b, nxt))
                                        or self._place_describes(norm, (a, b), nxt)):
                    continue    # Japan's biggest steel company Nippon Steel; U.S. state of Georgia; American Airlines'
                    #             parent AMR (a plural's apostrophe inside the span): the second name
                if k > 0 and _APPOSED_POSSESSOR.fullmatch(norm, out[k - 1][1], a) and _DESCRIPTOR_AFTER.match(norm, b) \
                        and not self.is_source(norm, out[k - 1]) and not _PREPOSITION_BEFORE.search(norm, max(0, out[k - 1][0] - 24), out[k - 1][0]):
                    continue    # Alibaba, China's leading online shopping platform, sold: the possessor describes
                keep.append((a, b))
            out = keep
        return out

    def _place_describes(self, norm: str, span, nxt: int) -> bool:
        """"US mortgage firm Freddie Mac", "German carmaker BMW": a place before a kind of firm describes the name
        after it (the firm's country), as a possessive does."""
        if not self.descriptor_nouns:
            return False
        place = norm[span[0]:span[1]]
        if place not in self.territories and place not in self.place_acronyms:
            return False
        gap = _DESCRIPTOR_GAP.fullmatch(norm, span[1], nxt)
        return gap is not None and gap.group(0).split()[-1].lower() in self.descriptor_nouns

    def is_name_acronym(self, word: str, known: set[str] | None) -> bool:
        """An acronym that is a name: one of ``subject_acronyms`` (US, EU, IMF) or one the document defines
        after a name (China International Cultural Industries Fair (ICIF)), which ``known`` carries."""
        return word in self.acronyms or (known is not None and word in known)

    def is_payee(self, norm: str, span) -> bool:
        """"paying the Securities and Exchange Commission $250m", "paying $500,000 to the SEC", "$76 for each Guidant
        share": who is paid, or what is bought share by share, never owns the payment."""
        a = span[0]
        return bool(_PAYEE_BEFORE.search(norm, max(0, a - 60), a))

    def acting_acronyms(self, norm: str) -> set[str]:
        """Acronyms the document uses as names of firms that report their own results (_ACRONYM_ACTING and
        ``subject_own_results_nouns``: AMR posted a loss), not those of ``subject_not_acronyms`` (GDP, CPI) or of
        ``subject_acronym_not_names`` (CEO, TV)."""
        if self._own_results is None:
            return set()
        found = {m.group("a") for m in _ACRONYM_ACTING.finditer(norm) if self._own_results.match(norm, m.end())}
        return found - self.not_acronym_names - self.acronym_not_names

    def defined_acronyms(self, norm: str) -> dict[str, str]:
        """Acronyms spelt out in the document (a run of capitalised words, then the acronym in parentheses),
        each with the words it stands for (lower case)."""
        out: dict[str, str] = {}
        for m in _ACRONYM_IN_PARENS.finditer(norm):
            acro = m.group("a")
            if acro in out or acro in self.not_acronym_names:
                continue
            name = _SPELT_OUT.search(norm, max(0, m.start() - 160), m.start())
            if name is not None:
                out[acro] = name.group(0).strip().lower()
        return out

    def own_region(self, ctx) -> frozenset[str]:
        return frozenset()

    def is_source(self, norm: str, span) -> bool:
        """"the General Administration of Customs (GAC) said": the source of the figures; not a speaker that
        goes on about itself ("Paion, said that it hoped to sell")."""
        a, b = span
        if norm[a:b] in self.forecasters and not _FORECASTER_OWNS.match(norm, b):
            # the IMF, the OECD: a forecast's source, its owner only when nobody else is named, or when it holds or
            # revises something of its own ("The IMF has 3,217 tonnes of gold", "the World Bank also cut its forecast")
            return True
        m = self.source_after.match(norm, b) if self.source_after is not None else None
        if m is not None:
            # (not "AMR reported a loss of $387m", "Asahi announced record profits": a firm reporting its own results)
            return not (_SPEAKS_OF_ITSELF.match(norm, m.end())
                        or (self._own_results is not None and self._own_results.match(norm, m.end())))
        if self.source_before is None or not self.source_before.search(norm, max(0, a - 24), a):
            return False
        # "the company said AOL's underlying profit rose 8%": a possessive after "said" opens what was said (its
        # owner), unless a speaker follows it ("said Sony's chief executive")
        return not (norm.startswith(("'s", "’s"), b) and not _SPEAKER_AFTER.match(norm, b + 2))

    def is_adjunct(self, norm: str, span) -> bool:
        return False

    def is_base(self, norm: str, span) -> bool:
        return False

    def excluded(self, ctx, pos: int) -> bool:
        """Page furniture (a byline, "Author: Huangshi Daily"); a wire dateline's city often is the story's
        subject and stays."""
        return ctx.structure.page_furniture(pos)

    def is_person(self, norm: str, span) -> bool:
        """Mr Ebbers, President Bush, Wu Xiaoling: a person's name (never the subject)."""
        return norm.startswith(self.person_titles, span[0]) or self.is_pinyin_person(norm, span)

    def titled_surnames(self, ctx) -> set[str]:
        """Surnames the document gives a courtesy title (Mr Ebbers, Ms Druyun), once per document: every name
        ending in one is that person (Bernie Ebbers)."""
        key = ("titled_people",)
        if key not in ctx.cache:
            ctx.cache[key] = {m.group(1) for m in _COURTESY_TITLED.finditer(ctx.norm)}
        return ctx.cache[key]

    def people_by_surname(self, ctx) -> set[str]:
        """Surnames of the Chinese people the document names in pinyin (Yan Wei -> Yan), once per document."""
        key = ("pinyin_people",)
        if key not in ctx.cache:
            ctx.cache[key] = {m.group(1) for m in self._pinyin_name.finditer(ctx.norm)
                              if _PINYIN_WORD.fullmatch(m.group(2)) and m.group(0) not in self.territories}
        return ctx.cache[key]

    def is_pinyin_person(self, norm: str, span) -> bool:
        """Xi Jinping, Wu Xiaoling: a Chinese person's name in pinyin (a surname, then pinyin syllables)."""
        words = norm[span[0]:span[1]].split()
        return 2 <= len(words) <= 3 and words[0] in self.pinyin_surnames and \
            all(_PINYIN_WORD.fullmatch(w) for w in words[1:]) and " ".join(words) not in self.territories

    def strong(self, name: str) -> bool:
        words = name.replace("(", " ").replace(")", " ").split()
        return any(w.rstrip(".,") in self.suffixes for w in words)

    def main_of(self, ctx) -> str | None:
        """The name mentioned most often (a name with a Zone/City suffix counts double)."""
        norm = ctx.norm
        counts: Counter = Counter()
        seen: Counter = Counter()           # mentions (counts weighs a Zone/City name double)
        first: dict[str, int] = {}
        inside: set[str] = set()
        for i in range(len(ctx.sents)):
            for a, b in sentence_names(self, ctx, i):
                if self.is_source(norm, (a, b)) or ctx.structure.page_furniture(a) or self.is_pinyin_person(norm, (a, b)) \
                        or self.is_payee(norm, (a, b)):
                    continue               # a source, page furniture (menus, other headlines), a photographer (Wu Xiaoling),
                    #                        who is paid (paying the SEC)
                key = norm[a:b]
                counts[key] += 2 if self.strong(key) else 1
                seen[key] += 1
                first.setdefault(key, a)
                if norm[ctx.sents[i][0]:a].strip():
                    inside.add(key)        # named somewhere after a sentence's first word
        if not counts:
            return None
        # the name that opens the lead (or the headline before it) is what a news story is about: "Alibaba is set to
        # raise $12.9bn from its listing in Hong Kong" is Alibaba's story, however often Hong Kong comes (lead_bonus)
        raw = Counter(counts)
        top = max(raw.values())
        if self.lead_bonus:
            for i in range(min(self.lead_sentences, len(ctx.sents))):
                if ctx.structure.page_furniture(ctx.sents[i][0]):
                    continue
                if i > 0 and norm[ctx.sents[i - 1][0]:ctx.sents[i - 1][1]].rstrip().endswith((".", "!", "?", "\"", "”")):
                    break               # the sentence after the lead (after a headline: the lead itself)
                lead = self.lead_name(ctx, i)
                # (a story's subject is named more than once, and more than half as often as the name named most;
                # a one-word name, once not opening a sentence: "Air passengers win new EU rights" is no story of "Air")
                if lead is not None and raw[lead] >= 2 and 2 * raw[lead] > top and (" " in lead or lead in inside):
                    counts[lead] += self.lead_bonus
        for short in [k for k in counts if 2 <= len(k) <= 5 and k.isupper()]:
            full = next((k for k in counts if k != short and _initials_of(short, k.lower())), None)
            if full is not None:
                # GE and General Electric are one company: counted together, written as the document writes it
                # most often
                keep, drop = (short, full) if (seen[short], -first[short]) > (seen[full], -first[full]) else (full, short)
                counts[keep] += counts.pop(drop)
        best = max(counts, key=lambda k: (counts[k], -first[k]))
        # in a document of some length a name mentioned once (and no Zone/City suffix) is not its topic: a county
        # report that calls itself "the county" throughout and names the Pearl River Delta once has no main subject
        # (dev BBC subject 0.888 -> 0.893, gold-null subjects kept null 0.00 -> 0.19); a short item's one name is
        return best if counts[best] >= 2 or len(ctx.sents) <= _SHORT_DOC_SENTENCES else None

    def decisive(self, ctx, c, si: int, se: int) -> str | None:
        """A subject that a pattern names outright, before the parse's owner and the nearest name."""
        return possessor_owner(self, ctx, c, si) or self.brand_owner(ctx, c, si) or self.absolute_owner(ctx, c, si) \
            or self.relative_owner(ctx, c, si) or self.holder_with(ctx, c, si) or self.group_of_members(ctx, c, si) \
            or self.pronoun_owner(ctx, c, si) or self.shares_owner(ctx, c, si) or self.demonym_owner(ctx, c, si) \
            or self.listed_place(ctx, c, si) or self.fronted_owner(ctx, c, si)

    def fronted_owner(self, ctx, c, si: int) -> str | None:
        """"But despite a record profit in 2004 of 30.6bn yen, up 31.8% on the previous year, Asahi is coming late to
        …": a figure in a phrase that opens the sentence (despite, although, after, with, thanks to) belongs to the
        subject of the main clause, the name right after the phrase's comma and right before its verb."""
        norm = ctx.norm
        ss, se = ctx.sents[si] if ctx.sents else (0, len(norm))
        m = _FRONTED_PHRASE.match(norm, ss, c.start)
        if m is None:
            return None
        for a, b in sentence_names(self, ctx, si):
            if a < c.end:
                if a >= m.end():
                    return None          # the phrase names its own (After the Fed raised rates by 0.25%, …)
                continue
            if _MAIN_CLAUSE_NAME.search(norm, max(ss, a - 8), a) and _MAIN_VERB_AFTER_NAME.match(norm, b) \
                    and not self.is_source(norm, (a, b)):
                return ctx.text[a:b]
            return None                  # (the first name after the figure is the main clause's subject or nobody)
        return None

    def listed_place(self, ctx, c, si: int) -> str | None:
        """"38.4% reside in Argentina, 15.6% in Italy, ... and 3.1% in Japan": in a list of figures by place, each
        belongs to the place named right after it (a list: another figure of the sentence stands the same way)."""
        norm = ctx.norm
        m = _PLACE_AFTER.match(norm, c.end)
        if m is None:
            return None
        names = sentence_names(self, ctx, si)
        here = next((n for n in names if n[0] == m.end()), None)
        if here is None or not _ITEM_END.match(norm, here[1]):
            return None
        spans = ctx.cache.get("figure_spans") or []
        s0, s1 = ctx.sents[si] if ctx.sents else (0, len(norm))
        i = bisect.bisect_left(spans, (s0, -1))
        while i < len(spans) and spans[i][0] < s1:      # the sentence's other figures (spans are sorted)
            o = _PLACE_AFTER.match(norm, spans[i][1]) if spans[i] != (c.start, c.end) else None
            if o is not None and any(n[0] == o.end() and _ITEM_END.match(norm, n[1]) for n in names):
                return ctx.text[here[0]:here[1]]
            i += 1
        return None

    def demonym_owner(self, ctx, c, si: int) -> str | None:
        """"Forecasts for Japanese growth were scaled back to 4.0%", "its estimate for the 12-member eurozone
        economy from 2.2%": a demonym before a measure of a whole economy (``subject_demonym_measures``), the last
        such phrase before the figure in its sentence with no name between, names the place that owns it, as the
        window writes the place (``subject_demonym_places``)."""
        if self._demonym_measure is None:
            return None
        norm = ctx.norm
        lo = c.extra.get("comp_left", c.start)
        ss = ctx.sents[si][0] if ctx.sents else 0
        # (not "European shares were flat, while the Nasdaq gained 0.4%": another clause's)
        start = _en_clause_start(norm, max(ss, lo - 100), lo)
        m = None
        for m in self._demonym_measure.finditer(norm, start, lo):
            pass
        if m is None or any(m.end() <= a and b <= lo for a, b in sentence_names(self, ctx, si)):
            return None
        # the place as the sentence or the one before writes it (R17: "German growth" takes Germany only where
        # the window names it; a demonym alone names no place); a region's own word ("eurozone") names itself
        d = m.group("d")
        if d.lower() == self.demonym_places[d][0].lower():
            return ctx.text[m.start("d"):m.end("d")]
        lo_w = ctx.sents[si - 1][0] if si > 0 and ctx.sents else ss
        hi_w = ctx.sents[si][1] if ctx.sents else len(norm)
        for f in self.demonym_places[d]:
            w = re.search(r"\b" + re.escape(f) + r"\b", norm[lo_w:hi_w])
            if w is not None:
                return ctx.text[lo_w + w.start():lo_w + w.end()]
        # a place the demonym spells out in full is named, copied from it (Japanese -> Japan, Brazilian -> Brazil;
        # not German -> Germany, British -> UK: GUIDELINES, "copied from the text")
        f = next((f for f in self.demonym_places[d] if d.startswith(f)), None)
        if f is not None:
            return ctx.text[m.start("d"):m.start("d") + len(f)]
        return None

    def brand_owner(self, ctx, c, si: int) -> str | None:
        """"Ford's Mustang Mach E SUV will go 230 miles": a name that another name possesses outright is its product,
        unit or brand, and the possessor owns the figure; not when the possessor is a country or a region ("Italy's
        Illva Saronno", "China's Baoshan": the company is the name after it). The possessed name opens the figure's
        clause, with at most a verb group between it and the figure."""
        norm = ctx.norm
        lo = c.extra.get("comp_left", c.start)
        names = [n for n in sentence_names(self, ctx, si) if n[1] <= lo]
        if len(names) < 2:
            return None
        a, b = names[-2]
        x, y = names[-1]
        if not _NAME_POSSESSES.fullmatch(norm, b, x) or not _DESCRIPTOR_GAP.fullmatch(norm, y, lo):
            return None             # (lower-case words only up to the figure, "will go", "gets a new": no clause break)
        owner = norm[a:b]
        if owner in self.territories or owner in self.demonyms or owner in self.place_acronyms \
                or self.is_person(norm, (a, b)) or self.is_pinyin_person(norm, (a, b)):
            return None
        return ctx.text[a:b]

    def shares_owner(self, ctx, c, si: int) -> str | None:
        """"while Pernod shares in Paris slipped 1.2%", "Shares in ACC fell 5.5%": the company whose shares move,
        named with them in the figure's own clause."""
        lo = c.extra.get("comp_left", c.start)
        ss = ctx.sents[si][0] if ctx.sents else 0
        start = _en_clause_start(ctx.norm, max(ss, lo - 160), lo)
        best = None
        for best in _SHARES_OF.finditer(ctx.norm, start, lo):
            pass
        if best is None:
            return None
        name = best.group("n") or best.group("m")
        first = name.split()[0]
        if first in self.not_names or name in self.forecasters or any(p in self.demonyms for p in first.split("-")):
            return None       # (not "Shares in Anglo-Swedish drug firm …": a demonym describes, it names nobody)
        a = best.start("n") if best.group("n") else best.start("m")
        return ctx.text[a:a + len(name)]

    def relative_owner(self, ctx, c, si: int) -> str | None:
        """"Allied Domecq, which has a capitalisation of £5.7bn": the name a relative clause describes owns
        the figures inside the clause."""
        lo = c.extra.get("comp_left", c.start)
        m = _RELATIVE_OF_NAME.search(ctx.norm, max(ctx.sents[si][0] if ctx.sents else 0, lo - 120), lo)
        if m is None:
            return None
        for a, b in reversed(sentence_names(self, ctx, si)):
            if b == m.start():
                return ctx.text[a:b]
        return None

    def group_of_members(self, ctx, c, si: int) -> str | None:
        """"the 12-nation eurozone", "the 25-member EU": the group whose members are counted owns the count (the
        name right after the compound, at most a word between: "the 12-member eurozone bloc")."""
        if c.rule != "en.count.members":
            return None
        phrase = c.extra.get("count_phrase")
        end = phrase[1] if phrase else c.end
        for a, b in sentence_names(self, ctx, si):
            if end < a <= end + 16 and _ONE_WORD_GAP.fullmatch(ctx.norm, end, a):
                return ctx.text[a:b]
        return None

    def holder_with(self, ctx, c, si: int) -> str | None:
        """"led by Lukoil with 11% of the market", "Sibneft with 7% of the market": a name right before "with" and
        the figure holds it (not a person, a source or a place of an adjunct: "in Moscow with 5%" is read by the
        nearest-name rules)."""
        lo = c.extra.get("comp_left", c.start)
        ss = ctx.sents[si][0] if ctx.sents else 0
        m = _HOLDER_WITH.search(ctx.norm, max(ss, lo - 40), lo)
        if m is None:
            return None
        for a, b in reversed(sentence_names(self, ctx, si)):
            if b == m.start():
                prep = _PREP_BEFORE_NAME.search(ctx.norm, max(0, a - 12), a)
                if self.is_person(ctx.norm, (a, b)) or self.is_source(ctx.norm, (a, b)) \
                        or _GIVEN_WITH.search(ctx.norm, max(ss, a - 60), a) \
                        or (prep is not None and prep.group(0).split()[0].lower() != "by"):
                    return None      # (who is given it; a place of an adjunct; "led by Lukoil with" is the holder)
                return ctx.text[a:b]
        return None

    def pronoun_owner(self, ctx, c, si: int) -> str | None:
        """"Parmalat, the Italian food group …, has reported a doubling in profit. Its pre-tax earnings … were
        77m euros": a sentence that opens with its/their/it/they (before the figure, no name between) belongs to the
        name that opens the sentence before."""
        if si == 0 or not ctx.sents:
            return None
        ss = ctx.sents[si][0]
        lo = c.extra.get("comp_left", c.start)
        if not _OPENS_WITH_PRONOUN.match(ctx.norm, ss) or any(a < lo for a, _ in sentence_names(self, ctx, si)):
            return None
        ps = ctx.sents[si - 1][0]
        names = sentence_names(self, ctx, si - 1)
        if names and ctx.norm[ps:names[0][0]].strip() in ("", "The", "the"):
            a, b = names[0]
            if not self.is_source(ctx.norm, (a, b)):
                return ctx.text[a:b]
        m = _OPENING_APPOSED.match(ctx.norm, ps)     # "Parmalat, the Italian food group …": a name by its apposition
        if m and m.group("n").split()[0] not in self._skip_front:
            return ctx.text[m.start("n"):m.end("n")]
        return None

    def subject(self, ctx, c, si: int, ss: int, se: int) -> str | None:
        return _pick(self, ctx, c, si, ss, se)

    def is_territory(self, norm: str, span) -> bool:
        """A country or territory (CLDR's English names) the figure is in: "25 percent of the total retail sales in
        China" with nobody named before the figure is China's (not a destination: "goods worth 2.67 billion yuan to
        countries including Cambodia")."""
        return _POSSESSIVE_END.sub("", norm[span[0]:span[1]]) in self.territories \
            and bool(_IN_BEFORE.search(norm, max(0, span[0] - 12), span[0]))

    def clause_opener(self, norm: str, ss: int, c, before) -> tuple[int, int] | None:
        """The place that opens the figure's clause ("In London, the benchmark price closed down 51 cents", "; in Chile,
        hotels reported", ", while in India just over half a million people") when it is the only name between the
        clause's start and the figure: the figures of that clause are the place's. A place is a territory (CLDR) or a
        name opening the clause with "In" and a comma ("In London,"); a city with neither ("while New York light sweet
        crude closed down 25 cents") is left to the nearest-name rules."""
        if not before:
            return None
        a, b = before[-1]
        if len(before) > 1 and not _CLAUSE_BREAK.search(norm, before[-2][1], a):
            return None              # two names in the clause before the figure: the nearest-name rules choose
        m = _CLAUSE_OPENING.search(norm[ss:a])
        end = c.extra.get("comp_left", c.start)
        if m is None or _OPENER_CLAUSE_BREAK.search(norm, b, end):
            return None              # not at a clause's opening; another clause between the place and the figure
        if _ACTOR_PRONOUN.search(norm, b, end):
            return None              # "In China, where it runs 32 plants, sales fell 9.6%": the firm's sales there
        name = _POSSESSIVE_END.sub("", norm[a:b])
        comma = norm.startswith(",", b)
        if name in self.territories or (m.group("in") and comma):
            return (a, b)
        return None

    def opening_name(self, ctx, si: int, names=None) -> tuple[int, int] | None:
        """The name that opens sentence ``si`` after at most a short adverbial (In 2020, Alibaba; For instance,
        the Tianjin government); a name inside the adverbial (During this year's Double Eleven, Tmall), a
        source or a possessor with no name after it (Europe's fourth-largest carmaker) opens nothing."""
        norm = ctx.norm
        s0 = ctx.sents[si][0] if ctx.sents else 0
        if names is None:
            names = [n for n in sentence_names(self, ctx, si) if not self.is_person(norm, n)]
        opening = next((n for n in names if _OPENER.fullmatch(norm, s0, n[0])), None)
        if opening is None or self.is_source(norm, opening) or _DESCRIPTOR_NO_NAME.match(norm, opening[1]):
            return None
        return opening

    def lead_name(self, ctx, si: int) -> str | None:
        """The name that opens sentence ``si`` as its subject: at the sentence's start (after "The"), or the
        name a descriptor before it introduces ("US behemoth General Electric", "Beauty company Coty"); not a
        nationality, a person or a source."""
        norm = ctx.norm
        s0 = ctx.sents[si][0] if ctx.sents else 0
        names = sentence_names(self, ctx, si)
        if not names or not (_LEAD_START.fullmatch(norm, s0, names[0][0]) or (
                self._lead_kind_start is not None and self._lead_kind_start.fullmatch(norm, s0, names[0][0]))):
            return None                 # (Swiss drugmaker Novartis: a nationality and a kind before the name)
        n = names[0]
        if len(names) > 1 and (_NAME_POSSESSES.fullmatch(norm, n[1], names[1][0])
                               or (self._lead_descriptor is not None
                                   and self._lead_descriptor.fullmatch(norm, n[1], names[1][0]))):
            n = names[1]                # US behemoth General Electric, Beauty company Coty: the name after the kind
        if _DATELINE_AFTER.match(norm, n[1]):
            return None                 # New York, NY – ...: a dateline, not the story's subject
        words = norm[n[0]:n[1]].split()
        cut = next((k for k, w in enumerate(words) if w + " " in self.person_titles), None)
        if cut is not None:
            words = words[:cut]         # South Dakota Gov. Kristi Noem: the state, not its governor
        if not words or _POSSESSIVE_END.sub("", words[-1]) in self.demonyms or self.is_person(norm, n) \
                or self.is_pinyin_person(norm, n) or self.is_source(norm, n):
            return None                 # S Korean consumers: a nationality
        return " ".join(words)

    def absolute_owner(self, ctx, c, si: int) -> str | None:
        """"…, with ThyssenKrupp dropping 1.7%", "with closest rival JFE Holdings down 3.4%": in an absolute
        phrase the name right before the verb (or up/down) owns the figure."""
        lo = c.extra.get("comp_left", c.start)
        m = _WITH_ABSOLUTE.search(ctx.norm, max(0, lo - 80), lo)
        if m is None:
            return None
        for a, b in reversed(sentence_names(self, ctx, si)):
            if b == m.start("gap") and a >= m.end("w"):
                return ctx.text[a:b]
        return None
