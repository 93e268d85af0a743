"""Pages read but not yet decoded and cleaned, so that the cleaning can run in another process.

By default the readers clean each page as they read it (:func:`~.html.html_document`). With
``defer=True`` (the batch run, :mod:`pipeline.batch.pages`) they yield a :class:`PendingPage`
instead: the raw bytes and what is known about them, cheap to make and to send to a worker
process, whose :meth:`~PendingPage.resolve` gives exactly the Document or ErrorRecord the reader
would have yielded. A :class:`LateRecord` is an item whose content depends on how the pages
before it resolved (a truncated archive's record says after how many documents it broke); it is
made in the reading process, in input order, after those pages are settled (:func:`settle`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Code
from ..models import Document, ErrorRecord, Source
from .html import html_document, text_document

__all__ = ["DocCount", "LateRecord", "PendingPage", "settle"]

log = logging.getLogger(__name__)


@dataclass
class DocCount:
    """How many of a reader's pages turned out to be documents (see :func:`settle`)."""

    n: int = 0


@dataclass
class PendingPage:
    """The bytes of one page and their provenance; :meth:`resolve` decodes and cleans them.

    Attributes:
        data: the raw bytes.
        source: provenance; ``resolve`` fills ``encoding`` and ``content_hash``.
        id_stem: the readable part of the doc id (file stem or URL slug).
        declared: a charset declared outside the bytes (HTTP header).
        url: the page URL, if known.
        plain: a ``text/plain`` body (decoded, not cleaned).
        count: where the reader counts the documents among its pages, if it needs to.
    """

    data: bytes
    source: Source
    id_stem: str
    declared: str | None = None
    url: str | None = None
    plain: bool = False
    count: DocCount | None = None

    def resolve(self) -> Document | ErrorRecord:
        """The Document or ErrorRecord of the page (what the reader yields without ``defer``).

        Never raises: an unexpected exception becomes the page's ``E099_internal`` record, here
        and in a helper process alike, so that the items do not depend on where pages are cleaned.
        """
        try:
            if self.plain:
                return text_document(self.data, self.source, self.id_stem, declared=self.declared)
            return html_document(self.data, self.source, self.id_stem, declared=self.declared, url=self.url)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the reader
            log.exception("cleaning failed for %s", self.id_stem)
            return ErrorRecord(doc_id=self.id_stem, code=Code.INTERNAL.value,
                               reason=f"cleaning failed: {type(exc).__name__}: {exc}", source=self.source)


@dataclass
class LateRecord:
    """An item made only when its turn comes, after the pages before it are settled."""

    make: Callable[[], Document | ErrorRecord]


def settle(item: PendingPage | LateRecord,
           result: Document | ErrorRecord | None = None) -> Document | ErrorRecord:
    """The final item for a deferred one, taken in input order.

    A page's ``result`` (resolved here if not given) is counted in its reader's :class:`DocCount`;
    a late record is made now.
    """
    if isinstance(item, LateRecord):
        return item.make()
    if result is None:
        result = item.resolve()
    if item.count is not None and isinstance(result, Document):
        item.count.n += 1
    return result
