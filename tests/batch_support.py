"""Support for the batch tests (runner, export, load, Dask) and benchmarks/bench_batch.py.

* :func:`process`: a stand-in extractor, ``processor="batch_support:process"``: deterministic and
  fast, so that the runner tests do not depend on extraction quality (the tests directory is on
  ``sys.path``; subprocesses get it through ``PYTHONPATH``, see :func:`subprocess_env`). Markers
  in a document's text trigger failures:

  - ``RAISE_ERROR``: the processor raises (an ``E020_extract`` record);
  - ``CRASH_WORKER``: the worker process exits abruptly (``os._exit``) every time;
  - ``CRASH_ONCE``: the worker exits abruptly the first time only (needs ``BATCH_FAKE_DIR``);
  - ``HANG_FOREVER``: the processor sleeps for an hour (for the per-document timeout).

  ``BATCH_FAKE_SLEEP`` (seconds) slows every document down; ``BATCH_FAKE_REAL=1`` runs the real
  :func:`pipeline.runner.process_document` after the markers are checked.
* :func:`write_corpus`: a synthetic archive of Chinese and English policy sentences with varied
  numbers (and some repeated texts under new ids); :func:`write_html_corpus`: the same documents
  as HTML pages (navigation, related links, scripts, footer around the article) in WARC archives.
* :func:`postgres_url`: the test server started by ``scripts/postgres.sh``, or None.
"""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.page import PendingPage
from pipeline.models import Document, Figure

ROOT = Path(__file__).resolve().parents[1]
FAKE = "batch_support:process"

_NUM = re.compile(r"\d+(?:\.\d+)?%?")


def fake_figures(text: str) -> list[Figure]:
    figs = []
    for m in _NUM.finditer(text):
        s = m.group()
        pct = s.endswith("%")
        figs.append(Figure(text=s, start=m.start(), end=m.end(), kind="percent" if pct else "count",
                           value=float(s.rstrip("%")), rule="fake.v1"))
    return figs


def _in_worker() -> bool:
    name = multiprocessing.current_process().name
    return multiprocessing.parent_process() is not None or "Dask" in name or "dask" in name


def process(doc: Document, link: bool = True):
    text = doc.text
    if "RAISE_ERROR" in text:
        raise ValueError("fake extractor failure")
    if "CRASH_WORKER" in text and _in_worker():
        os._exit(3)
    if "CRASH_ONCE" in text and _in_worker():
        marker = Path(os.environ["BATCH_FAKE_DIR"]) / f"crashed-{doc.doc_id}"
        if not marker.exists():
            marker.write_text("1")
            os._exit(4)
    if "HANG_FOREVER" in text:
        time.sleep(3600)
    delay = float(os.environ.get("BATCH_FAKE_SLEEP", "0") or 0)
    if delay:
        time.sleep(delay)
    if os.environ.get("BATCH_FAKE_REAL") == "1":
        from pipeline.runner import process_document

        return process_document(doc, link=link)
    return doc.model_copy(update={"figures": fake_figures(text)})


def interrupt_after_commits(monkeypatch, commits: int):
    """Make a run raise KeyboardInterrupt (Ctrl-C) when it is about to commit one chunk more than ``commits``;
    returns a function that puts the real commit back (for the resumed run)."""
    from pipeline.batch import journal

    real_commit = journal.RunState.commit
    n = {"commits": 0}

    def commit(self, chunk, results):
        if n["commits"] == commits:
            raise KeyboardInterrupt
        n["commits"] += 1
        return real_commit(self, chunk, results)

    monkeypatch.setattr(journal.RunState, "commit", commit)
    return lambda: monkeypatch.setattr(journal.RunState, "commit", real_commit)


def real_extractor_works() -> bool:
    """True when ``pipeline.api.extract_figures`` runs on a Chinese and an English sentence."""
    try:
        from pipeline.api import extract_figures

        extract_figures("2023年全市研发投入增长5%。", lang="zh")
        extract_figures("Investment rose 5% in 2023.", lang="en")
        return True
    except Exception:  # noqa: BLE001 - the extraction engine is being written in parallel
        return False


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


# ---------------------------------------------------------------------------------------------
# synthetic corpus
# ---------------------------------------------------------------------------------------------

