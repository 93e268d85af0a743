"""Extraction stage: figures from text (rules from ``patterns/``), then linking."""
from __future__ import annotations

from functools import lru_cache

from ..lang import detect_lang
from ..models import Figure
from .base import BaseExtractor, Candidate, to_figure
from .normalize import normalize
from ..structure import Structure, read_structure

__all__ = ["analyse", "extract", "extract_candidates", "get_extractor", "Candidate"]


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


def analyse(text: str, lang: str | None = None, *, published: str | None = None, title: str | None = None,
            link: bool = True, parsed=None) -> tuple[list[Figure], Structure | None]:
    """Every figure in ``text`` (offsets into ``text``) and the document's structure.

    Numbers in page furniture, the title, front matter and headings are not figures (GUIDELINES.md);
    the structure's frames and dateline feed the linking of role and year. ``parsed`` is a spaCy Doc of
    the same text with a dependency parse (a user's pipeline): linking then reads it instead of parsing.
    """
    if not text:
        return [], None
    if lang not in ("zh", "en", "mixed"):
        lang = detect_lang(text)
    norm, cands = extract_candidates(text, lang)
    structure = read_structure(norm, lang, published, title, [c.start for c in cands])
    cands = [c for c in cands if not structure.excluded(c.start)]
    if link:
        from ..link import link_candidates

        parses = {"doc": parsed} if parsed is not None else None
        return link_candidates(text, norm, cands, lang=lang, published=published, structure=structure,
                               parses=parses), structure
    return [to_figure(text, c) for c in cands], structure


def extract(text: str, lang: str | None = None, *, published: str | None = None, title: str | None = None,
            link: bool = True) -> list[Figure]:
    """Every figure in ``text`` as a :class:`Figure` (offsets into ``text``)."""
    return analyse(text, lang, published=published, title=title, link=link)[0]
