"""Reading one clause off the dependency parse: who does what, negated or hedged, in what scope.

``read_clause`` walks from the clause's root down a *chain* of verbs to the
one that carries the content: through a verb of saying to what was said
("reported that X attends"), through light, hedging and negating verbs to the
verb they govern ("is making arrangements to attend", "ruled out joining",
"has no plans to become a member"). Everything that qualifies the claim is
read off that chain only, so a hedge in a side clause ("..., where he is
expected to speak") does not hedge the main claim.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> doc = load_nlp()("Kishida ruled out joining NATO as a full member.")
    >>> r = read_clause(doc[:])
    >>> r.subject, r.predicate, r.object, r.negated, r.qualifiers
    ('Kishida', 'join', 'NATO', True, ('as a full member',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    EVENT_NOUNS, FIRM_LIGHT_VERBS, FIRM_NOUNS, HEDGE_ADJECTIVES, INTENT_ADJECTIVES, HEDGE_ADVERBS, HEDGE_MODALS, HEDGE_NOUNS, HEDGE_PHRASES,
    HEDGE_VERBS, NEGATING_PHRASALS, NEGATING_VERBS, NEGATIVE_ADJECTIVES, SCOPE_PATTERNS,
)
from ..lexicon import SPEECH_VERBS

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "oprd")
NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
PLACES = ("GPE", "LOC", "FAC")
FUTURE_AUX = frozenset("will shall 'll wo".split())
MAX_CHAIN = 8
MAX_CUE_TOKENS = 6
# Nouns that state the predicate when a light verb leaves off ("preparing for Kishida's attendance").
NOMINAL_PREDICATES = {"attendance": "attend", "participation": "attend", "membership": "join", "accession": "join",
                      "visit": "visit", "invitation": "invite"}
SPEECH_ONLY = SPEECH_VERBS - NEGATING_VERBS


@dataclass(frozen=True)
class Reading:
    """What one clause says, read off its verb chain (spans are char offsets into the doc)."""

    subject: str | None
    subject_span: tuple[int, int] | None
    predicate: str | None
    object: str | None
    negated: bool
    hedge_cues: tuple[str, ...]
    qualifiers: tuple[str, ...]
    places: tuple[str, ...]
    tense: str
    reported: bool


def read_clause(span) -> Reading | None:
    """The reading of a clause (a spaCy ``Span``), or None when it has no verb to read."""
    chain = verb_chain(span.root, span)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    content = chain[-1]
    predicate, nominal_path = _predicate(content, span)
    negated = _negation_count(chain) % 2 == 1
    subject = _subject(chain) or _orphan_subject(span, verbs[0])
    return Reading(
        subject=_phrase(subject) if subject is not None else None,
        subject_span=_phrase_span(subject) if subject is not None else None,
        predicate=predicate,
        object=_object(content),
        negated=negated,
        hedge_cues=_hedges(chain, nominal_path, negated, span),
        qualifiers=_qualifiers(content, span),
        places=_places(content, span),
        tense=_tense(chain),
        reported=any(_is_speech(t) for t in chain[:-1]),
    )


# ---------------------------------------------------------------- the chain


def verb_chain(root, span) -> list:
    """From ``root`` down to the content verb, through speech, light, hedging and negating verbs."""
    chain, token = [root], root
    while len(chain) < MAX_CHAIN:
        nxt = _step(token, span)
        if nxt is None or any(nxt.i == t.i for t in chain):
            break
        chain.append(nxt)
        token = nxt
    return chain


def _step(token, span):
    """The next token of the chain below ``token``, or None where the content is reached."""
    inside = lambda t: span.start <= t.i < span.end  # noqa: E731
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "ROOT":
        # "Multiple outlets reported that ...": the small parser makes the noun the root.
        return next((c for c in token.children if c.dep_ == "acl" and _is_speech(c) and inside(c)), None)
    if _is_speech(token):
        return _said(token, span, inside)
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and (lemma in HEDGE_ADJECTIVES or lemma in INTENT_ADJECTIVES):
        return _infinitive(token, inside) or _through_prep(token, inside)
    if not _is_light(token):
        return None
    return _infinitive(token, inside) or _through_noun(token, inside) or _through_prep(token, inside)


def _said(verb, span, inside):
    """What a verb of saying reports: its clause complement, one level down in a mis-parse
    ("confirmed to MPs that ...": "MPs" read as a verb), or a verb the parse left unattached
    in the span (a headline run into the sentence breaks the tree)."""
    children = [c for c in verb.children if inside(c)]
    found = next((c for c in children if c.dep_ == "ccomp"), None)
    found = found or next((g for c in children if c.dep_ in ("xcomp", "dobj", "prep") for g in c.children
                           if g.dep_ == "ccomp" and inside(g)), None)
    found = found or next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if found is None:
        found = next((t for t in span if t.pos_ in ("VERB", "AUX") and t.i < verb.i and not inside(t.head)), None)
    return found


def _is_speech(token) -> bool:
    return token.lemma_.lower() in SPEECH_ONLY and token.pos_ == "VERB"


def _is_light(token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in HEDGE_VERBS or lemma in FIRM_LIGHT_VERBS or lemma in NEGATING_VERBS or _negating_phrasal(token) or lemma == "become"


def _negating_phrasal(token) -> bool:
    return any((token.lemma_.lower(), c.lower_) in NEGATING_PHRASALS for c in token.children if c.dep_ == "prt")


def _infinitive(token, inside):
    """A verb complement: "expected to attend", "ruled out joining", "unlikely to agree", an adjective."""
    for child in token.children:
        if not inside(child):
            continue
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and child.i > token.i:
            return child
        if child.dep_ == "acomp" and child.lemma_.lower() in HEDGE_ADJECTIVES | INTENT_ADJECTIVES:
            return child
        if child.dep_ == "advcl" and _has_to(child):
            return child  # "made history as the first to attend"
    return None


def _through_noun(token, inside):
    """"has no plans to become", "was the first leader to attend": the noun's infinitive."""
    for noun in (c for c in token.children if c.dep_ in ("dobj", "attr", "nsubj") and inside(c)):
        verb = next((g for g in noun.children if g.dep_ in ("acl", "relcl") and _has_to(g)), None)
        verb = verb or next((p for g in noun.children if g.dep_ == "prep" and g.lower_ == "of"
                             for p in g.children if p.dep_ == "pcomp" and p.pos_ == "VERB"), None)  # "the possibility of opening"
        if verb is not None:
            return verb
    return None


