"""What a crawl directory remembers between crawls (``OUT/.crawl/state.sqlite``).

* ``sessions``: one row per crawl session (a crawl and its resumptions): when it started and
  ended, why it ended, whether it finished (an unfinished session is resumed by the next crawl).
* ``urls``: every URL the crawler decided to request: ``pending`` (discovered, not yet fetched:
  the frontier, what a resumed or capped crawl continues with), ``done`` (fetched: its kind,
  status, validators ``ETag``/``Last-Modified``, hash of the body and of the main text, the
  sitemap/feed date it was listed with, the WARC file that holds it) or ``failed`` (and why).

A page is marked done only after it was written to the WARC file, so a crash can at worst make a
resumed crawl fetch a page again, never lose one.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  started REAL NOT NULL,
  ended REAL,
  finish_reason TEXT,
  finished INTEGER NOT NULL DEFAULT 0,
  parts INTEGER NOT NULL DEFAULT 0,
  start_urls TEXT NOT NULL,
  summary TEXT
);
CREATE TABLE IF NOT EXISTS urls (
  url TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  depth INTEGER NOT NULL DEFAULT 0,
  first_seen REAL NOT NULL,
  session TEXT NOT NULL,
  fetched_at REAL,
  status INTEGER,
  etag TEXT,
  last_modified TEXT,
  body_sha256 TEXT,
  text_sha256 TEXT,
  listed TEXT,
  archived_in TEXT,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS urls_state ON urls (state);
"""


@dataclass
class UrlRow:
    url: str
    kind: str
    state: str
    depth: int
    session: str
    status: int | None
    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    text_sha256: str | None
    listed: str | None  # JSON {sitemap or feed URL: the date it gives}
    archived_in: str | None
    fetched_at: float | None
    reason: str | None  # of a failure: the summary's code, ':', details


class CrawlState:
    """The SQLite file of one crawl directory. Not thread-safe: the crawler uses it from the reactor thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.session: str = ""
        self.resumed = False

    def close(self) -> None:
        self.db.close()

    # --- sessions -------------------------------------------------------------------------------
    def begin(self, start_urls: list[str]) -> tuple[str, bool, int]:
        """Resume the last session if it did not finish, else start a new one.

        Returns:
            (session id, resumed?, part number of this run within the session, from 1).
        """
        row = self.db.execute("SELECT id, finished, parts FROM sessions ORDER BY started DESC LIMIT 1").fetchone()
        if row is not None and not row[1]:
            self.session, self.resumed = row[0], True
            part = row[2] + 1
            self.db.execute("UPDATE sessions SET parts = ?, ended = NULL WHERE id = ?", (part, self.session))
            return self.session, True, part
        now = time.time()
        sid = datetime.fromtimestamp(now, timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        while self.db.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone():
            sid += "x"
        self.db.execute("INSERT INTO sessions (id, started, parts, start_urls) VALUES (?, ?, 1, ?)",
                        (sid, now, json.dumps(start_urls)))
        self.session, self.resumed = sid, False
        return sid, False, 1

    def end(self, reason: str, finished: bool, summary: dict) -> None:
        self.db.execute("UPDATE sessions SET ended = ?, finish_reason = ?, finished = ?, summary = ? WHERE id = ?",
                        (time.time(), reason, int(finished), json.dumps(summary, ensure_ascii=False), self.session))

    def sessions(self) -> list[dict]:
        cur = self.db.execute("SELECT id, started, ended, finish_reason, finished, parts FROM sessions ORDER BY started")
        return [dict(zip(("id", "started", "ended", "finish_reason", "finished", "parts"), r)) for r in cur]

    # --- URLs -----------------------------------------------------------------------------------
    def get(self, url: str) -> UrlRow | None:
        r = self.db.execute("SELECT url, kind, state, depth, session, status, etag, last_modified, body_sha256, "
                            "text_sha256, listed, archived_in, fetched_at, reason FROM urls WHERE url = ?", (url,)).fetchone()
        return UrlRow(*r) if r else None

    def pending(self) -> list[tuple[str, str, int]]:
        """The frontier: (url, kind, depth) of every URL discovered and not fetched yet."""
        return list(self.db.execute("SELECT url, kind, depth FROM urls WHERE state = 'pending' ORDER BY first_seen"))

    def discover(self, url: str, kind: str, depth: int) -> None:
        """Put ``url`` on the frontier (again, if it was fetched in an earlier session)."""
        self.db.execute(
            "INSERT INTO urls (url, kind, state, depth, first_seen, session) VALUES (?, ?, 'pending', ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET state = 'pending', depth = min(depth, excluded.depth), "
            "session = excluded.session WHERE urls.state != 'pending' OR urls.session != excluded.session",
            (url, kind, depth, time.time(), self.session))

    def fetched(self, url: str, *, kind: str, status: int, etag: str | None, last_modified: str | None,
                body_sha256: str | None, text_sha256: str | None, listed: tuple[str, str] | None = None,
                archived_in: str | None = None) -> None:
        """Record a page as fetched in this session (keeps the old archive file when not archived again)."""
        self.db.execute(
            "INSERT INTO urls (url, kind, state, depth, first_seen, session, fetched_at, status, etag, last_modified, "
            "body_sha256, text_sha256, archived_in) VALUES (?, ?, 'done', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, state = 'done', session = excluded.session, "
            "fetched_at = excluded.fetched_at, status = excluded.status, "
            "etag = coalesce(excluded.etag, urls.etag), last_modified = coalesce(excluded.last_modified, urls.last_modified), "
            "body_sha256 = coalesce(excluded.body_sha256, urls.body_sha256), "
            "text_sha256 = coalesce(excluded.text_sha256, urls.text_sha256), "
            "archived_in = coalesce(excluded.archived_in, urls.archived_in), reason = NULL",
            (url, kind, time.time(), self.session, time.time(), status, etag, last_modified, body_sha256, text_sha256,
             archived_in))
        if listed is not None:
            self.note_listed(url, *listed)

    def listed_dates(self, row: UrlRow) -> dict[str, str]:
        """{sitemap or feed URL: the date it gave for the page} as last recorded."""
        try:
            return json.loads(row.listed) if row.listed else {}
        except ValueError:
            return {}

    def note_listed(self, url: str, source: str, date: str) -> None:
        """Remember that ``source`` (a sitemap or feed) gives ``date`` for ``url``."""
        r = self.db.execute("SELECT listed FROM urls WHERE url = ?", (url,)).fetchone()
        if r is None:
            return
        dates = json.loads(r[0]) if r[0] else {}
        if dates.get(source) != date:
            dates[source] = date
            self.db.execute("UPDATE urls SET listed = ? WHERE url = ?", (json.dumps(dates, ensure_ascii=False), url))

    def failed(self, url: str, kind: str, reason: str, status: int | None = None) -> None:
        """Record that ``url`` could not be fetched (or was refused) in this session."""
        self.db.execute(
            "INSERT INTO urls (url, kind, state, depth, first_seen, session, status, reason) "
            "VALUES (?, ?, 'failed', 0, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET state = CASE "
            "WHEN urls.state = 'done' AND urls.session != excluded.session THEN 'done' ELSE 'failed' END, "
            "session = excluded.session, reason = excluded.reason, "
            "status = coalesce(excluded.status, urls.status)",
            (url, kind, time.time(), self.session, status, reason))

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, count(*) FROM urls GROUP BY state").fetchall())

    def archived_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM urls WHERE kind = 'article' AND archived_in IS NOT NULL").fetchone()[0]
