"""Readers: bytes on disk to ``RawRecord``s, the format told by content.

Each reader is a generator of ``RawRecord | Rejected``: a bad record inside a
good file is rejected on its own and the rest still arrive. Multi-record files
(JSON Lines, CSV, WARC) are streamed, never read whole into memory.

Example:
    >>> from pathlib import Path
    >>> from newsparallax.config import Settings
    >>> items = list(read_path(Path("article.txt"), Settings()))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from ..config import DEFAULT_FIELD_NAMES, Settings
from ..errors import InputError, UnsupportedFormat
from ..records import RawRecord, Rejected
# Decoding lives in .decoding, which warc.py imports too without reaching back into the readers;
# decode_page, decode_text and declared_charset stay importable from here.
from .decoding import BOMS, HEAD_BYTES, decode_as, decode_page, decode_text, declared_charset, reject_control_characters  # noqa: F401, E501 (re-exported)

Item = RawRecord | Rejected
SIDECAR_NAMES = ("articles.csv", "articles.jsonl")

# Magic numbers of formats people drop into a news folder by mistake; naming them
# makes the rejection reason useful ("PDF document" rather than "binary").
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
)


# ---------------------------------------------------------------- files and folders


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Every file under ``paths`` (recursing into folders, in sorted order).

    Hidden files and folders and metadata sidecars are skipped; a path that
    does not exist becomes a ``Rejected``.
    """
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from _files_below(path)
        else:
            yield Rejected(str(path), "read", "no such file or directory")


