#!/usr/bin/env python3
"""Build (or check) the project's gold corpus from hand-written annotation sources.

    python corpus/tools/build_gold.py            # write corpus/gold/corpus.jsonl
    python corpus/tools/build_gold.py --check    # fail if corpus.jsonl is stale or a source is invalid
    python corpus/tools/build_gold.py --table ID # review aid: every figure of a document with its context
    python corpus/tools/build_gold.py --show ID  # review aid: the text with figures [[marked]] and negatives {{marked}}
    python corpus/tools/build_gold.py --stats    # documents, figures and targets per document

Inputs
  corpus/docs/<doc_id>.txt        the document text (UTF-8), used verbatim as the gold "text"
  corpus/gold/src/<doc_id>.yaml   the annotation source (format below)
Output
  corpus/gold/corpus.jsonl        one document per line, in the format of shared/eval/gold/*.jsonl

Annotation source format (YAML):

    doc_id: zh-01-xiangyang-innovation     # must equal the file stem
    lang: zh                               # zh | en | mixed
    published: "2024-01-20"                # optional ISO date, only when the text has a dateline
    figures:                               # in reading order
      - {text: 356家, kind: count, value: 356, unit: 家, comparator: "=", change: null,
         role: actual, year: 2023, metric: 高新技术企业, subject: 襄阳高新区}
    not_figures:                           # numerals deliberately left out (documents the negatives)
      - {text: 第一, why: ordinal}
      - {re: "20\\d\\d年", why: year}

Figure keys. Required: text, kind, value, role, year, metric, subject, change (write null explicitly,
so every attribute is decided by hand). Optional: unit (defaults: percent "%", ppt "pp"; required
otherwise), high (null), comparator ("="), occ (1-based occurrence of `text` in the document; needed
when the text occurs more than once, unless ctx is given), ctx (a string that occurs once in the
document and contains `text`; with occ it counts occurrences inside ctx), shared_unit (true when the
unit is written only on a later list item: "3.7 and 3.83 percentage points"), value_check (a reason,
to skip the parse check of the value), lint_ok (a reason, to silence the comparator lint).

not_figures entries: text (all its occurrences, or one with occ/ctx) or re (a regular expression,
all matches), and why (one of NOT_WHY). They matter only for the completeness check: every numeral in
a document (ASCII or full-width digits, English number words, Chinese numerals) must lie inside a
figure span or a not_figures entry, so a number is never silently forgotten.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1]
DOCS = CORPUS / "docs"
SRC = CORPUS / "gold" / "src"
OUT = CORPUS / "gold" / "corpus.jsonl"
SOURCE_TAG = "policy-extract corpus (synthetic, written for the project)"

KINDS = ("money", "percent", "ppt", "count", "quantity")
COMPARATORS = ("=", ">=", ">", "<=", "<", "~")
CHANGES = (None, "increase", "decrease")
ROLES = ("target", "actual")
LANGS = ("zh", "en", "mixed")
NOT_WHY = ("year", "date", "duration", "ordinal", "ranking", "fraction", "multiplier", "docno",
           "phone", "label", "section", "vague", "rate", "bare", "name", "threshold", "furniture", "heading", "age",
           "time", "word", "other")
FIG_KEYS_REQUIRED = ("text", "kind", "value", "change", "role", "year", "metric", "subject")
FIG_KEYS_OPTIONAL = ("unit", "high", "comparator", "occ", "ctx", "shared_unit", "value_check", "lint_ok")
OUT_KEYS = ("text", "start", "end", "kind", "value", "unit", "high", "comparator", "change", "role",
            "year", "metric", "subject")

CURRENCIES = {"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "DKK", "KRW", "CHF", "AUD", "CAD", "INR", "NZD", "SGD",
              "RUB", "SEK", "NOK", "BRL", "ZAR", "TWD", "MXN", "MOP", "THB", "IDR"}
# currency markers that may be written inside a money span, longest first
CURRENCY_MARKERS = [
    ("Australian dollars", "AUD"), ("Canadian dollars", "CAD"), ("Swiss francs", "CHF"),
    ("A$", "AUD"), ("C$", "CAD"), ("NZ$", "NZD"), ("S$", "SGD"), ("NT$", "TWD"),
    ("HK$", "HKD"), ("US$", "USD"), ("U.S. dollars", "USD"), ("US dollars", "USD"), ("美元", "USD"),
    ("欧元", "EUR"), ("英镑", "GBP"), ("日元", "JPY"), ("港元", "HKD"), ("港币", "HKD"), ("人民币", "CNY"),
    # traditional Chinese: 港幣 / 新臺幣 / 澳門元 decide the currency of a span that also holds 元
    ("港幣", "HKD"), ("新臺幣", "TWD"), ("新台幣", "TWD"), ("新台币", "TWD"), ("臺幣", "TWD"), ("台幣", "TWD"),
    ("澳門元", "MOP"), ("澳門幣", "MOP"), ("澳门元", "MOP"), ("澳门币", "MOP"), ("人民幣", "CNY"),
    ("Danish kroner", "DKK"), ("kroner", "DKK"), ("euro cents", "EUR"), ("euros", "EUR"), ("euro", "EUR"),
    ("pence", "GBP"), ("pounds", "GBP"), ("yen", "JPY"), ("rupees", "INR"), ("roubles", "RUB"), ("rouble", "RUB"), ("baht", "THB"), ("rupiah", "IDR"), ("won", "KRW"), ("yuan", "CNY"), ("RMB", "CNY"), ("dollars", "USD"),
    ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "CNY"), ("元", "CNY"),
]

# --------------------------------------------------------------------------- number parsing

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 10_000, "亿": 100_000_000}
EN_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12}
EN_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
             "bn": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3}
ZH_SCALE_SUFFIX = [("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("十亿", 1e9), ("千万", 1e7), ("百万", 1e6),
                   ("十万", 1e5), ("亿", 1e8), ("万", 1e4), ("千", 1e3)]


class ParseError(ValueError):
    pass


TRAD_NUM = str.maketrans({"萬": "万", "億": "亿", "兩": "两", "個": "个", "餘": "余", "點": "点"})


def normalize(s: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), keeping CJK as is; traditional 萬/億/兩/個/餘/點 to
    their simplified forms (one character each, so lengths hold)."""
    return unicodedata.normalize("NFKC", s).translate(TRAD_NUM)


