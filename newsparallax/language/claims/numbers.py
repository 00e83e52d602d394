"""Numbers in a claim: counts, amounts, ordinals and percentages with their values.

Read from spaCy's CARDINAL, ORDINAL, MONEY, PERCENT and QUANTITY entities;
numbers that are part of a date ("June 29", "2022") are the timexes' business
and are left out. The text keeps the noun the number counts ("70
individuals", "third time"), which is what two claims must share before their
numbers are compared.

Example:
    >>> number_value("about 70"), number_value("75th"), number_value("third"), number_value("$1.5 billion")
    (70.0, 75.0, 3.0, 1500000000.0)
"""

from __future__ import annotations

import re

NUMBER_LABELS = ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
    "once": 1, "twice": 2, "thrice": 3, "single": 1, "double": 2, "triple": 3,
}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
DIGITS = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\b")


def number_value(text: str) -> float | None:
    """The value of a number phrase, or None when it has no readable number.

    >>> number_value("more than 1,200"), number_value("twenty-five"), number_value("several")
    (1200.0, 25.0, None)
    """
    words = re.findall(r"[a-z]+|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?", text.lower().replace("-", " "))
    value = None
    for word in words:
        digits = DIGITS.fullmatch(word)
        if digits:
            value = (value or 0) + float(digits.group(1).replace(",", ""))
        elif word in WORDS:
            value = _add_word(value, WORDS[word])
        elif word in MULTIPLIERS and value is not None:
            value *= MULTIPLIERS[word]
    return value


def _add_word(value: float | None, word_value: float) -> float:
    if value is None:
        return float(word_value)
    if word_value == 100:
        return value * 100  # "two hundred"
    return value + word_value  # "twenty five"


def numbers_in(span, timexes: list[tuple[int, int]], ents=None) -> tuple[tuple[str, float], ...]:
    """(text, value) for each number entity inside ``span`` that is not part of a date.

    ``ents`` are the doc's entities when the caller has them already (``span.ents`` rebuilds them).
    """
    found = []
    inside = span.ents if ents is None else [e for e in ents if span.start <= e.start and e.end <= span.end]
    for ent in inside:
        if ent.label_ not in NUMBER_LABELS or any(s < ent.end_char and ent.start_char < e for s, e in timexes):
            continue
        value = number_value(ent.text)
        if value is not None:
            found.append((_with_noun(ent), value))
    return tuple(found)


def _with_noun(ent) -> str:
    """The number with the noun it counts: "about 70" -> "about 70 individuals"."""
    head = ent.root.head
    if head.i >= ent.end and head.pos_ in ("NOUN", "PROPN") and head.i - ent.end <= 3:
        return ent.doc[ent.start : head.i + 1].text
    return ent.text


def number_unit(text: str) -> str:
    """The counted word of a number's text, roughly singular ("70 individuals" -> "individual").

    >>> number_unit("about 70 individuals"), number_unit("$60"), number_unit("third time")
    ('individual', '$', 'time')
    """
    last = text.lower().split()[-1] if text.split() else ""
    if re.search(r"\d", last) or last in WORDS or last in MULTIPLIERS:
        return "$" if "$" in text else "%" if "%" in text or "percent" in text.lower() else ""
    return re.sub(r"(?<=[a-z]{3})s$", "", last.strip(".,;:"))