_CITIES_ZH = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "合肥", "苏州", "西安", "南京"]
_CITIES_EN = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan", "Hefei", "Suzhou"]
_ZH = [
    "{y}年，{c}全社会研发投入达到{n}亿元，同比增长{p}%。",
    "到{y}年，{c}高新技术企业数量力争突破{k}家。",
    "{c}计划在{y}年前新建{k}个科技创新平台，总投资{n}亿元。",
    "今年以来，{c}规模以上工业增加值增长{p}%，增速比上年提高{q}个百分点。",
    "{c}将安排专项资金{m}万元，支持{k}个重点项目建设。",
    "全年技术合同成交额{n}亿元，增长{p}%，占地区生产总值的比重为{q}%。",
]
_EN = [
    "In {y}, {c} invested {n} billion yuan in research and development, up {p}% year on year.",
    "{c} aims to have more than {k} high-tech enterprises by {y}.",
    "The city government will allocate {m} million yuan to support {k} key projects.",
    "Industrial output grew by {p} percent, {q} percentage points faster than last year.",
    "{c} plans to build {k} innovation platforms before {y}, with a total investment of {n} billion yuan.",
]


def _sentence(r: random.Random, zh: bool) -> str:
    t = r.choice(_ZH if zh else _EN)
    return t.format(y=r.randint(2015, 2030), c=r.choice(_CITIES_ZH if zh else _CITIES_EN),
                    n=f"{r.randint(1, 999)}.{r.randint(0, 9)}", p=f"{r.randint(1, 30)}.{r.randint(0, 9)}",
                    q=f"{r.randint(0, 5)}.{r.randint(1, 9)}", k=r.randint(3, 5000), m=r.randint(100, 90000))


def corpus_records(n: int, *, seed: int = 7, dup_every: int = 97) -> list[dict]:
    """``n`` JSONL records (``id``, ``text``, ``lang``, ``published``, ``title``); every ``dup_every``-th
    record repeats the text of an earlier one under a new id."""
    r = random.Random(seed)
    recs: list[dict] = []
    for i in range(n):
        zh = i % 3 != 2
        if dup_every and i and i % dup_every == 0:
            src = recs[r.randrange(len(recs))]
            text, zh, published = src["text"], src["lang"] == "zh", src["published"]
        else:
            sep = "" if zh else " "
            text = sep.join(_sentence(r, zh) for _ in range(r.randint(2, 4)))
            published = f"{r.randint(2016, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        recs.append({"id": f"doc-{i:06d}", "lang": "zh" if zh else "en", "published": published,
                     "title": f"{'政策新闻' if zh else 'Policy news'} {i}", "text": text})
    return recs