def zh_int(s: str) -> float:
    """Chinese numeral (一百二十, 两千万, 三百亿, 十一) to a number."""
    if not s or any(ch not in ZH_DIGITS and ch not in ZH_SMALL and ch not in ZH_BIG for ch in s):
        raise ParseError(f"not a Chinese numeral: {s!r}")
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch in ZH_SMALL:
            section += (1 if digit is None else digit) * ZH_SMALL[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            if ZH_BIG[ch] == 1e8 or total == 0:
                total = (total + section) * ZH_BIG[ch]
            else:
                total += section * ZH_BIG[ch]
            section, digit = 0.0, None
    return total + section + (digit or 0)


def parse_number(s: str) -> tuple[float, bool]:
    """One number with an optional scale word. Returns (value, had_scale)."""
    s = s.strip()
    s = re.sub(r"(?<=\d)[多余](?=[万亿千百十])", "", s)   # 5100多亿 -> 5100亿, 750多万 -> 750万
    s = re.sub(r"[多余]$", "", s).strip()
    if not s:
        raise ParseError("empty number")
    # digits + optional Chinese scale
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)?", s)
    if m:
        v = float(m.group(1).replace(",", ""))
        scale = dict(ZH_SCALE_SUFFIX).get(m.group(2) or "", 1)
        return v * scale, m.group(2) is not None
    # digits + English scale
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion|mn|bn|tn|m|k)",
                     s, re.I)
    if m:
        return float(m.group(1).replace(",", "")) * EN_SCALES[m.group(2).lower()], True
    # bare scale words: 万场 (from 近万场) = 1 万, 超万亿元 = 1 万亿
    if s in dict(ZH_SCALE_SUFFIX):
        return dict(ZH_SCALE_SUFFIX)[s], True
    if s in ("万", "亿", "千", "百"):
        return float({"万": 1e4, "亿": 1e8, "千": 1e3, "百": 100}[s]), True
    # Chinese numeral (may end in a scale)
    if all(ch in ZH_DIGITS or ch in ZH_SMALL or ch in ZH_BIG for ch in s):
        return zh_int(s), any(ch in ZH_BIG for ch in s)
    # English words: "five", "one million", "twenty-five", "a dozen"
    words = re.split(r"[\s-]+", s.lower())
    if words and all(w in EN_WORDS or w in EN_SCALES for w in words) and words[0] in EN_WORDS:
        total, cur, had = 0.0, 0.0, False
        for w in words:
            if w in EN_WORDS:
                cur += EN_WORDS[w]
            elif w == "hundred":
                cur = (cur or 1) * 100
            else:
                total += (cur or 1) * EN_SCALES[w]
                cur, had = 0.0, True
        return total + cur, had
    raise ParseError(f"cannot parse number {s!r}")


RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|～|至|到|\bto\b|\band\b)\s*")


def parse_amount(s: str) -> tuple[float, float | None]:
    """A number or a range of numbers; a scale written only on the upper bound applies to both."""
    s = s.strip()
    parts = [p for p in RANGE_SEP.split(s)]
    if len(parts) == 1:
        return parse_number(s)[0], None
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ParseError(f"cannot parse range {s!r}")
    lo_s, hi_s = parts
    hi, hi_scaled = parse_number(hi_s)
    lo, lo_scaled = parse_number(lo_s)
    if hi_scaled and not lo_scaled:
        # 15-18万 / $1.3 to $1.5bn / 20~30亿: the scale of the upper bound is shared
        m = re.search(r"(万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|hundred|thousand|million|billion|trillion|mn|bn|tn|m|k)$",
                      hi_s.strip(), re.I)
        if m:
            lo, _ = parse_number(lo_s.strip() + m.group(1))
    return lo, hi


