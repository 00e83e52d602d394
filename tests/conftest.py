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


@pytest.fixture(scope="session")
def seeds_analyzed(seeds_dir: Path, tmp_path_factory) -> tuple[Path, dict]:
    """The seeds ingested in one batch and analyzed once per session: (store path, report.json as a dict)."""
    from newsparallax import pipeline
    from newsparallax.config import Settings

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(db) as fresh:
        pipeline.ingest([seeds_dir], fresh, Settings())
        report = pipeline.analyze(fresh)
    return db, report


def by_prefix(report: dict) -> dict[str, str]:
    """Seed prefix ("000") -> article id, from a report's articles."""
    return {Path(a["source"]).name[:3]: a["id"] for a in report["articles"]}
