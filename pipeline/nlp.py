"""spaCy integration: a ``policy_figures`` component and a sentence splitter for policy text.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policy_sentencizer")      # optional: 。！？ and MT bullet markers
    nlp.add_pipe("policy_figures")
    doc = nlp("到2025年底，经开区二、三产业总产值力争达到300亿元。")
    for span in doc.spans["figures"]:
        print(span.text, span._.figure.value, span._.figure.role)

The component is registered with ``Language.factory`` (and as a ``spacy_factories`` entry
point, so ``add_pipe`` finds it without importing this package). It runs the same rules as
:func:`pipeline.extract_figures` on ``doc.text``; each figure becomes a span of
``doc.spans[spans_key]`` labelled with its kind, with the :class:`~pipeline.models.Figure` on
``span._.figure``. A dateline for relative years (今年, this year) can be passed in
``doc.user_data["published"]``. When the pipeline has a dependency parser before this component,
linking reads its parse (metric and subject, ``pipeline/syntax.py``) instead of parsing again.

:func:`make_nlp` builds the blank ``zh`` (jieba) or ``en`` pipeline with both components, and
:func:`pipe_figures` runs ``nlp.pipe(..., as_tuples=True)`` over (text, context) pairs.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .models import Figure

if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)


class PolicyFigures:
    """Writes every figure of ``doc.text`` to ``doc.spans[spans_key]`` (``Span._.figure`` holds it)."""

    def __init__(self, lang: str, link: bool = True, spans_key: str = "figures"):
        self.lang = lang if lang in ("zh", "en") else None
        self.link = link
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from .extract import analyse

        lang = doc.user_data.get("lang") or self.lang
        # a pipeline with a parser (the user's own) supplies the parse that linking reads
        parsed = doc if self.link and doc.has_annotation("DEP") else None
        figures, _ = analyse(doc.text, lang=lang, published=doc.user_data.get("published"), link=self.link,
                             parsed=parsed)
        spans = []
        for f in figures:
            sp = doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")
            if sp is None:
                continue
            sp._.figure = f
            spans.append(sp)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("policy_figures", default_config={"link": True, "spans_key": "figures"},
                  assigns=["doc.spans"], requires=[])
def make_policy_figures(nlp: Language, name: str, link: bool, spans_key: str) -> PolicyFigures:
    return PolicyFigures(nlp.lang, link=link, spans_key=spans_key)


@Language.component("policy_sentencizer", assigns=["token.is_sent_start"])
def policy_sentencizer(doc: Doc) -> Doc:
    """Sentence starts from :func:`pipeline.link.segment.sentences` (。！？, MT bullets, abbreviations)."""
    from .link.segment import sentences

    lang = "zh" if doc.lang_ == "zh" else "en"
    starts = {s for s, _ in sentences(doc.text, lang)}
    for i, tok in enumerate(doc):
        tok.is_sent_start = i == 0 or tok.idx in starts
    return doc


@lru_cache(maxsize=None)
def make_nlp(lang: str, link: bool = True) -> Language:
    """A blank ``zh`` (jieba segmenter) or ``en`` pipeline with the sentencizer and ``policy_figures``."""
    import spacy

    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    elif lang == "en":
        nlp = spacy.blank("en")
    else:
        raise ValueError(f"no spaCy pipeline for language {lang!r}")
    nlp.add_pipe("policy_sentencizer")
    nlp.add_pipe("policy_figures", config={"link": link})
    return nlp


def pipe_figures(items: Iterable[tuple[str, dict]], lang: str, batch_size: int = 64,
                 link: bool = True) -> Iterator[tuple[list[Figure], dict]]:
    """Figures of many texts through ``nlp.pipe(as_tuples=True)``; ``context`` may hold ``published``."""
    nlp = make_nlp(lang, link)

    def docs():
        for text, context in items:
            d = nlp.make_doc(text)
            if context.get("published"):
                d.user_data["published"] = context["published"]
            yield d, context

    for doc, context in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield [sp._.figure for sp in doc.spans["figures"]], context
