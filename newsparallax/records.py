"""The typed, immutable records that cross a stage boundary.

A reader turns bytes into ``RawRecord``s; ``ingest`` turns each one into an
``Article`` (or a ``Rejected``); the language layer reads an article into an
``Annotated`` (``EntityMention``, ``Timex``, ``Quote``, ``Event``,
``LabelCandidate``, ``Statement``, ``Claim``) and resolves many into a
``Resolution`` (``Entity``, ``Label``); stories cluster ``ArticleFeatures``.
Spans are character offsets into the article's clean text, like spaCy's.

Records that are stored or sent (``Plain``) have one ``to_dict`` /
``from_dict`` pair, derived from their type hints, instead of hand-built copies:

    >>> span = TextSpan(0, 7, "Kishida")
    >>> TextSpan.from_dict(span.to_dict()) == span
    True
"""

from __future__ import annotations

import hashlib
import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any, Union


class Plain:
    """A mixin for frozen dataclasses: ``to_dict`` (JSON-ready) and ``from_dict`` (its inverse)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data: nested records as dicts, tuples as lists."""
        return _plain(asdict(self))  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Rebuild the record from ``to_dict``'s output (unknown keys ignored, missing ones defaulted).

        Raises TypeError when a required field is missing.
        """
        return _converter(cls)(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value] if isinstance(value, (tuple, list)) else value


@lru_cache(maxsize=None)
def _converter(kind: Any):
    """A function turning plain data into ``kind`` (a type hint), built once per hint."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (Union, types.UnionType):
        inner = _converter(next(a for a in args if a is not type(None)))
        # A scalar passes through as it is, None too: no wrapper on the hot path (every stored annotation).
        return _same if inner is _same else lambda v: None if v is None else inner(v)
    if origin is tuple:
        return _tuple_converter(args)
    if isinstance(kind, type) and is_dataclass(kind):
        return _record_converter(kind)
    return float if kind is float else _same


def _tuple_converter(args: tuple):
    if len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0])
        return tuple if item is _same else lambda v: tuple(item(x) for x in v)
    items = [_converter(a) for a in args]
    if all(f is _same for f in items):
        return tuple
    return lambda v: tuple(f(x) for f, x in zip(items, v))


def _record_converter(kind: type):
    hints = typing.get_type_hints(kind)
    known = frozenset(f.name for f in fields(kind))
    # Only the fields whose plain form differs (records, tuples, floats) are converted: most are str or int.
    convert = [(name, c) for name in known if (c := _converter(hints[name])) is not _same]

    def build(data: dict[str, Any]):
        values = dict(data) if data.keys() <= known else {k: v for k, v in data.items() if k in known}
        for name, conversion in convert:
            if name in values:
                values[name] = conversion(values[name])
        return kind(**values)

    return build


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Rejected(Plain):
    """An input the engine could not use, and why. Counted and reported, never dropped silently.

    ``stage`` is one of ``read`` (the file), ``parse`` (a record inside it),
    ``extract`` (no article text found) or ``clean`` (too little text left).
    """

    source: str
    stage: str
    reason: str


@dataclass(frozen=True)
class RawRecord(Plain):
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
class Removed(Plain):
    """A piece of text cleaning took out, with offsets into the text before cleaning."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class DateEstimate(Plain):
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
class TextSpan(Plain):
    """A stretch of an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Timex(Plain):
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
class Quote(Plain):
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


# ---------------------------------------------------------------- the language layer's records


@dataclass(frozen=True)
class Statement(Plain):
    """A DATE expression read without a DCT: its text, value (``XXXX`` for an unknown year), tense and sentence.

    ``kind`` is the rule that found it; ``relation`` a word fixing its
    direction by itself ("last" June, "next" July).
    """

    text: str
    value: str
    tense: str | None
    sentence: str
    kind: str = ""
    relation: str | None = None


