"""Chinese words with jieba's dictionary: one set-up for the whole project (the user dictionary of
``patterns/zh/jieba_userdict.txt`` and the dictionary's POS tags), used by the extractor (heads of
三大任务) and the linker (names, counted nouns).

The words are cut by jieba-rs (the ``rjieba`` binding): the same dictionary and the same
maximum-probability path over the word graph as jieba's ``cut(HMM=False)``, in Rust, about fifteen
times faster. Segmentation was the largest single cost of Chinese linking; the two cut every
sentence of the project corpus and of ``../shared/realdocs`` identically, and the tests check
that they agree (``tests/test_segment.py``). Without ``rjieba`` (a platform with no wheel) jieba
itself does the cutting, with the same results.

Tags are those of jieba's dictionary (``jieba.posseg``'s table); a word not in it is ``x``. With
``rjieba`` they are read from jieba-rs, which carries the same dictionary and tags
(``tests/test_segment.py`` checks both against jieba's table).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


def user_words() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of ``patterns/zh/jieba_userdict.txt``."""
    from .patterns import load_lang

    out = []
    path = load_lang("zh").dir / "jieba_userdict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        out.append((parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None))
    return out


def jieba_cutter() -> Callable[[str], list[str]]:
    """jieba's own ``lcut(HMM=False)`` with the user dictionary (the reference, and the fallback)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    for word, freq, tag in user_words():
        jieba.add_word(word, freq, tag)
    return lambda s: jieba.lcut(s, HMM=False)


def rust_cutter() -> Callable[[str], list[str]]:
    """jieba-rs's ``cut(hmm=False)`` with the user dictionary (raises ImportError without ``rjieba``)."""
    seg, _ = _rust()
    return lambda s: seg.cut(s, hmm=False)


def _rust():
    """A jieba-rs segmenter with the user dictionary, and the dictionary tags of the user words (the tag
    table is the main dictionary's: a user word that is not in it is ``x``, as in jieba's own table)."""
    import rjieba

    seg = rjieba.Jieba()
    words = user_words()
    own: dict[str, str] = {}
    for word, _, _ in words:
        tagged = seg.tag(word, hmm=False)
        own[word] = tagged[0][1] if len(tagged) == 1 and seg.has_word(word) else "x"
    for word, freq, tag in words:
        seg.add_word(word, freq, tag)
    return seg, own


def _rust_tagger() -> Callable[[str], list[tuple[str, str]]]:
    """(word, tag) from jieba-rs in one call: its tags are the main dictionary's for dictionary words;
    for a word not in the dictionary it reads the characters (m, eng), where jieba's table says ``x``."""
    seg, own = _rust()
    has = seg.has_word

    def tag(s: str) -> list[tuple[str, str]]:
        return [(w, own[w] if w in own else (t if has(w) else "x")) for w, t in seg.tag(s, hmm=False)]

    return tag


def _jieba_tagger() -> Callable[[str], list[tuple[str, str]]]:
    import jieba.posseg as pseg

    cut, table = jieba_cutter(), pseg.dt.word_tag_tab
    return lambda s: [(w, table.get(w, "x")) for w in cut(s)]


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[tuple[str, str]]]:
    """The tagger: jieba-rs where ``rjieba`` is installed (no need to load jieba's own tag table, most
    of a second at start-up), jieba itself otherwise; the same words and tags either way."""
    try:
        return _rust_tagger()
    except ImportError:
        return _jieba_tagger()


def zh_tokens(s: str) -> list[tuple[str, str, int]]:
    """(word, tag, offset) with jieba's dictionary (no HMM: fast, stable)."""
    out, pos = [], 0
    for w, t in _segmenter()(s):
        out.append((w, t, pos))
        pos += len(w)
    return out


def is_han(ch: str) -> bool:
    """A character of the CJK Unified Ideographs block (the Han characters of Chinese text)."""
    return "\u4e00" <= ch <= "\u9fff"

