"""The DCT evaluation's cross-article dating: its batches, its dated setting, its counts, and the seeds anchored."""

from __future__ import annotations


import pytest

from newsparallax.language.entities import EntityMention
from newsparallax.evaluation.dct import (
    DctCase, Parsed, anchor_batches, anchored_estimates, count_changes, evaluate_dct, load_cases,
    metadata_dated, parse_cases, per_document, split_of,
)
from dataclasses import replace

from newsparallax.records import DateEstimate, Timex
from newsparallax.language.timex.dct import Statement

from ..conftest import SHARED


def _case(corpus: str, name: str, group: str, truth: str = "2023-06-01") -> DctCase:
    return DctCase(corpus, name, f"text of {name}", truth, group)


CASES = [_case("basil", "b3", "t1"), _case("basil", "b1", "t1"), _case("basil", "b2", "t1"),
         _case("basil", "c1", "t2"), _case("tempeval3", "x", "tempeval3"), _case("ecbplus", "1_2", "1"),
         _case("ecbplus", "1_1", "1"), _case("ecbplus", "2_1", "2")]


def test_batches_are_groups_sorted_by_name():
    batches = anchor_batches(CASES)
    assert batches == {("basil", "t1"): [1, 2, 0], ("basil", "t2"): [3], ("tempeval3", "tempeval3"): [4],
                       ("ecbplus", "1"): [6, 5], ("ecbplus", "2"): [7]}


def test_every_other_article_of_a_batch_keeps_its_date_in_ecbplus_and_basil_only():
    # the second by name of each batch of two or more: b2 of t1, 1_2 of topic 1
    assert metadata_dated(CASES) == {2, 5}


def test_splits_are_those_of_the_whole_corpus_when_only_some_cases_are_scored():
    assert split_of(CASES)[:4] == ["heldout", "dev", "dev", "dev"]  # b1 b2 b3 c1: the third by name is held out
    estimates = [DateEstimate("2023", True, "2023-01-01", "2023-12-31")] * len(CASES)
    scored = [i in (0, 3) for i in range(len(CASES))]
    results = evaluate_dct(CASES, estimates, scored)
    assert results["basil", "heldout"]["n"] == 1 and results["basil", "dev"]["n"] == 1 and ("ecbplus", "all") not in results


def test_changes_count_right_wrong_and_lost():
    cases = [_case("seeds", n, "seeds") for n in ("a", "b", "c", "d")]
    wide, narrow = DateEstimate("2023", True, "2023-01-01", None), DateEstimate("2023", True, "2023-05-01", "2023-07-01")
    wrong = DateEstimate("2022", True, "2022-01-01", "2022-12-31")
    before, after = [wide, wide, wrong, wide], [narrow, wrong, narrow, wide]
    assert count_changes(cases, before, after)["seeds", "all"] == {"changed": 3, "right": 2, "wrong": 1, "lost": 1}


def _vilnius(name: str, sentence: str, value: str) -> tuple[DctCase, Parsed]:
    at = sentence.index("Vilnius")
    place = EntityMention(name, at, at + 7, "Vilnius", "GPE", "Vilnius")
    statement = Statement("July 11", value, "future", sentence)
    return DctCase("basil", name, sentence, "2023-06-01", "t1"), Parsed((statement,), ((0, len(sentence)),), (place,))


def test_a_batch_dates_an_article_by_another_and_a_dated_one_anchors_through_its_timexes():
    pairs = [_vilnius("a", "Kishida will attend the NATO summit in Vilnius, Lithuania, on July 11.", "XXXX-07-11"),
             _vilnius("b", "Leaders will meet in Vilnius, Lithuania, on July 11 for the NATO summit.", "XXXX-07-11")]
    cases, parsed = [p[0] for p in pairs], [p[1] for p in pairs]
    own = per_document(parsed)
    assert anchored_estimates(cases, parsed, own) == own  # two yearless days date nothing
    at = pairs[1][1].statements[0].sentence.index("July 11")
    parsed[1] = replace(parsed[1], timexes=(Timex(at, at + 7, "July 11", "DATE", "2023-07-11"),))
    anchored = anchored_estimates(cases, parsed, own, dated={1})
    assert own[0].range_start is None and anchored[0].range_end == "2023-07-11" and anchored[1] == own[1]


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir(), reason="shared seed corpus not found")
def test_anchoring_dates_the_seeds_by_one_another():
    """About 10 s: the five seeds parsed once."""
    cases = load_cases(SHARED, ("seeds",))
    parsed = parse_cases(cases)
    own = per_document(parsed)
    by_seed = {c.name[:3]: e for c, e in zip(cases, anchored_estimates(cases, parsed, own))}
    assert "2023-01-01" <= by_seed["001"].range_start <= by_seed["001"].range_end <= "2023-12-31"
    assert by_seed["003"].range_start == "2022-06-29"
    assert evaluate_dct(cases, list(by_seed.values()))["seeds", "all"]["coverage"] == 1.0
