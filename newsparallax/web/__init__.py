"""Seeing the report: the static HTML report's pieces and the local web app (FastAPI).

``newsparallax.htmlreport.render_report_html`` writes the one-file report;
``newsparallax.web.app.create_app`` builds the app; ``newsparallax.web.server.serve``
runs it. Templates and vendored scripts live beside this module.
"""
