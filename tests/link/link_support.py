"""Helpers for linking tests: the figure whose text is given, with its links."""
from pipeline import extract_figures


def fig(text: str, lang: str, figure_text: str, published: str | None = None):
    figs = [f for f in extract_figures(text, lang=lang, published=published) if f.text == figure_text]
    assert figs, f"{figure_text!r} not found in {[f.text for f in extract_figures(text, lang=lang)]}"
    return figs[0]
