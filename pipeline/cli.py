"""Command line: ``policy-extract run|schema|load``."""
from __future__ import annotations

import argparse
import json
import logging
import sys


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policy-extract", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract figures from documents")
    g_in = run.add_argument_group("input")
    g_in.add_argument("inputs", nargs="*", help=".jsonl, .txt, .html/.htm(.gz), .warc(.gz) files or directories")
    g_in.add_argument("--urls", metavar="FILE", help="a file with one URL per line to fetch")
    g_in.add_argument("--allow-private", action="store_true",
                      help="allow fetching hosts that resolve to private, loopback or link-local addresses")
    g_in.add_argument("--cache-dir", metavar="DIR", help="HTTP cache directory for --urls (default: cache_dir of pipeline/ingest/settings.toml, .cache/http)")
    g_out = run.add_argument_group("output")
    g_out.add_argument("--out", required=True, metavar="DIR", help="output directory")
    g_run = run.add_argument_group("execution")
    g_run.add_argument("--workers", type=int, default=1, help="worker processes on this machine")
    g_run.add_argument("--engine", choices=["local", "dask"], default="local")
    g_run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    g_run.add_argument("--no-link", action="store_true", help="skip linking (role, year, metric, subject)")
    g_run.add_argument("--quiet", action="store_true", help="no progress output")
    g_run.add_argument("--chunk-size", type=int, default=200, metavar="N",
                       help="documents per chunk: the unit of parallel work, of commit and of resume (default 200)")
    g_run.add_argument("--doc-timeout", type=float, default=300.0, metavar="SECONDS",
                       help="stop a document that takes longer and record it as an error (local engine; "
                            "0 = no limit; default 300)")
    g_run.add_argument("--keep-state", action="store_true",
                       help="keep DIR/.state/segments after the run (a rerun on changed inputs then redoes only "
                            "the changed chunks)")
    g_run.add_argument("--processor", default=None, metavar="MODULE:FUNCTION",
                       help="per-document function (default pipeline.runner:process_document)")

    sch = sub.add_parser("schema", help="print the JSON Schema of a documents.jsonl line")
    sch.add_argument("--model", choices=["document", "figure", "error"], default="document")

    ev = sub.add_parser("eval", help="grade a documents.jsonl (or any predictions JSONL) against a gold JSONL")
    ev.add_argument("gold")
    ev.add_argument("pred")

    load = sub.add_parser("load", help="load a run's output into a database")
    load.add_argument("dir", help="output directory of a run")
    load.add_argument("--db", default=None, help="sqlite:///path.db (default: DIR/policy.db) or postgresql://...")
    return ap


def _validate(args: argparse.Namespace, ap: argparse.ArgumentParser) -> None:
    if args.command == "run":
        if not args.inputs and not args.urls:
            ap.error("run needs at least one input or --urls FILE")
        if args.workers < 1:
            ap.error("--workers must be at least 1")
        if args.chunk_size < 1:
            ap.error("--chunk-size must be at least 1")
        if args.engine == "dask" and not args.scheduler:
            ap.error("--engine dask needs --scheduler ADDRESS (or 'local' for a LocalCluster)")


def main(argv: list[str] | None = None) -> int:
    ap = _build_parser()
    args = ap.parse_args(argv)
    _validate(args, ap)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if args.command == "schema":
        from .models import Document, ErrorRecord, Figure

        model = {"document": Document, "figure": Figure, "error": ErrorRecord}[args.model]
        print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.command == "run":
        from .runner import DEFAULT_PROCESSOR, RunLocked, RunOptions, run

        try:
            summary = run(RunOptions(inputs=args.inputs, out=args.out, urls_file=args.urls,
                                     allow_private=args.allow_private, cache_dir=args.cache_dir,
                                     workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                                     link=not args.no_link, progress=not args.quiet,
                                     chunk_size=args.chunk_size, doc_timeout=args.doc_timeout or None,
                                     keep_state=args.keep_state, processor=args.processor or DEFAULT_PROCESSOR))
        except KeyboardInterrupt:
            print("interrupted: run the same command again to resume", file=sys.stderr)
            return 130
        except RunLocked as exc:
            print(f"policy-extract run: {exc}", file=sys.stderr)
            return 1
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
        return 0
    if args.command == "eval":
        from .evaluate import load as load_jsonl, score

        print(json.dumps(score(load_jsonl(args.gold), load_jsonl(args.pred)), ensure_ascii=False, indent=2))
        return 0
    if args.command == "load":
        from .load import load_dir

        try:
            counts = load_dir(args.dir, args.db)
        except (OSError, ValueError) as exc:  # no run output, bad URL, no server
            print(f"policy-extract load: {exc}", file=sys.stderr)
            return 2
        print(json.dumps(counts, ensure_ascii=False))
        return 1 if counts.get("failed") else 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
