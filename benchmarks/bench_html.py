"""Throughput of the ingest + cleaning stages on directories of HTML pages, side by side with
trafilatura on the same pages in the same run.

    python benchmarks/bench_html.py [DIR ...] [--repeat N] [--no-trafilatura] [--profile FILE]
    (default DIR: ../shared/eval/html/*/pages)

Ours is the real path, file to Document: ``pipeline.ingest.iter_documents`` (read, decode, parse,
boilerplate removal, title and date, language). trafilatura's is its default use on the same bytes:
``trafilatura.extract(data, with_metadata=True)`` (it decodes the bytes itself). Each repeat runs in
a fresh process: one untimed pass over the pages (imports, rule files, and whatever either side loads
on first use: trafilatura's date parser loads its Chinese data on the first Chinese page, some
three seconds), then one timed pass, the steady state of a long run. Processes of ours and
trafilatura's alternate, and the best of ``--repeat`` of each is reported, in CPU time of the
process (both are single-threaded; on a shared machine CPU time is steadier than wall time, which
is printed too).
trafilatura is an optional extra (``pip install 'policy-extract[bench]'``); without it only ours is
timed. ``--profile FILE`` writes a cProfile of one pass of ours over all directories (no timing).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pages(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*") if p.is_file() and p.name.lower().endswith((".html", ".htm")))


def _one_pass(engine: str, d: Path) -> dict:
    """An untimed pass over ``d``, then a timed one (run in a fresh process)."""
    pages = _pages(d)
    if engine == "ours":
        from pipeline.ingest import iter_documents
        from pipeline.models import Document

        list(iter_documents([d]))
        t0, c0 = time.perf_counter(), time.process_time()
        items = list(iter_documents([d]))
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        return {"wall": wall, "cpu": cpu, "pages": len(items), "ok": sum(isinstance(i, Document) for i in items)}
    import trafilatura

    for p in pages:
        trafilatura.extract(p.read_bytes(), with_metadata=True)
    t0, c0 = time.perf_counter(), time.process_time()
    ok = sum(trafilatura.extract(p.read_bytes(), with_metadata=True) is not None for p in pages)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"wall": wall, "cpu": cpu, "pages": len(pages), "ok": ok}


def _spawn(engine: str, d: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--pass", engine, str(d)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _profile(dirs: list[Path], out: str) -> None:
    import cProfile
    import pstats

    from pipeline.ingest import iter_documents

    list(iter_documents(_pages(dirs[0])[:1]))
    prof = cProfile.Profile()
    prof.enable()
    for d in dirs:
        list(iter_documents([d]))
    prof.disable()
    prof.dump_stats(out)
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes of each (best is reported)")
    ap.add_argument("--no-trafilatura", action="store_true", help="time only ours")
    ap.add_argument("--profile", metavar="FILE", help="write a cProfile of ours to FILE instead of timing")
    ap.add_argument("--pass", dest="engine", choices=["ours", "trafilatura"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    dirs = args.dirs or sorted(Path(__file__).resolve().parents[2].glob("shared/eval/html/*/pages"))
    if not dirs:
        print("no input directories", file=sys.stderr)
        return 1
    if args.engine:  # a child process: one timed pass
        print(json.dumps(_one_pass(args.engine, dirs[0])))
        return 0
    if args.profile:
        _profile(dirs, args.profile)
        return 0
    with_traf = not args.no_trafilatura
    if with_traf:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            print("trafilatura is not installed (pip install 'policy-extract[bench]'): timing ours only",
                  file=sys.stderr)
            with_traf = False
    for d in dirs:
        size = sum(p.stat().st_size for p in _pages(d))
        ours: list[dict] = []
        traf: list[dict] = []
        for _ in range(max(1, args.repeat)):
            ours.append(_spawn("ours", d))
            if with_traf:
                traf.append(_spawn("trafilatura", d))
        n = ours[0]["pages"]
        cpu, wall = min(r["cpu"] for r in ours), min(r["wall"] for r in ours)
        print(f"{d}: {n} pages ({ours[0]['ok']} documents), {size / 1e6:.1f} MB", flush=True)
        print(f"  ours        {n / cpu:6.1f} pages/s CPU ({cpu:.2f} s), {n / wall:6.1f} pages/s wall "
              f"({wall:.2f} s), {size / 1e6 / cpu:.2f} MB/s CPU", flush=True)
        if with_traf:
            tn = traf[0]["pages"]
            tcpu, twall = min(r["cpu"] for r in traf), min(r["wall"] for r in traf)
            print(f"  trafilatura {tn / tcpu:6.1f} pages/s CPU ({tcpu:.2f} s), {tn / twall:6.1f} pages/s wall "
                  f"({twall:.2f} s), {traf[0]['ok']} pages with text", flush=True)
            print(f"  ratio ours/trafilatura: {(n / cpu) / (tn / tcpu):.2f} CPU, "
                  f"{(n / wall) / (tn / twall):.2f} wall", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
