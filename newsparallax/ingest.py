"""Ingest: files and folders to clean ``Article``s in the store.

``build_article`` is the pure step (a ``RawRecord`` in, an ``Article`` or a
``Rejected`` out); ``ingest_paths`` walks the inputs, writes each file in its
own transactions and skips files already read to the end, so a killed run is
completed by running it again.

Example:
    >>> from newsparallax.store import Store
    >>> with Store(":memory:") as store:  # doctest: +SKIP
    ...     report = ingest_paths([Path("articles/")], store)
    >>> report.added, len(report.rejected)  # doctest: +SKIP
    (12, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import clean_text
from .config import Settings
from .errors import InputError
from .fragments import fragment_to_text
from .metadata import detect_language, infer_publication_date, normalize_date, outlet_from_dateline, outlet_from_url
from .nearduplicates import NearDuplicateIndex
from .readers import iter_input_files, load_sidecar, read_path
from .records import Article, DateEstimate, RawRecord, Rejected, content_id
from .store import Store
from .stories import assign, ensure_features

PAGE_FORMATS = ("html", "warc")


@dataclass
class IngestReport:
    """What one ingest run did."""

    files: int = 0
    files_unchanged: int = 0
    records: int = 0
    added: int = 0
    already_stored: int = 0
    near_duplicate_links: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)
    stories_written: int = 0


ProgressCallback = Callable[[int, int, str], None]


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
        from .html import extract_html  # trafilatura is heavy; load it when a page turns up

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


# ---------------------------------------------------------------- files to the store


def ingest_paths(
    paths: Iterable[Path], store: Store, settings: Settings | None = None, progress: ProgressCallback | None = None
) -> IngestReport:
    """Ingest every file under ``paths`` into ``store``; return what happened.

    Never raises for bad input: unreadable files and records are reported as
    ``Rejected`` in the report and in the store.
    """
    settings = settings or Settings()
    report = IngestReport()
    own = store.own_files()
    inputs = [item for item in iter_input_files(paths) if isinstance(item, Rejected) or item.resolve() not in own]
    index: NearDuplicateIndex | None = None
    sidecars: dict[Path, dict[str, dict[str, Any]]] = {}
    for number, item in enumerate(inputs, start=1):
        if progress:
            progress(number, len(inputs), str(item.source if isinstance(item, Rejected) else item))
        if isinstance(item, Rejected):
            _record_rejection(store, report, item)
            continue
        report.files += 1
        stat = item.stat()
        if store.file_is_current(str(item), stat.st_size, stat.st_mtime_ns):
            report.files_unchanged += 1
            continue
        index = index or NearDuplicateIndex(settings, store.signatures())
        sidecar = _sidecar(item.parent, sidecars, settings, store, report)
        _ingest_file(item, stat, store, settings, index, sidecar, report)
    _after_files(store, settings, report, progress)
    return report


def _after_files(store: Store, settings: Settings, report: IngestReport, progress: ProgressCallback | None) -> None:
    """Annotate, describe and place in stories every article that lacks it.

    "Every article that lacks it", not only this run's: a run killed after its
    articles were committed leaves work that the next run finishes here.
    """
    redated: list[str] = []
    if settings.annotate:
        from .language import anchor_store, annotate_store  # spaCy is loaded only when there is text to read

        annotate_store(store, progress)
        redated = anchor_store(store)  # other articles may date an undated one's events: its features change
        with store.transaction():
            store.forget_story_features(redated)
    ensure_features(store)
    report.stories_written = assign(store, sorted(set(store.articles_without_story()) | set(redated)))


def _sidecar(folder: Path, cache: dict, settings: Settings, store: Store, report: IngestReport) -> dict[str, dict[str, Any]]:
    if folder not in cache:
        try:
            cache[folder] = load_sidecar(folder, settings)
        except InputError as exc:
            cache[folder] = {}
            with store.transaction():
                _record_rejection(store, report, Rejected(str(folder), "read", str(exc)))
    return cache[folder]


def _ingest_file(path: Path, stat: Any, store: Store, settings: Settings, index: NearDuplicateIndex,
                 sidecar: dict[str, dict[str, Any]], report: IngestReport) -> None:
    records = rejected = 0
    metadata = sidecar.get(path.name)
    batches = _batched(read_path(path, settings), settings.batch_size)
    # One transaction per batch: a killed run keeps whole batches, and the file is
    # marked done only after its last one, so a rerun reads it again.
    first = True
    for batch in batches:
        with store.transaction():
            if first:
                store.forget_rejections(str(path))
                first = False
            for item in batch:
                records += 1
                outcome = item if isinstance(item, Rejected) else build_article(item, settings, metadata)
                if isinstance(outcome, Rejected):
                    rejected += 1
                    _record_rejection(store, report, outcome)
                else:
                    _store_article(outcome, store, index, report)
    with store.transaction():
        if first:
            store.forget_rejections(str(path))
        store.mark_file_done(str(path), stat.st_size, stat.st_mtime_ns, records, rejected)
    report.records += records


def _store_article(article: Article, store: Store, index: NearDuplicateIndex, report: IngestReport) -> None:
    if not store.add_article(article):
        report.already_stored += 1
        return
    report.added += 1
    report.added_ids.append(article.id)
    signature = index.signature(article.text)
    store.add_signature(article.id, index.to_bytes(signature))
    for other, similarity in index.add(article.id, signature):
        store.link_near_duplicates(article.id, other, similarity)
        report.near_duplicate_links += 1


def _record_rejection(store: Store, report: IngestReport, rejected: Rejected) -> None:
    store.add_rejected(rejected)
    report.rejected.append(rejected)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
