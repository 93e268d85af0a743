"""Metric and subject from a dependency parse (pipeline/syntax.py), and the shipped parser.

The rules over the parse are checked on hand-built parses (deterministic: no model involved); the
loading code on the shipped model and on a tiny model trained here.
"""
import json

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from pipeline import syntax
from pipeline.link import get_linker

LINK = get_linker("en")


def parsed(words, tags, heads, deps, spaces=None):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, heads=heads, deps=deps)


def metric(doc, figure):
    start = doc.text.index(figure)
    span, owner, route = syntax.metric_and_owner(doc, start, start + len(figure), LINK.syntax_lexicon)
    return (doc.text[span[0]:span[1]] if span else None), (owner.text if owner is not None else None), route


def test_object_of_a_level_verb_measures_its_subject():
    # Exports fell 7% to $2bn
    d = parsed(["Exports", "fell", "7", "%", "to", "$", "2bn"], ["NNS", "VBD", "CD", "NN", "IN", "$", "CD"],
               [1, 1, 3, 1, 5, 3, 5], ["nsubj", "ROOT", "nummod", "obj", "case", "nmod", "nummod"],
               [True, True, False, True, True, False, False])
    assert metric(d, "7%") == ("Exports", None, "subject")
    assert metric(d, "$2bn")[0] == "Exports"


def test_a_misparsed_reporting_verb_is_no_part_of_the_metric():
    # Intel said profits climbed 9%: a parse that hangs "said" from "profits" as a modifier (a shipped model's error
    # on "Samsung said sales rose 12%") still reads the metric as "profits"
    d = parsed(["Intel", "said", "profits", "climbed", "9", "%"], ["NNP", "VBD", "NNS", "VBD", "CD", "NN"],
               [1, 2, 3, 3, 5, 3], ["advmod", "amod", "nsubj", "ROOT", "nummod", "obj"],
               [True, True, True, True, False, False])
    assert metric(d, "9%")[0] == "profits"
    # a past participle still modifies its noun: planned spending rose 4%
    d = parsed(["Planned", "spending", "rose", "4", "%"], ["VBN", "NN", "VBD", "CD", "NN"],
               [1, 2, 2, 4, 2], ["amod", "nsubj", "ROOT", "nummod", "obj"], [True, True, True, False, False])
    assert metric(d, "4%")[0] == "Planned spending"


def test_a_possessor_is_the_owner_not_the_metric():
    # Japan's output rose 4%
    d = parsed(["Japan", "'s", "output", "rose", "4", "%"], ["NNP", "POS", "NN", "VBD", "CD", "NN"],
               [2, 0, 3, 3, 5, 3], ["nmod:poss", "case", "nsubj", "ROOT", "nummod", "obj"],
               [False, True, True, True, False, False])
    assert metric(d, "4%") == ("output", "Japan", "subject")


def test_the_object_of_an_action_verb_measures_the_action():
    # The bank was fined 9m euros
    d = parsed(["The", "bank", "was", "fined", "9m", "euros"], ["DT", "NN", "VBD", "VBN", "CD", "NNS"],
               [1, 3, 3, 3, 5, 3], ["det", "nsubj:pass", "aux:pass", "ROOT", "nummod", "obj"])
    assert metric(d, "9m euros")[0] == "fined" and metric(d, "9m euros")[2] == "action"


def test_a_figure_hanging_from_a_noun_measures_the_noun():
    # sales of 12m cases
    d = parsed(["with", "annual", "sales", "of", "12m", "cases"], ["IN", "JJ", "NNS", "IN", "CD", "NNS"],
               [2, 2, 2, 5, 5, 2], ["case", "amod", "ROOT", "case", "nummod", "nmod"])
    assert metric(d, "12m cases")[0] == "annual sales"


def test_an_actor_is_not_a_metric_and_a_change_noun_is_left_to_the_rules():
    # Analysts expect 3%
    d = parsed(["Analysts", "expect", "3", "%"], ["NNS", "VBP", "CD", "NN"], [1, 1, 3, 1],
               ["nsubj", "ROOT", "nummod", "obj"], [True, True, False, False])
    assert metric(d, "3%")[0] is None
    # an increase of 9%
    d = parsed(["an", "increase", "of", "9", "%"], ["DT", "NN", "IN", "CD", "NN"], [1, 1, 4, 4, 1],
               ["det", "ROOT", "case", "nummod", "nmod"], [True, True, True, False, False])
    assert metric(d, "9%")[0] is None


