#!/usr/bin/env python3
"""The command line on 5 MB of real text, side by side with Microsoft Recognizers-Text on the same text.

    python -m venv /tmp/rtvenv && /tmp/rtvenv/bin/pip install recognizers-text-suite 'emoji<1.0'
    python benchmarks/bench_vs_recognizers.py --rt-python /tmp/rtvenv/bin/python [--mb 5] [--rt-sample 60000]

The text: the documents of ``../shared/realdocs`` (Chinese work reports and news, English news), repeated
until the JSON Lines file reaches ``--mb`` megabytes; each copy gets a numbered first line so that no copy is
a duplicate (the runner would otherwise settle repeats from the first copy without extracting them).

Ours: ``policy-extract run FILE --out DIR --workers 1`` in a fresh process, timed end to end (start-up,
ingest, extraction with linking, writing every output file).

Recognizers-Text (Python port, kept in its own virtual environment: it pins old dependencies): the four
recognizers that cover what we extract (currency, percentage, dimension, number) run on each document with
its culture (Chinese or English), in a fresh process, models built once before the clock starts. It is
slow (a few thousand Chinese characters a second for currency alone), so it runs on a sample of each
language (``--rt-sample`` characters, whole documents in file order) and its time on the whole file is
extrapolated per language from that rate; the sample size is printed with the result.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"

RT_SCRIPT = r"""
import json, sys, time
from recognizers_text import Culture
from recognizers_number_with_unit import NumberWithUnitRecognizer
from recognizers_number import NumberRecognizer

cultures = {"zh": Culture.Chinese, "en": Culture.English}
models = {}
for lang, cul in cultures.items():
    u, n = NumberWithUnitRecognizer(cul), NumberRecognizer(cul)
    models[lang] = [u.get_currency_model(), u.get_dimension_model(), n.get_percentage_model(), n.get_number_model()]
budget = int(sys.argv[2])
out = {}
for lang in cultures:
    for m in models[lang]:          # warm-up: first calls compile the recognizers' regular expressions
        m.parse("投资300亿元，增长5%，面积1.2万平方米" if lang == "zh" else "$3bn, up 5%, 1,700 acres, 12 firms")
    docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    docs = [d for d in docs if d["id"].endswith("#0")]          # one copy of each document
    # a sample spread over the documents: every k-th document until the budget is reached
    k = max(1, round(len(docs) * budget / max(1, sum(len(d["text"]) for d in docs))))
    k = max(1, len(docs) // k)
    chars = found = 0
    t0 = time.perf_counter()
    for d in docs[::k]:
        if chars >= budget:
            break
        for m in models[lang]:
            found += len(m.parse(d["text"]))
        chars += len(d["text"])
    out[lang] = {"chars": chars, "seconds": time.perf_counter() - t0, "found": found}
print(json.dumps(out))
"""


def build(path: Path, mb: float) -> dict[str, int]:
    """Write the benchmark file; return characters per language."""
    docs = []
    for p in sorted(REALDOCS.glob("*.jsonl")):
        docs += [json.loads(x) for x in p.open(encoding="utf-8") if x.strip()]
    if not docs:
        raise SystemExit(f"no documents in {REALDOCS}")
    chars = {"zh": 0, "en": 0}
    size = 0
    copy = 0
    with path.open("w", encoding="utf-8") as f:
        while size < mb * 1_000_000:
            for d in docs:
                text = (f"副本{copy}\n" if d["lang"] == "zh" else f"Copy {copy}\n") + d["text"]
                line = json.dumps({"id": f"{d['id']}#{copy}", "text": text, "lang": d["lang"],
                                   "title": d.get("title"), "published": d.get("published")}, ensure_ascii=False)
                f.write(line + "\n")
                size += len(line.encode("utf-8")) + 1
                chars[d["lang"]] += len(text)
                if size >= mb * 1_000_000:
                    break
            copy += 1
    return chars


def ours(path: Path, out: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(path), "--out", str(out),
                    "--workers", "1", "--quiet"], check=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    figures = sum(len(json.loads(x).get("figures") or []) for x in (out / "documents.jsonl").open(encoding="utf-8"))
    return seconds, figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rt-python", required=True, help="python of a virtual environment with recognizers-text-suite")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--rt-sample", type=int, default=60000, help="characters per language given to Recognizers-Text")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        chars = build(path, args.mb)
        mb = path.stat().st_size / 1e6
        print(f"text: {mb:.2f} MB, {chars['zh']:,} Chinese and {chars['en']:,} English characters")
        sec, figures = ours(path, Path(tmp) / "out")
        total = chars["zh"] + chars["en"]
        print(f"policy-extract run (1 worker, linking on): {sec:.1f} s, {total / sec:,.0f} chars/s, {figures:,} figures")
        r = subprocess.run([args.rt_python, "-c", RT_SCRIPT, str(path), str(args.rt_sample)], check=True,
                           capture_output=True, text=True)
        rt = json.loads(r.stdout.strip().splitlines()[-1])
        est = 0.0
        for lang in ("zh", "en"):
            rate = rt[lang]["chars"] / rt[lang]["seconds"]
            est += chars[lang] / rate
            print(f"Recognizers-Text {lang}: {rt[lang]['chars']:,} chars in {rt[lang]['seconds']:.1f} s = {rate:,.0f} chars/s "
                  f"({rt[lang]['found']:,} results: currency, dimension, percentage, number)")
        print(f"Recognizers-Text on the whole file (extrapolated per language): {est:,.0f} s")
        print(f"ratio: {est / sec:.1f} x")


if __name__ == "__main__":
    main()
