"""TIMEX3 date values read once: the parts of ``2023-05-24``, ``XXXX-07-11``, ``2023-W20-3``, ``199X`` ...

Every module that reads a DATE or TIME value (calendar arithmetic, the DCT
estimate, the timeline, claim comparison, anchoring, events) reads it through
``parse_value`` and keeps only the shapes it can use, instead of each writing
its own regular expression. The parse is purely syntactic: digits are taken
as written (``2023-13-45`` parses; the calendar rejects it later), and a part
written with ``X`` is listed in ``unknown`` with its field left None.

Example:
    >>> v = parse_value("XXXX-07-11")
    >>> v.year, v.month, v.day, v.unknown
    (None, 7, 11, frozenset({'year'}))
    >>> parse_value("2023-W20-3").weekday, parse_value("2023-SU").season, parse_value("199X").decade
    (3, 'SU', 199)
    >>> parse_value("PRESENT_REF") is None, parse_value("P3D") is None
    (True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The grammar of the timeline's reader, the most complete of the ones this replaced; its ``$`` (which also
# allows one final newline) and ``\d`` (any decimal digit) are kept so that every reader accepts what it did.
_GRAMMAR = re.compile(
    r"^(?:(?P<year>\d{4}|XXXX)(?:"
    r"-(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX))?(?:T(?P<time>.*))?"
    r"|-W(?P<week>\d\d|XX)(?:-(?P<weekday>[1-7]|WE|X))?(?:T(?P<week_time>.*))?"
    r"|-Q(?P<quarter>[1-4X])|-H(?P<half>[12X])|-(?P<season>SP|SU|FA|WI)"
    r")?"
    r"|(?P<decade>\d{3})(?P<decade_x>X)?"
    r"|(?P<century>\d\d)(?P<century_x>XX)?"
    r")$"
)
_NUMBERED = ("year", "month", "day", "week", "quarter", "half", "decade", "century")


@dataclass(frozen=True)
class TimexValue:
    """The parts a TIMEX3 date value writes; None where it writes none or writes it with X (see ``unknown``).

    ``weekday`` is 1 (Monday) to 7 and ``weekend`` marks ``-WE``; ``season``
    is SP, SU, FA or WI; ``decade`` and ``century`` are the leading digits
    (``199`` is the 1990s, ``19`` 1900-1999); ``time`` is what follows a
    ``T`` (``14:30``, ``MO``), which dates ignore. ``unknown`` names the parts
    written with X: ``year`` for ``XXXX`` and for the last digits of ``199X``
    and ``19XX``, else ``month``, ``day``, ``week``, ``weekday``, ``quarter``
    or ``half``.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int | None = None
    weekend: bool = False
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None
    century: int | None = None
    time: str | None = None
    unknown: frozenset[str] = frozenset()

    @property
    def is_date(self) -> bool:
        """A plain calendar date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, all known but perhaps the year; no time.

        >>> [parse_value(v).is_date for v in ("XXXX-07-11", "2023-07", "2023-XX", "2023-W20", "2023-07-11T10:00")]
        [True, True, False, False, False]
        """
        return (self.unknown <= {"year"} and self.time is None and self.decade is None and self.century is None
                and (self.week, self.quarter, self.half, self.season) == (None, None, None, None))


def parse_value(value: str) -> TimexValue | None:
    """The parts of a TIMEX3 date value, or None when it names no calendar position (``PRESENT_REF``, ``P2D``).

    >>> parse_value("2023-05-24T14:30").time, parse_value("2023-XX-XX").unknown == {"month", "day"}
    ('14:30', True)
    >>> parse_value("2023-W21-WE").weekend, parse_value("19XX").century, parse_value("2023-Q5")
    (True, 19, None)
    """
    match = _GRAMMAR.match(value)
    if not match:
        return None
    parts = match.groupdict()
    unknown = {name for name in _NUMBERED if parts[name] and "X" in parts[name]}
    unknown |= {"weekday"} if parts["weekday"] == "X" else set()
    unknown |= {"year"} if parts["decade_x"] or parts["century_x"] else set()
    numbers = {name: int(parts[name]) for name in _NUMBERED if parts[name] and name not in unknown}
    weekday = parts["weekday"]
    return TimexValue(**numbers, weekday=int(weekday) if weekday and weekday.isdigit() else None,
                      weekend=weekday == "WE", season=parts["season"],
                      time=parts["time"] if parts["time"] is not None else parts["week_time"],
                      unknown=frozenset(unknown))
