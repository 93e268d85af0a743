"""Build the static review site of a run directory (``policy-extract review RUN_DIR``).

The site is plain files that open from disk (``file://``) or through ``--serve``:

``index.html``          overview: counts, charts (inline SVG), error codes, the densest documents
``documents.html``      every document and error record: search and filters (``data/documents.js``)
``figures.html``        every figure of the run: sort, filter, pages of 100 rows (``data/figures.js``)
``doc/N.html``          document ``N`` (its line in ``documents.jsonl``, 0-based): the text with its figures
``assets/``             ``review.css``, ``review.js`` (no CDN, no network)
``build.json``          what was built and how long it took

The data files are JavaScript (``window.PE_DATA.x = {...}``), not JSON fetched at run time, because a
page opened from ``file://`` may load scripts but not fetch files. Tables are columnar with
dictionary-encoded strings (a figure is a few small integers), so a 10,000-document run's figure
table loads in one file and filters and sorts in the browser; only one page of rows is in the DOM.

Documents are read one line at a time and their pages written as they are read: memory holds the
compact tables, not the texts. The site is built in a temporary directory next to ``out`` and
moved into place at the end; an existing ``out`` is replaced only if it is a review site (it holds
the marker file ``.policy-extract-review``).
"""
from __future__ import annotations

import heapq
import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from .highlight import highlight

__all__ = ["MARKER", "ReviewError", "build_site", "default_out"]

log = logging.getLogger(__name__)

MARKER = ".policy-extract-review"
KINDS = ["money", "percent", "ppt", "count", "quantity"]
ROLES = ["target", "actual"]
TOP_DOCS = 15


class ReviewError(Exception):
    """The run directory cannot be reviewed, or the output directory is not ours to replace."""


