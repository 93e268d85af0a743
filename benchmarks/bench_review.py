"""Review site and figure-table exports on a large run: build time, page open times, export checks.

    .venv/bin/python benchmarks/bench_review.py                      # 10,000 documents, real extractor
    .venv/bin/python benchmarks/bench_review.py --docs 2000 --fake   # stand-in extractor, quicker
    .venv/bin/python benchmarks/bench_review.py --run-dir outputs    # an existing run

Steps (each timed on its own):

1. a synthetic archive of Chinese and English policy sentences (tests/batch_support.py) is run
   through ``policy-extract run`` (2 workers; not part of the measurement);
2. ``policy-extract review RUN`` builds the site in a subprocess pinned to one core (``taskset -c 0``
   where available), ``--repeat`` times: wall time, files and bytes;
3. a headless Chromium (pipeline/review/browser.py) opens the overview, the document list, the figure
   table and three document pages from ``file://``, ``--repeat`` times each: the time from the start of
   navigation to the load event and to the page's own "ready" mark (data loaded, first table page
   drawn); then, on the figure table, the time of a filter, a text filter, a sort and a page turn
   (JavaScript time including a forced layout);
4. ``policy-extract load`` (SQLite), ``export --format csv`` and ``--format parquet``; both files are
   read back with pyarrow and compared row by row, value by value, with the database's figures
   joined with their documents.

Prints one JSON object (also written to ``--json FILE``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from batch_support import FAKE, subprocess_env, write_corpus  # noqa: E402


def _cli(*args: str, pin: bool = False) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "pipeline.cli", *args]
    if pin and shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=subprocess_env(), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall, proc.stdout


def make_run(work: Path, docs: int, fake: bool) -> Path:
    files = write_corpus(work / "archive", docs, files=4)
    run = work / "run"
    extra = ["--processor", FAKE] if fake else []
    wall, _ = _cli("run", *map(str, files), "--out", str(run), "--quiet", "--workers", "2", *extra)
    print(f"run: {docs} documents in {wall:.1f} s", file=sys.stderr)
    return run


def bench_build(run: Path, site: Path, repeat: int) -> dict:
    times = []
    info: dict = {}
    for _ in range(repeat):
        wall, out = _cli("review", str(run), "--out", str(site), pin=True)
        times.append(wall)
        info = json.loads(out.strip().splitlines()[-1])
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"documents": info["documents"], "figures": info["figures"], "seconds_wall": [round(t, 2) for t in times],
            "seconds_inside": info["seconds"], "one_core": bool(shutil.which("taskset")),
            "files": len(files), "bytes": sum(p.stat().st_size for p in files), "data_bytes": info["data_bytes"]}


_NAV = """const n = performance.getEntriesByType('navigation')[0];
return {load: n.loadEventEnd - n.startTime, dcl: n.domContentLoadedEventEnd - n.startTime,
        ready: window.PE_READY_MS || null};"""

_ACTIONS = {
    "filter kind=percent": "const s = document.getElementById('fig-kind'); s.value = 'percent';"
                           "s.dispatchEvent(new Event('change', {bubbles: true}));",
    "filter metric contains": "const s = document.getElementById('fig-metric'); s.value = '研发';"
                              "s.dispatchEvent(new Event('change', {bubbles: true}));",
    "clear filters": "document.getElementById('fig-filters').reset();"
                     "document.getElementById('fig-kind').dispatchEvent(new Event('change', {bubbles: true}));",
    "sort by value": "document.querySelector('#fig-table th[data-col=value]').click();",
    "sort by metric": "document.querySelector('#fig-table th[data-col=metric]').click();",
    "next page": "document.querySelector('#fig-pager button[data-role=next]').click();",
}


def bench_browser(site: Path, run: Path, repeat: int) -> dict:
    from selenium.webdriver.support.ui import WebDriverWait

    from pipeline.review.browser import browser_missing, headless_chromium

    why = browser_missing()
    if why:
        return {"skipped": why}
    n_docs = sum(1 for x in (run / "documents.jsonl").open(encoding="utf-8") if x.strip())
    sizes = []
    with (run / "documents.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            sizes.append((len(line), i))
    biggest = max(sizes)[1]
    pages = {"overview": "index.html", "documents": "documents.html", "figures": "figures.html",
             "document (first)": "doc/0.html", f"document (middle, {n_docs // 2})": f"doc/{n_docs // 2}.html",
             f"document (largest line, {biggest})": f"doc/{biggest}.html"}
    out: dict = {"pages": {}, "figure_table_actions_ms": {}}
    with headless_chromium(1280, 900) as d:
        ready = WebDriverWait(d, 60)
        for name, rel in pages.items():
            loads, readys = [], []
            for _ in range(repeat):
                d.get((site / rel).as_uri())
                ready.until(lambda x: x.execute_script("return document.body.dataset.ready === '1'"))
                t = d.execute_script(_NAV)
                loads.append(t["load"])
                readys.append(t["ready"] or t["load"])
            out["pages"][name] = {"load_ms_median": round(statistics.median(loads), 1),
                                  "ready_ms_median": round(statistics.median(readys), 1),
                                  "ready_ms_max": round(max(readys), 1)}
        d.get((site / "figures.html").as_uri())
        ready.until(lambda x: x.execute_script("return document.body.dataset.ready === '1'"))
        for name, js in _ACTIONS.items():
            ms = d.execute_script(f"const t0 = performance.now(); {js} document.body.offsetHeight;"
                                  "return performance.now() - t0;")
            out["figure_table_actions_ms"][name] = round(ms, 1)
        out["figure_table_rows_in_dom"] = d.execute_script("return document.querySelectorAll('#fig-table tbody tr').length")
    return out


def bench_exports(run: Path) -> dict:
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    from pipeline.export_table import ARROW_TYPES, COLUMNS

    db = run / "bench.db"
    for p in run.glob("bench.db*"):
        p.unlink()
    res: dict = {}
    res["load_sqlite_s"], _ = _cli("load", str(run), "--db", f"sqlite:///{db}")
    res["csv_s"], csv_info = _cli("export", str(run), "--format", "csv", "--out", str(run / "figures.csv"))
    res["parquet_s"], pq_info = _cli("export", str(run), "--format", "parquet", "--out", str(run / "figures.parquet"))
    res["csv_bytes"] = json.loads(csv_info)["bytes"]
    res["parquet_bytes"] = json.loads(pq_info)["bytes"]
    cols = [c for c in COLUMNS if c not in ("dateline_year", "dateline_source")]
    sel = ", ".join(f"d.{c}" if c in ("doc_id", "title", "published", "dateline", "lang") else f'f."{c}"' for c in cols)
    with sqlite3.connect(db) as con:
        want = con.execute(f"SELECT {sel} FROM figures f JOIN documents d ON d.doc_id = f.doc_id "
                           "ORDER BY d.rowid, f.ordinal").fetchall()

    def rows(table: pa.Table) -> list[tuple]:
        d = table.select(cols).to_pydict()
        if "dateline" in d:
            d["dateline"] = [x.isoformat() if x is not None else None for x in d["dateline"]]
        return list(zip(*(d[c] for c in cols)))

    t0 = time.perf_counter()
    got_pq = rows(pq.read_table(run / "figures.parquet"))
    types = {c: getattr(pa, t)() for c, t in ARROW_TYPES.items()}
    got_csv = rows(pa_csv.read_csv(run / "figures.csv", convert_options=pa_csv.ConvertOptions(
        column_types=types, strings_can_be_null=True), parse_options=pa_csv.ParseOptions(newlines_in_values=True)))
    res["read_back_s"] = round(time.perf_counter() - t0, 2)
    res["rows_db"], res["rows_csv"], res["rows_parquet"] = len(want), len(got_csv), len(got_pq)
    res["parquet_equals_db"] = got_pq == want
    res["csv_equals_db"] = got_csv == want
    for k in ("load_sqlite_s", "csv_s", "parquet_s"):
        res[k] = round(res[k], 2)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--fake", action="store_true", help="stand-in extractor (tests/batch_support.py) for the run")
    ap.add_argument("--run-dir", type=Path, help="use this finished run instead of making one")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep the run and the site in this directory")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-review-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run = args.run_dir or make_run(work, args.docs, args.fake)
        site = work / "site"
        result = {"run": str(run), "cpus": os.cpu_count(), "build": bench_build(run, site, args.repeat)}
        print(f"build: {result['build']}", file=sys.stderr)
        result["browser"] = bench_browser(site, run, args.repeat)
        print(f"browser: {result['browser']}", file=sys.stderr)
        if not args.run_dir:
            result["exports"] = bench_exports(run)
        text = json.dumps(result, ensure_ascii=False, indent=2)
        print(text)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
