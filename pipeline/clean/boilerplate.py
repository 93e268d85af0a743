"""Main text of an HTML page, with menus, footers, share bars and related links removed.

The page (an lxml tree, :mod:`.tree`) is cut into *blocks*: the text of one
block-level element (a paragraph, a table cell, a list item), with ``<br>`` kept as
line breaks. Each block gets a value:

* prose (enough words, sentence punctuation, few links) counts its non-link tokens;
* link lists, blocks inside boilerplate containers (``<nav>``, ``class="share-bar"``,
  ``id="footer"``...) and short lines without punctuation count against.

The main text is the element whose blocks add up to the highest value (a
maximum-scoring subtree: it takes in as much prose and as little boilerplate as it
can), less the link lists, boilerplate containers and boilerplate lines inside it.
Token vocabularies and line patterns are data in ``patterns/html/``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lxml import etree

from . import rules
from .text import collapse_ws, count_tokens
from .tree import STRING_CONTAINERS, Element, iter_document, top_level

_TOKEN_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_SPLIT_LOWER = re.compile(r"[^a-z0-9]+")  # the same on a name without capitals
_PUNCT = re.compile(r"[，。！？；、,!?;]|\.(?!\d)")


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the caches below
class Vocab:
    drop_tags: frozenset[str]
    boilerplate_tags: frozenset[str]
    block_tags: frozenset[str]
    heading_tags: frozenset[str]
    protected_tags: frozenset[str]
    negative: tuple[frozenset[str], tuple[str, ...]]
    positive: tuple[frozenset[str], tuple[str, ...]]
    hidden_classes: frozenset[str]
    neutral: frozenset[str]
    lines: tuple[tuple[re.Pattern, int], ...]  # (pattern, longest line it may drop)
    lines_max_chars: int  # the longest line any of them may drop
    prose_min_tokens: int
    short_penalty: float
    wrapper_share: float
    sibling_gain: float
    dedup_min_tokens: int
    listing_item_tokens: int


def _token_set(entries: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(e for e in entries if not e.endswith("*"))
    prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))
    return exact, prefixes


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    b = rules.load("boilerplate")
    ln = rules.load("lines")
    sc = b["scoring"]
    lines = tuple((rules.compile_regex(r["regex"], f"lines.yaml:{r['id']}", re.I),
                   int(r.get("max_chars", ln.get("max_chars", 80)))) for r in ln["lines"])
    for key in ("drop_tags", "block_tags", "negative_tokens", "positive_tokens"):
        if not b.get(key):
            raise rules.PatternError(f"boilerplate.yaml: {key} is empty")
    return Vocab(
        drop_tags=frozenset(b["drop_tags"]),
        boilerplate_tags=frozenset(b.get("boilerplate_tags", [])),
        block_tags=frozenset(b["block_tags"]),
        heading_tags=frozenset(b.get("heading_tags", [])),
        protected_tags=frozenset(b.get("protected_tags", [])),
        negative=_token_set(b["negative_tokens"]),
        positive=_token_set(b["positive_tokens"]),
        hidden_classes=frozenset(b.get("hidden_classes", [])),
        neutral=frozenset(str(t) for t in b.get("neutral_tokens", [])),
        lines=lines,
        lines_max_chars=max((limit for _, limit in lines), default=-1),
        **{k: sc[k] for k in ("prose_min_tokens", "short_penalty", "wrapper_share", "sibling_gain",
                              "dedup_min_tokens", "listing_item_tokens")},
    )


# What one class name or id says, as bits: a boilerplate word in it, a content word in it, made
# only of boilerplate and neutral words with at least one boilerplate word, a class name that hides
# the element. An element is marked when its names hold a boilerplate word and no content word;
# strongly when one name is only boilerplate.
_NEG, _POS, _ONLY_NEG, _HIDES = 1, 2, 4, 8


def _token_flags(t: str, v: Vocab) -> int:
    """A token's bits: _NEG (a boilerplate word), _POS (a content word), _ONLY_NEG (boilerplate or neutral)."""
    (nx, np), (px, pp) = v.negative, v.positive
    if t in nx or t.startswith(np):
        flags = _NEG | _ONLY_NEG
    else:
        flags = _ONLY_NEG if t in v.neutral else 0
    if t in px or t.startswith(pp):
        flags |= _POS
    return flags


