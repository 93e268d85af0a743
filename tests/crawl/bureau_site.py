"""A Chinese science-and-technology bureau's news section, served by the tests on 127.0.0.1.

``http://127.0.0.1:PORT/xwzx/`` in GBK (declared gb2312 in the pages, GBK or nothing in the
headers), TRS-style: three listing pages (``index.html``, ``index_1.html``, ``index_2.html``; the
first announces the others only through ``createPageHTML(3, 0, "index", "html")``, the others
also link 上一页/下一页/首页), 30 articles ``/xwzx/YYYYMM/tYYYYMMDD_ID.html`` with ETag and
Last-Modified (304 to a matching conditional request), a robots.txt that disallows
``/xwzx/nbzl/`` and names a sitemap (the newest ten articles with ``lastmod``), an RSS feed
announced by the listings, and traps: a redirect loop, an article that answers 500 once, a page
over the size cap, links to another domain, to a folder outside ``/xwzx/``, to a PDF, a tag page
and a search page. Every request is logged.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from time import mktime

PAGE_SIZE = 11
OTHER_DOMAIN = "http://www.other-bureau.example"
HUGE_BYTES = 600_000  # the tests cap pages at 300 kB

TOPICS = [("高新技术企业", "家"), ("研发经费投入", "亿元"), ("技术合同成交额", "亿元"), ("科技型中小企业", "家"),
          ("省级重点实验室", "个"), ("专利授权量", "件"), ("众创空间", "个"), ("科技成果转化项目", "项")]


@dataclass
class Article:
    id: int
    day: date
    edits: int = 0

    @property
    def path(self) -> str:
        return f"/xwzx/{self.day:%Y%m}/t{self.day:%Y%m%d}_{self.id}.html"

    @property
    def title(self) -> str:
        topic = TOPICS[self.id % len(TOPICS)][0]
        return f"江川市{topic}工作取得新进展（第{self.id}号）"

    def paragraphs(self) -> list[str]:
        topic, unit = TOPICS[self.id % len(TOPICS)]
        n = self.id
        paras = [
            f"{self.day.month}月{self.day.day}日，记者从江川市科学技术局获悉，截至{self.day.year}年{self.day.month}月底，"
            f"全市{topic}达到{100 + n * 7}{unit}，比上年同期增长{5 + n % 9}.{n % 10}%，总量居全省第{n % 5 + 1}位。",
            f"今年以来，全市累计兑现各类科技奖补资金{n % 7 + 1}.{n % 9}亿元，惠及企业{200 + n * 3}家；"
            f"规模以上工业企业研发经费支出同比增长{10 + n % 6}.{n % 4}%，占营业收入比重提高0.{n % 8 + 1}个百分点。",
            f"市科技局有关负责人表示，到2025年，全市{topic}力争达到{300 + n * 11}{unit}，"
            f"全社会研发投入强度达到{2 + n % 3}.{n % 10}%以上。",
        ]
        if self.edits:
            paras.append(f"（更新{self.edits}）另据统计，全市新增省级以上创新平台{self.edits + 30}家。")
        return paras

    def html(self, related: list["Article"]) -> str:
        rel = "".join(f'<li><a href="{a.path}">{a.title}</a><span>{a.day}</span></li>' for a in related)
        body = "".join(f"<p>　　{p}</p>\n" for p in self.paragraphs())
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{self.title}_工作动态_江川市科学技术局</title></head>
<body>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/xwzx/">新闻中心</a></li>
<li><a href="/zwgk/">政务公开</a></li><li><a href="/login.jsp">登录</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a></div>
<div class="article">
<h1 class="article-title">{self.title}</h1>
<div class="info">发布时间：{self.day:%Y-%m-%d} 09:30　来源：江川市科学技术局</div>
<div class="article-content">
{body}</div>
<div class="appendix">附件：<a href="/xwzx/{self.day:%Y%m}/P0{self.day:%Y%m%d}{self.id}.pdf">统计表.pdf</a></div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>{rel}</ul></div>
<div class="footer"><p>版权所有：江川市科学技术局　赣ICP备12345678号-1</p></div>
</body></html>
"""