def default_out(run_dir: str | Path) -> Path:
    return Path(run_dir) / "review"


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("pipeline.review") / name))


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_package_dir("templates"))),
                      autoescape=select_autoescape(["html"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"), "sort_keys": False}
    env.filters["num"] = lambda v: f"{v:,}" if isinstance(v, int) else v
    return env


def _iter_json(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


class _Dict:
    """Dictionary encoding of a string column: value -> small integer, ``None`` -> -1."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, v: Any) -> int:
        if v is None:
            return -1
        v = str(v)
        i = self.index.get(v)
        if i is None:
            i = self.index[v] = len(self.values)
            self.values.append(v)
        return i


_FIG_DICT_COLS = ["kind", "role", "unit", "comparator", "change", "metric", "subject", "text", "rule"]
_FIG_NUM_COLS = ["year", "value", "high"]
_DOC_COLS = ["id", "title", "lang", "date", "nfig", "ntgt", "page", "err", "note", "chars"]


@dataclass
class _Tables:
    """The compact tables and the counts gathered while the documents stream past."""

    fig_dicts: dict[str, _Dict] = field(default_factory=lambda: {c: _Dict() for c in _FIG_DICT_COLS})
    fig_cols: dict[str, list[Any]] = field(
        default_factory=lambda: {c: [] for c in ["doc", "ord"] + _FIG_DICT_COLS + _FIG_NUM_COLS})
    doc_dicts: dict[str, _Dict] = field(default_factory=lambda: {"lang": _Dict(), "err": _Dict()})
    doc_cols: dict[str, list[Any]] = field(default_factory=lambda: {c: [] for c in _DOC_COLS})
    kinds: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    doc_langs: Counter = field(default_factory=Counter)
    fig_langs: Counter = field(default_factory=Counter)
    error_codes: Counter = field(default_factory=Counter)
    error_docs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    most: list[tuple[Any, ...]] = field(default_factory=list)      # heaps of (key, -n, summary)
    densest: list[tuple[Any, ...]] = field(default_factory=list)
    n_docs: int = 0
    n_figs: int = 0
    n_targets: int = 0
    n_sections: int = 0
    n_unmarked: int = 0

    def add_doc_row(self, *, id: str, title: str, lang: str | None, date: str | None, nfig: int, ntgt: int,
                    page: int, err: str | None, note: str, chars: int) -> None:
        c = self.doc_cols
        c["id"].append(id)
        c["title"].append(title)
        c["lang"].append(self.doc_dicts["lang"](lang))
        c["date"].append(date or "")
        c["nfig"].append(nfig)
        c["ntgt"].append(ntgt)
        c["page"].append(page)
        c["err"].append(self.doc_dicts["err"](err))
        c["note"].append(note)
        c["chars"].append(chars)


def _doc_title(doc: dict[str, Any]) -> str:
    if doc.get("title"):
        return str(doc["title"])
    first = next((ln.strip() for ln in doc.get("text", "").splitlines() if ln.strip()), "")
    return first[:80] + ("…" if len(first) > 80 else "")


def _push_top(heap: list[tuple[Any, ...]], item: tuple[Any, ...]) -> None:
    if len(heap) < TOP_DOCS:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _source_label(src: dict[str, Any] | None) -> str:
    if not src:
        return ""
    if src.get("url"):
        return str(src["url"])
    path = src.get("path") or ""
    if src.get("line"):
        return f"{path}:{src['line']}"
    return str(path)


def _bar_items(counter: Counter, order: list[str] | None, href: str, css: str | None = None,
               none_label: str = "none") -> list[dict[str, Any]]:
    keys = list(counter)
    if order is not None:
        keys = [k for k in order if k in counter] + sorted((k for k in keys if k not in order), key=str)
    items = []
    top = max(counter.values(), default=0) or 1
    for k in keys:
        n = counter[k]
        key = "none" if k is None else str(k)
        items.append({"key": key, "label": none_label if k is None else str(k), "count": n,
                      "width": max(1, round(200 * n / top)) if n else 0,
                      "href": href + key, "css": css or key})
    return items


def _year_items(counter: Counter) -> list[dict[str, Any]]:
    years = sorted(k for k in counter if k is not None)
    order = years + ([None] if None in counter else [])
    return _bar_items(counter, order, "figures.html#year=", css="year")  # type: ignore[arg-type]


class _Builder:
    def __init__(self, run_dir: Path, out: Path):
        self.run_dir = run_dir
        self.out = out
        self.env = _env()
        self.t = _Tables()
        self.run_name = run_dir.resolve().name

    # -- documents ---------------------------------------------------------------------------
    def documents(self, tmp: Path) -> None:
        path = self.run_dir / "documents.jsonl"
        total = _count_lines(path)
        tpl = self.env.get_template("document.html")
        dups = {d["doc_id"]: d.get("duplicate_of") for d in _iter_json(self.run_dir / "duplicates.jsonl")
                if d.get("doc_id")}
        (tmp / "doc").mkdir()
        t = self.t
        for n, doc in enumerate(_iter_json(path)):
            figs = doc.get("figures") or []
            sections = doc.get("sections") or []
            text = doc.get("text") or ""
            hl = highlight(text, figs, sections, doc.get("dateline"))
            t.n_unmarked += len(hl.unmarked)
            ntgt = 0
            panel = []
            lang = doc.get("lang")
            for i, f in enumerate(figs):
                t.n_figs += 1
                t.kinds[f.get("kind")] += 1
                t.roles[f.get("role")] += 1
                t.years[f.get("year")] += 1
                t.fig_langs[lang] += 1
                if f.get("role") == "target":
                    ntgt += 1
                cols = t.fig_cols
                cols["doc"].append(n)
                cols["ord"].append(i)
                for c in _FIG_DICT_COLS:
                    cols[c].append(t.fig_dicts[c](f.get(c)))
                for c in _FIG_NUM_COLS:
                    cols[c].append(f.get(c))
                panel.append({**f, "ordinal": i})
            t.n_targets += ntgt
            t.n_docs += 1
            t.n_sections += len(sections)
            t.doc_langs[lang] += 1
            title = _doc_title(doc)
            dl = doc.get("dateline") or {}
            note = f"duplicate of {dups[doc['doc_id']]}" if doc.get("doc_id") in dups else ""
            t.add_doc_row(id=doc.get("doc_id", ""), title=title, lang=lang,
                          date=dl.get("date") or doc.get("published"), nfig=len(figs), ntgt=ntgt, page=n,
                          err=None, note=note, chars=len(text))
            summary = (n, doc.get("doc_id", ""), title, lang, len(figs), ntgt, len(text))
            if figs:
                _push_top(t.most, (len(figs), -n, summary))
                _push_top(t.densest, (round(1000 * len(figs) / max(len(text), 1), 1), -n, summary))
            html = tpl.render(root="../", page="document", run_name=self.run_name, doc=doc, n=n, total=total,
                              title=title, text_html=hl.html, figures=panel, unmarked=hl.unmarked,
                              n_targets=ntgt, sections=sections, dateline=doc.get("dateline"),
                              source=_source_label(doc.get("source")), note=note,
                              kinds=[k for k in KINDS if any(f.get("kind") == k for f in figs)],
                              html_lang="en", doc_lang={"zh": "zh-Hans", "en": "en"}.get(lang or "", "und"))
            with open(tmp / "doc" / f"{n}.html", "w", encoding="utf-8") as fh:
                fh.write(html)

    def errors(self) -> None:
        t = self.t
        for rec in _iter_json(self.run_dir / "errors.jsonl"):
            code = rec.get("code") or "unknown"
            t.error_codes[code] += 1
            src = _source_label(rec.get("source"))
            lst = t.error_docs.setdefault(code, [])
            if len(lst) < 20:
                lst.append({"doc_id": rec.get("doc_id"), "reason": rec.get("reason", ""), "source": src})
            t.add_doc_row(id=rec.get("doc_id") or "", title=src, lang=None, date=None, nfig=0, ntgt=0,
                          page=-1, err=code, note=str(rec.get("reason", ""))[:300], chars=0)

    # -- data files --------------------------------------------------------------------------
    def data_files(self, tmp: Path) -> dict[str, int]:
        (tmp / "data").mkdir()
        t = self.t
        figures = {"n": t.n_figs, "col": t.fig_cols, "dict": {c: d.values for c, d in t.fig_dicts.items()},
                   "docs": {"id": t.doc_cols["id"][:t.n_docs], "lang": t.doc_cols["lang"][:t.n_docs]},
                   "langs": t.doc_dicts["lang"].values}
        documents = {"n": len(t.doc_cols["id"]), "col": t.doc_cols,
                     "dict": {c: d.values for c, d in t.doc_dicts.items()}}
        sizes = {}
        for name, obj in (("figures", figures), ("documents", documents)):
            body = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
            p = tmp / "data" / f"{name}.js"
            # JSON.parse of a string literal is faster for V8 than an object literal of the same size
            p.write_text(f"(window.PE_DATA=window.PE_DATA||{{}}).{name}=JSON.parse({json.dumps(body)});\n",
                         encoding="utf-8")
            sizes[name] = p.stat().st_size
        return sizes

    # -- pages -------------------------------------------------------------------------------
    def pages(self, tmp: Path) -> None:
        t = self.t
        summary = {}
        sp = self.run_dir / "summary.json"
        if sp.exists():
            try:
                summary = json.loads(sp.read_text(encoding="utf-8"))
            except ValueError:
                summary = {}
        n_errors = sum(t.error_codes.values())
        stats = [("documents", t.n_docs, "documents.html#status=ok"),
                 ("figures", t.n_figs, "figures.html"),
                 ("targets", t.n_targets, "figures.html#role=target"),
                 ("errors", n_errors, "documents.html#status=error"),
                 ("duplicates", sum(1 for x in t.doc_cols["note"] if x.startswith("duplicate of")),
                  "documents.html#status=duplicate"),
                 ("sections", t.n_sections, None)]
        charts = [
            {"id": "kind", "title": "Figures by kind",
             "items": _bar_items(t.kinds, KINDS, "figures.html#kind=")},
            {"id": "role", "title": "Figures by role",
             "items": _bar_items(t.roles, ROLES, "figures.html#role=")},
            {"id": "year", "title": "Figures by year", "items": _year_items(t.years)},
            {"id": "lang", "title": "Documents by language",
             "items": _bar_items(t.doc_langs, ["zh", "en", "mixed"], "documents.html#lang=", css="lang")},
        ]
        if t.error_codes:
            charts.append({"id": "error", "title": "Errors by code",
                           "items": _bar_items(t.error_codes, sorted(t.error_codes), "documents.html#status=",
                                               css="error")})
        errors = [{"code": c, "count": t.error_codes[c], "docs": t.error_docs.get(c, [])}
                  for c in sorted(t.error_codes)]

        def top(heap: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
            rows = []
            for _, _, (n, doc_id, title, lang, nfig, ntgt, chars) in sorted(heap, reverse=True):
                rows.append({"n": n, "doc_id": doc_id, "title": title, "lang": lang, "figures": nfig,
                             "targets": ntgt, "chars": chars,
                             "density": round(1000 * nfig / max(chars, 1), 1)})
            return rows

        common = {"root": "", "run_name": self.run_name, "html_lang": "en"}
        pages = {
            "index.html": ("overview.html", {"page": "overview", "stats": stats, "charts": charts,
                                             "errors": errors, "most": top(t.most), "densest": top(t.densest),
                                             "summary": summary, "run_dir": str(self.run_dir),
                                             "unmarked": t.n_unmarked}),
            "documents.html": ("documents.html", {"page": "documents"}),
            "figures.html": ("figures.html", {"page": "figures", "kinds": KINDS, "roles": ROLES}),
        }
        for name, (tpl, ctx) in pages.items():
            (tmp / name).write_text(self.env.get_template(tpl).render(**common, **ctx), encoding="utf-8")


def _check_out(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ReviewError(f"{out} exists and is not a review site built by policy-extract (no {MARKER}): "
                          "choose another --out")


def build_site(run_dir: str | Path, out: str | Path | None = None) -> dict[str, Any]:
    """Build the review site of ``run_dir`` into ``out`` (default ``run_dir/review``).

    Args:
        run_dir: the output directory of a finished run (``documents.jsonl``, ``errors.jsonl``, ...).
        out: where the site goes; an existing directory is replaced only if it is a review site.

    Returns:
        what was built: ``out``, ``documents``, ``figures``, ``errors``, ``seconds`` and data file sizes.

    Raises:
        ReviewError: no ``documents.jsonl`` in ``run_dir``, or ``out`` is some other directory.
    """
    t0 = time.perf_counter()
    run_dir = Path(run_dir)
    out = Path(out) if out is not None else default_out(run_dir)
    if not (run_dir / "documents.jsonl").is_file():
        raise ReviewError(f"no documents.jsonl in {run_dir}: is it the output directory of a finished run?")
    _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        b = _Builder(run_dir, out)
        shutil.copytree(_package_dir("static"), tmp / "assets")
        b.documents(tmp)
        b.errors()
        sizes = b.data_files(tmp)
        b.pages(tmp)
        info = {"out": str(out), "run_dir": str(run_dir.resolve()), "documents": b.t.n_docs,
                "figures": b.t.n_figs, "targets": b.t.n_targets, "errors": sum(b.t.error_codes.values()),
                "unmarked": b.t.n_unmarked, "data_bytes": sizes,
                "seconds": round(time.perf_counter() - t0, 3)}
        (tmp / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        (tmp / MARKER).write_text("a review site built by `policy-extract review`; safe to delete\n",
                                  encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    info["seconds"] = round(time.perf_counter() - t0, 3)
    log.info("review site of %s: %d documents, %d figures in %.1f s -> %s", run_dir, info["documents"],
             info["figures"], info["seconds"], out)
    return info


def _swap(tmp: Path, out: Path) -> None:
    """Put the new site in place of the old one (two renames; the old one is deleted afterwards)."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