def strip_suffix(s: str, suffixes) -> tuple[str, str | None]:
    for suf in suffixes:
        if suf and s.endswith(suf):
            return s[: -len(suf)].rstrip(), suf
    return s, None


def expected_value(fig: dict) -> tuple[float, float | None]:
    """Compute (value, high) from the span text, kind and unit; raises ParseError if it cannot."""
    kind, unit = fig["kind"], fig.get("unit")
    s = normalize(fig["text"]).strip()
    if kind == "percent":
        factor = 1.0
        if "百分之" in s:
            s = s.replace("百分之", "")
        elif s.endswith("成"):
            s, factor = s[:-1], 10.0
        s = re.sub(r"\s*(%|percent|per cent)", "", s)
        lo, hi = parse_amount(s)
        return lo * factor, (hi * factor if hi is not None else None)
    if kind == "ppt":
        s = re.sub(r"\s*(个百分点|百分点|percentage points?|pp)", "", s)
        return parse_amount(s)
    if kind == "money":
        factor = 1.0
        if re.search(r"euro cents|cents|pence|(?<=\d)p$", s):
            factor = 0.01
            s = re.sub(r"(?<=\d)p$", "", s)
        s = re.sub(r"/(人|年|亩|平方米|tonne|person)$", "", s)
        for marker, _ in CURRENCY_MARKERS:
            if marker in ("$", "£", "€", "¥", "HK$", "US$", "A$", "C$", "NZ$", "S$", "NT$"):
                s = s.replace(marker, "")
        s = re.sub(r"\s*(Australian dollars|Canadian dollars|Swiss francs|rupees|roubles|U\.S\. dollars|US dollars|美元|欧元|英镑|日元|港元|港币|港幣|澳門元|澳門幣|澳门元|澳门币|Danish kroner|kroner|"
                   r"euro cents|cents|pence|euros|euro|pounds|yen|yuan|dollars|元)$", "", s)
        s = re.sub(r"^(人民币|人民幣|RMB|港幣|港币|新臺幣|新台幣|新台币|臺幣|台幣|澳門幣|澳门币)\s*", "", s)
        lo, hi = parse_amount(s)
        return lo * factor, (hi * factor if hi is not None else None)
    # count / quantity: strip the unit (as written) and classifier, then parse
    if unit:
        s2, suf = strip_suffix(s, [normalize(unit), normalize(unit).lower(), unit])
        if suf is None and s.lower().endswith(normalize(unit).lower()):
            s2 = s[: -len(unit)].rstrip()
        s = s2
    s = re.sub(r"(?<=[零〇一二两三四五六七八九十0-9])大$", "", s)  # 三大 (三大任务), 5大
    # a classifier left over when unit is a noun (十件 with unit 件 is stripped above)
    return parse_amount(s)


# --------------------------------------------------------------------------- loading & validation

