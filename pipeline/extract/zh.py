"""Chinese figures: 300亿元, 38.3%, 百分之四十, 三成, 3个百分点, 50家, 三大任务, 71.21万亩."""
from __future__ import annotations

import re
from decimal import Decimal

from ..patterns import alternation, fast_finditer, first_chars
from ..resolve import zh_numbers
from ..segment import is_han
from .base import ONE, BaseExtractor, Candidate, EndMatcher, UnitGuard, UnitInfo


class ZhExtractor(BaseExtractor):
    lang = "zh"
    range_sep = re.compile(r"^\s*(?:-|–|—|－|~|～|至|到)\s*$")
    list_sep = re.compile(r"^\s*(?:、|和|与|及|或)\s*$")

    def __init__(self, patterns=None):
        super().__init__(patterns)
        U = self.P.units
        self.num_re = self.P.regex("number")
        self.big_count_re = self.P.regex("big_count")
        # both start with a digit or a Chinese numeral: tried only there (same matches)
        self._numbers = fast_finditer(self.num_re)
        self._big_counts = fast_finditer(self.big_count_re)
        self.neg_re = self.P.regex("negative")
        self.units: dict[str, UnitInfo] = {}
        money = U["money"]
        weak = set(money.get("weak_suffix", []))
        for iso, words in money["suffix"].items():
            for w in words:
                self.units[w] = UnitInfo("money", iso, ONE, weak=w in weak)
        # currencies generated from CLDR (patterns/zh/currencies.yaml), under the hand-curated ones:
        # names (100格鲁吉亚拉里, 300美圆), heads (445奈拉), codes (100 GEL) and symbols (100₾) after the number
        gen = self.P.data("currencies").get("money") or {}
        for section in ("names", "heads"):
            for iso, words in (gen.get(section) or {}).items():
                for w in words:
                    self.units.setdefault(w, UnitInfo("money", iso))
        for iso in gen.get("codes") or []:
            self.units.setdefault(iso, UnitInfo("money", iso))
        for sym, iso in (gen.get("symbols") or {}).items():
            self.units.setdefault(sym, UnitInfo("money", iso))
        for w, f in money.get("subunit", {}).items():
            self.units.setdefault(w, UnitInfo("subunit", None, Decimal(str(f))))
        for w, f in U["percent"]["suffix"].items():
            self.units[w] = UnitInfo("percent", "%", Decimal(str(f)))
        for w in U["ppt"]["suffix"]:
            self.units[w] = UnitInfo("ppt", "pp")
        for w in U["quantity"]["units"]:
            self.units.setdefault(w, UnitInfo("quantity", w))
        for w, rule in (U["quantity"].get("guarded") or {}).items():
            self.units.setdefault(w, UnitInfo("quantity", w, guard=UnitGuard.from_rule(rule, {})))
        for w in U["count"]["classifiers"]:
            self.units.setdefault(w, UnitInfo("count", w))
        named = U["count"].get("guard_patterns") or {}
        for w, rule in (U["count"].get("guarded") or {}).items():
            self.units.setdefault(w, UnitInfo("count", w, guard=UnitGuard.from_rule(rule, named)))
        # a weak money word that is also a classifier (块): a count where it is no money (10块黄油)
        self._weak_count = {w: UnitInfo("count", w) for w in U["count"]["classifiers"]
                            if w in self.units and self.units[w].weak}
        # spaces may stand between the characters of a unit (２．４   个百分 点, 一 百 五 十 个 百 分 点)
        self.unit_re = re.compile(r"[ \t]*(?P<ap>[多余])?[ \t]*(?P<u>" + _spaced_alternation(self.units) + ")")
        self._not_before = re.compile(alternation(U["count"]["not_before"]))
        self._not_before_unit = {u: re.compile(alternation(ws)) for u, ws in (U["count"].get("not_before_unit") or {}).items()}
        self._per_tail = re.compile(alternation(money.get("per_tail", [])))
        el = money.get("elided") or {}
        self._elided_after = self._elided_before = self._spoken_scale = None
        if el:
            nouns = alternation(el["nouns"])
            self._elided_after = re.compile(f"的?{nouns}")
            self._elided_before = re.compile(f"(?:{nouns}|{alternation(el['verbs'])}){el.get('between', '')}$")
            if el.get("spoken_scale"):
                self._spoken_scale = re.compile(el["spoken_scale"])
        ep = U["count"].get("elided_people") or {}
        self._people_before = self._people_verb = None
        if ep:
            self._people_unit = {str(k): str(v) for k, v in ep["nouns"].items()}
            self._people_before = re.compile(f"(?P<u>{alternation(self._people_unit)})[^，。；！？、,;!?\\n]{{0,{int(ep['reach'])}}}$")
            self._people_verb = re.compile(f"{alternation(ep['verbs'])}$")
        snb = U["count"].get("scaled_noun_not_before")
        self._scaled_noun = re.compile(alternation(snb)) if snb is not None else None
        self._prefix_money = {}
        for iso, words in money.get("prefix", {}).items():
            for w in words:
                self._prefix_money[w] = iso
        for extra in ({iso: iso for iso in gen.get("codes") or []}, gen.get("symbols") or {},
                      {w: iso for d, iso in (gen.get("dollar_codes") or {}).items() for w in (d, d.upper())}):
            for w, iso in extra.items():
                self._prefix_money.setdefault(w, iso)
        self.prefix_money_re = EndMatcher(re.compile(alternation(self._prefix_money) + r"[ \t]?$"), list(self._prefix_money))
        self._prefix_window = max(4, max(len(w) for w in self._prefix_money) + 1)
        pp = U["percent"]["prefix"]
        self._pct_prefix = {k: Decimal(str(v)) for k, v in pp.items()}
        self.pct_prefix_re = EndMatcher(re.compile(
            "(?P<p>" + "|".join(r"[ \t]*".join(map(re.escape, k)) for k in sorted(pp, key=len, reverse=True))
            + r")[ \t]*$"), list(pp))
        self._joiners = money.get("subunit_joiner", [])
        # 成/折 are percent only after a numeral and not as part of a word (成为, 折合)
        self._tenths_not_after = re.compile(r"[为功立果本交员熟长就绩效型套品都片群批色形绩合算旧射扣叠纸线]")
        flt = self.P.context.get("filters", {})
        self._article = set(flt.get("article_numerals", []))
        self._zero = set(flt.get("zero_numerals", []))
        self._ordinal_numerals = set(flt.get("ordinal_numerals", []))
        bl = flt.get("bare_scale_label") or {}
        self._label_kinds = set(bl.get("kinds", []))
        self._label_keep_before = re.compile(bl["keep_before"]) if bl.get("keep_before") else None
        self._label_keep_after = tuple(bl.get("keep_after", []))
        self._label_counted = re.compile(bl["counted_before"]) if bl.get("counted_before") else None
        # percent words without a numeral: 半成 (5%), 对折 / 半折 (50%), each with the context it needs
        self._pct_words = []
        for w in U["percent"].get("words", []):
            self._pct_words.append((w["word"], Decimal(str(w["value"])),
                                    re.compile(w["left"] + "$") if w.get("left") else None,
                                    re.compile(w["not_left"] + "$") if w.get("not_left") else None,
                                    re.compile(w["not_right"]) if w.get("not_right") else None))
        self._pct_words_re = re.compile(alternation([w[0] for w in self._pct_words])) if self._pct_words else None
        # 三成半 = 35%, 七成六 = 76%: a half or one digit after 成 continues the figure
        tail = U["percent"].get("tenths_tail") or {}
        self._tenths_half = re.compile(tail["half"]) if tail.get("half") else None
        self._tenths_digit = re.compile(tail["digit"]) if tail.get("digit") else None
        self._time_unit = re.compile(r"[ \t]*" + alternation(U.get("time_units") or ["年"]))
        # what may follow a bare number that joins the next figure as a range or a list item (15-18万元,
        # 3、4个百分点): the first characters of the separators (spaces included); None: keep every number
        seps = [rx.pattern for rx in (self.range_sep, self.range_between, self.list_sep) if rx is not None]
        found = first_chars(re.compile("|".join(f"(?:{p})" for p in seps)))
        self._gap_start = found[0] if found else None

    # -----------------------------------------------------------------------------------------
    def candidates(self, norm: str) -> list[Candidate]:
        out: list[Candidate] = []
        for m in self._numbers(norm):
            c = self._from_match(norm, m)
            if c is not None:
                out.append(c)
        for m in self._big_counts(norm):
            c = self._big_count(norm, m)
            if c is not None:
                out.append(c)
        if self._pct_words_re is not None:
            for m in self._pct_words_re.finditer(norm):
                c = self._pct_word(norm, m)
                if c is not None:
                    out.append(c)
        if self._spoken_scale is not None and ("个亿" in norm or "个万" in norm):
            spoken = [c for c in map(self._spoken, self._spoken_scale.finditer(norm)) if c is not None]
            if spoken:      # 两个亿: not a count 两个 and a 亿
                out = [c for c in out if not any(sp.start <= c.start < sp.end for sp in spoken)] + spoken
        self._merge_subunits(norm, out)
        return out

    def _spoken(self, m: re.Match) -> Candidate | None:
        """一个亿, 两个亿: N个亿 is speech for N亿; a bare amount until the elided-money test reads it."""
        n = m.group("n")
        v = zh_numbers.parse(n) if not n[0].isdigit() else Decimal(n)
        if v is None:
            return None
        mult = zh_numbers.parse("1" + m.group("sc"))
        return Candidate(start=m.start(), end=m.end(), nstart=m.start(), nend=m.end(), value=v * mult, scale=mult,
                         has_scale=True, numeral="arabic" if n[0].isdigit() else "cn", rule="zh.money.spoken")

    def share_units(self, norm: str, cands: list[Candidate]) -> list[Candidate]:
        cands = super().share_units(norm, cands)
        people: tuple[str, int] | None = None      # (unit, end of its sentence) of the last population count
        for c in cands:
            if c.kind is None and c.has_scale and c.high is None and _bare_amount(norm, c):
                self._elided(norm, c)
                if c.kind is None and self._people_before is not None:
                    people = self._elided_people(norm, c, people)
        return cands

    def _elided_people(self, norm: str, c: Candidate, people: tuple[str, int] | None) -> tuple[str, int] | None:
        """A bare 万/亿 number after a population noun and a verb of level or change counts the noun (老年人已经达到
        １．７８亿); later ones of the same sentence after such a verb count it too. Returns the sentence's count."""
        if not self._people_verb.search(norm, max(0, c.start - 4), c.start):
            return people
        m = self._people_before.search(norm, max(0, c.start - 24), c.start)
        if m is not None:
            end = _SENTENCE_END.search(norm, c.end)
            people = (self._people_unit[m.group("u")], end.start() if end else len(norm))
        elif people is None or c.start > people[1]:
            return None
        c.kind, c.unit, c.rule = "count", people[0], "zh.count.elided_people"
        return people

    def _elided(self, norm: str, c: Candidate) -> None:
        """A 万/亿 amount without a unit: CNY next to a money noun or verb (400万的税, 基金仅为2.2亿, 最高可罚50万),
        a count of the noun right after it (３亿吸烟者). ``c`` is a bare amount (``_bare_amount``)."""
        nxt = norm[c.end:c.end + 1]
        if self._elided_after is not None and (self._elided_after.match(norm, c.end)
                                               or self._elided_before.search(norm, max(0, c.start - 12), c.start)):
            c.kind, c.unit, c.rule = "money", "CNY", "zh.money.elided"
            return
        if self._scaled_noun is not None and nxt and is_han(nxt) and c.rule != "zh.money.spoken" \
                and not self._scaled_noun.match(norm, c.end) and norm[c.nstart] not in "十百千万萬亿億" \
                and self._opens_noun(norm, c.end):
            head = self._head_noun(norm, c.end)
            if head is not None and head not in self.units:
                c.kind, c.unit, c.rule = "count", head, "zh.count.scaled_noun"

    @staticmethod
    def _opens_noun(norm: str, pos: int) -> bool:
        """A noun phrase starts at ``pos`` (３亿吸烟者, ２０万农村学童), not a verb or a particle (９．７亿减少到,
        ９．９８亿的峰值), and not 万一 (in case)."""
        from ..segment import zh_tokens

        seg = re.match(r"[\u4e00-\u9fff]{1,8}", norm[pos:pos + 8])
        toks = zh_tokens(seg.group(0)) if seg else []
        if not toks:
            return False
        w, flag, _ = toks[0]
        if flag.startswith("n") and flag != "nr":
            return True
        # 300多万各族/l 群众, 20万各/r 民族 家庭: "every kind of", then the noun
        if w.startswith("各") and (flag == "l" or (len(toks) > 1 and toks[1][1].startswith("n") and toks[1][1] != "nr")):
            return True
        # 89万监测/vn 对象, 51万新/a 就业/vn|v 形态 人员: a modifier (an adjective, a verbal noun) before the noun
        return flag in ("a", "b", "vn") and len(toks) > 1 and (toks[1][1].startswith("n") and toks[1][1] != "nr"
                                                             or (toks[1][1] in ("vn", "v") and len(toks) > 2
                                                                 and toks[2][1].startswith("n") and toks[2][1] != "nr"))

    def _pct_word(self, norm: str, m: re.Match) -> Candidate | None:
        """半成 = 5%, 打对折 = 50%: a percent written as a word (never in 半成品, 一半成为, 把纸对折)."""
        for word, value, left, not_left, not_right in self._pct_words:
            if word != m.group(0):
                continue
            before = norm[max(0, m.start() - 6):m.start()]
            if left is not None and not left.search(before):
                return None
            if not_left is not None and not_left.search(before):
                return None
            if not_right is not None and not_right.match(norm, m.end()):
                return None
            return Candidate(start=m.start(), end=m.end(), nstart=m.start(), nend=m.end(), value=value,
                             kind="percent", unit="%", numeral="cn", rule="zh.percent.word")
        return None

    def _value(self, m: re.Match) -> tuple[Decimal | None, Decimal, bool, str, bool]:
        """(value, scale multiplier, has_scale, numeral kind, integer)."""
        if m.group("a"):
            a = m.group("a")
            try:
                v = Decimal(a.replace(",", "").replace("，", "").replace(" ", ""))
            except ArithmeticError:
                return None, ONE, False, "arabic", True
            if m.group("k"):  # 百分之3.2k, 12k个百分点: a thousand
                return v * 1000, Decimal(1000), True, "arabic", True
            sc = m.group("sc")
            mult = zh_numbers.parse("1" + sc) if sc else ONE
            if mult is None:  # an odd run of scale characters (3百千): not a numeral
                return None, ONE, False, "arabic", True
            return v * mult, mult, bool(sc), "arabic", "." not in a
        cn = m.group("cn")
        pm = _PAIR.fullmatch(cn.replace(" ", ""))
        if pm and _DIGIT[pm.group(2)] == _DIGIT[pm.group(1)] + 1:
            # 五六个, 两三百元, 七八成: two neighbouring digits are "five or six", a range (not 56)
            mult = zh_numbers.parse("1" + pm.group(3)) if pm.group(3) else ONE
            if mult is None:
                return None, ONE, False, "cn", True
            return Decimal(_DIGIT[pm.group(1)]) * mult, ONE, any(ch in cn for ch in "万萬亿億"), "cn", True
        v = zh_numbers.parse(cn)
        if v is not None and m.groupdict().get("csc"):
            mult = zh_numbers.parse("1" + m.group("csc"))      # 九千多万: 9000 x 万, the 多 an approximation
            return (v * mult if mult is not None else None), ONE, True, "cn", True
        return v, ONE, any(ch in cn for ch in "万萬亿億"), "cn", not any(ch in cn for ch in "点點")

    def merge_ranges(self, norm: str, cands: list[Candidate]) -> list[Candidate]:
        out = super().merge_ranges(norm, cands)
        k = 0
        while k + 1 < len(out):
            a, b = out[k], out[k + 1]
            if a.kind is None and b.kind is not None and b.high is None and not a.has_scale and a.integer \
                    and b.value == (a.value + 1) * b.scale * b.factor and a.value < 10 and norm[a.end:b.start] == "、" \
                    and "分别" not in norm[max(0, a.start - 20):a.start]:
                # 认领５、６棵树: two neighbouring digits joined by 、 are "five or six", one figure
                out[k:k + 2] = [self._range(a, b, b, a.value * b.scale * b.factor, b.value, b.scale, b.has_scale)]
            k += 1
        for c in out:
            if c.numeral == "cn" and c.high is None and c.kind is not None:
                pm = _PAIR.fullmatch(c.extra.get("cn_text", "").replace(" ", ""))
                if pm and _DIGIT[pm.group(2)] == _DIGIT[pm.group(1)] + 1:
                    c.high = c.value * Decimal(_DIGIT[pm.group(2)]) / Decimal(_DIGIT[pm.group(1)])
                elif pm and pm.group(1) == "三" and pm.group(2) == "五":
                    # 三五块钱, 三五个: "three to five", not 35 (read digit by digit)
                    c.value, c.high = c.value * 3 / 35, c.value * 5 / 35
        return out

    def _from_match(self, norm: str, m: re.Match) -> Candidate | None:
        s, e = m.span()
        # percent written before the number (百分之四十, 千分之一), a unit after it
        pm = self.pct_prefix_re.search(norm, max(0, s - 8), s)
        um = self.unit_re.match(norm, e) if pm is None else None
        if pm is None and um is None and self._gap_start is not None and not self._gap_start.match(norm, e) \
                and not self.prefix_money_re.search(norm, max(0, s - self._prefix_window), s):
            # nothing makes it a figure and no range or list separator follows it: a bare number that never
            # joins a figure (the 一 of 统一, 一些, most dates); its value is not worth reading
            return None
        if m.group("cn") and len(m.group("cn")) == 1 and m.group("cn") in _FINANCIAL_DIGITS \
                and not norm.startswith(_FINANCIAL_NEXT, e) and not norm.endswith("分之", 0, s):
            return None     # 陆家嘴, 伍家岭: a capital numeral alone is a name's character, not 6 家
        value, scale, has_scale, numeral, integer = self._value(m)
        if value is None:
            return None
        c = Candidate(start=s, end=e, nstart=s, nend=e, value=value, scale=scale, has_scale=has_scale,
                      numeral=numeral, integer=integer, inner_approx=bool(m.groupdict().get("ap") or m.groupdict().get("cap")))
        if m.group("k"):
            c.extra["k"] = True
        if numeral == "cn":
            c.extra["cn_text"] = m.group("cn")
        if s > 0 and norm[s - 1] == "负" and self.neg_re.search(norm, max(0, s - 2), s):  # 负3.9%
            c.value, c.start = -value, s - 1
            value = c.value
        if pm:
            f = self._pct_prefix[re.sub(r"\s", "", pm.group("p"))]
            c.start, c.kind, c.unit, c.value, c.factor, c.rule = pm.start(), "percent", "%", value * f, f, "zh.percent.prefix"
            return c
        if um:
            u = _unspaced(um.group("u"))
            info = self.units[u]
            if e - s == 1 and norm[s] in "十百千万" and info.kind == "quantity" and (norm[s] + u) in self.units:
                return None        # 27克/千克, 千米: the unit word itself (kilogram), not a thousand grams
            accepted = self._accept_unit(norm, c, info, um)
            if not accepted and u in self._weak_count:
                info = self._weak_count[u]         # 10块黄油: no money, a classifier
                accepted = self._accept_unit(norm, c, info, um)
            if accepted:
                c.end = um.end()
                c.inner_approx = c.inner_approx or bool(um.group("ap"))
                c.kind, c.unit, c.factor = info.kind, info.unit, info.factor
                if u == "折" and c.integer and 10 <= abs(value) < 100:
                    c.factor = ONE  # 75折 is 75%, 7折 is 70%
                c.value = value * c.factor
                c.rule = f"zh.{info.kind}.suffix"
                if u == "成" and c.integer and abs(value) < 10:
                    self._tenths_tail(norm, c)
                if info.kind == "money":
                    t = self._per_tail.match(norm, c.end)
                    if t:
                        c.end = t.end()
                    nm = re.match(r"人民币", norm[c.end:c.end + 3])
                    if nm and info.unit == "CNY":
                        c.end += 3
                    if info.unit == "CNY" and u.endswith("元"):
                        # 新台币850亿元, 港币100亿元: the currency written before decides what 元 is
                        cm = self.prefix_money_re.search(norm, max(0, s - 4), s)
                        if cm and self._prefix_money[cm.group(0).strip()] not in ("CNY", "USD"):
                            c.unit = self._prefix_money[cm.group(0).strip()]
                            if cm.end() == s:
                                c.start = cm.start()   # the span holds its currency: 港币430亿元
                if info.kind == "count" and c.unit == "万户":
                    c.unit, c.value = "户", value * 10000
                return c
        # currency written before the number: $3.56, 人民币300亿 (no 元)
        cm = self.prefix_money_re.search(norm, max(0, s - self._prefix_window), s)
        if cm:
            iso = self._prefix_money[cm.group(0).strip()]
            c.start, c.kind, c.unit, c.rule = cm.start(), "money", iso, "zh.money.prefix"
            return c
        if c.extra.get("k"):
            return None  # 4K电视: a name, not a thousand
        if numeral == "cn" and not has_scale and len(m.group("cn")) == 1 and m.group("cn") in "十百千":
            return None
        return c  # a bare number: may still join a range or a list

    def _tenths_tail(self, norm: str, c: Candidate) -> None:
        """三成半 = 35%, 七成六 / 七成 六 = 76%: the half or the digit after 成 belongs to the figure
        (not in 三成五家, where the digit counts something else)."""
        if self._tenths_half is not None:
            h = self._tenths_half.match(norm, c.end)
            if h and not self._tenths_not_after.match(norm, h.end()):
                c.value += 5
                c.end = h.end()
                return
        if self._tenths_digit is not None:
            d = self._tenths_digit.match(norm, c.end)
            if d and not self.unit_re.match(norm, d.end()) and not self._time_unit.match(norm, d.end()):
                v = zh_numbers.parse(d.group("d"))
                if v is not None and 0 < v < 10:
                    c.value += v
                    c.end = d.end()

    def is_filtered(self, norm: str, c: Candidate) -> bool:
        return super().is_filtered(norm, c) or self._scale_label(norm, c)

    def _scale_label(self, norm: str, c: Candidate) -> bool:
        """千万吨炼化基地, 万米超深钻井, 3个千亿元台阶: a scale alone that names a class of thing (``bare_scale_label``)."""
        cn = c.extra.get("cn_text")
        if c.kind not in self._label_kinds or not cn or not _BARE_SCALE.fullmatch(cn) or c.start != c.nstart:
            return False
        before = norm[max(0, c.start - 4):c.start]
        if self._label_counted is not None and self._label_counted.search(before):
            return True
        if self._label_keep_before is not None and self._label_keep_before.search(before):
            return False
        after = norm[c.end:c.end + 2]
        return bool(after) and is_han(after[0]) and not after.startswith(self._label_keep_after)

    def _accept_unit(self, norm: str, c: Candidate, info: UnitInfo, um: re.Match) -> bool:
        u = _unspaced(um.group("u"))
        after = norm[um.end():um.end() + 3]
        if u.isascii() and u[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha():
            return False  # 100 USDT is not US dollars
        if info.kind == "money" and info.weak:
            # 三块 / 三块钱 are money; 3块土地 is a count of plots
            return not after or not is_han(after[0]) or after.startswith("钱") or bool(_JIAO.match(after))
        if info.kind == "percent" and u in ("成", "折"):
            return not (after and self._tenths_not_after.match(after))
        if info.kind == "quantity" and c.extra.get("cn_text") in self._article:
            return False  # 一亩地收入 / 一吨: per-unit talk, not a measured amount
        if info.guard is not None and not info.guard.allows(norm, c.start, um.end(), c.extra.get("cn_text")):
            return False  # (count.guarded, quantity.guarded in patterns/zh/units.yaml)
        if info.kind == "count":
            if self._not_before.match(norm, um.end()):
                return False
            nbu = self._not_before_unit.get(u)
            if nbu is not None and nbu.match(norm, um.end()):
                return False
            cn = c.extra.get("cn_text")
            if cn is not None and (cn in self._article or cn in self._zero):
                return False  # 一批, 一个, 一家: an article; 零部件: a word
            if cn is not None and cn in self._ordinal_numerals:
                return False  # 二轮, 二类: an ordinal or a label
            if c.value != c.value.to_integral_value():
                return False  # 2.5家 is not a count; 1.2万个 is
        return True

    def _big_count(self, norm: str, m: re.Match) -> Candidate | None:
        """三大重点工作任务: a count of 3; the unit is the head noun that follows."""
        cn = m.group("cn")
        v = zh_numbers.parse(cn)
        if v is None:
            return None
        s = m.start()
        head = self._head_noun(norm, m.end())
        end = m.end()
        if head is None and norm[end:end + 1] == "类":
            head, end = "类", end + 1      # 五大类21个主要指标: five main categories
        if head is None:
            return None
        return Candidate(start=s, end=end, nstart=s, nend=s + len(cn), value=v, kind="count", unit=head,
                         numeral="cn", rule="zh.count.big", extra={"cn_text": cn})

    @staticmethod
    def _head_noun(norm: str, pos: int) -> str | None:
        """The last noun of the phrase after ``pos`` (jieba's dictionary tags), up to punctuation or a verb."""
        from ..segment import zh_tokens

        seg = re.match(r"[\u4e00-\u9fff]{1,12}", norm[pos:pos + 12])
        if not seg:
            return None
        head = head_flag = None
        toks = zh_tokens(seg.group(0))
        for k, (w, flag, _) in enumerate(toks):
            if flag.startswith("n") or flag in ("vn", "j", "l") or (head is None and flag in ("a", "b", "nz")):
                head, head_flag = w, flag
            elif flag == "v" and head_flag in ("a", "b") and k + 1 < len(toks) and toks[k + 1][1].startswith("n"):
                continue        # 新/a 就业/v 形态 人员: a verb inside the modifier, before the noun
            elif flag in ("v", "p", "c", "u", "d", "uj", "ul", "r", "m", "q", "x", "y") and head is not None:
                break
            elif flag.startswith("v") and head is None:
                # 三大动力支撑: a verb-noun form can be the head when nothing else came first
                head = w
        return head

    def _merge_subunits(self, norm: str, cands: list[Candidate]) -> None:
        """10日元5日本銭 = 10.05 JPY; 一百三十五块六角七分 = 135.67; a lone sub-unit is dropped."""
        cands.sort(key=lambda c: c.start)
        money: Candidate | None = None
        for c in cands:
            if c.kind == "money":
                money = c
                continue
            if c.kind != "subunit":
                continue
            if money is not None and norm[money.end:c.start].strip() in ("", *self._joiners):
                money.value += c.value
                money.end = c.end
                c.extra["merged"] = True
            c.kind = None  # 5分 alone is ambiguous (minutes, points)


_BARE_SCALE = re.compile(r"[百千万亿]+")


def _bare_amount(norm: str, c: Candidate) -> bool:
    """A 万/亿 amount with digits that stands alone: no range or list goes on after it (3亿至5亿, 2亿、3亿), and it is
    not scale characters alone (千亿级, 万兆)."""
    nxt = norm[c.end:c.end + 1]
    if nxt == "、" and not _HAS_DIGIT.match(norm, c.end + 1):
        nxt = ""          # 旅居人数超550万、平均居住83天: a list of facts, not of amounts
    return not (nxt and nxt in "-–—－~～至到、和与及或多余") and _HAS_DIGIT.search(norm, c.nstart, c.nend) is not None


_SENTENCE_END = re.compile(r"[。！？!?\n]")
_HAS_DIGIT = re.compile(r"[\d一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]")
_JIAO = re.compile(r"[零一二两三四五六七八九\d]+[毛角]")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _spaced_alternation(terms) -> str:
    """Alternation of ``terms`` as a trie (longest first, one branch per character for the regex engine),
    where spaces may stand between two Chinese characters."""
    root: dict = {}
    for t in set(terms):
        node = root
        for ch in t:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, prev: str) -> str:
        alts = []
        for ch, child in sorted(node.items()):
            if ch:
                sep = r"[ \t]*" if prev and _HAN_CHAR.match(prev) and _HAN_CHAR.match(ch) else ""
                alts.append(sep + re.escape(ch) + build(child, ch))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root, "") + ")"


def _unspaced(u: str) -> str:
    return u.replace(" ", "").replace("\t", "") if (" " in u or "\t" in u) else u


# two neighbouring digits, then scale characters: 五六, 两三百, 七八千万 (a range of the two)
_PAIR = re.compile(r"([一二两兩三四五六七八])([二三四五六七八九])([十百千万萬亿億]*)")
_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# capital (financial) numerals: one alone counts only before a financial unit (伍万元, 叁拾家, 陆元)
_FINANCIAL_DIGITS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖")
_FINANCIAL_NEXT = tuple("拾佰仟万萬亿億元圆圓角")
