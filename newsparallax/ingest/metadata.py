"""Metadata: outlet, publication date and language, from what a document gives.

Unknown stays ``None``: nothing here invents a value. A publication date with
no metadata behind it is inferred from the dated statements in the text, as a
range with its evidence, and marked inferred.

Example:
    >>> outlet_from_url("https://www.breitbart.com/asia/2023/05/25/story/")
    'breitbart.com'
    >>> normalize_date("Thu, 25 May 2023 10:00:00 GMT")
    '2023-05-25'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from ..records import DateEstimate

HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "mobile.", "amp.", "edition.", "en.")
DATELINE_OUTLET = re.compile(r"^[A-Z][A-Z .,'’\-]{1,40}\s*\((?P<outlet>[A-Z][\w .&'’\-]{1,30})\)\s*[-–—]")
MIN_YEAR, MAX_YEAR = 1900, 2100


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain from an article URL, without ``www.``-style prefixes."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def outlet_from_dateline(text: str) -> str | None:
    """The agency of a wire dateline such as ``TOKYO (Reuters) -`` at the start of the text."""
    match = DATELINE_OUTLET.match(text)
    return match.group("outlet").strip() if match else None


def normalize_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date string in any common format, else None.

    ISO 8601 is read directly; anything else goes through dateparser, told not
    to fill missing parts from today (an unknown day must not become today's).
    """
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    parsed = _dateparser_parse(text)
    if parsed is None or not MIN_YEAR <= parsed.year < MAX_YEAR:
        return None
    return parsed.date().isoformat()


def _dateparser_parse(text: str) -> dt.datetime | None:
    import dateparser  # slow to import; only needed for non-ISO dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        return dateparser.parse(text, languages=["en"], settings=settings) or dateparser.parse(text, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None


# ---------------------------------------------------------------- language


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, min_chars: int = 40, min_probability: float = 0.80) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when too short or unsure."""
    sample = text[:3000]
    if len(sample.strip()) < min_chars:
        return None
    language, probability = _language_identifier().classify(sample)
    return language if probability >= min_probability else None


# ---------------------------------------------------------------- publication date from the text


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS = (
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("day", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("month", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")),
    ("year", re.compile(r"(?<![\d$€£,.\-/])(?P<year>(?:19|20)\d\d)(?![\d%,.\-/]\d|['’]?s\b|\s*(?:%|percent|km|miles|people|troops|tons|barrels)\b)")),
)
FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|scheduled|upcoming|next|plans? to|planned|set to|set for|expected to|"
    r"to be held|is to|are to|by the end of|ahead of|forthcoming|due to|aims? to|would take place)\b",
    re.IGNORECASE,
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n+")


@dataclass(frozen=True)
class DatedStatement:
    """An explicit date in the text, the period it covers and whether it is spoken of as future."""

    start: dt.date
    end: dt.date
    precision: str
    future: bool
    evidence: str


def infer_publication_date(text: str) -> DateEstimate:
    """A publication-date range from the dated statements in an article.

    The article was written after every date it speaks of as past and before
    the end of every period it speaks of as future; a side with no such
    statement stays open (``None``). The value is filled only when the
    range fits in one month (``YYYY-MM``) or one year (``YYYY``).
    """
    statements = list(dated_statements(text))
    past = [s for s in statements if not s.future]
    future = [s for s in statements if s.future]
    if not past and not future:
        return DateEstimate(None, True, source="text: no dated statements", evidence=())
    lower = max((s.start for s in past), default=None)
    upper = min((s.end for s in future), default=None)
    if lower and upper and upper < lower:
        upper = None  # the cues disagree; trust what the article reports as done
    # A dated plan ("on July 11", "in July 2023") is made within about a year of
    # it, so it closes the range from below too; a far goal ("by 2028") does not.
    near_plans = [s.end for s in future if s.precision != "year" and s.end == upper]
    if near_plans:
        lower = max(lower or dt.date.min, dt.date(upper.year - 1, 1, 1))
    evidence = tuple(_evidence_lines(statements, lower, upper))
    return DateEstimate(
        _range_value(lower, upper), True, lower and lower.isoformat(), upper and upper.isoformat(),
        "text: dated statements", evidence,
    )


def dated_statements(text: str) -> list[DatedStatement]:
    """Every explicit date (with a year) in the text, with its sentence's tense cue."""
    found: list[DatedStatement] = []
    for sentence in SENTENCE_SPLIT.split(text):
        future = bool(FUTURE_CUES.search(sentence))
        taken: list[tuple[int, int]] = []
        for precision, pattern in DATE_PATTERNS:
            for match in pattern.finditer(sentence):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                period = _period(match, precision)
                if period:
                    taken.append(match.span())
                    found.append(DatedStatement(*period, precision, future, _snippet(sentence, match)))
    return found


def _period(match: re.Match[str], precision: str) -> tuple[dt.date, dt.date] | None:
    groups = match.groupdict()
    year = int(groups["year"])
    month_text = groups.get("month")
    month = int(month_text) if month_text and month_text.isdigit() else MONTHS.get((month_text or "").lower().rstrip("."))
    try:
        if precision == "day" and month:
            day = dt.date(year, month, int(groups["day"]))
            return day, day
        if precision == "month" and month:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if precision == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


def _snippet(sentence: str, match: re.Match[str], width: int = 60) -> str:
    start, end = max(0, match.start() - width), min(len(sentence), match.end() + width)
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def _evidence_lines(statements: list[DatedStatement], lower: dt.date, upper: dt.date):
    for s in statements:
        if (not s.future and s.start == lower) or (s.future and s.end == upper):
            yield f"{'after' if not s.future else 'before the end of'} {s.start.isoformat() if s.precision == 'day' else s.start.isoformat()[: 4 if s.precision == 'year' else 7]}: {s.evidence}"


def _range_value(lower: dt.date | None, upper: dt.date | None) -> str | None:
    if lower is None or upper is None:
        return None
    if (lower.year, lower.month) == (upper.year, upper.month):
        return lower.isoformat()[:7]
    if lower.year == upper.year:
        return str(lower.year)
    return None
