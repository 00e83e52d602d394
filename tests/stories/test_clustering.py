"""Story clustering: order independence, determinism, splits and joins, time, topics, and a quality gate.

The quality gate runs on the development splits of ECB+ and BASIL when
``../shared/eval`` is present and is skipped otherwise (a user's clone).
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from newsparallax.stories.clustering import (
    DocumentFrequencies,
    StoryParams,
    _close_mask,
    cluster,
    joint_matrix,
    cluster_topics,
)
from newsparallax.stories.features import ArticleFeatures, article_features

from ..conftest import EVAL

# Measured with the default StoryParams on the development splits; the gate allows 0.02 below.
MEASURED_F1 = {"ecbplus": 0.927, "basil": 0.993}

PIRATES_2008 = ("The Indian Navy captured 23 Somali pirates in the Gulf of Aden on Saturday after they tried to board "
                "the Ethiopian merchant vessel MV Gibe, the warship INS Mysore responding to a distress call.")
PIRATES_2011 = ("Indian Naval Ship Sukanya foiled a pirate attack in the Gulf of Aden on Thursday and arrested 26 Somali "
                "pirates aboard three skiffs, seizing AK-47 rifles, the Navy said in Mumbai.")
QUAKE = ("A magnitude 6.1 earthquake struck Nagano prefecture in central Japan, killing twelve people and "
         "collapsing houses in the mountain town of Hakuba, the Japan Meteorological Agency said.")
MERGER = ("Shareholders of Rheinmetall approved the takeover of the Danish ammunition maker Nammo at an "
          "extraordinary meeting in Dusseldorf, chief executive Armin Papperger said.")


def _articles(texts: dict[str, tuple[str, str | None]]):
    return [article_features(key, None, text, (day, day) if day else None) for key, (text, day) in texts.items()]


def _copies(stem: str, text: str, day: str | None, count: int) -> dict[str, tuple[str, str | None]]:
    """Wire copies: the same report with a different closing sentence per outlet."""
    return {f"{stem}{n}": (f"{text} Outlet {n} contributed reporting.", day) for n in range(count)}


def _mixed_set():
    texts = {}
    texts.update(_copies("pir08-", PIRATES_2008, "2008-12-13", 3))
    texts.update(_copies("pir11-", PIRATES_2011, "2011-11-11", 3))
    texts.update(_copies("quake-", QUAKE, "2014-11-23", 3))
    texts.update(_copies("merger-", MERGER, "2024-02-02", 2))
    texts["lone"] = ("The city council of Valencia voted to extend the tram line to the port district.", "2024-02-03")
    return _articles(texts)


# ---------------------------------------------------------------- properties


def test_order_does_not_matter():
    features = _mixed_set()
    expected = cluster(features)
    for seed in range(5):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected


def test_deterministic_and_well_formed():
    features = _mixed_set()
    first, second = cluster(features), cluster(features)
    assert first == second
    assert all(group == sorted(group) for group in first)
    assert [group[0] for group in first] == sorted(group[0] for group in first)
    assert sorted(a for group in first for a in group) == sorted(f.article_id for f in features)


def test_expected_groups_on_the_mixed_set():
    groups = cluster(_mixed_set())
    assert ["pir08-0", "pir08-1", "pir08-2"] in groups
    assert ["pir11-0", "pir11-1", "pir11-2"] in groups
    assert ["quake-0", "quake-1", "quake-2"] in groups
    assert ["merger-0", "merger-1"] in groups
    assert ["lone"] in groups


def test_given_frequencies_match_computed_ones():
    features = _mixed_set()
    frequencies = DocumentFrequencies()
    for item in features:
        frequencies.add(item)
    assert cluster(features, StoryParams(), frequencies) == cluster(features)


def test_empty_and_single():
    assert cluster([]) == []
    assert cluster(_articles({"x": (QUAKE, None)})) == [["x"]]
    assert cluster(_articles({"a": (QUAKE, None), "b": ("", None), "c": (QUAKE, None), "d": ("...", None)})) == [
        ["a", "c"], ["b"], ["d"]]


def test_small_blocks_give_the_same_graph():
    features = _mixed_set()
    assert cluster(features, StoryParams(block_rows=1)) == cluster(features)
    assert cluster(features, StoryParams(product_budget=1)) == cluster(features)


def test_joint_matrix_rows_are_the_vectors_bit_for_bit():
    """The numpy matrix must hold exactly ``vector``'s floats: the graph's sums depend on every bit."""
    tied = {f"w{i:03d}": 1 + i % 3 for i in range(150)}  # over max_features, with many equal weights
    features = [*_mixed_set(), ArticleFeatures("long", tied, {"w001": 2}, {}, None, None),
                ArticleFeatures("empty", {}, {}, {}, None, None)]
    frequencies = DocumentFrequencies(features)
    for params in (StoryParams(), StoryParams(max_features=5, weights=(0.2, 0.5, 0.3))):
        matrix = joint_matrix(features, frequencies, params)
        for row, item in enumerate(features):
            expected = [value for _, value in sorted(frequencies.vector(item, params).items())]
            assert matrix.data[matrix.indptr[row]:matrix.indptr[row + 1]].tolist() == expected


# ---------------------------------------------------------------- splits and joins


def test_similar_events_split_by_their_specifics():
    """Two anti-piracy operations in the Gulf of Aden, undated, among other news: each report's nearest are its own."""
    texts = {}
    for stem, text in (("a", PIRATES_2008), ("b", PIRATES_2011)):
        for n, extra in enumerate(("The crew was unharmed.", "Officials gave no further details.",
                                   "The operation was the navy's latest in the region.", "", "Video showed the skiffs.",
                                   "The ship continued its voyage.", "Naval officers briefed reporters.")):
            texts[f"{stem}{n}"] = (f"{text} {extra}", None)
    groups = cluster(_articles(texts))
    assert groups == [[f"a{n}" for n in range(7)], [f"b{n}" for n in range(7)]]


