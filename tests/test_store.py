"""The store and ingest: idempotent, incremental, near-duplicates linked, searchable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsparallax.config import Settings
from newsparallax.errors import StoreError
from newsparallax.pipeline import ingest as ingest_paths
from newsparallax.records import Rejected
from newsparallax.store import Store

STORY = (
    "Dock workers at the port of Rotterdam walked out on Monday after talks over pay and shift patterns broke down. "
    "The union said about 4,000 members joined the strike, while the port authority put the figure at 2,500. "
    "Ships queued outside the harbour as cranes stood idle, and exporters warned of delays lasting weeks. "
    "The transport minister urged both sides to return to the table before the end of the week."
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_seeds_ingest_once_and_only_once(seeds_dir, store):
    first = ingest_paths([seeds_dir], store)
    assert (first.added, first.rejected) == (5, [])
    second = ingest_paths([seeds_dir], store)
    assert (second.added, second.files_unchanged, store.article_count()) == (0, 5, 5)


def test_same_content_under_two_paths_is_one_article_with_two_sources(tmp_path, store):
    write(tmp_path / "in", "a.txt", STORY)
    write(tmp_path / "in", "copy/b.txt", STORY)
    report = ingest_paths([tmp_path / "in"], store)
    assert (report.added, report.already_stored, store.article_count()) == (1, 1, 1)
    [(article_id, sources)] = store.sources_of().items()
    assert sorted(Path(s).name for s in sources) == ["a.txt", "b.txt"]


def test_touched_file_is_read_again_without_duplicates(tmp_path, store):
    path = write(tmp_path, "a.txt", STORY)
    ingest_paths([path], store)
    os.utime(path, ns=(1, 1))
    report = ingest_paths([path], store)
    assert (report.files_unchanged, report.added, report.already_stored) == (0, 0, 1)


def test_incremental_ingest_adds_only_new_files(tmp_path, store):
    write(tmp_path, "a.txt", STORY)
    ingest_paths([tmp_path], store)
    write(tmp_path, "b.txt", STORY.replace("Rotterdam", "Antwerp").replace("Monday", "Friday") + " A second, different story.")
    report = ingest_paths([tmp_path], store)
    assert (report.files_unchanged, report.added, store.article_count()) == (1, 1, 2)


def test_wire_copies_are_linked_not_dropped(tmp_path, store):
    lines = [f'{{"text": "{STORY}", "outlet": "{outlet}", "title": "Strike"}}' for outlet in ("wire.example", "paper.example")]
    lines.append('{"text": "' + STORY.replace("walked out on Monday", "began a strike on Monday") + ' Our reporter adds more.", "outlet": "third.example"}')
    lines.append('{"text": "An unrelated story about a flood in the south of the country, where rivers burst their banks overnight and hundreds left their homes.", "outlet": "third.example"}')
    write(tmp_path, "wire.jsonl", "\n".join(lines))
    report = ingest_paths([tmp_path], store)
    assert (report.added, store.article_count()) == (4, 4)
    copies = store.near_duplicates()
    by_outlet = {a.id: a.outlet for a in store.articles()}
    linked = {frozenset((by_outlet[a], by_outlet[b])) for a, others in copies.items() for b, _ in others}
    assert frozenset(("wire.example", "paper.example")) in linked
    assert frozenset(("wire.example", "third.example")) in linked
    assert len(copies) == 3  # the flood story has no copy
    assert report.near_duplicate_links == store.stats()["near_duplicate_pairs"] == 3


def test_near_duplicate_index_survives_a_new_process(tmp_path):
    db = tmp_path / "s.db"
    write(tmp_path / "one", "a.txt", STORY)
    write(tmp_path / "two", "b.txt", STORY + " One more closing sentence from the second outlet.")
    with Store(db) as store:
        ingest_paths([tmp_path / "one"], store)
    with Store(db) as store:
        ingest_paths([tmp_path / "two"], store)
        assert store.stats()["near_duplicate_pairs"] == 1


def test_full_text_search(tmp_path, store):
    write(tmp_path, "a.txt", STORY)
    ingest_paths([tmp_path], store)
    [(article_id, snippet)] = store.search("cranes")
    assert "[cranes]" in snippet
    assert store.search("volcano") == []
    with pytest.raises(StoreError, match="cannot search"):
        store.search('"unbalanced')


def test_rejections_are_stored_and_cleared_when_fixed(tmp_path, store):
    path = write(tmp_path, "a.txt", "")
    report = ingest_paths([path], store)
    assert report.rejected == [Rejected(str(path), "read", "empty file (0 bytes)")]
    assert store.stats()["rejected_by_reason"] == {"read: empty file (0 bytes)": 1}
    path.write_text(STORY, encoding="utf-8")
    ingest_paths([path], store)
    assert store.rejected() == [] and store.article_count() == 1


def test_short_text_is_rejected_at_the_clean_stage(tmp_path, store):
    path = write(tmp_path, "a.txt", "Share this article\nToo short.")
    [rejected] = ingest_paths([path], store).rejected
    assert rejected.stage == "clean" and "characters of text" in rejected.reason


def test_not_a_store(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bogus.db"):
        Store(bogus)


def test_integrity_and_export_shape(seeds_dir, store):
    ingest_paths([seeds_dir], store, Settings())
    assert store.integrity_ok()
    row = next(store.articles()).to_dict()
    assert {"id", "source", "title", "author", "outlet", "published", "published_inferred", "text", "removed"} <= set(row)


def test_sidecar_and_unknown_outlet_stay_separate(tmp_path, store):
    folder = tmp_path / "in"
    write(folder, "a.txt", STORY)
    shutil.copy(folder / "a.txt", folder / "b.txt")
    write(folder, "articles.csv", "file,outlet,published\nb.txt,paper.example,2025-03-03\n")
    ingest_paths([folder], store)
    articles = {Path(a.source).name: a for a in store.articles()}
    assert articles["b.txt"].outlet == "paper.example" and articles["b.txt"].published.value == "2025-03-03"
    assert articles["a.txt"].outlet is None and articles["a.txt"].published.inferred
    assert articles["b.txt"].metadata_sources["outlet"] == "sidecar"
