"""The charts of a story as Vega-Lite specs (altair), and as inline SVG (vl-convert).

The web app hands the specs to vega-embed in the browser; the static report
embeds the SVG, so it needs no script at all. Article titles and labels end up
in the charts, so the SVG is parsed and stripped of anything active (scripts,
event handlers, foreign content, links) before it goes into a page.

Example:
    >>> spec = coverage_spec([{"published": "2023-07-11", "column": "NHK", "title": "t"}])
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'point']
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .pubdates import drawn_end, latest_possible, period_start, publication_label, publication_span

WIDTH = 560
ACTIVE_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "a", "use", "animate", "set"}
DATE_KINDS = ["published", "estimated"]  # metadata dates, and the language layer's estimates
DATE_COLOURS = ["#33658a", "#e07a1f"]
EVIDENCE_SHOWN, EVIDENCE_CHARS = 3, 140  # a tooltip is not a report: the first few clues, shortened


def has_dates(columns: list[dict[str, Any]]) -> bool:
    """True when at least one article of a story has a publication date, exact or estimated, to chart."""
    return any(publication_span(c)["start"] for c in columns)


def coverage_rows(columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One chart row per dated article: exact dates as points, estimates as ranges.

    An open-ended estimate is drawn up to the end of its own period, else to the latest
    date any article of the story may have, so one unbounded guess cannot stretch the axis.
    """
    spans = [(c, publication_span(c)) for c in columns]
    ceiling = latest_possible([s for _, s in spans])
    return [_coverage_row(col, span, ceiling) for col, span in spans if span["start"]]


def _coverage_row(col: dict[str, Any], span: dict[str, Any], ceiling: str | None) -> dict[str, Any]:
    end = drawn_end(span, ceiling)
    shown = publication_label(col) + (f", drawn to {end}" if span["open"] else "")
    evidence = "; ".join(_clip(e) for e in span["evidence"][:EVIDENCE_SHOWN])
    row = {"outlet": col["column"], "title": col.get("title") or "", "start": span["start"], "end": end,
           "kind": "estimated" if span["estimated"] else "published", "shape": "point" if span["exact"] else "range",
           "date": shown, "evidence": evidence or "(metadata)"}
    row["tip"] = f"{row['outlet']}: {row['title']} — {shown}" + (f". Evidence: {evidence}" if evidence else "")
    return row


def coverage_spec(columns: list[dict[str, Any]]) -> dict[str, Any]:
    """Each article of the story on a time axis, one row per outlet: a point for a date from
    metadata, a bar over the range of an estimated one, coloured and labelled "estimated".

    ``columns`` are ``ReportView.columns`` rows (``published``, ``published_range``, ``column``, ...).
    """
    import altair as alt  # heavy; only needed when a chart is drawn

    rows = coverage_rows(columns)
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("outlet:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title="publication date", scale=alt.Scale(domain=DATE_KINDS, range=DATE_COLOURS)),
        # The description becomes each mark's aria-label, which sanitize_svg turns into a hover title.
        description=alt.Description("tip:N"),
        tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("title:N"), alt.Tooltip("date:N"), alt.Tooltip("evidence:N")],
    )
    x = alt.X("start:T", title="published", axis=alt.Axis(format="%Y-%m-%d", labelAngle=0))
    bars = base.transform_filter(alt.datum.shape == "range").mark_bar(height=12, cornerRadius=3, opacity=0.75).encode(x=x, x2="end:T")
    points = base.transform_filter(alt.datum.shape == "point").mark_point(filled=True, size=90, opacity=1).encode(x=x)
    height = max(60, 30 * len({r["outlet"] for r in rows}))
    return alt.layer(bars, points).properties(width=WIDTH, height=height, title="Coverage by outlet over time").to_dict()


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
    """The SVG without scripts, foreign content, links and event-handler attributes; each mark's
    aria-label also becomes its ``<title>``, the hover tooltip of a page that runs no script.

    >>> sanitize_svg('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script><g onclick="x()"/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    >>> sanitize_svg('<svg xmlns="http://www.w3.org/2000/svg"><path role="graphics-symbol" aria-label="a &lt;b&gt;"/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg"><path role="graphics-symbol" aria-label="a &lt;b&gt;"><title>a &lt;b&gt;</title></path></svg>'
    """
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for element in list(root.iter()):
        if isinstance(element.tag, str) and not _strip_active(element):
            _title_from_label(element)
    return etree.tostring(root, encoding="unicode")


def _strip_active(element) -> bool:
    """Remove an active element (True) or its event-handler and link attributes (False)."""
    from lxml import etree

    if etree.QName(element).localname in ACTIVE_TAGS:
        element.getparent().remove(element)
        return True
    for name in list(element.attrib):
        local = etree.QName(name).localname.lower()
        if local.startswith("on") or local == "href":
            del element.attrib[name]
    return False


def _title_from_label(element) -> None:
    label = element.get("aria-label")
    if label and element.get("role") == "graphics-symbol":
        from lxml import etree

        namespace = etree.QName(element).namespace
        title = etree.SubElement(element, f"{{{namespace}}}title" if namespace else "title")
        title.text = label


def _clip(text: str) -> str:
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _timeline_row(item: dict[str, Any]) -> dict[str, Any]:
    start = period_start(item.get("date"))
    status = "conflict" if item.get("conflict") else "uncertain" if item.get("uncertain") else "reported"
    label = str(item.get("label") or "")
    return {"start": start, "end": period_start(item.get("date_end")) or start, "label": label[:70] + ("…" if len(label) > 70 else ""),
            "date": item.get("date"), "outlets": ", ".join(item.get("outlets") or []), "status": status}
