"""The comparison report of a store: ``report.json``, ``report.md`` and ``report.html``.

``build_report`` gathers every layer into one JSON-ready dict whose shape is
fixed by ``data/report.schema.json`` (fields may be added, never renamed):
articles with their annotations and framing, stories and topics, canonical
entities, each story's merged timeline, its aligned claims (who asserts,
hedges, denies or omits each fact, and where details conflict), quotes,
framing per article and per outlet, a cited summary per story, and the
rejected inputs. ``write_report`` writes the three files.

Example:
    >>> from newsparallax import pipeline, Store                 # doctest: +SKIP
    >>> with Store("parallax.db") as store:                      # doctest: +SKIP
    ...     report = pipeline.analyze(store)
    >>> write_report(report, Path("seeds-report"))               # doctest: +SKIP
    {'json': PosixPath('seeds-report/report.json'), ...}
"""

from __future__ import annotations

import logging

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..compare import align_claims, build_timeline, group_json, summarize_story, timeline_json
from ..framing import Framing, detect_framing, framing_json, loaded_per_1000_words
from ..records import Annotated, Article, Quote, Rejected, Resolution
from ..stories import Story, Topic

log = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "report.schema.json"


def display_outlet(article: Article | dict[str, Any]) -> str:
    """The outlet's name, else the source file's stem (the seeds carry no metadata).

    >>> display_outlet(Article("a", "/x/000_26f4.txt", "text", "Body."))
    '000_26f4'
    """
    outlet = article["outlet"] if isinstance(article, dict) else article.outlet
    source = article["source"] if isinstance(article, dict) else article.source
    if outlet:
        return outlet
    name = Path(str(source).split("#", 1)[0]).name
    return name.split(".", 1)[0] or name


@dataclass(frozen=True)
class ReportInputs:
    """What the report is made of: every stage's output over one set of articles."""

    articles: tuple[Article, ...] = ()
    annotated: tuple[Annotated, ...] = ()
    resolution: Resolution = field(default_factory=lambda: Resolution((), {}, ()))
    stories: tuple[Story, ...] = ()
    topics: tuple[Topic, ...] = ()
    rejected: tuple[Rejected, ...] = ()


