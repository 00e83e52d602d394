"""The local web app (FastAPI) over a store: the report's views as pages and JSON, search, uploads.

``app.create_app`` builds the app, ``server.serve`` runs it; ``api`` holds the
JSON endpoints, ``upload`` takes files into the store through
``pipeline.ingest``, ``views.load_report`` gives the report the pages show
(``pipeline.report_of``). Templates, styles, charts and the view model are the
report's (``newsparallax/report/``), shared with the one-file ``report.html``.
"""

from __future__ import annotations

# Nothing is imported here, so that FastAPI loads only when the app is built (``app.create_app``)
# or served (``server.serve``); ``views.load_report`` is the report the pages show.
__all__: list[str] = []
