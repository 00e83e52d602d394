"""The ``parallax`` command line: thin typer commands over ``pipeline`` and the stages.

Data goes to standard output (``--json``, ``export``); progress, summaries and
messages go to standard error, so output can be piped. Exit codes:

* 0 — done, nothing rejected;
* 1 — done, but some inputs were rejected (the good ones are stored; each bad one is listed);
* 2 — the command line is wrong (unknown option, missing file);
* 3 — the engine refused to run (the store cannot be opened, a setting is invalid);
* 70 — an internal error (a bug: run again with PARALLAX_DEBUG=1 for the traceback and report it).

Each command group is a module that registers its commands on ``common.app``:
``ingest`` (ingest, extract), ``export`` (stats, export), ``language`` (annotate,
entities, stories, restory), ``evaluate`` (eval), ``analyze`` (analyze, serve,
demo), ``framing`` (train framing).
"""

from __future__ import annotations

import logging
import os
import sys

# Each module registers its commands on app; the order here is the order of `parallax --help`.
from . import ingest, export, language, evaluate, analyze  # noqa: F401, I001
from .common import app, err
from .framing import train_app

app.add_typer(train_app, name="train")

__all__ = ["app", "configure_logging", "run"]


def run() -> None:
    """Console-script entry point; ``PARALLAX_LOG=debug`` (or info, warning) shows what the stages are doing."""
    configure_logging(os.environ.get("PARALLAX_LOG"))
    app()


def configure_logging(level: str | None) -> None:
    """Send the package's log records to standard error at ``level`` (nothing when None or empty).

    An unknown level is said in one line and ends the run with exit code 2.
    """
    if not level:
        return
    number = logging.getLevelName(level.upper())
    if not isinstance(number, int):
        err.print(f"Error: PARALLAX_LOG must be debug, info, warning or error, not {level!r}", markup=False)
        raise SystemExit(2)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    package = logging.getLogger("newsparallax")
    package.setLevel(number)
    package.addHandler(handler)
