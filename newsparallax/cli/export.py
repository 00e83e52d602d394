"""``parallax stats`` and ``parallax export``: what the store holds, as counts or as every article."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..config import DEFAULT_DB
from ..store import Store
from .common import DbOption, JsonOption, app, err, guarded, require_store


@app.command()
@guarded
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts of the store: articles by outlet and format, rejections by reason."""
    require_store(db)
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
    require_store(db)
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
