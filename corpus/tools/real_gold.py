#!/usr/bin/env python3
"""Gold annotations on the real documents of ``../shared/realdocs``, stored without their text.

The real documents belong to their publishers, so the project keeps only what an annotation adds:
for each document its id, the sha256 of its text, and every figure as offsets and attributes (the
metric and subject as offsets of the phrase they copy). ``load_gold`` joins these with
``../shared/realdocs``, checks the hash and every span, and gives gold records in the format of
``../shared/eval/gold/*.jsonl``.

Annotators write an editable source per document (``corpus/real/src/<doc_id>.yaml``, git-ignored
because it quotes the text) in the format of ``corpus/gold/src`` (see ``build_gold.py``): each
figure by its ``text`` and, where that text occurs more than once, ``ctx`` (a unique string around
it), ``occ`` or ``at`` (its start offset). The same checks as the synthetic corpus apply: values
parsed by an independent parser, comparator/change lint, and every numeral of the document either
inside a figure or declared under ``not_figures`` with a reason.

    python corpus/tools/real_gold.py select             # (once) choose the documents and the blind split
    python corpus/tools/real_gold.py text DOC_ID        # the text with offsets, for annotating
    python corpus/tools/real_gold.py check DOC_ID...    # validate sources (all when none is given)
    python corpus/tools/real_gold.py table DOC_ID       # review: every figure with context
    python corpus/tools/real_gold.py show DOC_ID        # review: the text with [[figures]] {{negatives}}
    python corpus/tools/real_gold.py build              # sources -> corpus/real/annotations/<split>.jsonl
    python corpus/tools/real_gold.py export DOC_ID      # annotations -> an editable source again
    python corpus/tools/real_gold.py stats              # documents and figures per set and split
    python corpus/tools/real_gold.py gold SPLIT OUT     # write a scorer-ready gold JSONL (with text)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import yaml

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import build_gold as bg  # noqa: E402  (the synthetic corpus builder: parser, lint, completeness)

ROOT = TOOLS.parents[1]
REAL = ROOT / "corpus" / "real"
SRC = REAL / "src"
ANN = REAL / "annotations"
SPLITS = REAL / "splits.json"
REALDOCS = ROOT.parent / "shared" / "realdocs"
SETS = {"zh-reports": "zh-reports.jsonl", "zh-sohu": "zh-sohu.jsonl", "en-pd": "en-pd.jsonl",
        "en-bbc": "en-bbc.jsonl",
        # English news pages of 2018-2019 (Reuters, NYT, LA Times, CNBC, ...): the true main texts of the
        # shared HTML set (../shared/eval/html/scrapinghub), read as documents of their own
        "en-news": "../eval/html/scrapinghub/ground_truth.jsonl",
        # Chinese web pages of 2004-2022 (provincial and municipal government news, economics, business): the
        # true main texts of the shared HTML set ../shared/eval/html/cwced, read the same way
        "zh-news": "../eval/html/cwced/ground_truth.jsonl"}
FIG_KEYS = ("start", "end", "kind", "value", "unit", "high", "comparator", "change", "role", "year",
            "metric", "subject")

# Numerals that are never figures and need no entry in a source: four-digit years written with 年 or
# as a span (2021—2025年), month/day dates, ISO dates, clock times, plan periods. Applied before the
# completeness check, listed by ``show`` like declared negatives.
AUTO_NOT = [
    (re.compile(r"(?<![0-9０-９.．])(?:1[89]|20|１[８９]|２０)[0-9０-９]{2}(?:\s*[—–\-~～至到－]\s*(?:1[89]|20|１[８９]|２０)[0-9０-９]{2})?(?=\s*年)"), "year"),
    (re.compile(r"(?<![0-9０-９.])[0-9０-９]{1,2}(?=月)"), "date"),
    (re.compile(r"(?<![0-9０-９.])[0-9０-９]{1,2}(?=日)"), "date"),
    (re.compile(r"[一二三四五六七八九十]{1,3}(?=月)"), "date"),
    (re.compile(r"(?<![0-9])(?:19|20)\d\d-\d{2}-\d{2}"), "date"),
    (re.compile(r"(?<![0-9])\d{1,2}:\d{2}(?::\d{2})?"), "time"),
    (re.compile(r"十[一二三四五六七八九]五"), "name"),          # “十四五” “十五五”
    (re.compile(r"第[一二三四五六七八九十百零两〇0-9０-９]+"), "ordinal"),
]


# --------------------------------------------------------------------------- the real documents

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def realdocs(shared: Path = REALDOCS) -> dict[str, dict]:
    """Every real document by id, with its set name."""
    out = {}
    for name, fn in SETS.items():
        path = shared / fn
        if not path.exists():
            raise FileNotFoundError(f"{path} not found (../shared/realdocs is needed for the real gold)")
        for line in path.open(encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                if "body" in rec:          # a page's main text (score_html's ground truth): id, url, lang, body
                    rec = {"id": f"{name}-{rec['id'][:8]}", "lang": rec["lang"], "text": rec["body"],
                           "url": rec.get("url"), "published": None, "title": None}
                rec["set"] = name
                out[rec["id"]] = rec
    return out


def splits() -> dict:
    return json.loads(SPLITS.read_text(encoding="utf-8"))


def split_of(doc_id: str) -> tuple[str, str]:
    for set_name, parts in splits()["sets"].items():
        for split, ids in parts.items():
            if doc_id in ids:
                return set_name, split
    raise KeyError(f"{doc_id} is not in {SPLITS}")


# --------------------------------------------------------------------------- selection (run once)

FIGURE_LIKE = re.compile(
    r"[0-9０-９][0-9０-９.,．]*\s*(?:%|％|个百分点|万亿元|亿元|万元|元|家|个|名|人|项|万|亿|亩|吨|公里|千瓦|户|所|座|条|"
    r"billion|million|bn|m\b|percent|per cent|pc\b)|[$£€]\s?[0-9]")


def select(seed: int = 20261206) -> dict:
    """Choose the documents to annotate and their blind split, reproducibly (seeded).

    Each set: a random sample among the documents that hold figures (so the effort goes to text
    with figures in it), then a random third of the sample, rounded up, set aside as blind."""
    docs = realdocs()
    plan = {"zh-reports": (7, 0), "zh-sohu": (30, 2), "en-pd": (24, 2), "en-bbc": (24, 3)}
    rng = random.Random(seed)
    out = {"seed": seed, "rule": "per set: sample N of the documents with at least MIN figure-like "
                                 "matches (FIGURE_LIKE), then ceil(N/3) of them blind; seeded",
           "sets": {}}
    for set_name, (n, minimum) in plan.items():
        ids = sorted(d for d, r in docs.items() if r["set"] == set_name
                     and len(FIGURE_LIKE.findall(r["text"])) >= minimum)
        chosen = sorted(rng.sample(ids, n))
        blind = sorted(rng.sample(chosen, -(-n // 3)))
        out["sets"][set_name] = {"dev": [d for d in chosen if d not in blind], "blind": blind}
    return out


def extend(current: dict, set_name: str, n: int, seed: int, why: str,
           exclude: dict[str, str] | None = None) -> dict:
    """A further seeded draw of ``n`` documents of ``set_name`` not chosen before (same minimum of
    figure-like matches as the first draw), a third of them (rounded up) blind, recorded in
    ``extensions`` so the whole selection can be redone from the seeds. ``exclude``: documents left out
    of the draw (id -> reason, recorded with it), e.g. pages outside the project's domain."""
    plan_min = {"zh-reports": 0, "zh-sohu": 2, "en-pd": 2, "en-bbc": 3, "en-news": 3, "zh-news": 3}
    docs = realdocs()
    exclude = exclude or {}
    unknown = sorted(set(exclude) - set(docs))
    if unknown:
        raise ValueError(f"excluded documents that do not exist: {unknown}")
    taken = {d for parts in current["sets"].values() for ids in parts.values() for d in ids}
    ids = sorted(d for d, r in docs.items() if r["set"] == set_name and d not in taken and d not in exclude
                 and len(FIGURE_LIKE.findall(r["text"])) >= plan_min[set_name])
    if n > len(ids):
        raise ValueError(f"{set_name}: only {len(ids)} documents left to draw")
    rng = random.Random(seed)
    chosen = sorted(rng.sample(ids, n))
    blind = sorted(rng.sample(chosen, -(-n // 3)))
    out = json.loads(json.dumps(current))
    parts = out["sets"].setdefault(set_name, {"dev": [], "blind": []})
    parts["dev"] = sorted(parts["dev"] + [d for d in chosen if d not in blind])
    parts["blind"] = sorted(parts["blind"] + blind)
    record = {"seed": seed, "set": set_name, "added_to": "dev and blind", "ids": chosen, "blind": blind, "why": why}
    if exclude:
        record["excluded"] = dict(sorted(exclude.items()))
    out.setdefault("extensions", []).append(record)
    return out


# --------------------------------------------------------------------------- validation

def _locate_at(text: str, raw: dict, what: str, errors: list[str]) -> list[int]:
    at, needle = raw.get("at"), str(raw["text"])
    if not isinstance(at, int) or text[at: at + len(needle)] != needle:
        errors.append(f"{what}: at {at!r} does not hold {needle!r}")
        return []
    return [at]


def _phrase_span(text: str, phrase: str | None, near: int, lo: int, hi: int) -> list[int] | None:
    """Offsets of the occurrence of ``phrase`` inside [lo, hi) closest to ``near``."""
    if not phrase:
        return None
    best = None
    i = text.find(phrase, lo)
    while 0 <= i and i + len(phrase) <= hi:
        d = abs(i - near)
        if best is None or d < best[0]:
            best = (d, i)
        i = text.find(phrase, i + 1)
    if best is None:
        return None
    return [best[1], best[1] + len(phrase)]


def load_source(doc_id: str, docs: dict[str, dict]) -> bg.Doc:
    path = SRC / f"{doc_id}.yaml"
    rec = docs.get(doc_id)
    if rec is None:
        return bg.Doc(doc_id, "?", "", None, [], errors=[f"{doc_id}: no such real document"])
    if not path.exists():
        return bg.Doc(doc_id, rec["lang"], rec["text"], None, [], errors=[f"{doc_id}: no source {path}"])
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    text = rec["text"]
    doc = bg.Doc(doc_id, data.get("lang") or rec["lang"], text, data.get("published"), [])
    for k in data:
        if k not in ("doc_id", "lang", "published", "dateline", "figures", "not_figures", "notes"):
            doc.errors.append(f"{doc_id}: unknown top-level key {k!r}")
    if data.get("doc_id") != doc_id:
        doc.errors.append(f"{doc_id}: doc_id {data.get('doc_id')!r} differs from the file name")
    if doc.lang not in bg.LANGS:
        doc.errors.append(f"{doc_id}: lang {doc.lang!r} not in {bg.LANGS}")
    pub = data.get("published")
    if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(pub)):
        doc.errors.append(f"{doc_id}: published {pub!r} is not an ISO date")
    bounds = bg.sentence_bounds(text)
    figs = []
    for i, raw in enumerate(data.get("figures") or []):
        if isinstance(raw, dict) and "at" in raw:
            raw = dict(raw)
            at = raw.pop("at")
            tmp: list[str] = []
            starts = _locate_at(text, {**raw, "at": at}, f"{doc_id} figure #{i + 1}", tmp)
            if tmp:
                doc.errors += tmp
                continue
            # turn `at` into a ctx the shared validator understands: the shortest unique window
            a = starts[0]
            for w in range(0, 400):
                ctx = text[max(0, a - w): a + len(str(raw["text"])) + w]
                if len(bg.find_all(text, ctx)) == 1 and len(bg.find_all(ctx, str(raw["text"]))) >= 1:
                    inner = bg.find_all(ctx, str(raw["text"]))
                    k = inner.index(a - max(0, a - w)) + 1 if (a - max(0, a - w)) in inner else None
                    if k is not None:
                        raw["ctx"], raw["occ"] = ctx, k
                        break
        fig = bg.validate_figure(doc, i, raw, bounds)
        if fig:
            figs.append(fig)
    order = sorted(figs, key=lambda f: (f["start"], f["end"]))
    for a, b in zip(order, order[1:]):
        if b["start"] < a["end"]:
            doc.errors.append(f"{doc_id}: spans overlap: {a['text']!r}@{a['start']} and {b['text']!r}@{b['start']}")
    doc.figures = order
    for rx, why in AUTO_NOT:
        doc.not_spans += [(m.start(), m.end(), why) for m in rx.finditer(text)]
    bg.read_not_figures(doc, data.get("not_figures") or [], at=_locate_at)
    covered = [(f["start"], f["end"]) for f in doc.figures] + [(a, b) for a, b, _ in doc.not_spans]
    covered.sort()
    starts = [c[0] for c in covered]
    import bisect
    for a, b, tok in bg.numeral_tokens(text):
        k = bisect.bisect_right(starts, a)
        # any covering interval starts at or before a; scan back over the candidates
        ok = any(x <= a and b <= y for x, y in covered[max(0, k - 400): k])
        if not ok:
            line_ctx = text[max(0, a - 15): b + 15].replace("\n", "⏎")
            doc.errors.append(f"{doc_id}: numeral {tok!r}@{a} is neither a figure nor in not_figures: …{line_ctx}…")
    return doc


def to_record(doc: bg.Doc, rec: dict) -> dict:
    """The stored form: offsets and attributes, no text."""
    text = rec["text"]
    bounds = bg.sentence_bounds(text)
    figs = []
    for f in doc.figures:
        si = bg.sentence_index(bounds, f["start"])
        lo = bounds[max(0, si - 2)][0]
        hi = bounds[min(len(bounds) - 1, si + 1)][1]
        out = {k: f[k] for k in FIG_KEYS if k not in ("metric", "subject")}
        for key in ("metric", "subject"):
            span = _phrase_span(text, f[key], f["start"], max(0, f["start"] - 400) if key == "metric" else lo,
                                min(len(text), f["end"] + 200) if key == "metric" else hi)
            if f[key] and span is None:
                span = _phrase_span(text, f[key], f["start"], 0, len(text))
            out[key] = span
        figs.append(out)
    set_name, split = split_of(doc.doc_id)
    return {"doc_id": doc.doc_id, "set": set_name, "split": split, "lang": doc.lang,
            "sha256": _sha(text), "chars": len(text), "published": doc.published,
            "figures": figs,
            "not_figures": sorted({(a, b, w) for a, b, w in doc.not_spans})}


# --------------------------------------------------------------------------- loading the stored gold

class GoldError(ValueError):
    pass


def stored(split: str | None = None) -> list[dict]:
    out = []
    for path in sorted(ANN.glob("*.jsonl")):
        if split and path.stem != split:
            continue
        out += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return out


def load_gold(split: str | None = None, shared: Path = REALDOCS, sets: list[str] | None = None) -> list[dict]:
    """Gold records (``doc_id, lang, text, published, set, split, figures``) for the scorer.

    Raises FileNotFoundError without ``../shared/realdocs`` and GoldError when a document's text
    no longer matches its hash or a span falls outside it."""
    docs = realdocs(shared)
    out = []
    for ann in stored(split):
        if sets and ann["set"] not in sets:
            continue
        rec = docs.get(ann["doc_id"])
        if rec is None:
            raise GoldError(f"{ann['doc_id']}: not in {shared}")
        text = rec["text"]
        if _sha(text) != ann["sha256"]:
            raise GoldError(f"{ann['doc_id']}: text hash differs from the annotated one")
        figs = []
        for f in ann["figures"]:
            if not 0 <= f["start"] < f["end"] <= len(text):
                raise GoldError(f"{ann['doc_id']}: span {f['start']}..{f['end']} outside the text")
            g = {"text": text[f["start"]: f["end"]], **{k: f[k] for k in FIG_KEYS}}
            for key in ("metric", "subject"):
                g[key] = text[f[key][0]: f[key][1]] if f[key] else None
            figs.append(g)
        out.append({"doc_id": ann["doc_id"], "lang": ann["lang"], "text": text,
                    "published": rec.get("published"), "title": rec.get("title"),
                    "set": ann["set"], "split": ann["split"], "figures": figs,
                    "not_figures": ann.get("not_figures", [])})
    return out


# --------------------------------------------------------------------------- commands

def cmd_text(doc_id: str, width: int = 100) -> None:
    rec = realdocs()[doc_id]
    text = rec["text"]
    print(f"# {doc_id} ({rec['lang']}, {len(text)} chars, published={rec.get('published')}) title={rec.get('title')!r}")
    pos = 0
    for line in text.split("\n"):
        if not line:
            print(f"{pos:6}|")
        i = 0
        while i < len(line):
            chunk = line[i: i + width]
            print(f"{pos + i:6}|{chunk}")
            i += width
        pos += len(line) + 1


def export(doc_id: str) -> str:
    rec = realdocs()[doc_id]
    ann = next(a for a in stored() if a["doc_id"] == doc_id)
    text = rec["text"]
    figs = []
    for f in ann["figures"]:
        d = {"text": text[f["start"]: f["end"]], "at": f["start"]}
        for k in FIG_KEYS[2:]:
            v = f[k]
            if k in ("metric", "subject"):
                v = text[v[0]: v[1]] if v else None
            d[k] = v
        figs.append(d)
    nots = [{"text": text[a:b], "at": a, "why": w} for a, b, w in ann.get("not_figures", [])
            if not any(rx.fullmatch(text[a:b]) for rx, _ in AUTO_NOT)]
    data = {"doc_id": doc_id, "lang": ann["lang"], "published": ann.get("published"),
            "figures": figs, "not_figures": nots}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select")
    p = sub.add_parser("extend", help="(once per draw) a further seeded draw of documents, a third blind")
    p.add_argument("set_name", choices=sorted(SETS))
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--why", required=True)
    p.add_argument("--exclude", action="append", default=[], metavar="ID=REASON",
                   help="leave a document out of the draw, with the reason (recorded)")
    p = sub.add_parser("text")
    p.add_argument("doc_id")
    p.add_argument("--width", type=int, default=100)
    p = sub.add_parser("check")
    p.add_argument("doc_ids", nargs="*")
    p.add_argument("--warnings", action="store_true")
    for name in ("table", "show", "export"):
        p = sub.add_parser(name)
        p.add_argument("doc_id")
    p = sub.add_parser("sample", help="review aid: a seeded sample of figures and lines, for a second annotator")
    p.add_argument("doc_ids", nargs="+")
    p.add_argument("--frac", type=float, default=0.2, help="share of each document's figures to list")
    p.add_argument("--lines", type=int, default=2, help="lines (paragraphs) per document to show fully marked")
    p.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("build")
    p.add_argument("doc_ids", nargs="*", help="only these documents (the others keep their stored records)")
    sub.add_parser("stats")
    p = sub.add_parser("gold")
    p.add_argument("split", choices=["dev", "blind", "all"])
    p.add_argument("out")
    p.add_argument("--set", action="append", dest="sets")
    args = ap.parse_args(argv)

    if args.cmd == "select":
        if SPLITS.exists():
            print(f"{SPLITS} exists; the selection is made once", file=sys.stderr)
            return 1
        SPLITS.parent.mkdir(parents=True, exist_ok=True)
        SPLITS.write_text(json.dumps(select(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SPLITS}")
        return 0
    if args.cmd == "extend":
        cur = splits()
        if any(e.get("seed") == args.seed and e.get("set") == args.set_name for e in cur.get("extensions", [])):
            print(f"{args.set_name}: the draw with seed {args.seed} is already recorded", file=sys.stderr)
            return 1
        exclude = dict(x.split("=", 1) for x in args.exclude)
        new = extend(cur, args.set_name, args.n, args.seed, args.why, exclude)
        SPLITS.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        e = new["extensions"][-1]
        print(f"{args.set_name}: dev +{[d for d in e['ids'] if d not in e['blind']]}, blind +{e['blind']}")
        return 0
    if args.cmd == "text":
        cmd_text(args.doc_id, args.width)
        return 0
    docs = realdocs()
    if args.cmd in ("check", "table", "show"):
        ids = [args.doc_id] if args.cmd != "check" else (args.doc_ids or sorted(p.stem for p in SRC.glob("*.yaml")))
        bad = 0
        for doc_id in ids:
            doc = load_source(doc_id, docs)
            if args.cmd == "table":
                print(f"== {doc_id} ({doc.lang}) {len(doc.figures)} figures")
                for n, f in enumerate(doc.figures, 1):
                    ctx = doc.text[max(0, f["start"] - 25): f["start"]] + "[" + f["text"] + "]" + doc.text[f["end"]: f["end"] + 12]
                    hi = f"-{f['high']:g}" if f["high"] is not None else ""
                    print(f"{n:3} @{f['start']} {ctx.replace(chr(10), '⏎')}\n     {f['kind']} {f['comparator']} "
                          f"{f['value']:g}{hi} {f['unit']} chg={f['change']} {f['role']} y={f['year']} "
                          f"m={f['metric']!r} s={f['subject']!r}")
            elif args.cmd == "show":
                marks = [m for f in doc.figures for m in ((f["start"], "[["), (f["end"], "]]"))]
                marks += [m for a, b, _ in doc.not_spans for m in ((a, "{{"), (b, "}}"))]
                out, last = [], 0
                for pos, tag in sorted(marks, key=lambda m: (m[0], m[1] in ("[[", "{{"))):
                    out.append(doc.text[last:pos] + tag)
                    last = pos
                out.append(doc.text[last:])
                print("".join(out))
            for e in doc.errors:
                print("error:", e, file=sys.stderr)
            if getattr(args, "warnings", False):
                for w in doc.warnings:
                    print("warning:", w, file=sys.stderr)
            bad += bool(doc.errors)
            if args.cmd == "check":
                print(f"{doc_id}: {len(doc.figures)} figures, {len(doc.errors)} error(s)")
        return 1 if bad else 0
    if args.cmd == "sample":
        rng = random.Random(args.seed)
        for doc_id in args.doc_ids:
            doc = load_source(doc_id, docs)
            figs = doc.figures
            k = max(1, round(len(figs) * args.frac)) if figs else 0
            pick = sorted(rng.sample(range(len(figs)), k))
            print(f"== {doc_id} ({doc.lang}) published={doc.published}: {k} of {len(figs)} figures")
            for n in pick:
                f = figs[n]
                ctx = doc.text[max(0, f["start"] - 60): f["start"]] + "[" + f["text"] + "]" + doc.text[f["end"]: f["end"] + 30]
                hi = f"-{f['high']:g}" if f["high"] is not None else ""
                print(f"{n + 1:3} @{f['start']} {ctx.replace(chr(10), '⏎')}\n     {f['kind']} {f['comparator']} "
                      f"{f['value']:g}{hi} {f['unit']} chg={f['change']} {f['role']} y={f['year']} "
                      f"m={f['metric']!r} s={f['subject']!r}")
            # whole lines (paragraphs) with every decision marked, to look for missed figures
            lines, pos = [], 0
            for line in doc.text.split("\n"):
                if len(line) > 40 and bg.TOKEN_RE.search(line):
                    lines.append((pos, pos + len(line)))
                pos += len(line) + 1
            if len(lines) == 1 and lines[0][1] - lines[0][0] > 1500:   # one-line pages: windows instead
                a, b = lines[0]
                lines = [(x, min(b, x + 800)) for x in range(a, b, 800)]
            for a, b in sorted(rng.sample(lines, min(args.lines, len(lines)))):
                marks = [m for f in doc.figures if a <= f["start"] < b for m in ((f["start"], "[["), (f["end"], "]]"))]
                marks += [m for x, y, _ in doc.not_spans if a <= x < b and y <= b for m in ((x, "{{"), (y, "}}"))]
                out, last = [], a
                for p_, tag in sorted(marks, key=lambda m: (m[0], m[1] in ("[[", "{{"))):
                    out.append(doc.text[last:p_] + tag)
                    last = p_
                out.append(doc.text[last:b])
                print(f"-- line @{a}..{b}:\n" + "".join(out))
        return 0
    if args.cmd == "build":
        ids = args.doc_ids or sorted(p.stem for p in SRC.glob("*.yaml"))
        recs = {a["doc_id"]: a for a in stored()}
        failed = 0
        for doc_id in ids:
            doc = load_source(doc_id, docs)
            if doc.errors:
                failed += 1
                print(f"{doc_id}: {len(doc.errors)} error(s), not built (run check)", file=sys.stderr)
                continue
            recs[doc_id] = to_record(doc, docs[doc_id])
        ANN.mkdir(parents=True, exist_ok=True)
        by_split: dict[str, list[dict]] = {}
        for r in sorted(recs.values(), key=lambda r: r["doc_id"]):
            by_split.setdefault(r["split"], []).append(r)
        for split, rs in by_split.items():
            with (ANN / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
                for r in rs:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            print(f"wrote {ANN / (split + '.jsonl')}: {len(rs)} documents, {sum(len(r['figures']) for r in rs)} figures")
        return 1 if failed else 0
    if args.cmd == "export":
        sys.stdout.write(export(args.doc_id))
        return 0
    if args.cmd == "stats":
        sp = splits()["sets"]
        have = {a["doc_id"]: a for a in stored()}
        tot = [0, 0, 0]
        for set_name, parts in sp.items():
            for split, ids in parts.items():
                done = [have[i] for i in ids if i in have]
                n = sum(len(a["figures"]) for a in done)
                t = sum(f["role"] == "target" for a in done for f in a["figures"])
                tot[0] += len(done)
                tot[1] += n
                tot[2] += t
                print(f"{set_name:11} {split:5} {len(done):3}/{len(ids):3} documents  {n:5} figures  {t:4} targets")
        print(f"all: {tot[0]} documents, {tot[1]} figures, {tot[2]} targets")
        return 0
    if args.cmd == "gold":
        recs = load_gold(None if args.split == "all" else args.split, sets=args.sets)
        with open(args.out, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {args.out}: {len(recs)} documents, {sum(len(r['figures']) for r in recs)} figures")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
