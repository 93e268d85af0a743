"""Throughput of the ingest + cleaning stages on a directory of HTML pages.

    python benchmarks/bench_html.py [DIR ...]   (default: ../shared/eval/html/*/pages)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.ingest import iter_documents  # noqa: E402
from pipeline.models import Document  # noqa: E402


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or sorted(Path(__file__).resolve().parents[2].glob("shared/eval/html/*/pages"))
    if not dirs:
        print("no input directories", file=sys.stderr)
        return 1
    for d in dirs:
        size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
        t0 = time.perf_counter()
        items = list(iter_documents([d]))
        dt = time.perf_counter() - t0
        docs = sum(isinstance(i, Document) for i in items)
        print(f"{d}: {len(items)} pages ({docs} documents), {size / 1e6:.1f} MB in {dt:.2f} s: "
              f"{len(items) / dt:.1f} pages/s, {size / 1e6 / dt:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
