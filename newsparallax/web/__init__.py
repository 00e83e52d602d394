"""Seeing the report: the static HTML report's pieces and the local web app (FastAPI).

``newsparallax.report.html.render_report_html`` writes the one-file report (with the same templates);
``newsparallax.web.app.create_app`` builds the app; ``newsparallax.web.server.serve``
runs it. Templates, styles and vendored scripts live in ``newsparallax/report/``.
"""
