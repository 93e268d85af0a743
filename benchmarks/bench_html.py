"""Throughput of the ingest + cleaning stages on directories of HTML pages, side by side with
trafilatura on the same pages in the same run.

    python benchmarks/bench_html.py [DIR ...] [--repeat N] [--no-trafilatura] [--profile FILE]
    (default DIR: ../shared/eval/html/*/pages)

Ours is the real path, file to Document: ``pipeline.ingest.iter_documents`` (read, decode, parse,
boilerplate removal, title and date, language). trafilatura's is its default use on the same bytes:
``trafilatura.extract(data, with_metadata=True)`` (it decodes the bytes itself). Both are warmed on
the first page (rule files, imports) before timing; each repeat times ours then trafilatura's, and
the best repeat of each is reported, in CPU time of this process (both are single-threaded; on a
shared machine CPU time is steadier than wall time, which is printed too).
trafilatura is an optional extra (``pip install 'policy-extract[bench]'``); without it only ours is
timed. ``--profile FILE`` writes a cProfile of one pass of ours over all directories (no timing).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.ingest import iter_documents  # noqa: E402
from pipeline.models import Document  # noqa: E402


def _pages(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*") if p.is_file() and p.name.lower().endswith((".html", ".htm")))


def _ours(d: Path) -> tuple[float, float, int, int]:
    t0, c0 = time.perf_counter(), time.process_time()
    items = list(iter_documents([d]))
    return (time.perf_counter() - t0, time.process_time() - c0, len(items),
            sum(isinstance(i, Document) for i in items))


def _trafilatura(pages: list[Path]) -> tuple[float, float, int]:
    import trafilatura

    t0, c0 = time.perf_counter(), time.process_time()
    got = sum(trafilatura.extract(p.read_bytes(), with_metadata=True) is not None for p in pages)
    return time.perf_counter() - t0, time.process_time() - c0, got


def _warm(pages: list[Path], with_trafilatura: bool) -> None:
    list(iter_documents(pages[:1]))
    if with_trafilatura:
        import trafilatura

        trafilatura.extract(pages[0].read_bytes(), with_metadata=True)


def _profile(dirs: list[Path], out: str) -> None:
    import cProfile
    import pstats

    _warm(_pages(dirs[0]), False)
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
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per set (best is reported)")
    ap.add_argument("--no-trafilatura", action="store_true", help="time only ours")
    ap.add_argument("--profile", metavar="FILE", help="write a cProfile of ours to FILE instead of timing")
    args = ap.parse_args(argv)
    dirs = args.dirs or sorted(Path(__file__).resolve().parents[2].glob("shared/eval/html/*/pages"))
    if not dirs:
        print("no input directories", file=sys.stderr)
        return 1
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
        pages = _pages(d)
        size = sum(p.stat().st_size for p in pages)
        _warm(pages, with_traf)
        ours: list[tuple[float, float]] = []
        traf: list[tuple[float, float]] = []
        for _ in range(max(1, args.repeat)):
            dt, cpu, n, docs = _ours(d)
            ours.append((dt, cpu))
            if with_traf:
                tdt, tcpu, tgot = _trafilatura(pages)
                traf.append((tdt, tcpu))
        wall, cpu = min(w for w, _ in ours), min(c for _, c in ours)
        print(f"{d}: {n} pages ({docs} documents), {size / 1e6:.1f} MB", flush=True)
        print(f"  ours        {n / cpu:6.1f} pages/s CPU ({cpu:.2f} s), {n / wall:6.1f} pages/s wall "
              f"({wall:.2f} s), {size / 1e6 / cpu:.2f} MB/s CPU", flush=True)
        if with_traf:
            twall, tcpu = min(w for w, _ in traf), min(c for _, c in traf)
            print(f"  trafilatura {len(pages) / tcpu:6.1f} pages/s CPU ({tcpu:.2f} s), "
                  f"{len(pages) / twall:6.1f} pages/s wall ({twall:.2f} s), {tgot} pages with text", flush=True)
            print(f"  ratio ours/trafilatura: {tcpu / cpu * n / len(pages):.2f} CPU, "
                  f"{twall / wall * n / len(pages):.2f} wall", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
