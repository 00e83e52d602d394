"""The ``parallax`` command line: thin typer commands that check their inputs and call ``pipeline`` or a stage.

``main`` holds the app and the store commands; ``common`` what every command
shares (exit codes, options, ``guarded``); ``framing`` the ``train`` group and
the framing evaluation. Heavy libraries are imported inside commands, so
``parallax --help`` starts at once.
"""

from __future__ import annotations

from .main import app, run

__all__ = ["app", "run"]