def _name_flags(value: str, v: Vocab, tokens: dict[str, int]) -> int:
    """``articleShare-bar`` -> tokens article, share, bar -> flags (``tokens``: the flags of the
    tokens seen so far on the page)."""
    low = value.lower()
    if value == low:  # no camel humps: split at non-alphanumerics only (most names)
        toks = (value,) if value.isascii() and value.isalnum() else [t for t in _SPLIT_LOWER.split(value) if t]
    else:
        toks = [t.lower() for t in _TOKEN_SPLIT.split(value) if t]
    flags = 0
    only_neg = _ONLY_NEG  # every token boilerplate or neutral
    for t in toks:
        f = tokens.get(t)
        if f is None:
            f = tokens[t] = _token_flags(t, v)
        flags |= f
        only_neg &= f
    if flags & _NEG:
        flags = (flags & ~_ONLY_NEG) | only_neg
    else:
        flags &= ~_ONLY_NEG
    return flags | _HIDES if low in v.hidden_classes else flags


def _style_hides(style: str) -> bool:
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


@dataclass
class Block:
    """The text of one block-level element (lines split at ``<br>``)."""

    lines: list[str]
    tokens: int
    link_tokens: int
    punct: int
    tag: str
    chain: tuple[int, ...]  # ids of the enclosing elements, innermost first
    para: int = 0  # lines cut at <br> from one block element share this number
    negative: bool = False
    value: float = 0.0
    para_link_density: float = 0.0
    lead_link: int = 0  # tokens of a link the block starts with (a headline linked to its story)

    @property
    def linky(self) -> bool:
        """A link line in a paragraph of links (a menu, a list of related articles)."""
        return self.link_density >= 0.5 and self.para_link_density >= 0.5

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def link_density(self) -> float:
        return self.link_tokens / self.tokens if self.tokens else 0.0


class _Document:
    """The document above the root element: the top of every chain (a page without ``<body>``
    is walked from here)."""

    tag = "[document]"


@dataclass
class Marks:
    """Elements marked as boilerplate: ``strong`` and ``hidden`` always count, ``weak`` only when
    the element does not hold most of the page's prose."""

    strong: set[int] = field(default_factory=set)
    weak: set[int] = field(default_factory=set)
    hidden: set[int] = field(default_factory=set)

    def all(self) -> set[int]:
        return self.strong | self.weak | self.hidden


_NO_MARK, _WEAK, _STRONG, _HIDDEN = 0, 1, 2, 3


class _Marker:
    """How an element is marked (``_HIDDEN``, ``_STRONG``, ``_WEAK`` or ``_NO_MARK``), from its tag
    and the attributes that mark: hidden elements, boilerplate tags, boilerplate class names and
    ids. A page repeats a few class attributes, names and styles on thousands of elements: each is
    read once per page (per page, so that the time a page takes does not depend on the pages before)."""

    def __init__(self, v: Vocab) -> None:
        self.v = v
        self.classes: dict[str, int] = {}  # class attribute -> its names' flags together
        self.names: dict[str, int] = {}  # class name or id -> flags
        self.tokens: dict[str, int] = {}  # token of a name -> flags
        self.styles: dict[str, bool] = {}

    def _class(self, cls: str) -> int:
        names, v = self.names, self.v
        flags = 0
        for c in cls.split():
            f = names.get(c)
            if f is None:
                f = names[c] = _name_flags(c, v, self.tokens)
            flags |= f
        return flags

    def code(self, name: str, cls: str | None, ident: str | None, style: str | None, hidden: str | None,
             aria_hidden: str | None) -> int:
        v = self.v
        if name in v.protected_tags:
            return _NO_MARK
        if hidden is not None or (aria_hidden is not None and aria_hidden.lower() == "true"):
            return _HIDDEN
        if style:
            hides = self.styles.get(style)
            if hides is None:
                hides = self.styles[style] = _style_hides(style)
            if hides:
                return _HIDDEN
        if cls:
            c = self.classes.get(cls)
            if c is None:
                c = self.classes[cls] = self._class(cls)
            if c & _HIDES:
                return _HIDDEN
        else:
            c = 0
        if name in v.boilerplate_tags:
            return _WEAK
        if ident:
            i = self.names.get(ident)
            if i is None:
                i = self.names[ident] = _name_flags(ident, v, self.tokens)
            c |= i & ~_HIDES  # hidden_classes are read in the class attribute only
        if c & (_NEG | _POS) != _NEG:
            return _NO_MARK
        return _STRONG if c & _ONLY_NEG else _WEAK


