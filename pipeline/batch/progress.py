"""Progress reporting for batch runs: a tqdm bar on a terminal, plain periodic log lines otherwise."""
from __future__ import annotations

import logging
import sys
import time
from typing import IO

log = logging.getLogger(__name__)


class Progress:
    """Counts documents as their chunks are committed.

    Args:
        enabled: False for ``--quiet``: nothing is shown (the summary is still returned).
        log_every: seconds between log lines when the output is not a terminal.
        stream: where the bar goes (default ``sys.stderr``); a bar is drawn only if it is a TTY.
    """

    def __init__(self, enabled: bool = True, *, log_every: float = 10.0, stream: IO[str] | None = None):
        self.enabled = enabled
        self.log_every = log_every
        self.stream = stream if stream is not None else sys.stderr
        self.t0 = time.monotonic()
        self._last_log = self.t0
        self.processed = 0   # documents processed in this run
        self.resumed = 0     # documents skipped because an earlier run committed them
        self.figures = 0
        self.errors = 0
        self._bar = None
        if enabled and _isatty(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(unit=" docs", dynamic_ncols=True, smoothing=0.05, file=self.stream,
                             desc="policy-extract", mininterval=0.5)

    @property
    def total(self) -> int:
        return self.processed + self.resumed

    def rate(self) -> float:
        dt = time.monotonic() - self.t0
        return self.processed / dt if dt > 0 else 0.0

    def advance(self, n: int, *, figures: int = 0, errors: int = 0, resumed: bool = False) -> None:
        if resumed:
            self.resumed += n
        else:
            self.processed += n
        self.figures += figures
        self.errors += errors
        if self._bar is not None:
            self._bar.update(n)
            self._bar.set_postfix(figures=self.figures, errors=self.errors, resumed=self.resumed, refresh=False)
        self.tick()

    def tick(self) -> None:
        """Write a log line if ``log_every`` seconds have passed (no-op with a bar or when disabled)."""
        if not self.enabled or self._bar is not None:
            return
        now = time.monotonic()
        if now - self._last_log >= self.log_every:
            self._last_log = now
            self.line("progress")

    def line(self, what: str) -> None:
        log.info("%s: %d documents (%d processed, %d resumed), %.1f docs/s, %d figures, %d errors",
                 what, self.total, self.processed, self.resumed, self.rate(), self.figures, self.errors)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
