"""Statistical syntax for linking: what a figure measures and whose it is, read from a dependency parse.

The model is a spaCy tagger + dependency parser trained here on Universal Dependencies treebanks
(``scripts/train_syntax.sh``, config in ``scripts/syntax/``) and shipped in
``pipeline/models/<lang>_syntax`` (CC BY-SA 4.0, like the treebank). Nothing is downloaded. Only the
sentences that hold figures are parsed, a document's sentences in one ``nlp.pipe`` batch.

Rules over the parse (UD relations):

- the figure's head token is climbed through its number, currency and conversion tokens; then
- a figure that is the object, oblique or complement of a verb or adjective measures that predicate's
  subject: ``revenue`` ← fell → 12% → $3.4bn; a verb without a subject of its own (a conjunct, an open
  complement, a relative clause) takes the subject of the verb it depends on;
- a figure that modifies a noun or hangs from it (``revenues of A$2.6bn``, ``a $48m contract``)
  measures that noun;
- a figure that is itself the predicate (``the deficit was $427bn``) measures its subject;
- the metric is the noun with its compounds and adjectives and a short ``of``/``on``/``in`` complement,
  never a pronoun or a generic word (``it``, ``company``, ``total``): then the rules decide;
- the subject is a proper name (tags NNP/NNPS) that owns the metric: its possessor (``China's`` GDP),
  a proper-noun compound (``Pernod`` shares), or a proper-noun subject of the same predicate.

``POLICY_EXTRACT_SYNTAX=off`` turns the parser off (the rules alone decide), to measure both.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "models"

_FIGURE_TAGS = {"CD", "$", "NFP"}
_PRONOUNS = {"it", "they", "this", "that", "which", "who", "its", "their", "these", "those", "he", "she", "we", "i",
             "you", "them", "one", "ones", "what"}
_SUBJ = ("nsubj", "nsubj:pass", "csubj")
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_PROPN = {"NNP", "NNPS"}
_PREDICATE_DEPS = {"obj", "iobj", "obl", "obl:npmod", "obl:tmod", "obl:unmarked", "xcomp", "advmod", "nmod:npmod",
                   "nmod:unmarked", "ccomp", "dep", "oprd", "acomp", "attr", "dobj", "npadvmod", "pobj"}
_INHERIT = {"conj", "xcomp", "ccomp", "advcl", "acl", "acl:relcl", "parataxis"}
_NP_LEFT = {"compound", "amod", "nmod:poss", "flat", "nummod"}
_PREP_OK = {"of", "on", "in", "to", "for", "from"}


@dataclass(frozen=True)
class Lexicon:
    """The words the parse rules need (``patterns/<lang>/link.yaml``)."""
    generic: frozenset[str] = frozenset()        # never a metric on their own (it, company, total)
    level_verbs: frozenset[str] | None = None   # a figure after these measures the subject (rose, reached)
    generic_heads: frozenset[str] = frozenset()  # a figure modifying these says only that something changed
    actors: frozenset[str] = frozenset()         # analysts, officials: who speaks, not what is measured
    rate_nouns: frozenset[str] = frozenset()     # at an annual rate of 4%: the rate of the subject
    subject_measures: frozenset[str] = frozenset()  # generic, yet measured when the subject (Growth was 1.1%)
    time_nouns: frozenset[str] = frozenset()     # "Last year coal output": a time in front is no part of the metric
    amount_verbs: frozenset[str] = frozenset()   # Alitalia lost 330m euros: a named actor's amount is the action's

    @classmethod
    def from_link(cls, L: dict, generic) -> "Lexicon":
        def words(key):
            return frozenset(w.lower() for w in L.get(key, []))

        return cls(generic=frozenset(generic), level_verbs=words("syntax_level_verbs") or None,
                   generic_heads=words("syntax_generic_heads") | words("metric_change_nouns"),
                   actors=words("actor_nouns") | words("syntax_actors"),
                   rate_nouns=words("syntax_rate_nouns"), subject_measures=words("syntax_subject_measures"),
                   time_nouns=words("syntax_time_nouns"), amount_verbs=words("syntax_amount_verbs"))


def syntax_enabled() -> bool:
    return os.environ.get("POLICY_EXTRACT_SYNTAX", "on").lower() not in ("off", "0", "false", "no")


def model_path(lang: str) -> Path:
    return Path(os.environ.get(f"POLICY_EXTRACT_SYNTAX_{lang.upper()}", MODEL_DIR / f"{lang}_syntax"))


@lru_cache(maxsize=None)
def load_parser(lang: str):
    """The shipped spaCy pipeline for ``lang`` (tagger + parser), or None when there is none."""
    path = model_path(lang)
    if not syntax_enabled() or not (path / "config.cfg").exists():
        return None
    import spacy

    return spacy.load(path)


def parse(lang: str, texts: list[str]):
    """Parsed docs of ``texts`` (one batch through ``nlp.pipe``), or None without a model.

    numpy's BLAS is held to one thread while parsing: the batches are a document's few sentences, and
    OpenBLAS's threads cost more to wake than they save (NOTES.md, Throughput: in-process CPU time of the
    parse on 4-sentence batches 9.6 -> 8.1 s, wall 12.6 -> 8.3 s on a busy 2-core machine)."""
    nlp = load_parser(lang)
    if nlp is None:
        return None
    with _one_blas_thread():
        return list(nlp.pipe(texts, batch_size=256))


def parse_stream(lang: str, texts: list[str]):
    """Parsed docs of ``texts`` as they come out of ``nlp.pipe`` (a generator), or None without a model."""
    nlp = load_parser(lang)
    if nlp is None:
        return None

    def stream():
        with _one_blas_thread():
            yield from nlp.pipe(texts, batch_size=256)

    return stream()


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:          # an optional speed-up: without it BLAS keeps its own threads
        return None
    return ThreadpoolController()


def _one_blas_thread():
    ctl = _blas_controller()
    return contextlib.nullcontext() if ctl is None else ctl.limit(limits=1, user_api="blas")


# --------------------------------------------------------------------------------------------
# reading the parse
# --------------------------------------------------------------------------------------------

# verbs that move a named level to (or from) a figure: "reduce its growth estimate from 2.2% to 1.6%", "cut its
# forecast to 1.6%" (not "brought the total to $8.2 trillion", "lifted borrowing costs five times to 2.25%")
# (their forms start so: reduced, cutting, raises; the blank pipeline has no lemmatizer)
_REVISE = ("reduc", "cut", "lower", "rais", "revis", "trim", "slash", "hik", "downgrad", "upgrad", "scal", "increas",
           "boost", "lift", "extend", "expand", "halv", "doubl")


# finite verbs (a past participle, VBN, may modify a noun: planned spending)
_FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _figure_tokens(sent, fs: int, fe: int):
    """Tokens of the sentence inside [fs, fe) (character offsets into the sentence)."""
    toks = [t for t in sent if t.idx < fe and t.idx + len(t.text) > fs]
    return toks


def _climb(toks):
    """The token through which the figure attaches to the rest of the sentence."""
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    # a conversion or a second figure hanging from a figure ("$3.4bn (£1.8bn)", "12% to $3.4bn")
    seen = 0
    while root.head.i != root.i and seen < 4 and (root.head.tag_ in _FIGURE_TAGS or root.head.text == "%" or
                                                  root.head.lower_ in ("percent", "yuan", "euros", "dollars",
                                                                       "pounds")) and root.dep_ in (
            "appos", "nmod", "conj", "nummod", "compound", "dep", "nmod:unmarked", "obl", "obl:unmarked"):
        root = root.head
        seen += 1
    return root


def _np_span(noun, figure_ids: set[int], time_nouns: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Character span (in the sentence) of the noun with its compounds and adjectives and a short
    of/on/in complement; None for a pronoun. A time noun in front (Last year coal output) is left out."""
    if noun.lower_ in _PRONOUNS or noun.tag_ in ("PRP", "PRP$", "WDT", "WP", "DT", "EX"):
        return None
    left = []
    stack = [c for c in noun.lefts if c.dep_ in _NP_LEFT and c.i not in figure_ids]
    while stack:
        c = stack.pop()
        if c.dep_ == "nmod:poss" or c.tag_ in ("POS", "PRP$") or c.tag_ in _FIGURE_TAGS or c.tag_ in _PROPN:
            continue  # China's GDP, Pernod shares: the name is the subject, not the metric
        if c.dep_ == "nummod" or c.lower_ in time_nouns:
            continue
        if c.tag_ in _FINITE_VERBS:
            continue  # Samsung said/amod sales rose: a misparsed reporting verb, never part of a noun phrase
        left.append(c)
        stack.extend(x for x in c.lefts if x.dep_ in ("compound", "amod", "advmod"))
    start = min([noun.idx] + [c.idx for c in left if c.i < noun.i])
    end = noun.idx + len(noun.text)
    doc = noun.doc
    first = min([noun.i] + [c.i for c in left if c.i < noun.i])
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and not doc[first - 2].whitespace_:
        first -= 2                                  # pre-tax profit, year-on-year
        start = doc[first].idx
    for r in noun.rights:
        if figure_ids and r.i > min(figure_ids) > noun.i:
            break                                   # a rise of 0.4% in January: nothing past the figure
        if r.dep_ in ("nmod", "acl") and r.i not in figure_ids:
            sub = list(r.subtree)
            case = next((x for x in sub if x.dep_ == "case"), None)
            limit = 16 if case is not None and case.lower_ in ("of", "with") else 8
            if r.dep_ == "nmod" and case is not None and case.lower_ in _PREP_OK and len(sub) <= limit \
                    and not any(x.i in figure_ids or x.tag_ == "CD" for x in sub) and r.tag_ not in _PROPN:
                end = max(end, max(x.idx + len(x.text) for x in sub))
            break
    return start, end


