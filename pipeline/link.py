"""Linking stage (placeholder until the linker lands): figures with default role/year/metric/subject."""
from __future__ import annotations

from .extract.base import to_figure


def link_candidates(text, norm, cands, *, lang, published=None):
    return [to_figure(text, c) for c in cands]
