"""English figures: 2.74 billion yuan, $427bn, 38.3%, 40 percent, 3.7 percentage points,
101 enterprises, five major actions, 1,700 acres."""
from __future__ import annotations

import re
from decimal import Decimal

from ..patterns import alternation, fast_finditer, with_lookahead
from ..resolve import en_numbers
from .base import ONE, BaseExtractor, Candidate, UnitInfo

# after a unit: no letter may follow a unit that ends in a letter (5 km, not 5 kmh); 38.3%of is fine
_END = r"(?:(?<=[A-Za-z])(?![A-Za-z])|(?<![A-Za-z]))"
_WORD = re.compile(r"\n|\d+[A-Z]\b|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\s-(?=[A-Za-z])|[^\sA-Za-z]")


# a money amount with a million/billion scale: "$77m", "77m euros" (the currency of a shared "… from 38m")
_LAST_CURRENCY = re.compile(r"([$£€¥])\s?\d[\d.,]*\s?(?:m|bn|mn|billion|million)\b|\d[\d.,]*\s?(?:m|bn|mn)\s+(euros?|dollars|pounds|yen|yuan|francs|kronor|krona)\b",
                            re.I)


# a time after "38m in": the same period, the first quarter, 2003, January (a money amount's time, not a length's place)
_TIME_AFTER_M = re.compile(r"\s+(?:the\s+)?(?:same\s+period|(?:first|second|third|fourth|final|last|previous|prior|same)\s+"
                           r"(?:quarter|half|year|months?)|(?:19|20)\d{2}\b|(?:January|February|March|April|May|June|July|"
                           r"August|September|October|November|December)\b)", re.I)
# a parenthesis (the conversions after an amount: "77m euros (£53m; $100m)")
_PARENTHESES = re.compile(r"\([^()]*\)")
# words after "38m" that show no counted noun follows ("up from 38m a year earlier", "38m in 2003")
_NOT_A_NOUN = {"a", "an", "the", "in", "on", "at", "for", "last", "this", "that", "year", "earlier", "ago", "and", "or",
               "to", "from", "by", "with", "while", "but", "during", "previously", "before", "after", "as", "of"}


# the word joined to a number by a hyphen: 12-nation, four-party
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)\b(?!-)")


