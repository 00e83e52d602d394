"""Calendar arithmetic for TIMEX3 values, against an anchor that may be only partly known.

The anchor is the document creation time (DCT) or an expression the text
mentioned last. When only its year (or year and month) is known, what cannot
be computed stays unknown in the value, TIMEX3-style (``2022-WXX-3``,
``2022-XX-XX``) instead of being guessed.

Example:
    >>> a = Anchor.parse("2023-05-25")
    >>> shift(a, "W", -1), shift(a, "M", 1), shift(Anchor.parse("2022"), "D", -1)
    ('2023-W20', '2023-06', '2022-XX-XX')
    >>> nearest_month(a, 7, "future"), nearest_month(a, 3, "past")
    ('2023-07', '2023-03')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .value import TimexValue, parse_value


@dataclass(frozen=True)
class Anchor:
    """A point in time known to the year, month or day; ``inferred`` when it was estimated from the text."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    inferred: bool = False

    @classmethod
    def parse(cls, value: str | None, inferred: bool = False) -> "Anchor":
        """An anchor from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD[Thh:mm]``; an empty one for None.

        >>> Anchor.parse("1998-02-13T14:26:00"), Anchor.parse("2022").month
        (Anchor(year=1998, month=2, day=13, inferred=False), None)
        """
        value = value or ""
        # The date is the fixed-width head of what may follow ("T14:26:00", or anything else): the longest
        # head that is a plain date with a known year, as a prefix match would find it.
        for head in (value[:10], value[:7], value[:4]):
            parsed = parse_value(head)
            if parsed and parsed.is_date and parsed.year is not None:
                return cls(parsed.year, parsed.month, parsed.day, inferred)
        return cls(inferred=inferred)

    @property
    def date(self) -> dt.date | None:
        """The anchor as a date when its day is known."""
        return dt.date(self.year, self.month, self.day) if self.day else None


def value_anchor(value: str) -> tuple[Anchor, str] | None:
    """An anchor and its granularity (D, W, M, Q, H, Y) from a TIMEX3 date value, else None.

    >>> value_anchor("1989-Q3")
    (Anchor(year=1989, month=8, day=None, inferred=False), 'Q')
    """
    parsed = _anchorable(value)
    if parsed is None:
        return None
    y = parsed.year
    if parsed.day is not None:
        return Anchor(y, parsed.month, parsed.day), "D"
    if parsed.month is not None:
        return Anchor(y, parsed.month), "M"
    if parsed.quarter is not None:
        return Anchor(y, 3 * parsed.quarter - 1), "Q"
    if parsed.week is not None:
        day = dt.date.fromisocalendar(y, min(parsed.week, 52), 4)
        return Anchor(day.year, day.month, day.day), "W"
    if parsed.half is not None:
        return Anchor(y, 6 * parsed.half - 3), "H"
    return Anchor(y), "Y"


def _anchorable(value: str) -> TimexValue | None:
    """The value when it is a known year with perhaps a month, day, quarter, week or half, all known.

    These are the shapes calendar arithmetic counts from; seasons, weekdays of a week and X parts are not,
    and a time of day is cut off by the callers (``timex.py`` reads the value before its ``T``).
    """
    parsed = parse_value(value)
    if (parsed is None or parsed.year is None or parsed.unknown or parsed.time is not None or parsed.season
            or parsed.weekday is not None or parsed.weekend):
        return None
    return parsed


def _year(anchor: Anchor) -> str:
    return str(anchor.year) if anchor.year else "XXXX"


def week_value(day: dt.date) -> str:
    """The ISO week of a day, as TIMEX3 writes it (``2023-W21``)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def shift(anchor: Anchor, unit: str, n: int) -> str:
    """The value ``n`` units (D, W, WE, M, Q, H, Y, E, C) from the anchor, at that unit's granularity."""
    return _SHIFTS[unit](anchor, n)


def _shift_day(a: Anchor, n: int) -> str:
    if a.day:
        return (a.date + dt.timedelta(days=n)).isoformat()
    return f"{_year(a)}-{a.month:02d}-XX" if a.month and n == 0 else f"{_year(a)}-XX-XX"


def _shift_week(a: Anchor, n: int) -> str:
    return week_value(a.date + dt.timedelta(weeks=n)) if a.day else f"{_year(a)}-WXX"


def _shift_month(a: Anchor, n: int) -> str:
    if a.month and a.year:
        y, m = _add_months(a.year, a.month, n)
        return f"{y}-{m:02d}"
    return f"{_year(a)}-XX"


def _shift_quarter(a: Anchor, n: int) -> str:
    if a.month and a.year:
        y, m = _add_months(a.year, a.month, 3 * n)
        return f"{y}-Q{(m - 1) // 3 + 1}"
    return f"{_year(a)}-QX"


def _shift_half(a: Anchor, n: int) -> str:
    if a.month and a.year:
        y, m = _add_months(a.year, a.month, 6 * n)
        return f"{y}-H{(m - 1) // 6 + 1}"
    return f"{_year(a)}-HX"


