"""The JSON API: every view of the web app as data, under ``/api``.

Shapes follow ``report.json``: a story comes with its articles (without text),
claims, timeline, quotes, framing and summary; an article with its text and
spans. Lists take the same filters as the pages (outlet, date range, entity,
story). Search runs on the store's FTS5 index.

Example:
    >>> client.get("/api/search", params={"q": "Vilnius"}).json()["results"][0]["id"]  # doctest: +SKIP
    '26f462c9792fffd3'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from markupsafe import Markup, escape

from ..errors import StoreError
from ..store import Store
from ..report import Filters, ReportView, coverage_spec, timeline_spec

api_router = APIRouter(prefix="/api", tags=["api"])
WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_LIMIT = 50
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: the form left the field blank


def current_view(request: Request) -> ReportView:
    """Dependency: the report view of the app's store (pages and API alike)."""
    return request.app.state.reports.view()


def list_filters(outlet: str | None = None, date_from: str | None = Query(None, pattern=DATE_PATTERN),
                 date_to: str | None = Query(None, pattern=DATE_PATTERN), entity: str | None = None,
                 story: str | None = None) -> Filters:
    """Dependency: the list filters from the query string (dates as YYYY-MM-DD; 422 otherwise)."""
    return Filters(outlet or None, date_from or None, date_to or None, entity or None, story or None)


@api_router.get("/stories", summary="Stories, filtered")
def api_stories(view: ReportView = Depends(current_view), chosen: Filters = Depends(list_filters)) -> dict[str, Any]:
    """Stories with at least one article passing the filters (outlet, date_from, date_to, entity, story)."""
    return {"stories": [{k: v for k, v in s.items() if k != "topic"} for s in view.story_list(chosen)]}


@api_router.get("/stories/{story_id}", summary="One story, compared across its articles")
def api_story(story_id: str, view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """The story, its articles (no text), claims, timeline, quotes, framing, summary and chart specs. 404 if unknown."""
    story = view.stories.get(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    columns = view.columns(story)
    ids = {c["id"] for c in columns}
    report = view.report
    framing = report.get("framing", {}).get("articles", {})
    return {
        "story": story, "articles": columns,
        "claims": [c for c in report.get("claims", []) if c.get("story_id") == story_id],
        "timeline": [t for t in report.get("timeline", []) if t.get("story_id") == story_id],
        "quotes": [q for q in report.get("quotes", []) if q.get("story_id") == story_id],
        "framing": {aid: framing[aid] for aid in ids if aid in framing},
        "summary": next((s for s in report.get("summary", []) if s.get("story_id") == story_id), None),
        "charts": {"coverage": coverage_spec(columns), "timeline": timeline_spec(view.story(story_id)["timeline"])},
    }


@api_router.get("/articles", summary="Articles, filtered (no text)")
def api_articles(view: ReportView = Depends(current_view), chosen: Filters = Depends(list_filters)) -> dict[str, Any]:
    """Articles passing the filters, without their text and spans."""
    return {"articles": [view.article_summary(aid) for aid in view.article_ids(chosen)]}


@api_router.get("/articles/{article_id}", summary="One article with its text and spans")
def api_article(article_id: str, view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """The article as in report.json (text, removed, mentions, timexes, quotes, loaded, sentences) and its framing."""
    article = view.articles.get(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    framing = view.report.get("framing", {}).get("articles", {}).get(article_id)
    return {"article": {**article, "label": view.label(article_id)}, "framing": framing}


@api_router.get("/search", summary="Full-text search over titles and texts")
def api_search(request: Request, q: str = Query(..., min_length=1, max_length=500), view: ReportView = Depends(current_view),
               chosen: Filters = Depends(list_filters)) -> dict[str, Any]:
    """Articles matching every word of ``q`` (FTS5), best first, with a snippet; the list filters apply."""
    results = search_results(request.app.state.db_path, view, q, chosen)
    return {"query": q, "results": [{k: v for k, v in r.items() if k != "snippet_html"} for r in results]}


@api_router.get("/entities", summary="Canonical entities")
def api_entities(view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """Every resolved entity (id, name, type, aliases, article_ids)."""
    return {"entities": list(view.entities.values())}


@api_router.get("/topics", summary="Topics (related stories)")
def api_topics(view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """Every topic with its story ids."""
    return {"topics": list(view.topics.values())}


@api_router.get("/outlets", summary="Outlet names and their framing profile")
def api_outlets(view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """The outlet names the views use (file stems for outlet-less articles) and report.json's framing by outlet."""
    return {"outlets": view.outlet_names(), "framing": view.report.get("framing", {}).get("outlets", {})}


@api_router.get("/timeline", summary="Timeline entries")
def api_timeline(view: ReportView = Depends(current_view), story: str | None = None) -> dict[str, Any]:
    """Dated events, of one story when ``story`` is given."""
    items = view.report.get("timeline", [])
    return {"timeline": [t for t in items if not story or t.get("story_id") == story]}


@api_router.get("/claims", summary="Claims and their status by article")
def api_claims(view: ReportView = Depends(current_view), story: str | None = None) -> dict[str, Any]:
    """Claims with status, evidence and conflicts, of one story when ``story`` is given."""
    items = view.report.get("claims", [])
    return {"claims": [c for c in items if not story or c.get("story_id") == story]}


@api_router.get("/rejected", summary="Inputs that were not used, and why")
def api_rejected(view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """Every rejected input (source, stage, reason)."""
    return {"rejected": view.report.get("rejected", [])}


@api_router.get("/report", summary="The whole report (report.json)")
def api_report(view: ReportView = Depends(current_view)) -> dict[str, Any]:
    """Everything the views are built from, in the report.json shape."""
    return view.report


# ---------------------------------------------------------------- search


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be malformed: every word quoted, all required.

    >>> fts_query('Kishida "NATO" OR')
    '"Kishida" "NATO" "OR"'
    """
    return " ".join(f'"{word}"' for word in WORD.findall(text))


def search_results(db_path: Path, view: ReportView, text: str, chosen: Filters) -> list[dict[str, Any]]:
    """Search results: article summaries with a plain snippet and an escaped, highlighted one.

    Raises HTTPException 400 when the store refuses the query.
    """
    query = fts_query(text)
    if not query:
        return []
    among = view.article_ids(chosen) if chosen.active() else None
    try:
        with Store(db_path) as store:
            rows = store.search_within(query, among, SEARCH_LIMIT)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    return [{**view.article_summary(aid), "snippet": snippet.replace("\x02", "").replace("\x03", ""),
             "snippet_html": _marked(snippet)} for aid, snippet in rows if aid in view.articles]


def _marked(snippet: str) -> Markup:
    escaped = str(escape(snippet))
    return Markup(escaped.replace("\x02", '<mark class="hl hl-match">').replace("\x03", "</mark>"))