# What a string inherits from the element it is in (one tuple per element, built as the walk
# enters it): the element's id, the id of its block element (the nearest block-level one), the id
# of its nearest marked element (or None), inside <a href>, inside <pre>, inside a string
# container (<rt>, <rp>...: not page text), and its segment: the nearer of its block element and
# its marked element (two strings belong to one block when their segments are the same element:
# the nearer one of the two determines the other).
_KEY, _BLOCK, _MARKED, _LINK, _PRE, _CONTAINER, _SEGMENT = range(7)
# Characters collapse_ws removes: a string of only these makes no line.
_BLANK = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\ufeff\u3000\x00"


class _Segmenter:
    """Walk the tree once: mark boilerplate and hidden elements, and cut the text into blocks (the
    text of one block-level element, lines split at ``<br>``; a marked element always starts a
    block). Non-content elements (scripts, styles, forms' controls: ``drop_tags``) are skipped with
    everything inside them. One loop with local state: this walk is most of the cleaning's time."""

    def __init__(self, v: Vocab) -> None:
        self.v = v
        self.marker = _Marker(v)
        self.marks = Marks()
        self.elements: dict[int, object] = {}  # every element walked, by id (kept alive: ids stay unique)
        self.parent: dict[int, int] = {}  # element id -> its parent's id
        self.name: dict[int, str] = {}  # block element id -> tag name
        self.chains: dict[int, tuple[int, ...]] = {}
        self.blocks: list[Block] = []
        self.para = 0
        self.kinds: dict[str, tuple] = {}

    def _kind(self, name: str) -> tuple:
        """What the walk needs to know of a tag: dropped, block-level, string container (its name or
        None), a link when it has href, preformatted, and its mark code when it has no attributes."""
        v = self.v
        return (name in v.drop_tags, name in v.block_tags, name if name in STRING_CONTAINERS else None,
                name == "a", name == "pre", self.marker.code(name, None, None, None, None, None))

    def chain(self, key: int) -> tuple[int, ...]:
        """Ids of the element and the enclosing ones, innermost first."""
        chains, parent = self.chains, self.parent
        got = chains.get(key)
        if got is not None:
            return got
        pending = []  # a loop, not recursion: pages nest very deep
        while key not in chains:
            pending.append(key)
            key = parent[key]
        got = chains[key]
        for k in reversed(pending):
            got = chains[k] = (k, *got)
        return got

    def _enter(self, tag, up: tuple | None) -> tuple:
        """The info of an element the walk does not reach by itself (the document, the ancestors
        of ``<body>``)."""
        key = id(tag)
        self.elements[key] = tag
        name = tag.tag
        if up is None:
            self.chains[key] = (key,)
            self.name[key] = name
            return (key, key, None, False, False, None, key)
        self.parent[key] = up[_KEY]
        code = self.marker.code(name, tag.get("class"), tag.get("id"), tag.get("style"), tag.get("hidden"),
                                tag.get("aria-hidden"))
        if code:
            (self.marks.weak, self.marks.strong, self.marks.hidden)[code - 1].add(key)
        is_block = name in self.v.block_tags
        if is_block:
            self.name[key] = name
        return (key, key if is_block else up[_BLOCK], key if code else up[_MARKED],
                up[_LINK] or (name == "a" and tag.get("href") is not None), up[_PRE] or name == "pre",
                name if name in STRING_CONTAINERS else up[_CONTAINER], key if is_block or code else up[_SEGMENT])

    def _emit(self, parts: list[str], link_parts: list[str], lead_link: int | None, block: int, para: int,
              only_lead: bool, only_link: bool) -> None:
        """The block of the strings gathered (none when they are blank). ``only_lead``: the only string
        that is not whitespace is a link the block starts with; ``only_link``: no link string but
        that one is (whitespace holds no token: then the lead's count is the links', and on ASCII,
        where collapsing whitespace joins nothing, the block's)."""
        raw = "".join(parts)
        if lead_link is None and not raw.strip(_BLANK):  # no string had more than whitespace
            return
        if "\x00" in raw:  # lines of a <pre>
            lines = [ln for ln in (collapse_ws(p) for p in raw.split("\x00")) if ln]
        else:
            ln = collapse_ws(raw)
            lines = [ln] if ln else None
        if lines:
            text = "\n".join(lines)
            self.blocks.append(Block(lines, lead_link if only_lead and raw.isascii() else count_tokens(text),
                                     ((lead_link or 0) if only_link else count_tokens("".join(link_parts)))
                                     if link_parts else 0,
                                     len(_PUNCT.findall(text)), self.name[block], self.chain(block), para,
                                     lead_link=lead_link or 0))

    def _walk(self, tops: list[Element], up: tuple, as_root: bool) -> None:
        """The strings and elements inside ``tops`` (under ``up``), in document order; the tops
        themselves too unless ``as_root`` (the walk's root starts no block). Their tails are outside
        the walk."""
        marks, mark, emit = self.marks, self.marker.code, self._emit
        mark_sets = (marks.weak, marks.strong, marks.hidden)
        elements, parent, names = self.elements, self.parent, self.name
        para = self.para
        # the block being gathered: its segment and block element (None before its first string),
        # its strings, the strings of its links, the tokens of a link it starts with (None until
        # its first string that is not whitespace)
        segment: int | None = None
        block = 0
        parts: list[str] = []
        link_parts: list[str] = []
        lead_link: int | None = None
        only_lead, only_link = False, True  # see _emit (no lead yet)
        kinds = self.kinds
        codes: dict[tuple, int] = {}  # (tag, class, id, style, hidden, aria-hidden) -> mark code, this page
        skipped = False  # the element just started was a dropped one: its end is the next event
        for top in tops:
            stack = [up]
            walker = etree.iterwalk(top, events=("start", "end", "comment", "pi"))
            for event, tag in walker:
                if event == "start":
                    name = tag.tag
                    kind = kinds.get(name)
                    if kind is None:
                        kind = kinds[name] = self._kind(name)
                    if kind[0]:
                        walker.skip_subtree()
                        skipped = True
                        continue
                    key = id(tag)
                    elements[key] = tag
                    outer = stack[-1]
                    parent[key] = outer[_KEY]
                    if tag.attrib:
                        akey = (name, tag.get("class"), tag.get("id"), tag.get("style"), tag.get("hidden"),
                                tag.get("aria-hidden"))
                        code = codes.get(akey)
                        if code is None:
                            code = codes[akey] = mark(*akey)
                    else:
                        code = kind[5]
                    if code:
                        mark_sets[code - 1].add(key)
                    if kind[1]:  # a block element
                        names[key] = name
                        inf = (key, key, key if code else outer[_MARKED],
                               outer[_LINK] or (kind[3] and tag.get("href") is not None), outer[_PRE] or kind[4],
                               kind[2] or outer[_CONTAINER], key)
                        stack.append(inf)
                        if not (as_root and tag is top):
                            if parts:
                                emit(parts, link_parts, lead_link, block, para, only_lead, only_link)
                                parts, link_parts, lead_link, only_lead, only_link = [], [], None, False, True
                            segment = None
                            para += 1
                    else:
                        inf = (key, outer[_BLOCK], key if code else outer[_MARKED],
                               outer[_LINK] or (kind[3] and tag.get("href") is not None), outer[_PRE] or kind[4],
                               kind[2] or outer[_CONTAINER], key if code else outer[_SEGMENT])
                        stack.append(inf)
                        # <br>: a line of its own (flat pages put whole layouts in <br> lines)
                        if name == "br" and parts and not (as_root and tag is top):
                            emit(parts, link_parts, lead_link, block, para, only_lead, only_link)
                            parts, link_parts, lead_link, only_lead, only_link = [], [], None, False, True
                    s = tag.text
                elif event == "end":
                    if skipped:
                        skipped = False
                    else:
                        stack.pop()
                    if tag is top:
                        continue
                    s = tag.tail
                    inf = stack[-1]
                elif tag is not top:  # a comment or processing instruction: only its tail is text
                    s = tag.tail
                    inf = stack[-1]
                else:
                    continue
                # the string s, in the element of inf
                if not s or inf[_CONTAINER]:
                    continue  # ruby annotations (and script, style, template text, already skipped)
                if inf[_SEGMENT] != segment:
                    if parts:
                        emit(parts, link_parts, lead_link, block, para, only_lead, only_link)
                        parts, link_parts, lead_link, only_lead, only_link = [], [], None, False, True
                    para += 1
                    segment, block = inf[_SEGMENT], inf[_BLOCK]
                if lead_link is None:
                    if s.strip():
                        lead_link = count_tokens(s) if inf[_LINK] else 0
                        only_lead = inf[_LINK]
                elif (only_lead or (only_link and inf[_LINK])) and s.strip():  # another string with text
                    only_lead = False
                    if inf[_LINK]:
                        only_link = False
                if inf[_PRE]:
                    s = s.replace("\n", "\x00")
                parts.append(s)
                if inf[_LINK]:
                    link_parts.append(s + " ")
        if parts:
            emit(parts, link_parts, lead_link, block, para, only_lead, only_link)
        self.para = para

    def run(self, root: Element) -> list[Block]:
        """The blocks of the page's ``<body>``; of the whole document when it has none."""
        doc = self._enter(_Document(), None)
        drop = self.v.drop_tags
        body = next((b for b in iter_document(root, "body")
                     if not any(True for _ in b.iterancestors(*drop))), None)
        if body is None:
            self._walk(top_level(root), doc, as_root=False)
        else:
            up = doc
            for anc in reversed(list(body.iterancestors())):
                up = self._enter(anc, up)
            self._walk([body], up, as_root=True)
        return self.blocks


