"""The typed, immutable records that flow between the stages.

A reader turns bytes into ``RawRecord``s; ``ingest`` turns each one into an
``Article`` (or a ``Rejected``). Spans are character offsets, like spaCy's.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rejected:
    """An input the engine could not use, and why. Counted and reported, never dropped silently.

    ``stage`` is one of ``read`` (the file), ``parse`` (a record inside it),
    ``extract`` (no article text found) or ``clean`` (too little text left).
    """

    source: str
    stage: str
    reason: str


@dataclass(frozen=True)
class RawRecord:
    """One document as a reader found it, before cleaning.

    ``body`` is plain text or HTML (``is_html``). ``fields`` carries whatever
    metadata the container gave (title, author, outlet, url, published, ...).
    """

    source: str
    format: str
    body: str
    is_html: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    summary_only: bool = False


@dataclass(frozen=True)
class Removed:
    """A piece of text cleaning took out, with offsets into the text before cleaning."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class DateEstimate:
    """A publication date: given by metadata, or inferred from the text as a range.

    ``value`` is an ISO date (``2023-05-25``), month (``2023-05``) or year, or
    None when only the range is known. ``soft_start`` marks a range whose start
    no statement gives (only "before the end of 2027"): clustering treats it as open.
    """

    value: str | None
    inferred: bool
    range_start: str | None = None
    range_end: str | None = None
    source: str | None = None
    evidence: tuple[str, ...] = ()
    soft_start: bool = False  # range_start is a guess (no statement bounds the date from below)


@dataclass(frozen=True)
class Article:
    """A clean article, the unit every later stage works on."""

    id: str
    source: str
    format: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: DateEstimate = field(default_factory=lambda: DateEstimate(None, False))
    language: str | None = None
    summary_only: bool = False
    removed: tuple[Removed, ...] = ()
    metadata_sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The article as plain JSON-ready data (the export shape)."""
        data = asdict(self)
        date = data.pop("published")
        data["published"] = date["value"]
        data["published_inferred"] = date["inferred"]
        data["published_range"] = [date["range_start"], date["range_end"]] if date["range_start"] or date["range_end"] else None
        data["published_source"] = date["source"]
        data["published_evidence"] = list(date["evidence"])
        data["removed"] = [dict(r) for r in data["removed"]]
        return data


def content_id(text: str, outlet: str | None) -> str:
    """The stable id of an article: a hash of its clean text and its outlet.

    The outlet is part of it so that one wire story run verbatim by two outlets
    stays two articles (linked as near-duplicates), while the same file ingested
    twice, or under two paths, is one.

    >>> content_id("Some text.", "example.com") == content_id("Some  text.", "example.com")
    True
    """
    normalized = " ".join(text.split())
    digest = hashlib.sha256(f"{(outlet or '').lower()}\n{normalized}".encode("utf-8"))
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- the language layer


@dataclass(frozen=True)
class TextSpan:
    """A stretch of an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Timex:
    """A temporal expression normalized like TimeML's TIMEX3.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` a TIMEX3 value such as
    ``2023-07-11``, ``2023-07``, ``2023-W21``, ``P3M``, ``PRESENT_REF`` or
    ``XXXX-06-29`` (year unknown). ``inferred`` is True when the value rests on
    a document date that was itself inferred from the text; ``mod`` carries
    TIMEX3 modifiers (``APPROX``, ``START``, ``END``, ``BEFORE``, ``AFTER``).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    inferred: bool = False
    mod: str | None = None


@dataclass(frozen=True)
class Quote:
    """Who said what: a direct or indirect quotation and its attribution.

    ``speaker`` is the span naming the source where the quote is attributed
    (a name, a pronoun, "officials"), ``speaker_antecedent`` the mention a
    pronoun or description refers back to; ``source_kind`` is named, anonymous,
    outlet or organization; ``kind`` is direct or indirect.
    """

    content: TextSpan
    kind: str
    speaker: TextSpan | None = None
    cue: TextSpan | None = None
    speaker_antecedent: TextSpan | None = None
    source_kind: str | None = None
    speaker_entity_id: str | None = None


FEATURE_SPACES = ("body", "title", "names")  # the term spaces of ``ArticleFeatures``, weighted apart


@dataclass(frozen=True)
class ArticleFeatures:
    """Raw term counts of one article for story clustering, before weighting; days are date ordinals (a range)."""

    article_id: str
    body: dict[str, int]
    title: dict[str, int]
    names: dict[str, int]
    day_start: int | None
    day_end: int | None
