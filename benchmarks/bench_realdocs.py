#!/usr/bin/env python3
"""In-process throughput of the whole pipeline (structure, extraction, linking, parsing) on ../shared/realdocs.

    python benchmarks/bench_realdocs.py [--repeat 2] [--profile zh|en]

Per language: characters per second over every real document (documents as the runner gives them: text,
lang, title, published), best of ``--repeat`` passes after a warm-up pass, with the linking on; the share of
the time spent in the syntax parser (English) is timed apart. ``--profile LANG`` prints a cProfile summary.
Run it on an idle machine; the figures go into NOTES.md.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REALDOCS = ROOT.parent / "shared" / "realdocs"


def load(lang: str) -> list[dict]:
    out = []
    for p in sorted(REALDOCS.glob(f"{lang}-*.jsonl")):
        out += [json.loads(x) for x in p.open(encoding="utf-8") if x.strip()]
    return out


def run(docs: list[dict]) -> None:
    from pipeline.api import analyse_document
    from pipeline.models import Document

    for d in docs:
        analyse_document(Document(doc_id=d["id"], text=d["text"], lang=d["lang"], title=d.get("title"),
                                  published=d.get("published")))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", choices=["zh", "en"])
    args = ap.parse_args(argv)
    if not REALDOCS.exists():
        raise SystemExit(f"{REALDOCS} not found")
    from pipeline import syntax

    for lang in ("zh", "en"):
        docs = load(lang)
        chars = sum(len(d["text"]) for d in docs)
        run(docs[:5])                                   # warm-up: patterns, jieba, the parser
        if args.profile == lang:
            pr = cProfile.Profile()
            pr.enable()
            run(docs)
            pr.disable()
            pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
        best = None
        parse_time = 0.0
        orig = syntax.parse
        timer = {"t": 0.0}

        def timed_parse(lang_, texts):
            t0 = time.perf_counter()
            try:
                return orig(lang_, texts)
            finally:
                timer["t"] += time.perf_counter() - t0

        syntax.parse = timed_parse
        try:
            for _ in range(args.repeat):
                timer["t"] = 0.0
                t0 = time.perf_counter()
                run(docs)
                dt = time.perf_counter() - t0
                if best is None or dt < best:
                    best, parse_time = dt, timer["t"]
        finally:
            syntax.parse = orig
        assert best is not None
        print(f"{lang}: {len(docs)} documents, {chars:,} characters in {best:.2f} s: {chars / best:,.0f} chars/s"
              + (f"; parser {parse_time:.2f} s ({parse_time / best:.0%})" if parse_time else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