# An element's counts (a list, indexed by these): tokens, link tokens, prose tokens (outside links,
# in prose blocks), link blocks, text blocks, and headed blocks (that start with a link and go on in
# plain text).
_TOKENS, _LINK_TOKENS, _PROSE, _LINK_BLOCKS, _TEXT_BLOCKS, _HEADED_BLOCKS = range(6)
_Stats = list[int]


@dataclass
class _Tree:
    """The elements on the blocks' chains: each one's parent (None at the top) and depth (the
    length of its chain)."""

    parent: dict[int, int | None]
    depth: dict[int, int]


def chain_tree(blocks: list[Block]) -> _Tree:
    """The elements on the blocks' chains. Chains share their tops, so each chain is read only up
    to the first element already seen (whose ancestors are then known too)."""
    parent: dict[int, int | None] = {}
    depth: dict[int, int] = {}
    for b in blocks:
        chain = b.chain
        n = len(chain)
        for k, el in enumerate(chain):
            if el in depth:
                break
            depth[el] = n - k
            parent[el] = chain[k + 1] if k + 1 < n else None
    return _Tree(parent, depth)


def element_stats(blocks: list[Block], tree: _Tree | None = None) -> dict[int, _Stats]:
    """Token and block counts of every element that holds text: each block counts in its block
    element, and every element adds up its children's counts (deepest first), once per element
    rather than once per block and ancestor."""
    tree = tree or chain_tree(blocks)
    own: dict[int, list[int]] = {}
    for b in blocks:
        linky = b.link_density >= 0.5
        c = own.get(b.chain[0])
        if c is None:
            c = own[b.chain[0]] = [0, 0, 0, 0, 0, 0]
        c[0] += b.tokens
        c[1] += b.link_tokens
        c[2] += b.tokens - b.link_tokens if _is_prose(b) else 0
        c[3] += linky
        c[4] += not linky
        c[5] += not linky and b.lead_link >= 3
    parent, depth = tree.parent, tree.depth
    stats: dict[int, _Stats] = {}
    for el in sorted(depth, key=depth.__getitem__, reverse=True):  # an element's children before it
        c = own.get(el) or [0, 0, 0, 0, 0, 0]
        stats[el] = c  # final: nothing adds to it after its children
        up = parent[el]
        if up is not None:
            u = own.get(up)
            if u is None:
                own[up] = c[:]
            else:
                for j in range(6):
                    u[j] += c[j]
    return stats