class EnExtractor(BaseExtractor):
    lang = "en"
    range_sep = re.compile(r"^\s*(?:-|–|—|~|to|through)\s*$", re.IGNORECASE)
    range_between = re.compile(r"^\s*(?:and|to|-)\s*$", re.IGNORECASE)
    list_sep = re.compile(r"^\s*(?:,|and|or|,\s*and|,\s*or|&)\s*$", re.IGNORECASE)

    def __init__(self, patterns=None):
        super().__init__(patterns)
        U = self.P.units
        I = re.IGNORECASE
        self.num_re = self.P.regex("number")
        # digits are tried only at digits, number words by the engine's own pass (the same matches: 670 -> 250 ms
        # on the English realdocs)
        self._numbers = fast_finditer(self.num_re, branches=True)
        money = U["money"]
        self.currencies: dict[str, str] = {}
        for iso, words in money["suffix"].items():
            for w in words:
                self.currencies[w.lower()] = iso
        self._curated = set(self.currencies)
        # currencies generated from CLDR (patterns/en/currencies.yaml): under the hand-curated ones
        gen = self.P.data("currencies").get("money") or {}
        for section in ("names", "heads", "weak_heads"):
            for iso, words in (gen.get(section) or {}).items():
                for w in words:
                    self.currencies.setdefault(w.lower(), iso)
        # ordinary words that name a currency (won, rand, real, mark): money only after a scale word
        self.weak_currencies = {w.lower() for w in money.get("weak_suffix", [])} | {
            w.lower() for words in (gen.get("weak_heads") or {}).values() for w in words}
        # ISO codes from CLDR are read in upper case only (GEL 100); the curated ones in any case (usd 20)
        self.upper_only: set[str] = set()
        for iso in gen.get("codes") or []:
            if iso.lower() not in self.currencies:
                self.currencies[iso.lower()] = iso
                self.upper_only.add(iso.lower())
        # (the lexicon is long: its alternation is built as a trie, which the regex engine walks fast)
        self.cur_suffix_re = re.compile(
            r"[ \t]*-?[ \t]*(?:(?P<ab>m|mn|bn|b|k|tn|trn)[ \t]?)?(?P<u>" + _trie(self.currencies) + r")" + _END
            + r"(?!\d)", I)
        # a currency name before a number with a scale word: dollar 22.5 million, euro 300 million
        names = [w for w, iso in self.currencies.items() if w not in self.weak_currencies and w not in self.upper_only
                 and len(w) > 3]
        self.name_prefix_re = re.compile(r"(?<![A-Za-z])(?P<p>" + _trie(names) + r")[ \t]+$", I)
        self.sym_suffix = {k: v for k, v in money.get("suffix_symbols", {}).items()}
        for sym, iso in (gen.get("symbols") or {}).items():
            self.sym_suffix.setdefault(sym, iso)
        # a symbol after a number is its currency unless a number follows it ("$ 20,000.00 $ 37,305.97");
        # a symbol that ends in a letter (zł, Kč) must end a word
        self.sym_suffix_re = re.compile(r"[ \t]?(?P<u>" + _trie(self.sym_suffix) + r")(?:(?<=\w)(?!\w)|(?<!\w))")
        self.prefix: dict[str, str] = {}
        for iso, words in money["prefix"].items():
            for w in words:
                self.prefix[_squash(w)] = iso
        self.prefix_re = re.compile(r"(?:(?<![A-Za-z])|^)(?P<p>" + _phrases_loose(money["prefix"]) + r")[ \t]?$", I)
        # prefixes from CLDR (codes, symbols, <code>$): a second regex, tried only when the character before the
        # number can end one of them (an upper-case letter, $, a symbol), so ordinary text pays nothing
        gen_prefix: list[str] = []
        for extra in ({iso: iso for iso in gen.get("codes") or []}, gen.get("symbols") or {},
                      gen.get("dollar_codes") or {}):
            for w, iso in extra.items():
                if _squash(w) not in self.prefix:
                    self.prefix[_squash(w)] = iso
                    gen_prefix.append(w)
                    if w.endswith("$"):
                        gen_prefix.append(w[:-1] + " $")  # nzd $ 40
                    if w.isalpha() and w.isupper():
                        self.upper_only.add(w.lower())
        self.gen_prefix_re = re.compile(r"(?:(?<![A-Za-z])|^)(?P<p>" + _trie(gen_prefix) + r")[ \t]?$", I) \
            if gen_prefix else None
        self._gen_prefix_finals = {w[-1] for w in gen_prefix} | {w[-1].upper() for w in gen_prefix}
        self._gen_prefix_window = max((len(w) for w in gen_prefix), default=0) + 2
        # thousands grouped by spaces before a currency: 10 000 dollars, 1 250 000 euros (not 5 100 firms)
        self.spaced_money_re = re.compile(
            r"(?<![\d.,:_])(?P<d>\d{1,3}(?:[ ]\d{3})+(?:\.\d+)?)(?![\d])(?P<sc>(?!))?(?P<w>(?!))?"
            r"(?=[ \t]?(?:" + _trie([w for w in self.currencies if w not in self.weak_currencies]) + r")" + _END
            + r"|[ \t]?" + alternation(self.sym_suffix) + ")", I)
        acc = self.P.context.get("accounting_negative") or {}
        self.accounting_left = re.compile(acc["left"], I) if acc.get("left") else None
        self.mprefix: dict[str, str] = {}
        for iso, words in money.get("million_prefix", {}).items():
            for w in words:
                self.mprefix[w.lower()] = iso
        self.mprefix_re = re.compile(r"(?<![A-Za-z])(?P<p>" + alternation(self.mprefix) + r")[ \t]?$", I) \
            if self.mprefix else None
        self.mprefix_after_re = re.compile(r"[ \t]?(?P<u>" + alternation(self.mprefix) + r")(?![A-Za-z])", I) \
            if self.mprefix else None
        # after a prefixed amount: $1.2bn, €340m, $2.174T (trillion)
        self.abbrev_re = re.compile(r"(?P<ab>bn|mn|m|b|k|tn|trn|t)(?![A-Za-z])", I)
        self.units: dict[str, UnitInfo] = {}
        for w, (iso, f) in money.get("subunit", {}).items():
            self.units[w.lower()] = UnitInfo("subunit", iso, Decimal(str(f)))
        for w, f in U["ppt"]["suffix"].items():
            self.units[w.lower()] = UnitInfo("ppt", "pp", Decimal(str(f)))
        for w, f in U["percent"]["suffix"].items():
            self.units[w.lower()] = UnitInfo("percent", "%", Decimal(str(f)))
        for w in U["quantity"]["units"]:
            self.units.setdefault(w.lower(), UnitInfo("quantity", w.lower()))
        self.attached_only = {w.lower() for w in U["quantity"].get("attached_only", [])}
        self.metre_context = {w.lower() for w in U["quantity"].get("metre_context", [])}
        self.unit_re = re.compile(r"(?P<sp>[ \t]*-?[ \t]*)(?P<u>" + _phrases(self.units) + r")" + _END, I)
        cnt = self.P.data("count")
        self.stop = set(cnt["stop_words"])
        self.not_counted = set(cnt["not_counted"])
        self.irregular = set(cnt["irregular_plurals"])
        self.not_plural = set(cnt["not_plural"])
        self.attributive_plurals = set(cnt.get("attributive_plurals", []))
        self.hyphen_members = {w.lower() for w in cnt.get("hyphen_members", [])}
        models = cnt.get("model_suffixes") or []
        self.model_after = re.compile(r"\s+(?:" + alternation(models) + r")\b") if models else None
        # (behind a lookahead for their first letters: most positions of the window are turned away at once)
        self.elided_left = [with_lookahead(re.compile("|".join(f"(?:{p})" for p in cnt["elided_left"]), I))]
        self.elided_not = set(cnt["elided_not_antecedent"])
        self.elided_cont = [re.compile(p, I) for p in cnt.get("elided_continuation", [])]
        self._last_elided: tuple[int, int] | None = None
        flt = self.P.context.get("filters", {})
        self.months = set(flt.get("months", []))
        self.time_nouns = {"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
                           "minutes", "minute", "seconds", "second", "decades", "decade", "centuries", "century"}

    # -----------------------------------------------------------------------------------------
    def candidates(self, norm: str) -> list[Candidate]:
        self._last_elided = None
        out: list[Candidate] = []
        for m in self._numbers(norm):
            c = self._from_match(norm, m)
            if c is not None:
                out.append(c)
        if _SPACED_GROUP.search(norm):
            for m in self.spaced_money_re.finditer(norm):
                c = self._from_match(norm, m)
                if c is not None and c.kind == "money":
                    out = [o for o in out if not (o.start >= c.start and o.end <= c.end)]
                    out.append(c)
        self._merge_subunits(norm, out)
        last_count = None
        for c in out:
            if c.kind is None and not c.extra.get("no_count"):
                self._count(norm, c)
                if c.kind is None and last_count is not None:
                    self._continued_count(norm, c, last_count)
                if c.kind == "count":
                    last_count = c
            elif c.kind == "money" and self.accounting_left is not None:
                self._accounting_negative(norm, c)
        return out

    def _accounting_negative(self, norm: str, c: Candidate) -> None:
        """``Net income: ($99.99)``: an amount in parentheses where a value stands (after a colon, in a table
        cell, after a verb) is negative; after another amount (``€15 ($16)``) it is a conversion."""
        if c.value <= 0 or c.start == 0 or norm[c.start - 1] != "(" or norm[c.end:c.end + 1] != ")":
            return
        if self.accounting_left.search(norm, max(0, c.start - 30), c.start - 1):
            c.value, c.start, c.end = -c.value, c.start - 1, c.end + 1
            c.rule += "+negative"

    def _from_match(self, norm: str, m: re.Match) -> Candidate | None:
        s, e = m.span()
        if m.group("d"):
            d = m.group("d")
            v = en_numbers.parse_digits(d)
            if v is None:
                return None
            numeral, integer = "arabic", "." not in d
            sc = m.group("sc")
            scale = en_numbers.scale_value(sc) if sc else ONE
            has_scale = bool(sc)
            year_like = integer and not has_scale and "," not in d and len(d) == 4 and 1900 <= v <= 2100
        else:
            w = m.group("w")
            v = en_numbers.parse_words(w)
            if v is None:
                return None
            numeral, integer, year_like = "words", True, False
            scale, has_scale = ONE, False
        value = v * scale
        c = Candidate(start=s, end=e, nstart=s, nend=e, value=value, scale=scale, has_scale=has_scale,
                      numeral=numeral, integer=integer)
        if year_like:
            c.extra["year_like"] = True
        if numeral == "words":
            c.extra["word"] = m.group("w").lower()
        # currency before the number: $3.56, US$ 5, hk $ 10.05 billion, MAUD 60
        pm = self.prefix_re.search(norm, max(0, s - 8), s)
        j = s - 1
        while j > 0 and norm[j] in " \t":
            j -= 1
        if self.gen_prefix_re is not None and j >= 0 and norm[j] in self._gen_prefix_finals:
            gm = self.gen_prefix_re.search(norm, max(0, s - self._gen_prefix_window), s)
            if gm and gm.group("p").lower() in self.upper_only and not gm.group("p").isupper():
                gm = None  # a code from CLDR in lower case: a word (ugx is not a code in running text)
            if gm and (pm is None or gm.start("p") < pm.start("p")):
                pm = gm  # MX$ 250, not $ 250
        nb = _NUM_BEFORE.search(norm, max(0, pm.start() - 16), pm.start()) if pm else None
        if pm and pm.end() > pm.start("p") + len(pm.group("p")) and nb and not nb.group("cur"):
            pm = None  # "10 rmb 20 usd": the code after 10 is its suffix, not the prefix of 20
        if pm:
            iso = self.prefix.get(_squash(pm.group("p")))
            if iso:
                c.start, c.kind, c.unit, c.rule = pm.start(), "money", iso, "en.money.prefix"
                if not has_scale:
                    am = self.abbrev_re.match(norm, e)
                    if am and am.group("ab") == "t":
                        am = None  # trillion is a capital T ($2.174T); $20t-shirts
                    if am:
                        f = en_numbers.scale_value(am.group("ab"))
                        c.value, c.scale, c.has_scale, c.end = v * f, f, True, am.end()
                sm = self.cur_suffix_re.match(norm, c.end)  # $10 dollars, US$5 million dollars
                if sm and not sm.group("ab") and self.currencies[_squash_space(sm.group("u"))] == iso:
                    c.end = sm.end()
                return c
        if has_scale:
            nm = self.name_prefix_re.search(norm, max(0, s - 40), s)
            if nm:  # dollar 22.5 million
                c.start, c.kind, c.unit = nm.start("p"), "money", self.currencies[_squash_space(nm.group("p"))]
                c.rule = "en.money.name_prefix"
                return c
        if self.mprefix_re is not None:
            mp = self.mprefix_re.search(norm, max(0, s - 6), s)
            if mp:
                c.start, c.kind, c.unit = mp.start(), "money", self.mprefix[mp.group("p").lower()]
                c.value, c.rule = value * 1_000_000, "en.money.mprefix"
                return c
        um = self.unit_re.match(norm, e)
        if um and self.units[um.group("u").lower()].kind == "subunit":
            info = self.units[um.group("u").lower()]
            c.end, c.kind, c.unit, c.factor = um.end(), "subunit", info.unit, info.factor
            c.value, c.rule = value * info.factor, "en.money.subunit"
            return c
        sm = self.cur_suffix_re.match(norm, e)
        if sm:
            ab = sm.group("ab")
            if ab and not has_scale:
                f = en_numbers.scale_value(ab)
                c.value, c.scale, c.has_scale = v * f, f, True
            elif ab and has_scale:
                sm = None
            if sm:
                cur = _squash_space(sm.group("u"))
                if cur in ("pounds", "pound") and re.match(r"\s+of\b", norm[sm.end():sm.end() + 4]):
                    sm = None  # five pounds of rice is a weight
                elif norm[e:sm.start("u")].strip() == "-" and cur in ("pound", "dollar"):
                    sm = None  # a twenty-pound bag, a two-dollar coin (adjectives)
                elif cur in self.weak_currencies and not c.has_scale:
                    sm = None  # "3 won prizes", "the 25,000 mark": a currency only after a scale word (5 trillion won)
                elif cur in self.upper_only and not sm.group("u").isupper():
                    sm = None  # "20 all", "10 top": a code from CLDR only in upper case
            if sm:
                c.end, c.kind, c.unit, c.rule = sm.end(), "money", self.currencies[cur], "en.money.suffix"
                if cur not in self._curated:
                    c.rule = "en.money.cldr"
                if not c.has_scale and cur.isalpha() and len(cur) == 3:
                    sc = _TRAILING_SCALE.match(norm, c.end)  # 75 USD million
                    if sc:
                        f = en_numbers.scale_value(sc.group(1))
                        c.value, c.scale, c.has_scale, c.end = c.value * f, f, True, sc.end()
                return c
        if self.mprefix_after_re is not None:
            ma = self.mprefix_after_re.match(norm, e)
            if ma:
                c.end, c.kind, c.unit = ma.end(), "money", self.mprefix[ma.group("u").lower()]
                c.value, c.rule = value * 1_000_000, "en.money.mprefix"
                return c
        ss = self.sym_suffix_re.match(norm, e)
        if ss:
            c.end, c.kind, c.unit, c.rule = ss.end(), "money", self.sym_suffix[ss.group("u")], "en.money.symbol"
            return c
        if um:
            u = um.group("u").lower()
            info = self.units[u]
            attached = um.group("sp") == ""
            # m, t, g, p only right after digits, and in their own case (5G is not five grams)
            if u in self.attached_only and um.group("u") != u:
                um = None
        if um:
            u = um.group("u").lower()
            info = self.units[u]
            attached = um.group("sp") == ""
            if u == "m" and attached and not has_scale and self._m_is_million(norm, s, um.end()):
                # "12m tonnes", "39m cases", "up from 38m" after "77m euros": m is a million
                c.value, c.scale, c.has_scale, c.end = v * 1_000_000, 1_000_000, True, um.end()
                um2 = self.unit_re.match(norm, c.end)
                if um2 and self.units[um2.group("u").lower()].kind == "quantity" \
                        and um2.group("u").lower() not in self.attached_only:
                    info2 = self.units[um2.group("u").lower()]
                    c.end, c.kind, c.unit, c.rule = um2.end(), "quantity", info2.unit, "en.quantity.million"
                    return c
                # (the currency of the amount before, not of its conversions in parentheses: "77m euros (£53m; $100m),
                # up from 38m" is in euros)
                cur = _LAST_CURRENCY.findall(_PARENTHESES.sub(lambda p: " " * len(p.group(0)), norm[max(0, s - 120):s]))
                nw = re.match(r"[ \t]+([A-Za-z]+)", norm[c.end:c.end + 20])
                if cur and (nw is None or nw.group(1).lower() in _NOT_A_NOUN):
                    sym = cur[-1][0] or cur[-1][1]
                    iso = self.prefix.get(_squash(sym)) or self.currencies.get(sym.lower())
                    if iso:
                        c.kind, c.unit, c.rule = "money", iso, "en.money.shared"
                        return c
                return c
            if u not in self.attached_only or attached:
                c.end, c.kind, c.unit, c.factor = um.end(), info.kind, info.unit, info.factor
                c.value = value * info.factor
                c.rule = f"en.{info.kind}.suffix"
                return c
        if norm[e:e + 1] == "-" and re.match(r"-[A-Za-z]", norm[e:e + 2]):
            hm = _HYPHEN_WORD.match(norm, e)
            if hm is not None and hm.group(1).lower() in self.hyphen_members and c.integer and not c.has_scale:
                # the 12-nation eurozone, a four-nation visit, six-party talks: the members of a group counted
                c.kind, c.unit, c.rule = "count", hm.group(1).lower(), "en.count.members"
                c.extra["count_phrase"] = (hm.start(1), hm.end(1))
                return c
            if hm is not None and hm.group(1).lower() == "odd" and c.integer:
                c.end, c.inner_approx = hm.end(), True   # the 80-odd resorts: more than 80 (as 80多), counted below
                return c
            c.extra["no_count"] = True  # three-year plan, two-door car: an adjective
        if norm[e:e + 1] == "/" or (s > 0 and norm[s - 1] == "/"):
            c.extra["no_count"] = True  # 1/3, 24/7
        return c

    def _m_is_million(self, norm: str, s: int, e: int) -> bool:
        """Is the m right after a number a million rather than metres? (a noun or a unit follows that is
        not a measuring word, or a money amount with a scale stands just before in the sentence)"""
        nxt = re.match(r"[ \t]+([A-Za-z][A-Za-z-]*)", norm[e:e + 40])
        if nxt:
            w = nxt.group(1).lower()
            if w in ("in", "for", "from", "to") and _TIME_AFTER_M.match(norm, e + nxt.end()) \
                    and _LAST_CURRENCY.search(norm[max(0, s - 120):s]):
                return True                       # up from 38m in the same period of 2003 (after 77m euros)
            if w in self.metre_context or w.endswith("ly") or re.search(r"\b(?:a|an)\s*$", norm[max(0, s - 4):s], re.I):
                return False                      # 260m tall, a 400m bridge
            if self.unit_re.match(norm, e):
                return True                       # 12m tonnes
            if w in _NOT_A_NOUN:
                return bool(_LAST_CURRENCY.search(norm[max(0, s - 120):s]))   # up from 38m a year earlier
            return self._is_plural(w) or w in self.irregular   # 39m cases, 2m people
        before = norm[max(0, s - 120):s]
        if re.search(r"[.!?]\s", before):
            before = before[re.search(r"[.!?]\s(?!.*[.!?]\s)", before).end():]
        return bool(_LAST_CURRENCY.search(before))

    def _merge_subunits(self, norm: str, cands: list[Candidate]) -> None:
        """thirteen dollars and forty-five cents = 13.45; 40 euro cents alone = 0.40 EUR;
        15 dollars and 15 = 15.15 (a bare number under 100 after a whole amount is its cents)."""
        cands.sort(key=lambda c: c.start)
        for i in range(1, len(cands)):
            prev, c = cands[i - 1], cands[i]
            if c.kind is None and prev.kind == "money" and not prev.has_scale and prev.unit in _CENTS \
                    and c.integer and 0 < c.value < 100 and c.numeral == prev.numeral \
                    and norm[prev.end:c.start].strip().lower() in ("", "and") \
                    and _CENTS_END.match(norm, c.end):
                prev.value += c.value / 100
                prev.end = c.end
                c.extra["no_count"] = True
                c.extra["merged"] = True
        for i, c in enumerate(cands):
            if c.kind != "subunit":
                continue
            prev = cands[i - 1] if i else None
            gap = norm[prev.end:c.start].strip().lower() if prev else "x"
            owner = c
            if prev is not None and prev.kind == "money" and gap in ("", "and"):
                prev.value += c.value
                prev.end = c.end
                c.kind = None
                c.extra["no_count"] = True
                owner = prev
            else:
                c.kind, c.rule = "money", "en.money.subunit"
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if c.factor == Decimal("0.1") and nxt is not None and nxt.kind is None and nxt.integer \
                    and 0 < nxt.value < 10 and not norm[c.end:nxt.start].strip() and _CENTS_END.match(norm, nxt.end):
                # five mao five: a digit after a tenth sub-unit (mao, jiao) is the next one down (fen)
                owner.value += nxt.value / 100
                owner.end = nxt.end
                nxt.extra["no_count"] = True
                nxt.extra["merged"] = True

    # counts --------------------------------------------------------------------------------
    def _count(self, norm: str, c: Candidate) -> None:
        """A number followed by a counted noun phrase: 101 enterprises, five major actions."""
        if not c.integer and not c.has_scale:
            return
        w = c.extra.get("word")
        before = _prev_word(norm, c.start)
        only = before in ("only", "just")
        if before in ("any", "every"):
            return  # almost any two cities, every three months: no things counted
        if w is not None and not c.has_scale and (w in ("one", "a", "an") or w.startswith(("a ", "an "))):
            if "hundred" not in w and "thousand" not in w and "million" not in w and "billion" not in w \
                    and not (w == "one" and only):
                return  # "one of", "a year": too ambiguous to be a count ("has only one network" is one)
        if before in self.months and (c.value <= 31 or c.extra.get("year_like")):
            return      # March 19, May 2020: a date (March 191 people: no day of a month)
        if norm[c.end:c.end + 1].isalpha():
            return  # 5G, 3D, 4K: a name, not a number of things
        if c.extra.get("year_like"):
            self._elided(norm, c)  # "has reached 2000": a count only with an elided noun
            return
        if w is not None and norm[c.start].isupper() and not _SENTENCE_OPEN.search(norm, max(0, c.start - 4), c.start) \
                and c.start > 0:
            return  # snack company Three Squirrels: a capitalised number word inside a sentence is part of a name
        tail = norm[c.end:c.end + 90]
        if self.model_after is not None and self.model_after.match(tail):
            return  # 737 MAX aircraft, A350 XWB: a model's number, not a count
        nm = _NUMBER_OF_AFTER.match(tail)  # brought to 49 the number of banks
        if nm and self._is_plural(nm.group("h").lower()) and nm.group("h").lower() not in self.not_counted:
            c.kind, c.unit, c.rule = "count", nm.group("h").lower(), "en.count.number_of"
            c.extra["count_phrase"] = (c.end + nm.start("np"), c.end + nm.end("h"))
            return
        pm = _PARTITIVE.match(tail)  # two of the world's largest brewers
        if pm:
            head = pm.group("h").lower()
            if self._is_plural(head) and head not in self.not_counted and head not in self.time_nouns:
                c.kind, c.unit, c.rule = "count", head, "en.count.partitive"
                c.extra["count_phrase"] = (c.end + pm.start("np"), c.end + pm.end("h"))
            return
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        head_i = -1
        comparative = None
        skip_to = -1
        for m in _WORD.finditer(tail):
            if m.start() < skip_to:
                continue
            tok = m.group(0)
            if tok[0].isdigit() and len(tok) > 1 and tok[-1].isupper():
                words.append(tok.lower())  # 5G base stations: a modifier
                spans.append((c.end + m.start(), c.end + m.end()))
                continue
            if not tok[0].isalpha():
                if tok.strip() == "-" and tok != "\n":  # machine-translation artefact: "High -tech"
                    continue
                if tok in _QUOTES:  # a quoted modifier: 50 "specialized and new" enterprises
                    close = tail.find(_QUOTES[tok], m.end())
                    if 0 < close - m.end() <= 40:
                        skip_to = close + 1
                        continue
                break
            low = tok.lower().replace("’", "'")
            if not words and low in ("more", "fewer", "less", "additional", "extra"):
                comparative = low
                continue
            if not words and ((low == "other" and not re.match(r"\s+than\b", tail[m.end():m.end() + 6]))
                              or low == "such"):
                continue        # five other provinces (not "other than"), 2,145 such parking spots
            if low in ("and", "or") and re.match(r"\s+(?:above|below|over)\b", tail[m.end():m.end() + 8]):
                skip_to = m.end() + len(re.match(r"\s+\w+", tail[m.end():]).group(0))
                continue  # 35 provincial -level and above platforms
            if low in self.stop or (low in ("and", "or") and (head_i >= 0 or not words)):
                break           # (right after the number: "scores rose to 1128 and multi-core scores ...": a bare number)
            if low in self.months:
                return
            if len(words) >= 6:
                break
            words.append(low)
            spans.append((c.end + m.start(), c.end + m.end()))
            if low in ("and", "or"):
                continue
            if self._is_plural(low):
                if head_i >= 0 and head_i != len(words) - 2 and words[head_i] not in self.attributive_plurals:
                    break
                head_i = len(words) - 1
            elif head_i >= 0 and not (words[head_i] in self.attributive_plurals and len(words) - 1 - head_i <= 1):
                break           # (30,000 sports utility vehicles: a plural in front of a noun goes on to it)
        if head_i < 0:
            if c.value == 1 and words and words[-1] not in ("and", "or") and (
                    c.numeral == "arabic" or only):
                head_i = len(words) - 1  # 1 new national incubator
            else:
                self._elided(norm, c)
                return
        head = words[head_i]
        if head in self.not_counted or head in self.time_nouns:
            return
        after_head = norm[spans[head_i][1]:spans[head_i][1] + 24]
        if _RATE.match(after_head):
            return  # eight people per thousand: a rate
        c.kind, c.unit, c.rule = "count", head, "en.count.noun"
        c.extra["count_phrase"] = (spans[0][0], spans[head_i][1])
        if comparative in ("more", "fewer", "less") and re.search(r"\bthan\b", norm[spans[head_i][1]:spans[head_i][1] + 40]):
            c.change = "increase" if comparative == "more" else "decrease"
            c.extra["change_fixed"] = True

    def _is_plural(self, w: str) -> bool:
        if w in self.irregular:
            return True
        if w in self.not_plural or len(w) < 3:
            return False
        if w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
            return True
        return w.upper() == w and w.endswith("s")  # SMEs handled by lowercase 'smes'

    def _continued_count(self, norm: str, c: Candidate, prev: Candidate) -> None:
        """A bare number compared with the count just before it in its sentence counts the same thing: "436 properties
        ... compared to 469", "270 electoral votes of the 538 in total", "3,243 enterprises ..., 931 more than those in
        the previous year" (a difference: a change), "191 people were killed and more than 2,000 injured"."""
        if (not c.integer and not c.has_scale) or c.extra.get("year_like") or _OLD_YEAR.fullmatch(norm, c.start, c.end):
            return      # (up from 2015, between 1831 and 1865: a year)
        if c.start - prev.end > 80 or _sentence_start(norm, c.start) > prev.start:
            return
        gap = norm[max(prev.end, prev.extra.get("count_phrase", (0, 0))[1]):c.start]
        more = _MORE_THAN_AFTER.match(norm, c.end)
        if more is not None and _APPOSED_GAP.fullmatch(gap):
            c.change = "increase" if more.group(1).lower() == "more" else "decrease"
        elif not (_COMPARED_BEFORE.search(gap) and (_ELIDED_AFTER.match(norm[c.end:c.end + 12])
                                                   or _PERIOD_AFTER.match(norm, c.end) or _PARTICIPLE_AFTER.match(norm, c.end))):
            return
        c.kind, c.unit, c.rule = "count", prev.unit, "en.count.continued"
        if gap.rstrip().lower().endswith(("and", "than", "over", "least")) and _PARTICIPLE_AFTER.match(norm, c.end):
            c.extra["antecedent"] = prev.extra.get("count_phrase") or prev.extra.get("antecedent") or (prev.start, prev.end)
        elif "count_phrase" in prev.extra:
            c.extra["count_phrase"] = prev.extra["count_phrase"]
        elif "antecedent" in prev.extra:
            c.extra["antecedent"] = prev.extra["antecedent"]

    def _elided(self, norm: str, c: Candidate) -> None:
        """increasing the total to 219 / has reached 2000 / of which 137 are: the noun is elided."""
        if not c.integer and not c.has_scale:
            return
        after = norm[c.end:c.end + 12]
        if not _ELIDED_AFTER.match(after):
            return
        left = norm[max(0, c.start - 120):c.start]
        if not any(rx.search(left) for rx in self.elided_left):
            prev = self._last_elided
            if not (prev is not None and prev[0] <= c.start - 1 and c.start - prev[1] < 40
                    and any(rx.search(left) for rx in self.elided_cont)):
                return
        # the antecedent: the nearest plural noun earlier in the same sentence
        sent_lo = _sentence_start(norm, c.start)
        sentence = norm[sent_lo:c.start]
        toll = _DEATH_TOLL.search(sentence)
        if toll is not None:
            # "The death toll climbed to 7,957": a count of deaths
            self._count_elided(c, "deaths", sent_lo, (sent_lo + toll.start(), sent_lo + toll.end()))
            return
        lo = sent_lo
        if _TOTAL_ONLY.search(sentence) and sent_lo > 0:
            # "157,000 new jobs were added last month. That took 2004's total to 2.2 million": a total whose sentence
            # names nothing counted adds up what the sentence before counted
            lo = _sentence_start(norm, max(0, sent_lo - 2))
        for m in reversed(list(re.finditer(r"[A-Za-z][A-Za-z\-]*", norm[lo:c.start]))):
            w = m.group(0).lower()
            if self._is_plural(w) and w not in self.stop:
                if w in self.elided_not or w in self.not_counted or w in self.time_nouns:
                    return
                self._count_elided(c, w, sent_lo, (lo + m.start(), lo + m.end()))
                return

    def _count_elided(self, c: Candidate, unit: str, sent_lo: int, antecedent: tuple[int, int]) -> None:
        """``c`` counts ``unit``, the noun at ``antecedent`` that the text does not repeat after it."""
        c.kind, c.unit, c.rule = "count", unit, "en.count.elided"
        self._last_elided = (sent_lo, c.end)
        c.extra["antecedent"] = antecedent