class BureauSite:
    """The site and its HTTP server. ``start()`` / ``stop()``; ``requests`` logs (path, status, headers)."""

    def __init__(self, n_articles: int = 30):
        first = date(2023, 12, 10)
        self.articles = [Article(1000 + i, first + timedelta(days=i)) for i in range(1, n_articles + 1)]
        self.requests: list[tuple[str, int, dict[str, str]]] = []
        self.flaky = {self.articles[6].path}  # answers 500 once, then the page
        self.lock = threading.Lock()
        self.on_request = None  # a hook: called with the path of each request
        self.server: ThreadingHTTPServer | None = None

    # --- content --------------------------------------------------------------------------------
    @property
    def newest_first(self) -> list[Article]:
        return sorted(self.articles, key=lambda a: (a.day, a.id), reverse=True)

    def add_articles(self, n: int) -> list[Article]:
        last = max(self.articles, key=lambda a: a.day)
        new = [Article(last.id + 1 + i if last.id + 1 + i not in {a.id for a in self.articles} else 2000 + i,
                       last.day + timedelta(days=1 + i)) for i in range(n)]
        self.articles.extend(new)
        return new

    def article_urls(self) -> set[str]:
        return {self.url(a.path) for a in self.articles}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.server_address[1]

    def listing(self, page: int) -> str:
        arts = self.newest_first
        pages = max(1, -(-len(arts) // PAGE_SIZE))
        items = arts[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        lis = "".join(f'<li><a href="./{a.day:%Y%m}/t{a.day:%Y%m%d}_{a.id}.html" target="_blank">{a.title}</a>'
                      f"<span>{a.day}</span></li>\n" for a in items)
        nav = ""
        if page > 0:  # the first page writes its pagination with the script only
            prev = "index.html" if page == 1 else f"index_{page - 1}.html"
            nav = f'<a href="index.html">首页</a> <a href="{prev}">上一页</a> '
            if page + 1 < pages:
                nav += f'<a href="index_{page + 1}.html">下一页</a>'
        traps = ""
        if page == 0:
            traps = (f'<li><a href="/xwzx/nbzl/t20240110_900.html">内部资料：2024年工作要点（内部）</a></li>\n'
                     f'<li><a href="{OTHER_DOMAIN}/xwzx/202401/t20240105_1.html">兄弟单位：科技创新大会召开</a></li>\n'
                     f'<li><a href="/jgzn/index.html">机构职能</a></li>\n'
                     f'<li><a href="/xwzx/202401/t20240115_990.html">专题：科技活动周（转载）</a></li>\n'
                     f'<li><a href="/xwzx/202401/t20240116_995.html">2023年科技统计公报（全文）</a></li>\n'
                     f'<li><a href="/xwzx/202401/P020240105512345.pdf">2024年项目申报指南.pdf</a></li>\n'
                     f'<li><a href="/xwzx/tag/科技创新.html">标签：科技创新</a></li>\n'
                     f'<li><a href="/xwzx/search.jsp?searchword=创新">站内搜索</a></li>\n')
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>工作动态_江川市科学技术局</title>
<link rel="alternate" type="application/rss+xml" title="工作动态" href="/xwzx/rss.xml" />
</head><body>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/xwzx/">新闻中心</a></li></ul></div>
<div class="list"><ul>
{lis}{traps}</ul></div>
<div class="page"><script>createPageHTML({pages}, {page}, "index", "html");</script> {nav}</div>
<div class="footer"><p>版权所有：江川市科学技术局　赣ICP备12345678号-1</p></div>
</body></html>
"""

    def sitemap(self) -> str:
        urls = "".join(f"<url><loc>{self.url(a.path)}</loc><lastmod>{a.day}{'T10:00:00+08:00' if a.edits else ''}"
                       f"</lastmod></url>\n" for a in self.newest_first[:10])
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')

    def rss(self) -> str:
        items = "".join(f"<item><title>{a.title}</title><link>{self.url(a.path)}</link>"
                        f"<pubDate>{formatdate(mktime(a.day.timetuple()), usegmt=True)}</pubDate></item>\n"
                        for a in self.newest_first[:5])
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>工作动态</title>'
                f"<link>{self.url('/xwzx/')}</link>\n{items}</channel></rss>\n")

    def saved_pages(self) -> dict[str, bytes]:
        """The article pages as bytes, by path (what a browser's "save page" would keep)."""
        return {a.path: self._article_bytes(a) for a in self.articles}

    def _article_bytes(self, a: Article) -> bytes:
        others = [b for b in self.newest_first if b.id != a.id][:3]
        return a.html(others).encode("gbk")

    # --- HTTP -----------------------------------------------------------------------------------
    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        by_path = {a.path: a for a in self.articles}
        gbk = {"Content-Type": "text/html; charset=GBK"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, (
                f"User-agent: *\nDisallow: /xwzx/nbzl/\nSitemap: {self.url('/sitemap_xwzx.xml')}\n").encode()
        if path == "/sitemap_xwzx.xml":
            return 200, {"Content-Type": "application/xml"}, self.sitemap().encode()
        if path == "/xwzx/rss.xml":
            return 200, {"Content-Type": "application/rss+xml"}, self.rss().encode()
        if path in ("/xwzx/", "/xwzx/index.html"):
            return 200, {"Content-Type": "text/html"}, self.listing(0).encode("gbk")
        if path.startswith("/xwzx/index_") and path.endswith(".html"):
            n = path[len("/xwzx/index_"):-len(".html")]
            if n.isdigit() and int(n) * PAGE_SIZE < len(self.articles):
                return 200, gbk, self.listing(int(n)).encode("gbk")
        if path == "/xwzx/202401/t20240115_990.html":  # a redirect loop
            return 302, {"Location": "/xwzx/202401/t20240115_991.html"}, b""
        if path == "/xwzx/202401/t20240115_991.html":
            return 302, {"Location": "/xwzx/202401/t20240115_990.html"}, b""
        if path == "/xwzx/202401/t20240116_995.html":  # over the size cap
            filler = "<p>　　附表：" + "统计数据" * 40 + "</p>\n"
            page = "<html><body><h1>2023年科技统计公报</h1>" + filler * (HUGE_BYTES // len(filler.encode("gbk")) + 1)
            return 200, gbk, (page + "</body></html>").encode("gbk")
        if path in self.flaky:
            self.flaky.discard(path)
            return 500, {"Content-Type": "text/html"}, b"<html><body>Internal Server Error</body></html>"
        if path in by_path:
            a = by_path[path]
            body = self._article_bytes(a)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = formatdate(mktime((a.day + timedelta(days=a.edits)).timetuple()), usegmt=True)
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            ctype = gbk if a.id % 2 else {"Content-Type": "text/html"}
            return 200, {**ctype, "ETag": etag, "Last-Modified": modified}, body
        if path.startswith("/xwzx/nbzl/"):  # exists, but robots.txt keeps crawlers out
            return 200, gbk, "<html><body><p>内部资料，请勿外传。</p></body></html>".encode("gbk")
        return 404, {"Content-Type": "text/html"}, b"<html><body>404 Not Found</body></html>"

    def start(self) -> "BureauSite":
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - http.server's naming
                from urllib.parse import unquote

                path = unquote(self.path.split("?", 1)[0])
                hdrs = {k.lower(): v for k, v in self.headers.items()}
                with site.lock:
                    status, headers, body = site.respond(path, hdrs)
                    site.requests.append((self.path, status, hdrs))
                if site.on_request is not None:
                    site.on_request(path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the crawler hung up (size cap)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def paths_requested(self) -> list[str]:
        with self.lock:
            return [p.split("?", 1)[0] for p, _, _ in self.requests]