def test_two_clearly_different_events_split():
    features = _articles({"q": (QUAKE, "2014-11-23"), "m": (MERGER, "2014-11-23")})
    assert cluster(features) == [["m"], ["q"]]


def test_wire_copies_join():
    texts = _copies("wire", QUAKE, "2014-11-23", 4)
    texts["other"] = (MERGER, "2014-11-23")
    assert cluster(_articles(texts)) == [["other"], ["wire0", "wire1", "wire2", "wire3"]]


def test_a_year_apart_the_same_words_make_two_stories():
    text = ("Dockers at the port of Valencia walked out over automation plans, halting container traffic "
            "as the union and the port authority failed to agree.")
    features = _articles({"a1": (text, "2022-03-01"), "a2": (text + " Talks resume.", "2022-03-02"),
                          "b1": (text, "2023-03-01"), "b2": (text + " Talks resume.", "2023-03-02")})
    assert cluster(features) == [["a1", "a2"], ["b1", "b2"]]
    undated = [replace(f, day_start=None, day_end=None) for f in features]
    assert cluster(undated) == [["a1", "a2", "b1", "b2"]]


def test_close_neighbours_are_relative_to_the_nearest():
    rows = np.array([0, 0, 0, 0, 1, 1])
    values = np.array([0.9, 0.8, 0.5, 0.3, 0.4, 0.1])
    params = StoryParams(relative=0.5, min_neighbours=1, neighbours=50)
    assert _close_mask(rows, values, params).tolist() == [True, True, True, False, True, False]
    assert _close_mask(rows, values, replace(params, min_neighbours=3)).tolist() == [True, True, True, False, True, True]
    assert _close_mask(rows, values, replace(params, relative=0.0, neighbours=2)).tolist() == [True, True, False, False, True, True]


def test_far_past_an_open_start_the_damping_stops_at_the_floor():
    """The last date an article names may be background: far past it, a pair keeps ``open_floor`` of its similarity."""
    import datetime as dt

    from newsparallax.stories.clustering import OPEN_END_ORDINAL, _time_factors

    day = lambda text: dt.date.fromisoformat(text).toordinal()  # noqa: E731
    starts = np.array([day("2004-03-01"), day("2008-06-02"), day("2008-05-25")])
    ends = np.array([OPEN_END_ORDINAL, day("2008-06-02"), OPEN_END_ORDINAL])
    far, near = _time_factors(np.array([0, 2]), np.array([1, 1]), starts, ends, StoryParams())
    assert far == pytest.approx(StoryParams().open_floor)
    assert StoryParams().open_floor < near < 1.0


def test_language_features_keep_capitalised_names_and_add_time_terms():
    from newsparallax.records import Article, DateEstimate
    from newsparallax.stories.placement import features_of

    article = Article("a", "test", "text", "Dockworkers in Valencia walked out on Monday.", published=DateEstimate("2025-06-03", False))
    annotation = {"mentions": [], "timexes": [{"type": "DATE", "value": "2025-06-02", "inferred": False}], "dct": {}}
    names = features_of(article, annotation).names
    assert names["valencia"] == 1 and names["@2025-06"] == 1 and names["@2025-W23"] == 1


# ---------------------------------------------------------------- topics


def test_cluster_topics_joins_related_stories():
    strike = [article_features(f"s{n}", "Valencia dockers strike", "Dockers at the port of Valencia went on strike over "
                               f"automation, the Coordinadora union said. Report {n}.", ("2023-05-02", "2023-05-02"))
              for n in range(2)]
    deal = [article_features("d0", "Valencia dock strike ends", "The Coordinadora union and the port of Valencia "
                             "signed a deal on automation, ending the dockers' strike.", ("2023-06-20", "2023-06-20"))]
    quake = [article_features("q0", None, QUAKE, ("2023-05-02", "2023-05-02"))]
    assert cluster_topics([strike, deal, quake], StoryParams()) == [[0, 1], [2]]
    assert cluster_topics([quake, deal, strike], StoryParams()) == [[0], [1, 2]]
    assert cluster_topics([], StoryParams()) == []


# ---------------------------------------------------------------- quality gate on the development data


@pytest.fixture(scope="module")
def eval_sets():
    if not EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {EVAL}")
    from newsparallax.evaluation.stories import LOADERS

    return {name: loader(EVAL) for name, loader in LOADERS.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ecbplus", "basil"])
def test_quality_gate(eval_sets, name):
    from newsparallax.evaluation.stories import features_of, score

    articles = eval_sets[name]
    features = features_of(articles)
    f1 = score(articles, cluster(features))["bcubed_f1"]
    assert f1 >= MEASURED_F1[name] - 0.02, f"{name} B3 F1 {f1:.3f} < {MEASURED_F1[name]} - 0.02"


@pytest.mark.slow
def test_order_does_not_matter_on_real_data(eval_sets):
    from newsparallax.evaluation.stories import features_of

    features = features_of(eval_sets["ecbplus"])
    shuffled = features[:]
    random.Random(1).shuffle(shuffled)
    assert cluster(shuffled) == cluster(features)
