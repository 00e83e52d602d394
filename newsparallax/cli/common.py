"""What every ``parallax`` command shares: the app, the error console, exit codes, options, ``guarded``, helpers.

Command modules (``ingest``, ``export``, ``language``, ``evaluate``,
``analyze``, ``framing``) register on ``app`` here; ``main`` imports them, so
no command module imports another's registration or ``main``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from .. import __version__
from ..errors import ParallaxError
from ..records import Rejected

app = typer.Typer(
    name="parallax",
    help="Parallax: read one news story through every outlet that covered it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
EXIT_REJECTED, EXIT_REFUSED, EXIT_INTERNAL = 1, 3, 70

DbOption = Annotated[Path, typer.Option("--db", help="The SQLite store.", dir_okay=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on standard output.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors only.")]


FramingModelOption = Annotated[Optional[Path], typer.Option(
    "--framing-model", help="A model folder from 'parallax train framing' to score sentences (default: the shipped lexicon rules).",
    file_okay=False)]


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn engine errors into a one-line message and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ParallaxError as exc:
            err.print(f"[red]Error:[/red] {exc}", markup=True)
            raise typer.Exit(EXIT_REFUSED) from None
        except KeyboardInterrupt:
            err.print("Interrupted: what was committed stays in the store; run the same command again to finish.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # the last line of defence: a bug must not print a bare traceback
            if os.environ.get("PARALLAX_DEBUG"):
                raise
            err.print(f"[red]Internal error:[/red] {type(exc).__name__}: {exc}", markup=True)
            err.print("This is a bug. Run again with PARALLAX_DEBUG=1 to see the traceback, and please report it.")
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        print(f"parallax {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = None,
) -> None:
    """Parallax: read one news story through every outlet that covered it."""


def run_with_progress(work: Callable[[Any], Any], quiet: bool, verb: str = "Ingesting") -> Any:
    """Run ``work(progress)`` under a rich progress bar on standard error (none when ``quiet``)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if quiet:
        return work(None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(verb, total=None)

        def advance(number: int, total: int, name: str) -> None:
            bar.update(task, completed=number, total=total, description=f"{verb} {Path(name).name[:40]}")

        return work(advance)


def print_rejected(rejected: list[Rejected]) -> None:
    """List rejected inputs on standard error, one line each."""
    # One line each, never wrapped: easy to grep, and the file name stays whole.
    err.print(f"Rejected ({len(rejected)}):")
    for item in rejected:
        err.print(f"  {item.source}: {item.reason} [{item.stage}]", markup=False)


def require_store(db: Path) -> None:
    """Exit with code 2 and a hint when there is no store at ``db``."""
    if not db.exists():
        err.print(f"Error: no store at {db}; create one with `parallax ingest PATH --db {db}`")
        raise typer.Exit(2)


def framing_model_from(folder: Path | None):
    """The trained framing model in ``folder`` (``--framing-model``), or None for the shipped rules."""
    if folder is None:
        return None
    from ..framing import load_framing_model

    return load_framing_model(folder)
