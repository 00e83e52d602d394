"""The timeline of a story: TIMEX values as intervals, and events merged across articles."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparallax.language.entities import Entity, EntityMention
from newsparallax.language.events import Event
from newsparallax.language.annotate import Annotated, Resolution
from newsparallax.records import DateEstimate, TextSpan, Timex
from newsparallax.compare.timeline import TimelineEntry, build_timeline, timeline_json
from newsparallax.compare.timeline_dates import iso_bounds, value_interval, with_days_through

# ---------------------------------------------------------------- values as intervals


@pytest.mark.parametrize("value, start, end, precision", [
    ("2023-05-24", "2023-05-24", "2023-05-24", "day"),
    ("2023-05-24T14:30", "2023-05-24", "2023-05-24", "day"),
    ("2023-05-24TMO", "2023-05-24", "2023-05-24", "day"),
    ("2023-W20", "2023-05-15", "2023-05-21", "week"),
    ("2020-W53", "2020-12-28", "2021-01-03", "week"),
    ("2023-W21-WE", "2023-05-27", "2023-05-28", "week"),
    ("2023-W21-3", "2023-05-24", "2023-05-24", "day"),
    ("2023-07", "2023-07-01", "2023-07-31", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2023-SU", "2023-06-01", "2023-08-31", "season"),
    ("2023-WI", "2022-12-01", "2023-02-28", "season"),
    ("2023-Q2", "2023-04-01", "2023-06-30", "quarter"),
    ("2023-H2", "2023-07-01", "2023-12-31", "half"),
    ("2023", "2023-01-01", "2023-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("199X", "1990-01-01", "1999-12-31", "decade"),
    ("19", "1900-01-01", "1999-12-31", "century"),
    # what the value leaves unknown widens the interval to what is known
    ("2023-06-XX", "2023-06-01", "2023-06-30", "month"),
    ("2023-WXX-4", "2023-01-01", "2023-12-31", "year"),
    ("2023-XX", "2023-01-01", "2023-12-31", "year"),
])
def test_value_interval(value, start, end, precision):
    interval = value_interval(value)
    assert (interval.start.isoformat(), interval.end.isoformat(), interval.precision) == (start, end, precision)
    assert not interval.guessed_year


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3M", "XXXX-06-29", "2023-02-30",
                                   "2023-W53", "0000", "", "June", "XXXX-WXX-3"])
def test_no_calendar_position(value):
    assert value_interval(value) is None


def test_unknown_year_only_with_a_guess_that_is_flagged():
    interval = value_interval("XXXX-06-29", year_guess=2022)
    assert (interval.start, interval.precision, interval.guessed_year) == (dt.date(2022, 6, 29), "day", True)
    assert value_interval("XXXX", year_guess=2022) is None  # the guess alone would be all the date says
    assert value_interval("XXXX-02-29", year_guess=2023) is None


def test_iso_bounds_use_the_coarsest_exact_form():
    assert iso_bounds(value_interval("2023")) == ("2023", "2023")
    assert iso_bounds(value_interval("2023-Q3")) == ("2023-07", "2023-09")
    assert iso_bounds(value_interval("2023-W20")) == ("2023-05-15", "2023-05-21")
    assert iso_bounds(value_interval("201")) == ("2010", "2019")


def test_day_ranges():
    day = value_interval("2024-07-09")
    assert with_days_through(day, 11).end == dt.date(2024, 7, 11)
    assert with_days_through(day, 9) is None and with_days_through(day, 32) is None
    assert with_days_through(value_interval("2024-07"), 11) is None


_YEARS = st.integers(1, 9999).map(lambda y: f"{y:04d}")
_VALUES = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.builds(lambda y, m: f"{y}-{m:02d}", _YEARS, st.integers(1, 12)),
    st.builds(lambda y, w, d: f"{y}-W{w:02d}{d}", _YEARS, st.integers(1, 53), st.sampled_from(["", "-WE", "-1", "-7"])),
    st.builds(lambda y, s: f"{y}-{s}", _YEARS, st.sampled_from(["SP", "SU", "FA", "WI", "Q1", "Q4", "H1", "H2"])),
    _YEARS, st.integers(0, 999).map(lambda d: f"{d:03d}"), st.integers(0, 99).map(lambda c: f"{c:02d}"),
    st.builds(lambda m, d, g: f"XXXX-{m:02d}-{d:02d}", st.integers(1, 12), st.integers(1, 31), st.none()),
)


@given(_VALUES, st.one_of(st.none(), st.integers(1, 9998)))
def test_any_interval_starts_before_it_ends(value, guess):
    interval = value_interval(value, guess)
    if interval is not None:
        assert interval.start <= interval.end
        start, end = iso_bounds(interval)
        assert start <= end and interval.precision in ("day", "week", "month", "season", "quarter", "half", "year",
                                                       "decade", "century")


# ---------------------------------------------------------------- merging, on hand-made annotations

ENTITIES = {"Kishida": "p-kishida", "NATO": "o-nato", "Vilnius": "g-vilnius", "Madrid": "g-madrid",
            "Biden": "p-biden", "Washington": "g-washington", "Japan": "g-japan"}


def _sentence(text: str, timex: str, value: str, roles: tuple, inferred: bool = False, mod: str | None = None):
    """A sentence spec: its text, the timex in it, the TIMEX value, (subject, predicate, object, place)."""
    return text, timex, value, roles, inferred, mod


def _article(article_id: str, *sentences, dct: str | None = "2023-08-01") -> tuple[Annotated, dict]:
    """An Annotated article built from sentence specs, and its mention ids."""
    text, events, timexes, mentions, ids = "", [], [], [], {}
    for sentence, timex_text, value, roles, inferred, mod in sentences:
        base = len(text)
        text += sentence + " "
        t_start = base + sentence.index(timex_text)
        timexes.append(Timex(t_start, t_start + len(timex_text), timex_text, "DATE", value, inferred, mod))
        spans = []
        for name, entity_id in ENTITIES.items():
            if name in sentence:
                start = base + sentence.index(name)
                spans.append((start, start + len(name)))
                mentions.append(EntityMention(article_id, start, start + len(name), name, "ORG", name))
                ids[(article_id, start, start + len(name))] = entity_id
        events.append(Event(value, TextSpan(t_start, t_start + len(timex_text), timex_text),
                            TextSpan(base, base + len(sentence), sentence), " — ".join(r for r in roles[:3] if r),
                            *roles, tuple(spans)))
    estimate = DateEstimate(dct, dct is None, dct, dct, "metadata")
    return Annotated(article_id, text, estimate, (), tuple(mentions), tuple(timexes), (), tuple(events)), ids


def _story(*articles) -> tuple[list[Annotated], Resolution]:
    annotated = [a for a, _ in articles]
    mention_ids = {k: v for _, ids in articles for k, v in ids.items()}
    entities = tuple(Entity(eid, name, "ORG", (), (), (), ()) for name, eid in ENTITIES.items())
    return annotated, Resolution(entities, mention_ids, ())


VILNIUS_A = _sentence("Kishida will attend the NATO summit in Vilnius on July 11.", "July 11", "2023-07-11",
                      ("Kishida", "attend", "NATO summit", "Vilnius"))
VILNIUS_B = _sentence("Kishida is expected to participate in the NATO summit in Vilnius in July.", "July", "2023-07",
                      ("Kishida", "participate", None, "Vilnius"))
VILNIUS_C = _sentence("Kishida attended the NATO summit in Vilnius on July 12.", "July 12", "2023-07-12",
                      ("Kishida", "attend", "NATO summit", "Vilnius"))
MADRID = _sentence("Kishida attended the NATO summit in Madrid on June 29, 2022.", "June 29, 2022", "2022-06-29",
                   ("Kishida", "attend", "NATO summit", "Madrid"))
BIDEN = _sentence("Biden will host the NATO summit in Washington from July 9 to 11.", "July 9", "2024-07-09",
                  ("Biden", "host", "NATO summit", "Washington"))


def test_one_event_reported_by_two_articles_is_one_entry():
    annotated, resolution = _story(_article("a", VILNIUS_A), _article("b", VILNIUS_B))
    [entry] = build_timeline("s1", annotated, resolution, {"a": "one.example", "b": None})
    assert (entry.date, entry.date_end, entry.precision) == ("2023-07-11", "2023-07-11", "day")
    assert entry.article_ids == ("a", "b") and entry.outlets == ("one.example",)
    assert entry.label == "Kishida — attend — NATO summit, Vilnius"
    assert set(entry.entity_ids) == {"p-kishida", "o-nato", "g-vilnius"}
    assert [e[0] for e in entry.evidence] == ["a", "b"]
    assert all(annotated[i].text[s:e] == t for i, (_, s, e, t) in enumerate(entry.evidence))
    assert not entry.uncertain and entry.conflict is None


def test_different_events_stay_apart_and_are_sorted_by_date():
    annotated, resolution = _story(_article("a", VILNIUS_A, MADRID), _article("b", BIDEN))
    entries = build_timeline("s1", annotated, resolution, {})
    assert [(e.date, e.date_end, e.article_ids) for e in entries] == [
        ("2022-06-29", "2022-06-29", ("a",)), ("2023-07-11", "2023-07-11", ("a",)), ("2024-07-09", "2024-07-11", ("b",))]


def test_same_event_on_neighbouring_days_is_one_entry_with_a_conflict():
    annotated, resolution = _story(_article("001", VILNIUS_A), _article("004", VILNIUS_C))
    [entry] = build_timeline("s1", annotated, resolution, {})
    assert entry.article_ids == ("001", "004")
    assert entry.conflict == "001 dates it 2023-07-11, 004 2023-07-12"


def test_a_year_only_inferred_conflicts_instead_of_splitting_the_event():
    wrong_year = _sentence(VILNIUS_A[0], "July 11", "2022-07-11", VILNIUS_A[3], inferred=True)
    annotated, resolution = _story(_article("001", wrong_year, dct=None), _article("004", VILNIUS_A))
    [entry] = build_timeline("s1", annotated, resolution, {})
    assert (entry.date, entry.uncertain) == ("2023-07-11", False)
    assert entry.conflict == "001 dates it 2022-07-11 (year inferred), 004 2023-07-11"


def test_unknown_year_is_guessed_from_the_publication_date_and_flagged():
    no_year = _sentence("Kishida attended the NATO summit in Madrid on June 29.", "June 29", "XXXX-06-29",
                        ("Kishida", "attend", "NATO summit", "Madrid"))
    annotated, resolution = _story(_article("a", no_year, dct="2022-07-01"))
    [entry] = build_timeline("s1", annotated, resolution, {})
    assert (entry.date, entry.uncertain) == ("2022-06-29", True)
    annotated, resolution = _story(_article("a", no_year, dct=None))
    assert build_timeline("s1", annotated, resolution, {}) == ()


def test_vague_open_unnamed_and_roleless_events_are_left_out():
    vague = _sentence("Kishida attends NATO talks now.", "now", "PRESENT_REF", ("Kishida", "attend", "NATO talks", None))
    open_ended = _sentence("Kishida will visit NATO before 2025.", "before 2025", "2025", ("Kishida", "visit", "NATO", None),
                           mod="BEFORE")
    unnamed = _sentence("The ministers met on May 3.", "May 3", "2023-05-03", ("ministers", "meet", None, None))
    roleless = _sentence("NATO, on May 4.", "May 4", "2023-05-04", (None, None, None, None))
    annotated, resolution = _story(_article("a", vague, open_ended, unnamed, roleless))
    assert build_timeline("s1", annotated, resolution, {}) == ()


def test_a_negated_predicate_stays_negated_in_the_label():
    ruled_out = _sentence("Kishida ruled out joining NATO on Wednesday.", "Wednesday", "2023-05-24",
                          ("Kishida", "join", "NATO", None))
    annotated, resolution = _story(_article("a", ruled_out))
    assert build_timeline("s1", annotated, resolution, {})[0].label == "Kishida — not join — NATO"


def test_denial_membership_and_copulas_do_not_merge_with_attendance():
    ruled_out = _sentence("Kishida ruled out joining NATO in July 2023.", "July 2023", "2023-07",
                          ("Kishida", "join", "NATO", None))
    joined = _sentence("Kishida will join the NATO summit in July 2023.", "July 2023", "2023-07",
                       ("Kishida", "join", "NATO summit", None))
    copula = _sentence("The NATO summit in Vilnius in July 2023 was the first.", "July 2023", "2023-07",
                       ("NATO summit", "be", "first", "Vilnius"))
    annotated, resolution = _story(_article("a", ruled_out), _article("b", joined, copula), _article("c", VILNIUS_A))
    labels = sorted((e.label, e.article_ids) for e in build_timeline("s1", annotated, resolution, {}))
    # Joining a summit is attending it; joining NATO, denied, stays apart; the copula says nothing.
    assert labels == [("Kishida — attend — NATO summit, Vilnius", ("b", "c")), ("Kishida — not join — NATO", ("a",))]


def test_the_result_does_not_depend_on_article_order():
    articles = [_article("a", VILNIUS_A, MADRID), _article("b", VILNIUS_B, BIDEN), _article("c", VILNIUS_C),
                _article("d", MADRID, dct="2022-07-01")]
    expected = build_timeline("s1", *_story(*articles), {"a": "x", "c": "y"})
    for order in itertools.permutations(articles):
        assert build_timeline("s1", *_story(*order), {"a": "x", "c": "y"}) == expected
    assert len({e.id for e in expected}) == len(expected)


def test_timeline_json():
    annotated, resolution = _story(_article("a", BIDEN))
    [entry] = build_timeline("s1", annotated, resolution, {"a": "x"})
    data = timeline_json(entry)
    assert set(data) == {"id", "story_id", "date", "date_end", "precision", "label", "article_ids", "outlets",
                         "entity_ids", "evidence", "uncertain", "conflict"}
    assert data["evidence"][0] == {"article_id": "a", "start": 0, "end": len(BIDEN[0]), "text": BIDEN[0]}
    assert isinstance(entry, TimelineEntry) and data["date_end"] == "2024-07-11"


# ---------------------------------------------------------------- the seed articles

SEED_DCTS = {"000": "2023-05-25", "001": "2023-06-26", "002": "2024-03-15", "003": "2022-07-01", "004": "2023-05-24"}


@pytest.fixture(scope="module")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


def _seed_timeline(texts: dict[str, str], dated: bool) -> tuple[tuple[TimelineEntry, ...], list[Annotated]]:
    from newsparallax.language.annotate import annotate_texts, resolve

    items = [(aid, text, SEED_DCTS[aid] if dated else None, not dated) for aid, text in texts.items()]
    annotated = list(annotate_texts(items))
    return build_timeline("seeds", annotated, resolve(annotated), {aid: f"outlet-{aid}" for aid in texts}), annotated


def _entry_with(entries, *article_ids, date_prefix):
    return next(e for e in entries if set(article_ids) <= set(e.article_ids) and e.date.startswith(date_prefix))


def test_seeds_with_publication_dates(seed_texts):
    entries, annotated = _seed_timeline(seed_texts, dated=True)
    vilnius = _entry_with(entries, "000", "001", "004", date_prefix="2023-07")
    assert "Vilnius" in vilnius.label and not vilnius.uncertain
    madrid = _entry_with(entries, "002", "003", date_prefix="2022-06")
    assert "NATO summit" in madrid.label
    washington = _entry_with(entries, "002", date_prefix="2024-07-09")
    assert washington.date_end == "2024-07-11"
    assert [(e.date, e.label) for e in entries] == sorted((e.date, e.label) for e in entries)
    texts = {a.article_id: a.text for a in annotated}
    assert all(texts[aid][s:e] == t for entry in entries for aid, s, e, t in entry.evidence)
    assert build_timeline("seeds", annotated[::-1], _resolution(annotated[::-1]), {aid: f"outlet-{aid}" for aid in texts}) == entries


def _resolution(annotated):
    from newsparallax.language.annotate import resolve

    return resolve(annotated)


def test_seeds_with_inferred_dates(seed_texts):
    entries, _ = _seed_timeline(seed_texts, dated=False)
    vilnius = _entry_with(entries, "000", "001", "004", date_prefix="2023-07")
    assert "Vilnius" in vilnius.label
    assert vilnius.conflict and "year inferred" in vilnius.conflict  # 001's publication year is inferred as 2022
    assert any(e.uncertain for e in entries)
