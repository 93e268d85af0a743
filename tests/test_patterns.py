"""Every pattern file loads, every fragment resolves and compiles, lexicons are well-formed."""
import pytest

from pipeline.errors import PatternError
from pipeline.patterns import LANGS, LangPatterns, alternation, load_lang


@pytest.mark.parametrize("lang", LANGS)
def test_all_fragments_compile(lang):
    load_lang(lang).validate()


@pytest.mark.parametrize("lang", LANGS)
def test_context_regexes_compile(lang):
    import re

    ctx = load_lang(lang).context
    for key in ("increase", "decrease", "increase_rate", "decrease_rate", "after_increase", "after_decrease",
                "adjacent_increase", "adjacent_decrease", "level_markers"):
        for p in ctx.get("change", {}).get(key, []):
            re.compile(p)


@pytest.mark.parametrize("lang", LANGS)
def test_money_units_are_iso_codes(lang):
    money = load_lang(lang).units["money"]
    for section in ("suffix", "prefix"):
        for code in money.get(section, {}):
            assert len(code) == 3 and code.isupper(), code


def test_unknown_reference_is_an_error(tmp_path):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "numbers.yaml").write_text("fragments:\n  a: '{missing}'\nnumber: '{a}'\n", encoding="utf-8")
    with pytest.raises(PatternError, match="unknown fragment"):
        LangPatterns("xx", root=tmp_path).validate()


def test_reference_cycle_is_an_error(tmp_path):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "numbers.yaml").write_text("fragments:\n  a: '{b}'\n  b: '{a}'\n", encoding="utf-8")
    with pytest.raises(PatternError, match="cycle"):
        LangPatterns("xx", root=tmp_path).validate()


def test_bad_regex_is_an_error(tmp_path):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "numbers.yaml").write_text("fragments:\n  a: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(PatternError, match="does not compile"):
        LangPatterns("xx", root=tmp_path).validate()


def test_alternation_is_longest_first():
    import re

    rx = re.compile(alternation(["元", "亿元", "万元"]))
    assert rx.match("亿元").group(0) == "亿元"


def test_alternation_rejects_empty():
    with pytest.raises(PatternError):
        alternation([])


@pytest.mark.parametrize("lang", LANGS)
def test_generated_currencies_use_iso_codes(lang):
    money = load_lang(lang).data("currencies")["money"]
    codes = [c for section in ("names", "heads", "weak_heads") for c in (money.get(section) or {})]
    codes += list(money["codes"]) + list(money["symbols"].values()) + list(money["dollar_codes"].values())
    assert codes and all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)


def test_generated_currencies_are_up_to_date():
    """patterns/*/currencies.yaml are what scripts/gen_currencies.py writes (Babel, extra ``dev``), when the
    installed Babel is the one the files were generated with (another CLDR gives other names)."""
    _check_generated("currencies", "gen_currencies")


def _check_generated(data: str, script: str) -> None:
    """``scripts/<script>.py --check`` passes, when the installed Babel is the one the file records."""
    import importlib.util
    from pathlib import Path

    babel = pytest.importorskip("babel")
    recorded = load_lang("en").data(data)["source"]["babel"]
    if babel.__version__ != recorded:
        pytest.skip(f"Babel {babel.__version__} installed, the files were generated with {recorded}")
    path = Path(__file__).resolve().parent.parent / "scripts" / f"{script}.py"
    spec = importlib.util.spec_from_file_location(script, path)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--check"]) == 0


def test_generated_places_are_up_to_date():
    """patterns/en/places.yaml is what scripts/gen_places.py writes from CLDR (Babel, extra ``dev``)."""
    assert {"Italy", "Vietnam", "South Korea", "Kenya"} <= set(load_lang("en").data("places")["territories"])
    _check_generated("places", "gen_places")


# -- fast scanning (patterns.fast_finditer): the same matches as finditer -----------------------------

def _matches(it):
    return [(m.span(), m.groups()) for m in it]


def _scan_texts() -> list[str]:
    import random
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "corpus" / "docs").glob("*.txt"))]
    rng = random.Random(11)
    alphabet = "0123456789-.,%  一二三十百千万亿两零到至于截年月日底前的Ʃ" "abyBYthe in on by Jan May 2025 1999 ſK\n"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))) for _ in range(300)]
    return texts


def _rule_patterns():
    import re

    out = []
    for lang in LANGS:
        P = load_lang(lang)
        flags = re.IGNORECASE if lang == "en" else 0
        out += [P.regex(k) for k, v in P.numbers.items() if k != "fragments" and isinstance(v, str)]
        L = P.link
        out += [re.compile(L[k], flags) for k in ("deadline", "year_span", "year", "month_day") if L.get(k)]
        out += [re.compile(p, flags) for p in L.get("periods", [])]
    return out


