"""Publication dates as the pages show them: exact dates from metadata, estimates as ranges.

An article without metadata carries the language layer's estimate: ``published``
(``"2023"``, ``"2023-07"``), ``published_inferred: true``, ``published_range``
(``[start, end]``, either end possibly null) and ``published_evidence``. The
pages must never pass such an estimate off as a date, so every view goes
through ``publication_span``, which says whether a date is exact or estimated
and, for an open-ended range, where the chart may reasonably stop drawing it.

Example:
    >>> span = publication_span({"published": "2023", "published_inferred": True,
    ...                          "published_range": ["2023-04-01", "2023-07-31"]})
    >>> span["start"], span["end"], span["estimated"], span["exact"]
    ('2023-04-01', '2023-07-31', True, False)
    >>> publication_label({"published": "2023", "published_inferred": True, "published_range": ["2023-10-14", None]})
    'estimated 2023 (after 2023-10-14)'
"""

from __future__ import annotations

import calendar
import re
from typing import Any

ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
UNDATED_KEY = "9999-99-99"  # sorts after every ISO day, so undated articles come last


def period_start(value: str | None) -> str | None:
    """The first day of a date value of year, month or day precision.

    >>> period_start("2023"), period_start("2023-07"), period_start("2023-07-11T09:00"), period_start("soon")
    ('2023-01-01', '2023-07-01', '2023-07-11', None)
    """
    match = ISO_PREFIX.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def period_end(value: str | None) -> str | None:
    """The last day of a date value of year, month or day precision.

    >>> period_end("2023"), period_end("2024-02"), period_end("2023-07-11")
    ('2023-12-31', '2024-02-29', '2023-07-11')
    """
    match = ISO_PREFIX.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}"
    month = month or "12"
    last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 31
    return f"{year}-{month}-{last:02d}"


def publication_span(article: dict[str, Any]) -> dict[str, Any]:
    """Where an article's publication date lies: ``start``/``end`` days (None when unknown),
    ``exact`` (one day), ``estimated`` (not from metadata) and ``open`` (the range has no end)."""
    value = article.get("published")
    low, high = (list(article.get("published_range") or []) + [None, None])[:2]
    start = period_start(low) or period_start(value)
    end = period_end(high) or (None if low and not high else period_end(value))
    if start is None and end is not None:
        start = period_start(high) or end
    return {"start": start, "end": end, "exact": start is not None and start == end,
            "estimated": bool(article.get("published_inferred")), "open": bool(start and low and not high),
            "value": value, "evidence": list(article.get("published_evidence") or [])}


def publication_label(article: dict[str, Any]) -> str:
    """How a list shows an article's date: the date, or the estimate with its range, or "undated"."""
    span = publication_span(article)
    if span["start"] is None:
        return "undated"
    if not span["estimated"]:
        return str(article.get("published") or span["start"])
    return f"estimated {span['value'] or span['start']}{_range_text(span)}"


def _range_text(span: dict[str, Any]) -> str:
    if span["open"]:
        return f" (after {span['start']})"
    if span["exact"] or span["end"] is None:
        return f" ({span['start']})" if span["value"] != span["start"] else ""
    return f" ({span['start']} – {span['end']})"


def chronological_key(article: dict[str, Any], name: str) -> tuple[str, str, str]:
    """Sort key: earliest possible publication day, then latest, then the shown name (undated last)."""
    span = publication_span(article)
    return (span["start"] or UNDATED_KEY, span["end"] or UNDATED_KEY, name)


def drawn_end(span: dict[str, Any], ceiling: str | None) -> str | None:
    """Where a chart stops an article's range: its own end, else for an open range the end of the
    estimate's own period (``"2023"`` bounds it to 2023-12-31), else ``ceiling`` (the latest date any
    article of the story may have), never before its start."""
    if span["start"] is None:
        return None
    candidates = [span["end"]] if span["end"] else [period_end(span["value"]), ceiling]
    return next((end for end in candidates if end and end >= span["start"]), span["start"])


def latest_possible(spans: list[dict[str, Any]]) -> str | None:
    """The latest day any of these articles may have been published on (closed ranges and exact dates)."""
    ends = [s["end"] or s["start"] for s in spans if s["start"]]
    return max(ends) if ends else None
