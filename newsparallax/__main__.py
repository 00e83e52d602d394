"""``python -m newsparallax`` runs the ``parallax`` command line."""

from .cli import run

run()
