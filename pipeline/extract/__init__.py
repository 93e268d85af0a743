"""Extraction stage: figures from text (rules from ``patterns/``), then linking."""
from __future__ import annotations

from functools import lru_cache

from ..lang import detect_lang
from ..models import Figure
from .base import BaseExtractor, Candidate, to_figure
from .normalize import normalize
from ..structure import Structure, read_structure

__all__ = ["analyse", "analyse_many", "extract", "extract_candidates", "finish", "get_extractor", "parse_pending",
           "prepare", "Candidate", "Pending"]


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


class Pending:
    """One text between the stages of :func:`analyse_many`: prepared, waiting for the batch parse, linked."""

    __slots__ = ("text", "linker", "ctx", "cands", "spans", "result")

    def __init__(self, text, linker=None, ctx=None, cands=None, spans=(), result=None):
        self.text, self.linker, self.ctx, self.cands, self.spans = text, linker, ctx, cands, list(spans)
        self.result = result                   # (figures, structure) once known


def prepare(text: str, lang: str | None, published: str | None, title: str | None, link: bool = True) -> Pending:
    """Stage 1 of :func:`analyse_many` for one text: candidates, structure, the linking context and the
    sentences the parser is to read (a text without candidates, or without linking, is done here)."""
    from ..link import SYNTAX_LANGS, get_linker, linker_lang

    if not text:
        return Pending(text, result=([], None))
    lang, norm, cands, structure = _prepare(text, lang, published, title)
    if not link or not cands:
        return Pending(text, result=([to_figure(text, c) for c in cands] if not link else [], structure))
    linker = get_linker(linker_lang(norm, lang))
    ctx = linker.context(text, norm, cands, published, structure, parses={})
    spans = linker.parse_spans(ctx, cands) if linker.lang in SYNTAX_LANGS else []
    return Pending(text, linker, ctx, cands, spans)


def parse_pending(pending: list[Pending], on_text=None) -> None:
    """Stage 2: the sentences of every pending text parsed in one batch per language (``on_text(i)`` is
    called as the parses of ``pending[i]`` come out, for a caller that tracks progress per text)."""
    from ..syntax import parse_stream

    by_lang: dict[str, list[int]] = {}
    for i, p in enumerate(pending):
        if p.result is None and p.spans:
            by_lang.setdefault(p.linker.lang, []).append(i)
    for lang, idx in by_lang.items():
        owners = [(i, a) for i in idx for a, _ in pending[i].spans]
        docs = parse_stream(lang, [pending[i].ctx.norm[a:b] for i in idx for a, b in pending[i].spans])
        if docs is None:
            return
        last = None
        for (i, a), doc in zip(owners, docs):
            if i != last:
                if on_text is not None:
                    on_text(i)
                last = i
            pending[i].ctx.parses[a] = doc


def finish(p: Pending) -> tuple[list[Figure], Structure | None]:
    """Stage 3: the figures of one prepared (and parsed) text."""
    if p.result is None:
        p.result = (p.linker.link_in(p.ctx, p.cands), p.ctx.structure)
    return p.result


def analyse_many(items, link: bool = True) -> list[tuple[list[Figure], Structure | None]]:
    """:func:`analyse` of many texts at once: ``items`` are (text, lang, published, title).

    The same figures as one :func:`analyse` call per text; the sentences that the English parser reads
    are parsed in one batch for all the texts, which costs the parser much less than a few sentences at a
    time (NOTES.md, Throughput). The stages (:func:`prepare`, :func:`parse_pending`, :func:`finish`) are
    public for callers that keep a record per text (the batch worker)."""
    pending = [prepare(text, lang, published, title, link) for text, lang, published, title in items]
    parse_pending(pending)
    return [finish(p) for p in pending]


def extract(text: str, lang: str | None = None, *, published: str | None = None, title: str | None = None,
            link: bool = True) -> list[Figure]:
    """Every figure in ``text`` as a :class:`Figure` (offsets into ``text``)."""
    return analyse(text, lang, published=published, title=title, link=link)[0]