@dataclass
class Doc:
    doc_id: str
    lang: str
    text: str
    published: str | None
    figures: list[dict]
    not_spans: list[tuple[int, int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


DIGITISH = set("0123456789０１２３４５６７８９")


def find_all(hay: str, needle: str, whole: bool = True) -> list[int]:
    """Occurrences of needle; with whole, not inside a longer number (42个 is not found in 142个)."""
    out, i = [], hay.find(needle)
    while i >= 0:
        ok = True
        if whole and needle:
            prev = hay[i - 1] if i else ""
            nxt = hay[i + len(needle)] if i + len(needle) < len(hay) else ""
            if needle[0] in DIGITISH and prev and (prev in DIGITISH or (prev in ".,．" and i >= 2 and hay[i - 2] in DIGITISH)):
                ok = False
            if needle[0] in NUM_ZH and prev and prev in NUM_ZH:
                ok = False
            if needle[-1] in DIGITISH and nxt and (nxt in DIGITISH or (nxt in ".,．" and hay[i + len(needle) + 1: i + len(needle) + 2] in DIGITISH)):
                ok = False
        if ok:
            out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(text: str, item: dict, what: str, errors: list[str]) -> list[int]:
    """Start offsets the item refers to (one for a figure)."""
    needle = item["text"]
    ctx, occ = item.get("ctx"), item.get("occ")
    if ctx is not None:
        hits = find_all(text, ctx)
        if len(hits) != 1:
            errors.append(f"{what}: ctx {ctx!r} occurs {len(hits)} times (must be once)")
            return []
        inner = find_all(ctx, needle)
        if not inner:
            errors.append(f"{what}: text {needle!r} not inside ctx {ctx!r}")
            return []
        if occ is None and len(inner) > 1:
            errors.append(f"{what}: text {needle!r} occurs {len(inner)} times inside ctx; give occ")
            return []
        k = (occ or 1) - 1
        if not 0 <= k < len(inner):
            errors.append(f"{what}: occ {occ} out of range inside ctx")
            return []
        return [hits[0] + inner[k]]
    hits = find_all(text, needle)
    if not hits:
        errors.append(f"{what}: text {needle!r} not found in document")
        return []
    if occ is None:
        if len(hits) > 1:
            ctxs = ", ".join(repr(text[max(0, h - 8): h + len(needle) + 8]) for h in hits)
            errors.append(f"{what}: text {needle!r} occurs {len(hits)} times; give occ or ctx ({ctxs})")
            return []
        return hits
    if not isinstance(occ, int) or not 1 <= occ <= len(hits):
        errors.append(f"{what}: occ {occ!r} out of range (text occurs {len(hits)} times)")
        return []
    return [hits[occ - 1]]


SENT_END = re.compile(r"[。！？!?\n]|(?<=[a-z0-9%)\]])\.(?=\s)|\.(?=\s+[A-Z])")


ABBREV = re.compile(r"(?:\b(?:No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Co|"
                    r"Ltd|Inc|Corp|vs|approx|etc)|\bU\.S|\be\.g|\bi\.e)$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in SENT_END.finditer(text):
        if m.group(0) == "." and ABBREV.search(text[max(0, m.start() - 6): m.start()]):
            continue                                   # "No. 9", "Jan. 12", "U.S. dollars"
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_index(bounds, pos: int) -> int:
    for i, (a, b) in enumerate(bounds):
        if a <= pos < b:
            return i
    return len(bounds) - 1


CMP_BEFORE_ZH = [("不少于", ">="), ("不低于", ">="), ("不超过", "<="), ("不高于", "<="), ("不足", "<"),
                 ("不少於", ">="), ("不低於", ">="), ("不超過", "<="), ("不高於", "<="), ("超過", ">"), ("大約", "~"),
                 ("約", "~"), ("將近", "~"), ("高於", None), ("低於", None),
                 ("超过", ">"), ("超", ">"), ("逾", ">"), ("大约", "~"), ("约", "~"), ("近", "~"), ("将近", "~"),
                 ("接近", "~"), ("突破", ">"), ("最高", "<="), ("高于", None), ("低于", None)]
CMP_AFTER_ZH = [("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"), ("上下", "~"), ("多", ">"),
                ("余", ">"), ("以內", "<="), ("餘", ">")]
CMP_BEFORE_EN = [("at least", ">="), ("no less than", ">="), ("not less than", ">="), ("no fewer than", ">="),
                 ("not fewer than", ">="), ("upwards of", ">"), ("in excess of", ">"), ("more than", ">"),
                 ("over", ">"), ("exceeding", ">"), ("exceeded", ">"), ("exceeds", ">"), ("exceed", ">"),
                 ("surpassed", ">"), ("topped", ">"), ("above", ">"), ("up to", "<="), ("at most", "<="),
                 ("no more than", "<="), ("as much as", "<="), ("as many as", "<="), ("less than", "<"), ("fewer than", "<"), ("under", "<"),
                 ("below", "<"), ("about", "~"), ("around", "~"), ("nearly", "~"), ("almost", "~"),
                 ("approximately", "~"), ("roughly", "~"), ("some", "~"), ("close to", "~"), ("just under", "<")]
CMP_IN_SPAN = ["以上", "不少于", "不低于", "超过", "逾", "左右", "以内", "不少於", "不低於", "超過", "以內", "more than", "at least", "about ",
               "nearly", "up to", "less than", "around "]

NUM_ZH = "零〇一二两三四五六七八九十百千万亿兩萬億"
EN_NUM_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                "eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
                "trillion|dozen|dozens|half|third|thirds|quarter|quarters|double|doubled|triple|tripled")
TOKEN_RE = re.compile(
    r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*"            # digits, full-width digits, 1,700 / 3.83 / ３８．３
    rf"|\b(?:{EN_NUM_WORDS})\b"                          # English number words
    rf"|[{NUM_ZH}]+",                                    # Chinese numerals
    re.I,
)
# Chinese numeral tokens that are never figures and need no entry: a lone 一/万/亿/千/百 inside words
# (一是, 进一步, 万物, 千方百计, 零售), enumerators (一是/二是), list markers (一、 （二）)
ZH_AUTO_IGNORE = re.compile(r"^[一万亿千百零萬億]$")


def numeral_tokens(text: str):
    for m in TOKEN_RE.finditer(text):
        tok = m.group(0)
        if re.fullmatch(rf"[{NUM_ZH}]+", tok):
            if ZH_AUTO_IGNORE.match(tok):
                continue
            nxt = text[m.end(): m.end() + 1]
            prv = text[m.start() - 1: m.start()] if m.start() else ""
            if nxt in ("、", "是") and len(tok) <= 2 and tok[-1] not in "百千万亿萬億":
                continue                                  # 二、 / 三是
            if prv == "（" and nxt == "）":
                continue                                  # （三）
        yield m.start(), m.end(), tok


def validate_figure(doc: Doc, i: int, raw: dict, bounds) -> dict | None:
    what = f"{doc.doc_id} figure #{i + 1} {raw.get('text')!r}"
    errs = doc.errors
    if not isinstance(raw, dict):
        errs.append(f"{what}: not a mapping")
        return None
    for k in FIG_KEYS_REQUIRED:
        if k not in raw:
            errs.append(f"{what}: missing key {k!r} (write null explicitly)")
    for k in raw:
        if k not in FIG_KEYS_REQUIRED and k not in FIG_KEYS_OPTIONAL:
            errs.append(f"{what}: unknown key {k!r}")
    if any(k not in raw for k in FIG_KEYS_REQUIRED):
        return None
    raw = dict(raw)
    raw["text"] = str(raw["text"])
    kind = raw["kind"]
    if kind not in KINDS:
        errs.append(f"{what}: kind {kind!r} not in {KINDS}")
        return None
    unit = raw.get("unit")
    if unit is None:
        unit = {"percent": "%", "ppt": "pp"}.get(kind)
    if unit is None:
        errs.append(f"{what}: unit required for kind {kind}")
        return None
    unit = str(unit)
    comparator = raw.get("comparator", "=")
    if comparator not in COMPARATORS:
        errs.append(f"{what}: comparator {comparator!r} not in {COMPARATORS}")
    if raw["change"] not in CHANGES:
        errs.append(f"{what}: change {raw['change']!r} not in {CHANGES}")
    if raw["role"] not in ROLES:
        errs.append(f"{what}: role {raw['role']!r} not in {ROLES}")
    year = raw["year"]
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1800 <= year <= 2100):
        errs.append(f"{what}: year {year!r} must be an int 1800..2100 or null")
    for name in ("value", "high"):
        if isinstance(raw.get(name), str):              # YAML 1.1 reads 4.68e9 as a string
            try:
                raw[name] = float(raw[name])
            except ValueError:
                pass
    value, high = raw["value"], raw.get("high")
    for name, v in (("value", value), ("high", high)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            errs.append(f"{what}: {name} {v!r} is not a number")
    if value is None:
        errs.append(f"{what}: value is null")
        return None
    if high is not None and not high > value:
        errs.append(f"{what}: high {high} must exceed value {value}")

    # unit rules
    txt = normalize(raw["text"])
    if kind == "money":
        if unit not in CURRENCIES:
            errs.append(f"{what}: money unit {unit!r} is not a known ISO 4217 code")
        marker = next((iso for m, iso in CURRENCY_MARKERS if m in raw["text"]), None)
        if re.fullmatch(r"\d+(\.\d+)?p", raw["text"]):
            marker = "GBP"                                   # 10p (pence)
        if marker is None and not raw.get("shared_unit"):
            errs.append(f"{what}: no currency marker in span (use shared_unit if written elsewhere)")
        elif marker is not None and marker != unit:
            errs.append(f"{what}: span currency {marker} but unit {unit}")
    elif kind == "percent":
        if unit != "%":
            errs.append(f"{what}: percent unit must be '%'")
        if not re.search(r"%|percent|per cent|百分之|成$", txt) and not raw.get("shared_unit"):
            errs.append(f"{what}: no percent marker in span")
        if re.search(r"百分点|percentage point", txt):
            errs.append(f"{what}: a percentage-point span must be kind ppt")
    elif kind == "ppt":
        if unit != "pp":
            errs.append(f"{what}: ppt unit must be 'pp'")
        if not re.search(r"百分点|percentage points?", txt) and not raw.get("shared_unit"):
            errs.append(f"{what}: no percentage-point marker in span")
    elif kind == "count":
        if doc.lang == "en" and unit != unit.lower():
            errs.append(f"{what}: English count unit must be lowercase ({unit!r})")
        window = doc.text[max(0, 0): len(doc.text)].lower()
        if unit.lower() not in window and not (unit.endswith("s") and unit[:-1].lower() in window):
            errs.append(f"{what}: count unit {unit!r} does not occur in the document")
    elif kind == "quantity":
        if unit not in raw["text"] and not raw.get("shared_unit"):
            errs.append(f"{what}: quantity unit {unit!r} not written in span")

    for key in ("metric", "subject"):
        v = raw[key]
        if v is not None:
            if not isinstance(v, str) or not v.strip():
                errs.append(f"{what}: {key} must be a non-empty string or null")
            elif v not in doc.text:
                errs.append(f"{what}: {key} {v!r} is not copied from the text")

    # span
    starts = locate(doc.text, raw, what, errs)
    if not starts:
        return None
    start = starts[0]
    end = start + len(raw["text"])
    if raw["text"] != raw["text"].strip():
        errs.append(f"{what}: span has surrounding whitespace")
    low = raw["text"].lower()
    for w in CMP_IN_SPAN:
        if w in low:
            errs.append(f"{what}: comparator word {w!r} inside span (keep it outside)")
    if not TOKEN_RE.search(raw["text"]):
        errs.append(f"{what}: span holds no numeral")

    # value check
    if raw.get("value_check"):
        pass
    else:
        try:
            ev, eh = expected_value({**raw, "unit": unit})
            if not _close(ev, float(value)) or (eh is None) != (high is None) or (
                    eh is not None and not _close(eh, float(high))):
                errs.append(f"{what}: value/high {value}/{high} but the span reads {ev}/{eh}")
        except ParseError as exc:
            errs.append(f"{what}: cannot check value ({exc}); fix or add value_check: <reason>")
    # comparator words touching the span but comparator "="
    if not raw.get("lint_ok"):
        before = doc.text[max(0, start - (24 if doc.lang == "en" else 12)): start]
        after = doc.text[end: end + 4]
        found = None
        if doc.lang == "en":
            bl = before.lower()
            for w, c in sorted(CMP_BEFORE_EN, key=lambda wc: -len(wc[0])):
                if re.search(rf"\b{re.escape(w)}\s*$", bl):
                    found = (w, c)
                    break
        else:
            for w, c in sorted(CMP_BEFORE_ZH, key=lambda wc: -len(wc[0])):
                if before.endswith(w):
                    found = (w, c)
                    break
            if not found:
                for w, c in CMP_AFTER_ZH:
                    if after.startswith(w):
                        found = (w, c)
                        break
        if re.search(r"[多余餘]", raw["text"]) and doc.lang != "en" and re.search(r"\d[多余餘]|[十百千]多|[十百千][余餘]", raw["text"]):
            found = found or ("多/余 in span", ">")
        if found and found[1] is not None and comparator != found[1]:
            errs.append(f"{what}: comparator {comparator!r} but {found[0]!r} is next to the span "
                        f"(expected {found[1]!r}; set lint_ok: <reason> if intended)")
        if comparator != "=" and not found:
            doc.warnings.append(f"{what}: comparator {comparator!r} without an adjacent marker (shared?)")
        # change words right before the span ("增长8%", "rose 18%"), but not "提高到"/"rose to" (a level)
        before = doc.text[max(0, start - 24): start]
        exp_change = None
        if doc.lang == "en":
            m = re.search(r"\b((?<!made )(?<!make )(?<!makes )(?<!making )(?<!set )(?<!ended )up|down|rose|fell|grew|grow|growing|increased?|decreased?|dropped|drop|declined?|"
                          r"climbed|jumped|plunged|slid|slumped|dipped|dip|eased|surged|soared|slipped|lost|shrank|widened|narrowed|expanding|expanded|gained|lower|higher|rise|fall|"
                          r"growth of|increase of|decrease of|rise of|fall of|decline of|drop of|cut of)"
                          r"( by)?( about| nearly| more than| over| around| almost| some| just| only| a further)?\s*$",
                          before, re.I)
            if m:
                w = m.group(1).lower()
                exp_change = "decrease" if re.match(r"down|fell|decrease|dropped|drop|decline|plunged|slid|dip|eased|slipped|lost|shrank|narrowed|"
                                                    r"slumped|lower|fall|cut", w) else "increase"
        else:
            m = re.search(r"(?<!不)(?<!新)(增长|下降|增加|减少|上涨|上升|下跌|提高|提升|降低|回落|增速|涨幅|降幅|增幅|增|降|高出|高于|"
                          r"低于|扩大|缩小|增長|減少|上漲|漲幅|高於|低於|擴大|縮小|成長)(了)?(为|达|达到|為|達|達到)?"
                          r"(约|近|超过|逾|不低于|不少于|不超过|接近|約|超過|不低於|不少於|不超過)?$", before)
            if m:
                w = m.group(1)
                exp_change = "decrease" if w in ("下降", "减少", "下跌", "降低", "回落", "降幅", "降", "低于", "缩小",
                                                 "減少", "低於", "縮小") \
                    else "increase"
        if exp_change and raw["change"] != exp_change:
            errs.append(f"{what}: change {raw['change']!r} but the span follows a {exp_change} word "
                        f"({before[-8:]!r}; set lint_ok: <reason> if intended)")

    # subject must be named in the sentence or the one before
    if raw["subject"]:
        si = sentence_index(bounds, start)
        pi = si - 1
        while pi > 0 and not doc.text[bounds[pi][0]:bounds[pi][1]].strip():
            pi -= 1                                   # skip blank lines: "the one before" may be in the previous paragraph
        a = bounds[max(0, pi)][0]
        b = bounds[si][1]
        if raw["subject"] not in doc.text[a:b]:
            errs.append(f"{what}: subject {raw['subject']!r} not named in this sentence or the one before")
    if raw["metric"]:
        a, b = max(0, start - 400), min(len(doc.text), end + 200)
        if raw["metric"] not in doc.text[a:b]:
            doc.warnings.append(f"{what}: metric {raw['metric']!r} not within the figure's neighbourhood")

    fig = {
        "text": raw["text"], "start": start, "end": end, "kind": kind, "value": float(value), "unit": unit,
        "high": float(high) if high is not None else None, "comparator": comparator,
        "change": raw["change"], "role": raw["role"], "year": year, "metric": raw["metric"],
        "subject": raw["subject"],
    }
    assert doc.text[start:end] == fig["text"]
    return fig


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def read_not_figures(doc: Doc, items: list, at=None) -> None:
    """Add the declared negatives to ``doc.not_spans`` (errors to ``doc.errors``). An entry is a regex
    (``re``), or a ``text`` with all its occurrences, one of them (``occ``/``ctx``) or, when ``at`` is given
    (a locator ``at(text, item, what, errors) -> [start]``), the one at an offset."""
    text = doc.text
    for j, item in enumerate(items):
        what = f"{doc.doc_id} not_figures #{j + 1}"
        if not isinstance(item, dict) or item.get("why") not in NOT_WHY:
            doc.errors.append(f"{what}: needs why in {NOT_WHY}: {item!r}")
            continue
        if "re" in item:
            try:
                rx = re.compile(item["re"])
            except re.error as exc:
                doc.errors.append(f"{what}: bad regex: {exc}")
                continue
            hits = [(m.start(), m.end()) for m in rx.finditer(text)]
            if not hits:
                doc.errors.append(f"{what}: regex {item['re']!r} matches nothing")
            doc.not_spans += [(a, b, item["why"]) for a, b in hits]
        elif "text" in item:
            item = {**item, "text": str(item["text"])}
            if at is not None and "at" in item:
                starts = at(text, item, what, doc.errors)
            elif item.get("occ") is None and item.get("ctx") is None:
                starts = find_all(text, item["text"])
                if not starts:
                    doc.errors.append(f"{what}: text {item['text']!r} not found")
            else:
                starts = locate(text, item, what, doc.errors)
            doc.not_spans += [(h, h + len(item["text"]), item["why"]) for h in starts]
        else:
            doc.errors.append(f"{what}: needs text or re")


def load_doc(src_path: Path) -> Doc:
    data = yaml.safe_load(src_path.read_text(encoding="utf-8"))
    doc_id = src_path.stem
    errors: list[str] = []
    if not isinstance(data, dict):
        return Doc(doc_id, "?", "", None, [], errors=[f"{src_path}: not a YAML mapping"])
    for k in data:
        if k not in ("doc_id", "lang", "published", "figures", "not_figures"):
            errors.append(f"{doc_id}: unknown top-level key {k!r}")
    if data.get("doc_id") != doc_id:
        errors.append(f"{doc_id}: doc_id {data.get('doc_id')!r} differs from the file name")
    txt_path = DOCS / f"{doc_id}.txt"
    if not txt_path.exists():
        return Doc(doc_id, "?", "", None, [], errors=errors + [f"{doc_id}: no document {txt_path}"])
    raw_bytes = txt_path.read_bytes()
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Doc(doc_id, "?", "", None, [], errors=errors + [f"{doc_id}: not UTF-8: {exc}"])
    if text.startswith("\ufeff"):
        errors.append(f"{doc_id}: document starts with a BOM")
    if "\r" in text:
        errors.append(f"{doc_id}: document has CR line endings")
    lang = data.get("lang")
    if lang not in LANGS:
        errors.append(f"{doc_id}: lang {lang!r} not in {LANGS}")
    published = data.get("published")
    if published is not None:
        published = str(published)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            errors.append(f"{doc_id}: published {published!r} is not an ISO date")
        elif published[:4] not in text:
            errors.append(f"{doc_id}: published year {published[:4]} is not written in the text")
    doc = Doc(doc_id, lang or "?", text, published, [], errors=errors)
    bounds = sentence_bounds(text)
    figs = []
    for i, raw in enumerate(data.get("figures") or []):
        fig = validate_figure(doc, i, raw, bounds)
        if fig:
            figs.append(fig)
    # spans: no duplicates or overlaps; reading order
    order = sorted(figs, key=lambda f: (f["start"], f["end"]))
    if [id(f) for f in order] != [id(f) for f in figs]:
        doc.warnings.append(f"{doc_id}: figures are not listed in reading order (output is sorted)")
    for a, b in zip(order, order[1:]):
        if b["start"] < a["end"]:
            doc.errors.append(f"{doc_id}: spans overlap: {a['text']!r}@{a['start']} and {b['text']!r}@{b['start']}")
    doc.figures = order
    # negatives
    read_not_figures(doc, data.get("not_figures") or [])
    # completeness: every numeral is a figure or a declared negative
    covered = [(f["start"], f["end"]) for f in doc.figures] + [(a, b) for a, b, _ in doc.not_spans]
    for a, b, tok in numeral_tokens(text):
        if not any(x <= a and b <= y for x, y in covered):
            line_ctx = text[max(0, a - 15): b + 15].replace("\n", "⏎")
            doc.errors.append(f"{doc_id}: numeral {tok!r}@{a} is neither a figure nor in not_figures: …{line_ctx}…")
    for f in doc.figures:
        for a, b, why in doc.not_spans:
            if a < f["end"] and f["start"] < b and not (a <= f["start"] and f["end"] <= b):
                doc.warnings.append(f"{doc_id}: not_figures span {text[a:b]!r} ({why}) cuts figure {f['text']!r}")
    return doc


def load_all() -> tuple[list[Doc], list[str]]:
    errors = []
    srcs = sorted(SRC.glob("*.yaml"))
    docs = [load_doc(p) for p in srcs]
    src_ids = {p.stem for p in srcs}
    txt_ids = {p.stem for p in DOCS.glob("*.txt")}
    for missing in sorted(txt_ids - src_ids):
        errors.append(f"{missing}: document without annotation source")
    ids = [d.doc_id for d in docs]
    if len(ids) != len(set(ids)):
        errors.append("duplicate doc ids")
    return docs, errors


def render(docs: list[Doc]) -> str:
    lines = []
    for d in sorted(docs, key=lambda d: d.doc_id):
        rec = {"doc_id": d.doc_id, "lang": d.lang, "text": d.text}
        if d.published:
            rec["published"] = d.published
        rec["source"] = SOURCE_TAG
        rec["figures"] = [{k: f[k] for k in OUT_KEYS} for f in d.figures]
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="validate and verify corpus.jsonl is up to date")
    ap.add_argument("--table", metavar="DOC_ID", help="print the figures of a document with context")
    ap.add_argument("--show", metavar="DOC_ID", help="print a document with figures and negatives marked")
    ap.add_argument("--stats", action="store_true", help="print per-document counts")
    ap.add_argument("--warnings", action="store_true", help="also print lint warnings")
    args = ap.parse_args(argv)

    docs, errors = load_all()
    for d in docs:
        errors += d.errors
    warnings = [w for d in docs for w in d.warnings]

    if args.table or args.show:
        want = args.table or args.show
        sel = [d for d in docs if d.doc_id == want or d.doc_id.startswith(want)]
        for d in sel:
            if args.table:
                print(f"== {d.doc_id} ({d.lang}) {len(d.figures)} figures")
                for n, f in enumerate(d.figures, 1):
                    ctx = d.text[max(0, f["start"] - 18): f["start"]] + "[" + f["text"] + "]" + d.text[f["end"]: f["end"] + 10]
                    ctx = ctx.replace("\n", "⏎")
                    hi = f"-{f['high']:g}" if f["high"] is not None else ""
                    print(f"{n:3} {ctx}\n     {f['kind']} {f['comparator']} {f['value']:g}{hi} {f['unit']} "
                          f"chg={f['change']} {f['role']} y={f['year']} m={f['metric']!r} s={f['subject']!r}")
            else:
                marks = [m for f in d.figures for m in ((f["start"], "[["), (f["end"], "]]"))]
                marks += [m for a, b, _ in d.not_spans for m in ((a, "{{"), (b, "}}"))]
                out, last = [], 0
                for pos, tag in sorted(marks, key=lambda m: (m[0], m[1] in ("[[", "{{"))):
                    out.append(d.text[last:pos] + tag)
                    last = pos
                out.append(d.text[last:])
                print("".join(out))
    if args.stats:
        tot = {"zh": [0, 0, 0], "en": [0, 0, 0], "mixed": [0, 0, 0]}
        for d in sorted(docs, key=lambda d: d.doc_id):
            t = sum(f["role"] == "target" for f in d.figures)
            print(f"{d.doc_id:40} {d.lang:3} chars={len(d.text):5} figures={len(d.figures):3} targets={t:3} "
                  f"negatives={len(d.not_spans):3}")
            if d.lang in tot:
                tot[d.lang][0] += 1
                tot[d.lang][1] += len(d.figures)
                tot[d.lang][2] += t
        for lang, (n, f, t) in tot.items():
            if n:
                print(f"{lang}: {n} documents, {f} figures, {t} targets")
    if args.warnings:
        for w in warnings:
            print("warning:", w, file=sys.stderr)
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    rendered = render(docs)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != rendered:
            print(f"{OUT} is out of date with corpus/gold/src and corpus/docs; run corpus/tools/build_gold.py",
                  file=sys.stderr)
            return 1
        print(f"ok: {len(docs)} documents, {sum(len(d.figures) for d in docs)} figures, corpus.jsonl up to date")
        return 0
    if not (args.table or args.show or args.stats):
        OUT.write_text(rendered, encoding="utf-8")
        print(f"wrote {OUT} ({len(docs)} documents, {sum(len(d.figures) for d in docs)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
