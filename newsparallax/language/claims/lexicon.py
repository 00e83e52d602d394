"""Word lists for claims: hedges, negation, scope qualifiers, verb classes, boilerplate.

Kept apart from the rules (``claims/parse.py``) so they can be read and
extended at a glance. All entries are lower case; verbs are lemmas.

Example:
    >>> verb_class("participate"), verb_class("take")
    ('attend', 'take')
"""

from __future__ import annotations

import re

# Verbs that carry no content of their own and hand the meaning to the verb
# they govern ("plan to attend" is about attending). Those in HEDGE_VERBS also
# make the claim uncertain; those in NEGATING_VERBS flip its polarity.
HEDGE_VERBS = frozenset("""
expect plan arrange prepare consider aim hope seek intend want try attempt look mull weigh
appear seem explore eye contemplate propose discuss negotiate
""".split())
FIRM_LIGHT_VERBS = frozenset("""
decide agree begin start continue vow promise pledge go schedule set work move resolve
have make get be
""".split())
NEGATING_VERBS = frozenset("deny reject refuse dismiss rebuff".split())
# Verb + particle pairs that negate what they govern ("ruled out joining").
NEGATING_PHRASALS = frozenset({("rule", "out")})

# Nouns of a light-verb phrase that hedge ("is making arrangements to attend",
# "has plans to") or are merely the vehicle ("took the decision to").
HEDGE_NOUNS = frozenset("arrangement arrangements plan plans preparation preparations intention talks consideration".split())
FIRM_NOUNS = frozenset("decision step steps move".split())

HEDGE_ADVERBS = frozenset("""
reportedly allegedly possibly potentially probably perhaps maybe likely apparently seemingly
purportedly supposedly reputedly presumably tentatively
""".split())
HEDGE_MODALS = frozenset("could may might".split())
HEDGE_ADJECTIVES = frozenset("likely unlikely possible poised expected".split())
NEGATIVE_ADJECTIVES = frozenset({"unlikely"})
# Adjectives of intent: "is interested in discussing", "is open to allowing" (a hedge on what follows).
INTENT_ADJECTIVES = frozenset("interested eager willing keen open inclined ready".split())

# Phrases that put a claim at a distance wherever they stand in the clause.
HEDGE_PHRASES = re.compile(
    r"\b(it (?:was|has been|is) (?:learned|understood|reported|believed)|sources? (?:said|say|says)"
    r"|(?:is|are|was|were) said to|people familiar with|according to (?:sources|officials|reports?)"
    r"|talks are underway|is in talks)\b",
    re.IGNORECASE,
)

NEGATION_WORDS = frozenset("not n't never no none nobody nothing neither nor".split())

# Qualifiers that limit or widen what a claim covers. Two members of one group
# whose qualifiers fall in different classes (or name different limits) differ
# in scope: "ruled out joining as a full member" against "in any form".
SCOPE_PATTERNS = (
    ("restricted", re.compile(
        r"\b(as an? (?:full|formal|permanent|official)(?:[- ]fledged)? (?:member|partner)\w*|(?:full|formal)(?:[- ]fledged)? membership"
        r"|fully|partly|partially|in part|formally|at this (?:time|stage))\b",
        re.IGNORECASE)),
    ("universal", re.compile(
        r"\b(in any (?:form|way|capacity|shape)|at all|whatsoever|under any circumstances|entirely|completely"
        r"|all of|none of|in no (?:form|way)|any form)\b",
        re.IGNORECASE)),
)

# Verb classes: lemmas (and phrases read off the parse) that state one predicate.
VERB_CLASSES = {
    "attend": "attend participate appear go travel visit attendance participation",
    "join": "join accede enter become_member membership",
    "meet": "meet talk hold_talks hold_meeting meeting",
    "open": "open establish set_up launch",
    "invite": "invite invitation",
    "impose": "impose sanction",
    "sign": "sign conclude ratify",
    "say": "say state announce declare",
    "increase": "increase raise boost expand",
    "decrease": "decrease cut reduce lower",
    "oppose": "oppose criticize criticise condemn",
    "support": "support back endorse",
}
_CLASS_OF = {word: name for name, words in VERB_CLASSES.items() for word in words.split()}
# Objects that make "join" mean attending ("join the summit").
EVENT_NOUNS = frozenset("summit meeting gathering conference talks session forum dialogue event ceremony".split())


def verb_class(lemma: str | None, obj: str | None = None) -> str | None:
    """The class of a predicate lemma ("participate" -> "attend"); the lemma itself when unlisted.

    >>> verb_class("join", "the NATO summit"), verb_class("join", "NATO")
    ('attend', 'join')
    """
    if not lemma:
        return None
    name = _CLASS_OF.get(lemma, lemma)
    if name == "join" and obj and obj.lower().split()[-1:] and obj.lower().split()[-1] in EVENT_NOUNS:
        return "attend"
    return name


# Words that mark opinion rather than fact, outside quotes.
OPINION_MODALS = frozenset("should must ought".split())
OPINION_WORDS = frozenset("""
believe think feel argue hope wish fear clearly obviously of_course surely undoubtedly arguably
unfortunately fortunately sadly bizarrely hopefully frankly
""".split())
FIRST_PERSON = frozenset("i we me us my our ours myself ourselves".split())

# Lines that are site furniture, not reporting.
BOILERPLATE = re.compile(
    r"^\s*(follow\b|read more|leave a reply|your email address|related:|\(read the article|author:|share this"
    r"|sign up|subscribe|click here|copyright|all rights reserved|this article|photo:|image:|-\s)",
    re.IGNORECASE,
)
