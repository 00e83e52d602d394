"""The one orchestrator: ingest -> update -> analyze, each step resumable and idempotent."""

from __future__ import annotations

import pytest

from newsparallax import pipeline
from newsparallax.config import Settings
from newsparallax.store import Store

from .corpus_maker import write_corpus


@pytest.fixture
def corpus(tmp_path):
    write_corpus(tmp_path / "in", 8)
    return tmp_path / "in"


def test_update_after_ingest_has_nothing_left_to_do(corpus, tmp_path):
    with Store(tmp_path / "s.db") as store:
        report = pipeline.ingest([corpus], store, Settings())
        assert report.added and report.stories_written
        assert pipeline.update(store, Settings()) == 0
        assert store.articles_without_story() == []


def test_analyze_reads_a_store_ingested_without_the_language_layer(corpus, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest([corpus], store, Settings(annotate=False))
        assert list(store.annotations()) == []
        report = pipeline.analyze(store)
        assert len(list(store.annotations())) == store.article_count()
    assert report["stories"] and report["claims"] and report["entities"]


def test_restory_gives_the_stories_placement_gave(corpus, tmp_path):
    with Store(tmp_path / "s.db") as store:
        pipeline.ingest([corpus], store, Settings())
        placed = sorted(members for _, _, members in store.story_rows())
        pipeline.restory(store)
        assert sorted(members for _, _, members in store.story_rows()) == placed


def test_the_report_of_an_empty_store_is_empty_but_whole():
    with Store(":memory:") as store:
        report = pipeline.analyze(store)
    assert report["articles"] == [] and report["stories"] == [] and "generator" in report
