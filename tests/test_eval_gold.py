"""Evaluation gate: the shared gold and peer specs, graded by ../shared/eval/score.py.

Floors are the measured scores at the time they were set (see NOTES.md); a change that lowers
one fails here. Where a floor is below the target of an issue, the comment says why.
"""
import pytest
from gold_support import predict, read_jsonl, shared_path, shared_scorer


def grade(path_parts, link=False):
    gold = read_jsonl(shared_path(*path_parts))
    scorer = shared_scorer()
    preds = predict(gold, link=link)
    return scorer.score({g["doc_id"]: g for g in gold}, preds)


GOLD = [
    (("eval", "gold", "seeds.jsonl"), 0.95),
    (("eval", "gold", "dev-zh.jsonl"), 0.95),
    (("eval", "gold", "dev-en.jsonl"), 0.95),
]


@pytest.mark.parametrize("parts,floor", GOLD, ids=[g[0][-1] for g in GOLD])
def test_gold_overall_f1(parts, floor):
    res = grade(parts)
    assert res["overall"]["f1"] >= floor, res["overall"]


# (file, kind, floor). Targets are 0.9; the English percent half holds 3 fractions ("1/4 of", "one half of")
# that GUIDELINES.md rules out as figures: its floor sits below 0.9. The English money half values two
# dollars-and-cents amounts in hundreds ("3 dollars 50 cents" = 0.035, where the contract wants 3.5).
# Issue 11 (every currency, odd spellings) raised the money and percent floors to the measured level.
PEER = [
    ("recognizers_zh_money.jsonl", "money", 0.95),
    ("recognizers_zh_percent.jsonl", "percent", 0.98),
    ("recognizers_zh_percent.jsonl", "ppt", 0.95),
    ("recognizers_en_money.jsonl", "money", 0.95),
    ("recognizers_en_percent.jsonl", "percent", 0.84),
    ("quantulum_en_money.jsonl", "money", 0.93),
]


@pytest.mark.parametrize("name,kind,floor", PEER, ids=[f"{p[0]}:{p[1]}" for p in PEER])
def test_peer_specs(name, kind, floor):
    res = grade(("eval", "peer_specs", name))
    assert res["by_kind"][kind]["f1"] >= floor, res["by_kind"][kind]


# issue 3's bars on the seeds (attributes of matched figures, with linking)
SEED_ATTRIBUTES = {"role": 0.95, "comparator": 0.95, "change": 0.95, "year": 0.9, "metric": 0.9, "subject": 0.8}


@pytest.fixture(scope="module")
def seeds_linked():
    return grade(("eval", "gold", "seeds.jsonl"), link=True)


@pytest.mark.parametrize("attr,floor", SEED_ATTRIBUTES.items())
def test_seed_attributes(seeds_linked, attr, floor):
    assert seeds_linked["attributes"][attr] >= floor, seeds_linked["attributes"]


# the dev passages stand in for the unseen work reports and news: floors at the measured level
DEV_ATTRIBUTES = {("dev-zh.jsonl", "role"): 0.96, ("dev-zh.jsonl", "year"): 0.95, ("dev-zh.jsonl", "metric"): 0.88,
                  ("dev-en.jsonl", "role"): 0.95, ("dev-en.jsonl", "year"): 0.85, ("dev-en.jsonl", "metric"): 0.71,
                  ("dev-en.jsonl", "subject"): 0.79}


@pytest.mark.parametrize("name,attr", list(DEV_ATTRIBUTES), ids=[f"{n}:{a}" for n, a in DEV_ATTRIBUTES])
def test_dev_attributes(name, attr):
    res = grade(("eval", "gold", name), link=True)
    assert res["attributes"][attr] >= DEV_ATTRIBUTES[(name, attr)], res["attributes"]


def test_offsets_point_into_the_text():
    """Every figure's text is the slice of the document it claims (on all shared gold documents)."""
    from pipeline import extract_figures

    for name in ("seeds.jsonl", "dev-zh.jsonl", "dev-en.jsonl"):
        for g in read_jsonl(shared_path("eval", "gold", name)):
            for f in extract_figures(g["text"], lang=g["lang"]):
                assert g["text"][f.start:f.end] == f.text
