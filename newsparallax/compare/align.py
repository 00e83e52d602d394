"""Claims across the outlets of one story: grouped by fact, with who asserts, hedges, denies or omits.

``align_claims`` scores pairs of claims with ``compare.signals`` (shared
entities, predicate class, dates, lexical overlap, and penalties for clashing
tense, places and subjects) and merges them greedily, best pair first, as
long as the two groups stay alike on average (average linkage), so one loose
pair cannot chain two facts together. Each ``ClaimGroup`` then gets:

* a representative ``text``: the most central member that is asserted (not
  hedged), in the outlet's own or a named source's voice, and free of loaded
  words;
* a ``status`` for every article of the story: ``asserts`` (states it),
  ``hedges`` (only with distance: "is expected to", "reportedly", "sources
  said"), ``denies`` (states the opposite polarity) or ``omits``;
* ``conflicts`` between articles (``compare.conflicts``), each with both spans;
* ``single_outlet`` when one outlet alone makes the claim.

Example:
    >>> from newsparallax.language.annotate import annotate_texts, resolve
    >>> from newsparallax.language.claims import claims_with_entities
    >>> texts = {"a": "Kishida ruled out joining NATO as a full member in remarks on Wednesday.",
    ...          "b": "Kishida told parliament on Wednesday that Japan would not be joining NATO in any form."}
    >>> annotated = list(annotate_texts([(aid, text, "2023-05-25", False) for aid, text in texts.items()]))
    >>> r = resolve(annotated)
    >>> claims = {a.article_id: claims_with_entities(a.claims, r.mention_ids, r.labels) for a in annotated}
    >>> groups = align_claims(claims, list(texts), {e.id: e.name for e in r.entities})
    >>> [(g.status, [c.kind for c in g.conflicts]) for g in groups if not g.single_outlet]
    [({'a': 'asserts', 'b': 'asserts'}, ['scope'])]
"""

from __future__ import annotations

import logging

import hashlib
import re
from dataclasses import dataclass

from ..records import Claim
from .conflicts import Conflict, group_conflicts
from .signals import Signals

PAIR_MIN = 0.45  # a pair must score this much to start or join a group
AVERAGE_MIN = 0.38  # and two groups must score this much on average to merge
# Words that make a sentence a poor neutral summary of a group (framing is judged elsewhere).
LOADED = re.compile(
    r"\b(bizarre(ly)?|dictator|leftist|far-left|far-right|regime|bombast\w*|so-called|slam(med|s)?|blast(ed|s)?"
    r"|radical|extremist|propaganda|puppet|thug\w*|hegemonic|belligeren\w+|shameful|disgrac\w+|outrageous|US-led)\b",
    re.IGNORECASE,
)

log = logging.getLogger(__name__)
STATUS_ORDER = ("asserts", "denies", "hedges")


