"""The report the views show, read from a store: ``load_report``.

The report's shape is that of ``report.json`` (see ``newsparallax.htmlreport``).
Until the comparison layer (``newsparallax.report.build_report``) is there,
``load_report`` assembles what the store already knows — articles with their
annotations, stories and topics, resolved entities, quotes, labels and dated
events — and leaves claims and summaries empty. Once it exists, it is used.

Example:
    >>> from newsparallax.store import Store
    >>> with Store(":memory:") as store:
    ...     sorted(load_report(store))[:3]
    ['articles', 'claims', 'entities']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from importlib import import_module
from typing import Any

from .. import __version__
from ..language import resolve_store
from ..records import Article
from ..stories import describe_stories
from .viewmodel import source_stem


def load_report(store) -> dict[str, Any]:
    """The report of everything in ``store``, as plain JSON-ready data.

    Uses ``newsparallax.report.build_report`` when that module exists; raises
    whatever it raises (a StoreError for an unreadable store).
    """
    try:
        build_report = import_module("newsparallax.report").build_report
    except (ImportError, AttributeError):
        return assemble_report(store)
    return build_report(store)


def assemble_report(store) -> dict[str, Any]:
    """The report from stored articles, annotations and stories alone (no claims, no summary)."""
    annotated, resolution = resolve_store(store)
    stories, topics = describe_stories(store, annotated, resolution)
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    by_id = {a.article_id: a for a in annotated}
    articles = [_article(a, by_id.get(a.id), resolution, story_of.get(a.id)) for a in store.articles()]
    quotes = [{**q, "article_id": a["id"], "story_id": a["story_id"]} for a in articles for q in _report_quotes(a)]
    return {
        "generator": {"name": "parallax", "version": __version__, "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
        "articles": [{k: v for k, v in a.items() if k != "_quotes"} for a in articles],
        "stories": [_story(s) for s in stories],
        "topics": [{"id": t.id, "label": t.label, "story_ids": list(t.story_ids)} for t in topics],
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "aliases": [text for text, _ in e.aliases],
                      "article_ids": list(e.article_ids)} for e in resolution.entities],
        "timeline": _timeline(annotated, story_of, {a["id"]: a for a in articles}, resolution),
        "claims": [],
        "quotes": quotes,
        "framing": _framing(articles, resolution),
        "summary": [],
        "rejected": [{"source": r.source, "stage": r.stage, "reason": r.reason} for r in store.rejected()],
    }


def _article(article: Article, annotated, resolution, story_id: str | None) -> dict[str, Any]:
    data = {
        "id": article.id, "source": article.source, "title": article.title, "outlet": article.outlet,
        "author": article.author, "published": article.published.value, "published_inferred": article.published.inferred,
        "url": article.url, "story_id": story_id, "text": article.text,
        "removed": [r.__dict__ for r in article.removed], "mentions": [], "timexes": [], "quotes": [],
        "loaded": [], "sentences": [], "_quotes": (),
    }
    if annotated is not None:
        data.update(_annotation_fields(annotated, resolution))
    return data


def _annotation_fields(annotated, resolution) -> dict[str, Any]:
    aid = annotated.article_id
    types = {e.id: e.type for e in resolution.entities}
    mentions = []
    for m in annotated.mentions:
        entity_id = resolution.mention_ids.get((aid, m.start, m.end))
        mentions.append({"start": m.start, "end": m.end, "text": m.text, "entity_id": entity_id,
                         "type": types.get(entity_id, m.label)})
    quotes = resolution.quotes.get(aid, annotated.quotes)
    return {
        "mentions": mentions,
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "value": t.value} for t in annotated.timexes],
        "quotes": [_quote(q) for q in quotes],
        "sentences": [{"start": s, "end": e, "biased": None, "bias_score": None} for s, e in annotated.sentences],
        "_quotes": quotes,
    }


def _quote(quote) -> dict[str, Any]:
    return {"start": quote.content.start, "end": quote.content.end, "text": quote.content.text,
            "speaker": quote.speaker.text if quote.speaker else None, "speaker_entity_id": quote.speaker_entity_id,
            "source_kind": quote.source_kind}


def _report_quotes(article: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"speaker": q["speaker"], "speaker_entity_id": q["speaker_entity_id"], "source_kind": q["source_kind"],
             "content": {"start": q["start"], "end": q["end"], "text": q["text"]}} for q in article["quotes"]]


def _story(story) -> dict[str, Any]:
    return {
        "id": story.id, "label": story.label, "topic_id": story.topic_id, "article_ids": list(story.article_ids),
        "outlets": list(story.outlets), "first_published": story.first_published, "last_published": story.last_published,
        "key_entities": [{"id": eid, "name": name} for eid, name, _ in story.key_entities],
        "event_span": list(story.event_dates),
    }


def _timeline(annotated, story_of: dict[str, str], articles: dict[str, dict], resolution) -> list[dict[str, Any]]:
    """One entry per dated event, not merged across articles (merging is the comparison layer's work)."""
    items = []
    for item in annotated:
        article = articles.get(item.article_id)
        for number, event in enumerate(item.events):
            items.append({
                "id": f"{item.article_id}-e{number}", "date": event.date, "date_end": None,
                "precision": _precision(event.date), "label": event.label, "story_id": story_of.get(item.article_id),
                "article_ids": [item.article_id], "outlets": [article["outlet"]] if article and article["outlet"] else [],
                "evidence": [{"article_id": item.article_id, **event.sentence.__dict__}],
                "uncertain": bool(item.dct.inferred), "conflict": None,
            })
    return sorted(items, key=lambda t: (t["date"], t["id"]))


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "time" if "T" in value else "other")