# what joins a bare number to the count before it: a comparison, the whole it is part of, another period's level
# ("rose to 83,000, slightly higher than November's nine-year low of 77,000")
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:to|with)|versus|vs\.?|against|(?:up|down)\s+from|from|than|of\s+the|out\s+of|"
                              r"of\s+a\s+total\s+of|and|(?:low|high|peak|level)\s+of)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|only\s+|just\s+|"
                              r"more\s+than\s+|over\s+|at\s+least\s+)?$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"\s+(?:a|the|last|this|one)\s+(?:year|month|quarter|week|decade)\b", re.IGNORECASE)
# the rest of the counted phrase and a comma: "3,243 enterprises and organizations, 931 more than ..."
_APPOSED_GAP = re.compile(r"[ \t]*(?:[A-Za-z\-]+[ \t]+){0,4}?[A-Za-z\-]*[ \t]*,[ \t]*")
# ... and more than 2,000 injured in March: a past participle that ends its clause (not "20 armed men")
_PARTICIPLE_AFTER = re.compile(r"\s+[a-z]+ed(?=\s*(?:$|[,.;:]|(?:in|at|on|after|by|during|when|while|and|or)\b))")
_OLD_YEAR = re.compile(r"1[5-8]\d\d")
# a sentence that speaks of a total and names nothing else it could count ("That took 2004's total to")
_TOTAL_ONLY = re.compile(r"^(?:(?!\b[a-z]+s\b)[^.;])*\b(?:total|tally)\b(?:(?!\b[a-z]+s\b)[^.;])*$", re.IGNORECASE)
_DEATH_TOLL = re.compile(r"\bdeath\s+toll\b", re.IGNORECASE)
_MORE_THAN_AFTER = re.compile(r"\s+(more|fewer)\s+than\b", re.IGNORECASE)
_QUOTES = {'"': '"', "“": "”", "‘": "’"}
# a number right before a currency written between two numbers; if that number has its own symbol
# ("$ 20,000.00 $ 37,305.97") the currency starts the next amount, otherwise it ends this one ("10 rmb 20 usd")
_NUM_BEFORE = re.compile(r"(?P<cur>[$€£¥][ \t]?)?\d[\d,.]*[ \t]*$")
_SPACED_GROUP = re.compile(r"\d \d{3}(?!\d)")
_CENTS = {"USD", "EUR", "CAD", "AUD", "GBP", "NZD", "SGD", "HKD"}
_CENTS_END = re.compile(r"\s*(?:$|[.,;!?)]|\b(?:and|or|but)\b)")
_TRAILING_SCALE = re.compile(r"[ \t]+(million|billion|bn|mn|trillion)\b", re.IGNORECASE)
# "two of the world's largest brewers", "three of its 21 brick plants", "eight of Alitalia's rivals": the head is the first plural word
# that no other plural word follows
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|our|these|those|his|her|[A-Z][\w&.\-]*['’]s)\s+(?P<np>(?:[\w\-]+'s\s+)?(?:[\w\-]+\s+){0,3}?)"
                        r"(?P<h>[A-Za-z\-]+s)(?=\s*(?:[,.;:)]|$|\b[a-z]+\b(?<!s)))", re.IGNORECASE)