def _signature(tag: Element) -> tuple[str, str]:
    cls = tag.get("class")
    names = cls.split() if cls else []
    return tag.tag, (names[0].lower() if names else "")


def find_listings(elements: dict[int, object], stats: dict[int, _Stats], max_item_tokens: int,
                  tree: _Tree) -> set[int]:
    """Items of teaser lists: runs of three or more sibling elements alike in tag and class, each a
    linked title plus a little text (a summary, a date). Such items are marked as boilerplate."""
    found: set[int] = set()
    children: dict[int, list[int]] = {}  # an element's children that hold text (only they can be items)
    for key in stats:
        up = tree.parent[key]
        if up is not None:
            children.setdefault(up, []).append(key)
    for up, keys in children.items():
        if len(keys) < 3 or not hasattr(elements[up], "getparent"):  # the document above the root groups nothing
            continue
        groups: dict[tuple[str, str], list[int]] = {}
        for key in keys:
            groups.setdefault(_signature(elements[key]), []).append(key)
        for members in groups.values():
            if len(members) < 3:
                continue
            teasers = [m for m in members if _teaser(stats[m], max_item_tokens)]
            if len(teasers) >= 0.6 * len(members):
                found.update(teasers)
    return found


def _teaser(st: _Stats, max_item_tokens: int) -> bool:
    titled = (st[_LINK_BLOCKS] >= 1 and st[_TEXT_BLOCKS] >= 1) or st[_HEADED_BLOCKS] >= 1
    return titled and st[_TOKENS] - st[_LINK_TOKENS] <= max_item_tokens


