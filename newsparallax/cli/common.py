"""What every ``parallax`` command shares: the error console, exit codes, common options, ``guarded``.

Kept apart from ``cli.py`` so that command modules (``cli_framing``) and
``cli.py`` import it without importing each other.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from ..errors import ParallaxError

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