_SHIFTS = {
    "D": _shift_day,
    "W": _shift_week,
    "WE": lambda a, n: _shift_week(a, n) + "-WE",
    "M": _shift_month,
    "Q": _shift_quarter,
    "H": _shift_half,
    "Y": lambda a, n: str(a.year + n) if a.year else "XXXX",
    "E": lambda a, n: f"{a.year // 10 + n}" if a.year else "XXX",  # a decade is its three digits: "199"
    "C": lambda a, n: f"{a.year // 100 + n}" if a.year else "XX",
}


def choose_by_tense(candidates: list[tuple[int, str]], direction: str | None, slack_past: int = 0,
            slack_future: int = 0) -> str:
    """Pick among (distance from the anchor, value) pairs by the clause's tense.

    Past: the latest not after the anchor (give or take ``slack_past``: "the
    deal was set for June" is reported in May); future: the earliest not
    before it; "this": the one in the anchor's own year (listed first);
    otherwise the nearest.
    """
    if direction == "this":
        return candidates[0][1]
    if direction == "past":
        eligible = [c for c in candidates if c[0] <= slack_past]
        return max(eligible)[1] if eligible else candidates[0][1]
    if direction == "future":
        eligible = [c for c in candidates if c[0] >= -slack_future]
        return min(eligible)[1] if eligible else candidates[0][1]
    return min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))[1]  # a tie goes to the past: news reports


def nearest_month(a: Anchor, month: int, direction: str | None) -> str:
    """The month ``month`` nearest the anchor in the direction the tense points to."""
    if not a.year:
        return f"XXXX-{month:02d}"
    if not a.month:
        return f"{a.year}-{month:02d}"  # the year is all we know: assume the same year
    options = [(a.year + k, month) for k in (0, -1, 1)]
    return choose_by_tense([((y - a.year) * 12 + m - a.month, f"{y}-{m:02d}") for y, m in options], direction, 1, 0)


def nearest_day(a: Anchor, month: int, day: int, direction: str | None) -> str | None:
    """The date ``month``/``day`` nearest the anchor in the tense's direction (None if no such day)."""
    if not a.year:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    if not a.month:
        return _safe_date(a.year, month, day)
    ref = a.date or dt.date(a.year, a.month, 15)
    options = [d for d in (_date_or_none(a.year + k, month, day) for k in (0, -1, 1)) if d]
    if not options:
        return None
    if not a.day and (month == a.month):
        return options[0].isoformat()  # same month, unknown day: cannot tell before from after
    return choose_by_tense([((d - ref).days, d.isoformat()) for d in options], direction, 14, 14)


def nearest_weekday(a: Anchor, weekday: int, direction: str | None, offset_weeks: int = 0) -> str:
    """The weekday (1 = Monday) nearest the DCT in the tense's direction; ``YYYY-WXX-3`` without a day.

    >>> a = Anchor.parse("2023-05-25")  # a Thursday
    >>> nearest_weekday(a, 5, "future"), nearest_weekday(a, 5, "present"), nearest_weekday(a, 4, None)
    ('2023-05-26', '2023-05-19', '2023-05-25')
    """
    if not a.day:
        return f"{_year(a)}-WXX-{weekday}"
    base = a.date
    delta = (weekday - base.isoweekday()) % 7  # days forward to the next such weekday (0: today)
    forward, backward = base + dt.timedelta(days=delta), base - dt.timedelta(days=(7 - delta) % 7)
    # Only a future clause looks ahead: in TimeBank a weekday in a present, modal or tenseless clause
    # ("statements made Friday", "could not be located Wednesday") is this week's, up to the DCT.
    chosen = forward if direction == "future" else backward
    return (chosen + dt.timedelta(weeks=offset_weeks)).isoformat()


def nearest_quarter(a: Anchor, quarter: int, direction: str | None) -> str:
    """The quarter ``quarter`` of the anchor's year, or of the year before/after by tense."""
    if not a.year:
        return f"XXXX-Q{quarter}"
    if not a.month:
        return f"{a.year}-Q{quarter}"
    current = (a.month - 1) // 3 + 1
    options = [(k * 4 + quarter - current, f"{a.year + k}-Q{quarter}") for k in (0, -1, 1)]
    return choose_by_tense(options, direction or "past", 0, 1)  # results are reported for quarters past


def nearest_season(a: Anchor, season: str, direction: str | None) -> str:
    """A season (SP, SU, FA, WI) of the anchor's year, or the one before/after by tense."""
    if not a.year:
        return f"XXXX-{season}"
    if not a.month:
        return f"{a.year}-{season}"
    middle = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[season]
    options = [(k * 12 + middle - a.month, f"{a.year + k}-{season}") for k in (0, -1, 1)]
    return choose_by_tense(options, direction)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    found = _date_or_none(year, month, day)
    return found.isoformat() if found else None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last), for holidays like Thanksgiving."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
