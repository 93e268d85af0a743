"""Public Python API."""
from __future__ import annotations

from .models import Figure


def extract_figures(text: str, lang: str | None = None, *, published: str | None = None,
                    link: bool = True) -> list[Figure]:
    """Return every figure in ``text``.

    Args:
        text: plain text; figure offsets point into it.
        lang: ``zh``, ``en`` or ``mixed``; detected when None.
        published: the document's dateline (ISO date), used to resolve 今年 / this year.
        link: fill role, year, metric and subject (otherwise they keep their defaults).
    """
    from .extract import extract

    return extract(text, lang=lang, published=published, link=link)
