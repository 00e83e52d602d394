"""``parallax ingest`` and ``parallax extract``: files into the store, or one file shown without storing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import pipeline
from ..config import DEFAULT_DB, Settings, parse_field_map
from ..pipeline import IngestReport
from ..records import Article, Rejected
from ..store import Store
from .common import EXIT_REJECTED, DbOption, JsonOption, QuietOption, app, err, guarded, print_rejected, run_with_progress


def settings_from_options(max_bytes: int | None, encoding: str | None, field_map: str | None) -> Settings:
    """The ``Settings`` the reading options ask for (``--max-bytes``, ``--encoding``, ``--map``)."""
    changes: dict[str, Any] = {"field_map": parse_field_map(field_map), "encoding": encoding}
    if max_bytes is not None:
        changes["max_document_bytes"] = max_bytes
    return Settings().with_changes(**changes)


@app.command()
@guarded
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).", exists=True)],
    db: DbOption = DEFAULT_DB,
    field_map: Annotated[Optional[str], typer.Option("--map", help="Record field names, e.g. text=article_body,title=headline.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Largest document accepted, in bytes.", min=1)] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Text encoding of files that declare none (default UTF-8).")] = None,
    annotate: Annotated[bool, typer.Option(
        "--annotate/--no-annotate",
        help="Run the language layer on new articles (stories then use resolved names and event dates).")] = True,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Read news files (text, HTML, JSON/JSONL/CSV, RSS/Atom, WARC, gzip) into the store, and place them in stories."""
    settings = settings_from_options(max_bytes, encoding, field_map).with_changes(annotate=annotate)
    with Store(db) as store:
        report = run_with_progress(lambda progress: pipeline.ingest(paths, store, settings, progress), quiet or as_json)
        total = store.article_count()
    if as_json:
        print(json.dumps(_report_json(report, total), ensure_ascii=False, indent=2))
    elif not quiet:
        print_ingest_summary(report, total, db)
    elif report.rejected:
        print_rejected(report.rejected)
    raise typer.Exit(EXIT_REJECTED if report.rejected else 0)


def _report_json(report: IngestReport, total: int) -> dict[str, Any]:
    return {
        "files": report.files, "files_unchanged": report.files_unchanged, "records": report.records,
        "added": report.added, "already_stored": report.already_stored,
        "near_duplicate_links": report.near_duplicate_links, "articles_in_store": total,
        "stories_written": report.stories_written,
        "rejected": [r.to_dict() for r in report.rejected],
    }


def print_ingest_summary(report: IngestReport, total: int, db: Path) -> None:
    err.print(
        f"Read {report.files} file(s) ({report.files_unchanged} unchanged since the last run), {report.records} record(s): "
        f"{report.added} new article(s), {report.already_stored} already stored, "
        f"{report.near_duplicate_links} near-duplicate link(s), {len(report.rejected)} rejected."
    )
    err.print(f"The store {db} now holds {total} article(s).")
    if report.rejected:
        print_rejected(report.rejected)


@app.command()
@guarded
def extract(
    file: Annotated[Path, typer.Argument(help="One file of any supported format.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
    field_map: Annotated[Optional[str], typer.Option("--map", help="Record field names, e.g. text=article_body.")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Text encoding of a file that declares none.")] = None,
) -> None:
    """Show the clean text and metadata of one file; nothing is stored.

    With --json: one object (text, title, author, outlet, published, language,
    removed, ...) for a single-article file, a list of them for a multi-record file.
    """
    from ..ingest import extract_file

    outcomes = extract_file(file, settings_from_options(None, encoding, field_map))
    articles = [o for o in outcomes if isinstance(o, Article)]
    rejected = [o for o in outcomes if isinstance(o, Rejected)]
    if as_json:
        rows = [a.to_dict() for a in articles]
        if rows:
            print(json.dumps(rows[0] if len(outcomes) == 1 else rows, ensure_ascii=False, indent=2))
    else:
        for article in articles:
            _print_article(article)
    if rejected:
        print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else 0)


def _print_article(article: Article) -> None:
    date = article.published
    when = date.value or (f"between {date.range_start} and {date.range_end}" if date.range_start else None)
    for label, value in (("source", article.source), ("title", article.title), ("author", article.author),
                         ("outlet", article.outlet), ("published", f"{when} (inferred)" if when and date.inferred else when),
                         ("language", article.language), ("url", article.url)):
        err.print(f"[bold]{label}:[/bold] {value if value else '(unknown)'}", markup=True, highlight=False)
    for removed in article.removed:
        err.print(f"[dim]removed ({removed.reason}): {removed.text}[/dim]", markup=True)
    err.print()
    print(article.text)
    print()
