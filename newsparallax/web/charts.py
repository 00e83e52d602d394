"""The charts of a story as Vega-Lite specs (altair), and as inline SVG (vl-convert).

The web app hands the specs to vega-embed in the browser; the static report
embeds the SVG, so it needs no script at all. Article titles and labels end up
in the charts, so the SVG is parsed and stripped of anything active (scripts,
event handlers, foreign content, links) before it goes into a page.

Example:
    >>> spec = coverage_spec([{"published": "2023-07-11", "column": "NHK", "title": "t"}])
    >>> spec["mark"]["type"]
    'bar'
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
WIDTH = 560
ACTIVE_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "a", "use", "animate", "set"}


def has_dates(columns: list[dict[str, Any]]) -> bool:
    """True when at least one article of a story has a publication date to chart."""
    return any(_day(c.get("published")) for c in columns)


def coverage_spec(columns: list[dict[str, Any]]) -> dict[str, Any]:
    """Articles per day and outlet: a stacked bar chart (articles without a date are left out).

    ``columns`` are ``ReportView.columns`` rows (``published``, ``column``, ``title``).
    """
    import altair as alt  # heavy; only needed when a chart is drawn

    rows = [{"day": _day(c.get("published")), "outlet": c["column"], "title": c.get("title") or ""} for c in columns]
    data = alt.Data(values=[r for r in rows if r["day"]])
    chart = alt.Chart(data).mark_bar().encode(
        # Days as ordered categories: one labelled bar per day, whatever the span.
        x=alt.X("day:O", title="published", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count():Q", title="articles", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("outlet:N", title="outlet"),
        tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("title:N"), alt.Tooltip("day:N")],
    )
    return chart.properties(width=WIDTH, height=160, title="Coverage by outlet over time").to_dict()


def timeline_spec(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The story's dated events on a time axis; ranges as rules, uncertain and conflicting dates coloured."""
    import altair as alt

    rows = [_timeline_row(t) for t in items]
    rows = [r for r in rows if r["start"]]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("status:N", title="date", scale=alt.Scale(domain=["reported", "uncertain", "conflict"],
                                                                  range=["#33658a", "#f6ae2d", "#d7263d"])),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("date:N"), alt.Tooltip("outlets:N"), alt.Tooltip("status:N")],
    )
    rule = base.mark_rule(strokeWidth=3).encode(x=alt.X("start:T", title="date"), x2="end:T")
    point = base.mark_point(filled=True, size=70).encode(x="start:T")
    height = max(60, 22 * len(rows))
    return alt.layer(rule, point).properties(width=WIDTH, height=height, title="Timeline").to_dict()


def chart_svg(spec: dict[str, Any]) -> Markup:
    """A Vega-Lite spec drawn as inline SVG, with anything active removed.

    Raises RuntimeError (from vl-convert) when the spec cannot be drawn.
    """
    import vl_convert

    return Markup(sanitize_svg(vl_convert.vegalite_to_svg(spec)))


def sanitize_svg(svg: str) -> str:
    """The SVG without scripts, foreign content, links and event-handler attributes.

    >>> sanitize_svg('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script><g onclick="x()"/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    """
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in ACTIVE_TAGS:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname.lower()
            if local.startswith("on") or local == "href":
                del element.attrib[name]
    return etree.tostring(root, encoding="unicode")


def _day(value: str | None) -> str | None:
    """An ISO day for a date value of day, month or year precision (``2023-07`` → ``2023-07-01``)."""
    match = ISO_DAY.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def _timeline_row(item: dict[str, Any]) -> dict[str, Any]:
    start = _day(item.get("date"))
    status = "conflict" if item.get("conflict") else "uncertain" if item.get("uncertain") else "reported"
    label = str(item.get("label") or "")
    return {"start": start, "end": _day(item.get("date_end")) or start, "label": label[:70] + ("…" if len(label) > 70 else ""),
            "date": item.get("date"), "outlets": ", ".join(item.get("outlets") or []), "status": status}
