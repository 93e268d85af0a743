"""The parsed page: one lxml tree per page, read in place by the cleaning modules.

The page is parsed by lxml's HTML parser (libxml2) as BeautifulSoup's ``lxml`` builder parsed it
before (the decoded text fed in one piece, ``recover=True``, a leading BOM dropped), so the tree is
the one the rules in ``patterns/html/`` were tuned on; lxml builds it in C, about ten times faster
than BeautifulSoup built its own objects from the same parser's events. (A page nested deeper than
libxml2 builds trees is rebuilt from the parser's events, as BeautifulSoup did.) Nothing here
changes the tree: scripts and styles are skipped when it is walked, not removed.

A string of the tree is an element's ``text`` (before its first child) or a child's ``tail``
(after it, inside the same parent). The helpers read strings the way BeautifulSoup did:

* text inside ``<script>``, ``<style>``, ``<template>``, ``<rt>`` and ``<rp>`` is not page text
  (BeautifulSoup gave it its own string class): :func:`get_text` of an ordinary element leaves it
  out, :func:`get_text` of such an element reads only its own;
* comments and processing instructions are not text, but what follows them is;
* the document may hold more than one top-level element (markup after ``</html>``):
  :func:`iter_document` walks all of them.
"""
from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

# Elements whose strings are not page text (BeautifulSoup's string containers).
STRING_CONTAINERS = frozenset({"script", "style", "template", "rt", "rp"})
_ASCII_SPACES = " \n\t\x0c\r"
_WS_KEEPERS = frozenset({"pre", "textarea"})  # BeautifulSoup keeps blank strings inside these as they are
Element = etree._Element


# libxml2 builds a tree at most this deep (with huge_tree) and silently drops everything below;
# the parser's events have no such limit (BeautifulSoup, fed by them, read such pages whole).
_MAX_DEPTH = 2048
_AT_MAX_DEPTH = etree.XPath("boolean(" + "/*" * _MAX_DEPTH + ")")


def parse_html(html: str) -> Element | None:
    """The root element of ``html`` (``<html>``), or None when the page holds no element at all."""
    if html[:1] == "\ufeff":
        html = html[1:]
    # huge_tree: nesting to 2048 levels rather than 256, and no 10 MB cap on one text node
    parser = etree.HTMLParser(recover=True, huge_tree=True)
    parser.feed(html)
    root = parser.close()
    # Every element but the implied ones at the top (html, head, body, a paragraph) comes from a
    # start tag: a page with fewer "<" than the limit cannot reach it (most pages: the XPath walks
    # the whole tree, ~5% of a page's cleaning).
    if root is not None and html.count("<") >= _MAX_DEPTH - 16 and _AT_MAX_DEPTH(root):
        root = _parse_by_events(html)  # nested as deep as libxml2 builds: the rest may be missing
    return root


# lxml's API takes no control characters (the parser keeps them): vertical tab and form feed become
# spaces (the same after whitespace is collapsed), the others are left out.
_XML_SAFE = {c: None for c in [*range(0x09), 0x0E, *range(0x0F, 0x20), 0xFFFE, 0xFFFF]} | {0x0B: " ", 0x0C: " "}


class _Builder:
    """A parser target building the tree from the parser's events, for pages nested deeper than
    libxml2 builds trees (thousands of unclosed ``<font>`` or ``<div>`` tags). Slow (Python calls
    per event) but unlimited. Elements after the end of the root element are left out."""

    def __init__(self) -> None:
        self.root: Element | None = None
        self.stack: list[Element] = []
        self.last: Element | None = None  # the node just closed, whose tail takes the next text
        self.before: list[Element] = []  # comments before the root
        self.skip = 0  # depth inside a top-level element after the root

    def start(self, tag: str, attrib) -> None:
        if self.skip or (self.root is not None and not self.stack):
            self.skip += 1
            return
        if self.root is None:
            self.root = etree.HTML("<html></html>")
            if tag != "html":
                self.root.tag = tag
            for k, v in attrib.items():
                self.root.set(k, v)
            for c in self.before:
                self.root.addprevious(c)
            el = self.root
        else:
            try:
                el = etree.SubElement(self.stack[-1], tag)
            except ValueError:
                el = etree.SubElement(self.stack[-1], "x-invalid")
            for k, v in attrib.items():
                try:
                    el.set(k, v)
                except ValueError:  # a name the tree cannot hold is no name the rules read
                    pass
        self.stack.append(el)
        self.last = None

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if self.stack:
            self.last = self.stack.pop()

    def data(self, text: str) -> None:
        if self.skip or not self.stack:
            return  # text outside the root element (blank): not kept by the tree either
        text = text.translate(_XML_SAFE)
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + text
        else:
            self.stack[-1].text = (self.stack[-1].text or "") + text

    def comment(self, text: str) -> None:
        if self.skip:
            return
        c = etree.Comment()  # its text is never read (and lxml refuses some)
        if self.stack:
            self.stack[-1].append(c)
            self.last = c
        elif self.root is None:
            self.before.append(c)
        else:
            self.root.addnext(c)

    def pi(self, target: str, data: str | None = None) -> None:
        self.comment(f"{target} {data or ''}")

    def close(self) -> Element | None:
        return self.root


