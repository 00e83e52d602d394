"""The report: ``report.json`` (one dict, shape fixed by ``data/report.schema.json``), ``report.md``, ``report.html``.

``build`` gathers every stage's output (``ReportInputs``) into the report;
``html`` renders the self-contained page with ``templating``, ``viewmodel``,
``charts``, ``markup`` and ``pubdates`` — the same pieces the web app's pages use.
"""

from __future__ import annotations

from .build import ReportInputs, build_report, display_outlet, load_schema, report_markdown, write_report

__all__ = ["ReportInputs", "build_report", "display_outlet", "load_schema", "report_markdown", "write_report"]