def _framing(articles: list[dict[str, Any]], resolution) -> dict[str, Any]:
    names = {e.id: e.name for e in resolution.entities}
    per_article = {}
    for article in articles:
        labels = [{"entity_id": lb.entity_id, "canonical": names.get(lb.entity_id), "text": lb.text, "kind": lb.kind,
                   "start": lb.start, "end": lb.end} for lb in resolution.labels if lb.article_id == article["id"]]
        per_article[article["id"]] = {"loaded": [], "loaded_per_1000_words": 0.0, "labels": labels,
                                      "sourcing": _sourcing(article["_quotes"])}
    return {"articles": per_article, "outlets": _by_outlet(articles, per_article)}


def _sourcing(quotes) -> dict[str, Any]:
    kinds = Counter(q.source_kind for q in quotes)
    quoted = Counter(q.speaker.text for q in quotes if q.speaker and q.source_kind == "named")
    outlets = sorted({q.speaker.text for q in quotes if q.speaker and q.source_kind == "outlet"})
    return {"named": kinds["named"], "anonymous": kinds["anonymous"], "outlets_cited": outlets, "quoted": dict(quoted)}


def _by_outlet(articles: list[dict[str, Any]], per_article: dict[str, dict]) -> dict[str, Any]:
    outlets: dict[str, dict[str, Any]] = {}
    for article in articles:
        name = article["outlet"] or source_stem(article["source"])
        mine, theirs = per_article[article["id"]], outlets.setdefault(name, _empty_outlet())
        theirs["article_ids"].append(article["id"])
        theirs["labels"].extend(mine["labels"])
        for key in ("named", "anonymous"):
            theirs["sourcing"][key] += mine["sourcing"][key]
        theirs["sourcing"]["outlets_cited"] = sorted({*theirs["sourcing"]["outlets_cited"], *mine["sourcing"]["outlets_cited"]})
        quoted = Counter(theirs["sourcing"]["quoted"]) + Counter(mine["sourcing"]["quoted"])
        theirs["sourcing"]["quoted"] = dict(quoted)
    return outlets


def _empty_outlet() -> dict[str, Any]:
    return {"loaded": [], "loaded_per_1000_words": 0.0, "labels": [], "article_ids": [],
            "sourcing": {"named": 0, "anonymous": 0, "outlets_cited": [], "quoted": {}}}

