"""Public Python API."""
from __future__ import annotations

from .models import Document, Figure


def extract_figures(text: str, lang: str | None = None, *, published: str | None = None,
                    title: str | None = None, link: bool = True) -> list[Figure]:
    """Return every figure in ``text``.

    Args:
        text: plain text; figure offsets point into it.
        lang: ``zh``, ``en`` or ``mixed``; detected when None.
        published: the document's dateline (ISO date), used to resolve 今年 / this year; when
            None, the dateline is looked for in the text (a byline, the date a speech was given).
        title: the document's title, if known (numbers in it are not figures).
        link: fill role, year, metric and subject (otherwise they keep their defaults).
    """
    from .extract import extract

    return extract(text, lang=lang, published=published, title=title, link=link)


def analyse_document(doc: Document, link: bool = True) -> Document:
    """``doc`` with its figures, dateline and sections filled in."""
    from .extract import analyse

    figures, structure = analyse(doc.text, lang=doc.lang, published=doc.published, title=doc.title, link=link)
    return _filled(doc, figures, structure)


def analyse_documents(docs: list[Document], link: bool = True) -> list[Document]:
    """:func:`analyse_document` of each of ``docs``, the same results, faster for English: the parser
    reads the sentences of all the documents in one batch (a few hundred documents at a time is plenty)."""
    from .extract import analyse_many

    results = analyse_many([(d.text, d.lang, d.published, d.title) for d in docs], link=link)
    return [_filled(d, figures, structure) for d, (figures, structure) in zip(docs, results)]


def _filled(doc: Document, figures, structure) -> Document:
    update: dict = {"figures": figures}
    if doc.lang in ("zh", "mixed"):
        from .extract.normalize import to_simplified

        update["script"] = to_simplified(doc.text)[1]
    if structure is not None:
        update["dateline"] = structure.dateline
        update["sections"] = structure.sections(doc.text)
    return doc.model_copy(update=update)
