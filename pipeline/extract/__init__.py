"""Extraction stage: figures from text (rules from ``patterns/``), then linking."""
from __future__ import annotations

from functools import lru_cache

from ..lang import detect_lang
from ..models import Figure
from .base import BaseExtractor, Candidate, to_figure
from .normalize import normalize
from ..structure import Structure, read_structure

__all__ = ["analyse", "analyse_many", "extract", "extract_candidates", "get_extractor", "Candidate"]


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


def _prepare(text: str, lang: str | None, published: str | None, title: str | None):
    """(language, normalised text, candidates outside the page furniture and headings, structure)."""
    if lang not in ("zh", "en", "mixed"):
        lang = detect_lang(text)
    norm, cands = extract_candidates(text, lang)
    structure = read_structure(norm, lang, published, title, [c.start for c in cands])
    return lang, norm, [c for c in cands if not structure.excluded(c.start)], structure


def analyse(text: str, lang: str | None = None, *, published: str | None = None, title: str | None = None,
            link: bool = True, parsed=None) -> tuple[list[Figure], Structure | None]:
    """Every figure in ``text`` (offsets into ``text``) and the document's structure.

    Numbers in page furniture, the title, front matter and headings are not figures (GUIDELINES.md);
    the structure's frames and dateline feed the linking of role and year. ``parsed`` is a spaCy Doc of
    the same text with a dependency parse (a user's pipeline): linking then reads it instead of parsing.
    """
    if not text:
        return [], None
    lang, norm, cands, structure = _prepare(text, lang, published, title)
    if link:
        from ..link import link_candidates

        parses = {"doc": parsed} if parsed is not None else None
        return link_candidates(text, norm, cands, lang=lang, published=published, structure=structure,
                               parses=parses), structure
    return [to_figure(text, c) for c in cands], structure


def analyse_many(items, link: bool = True) -> list[tuple[list[Figure], Structure | None]]:
    """:func:`analyse` of many texts at once: ``items`` are (text, lang, published, title).

    The same figures as one :func:`analyse` call per text; the sentences that the English parser reads
    are parsed in one batch for all the texts, which costs the parser much less than a few sentences at a
    time (NOTES.md, Throughput)."""
    from ..link import SYNTAX_LANGS, get_linker, linker_lang

    out: list = []
    pending = []                               # (index, linker, context, candidates, spans)
    for text, lang, published, title in items:
        if not text:
            out.append(([], None))
            continue
        lang, norm, cands, structure = _prepare(text, lang, published, title)
        if not link or not cands:
            out.append(([to_figure(text, c) for c in cands] if not link else [], structure))
            continue
        linker = get_linker(linker_lang(norm, lang))
        ctx = linker.context(text, norm, cands, published, structure, parses={})
        spans = linker.parse_spans(ctx, cands) if linker.lang in SYNTAX_LANGS else []
        pending.append((len(out), linker, ctx, cands, spans))
        out.append(None)
    if pending:
        from ..syntax import parse

        by_lang: dict[str, list] = {}
        for entry in pending:
            if entry[4]:
                by_lang.setdefault(entry[1].lang, []).append(entry)
        for lang, entries in by_lang.items():
            docs = parse(lang, [e[2].norm[a:b] for e in entries for a, b in e[4]])
            if docs:
                k = 0
                for e in entries:
                    e[2].parses = {a: docs[k + j] for j, (a, _) in enumerate(e[4])}
                    k += len(e[4])
        for i, linker, ctx, cands, _ in pending:
            out[i] = (linker.link_in(ctx, cands), ctx.structure)
    return out


def extract(text: str, lang: str | None = None, *, published: str | None = None, title: str | None = None,
            link: bool = True) -> list[Figure]:
    """Every figure in ``text`` as a :class:`Figure` (offsets into ``text``)."""
    return analyse(text, lang, published=published, title=title, link=link)[0]