def resolve_marks(blocks: list[Block], marks: Marks, stats: dict[int, _Stats], share: float) -> None:
    """Set ``Block.negative``: inside a marked element, unless the mark is weak and the element
    holds ``share`` or more of the page's prose (a wrapper's class name, as in ``class="has-sidebar"``)."""
    total = sum(b.tokens - b.link_tokens for b in blocks if _is_prose(b))
    effective = marks.strong | marks.hidden
    effective |= {el for el in marks.weak if el in stats and (total == 0 or stats[el][_PROSE] < share * total)}
    if total and sum(b.tokens for b in blocks if _is_prose(b) and effective.isdisjoint(b.chain)) == 0:
        effective = set()  # everything is marked: the marks are wrong, not the page
    for b in blocks:
        b.negative = not effective.isdisjoint(b.chain)


def _is_prose(b: Block) -> bool:
    v = vocab()
    nonlink = b.tokens - b.link_tokens
    return b.tag not in v.heading_tags and b.punct >= 1 and nonlink >= v.prose_min_tokens and b.link_density < 0.5


def _value(b: Block) -> float:
    if b.negative or b.linky:
        return -float(b.tokens)
    if _is_prose(b):
        return float(b.tokens - 2 * b.link_tokens)
    return -vocab().short_penalty * b.tokens


