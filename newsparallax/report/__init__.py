"""The report: ``report.json`` (one dict, shape fixed by ``data/report.schema.json``), ``report.md``, ``report.html``.

``build`` gathers every stage's output (``ReportInputs``) into the report;
``markdown`` writes its digest; ``html`` renders the self-contained page with ``templating``, ``viewmodel``,
``charts``, ``markup`` and ``pubdates`` — the same pieces the web app's pages use.
"""

from __future__ import annotations

from .build import ReportInputs, build_report, display_outlet, load_schema, write_report
from .charts import coverage_spec, has_dates, timeline_spec
from .html import render_report_html
from .markdown import report_markdown
from .markup import json_for_script
from .templating import STATIC, app_urls, template_environment
from .viewmodel import Filters, ReportView

__all__ = [
    "STATIC", "Filters", "ReportInputs", "ReportView", "app_urls", "build_report", "coverage_spec", "display_outlet",
    "has_dates", "json_for_script", "load_schema", "render_report_html", "report_markdown", "template_environment",
    "timeline_spec", "write_report",
]
