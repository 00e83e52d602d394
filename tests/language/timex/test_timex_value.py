"""The shared TIMEX3 value parser: every value shape, agreement with the regular expressions it replaced, round trips.

The old expressions are written here once, as the reference each reader's
acceptance is checked against: the readers now ask ``parse_value`` instead.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparallax.language.anchoring import _month_date
from newsparallax.language.events import has_calendar_year
from newsparallax.compare.timeline_dates import iso_bounds, value_interval
from newsparallax.language.timex.calendar import Anchor, _anchorable, week_value
from newsparallax.language.timex.dct import _dated, period
from newsparallax.language.timex.value import TimexValue, parse_value

# The reference: the expressions each module used before (timeline_dates had the most complete one).
OLD_TIMELINE = re.compile(
    r"^(?P<y>\d{4}|XXXX)(?:"
    r"-(?P<m>\d\d|XX)(?:-(?P<d>\d\d|XX))?(?:T.*)?"
    r"|-W(?P<w>\d\d|XX)(?:-(?P<wd>[1-7]|WE|X))?(?:T.*)?"
    r"|-Q(?P<q>[1-4X])|-H(?P<h>[12X])|-(?P<s>SP|SU|FA|WI)"
    r")?$"
)
OLD_DECADE = re.compile(r"^(?P<dec>\d{3})X?$")
OLD_CENTURY = re.compile(r"^(?P<c>\d\d)(?:XX)?$")
OLD_CALENDAR_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")
OLD_CALENDAR_VALUE = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])|W(?P<w>\d\d)|H(?P<h>[12])))?$")
OLD_DCT_VALUE = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?$")
OLD_COMPARE_CALENDAR = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
OLD_ANCHOR_FLOATING = re.compile(r"^XXXX-(\d\d)(-\d\d)?$")
OLD_ANCHOR_FIXED = re.compile(r"^(\d{4})-(\d\d)(-\d\d)?$")
OLD_EVENTS_CALENDAR = re.compile(r"^(\d{4}|\d{3}X|XXXX)(-|$)")

EXAMPLES = [
    ("2023", TimexValue(2023)),
    ("XXXX", TimexValue(unknown=frozenset({"year"}))),
    ("2023-05", TimexValue(2023, 5)),
    ("2023-05-24", TimexValue(2023, 5, 24)),
    ("XXXX-07-11", TimexValue(None, 7, 11, unknown=frozenset({"year"}))),
    ("2023-XX", TimexValue(2023, unknown=frozenset({"month"}))),
    ("2023-05-XX", TimexValue(2023, 5, unknown=frozenset({"day"}))),
    ("XXXX-XX-XX", TimexValue(unknown=frozenset({"year", "month", "day"}))),
    ("2023-05-24T14:30", TimexValue(2023, 5, 24, time="14:30")),
    ("2000-01-05TEV", TimexValue(2000, 1, 5, time="EV")),
    ("2023-W20", TimexValue(2023, week=20)),
    ("2023-W20-3", TimexValue(2023, week=20, weekday=3)),
    ("2023-W21-WE", TimexValue(2023, week=21, weekend=True)),
    ("2023-W20-X", TimexValue(2023, week=20, unknown=frozenset({"weekday"}))),
    ("2023-WXX-3", TimexValue(2023, weekday=3, unknown=frozenset({"week"}))),
    ("XXXX-WXX-2TNI", TimexValue(weekday=2, time="NI", unknown=frozenset({"year", "week"}))),
    ("2023-Q2", TimexValue(2023, quarter=2)),
    ("1989-QX", TimexValue(1989, unknown=frozenset({"quarter"}))),
    ("2023-H1", TimexValue(2023, half=1)),
    ("2023-HX", TimexValue(2023, unknown=frozenset({"half"}))),
    ("2023-SU", TimexValue(2023, season="SU")),
    ("XXXX-WI", TimexValue(season="WI", unknown=frozenset({"year"}))),
    ("199", TimexValue(decade=199)),
    ("199X", TimexValue(decade=199, unknown=frozenset({"year"}))),
    ("19", TimexValue(century=19)),
    ("19XX", TimexValue(century=19, unknown=frozenset({"year"}))),
    ("2023-13-45", TimexValue(2023, 13, 45)),  # syntactic: the calendar rejects it later
]
NOT_CALENDAR = ["PRESENT_REF", "PAST_REF", "FUTURE_REF", "P3D", "PT1H", "", "2023-5", "2000-W7", "2023-Q5",
                "2023-W20-8", "2023T14:30", "1", "XXX", "20235", "2023-05-24 ", " 2023"]


@pytest.mark.parametrize(("value", "expected"), EXAMPLES)
def test_every_value_shape_parses(value, expected):
    assert parse_value(value) == expected


@pytest.mark.parametrize("value", NOT_CALENDAR)
def test_values_with_no_calendar_position_give_none(value):
    assert parse_value(value) is None


@pytest.mark.parametrize(("value", "is_date"), [("2023", True), ("XXXX-07", True), ("2023-07-11", True),
                                                ("2023-XX", False), ("2023-SU", False), ("199X", False),
                                                ("2023-07-11T10:00", False), ("2023-Q2", False)])
def test_is_date_is_year_month_day_only(value, is_date):
    assert parse_value(value).is_date is is_date


# Values built from TIMEX3 pieces: mostly well formed, often not (bad digits, stray X, junk after), sometimes
# plain junk from the same alphabet, so that every branch of every old expression is reached.
YEARS = st.sampled_from(["2023", "XXXX", "0000", "1999", "9999", "20X3", "202", "199", "19", "٢٠٢٣"])
TWO = st.sampled_from(["01", "05", "12", "13", "00", "31", "53", "54", "XX", "X", "5", "99"])
TAILS = st.sampled_from(["", "", "", "T14:30", "T", "TMO", "\n", "\n\n", "x", "-", "-05", " "])


@st.composite
def timex_like(draw) -> str:
    year = draw(YEARS)
    body = draw(st.sampled_from(["", "-{a}", "-{a}-{b}", "-W{a}", "-W{a}-{c}", "-Q{q}", "-H{q}", "-{s}", "X", "XX"]))
    body = body.format(a=draw(TWO), b=draw(TWO), c=draw(st.sampled_from("1780X") | st.just("WE")),
                       q=draw(st.sampled_from("012345X")), s=draw(st.sampled_from(["SP", "SU", "FA", "WI", "SPR"])))
    return year + body + draw(TAILS)


JUNK = st.lists(st.sampled_from(["2023", "19", "X", "XX", "-", "W", "Q", "H", "05", "3", "T", ":", "SU", "WE",
                                 "\n", "_REF", "P"]), max_size=7).map("".join)
VALUES = timex_like() | JUNK
PROPERTY = settings(max_examples=400, deadline=None)


@PROPERTY
@given(VALUES)
def test_parser_accepts_what_the_timeline_expressions_accepted(value):
    old = OLD_TIMELINE.match(value) or OLD_DECADE.match(value) or OLD_CENTURY.match(value)
    parsed = parse_value(value)
    assert (parsed is not None) == bool(old)
    if parsed is None:
        return
    groups = old.groupdict()
    for name, field in [("y", "year"), ("m", "month"), ("d", "day"), ("w", "week"), ("q", "quarter"), ("h", "half"),
                        ("dec", "decade"), ("c", "century")]:
        text = groups.get(name)
        assert getattr(parsed, field) == (int(text) if text and "X" not in text else None)
        assert (field in parsed.unknown) == bool(text and "X" in text) or field == "year"
    assert parsed.season == groups.get("s")
    assert (parsed.weekday, parsed.weekend) == ((int(groups["wd"]) if (groups.get("wd") or "X").isdigit() else None),
                                                groups.get("wd") == "WE")


@PROPERTY
@given(VALUES)
def test_each_reader_accepts_what_its_expression_accepted(value):
    parsed = parse_value(value)
    assert (_anchorable(value) is not None) == bool(OLD_CALENDAR_VALUE.match(value))
    assert (_dated(value) is not None) == bool(OLD_DCT_VALUE.match(value))
    assert bool(parsed and parsed.is_date) == bool(OLD_COMPARE_CALENDAR.match(value))
    dated = _month_date(value)
    assert bool(dated and dated.year is not None) == bool(OLD_ANCHOR_FIXED.match(value))
    assert bool(dated and dated.year is None) == bool(OLD_ANCHOR_FLOATING.match(value))
    # events read a prefix; a newline before the first "-" is where the head parse and "$" part ways
    if "\n-" not in value:
        assert has_calendar_year(value) == bool(OLD_EVENTS_CALENDAR.match(value))


@PROPERTY
@given(VALUES)
def test_anchor_parse_reads_the_same_date_head(value):
    old = OLD_CALENDAR_ISO.match(value)
    expected = tuple(int(g) if g else None for g in old.group("y", "m", "d")) if old else (None, None, None)
    anchor = Anchor.parse(value)
    assert (anchor.year, anchor.month, anchor.day) == expected


DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(DAYS)
def test_a_day_round_trips_through_its_iso_form(day):
    value = day.isoformat()
    assert parse_value(value) == TimexValue(day.year, day.month, day.day)
    assert Anchor.parse(value + "T12:00").date == day
    assert value_interval(value).start == value_interval(value).end == day
    assert period(value) == (day, day)


@given(DAYS.filter(lambda d: dt.date(1000, 1, 8) <= d <= dt.date(9999, 12, 24)))
def test_a_week_round_trips_through_week_value(day):  # week_value writes the year unpadded: four-digit years only
    parsed = parse_value(week_value(day))
    assert (parsed.year, parsed.week) == tuple(day.isocalendar())[:2]
    interval = value_interval(week_value(day))
    assert interval.precision == "week" and interval.start <= day <= interval.end


@PROPERTY
@given(timex_like())
def test_interval_bounds_parse_back_to_the_same_days(value):
    interval = value_interval(value, 2020)
    if interval is None:
        return
    first, last = iso_bounds(interval)
    assert value_interval(first).start == interval.start
    assert value_interval(last).end == interval.end
