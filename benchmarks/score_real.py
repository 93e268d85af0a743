#!/usr/bin/env python3
"""Run the pipeline on the annotated real documents and grade it with ../shared/eval/score.py.

    python benchmarks/score_real.py dev                 # every set of the dev split, one table
    python benchmarks/score_real.py dev --set zh-reports --show-errors
    python benchmarks/score_real.py blind --json         # the blind split (measure; do not tune on it)

The gold comes from ``corpus/real/annotations`` joined with ``../shared/realdocs``
(``corpus/tools/real_gold.py``). Each document goes through ``pipeline.runner.process_document``
as ``policy-extract run`` would give it: its text, lang, title and the ``published`` date of the
record (null for most real documents: the dateline is then found in the text).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus" / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

ATTRS = ("role", "year", "metric", "subject", "change", "comparator", "unit")


def predict(gold: list[dict], link: bool = True) -> list[dict]:
    from pipeline.models import Document
    from pipeline.runner import process_document

    out = []
    for g in gold:
        doc = Document(doc_id=g["doc_id"], text=g["text"], lang=g["lang"], title=g.get("title"),
                       published=g.get("published"))
        res = process_document(doc, link=link)
        figs = [f.model_dump() for f in getattr(res, "figures", [])]
        out.append({"doc_id": g["doc_id"], "text": g["text"], "figures": figs})
    return out


def grade(gold: list[dict], preds: list[dict], show_errors: bool = False) -> dict:
    """The shared scorer's result (``overall``, ``by_kind``, ``attributes``, and ``errors`` on request)."""
    from score_gold import load_scorer

    scorer = load_scorer()
    gd = {g["doc_id"]: {k: g[k] for k in ("doc_id", "lang", "text", "figures")} for g in gold}
    pd = {p["doc_id"]: p for p in preds}
    return scorer.score(gd, pd, show_errors=show_errors)


def null_subject(gold: list[dict], by_pred: dict) -> float:
    """Of the matched figures whose gold subject is null, the share the pipeline also leaves null."""
    ok = n = 0
    for g in gold:
        preds = by_pred[g["doc_id"]]["figures"]
        for f in g["figures"]:
            if f.get("subject"):
                continue
            p = next((p for p in preds if p["kind"] == f["kind"] and p["start"] < f["end"] and f["start"] < p["end"]),
                     None)
            if p is not None:
                n += 1
                ok += not p.get("subject")
    return ok / n if n else float("nan")


def main(argv=None) -> int:
    import real_gold

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", choices=["dev", "blind", "all"])
    ap.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the per-set results as JSON")
    ap.add_argument("--no-link", action="store_true")
    ap.add_argument("--out", help="also write the predictions (JSONL) here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    gold = real_gold.load_gold(None if args.split == "all" else args.split, sets=args.sets)
    if not gold:
        print("no annotated documents", file=sys.stderr)
        return 1
    preds = predict(gold, link=not args.no_link)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    by_pred = {p["doc_id"]: p for p in preds}
    groups: dict[str, list[dict]] = {}
    for g in gold:
        groups.setdefault(g["set"], []).append(g)
        groups.setdefault(g["lang"], []).append(g)
    groups["all"] = gold
    results = {}
    for name, gs in groups.items():
        results[name] = grade(gs, [by_pred[g["doc_id"]] for g in gs], show_errors=args.show_errors and name == "all")
        results[name]["null_subject"] = null_subject(gs, by_pred)
    if args.show_errors:
        for e in results["all"].pop("errors", []):
            print(e)
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"split={args.split}")
    head = f"{'group':11} {'docs':>4} {'gold':>5} {'F1':>6} {'P':>6} {'R':>6} " + " ".join(f"{a:>7}" for a in ATTRS) \
        + f" {'subj=null':>9}"
    print(head)
    for name, res in results.items():
        ov = res["overall"]
        n = len(groups[name])
        ng = sum(len(g["figures"]) for g in groups[name])
        attrs = res.get("attributes", {})
        print(f"{name:11} {n:4} {ng:5} {ov['f1']:6.3f} {ov['precision']:6.3f} {ov['recall']:6.3f} "
              + " ".join(f"{attrs.get(a, float('nan')):7.3f}" for a in ATTRS) + f" {res['null_subject']:9.3f}")
    print("subj=null: of the figures whose gold subject is null, the share given none (the shared scorer grades\n"
          "subjects only where the gold names one; this column is what it leaves out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
