#!/usr/bin/env python3
"""Generate ``patterns/{en,zh}/currencies.yaml`` from CLDR, through Babel.

    .venv/bin/pip install -e ".[dev]"            # Babel: needed by this script only, never at run time
    .venv/bin/python scripts/gen_currencies.py    # rewrites both files
    .venv/bin/python scripts/gen_currencies.py --check   # exit 1 when the committed files differ

What is taken from CLDR (Babel's copy of it; the version is written into the files):

- every currency that is or was legal tender somewhere (CLDR's territory-currency table): the
  units of account, funds, metals and test codes (XAU, XDR, CLF, USN, ...) are left out, and so
  are the names that carry a parenthesis (``Afghan Afghani (1927–2002)``: a former issue whose
  name is the current one's);
- English names: the display name and the plural forms (``Finnish Markka``, ``Finnish markkas``),
  lower case, also without accents and with ``and`` for ``&`` (``icelandic krona``);
- bare English head nouns (``pesetas``, ``markka``, ``naira``) where the head names one currency in
  use (or, when none in use has it, one former currency); a head that is also an ordinary English
  word or name (``won``, ``real``, ``rand``, ``mark``, ``kip``) goes to ``weak_heads``: the extractor
  reads it as money only after a scale word (``5 trillion won``) -- see ``WEAK_EN``;
- Chinese names (``格鲁吉亚拉里``), the same with 圆 for a final 元 (``美圆``), and the bare head
  left after the territory's Chinese name (``奈拉`` from ``尼日利亚奈拉``) when it names one
  currency;
- ISO 4217 codes of the currencies in use, matched in upper case only, without the codes that
  are English words or common acronyms written before numbers (``TOP 10``, ``COP 28``, ``SDG 4``:
  see ``CODE_STOP``);
- symbols: the symbol every locale of every territory that uses a currency writes for it
  (``₾`` in ka_GE, ``₭`` in lo_LA, ``zł``, ``GH₵``), plus the English and Chinese locales'
  own (``CN¥``, ``MX$``), kept when they name one currency and hold a non-ASCII character or a
  ``$`` (plain Latin letters such as ``K``, ``R``, ``kr`` are ordinary text);
- ``<code>$`` (``cad$``, ``mxn$``, ``nzd$``) for every currency written with a dollar sign in its
  territories.

Hand-curated entries of ``patterns/<lang>/units.yaml`` take precedence over these at load time
(``C$`` stays the Canadian dollar in English news though CLDR gives it to the córdoba).
Sub-units (cents, pence, 分, 角) are not in CLDR: they stay hand-curated in ``units.yaml``.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Heads that are ordinary English words or names: money only after a scale word (5 billion won).
WEAK_EN = {
    "won", "real", "reals", "rand", "rands", "mark", "marks", "pound", "pounds", "dram", "drams", "sol", "soles",
    "sols", "som", "colon", "colons", "kip", "kips", "dong", "dongs", "lei", "leu", "lev", "lek", "leks", "leone",
    "leones", "guarani", "guaranis", "afghani", "afghanis", "cordoba", "cordobas", "bolivar", "bolivars",
    "bolivares", "sucre", "sucres", "escudo", "escudos", "balboa", "balboas", "quetzal", "quetzals",
    "quetzales", "lempira", "lempiras", "crown", "crowns", "dollar", "dollars", "franc", "francs", "peso",
    "pesos", "shilling", "shillings", "riel", "riels", "tala", "kina", "inti", "intis", "kuna", "kunas", "lat",
    "lats", "austral", "australs", "zaire", "zaires",
}
# Bare heads that several currencies share, each read as the one named here (the Spanish peseta over the
# Andorran, the South Korean won over the North Korean, the German mark of older news over the Bosnian).
PREFER_EN = {"peseta": "ESP", "won": "KRW", "mark": "DEM"}
# Heads that are never money alone (Zimbabwean Gold).
STOP_EN = {"gold"}
# ISO codes that are English words or acronyms written before numbers (TOP 10, COP 28, SDG 4, PHP 8).
CODE_STOP = {"ALL", "AMD", "BAM", "BOB", "COP", "CRC", "CUP", "CVE", "DOP", "GEL", "IRR", "MAD", "MOP", "NAD",
             "NPR", "PEN", "PHP", "RON", "SDG", "SOS", "STN", "TOP", "TRY", "CDF", "ERN", "SAR"}
# Chinese heads that are ordinary words or names, or a cut through a territory's name: 金元 (gold yuan),
# 比尔 (the given name Bill), 群岛磅 (from 圣赫勒拿群岛磅).
STOP_ZH = {"金元", "比尔", "群岛磅"}
# characters CLDR puts in symbols for layout only
_FORMAT = dict.fromkeys(map(ord, "\u200e\u200f\u200b\u061c"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009"), " ")


def _sole_owner(owners: set[str], current: set[str]) -> str | None:
    """The one currency in use among ``owners``, or the one former currency when none is in use."""
    now = owners & current
    if len(now) == 1:
        return next(iter(now))
    if not now and len(owners) == 1:
        return next(iter(owners))
    return None


def _ascii_fold(s: str) -> str:
    """``Króna`` -> ``Krona``, ``Paʻanga`` -> ``Paanga``."""
    s = s.replace("ʻ", "").replace("’", "'")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def _en_forms(name: str) -> set[str]:
    low = name.lower()
    out = {low, _ascii_fold(low)}
    out |= {f.replace(" & ", " and ") for f in out if " & " in f}
    return {" ".join(f.split()) for f in out}


def collect():
    import babel
    from babel import Locale, localedata
    from babel.core import get_global

    tc = get_global("territory_currencies")
    ever, current = set(), set()
    territories: dict[str, set[str]] = defaultdict(set)
    for terr, rows in tc.items():
        for code, _start, end, tender in rows:
            if tender:
                ever.add(code)
                territories[code].add(terr)
                if end is None:
                    current.add(code)
    en, zh = Locale("en"), Locale("zh")
    codes = sorted(c for c in ever if c in en.currencies and "(" not in en.currencies[c]
                   and "(" not in (zh.currencies.get(c) or "(") and "（" not in zh.currencies.get(c, ""))

    # English names and heads
    en_names: dict[str, set[str]] = defaultdict(set)
    heads: dict[str, set[str]] = defaultdict(set)
    for c in codes:
        forms = set(_en_forms(en.currencies[c]))
        for plural in (en._data["currency_names_plural"].get(c) or {}).values():
            forms |= _en_forms(plural)
        en_names[c] = forms
        for f in forms:
            words = f.split()
            if len(words) > 1:
                heads[words[-1]].add(c)
            else:
                heads[f].add(c)

    def family(head: str) -> set[str]:
        """The head with its singular or plural (lira, liras): one currency owns both."""
        stem = _ascii_fold(head)
        stem = stem[:-1] if stem.endswith("s") and len(stem) > 3 else stem
        return {h for h in heads if _ascii_fold(h) in (stem, stem + "s")}

    en_heads: dict[str, set[str]] = defaultdict(set)
    en_weak: dict[str, set[str]] = defaultdict(set)
    for head in heads:
        fam = family(head)
        owners = set().union(*(heads[h] for h in fam))
        c = next((PREFER_EN[_ascii_fold(h).rstrip("s")] for h in fam if _ascii_fold(h).rstrip("s") in PREFER_EN), None) \
            or _sole_owner(owners, current)
        if c is None or len(head) < 3 or head in STOP_EN:
            continue
        (en_weak if _ascii_fold(head) in WEAK_EN else en_heads)[c].add(head)
    for c in codes:  # a one-word name (euro, bitcoin) is its own head
        en_heads[c] -= en_names[c]
        en_weak[c] -= en_names[c]
        weak_names = {n for n in en_names[c] if n in WEAK_EN}
        en_names[c] -= weak_names
        en_weak[c] |= weak_names

    # Chinese names and heads
    zh_terr = zh.territories
    zh_names: dict[str, set[str]] = defaultdict(set)
    zh_head_owners: dict[str, set[str]] = defaultdict(set)
    for c in codes:
        name = zh.currencies.get(c)
        if not name:
            continue
        forms = {name}
        if name.endswith("元"):
            forms.add(name[:-1] + "圆")
        zh_names[c] = forms
        prefixes = sorted({zh_terr.get(t, "") for t in territories[c]} | {zh_terr.get(c[:2], "")}, key=len,
                          reverse=True)
        for p in prefixes:
            if p and name.startswith(p) and len(name) - len(p) >= 2:
                zh_head_owners[name[len(p):]].add(c)
                break
    zh_heads: dict[str, set[str]] = defaultdict(set)
    all_zh_names = {n for ns in zh_names.values() for n in ns}
    for head, owners in zh_head_owners.items():
        c = _sole_owner(owners, current)
        if c is None or head in STOP_ZH or head in all_zh_names:
            continue
        if c not in current and any(k != head and head.endswith(k) for k in zh_head_owners):
            continue  # a former issue with a qualifier: 硬列弗, 可兑换比索
        zh_heads[c].add(head)

    # symbols
    sym_owners: dict[str, set[str]] = defaultdict(set)

    def add_symbol(sym: str | None, code: str) -> None:
        if not sym or code not in codes:
            return
        s = sym.translate(_FORMAT).translate(_SPACES).strip()
        if not s or s == code:
            return
        if len(s) == 1 and unicodedata.category(s) != "Sc":
            return  # a lone letter (ر)
        if any(not ch.isascii() for ch in s) or ("$" in s and len(s) > 1):
            sym_owners[s].add(code)
        elif s == "$":
            dollar.add(code)

    dollar: set[str] = set()
    for lid in localedata.locale_identifiers():
        terr = next((p for p in lid.split("_")[1:] if len(p) == 2 and p.isupper()), None)
        if terr is None or terr not in tc:
            continue
        loc = Locale.parse(lid)
        for code, _s, _e, tender in tc[terr]:
            if tender:
                add_symbol(loc.currency_symbols.get(code), code)
    for loc in (en, zh):
        for code, sym in loc.currency_symbols.items():
            add_symbol(sym, code)
    symbols = {s: next(iter(o)) for s, o in sym_owners.items() if len(o) == 1}
    dollar |= {c for s, c in symbols.items() if "$" in s}
    dollar_codes = {f"{c.lower()}$": c for c in sorted(dollar & current)}
    iso = sorted((set(codes) & current) - CODE_STOP)
    meta = {"babel": babel.__version__, "cldr": str(babel.core.get_cldr_version())}
    return meta, en_names, en_heads, en_weak, iso, symbols, dollar_codes, zh_names, zh_heads


def _yaml_str(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


def _table(d: dict[str, set[str]]) -> list[str]:
    lines = []
    for code in sorted(d):
        vals = sorted(d[code], key=lambda v: (len(v), v))
        if vals:
            lines.append(f"    {code}: [{', '.join(_yaml_str(v) for v in vals)}]")
    return lines or ["    {}"]


def _header(meta: dict, lang: str) -> list[str]:
    return [
        f"# GENERATED by scripts/gen_currencies.py from CLDR {meta['cldr']} (Babel {meta['babel']}): do not edit.",
        "# Regenerate: .venv/bin/pip install -e \".[dev]\" && .venv/bin/python scripts/gen_currencies.py",
        f"# Merged by the {lang} extractor under the hand-curated money entries of units.yaml, which win on",
        "# any surface they also list. What is taken and what is left out: patterns/README.md and the script.",
        f"source: {{babel: {_yaml_str(meta['babel'])}, cldr: {_yaml_str(meta['cldr'])}}}",
    ]


def render(collected) -> dict[str, str]:
    meta, en_names, en_heads, en_weak, iso, symbols, dollar_codes, zh_names, zh_heads = collected
    sym_lines = [f"    {_yaml_str(s)}: {c}" for s, c in sorted(symbols.items(), key=lambda x: (x[1], x[0]))]
    dollar_lines = [f"    {_yaml_str(s)}: {c}" for s, c in sorted(dollar_codes.items())]
    iso_line = "  codes: [" + ", ".join(iso) + "]"
    en = _header(meta, "English") + [
        "money:",
        "  # full names after the number (case-insensitive; also before a number with a scale word):",
        "  # 420 million finnish markka, 3 billion icelandic kronur, dollar 22.5 million",
        "  names:", *_table(en_names),
        "  # bare head nouns that name one currency: 6.65 billion pesetas, 5,000 naira",
        "  heads:", *_table(en_heads),
        "  # heads that are also ordinary words or names: money only after a scale word (5 trillion won)",
        "  weak_heads:", *_table(en_weak),
        "  # ISO 4217 codes of the currencies in use, upper case only, before or after the number (GEL 100 is",
        "  # left out: see CODE_STOP in the script)",
        iso_line,
        "  # symbols that name one currency, before or after the number: 100₾, 100,000 ₭, zł 40",
        "  symbols:", *sym_lines,
        "  # a currency written with a dollar sign: its code and $ (case-insensitive): cad$ 15, nzd$15",
        "  dollar_codes:", *dollar_lines,
        "",
    ]
    zh = _header(meta, "Chinese") + [
        "money:",
        "  # names after the number (and 圆 for a final 元): 100格鲁吉亚拉里, 300美圆",
        "  names:", *_table(zh_names),
        "  # the name without its territory, when it names one currency: 445奈拉",
        "  heads:", *_table(zh_heads),
        "  # ISO 4217 codes of the currencies in use, upper case only",
        iso_line,
        "  # symbols that name one currency, before or after the number: 100₾, ₭100,000",
        "  symbols:", *sym_lines,
        "  dollar_codes:", *dollar_lines,
        "",
    ]
    return {"en": "\n".join(en), "zh": "\n".join(zh)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    ap.add_argument("--root", type=Path, default=ROOT / "patterns")
    args = ap.parse_args(argv)
    out = render(collect())
    stale = []
    for lang, text in out.items():
        path = args.root / lang / "currencies.yaml"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print("out of date (run scripts/gen_currencies.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
