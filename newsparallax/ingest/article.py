"""One record to one clean, described ``Article`` (or a ``Rejected``): ``build_article``; one file: ``extract_file``.

Pure steps: nothing is stored here (``pipeline.ingest`` walks the inputs and
writes each file in its own transactions).

Example:
    >>> from newsparallax.records import RawRecord
    >>> article = build_article(RawRecord("note.txt", "text", "Kishida will attend the NATO summit. " * 5), Settings())
    >>> article.format, article.text.startswith("Kishida")
    ('text', True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..records import Article, DateEstimate, RawRecord, Rejected, content_id
from .clean import clean_text
from .fragments import fragment_to_text
from .metadata import detect_language, infer_publication_date, normalize_date, outlet_from_dateline, outlet_from_url
from .readers import load_sidecar, read_path

PAGE_FORMATS = ("html", "warc")



# ---------------------------------------------------------------- one record


def build_article(raw: RawRecord, settings: Settings, sidecar: dict[str, Any] | None = None) -> Article | Rejected:
    """Extract, clean and describe one record.

    Metadata is taken, first found wins, from the sidecar file, the record's own
    fields, the page's HTML metadata, then the text (byline, dateline); the
    provenance of each value is kept in ``metadata_sources``.
    """
    try:
        text, page_fields = _main_text(raw)
    except InputError as exc:
        return Rejected(raw.source, "extract", str(exc))
    given = {"sidecar": sidecar or {}, "record": raw.fields, "html": page_fields}
    cleaned = clean_text(text, detect_title=raw.format == "text" and not _first(given, "title"))
    if len(cleaned.text) < settings.min_text_chars:
        return Rejected(raw.source, "clean", f"only {len(cleaned.text)} characters of text (at least {settings.min_text_chars} needed)")
    given["text"] = {"title": cleaned.title, "author": cleaned.author, "outlet": outlet_from_dateline(cleaned.text)}
    return _article(raw, cleaned.text, cleaned.removed, given)


def _main_text(raw: RawRecord) -> tuple[str, dict[str, Any]]:
    if raw.is_html and raw.format in PAGE_FORMATS:
        from .extract import extract_html  # trafilatura is heavy; load it when a page turns up

        page = extract_html(raw.body, raw.fields.get("url"))
        fields = {"title": page.title, "author": page.author, "outlet": page.sitename, "url": page.url,
                  "published": page.published, "language": page.language}
        return page.text, fields
    if raw.is_html:
        return fragment_to_text(raw.body), {}
    return raw.body, {}


def _article(raw: RawRecord, text: str, removed: tuple, given: dict[str, dict[str, Any]]) -> Article:
    provenance: dict[str, str] = {}

    def pick(name: str) -> str | None:
        for origin, fields in given.items():
            value = fields.get(name)
            if value:
                provenance[name] = origin
                return str(value)
        return None

    url = pick("url")
    outlet = pick("outlet") or _outlet_of(url, provenance)
    published = _publication_date(pick("published"), provenance.get("published"), text, raw.fields.get("crawled"))
    language = pick("language") or detect_language(text)
    if language and "language" not in provenance:
        provenance["language"] = "text"
    return Article(
        # The URL's domain, when there is one, names the outlet the same way whatever
        # the container calls it (a feed's title, a page's site name, a CSV column).
        id=content_id(text, outlet_from_url(url) or outlet), source=raw.source, format=raw.format, text=text, title=pick("title"),
        author=pick("author"), outlet=outlet, url=url, published=published, language=_short_language(language),
        summary_only=raw.summary_only, removed=removed, metadata_sources=provenance,
    )


def _first(given: dict[str, dict[str, Any]], name: str) -> Any:
    return next((fields[name] for fields in given.values() if fields.get(name)), None)


def _outlet_of(url: str | None, provenance: dict[str, str]) -> str | None:
    outlet = outlet_from_url(url)
    if outlet:
        provenance["outlet"] = "url"
    return outlet


def _publication_date(value: str | None, origin: str | None, text: str, crawled: str | None) -> DateEstimate:
    iso = normalize_date(value)
    if iso:
        return DateEstimate(iso, False, iso, iso, origin)
    estimate = infer_publication_date(text)
    crawl_day = normalize_date(crawled)
    if crawl_day and (estimate.range_end is None or crawl_day < estimate.range_end):
        # A crawled page existed when it was fetched: that bounds its date from above.
        evidence = (*estimate.evidence, f"before {crawl_day}: the page was crawled then")
        start = min(estimate.range_start or crawl_day, crawl_day)
        estimate = DateEstimate(None, True, start, crawl_day, estimate.source, evidence)
    return estimate


def _short_language(language: str | None) -> str | None:
    return language.split("-")[0].split("_")[0].lower() if language else None


# ---------------------------------------------------------------- one file, nothing stored


def extract_file(path: Path, settings: Settings | None = None) -> list[Article | Rejected]:
    """Every article (or rejection) one file yields, cleaned and described, nothing stored.

    Example:
        >>> [a.title for a in extract_file(Path("page.html"))]  # doctest: +SKIP
        ['Japanese PM weighs in on NATO membership']
    """
    settings = settings or Settings()
    sidecar = load_sidecar(path.parent, settings).get(path.name) if path.parent.is_dir() else None
    return [item if isinstance(item, Rejected) else build_article(item, settings, sidecar) for item in read_path(path, settings)]