def _parse_by_events(html: str) -> Element | None:
    parser = etree.HTMLParser(recover=True, target=_Builder())
    parser.feed(html)
    return parser.close()


def top_level(root: Element) -> list[Element]:
    """The document's top-level nodes in order: comments before ``<html>``, the root, anything after."""
    return [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]


def iter_document(root: Element, *tags: str) -> Iterator[Element]:
    """Every element of the document named ``tags`` (every element when none is given), in
    document order, including those after the end of the root element."""
    for top in top_level(root):
        yield from (top.iter(*tags) if tags else top.iter(etree.Element))


def first(root: Element, tag: str) -> Element | None:
    """The first ``tag`` element of the document."""
    return next(iter_document(root, tag), None)


def is_element(node) -> bool:
    """An element, not a comment or processing instruction."""
    return isinstance(node.tag, str)


def container_of(el: Element) -> str | None:
    """The innermost string container (``script``, ``rt``...) among ``el`` and its ancestors."""
    if el.tag in STRING_CONTAINERS:
        return el.tag
    for a in el.iterancestors(*STRING_CONTAINERS):
        return a.tag
    return None


def _blank(s: str) -> str:
    return "\n" if "\n" in s else " "


def get_text(el: Element, sep: str = "", strip: bool = False) -> str:
    """BeautifulSoup's ``Tag.get_text(sep, strip)``: the strings inside ``el`` of its own kind
    (page text, or for a ``<script>``/``<rt>``... its own text), joined by ``sep``; with
    ``strip``, each string stripped and empty ones left out. A blank string of ASCII spaces
    reads as one space, or one line break if it has one (outside ``<pre>``/``<textarea>``)."""
    want = el.tag if el.tag in STRING_CONTAINERS else None
    outer = container_of(el)
    keep_ws = el.tag in _WS_KEEPERS or any(True for _ in el.iterancestors(*_WS_KEEPERS))
    out: list[str] = []
    # stacks of (container, keep_ws) for the open elements inside el
    stack: list[tuple[str | None, bool]] = [(outer, keep_ws)]

    def take(s: str | None, kind: tuple[str | None, bool]) -> None:
        if not s or kind[0] != want:
            return
        if not kind[1] and not s.strip(_ASCII_SPACES):
            s = _blank(s)
        if strip:
            s = s.strip()
            if not s:
                return
        out.append(s)

    take(el.text, stack[0])
    walker = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if node is el:
            continue
        if event == "start":
            up = stack[-1]
            kind = (node.tag if node.tag in STRING_CONTAINERS else up[0], up[1] or node.tag in _WS_KEEPERS)
            stack.append(kind)
            take(node.text, kind)
        elif event == "end":
            stack.pop()
            take(node.tail, stack[-1])
        else:  # a comment or processing instruction: its own text is not a string, its tail is
            take(node.tail, stack[-1])
    return sep.join(out)


def string_of(el: Element) -> str | None:
    """BeautifulSoup's ``Tag.string``: the element's one string, looking through a lone child
    element; None when it holds no string or several."""
    while True:
        children = list(el)
        count = (1 if el.text else 0) + sum(1 + (1 if c.tail else 0) for c in children)
        if count != 1:
            return None
        if el.text:
            s = el.text
            keep = el.tag in _WS_KEEPERS or any(True for _ in el.iterancestors(*_WS_KEEPERS))
            return s if keep or s.strip(_ASCII_SPACES) else _blank(s)
        child = children[0]
        if not is_element(child):
            return child.text  # a comment is a string too
        el = child
