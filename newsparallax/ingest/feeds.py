"""RSS 2.0 / RSS 1.0 / Atom feeds to records, with feedparser.

Full text where the feed carries it (``content:encoded``, Atom ``content``);
otherwise the summary, marked summary-only so later stages know it is partial.

Example:
    >>> feed = b'<rss version="2.0"><channel><title>T</title><item><title>A</title>'
    >>> feed += b'<description>Short summary of the story.</description></item></channel></rss>'
    >>> [r.summary_only for r in parse_feed("f.xml", feed)]
    [True]
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import feedparser

from ..errors import InputError
from ..records import RawRecord, Rejected


def parse_feed(source: str, data: bytes) -> Iterator[RawRecord | Rejected]:
    """Every entry of a feed as a record; a malformed feed with no entries raises InputError."""
    try:
        feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except ValueError as exc:  # its fallback parser encodes &#xD800; and the like to UTF-8, and fails
        raise InputError(f"malformed feed: {exc}") from None
    if not feed.entries:
        problem = feed.get("bozo_exception")
        raise InputError(f"malformed feed: {problem}" if problem else "a feed with no entries")
    kind = "atom" if str(feed.get("version", "")).startswith("atom") else "rss"
    outlet = _feed_outlet(feed.feed)
    for number, entry in enumerate(feed.entries, start=1):
        yield _entry_record(f"{source}#{number}", kind, entry, outlet)


def _entry_record(source: str, kind: str, entry: Any, outlet: str | None) -> RawRecord | Rejected:
    full = max((c.get("value", "") for c in entry.get("content", [])), key=len, default="")
    summary = entry.get("summary", "")
    body = full or summary
    if not body.strip():
        return Rejected(source, "parse", "feed entry with neither content nor summary")
    fields = {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "author": entry.get("author"),
        "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "outlet": outlet,
        "summary": summary or None,
    }
    return RawRecord(source, kind, body, is_html="<" in body, fields=fields, summary_only=not full)


def _feed_outlet(channel: Any) -> str | None:
    title = channel.get("title")
    if title:
        return str(title).strip()
    link = channel.get("link")
    return urlparse(link).hostname if link else None


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
