#!/usr/bin/env python3
"""Traditional Chinese: the same gold documents in traditional characters, graded next to the originals.

    python benchmarks/score_traditional.py                 # real dev gold (zh), shared dev-zh, corpus zh
    python benchmarks/score_traditional.py --split blind

Every Chinese gold document is converted with OpenCC (``s2t``: traditional characters; ``s2hk``: Hong Kong
forms), character for character, so the gold offsets still hold; its metric and subject phrases are
converted the same way. Each version is run through the pipeline and graded by ../shared/eval/score.py.
A conversion that would change a document's length is skipped (reported).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus" / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

ATTRS = ("role", "year", "metric", "subject", "change", "comparator", "unit")


def convert(docs: list[dict], config: str) -> tuple[list[dict], int]:
    import opencc

    cc = opencc.OpenCC(config)
    out, skipped = [], 0
    for g in docs:
        text = cc.convert(g["text"])
        if len(text) != len(g["text"]):
            skipped += 1
            continue
        figs = []
        for f in g["figures"]:
            f = dict(f, text=text[f["start"]:f["end"]])
            for k in ("metric", "subject"):
                if f.get(k):
                    f[k] = cc.convert(f[k])
            if f.get("unit") and f["kind"] in ("count", "quantity"):
                f["unit"] = cc.convert(f["unit"])          # a classifier as written: 個, 萬噸
            figs.append(f)
        out.append(dict(g, text=text, title=cc.convert(g.get("title") or "") or None, figures=figs))
    return out, skipped


def main(argv=None) -> int:
    import real_gold
    import score_real

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=["dev", "blind", "all"])
    args = ap.parse_args(argv)
    sets: dict[str, list[dict]] = {}
    sets["real " + args.split] = [g for g in real_gold.load_gold(None if args.split == "all" else args.split)
                                  if g["lang"] == "zh"]
    for name, path in (("shared dev-zh", ROOT.parent / "shared" / "eval" / "gold" / "dev-zh.jsonl"),
                       ("corpus zh", ROOT / "corpus" / "gold" / "corpus.jsonl")):
        if path.exists():
            sets[name] = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
            sets[name] = [g for g in sets[name] if g.get("lang") == "zh"]
    print(f"{'gold':16} {'version':8} {'docs':>4} {'F1':>6} " + " ".join(f"{a:>7}" for a in ATTRS))
    for name, gold in sets.items():
        for label, cfg in (("simpl.", None), ("s2t", "s2t"), ("s2hk", "s2hk")):
            docs, skipped = (gold, 0) if cfg is None else convert(gold, cfg)
            preds = score_real.predict(docs)
            res = score_real.grade(docs, preds)
            attrs = res["attributes"]
            note = f"  ({skipped} skipped: length changed)" if skipped else ""
            print(f"{name:16} {label:8} {len(docs):4} {res['overall']['f1']:6.3f} "
                  + " ".join(f"{attrs.get(a, float('nan')):7.3f}" for a in ATTRS) + note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
