"""Where two outlets' versions of one fact disagree: numbers, dates, negation, scope, places.

Every conflict names the two values and carries both evidence spans, so a
reader can check it. Found between claims of *different* articles inside one
claim group (``compare.align_claims``); each kind is reported once per pair of
articles.

Example:
    >>> scope_class("as a full member"), scope_class("in any form")
    ('restricted', 'universal')
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language.claims import SCOPE_PATTERNS, number_unit
from ..records import Claim
from .signals import calendar_dates, dates_compatible, places_differ

Evidence = tuple[str, int, int, str]


@dataclass(frozen=True)
class Conflict:
    """A disagreement inside a claim group; ``evidence`` is two (article_id, start, end, text)."""

    kind: str  # number, date, negation, scope, entity
    description: str
    evidence: tuple[Evidence, Evidence]


def scope_class(phrase: str) -> str | None:
    """restricted, universal or None for a qualifier phrase."""
    return next((name for name, pattern in SCOPE_PATTERNS if pattern.search(phrase)), None)


def evidence(claim: Claim) -> Evidence:
    """A claim as one evidence item."""
    return (claim.article_id, claim.start, claim.end, claim.text)


def conflicts_between(a: Claim, b: Claim) -> list[Conflict]:
    """The conflicts between two claims of one group (from different articles)."""
    found = [_numbers(a, b), _dates(a, b), _negation(a, b), _scope(a, b), _places(a, b)]
    return [c for c in found if c is not None]


def _conflict(kind: str, description: str, a: Claim, b: Claim) -> Conflict:
    return Conflict(kind, description, (evidence(a), evidence(b)))


def _numbers(a: Claim, b: Claim) -> Conflict | None:
    """The same counted thing ("individuals") with different values."""
    for text_a, value_a in a.numbers:
        for text_b, value_b in b.numbers:
            unit = number_unit(text_a)
            if unit and unit == number_unit(text_b) and value_a != value_b:
                return _conflict("number", f"{a.article_id} says “{text_a}”, {b.article_id} says “{text_b}”", a, b)
    return None


def _dates(a: Claim, b: Claim) -> Conflict | None:
    da, db = calendar_dates(a), calendar_dates(b)
    if not da or not db or any(dates_compatible(x, y) for x in da for y in db):
        return None
    return _conflict("date", f"{a.article_id} dates it {da[0]}, {b.article_id} dates it {db[0]}", a, b)


def _negation(a: Claim, b: Claim) -> Conflict | None:
    if a.negated == b.negated:
        return None
    yes, no = (b, a) if a.negated else (a, b)
    what = " ".join(p for p in (yes.predicate, yes.object) if p) or "it"
    return _conflict("negation", f"{yes.article_id} affirms ({what}), {no.article_id} negates it", a, b)


def _scope(a: Claim, b: Claim) -> Conflict | None:
    """Qualifiers of different classes ("as a full member" / "in any form"), or two different limits."""
    qa = {q: scope_class(q) for q in a.qualifiers}
    qb = {q: scope_class(q) for q in b.qualifiers}
    for phrase_a, class_a in qa.items():
        for phrase_b, class_b in qb.items():
            if class_a != class_b or (class_a == "restricted" and phrase_a.lower() != phrase_b.lower()):
                description = (f"scope differs: {a.article_id} says “{phrase_a}” ({class_a}), "
                               f"{b.article_id} says “{phrase_b}” ({class_b})")
                return _conflict("scope", description, a, b)
    return None


def _places(a: Claim, b: Claim) -> Conflict | None:
    if not places_differ(a, b):
        return None
    return _conflict("entity", f"place: {a.article_id} says {', '.join(a.places)}, {b.article_id} says {', '.join(b.places)}", a, b)


def group_conflicts(members: list[Claim]) -> tuple[Conflict, ...]:
    """All conflicts between members of different articles, one per kind and pair of articles."""
    seen, out = set(), []
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            if a.article_id == b.article_id:
                continue
            for conflict in conflicts_between(a, b):
                key = (conflict.kind, *sorted((a.article_id, b.article_id)))
                if key not in seen:
                    seen.add(key)
                    out.append(conflict)
    return tuple(out)

