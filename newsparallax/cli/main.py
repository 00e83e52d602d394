"""The ``parallax`` command line: thin typer commands over the package's functions.

Data goes to standard output (``--json``, ``export``); progress, summaries and
messages go to standard error, so output can be piped. Exit codes:

* 0 — done, nothing rejected;
* 1 — done, but some inputs were rejected (the good ones are stored; each bad one is listed);
* 2 — the command line is wrong (unknown option, missing file);
* 3 — the engine refused to run (the store cannot be opened, a setting is invalid);
* 70 — an internal error (a bug: run again with PARALLAX_DEBUG=1 for the traceback and report it).
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .. import __version__
from ..config import DEFAULT_DB, Settings, parse_field_map
from .. import pipeline
from ..pipeline import IngestReport
from ..records import Article, Rejected
from ..store import Store

app = typer.Typer(
    name="parallax",
    help="Parallax: read one news story through every outlet that covered it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
from .common import (  # noqa: E402,F401 (re-exported: the names commands and tests use)
    EXIT_INTERNAL, EXIT_REFUSED, EXIT_REJECTED, DbOption, FramingModelOption, JsonOption, QuietOption, err, guarded,
)


def _settings(max_bytes: int | None, encoding: str | None, field_map: str | None) -> Settings:
    changes: dict[str, Any] = {"field_map": parse_field_map(field_map), "encoding": encoding}
    if max_bytes is not None:
        changes["max_document_bytes"] = max_bytes
    return Settings().with_changes(**changes)


def _version(value: bool) -> None:
    if value:
        print(f"parallax {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = None,
) -> None:
    """Parallax: read one news story through every outlet that covered it."""


# ---------------------------------------------------------------- ingest


@app.command()
@guarded
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).", exists=True)],
    db: DbOption = DEFAULT_DB,
    field_map: Annotated[Optional[str], typer.Option("--map", help="Record field names, e.g. text=article_body,title=headline.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Largest document accepted, in bytes.", min=1)] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Text encoding of files that declare none (default UTF-8).")] = None,
    annotate: Annotated[bool, typer.Option("--annotate/--no-annotate",
                                           help="Run the language layer on new articles (stories then use resolved names and event dates).")] = True,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Read news files (text, HTML, JSON/JSONL/CSV, RSS/Atom, WARC, gzip) into the store, and place them in stories."""
    settings = _settings(max_bytes, encoding, field_map).with_changes(annotate=annotate)
    with Store(db) as store:
        report = _run_with_progress(lambda progress: pipeline.ingest(paths, store, settings, progress), quiet or as_json)
        total = store.article_count()
    if as_json:
        print(json.dumps(_report_json(report, total), ensure_ascii=False, indent=2))
    elif not quiet:
        _print_ingest_summary(report, total, db)
    elif report.rejected:
        _print_rejected(report.rejected)
    raise typer.Exit(EXIT_REJECTED if report.rejected else 0)


