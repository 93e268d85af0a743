"""Batch throughput and memory: documents per second and peak RSS for 1 and 2 workers.

    .venv/bin/python benchmarks/bench_batch.py                       # 1,000 and 10,000 documents
    .venv/bin/python benchmarks/bench_batch.py --sizes 10000 --mix text html --repeat 3 --wait-load 0.6

Each run is the real CLI (``python -m pipeline.cli run``) in a subprocess on a synthetic archive
of Chinese and English policy sentences (tests/batch_support.py): ``--mix text`` as JSONL files,
``--mix html`` as the same documents in news pages (about 16 KB of HTML each, most of it
navigation, related links and scripts) in gzipped WARC archives. Memory is the peak of the sum
of the resident set sizes of the run's whole process tree (parent + worker processes), sampled
from /proc every 20 ms; no psutil needed. Flat memory means the peak does not grow with the
archive size. ``parent CPU s`` is the CPU time of the parent process alone (ingest, plan,
commits, assembly): with N workers on N cores it is what keeps the speed-up under N;
``workers CPU s`` that of its worker and page-cleaning processes. On a loaded machine the sum
over the cores is the steadier figure: wall time on N idle cores is at least max(parent, sum / N).
``--wait-load L`` waits before each run until the 1-minute load average is under L (a shared
machine). The speed-up column is docs/s over that of the first worker count of the same mix.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from batch_support import subprocess_env, write_corpus, write_html_corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of ``pid``, RSS of ``pid`` and all its descendants) in bytes."""
    kids = _children()
    total, own, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss = int(fh.read().split()[1]) * PAGE
        except OSError:
            rss = 0
        if p == pid:
            own = rss
        total += rss
        todo.extend(kids.get(p, []))
    return own, total


def cpu_times(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) of ``pid`` and of its children that ended, so far ((0, 0) once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return 0.0, 0.0
    fields = stat[stat.rindex(b")") + 2:].split()
    tck = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tck, (int(fields[13]) + int(fields[14])) / tck


def wait_for_load(limit: float | None, max_wait: float = 3600.0) -> float:
    """Sleep until the 1-minute load average is under ``limit``; return it."""
    load = os.getloadavg()[0]
    deadline = time.monotonic() + max_wait
    while limit is not None and load >= limit and time.monotonic() < deadline:
        time.sleep(15)
        load = os.getloadavg()[0]
    return load


def bench(inputs: list[Path], out: Path, workers: int, extra: list[str]) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline.cli", "run", *map(str, inputs), "--out", str(out), "--quiet",
           "--workers", str(workers), *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_parent = peak_tree = 0
    cpu = kids_cpu = 0.0
    while proc.poll() is None:
        own, total = tree_rss(proc.pid)
        peak_parent, peak_tree = max(peak_parent, own), max(peak_tree, total)
        c, k = cpu_times(proc.pid)
        cpu, kids_cpu = max(cpu, c), max(kids_cpu, k)
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}):\n{err[-3000:]}")
    summary = json.loads(err.strip().splitlines()[-1])
    return {"workers": workers, "documents": summary["inputs"], "wall_s": round(wall, 2),
            "docs_per_s_wall": round(summary["inputs"] / wall, 1), "docs_per_s_run": summary["docs_per_second"],
            "figures": summary["figures"], "errors": summary["errors"], "parent_cpu_s": round(cpu, 1),
            "workers_cpu_s": round(kids_cpu, 1),
            "peak_rss_parent_mb": round(peak_parent / 2**20, 1), "peak_rss_tree_mb": round(peak_tree / 2**20, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per configuration; the fastest is reported (others load the machine too)")
    ap.add_argument("--mix", nargs="+", choices=["text", "html"], default=["text"],
                    help="text: JSONL documents; html: the same documents as pages in WARC archives")
    ap.add_argument("--wait-load", type=float, help="before each run, wait until the load average is under this")
    ap.add_argument("--max-wait", type=float, default=1800.0, help="seconds to wait for --wait-load at most")
    ap.add_argument("--no-link", action="store_true", help="extraction without linking (run --no-link)")
    ap.add_argument("--processor", help="module:function (default: the real extractor)")
    ap.add_argument("--work-dir", help="where the archives and outputs go (default: a temporary directory)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    extra = (["--processor", args.processor] if args.processor else []) + (["--no-link"] if args.no_link else [])
    work = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="bench-batch-"))
    rows = []
    try:
        for mix in args.mix:
            for n in args.sizes:
                writer = write_corpus if mix == "text" else write_html_corpus
                files = writer(work / f"in-{mix}-{n}", n, files=4)
                size_mb = sum(f.stat().st_size for f in files) / 2**20
                for w in args.workers:
                    runs = []
                    for _ in range(max(1, args.repeat)):
                        load = wait_for_load(args.wait_load, args.max_wait)
                        runs.append({**bench(files, work / f"out-{mix}-{n}-{w}", w, extra), "load": load})
                    r = min(runs, key=lambda x: x["wall_s"])
                    r.update(mix=mix + (" no-link" if args.no_link else ""), input_mb=round(size_mb, 1), runs=len(runs),
                             all_wall_s=[x["wall_s"] for x in runs])
                    rows.append(r)
                    print(json.dumps(r), file=sys.stderr)
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print("| mix | documents | input MB | workers | wall s | docs/s (wall) | speed-up | docs/s (run) | parent CPU s "
          "| workers CPU s | peak RSS parent MB | peak RSS parent+workers MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        first = next(x for x in rows if x["mix"] == r["mix"] and x["documents"] == r["documents"])
        speedup = r["docs_per_s_wall"] / first["docs_per_s_wall"]
        print(f"| {r['mix']} | {r['documents']:,} | {r['input_mb']} | {r['workers']} | {r['wall_s']} "
              f"| {r['docs_per_s_wall']} | {speedup:.2f} | {r['docs_per_s_run']} | {r['parent_cpu_s']} | {r['workers_cpu_s']} "
              f"| {r['peak_rss_parent_mb']} | {r['peak_rss_tree_mb']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
