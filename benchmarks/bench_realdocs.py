#!/usr/bin/env python3
"""In-process throughput of the whole pipeline (structure, extraction, linking, parsing) on ../shared/realdocs.

    python benchmarks/bench_realdocs.py [--repeat 2] [--profile zh|en] [--lang zh|en|both]

Per language: characters per second over every real document (documents as the runner gives them: text,
lang, title, published), best of ``--repeat`` passes after a warm-up pass, with the linking on, by the wall
clock and by the process's CPU time (``time.process_time``: steadier on a shared machine). The CPU time of
each stage is timed apart (exclusive of the stages it calls): normalise, extract (the candidates and their
filters), structure, link (sentences, time expressions, role, year, metric, subject) and parse (the syntax
parser, English), the rest (document models, the script check, sections) as ``other``.
``--profile LANG`` prints a cProfile summary; ``--batch N`` analyses N documents at a time
(``pipeline.api.analyse_documents``: the same results, the English parser fed one batch). Run it on an idle machine; the figures go into NOTES.md.
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


def run(docs: list[dict], batch: int = 0) -> None:
    """Every document through ``analyse_document``, or with ``batch`` through ``analyse_documents``
    ``batch`` documents at a time (the parser then reads their sentences in one batch)."""
    from pipeline.api import analyse_document, analyse_documents
    from pipeline.models import Document

    models = [Document(doc_id=d["id"], text=d["text"], lang=d["lang"], title=d.get("title"),
                       published=d.get("published")) for d in docs]
    if batch:
        for i in range(0, len(models), batch):
            analyse_documents(models[i:i + batch])
    else:
        for m in models:
            analyse_document(m)


class Stages:
    """CPU time per stage, exclusive: a stage called inside another is not counted twice."""

    def __init__(self):
        self.times: dict[str, float] = {}
        self._stack: list[list] = []        # [name, start, time of the stages called inside]

    def wrap(self, fn, name: str):
        def timed(*a, **k):
            self._stack.append([name, time.process_time(), 0.0])
            try:
                return fn(*a, **k)
            finally:
                _, t0, inner = self._stack.pop()
                dt = time.process_time() - t0
                self.times[name] = self.times.get(name, 0.0) + dt - inner
                if self._stack:
                    self._stack[-1][2] += dt
        timed.__wrapped__ = fn
        return timed


def instrument(stages: Stages) -> list[tuple[object, str, object]]:
    """Wrap the stage functions where the pipeline looks them up; returns what to restore."""
    import pipeline.extract as E
    import pipeline.link as L
    from pipeline import syntax

    patched = []
    for mod, attr, name in ((E, "normalize", "normalise"), (E, "extract_candidates", "extract"),
                            (E, "read_structure", "structure"), (L, "link_candidates", "link"),
                            (L.Linker, "context", "link"), (L.Linker, "link_in", "link"),
                            (syntax, "parse", "parse")):
        orig = getattr(mod, attr)
        patched.append((mod, attr, orig))
        setattr(mod, attr, stages.wrap(orig, name))
    return patched


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", choices=["zh", "en"])
    ap.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    ap.add_argument("--batch", type=int, default=0,
                    help="analyse_documents on this many documents at a time (default: analyse_document one by one)")
    args = ap.parse_args(argv)
    if not REALDOCS.exists():
        raise SystemExit(f"{REALDOCS} not found")

    for lang in ("zh", "en") if args.lang == "both" else (args.lang,):
        docs = load(lang)
        chars = sum(len(d["text"]) for d in docs)
        run(docs[:5], args.batch)                       # warm-up: patterns, jieba, the parser
        if args.profile == lang:
            pr = cProfile.Profile()
            pr.enable()
            run(docs, args.batch)
            pr.disable()
            pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
        best = best_cpu = None
        stages_best: dict[str, float] = {}
        for _ in range(args.repeat):
            stages = Stages()
            patched = instrument(stages)
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                run(docs, args.batch)
                dt, dc = time.perf_counter() - t0, time.process_time() - c0
            finally:
                for mod, attr, orig in patched:
                    setattr(mod, attr, orig)
            best = dt if best is None else min(best, dt)
            if best_cpu is None or dc < best_cpu:
                best_cpu, stages_best = dc, dict(stages.times)
        assert best is not None and best_cpu is not None
        stages_best["other"] = best_cpu - sum(stages_best.values())
        print(f"{lang}: {len(docs)} documents, {chars:,} characters; wall {best:.2f} s: {chars / best:,.0f} chars/s; "
              f"CPU {best_cpu:.2f} s: {chars / best_cpu:,.0f} chars/s")
        print("    CPU by stage: " + ", ".join(f"{k} {v:.2f} s ({v / best_cpu:.0%})" for k, v in stages_best.items()
                                               if k in ("other",) or v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
