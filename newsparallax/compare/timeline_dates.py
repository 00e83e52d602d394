"""TIMEX3 date values as calendar intervals, for the timeline of a story.

A value such as ``2023-W20`` or ``2023-SU`` names a stretch of days; the
timeline needs its first and last day to sort events and to tell whether two
reports can be of the same event. ``value_interval`` computes that stretch with
the standard library's calendar (ISO weeks, month lengths, leap years) and
names its precision. Whatever the value leaves unknown stays unknown: a
``2023-WXX-3`` is some day of 2023 (precision ``year``), and a year given as
``XXXX`` is only filled in from a guess the caller passes, which the interval
records as ``guessed_year``.

Example:
    >>> value_interval("2023-W20")
    DateInterval(start=datetime.date(2023, 5, 15), end=datetime.date(2023, 5, 21), precision='week', guessed_year=False)
    >>> iso_bounds(value_interval("2023-SU"))
    ('2023-06', '2023-08')
    >>> value_interval("PRESENT_REF") is None
    True
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..language.timex import TimexValue, parse_value

# From finest to coarsest; "unknown" is for dates with no place on the calendar, which get no interval.
PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "unknown")

# Meteorological seasons of the northern hemisphere, as (first month, month count). Winter of a year is the
# one around its January, as timex.calendar.nearest_season has it (its middle month for WI is 1).
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (0, 3)}


@dataclass(frozen=True)
class DateInterval:
    """The first and last day a date value can mean, its precision, and whether its year was guessed."""

    start: dt.date
    end: dt.date
    precision: str
    guessed_year: bool = False

    def overlaps(self, other: "DateInterval") -> bool:
        """True when the two intervals share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "DateInterval") -> bool:
        """True when every day of ``other`` lies in this interval."""
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        """How many days the interval spans."""
        return (self.end - self.start).days + 1


def value_interval(value: str, year_guess: int | None = None) -> DateInterval | None:
    """The interval a TIMEX3 DATE/TIME value denotes, or None when it has no calendar position.

    ``year_guess`` stands in for an unknown year (``XXXX-06-29``); the result
    is then marked ``guessed_year``. Reference values (``PRESENT_REF``,
    ``PAST_REF``, ``FUTURE_REF``), durations, and unknown years with no guess
    give None; an impossible date (``2023-02-30``) gives None too. Never raises.

    >>> value_interval("XXXX-06-29", 2022)
    DateInterval(start=datetime.date(2022, 6, 29), end=datetime.date(2022, 6, 29), precision='day', guessed_year=True)
    >>> value_interval("199").precision, value_interval("2023-Q2").end
    ('decade', datetime.date(2023, 6, 30))
    """
    parsed = parse_value(value)
    if parsed is None:
        return None
    try:
        if parsed.decade is not None or parsed.century is not None:
            return _long_interval(parsed)
        return _calendar_interval(parsed, year_guess)
    except (ValueError, OverflowError):  # an impossible day or week, or a year out of datetime's range
        return None


def _calendar_interval(value: TimexValue, year_guess: int | None) -> DateInterval | None:
    guessed = value.year is None
    if guessed and year_guess is None:
        return None
    interval = _within_year(value, year_guess if guessed else value.year)
    if not guessed:
        return interval
    # A guessed year with nothing known below it ("XXXX", "XXXX-XX") would say nothing but the guess.
    return None if interval.precision == "year" else DateInterval(interval.start, interval.end, interval.precision, True)


def _within_year(value: TimexValue, year: int) -> DateInterval:
    """The part of the value below the year, falling back to the whole year where it is unknown (``XX``)."""
    if value.month is not None:
        return _month_or_day(year, value.month, value.day)
    if value.week is not None:
        return _week(year, value.week, value.weekday, value.weekend)
    if value.quarter is not None:
        return _months(year, 3 * value.quarter - 2, 3, "quarter")
    if value.half is not None:
        return _months(year, 6 * value.half - 5, 6, "half")
    if value.season:
        first, count = _SEASONS[value.season]
        return _months(year, first, count, "season")
    return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _month_or_day(year: int, month: int, day: int | None) -> DateInterval:
    if day is not None:
        date = dt.date(year, month, day)
        return DateInterval(date, date, "day")
    return _months(year, month, 1, "month")


def _week(year: int, week: int, weekday: int | None, weekend: bool) -> DateInterval:
    monday = dt.date.fromisocalendar(year, week, 1)  # ValueError for a week the ISO year does not have
    if weekend:
        return DateInterval(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week")
    if weekday is not None:
        day = monday + dt.timedelta(days=weekday - 1)
        return DateInterval(day, day, "day")
    return DateInterval(monday, monday + dt.timedelta(days=6), "week")


def _months(year: int, first: int, count: int, precision: str) -> DateInterval:
    """``count`` months from month ``first`` of ``year`` (0 is December of the year before)."""
    start_year, start_month = (year - 1, 12) if first == 0 else (year, first)
    index = start_year * 12 + start_month - 1 + count - 1
    end_year, end_month = index // 12, index % 12 + 1
    last = calendar.monthrange(end_year, end_month)[1]
    return DateInterval(dt.date(start_year, start_month, 1), dt.date(end_year, end_month, last), precision)


def _long_interval(value: TimexValue) -> DateInterval:
    """Decades (``199``, ``199X``) and centuries (``19``, ``19XX``), which TIMEX3 writes by their leading digits."""
    if value.decade is not None:
        first = value.decade * 10
        return DateInterval(dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31), "decade")
    first = value.century * 100
    return DateInterval(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "century")


def with_days_through(interval: DateInterval, last_day: int) -> DateInterval | None:
    """A day interval stretched to day ``last_day`` of its month ("July 9 to 11"), or None if that is no later day.

    >>> with_days_through(value_interval("2024-07-09"), 11).end
    datetime.date(2024, 7, 11)
    """
    if interval.precision != "day" or interval.days != 1:
        return None
    if not interval.start.day < last_day <= calendar.monthrange(interval.start.year, interval.start.month)[1]:
        return None
    return DateInterval(interval.start, interval.start.replace(day=last_day), "day", interval.guessed_year)


def iso_bounds(interval: DateInterval) -> tuple[str, str]:
    """The interval's first and last ISO date at the coarsest form that is still exact: years, months or days.

    >>> iso_bounds(value_interval("2023")), iso_bounds(value_interval("2023-07")), iso_bounds(value_interval("2023-W21-WE"))
    (('2023', '2023'), ('2023-07', '2023-07'), ('2023-05-27', '2023-05-28'))
    """
    start, end = interval.start, interval.end
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and start.month == 1 and end.month == 12:
        return f"{start.year:04d}", f"{end.year:04d}"
    if whole_months:
        return f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"
    return start.isoformat(), end.isoformat()
