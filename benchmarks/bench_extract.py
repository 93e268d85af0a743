#!/usr/bin/env python3
"""Extraction throughput and peak memory on a generated corpus of several megabytes.

    python benchmarks/bench_extract.py [--mb 4] [--no-link] [--lang zh|en|both]

The corpus is built from the bundled ``corpus/docs`` texts with every number perturbed
(so the regex engine sees fresh digits), repeated until the size is reached. Reports
characters per second (and MB/s of UTF-8 text) per language, with and without linking,
and the process's peak RSS. Run it on an idle machine; the figures go into NOTES.md.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(lang: str, target_chars: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").glob(f"{lang}-*.txt"))]
    if not texts:
        raise SystemExit(f"no corpus/docs/{lang}-*.txt documents")
    out, size = [], 0
    while size < target_chars:
        t = rng.choice(texts)
        t = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), t)
        out.append(t)
        size += len(t)
    return out


def bench(lang: str, docs: list[str], link: bool) -> dict:
    from pipeline import extract_figures

    # warm-up: patterns, jieba's dictionary and its POS tables (loaded on first use), outside the timing
    extract_figures("开展三大重点任务，新增企业5家。The zone added 5 firms.", lang=lang, link=link)
    for d in docs[:5]:
        extract_figures(d, lang=lang, link=link)
    chars = sum(len(d) for d in docs)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    figs = 0
    t0 = time.perf_counter()
    for d in docs:
        figs += len(extract_figures(d, lang=lang, link=link))
    dt = time.perf_counter() - t0
    return {"lang": lang, "link": link, "docs": len(docs), "chars": chars, "mb_utf8": round(nbytes / 1e6, 2),
            "seconds": round(dt, 2), "chars_per_s": int(chars / dt), "mb_per_s": round(nbytes / 1e6 / dt, 2),
            "figures": figs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=4.0, help="characters of text per language, in millions")
    ap.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    ap.add_argument("--no-link", action="store_true", help="only extraction")
    ap.add_argument("--link-only", action="store_true", help="only with linking")
    args = ap.parse_args(argv)
    langs = ["zh", "en"] if args.lang == "both" else [args.lang]
    modes = [True] if args.link_only else ([False] if args.no_link else [False, True])
    for lang in langs:
        docs = build_corpus(lang, int(args.mb * 1e6))
        for link in modes:
            r = bench(lang, docs, link)
            print(f"{lang} link={'on ' if link else 'off'} {r['docs']:5d} docs {r['chars'] / 1e6:5.2f}M chars "
                  f"({r['mb_utf8']} MB utf-8) {r['seconds']:7.2f} s  {r['chars_per_s']:>9,d} chars/s "
                  f"{r['mb_per_s']:5.2f} MB/s  {r['figures']} figures")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
