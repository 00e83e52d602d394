"""Descriptive labels: what outlets call an entity instead of naming it.

"the US-led military bloc" for NATO, "the Japanese prime minister" for Kishida,
"Chinese dictator" before Xi Jinping. They are linked to the entity where the
text makes it clear, and kept as labels: they are framing evidence later.

Linking, most to least certain:
* apposition — "NATO, the Western military alliance";
* epithet — words the noun phrase puts before the name ("Leftist American President Joe Biden");
* role — "the Japanese prime minister" is the one person in the article titled
  prime minister (a "former" one does not count);
* salience — "the alliance", "the bloc" is the organisation that dominates the
  article's organisation mentions (at least half of them).

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> candidates = label_candidates(load_nlp()("NATO, the military alliance, met."))
    >>> [c.text for c in candidates]
    ['the military alliance']
"""

from __future__ import annotations

from ..records import Label, LabelCandidate

from collections import Counter

PERSON_ROLES = {
    "minister", "president", "premier", "leader", "chancellor", "secretary-general", "secretary", "spokesman",
    "spokeswoman", "ceo", "governor", "mayor", "king", "queen", "dictator", "strongman", "autocrat", "envoy",
    "ambassador", "chairman", "chairwoman", "prince", "emperor", "tycoon", "billionaire", "mogul", "boss",
}
ORG_CLASSES = {
    "alliance", "bloc", "organization", "organisation", "pact", "coalition", "union", "company", "firm",
    "agency", "party", "regime", "club", "cartel", "outfit", "group", "federation", "conglomerate", "giant",
    "carrier", "maker", "lender", "operator", "insurer", "broadcaster", "network",
}
DETERMINERS = {"the", "this", "that"}


def label_candidates(doc) -> list[LabelCandidate]:
    """Definite descriptions with a role or class head, and epithets before names."""
    found = [c for c in map(_description, doc.noun_chunks) if c is not None]
    found.extend(_epithets(doc))
    return sorted(found, key=lambda c: c.start)


def _description(chunk) -> LabelCandidate | None:
    root = chunk.root
    head = root.lemma_.lower()
    if chunk[0].lower_ not in DETERMINERS or head not in PERSON_ROLES | ORG_CLASSES or root.ent_type_:
        return None
    phrase = _title_phrase(chunk)
    target = _apposition_target(root)
    return LabelCandidate(chunk[0].idx, chunk.end_char, chunk.text, phrase, "description", target)


def _title_phrase(chunk) -> str:
    """The head with its compound words: "prime minister", "military bloc" → "bloc"."""
    words = [t.lower_ for t in chunk if t.dep_ == "compound" and t.head == chunk.root] + [chunk.root.lower_]
    return " ".join(words)


def _apposition_target(root) -> tuple[int, int] | None:
    partner = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "appos"), None)
    if partner is None or not partner.ent_type_:
        return None
    ent = next((e for e in partner.doc.ents if e.start <= partner.i < e.end), None)
    return (ent.start_char, ent.end_char) if ent is not None else None


def _epithets(doc) -> list[LabelCandidate]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        first = _first_modifier(doc, ent)
        span = doc[first : ent.start]
        if first < ent.start and "\n" not in span.text and _descriptive(span):
            found.append(LabelCandidate(span.start_char, span.end_char, span.text, span[-1].lower_, "epithet",
                                        (ent.start_char, ent.end_char)))
    return found


def _first_modifier(doc, ent) -> int:
    """Walk left over the words that modify the name: "Leftist American President" Joe Biden."""
    first = ent.start
    while first > 0 and first > ent.start - 6:
        token = doc[first - 1]
        if token.dep_ not in ("amod", "compound", "nmod", "nn") or not first <= token.head.i < ent.end:
            break
        first -= 1
    return first


def _descriptive(span) -> bool:
    """More than a bare title or a place: "Chinese dictator" is, "President" and "US" are not."""
    from .entities import TITLE_WORDS

    return any(t.is_alpha and t.lower_ not in TITLE_WORDS and t.ent_type_ not in ("GPE", "ORG") for t in span)


def link_labels(
    article_id: str,
    candidates: list[LabelCandidate],
    mention_ids: dict[tuple[int, int], str],
    entity_info: dict[str, tuple[str, tuple[str, ...]]],
) -> list[Label]:
    """Link an article's candidates to entities.

    ``mention_ids`` maps a named mention's (start, end) in this article to its
    entity id; ``entity_info`` maps an entity id to (type, titles).
    """
    in_article = [(span, eid) for span, eid in sorted(mention_ids.items())]
    dominant_org = _dominant(in_article, entity_info, "ORG")
    labels = []
    for candidate in candidates:
        entity_id, evidence = _link(candidate, in_article, entity_info, dominant_org)
        labels.append(Label(article_id, candidate.start, candidate.end, candidate.text, candidate.kind, entity_id, evidence))
    return labels


def _link(candidate, in_article, entity_info, dominant_org) -> tuple[str | None, str | None]:
    if candidate.target is not None:
        entity_id = _entity_at(candidate.target, in_article)
        if entity_id:
            return entity_id, "apposition" if candidate.kind == "description" else "epithet"
    if candidate.head.split()[-1] in PERSON_ROLES:
        return _by_role(candidate, in_article, entity_info)
    if candidate.head.split()[-1] in ORG_CLASSES and dominant_org:
        return dominant_org, "salience"
    return None, None


def _entity_at(span: tuple[int, int], in_article) -> str | None:
    start, end = span
    return next((eid for (s, e), eid in in_article if s < end and start < e), None)


def _by_role(candidate, in_article, entity_info) -> tuple[str | None, str | None]:
    role = candidate.head.lower()
    former = "former" in candidate.text.lower()
    persons = {eid for _, eid in in_article if entity_info.get(eid, ("",))[0] == "PERSON"}
    holders = {eid for eid in persons if any(role in t.lower() and (former or "former" not in t.lower())
                                             for t in entity_info[eid][1])}
    if len(holders) == 1:
        return holders.pop(), "role"
    return None, None


def _dominant(in_article, entity_info, entity_type: str) -> str | None:
    counts = Counter(eid for _, eid in in_article if entity_info.get(eid, ("",))[0] == entity_type)
    if not counts:
        return None
    entity_id, count = counts.most_common(1)[0]
    return entity_id if count * 2 >= sum(counts.values()) and count >= 2 else None
