"""The static report: one self-contained HTML file that works offline.

``render_report_html`` turns a report (the ``report.json`` shape) into a page
with, for each story, coverage by outlet over time and its timeline as inline
SVG charts, the claims matrix, framing side by side, quotes by speaker and the
cited summary, then every article with its highlighted text. The page has no
script and a Content-Security-Policy that forbids any, so hostile article text
has nothing to run even if it escaped the templates' autoescaping.

Example:
    >>> html = render_report_html({"articles": [], "stories": []})
    >>> html.startswith("<!doctype html>")
    True
"""

from __future__ import annotations

from typing import Any

from .charts import chart_svg, coverage_spec, has_dates, timeline_spec
from .templating import static_css, static_urls, template_environment
from .viewmodel import ReportView


def render_report_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML document (inline CSS and SVG, no script, no network).

    Raises RuntimeError when a chart cannot be drawn (vl-convert missing or broken).

    Example:
        >>> from newsparallax.web.views import load_report          # doctest: +SKIP
        >>> Path("report.html").write_text(render_report_html(load_report(store)))  # doctest: +SKIP
    """
    view = ReportView(report)
    stories = [view.story(sid) for sid in view.stories]
    charts = {sv["story"]["id"]: story_charts_svg(sv) for sv in stories}
    articles = [view.article(aid) for aid in view.articles]
    template = template_environment().get_template("report.html")
    return template.render(
        static=True, css=static_css(), urls=static_urls(), view=view, stories=stories, charts=charts,
        articles=articles, rejected=report.get("rejected", []), generator=report.get("generator", {}),
    )


def story_charts_svg(story_view: dict[str, Any]) -> dict[str, Any]:
    """The coverage and timeline charts of one story view as sanitized inline SVG."""
    charts = {"coverage": chart_svg(coverage_spec(story_view["columns"])) if has_dates(story_view["columns"]) else ""}
    charts["timeline"] = chart_svg(timeline_spec(story_view["timeline"])) if story_view["timeline"] else ""
    return charts
