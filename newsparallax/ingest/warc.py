"""WARC and WARC.gz (e.g. Common Crawl News) to records, streamed with warcio.

Only HTTP responses that carry an HTML page become records; request, metadata
and warcinfo records are not documents and are passed over. A truncated archive
keeps every page read before the damage and is reported once.

Example:
    >>> with open("crawl.warc.gz", "rb") as stream:  # doctest: +SKIP
    ...     pages = list(iter_warc_pages("crawl.warc.gz", stream, Settings()))
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Settings
from ..errors import InputError
from .decoding import decode_page
from ..records import RawRecord, Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc_pages(source: str, stream: IO[bytes], settings: Settings) -> Iterator[RawRecord | Rejected]:
    """Each HTML response in the archive as a ``RawRecord`` (``source#N`` counts responses)."""
    number = 0
    try:
        records = ArchiveIterator(stream)
        for record in records:
            page = _page(f"{source}#{number + 1}", record, settings) if record.rec_type == "response" else None
            # An archive cut inside a record gives short headers or a short payload and no
            # error from warcio; read to the record's end to see whether it was all there.
            records.read_to_end()
            if _cut_short(record):
                raise EOFError("the archive ends inside a record")
            if page is not None:
                number += 1
                yield page
        if _bytes_after(stream, records.offset):
            # A gzip member cut short ends warcio's iteration quietly, before the end of the file.
            raise EOFError("the archive ends inside a record")
    # AttributeError: warcio's parser on a request or response with no WARC-Target-URI.
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError) as exc:
        yield Rejected(source, "read", f"truncated or corrupt WARC after {number} responses: {str(exc).strip() or type(exc).__name__}")


def _cut_short(record: Any) -> bool:
    """Whether a record lacks its Content-Length header or the bytes that header promised."""
    declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
    return not declared.isdigit() or getattr(record.raw_stream, "limit", 0) > 0


def _bytes_after(stream: IO[bytes], offset: int) -> bool:
    """Whether the stream holds bytes past ``offset`` (the end of the last record read)."""
    if not stream.seekable():
        return False
    return stream.seek(0, io.SEEK_END) > offset


def _page(source: str, record: Any, settings: Settings) -> RawRecord | Rejected:
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    status = http.get_statuscode() if http else None
    if status and not status.startswith("2"):
        return Rejected(source, "parse", f"HTTP status {status} for {url}, not a page")
    content_type = (http.get_header("Content-Type") if http else None) or ""
    if not any(t in content_type.lower() for t in HTML_TYPES):
        return Rejected(source, "parse", f"{content_type or 'no content type'} at {url}, not an HTML page")
    payload = record.content_stream().read(settings.max_document_bytes + 1)
    if len(payload) > settings.max_document_bytes:
        return Rejected(source, "parse", f"page larger than the limit of {settings.max_document_bytes:,} bytes: {url}")
    try:
        html = decode_page(payload, content_type, settings.encoding)
    except InputError as exc:
        return Rejected(source, "parse", f"{url}: {exc}")
    fields = {"url": url, "crawled": record.rec_headers.get_header("WARC-Date")}
    return RawRecord(source, "warc", html, is_html=True, fields=fields)