def _run_with_progress(work: Callable[[Any], Any], quiet: bool, verb: str = "Ingesting") -> Any:
    if quiet:
        return work(None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(verb, total=None)

        def advance(number: int, total: int, name: str) -> None:
            bar.update(task, completed=number, total=total, description=f"{verb} {Path(name).name[:40]}")

        return work(advance)


def _report_json(report: IngestReport, total: int) -> dict[str, Any]:
    return {
        "files": report.files, "files_unchanged": report.files_unchanged, "records": report.records,
        "added": report.added, "already_stored": report.already_stored,
        "near_duplicate_links": report.near_duplicate_links, "articles_in_store": total,
        "stories_written": report.stories_written,
        "rejected": [r.__dict__ for r in report.rejected],
    }


def _print_ingest_summary(report: IngestReport, total: int, db: Path) -> None:
    err.print(
        f"Read {report.files} file(s) ({report.files_unchanged} unchanged since the last run), {report.records} record(s): "
        f"{report.added} new article(s), {report.already_stored} already stored, "
        f"{report.near_duplicate_links} near-duplicate link(s), {len(report.rejected)} rejected."
    )
    err.print(f"The store {db} now holds {total} article(s).")
    if report.rejected:
        _print_rejected(report.rejected)


def _print_rejected(rejected: list[Rejected]) -> None:
    # One line each, never wrapped: easy to grep, and the file name stays whole.
    err.print(f"Rejected ({len(rejected)}):")
    for item in rejected:
        err.print(f"  {item.source}: {item.reason} [{item.stage}]", markup=False)


# ---------------------------------------------------------------- stats and export


@app.command()
@guarded
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts of the store: articles by outlet and format, rejections by reason."""
    _require_store(db)
    with Store(db) as store:
        figures = store.stats()
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    err.print(f"{figures['articles']} article(s) from {figures['files']} file(s); "
              f"{figures['near_duplicate_pairs']} near-duplicate pair(s); {figures['rejected']} rejected input(s).")
    for title, key in (("by outlet", "by_outlet"), ("by format", "by_format"), ("rejected by reason", "rejected_by_reason")):
        if figures[key]:
            table = Table(title=title, title_justify="left")
            table.add_column(title.split()[-1], overflow="fold")
            table.add_column("count", justify="right")
            for name, count in figures[key].items():
                table.add_row(name, str(count))
            err.print(table)


EXPORT_FIELDS = (
    "id", "source", "title", "author", "outlet", "published", "published_inferred", "published_range",
    "language", "url", "format", "summary_only", "text", "removed", "near_duplicates", "sources",
)


@app.command()
@guarded
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of standard output.", dir_okay=False)] = None,
) -> None:
    """Write every article (clean text, metadata, removed spans) as JSON Lines or CSV."""
    if fmt not in ("jsonl", "csv"):
        err.print(f"Error: --format must be jsonl or csv, not {fmt!r}")
        raise typer.Exit(2)
    _require_store(db)
    with Store(db) as store, (output.open("w", encoding="utf-8", newline="") if output else _stdout()) as stream:
        rows = _export_rows(store)
        if fmt == "jsonl":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()})


def _export_rows(store: Store):
    copies = store.near_duplicates()
    sources = store.sources_of()
    for article in store.articles():
        row = article.to_dict()
        row["near_duplicates"] = [{"id": other, "similarity": similarity} for other, similarity in copies.get(article.id, [])]
        row["sources"] = sources.get(article.id, [article.source])
        yield {key: row.get(key) for key in EXPORT_FIELDS} | {k: v for k, v in row.items() if k not in EXPORT_FIELDS}


class _stdout:
    """stdout as a context manager that is not closed on exit."""

    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc_info: object) -> None:
        sys.stdout.flush()


def _require_store(db: Path) -> None:
    if not db.exists():
        err.print(f"Error: no store at {db}; create one with `parallax ingest PATH --db {db}`")
        raise typer.Exit(2)


# ---------------------------------------------------------------- extract


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

    outcomes = extract_file(file, _settings(None, encoding, field_map))
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
        _print_rejected(rejected)
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


# ---------------------------------------------------------------- language


@app.command()
@guarded
def annotate(
    file: Annotated[Path, typer.Argument(help="One file of any supported format.", exists=True, dir_okay=False)],
    dct: Annotated[Optional[str], typer.Option("--dct", help="Document creation time, YYYY-MM-DD (default: from metadata, else inferred).")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Skip extraction and cleaning: offsets are into the file's exact text.")] = False,
    framing_model: FramingModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """Sentences (with bias scores), entities, dates, quotes, events, claims and loaded terms of one document; nothing is stored."""
    _check_dct(dct)
    items, rejected = _annotation_inputs(file, dct, raw)
    results = pipeline.annotate_documents(items, _framing_model(framing_model))
    if as_json and results:
        print(json.dumps(results[0] if len(results) == 1 and not rejected else results, ensure_ascii=False, indent=2))
    elif results:
        for result in results:
            _print_annotation(result)
    if rejected:
        _print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else 0)


def _check_dct(dct: str | None) -> None:
    import datetime as dt

    if dct is None:
        return
    try:
        dt.date.fromisoformat(dct)
    except ValueError:
        err.print(f"Error: --dct must be a date as YYYY-MM-DD, not {dct!r}")
        raise typer.Exit(2) from None


def _annotation_inputs(file: Path, dct: str | None, raw: bool):
    from ..ingest import decode_text, extract_file
    from ..language import article_dct

    if raw:
        text = decode_text(file.read_bytes())
        return [(file.name, text, dct, False)], []
    outcomes = extract_file(file, Settings())
    articles = [o for o in outcomes if isinstance(o, Article)]
    rejected = [o for o in outcomes if isinstance(o, Rejected)]
    return [(a.id, a.text, *((dct, False) if dct else article_dct(a))) for a in articles], rejected


def _print_annotation(result: dict[str, Any]) -> None:
    dct = result["dct"] or " to ".join(str(v) for v in result["dct_range"])
    err.print(f"[bold]DCT:[/bold] {dct}{' (inferred)' if result['dct_inferred'] else ''}", markup=True)
    err.print(f"{len(result['sentences'])} sentences, {len(result['entities'])} entity mentions, "
              f"{len(result['timexes'])} time expressions, {len(result['quotes'])} quotes "
              f"({result['anonymous_sources']} anonymous), {len(result['events'])} dated events")
    for timex in result["timexes"]:
        print(f"time    {timex['text']!r:32} {timex['type']:9} {timex['value']}{' (inferred)' if timex['inferred'] else ''}")
    for quote in result["quotes"]:
        speaker = (quote["speaker"] or {}).get("text", "?")
        print(f"quote   [{quote['kind']}, {quote['source_kind']}] {speaker}: {quote['content']['text'][:100]}")
    for event in result["events"]:
        print(f"event   {event['date']:12} {event['label']}")


@app.command()
@guarded
def entities(db: DbOption = DEFAULT_DB, as_json: JsonOption = False, quiet: QuietOption = False,
             limit: Annotated[int, typer.Option("--limit", help="How many to list (without --json).", min=1)] = 50) -> None:
    """The canonical entities of the store, with aliases, types, mention counts and outlets.

    Articles not annotated yet are annotated first (and kept).
    """
    from ..language import entity_json

    _require_store(db)
    with Store(db) as store:
        _run_with_progress(lambda progress: pipeline.annotate(store, progress), quiet or as_json, "Annotating")
        _, resolution = pipeline.resolved(store)
    if as_json:
        rows = [entity_json(e, resolution.labels) for e in resolution.entities]
        print(json.dumps({"entities": rows}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(resolution.entities)} entities", title_justify="left")
    for column in ("name", "type", "mentions", "articles", "outlets", "aliases"):
        table.add_column(column, overflow="fold")
    for entity in resolution.entities[:limit]:
        aliases = ", ".join(f"{text} ({count})" for text, count in entity.aliases[:6])
        table.add_row(entity.name, entity.type, str(entity.mention_count), str(len(entity.article_ids)),
                      ", ".join(entity.outlets[:4]), aliases)
    Console(highlight=False).print(table)


# ---------------------------------------------------------------- stories


@app.command()
@guarded
def stories(db: DbOption = DEFAULT_DB, as_json: JsonOption = False, quiet: QuietOption = False) -> None:
    """The stories (articles reporting the same event) and topics of the store."""
    from ..stories import story_json, topic_json

    _require_store(db)
    with Store(db) as store:
        _run_with_progress(lambda progress: pipeline.annotate(store, progress), quiet or as_json, "Annotating")
        annotated, resolution = pipeline.resolved(store)
        found, topics = pipeline.stories(store, annotated, resolution)
    if as_json:
        print(json.dumps({"stories": [story_json(s) for s in found], "topics": [topic_json(t) for t in topics]},
                         ensure_ascii=False, indent=2))
        return
    names = {t.id: t.label for t in topics}
    table = Table(title=f"{len(found)} stories in {len(topics)} topics", title_justify="left")
    for column in ("story", "articles", "outlets", "published", "topic"):
        table.add_column(column, overflow="fold")
    for story in found:
        when = " to ".join(dict.fromkeys(d for d in (story.first_published, story.last_published) if d)) or "(undated)"
        table.add_row(story.label, str(len(story.article_ids)), ", ".join(story.outlets[:4]), when, names[story.topic_id])
    Console(highlight=False).print(table)


@app.command()
@guarded
def restory(db: DbOption = DEFAULT_DB, quiet: QuietOption = False) -> None:
    """Recluster every article of the store into stories and topics (ingest places new ones as they come)."""
    _require_store(db)
    with Store(db) as store:
        count = pipeline.restory(store)
    if not quiet:
        err.print(f"{count} stories written to {db}.")


# ---------------------------------------------------------------- evaluation

EVAL_TASKS = ("timex", "quotes", "coref", "stories", "framing")


@app.command("eval")
@guarded
def evaluate(
    task: Annotated[str, typer.Argument(help=f"One of: {', '.join(EVAL_TASKS)}.")],
    data: Annotated[Path, typer.Option("--data", help="The labeled data folder (e.g. ../shared/eval/tempeval3).", exists=True, file_okay=False)],
    split: Annotated[str, typer.Option("--split", help="quotes: the PolNeAR split.")] = "dev",
    language: Annotated[bool, typer.Option("--language", help="stories: also score the language layer's features (spaCy: minutes).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Measure a component on labeled data, printed beside the published figures.

    timex: TempEval-3 TimeML folder; quotes: PolNeAR folder; coref: ECB+ folder;
    stories: the folder holding ecbplus/ and basil/ (or one of them), with
    ``--language`` also as ``parallax ingest`` annotates them;
    framing: the folder holding babe/ and basil/ (or one of them).
    """
    if task not in EVAL_TASKS:
        err.print(f"Error: unknown evaluation {task!r}; choose one of {', '.join(EVAL_TASKS)}")
        raise typer.Exit(2)
    result, text = _eval_stories(data, split, language) if task == "stories" else _EVALUATIONS[task](data, split)
    print(json.dumps(result, indent=2, default=str) if as_json else text)


def _eval_timex(data: Path, split: str):
    from ..evaluation.timex import evaluate_timex, format_table

    result = evaluate_timex(data)
    return result, format_table(result)


def _eval_quotes(data: Path, split: str):
    from ..evaluation.quotes import evaluate_quotes, format_report

    result = evaluate_quotes(data, split)
    return result, format_report(result)


def _eval_coref(data: Path, split: str):
    from ..evaluation.coref import evaluate_coref, format_report

    result = evaluate_coref(data)
    return result, format_report(result)


def _eval_stories(data: Path, split: str, language: bool = False):
    from ..evaluation.stories import evaluate_stories, result_lines

    result = evaluate_stories(data, language=language)
    return result, "\n".join(result_lines(result))


def _eval_framing(data: Path, split: str):
    from .framing import eval_framing, framing_eval_lines

    result = eval_framing(data, split)
    return result, "\n".join(framing_eval_lines(result))


_EVALUATIONS = {"timex": _eval_timex, "quotes": _eval_quotes, "coref": _eval_coref, "stories": _eval_stories,
                "framing": _eval_framing}


# ---------------------------------------------------------------- analyze and serve


@app.command()
@guarded
def analyze(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files and folders to ingest first (optional).", exists=True)] = None,
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.json, report.md and report.html.", file_okay=False)] = Path("parallax-report"),
    framing_model: FramingModelOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare coverage: ingest PATHs, then write the report (claims, conflicts, framing, timeline, cited summary)."""
    model = _framing_model(framing_model)
    rejected: list[Rejected] = []
    with Store(db) as store:
        if paths:
            report = _run_with_progress(lambda progress: pipeline.ingest(paths, store, Settings(), progress), quiet or as_json)
            rejected = report.rejected
        written = _write_analysis(store, out, model, quiet or as_json)
    if as_json:
        print(json.dumps({name: str(path) for name, path in written.items()}, indent=2))
    elif not quiet:
        err.print(f"Open {written['html']} in a browser, or browse the store: parallax serve --db {db}")
    if rejected:
        _print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else 0)


def _write_analysis(store: Store, out: Path, model: Any, quiet: bool) -> dict[str, Path]:
    from ..report import write_report

    report = _run_with_progress(lambda progress: pipeline.analyze(store, model, progress), quiet, "Annotating")
    written = write_report(report, out)
    if not quiet:
        err.print(f"{len(report['articles'])} article(s), {len(report['stories'])} story(ies), {len(report['claims'])} claim group(s), "
                  f"{sum(1 for c in report['claims'] if c['conflicts'])} with conflicts, {len(report['timeline'])} timeline entries.")
        err.print(f"Wrote {written['json']}, {written['md']} and {written['html']}")
    return written


def _framing_model(folder: Path | None):
    if folder is None:
        return None
    from ..framing import load_framing_model

    return load_framing_model(folder)


@app.command()
@guarded
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (a token is required beyond loopback).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[Optional[str], typer.Option("--token", envvar="PARALLAX_TOKEN",
                                                 help="Token required for uploads (and any non-loopback use).")] = None,
) -> None:
    """Browse the store in a local web app: stories, claims, framing, timeline, search, upload; JSON API at /docs."""
    from ..web.server import check_bind, serve as run_server

    _require_store(db)
    check_bind(host, token)  # refuse a public address without a token before saying anything else
    err.print(f"Serving {db} on http://{host}:{port}/ (Ctrl+C stops)")
    run_server(db, host, port, token)


# ---------------------------------------------------------------- demo


@app.command()
@guarded
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo store (emptied first).", file_okay=False)] = Path("demo-output"),
    quiet: QuietOption = False,
) -> None:
    """Ingest the bundled sample corpus into a fresh store and summarise it."""
    from ..demo import demo_corpus_path

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = out / "parallax.db"
    with Store(db) as store:
        report = _run_with_progress(lambda progress: pipeline.ingest([demo_corpus_path()], store, Settings(), progress), quiet)
        figures = store.stats()
    if not quiet:
        _print_ingest_summary(report, figures["articles"], db)
        err.print(f"Outlets: {', '.join(f'{k} ({v})' for k, v in figures['by_outlet'].items())}")
        err.print(f"Formats: {', '.join(f'{k} ({v})' for k, v in figures['by_format'].items())}")
        err.print(f"Explore it: parallax stats --db {db}   |   parallax export --db {db} --format jsonl")
    with Store(db) as store:
        written = _write_analysis(store, out / "report", None, quiet)
    if not quiet:
        err.print(f"Report: {written['html'].resolve()}")
        err.print(f"Browse it: parallax serve --db {db}")
    raise typer.Exit(EXIT_REJECTED if report.rejected else 0)


from .framing import train_app  # noqa: E402

app.add_typer(train_app, name="train")


def run() -> None:
    """Console-script entry point."""
    app()
