"""The one orchestrator: it alone runs the stages in order and, with ``store``, alone touches storage.

Every stage is a sub-package of pure functions over the records of
``records.py`` (and each stage's own frozen records); this module reads what
a stage needs from the store, calls it, and writes what it returns, each
step in explicit transactions so that a killed run is completed by running
it again. The CLI, the web app, the Python API and the tests call these
functions; none of them repeats the sequence.

======================  ==========================================  ==========================================  ==========================
stage                   takes                                       returns                                     may not touch
======================  ==========================================  ==========================================  ==========================
``ingest``              paths; ``RawRecord`` + sidecar metadata     ``Article`` or ``Rejected``; MinHash        the store, spaCy
                                                                    signatures (``ingest.nearduplicates``)
``language``            ``(id, text, dct, inferred)`` / ``Article``  ``Annotated`` (mentions, timexes, quotes,   the store
                                                                    events, claims); ``Resolution`` across
                                                                    articles; re-dated ``DateEstimate``\\s
``stories``             ``Article`` + annotation dict              ``ArticleFeatures``; story rows             the store, spaCy
                        -> ``ArticleFeatures``; features ->          ``(story id, topic id, article ids)``;
                        rows; rows + articles -> ``Story``           ``Story``, ``Topic``
``framing``             text + sentence offsets (+ a model)         ``Framing`` (loaded terms, sentence bias)    the store, spaCy
``compare``             ``Claim``\\s by article, ``Annotated``,       ``ClaimGroup``\\s, ``TimelineEntry``\\s,      the store, spaCy
                        ``Resolution``                              summary sentences
``report``              ``ReportInputs`` (all of the above)         the ``report.json`` dict; .md/.html files   the store
======================  ==========================================  ==========================================  ==========================

The sequence: ``ingest`` (read, extract, clean, describe, store, link
near-duplicates) -> ``update`` (annotate what lacks it -> re-date undated
articles from the others -> refresh their story features -> place new and
re-dated articles in stories) -> ``analyze`` (the report).

Example:
    >>> from newsparallax.store import Store
    >>> with Store(":memory:") as store:
    ...     sorted(analyze(store))[:3]
    ['articles', 'claims', 'entities']
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InputError
from .records import Annotated, Article, Rejected
from .store import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
FEATURE_BATCH = 200  # articles whose story features are written in one transaction
ANNOTATE_BATCH = 32  # articles parsed (nlp.pipe) and saved per transaction


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


# ---------------------------------------------------------------- ingest


def ingest(paths: Iterable[Path], store: Store, settings: Settings | None = None,
           progress: ProgressCallback | None = None) -> IngestReport:
    """Ingest every file under ``paths`` into ``store``, then ``update`` it; return what happened.

    Never raises for bad input: unreadable files and records are reported as
    ``Rejected`` in the report and in the store. Files already read to the end
    (same size and time) are skipped, so a killed run is completed by running it again.

    Example:
        >>> with Store(":memory:") as store:  # doctest: +SKIP
        ...     report = ingest([Path("articles/")], store)
        >>> report.added, len(report.rejected)  # doctest: +SKIP
        (12, 0)
    """
    from .ingest import NearDuplicateIndex, iter_input_files  # datasketch and the readers: only when ingesting

    settings = settings or Settings()
    report = IngestReport()
    own = store.own_files()
    inputs = [item for item in iter_input_files(paths) if isinstance(item, Rejected) or item.resolve() not in own]
    log.debug("ingest: %d input(s)", len(inputs))
    index: NearDuplicateIndex | None = None
    sidecars: dict[Path, dict[str, dict[str, Any]]] = {}
    for number, item in enumerate(inputs, start=1):
        if progress:
            progress(number, len(inputs), str(item.source if isinstance(item, Rejected) else item))
        if isinstance(item, Rejected):
            with store.transaction():
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
    report.stories_written = update(store, settings, progress)
    log.debug("ingest: %d added, %d rejected", report.added, len(report.rejected))
    return report


def _sidecar(folder: Path, cache: dict, settings: Settings, store: Store, report: IngestReport) -> dict[str, dict[str, Any]]:
    from .ingest import load_sidecar

    if folder not in cache:
        try:
            cache[folder] = load_sidecar(folder, settings)
        except InputError as exc:
            cache[folder] = {}
            with store.transaction():
                _record_rejection(store, report, Rejected(str(folder), "read", str(exc)))
    return cache[folder]


def _ingest_file(path: Path, stat: Any, store: Store, settings: Settings, index: Any,
                 sidecar: dict[str, dict[str, Any]], report: IngestReport) -> None:
    from .ingest import build_article, read_path

    records = rejected = 0
    metadata = sidecar.get(path.name)
    # One transaction per batch: a killed run keeps whole batches, and the file is
    # marked done only after its last one, so a rerun reads it again.
    first = True
    for batch in _batched(read_path(path, settings), settings.batch_size):
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


def _store_article(article: Article, store: Store, index: Any, report: IngestReport) -> None:
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


# ---------------------------------------------------------------- update


def update(store: Store, settings: Settings | None = None, progress: ProgressCallback | None = None) -> int:
    """Bring every stored article up to date; return the number of stories written.

    Annotates what lacks a current annotation (when ``settings.annotate``),
    re-dates undated articles from the others, refreshes their story features
    and places new and re-dated articles in stories. "Every article that lacks
    it", not only the last run's: work a killed run left is finished here.
    """
    settings = settings or Settings()
    if not settings.annotate:
        return _place_changed(store, [])
    annotate(store, progress)
    return _place_changed(store, redate(store))


def _place_changed(store: Store, redated: list[str]) -> int:
    """Story features and places for the articles without them and the ``redated`` ones; the stories written.

    A re-dated article's features change (its events' months and weeks): they are computed again.
    """
    with store.transaction():
        store.forget_story_features(redated)
    ensure_features(store)
    return place(store, sorted(set(store.articles_without_story()) | set(redated)))


def annotate(store: Store, progress: ProgressCallback | None = None, batch_size: int = ANNOTATE_BATCH) -> int:
    """Annotate every stored article that has no current annotation; return how many.

    Each batch is saved in its own transaction, so an interrupted run keeps its work.
    """
    from .language import ANNOTATION_VERSION, annotate_articles

    pending = store.unannotated(ANNOTATION_VERSION)
    log.debug("annotate: %d article(s) to annotate", len(pending))
    done = 0
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        results = list(annotate_articles(batch, batch_size))
        with store.transaction():
            for annotated in results:
                store.save_annotation(annotated.article_id, ANNOTATION_VERSION, annotated.to_dict())
        done += len(batch)
        if progress:
            progress(done, len(pending), batch[-1].source)
    return done


def redate(store: Store, batch_size: int = ANNOTATE_BATCH, nlp=None) -> list[str]:
    """Date undated articles again with the years other articles give their events; return the ids re-annotated.

    Computed afresh from every stored annotation each time (``language.anchoring``),
    so the result depends on the set of articles, not on the order they came in.
    An article whose estimate changes is annotated again with it (its relative
    dates are read against the new DCT).
    """
    from .language import ANNOTATION_VERSION, reannotated, redated_estimates

    estimates = redated_estimates([Annotated.from_dict(data) for data in store.annotations()])
    if not estimates:  # the usual case: nothing to read again, no article to load
        return []
    articles = [a for a in map(store.article, sorted(estimates)) if a is not None]
    results = reannotated(articles, estimates, batch_size, nlp)
    with store.transaction():
        for result in results:
            store.save_annotation(result.article_id, ANNOTATION_VERSION, result.to_dict())
    log.debug("redate: %d article(s) dated again", len(results))
    return [result.article_id for result in results]


def resolved(store: Store):
    """All stored annotations and the entities resolved across them: ``(list[Annotated], Resolution)``."""
    from .language import resolve

    annotated = [Annotated.from_dict(data) for data in store.annotations()]
    return annotated, resolve(annotated, store.outlets())


# ---------------------------------------------------------------- stories


def ensure_features(store: Store) -> int:
    """Compute and store the clustering features of every article that lacks them; return how many."""
    missing = store.articles_without_features()
    for start in range(0, len(missing), FEATURE_BATCH):  # one transaction per batch, not per article
        with store.transaction():
            _remember_features(store, missing[start : start + FEATURE_BATCH])
    return len(missing)


def _remember_features(store: Store, articles: list[Article]) -> None:
    """Features and blocking keys of several articles, with one read of document frequencies and one write.

    Each article is weighted as if stored one after the other: the counts of
    the earlier ones in the batch are added in memory before the next one's
    heavy keys are chosen, so the keys are those one-by-one storing gives.
    """
    from .stories import DocumentFrequencies, StoryParams, features_of, heavy_keys

    features = [features_of(article, store.annotation(article.id)) for article in articles]
    frequencies = store.document_frequencies(features, DocumentFrequencies())
    rows = []
    for item in features:
        rows.append((item, heavy_keys(frequencies.vector(item, StoryParams()))))
        frequencies.add(item)
    store.save_story_features_many(rows)


def restory(store: Store) -> int:
    """Recluster every article of the store into stories and topics; return the number of stories."""
    from .stories import all_story_rows

    ensure_features(store)
    rows = all_story_rows(store.story_features_all())
    with store.transaction():
        store.replace_stories(None, rows)
    return len(rows)


def place(store: Store, new_ids: list[str]) -> int:
    """Place newly stored articles into stories, reclustering only the stories around them.

    Returns the number of stories written.
    """
    from .stories import no_cycle_collection

    if not new_ids:
        return 0
    with no_cycle_collection():
        return _place(store, new_ids)


def _place(store: Store, new_ids: list[str]) -> int:
    from .stories import DocumentFrequencies, choose_neighbours, regroup

    new = store.story_features(new_ids)
    frequencies = store.document_frequencies(new, DocumentFrequencies())
    # Articles placed before (now re-dated) bring their own stories first: no story is left named after
    # an article it lost.
    own = sorted(set(store.stories_of(new_ids).values()))
    nearby = own + [s for s in _nearby_stories(store, new, frequencies) if s not in own]
    members_of = store.members_by_story(nearby)
    taken, wanted = choose_neighbours(nearby, members_of, [f.article_id for f in new])
    local = {f.article_id: f for f in new}
    local.update({f.article_id: f for f in store.story_features(wanted[len(new):])})
    store.add_frequencies(frequencies, [f for f in local.values() if f.article_id not in set(new_ids)])
    rows = regroup(local, frequencies, {s: members_of[s] for s in taken}, store.topics_of(taken))
    with store.transaction():
        store.replace_stories(list(local), rows)
    log.debug("place: %d new article(s), %d stories written", len(new_ids), len(rows))
    return len(rows)


def _nearby_stories(store: Store, new: list, frequencies: Any) -> list[str]:
    from .stories import POSTING_HITS, StoryParams, heavy_keys

    hits: Counter = Counter()
    for item in new:
        hits.update(store.articles_with_keys(heavy_keys(frequencies.vector(item, StoryParams())), POSTING_HITS))
    stories = store.stories_of([a for a, _ in hits.most_common(POSTING_HITS)])
    ranked: Counter = Counter()
    for article_id, count in hits.items():
        if article_id in stories:
            ranked[stories[article_id]] += count
    return [s for s, _ in ranked.most_common()]


def entities(store: Store, progress: ProgressCallback | None = None):
    """The entities resolved across the store (a ``Resolution``), annotating what lacks it first (``parallax entities``)."""
    annotate(store, progress)
    return resolved(store)[1]


def stories(store: Store, progress: ProgressCallback | None = None):
    """The stories and topics of the store described for people, annotating what lacks it first (``parallax stories``).

    Returns ``(list[Story], list[Topic])``.
    """
    annotate(store, progress)
    return _described(store, list(store.articles()), *resolved(store))


def _described(store: Store, articles: list[Article], annotated, resolution):
    from .stories import describe_stories

    return describe_stories(store.story_rows(), {a.id: a for a in articles}, store.near_duplicates(),
                            store.story_features, annotated, resolution)


# ---------------------------------------------------------------- analyze


def analyze(store: Store, framing_model=None, progress: ProgressCallback | None = None) -> dict[str, Any]:
    """The comparison report of the store (the ``report.json`` shape), annotating what lacks it first.

    A store ingested with ``--no-annotate`` is read now (annotated, re-dated,
    placed in stories again); a store whose articles are all annotated is only read.
    """
    if annotate(store, progress):
        _place_changed(store, redate(store))
    return report_of(store, framing_model)


def report_of(store: Store, framing_model=None) -> dict[str, Any]:
    """The report of what the store holds now, without annotating anything."""
    from .report import ReportInputs, build_report

    articles = list(store.articles())  # read once: the stories and the report both need every article
    annotated, resolution = resolved(store)
    found, topics = _described(store, articles, annotated, resolution)
    inputs = ReportInputs(articles=tuple(articles), annotated=tuple(annotated), resolution=resolution,
                          stories=tuple(found), topics=tuple(topics), rejected=tuple(store.rejected()))
    return build_report(inputs, framing_model)


# ---------------------------------------------------------------- documents, nothing stored


def annotate_documents(items: Iterable[tuple[str, str, str | None, bool]], framing_model=None) -> list[dict[str, Any]]:
    """The language layer's reading of documents as JSON, nothing stored (``parallax annotate``).

    ``items`` are ``(id, text, dct or None, dct inferred)``; entities are resolved across them.
    """
    from .language import annotate_texts, annotation_json, resolve

    annotated = list(annotate_texts(items))
    resolution = resolve(annotated)
    return [annotation_json(a, resolution, framing_model) for a in annotated]
