"""Crash safety: an ingest killed with SIGKILL mid-run, then run again, loses and repeats nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsparallax.store import Store

from .corpus_maker import article_text, write_corpus

pytestmark = pytest.mark.slow
PARALLAX = [sys.executable, "-m", "newsparallax", "ingest", "--quiet"]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def _kill_when(db: Path, inputs: Path, at_least: int) -> int:
    process = subprocess.Popen([*PARALLAX, str(inputs), "--db", str(db)])
    deadline = time.monotonic() + 120
    while process.poll() is None and _count(db) < at_least and time.monotonic() < deadline:
        time.sleep(0.02)
    if process.poll() is not None:
        pytest.fail(f"ingest finished before it could be killed (at {_count(db)} articles); make the corpus larger")
    process.send_signal(signal.SIGKILL)
    process.wait()
    return _count(db)


def _rerun_and_check(db: Path, inputs: Path, expected: int) -> None:
    done = subprocess.run([*PARALLAX, str(inputs), "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.integrity_ok()
        ids = [a.id for a in store.articles()]
        assert len(ids) == len(set(ids)) == expected
        assert store.stats()["rejected"] == 0


@pytest.mark.parametrize("kill_after", [1, 400])
def test_killed_during_a_folder_of_files(tmp_path, kill_after):
    inputs = tmp_path / "in"
    write_corpus(inputs, 1200)
    db = tmp_path / "s.db"
    stored_at_kill = _kill_when(db, inputs, kill_after)
    assert stored_at_kill < 1200
    _rerun_and_check(db, inputs, 1200)


def test_killed_inside_one_large_jsonl(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    lines = (json.dumps({"title": f"Story {n}", "text": article_text(n), "outlet": "wire.example"}) for n in range(3000))
    (inputs / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    stored_at_kill = _kill_when(db, inputs, 600)
    assert 0 < stored_at_kill < 3000
    _rerun_and_check(db, inputs, 3000)
