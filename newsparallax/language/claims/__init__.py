"""Claims: the check-worthy factual statements of an article, normalized and attributed.

``claims_from_doc`` reads an already parsed article (no model runs of its
own) sentence by sentence, splitting a sentence where two independent clauses
are joined ("A said X, but B claimed Y"). A clause becomes a ``Claim`` when it
says who did or will do what, when, where or how many — it must name an
entity, a number or a date — and is not a question, an opinion or site
boilerplate. Each claim carries:

* its roles (subject, predicate lemma, object), read off the verb chain by
  ``claims.parse`` ("is making arrangements to attend" is about *attend*);
* ``dates`` (TIMEX3 values of the timexes in it) and ``numbers`` (values);
* polarity (``negated``) and ``modality``: ``hedged`` when words such as
  "is expected to", "reportedly", "could" or an attribution to anonymous
  sources or another outlet put it at a distance, else ``denied`` when it is
  negated ("ruled out joining"), else ``asserted``;
* its source: the outlet itself, a named person or body, anonymous sources,
  or another outlet, from the language layer's quotes;
* ``entity_ids``, filled once entities are resolved (``with_entities``).

Example:
    >>> doc = load_nlp()("Kishida ruled out joining NATO as a full member on Wednesday.")  # doctest: +SKIP
    >>> [c] = claims_from_doc(doc, "a1", tag_timexes(doc, "2023-05-25"), extract_quotes(doc))  # doctest: +SKIP
    >>> c.predicate, c.negated, c.modality, c.dates                                       # doctest: +SKIP
    ('join', True, 'denied', ('2023-05-24',))
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .lexicon import BOILERPLATE, EVENT_NOUNS, FIRST_PERSON, OPINION_MODALS, OPINION_WORDS, SCOPE_PATTERNS, verb_class
from .numbers import number_unit, numbers_in
from .parse import NAMED, Reading, read_clause
from .sources import Attribution, attribution
from ..quotes import headline_spans
from ...records import Claim, Quote, Timex

__all__ = ["EVENT_NOUNS", "SCOPE_PATTERNS", "Claim", "claim_id", "claims_from_doc", "claims_with_entities", "number_unit", "verb_class",
           "with_entities"]

CHECK_WORTHY_MIN = 0.45
MIN_TOKENS = 5
DATE_TYPES = ("DATE", "TIME")


def claim_id(article_id: str, start: int, end: int) -> str:
    """The stable id of a claim: a hash of its article and span.

    >>> claim_id("a1", 0, 10) == claim_id("a1", 0, 10) != claim_id("a1", 0, 11)
    True
    """
    return "C" + hashlib.sha256(f"{article_id}\n{start}\n{end}".encode()).hexdigest()[:15]


# ---------------------------------------------------------------- extraction


def claims_from_doc(doc, article_id: str, timexes: Iterable[Timex] = (), quotes: Iterable[Quote] = ()) -> tuple[Claim, ...]:
    """The check-worthy claims of one parsed article (a spaCy ``Doc``), in text order.

    ``timexes`` and ``quotes`` are the language layer's for the same doc. No
    model is run; raises nothing on odd text (a clause that cannot be read is
    skipped).

    >>> doc = load_nlp()("NHK reported that Kishida is expected to attend the summit in Vilnius.")  # doctest: +SKIP
    >>> [(c.modality, c.source_kind, c.source) for c in claims_from_doc(doc, "a1", [], extract_quotes(doc))]  # doctest: +SKIP
    [('hedged', 'other_outlet', 'NHK')]
    """
    timexes, quotes = list(timexes), list(quotes)
    headlines = headline_spans(doc.text)
    ents = list(doc.ents)  # built once: every access to doc.ents makes new spans
    claims = []
    for sentence in (line for sent in doc.sents for line in lines(sent)):
        if _skipped(sentence, headlines):
            continue
        for clause in clauses(sentence):
            claim = _claim(clause, article_id, timexes, quotes, ents)
            if claim is not None and claim.check_worthy >= CHECK_WORTHY_MIN:
                claims.append(claim)
    return tuple(claims)


def lines(sentence) -> list:
    """The parts of a sentence on separate lines: the model runs a headline into the lead."""
    doc, cuts = sentence.doc, [sentence.start]
    cuts += [t.i + 1 for t in sentence if "\n" in t.text and sentence.start < t.i + 1 < sentence.end]
    cuts.append(sentence.end)
    spans = (_trim(doc, start, end) for start, end in zip(cuts, cuts[1:]))
    return [span for span in spans if span is not None]


def _skipped(sentence, headlines) -> bool:
    """Questions, boilerplate, headlines and fragments are no claims."""
    text = sentence.text.strip()
    if len(sentence) < MIN_TOKENS or text.endswith("?") or BOILERPLATE.match(text):
        return True
    return any(s <= sentence.start_char and sentence.end_char <= e + 1 for s, e in headlines)


def clauses(sentence) -> list:
    """The sentence, or its independent clauses where two are coordinated ("A said X, but B said Y")."""
    root = sentence.root
    splits = [c.left_edge.i for c in root.children if _independent(c)]
    bounds = [sentence.start, *sorted(s for s in splits if sentence.start < s < sentence.end), sentence.end]
    doc = sentence.doc
    spans = (_trim(doc, start, end) for start, end in zip(bounds, bounds[1:]))
    return [span for span in spans if span is not None and len(span) >= MIN_TOKENS]


def _independent(conj) -> bool:
    """A coordinated clause with its own subject, after "and"/"but" or a semicolon."""
    if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or not any(g.dep_ in ("nsubj", "nsubjpass") for g in conj.children):
        return False
    before = [t for t in conj.doc[max(0, conj.left_edge.i - 2) : conj.left_edge.i]]
    return any(t.dep_ == "cc" or t.text == ";" for t in before)


def _trim(doc, start: int, end: int):
    """The clause without the conjunction, commas and spaces at its edges."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc") and doc[start].text not in ("“", '"'):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].dep_ == "cc" or doc[end - 1].text in (",", ";")):
        end -= 1
    return doc[start:end] if end > start else None