def test_fast_finditer_gives_the_matches_of_finditer():
    import re

    from pipeline.patterns import fast_finditer

    texts = _scan_texts()
    tricky = [r"(?<![\d.])\d+(?:\.\d+)?", r"(?<=a)b+", r"\bx\d", r"-?\d+", r"(?:ab)?c", r"[12](?!0)\d*|到\d",
              r"(?i:k)\d", r"\d*", r".\d", r"[^a]b", r"(?P<d>\d+)|(?P<w>\bthe\b|a)", r"1|12|\by", r"(\d)|b\1",
              r"[|]\d|(?:t|b)[(|)]", r"\d+|"]
    patterns = _rule_patterns() + [re.compile(p) for p in tricky] + [re.compile(p, re.I) for p in tricky[:-3]]
    for rx in patterns:
        for scan in (fast_finditer(rx), fast_finditer(rx, branches=True)):
            for t in texts:
                assert _matches(scan(t)) == _matches(rx.finditer(t)), (rx.pattern[:80], t[:80])


def test_fast_search_and_finditer_within_bounds():
    import random
    import re

    from pipeline.patterns import fast

    rng = random.Random(5)
    texts = _scan_texts()
    for rx in _rule_patterns() + [re.compile(r"(?<![\d.])\d+|\bthe\b", re.I), re.compile(r"(?<=a)\d|到\d+")]:
        for f in (fast(rx), fast(rx, branches=True)):
            for t in texts[::7]:
                lo = rng.randint(0, len(t))
                hi = rng.randint(lo, len(t))
                m1, m2 = f.search(t, lo, hi), rx.search(t, lo, hi)
                assert (m1 and (m1.span(), m1.groups())) == (m2 and (m2.span(), m2.groups())), rx.pattern[:80]
                assert _matches(f.finditer(t, lo, hi)) == _matches(rx.finditer(t, lo, hi)), rx.pattern[:80]


def test_first_chars():
    import re

    from pipeline.patterns import first_chars

    cls, fast = first_chars(re.compile(r"(?<![\d.])-?\d+|(?:到|至)\d"))
    assert fast and all(cls.match(c) for c in "-7到至") and not cls.match("a")
    assert first_chars(re.compile(r"\d*")) is None                       # may match the empty string
    assert first_chars(re.compile(r".\d")) is None                       # any character
    assert first_chars(re.compile(r"[^a]b")) is None                     # a negated class
    assert first_chars(re.compile(r"\bthe", re.I))[1] is False           # letters under IGNORECASE: no fast scan
    assert first_chars(re.compile(r"(?:19|20)\d{2}", re.I))[1] is True   # digits have no case


def test_several_patterns_in_one_pass():
    import re

    from pipeline.patterns import Several, load_lang

    texts = _scan_texts() + ["in recent years over the past five years, over the years; in the next two years"]
    for lang in LANGS:
        flags = re.IGNORECASE if lang == "en" else 0
        rxs = [re.compile(p, flags) for p in load_lang(lang).link.get("periods", [])]
        rxs += [re.compile(r"年\d|\d+", flags), re.compile(r"\d{2}", flags)]        # overlapping ones
        several = Several(rxs)
        assert several.union is not None
        for t in texts:
            got = [[m.span() for m in ms] for ms in several.finditer_each(t)]
            assert got == [[m.span() for m in rx.finditer(t)] for rx in rxs]


def test_rule_files_read_on_no_and_yes_as_words(tmp_path):
    # YAML 1.1 reads on/off/yes/no as booleans: the English stop lists had lost "on", "no" and "On"
    from pipeline.patterns import _read_yaml

    f = tmp_path / "words.yaml"
    f.write_text("words: [on, On, off, no, yes, y, n]\nflag: true\nother: False\n", encoding="utf-8")
    data = _read_yaml(f)
    assert data["words"] == ["on", "On", "off", "no", "yes", "y", "n"]
    assert data["flag"] is True and data["other"] is False


def test_no_word_list_of_the_shipped_rules_holds_a_boolean():
    from pipeline.patterns import _read_yaml, patterns_dir

    for path in sorted(patterns_dir().rglob("*.yaml")):
        data = _read_yaml(path)
        lists = [v for v in data.values() if isinstance(v, list)] if isinstance(data, dict) else []
        for items in lists:
            assert not any(isinstance(x, bool) for x in items), path
    en = _read_yaml(patterns_dir() / "en" / "link.yaml")
    assert "On" in en["subject_strip_leading"] and "on" in en["metric_stop"]


def test_generated_chinese_places_are_up_to_date():
    """patterns/zh/places.yaml is what scripts/gen_zh_places.py writes from cpca's table (extra ``dev``)."""
    import importlib.metadata
    import importlib.util
    from pathlib import Path

    places = load_lang("zh").data("places")
    assert {"桂林", "合肥", "甘肃", "恩施"} <= set(places["cities"]) and "贵德县" in places["counties"]
    assert not any("辖" in n for n in places["cities"])     # rows of the table, not places
    if importlib.util.find_spec("cpca") is None:
        pytest.skip("cpca is not installed (extra dev)")
    if importlib.metadata.version("cpca") != places["source"]["cpca"]:
        pytest.skip(f"cpca {importlib.metadata.version('cpca')} installed, the file was generated with {places['source']['cpca']}")
    path = Path(__file__).resolve().parent.parent / "scripts" / "gen_zh_places.py"
    spec = importlib.util.spec_from_file_location("gen_zh_places", path)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--check"]) == 0
