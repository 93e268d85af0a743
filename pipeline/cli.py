"""Command line: ``policy-extract run|crawl|schema|eval|load|review|export``."""
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
                       help="per-document function (default pipeline.batch.work:process_document)")

    _add_crawl_parser(sub)

    sch = sub.add_parser("schema", help="print the JSON Schema of a documents.jsonl line")
    sch.add_argument("--model", choices=["document", "figure", "error"], default="document")

    ev = sub.add_parser("eval", help="grade a documents.jsonl (or any predictions JSONL) against a gold JSONL")
    ev.add_argument("gold")
    ev.add_argument("pred")

    load = sub.add_parser("load", help="load a run's output into a database")
    load.add_argument("dir", help="output directory of a run")
    load.add_argument("--db", default=None, help="sqlite:///path.db (default: DIR/policy.db) or postgresql://...")

    rev = sub.add_parser("review", help="build a static review site of a run (figures marked in the text, "
                                        "charts, tables)")
    rev.add_argument("dir", help="output directory of a run")
    rev.add_argument("--out", default=None, metavar="DIR", help="where the site goes (default: DIR/review)")
    rev.add_argument("--serve", action="store_true", help="then serve it on http://127.0.0.1:PORT/ until Ctrl-C")
    rev.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000; 0 = any free port)")

    exp = sub.add_parser("export", help="write a run's figures as a table: one row per figure")
    exp.add_argument("dir", help="output directory of a run")
    exp.add_argument("--format", required=True, choices=["csv", "parquet"],
                     help="csv (UTF-8 with BOM) or parquet (typed columns; needs pyarrow)")
    exp.add_argument("--out", default=None, metavar="FILE", help="output file (default: DIR/figures.csv|parquet)")
    return ap


_CRAWL_EPILOG = """\
caps (0 = no limit; defaults from pipeline/crawl/settings.toml):
  --max-depth N        link hops from a start URL. Following a link from a listing to an article is
                       one hop; the next page of a listing (pagination) and the entries of a sitemap
                       or feed are not, so a long news section is read to its end.
  --max-pages N        requests sent to the network in this crawl (robots.txt not counted; retries
                       and conditional requests answered 304 Not Modified are). When reached, nothing
                       more is requested: what was found and not fetched stays on the frontier, and
                       running the same command again continues from there.
  --max-page-bytes N   one response body. A larger page is dropped (refused up front when its
                       Content-Length says so, else cut off at the cap) and counted as too_large.
  --max-total-bytes N  all response bodies of this crawl together; stops like --max-pages (the
                       requests already in flight when it is reached still finish).

output (DIR):
  warc/SESSION-RUN.warc.gz   request + response records of the article pages: policy-extract run reads it
  pages.ndjson               one JSON line per fetched page: url, fetched_at, status, encoding, bytes, kind, change
  crawl-summary.json         what was fetched, what was new or changed, what was skipped and why
  .crawl/                    state (seen URLs, ETag/Last-Modified, hashes, frontier) and the HTTP cache

Run it again to fetch only what is new or changed; an interrupted crawl (Ctrl-C) resumes where it stopped.
example:
  policy-extract crawl https://kjj.example.gov.cn/xwzx/ --out crawl/kjj
  policy-extract run crawl/kjj/warc --out out/kjj
  policy-extract load out/kjj
"""


