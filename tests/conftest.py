"""Shared fixtures. ``../shared`` (the evaluation material) is optional: tests that need it skip cleanly."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def figures():
    """``figures(text, lang)`` -> list of Figure, without linking (fast)."""
    from pipeline import extract_figures

    def run(text: str, lang: str | None = None, link: bool = False):
        return extract_figures(text, lang=lang, link=link)

    return run
