"""The web app: the report's views as HTML pages and as a JSON API, over one store.

``create_app`` builds a FastAPI app whose pages (stories, a story, articles,
an article, search, entities, the one-file report) and API (``/api/...``,
documented at ``/docs`` and ``/openapi.json``) read the store through
``load_report``. Every request opens its own read connection, so the views
keep working while ``parallax ingest`` writes to the same store (SQLite WAL);
the report is rebuilt only when the store changed. Every response carries a
Content-Security-Policy that allows no inline script: charts are drawn by
``/static/app.js`` with the vendored vega-embed, from JSON data blocks.

Example:
    >>> app = create_app(Path("parallax.db"))                      # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)              # doctest: +SKIP
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Settings
from ..store import Store
from .api import api_router, current_view, list_filters, search_results
from ..report import STATIC, Filters, ReportView, app_urls, coverage_spec, has_dates, json_for_script, template_environment, timeline_spec
from .upload import upload_router
from .views import load_report

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class ReportCache:
    """The report of a store, rebuilt when the store's change marker moves. Thread-safe."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = threading.Lock()
        self._key: tuple[int, ...] | None = None
        self._view: ReportView | None = None

    def view(self) -> ReportView:
        """The current report view (a fresh read connection every call)."""
        with Store(self.db_path) as store:
            key = store.change_marker()
            with self._lock:
                if self._view is None or key != self._key:
                    self._view, self._key = ReportView(load_report(store)), key
                return self._view


def create_app(db_path: Path, settings: Settings | None = None, token: str | None = None) -> FastAPI:
    """The Parallax web app over the store at ``db_path``.

    ``settings.max_document_bytes`` bounds an upload; with ``token`` set, uploads
    need it (``Authorization: Bearer TOKEN``), without it they are accepted from
    loopback clients only. Raises StoreError when the file is not a store.

    Example:
        >>> from fastapi.testclient import TestClient       # doctest: +SKIP
        >>> TestClient(create_app(Path("parallax.db"))).get("/api/stories").json()["stories"]  # doctest: +SKIP
    """
    Store(db_path).close()  # fail now, not at the first request, when the file is not a store
    app = FastAPI(title="Parallax", version=__version__, docs_url=None, redoc_url=None,
                  description="Read one news story through every outlet that covered it.")
    app.state.reports = ReportCache(Path(db_path))
    app.state.db_path = Path(db_path)
    app.state.settings = settings or Settings()
    app.state.token = token
    app.state.ingest_lock = threading.Lock()
    _add_security_headers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api_router)
    app.include_router(upload_router)
    app.include_router(_pages())
    _add_error_pages(app)
    return app


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.endswith(".json"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        html = _render("error.html", status=exc.status_code, detail=exc.detail)
        return HTMLResponse(html, status_code=exc.status_code, headers=exc.headers)


def _render(name: str, **context: Any) -> str:
    context.setdefault("generator", {"name": "parallax", "version": __version__})
    return template_environment().get_template(name).render(static=False, urls=app_urls(), **context)


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_render(name, **context))


def _form_context(view: ReportView, chosen: Filters) -> dict[str, Any]:
    entities = sorted(view.entities.values(), key=lambda e: (-len(e.get("article_ids", [])), e.get("name") or ""))
    return {"view": view, "filters": chosen, "outlets": view.outlet_names(), "entity_choices": entities[:200],
            "story_choices": list(view.stories.values())}


def _pages():
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def index(view: ReportView = Depends(current_view), chosen: Filters = Depends(list_filters)):
        return _page("index.html", stories=view.story_list(chosen), **_form_context(view, chosen))

    @router.get("/articles", response_class=HTMLResponse)
    def articles(view: ReportView = Depends(current_view), chosen: Filters = Depends(list_filters)):
        rows = [view.article_summary(aid) for aid in view.article_ids(chosen)]
        return _page("articles.html", articles=rows, **_form_context(view, chosen))

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(story_id: str, view: ReportView = Depends(current_view)):
        sv = view.story(story_id) or _not_found("story", story_id)
        specs = {"coverage": coverage_spec(sv["columns"]) if has_dates(sv["columns"]) else None,
                 "timeline": timeline_spec(sv["timeline"]) if sv["timeline"] else None}
        return _page("story.html", view=view, sv=sv, specs={k: json_for_script(v) for k, v in specs.items() if v})

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(article_id: str, view: ReportView = Depends(current_view)):
        return _page("article.html", view=view, av=view.article(article_id) or _not_found("article", article_id))

    @router.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", view: ReportView = Depends(current_view), chosen: Filters = Depends(list_filters)):
        results = search_results(request.app.state.db_path, view, q, chosen) if q.strip() else []
        return _page("search.html", query=q, results=results, **_form_context(view, chosen))

    @router.get("/entities", response_class=HTMLResponse)
    def entities(view: ReportView = Depends(current_view)):
        rows = sorted(view.entities.values(), key=lambda e: (-len(e.get("article_ids", [])), e.get("name") or ""))
        return _page("entities.html", entities=rows)

    @router.get("/report.html", response_class=HTMLResponse)
    def report_file(view: ReportView = Depends(current_view)):
        from ..report import render_report_html

        return HTMLResponse(render_report_html(view.report))

    @router.get("/docs", response_class=HTMLResponse)
    def docs(request: Request):
        return _page("docs.html", spec=request.app.openapi())

    return router


def _not_found(kind: str, ident: str):
    raise HTTPException(404, f"no {kind} with id {ident!r}")
