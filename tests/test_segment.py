"""The Chinese segmenter: jieba-rs cuts exactly as jieba does, with the user dictionary, and jieba
takes over where ``rjieba`` is missing."""
from __future__ import annotations

import json
import math
import random
import re
import sys
from pathlib import Path

import pytest

from pipeline import segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cutters():
    pytest.importorskip("rjieba")
    return segment.rust_cutter(), segment.jieba_cutter()


def corpus_sentences() -> list[str]:
    out = []
    for line in (ROOT / "corpus" / "gold" / "corpus.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        if d["lang"] == "zh":
            out += [s for s in re.split(r"(?<=[。！？；\n])", d["text"]) if s]
    return out


def test_same_words_as_jieba_on_the_corpus(cutters):
    rust, ref = cutters
    sents = corpus_sentences()
    assert len(sents) > 500
    assert [rust(s) for s in sents] == [ref(s) for s in sents]


def test_same_words_as_jieba_on_random_mixed_text(cutters):
    """Digits, Latin letters, full-width forms, spaces and newlines inside Chinese text. Where the two
    differ, the two cuts are equally probable under the dictionary (a tie, such as 人人人 = 人人|人 or
    人|人人, which jieba-rs breaks the other way): neither is a worse segmentation."""
    import jieba

    rust, ref = cutters
    logtotal = math.log(jieba.dt.total)

    def logprob(words):
        return sum(math.log(jieba.dt.FREQ.get(w) or 1) - logtotal for w in words)

    ties = 0
    alphabet = list("的一是在不了有和人这中大为上个国我以要发展经济增长企业科技创新产业研究院高新区亿元万") + \
        list("ABCabc0123456789 ，。、；：“”（）%％．.,!?\n\t　·—…１２３")
    rnd = random.Random(1206)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 120))) for _ in range(3000)]
    for t in texts:
        words = rust(t)
        assert "".join(words) == t
        expected = ref(t)
        if words != expected:
            ties += 1
            assert math.isclose(logprob(words), logprob(expected), rel_tol=1e-12), (t, words, expected)
    assert ties < len(texts) // 100


def test_user_dictionary_words_stay_whole(cutters):
    rust, ref = cutters
    s = "全市规上工业增加值增长8%，新认定高新技术企业120家，社会消费品零售总额达到500亿元"
    words = rust(s)
    assert "规上工业增加值" in words and "高新技术企业" in words and "社会消费品零售总额" in words
    assert words == ref(s)


def test_tokens_carry_tags_and_offsets():
    toks = segment.zh_tokens("研发经费支出占地区生产总值的比重为2.6%")
    assert "".join(w for w, _, _ in toks) == "研发经费支出占地区生产总值的比重为2.6%"
    for w, _, off in toks:
        assert "研发经费支出占地区生产总值的比重为2.6%"[off:off + len(w)] == w
    tags = dict((w, t) for w, t, _ in toks)
    assert tags["比重"] == "n" and tags["为"] == "p"


def test_falls_back_to_jieba_without_rjieba(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)      # import rjieba now raises ImportError
    segment._segmenter.cache_clear()
    try:
        assert [w for w, _ in segment._segmenter()("新增高新技术企业1200家")] == ["新增", "高新技术企业", "1200", "家"]
    finally:
        segment._segmenter.cache_clear()


def test_jieba_rs_tags_are_jiebas_table():
    """The tags read from jieba-rs are those of jieba's own table (``x`` off the dictionary, user words
    as the main dictionary tags them), on every sentence of the corpus and on mixed text."""
    pytest.importorskip("rjieba")
    texts = corpus_sentences() + ["ＡＢＣ公司2025年营收12.5亿元，iPhone销量增长3%", "规上工业增加值增长8%"]
    rust, ref = segment._rust_tagger(), segment._jieba_tagger()
    assert [rust(t) for t in texts] == [ref(t) for t in texts]
