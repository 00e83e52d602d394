"""Speakers: the subject of a cue, what kind of source it is, whom a pronoun means.

``speaker_of`` reads the dependency parse (the subject of the verb of saying,
the agent of a passive one, the subject of the verb a participle hangs on:
"..., saying that"); ``source_kind`` sorts the phrase into named, anonymous,
outlet or organization; ``Resolver`` walks the quotes in text order and
sends he/she/they/it back to the nearest earlier compatible speaker or
PERSON mention (gender from Mr./Ms. and from the pronouns that follow a name).

Example:
    >>> source_kind_of_text("a French foreign ministry spokesperson", has_person=False)
    'anonymous'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import (
    AGENT_NOUNS, AGENT_SUFFIXES, SPEECH_VERBS, ANONYMITY_MARKERS, ANONYMOUS_HEADS, FEMALE_PRONOUNS, FEMALE_TITLES, MALE_PRONOUNS, MALE_TITLES,
    ORGANIZATION_HEADS, OUTLET_NAME_HEADS, OUTLET_NAMES, OUTLET_NOUNS, PLURAL_PRONOUNS,
)
from .spans import Span, line_of, phrase_span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("conj", "advcl", "xcomp", "relcl", "acl", "pcomp", "prep")  # a participle's subject is its head's
EXPLETIVES = frozenset("it there".split())
RELATIVES = frozenset("who which that whom".split())
DEMONSTRATIVES = frozenset("this that these those which what who whom".split())
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
HONORIFICS = MALE_TITLES | FEMALE_TITLES | frozenset("dr dr. prof prof.".split())
ANTECEDENT_WINDOW = 1500  # characters back in which a pronoun's antecedent is looked for


# ------------------------------------------------------------------ cue and subject


def cue_span(verb) -> Span:
    """The cue: the verb with its particle ("pointed out") and, for "according", "to"."""
    tokens = [verb] + [c for c in verb.children if c.dep_ == "prt" or (verb.lower_ == "according" and c.lower_ == "to")]
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    doc = verb.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def speaker_of(verb, exclude: Span | None = None) -> tuple[Span, int] | None:
    """(phrase span, head token index) of whoever ``verb`` reports, or None.

    The subject, else the passive agent ("it was reported by NHK"), else the
    subject of the verb a participle or a conjunct depends on, else the noun
    a reporting participle modifies ("outlets reported that": a mis-parse of
    the small model). A subject inside ``exclude`` (the quote itself, which
    the parser sometimes takes for one) is passed over; a relative pronoun
    stands for the noun its clause modifies; a bare demonstrative ("that
    suggests") names nobody. The speaker must stand on the verb's line.
    """
    line = line_of(verb.doc.text, verb.idx)
    head = _speaker_head(verb, exclude)
    if head is None or not line[0] <= head.idx < line[1] or (head.lower_ in DEMONSTRATIVES and not _relative(head)):
        return None
    return phrase_span(head, stop=verb), head.i


def _speaker_head(verb, exclude: Span | None):
    """The subject; past the verb's own, only one that can speak (a mis-parse
    hands "saying" the subject of a clause it does not belong to)."""
    for depth in range(4):
        head = _subject_head(verb, exclude)
        if head is not None:
            return head if depth == 0 or can_speak(head) else None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "ccomp" for c in verb.children):
            sender = _sender(verb.head, exclude)
            return sender if can_speak(sender) else None
        if verb.dep_ not in CLIMB or verb.head.i == verb.i or not _shares_subject(verb):
            return None
        verb = verb.head
    return None


def _shares_subject(verb) -> bool:
    """Whether ``verb`` may borrow its head's subject.

    Conjoined verbs share one reliably only when both report speech ("said
    ... and added"); a participle ("..., saying") only when its head is a
    main clause or itself a verb of saying, not a verb deep in someone's
    reported words ("warned that ... if powers don't respond, saying").
    """
    head = verb.head
    if verb.dep_ in ("pcomp", "prep"):
        return True  # "continued by saying": on through the preposition to its verb
    if verb.dep_ == "conj":
        return _speech(head)
    return head.dep_ in ("ROOT", "conj", "xcomp") or (_speech(head) and head.dep_ not in ("advcl", "ccomp", "relcl"))


def _speech(verb) -> bool:
    return verb.lemma_.lower() in SPEECH_VERBS


def can_speak(token) -> bool:
    """Whether ``token`` heads a phrase for someone who can say things.

    >>> from types import SimpleNamespace as T
    >>> can_speak(T(pos_="NOUN", lower_="strategists", lemma_="strategist", ent_type_="", is_title=False))
    True
    >>> can_speak(T(pos_="NOUN", lower_="struggle", lemma_="struggle", ent_type_="", is_title=False))
    False
    """
    if token.pos_ == "PRON":
        return token.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS | RELATIVES | {"i", "we", "you"}
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.is_title:
        return True  # a capitalized subject is most often a name the tagger missed
    lemma = token.lemma_.lower()
    return lemma in AGENT_NOUNS or lemma in ANONYMOUS_HEADS or lemma in OUTLET_NOUNS or lemma.endswith(AGENT_SUFFIXES)


def _sender(noun, exclude: Span | None):
    """Who sent a message saying something: "the campaign released a statement saying"."""
    if noun.dep_ in ("dobj", "dative"):
        subject = _subject_head(noun.head, exclude)
        if subject is not None:
            return subject
    return noun


def _relative(token) -> bool:
    """Whether ``token`` is the relative pronoun of a clause on a noun ("groups who say")."""
    return token.lower_ in RELATIVES and token.head.dep_ == "relcl" and token.head.head.pos_ in ("NOUN", "PROPN")


def _subject_head(verb, exclude: Span | None = None):
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    outside = [c for c in verb.children if c.dep_ in SUBJECTS and not (exclude and exclude[0] <= c.idx < exclude[1])]
    subject = outside[0] if outside else None
    if subject is None or subject.lower_ in EXPLETIVES and subject.dep_ == "nsubjpass":
        return None
    if subject.lower_ in EXPLETIVES and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "it is said that": nobody named
    return subject


# ------------------------------------------------------------------ kinds


def source_kind(doc, head_index: int, cue_lemma: str = "", person_names: frozenset[str] = frozenset()) -> str | None:
    """named, anonymous, outlet or organization for the phrase headed by ``doc[head_index]``.

    ``person_names`` (from ``person_names``) lets "Stoltenberg", tagged ORG
    by the small model, count as the person the article named earlier.
    """
    head = doc[head_index]
    start, end = phrase_span(head)
    text = doc.text[start:end]
    entity = _entity_of(head)
    has_person = _names_person(doc, start, end) or ((head.pos_ == "PROPN" or head.is_title) and head.lower_ in person_names)
    kind = source_kind_of_text(text, has_person, head.lemma_.lower(), entity)
    if kind == "organization" and entity == "ORG" and cue_lemma == "report":
        return "outlet"
    if kind is None and entity is None and (head.pos_ == "PROPN" or head.is_title and head.pos_ != "NOUN"):
        return "named"  # a bare capitalized name the tagger did not know ("said Skelly")
    return kind


def _names_person(doc, start: int, end: int) -> bool:
    """A PERSON mention in the phrase that is not a possessor ("Kishida’s spokesman")."""
    for entity in doc.ents:
        if entity.label_ == "PERSON" and start <= entity.start_char and entity.end_char <= end:
            after = doc[entity.end].lower_ if entity.end < len(doc) else ""
            if after not in ("'s", "’s", "'"):
                return True
    return False


def person_names(doc) -> frozenset[str]:
    """Lower-cased last words of the doc's PERSON mentions ("stoltenberg")."""
    return frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and e[-1].pos_ == "PROPN")