# what may stand right before a sentence's first word: a stop, a line break, a dateline's dash, a quotation mark or
# bracket
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\n\-–—]|[.!?:;\n\-–—][\"“'‘(\[])\s*$")
# "brought to 49 the number of banks", "raises to 12 the total number of firms": the counted noun after the number
_NUMBER_OF_AFTER = re.compile(r"\s+the\s+(?:total\s+)?number\s+of\s+(?P<np>(?:[a-z][\w\-]*\s+){0,3}?)(?P<h>[a-z][\w\-]*s)\b")
_RATE = re.compile(r"\s+per\s+(?:thousand|hundred|million|capita|head|cent|\d)", re.IGNORECASE)
_ELIDED_AFTER = re.compile(r"\s*(?:$|[,.;:)\[]|(?:are|were|is|was|in|on|this|last|by|and|so|for|since|as|at|while|with|from|after|before|compared|against|up|down|to)\b)",
                           re.IGNORECASE)


_SENT_BREAK = re.compile(r"[.!?;](?=[\s\"”’)\]]|$)|\n")


def _sentence_start(norm: str, pos: int, window: int = 300) -> int:
    """Start of the sentence holding ``pos`` (a full stop before a space, not the one in 16.4)."""
    lo = max(0, pos - window)
    start = lo
    for m in _SENT_BREAK.finditer(norm, lo, pos):
        start = m.end()
    return start


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def _squash_space(s: str) -> str:
    """A matched lexicon phrase as its key: runs of whitespace as one space, lower case."""
    return " ".join(s.split()).lower()


def _trie(words) -> str:
    """Alternation of lexicon phrases as a trie (longest match first, flexible inner whitespace): the regex
    engine tries one branch per character instead of every phrase in turn."""
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root) + ")"


def _phrases(words) -> str:
    """Alternation of lexicon phrases, longest first, with flexible inner whitespace."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ws) + ")"


def _phrases_loose(table: dict) -> str:
    """Currency prefixes: 'HK$' also matches 'hk $' and 'u.s $' (tokenised news)."""
    alts = set()
    for words in table.values():
        for w in words:
            parts = [re.escape(ch) for ch in w if not ch.isspace()]
            # spaced only with two letters or more: "a $5m fine" is an article before dollars, not A$
            loose = w.endswith("$") and sum(ch.isalpha() for ch in w) > 1
            alts.add((len(w), r"\s?".join(parts) if loose else re.escape(w)))
    return "(?:" + "|".join(p for _, p in sorted(alts, key=lambda x: -x[0])) + ")"


def _prev_word(norm: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)\.?\s*$", norm[max(0, pos - 14):pos])
    return m.group(1).lower() if m else ""
