"""A document's text as escaped HTML with its figures, headings and dateline marked.

Offsets are Python ``str`` indices (code points), as in ``documents.jsonl``; the markup is built
here, in Python, so a figure after an astral character (``𠀀``, an emoji) or full-width digits is
cut exactly where the extractor put it, whatever JavaScript's UTF-16 indices would say. Every piece
of document text goes through :func:`markupsafe.escape`: a ``<script>`` in a document is shown as
text.

Each figure becomes ``<mark class="figure" id="f-N" data-i="N" data-kind data-role data-year>``
(``N`` its position in ``figures``). Headings (``start:heading_end`` of a section) and a dateline
found in the text are marked when they do not cross a figure; an empty anchor ``id="s-N"`` is put
where section ``N`` starts. Figures never overlap in the extractor's output; should two do, the
later one is left unmarked and reported in :attr:`Highlighted.unmarked`.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Highlighted", "highlight", "figure_title"]


@dataclass
class Highlighted:
    html: Markup
    marked: list[int] = field(default_factory=list)      # figure ordinals marked, in text order
    unmarked: list[int] = field(default_factory=list)    # figure ordinals that overlap an earlier one


@dataclass(order=True)
class _Span:
    start: int
    end: int
    open: str = field(compare=False)
    close: str = field(compare=False)


def _attr(v: Any) -> str:
    return "" if v is None else str(escape(str(v)))


def figure_title(f: dict[str, Any]) -> str:
    """The tooltip of a figure: kind, role, year, metric, subject."""
    parts = [f.get("kind"), f.get("role"), f.get("year"), f.get("metric"), f.get("subject")]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def _free(spans: list[_Span], start: int, end: int) -> bool:
    """True when ``start:end`` crosses none of ``spans`` (sorted, non-overlapping)."""
    i = bisect.bisect_left(spans, _Span(start, end, "", ""))
    if i > 0 and spans[i - 1].end > start:
        return False
    return not (i < len(spans) and spans[i].start < end)


def highlight(text: str, figures: Sequence[dict[str, Any]], sections: Sequence[dict[str, Any]] = (),
              dateline: dict[str, Any] | None = None) -> Highlighted:
    """Mark ``figures`` (dicts with the ``Figure`` fields) and the structure in ``text``.

    Returns:
        the HTML (a :class:`markupsafe.Markup`) and which figures were marked.
    """
    n = len(text)
    out = Highlighted(Markup(""))
    spans: list[_Span] = []
    last_end = -1
    for i in sorted(range(len(figures)), key=lambda k: (figures[k]["start"], figures[k]["end"])):
        f = figures[i]
        s, e = f["start"], f["end"]
        if s < last_end or e > n or s >= e:
            out.unmarked.append(i)
            continue
        cls = "figure target" if f.get("role") == "target" else "figure"
        open_ = (f'<mark class="{cls}" id="f-{i}" data-i="{i}" data-kind="{_attr(f.get("kind"))}" '
                 f'data-role="{_attr(f.get("role"))}" data-year="{_attr(f.get("year"))}" tabindex="0" '
                 f'title="{_attr(figure_title(f))}">')
        spans.append(_Span(s, e, open_, "</mark>"))
        out.marked.append(i)
        last_end = e
    extra: list[tuple[int, int, str, str]] = []
    if dateline and dateline.get("start") is not None and dateline.get("end") is not None:
        extra.append((dateline["start"], dateline["end"], '<span class="dateline" id="dateline">', "</span>"))
    for sec in sections:
        hs = sec.get("start", 0)
        while hs < sec.get("heading_end", 0) and hs < n and text[hs].isspace():  # indentation is no heading
            hs += 1
        if sec.get("heading_end", 0) > hs:
            open_ = f'<span class="heading {_attr(sec.get("kind"))}" data-level="{_attr(sec.get("level"))}">'
            extra.append((hs, sec["heading_end"], open_, "</span>"))
    for s, e, open_, close in extra:
        if 0 <= s < e <= n and _free(spans, s, e):
            bisect.insort(spans, _Span(s, e, open_, close))
    anchors = sorted((sec["start"], k) for k, sec in enumerate(sections) if 0 <= sec.get("start", -1) <= n)

    parts: list[str] = []
    pos = 0
    a = 0

    def gap(upto: int) -> None:
        nonlocal pos, a
        while a < len(anchors) and anchors[a][0] <= upto:
            at = max(anchors[a][0], pos)
            parts.append(escape(text[pos:at]))
            parts.append(f'<span class="anchor" id="s-{anchors[a][1]}"></span>')
            pos = at
            a += 1
        parts.append(escape(text[pos:upto]))
        pos = upto

    for sp in spans:
        gap(sp.start)
        parts.append(sp.open)
        parts.append(escape(text[sp.start:sp.end]))
        parts.append(sp.close)
        pos = sp.end
    gap(n)
    out.html = Markup("".join(parts))
    return out