def _claim(clause, article_id: str, timexes: list[Timex], quotes: list[Quote], ents: list) -> Claim | None:
    reading = read_clause(clause)
    if reading is None:
        return None
    start, end = clause.start_char, clause.end_char
    inside = [t for t in timexes if start <= t.start and t.end <= end]
    dates = tuple(dict.fromkeys(t.value for t in inside if t.type in DATE_TYPES))
    numbers = numbers_in(clause, [(t.start, t.end) for t in timexes], ents)
    named = {e.text for e in ents if clause.start <= e.start and e.end <= clause.end and e.label_ in NAMED}
    if not (named or dates or numbers):
        return None
    source = attribution(clause, quotes, ents)
    cues = tuple(dict.fromkeys(source.cues + reading.hedge_cues))
    modality = "hedged" if cues else "denied" if reading.negated else "asserted"
    worth = check_worthiness(clause, reading, len(named), bool(dates), bool(numbers), source)
    return Claim(
        id=claim_id(article_id, start, end), article_id=article_id, start=start, end=end, text=clause.text,
        subject=reading.subject, predicate=reading.predicate, object=reading.object, entity_ids=(),
        dates=dates, numbers=numbers, negated=reading.negated, modality=modality, hedge_cues=cues,
        source_kind=source.kind, source=source.name, check_worthy=worth, tense=reading.tense,
        places=reading.places, qualifiers=reading.qualifiers, quoted=source.quoted,
        subject_span=reading.subject_span, source_span=source.span,
        inferred_dates=tuple(dict.fromkeys(t.value for t in inside if t.type in DATE_TYPES and t.inferred)),
        speaker_spans=source.speakers,
    )


def check_worthiness(clause, reading: Reading, entities: int, dated: bool, counted: bool, source: Attribution) -> float:
    """How much a clause reads as a checkable fact, in [0, 1].

    Named entities, a date, a number and an actor doing something raise it;
    opinion markers (should/must, "I think", first person outside a quote's
    speaker reporting), a bare evaluation ("X is important") and direct
    quotation lower it.
    """
    score = 0.25 + 0.12 * min(entities, 3) + 0.15 * dated + 0.1 * counted
    if reading.subject is not None and reading.predicate not in ("be", "have", "seem"):
        score += 0.1
    score -= 0.3 * _opinionated(clause) + 0.15 * source.quoted
    if reading.predicate in ("be", "seem") and any(c.dep_ == "acomp" for c in clause.root.children):
        score -= 0.15  # "X is relevant to Y": an evaluation more than a fact
    return round(max(0.0, min(1.0, score)), 3)


def _opinionated(clause) -> bool:
    for token in clause:
        lower = token.lower_
        if (token.dep_ == "aux" and lower in OPINION_MODALS) or token.lemma_.lower() in OPINION_WORDS:
            return True
        if lower in FIRST_PERSON and token.pos_ == "PRON":
            return True
    return False


# ---------------------------------------------------------------- resolution


def with_entities(claim: Claim, mention_ids: dict[tuple[str, int, int], str], labels: Iterable = ()) -> Claim:
    """The claim with ``entity_ids`` (and ``subject_ids``) from resolved mentions.

    ``mention_ids`` is ``Resolution.mention_ids``; ``labels`` (optional,
    ``Resolution.labels``) add entities named by description ("the US-led
    military bloc" -> NATO). The sources' entities (a pronoun's antecedent
    outside the span) are included too. For many claims use
    ``claims_with_entities``, which indexes the mentions once.

    >>> [c] = claims_from_doc(load_nlp()("Kishida ruled out joining NATO on Wednesday."), "a1")  # doctest: +SKIP
    >>> with_entities(c, {("a1", 0, 7): "E1", ("a1", 26, 30): "E2", ("b2", 0, 7): "E9"}).entity_ids  # doctest: +SKIP
    ('E1', 'E2')
    """
    spans = [(s, e, eid) for (aid, s, e), eid in mention_ids.items() if aid == claim.article_id]
    spans += [(lb.start, lb.end, lb.entity_id) for lb in labels if lb.article_id == claim.article_id and lb.entity_id]
    return _resolved(claim, sorted(spans))


def claims_with_entities(claims: Iterable[Claim], mention_ids: dict[tuple[str, int, int], str], labels: Iterable = ()) -> list[Claim]:
    """``with_entities`` over many claims, indexing the mentions by article once."""
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (aid, s, e), eid in mention_ids.items():
        by_article[aid].append((s, e, eid))
    for lb in labels:
        if lb.entity_id:
            by_article[lb.article_id].append((lb.start, lb.end, lb.entity_id))
    return [_resolved(c, sorted(by_article.get(c.article_id, ()))) for c in claims]


def _resolved(claim: Claim, spans: list[tuple[int, int, str]]) -> Claim:
    def over(span):
        return [eid for s, e, eid in spans if span and s < span[1] and span[0] < e]

    ids = over((claim.start, claim.end)) + [eid for span in claim.speaker_spans for eid in over(span)]
    return replace(claim, entity_ids=tuple(dict.fromkeys(ids)), subject_ids=tuple(dict.fromkeys(over(claim.subject_span))))