def _add_crawl_parser(sub) -> None:
    cr = sub.add_parser("crawl", help="crawl a site's news section into a WARC file (Scrapy)",
                        description="Crawl from START_URLs (listing pages of a site's news section) to a WARC "
                                    "file of its articles, politely and incrementally.",
                        epilog=_CRAWL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    cr.add_argument("start_urls", nargs="+", metavar="START_URL", help="listing pages to start from")
    cr.add_argument("--out", required=True, metavar="DIR", help="crawl directory (created; reused by later crawls)")
    g = cr.add_argument_group("scope")
    g.add_argument("--allow-private", action="store_true",
                   help="allow hosts that resolve to private, loopback or link-local addresses (as for run --urls)")
    g.add_argument("--domain", action="append", default=[], metavar="DOMAIN",
                   help="also crawl this domain and its subdomains (repeatable)")
    g.add_argument("--prefix", action="append", default=[], metavar="PATH",
                   help="also crawl this folder on the allowed hosts, e.g. /art/ (repeatable)")
    g.add_argument("--any-path", action="store_true", help="crawl every folder of the start URLs' hosts")
    g.add_argument("--sitemap", action="append", default=[], metavar="URL",
                   help="a sitemap to read (robots.txt Sitemap: lines and /sitemap.xml are tried anyway)")
    g.add_argument("--feed", action="append", default=[], metavar="URL",
                   help="an RSS/Atom feed to read (feeds a page announces are found anyway)")
    c = cr.add_argument_group("caps (0 = no limit; details below)")
    c.add_argument("--max-depth", type=int, metavar="N", help="link hops from a start URL (default 10)")
    c.add_argument("--max-pages", type=int, metavar="N", help="requests sent in this crawl (default 10000)")
    c.add_argument("--max-page-bytes", type=int, metavar="N", help="bytes of one response (default 10000000)")
    c.add_argument("--max-total-bytes", type=int, metavar="N",
                   help="bytes of all responses of this crawl (default 2000000000)")
    p = cr.add_argument_group("politeness and fetching")
    p.add_argument("--delay", type=float, metavar="SECONDS",
                   help="seconds between requests to one host: the floor of AutoThrottle (robots.txt Crawl-delay wins "
                        "if longer; default 1)")
    p.add_argument("--concurrency", type=int, metavar="N", help="requests in flight per host (default 2)")
    p.add_argument("--retries", type=int, metavar="N", help="extra attempts after a 5xx, 429 or network error (default 3)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds for one response (default 30)")
    p.add_argument("--no-http-cache", action="store_true", help="do not keep the HTTP cache (DIR/.crawl/httpcache)")
    p.add_argument("--settings", metavar="FILE", help="a TOML file overriding pipeline/crawl/settings.toml")
    i = cr.add_argument_group("incremental")
    i.add_argument("--recheck", action="store_true",
                   help="also revalidate articles archived by earlier crawls (conditional requests; changed ones "
                        "are archived again)")
    i.add_argument("--full", action="store_true", help="request and archive every page again, changed or not")
    cr.add_argument("--quiet", action="store_true", help="log warnings only")


def _crawl(args: argparse.Namespace) -> int:
    from .crawl import CrawlLocked, CrawlOptions, CrawlSettings, crawl

    try:
        settings = CrawlSettings.load(args.settings, per_host_delay=args.delay,
                                      concurrent_requests_per_host=args.concurrency, retries=args.retries,
                                      download_timeout=args.timeout, max_depth=args.max_depth,
                                      max_pages=args.max_pages, max_page_bytes=args.max_page_bytes,
                                      max_total_bytes=args.max_total_bytes,
                                      http_cache=False if args.no_http_cache else None)
        summary = crawl(CrawlOptions(start_urls=args.start_urls, out=args.out, settings=settings,
                                     allow_private=args.allow_private, domains=args.domain, prefixes=args.prefix,
                                     any_path=args.any_path, sitemaps=args.sitemap, feeds=args.feed,
                                     recheck=args.recheck, full=args.full,
                                     log_level="WARNING" if args.quiet else "INFO"))
    except (CrawlLocked, ValueError, OSError, ImportError) as exc:
        print(f"policy-extract crawl: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # a second Ctrl-C: Scrapy stopped at once
        print("interrupted: run the same command again to resume", file=sys.stderr)
        return 130
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    print(f"crawl: {summary['message']}", file=sys.stderr)
    if summary["finish_reason"] == "interrupted":
        return 130
    read = summary["requests"]["network_pages"] or summary["requests"]["from_cache"]
    return 0 if read else 1  # 1: not a single page could be read (refused, unreachable)


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
        from .batch import DEFAULT_PROCESSOR, RunLocked, RunOptions, run

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
    if args.command == "crawl":
        return _crawl(args)
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
    if args.command == "review":
        from .review import ReviewError, build_site, serve

        try:
            info = build_site(args.dir, args.out)
        except ReviewError as exc:
            print(f"policy-extract review: {exc}", file=sys.stderr)
            return 2
        print(json.dumps(info, ensure_ascii=False))
        if args.serve:
            serve(info["out"], args.port)
        else:
            print(f"open {info['out']}/index.html in a browser, or serve it: policy-extract review {args.dir} "
                  f"--serve", file=sys.stderr)
        return 0
    if args.command == "export":
        from .export import export_figures

        try:
            info = export_figures(args.dir, args.format, args.out)
        except (OSError, RuntimeError) as exc:  # no run output, no pyarrow
            print(f"policy-extract export: {exc}", file=sys.stderr)
            return 2
        print(json.dumps(info, ensure_ascii=False))
        return 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
