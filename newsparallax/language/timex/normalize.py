"""From a matched expression to its TIMEX3 type, value and modifier.

One function per rule kind of ``timex.rules``; each takes the regex match and
a ``Context`` (the document date, the clause's tense, the date the text spoke
of last) and returns a ``Norm``, or None when the match turns out not to be a
temporal expression ("a quarter of the shares", "a 44-year-old").

Absolute dates ("Aug. 7, 1998") could go through dateparser, but its
resolution of partial dates ignores tense and it has no TIMEX3 output
(weeks, quarters, seasons, durations, unknown parts as X); the handful of
absolute formats news uses are read here directly, which is also much
faster than a dateparser call per expression.

Example:
    >>> import re
    >>> from newsparallax.language.timex.rules import RULES
    >>> rule = next(r for r in RULES if r.kind == "duration")
    >>> normalize(rule.kind, rule.pattern.search("for the past three months"), Context(Anchor.parse("2023-05-25"), None))
    Norm(type='DURATION', value='P3M', mod=None, relative=False)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar import (Anchor, choose_by_tense, nearest_day, nearest_month, nearest_quarter, nearest_season,
                             nearest_weekday, nth_weekday, shift, value_anchor)
from .rules import DAY_PARTS, MODIFIERS, MONTHS, NUMBER_WORDS, ORDINALS, SEASONS, VAGUE_QUANTITIES, WEEKDAYS


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against.

    ``tense`` is past, future, present or None; ``ref`` the value of the last
    date the text mentioned (for "that year", "a year earlier"); ``before`` and
    ``after`` a few characters of text around the match; ``topic`` the quarter
    an earnings report is about, the one it has named most so far (first on a
    tie): its "year-ago period" is that quarter a year back, whatever other
    quarter came up since.
    """

    anchor: Anchor
    tense: str | None
    ref: str | None = None
    before: str = ""
    after: str = ""
    topic: str | None = None


@dataclass(frozen=True)
class Norm:
    """A normalized expression; ``relative`` when its value was computed from the document date."""

    type: str
    value: str
    mod: str | None = None
    relative: bool = False


def normalize(kind: str, match: re.Match[str], ctx: Context) -> Norm | None:
    """The TIMEX3 reading of a match of the rule ``kind``, or None when it is not one."""
    return _HANDLERS[kind](match.groupdict(), ctx)


# ---------------------------------------------------------------- small readers


def _mod(*words: str | None) -> str | None:
    for word in words:
        if word:
            key = re.sub(r"\s+", " ", word.lower()).strip(" -")
            key = re.sub(r"^(?:the )?(first|second) (?:half|part|weeks?|days?|months?) of$", "early", key)
            key = re.sub(r"^(?:the )?(?:last|final) (?:half|part|weeks?|days?|months?) of$", "late", key)
            found = MODIFIERS.get(key) or MODIFIERS.get(key.replace("the ", ""))
            if found:
                return found
    return None


def number(text: str | None) -> float | None:
    """The number a quantity phrase names; None when vague ("several", "a few").

    >>> number("twenty four"), number("2 1/2"), number("several"), number("a hundred")
    (24, 2.5, None, 100)
    """
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in ("a couple of", "couple of", "a couple"):
        return 2
    if t in VAGUE_QUANTITIES:
        return None
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?: ?(\d)/(\d)| ?½)?", t)
    if digits:
        whole = float(digits[1])
        fraction = int(digits[2]) / int(digits[3]) if digits[2] else 0.5 if "½" in t else 0
        return _int_if_whole(whole + fraction)
    return _number_words(t)