def build_report(inputs: ReportInputs, framing_model=None) -> dict[str, Any]:
    """The whole report as plain data (see the module docstring).

    Example:
        >>> sorted(build_report(ReportInputs()))[:4]
        ['articles', 'claims', 'entities', 'framing']
    """
    annotated, resolution, stories, topics = inputs.annotated, inputs.resolution, inputs.stories, inputs.topics
    log.debug("build_report: %d article(s), %d stories", len(inputs.articles), len(stories))
    articles = list(inputs.articles)
    by_id = {a.article_id: a for a in annotated}
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    outlets = {a.id: display_outlet(a) for a in articles}
    framings = {a.article_id: detect_framing(a.text, a.sentences, framing_model) for a in annotated}
    report_articles = [article_json(a, by_id.get(a.id), resolution, framings.get(a.id), story_of.get(a.id)) for a in articles]
    claims = [_named_conflicts(c, outlets) for s in stories for c in story_claims(s, by_id, resolution, outlets)]
    return {
        "generator": {"name": "parallax", "version": __version__,
                      "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
        "articles": report_articles,
        "stories": [_story_json(s, report_articles) for s in stories],
        "topics": [{"id": t.id, "label": t.label, "story_ids": list(t.story_ids)} for t in topics],
        "entities": [_entity_json(e, resolution) for e in resolution.entities],
        "timeline": [timeline_json(entry) for s in stories
                     for entry in build_timeline(s.id, [by_id[a] for a in s.article_ids if a in by_id], resolution, outlets)],
        "claims": claims,
        "quotes": _quotes_json(annotated, resolution, story_of),
        "framing": _framing_json(articles, by_id, resolution, framings, outlets),
        "summary": [{"story_id": s.id, "sentences": summarize_story(s.id, list(s.article_ids),
                                                                   [c for c in claims if c["story_id"] == s.id],
                                                                   _loaded_spans(framings, s.article_ids), outlets)}
                    for s in stories],
        "rejected": [r.to_dict() for r in inputs.rejected],
    }


def _named_conflicts(claim: dict[str, Any], outlets: dict[str, str]) -> dict[str, Any]:
    """Conflict descriptions with outlet names where they name article ids (readers know outlets, not hashes)."""
    def named(text: str) -> str:
        for article_id in claim["status"]:
            text = text.replace(article_id, outlets.get(article_id, article_id))
        return text
    conflicts = [{**c, "description": named(c["description"])} for c in claim["conflicts"]]
    return {**claim, "conflicts": conflicts}


def story_claims(story: Story, by_id: dict[str, Annotated], resolution: Resolution,
                 outlets: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The aligned claim groups of one story, as JSON (``single_outlet`` counts ``outlets``, else articles)."""
    from ..language.claims import claims_with_entities

    members = [a for a in story.article_ids if a in by_id]
    labels = [lb for lb in resolution.labels if lb.article_id in set(members)]
    claims = {a: claims_with_entities(by_id[a].claims, resolution.mention_ids, labels) for a in members}
    names = {e.id: e.name for e in resolution.entities}
    groups = align_claims(claims, members, names, story_id=story.id, outlets=outlets)
    return [{**group_json(g), "story_id": story.id} for g in groups]


# ---------------------------------------------------------------- parts


def article_json(article: Article, annotated: Annotated | None, resolution: Resolution,
                 framing: Framing | None, story_id: str | None) -> dict[str, Any]:
    """One article of the report: metadata, clean text, what cleaning removed, and its highlighted spans."""
    data = {
        "id": article.id, "source": article.source, "title": article.title, "outlet": article.outlet,
        "display_outlet": display_outlet(article), "author": article.author, "published": article.published.value,
        "published_inferred": article.published.inferred, "url": article.url, "language": article.language,
        "story_id": story_id, "text": article.text,
        "removed": [{"start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in article.removed],
        "dct": None, "mentions": [], "timexes": [], "quotes": [], "loaded": [], "sentences": [],
    }
    if annotated is not None:
        data.update(_annotation_fields(annotated, resolution, framing))
        data.update(_publication(article, annotated))
    return data


def _publication(article: Article, annotated: Annotated) -> dict[str, Any]:
    """The publication date to show: the metadata's, else the language layer's estimate (which other articles
    may have helped date, see ``pipeline.redate``), with its range and evidence."""
    date = article.published
    if date.value and not date.inferred:
        return {"published_range": [date.value, date.value], "published_evidence": []}
    dct = annotated.dct
    if dct.value is None:
        return {"published_range": [date.range_start, date.range_end], "published_evidence": list(date.evidence)}
    # An open-ended estimate ("after 2023-10-14") names no date: its start year would read as the answer.
    published = dct.value if dct.range_end is not None else None
    return {"published": published, "published_inferred": True, "published_range": [dct.range_start, dct.range_end],
            "published_evidence": list(dct.evidence)}


def _annotation_fields(annotated: Annotated, resolution: Resolution, framing: Framing | None) -> dict[str, Any]:
    aid = annotated.article_id
    types = {e.id: e.type for e in resolution.entities}
    framed = framing_json(framing) if framing else {"sentences": [], "loaded": []}
    dct = annotated.dct
    return {
        "dct": {"value": dct.value, "inferred": dct.inferred, "range": [dct.range_start, dct.range_end],
                "evidence": list(dct.evidence)},
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "entity_id": resolution.mention_ids.get((aid, m.start, m.end)),
                      "type": types.get(resolution.mention_ids.get((aid, m.start, m.end)), m.label)} for m in annotated.mentions],
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "inferred": t.inferred}
                    for t in annotated.timexes],
        "quotes": [_quote_span(q) for q in resolution.quotes.get(aid, annotated.quotes)],
        "loaded": framed["loaded"], "sentences": framed["sentences"],
    }


def _quote_span(quote: Quote) -> dict[str, Any]:
    return {"start": quote.content.start, "end": quote.content.end, "text": quote.content.text,
            "speaker": quote.speaker.text if quote.speaker else None, "speaker_entity_id": quote.speaker_entity_id,
            "source_kind": quote.source_kind}


def _story_json(story: Story, articles: list[dict[str, Any]]) -> dict[str, Any]:
    first, last, inferred = story.first_published, story.last_published, False
    if first is None:  # no metadata dates: the articles' estimated ones, marked inferred
        dates = sorted(a["published"] for a in articles if a["id"] in set(story.article_ids) and a["published"])
        first, last, inferred = (dates[0], dates[-1], True) if dates else (None, None, False)
    return {
        "id": story.id, "label": story.label, "topic_id": story.topic_id, "article_ids": list(story.article_ids),
        "outlets": list(story.outlets), "first_published": first, "last_published": last, "published_inferred": inferred,
        "key_entities": [{"id": eid, "name": name, "articles": count} for eid, name, count in story.key_entities],
        "event_span": list(story.event_dates),
        "near_duplicate_groups": [list(group) for group in story.near_duplicate_groups],
    }


def _entity_json(entity, resolution: Resolution) -> dict[str, Any]:
    labels = sorted({lb.text for lb in resolution.labels if lb.entity_id == entity.id})
    return {"id": entity.id, "name": entity.name, "type": entity.type, "aliases": [text for text, _ in entity.aliases],
            "article_ids": list(entity.article_ids), "labels": labels}


def _quotes_json(annotated: list[Annotated], resolution: Resolution, story_of: dict[str, str]) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in resolution.entities}
    return [{"article_id": a.article_id, "story_id": story_of.get(a.article_id),
             "speaker": q.speaker.text if q.speaker else None, "speaker_entity_id": q.speaker_entity_id,
             "speaker_name": names.get(q.speaker_entity_id), "source_kind": q.source_kind, "kind": q.kind,
             "content": {"start": q.content.start, "end": q.content.end, "text": q.content.text}}
            for a in annotated for q in resolution.quotes.get(a.article_id, a.quotes)]


def _loaded_spans(framings: dict[str, Framing], article_ids) -> dict[str, list[tuple[int, int]]]:
    return {a: [(t.start, t.end) for t in framings[a].loaded] for a in article_ids if a in framings}


# ---------------------------------------------------------------- framing per article and outlet


def _framing_json(articles: list[Article], by_id: dict[str, Annotated], resolution: Resolution,
                  framings: dict[str, Framing], outlets: dict[str, str]) -> dict[str, Any]:
    names = {e.id: e.name for e in resolution.entities}
    nationalities = frozenset(e.id for e in resolution.entities if e.type == "NORP")
    per_article = {}
    for article in articles:
        annotated, framing = by_id.get(article.id), framings.get(article.id)
        quotes = resolution.quotes.get(article.id, annotated.quotes if annotated else ())
        per_article[article.id] = {
            "loaded": framing_json(framing)["loaded"] if framing else [],
            "loaded_per_1000_words": loaded_per_1000_words(framing, article.text) if framing else 0.0,
            "biased_sentences": sum(1 for s in framing.sentences if s.biased) if framing else 0,
            "sentences": len(framing.sentences) if framing else 0,
            "labels": [{"entity_id": lb.entity_id, "canonical": names.get(lb.entity_id), "text": lb.text, "kind": lb.kind,
                        "start": lb.start, "end": lb.end} for lb in resolution.labels if lb.article_id == article.id],
            "sourcing": sourcing(quotes, names, annotated.claims if annotated else (), nationalities),
            "tone": _tone(framing, by_id.get(article.id), resolution),
        }
    return {"articles": per_article, "outlets": _by_outlet(articles, per_article, outlets)}


QUANTIFIER = re.compile(r"^(?:multiple|several|some|many|other|various|two|three|four|numerous)\s+", re.IGNORECASE)


def _unquantified(source: str) -> str:
    """"Multiple Japanese media outlets" and "Japanese media outlets" are one cited source.

    >>> _unquantified("Multiple Japanese media outlets")
    'Japanese media outlets'
    """
    return QUANTIFIER.sub("", source.strip())


def sourcing(quotes: tuple[Quote, ...], names: dict[str, str], claims=(), nationalities=frozenset()) -> dict[str, Any]:
    """Who is quoted and how: named and anonymous sources, other outlets cited, quotes per speaker.

    Other outlets are those quoted ("NHK claimed") and those a claim rests on
    ("according to Reuters"). A speaker is named by its canonical entity,
    unless that is only a nationality (``nationalities``: entity ids):
    "Multiple Japanese media outlets" are not "Japanese".
    """
    def speaker(q: Quote) -> str:
        entity = q.speaker_entity_id
        return names[entity] if entity in names and entity not in nationalities else q.speaker.text

    kinds = Counter(q.source_kind for q in quotes)
    quoted = Counter(speaker(q) for q in quotes if q.speaker and q.source_kind != "anonymous")
    cited = {_unquantified(speaker(q)) for q in quotes if q.speaker and q.source_kind in ("outlet", "other_outlet", "media")}
    cited |= {_unquantified(c.source) for c in claims if c.source_kind == "other_outlet" and c.source}
    return {"named": kinds["named"], "anonymous": kinds["anonymous"], "outlets_cited": sorted(cited), "quoted": dict(quoted),
            "quotes": len(quotes)}


def _tone(framing: Framing | None, annotated: Annotated | None, resolution: Resolution) -> dict[str, Any]:
    """Per central entity: how many of the sentences naming it are biased, and the loaded terms beside it."""
    if framing is None or annotated is None:
        return {}
    named: dict[str, set[int]] = defaultdict(set)
    for m in annotated.mentions:
        entity_id = resolution.mention_ids.get((annotated.article_id, m.start, m.end))
        for number, s in enumerate(framing.sentences):
            if entity_id and s.start <= m.start < s.end:
                named[entity_id].add(number)
    tone = {}
    for entity_id, sentences in sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]:
        biased = [framing.sentences[i] for i in sentences if framing.sentences[i].biased]
        loaded = [t.text for t in framing.loaded for i in sentences
                  if framing.sentences[i].start <= t.start < framing.sentences[i].end]
        tone[entity_id] = {"sentences": len(sentences), "biased_sentences": len(biased),
                           "mean_bias_score": round(sum(framing.sentences[i].bias_score for i in sentences) / len(sentences), 4),
                           "loaded_terms": loaded}
    return tone


def _by_outlet(articles: list[Article], per_article: dict[str, dict], outlets: dict[str, str]) -> dict[str, Any]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        grouped[outlets[article.id]].append(article.id)
    result = {}
    for outlet, ids in sorted(grouped.items()):
        parts = [per_article[a] for a in ids]
        result[outlet] = {
            "article_ids": ids,
            "loaded": [term for p in parts for term in p["loaded"]],
            "loaded_per_1000_words": round(sum(p["loaded_per_1000_words"] for p in parts) / len(parts), 2),
            "labels": [label for p in parts for label in p["labels"]],
            "sourcing": _summed_sourcing([p["sourcing"] for p in parts]),
        }
    return result


def _summed_sourcing(items: list[dict[str, Any]]) -> dict[str, Any]:
    quoted: Counter = Counter()
    for item in items:
        quoted.update(item["quoted"])
    return {"named": sum(i["named"] for i in items), "anonymous": sum(i["anonymous"] for i in items),
            "outlets_cited": sorted({o for i in items for o in i["outlets_cited"]}), "quoted": dict(quoted),
            "quotes": sum(i["quotes"] for i in items)}


# ---------------------------------------------------------------- files


def write_report(report: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` into ``out_dir`` (created); return their paths."""
    from .html import render_report_html
    from .markdown import report_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "report.json", "md": out_dir / "report.md", "html": out_dir / "report.html"}
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    paths["md"].write_text(report_markdown(report), encoding="utf-8")
    paths["html"].write_text(render_report_html(report), encoding="utf-8")
    return paths


def load_schema() -> dict[str, Any]:
    """The JSON Schema of ``report.json`` shipped in the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


