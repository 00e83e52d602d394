"""Events for the timeline: each dated statement, who does what, and where.

For every DATE or TIME expression with a calendar value, the sentence it sits
in, the named mentions in that sentence and a short label read off the
dependency parse: the verb that governs the date, its subject, its object and
a place ("Kishida — attend — NATO summit (Vilnius)").

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> text = "Kishida will attend the NATO summit in Vilnius, Lithuania, in July."
    >>> start = text.index("July")
    >>> events_from_doc(load_nlp()(text), [Timex(start, start + 4, "July", "DATE", "2023-07")])[0].label
    'Kishida — attend — NATO summit (Vilnius)'
"""

from __future__ import annotations

import re

from .lexicon import SPEECH_VERBS  # a speech verb's date is the telling's; its clause tells the story
from .quotes import ANTECEDENT_WINDOW, nearest_person
from ..records import Event, TextSpan, Timex
from .timex import parse_value

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "oprd")
LIGHT_VERBS = {"be", "have", "make", "take", "do", "plan", "expect", "hope", "want", "try", "seek", "begin", "start", "continue",
               "agree", "decide", "vow", "promise", "pledge", "move"}  # "agreed to buy X" tells a buying
# Pronouns name no one out of their sentence: an event's subject or object that is one says nothing
# in a label or on a timeline; the referring ones may stand for a speaker named just before.
REFERRING_PRONOUNS = frozenset({"it", "he", "she", "they", "we"})
PRONOUNS = REFERRING_PRONOUNS | frozenset({"i", "you", "this", "that", "which", "who", "whom", "what", "these", "those",
                                           "anyone", "anybody", "someone", "somebody", "everyone", "everybody",
                                           "nobody", "no one", "none"})
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sir|Dame)\.?\s+")


def events_from_doc(doc, timexes: list[Timex]) -> list[Event]:
    """One event for each calendar-valued DATE/TIME expression of the document."""
    events = []
    for timex in timexes:
        if timex.type not in ("DATE", "TIME") or not has_calendar_year(timex.value):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        events.append(_event(doc, span, timex))
    return events


def has_calendar_year(value: str) -> bool:
    """Whether a value starts with a year: ``2023``, ``XXXX`` or a decade's ``199X``, alone or before a ``-``.

    Only the head is read: what follows (``-WXX-3``, ``-05-24TMO``) is for the timeline to place or leave out
    (``timeline_dates.value_interval``).

    >>> [has_calendar_year(v) for v in ("2023-W20-3", "XXXX-07-11", "199X", "199", "19XX", "PRESENT_REF")]
    [True, True, True, False, False, False]
    """
    head = parse_value(value.split("-", 1)[0])
    # A bare head is a year (known or XXXX) or a decade; a decade only counts written out to four places.
    return head is not None and head.century is None and (head.decade is None or "year" in head.unknown)


def _event(doc, span, timex: Timex) -> Event:
    sentence = span.sent
    verb = _governing_verb(span.root)
    subject, predicate, obj, place = _roles(verb) if verb is not None else (None, None, None, None)
    parts = [p for p in (subject, predicate, obj) if p]
    label = " — ".join(parts) + (f" ({place})" if place else "") if parts else sentence.text[:80]
    mentions = tuple((e.start_char, e.end_char) for e in sentence.ents if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"))
    return Event(timex.value, TextSpan(timex.start, timex.end, timex.text),
                 TextSpan(sentence.start_char, sentence.end_char, sentence.text), label, subject, predicate, obj, place, mentions,
                 _reported(verb, subject))


def _reported(verb, speaker: str | None) -> tuple[str | None, str | None, str | None] | None:
    """What a speech verb reports: subject, predicate and object of its clause; a pronoun subject
    there is most often the speaker ("Voltaris said it would acquire Helion": Voltaris acquires)."""
    if verb is None or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return None
    subject, predicate, obj, _ = _roles(clause)
    if subject is None or subject.lower() in REFERRING_PRONOUNS:
        subject = speaker
    return subject, predicate, obj


def _governing_verb(token):
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:  # spaCy makes a new Token per access: compare indexes
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _roles(verb) -> tuple[str | None, str | None, str | None, str | None]:
    """Subject, predicate lemma, object and place around a verb; "plan to attend X" reads as attend X."""
    main = verb
    chained = _chained_verb(verb)
    if chained is not None:
        main = chained
    subject = _subject(verb) or _subject(main)
    obj = next((_phrase(c) for c in main.children if c.dep_ in OBJECTS), None)
    place = _place(main) or _place(verb)
    particle = next((c.lower_ for c in main.children if c.dep_ == "prt"), None)  # "walked out" is not "walked"
    return subject, main.lemma_.lower() + (f" {particle}" if particle else ""), obj, place


def _chained_verb(verb):
    """The verb that carries the meaning under a light verb: "is making arrangements to attend" → attend."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    for token in verb.subtree:
        if token.i != verb.i and token.pos_ == "VERB" and token.dep_ in ("xcomp", "acl", "advcl") and token.i > verb.i:
            return token
    return None


def _subject(verb) -> str | None:
    """The subject of the verb or of the verbs it hangs from; a named one is preferred.

    The small parser often makes the noun of a light-verb phrase the subject
    ("arrangements ... to attend"), so a named subject higher up outranks it.
    """
    found = []
    while verb is not None and len(found) < 3:
        found.extend(c for c in verb.children if c.dep_ in SUBJECTS)
        climbs = verb.dep_ in ("xcomp", "ccomp", "conj", "acl", "advcl") and verb.head.i != verb.i
        verb = verb.head if climbs else None
    if not found:
        return None
    named = [t for t in found if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PRON"]
    chosen = (named or found)[0]
    return _antecedent(chosen) or _phrase(chosen)


def _antecedent(token) -> str | None:
    """For a subject "he" or "she", the person last named before it whose gender does not clash
    (the resolver the quotes use); None for any other word or when nobody fits."""
    gender = {"he": "m", "she": "f"}.get(token.lower_)
    if gender is None:
        return None
    span = nearest_person(token.doc, token, gender, token.idx - ANTECEDENT_WINDOW)
    return HONORIFIC.sub("", token.doc.text[span[0]:span[1]]) if span else None


def _phrase(token) -> str:
    """A compact name for a noun: its entity, or the token with its compounds and adjectives."""
    if token.ent_type_ and token.ent_type_ not in ("DATE", "TIME"):
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:  # a section heading run into the name ("Business\nVoltaris") is not part of it
            return re.sub(r"['’]s$", "", ent.text.rsplit("\n", 1)[-1].strip())
    if token.pos_ == "PRON":
        return token.text
    words = [t for t in token.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("DATE", "TIME")] + [token]
    return " ".join(t.text for t in words)


def _place(verb) -> str | None:
    """A place the verb or its object is "in" or "at" (not one from a coordinated clause)."""
    heads = [verb, *(c for c in verb.children if c.dep_ in OBJECTS)]
    for prep in (c for head in heads for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                return _phrase(pobj)
    return None
