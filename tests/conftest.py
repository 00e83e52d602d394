"""Shared fixtures: a fresh store per test, the seed corpus when ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsparallax.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"


@pytest.fixture
def store(tmp_path: Path):
    """A fresh, empty store in its own file."""
    with Store(tmp_path / "test.db") as fresh:
        yield fresh


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles; the test is skipped where ../shared is absent (a user's clone)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


def seed_file(seeds: Path, prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (``"000"``)."""
    return next(seeds.glob(f"{prefix}_*.txt"))
