"""Dating undated articles by one another (anchoring), and the seeds' stories in any order of arrival."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsparallax.language.anchoring import AnchorIndex, DatedSentence, anchor_statements
from newsparallax.config import Settings
from newsparallax.pipeline import ingest as ingest_paths
from newsparallax.store import Store
from newsparallax.language.timex.dct import Statement, estimate_dct

PLACES = {"vilnius", "lithuania", "madrid", "spain", "washington"}
VILNIUS = DatedSentence("b", "2023-07-11", "The 2023 summit will take place in Vilnius, Lithuania on July 11 and 12.")


def _floating(sentence: str, value: str = "XXXX-07-11", tense: str = "future") -> Statement:
    return Statement("July 11", value, tense, sentence)


def test_a_yearless_day_takes_the_year_another_article_gives_the_same_event():
    statement = _floating("Kishida will attend the NATO summit in Vilnius, Lithuania, on July 11.")
    [anchored] = anchor_statements("a", [statement], AnchorIndex.build([VILNIUS], PLACES))
    assert anchored.value == "2023-07-11" and anchored.kind == "anchored:b" and anchored.tense == "future"


def test_the_article_itself_is_never_its_own_anchor():
    statement = _floating("Kishida will attend the NATO summit in Vilnius, Lithuania, on July 11.")
    assert anchor_statements("b", [statement], AnchorIndex.build([VILNIUS], PLACES)) == [statement]


def test_an_annual_event_named_without_its_place_stays_yearless():
    earlier = DatedSentence("c", "2022-07-11", "The 2022 summit will take place in Madrid, Spain on July 11.")
    statement = _floating("The summit will take place on July 11, officials in Vilnius, Madrid and Lithuania, Spain said.")
    index = AnchorIndex.build([VILNIUS, earlier], PLACES)
    assert anchor_statements("a", [statement], index)[0].value == "XXXX-07-11"


def test_different_events_on_the_same_day_do_not_anchor():
    statement = _floating("Floods hit Washington on July 11, the mayor said.", tense="past")
    assert anchor_statements("a", [statement], AnchorIndex.build([VILNIUS], PLACES))[0].value == "XXXX-07-11"


def test_relative_dates_are_left_to_the_dct():
    statement = Statement("last July", "XXXX-07", "past", "Kishida attended the summit in Vilnius, Lithuania last July.", "month", "last")
    assert anchor_statements("a", [statement], AnchorIndex.build([VILNIUS], PLACES)) == [statement]


def test_a_bare_year_becomes_the_day_another_article_gives():
    statement = Statement("2023", "2023", "past", "Leaders attended the 2023 NATO summit in Vilnius, Lithuania.", "year")
    [refined] = anchor_statements("a", [statement], AnchorIndex.build([VILNIUS], PLACES))
    assert refined.value == "2023-07-11" and refined.kind == "refined:b"


def test_ties_between_anchors_keep_only_what_they_share():
    month = DatedSentence("c", "2023-07", "The 2023 summit will take place in Vilnius, Lithuania in July.")
    statement = Statement("2023", "2023", "past", "Leaders attended the 2023 summit in Vilnius, Lithuania.", "year")
    [refined] = anchor_statements("a", [statement], AnchorIndex.build([VILNIUS, month], PLACES))
    assert refined.value in ("2023-07", "2023-07-11")


def test_an_anchored_future_day_bounds_the_dct_within_the_half_year_before_it():
    statement = Statement("July 11", "2023-07-11", "future", "Kishida will attend on July 11.", "anchored:b")
    estimate = estimate_dct([statement, Statement("May 9", "XXXX-05-09", "past", "Tomita said on May 9.")])
    # July 11 (written without a year) lies within ~180 days after the DCT; May 9 within ~340 days before it
    assert "2023-01-12" <= estimate.range_start and estimate.range_end == "2023-07-11"


# ---------------------------------------------------------------- the seeds, arriving one at a time


def _stories(store: Store) -> list[list[str]]:
    prefix = {a.id: Path(a.source).name[:3] for a in store.articles()}
    return sorted(sorted(prefix[m] for m in members) for _, _, members in store.story_rows())


@pytest.mark.slow
@pytest.mark.parametrize("order", [(4, 3, 2, 1, 0), (2, 0, 4, 1, 3)])
def test_seeds_one_file_at_a_time_give_the_batch_stories(seeds_dir: Path, tmp_path: Path, order, seeds_analyzed):
    files = sorted(seeds_dir.glob("*.txt"))
    with Store(seeds_analyzed[0]) as batch:
        expected_ids = sorted(s for s, _, _ in batch.story_rows())
        expected = _stories(batch)
    with Store(tmp_path / "one-by-one.db") as store:
        for index in order:
            ingest_paths([files[index]], store, Settings())
        assert _stories(store) == expected == [["000", "001", "004"], ["002"], ["003"]]
        assert sorted(s for s, _, _ in store.story_rows()) == expected_ids
        assert len({t for _, t, _ in store.story_rows()}) == 1
