"""The tense of the clause a temporal expression sits in, read from spaCy's parse.

Relative expressions point backwards or forwards from the document date
depending on it: "visited Ukraine in March" is the past March, "will attend
the summit in July" the coming July. dateparser has no notion of this (it
resolves "Wednesday" and "July" by a fixed preference), which is why the
resolution in this package does not go through it.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> doc = load_nlp()("He will attend the summit in July.")
    >>> clause_tense(doc[6])
    'future'
"""

from __future__ import annotations

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
PAST_AUX = frozenset({"was", "were", "had", "did", "'d", "’d"})
# Verbs and nouns of planning: what they govern has not happened yet ("plans to visit in July").
PLAN_WORDS = frozenset({
    "plan", "expect", "schedule", "intend", "aim", "arrange", "arrangement", "prepare", "preparation",
    "due", "hope", "propose", "slate", "seek", "vow", "promise", "pledge", "set", "go", "want", "wish",
    "likely", "upcoming", "scheduled", "expected", "forthcoming", "ahead", "would", "could", "may",
    "might", "should", "must", "need", "have", "begin", "start", "continue", "try",
})
# Main verbs that put their dated object ahead of the moment of speaking ("scheduled a meeting Thursday").
SCHEDULING_VERBS = frozenset({"schedule", "plan", "postpone", "delay", "defer", "reschedule", "slate", "set"})
MODALS_OPEN = frozenset({"would", "could", "might", "may", "should", "must", "can"})
FUTURE_MARKERS = frozenset({"upcoming", "scheduled", "forthcoming", "next", "coming", "planned", "ahead"})
DEADLINE_WORDS = frozenset({"until", "till", "by", "effective", "payable", "record"})  # "stock of record Nov. 22"
# "loans through January": the end of a range, a deadline when reading a date (not when dating the text:
# "through 2020" in an undated article bounds nothing)
RANGE_END_WORDS = DEADLINE_WORDS | {"through"}
MOVING_VERBS = frozenset({"extend", "postpone", "delay", "defer", "move", "push", "adjourn", "reschedule"})
# Verbs whose subject event happens when the verb does ("the 2023 summit took place / was held / will open"),
# and verbs of taking part in an event ("attended the 2023 summit"): their tense dates the event.
HAPPENING_VERBS = frozenset({"take", "be", "hold", "open", "begin", "start", "end", "close", "run", "convene",
                             "happen", "occur", "conclude", "gather", "meet"})
TAKING_PART_VERBS = frozenset({"attend", "participate", "join", "host", "hold", "boycott", "skip", "address", "win",
                               "lose", "contest", "organize", "organise", "chair", "visit"})
AHEAD_WORDS = frozenset({"ahead", "run-up", "runup", "advance", "eve"})
NOUN_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
MAX_CLIMB = 8


def clause_tense(token, deadline_words: frozenset[str] = RANGE_END_WORDS) -> str | None:
    """``past``, ``future``, ``present`` or None for the clause governing ``token``."""
    if any(child.lower_ in FUTURE_MARKERS for child in token.children):
        return "future"  # "the upcoming July 10 elections", "the scheduled summit"
    if _deadline(token, deadline_words):  # "postponed until Tuesday", "payable Dec. 7": a deadline lies ahead,
        return "past" if _closed_range(token, governing_verb(token)) else "future"  # unless "had ... until"
    if token.dep_ in NOUN_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
        # "invited Zelensky to July's summit": the verb's tense says nothing of the summit's date;
        # but "the 2023 summit will take place", "attended the 2023 summit": the event is the verb's own.
        return _event_tense(token.head)
    verb = governing_verb(token)
    return verb_tense(verb) if verb is not None else None


def _event_tense(noun) -> str | None:
    """The tense of a dated event noun's clause when the clause is about that event happening, else None."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "to") and noun.head.head.lower_ in AHEAD_WORDS:
        return "future"  # "weeks ahead of the April 10 summit", "in the run-up to the July vote"
    verb = governing_verb(noun)
    if verb is None:
        return None
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in HAPPENING_VERBS:
        return verb_tense(verb)
    if noun.dep_ in ("dobj", "pobj") and verb.lemma_ in TAKING_PART_VERBS:
        return verb_tense(verb)
    return None


def statement_tense(token) -> str | None:
    """The tense of a dated statement, as a clue to when the text was written.

    As ``clause_tense``, except for deadlines in a past clause: "was a trustee
    until 1974", "by the end of 2007 it was obvious" report a limit that may
    well lie in the past too, so they say nothing (None) rather than "future";
    so does a maturity ("bonds due 1993"), whatever the clause's tense; and
    the end of a range ("through 2020") is not read as a deadline at all.
    """
    start = token.left_edge.i
    if start > 0 and token.doc[start - 1].lower_ == "due":
        return None  # "debentures due 2007", "was due to be released in June 2010": a schedule, not a report
    if _deadline(token, DEADLINE_WORDS) and not any(child.lower_ in FUTURE_MARKERS for child in token.children):
        verb = governing_verb(token)
        tense = verb_tense(verb) if verb is not None else None
        return None if tense == "past" or _past_perfect(verb) else "future"
    return clause_tense(token, DEADLINE_WORDS)


def _deadline(token, words: frozenset[str]) -> bool:
    """Whether the expression is introduced as a deadline (one of ``words``) or a date things move to."""
    start = token.left_edge.i
    before = token.doc[start - 1].lower_ if start > 0 else ""
    if before in words:
        return True
    return before == "to" and start > 1 and token.doc[start - 2].lemma_ in MOVING_VERBS


def _closed_range(token, verb) -> bool:
    """A deadline already behind: "had ... until", or a simple past "rose this year through August"."""
    start = token.left_edge.i
    through = start > 0 and token.doc[start - 1].lower_ == "through"
    return _past_perfect(verb) or (through and verb is not None and verb.tag_ == "VBD")


def _past_perfect(verb) -> bool:
    return verb is not None and any(c.lower_ in ("had", "'d", "’d") for c in verb.children if c.dep_ == "aux")


def governing_verb(token):
    """The nearest verb (or auxiliary acting as one) up the dependency tree, else None."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("amod",):
            return current
        if current.head.i == current.i:  # the root (Token objects are made anew: compare indexes)
            return None
        current = current.head
    return None


def verb_tense(verb, depth: int = 0) -> str | None:
    """The tense of a verb from its tag and auxiliaries; an infinitive takes its governor's, shifted forward."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX or verb.lemma_ in SCHEDULING_VERBS:
        return "future"
    if "to" in words or (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl", "acl", "relcl")):
        return _infinitive_tense(verb, depth)
    if verb.tag_ == "VBD" or words & PAST_AUX:
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "’ve", "having"}:
        return "past"  # the present perfect reports what has happened
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"  # "the talks held in March"
    if any(a.tag_ == "MD" for a in auxes) or verb.tag_ == "MD":
        return None  # "could be located Wednesday": the modal leaves the direction open
    return "present" if verb.tag_ in ("VBZ", "VBP", "VBG") else None


def _infinitive_tense(verb, depth: int) -> str | None:
    """An infinitive is unrealized as of its governor: future unless the governor is a past fact."""
    governor = verb.head
    if governor is verb or depth > 3:
        return "future"
    outer = governing_verb(governor) if governor.pos_ not in ("VERB", "AUX") else governor
    outer_tense = verb_tense(outer, depth + 1) if outer is not None and outer is not verb else None
    if outer_tense == "past":
        return "past"  # "had been due to expire Friday": a past plan, reported after the fact
    return "future"