def _measured_name(tok) -> bool:
    """A proper-noun tag on what is in fact measured: a possessed noun (China's GDP) or an acronym (CPI)."""
    return any(c.dep_ == "nmod:poss" for c in tok.children) or (tok.text.isupper() and len(tok.text) <= 4)


def _name_tail(tok) -> bool:
    """A capitalised common-noun tag right after a proper noun it is compounded with: the last word of a
    name the tagger split (Nippon/NNP Steel/NN, Rio/NNP Tinto/NN)."""
    return tok.text[:1].isupper() and tok.i > tok.sent.start and any(
        c.i == tok.i - 1 and c.dep_ in ("compound", "flat") and c.tag_ in _PROPN for c in tok.lefts)


def _apposed_name(tok):
    """The proper noun right after a common noun in apposition to it (bank Lloyds Banking)."""
    if tok.tag_ in _PROPN:
        return None
    return next((c for c in tok.rights if c.dep_ == "appos" and c.i == tok.i + 1 and c.tag_ in _PROPN), None)


def _subject_of(pred):
    for c in pred.children:
        if c.dep_ in _SUBJ:
            return c
    return None


def _named_subject(pred):
    """The predicate's subject when it is a proper name (Foster's spent A$584m), else None; an open complement's
    is its governor's (Johnson & Johnson has agreed to buy Guidant for $25.4bn: Johnson & Johnson)."""
    owner = _subject_of(pred)
    if owner is None and pred.dep_ == "xcomp" and pred.head.tag_.startswith("VB"):
        owner = _subject_of(pred.head)
    return owner if owner is not None and owner.tag_ in _PROPN else None


