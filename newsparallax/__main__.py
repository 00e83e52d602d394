"""``python -m newsparallax`` runs the ``parallax`` command line."""

from .cli.main import run

run()