def _number_words(t: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", t.replace(" and a half", " half")):
        if word in ("hundred", "thousand"):
            current = max(current, 1) * (100 if word == "hundred" else 1000)
        elif word == "half":
            current += 0.5
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word != "and":
            return None
    return _int_if_whole(total + current)


def _int_if_whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _day_number(text: str) -> int | None:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else ORDINALS.get(text.lower())


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _is_month(text: str) -> bool:
    return text.lower().rstrip(".") in MONTHS


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- dates


def _month_day(g: dict, ctx: Context) -> Norm | None:
    month, day = _month(g["month"]), _day_number(g["day"])
    if not day or day > 31:
        return None
    mod = _mod(g.get("pmod"))
    if g.get("year"):
        value = _valid(int(g["year"]), month, day)
        return Norm("DATE", value, mod) if value else None
    value = nearest_day(ctx.anchor, month, day, ctx.tense)
    return Norm("DATE", value, mod, relative=True) if value else None


def _numeric_date(g: dict, ctx: Context) -> Norm | None:
    year = int(g["year"])
    year += 1900 if year < 50 and len(g["year"]) == 2 else 0
    value = _valid(year if year > 99 else 1900 + year, int(g["month"]), int(g["day"]))
    return Norm("DATE", value) if value else None


def _month_year(g: dict, ctx: Context) -> Norm | None:
    month, mod = _month(g["month"]), _mod(g.get("pmod"))
    if g.get("year"):
        return Norm("DATE", f"{g['year']}-{month:02d}", mod)
    offset = {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    year = shift(ctx.anchor, "Y", offset)
    return Norm("DATE", f"{year}-{month:02d}", mod, relative=True)


def _month_only(g: dict, ctx: Context) -> Norm | None:
    month, rel = _month(g["month"]), (g.get("mrel") or "").lower()
    if g["month"].endswith(".") is False and len(g["month"]) <= 3 and g["month"] != "May":
        return None  # a bare abbreviation ("Jan", "Dec") is too often a name or a code
    if not (rel or g.get("pmod")) and re.match(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]", ctx.after):
        return None  # "the March for Life", "the March of the Combatant Mothers"
    mod = _mod(g.get("pmod"))
    if rel in ("last", "past"):
        value = nearest_month(_moved(ctx.anchor, -1), month, "past")
    elif rel in ("next", "coming"):
        value = nearest_month(_moved(ctx.anchor, 1), month, "future")
    else:
        value = nearest_month(ctx.anchor, month, "this" if rel == "this" else ctx.tense)
    return Norm("DATE", value, mod, relative=True)


def _moved(anchor: Anchor, months: int) -> Anchor:
    """The anchor a month back or ahead, so that "last May" written in May is a year ago."""
    if not anchor.month:
        return anchor
    index = anchor.year * 12 + anchor.month - 1 + months
    return Anchor(index // 12, index % 12 + 1, None, anchor.inferred)


def _year(g: dict, ctx: Context) -> Norm | None:
    reference = _quarter_reference(ctx) if ctx.ref and g.get("period") else None
    if reference and reference[1] == "Q":
        quarter = (reference[0].month - 1) // 3 + 1
        return Norm("DATE", f"{g['year']}-Q{quarter}")  # "the 1988 period": the report's quarter, in 1988
    return Norm("DATE", g["year"], _mod(g.get("pmod")))


def _decade(g: dict, ctx: Context) -> Norm | None:
    text = g["decade"]
    if text[0] in "'’":
        century = (ctx.anchor.year or 2000) // 100
        century -= 1 if int(text[1]) * 10 > (ctx.anchor.year or 2000) % 100 else 0
        return Norm("DATE", f"{century}{text[1]}", _mod(g.get("pmod")), relative=True)
    return Norm("DATE", text[:3], _mod(g.get("pmod")))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade_word(g: dict, ctx: Context) -> Norm | None:
    word = g["decword"].lower()
    digit = _DECADE_WORDS[word.split()[-1]]
    century = 19 if word.startswith("nineteen") or not ctx.anchor.year else ctx.anchor.year // 100
    if century * 100 + digit * 10 > (ctx.anchor.year or 9999):
        century -= 1
    return Norm("DATE", f"{century}{digit}", _mod(g.get("pmod")), relative=not word.startswith("nineteen"))


def _century(g: dict, ctx: Context) -> Norm | None:
    ordinal = _day_number(g["cent"]) or ORDINALS.get(g["cent"].lower())
    return Norm("DATE", f"{ordinal - 1:02d}", _mod(g.get("pmod"))) if ordinal else None


def _century_rel(g: dict, ctx: Context) -> Norm | None:
    rel = g["rel"].lower().split()[-1]
    if rel == "this" or rel in ("past", "last", "next") and g["rel"].lower().startswith("the"):
        return Norm("DURATION", "P100Y")  # TimeBank reads "this century" as the span lived through, too
    offset = {"this": 0, "last": -1, "next": 1}[rel]
    return Norm("DATE", shift(ctx.anchor, "C", offset), relative=True)


# ---------------------------------------------------------------- quarters, halves, seasons

_ORD_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
YEAR_BACK_WORDS = ("year-earlier", "year-ago", "comparable", "same", "prior-year", "year-before", "prior")


def _quarter_reference(ctx: Context) -> tuple[Anchor, str] | None:
    """The quarter year-back expressions count from: the report's topic quarter, else the last date named."""
    for value in (ctx.topic, ctx.ref):
        reference = value_anchor(value) if value else None
        if reference and reference[1] == "Q":
            return reference
    return value_anchor(ctx.ref) if ctx.ref else None


def _quarter(g: dict, ctx: Context) -> Norm | None:
    unit, ordinal = g["qunit"].lower(), (g.get("qord") or "").lower()
    rel = (g.get("qrel2") or g.get("qrel") or "").lower()
    if not _quarter_plausible(g, unit, ordinal, rel, ctx):
        return None
    if g.get("plural"):
        return Norm("SET", f"XXXX-Q{_ORD_NUMBER[ordinal]}") if ordinal in _ORD_NUMBER and unit == "quarter" else None
    year, mod = _quarter_year(g, ctx), _mod(g.get("pmod"))
    if unit == "half":
        half = 2 if ordinal in ("second", "last", "final") else 1
        year_text = str(year) if year else shift(ctx.anchor, "Y", 0)
        return Norm("DATE", f"{year_text}-H{half}", mod, year is None)
    if ordinal in _ORD_NUMBER:
        return _ordinal_quarter(_ORD_NUMBER[ordinal], year, rel, mod, ctx)
    ended = _ENDED.match(ctx.after)
    if ended and not rel and _is_month(ended["month"]):
        month_value = nearest_month(ctx.anchor, _month(ended["month"]), "past")
        return Norm("DATE", _quarter_of(month_value), mod, relative=True)  # "the quarter ended Sept. 30"
    value = _unnumbered_quarter(rel, ctx)
    if year and value[:4].isdigit():
        value = f"{year}{value[4:]}"  # "the 1988 period": the quarter spoken of, in that year
    return Norm("DATE", value, mod, relative=True)


_ENDED = re.compile(r"\s+end(?:ed|ing|s)\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+\d")


def _quarter_of(month_value: str) -> str:
    """The calendar quarter of a ``YYYY-MM`` value (``XXXX-QX`` when the month is unknown)."""
    if not month_value[5:7].isdigit() or month_value[5:7].lower() not in [f"{m:02d}" for m in range(1, 13)]:
        return f"{month_value[:4]}-QX"
    return f"{month_value[:4]}-Q{(int(month_value[5:7]) - 1) // 3 + 1}"


def _quarter_plausible(g: dict, unit: str, ordinal: str, rel: str, ctx: Context) -> bool:
    if not (ordinal or rel or g.get("det") or g.get("yref") or g.get("year_c") or g.get("qadj")):
        return False  # a bare "quarter(s)" or "period" is not dated
    if unit in ("period", "half") and not (ordinal or rel or g.get("year_c") or g.get("yref")):
        return False  # "the period", "the half"
    if ordinal == "last" and unit == "quarter":
        return False  # "the last quarter" is ambiguous between the fourth and the latest; rare either way
    if (g.get("skip") or "").lower() in ("a", "an") and not (ordinal or g.get("qadj")):
        return False  # "a quarter of the shares"
    return bool(ordinal or g.get("year") or not re.match(r"\s*(?:of\b|century|mile|point|percent|%|inch|hour|-)", ctx.after))


def _quarter_year(g: dict, ctx: Context) -> int | None:
    for key in ("year", "year_b", "year_c"):
        if g.get(key):
            return int(g[key])
    text = " ".join(g.get(k) or "" for k in ("yref", "qyrel", "qyrel2")).lower()
    for word, offset in (("this", 0), ("current", 0), ("last", -1), ("previous", -1), ("next", 1)):
        if word in text and ctx.anchor.year:
            return ctx.anchor.year + offset
    return None


def _ordinal_quarter(number: int, year: int | None, rel: str, mod, ctx: Context) -> Norm:
    if year:
        return Norm("DATE", f"{year}-Q{number}", mod)
    direction = {"next": "future", "coming": "future", "last": "past", "previous": "past"}.get(rel, ctx.tense)
    value = nearest_quarter(ctx.anchor, number, "past" if direction == "present" else direction)
    if rel in YEAR_BACK_WORDS and value[:4].isdigit():
        value = f"{int(value[:4]) - 1}{value[4:]}"
    return Norm("DATE", value, mod, relative=True)


def _unnumbered_quarter(rel: str, ctx: Context) -> str:
    reference = value_anchor(ctx.ref) if ctx.ref else None
    ref_quarter = reference[0] if reference and reference[1] == "Q" else None
    if rel in YEAR_BACK_WORDS or rel == "corresponding":
        back = _quarter_reference(ctx)
        return shift(back[0], "Q", -4) if back and back[1] == "Q" else shift(ctx.anchor, "Q", -5)
    if rel in ("next", "coming"):
        return shift(ctx.anchor, "Q", 1)
    if rel in ("current", "this"):
        return shift(ctx.anchor, "Q", 0)
    if not rel and ref_quarter:
        return shift(_quarter_reference(ctx)[0], "Q", 0)
    return shift(ctx.anchor, "Q", -1)  # "the latest quarter", "the quarter": the last one reported


def _season(g: dict, ctx: Context) -> Norm | None:
    season, rel = SEASONS[g["season"].lower()], (g.get("srel") or "").lower()
    if g["season"].lower() == "fall" and not (rel or g.get("year") or g.get("pmod")):
        return None  # "prices fall"
    mod = _mod(g.get("pmod"), rel if rel in ("early", "late", "mid") else None)
    if g.get("year"):
        return Norm("DATE", f"{g['year']}-{season}", mod)
    direction = {"last": "past", "past": "past", "this past": "past", "next": "future", "coming": "future",
                 "this": "this"}.get(rel, ctx.tense)
    anchor = _moved(ctx.anchor, {"past": -3, "future": 3}.get(direction, 0) if rel in ("last", "next") else 0)
    return Norm("DATE", nearest_season(anchor, season, direction), mod, relative=True)


# ---------------------------------------------------------------- relative to the document date

_OFFSETS = {"this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1, "latest": -1,
            "recent": -1, "next": 1, "coming": 1, "following": 1}
_UNIT_CODES = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "fiscal year": "Y", "decade": "E",
               "day": "D", "quarter": "Q"}


def _rel_unit(g: dict, ctx: Context) -> Norm | None:
    if g["unit"][0].isupper():
        return None  # ABC's "This Week": a capitalized unit is a title, not a date
    unit = _UNIT_CODES[re.sub(r"\s+", " ", g["unit"].lower())]
    rel = (g.get("rel") or "this").lower()
    shift_word = (g.get("shift") or "").lower()
    mod = _mod(g.get("pmod"), shift_word if shift_word in ("early", "late", "mid") else None)
    if unit == "E" and rel in ("past", "last", "previous", "next", "coming", "following"):
        return Norm("DURATION", "P10Y")
    if g.get("fisc") and unit == "Y" and re.match(r"\s+end(?:ed|ing)\b", ctx.after):
        return Norm("DURATION", "P1Y")  # "the fiscal year ended Jan. 31": a period, as "the year ended" is
    anchor, relative = ctx.anchor, True
    if rel in ("same", "following", "previous") and ctx.ref and value_anchor(ctx.ref):
        anchor = value_anchor(ctx.ref)[0]  # "the following year": after the date just mentioned
    return Norm("DATE", shift(anchor, unit, _OFFSETS.get(rel, 0)), mod, relative)


def _the_unit(g: dict, ctx: Context) -> Norm | None:
    word, mod = g["unit"].lower(), _mod(g.get("pmod"))
    if word == "year" and re.match(r"\s+end(?:ed|ing)\b", ctx.after):
        return Norm("DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year, as a period
    if word in DAY_PARTS:
        return Norm("TIME", f"{_reference_or_dct(ctx, 'D')}T{DAY_PARTS[word]}", mod, relative=True)
    unit = _UNIT_CODES[word]
    if unit == "WE":
        return Norm("DATE", _weekend(ctx), mod, relative=True)
    if g["det"].lower() != "that" and unit == "W":  # "for the week": TimeBank leaves open which one
        return Norm("DATE", f"{shift(ctx.anchor, 'Y', 0)}-WXX", mod, relative=True)
    if g["det"].lower() != "that":
        return Norm("DATE", shift(ctx.anchor, unit, 0), mod, relative=True)  # "the year": the current one
    return Norm("DATE", _reference_or_dct(ctx, unit), mod, relative=True)


def _reference_or_dct(ctx: Context, unit: str) -> str:
    """"the year", "that day": the one of the date just mentioned, else of the DCT."""
    reference = value_anchor(ctx.ref) if ctx.ref else None
    if reference and _RANK[reference[1]] <= _RANK.get(unit, 0) and unit != "W":
        return shift(reference[0], unit, 0)
    return shift(ctx.anchor, unit, 0)


def _weekend(ctx: Context) -> str:
    day = ctx.anchor.date
    if day is None:
        return shift(ctx.anchor, "WE", 0)
    if ctx.tense == "past" and day.isoweekday() < 6:
        return shift(ctx.anchor, "WE", -1)
    return shift(ctx.anchor, "WE", 0)


_GRANULARITY = {"S": "D", "MIN": "D", "H": "D", "D": "D", "W": "W", "WE": "W", "F": "W", "M": "M",
                "Q": "Q", "Y": "Y", "E": "Y", "C": "Y"}
_RANK = {"D": 0, "W": 1, "M": 2, "Q": 3, "H": 4, "Y": 5}


def _ago(g: dict, ctx: Context) -> Norm | None:
    n, code = number(g["num"]), _unit_code(g["unit"])
    direction = g["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    if n is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", relative=True)
    base, base_unit = ctx.anchor, "D"
    reference = value_anchor(ctx.ref) if ctx.ref else None
    if reference and reference[1] == "Q" and code == "Y":
        reference = _quarter_reference(ctx)  # a year before the quarter the report is about
    if reference and (direction in ("earlier", "before", "later") or (reference[1] == "Q" and code == "Y")):
        base, base_unit = reference  # "a year earlier", or "a year ago" in a quarterly report: than that date
    unit = _GRANULARITY[code]
    steps = 0 if code in ("S", "MIN", "H") else int(n * {"F": 2, "E": 10, "C": 100}.get(code, 1))
    if base_unit == "Q" and unit in ("Y", "Q"):
        unit, steps = "Q", steps * (4 if unit == "Y" else 1)  # a year before a quarter: that quarter a year back
    elif _RANK[base_unit] > _RANK[unit]:
        unit, steps = base_unit, 0  # "two days later" than a month stays in that month
    return Norm("DATE", shift(base, unit, sign * steps), _mod(g.get("mod")), relative=True)


def _year_ago(g: dict, ctx: Context) -> Norm | None:
    unit = {"year": "Y", "month": "M", "week": "W", "quarter": "Q"}[g["unit"].lower()]
    reference = value_anchor(ctx.ref) if ctx.ref else None
    if reference and reference[1] == "Q":
        reference = _quarter_reference(ctx)
    if reference and reference[1] in ("Q", "M") and unit == "Y":
        step = 4 if reference[1] == "Q" else 12
        return Norm("DATE", shift(reference[0], reference[1], -step), relative=True)
    return Norm("DATE", shift(ctx.anchor, unit, -1), relative=True)


_DAYWORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


def _dayword(g: dict, ctx: Context) -> Norm | None:
    word = (g.get("dayword") or g.get("thispart") or g.get("dayword2")).lower()
    part = (g.get("part") or g.get("part2") or g.get("part3") or ("night" if word == "tonight" else "")).lower()
    if word == "last" and part != "night":
        return None
    day = shift(ctx.anchor, "D", _DAYWORDS[word])
    mod = _mod(g.get("shift")) if (g.get("shift") or "").lower() in ("early", "late", "mid") else None
    if part:
        return Norm("TIME", f"{day}T{DAY_PARTS[part]}", mod, relative=True)
    return Norm("DATE", day, mod, relative=True)


def _weekday(g: dict, ctx: Context) -> Norm | None:
    if g.get("wdate"):
        return _month_day(g, ctx)
    weekday, rel = WEEKDAYS[g["weekday"].lower().rstrip(".")], (g.get("wrel") or "").lower()
    mod = _mod(rel) if rel in ("early", "late", "mid") else None
    value = _weekday_value(ctx, weekday, rel)
    if g.get("part") and g["part"].lower() != "morning":  # TimeBank mostly writes "Friday morning" as the day
        return Norm("TIME", f"{value}T{DAY_PARTS[g['part'].lower()]}", mod, relative=True)
    return Norm("DATE", value, mod, relative=True)


def _weekday_value(ctx: Context, weekday: int, rel: str) -> str:
    anchor = ctx.anchor
    reference = value_anchor(ctx.ref) if ctx.ref else None
    if rel.split()[-1:] in (["previous"], ["following"]) and reference and reference[1] == "D":
        anchor, rel = reference[0], "last" if rel.endswith("previous") else "next"  # before/after the day just named
    if rel in ("last", "this past", "next", "this coming") and anchor.date:
        step = -1 if rel in ("last", "this past") else 1
        moved = anchor.date + dt.timedelta(days=step)
        anchor = Anchor(moved.year, moved.month, moved.day, anchor.inferred)
        return nearest_weekday(anchor, weekday, "past" if step < 0 else "future")
    if rel == "this" and anchor.date:
        monday = anchor.date - dt.timedelta(days=anchor.date.isoweekday() - 1)
        return (monday + dt.timedelta(days=weekday - 1)).isoformat()
    return nearest_weekday(anchor, weekday, ctx.tense)


def _time(g: dict, ctx: Context) -> Norm | None:
    hour, minute = _clock(g)
    if hour is None:
        return None
    day, relative = _time_day(g, ctx)
    clock = f"{hour:02d}:{minute:02d}"
    return Norm("TIME", f"{day}T{clock}", _mod(g.get("tmod")), relative)


def _clock(g: dict) -> tuple[int | None, int]:
    if g.get("noon"):
        return (0, 0) if g["noon"].lower() == "midnight" else (12, 0)
    if g.get("hour24"):
        return int(g["hour24"]), int(g["minute24"])
    hour, minute = int(g["hour"]), int(g.get("minute") or 0)
    pm = g["ampm"].lower().startswith("p")
    if hour > 12:
        return None, 0
    return (hour % 12) + (12 if pm else 0), minute


def _time_day(g: dict, ctx: Context) -> tuple[str, bool]:
    if g.get("dayword"):
        return shift(ctx.anchor, "D", _DAYWORDS[g["dayword"].lower()]), True
    if g.get("weekday"):
        return _weekday_value(ctx, WEEKDAYS[g["weekday"].lower().rstrip(".")], ""), True
    if g.get("month") and g.get("day"):
        found = nearest_day(ctx.anchor, _month(g["month"]), int(g["day"]), ctx.tense)
        if found:
            return found, True
    return shift(ctx.anchor, "D", 0), True


def _holiday(g: dict, ctx: Context) -> Norm | None:
    name, rel = re.sub(r"\s+", " ", g["holiday"]).replace("’", "'"), (g.get("hrel") or "").lower()
    direction = {"last": "past", "next": "future", "this": None}.get(rel, ctx.tense)
    anchor = ctx.anchor
    if not anchor.year:
        return None
    options = [d for d in (_holiday_date(name, anchor.year + k) for k in (0, -1, 1)) if d]
    if not options:
        return None
    if not anchor.day:
        return Norm("DATE", options[0].isoformat(), relative=True)
    value = choose_by_tense([((d - anchor.date).days, d.isoformat()) for d in options], direction)
    return Norm("DATE", value, relative=True)


def _holiday_date(name: str, year: int) -> dt.date | None:
    fixed = {"Christmas": (12, 25), "Christmas Day": (12, 25), "Christmas Eve": (12, 24), "New Year's": (1, 1),
             "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Independence Day": (7, 4), "Halloween": (10, 31),
             "Valentine's Day": (2, 14), "Veterans Day": (11, 11), "Boxing Day": (12, 26), "May Day": (5, 1)}
    if name in fixed:
        return dt.date(year, *fixed[name])
    floating = {"Thanksgiving": (11, 4, 4), "Thanksgiving Day": (11, 4, 4), "Labor Day": (9, 1, 1),
                "Memorial Day": (5, 1, -1)}
    if name in floating:
        month, weekday, n = floating[name]
        return nth_weekday(year, month, weekday, n)
    return _easter(year) if name.startswith("Easter") else None


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


# ---------------------------------------------------------------- durations, sets, references

_DURATION_UNITS = {"S": ("T", "S", 1), "MIN": ("T", "M", 1), "H": ("T", "H", 1), "D": ("", "D", 1),
                   "W": ("", "W", 1), "WE": ("", "WE", 1), "F": ("", "W", 2), "M": ("", "M", 1),
                   "Q": ("", "Q", 1), "Y": ("", "Y", 1), "E": ("", "Y", 10), "C": ("", "Y", 100)}
_SMALLER = {"Y": ("M", 12), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "M": ("D", 30)}


def _unit_code(word: str) -> str:
    word = word.lower().rstrip("s")
    return {"minute": "MIN", "month": "M", "second": "S", "hour": "H", "day": "D", "night": "D",
            "week": "W", "weekend": "WE", "fortnight": "F", "quarter": "Q", "year": "Y",
            "decade": "E", "century": "C", "centurie": "C"}[word]


def duration_value(n: float | None, code: str) -> str:
    """A TIMEX3 duration: ``P3M``, ``PT5H``, ``P2Y6M``, ``PXY`` when the amount is vague.

    >>> duration_value(2.5, "Y"), duration_value(None, "H"), duration_value(2, "E")
    ('P2Y6M', 'PTXH', 'P20Y')
    """
    time, letter, factor = _DURATION_UNITS[code]
    if n is None:
        return f"P{time}X{letter}"
    n = _int_if_whole(n * factor)
    if isinstance(n, float) and letter in _SMALLER:
        whole = int(n)
        smaller, per = _SMALLER[letter]
        rest = round((n - whole) * per)
        small_time = "T" if letter in ("D",) and not time else ""
        head = f"P{time}{whole}{letter}" if whole else f"P{time}"
        return f"{head}{small_time}{rest}{smaller}"
    return f"P{time}{n}{letter}"


_FREQUENCY_BEFORE = re.compile(r"(?:\d[\d,.]*|million|billion|thousand|hundred|dozen|times|twice|once|percent|%)"
                               r"(?:\s+[a-z]+s)?\s+$", re.IGNORECASE)


def _duration(g: dict, ctx: Context) -> Norm | None:
    if (g.get("tail") or "").lower() == "old":
        return None  # an age ("a 44-year-old"), not a time expression
    unit, quantity = g["unit"].lower(), (g.get("num") or "").lower()
    if quantity in ("a", "an") and g.get("num2"):
        quantity = g["num2"]
    if quantity in ("a", "an") and not (g.get("det") or g.get("drel") or g.get("mod")):
        if _FREQUENCY_BEFORE.search(ctx.before):
            return None  # "four flights a week", "$2 million a year": a rate, not a duration
        if unit == "second" and re.match(r"\s+[a-z]", ctx.after):
            return None  # "a second betrayal"
    if unit.startswith("quarter") and re.match(r"\s+of\b", ctx.after):
        return None  # "three-quarters of its food"
    code = _unit_code(unit)
    value = duration_value(number(quantity), code)
    return Norm("DURATION", value, _mod(g.get("mod")))


def _bare_units(g: dict, ctx: Context) -> Norm | None:
    return Norm("DURATION", duration_value(None, _unit_code(g["unit"])))


def _duration_vague(g: dict, ctx: Context) -> Norm | None:
    code = _unit_code(g["unit"])
    if (g["drel"].lower(), code) == ("recent", "Y") and not (g.get("det") or g.get("vq")):
        return Norm("DATE", "PAST_REF", relative=True)  # "in recent years": TimeBank's majority reads a vague past
    return Norm("DURATION", duration_value(None, code))


def _half_unit(g: dict, ctx: Context) -> Norm | None:
    return Norm("DURATION", duration_value(0.5, _unit_code(g["unit"])))


_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "nightly": "P1D", "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "biannually": "P6M", "semiannually": "P6M"}
_SET_UNITS = {"morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
              "night": "XXXX-XX-XXTNI", "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP",
              "fall": "XXXX-FA", "autumn": "XXXX-FA", "weekend": "XXXX-WXX-WE"}


def _set(g: dict, ctx: Context) -> Norm | None:
    if g.get("adv"):
        if _FREQUENCY_BEFORE.search(ctx.before):
            return None  # "to rise 8.5% annually", "10,000 units annually": a rate, which the gold leaves untagged
        return Norm("SET", _SET_ADVERBS[g["adv"].lower()])
    if g.get("smonth"):
        return Norm("SET", f"XXXX-{MONTHS[g['smonth'].lower()]:02d}")
    weekday = g.get("wd") or (g.get("plural") or "")[:-1]
    if weekday:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}")
    unit = g["unit"].lower()
    if unit in _SET_UNITS:
        return Norm("SET", _SET_UNITS[unit])
    count = g.get("setnum")
    n = 2 if (count or "").lower() == "other" else number(count) if count else 1
    return Norm("SET", duration_value(n, _unit_code(unit)))


def _ref(g: dict, ctx: Context) -> Norm | None:
    if g.get("present"):
        return Norm("DATE", "PRESENT_REF", relative=True)
    if g.get("past"):
        return Norm("DATE", "PAST_REF", relative=True)
    if re.match(r"\s+as\b", ctx.after) or re.search(r"\bas\s+$", ctx.before):
        return None  # "as soon as"
    return Norm("DATE", "FUTURE_REF", relative=True)


_SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90}


def _spoken_year(g: dict, ctx: Context) -> Norm | None:
    """"nineteen ninety-four", "the year two thousand" (broadcast transcripts spell years out)."""
    words = re.split(r"[\s-]+", g["spoken"].lower())
    if words[:2] == ["two", "thousand"]:
        return Norm("DATE", str(2000 + (NUMBER_WORDS.get(words[-1], 0) if len(words) > 2 else 0)))
    rest = words[1:]
    if rest == ["hundred"]:
        return Norm("DATE", "1900")
    value = _SPOKEN_TENS.get(rest[0], NUMBER_WORDS.get(rest[0], 0)) + (NUMBER_WORDS.get(rest[1], 0) if len(rest) > 1 else 0)
    return Norm("DATE", str(1900 + value)) if 10 <= value <= 99 else None


def _year_end(g: dict, ctx: Context) -> Norm | None:
    since = re.search(r"\bsince\s+$", ctx.before, re.I)  # "since year-end": the last one
    year = shift(ctx.anchor, "Y", -1 if since else 0)
    return Norm("DATE", f"{year}-12-31", relative=True)


_HANDLERS = {
    "spoken_year": _spoken_year, "bare_units": _bare_units, "year_end": _year_end,
    "month_day": _month_day, "day_month": _month_day, "iso_date": _numeric_date, "slash_date": _numeric_date,
    "month_year": _month_year, "month": _month_only, "year": _year, "decade": _decade,
    "decade_word": _decade_word, "century": _century, "century_rel": _century_rel, "quarter": _quarter,
    "season": _season, "rel_unit": _rel_unit, "the_unit": _the_unit, "ago": _ago, "year_ago": _year_ago,
    "dayword": _dayword, "weekday": _weekday, "time": _time, "time_anchor_first": _time,
    "duration": _duration, "duration_vague": _duration_vague, "half_unit": _half_unit, "set": _set,
    "ref": _ref, "holiday": _holiday,
}