def _boilerplate_line(line: str, v: Vocab) -> bool:
    if len(line) > v.lines_max_chars:  # most lines of a text: longer than any rule drops
        return False
    return any(len(line) <= limit and rx.search(line) for rx, limit in v.lines)


def _dedupable(line: str) -> bool:
    n = vocab().dedup_min_tokens
    return len(line) >= n and count_tokens(line) >= n


def score_blocks(blocks: list[Block]) -> None:
    """Set ``Block.value``; a line already seen earlier on the page (a print copy, a hidden
    duplicate) adds nothing the second time."""
    paras: dict[int, list[int]] = {}
    for b in blocks:
        t = paras.setdefault(b.para, [0, 0])
        t[0] += b.tokens
        t[1] += b.link_tokens
    seen: set[str] = set()
    n = vocab().dedup_min_tokens
    for b in blocks:
        tokens, links = paras[b.para]
        b.para_link_density = links / tokens if tokens else 0.0
        b.value = _value(b)
        lines = b.lines
        if len(lines) == 1:  # most blocks: the line's tokens are the block's
            ln = lines[0]
            if len(ln) >= n and b.tokens >= n:
                if b.value > 0 and ln in seen:
                    b.value = 0.0  # nothing fresh in it
                seen.add(ln)
            continue
        if b.value > 0:
            fresh = [ln for ln in lines if not _dedupable(ln) or ln not in seen]
            if len(fresh) < len(lines):
                b.value *= count_tokens("\n".join(fresh)) / b.tokens
        seen.update(ln for ln in lines if _dedupable(ln))


def _scores(blocks: list[Block]) -> tuple[dict[int, float], dict[int, list[list]]]:
    """For every element on the blocks' chains, in one pass: the sum of its blocks' values, and its
    runs of blocks by child, ``[child key, first block, last block + 1, value]`` in document order
    (an element's own blocks are runs of their own). Sums are taken block by block in document
    order, so that ties come out the same however the page nests."""
    score: dict[int, float] = {}
    groups: dict[int, list[list]] = {}
    for i, b in enumerate(blocks):
        v = b.value
        child = -1 - i
        for el in b.chain:
            runs = groups.get(el)
            if runs is None:
                groups[el] = [[child, i, i + 1, v]]
                score[el] = 0.0 + v
            else:
                score[el] += v
                last = runs[-1]
                if last[0] == child:
                    last[2] = i + 1
                    last[3] += v
                else:
                    runs.append([child, i, i + 1, v])
            child = el
    return score, groups


def best_element(blocks: list[Block], tree: _Tree | None = None,
                 scores: tuple[dict[int, float], dict[int, list[list]]] | None = None) -> int | None:
    """The id of the element whose blocks add up to the highest value (the deepest on a tie)."""
    depth = (tree or chain_tree(blocks)).depth
    score = (scores or _scores(blocks))[0]
    if not score:
        return None
    return max(score, key=lambda el: (score[el], depth[el]))


def best_sibling_run(blocks: list[Block], tree: _Tree | None = None,
                     scores: tuple[dict[int, float], dict[int, list[list]]] | None = None) -> tuple[int, int]:
    """The best run of consecutive children of one element (an element's text of its own counts as
    a child): the whole element when it holds nothing but the main text, a stretch of its children
    when the main text shares a flat container with menus and link lists."""
    depth = (tree or chain_tree(blocks)).depth
    groups = (scores or _scores(blocks))[1]
    best = (float("-inf"), 0, 0, 0)
    for el, runs in groups.items():
        acc, start = 0.0, 0
        d = depth[el]
        for j, (_, lo, hi, val) in enumerate(runs):
            if acc <= 0:
                acc, start = 0.0, j
            acc += val
            if (acc, d) > best[:2]:
                best = (acc, d, runs[start][1], hi)
    return best[2], best[3]


