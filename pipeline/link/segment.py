"""Sentences and paragraphs with offsets, for policy text in Chinese and English.

Chinese sentences end at 。！？ (and ！? ; kept inside: 1；2 list items stay one sentence);
English ones at . ! ? before a space and a capital, not after abbreviations (Co., U.S., No.),
and at the bullet and section markers of machine-translated summaries ("[2] - ", "Group 3:").
Paragraphs are blocks separated by newlines; a heading line also starts a paragraph.
"""
from __future__ import annotations

import re
from functools import lru_cache

_ZH_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")
_EN_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\n+|\s\[\d+\]\s*(?:-\s+)?|(?<=\])\s+-\s+"
                     r"|(?<=[A-Za-z])\s+-\s+(?=[A-Z])|(?<=[a-z][.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][”\"])(?=[A-Z])")
# where one of those can start: a space, or right after a stop or a closing quote (every alternative above
# begins with a space or looks back at one of those); as a first test it turns most positions away at once
_EN_END = re.compile(r"(?:(?=\s)|(?<=[.!?”\"]))(?:" + _EN_END.pattern + ")")
_ABBREV = {"co", "ltd", "inc", "corp", "no", "mr", "mrs", "ms", "dr", "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul",
           "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "vs", "etc", "approx", "gov", "dept", "jr",
           "sr", "rs", "fig", "vol", "op", "pp", "est", "p.m", "a.m", "mt", "ft", "oz",
           # titles before a name (Rep. David McKinley, Sen. Warren, Gen. Motors is no concern: no stop after Gen)
           "rep", "sen", "gen", "lt", "col", "capt", "sgt", "adm"}


def sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, trimmed of surrounding whitespace."""
    return list(_sentences(text, lang))


@lru_cache(maxsize=64)
def _sentences(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    out = []
    start = 0
    rx = _ZH_END if lang == "zh" else _EN_END
    for m in rx.finditer(text):
        end = m.end() if lang == "zh" else m.start()
        if lang != "zh" and m.group(0)[:1] not in ("\n",) and "[" not in m.group(0) and "-" not in m.group(0):
            # an abbreviation before the stop: not a sentence end
            w = re.search(r"([A-Za-z.]+)\.$", text[max(0, end - 8):end])
            if w and w.group(1).lower().rstrip(".") in _ABBREV:
                continue
            if re.search(r"\b[A-Z]\.$", text[max(0, end - 3):end]):
                continue  # initials: J. Smith
        _push(out, text, start, end)
        start = m.end()
    _push(out, text, start, len(text))
    return tuple(out)


def _push(out: list, text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


_GROUP = re.compile(r"\bGroup\s+\d+\s*:")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: newline-separated blocks; "Group N:" also opens one."""
    out = []
    pos = 0
    for block in re.finditer(r"[^\n]+", text):
        s, e = block.span()
        cuts = [s] + [m.start() for m in _GROUP.finditer(text, s, e) if m.start() > s] + [e]
        for a, b in zip(cuts, cuts[1:]):
            _push(out, text, a, b)
        pos = e
    return out


# spaced dashes, and what an aside between two of them may not hold (a clause break, a number)
SPACED_DASH = re.compile(r" [-–—] ")
_ASIDE_BREAK = re.compile(r"[,;:()\[\]\d]|[.!?](?=\s)")


def dash_asides(norm: str, lo: int, hi: int, max_len: int = 120) -> list[tuple[int, int]]:
    """Asides between two spaced dashes in ``norm[lo:hi]`` ("Growth in output - the main target of the curbs -
    was 11.5%"), pairs read left to right, as the spans between the dashes; an aside holds no clause break and
    no number."""
    dashes = list(SPACED_DASH.finditer(norm, lo, hi))
    got = []
    i = 0
    while i + 1 < len(dashes):
        a, b = dashes[i].end(), dashes[i + 1].start()
        if b - a <= max_len and not _ASIDE_BREAK.search(norm, a, b):
            got.append((a, b))
            i += 2
        else:
            i += 1
    return got

