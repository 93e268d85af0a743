"""Table-driven checks for extraction tests: a case lists the figures expected in a sentence."""
from __future__ import annotations

from pipeline import extract_figures

FIELDS = ("text", "kind", "value", "unit", "high", "comparator", "change")


def check(lang: str, sentence: str, expected: list[tuple]) -> None:
    """Every expected figure is found with the given fields, and nothing else is found."""
    got = extract_figures(sentence, lang=lang, link=False)
    for f in got:
        assert sentence[f.start:f.end] == f.text
    rows = [{k: getattr(f, k) for k in FIELDS} for f in got]
    want = [dict(zip(FIELDS, e)) for e in expected]
    assert len(rows) == len(want), f"{sentence!r}: got {[r['text'] for r in rows]}, want {[w['text'] for w in want]}"
    for r, w in zip(rows, want):
        for k, v in w.items():
            if k == "value" or k == "high":
                assert (r[k] is None) == (v is None) and (v is None or abs(r[k] - v) <= 1e-9 * max(1, abs(v))), \
                    f"{sentence!r} {w['text']!r}: {k} {r[k]} != {v}"
            else:
                assert r[k] == v, f"{sentence!r} {w['text']!r}: {k} {r[k]!r} != {v!r}"
