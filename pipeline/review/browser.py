"""A headless Chromium for the review tests, the benchmark and the README's screenshots.

Uses Debian's ``chromium`` and ``chromium-driver`` (``scripts/browser.sh`` installs them) through
Selenium with an explicit driver path, so nothing is downloaded: no browser build, no driver, no
Selenium Manager. Every session gets a fresh ``--user-data-dir`` that is removed afterwards.

``python -m pipeline.review.browser`` prints what was found (or why not) and exits 0/1.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["FLAGS", "browser_missing", "find_chromium", "find_chromedriver", "headless_chromium"]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US",
         "--force-device-scale-factor=1"]

_CHROMIUM = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
_HINT = ("run `bash scripts/browser.sh` (CI does, in scripts/test.sh), "
         "or set POLICY_EXTRACT_CHROMIUM/CHROMEDRIVER")


def find_chromium() -> str | None:
    env = os.environ.get("POLICY_EXTRACT_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in _CHROMIUM:
        p = shutil.which(name)
        if p:
            return p
    return None


def find_chromedriver() -> str | None:
    env = os.environ.get("POLICY_EXTRACT_CHROMEDRIVER")
    if env:
        return env if Path(env).exists() else None
    return shutil.which("chromedriver") or next(
        (p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if Path(p).exists()), None)


def browser_missing() -> str | None:
    """Why no headless browser can be started here, or None when one can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'policy-extract[browser]')"
    if find_chromium() is None:
        return f"no chromium executable found ({_HINT})"
    if find_chromedriver() is None:
        return f"no chromedriver found (Debian package chromium-driver; {_HINT})"
    return None


@contextlib.contextmanager
def headless_chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A Selenium ``WebDriver`` for a headless Chromium with a throw-away profile.

    Raises:
        RuntimeError: no browser (the message says why, see :func:`browser_missing`).
    """
    why = browser_missing()
    if why:
        raise RuntimeError(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="policy-extract-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = find_chromium()  # type: ignore[assignment]
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=find_chromedriver())
    driver = None
    try:
        driver = webdriver.Chrome(service=service, options=opts)
        driver.set_page_load_timeout(60)
        yield driver
    finally:
        if driver is not None:
            with contextlib.suppress(Exception):
                driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:  # pragma: no cover - a diagnostic
    why = browser_missing()
    if why:
        print(f"no headless browser: {why}")
        return 1
    print(f"chromium: {find_chromium()}\nchromedriver: {find_chromedriver()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
