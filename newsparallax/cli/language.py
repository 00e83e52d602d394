"""``parallax annotate``, ``entities``, ``stories`` and ``restory``: the language layer and the stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import pipeline
from ..config import DEFAULT_DB, Settings
from ..records import Article, Rejected
from ..store import Store
from .common import (
    EXIT_REJECTED, DbOption, FramingModelOption, JsonOption, QuietOption, app, err, framing_model_from, guarded,
    print_rejected, require_store, run_with_progress,
)


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
    results = pipeline.annotate_documents(items, framing_model_from(framing_model))
    if as_json and results:
        print(json.dumps(results[0] if len(results) == 1 and not rejected else results, ensure_ascii=False, indent=2))
    elif results:
        for result in results:
            _print_annotation(result)
    if rejected:
        print_rejected(rejected)
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

    require_store(db)
    with Store(db) as store:
        resolution = run_with_progress(lambda progress: pipeline.entities(store, progress), quiet or as_json, "Annotating")
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


@app.command()
@guarded
def stories(db: DbOption = DEFAULT_DB, as_json: JsonOption = False, quiet: QuietOption = False) -> None:
    """The stories (articles reporting the same event) and topics of the store."""
    from ..stories import story_json, topic_json

    require_store(db)
    with Store(db) as store:
        found, topics = run_with_progress(lambda progress: pipeline.stories(store, progress), quiet or as_json, "Annotating")
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
    require_store(db)
    with Store(db) as store:
        count = pipeline.restory(store)
    if not quiet:
        err.print(f"{count} stories written to {db}.")
