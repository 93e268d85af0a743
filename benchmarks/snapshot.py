#!/usr/bin/env python3
"""Byte-identical check for speed work: the pipeline's output on every document we can reach.

    python benchmarks/snapshot.py write OUT.jsonl     # analyse every document, one JSON line each
    python benchmarks/snapshot.py compare A.jsonl B.jsonl [--show 5]

Documents: the project corpus (``corpus/gold/corpus.jsonl``), the shared seeds and dev gold, and
``../shared/realdocs`` (skipped where ``../shared`` is absent). Each line is the analysed
``Document`` (figures, dateline, sections, script) as the JSON the runner writes. A speed change is
accepted only when ``compare`` reports no difference.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    out = [ROOT / "corpus" / "gold" / "corpus.jsonl"]
    gold = SHARED / "eval" / "gold"
    out += [gold / n for n in ("seeds.jsonl", "dev-zh.jsonl", "dev-en.jsonl")]
    out += sorted((SHARED / "realdocs").glob("*.jsonl"))
    return [p for p in out if p.exists()]


def documents():
    for path in sources():
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            yield path.name, {"doc_id": d.get("doc_id") or d.get("id"), "text": d["text"], "lang": d.get("lang"),
                              "title": d.get("title"), "published": d.get("published")}


def write(out: Path) -> None:
    from pipeline.api import analyse_document
    from pipeline.models import Document

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for src, d in documents():
            doc = analyse_document(Document(**d))
            fh.write(json.dumps({"src": src, "doc": doc.model_dump(mode="json", exclude={"text"})},
                                ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"{n} documents -> {out}")


def compare(a: Path, b: Path, show: int) -> int:
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    if len(la) != len(lb):
        print(f"different number of documents: {len(la)} vs {len(lb)}")
        return 1
    diffs = [(x, y) for x, y in zip(la, lb) if x != y]
    print(f"{len(la)} documents, {len(diffs)} differ")
    for x, y in diffs[:show]:
        dx, dy = json.loads(x), json.loads(y)
        print(f"--- {dx['src']} {dx['doc'].get('doc_id')}")
        fx = {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in dx["doc"].get("figures", [])}
        fy = {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in dy["doc"].get("figures", [])}
        for f in sorted(fx - fy)[:4]:
            print("  - " + f[:300])
        for f in sorted(fy - fx)[:4]:
            print("  + " + f[:300])
        rest = {k for k in set(dx["doc"]) | set(dy["doc"]) if k != "figures" and dx["doc"].get(k) != dy["doc"].get(k)}
        if rest:
            print("  other fields differ: " + ", ".join(sorted(rest)))
    return 1 if diffs else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", type=int, default=5)
    args = ap.parse_args(argv)
    if args.cmd == "write":
        write(args.out)
        return 0
    return compare(args.a, args.b, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
