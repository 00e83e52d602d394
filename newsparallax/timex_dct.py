"""Estimating the document creation time of an undated article from its dated statements.

Each explicit date the text mentions is a clue: one in a past-tense clause
("Kishida became ... on June 29") says the article was written after it, one
in a future-tense clause ("will draw up ... by the end of 2022") that it was
written before its end. Years are scored by how well they agree with the
clues, with a bias for recent mentions: news reports what just happened and
plans what comes soon, while old years are background. The month is given
only when the clues bound the date within one.

Example:
    >>> estimate_dct([("2021", "2021", "past", "It began in 2021."),
    ...               ("by the end of 2022", "2022", "future", "It will end by the end of 2022.")]).value
    '2022'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .records import DateEstimate

_VALUE = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?$")
PAST_DECAY_YEARS = 3.0  # a past year stays plausible longer than a future one: old events are background
UNTENSED_WEIGHT = 0.5
SOURCE = "text: dated statements and their tense"


def period(value: str, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a DATE value covers (a yearless one in ``year``), else None.

    >>> period("2023-Q2")
    (datetime.date(2023, 4, 1), datetime.date(2023, 6, 30))
    """
    match = _VALUE.match(value)
    if not match or (match["y"] == "XXXX" and (year is None or not match["m"])):
        return None
    y = int(match["y"]) if match["y"] != "XXXX" else year
    months = _months(match)
    try:
        first = dt.date(y, months[0], int(match["d"]) if match["d"] else 1)
        last = dt.date(y, months[1], int(match["d"]) if match["d"] else calendar.monthrange(y, months[1])[1])
    except ValueError:
        return None
    return first, last


def _months(match: re.Match[str]) -> tuple[int, int]:
    if match["m"]:
        return int(match["m"]), int(match["m"])
    if match["q"]:
        return 3 * int(match["q"]) - 2, 3 * int(match["q"])
    if match["h"]:
        return 6 * int(match["h"]) - 5, 6 * int(match["h"])
    if match["s"]:
        return {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}[match["s"]]
    return 1, 12


def estimate_dct(statements: list[tuple[str, str, str | None, str]]) -> DateEstimate:
    """The DCT estimate from (text, value, tense, sentence) statements; see the module docstring."""
    dated = [s for s in statements if s[1][:4].isdigit() and period(s[1])]
    if not dated:
        return DateEstimate(None, True, source="text: no dated statements")
    year = max(_candidate_years(dated), key=lambda y: (_score(y, dated), y))
    lower, upper, used = _bounds(year, statements)
    value = lower.isoformat()[:7] if (lower.year, lower.month) == (upper.year, upper.month) else str(year)
    evidence = tuple(f"{_direction(s[2])} {s[1]}: {_snippet(s)}" for s in used)
    return DateEstimate(value, True, lower.isoformat(), upper.isoformat(), SOURCE, evidence)


def _candidate_years(dated) -> set[int]:
    return {int(s[1][:4]) for s in dated}


def _score(year: int, dated) -> float:
    """How well ``year`` as the year of writing agrees with the statements."""
    total = 0.0
    for _, value, tense, _ in dated:
        mentioned = int(value[:4])
        if tense == "past" and year >= mentioned:
            total += 1 / (1 + (year - mentioned) / PAST_DECAY_YEARS)
        elif tense == "future" and year <= mentioned:
            total += 1 / (1 + (mentioned - year))
        elif tense not in ("past", "future"):  # leans past: what a text mentions has mostly happened
            decay = (year - mentioned) / PAST_DECAY_YEARS if year >= mentioned else mentioned - year
            total += UNTENSED_WEIGHT / (1 + decay)
    return total


def _bounds(year: int, statements) -> tuple[dt.date, dt.date, list]:
    """The narrowest range within ``year`` the tensed statements allow, and the statements that set it."""
    lower, upper = dt.date(year, 1, 1), dt.date(year, 12, 31)
    low_by = high_by = None
    for s in sorted(statements, key=lambda s: s[2] != "past"):  # lower bounds first
        span = period(s[1], year)
        if span is None or s[2] not in ("past", "future"):
            continue
        if s[2] == "past" and lower < span[0] <= upper:
            lower, low_by = span[0], s
        elif s[2] == "future" and lower <= span[1] < upper:
            upper, high_by = span[1], s
    return lower, upper, [s for s in (low_by, high_by) if s] or _year_evidence(year, statements)


def _year_evidence(year: int, statements) -> list:
    return [s for s in statements if s[1].startswith(str(year))][:2]


def _direction(tense: str | None) -> str:
    return {"past": "after", "future": "before the end of"}.get(tense or "", "around")


def _snippet(statement, width: int = 70) -> str:
    text, _, _, sentence = statement
    at = sentence.find(text)
    if at < 0:
        return sentence[: 2 * width].strip()
    start, end = max(0, at - width), min(len(sentence), at + len(text) + width)
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
