"""Chinese words with jieba's dictionary: one set-up for the whole project (the user dictionary of
``patterns/zh/jieba_userdict.txt`` and the dictionary's POS tags), used by the extractor (heads of
三大任务) and the linker (names, counted nouns).

The words are cut by jieba-rs (the ``rjieba`` binding): the same dictionary and the same
maximum-probability path over the word graph as jieba's ``cut(HMM=False)``, in Rust, about fifteen
times faster. Segmentation was the largest single cost of Chinese linking; the two cut every
sentence of the project corpus and of ``../shared/realdocs`` identically, and the tests check
that they agree (``tests/test_segment.py``). Without ``rjieba`` (a platform with no wheel) jieba
itself does the cutting, with the same results.

Tags are those of jieba's dictionary (``jieba.posseg``'s table); a word not in it is ``x``.
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
    import rjieba

    seg = rjieba.Jieba()
    for word, freq, tag in user_words():
        seg.add_word(word, freq, tag)
    return lambda s: seg.cut(s, hmm=False)


@lru_cache(maxsize=1)
def _segmenter() -> tuple[Callable[[str], list[str]], dict[str, str]]:
    import jieba.posseg as pseg

    try:
        cut = rust_cutter()
    except ImportError:
        cut = jieba_cutter()
    return cut, pseg.dt.word_tag_tab


def zh_tokens(s: str) -> list[tuple[str, str, int]]:
    """(word, tag, offset) with jieba's dictionary (no HMM: fast, stable)."""
    cut, tags = _segmenter()
    out, pos = [], 0
    for w in cut(s):
        out.append((w, tags.get(w, "x"), pos))
        pos += len(w)
    return out