def write_corpus(path: Path, n: int, *, seed: int = 7, files: int = 1) -> list[Path]:
    """Write ``n`` records as ``files`` JSONL files named ``part-XXX.jsonl`` in ``path`` (a directory)."""
    path.mkdir(parents=True, exist_ok=True)
    recs = corpus_records(n, seed=seed)
    per = -(-n // files)
    out = []
    for f in range(files):
        p = path / f"part-{f:03d}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for rec in recs[f * per:(f + 1) * per]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out.append(p)
    return out


_STYLE = "".join(f".c{i} {{ margin: {i}px; padding: 0 {i % 7}px; color: #{i * 4099 % 0xffffff:06x}; }}\n"
                 for i in range(60))
_SCRIPT = "".join(f"var m{i} = document.getElementById('m{i}'); if (m{i}) {{ m{i}.onclick = function () "
                  f"{{ window.open('/s/{i}.html'); }}; }}\n" for i in range(40))


def html_page(rec: dict, r: random.Random) -> str:
    """A news page around ``rec`` (a :func:`corpus_records` record): about 20 KB, most of it boilerplate."""
    zh = rec["lang"] == "zh"
    sep = "" if zh else " "
    parts = [x for x in re.split(r"(?<=。)|(?<=\.) ", rec["text"]) if x]
    paras = [sep.join(parts[i:i + 2]) for i in range(0, len(parts), 2) if "".join(parts[i:i + 2]).strip()]
    nav = ["首页", "政务公开", "科技动态", "政策法规", "办事服务", "互动交流", "专题专栏", "数据发布"] if zh else \
        ["Home", "China", "World", "Business", "Sci-Tech", "Culture", "Photos", "Video"]
    links = "".join(f'<li><a href="/news/{r.randint(10**5, 10**6)}.html">{_sentence(r, zh)[:40]}</a>'
                    f'<span>{r.randint(2016, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}</span></li>\n'
                    for _ in range(30))
    menu = "".join(f'<li class="c{i}"><a href="/{i}/">{nav[i % len(nav)]}{i}</a><ul>'
                   + "".join(f'<li><a href="/{i}/{j}/">{nav[j % len(nav)]}</a></li>' for j in range(6))
                   + "</ul></li>\n" for i in range(12))
    body = "".join(f'<p style="text-indent:2em;">{p}</p>\n' for p in paras)
    title = rec["title"]
    return f"""<!DOCTYPE html>
<html lang="{rec['lang']}"><head><meta charset="utf-8"><title>{title}_{'政策新闻网' if zh else 'Policy News'}</title>
<meta name="PubDate" content="{rec['published']} 09:30"><meta name="ArticleTitle" content="{title}">
<style>{_STYLE}</style><script>{_SCRIPT}</script></head>
<body><div class="header"><div class="logo"></div><ul class="menu">{menu}</ul></div>
<div class="position">{'当前位置' if zh else 'You are here'}: <a href="/">{nav[0]}</a> &gt; <a href="/2/">{nav[2]}</a></div>
<div class="main"><div class="article"><h1>{title}</h1>
<div class="info"><span>{rec['published']} 09:30</span><span>{'来源：本网' if zh else 'Source: Policy News'}</span></div>
<div class="content" id="zoom">{body}</div>
<div class="share"><a href="#">WeChat</a> <a href="#">Weibo</a> <a href="javascript:window.print()">Print</a></div></div>
<div class="sidebar"><h3>{'相关新闻' if zh else 'Related'}</h3><ul>{links}</ul></div></div>
<div class="footer"><p>{'主办：政策新闻网 版权所有' if zh else 'Copyright Policy News. All rights reserved.'}</p>
<p><a href="/about/">About</a> | <a href="/contact/">Contact</a> | <a href="/sitemap/">Sitemap</a></p></div>
<script>{_SCRIPT[:800]}</script></body></html>
"""


def write_html_corpus(path: Path, n: int, *, seed: int = 7, files: int = 1) -> list[Path]:
    """The ``n`` documents of :func:`write_corpus` as HTML pages (:func:`html_page`), in ``files``
    gzipped WARC archives ``part-XXX.warc.gz`` in ``path`` (a directory)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.mkdir(parents=True, exist_ok=True)
    recs = corpus_records(n, seed=seed)
    r = random.Random(seed + 1)
    per = -(-n // files)
    out = []
    for f in range(files):
        p = path / f"part-{f:03d}.warc.gz"
        with p.open("wb") as fh:
            w = WARCWriter(fh, gzip=True)
            for rec in recs[f * per:(f + 1) * per]:
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                page = html_page(rec, r).encode("utf-8")
                w.write_record(w.create_warc_record(f"https://news.example.cn/{rec['id']}.html", "response",
                                                    payload=io.BytesIO(page), http_headers=headers))
        out.append(p)
    return out


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

PG_HINT = "run `bash scripts/postgres.sh` (CI does, in scripts/test.sh) or set POLICY_EXTRACT_PG_URL"


def postgres_url() -> tuple[str | None, str]:
    """``(url, "")`` for a reachable server, else ``(None, reason)``.

    The URL comes from ``POLICY_EXTRACT_PG_URL``, else from the file scripts/postgres.sh writes
    (``$POLICY_EXTRACT_PG_ROOT/url``, default ``$TMPDIR/policy-extract-pg/url``).
    """
    url = os.environ.get("POLICY_EXTRACT_PG_URL")
    if not url:
        root = Path(os.environ.get("POLICY_EXTRACT_PG_ROOT") or Path(tempfile.gettempdir()) / "policy-extract-pg")
        try:
            url = (root / "url").read_text().strip()
        except OSError:
            return None, f"no PostgreSQL server configured ({PG_HINT})"
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed (pip install 'policy-extract[postgres]')"
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001
        return None, f"cannot connect to {url}: {exc} ({PG_HINT})"
    return url, ""


def with_search_path(url: str, schema: str) -> str:
    """The URL with ``search_path`` set to ``schema`` (one schema per test keeps tests apart)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@dataclass
class CrashingPage(PendingPage):
    """A page whose cleaning kills its process when the bytes hold ``CRASH_CLEANER``, or takes a
    minute when they hold ``SLOW_CLEANER`` (in a helper process only; :mod:`pipeline.batch.pages`)."""

    def resolve(self):
        if multiprocessing.parent_process() is not None:
            if b"CRASH_CLEANER" in self.data:
                os._exit(5)
            if b"SLOW_CLEANER" in self.data:
                time.sleep(60)
        return super().resolve()