def _action(pred, node, sent) -> tuple[int, int] | None:
    """The action a figure is the amount of: the verb, with "agreed to"-style governors and the verb's own
    object when the figure is not it ("cutting costs by $1bn")."""
    toks = [pred]
    if pred.dep_ == "xcomp" and pred.head.tag_.startswith("VB"):
        toks.append(pred.head)
        toks += [c for c in pred.children if c.dep_ == "mark" and c.lower_ == "to"]
    obj = next((c for c in pred.children if c.dep_ in ("obj", "dobj") and c.i != node.i and c.i > pred.i
                and c.tag_ in _NOUN_TAGS and c.tag_ not in _PROPN), None)
    if obj is not None and any(c.dep_ == "case" and c.lower_ == "for" for c in node.children):
        obj = None     # bought medical technology firm Guidant for $25.4bn: the price of the action, not of what changed hands
    if obj is not None:
        toks += [obj] + [c for c in obj.lefts if c.dep_ in ("compound", "amod")]
    a = min(t.idx for t in toks)
    b = max(t.idx + len(t.text) for t in toks)
    if b - a > 40:
        return None
    return a, b


def metric_and_owner(sent, fs: int, fe: int, lex: Lexicon):
    """(metric span, owner token, route) for the figure at [fs, fe) of a parsed sentence.

    The span (character offsets into the sentence) and the owner may be None; the route says how the
    figure attaches: ``noun`` (it modifies or hangs from a noun), ``subject`` (the object of a level
    verb: its subject), ``copula`` (the figure is the predicate), ``action`` (the object of another verb:
    the action), or None."""
    generic, level_verbs, generic_heads, actors = lex.generic, lex.level_verbs, lex.generic_heads, lex.actors
    toks = _figure_tokens(sent, fs, fe)
    if not toks:
        return None, None, None
    ids = {t.i for t in toks}
    node = _climb(toks)
    noun = None
    pred = None
    route = None
    share = any(t.text == "%" or t.lower_ in ("percent", "cent", "points", "point") for t in toks)
    of_noun = None if share else next(
        (c for t in toks for c in t.children if c.dep_ == "nmod" and c.i not in ids and c.i > t.i
         and c.tag_ in _NOUN_TAGS and any(x.dep_ == "case" and x.lower_ == "of" for x in c.children)), None)
    head = node.head
    if node.dep_ == "nmod" and head.i not in ids and head.lower_ in lex.rate_nouns \
            and any(c.dep_ == "case" and c.lower_ == "of" for c in node.children) \
            and head.dep_ in ("ROOT", "obl", "nmod", "obj", "dobj"):
        node, head = head, head.head                 # grew at an annual rate of 4%: the rate is the figure's
        ids = ids | {node.i}
    if of_noun is not None:
        noun, route = of_noun, "noun"                # 40 gigawatts of offshore wind power, $2bn of debt
    elif node.dep_ in ("nummod", "compound", "amod", "nmod", "nmod:unmarked") and head.i not in ids \
            and head.tag_ in _NOUN_TAGS and not any(c.dep_ == "case" and node.i < c.i < head.i for c in head.children):
        # (not a noun after the figure that opens with a preposition: "fell 2% by midday" is no midday of 2%)
        noun = head                                  # a $48m contract, revenues of A$2.6bn
        route = "noun"
    elif any(c.dep_ in _SUBJ for c in node.children) or node.dep_ == "ROOT":
        pred = node                                   # the deficit was $427bn; said that growth would be 1.8%
    elif node.dep_ in _PREDICATE_DEPS and head.i != node.i:
        pred = head
    if pred is not None and pred.tag_.startswith("VB") and node.dep_ == "obl" \
            and any(c.dep_ == "case" and (c.lower_ == "by" or (c.lower_ in ("to", "from") and pred.lower_.startswith(_REVISE)))
                    for c in node.children):
        obj = next((c for c in pred.children if c.dep_ in ("obj", "dobj") and c.i not in ids and c.i < node.i
                    and c.tag_ in _NOUN_TAGS and c.tag_ not in _PROPN), None)
        if obj is not None and obj.lower_ not in ("times", "time", "total"):
            # businesses increased spending on equipment by 18%, will reduce its growth estimate from 2.2% to 1.6%:
            # the object is what changed by (or from, or to) the figure
            span = _np_span(obj, ids, lex.time_nouns)
            if span is not None and sent.doc.text[span[0]:span[1]].lower() not in lex.generic:
                return span, _named_subject(pred), "noun"
    if pred is not None and level_verbs is not None and pred.tag_.startswith("VB") \
            and pred.lower_ not in level_verbs and pred.lemma_.lower() not in level_verbs \
            and node.dep_ in ("obj", "dobj", "obl", "iobj", "obl:npmod", "nmod:npmod"):
        obj = next((c for c in pred.children if c.dep_ in ("obj", "dobj") and c.i not in ids and c.i < node.i
                    and c.tag_ in _NOUN_TAGS and c.tag_ not in _PROPN and c.lower_ not in lex.time_nouns), None)
        # (ended the day at $8.08, closed the week at 2.1%: a time is no object the figure measures)
        if obj is not None and node.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "at" for c in node.children):
            # set compensation at 250 euros, put the cost at $2bn: the object is what the figure measures
            span = _np_span(obj, ids, lex.time_nouns)
            return span, _named_subject(pred), "noun"
        at = next((c for c in node.children if c.dep_ == "case" and c.lower_ == "at"), None) if node.dep_ == "obl" else None
        if obj is None and at is not None and at.i > 0 and _subject_of(node) is None:
            before = sent.doc[at.i - 1]
            if before.tag_ in _NOUN_TAGS and before.tag_ not in _PROPN and before.head.i == pred.i and before.i not in ids \
                    and before.lower_ not in lex.time_nouns:
                # pointed to GDP growth at 2.9%: the noun right before "at" is what stands at the level
                return _np_span(before, ids, lex.time_nouns), None, "noun"
        # (also "should be cut from 70% to 49%": the passive subject moves from one level to the other)
        to_passive = node.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ in ("to", "from") for c in node.children) \
            and any(c.dep_ in ("aux:pass", "nsubj:pass") for c in pred.children)
        level = obj is None and (at is not None or to_passive) and _subject_of(pred) is not None \
            and _subject_of(node) is None \
            and not any((c.dep_ in ("obj", "dobj") and c.lower_ not in lex.time_nouns) or c.tag_ in ("WDT", "WP")
                        for c in pred.children)
        if not level:      # (not "which it set at $500m": a relative pronoun is the object; not a copula of its own)
            span = _action(pred, node, sent)         # was fined 11m euros, agreed to pay $1.1bn
            return span, _named_subject(pred), "action"
        # resolution rates are running at 50%, shares were trading at $4, forecasts were scaled back to 4%: a level,
        # what the subject measures
    if pred is not None:
        route = "subject" if pred is not node else "copula"
        hops = 0
        subj = _subject_of(pred)
        while subj is None and pred.dep_ in _INHERIT and pred.head.i != pred.i and hops < 3:
            if pred.dep_ in ("acl", "acl:relcl") and pred.head.tag_ in _NOUN_TAGS:
                subj = pred.head
                break
            if pred.dep_ == "xcomp" and any(c.dep_ == "mark" and c.lower_ == "to" for c in pred.children):
                # the IMF expects China's economy to expand 4.6%: the object of the governing verb is the
                # subject of its complement
                obj = next((c for c in pred.head.children if c.dep_ in ("obj", "dobj") and c.i < pred.i), None)
                if obj is not None:
                    subj = obj
                    break
            pred = pred.head
            subj = _subject_of(pred)
            hops += 1
        if subj is not None and subj.i not in ids:
            named = _apposed_name(subj)
            if named is not None:
                # Britain's biggest bank Lloyds Banking lost 1.9%: the name in apposition owns the figure,
                # the noun before it only describes it
                return None, named, route
            if subj.tag_ == "PRP" and not share and pred.tag_.startswith("VB") and node.dep_ in ("obj", "dobj") \
                    and (pred.lower_ in lex.amount_verbs or pred.lemma_.lower() in lex.amount_verbs):
                # "she earned more than $1m a year", "they paid $5m": a pronoun names nothing measured; the action does
                return _action(pred, node, sent), None, "action"
            if subj.lower_ in actors or (subj.tag_ in _PROPN and not _measured_name(subj)):
                # "Analysts expect …", "Pernod slipped 1.2%": an actor or a name, not what is measured
                if subj.tag_ == "NNP" and not share and pred.tag_.startswith("VB") and node.dep_ in ("obj", "dobj") \
                        and (pred.lower_ in lex.amount_verbs or pred.lemma_.lower() in lex.amount_verbs):
                    # "Alitalia lost 330m euros in 2003", "she earned more than $1m": an amount the named actor
                    # lost or earned is the amount of the action
                    return _action(pred, node, sent), subj, "action"
                return None, subj if subj.tag_ in _PROPN else None, route
            noun = subj
    if noun is None:
        return None, None, None
    owner = None
    for c in noun.lefts:
        if c.dep_ == "nmod:poss" and c.tag_ in _PROPN:
            owner = c
        elif c.dep_ in ("compound", "flat") and c.tag_ in _PROPN and owner is None:
            owner = c
    if (noun.tag_ in _PROPN and not _measured_name(noun)) or _name_tail(noun):
        # the subject itself is a name ("Pernod slipped 1.2%"): it owns the figure, no metric here
        # (but China's GDP, CPI: a possessed noun or an acronym is what is measured)
        return None, noun, route
    if noun is not of_noun and noun.i > node.i and any(c.dep_ == "case" and c.lower_ == "of" for c in noun.children) \
            and noun.head.i in ids:
        return None, owner, route                   # 28.39% of GDP: GDP is the base, not the metric
    span = _np_span(noun, ids, lex.time_nouns)
    if span is not None:
        words = noun.doc.text[span[0]:span[1]].lower().split()
        if not words or (" ".join(words) in generic and not (route != "noun" and " ".join(words) in lex.subject_measures)) or \
                (noun.lower_ in generic_heads and route == "noun" and (noun.i > node.i or len(words) == 1)):
            # a 5% increase: the rules look further for what increased (but "forecast total growth of 3.6%":
            # a described change noun the figure comes after is what is measured)
            span = None
    return span, owner, route


def name_span(tok) -> tuple[int, int]:
    """The proper-name run around a token (its compound/flat NNP neighbours)."""
    toks = [tok] + [c for c in tok.subtree if c.tag_ in _PROPN and c.dep_ in ("compound", "flat", "nmod:poss")
                    and abs(c.i - tok.i) <= 4]
    toks.sort(key=lambda t: t.i)
    # keep a contiguous run around tok
    run = [tok]
    for t in reversed([t for t in toks if t.i < tok.i]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    for t in [t for t in toks if t.i > tok.i]:
        if t.i == run[-1].i + 1:
            run.append(t)
    return run[0].idx, run[-1].idx + len(run[-1].text)