def test_the_base_of_a_share_is_not_the_metric():
    # Services made up 54% of GDP
    d = parsed(["Services", "made", "up", "54", "%", "of", "GDP"], ["NNS", "VBD", "RP", "CD", "NN", "IN", "NN"],
               [1, 1, 1, 4, 1, 6, 4], ["nsubj", "ROOT", "compound:prt", "nummod", "obj", "case", "nmod"],
               [True, True, True, False, True, True, False])
    assert metric(d, "54%")[0] == "Services"


def _tiny_examples(nlp):
    rows = [
        (["Sales", "rose", "5", "%"], ["NNS", "VBD", "CD", "NN"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "obj"]),
        (["Profit", "fell", "9", "%"], ["NN", "VBD", "CD", "NN"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "obj"]),
        (["Exports", "grew", "3", "%"], ["NNS", "VBD", "CD", "NN"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "obj"]),
    ]
    out = []
    for words, tags, heads, deps in rows:
        pred = Doc(nlp.vocab, words=words)
        gold = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)
        out.append(Example(pred, gold))
    return out


def test_loading_code_on_a_tiny_model_trained_here(tmp_path, monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("parser", config={"min_action_freq": 1})
    examples = _tiny_examples(nlp)
    nlp.initialize(lambda: examples)
    for _ in range(15):
        nlp.update(examples)
    nlp.to_disk(tmp_path / "tiny")
    monkeypatch.setenv("POLICY_EXTRACT_SYNTAX_EN", str(tmp_path / "tiny"))
    syntax.load_parser.cache_clear()
    try:
        model = syntax.load_parser("en")
        assert model is not None and model.pipe_names == ["tagger", "parser"]
        docs = syntax.parse("en", ["Sales rose 5%.", "Output fell 2%."])
        assert len(docs) == 2 and all(d.has_annotation("DEP") for d in docs)
        monkeypatch.setenv("POLICY_EXTRACT_SYNTAX", "off")
        syntax.load_parser.cache_clear()
        assert syntax.load_parser("en") is None              # the switch that measures the rules alone
    finally:
        syntax.load_parser.cache_clear()


def test_no_model_means_the_rules_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_EXTRACT_SYNTAX_EN", str(tmp_path / "missing"))
    syntax.load_parser.cache_clear()
    try:
        assert syntax.load_parser("en") is None and syntax.parse("en", ["x"]) is None
        from pipeline import extract_figures
        f = extract_figures("Exports rose 7.1% last year.", lang="en")[0]
        assert f.metric == "Exports"
    finally:
        syntax.load_parser.cache_clear()


SHIPPED = syntax.MODEL_DIR / "en_syntax"


@pytest.mark.skipif(not (SHIPPED / "config.cfg").exists(), reason="no shipped English syntax model")
def test_the_shipped_model_loads_and_parses():
    syntax.load_parser.cache_clear()
    nlp = syntax.load_parser("en")
    assert nlp is not None and {"tagger", "parser"} <= set(nlp.pipe_names)
    meta = json.loads((SHIPPED / "meta.json").read_text())
    assert meta["license"] == "CC BY-SA 4.0" and (SHIPPED / "LICENSE").exists()
    acc = json.loads((SHIPPED / "accuracy.json").read_text())
    assert acc["uas"] > 0.8 and acc["tag_acc"] > 0.9
    doc = syntax.parse("en", ["Last year China's GDP grew 5%."])[0]
    grew = next(t for t in doc if t.text == "grew")
    assert any(c.dep_ == "nsubj" and c.text == "GDP" for c in grew.children)


@pytest.mark.skipif(not (SHIPPED / "config.cfg").exists(), reason="no shipped English syntax model")
def test_linking_reads_the_parse_and_a_users_pipeline_can_supply_it():
    from pipeline import extract_figures

    syntax.load_parser.cache_clear()
    f = extract_figures("Last year China's GDP grew 5%.", lang="en")[0]
    assert (f.metric, f.subject) == ("GDP", "China")
    nlp = spacy.load(SHIPPED)
    nlp.add_pipe("policy_figures")
    doc = nlp("Last year Japan's exports grew 3.5%.")
    fig = doc.spans["figures"][0]._.figure
    assert (fig.metric, fig.subject) == ("exports", "Japan")


def test_a_figure_hanging_from_a_rate_noun_is_the_rate_of_the_subject():
    # Output grew at a pace of 6%
    d = parsed(["Output", "grew", "at", "a", "pace", "of", "6", "%"], ["NN", "VBD", "IN", "DT", "NN", "IN", "CD", "NN"],
               [1, 1, 4, 4, 1, 7, 7, 4], ["nsubj", "ROOT", "case", "det", "obl", "case", "nummod", "nmod"],
               [True, True, True, True, True, True, False, False])
    assert metric(d, "6%") == ("Output", None, "subject")
    # Inflation was at a level of 2% (the rate noun is the copula's predicate)
    d = parsed(["Inflation", "was", "at", "a", "level", "of", "2", "%"], ["NN", "VBD", "IN", "DT", "NN", "IN", "CD", "NN"],
               [4, 4, 4, 4, 4, 7, 7, 4], ["nsubj", "cop", "case", "det", "ROOT", "case", "nummod", "nmod"],
               [True, True, True, True, True, True, False, False])
    assert metric(d, "2%") == ("Inflation", None, "copula")


def test_a_generic_measure_is_the_metric_only_as_the_subject():
    # Growth slowed to 2.5% (what the sentence measures, though a generic word)
    d = parsed(["Growth", "slowed", "to", "2.5", "%"], ["NN", "VBD", "IN", "CD", "NN"],
               [1, 1, 4, 4, 1], ["nsubj", "ROOT", "case", "nummod", "obl"], [True, True, True, False, False])
    assert metric(d, "2.5%")[0] == "Growth"
    # a 4% rise: the figure modifies the generic noun, which says only that something rose
    d = parsed(["They", "reported", "a", "4", "%", "rise"], ["PRP", "VBD", "DT", "CD", "NN", "NN"],
               [1, 1, 5, 4, 5, 1], ["nsubj", "ROOT", "det", "nummod", "compound", "obj"],
               [True, True, True, False, True, False])
    assert metric(d, "4%")[0] is None
    # Nationwide reported a rise of 0.4% in January: nothing past the figure joins its noun's phrase
    d = parsed(["Nationwide", "reported", "a", "rise", "of", "0.4", "%", "in", "January"],
               ["NNP", "VBD", "DT", "NN", "IN", "CD", "NN", "IN", "NNP"],
               [1, 1, 3, 1, 6, 6, 3, 8, 3], ["nsubj", "ROOT", "det", "obj", "case", "nummod", "nmod", "case", "nmod"],
               [True, True, True, True, True, False, True, True, False])
    got = metric(d, "0.4%")[0]
    assert got is None or "January" not in got


def test_a_figure_after_at_measures_the_verbs_object():
    # The regulator capped fees at 50 pounds (not the action "capped", not the regulator)
    d = parsed(["The", "regulator", "capped", "fees", "at", "50", "pounds"], ["DT", "NN", "VBD", "NNS", "IN", "CD", "NNS"],
               [1, 2, 2, 2, 6, 6, 2], ["det", "nsubj", "ROOT", "obj", "case", "nummod", "obl"])
    assert metric(d, "50 pounds") == ("fees", None, "noun")
    # ... but "paid 50 pounds at the door" is the action's amount
    d = parsed(["They", "paid", "50", "pounds", "at", "the", "door"], ["PRP", "VBD", "CD", "NNS", "IN", "DT", "NN"],
               [1, 1, 3, 1, 6, 6, 1], ["nsubj", "ROOT", "nummod", "obj", "case", "det", "obl"])
    assert metric(d, "50 pounds")[2] == "action"


def test_the_object_of_the_governing_verb_is_the_subject_of_its_complement():
    # Analysts expect Japan's output to rise 2% (not the analysts': what they expect to rise)
    d = parsed(["Analysts", "expect", "Japan", "'s", "output", "to", "rise", "2", "%"],
               ["NNS", "VBP", "NNP", "POS", "NN", "TO", "VB", "CD", "NN"],
               [1, 1, 4, 2, 1, 6, 1, 8, 6], ["nsubj", "ROOT", "nmod:poss", "case", "obj", "mark", "xcomp", "nummod", "obj"],
               [True, True, False, True, True, True, True, False, False])
    assert metric(d, "2%") == ("output", "Japan", "subject")


def test_an_amount_of_something_measures_that_thing_but_a_share_of_it_does_not():
    # The farm planted 1,700 acres of cotton
    d = parsed(["The", "farm", "planted", "1,700", "acres", "of", "cotton"], ["DT", "NN", "VBD", "CD", "NNS", "IN", "NN"],
               [1, 2, 2, 4, 2, 6, 4], ["det", "nsubj", "ROOT", "nummod", "obj", "case", "nmod"])
    assert metric(d, "1,700 acres")[0] == "cotton"
    # Exports were 28% of GDP: GDP is the base
    d = parsed(["Exports", "were", "28", "%", "of", "GDP"], ["NNS", "VBD", "CD", "NN", "IN", "NNP"],
               [3, 3, 3, 3, 5, 3], ["nsubj", "cop", "nummod", "ROOT", "case", "nmod"], [True, True, False, True, True, False])
    assert metric(d, "28%")[0] == "Exports"


def test_a_figure_with_its_own_subject_inside_a_reported_clause_measures_that_subject():
    # Officials said that inflation would be 2.5%: the clause's own subject, not the reporter
    d = parsed(["Officials", "said", "that", "inflation", "would", "be", "2.5", "%"],
               ["NNS", "VBD", "IN", "NN", "MD", "VB", "CD", "NN"],
               [1, 1, 7, 7, 7, 7, 7, 1], ["nsubj", "ROOT", "mark", "nsubj", "aux", "cop", "nummod", "ccomp"],
               [True, True, True, True, True, True, False, False])
    assert metric(d, "2.5%") == ("inflation", None, "copula")


def test_a_described_change_noun_before_of_is_what_the_figure_measures():
    # The bank predicted average growth of 4%: the figure comes after its noun; "a 4% increase" stays to the rules
    d = parsed(["The", "bank", "predicted", "average", "growth", "of", "4", "%"],
               ["DT", "NN", "VBD", "JJ", "NN", "IN", "CD", "NN"],
               [1, 2, 2, 4, 2, 7, 7, 4], ["det", "nsubj", "ROOT", "amod", "obj", "case", "nummod", "nmod"],
               [True, True, True, True, True, True, False, False])
    assert metric(d, "4%")[0] == "average growth"
    d = parsed(["Sales", "saw", "a", "4", "%", "increase"], ["NNS", "VBD", "DT", "CD", "NN", "NN"],
               [1, 1, 5, 4, 5, 1], ["nsubj", "ROOT", "det", "nummod", "compound", "obj"],
               [True, True, True, False, True, False])
    assert metric(d, "4%")[0] is None


def test_the_parse_holds_blas_to_one_thread_and_restores_it():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from pipeline import syntax

    if syntax.load_parser("en") is None:
        pytest.skip("no English model")
    seen = []
    nlp = syntax.load_parser("en")
    real_pipe = nlp.pipe

    def pipe(texts, **kw):
        seen.append([i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"])
        return real_pipe(texts, **kw)

    before = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    nlp.pipe = pipe
    try:
        docs = syntax.parse("en", ["Revenue rose 5% to $3bn."])
    finally:
        del nlp.pipe
    assert docs and docs[0][0].text == "Revenue"
    assert all(n == 1 for n in seen[0])
    assert [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"] == before


def test_the_price_of_an_agreed_purchase_is_the_action_of_its_governors_subject():
    # Kraft agreed to buy rival Cadbury for $19bn: the action without what changed hands, owned by the buyer
    d = parsed(["Kraft", "agreed", "to", "buy", "rival", "Cadbury", "for", "$", "19bn"],
               ["NNP", "VBD", "TO", "VB", "NN", "NNP", "IN", "$", "CD"],
               [1, 1, 3, 1, 3, 4, 7, 3, 7], ["nsubj", "ROOT", "mark", "xcomp", "obj", "flat", "case", "obl", "nummod"],
               [True, True, True, True, True, True, True, False, False])
    assert metric(d, "$19bn") == ("agreed to buy", "Kraft", "action")
    # an object the figure changes stays: Siemens cut costs by $1bn
    d = parsed(["Siemens", "cut", "costs", "by", "$", "1bn"], ["NNP", "VBD", "NNS", "IN", "$", "CD"],
               [1, 1, 1, 4, 1, 4], ["nsubj", "ROOT", "obj", "case", "obl", "nummod"],
               [True, True, True, True, False, False])
    assert metric(d, "$1bn")[0] == "costs"


def test_an_amount_a_named_actor_lost_or_earned_is_the_actions():
    # Ryanair lost $30m in 2003
    d = parsed(["Ryanair", "lost", "$", "30m", "in", "2003"], ["NNP", "VBD", "$", "CD", "IN", "CD"],
               [1, 1, 1, 2, 5, 1], ["nsubj", "ROOT", "obj", "nummod", "case", "obl"],
               [True, True, False, True, True, False])
    assert metric(d, "$30m") == ("lost", "Ryanair", "action")
    # a share it lost is a move: the name owns it, the rules find what moved (the Nasdaq lost 1.3%)
    d = parsed(["Nasdaq", "lost", "1.3", "%"], ["NNP", "VBD", "CD", "NN"], [1, 1, 3, 1],
               ["nsubj", "ROOT", "nummod", "obj"], [True, True, False, False])
    assert metric(d, "1.3%") == (None, "Nasdaq", "subject")
