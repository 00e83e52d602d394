"""``parallax analyze``, ``serve`` and ``demo``: the comparison report, the web app, the bundled sample."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import pipeline
from ..config import DEFAULT_DB, Settings
from ..records import Rejected
from ..store import Store
from .common import (
    EXIT_REJECTED, DbOption, FramingModelOption, JsonOption, QuietOption, app, err, framing_model_from, guarded,
    print_rejected, require_store, run_with_progress,
)
from .ingest import print_ingest_summary


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
    model = framing_model_from(framing_model)
    rejected: list[Rejected] = []
    with Store(db) as store:
        if paths:
            report = run_with_progress(lambda progress: pipeline.ingest(paths, store, Settings(), progress), quiet or as_json)
            rejected = report.rejected
        written = _write_analysis(store, out, model, quiet or as_json)
    if as_json:
        print(json.dumps({name: str(path) for name, path in written.items()}, indent=2))
    elif not quiet:
        err.print(f"Open {written['html']} in a browser, or browse the store: parallax serve --db {db}")
    if rejected:
        print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else 0)


def _write_analysis(store: Store, out: Path, model: Any, quiet: bool) -> dict[str, Path]:
    from ..report import write_report

    report = run_with_progress(lambda progress: pipeline.analyze(store, model, progress), quiet, "Annotating")
    written = write_report(report, out)
    if not quiet:
        err.print(f"{len(report['articles'])} article(s), {len(report['stories'])} story(ies), {len(report['claims'])} claim group(s), "
                  f"{sum(1 for c in report['claims'] if c['conflicts'])} with conflicts, {len(report['timeline'])} timeline entries.")
        err.print(f"Wrote {written['json']}, {written['md']} and {written['html']}")
    return written


@app.command()
@guarded
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (a token is required beyond loopback).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[Optional[str], typer.Option(
        "--token", envvar="PARALLAX_TOKEN", help="Token required for uploads (and any non-loopback use).")] = None,
) -> None:
    """Browse the store in a local web app: stories, claims, framing, timeline, search, upload; JSON API at /docs."""
    from ..web.server import check_bind, serve as run_server

    require_store(db)
    check_bind(host, token)  # refuse a public address without a token before saying anything else
    err.print(f"Serving {db} on http://{host}:{port}/ (Ctrl+C stops)")
    run_server(db, host, port, token)


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
        report = run_with_progress(lambda progress: pipeline.ingest([demo_corpus_path()], store, Settings(), progress), quiet)
        figures = store.stats()
    if not quiet:
        print_ingest_summary(report, figures["articles"], db)
        err.print(f"Outlets: {', '.join(f'{k} ({v})' for k, v in figures['by_outlet'].items())}")
        err.print(f"Formats: {', '.join(f'{k} ({v})' for k, v in figures['by_format'].items())}")
        err.print(f"Explore it: parallax stats --db {db}   |   parallax export --db {db} --format jsonl")
    with Store(db) as store:
        written = _write_analysis(store, out / "report", None, quiet)
    if not quiet:
        err.print(f"Report: {written['html'].resolve()}")
        err.print(f"Browse it: parallax serve --db {db}")
    raise typer.Exit(EXIT_REJECTED if report.rejected else 0)
