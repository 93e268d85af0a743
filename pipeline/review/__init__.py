"""The review site: a run's documents with their figures marked, charts and tables, as static files.

``build_site(RUN_DIR, OUT)`` writes the site (:mod:`pipeline.review.build`); ``serve(OUT, port)``
serves it on 127.0.0.1 (:mod:`pipeline.review.serve`); :mod:`pipeline.review.browser` drives a
headless Chromium for the tests, the benchmark and the README's screenshots.
"""
from __future__ import annotations

from .build import MARKER, ReviewError, build_site, default_out
from .serve import serve

__all__ = ["MARKER", "ReviewError", "build_site", "default_out", "serve"]