@dataclass(frozen=True)
class ClaimGroup:
    """Claims of one story that report the same fact; ``status`` covers every article of the story."""

    id: str
    text: str
    status: dict[str, str]
    evidence: dict[str, Claim]
    conflicts: tuple[Conflict, ...]
    single_outlet: bool
    members: tuple[Claim, ...] = ()
    story_id: str | None = None

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The articles that make the claim (asserting, hedging or denying)."""
        return tuple(a for a, s in self.status.items() if s != "omits")


def align_claims(claims_by_article: dict[str, list[Claim]], article_ids: list[str], entity_names: dict[str, str],
                 story_id: str | None = None, outlets: dict[str, str | None] | None = None) -> tuple[ClaimGroup, ...]:
    """Group the claims of one story's articles by the fact they report.

    ``claims_by_article`` maps article id to its claims (with ``entity_ids``
    filled: ``claims.with_entities``); only ``article_ids`` take part, and
    every one of them gets a status in every group. ``entity_names`` maps
    entity id to canonical name; ``outlets`` (article id to outlet) makes
    ``single_outlet`` count outlets rather than articles. Deterministic: the
    same input gives the same groups in the same order (most articles first,
    then text order). Raises nothing; an empty story gives ().

    >>> from newsparallax.language.annotate import annotate_texts, resolve
    >>> from newsparallax.language.claims import claims_with_entities
    >>> texts = {"a": "Fumio Kishida will attend the NATO summit in Vilnius on July 11.",
    ...          "b": "NHK reported that Kishida Fumio is expected to attend the NATO summit in Vilnius in July, citing government sources."}
    >>> annotated = list(annotate_texts([(aid, text, "2023-05-25", False) for aid, text in texts.items()]))
    >>> r = resolve(annotated)
    >>> claims = {a.article_id: claims_with_entities(a.claims, r.mention_ids, r.labels) for a in annotated}
    >>> [g.status for g in align_claims(claims, list(texts), {e.id: e.name for e in r.entities})]
    [{'a': 'asserts', 'b': 'hedges'}]
    """
    log.debug("align_claims: story %s, %d article(s)", story_id, len(article_ids))
    claims = [c for aid in article_ids for c in claims_by_article.get(aid, ())]
    if not claims:
        return ()
    signals = Signals(claims, entity_names)
    clusters = _cluster(signals)
    order = {aid: n for n, aid in enumerate(article_ids)}
    groups = [_group([claims[i] for i in members], signals, members, article_ids, story_id, outlets) for members in clusters]
    return tuple(sorted(groups, key=lambda g: (-len(g.article_ids), *_first(g, order))))


def _first(group: ClaimGroup, order: dict[str, int]) -> tuple[int, int]:
    first = min(group.members, key=lambda c: (order[c.article_id], c.start))
    return order[first.article_id], first.start


def _cluster(signals: Signals) -> list[list[int]]:
    """Greedy average-linkage merging over the candidate pairs, best first."""
    owner = list(range(len(signals.claims)))
    members = {i: [i] for i in owner}
    pairs = [(signals.score(i, j), i, j) for i, j in signals.candidates()]
    for score, i, j in sorted((p for p in pairs if p[0] >= PAIR_MIN), key=lambda p: (-p[0], p[1], p[2])):
        a, b = owner[i], owner[j]
        if a == b or _average(signals, members[a], members[b]) < AVERAGE_MIN:
            continue
        for k in members[b]:
            owner[k] = a
        members[a] = sorted(members[a] + members.pop(b))
    return sorted(members.values())


def _average(signals: Signals, a: list[int], b: list[int]) -> float:
    return sum(signals.score(i, j) for i in a for j in b) / (len(a) * len(b))


# ---------------------------------------------------------------- one group


def _group(members: list[Claim], signals: Signals, indexes: list[int], article_ids: list[str],
           story_id: str | None, outlets: dict[str, str | None] | None) -> ClaimGroup:
    lead = _representative(members, signals, indexes)
    status, chosen = {}, {}
    for aid in article_ids:
        status[aid], claim = _stance([c for c in members if c.article_id == aid], lead)
        if claim is not None:
            chosen[aid] = claim
    voices = {(outlets or {}).get(aid) or aid for aid in chosen}
    digest = hashlib.sha256("\n".join(sorted(c.id for c in members)).encode()).hexdigest()[:15]
    return ClaimGroup(id="G" + digest, text=lead.text, status=status, evidence=chosen,
                      conflicts=group_conflicts(members), single_outlet=len(voices) <= 1,
                      members=tuple(members), story_id=story_id)


def _representative(members: list[Claim], signals: Signals, indexes: list[int]) -> Claim:
    """The most neutral statement of the group: asserted, in the outlet's or a named voice, unloaded, central."""
    def rank(pair):
        claim, index = pair
        central = sum(signals.score(index, j) for j in indexes if j != index) / max(1, len(indexes) - 1)
        return (claim.modality == "hedged", claim.source_kind not in ("outlet", "named"), len(LOADED.findall(claim.text)),
                claim.quoted, len(claim.text) > 260, -round(central, 6), claim.id)

    return min(zip(members, indexes), key=rank)[0]


def _stance(claims: list[Claim], lead: Claim) -> tuple[str, Claim | None]:
    """An article's status towards the group, and the claim that shows it (the strongest)."""
    if not claims:
        return "omits", None
    ranked = sorted(claims, key=lambda c: (STATUS_ORDER.index(_status(c, lead)), c.start))
    return _status(ranked[0], lead), ranked[0]


def _status(claim: Claim, lead: Claim) -> str:
    if claim.negated != lead.negated:
        return "denies"
    return "hedges" if claim.modality == "hedged" else "asserts"


# ---------------------------------------------------------------- JSON


def group_json(group: ClaimGroup) -> dict:
    """The plain-data form of a claim group (for ``report.json``)."""
    return {
        "id": group.id,
        "story_id": group.story_id,
        "text": group.text,
        "status": dict(group.status),
        "evidence": {aid: {"claim_id": c.id, "start": c.start, "end": c.end, "text": c.text, "source_kind": c.source_kind,
                           "source": c.source, "hedge_cues": list(c.hedge_cues), "modality": c.modality, "negated": c.negated}
                     for aid, c in group.evidence.items()},
        "conflicts": [{"kind": c.kind, "description": c.description,
                       "evidence": [{"article_id": a, "start": s, "end": e, "text": t} for a, s, e, t in c.evidence]}
                      for c in group.conflicts],
        "single_outlet": group.single_outlet,
        "article_ids": list(group.article_ids),
        "claim_ids": [c.id for c in group.members],
    }
