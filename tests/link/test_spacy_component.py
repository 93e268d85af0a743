"""A spaCy user can add ``policy_figures`` to a blank pipeline and read ``doc.spans["figures"]``."""
import pytest

spacy = pytest.importorskip("spacy")


def test_add_pipe_on_blank_english():
    import pipeline.nlp  # noqa: F401  (registers the factory; the entry point does this too)

    nlp = spacy.blank("en")
    nlp.add_pipe("policy_figures")
    doc = nlp("By 2025, the zone aims to host 300 enterprises and 2.5 billion yuan of investment.")
    spans = doc.spans["figures"]
    assert [s.label_ for s in spans] == ["count", "money"]
    assert spans[1]._.figure.value == 2.5e9
    assert spans[1]._.figure.role == "target"
    assert spans[0].text == "300"


def test_add_pipe_on_blank_chinese_with_jieba():
    import pipeline.nlp  # noqa: F401

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policy_sentencizer")
    nlp.add_pipe("policy_figures")
    doc = nlp("全年新增企业120家。研发投入增长12.5%。")
    assert [s._.figure.text for s in doc.spans["figures"]] == ["120家", "12.5%"]
    assert len(list(doc.sents)) == 2


def test_published_in_user_data_resolves_this_year():
    from pipeline.nlp import make_nlp

    nlp = make_nlp("en")
    doc = nlp.make_doc("This year, exports rose 4.5%.")
    doc.user_data["published"] = "2023-06-01"
    doc = nlp(doc)
    assert doc.spans["figures"][0]._.figure.year == 2023


def test_pipe_figures_keeps_context():
    from pipeline.nlp import pipe_figures

    out = list(pipe_figures([("Sales rose 3%.", {"id": "a"}), ("Profit fell 2%.", {"id": "b"})], "en"))
    assert [ctx["id"] for _, ctx in out] == ["a", "b"]
    assert [figs[0].change for figs, _ in out] == ["increase", "decrease"]
