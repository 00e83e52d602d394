"""PARALLAX_LOG shows what the stages do, on standard error; stages print nothing themselves."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from newsparallax import pipeline
from newsparallax.cli.main import configure_logging


def test_stage_boundaries_log_at_debug(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Kishida will attend the NATO summit in Vilnius in July, officials said. " * 4)
    from newsparallax.config import Settings
    from newsparallax.store import Store

    with caplog.at_level(logging.DEBUG, logger="newsparallax"), Store(tmp_path / "s.db") as store:
        pipeline.ingest([tmp_path / "a.txt"], store, Settings(annotate=False))
    messages = [r.getMessage() for r in caplog.records]
    assert "ingest: 1 input(s)" in messages
    assert "ingest: 1 added, 0 rejected" in messages


def test_an_unknown_level_is_refused_in_one_line():
    run = subprocess.run([sys.executable, "-m", "newsparallax", "--version"], capture_output=True, text=True,
                         env={"PARALLAX_LOG": "loud", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2
    assert run.stderr.strip() == "Error: PARALLAX_LOG must be debug, info, warning or error, not 'loud'"


@pytest.mark.parametrize("level", [None, ""])
def test_no_level_adds_no_handler(level):
    before = list(logging.getLogger("newsparallax").handlers)
    configure_logging(level)
    assert logging.getLogger("newsparallax").handlers == before
