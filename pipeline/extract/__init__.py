"""Extraction stage: figures from text (rules from ``patterns/``), then linking."""
from __future__ import annotations

from functools import lru_cache

from ..lang import detect_lang
from ..models import Figure
from .base import BaseExtractor, Candidate, to_figure
from .normalize import normalize

__all__ = ["extract", "extract_candidates", "get_extractor", "Candidate"]


@lru_cache(maxsize=None)
def get_extractor(lang: str) -> BaseExtractor:
    """The extractor registered for ``lang`` (built once per process)."""
    from .registry import EXTRACTORS

    try:
        return EXTRACTORS[lang]()
    except KeyError:
        raise ValueError(f"no extractor for language {lang!r}") from None


def extract_candidates(text: str, lang: str) -> tuple[str, list[Candidate]]:
    """Normalise ``text`` and return (normalised text, candidates) for ``lang`` (``mixed`` runs both)."""
    norm = normalize(text)
    if lang == "mixed":
        zh = get_extractor("zh").extract(norm)
        en = get_extractor("en").extract(norm)
        merged = sorted(zh + en, key=lambda c: (c.start, -(c.end - c.start)))
        out: list[Candidate] = []
        for c in merged:
            if out and c.start < out[-1].end:
                continue
            out.append(c)
        return norm, out
    return norm, get_extractor(lang).extract(norm)


_TITLE_END = "。.!?！？；;:："


def title_span(text: str) -> tuple[int, int] | None:
    """The headline: a first line without sentence punctuation at its end, followed by more text.

    GUIDELINES.md: numbers in titles and headings are not figures.
    """
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    nl = text.find("\n", start)
    if nl < 0:
        return None
    line = text[start:nl].rstrip()
    if not line or line[-1] in _TITLE_END or len(line) > 160 or not text[nl:].strip():
        return None
    return start, start + len(line)


def extract(text: str, lang: str | None = None, *, published: str | None = None, link: bool = True) -> list[Figure]:
    """Every figure in ``text`` as a :class:`Figure` (offsets into ``text``)."""
    if not text:
        return []
    if lang not in ("zh", "en", "mixed"):
        lang = detect_lang(text)
    norm, cands = extract_candidates(text, lang)
    title = title_span(text)
    if title is not None:
        cands = [c for c in cands if not (title[0] <= c.start < title[1])]
    if link:
        from ..link import link_candidates

        return link_candidates(text, norm, cands, lang=lang, published=published)
    return [to_figure(text, c) for c in cands]
