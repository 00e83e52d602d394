"""What each page shows, derived from a report (the ``report.json`` shape).

``ReportView`` indexes a report once and answers the pages' questions: the
columns of a story (one per article, named by outlet), its claims matrix,
framing side by side, quotes by speaker, the cited summary, and an article's
text with its spans highlighted. The static report and the web app both use
it, so they show the same thing.

Example:
    >>> view = ReportView({"articles": [{"id": "a1", "source": "x/000_ab.txt", "outlet": None, "text": "Hi."}]})
    >>> view.label("a1")
    '000_ab'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from .markup import Highlight, highlight, safe_url
from .pubdates import chronological_key, publication_label

STATUSES = ("asserts", "hedges", "denies", "omits")
CONTEXT_CHARS = 90  # characters either side of a loaded term shown when its sentence is unknown
# The summary's parts in the order the compare issue asks for: agreement first, then what is
# hedged or disputed, then what only some outlets report.
SUMMARY_PARTS = (("agreed", "What most outlets agree on", ("agreed",)),
                 ("contested", "What is hedged or disputed", ("hedged", "disputed")),
                 ("partial", "What only some report", ("partial",)))


def source_stem(source: str | None) -> str:
    """The name shown for an article without an outlet: its file's stem, with its record number.

    >>> source_stem("/data/seeds/000_26f462c9792fffd3.txt"), source_stem("in/wire.jsonl#3")
    ('000_26f462c9792fffd3', 'wire#3')
    """
    base, _, record = (source or "").partition("#")
    stem = PurePath(base).stem or base or "(unknown)"
    return f"{stem}#{record}" if record else stem


@dataclass(frozen=True)
class Filters:
    """The filters of the list views; empty fields do not filter."""

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    story: str | None = None

    def active(self) -> bool:
        """True when any filter is set."""
        return any((self.outlet, self.date_from, self.date_to, self.entity, self.story))


class ReportView:
    """A report indexed for the pages. Missing sections count as empty."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report
        self.articles = {a["id"]: a for a in report.get("articles", [])}
        self.stories = {s["id"]: s for s in report.get("stories", [])}
        self.entities = {e["id"]: e for e in report.get("entities", [])}
        self.topics = {t["id"]: t for t in report.get("topics", [])}

    # ------------------------------------------------------------ names and lists

    def label(self, article_id: str) -> str:
        """The outlet of an article, else its source file's stem."""
        article = self.articles.get(article_id, {})
        return article.get("outlet") or source_stem(article.get("source"))

    def outlet_names(self) -> list[str]:
        """Every outlet name shown (outlet-less articles by file stem), sorted."""
        return sorted({self.label(aid) for aid in self.articles})

    def article_ids(self, filters: Filters = Filters()) -> list[str]:
        """Articles passing the filters, in report order."""
        entity = self.entities.get(filters.entity) if filters.entity else None
        wanted = set(entity.get("article_ids", [])) if entity else None
        if filters.entity and entity is None:
            wanted = set()
        return [aid for aid, a in self.articles.items() if _passes(self, a, filters, wanted)]

    def story_list(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Stories with at least one article passing the filters, with their outlet names."""
        passing = set(self.article_ids(filters))
        found = []
        for story in self.stories.values():
            if filters.story and story["id"] != filters.story:
                continue
            if passing.intersection(story.get("article_ids", [])):
                outlets = sorted({self.label(aid) for aid in story.get("article_ids", [])})
                found.append({**story, "outlet_names": outlets, "topic": self.topics.get(story.get("topic_id"))})
        return found

    def article_summary(self, article_id: str) -> dict[str, Any]:
        """An article without its text and spans: what lists show."""
        a = self.articles[article_id]
        keep = ("id", "source", "title", "outlet", "author", "published", "published_inferred", "published_range",
                "published_evidence", "story_id")
        return {**{k: a.get(k) for k in keep}, "label": self.label(article_id), "url": safe_url(a.get("url")),
                "published_label": publication_label(a)}

    # ------------------------------------------------------------ one story

    def story(self, story_id: str) -> dict[str, Any] | None:
        """Everything the story page shows, or None for an unknown id."""
        story = self.stories.get(story_id)
        if story is None:
            return None
        columns = self.columns(story)
        return {
            "story": story, "topic": self.topics.get(story.get("topic_id")), "columns": columns,
            "claims": self.claims_matrix(story_id, columns),
            "timeline": [t for t in self.report.get("timeline", []) if t.get("story_id") == story_id],
            "framing": self.framing_side_by_side(columns),
            "quotes": self.quotes_by_speaker(story_id),
            "summary": self.summary(story_id),
            "summary_parts": self.summary_parts(story_id),
        }

    def columns(self, story: dict[str, Any]) -> list[dict[str, Any]]:
        """One column per article of the story, named by outlet (or file stem), made unique, in
        order of publication (an estimate's earliest possible day), then name: reading left to
        right follows the story as it was told."""
        ids = [aid for aid in story.get("article_ids", []) if aid in self.articles]
        counts = defaultdict(int)
        for aid in ids:
            counts[self.label(aid)] += 1
        columns = [{**self.article_summary(aid), "column": self.label(aid) if counts[self.label(aid)] == 1
                    else f"{self.label(aid)} · {aid[:6]}"} for aid in ids]
        return sorted(columns, key=lambda col: chronological_key(self.articles[col["id"]], col["column"]))

    def claims_matrix(self, story_id: str, columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Claims as rows, the story's articles as columns; a cell has a status and its evidence."""
        rows = []
        for claim in (c for c in self.report.get("claims", []) if c.get("story_id") == story_id):
            conflicted = {e.get("article_id") for c in claim.get("conflicts", []) for e in c.get("evidence", [])}
            cells = [{"article_id": col["id"], "column": col["column"],
                      "status": _status(claim.get("status", {}).get(col["id"])),
                      "evidence": claim.get("evidence", {}).get(col["id"]), "conflict": col["id"] in conflicted}
                     for col in columns]
            rows.append({**claim, "cells": cells, "conflicted": bool(conflicted)})
        return rows

    def framing_side_by_side(self, columns: list[dict[str, Any]]) -> dict[str, Any]:
        """Per entity, the labels each article uses; per article, its loaded terms in context and its sourcing."""
        per_article = self.report.get("framing", {}).get("articles", {})
        entities: dict[str, dict[str, Any]] = {}
        for col in columns:
            for lb in per_article.get(col["id"], {}).get("labels", []):
                key = lb.get("entity_id") or lb.get("canonical") or lb.get("text")
                row = entities.setdefault(key, {"name": lb.get("canonical") or lb.get("text"), "by_column": defaultdict(list)})
                if lb.get("text") not in row["by_column"][col["id"]]:
                    row["by_column"][col["id"]].append(lb.get("text"))
        loaded = [{"column": col, **self._loaded_in_context(col["id"], per_article.get(col["id"], {}))} for col in columns]
        return {"entities": sorted(entities.values(), key=lambda r: (-len(r["by_column"]), str(r["name"]))),
                "loaded": loaded}

    def _loaded_in_context(self, article_id: str, framing: dict[str, Any]) -> dict[str, Any]:
        article = self.articles.get(article_id, {})
        spans = framing.get("loaded") or article.get("loaded", [])
        items = [{"text": s.get("text"), "category": s.get("category"), "context": self.context(article_id, s)} for s in spans]
        return {"items": items, "per_1000": framing.get("loaded_per_1000_words"), "sourcing": framing.get("sourcing", {})}

    def context(self, article_id: str, span: dict[str, Any]):
        """The sentence around a span (a window when sentences are unknown), the span highlighted."""
        article = self.articles.get(article_id, {})
        text, start, end = article.get("text") or "", span.get("start", 0), span.get("end", 0)
        around = [s for s in article.get("sentences", []) if s["start"] <= start and end <= s["end"]]
        left, right = (around[0]["start"], around[0]["end"]) if around else (max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS))
        kind = span.get("category") and "loaded" or "evidence"
        return highlight(text[left:right], [Highlight(start - left, end - left, kind, span.get("category") or "")])

    def quotes_by_speaker(self, story_id: str) -> list[dict[str, Any]]:
        """The story's quotes grouped by speaker (entity when resolved), most quoted first."""
        groups: dict[str, dict[str, Any]] = {}
        for quote in (q for q in self.report.get("quotes", []) if q.get("story_id") == story_id):
            entity = self.entities.get(quote.get("speaker_entity_id") or "")
            name = entity["name"] if entity else quote.get("speaker") or "(unattributed)"
            group = groups.setdefault(entity["id"] if entity else name, {"speaker": name, "entity_id": quote.get("speaker_entity_id"), "quotes": []})
            group["quotes"].append({**quote, "column": self.label(quote.get("article_id"))})
        return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))

    def summary(self, story_id: str) -> list[dict[str, Any]]:
        """The story's summary sentences, each with the articles it cites (id and column name)."""
        entry = next((s for s in self.report.get("summary", []) if s.get("story_id") == story_id), None)
        sentences = entry.get("sentences", []) if entry else []
        return [{**s, "cites": [{"id": aid, "column": self.label(aid)} for aid in s.get("article_ids", []) if aid in self.articles]}
                for s in sentences]

    def summary_parts(self, story_id: str) -> list[dict[str, Any]]:
        """The summary grouped under headings in ``SUMMARY_PARTS`` order (empty parts left out);
        sentences of an unknown section come last, under "Also reported"."""
        sentences = self.summary(story_id)
        known = {section for _, _, sections in SUMMARY_PARTS for section in sections}
        parts = [{"key": key, "heading": heading, "sentences": [s for s in sentences if s.get("section") in sections]}
                 for key, heading, sections in SUMMARY_PARTS]
        parts.append({"key": "other", "heading": "Also reported", "sentences": [s for s in sentences if s.get("section") not in known]})
        return [part for part in parts if part["sentences"]]

    # ------------------------------------------------------------ one article

    def article(self, article_id: str) -> dict[str, Any] | None:
        """Everything the article page shows, or None for an unknown id."""
        article = self.articles.get(article_id)
        if article is None:
            return None
        framing = self.report.get("framing", {}).get("articles", {}).get(article_id, {})
        return {
            "article": article, "summary": self.article_summary(article_id),
            "story": self.stories.get(article.get("story_id") or ""),
            "body": highlight(article.get("text") or "", self.article_spans(article, framing)),
            "removed": article.get("removed", []), "quotes": article.get("quotes", []),
            "framing": framing, "counts": {k: len(article.get(k, [])) for k in ("mentions", "timexes", "quotes", "loaded")},
        }

    def article_spans(self, article: dict[str, Any], framing: dict[str, Any]) -> list[Highlight]:
        """Entities, dates, quotes and loaded terms of an article as highlights with tooltips."""
        spans = [Highlight(q["start"], q["end"], "quote", f"quote: {q.get('speaker') or 'unattributed'}") for q in article.get("quotes", [])]
        for m in article.get("mentions", []):
            entity = self.entities.get(m.get("entity_id") or "")
            spans.append(Highlight(m["start"], m["end"], "entity", f"{m.get('type') or ''} {entity['name'] if entity else ''}".strip()))
        spans += [Highlight(t["start"], t["end"], "date", f"date: {t.get('value')}") for t in article.get("timexes", [])]
        loaded = article.get("loaded") or framing.get("loaded", [])
        spans += [Highlight(s["start"], s["end"], "loaded", f"loaded: {s.get('category')}") for s in loaded]
        return spans


def _status(value: Any) -> str:
    return value if value in STATUSES else "omits"


def _passes(view: ReportView, article: dict[str, Any], filters: Filters, wanted: set[str] | None) -> bool:
    day = article.get("published") or ""
    checks = (
        not filters.outlet or view.label(article["id"]) == filters.outlet,
        not filters.date_from or (bool(day) and day[:10] >= filters.date_from),
        not filters.date_to or (bool(day) and day[:10] <= filters.date_to),
        wanted is None or article["id"] in wanted,
        not filters.story or article.get("story_id") == filters.story,
    )
    return all(checks)
