"""Serve a built review site on 127.0.0.1 (``policy-extract review RUN_DIR --serve``).

Only the loopback address is bound: the site shows whole documents, so it is not offered to the
network. Files are served with their charset, ``nosniff`` and the same Content-Security-Policy the
pages declare.
"""
from __future__ import annotations

import functools
import http.server
import logging
from pathlib import Path

__all__ = ["HOST", "make_server", "serve"]

HOST = "127.0.0.1"
log = logging.getLogger(__name__)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
       "form-action 'none'")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8",
                      ".svg": "image/svg+xml", ".png": "image/png"}

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.address_string(), *args)


def make_server(site_dir: str | Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``site_dir`` on 127.0.0.1:``port`` (0 picks a free port), not yet serving."""
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"no index.html in {site}: build it first (policy-extract review RUN_DIR)")
    handler = functools.partial(_Handler, directory=str(site))
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve(site_dir: str | Path, port: int = 8000) -> None:
    """Serve ``site_dir`` on http://127.0.0.1:``port``/ until Ctrl-C."""
    server = make_server(site_dir, port)
    host, real_port = server.server_address[:2]
    print(f"serving {site_dir} at http://{host}:{real_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