def select(blocks: list[Block], tree: _Tree | None = None) -> tuple[int, int]:
    """The ``[start, end)`` range of the main text's blocks.

    The best element, unless a run of one element's children is worth ``sibling_gain`` times as
    much: then no element holds the main text apart from the page's furniture (old table layouts
    put the article, the menus and the link lists side by side in one cell).
    """
    if not blocks:
        return 0, 0
    tree = tree or chain_tree(blocks)
    scores = _scores(blocks)
    el = best_element(blocks, tree, scores)
    runs = scores[1][el]  # the element's blocks, in runs: from the first to the last
    lo, hi = runs[0][1], runs[-1][2]
    tree_value = sum(b.value for b in blocks[lo:hi])
    slo, shi = best_sibling_run(blocks, tree, scores)
    inside = lo <= slo and shi <= hi  # a part of the element: its own tail or head is not boilerplate
    if not inside and sum(b.value for b in blocks[slo:shi]) > vocab().sibling_gain * max(tree_value, 1.0):
        return slo, shi
    return lo, hi


@dataclass
class Analysis:
    """Every block of a page, the range of the main text, and the elements by id (for debugging)."""

    blocks: list[Block]
    span: tuple[int, int]
    elements: dict[int, object]

    def main_span(self) -> tuple[int, int]:
        """The selected range less the blocks worth nothing at its ends (a dateline, a byline, a
        title before the text; a share bar after it)."""
        lo, hi = self.span
        while lo < hi and self.blocks[lo].value <= 0:
            lo += 1
        while hi > lo and self.blocks[hi - 1].value <= 0:
            hi -= 1
        return lo, hi

    def main(self) -> list[Block]:
        """The blocks of the main text, without boilerplate blocks and repeated lines."""
        lo, hi = self.main_span()
        seen: set[str] = set()
        out = []
        n = vocab().dedup_min_tokens
        for b in self.blocks[lo:hi]:
            if b.negative or b.linky:  # links count per paragraph: "name<br>link" lines are the author's
                continue
            if len(b.lines) == 1:  # most blocks: the line's tokens are the block's
                ln = b.lines[0]
                if not (len(ln) >= n and b.tokens >= n and ln in seen):
                    seen.add(ln)
                    out.append(b)
                continue
            lines = [ln for ln in b.lines if not _dedupable(ln) or ln not in seen]
            seen.update(lines)
            if lines:
                out.append(b if len(lines) == len(b.lines) else replace(b, lines=lines))
        return out

    def heading_before_main(self) -> str | None:
        """The text of the last heading (h1-h6) at or before the start of the main text."""
        lo, _ = self.main_span()
        heads = vocab().heading_tags
        for b in reversed(self.blocks[: lo + 1]):
            if b.tag in heads:
                return b.text.replace("\n", " ")
        return None


def analyse(root: Element | None) -> Analysis:
    """Segment and score the page (``root``: :func:`.tree.parse_html`'s; None for an empty page).
    The tree is not changed."""
    v = vocab()
    seg = _Segmenter(v)
    blocks = seg.run(root) if root is not None else []
    tree = chain_tree(blocks)
    stats = element_stats(blocks, tree)
    marks = seg.marks
    marks.weak |= find_listings(seg.elements, stats, v.listing_item_tokens, tree)
    resolve_marks(blocks, marks, stats, v.wrapper_share)
    score_blocks(blocks)
    return Analysis(blocks, select(blocks, tree), seg.elements)


def main_blocks(root: Element | None) -> list[Block]:
    """The blocks of the main text, in document order."""
    return analyse(root).main()


def text_of(blocks: list[Block]) -> str:
    """The blocks as text, one paragraph a line, without boilerplate lines."""
    v = vocab()
    return "\n".join(ln for b in blocks for ln in b.lines if not _boilerplate_line(ln, v))


def main_text(root: Element | None) -> str:
    """The main text of the page, one paragraph a line (empty when the page has none)."""
    return text_of(main_blocks(root))
