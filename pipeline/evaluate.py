"""Grade figure predictions against gold documents (the "Scoring" rules of GUIDELINES.md).

A predicted figure matches a gold figure of the same kind whose value (and ``high``, when the
gold has one) agrees within 0.5% and whose span overlaps; each gold figure takes the first
unused match. Precision, recall and F1 are reported per kind and over money, percent, ppt and
count; quantity is reported apart. On matched figures, unit, comparator, change, role and
year are graded exactly, metric and subject by character-bag F1 of at least 0.5.

    policy-extract eval GOLD.jsonl PRED.jsonl
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

SCORED = ("money", "percent", "ppt", "count")
EXACT = ("unit", "comparator", "change", "role", "year")
PHRASE = ("metric", "subject")


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def phrase_f1(gold: str | None, pred: str | None) -> float:
    if not gold:
        return 1.0 if not pred else 0.0
    if not pred:
        return 0.0
    common = sum((Counter(gold.lower()) & Counter(pred.lower())).values())
    if not common:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def _pairs(gold: dict, pred: dict | None):
    gfigs = gold.get("figures", [])
    pfigs = list((pred or {}).get("figures") or [])
    same_text = pred is not None and pred.get("text") == gold.get("text")
    used: set[int] = set()
    for g in gfigs:
        hit = None
        for i, p in enumerate(pfigs):
            if i in used or p.get("kind") != g["kind"] or not _close(p.get("value"), g["value"]):
                continue
            if g.get("high") is not None and not _close(p.get("high"), g["high"]):
                continue
            if same_text and not (p.get("start", -1) < g["end"] and g["start"] < p.get("end", -1)):
                continue
            hit = i
            break
        if hit is None:
            yield g, None
        else:
            used.add(hit)
            yield g, pfigs[hit]
    for i, p in enumerate(pfigs):
        if i not in used:
            yield None, p


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict]) -> dict:
    """Scores as a dict: ``overall``, ``by_kind``, ``attributes`` (share correct among matches)."""
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    ok, n = defaultdict(int), defaultdict(int)
    for doc_id, gold in gold_docs.items():
        for g, p in _pairs(gold, pred_docs.get(doc_id)):
            kind = (g or p)["kind"]
            if g is not None and p is not None:
                tp[kind] += 1
                for a in EXACT:
                    if a in g:
                        n[a] += 1
                        ok[a] += g[a] == p.get(a) or (a == "unit" and str(g[a]).lower() == str(p.get(a, "")).lower())
                for a in PHRASE:
                    if g.get(a):
                        n[a] += 1
                        ok[a] += phrase_f1(g[a], p.get(a)) >= 0.5
            elif g is not None:
                fn[kind] += 1
            else:
                fp[kind] += 1

    def prf(kinds) -> dict:
        t, f_p, f_n = (sum(d[k] for k in kinds) for d in (tp, fp, fn))
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "tp": t, "fp": f_p, "fn": f_n}

    kinds = sorted(set(tp) | set(fp) | set(fn))
    return {"overall": prf(SCORED), "by_kind": {k: prf([k]) for k in kinds},
            "attributes": {a: round(ok[a] / n[a], 4) for a in n if n[a]}, "documents": len(gold_docs)}


def load(path: str | Path) -> dict[str, dict]:
    docs = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                docs[str(rec.get("doc_id") or rec.get("id"))] = rec
    return docs
