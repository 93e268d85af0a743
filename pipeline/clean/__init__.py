"""Cleaning stage: bytes to text (:mod:`.encoding`), HTML to main text (:mod:`.boilerplate`),
title and publication date (:mod:`.metadata`). Rules are data in ``patterns/html/``."""
from __future__ import annotations

from dataclasses import dataclass

from . import boilerplate, metadata
from .tree import parse_html


@dataclass
class CleanPage:
    """The main text of an HTML page (paragraphs separated by ``\\n``) and its metadata."""

    text: str
    title: str | None
    published: str | None


def clean_html(html: str, *, url: str | None = None) -> CleanPage:
    """Main text, title and publication date of one HTML page (already decoded to ``str``).

    Args:
        html: the page.
        url: where it came from, if known (a date in the URL is the last resort for ``published``).
    """
    root = parse_html(html)  # parsed once; read in place by both
    head = metadata.read_head(root)
    analysis = boilerplate.analyse(root)
    text = boilerplate.text_of(analysis.main())
    lines: list[str] = []
    main_start = 0
    lo = analysis.span[0]  # the selected range, before its ends are trimmed
    for i, b in enumerate(analysis.blocks):
        if i == lo:
            main_start = len(lines)
        lines.extend(b.lines)
    return CleanPage(text=text, title=metadata.title(head, analysis.heading_before_main()),
                     published=metadata.published(head, lines, main_start, url=url))


__all__ = ["CleanPage", "clean_html", "parse_html"]
