"""The language layer: each article annotated, then entities resolved across all of them.

``annotate_texts`` runs spaCy once per article (batched with ``nlp.pipe``) and
derives, from the same parse, sentences, named mentions, temporal
expressions, quotes, timeline events and label candidates — an ``Annotated``
record per article. ``resolve`` then joins the mentions of many articles into
canonical entities and links quotes' speakers and descriptive labels to them.

Example:
    >>> [annotated] = annotate_texts([("a1", "Kishida said on Wednesday that Japan would not join NATO.", "2023-05-25", False)])
    >>> [t.value for t in annotated.timexes]
    ['2023-05-24']
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .entities import Entity, EntityMention, mentions_from_doc, resolve_entities
from .claims import claims_from_doc
from .anchoring import PLACE_LABELS, AnchorIndex, DatedSentence, anchor_statements, place_words
from .events import Event, events_from_doc
from .labels import Label, label_candidates, link_labels
from .nlp import load_nlp
from .quotes import extract_quotes
from ..records import Annotated, Article, DateEstimate, Quote, Resolution, Statement, TextSpan
from .timex import dct_statements, estimate_dct, tag_timexes

log = logging.getLogger(__name__)

ANNOTATION_VERSION = 3  # 3: events carry the clause a speech verb reports, resolved he/she, particles


# ---------------------------------------------------------------- per article


def annotate_texts(items: Iterable[tuple[str, str, str | None, bool]], batch_size: int = 32, nlp=None) -> Iterator[Annotated]:
    """Annotate (article id, text, DCT or None, DCT inferred?) tuples, in order.

    A DCT that is missing (or only inferred, with no day) is estimated from the
    text and marked inferred; temporal values then carry that uncertainty.
    """
    nlp = nlp or load_nlp()
    items = list(items)
    log.debug("annotate_texts: %d document(s)", len(items))
    docs = nlp.pipe((text for _, text, _, _ in items), batch_size=batch_size)
    for (article_id, text, dct, inferred), doc in zip(items, docs):
        yield annotate_doc(doc, article_id, dct, inferred)


def annotate_doc(doc, article_id: str, dct: str | None, dct_inferred: bool = False,
                 estimate: DateEstimate | None = None) -> Annotated:
    """Annotate one parsed article (``doc``) given its document creation time.

    With no ``dct`` the DCT is inferred from the text, unless ``estimate``
    gives it (an estimate made with other articles' help: ``pipeline.redate``).
    """
    statements = () if dct else tuple(dct_statements(doc))
    if dct:
        estimate = DateEstimate(dct, dct_inferred, dct, dct, "metadata")
    estimate = estimate or estimate_dct(list(statements))
    timexes = tag_timexes(doc, estimate.value, estimate.inferred)
    quotes = tuple(extract_quotes(doc))
    return Annotated(
        article_id=article_id, text=doc.text, dct=estimate,
        sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        mentions=tuple(mentions_from_doc(doc, article_id)), timexes=tuple(timexes),
        quotes=quotes, events=tuple(events_from_doc(doc, timexes)),
        label_candidates=tuple(label_candidates(doc)), statements=statements,
        claims=claims_from_doc(doc, article_id, timexes, quotes),
    )


def article_dct(article: Article) -> tuple[str | None, bool]:
    """The DCT to annotate an article with: its publication day when known, else None (to infer)."""
    value = article.published.value
    if value and len(value) == 10 and not article.published.inferred:
        return value, False
    return None, True


def annotate_articles(articles: Iterable[Article], batch_size: int = 32, nlp=None) -> Iterator[Annotated]:
    """Annotate stored articles with their own publication dates as DCT."""
    items = ((a.id, a.text, *article_dct(a)) for a in articles)
    return annotate_texts(items, batch_size, nlp)


# ---------------------------------------------------------------- across articles


def resolve(annotated: Iterable[Annotated], outlets: dict[str, str | None] | None = None) -> Resolution:
    """Canonical entities for the articles, with quote speakers and labels linked to them."""
    annotated = list(annotated)
    entities, mention_ids = resolve_entities({a.article_id: list(a.mentions) for a in annotated}, outlets or {})
    info = {e.id: (e.type, e.titles) for e in entities}
    labels, quotes = [], {}
    for article in annotated:
        spans = {(s, e): eid for (aid, s, e), eid in mention_ids.items() if aid == article.article_id}
        labels.extend(link_labels(article.article_id, list(article.label_candidates), spans, info))
        quotes[article.article_id] = tuple(_quote_with_speaker(q, spans) for q in article.quotes)
    return Resolution(tuple(entities), mention_ids, tuple(labels), quotes)


def _quote_with_speaker(quote: Quote, spans: dict[tuple[int, int], str]) -> Quote:
    for span in (quote.speaker_antecedent, quote.speaker):
        entity_id = _overlapping(span, spans) if span else None
        if entity_id:
            return replace(quote, speaker_entity_id=entity_id)
    return quote


def _overlapping(span: TextSpan, spans: dict[tuple[int, int], str]) -> str | None:
    """The entity of the last name inside the span: an English noun phrase ends on its head
    ("Japanese envoy Koji Tomita" is Tomita, not "Japanese")."""
    inside = [(e, s, eid) for (s, e), eid in spans.items() if s < span.end and span.start < e]
    return max(inside)[2] if inside else None


# ---------------------------------------------------------------- JSON


def _span(span: TextSpan | None) -> dict | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def annotation_json(annotated: Annotated, resolution: Resolution, framing_model=None) -> dict:
    """The documented JSON of one annotated article (what ``parallax annotate --json`` prints).

    Each sentence carries ``biased`` and ``bias_score``, and ``loaded`` lists
    the loaded terms (``framing.detect_framing``; with ``framing_model``, a
    model from ``parallax train framing`` scores the sentences).
    """
    from ..framing import detect_framing, framing_json

    framed = framing_json(detect_framing(annotated.text, annotated.sentences, framing_model))
    aid = annotated.article_id
    entity_of = lambda start, end: resolution.mention_ids.get((aid, start, end))  # noqa: E731
    names = {e.id: (e.name, e.type) for e in resolution.entities}
    quotes = resolution.quotes.get(aid, annotated.quotes)
    return {
        "article_id": aid,
        "text": annotated.text,
        "dct": annotated.dct.value,
        "dct_inferred": annotated.dct.inferred,
        "dct_range": [annotated.dct.range_start, annotated.dct.range_end],
        "dct_evidence": list(annotated.dct.evidence),
        "sentences": framed["sentences"],
        "loaded": framed["loaded"],
        "entities": [_mention_json(m, entity_of(m.start, m.end), names) for m in annotated.mentions],
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                     "inferred": t.inferred, "mod": t.mod} for t in annotated.timexes],
        "quotes": [_quote_json(q) for q in quotes],
        "anonymous_sources": sum(1 for q in quotes if q.source_kind == "anonymous"),
        "events": [_event_json(ev, aid, resolution) for ev in annotated.events],
        "labels": [{"start": lb.start, "end": lb.end, "text": lb.text, "kind": lb.kind, "entity_id": lb.entity_id,
                    "canonical": names.get(lb.entity_id, (None,))[0], "evidence": lb.evidence}
                   for lb in resolution.labels if lb.article_id == aid],
        "claims": [c.to_dict() for c in annotated.claims],
    }


def _mention_json(mention: EntityMention, entity_id: str | None, names: dict) -> dict:
    name, entity_type = names.get(entity_id, (None, mention.label))
    return {"start": mention.start, "end": mention.end, "text": mention.text, "label": entity_type,
            "model_label": mention.label, "entity_id": entity_id, "canonical": name, "title": mention.title}


def _quote_json(quote: Quote) -> dict:
    return {"speaker": _span(quote.speaker), "cue": _span(quote.cue), "content": _span(quote.content),
            "speaker_antecedent": _span(quote.speaker_antecedent), "speaker_entity_id": quote.speaker_entity_id,
            "source_kind": quote.source_kind, "kind": quote.kind}


def _event_json(event: Event, article_id: str, resolution: Resolution) -> dict:
    ids = [resolution.mention_ids.get((article_id, s, e)) for s, e in event.mentions]
    return {"date": event.date, "timex": _span(event.timex), "sentence": _span(event.sentence), "label": event.label,
            "subject": event.subject, "predicate": event.predicate, "object": event.object, "place": event.place,
            "entity_ids": sorted({i for i in ids if i})}


def entity_json(entity: Entity, labels: Iterable[Label] = ()) -> dict:
    """The JSON of one canonical entity (what ``parallax entities --json`` lists)."""
    return {
        "id": entity.id, "name": entity.name, "type": entity.type,
        "aliases": [{"text": text, "count": count} for text, count in entity.aliases],
        "mention_count": entity.mention_count, "article_ids": list(entity.article_ids),
        "outlets": list(entity.outlets), "titles": list(entity.titles),
        "mentions": [{"article_id": a, "start": s, "end": e} for a, s, e in entity.mentions],
        "labels": sorted({lb.text for lb in labels if lb.entity_id == entity.id}),
    }


# ---------------------------------------------------------------- storage form


# ---------------------------------------------------------------- across articles


def reannotated(articles: Iterable[Article], estimates: dict[str, DateEstimate], batch_size: int = 32,
                nlp=None) -> list[Annotated]:
    """The ``articles`` annotated again with their new DCT ``estimates`` (from ``redated_estimates``).

    Only the articles that have an estimate are parsed.
    """
    items = [(a.id, a.text) for a in articles if a.id in estimates]
    if not items:
        return []
    docs = (nlp or load_nlp()).pipe((text for _, text in items), batch_size=batch_size)
    return [annotate_doc(doc, article_id, None, True, estimate=estimates[article_id])
            for (article_id, _), doc in zip(items, docs)]


def redated_estimates(annotated: list[Annotated]) -> dict[str, DateEstimate]:
    """New DCT estimates for the undated articles whose yearless days other articles date (two rounds)."""
    statements = {a.article_id: list(a.statements) for a in annotated if a.statements}
    places = {w for a in annotated for m in a.mentions if m.label in PLACE_LABELS for w in place_words(m.text)}
    fixed = [d for a in annotated if not a.statements for d in _dated_by_metadata(a)]
    for _ in range(2):  # a date fixed in the first round may fix another article's in the second
        index = AnchorIndex.build(fixed + [DatedSentence(aid, s.value, s.sentence)
                                           for aid, items in statements.items() for s in items], places)
        statements = {aid: anchor_statements(aid, items, index) for aid, items in statements.items()}
    estimates = {}
    for a in annotated:
        if a.statements and statements[a.article_id] != list(a.statements):
            estimate = _with_anchor_evidence(estimate_dct(statements[a.article_id]), statements[a.article_id])
            if estimate != a.dct:
                estimates[a.article_id] = estimate
    return estimates


def _dated_by_metadata(annotated: Annotated) -> list[DatedSentence]:
    """The full dates of an article with a known DCT, in their sentences."""
    found = []
    for t in annotated.timexes:
        if t.type == "DATE" and not t.inferred:
            start, end = next(((s, e) for s, e in annotated.sentences if s <= t.start < e), (t.start, t.end))
            found.append(DatedSentence(annotated.article_id, t.value, annotated.text[start:end]))
    return found


def _with_anchor_evidence(estimate: DateEstimate, statements: list[Statement]) -> DateEstimate:
    notes = tuple(f"{s.text} = {s.value}, as article {s.kind.split(':', 1)[1]} dates the same event"
                  for s in statements if s.kind.startswith(("anchored:", "refined:")))
    return replace(estimate, source=f"{estimate.source}; other articles", evidence=estimate.evidence + notes)