def _through_prep(token, inside):
    """"was planning on attending", "working toward opening"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and inside(c)):
        verb = next((g for g in prep.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None)
        if verb is not None:
            return verb
    return None


def _has_to(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# ---------------------------------------------------------------- predicate and roles


def _predicate(content, span) -> tuple[str | None, list]:
    """The predicate lemma; a light verb left at the end hands over to a nominal one ("attendance")."""
    lemma = content.lemma_.lower()
    if lemma in ("become", "be") and any(c.dep_ in OBJECTS and c.lemma_.lower() == "member" for c in content.children):
        return "become_member", []  # "is a member" and "become a member" both state membership
    if _is_light(content) or content.pos_ == "ADJ":
        nominal = _nominal(content, span)
        if nominal is not None:
            return NOMINAL_PREDICATES[nominal.lemma_.lower()], _path(nominal, content)
    return lemma, []


def _nominal(content, span):
    for token in content.subtree:
        if span.start <= token.i < span.end and token.pos_ == "NOUN" and token.lemma_.lower() in NOMINAL_PREDICATES:
            verbs = [a for a in _path(token, content) if a.pos_ == "VERB"]
            if all(v.lemma_.lower() in HEDGE_VERBS for v in verbs):  # not through an unrelated verb ("lobbied for membership")
                return token
    return None


def _path(token, top) -> list:
    """The tokens from ``token`` up to (not including) ``top``."""
    path = []
    while token.i != top.i and token.head.i != token.i and len(path) < 12:
        path.append(token)
        token = token.head
    return path


def _subject(chain):
    """The subject of the content verb or of the chain verbs above it (a named one preferred).

    Climbing stops at a verb of saying: its subject is the source, not the actor.
    """
    found = []
    for verb in reversed(chain):
        if _is_speech(verb) or verb.dep_ == "ROOT" and verb.pos_ in ("NOUN", "PROPN"):
            break
        found.extend(c for c in verb.children if c.dep_ in SUBJECTS)
    named = [t for t in found if t.ent_type_ in NAMED or t.pos_ == "PRON"]
    return (named or found or [None])[0]


def _orphan_subject(span, verb):
    """A name before the verb that the parse attached outside the clause (a headline run into it)."""
    return next((t for t in span if t.i < verb.i and t.ent_type_ in NAMED and not span.start <= t.head.i < span.end), None)


def _object(content) -> str | None:
    obj = next((c for c in content.children if c.dep_ in OBJECTS), None)
    if obj is None:
        return None
    text = _phrase(obj)
    of = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)
    return f"{text} of {_phrase(of)}" if of is not None else text


def _entity(token):
    """The named entity a token is part of, found from its IOB tags (``doc.ents`` rebuilds every span)."""
    if not token.ent_type_ or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _phrase(token) -> str:
    """A compact name for a noun: its entity, or the word with its compounds and adjectives."""
    ent = _entity(token)
    if ent is not None:
        return re.sub(r"['’]s$", "", ent.text.split("\n")[-1].strip())
    if token.pos_ == "PRON":
        return token.text
    words = [t for t in token.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("DATE", "TIME")] + [token]
    return " ".join(t.text for t in words)


def _phrase_span(token) -> tuple[int, int]:
    ent = _entity(token)
    if ent is not None:
        return ent.start_char, ent.end_char
    first = min([token.i] + [t.i for t in token.lefts if t.dep_ in ("compound", "amod")])
    return token.doc[first].idx, token.idx + len(token.text)


# ---------------------------------------------------------------- polarity, hedges, scope


def _negation_count(chain) -> int:
    """Negations on the chain: not/never, "no" before its subject or object, negating verbs."""
    count = 0
    for token in chain:
        if _is_speech(token):
            continue
        count += sum(1 for c in token.children if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"))
        # "no" before the subject, the object, or the noun of "there were no plans to"
        count += sum(1 for c in token.children if c.dep_ in SUBJECTS + ("dobj", "attr") and _has_no(c))
        lemma = token.lemma_.lower()
        count += lemma in NEGATING_VERBS or _negating_phrasal(token) or lemma in NEGATIVE_ADJECTIVES
    return count


def _has_no(noun) -> bool:
    return noun.lower_ in ("none", "nothing", "nobody") or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _hedges(chain, nominal_path, negated: bool, span) -> tuple[str, ...]:
    """The words that hedge the claim, in text order.

    A plan that is denied ("has no plans to", "did not plan to") is a denial,
    not a hedge, so hedging verbs and nouns count only in a positive claim;
    hedging adverbs and modals count either way, and "unlikely" is both.
    """
    cues = []
    for position, token in enumerate(chain):
        if token.lemma_.lower() in NEGATIVE_ADJECTIVES:  # "is unlikely to agree": a denial, and a hedged one
            cues.append((token.i, token.text))
        for child in token.children:
            if (child.dep_ == "aux" and child.lower_ in HEDGE_MODALS) or (child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS):
                cues.append((child.i, child.text))
        nxt = chain[position + 1] if position + 1 < len(chain) else None
        if not negated and nxt is not None and _hedging_light(token, nxt):
            cues.append((_cue_start(token), _cue_text(token, nxt)))
    if not negated:
        # Nouns of intent hedge only when listed ("plans to"): "attempts to control" names what others do.
        cues.extend((t.i, t.text) for t in nominal_path
                    if (t.pos_ != "NOUN" and t.lemma_.lower() in HEDGE_VERBS) or t.lower_ in HEDGE_NOUNS)
    # Phrase cues ("it was learned") have no token of their own: they sort after the token cues.
    cues.extend((span.end + m.start(), m.group(0)) for m in HEDGE_PHRASES.finditer(span.text))
    return tuple(dict.fromkeys(text for _, text in sorted(cues)))


def _hedging_light(token, nxt=None) -> bool:
    """A verb or adjective that hedges what it governs; a light verb with a hedging noun ("making arrangements to")."""
    lemma = token.lemma_.lower()
    if lemma in HEDGE_VERBS and token.pos_ == "VERB" and _subjectless_root(token):
        return False  # a plural noun parsed as the root verb: "..., attempts “to control ...”"
    if (lemma in HEDGE_VERBS and token.pos_ == "VERB") or (
            token.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES | HEDGE_ADJECTIVES - NEGATIVE_ADJECTIVES):
        return True
    if lemma == "expect":
        return True
    # The noun may hang off the next verb in a mis-parse ("arrangements" as the subject of "attend").
    between = token.doc[token.i + 1 : nxt.i] if nxt is not None and nxt.i > token.i else [c for c in token.children]
    nouns = [t for t in between if t.pos_ == "NOUN"]
    return any(n.lower_ in HEDGE_NOUNS for n in nouns) and not any(n.lower_ in FIRM_NOUNS for n in nouns)


def _subjectless_root(token) -> bool:
    return token.dep_ == "ROOT" and token.tag_ == "VBZ" and not any(c.dep_ in SUBJECTS for c in token.children)


def _cue_start(token) -> int:
    return min([token.i] + [c.i for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < token.i and c.lower_ != "to"])


def _cue_text(token, nxt) -> str:
    """"is making arrangements to", "is expected to", "was planning on": up to the next chain verb."""
    doc = token.doc
    start, end = _cue_start(token), nxt.i
    if end <= start or end - start > MAX_CUE_TOKENS:
        return token.text
    return doc[start:end].text


def _qualifiers(content, span) -> tuple[str, ...]:
    """Phrases that limit or widen the scope of the content verb ("as a full member", "in any form")."""
    tokens = [t for t in content.subtree if span.start <= t.i < span.end]
    if not tokens:
        return ()
    doc = content.doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    found = [(m.start(), m.group(0)) for _, pattern in SCOPE_PATTERNS for m in pattern.finditer(text)]
    return tuple(dict.fromkeys(phrase for _, phrase in sorted(found)))


def _places(content, span) -> tuple[str, ...]:
    """Places the content verb or its object is "in" or "at" (and their appositions: "Vilnius, Lithuania")."""
    heads = [content, *(c for c in content.children if c.dep_ in OBJECTS)]
    found = []
    for prep in (c for head in heads for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and span.start <= c.i < span.end):
            candidates = [pobj, *(c for c in pobj.children if c.dep_ in ("appos", "conj", "compound"))]
            # The small model tags some cities ORG; "a summit in X" still places it.
            event = prep.head.lemma_.lower() in EVENT_NOUNS
            found.extend(_phrase(t) for t in candidates if t.ent_type_ in PLACES or (event and t.ent_type_ == "ORG"))
    return tuple(dict.fromkeys(found))


def _tense(chain) -> str:
    """past, present or future, read where the chain carries it.

    A verb reached through a plan, an expectation or a negating verb is about
    the future ("plans to attend", "ruled out joining"); otherwise the nearest
    finite verb from the bottom of the chain decides.
    """
    for position in range(len(chain) - 1, -1, -1):
        token = chain[position]
        if _is_speech(token) and position < len(chain) - 1:
            break
        auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if auxes & FUTURE_AUX or "would" in auxes:
            return "future"
        if position < len(chain) - 1 and (_hedging_light(token, chain[position + 1])
                                          or token.lemma_.lower() in NEGATING_VERBS | {"schedule", "set", "go"} or _negating_phrasal(token)):
            return "future"
        if token.tag_ == "VBD" or auxes & {"did", "was", "were", "had"} or (token.tag_ == "VBN" and auxes & {"has", "have"}):
            return "past"
        if token.tag_ in ("VBZ", "VBP") or auxes & {"is", "are", "am", "does", "do", "'s", "’s", "'re", "’re"}:
            return "present"
    return "present"
