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
        lines=tuple((rules.compile_regex(r["regex"], f"lines.yaml:{r['id']}", re.I),
                     int(r.get("max_chars", ln.get("max_chars", 80)))) for r in ln["lines"]),
        **{k: sc[k] for k in ("prose_min_tokens", "short_penalty", "wrapper_share", "sibling_gain",
                              "dedup_min_tokens", "listing_item_tokens")},
    )


def class_names(tag: Element) -> list[list[str]]:
    """Each class name and the id, as lower-case tokens: ``articleShare-bar`` -> article, share, bar."""
    return _names(tag.get("class"), tag.get("id"))


def _names(cls: str | None, ident: str | None) -> list[list[str]]:
    raw = cls.split() if cls else []
    if ident:
        raw.append(ident)
    return [[t.lower() for t in _TOKEN_SPLIT.split(value) if t] for value in raw]


def _is(token: str, token_set: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    exact, prefixes = token_set
    return token in exact or bool(prefixes and token.startswith(prefixes))


def _matches(tokens: list[str], token_set: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    return any(_is(t, token_set) for t in tokens)


def mark_strength(tag: Element, v: Vocab) -> int:
    """0: no boilerplate mark; 1: weak (a negative word inside a longer name); 2: strong."""
    return _strength(tag.get("class"), tag.get("id"), v)


@lru_cache(maxsize=8192)
def _strength(cls: str | None, ident: str | None, v: Vocab) -> int:
    # pages repeat a few class names on thousands of elements: each pair is tokenised once
    names = _names(cls, ident)
    toks = [t for name in names for t in name]
    if not toks or not _matches(toks, v.negative) or _matches(toks, v.positive):
        return 0
    for name in names:
        if name and any(_is(t, v.negative) for t in name) and all(_is(t, v.negative) or t in v.neutral
                                                                   for t in name):
            return 2
    return 1


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


@dataclass(eq=False)
class _Info:
    """What a string inside an element inherits from the element and its ancestors."""

    name: str
    chain: tuple[int, ...]  # ids of the element and the enclosing ones, innermost first
    marks: tuple[int, ...]  # ids of the marked ones among them
    link: bool  # inside <a href>
    pre: bool  # inside <pre>
    container: str | None  # inside <rt>, <rp>...: its strings are not page text
    block: _Info | None = None  # the info of the block element the strings belong to


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


def _hidden(tag: Element, v: Vocab) -> bool:
    if tag.get("hidden") is not None or tag.get("aria-hidden", "").lower() == "true":
        return True
    style = tag.get("style")
    if style:
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    cls = tag.get("class")
    return bool(cls) and any(c.lower() in v.hidden_classes for c in cls.split())


@dataclass
class _Segmenter:
    """Walk the tree once: mark boilerplate and hidden elements, and cut the text into blocks
    (a marked element always starts a block). Non-content elements (scripts, styles, forms'
    controls: ``drop_tags``) are skipped with everything inside them."""

    v: Vocab
    marks: Marks = field(default_factory=Marks)
    elements: dict[int, object] = field(default_factory=dict)  # every element walked, by id (kept alive)
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_parts: list[str] = field(default_factory=list)
    current: _Info | None = None
    para: int = 0
    lead_link: int | None = None

    def _mark(self, tag: Element, key: int, name: str) -> bool:
        v = self.v
        if name in v.protected_tags:
            return False
        if _hidden(tag, v):
            self.marks.hidden.add(key)
        elif name in v.boilerplate_tags:
            self.marks.weak.add(key)
        else:
            strength = _strength(tag.get("class"), tag.get("id"), v)
            if strength == 2:
                self.marks.strong.add(key)
            elif strength == 1:
                self.marks.weak.add(key)
            else:
                return False
        return True

    def _derive(self, tag, up: _Info | None) -> _Info:
        key = id(tag)
        self.elements[key] = tag
        name = tag.tag
        if up is None:  # the document
            inf = _Info(name, (key,), (), False, False, None)
            inf.block = inf
            return inf
        marked = self._mark(tag, key, name)
        inf = _Info(name, (key, *up.chain), ((key, *up.marks) if marked else up.marks),
                    up.link or (name == "a" and tag.get("href") is not None), up.pre or name == "pre",
                    name if name in STRING_CONTAINERS else up.container)
        inf.block = inf if name in self.v.block_tags else up.block
        return inf

    def flush(self) -> None:
        cur, self.current = self.current, None
        if cur is not None and self.parts:
            raw = "".join(self.parts)
            lines = [ln for ln in (collapse_ws(p) for p in raw.split("\x00")) if ln]
            if lines:
                text = "\n".join(lines)
                block = cur.block
                self.blocks.append(Block(lines=lines, tokens=count_tokens(text),
                                         link_tokens=count_tokens("".join(self.link_parts)),
                                         punct=len(_PUNCT.findall(text)), tag=block.name,
                                         chain=block.chain, para=self.para,
                                         lead_link=self.lead_link or 0))
        self.parts, self.link_parts, self.lead_link = [], [], None

    def _string(self, s: str, inf: _Info) -> None:
        if inf.container:
            return  # ruby annotations (and script, style, template text, already skipped)
        cur = self.current
        if cur is None or cur.block is not inf.block or cur.marks != inf.marks:
            self.flush()
            self.para += 1
            self.current = inf
        if self.lead_link is None and s.strip():
            self.lead_link = count_tokens(s) if inf.link else 0
        if inf.pre:
            s = s.replace("\n", "\x00")
        self.parts.append(s)
        if inf.link:
            self.link_parts.append(s + " ")

    def _walk(self, top: Element, up: _Info, as_root: bool) -> None:
        """The strings and elements inside ``top``, in document order (``top`` itself too unless
        ``as_root``: the walk's root starts no block and its tail is outside the walk)."""
        drop, block_tags = self.v.drop_tags, self.v.block_tags
        stack = [up]
        walker = etree.iterwalk(top, events=("start", "end", "comment", "pi"))
        for event, tag in walker:
            if event == "start":
                name = tag.tag
                if name in drop:
                    walker.skip_subtree()
                    continue
                inf = self._derive(tag, stack[-1])
                stack.append(inf)
                if as_root and tag is top:
                    pass
                elif name in block_tags:
                    self.flush()
                    self.para += 1
                elif name == "br":  # a line of its own: flat pages put whole layouts in <br> lines
                    cur = self.current
                    self.flush()
                    self.current = cur
                if tag.text:
                    self._string(tag.text, inf)
            elif event == "end":
                if tag.tag not in drop:
                    stack.pop()
                if tag is not top and tag.tail:
                    self._string(tag.tail, stack[-1])
            elif tag is not top and tag.tail:  # a comment or processing instruction: only its tail is text
                self._string(tag.tail, stack[-1])

    def run(self, root: Element) -> list[Block]:
        """The blocks of the page's ``<body>``; of the whole document when it has none."""
        doc = self._derive(_Document(), None)
        drop = self.v.drop_tags
        body = next((b for b in iter_document(root, "body")
                     if not any(True for _ in b.iterancestors(*drop))), None)
        if body is None:
            for top in top_level(root):
                self._walk(top, doc, as_root=False)
        else:
            up = doc
            for anc in reversed(list(body.iterancestors())):
                up = self._derive(anc, up)
            self._walk(body, up, as_root=True)
        self.flush()
        return self.blocks


@dataclass
class _Stats:
    tokens: int = 0
    link_tokens: int = 0
    prose: int = 0
    link_blocks: int = 0
    text_blocks: int = 0
    headed_blocks: int = 0  # blocks that start with a link and go on in plain text


def element_stats(blocks: list[Block]) -> dict[int, _Stats]:
    """Token and block counts of every element that holds text."""
    stats: dict[int, _Stats] = {}
    for b in blocks:
        nonlink = b.tokens - b.link_tokens
        prose = nonlink if _is_prose(b) else 0
        linky = b.link_density >= 0.5
        for el in b.chain:
            st = stats.get(el)
            if st is None:
                st = stats[el] = _Stats()
            st.tokens += b.tokens
            st.link_tokens += b.link_tokens
            st.prose += prose
            st.link_blocks += linky
            st.text_blocks += not linky
            st.headed_blocks += (not linky and b.lead_link >= 3)
    return stats


def _signature(tag: Element) -> tuple[str, str]:
    cls = tag.get("class")
    names = cls.split() if cls else []
    return tag.tag, (names[0].lower() if names else "")


def find_listings(elements: dict[int, object], stats: dict[int, _Stats], max_item_tokens: int) -> set[int]:
    """Items of teaser lists: runs of three or more sibling elements alike in tag and class, each a
    linked title plus a little text (a summary, a date). Such items are marked as boilerplate."""
    found: set[int] = set()
    parents: dict[int, Element] = {}
    for key in stats:  # only parents of elements that hold text can have items
        parent = getattr(elements[key], "getparent", lambda: None)()
        if parent is not None:
            parents[id(parent)] = parent
    for parent in parents.values():
        groups: dict[tuple[str, str], list[Element]] = {}
        for child in parent:
            if id(child) in stats and isinstance(child.tag, str):
                groups.setdefault(_signature(child), []).append(child)
        for members in groups.values():
            if len(members) < 3:
                continue
            teasers = [m for m in members if _teaser(stats[id(m)], max_item_tokens)]
            if len(teasers) >= 0.6 * len(members):
                found.update(id(m) for m in teasers)
    return found


def _teaser(st: _Stats, max_item_tokens: int) -> bool:
    titled = (st.link_blocks >= 1 and st.text_blocks >= 1) or st.headed_blocks >= 1
    return titled and st.tokens - st.link_tokens <= max_item_tokens


def resolve_marks(blocks: list[Block], marks: Marks, stats: dict[int, _Stats], share: float) -> None:
    """Set ``Block.negative``: inside a marked element, unless the mark is weak and the element
    holds ``share`` or more of the page's prose (a wrapper's class name, as in ``class="has-sidebar"``)."""
    total = sum(b.tokens - b.link_tokens for b in blocks if _is_prose(b))
    effective = marks.strong | marks.hidden
    effective |= {el for el in marks.weak if el in stats and (total == 0 or stats[el].prose < share * total)}
    if total and sum(b.tokens for b in blocks if _is_prose(b) and not any(el in effective for el in b.chain)) == 0:
        effective = set()  # everything is marked: the marks are wrong, not the page
    for b in blocks:
        b.negative = any(el in effective for el in b.chain)


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
    for b in blocks:
        tokens, links = paras[b.para]
        b.para_link_density = links / tokens if tokens else 0.0
        b.value = _value(b)
        if b.value > 0:
            fresh = [ln for ln in b.lines if not _dedupable(ln) or ln not in seen]
            if len(fresh) < len(b.lines):
                b.value *= count_tokens("\n".join(fresh)) / b.tokens
        seen.update(ln for ln in b.lines if _dedupable(ln))


def best_element(blocks: list[Block]) -> int | None:
    """The id of the element whose blocks add up to the highest value (the deepest on a tie)."""
    score: dict[int, float] = {}
    depth: dict[int, int] = {}
    for b in blocks:
        n = len(b.chain)
        for i, el in enumerate(b.chain):
            score[el] = score.get(el, 0.0) + b.value
            depth[el] = n - i
    if not score:
        return None
    return max(score, key=lambda el: (score[el], depth[el]))


def best_sibling_run(blocks: list[Block]) -> tuple[int, int]:
    """The best run of consecutive children of one element (an element's text of its own counts as
    a child): the whole element when it holds nothing but the main text, a stretch of its children
    when the main text shares a flat container with menus and link lists."""
    # group[el] = list of (child key, first block, last block + 1, value) in document order
    groups: dict[int, list[list]] = {}
    depth: dict[int, int] = {}
    for i, b in enumerate(blocks):
        n = len(b.chain)
        for k, el in enumerate(b.chain):
            child = b.chain[k - 1] if k else -1 - i
            runs = groups.setdefault(el, [])
            depth[el] = n - k
            if runs and runs[-1][0] == child:
                runs[-1][2] = i + 1
                runs[-1][3] += b.value
            else:
                runs.append([child, i, i + 1, b.value])
    best = (float("-inf"), 0, 0, 0)
    for el, runs in groups.items():
        acc, start = 0.0, 0
        for j, (_, lo, hi, val) in enumerate(runs):
            if acc <= 0:
                acc, start = 0.0, j
            acc += val
            cand = (acc, depth[el], runs[start][1], hi)
            if cand[:2] > best[:2]:
                best = cand
    return best[2], best[3]


def select(blocks: list[Block]) -> tuple[int, int]:
    """The ``[start, end)`` range of the main text's blocks.

    The best element, unless a run of one element's children is worth ``sibling_gain`` times as
    much: then no element holds the main text apart from the page's furniture (old table layouts
    put the article, the menus and the link lists side by side in one cell).
    """
    if not blocks:
        return 0, 0
    el = best_element(blocks)
    idx = [i for i, b in enumerate(blocks) if el in b.chain]
    lo, hi = idx[0], idx[-1] + 1
    tree_value = sum(b.value for b in blocks[lo:hi])
    slo, shi = best_sibling_run(blocks)
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
        for b in self.blocks[lo:hi]:
            if b.negative or b.linky:  # links count per paragraph: "name<br>link" lines are the author's
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
    stats = element_stats(blocks)
    marks = seg.marks
    marks.weak |= find_listings(seg.elements, stats, v.listing_item_tokens)
    resolve_marks(blocks, marks, stats, v.wrapper_share)
    score_blocks(blocks)
    return Analysis(blocks, select(blocks), seg.elements)


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