def _files_below(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        if path.name.lower() in SIDECAR_NAMES:
            continue
        yield path


def load_sidecar(folder: Path, settings: Settings) -> dict[str, dict[str, Any]]:
    """Metadata keyed by file name from ``articles.csv`` / ``articles.jsonl`` in ``folder``.

    Raises InputError when a sidecar exists but cannot be read.
    """
    table: dict[str, dict[str, Any]] = {}
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        rows = _sidecar_rows(path)
        for row in rows:
            lowered = {str(k).strip().lower(): v for k, v in row.items() if k}
            key = next((lowered[k] for k in ("file", "filename", "path", "name") if lowered.get(k)), None)
            if key:
                table[Path(str(key)).name] = {f: _first_value(lowered, settings.names_for(f)) for f in FIELDS}
    return table


def _sidecar_rows(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".csv":
            return list(csv.DictReader(io.StringIO(text)))
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: the metadata sidecar cannot be read: {exc}") from exc


# ---------------------------------------------------------------- dispatch


def read_path(path: Path, settings: Settings) -> Iterator[Item]:
    """Read one file of any supported format (gzip included) into records.

    Never raises for bad content: problems arrive as ``Rejected`` items.
    """
    source = str(path)
    try:
        if path.stat().st_size == 0:
            yield Rejected(source, "read", "empty file (0 bytes)")
            return
        with path.open("rb") as raw:
            head = raw.read(HEAD_BYTES)
        if head.startswith(b"\x1f\x8b"):
            yield from _read_gzip(path, settings)
        else:
            yield from _read_stream(source, lambda: path.open("rb"), head, settings, _suffix(path))
    except OSError as exc:
        yield Rejected(source, "read", f"cannot read the file: {exc.strerror or exc}")


def _read_gzip(path: Path, settings: Settings) -> Iterator[Item]:
    source = str(path)
    head = b""
    try:
        with gzip.open(path, "rb") as inner:
            # Chunk by chunk, so that a truncated archive still gives the head read
            # before the damage: a cut WARC.gz keeps the pages stored ahead of the cut.
            while len(head) < HEAD_BYTES and (chunk := inner.read1(HEAD_BYTES - len(head))):
                head += chunk
    except (EOFError, OSError, zlib.error) as exc:
        if not head:
            yield Rejected(source, "read", f"truncated or corrupt gzip archive: {exc}")
            return
        # The reader below meets the damage again and reports it after the records before it.
    if not head:
        yield Rejected(source, "read", "empty file (gzip archive with no content)")
    elif head.startswith(b"WARC/"):
        # warcio reads gzip members itself, record by record.
        yield from _read_warc(source, lambda: path.open("rb"), settings)
    else:
        yield from _read_stream(source, lambda: gzip.open(path, "rb"), head, settings, _suffix(path))


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    return suffixes[-1] if suffixes else ""


def _read_stream(
    source: str, opener: Callable[[], IO[bytes]], head: bytes, settings: Settings, suffix: str = ""
) -> Iterator[Item]:
    try:
        kind = sniff_format(head)
    except InputError as exc:
        yield Rejected(source, "read", str(exc))
        return
    if kind == "text" and suffix in (".csv", ".tsv"):
        # Content decides, but a CSV whose columns we do not know by name is still a CSV:
        # reading it as one lets the record-level message suggest --map.
        kind = "csv"
    reader = {
        "warc": _read_warc,
        "jsonl": _read_jsonl,
        "csv": _read_csv,
    }.get(kind)
    try:
        if reader is not None:
            yield from reader(source, opener, settings)
        else:
            data = _read_whole(opener, settings.max_document_bytes * _WHOLE_FILE_FACTOR[kind])
            yield from _WHOLE_READERS[kind](source, data, settings)
    except InputError as exc:
        yield Rejected(source, "read", str(exc))
    except (EOFError, zlib.error) as exc:
        yield Rejected(source, "read", f"truncated or corrupt archive: {exc}")


def _read_whole(opener: Callable[[], IO[bytes]], limit: int) -> bytes:
    with opener() as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"larger than the limit of {limit:,} bytes (raise it with --max-bytes)")
    return data


# ---------------------------------------------------------------- detection


def sniff_format(head: bytes) -> str:
    """The format of a document from its first bytes.

    Returns one of ``warc``, ``feed``, ``html``, ``json``, ``jsonl``, ``csv``, ``text``.
    Raises UnsupportedFormat for binary content and InputError for text that is
    not decodable.

    >>> sniff_format(b"<?xml version='1.0'?><rss version='2.0'>")
    'feed'
    >>> sniff_format(b'{"title": "A", "text": "B"}\\n{"title": "C", "text": "D"}\\n')
    'jsonl'
    """
    if head.startswith(b"WARC/"):
        return "warc"
    for signature, name in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise UnsupportedFormat(f"unsupported format: {name}, not a news text format")
    text = _sniffing_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return _sniff_markup(text)
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return _sniff_json_object(text)
    if _looks_like_csv(text):
        return "csv"
    return "text"


def _sniffing_text(head: bytes) -> str:
    """Enough of the head, as text, to tell the format; strict decoding is the reader's job.

    Bytes that are not UTF-8 are replaced here so that a legacy-encoded file is
    still recognised (and then decoded with ``--encoding`` or rejected by name).
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return decode_as(head, codec, partial=True)
    if b"\x00" in head:
        raise UnsupportedFormat("binary content (NUL bytes), not a text format")
    text = head.decode("utf-8", errors="replace")
    reject_control_characters(text)
    return text


FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
HTML_MARK = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|title|meta)\b", re.IGNORECASE)


def _sniff_markup(text: str) -> str:
    # A feed's root element comes after at most an XML declaration, comments and stylesheets.
    prologue = re.sub(r"<\?.*?\?>|<!--.*?-->", "", text[:4000], flags=re.DOTALL).lstrip()
    if FEED_ROOT.match(prologue):
        return "feed"
    if HTML_MARK.search(text[:HEAD_BYTES]):
        return "html"
    raise UnsupportedFormat("unsupported format: XML that is neither an RSS nor an Atom feed nor HTML")


def _sniff_json_object(text: str) -> str:
    first_line = text.split("\n", 1)[0].strip()
    try:
        json.loads(first_line)
        return "jsonl"
    except (json.JSONDecodeError, RecursionError):  # RecursionError: nested deeper than Python recurses
        return "json"


def _looks_like_csv(text: str) -> bool:
    header = text.split("\n", 1)[0].strip().lower()
    for delimiter in (",", "\t", ";", "|"):
        cells = [c.strip().strip('"').strip() for c in header.split(delimiter)]
        if len(cells) >= 2 and any(c in _ALL_FIELD_NAMES for c in cells) and all(len(c) < 40 for c in cells):
            return True
    return False


# ---------------------------------------------------------------- single-document formats


def _read_text(source: str, data: bytes, settings: Settings) -> Iterator[Item]:
    text = decode_text(data, encoding=settings.encoding)
    yield RawRecord(source, "text", text)


def _read_html(source: str, data: bytes, settings: Settings) -> Iterator[Item]:
    html = decode_page(data, None, settings.encoding)
    yield RawRecord(source, "html", html, is_html=True)


def _read_json(source: str, data: bytes, settings: Settings) -> Iterator[Item]:
    text = decode_text(data, encoding=settings.encoding)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_json_lines(text):
            # JSON Lines whose first line is broken or longer than the sniffed head:
            # read line by line, so that one bad line does not cost the whole file.
            yield from _read_jsonl(source, lambda: io.BytesIO(data), settings)
            return
        raise InputError(f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply to read") from None
    items = _json_items(document)
    if items is None:
        raise InputError("JSON that is neither an article object nor a list of them (nor an object with 'articles' or 'items')")
    for number, item in enumerate(items, start=1):
        yield record_from_mapping(f"{source}#{number}", "json", item, settings)


def _looks_like_json_lines(text: str) -> bool:
    # Asked only of text that is not one valid document: a pretty-printed document's
    # second line is indented or a key, a JSON Lines file's is the next record.
    lines = [line for line in text.splitlines() if line.strip()][:2]
    return len(lines) == 2 and all(line.startswith("{") for line in lines)


def _json_items(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("articles", "items", "data", "results", "documents", "entries"):
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    return None


def _read_feed(source: str, data: bytes, settings: Settings) -> Iterator[Item]:
    from .feeds import parse_feed  # feedparser is only needed when a feed turns up

    yield from parse_feed(source, data)


_WHOLE_READERS = {"text": _read_text, "html": _read_html, "json": _read_json, "feed": _read_feed}
# A JSON array or a feed holds many documents, so it may be larger than one document.
_WHOLE_FILE_FACTOR = {"text": 1, "html": 1, "json": 50, "feed": 10}


# ---------------------------------------------------------------- streamed formats


def _read_jsonl(source: str, opener: Callable[[], IO[bytes]], settings: Settings) -> Iterator[Item]:
    with opener() as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            yield _jsonl_record(f"{source}#{number}", number, line, settings)


def _jsonl_record(source: str, number: int, line: bytes, settings: Settings) -> Item:
    if len(line) > settings.max_document_bytes:
        return Rejected(source, "parse", f"line {number} is larger than the limit of {settings.max_document_bytes:,} bytes")
    try:
        item = json.loads(decode_text(line, encoding=settings.encoding))
    except json.JSONDecodeError as exc:
        return Rejected(source, "parse", f"line {number}: invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Rejected(source, "parse", f"line {number}: invalid JSON: nested too deeply to read")
    except InputError as exc:
        return Rejected(source, "parse", f"line {number}: {exc}")
    return record_from_mapping(source, "jsonl", item, settings)


def _read_csv(source: str, opener: Callable[[], IO[bytes]], settings: Settings) -> Iterator[Item]:
    csv.field_size_limit(settings.max_document_bytes)
    with opener() as stream:
        # A BOM decides, as in decode_text: Excel's "Unicode text" export is UTF-16.
        encoding = _bom_codec(stream.read(4)) or settings.encoding or "utf-8-sig"
        stream.seek(0)
        try:
            text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
            header = text.readline()
        except LookupError:
            raise InputError(f"{encoding!r} is not a text encoding; name one with --encoding (e.g. cp1252)") from None
        except UnicodeError:  # UnicodeDecodeError, or a UTF-16 stream without its BOM
            raise InputError(f"the header line is not valid {encoding}; name the encoding with --encoding") from None
        text.seek(0)
        # Only the delimiter is guessed, from the header: the sniffer's guesses about
        # quoting from one line are unreliable, and CSV quoting is standard (RFC 4180).
        delimiter = max(",\t;|", key=header.count)
        reader = csv.DictReader(text, delimiter=delimiter)
        yield from _csv_rows(source, reader, settings)


def _bom_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in BOMS if data.startswith(bom)), None)


def _csv_rows(source: str, reader: csv.DictReader, settings: Settings) -> Iterator[Item]:
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield record_from_mapping(f"{source}#{number}", "csv", row, settings)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 after record {number} (offset {exc.start} of a block); name the encoding with --encoding") from None
    except UnicodeError as exc:  # from codecs such as UTF-16 or idna, with no offset to name
        raise InputError(f"cannot be decoded after record {number}: {exc}; name the encoding with --encoding") from None
    except csv.Error as exc:
        yield Rejected(f"{source}#{number + 1}", "parse", f"malformed CSV after record {number}: {exc}")


def _read_warc(source: str, opener: Callable[[], IO[bytes]], settings: Settings) -> Iterator[Item]:
    from .warc import iter_warc_pages  # warcio is only needed when a WARC turns up

    with opener() as stream:
        yield from iter_warc_pages(source, stream, settings)


# ---------------------------------------------------------------- records from JSON / CSV


FIELDS = ("title", "url", "outlet", "author", "published", "summary")
_ALL_FIELD_NAMES = {name for names in DEFAULT_FIELD_NAMES.values() for name in names}


def record_from_mapping(source: str, fmt: str, item: Any, settings: Settings) -> Item:
    """A ``RawRecord`` from one JSON object or CSV row, fields matched case-insensitively.

    Falls back to the summary (marked summary-only) when there is no full text.
    """
    if not isinstance(item, Mapping):
        return Rejected(source, "parse", f"a {type(item).__name__} where an article object was expected")
    lowered = {without_surrogates(str(k).strip().lower()): v for k, v in item.items() if k is not None}
    text = _first_value(lowered, settings.names_for("text"))
    fields = {name: _first_value(lowered, settings.names_for(name)) for name in FIELDS}
    summary_only = not text and bool(fields["summary"])
    body = text or fields["summary"]
    if not body:
        keys = ", ".join(sorted(lowered)[:12]) or "none"
        return Rejected(source, "parse", f"no text field (looked for text/body/content...; the record has: {keys}); use --map text=FIELD")
    is_html = bool(re.search(r"<(p|br|div)\b[^>]*>", body[:2000], re.IGNORECASE))
    return RawRecord(source, fmt, body, is_html=is_html, fields=fields, summary_only=summary_only)


def _first_value(record: Mapping[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = "; ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, dict):
            value = value.get("name") or value.get("value")
        if value is not None and str(value).strip():
            return without_surrogates(str(value).strip())
    return None


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD.

    A JSON escape can spell one (``"\\ud83d"``, half of an emoji cut in two), and a
    string holding one cannot be encoded as UTF-8: not hashed into an article id,
    not stored.
    """
    return LONE_SURROGATE.sub("\ufffd", text)
