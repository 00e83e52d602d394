"""Who a claim rests on: the outlet itself, a named source, anonymous sources or another outlet.

The language layer's quotes say who said what; a clause is attributed to the
quotes whose cue stands in it, or whose quoted content covers it (a direct
quote running over several sentences). When one content has two sources
("NHK reported ..., citing unnamed government sources") the most distant kind
wins — anonymous, then another outlet, then named — while the outlet or
person keeps the name. Attributions to anonymous sources or other outlets
hedge the claim, and their cue words ("reported", "citing", "according to")
are the hedge cues.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> from newsparallax.language.quotes import extract_quotes
    >>> doc = load_nlp()("Kyodo reported that Kishida will attend, citing government sources.")
    >>> a = attribution(doc[:], extract_quotes(doc))
    >>> a.kind, a.name, a.cues
    ('anonymous', 'Kyodo', ('reported', 'citing'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import OUTLET_NAMES
from ...records import Quote

KINDS = {"outlet": "other_outlet", "anonymous": "anonymous", "named": "named", "organization": "named"}
DISTANCE = {"anonymous": 3, "other_outlet": 2, "named": 1}
NAMEABLE = {"other_outlet": 3, "named": 2, "anonymous": 1}
COVER = 0.8  # share of a clause a quote's content must cover to attribute it without a cue inside
NAME_LABELS = ("PERSON", "ORG", "FAC", "WORK_OF_ART", "NORP")
# Longest names first, so "Nikkei Asia" wins over "Nikkei" where both match.
OUTLET_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(OUTLET_NAMES, key=len, reverse=True)) + r")\b",
                            re.IGNORECASE)
DETERMINER = re.compile(r"^(the|a|an|some|several|multiple)\s+", re.IGNORECASE)
OWNER = re.compile(r"^.+?['’]s\s+(?=\S)")
# "the same outlet", "the newspaper": an outlet named earlier in the article.
BACK_REFERENCE = re.compile(r"^(the|that|this)\s+(same\s+)?(outlet|newspaper|paper|agency|broadcaster|network|daily|publication|report)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """The source of a clause: kind, name, the name's span, hedging cues, and whether it is quoted verbatim."""

    kind: str = "outlet"
    name: str | None = None
    span: tuple[int, int] | None = None
    cues: tuple[str, ...] = ()
    quoted: bool = False
    speakers: tuple[tuple[int, int], ...] = ()  # every attributed speaker (a pronoun's antecedent where known)


def attribution(clause, quotes: list[Quote], ents=None) -> Attribution:
    """The attribution of a clause (a spaCy ``Span``) given its doc's quotes; the outlet's own voice when none.

    ``ents`` are the doc's entities when the caller has them already.
    """
    found = [q for q in quotes if _attributes(q, clause.start_char, clause.end_char)]
    if not found:
        return Attribution()
    kinds = [KINDS.get(q.source_kind or "named", "named") for q in found]
    kind = max(kinds, key=DISTANCE.__getitem__)
    named = max(zip(found, kinds), key=lambda pair: NAMEABLE[pair[1]])[0]
    name, span = _name(clause.doc, named, list(clause.doc.ents) if ents is None else ents)
    distant = [q for q, k in zip(found, kinds) if k != "named" and q.cue is not None]
    cues = tuple(dict.fromkeys(q.cue.text for q in sorted(distant, key=lambda q: q.cue.start)))
    quoted = any(q.kind == "direct" and _share(q, clause.start_char, clause.end_char) >= COVER for q in found)
    speakers = tuple(dict.fromkeys((p.start, p.end) for q in found for p in [q.speaker_antecedent or q.speaker] if p))
    return Attribution(kind, name, span, cues, quoted, speakers)


def _attributes(quote: Quote, start: int, end: int) -> bool:
    content = quote.content
    if content.end <= start or end <= content.start:
        return False
    cue_inside = quote.cue is not None and start <= quote.cue.start < end
    return cue_inside or _share(quote, start, end) >= COVER


def _share(quote: Quote, start: int, end: int) -> float:
    overlap = min(end, quote.content.end) - max(start, quote.content.start)
    return max(0, overlap) / max(1, end - start)


def _name(doc, quote: Quote, ents: list) -> tuple[str | None, tuple[int, int] | None]:
    """The source's name: a named entity in the speaker phrase, an outlet name in it, or the phrase."""
    phrase = quote.speaker_antecedent or quote.speaker
    if phrase is None:
        return None, None
    ents = [e for e in ents if phrase.start <= e.start_char and e.end_char <= phrase.end and e.label_ in NAME_LABELS]
    ents.sort(key=lambda e: (e.label_ == "NORP", e.label_ != "PERSON", -e.start_char))
    if ents and ents[0].label_ != "NORP":
        return OWNER.sub("", re.sub(r"['’]s$", "", ents[0].text)), (ents[0].start_char, ents[0].end_char)
    outlet = _outlet_name(phrase.text)
    if outlet:
        return outlet[0], (phrase.start, phrase.end)
    if BACK_REFERENCE.match(phrase.text):
        earlier = _outlet_name(doc.text[: phrase.start], last=True)
        if earlier:
            return earlier[0], earlier[1]
    text = DETERMINER.sub("", OWNER.sub("", phrase.text.strip())).strip(" ,“”\"")
    return text or None, (phrase.start, phrase.end)


def _outlet_name(text: str, last: bool = False) -> tuple[str, tuple[int, int]] | None:
    """The first (or last) outlet name in ``text`` with its span; the longest name wins at one place."""
    hits = [(m.start(), m.end()) for m in OUTLET_PATTERN.finditer(text)]
    if not hits:
        return None
    start, end = max(hits, key=lambda h: (h[0] if last else -h[0], h[1]))
    return text[start:end], (start, end)