@dataclass(frozen=True)
class EntityMention(Plain):
    """One named mention: its offsets in the article, the model's label, the bare name, a title if any."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    name: str
    title: str | None = None
    preposition: str | None = None  # "in" of "in Kyiv": evidence against a PERSON tag


@dataclass(frozen=True)
class Entity(Plain):
    """A canonical entity across the corpus."""

    id: str
    name: str
    type: str
    aliases: tuple[tuple[str, int], ...]
    mentions: tuple[tuple[str, int, int], ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    titles: tuple[str, ...] = ()

    @property
    def mention_count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True)
class Event(Plain):
    """A dated statement of one article."""

    date: str
    timex: TextSpan
    sentence: TextSpan
    label: str
    subject: str | None
    predicate: str | None
    object: str | None
    place: str | None
    mentions: tuple[tuple[int, int], ...]
    # For a speech verb, (subject, predicate, object) of the clause it reports; None otherwise.
    reported: tuple[str | None, str | None, str | None] | None = None


@dataclass(frozen=True)
class LabelCandidate(Plain):
    """A definite description or epithet in one article, before linking."""

    start: int
    end: int
    text: str
    head: str
    kind: str  # "description" (a definite noun phrase) or "epithet" (words before a name)
    target: tuple[int, int] | None = None  # the named mention it is apposed or attached to


@dataclass(frozen=True)
class Label(Plain):
    """A descriptive label linked (or not) to a canonical entity."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None
    evidence: str | None


@dataclass(frozen=True)
class Claim(Plain):
    """One factual statement of an article; ``text == article_text[start:end]``.

    ``modality`` is asserted, hedged or denied; ``source_kind`` is outlet (the
    article's own voice), named, anonymous or other_outlet, and ``source`` the
    named person, body or outlet (an outlet relaying anonymous sources is the
    source, the kind then says anonymous). ``tense`` is past, present or
    future; ``qualifiers`` are scope phrases ("as a full member", "in any
    form"); ``places`` the places the action is in or at.
    """

    id: str
    article_id: str
    start: int
    end: int
    text: str
    subject: str | None
    predicate: str | None
    object: str | None
    entity_ids: tuple[str, ...]
    dates: tuple[str, ...]
    numbers: tuple[tuple[str, float], ...]
    negated: bool
    modality: str
    hedge_cues: tuple[str, ...]
    source_kind: str
    source: str | None
    check_worthy: float
    tense: str = "present"
    places: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    quoted: bool = False
    subject_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    subject_ids: tuple[str, ...] = ()
    inferred_dates: tuple[str, ...] = ()  # the dates whose year rests on an inferred publication date
    speaker_spans: tuple[tuple[int, int], ...] = ()  # every source the claim is attributed to


@dataclass(frozen=True)
class Annotated(Plain):
    """Everything the language layer reads in one article; spans are offsets into ``text``."""

    article_id: str
    text: str
    dct: DateEstimate
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[EntityMention, ...]
    timexes: tuple[Timex, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    label_candidates: tuple[LabelCandidate, ...] = ()
    statements: tuple[Statement, ...] = ()  # the dated statements a DCT was inferred from (none with a known DCT)
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """Entities across a set of annotated articles, and what links to them."""

    entities: tuple[Entity, ...]
    mention_ids: dict[tuple[str, int, int], str]
    labels: tuple[Label, ...]
    quotes: dict[str, tuple[Quote, ...]] = field(default_factory=dict)  # article id -> quotes with speaker_entity_id

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)


# ---------------------------------------------------------------- stories


FEATURE_SPACES = ("body", "title", "names")  # the term spaces of ``ArticleFeatures``, weighted apart


@dataclass(frozen=True)
class ArticleFeatures(Plain):
    """Raw term counts of one article for story clustering, before weighting; days are date ordinals (a range)."""

    article_id: str
    body: dict[str, int]
    title: dict[str, int]
    names: dict[str, int]
    day_start: int | None
    day_end: int | None