def source_kind_of_text(text: str, has_person: bool, head: str = "", entity: str | None = None) -> str | None:
    """The kind of a source phrase from its words, its head lemma and its entity label.

    >>> source_kind_of_text("Japan’s Kyodo News", has_person=False)
    'outlet'
    >>> source_kind_of_text("senior officials", has_person=False, head="official")
    'anonymous'
    """
    lower = text.lower().replace("’", "'")
    words = re.findall(r"[\w.'-]+", lower)
    head = head or (words[-1] if words else "")
    if any(marker in lower for marker in ANONYMITY_MARKERS):
        return "anonymous"
    if _is_outlet(lower, words, head):
        return "outlet"
    if has_person:
        return "named"
    if head in ANONYMOUS_HEADS or (words and words[-1] in ANONYMOUS_HEADS):
        return "anonymous"
    if entity in ("ORG", "GPE", "NORP", "FAC") or head in ORGANIZATION_HEADS:
        return "organization"
    return None


def _is_outlet(lower: str, words: list[str], head: str) -> bool:
    if any(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", lower) for name in OUTLET_NAMES):
        return True
    if head in OUTLET_NOUNS and ("news" in words or head in ("newspaper", "outlet", "broadcaster", "tabloid")):
        return True
    return len(words) >= 2 and words[-1] in OUTLET_NAME_HEADS and _capitalized_name(lower, words)


def _capitalized_name(lower: str, words: list[str]) -> bool:
    """Whether the phrase ends in a name like "Harbour Times" (not "the times")."""
    return words[-2] not in ("the", "a", "these", "those", "recent", "early")


def _entity_of(token) -> str | None:
    if token.ent_type_:
        return token.ent_type_
    compound = next((c for c in token.children if c.dep_ == "compound" and c.ent_type_), None)
    return compound.ent_type_ if compound is not None else None


# ------------------------------------------------------------------ pronouns


@dataclass(frozen=True)
class Resolver:
    """Pronoun resolution over one doc, fed the quotes in text order."""

    doc: object
    names: frozenset[str] = frozenset()
    speakers: list = field(default_factory=list)  # (char start, span, kind, gender)

    def resolve(self, head_index: int) -> tuple[Span | None, str | None]:
        """(antecedent span, kind) for a pronoun speaker; (None, None) when there is none.

        A relative pronoun ("groups who say") stands for the noun its clause
        modifies; PolNeAR, too, marks the pronoun as the source.
        """
        token = self.doc[head_index]
        pronoun = token.lower_
        if _relative(token):
            noun = token.head.head
            return phrase_span(noun, stop=token.head), source_kind(self.doc, noun.i, "", self.names)
        if pronoun in PERSON_PRONOUNS:
            return self._person(token, "m" if pronoun in MALE_PRONOUNS else "f")
        if pronoun in PLURAL_PRONOUNS or pronoun == "it":
            return self._group(token)
        return None, None

    def remember(self, start: int, span: Span, kind: str | None, gender: str | None) -> None:
        """Record a resolved speaker, a candidate for later pronouns."""
        self.speakers.append((start, span, kind, gender))

    def _person(self, token, gender: str) -> tuple[Span | None, str | None]:
        limit = token.idx - ANTECEDENT_WINDOW
        for start, span, kind, known in reversed(self.speakers):
            if start < limit:
                break
            if kind == "named" and known in (None, gender) and start < token.idx:
                return span, "named"
        mention = nearest_person(self.doc, token, gender, limit)
        return (mention, "named") if mention else (None, "named")

    def _group(self, token) -> tuple[Span | None, str | None]:
        for start, span, kind, _ in reversed(self.speakers):
            if start < token.idx - ANTECEDENT_WINDOW:
                break
            if kind in ("organization", "outlet", "anonymous") and start < token.idx:
                return span, kind
        return None, None


def nearest_person(doc, token, gender: str, limit: int) -> Span | None:
    """The last PERSON mention before ``token`` whose gender does not clash."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and limit <= e.start_char and e.end <= token.i]
    for entity in reversed(people):
        if person_gender(doc, entity) in (None, gender):
            return mention_span(entity)
    return None


def person_gender(doc, entity) -> str | None:
    """m or f from a title before the name, else from the first he/she that follows it."""
    before = doc[entity.start - 1].lower_ if entity.start else ""
    if before in MALE_TITLES:
        return "m"
    if before in FEMALE_TITLES:
        return "f"
    for token in doc[entity.end: entity.end + 40]:
        if token.ent_type_ == "PERSON" or token.text in "“\"":
            return None
        if token.lower_ in ("he", "his", "him"):
            return "m"
        if token.lower_ in ("she", "her"):
            return "f"
    return None


def mention_span(entity) -> Span:
    """A PERSON mention with the honorific before it ("Mr. Schuster")."""
    doc, start = entity.doc, entity.start
    if start and doc[start - 1].lower_ in HONORIFICS:
        start -= 1
    return doc[start].idx, entity.end_char


def speaker_gender(doc, head_index: int, span: Span) -> str | None:
    """The gender of a named speaker phrase, from a PERSON entity inside it."""
    for entity in doc.ents:
        if entity.label_ == "PERSON" and span[0] <= entity.start_char and entity.end_char <= span[1]:
            return person_gender(doc, entity)
    return None


def person_mention(doc, span: Span) -> Span | None:
    """The PERSON mention inside a speaker phrase, honorific included."""
    for entity in doc.ents:
        if entity.label_ == "PERSON" and span[0] <= entity.start_char and entity.end_char <= span[1]:
            return mention_span(entity)
    return None
