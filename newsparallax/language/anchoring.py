"""Dating undated articles by one another: a yearless day takes the year another article gives the same event.

An undated article that says "Kishida will attend the NATO summit in Vilnius,
Lithuania, on July 11" cannot tell which year's July 11 it means; another one
saying "The 2023 summit will take place in Vilnius, Lithuania on July 11 and
12" can. When the two sentences name the same things (a place and another
name, or more names and most of the same words when no place is named; the
names of a topic's every article — its leader, its country — are not enough
on their own) and the dates agree on month and day, the first statement becomes "2023-07-11", with its own
tense, and the article's DCT is estimated again (``timex.dct.estimate_dct``):
"will attend on 2023-07-11" now bounds it from above.

The anchors are dates whose year the text itself gives (in undated articles)
or that rest on a publication date from metadata (in dated ones). A
statement that matches anchors of different years equally well stays
yearless: annual events ("the NATO summit in July") must be told apart by
their place or people, never guessed.

Example:
    >>> from newsparallax.language.timex.dct import Statement
    >>> floating = Statement("July 11", "XXXX-07-11", "future", "Kishida will attend the NATO summit in Vilnius, Lithuania, on July 11.")
    >>> fixed = DatedSentence("b", "2023-07-11", "The 2023 summit will take place in Vilnius, Lithuania on July 11 and 12.")
    >>> anchor_statements("a", [floating], AnchorIndex.build([fixed], places={"vilnius", "lithuania"}))[0].value
    '2023-07-11'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .terms import names, words
from ..records import Statement
from .timex import TimexValue, parse_value

MIN_SHARED_NAMES = 2  # with at least one shared place ...
MIN_SHARED_NAMES_UNPLACED = 3  # ... or more names and much of the wording when no place is named
MIN_WORD_OVERLAP_UNPLACED = 0.45  # measured: 0.6 -> 0.45 adds right changes, no wrong one (evaluation.dct)
MIN_WORD_OVERLAP = 0.4  # shared content words / words of the shorter sentence
# A bare year made a day: the year already agrees, so less overlap is asked (a wrong day is the worst case).
MIN_WORD_OVERLAP_SAME_YEAR = 0.25
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class DatedSentence:
    """A date whose year is known, in the sentence that states it."""

    article_id: str
    value: str  # YYYY-MM or YYYY-MM-DD
    sentence: str


@dataclass(frozen=True)
class AnchorIndex:
    """Dated sentences by month, for finding the ones a yearless date may refer to; ``places``: place-name words."""

    by_month: dict[str, tuple[DatedSentence, ...]]
    places: frozenset[str] = frozenset()

    @classmethod
    def build(cls, dated: Iterable[DatedSentence], places: Iterable[str] = ()) -> "AnchorIndex":
        """Index dated sentences (those whose value is not YYYY-MM[-DD] are left out)."""
        by_month: dict[str, list[DatedSentence]] = defaultdict(list)
        for item in dated:
            parsed = _month_date(item.value)
            if parsed and parsed.year is not None:
                by_month[f"{parsed.month:02d}"].append(item)
        return cls({month: tuple(items) for month, items in by_month.items()}, frozenset(places))


def anchor_statements(article_id: str, statements: list[Statement], dated: Iterable[DatedSentence] | AnchorIndex) -> list[Statement]:
    """The statements with each yearless day given the year that another article states for the same event.

    Statements without a clear anchor are returned unchanged.
    """
    index = dated if isinstance(dated, AnchorIndex) else AnchorIndex.build(dated)
    return [_anchored(article_id, s, index) for s in statements]


def _anchored(article_id: str, statement: Statement, index: AnchorIndex) -> Statement:
    parsed = parse_value(statement.value)
    if parsed and parsed.is_date and parsed.year is not None and parsed.month is None and statement.tense:
        return _refined(article_id, statement, index)  # a bare year
    floating = _month_date(statement.value)
    if floating is None or floating.year is not None or statement.relation is not None:
        return statement  # "last June" is read against the DCT, which is what is being estimated
    scored = [(score, item) for item in index.by_month.get(f"{floating.month:02d}", ())
              if item.article_id != article_id and _same_day(floating.day, item.value)
              and (score := _likeness(statement.sentence, item.sentence, index.places)) is not None]
    if not scored:
        return statement
    best = max(score for score, _ in scored)
    years = {item.value[:4] for score, item in scored if score == best}
    if len(years) != 1:
        return statement  # equally good anchors disagree: an annual event named without its place
    source = min((item for score, item in scored if score == best), key=lambda i: (i.article_id, i.sentence))
    return replace(statement, value=source.value[:4] + statement.value[4:], kind=f"anchored:{source.article_id}")


def _refined(article_id: str, statement: Statement, index: AnchorIndex) -> Statement:
    """A bare year made a day when another article dates the same event: "the 2023 NATO Summit in Lithuania"."""
    scored = [(score, item) for items in index.by_month.values() for item in items
              if item.article_id != article_id and item.value.startswith(statement.value)
              and (score := _likeness(statement.sentence, item.sentence, index.places, MIN_WORD_OVERLAP_SAME_YEAR)) is not None]
    if not scored:
        return statement
    best = max(score for score, _ in scored)
    value = _common_value({item.value for score, item in scored if score == best})
    if len(value) <= 4:
        return statement  # equally good anchors agree on no month
    source = min((item for score, item in scored if score == best), key=lambda i: (i.article_id, i.sentence))
    return replace(statement, value=value, kind=f"refined:{source.article_id}")


def _common_value(values: set[str]) -> str:
    """The most precise date all values fall in: {"2023-07", "2023-07-11"} -> "2023-07"."""
    parts = [v.split("-") for v in values]
    common = []
    for level in zip(*parts):
        if len(set(level)) > 1:
            break
        common.append(level[0])
    return "-".join(common)


def _month_date(value: str) -> TimexValue | None:
    """The value when it is a plain ``YYYY-MM[-DD]`` or ``XXXX-MM[-DD]``: only these have a month to match on."""
    parsed = parse_value(value)
    return parsed if parsed and parsed.is_date and parsed.month is not None else None


def _same_day(day: int | None, value: str) -> bool:
    other = parse_value(value).day  # value is an indexed YYYY-MM[-DD]
    return day is None or other is None or day == other


def _likeness(first: str, second: str, places: frozenset[str], min_overlap: float = MIN_WORD_OVERLAP) -> float | None:
    """How surely two sentences speak of the same event: None below the thresholds, else the word overlap."""
    shared = _names(first) & _names(second)
    words_a, words_b = _words(first), _words(second)
    if len(shared) < MIN_SHARED_NAMES or not words_a or not words_b:
        return None
    overlap = len(words_a & words_b) / min(len(words_a), len(words_b))
    if shared & places:
        return overlap if overlap >= min_overlap else None
    enough = len(shared) >= MIN_SHARED_NAMES_UNPLACED and overlap >= max(min_overlap, MIN_WORD_OVERLAP_UNPLACED)
    return overlap if enough else None


def place_words(text: str) -> frozenset[str]:
    """The name words of a place mention, folded as in ``_names`` ("Vilnius, Lithuania" -> vilnius, lithuania)."""
    return _names(text)


@lru_cache(maxsize=50_000)
def _names(sentence: str) -> frozenset[str]:
    return frozenset(k for k in names(sentence) if " " not in k)


@lru_cache(maxsize=50_000)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in words(sentence) if not w.isdigit())
