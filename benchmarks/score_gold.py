#!/usr/bin/env python3
"""Run the extractor over gold files and grade it with ../shared/eval/score.py.

    python benchmarks/score_gold.py GOLD.jsonl [GOLD2.jsonl ...] [--show-errors] [--no-link] [--out PRED.jsonl]

Each gold document is given to ``pipeline.extract_figures`` as its text and lang
(and published date when the gold has one); the predictions are written to a
JSONL file and graded by the shared scorer, imported from ``../shared/eval``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def load_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {SHARED / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(gold_path: Path, link: bool = True, lang_from_gold: bool = True) -> list[dict]:
    from pipeline import extract_figures

    preds = []
    for line in gold_path.open(encoding="utf-8"):
        if not line.strip():
            continue
        g = json.loads(line)
        figs = extract_figures(g["text"], lang=g.get("lang") if lang_from_gold else None,
                               published=g.get("published"), link=link)
        preds.append({"doc_id": g["doc_id"], "text": g["text"],
                      "figures": [f.model_dump() for f in figs]})
    return preds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--no-link", action="store_true")
    ap.add_argument("--detect-lang", action="store_true", help="do not pass the gold lang: detect it")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", help="also write the predictions here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    scorer = load_scorer()
    for g in args.gold:
        gp = Path(g)
        preds = predict(gp, link=not args.no_link, lang_from_gold=not args.detect_lang)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
            pred_path = fh.name
        if args.out:
            Path(args.out).write_text(Path(pred_path).read_text(encoding="utf-8"), encoding="utf-8")
        print(f"== {gp.name}")
        argv2 = [str(gp), pred_path] + (["--show-errors"] if args.show_errors else []) + (["--json"] if args.json else [])
        scorer.main(argv2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
