"""Fixtures of the review-site tests: a small run directory, its built site and a headless browser."""
from __future__ import annotations

from pathlib import Path

import pytest
from review_support import make_run


@pytest.fixture(scope="session")
def review_run(tmp_path_factory) -> Path:
    return make_run(tmp_path_factory.mktemp("review") / "run")


@pytest.fixture(scope="session")
def site(review_run) -> Path:
    from pipeline.review import build_site

    info = build_site(review_run)
    return Path(info["out"])


@pytest.fixture(scope="session")
def browser():
    from pipeline.review.browser import browser_missing, headless_chromium

    why = browser_missing()
    if why:
        pytest.skip(f"browser tests skipped: {why}")
    with headless_chromium(1280, 900) as driver:
        yield driver
