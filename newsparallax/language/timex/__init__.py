"""Temporal expressions: found in an article, normalized like TimeML's TIMEX3.

``tag_timexes`` finds dates, times, durations and sets with the rules of
``timex.rules``, reads each clause's tense from spaCy's parse and resolves
relative expressions against the document creation time (DCT): "Wednesday"
in a past-tense clause is the Wednesday before the DCT, "in July" in a
future one the coming July. When the DCT is unknown, ``infer_dct`` estimates
it from the text's dated statements, and values rest on that estimate only as
far as it reaches (``2022-WXX-3`` when only the year is known), marked
``inferred``.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> doc = load_nlp()("Kishida spoke on Wednesday and will visit in July.")
    >>> [(t.text, t.value) for t in tag_timexes(doc, "2023-05-25")]
    [('Wednesday', '2023-05-24'), ('July', '2023-07')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...records import DateEstimate, Timex
from .calendar import Anchor, value_anchor
from .value import TimexValue, parse_value
from .dct import Statement, estimate_dct, period
from .normalize import YEAR_BACK_WORDS, Context, Norm, normalize
from .rules import RULES
from .tense import clause_tense, statement_tense

__all__ = ["Candidate", "TimexValue", "dct_statements", "estimate_dct", "infer_dct", "parse_value", "period", "tag_timexes"]

CONTEXT_CHARS = 30
# Rules whose value depends on the tense of the clause (the parse is consulted only for these).
TENSED_KINDS = frozenset({"month_day", "day_month", "month", "weekday", "time", "time_anchor_first",
                          "quarter", "season", "holiday", "the_unit"})
# Numbers that spaCy's NER reads as amounts are not years ("2000 people", "$1990").
# Expressions resolved against the last date mentioned do not become the reference themselves.
ANAPHORIC_KINDS = frozenset({"ago", "year_ago", "the_unit", "rel_unit", "dayword", "ref", "duration",
                             "duration_vague", "set", "half_unit", "time", "time_anchor_first"})
AMOUNT_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
TIME_NOUNS = re.compile(r"^(?:years?|months?|days?|weeks?|quarters?|period|season|elections?|budget|fiscal)$", re.I)


@dataclass(frozen=True)
class Candidate:
    """A rule's match that normalized: its span, the rule and the match for renormalizing in context."""

    start: int
    end: int
    kind: str
    priority: int
    match: re.Match[str]


def tag_timexes(doc, dct: str | None, dct_inferred: bool = False) -> list[Timex]:
    """The temporal expressions of ``doc``, normalized against ``dct``, sorted by start.

    ``dct`` is ``YYYY-MM-DD`` (``YYYY-MM`` or ``YYYY`` when only that is known);
    None makes ``infer_dct`` estimate it first, and every value that rests on
    the estimate is marked ``inferred``.
    """
    if dct is None:
        anchor = Anchor.parse(infer_dct(doc).value, inferred=True)
    else:
        anchor = Anchor.parse(dct, inferred=dct_inferred)
    text = doc.text  # built anew on each access in spaCy: read it once
    return resolve(doc, text, select(doc, text, candidates(text, anchor)), anchor)


def infer_dct(doc) -> DateEstimate:
    """An estimate of when an undated article was written, from its dated statements and their tense.

    Explicit dates in past-tense clauses bound the date from below, those in
    future-tense clauses from above; yearless ones ("in March", "last June")
    place it within months of them; see ``timex.dct``.
    """
    return estimate_dct(dct_statements(doc))


def dct_statements(doc) -> list[Statement]:
    """The DATE expressions of ``doc`` read without a DCT, with their clause's tense (the clues of ``infer_dct``)."""
    blank, text = Anchor(), doc.text
    found = []
    for cand in select(doc, text, candidates(text, blank)):
        norm = _norm(cand, doc, text, blank)
        if norm is not None and norm.type == "DATE":
            found.append(Statement(text[cand.start:cand.end], norm.value, _tense(doc, cand, statement_tense),
                                   _sentence(doc, text, cand), cand.kind, _relation(cand)))
    return _with_event_years(found)


def _with_event_years(statements: list[Statement]) -> list[Statement]:
    """Yearless days given the year their sentence names for the event: "The 2023 summit ... on July 11".

    Only when the sentence names exactly one year, as a plain year with a
    tense (an event's year, see ``timex.tense._event_tense``), and the day has
    no relation word ("last July" is read against the DCT, not that year).
    """
    years: dict[str, set[str]] = {}
    for s in statements:
        if s.kind == "year" and s.tense and s.value.isdigit() and len(s.value) == 4:
            years.setdefault(s.sentence, set()).add(s.value)
    return [replace(s, value=f"{next(iter(years[s.sentence]))}{s.value[4:]}", kind="event_year")
            if s.value.startswith("XXXX-") and s.value[5:7].isdigit() and s.relation is None
            and len(years.get(s.sentence, ())) == 1 else s for s in statements]


def _relation(cand: Candidate) -> str | None:
    """The word that fixes a yearless date's direction by itself: "last" June, "next" Friday, "this" summer."""
    groups = cand.match.groupdict()
    word = next((groups[k] for k in ("mrel", "wrel", "srel", "hrel") if groups.get(k)), None)
    return re.sub(r"\s+", " ", word.lower()) if word else None


# ---------------------------------------------------------------- finding


def candidates(text: str, anchor: Anchor) -> list[Candidate]:
    """Every rule match that normalizes (read without tense), in no particular order."""
    found = []
    for priority, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            start, end = _trimmed(text, *_span(rule.kind, match))
            if end <= start:
                continue
            if normalize(rule.kind, match, _context(text, start, end, anchor)):
                found.append(Candidate(start, end, rule.kind, priority, match))
    return found


def _span(kind: str, match: re.Match[str]) -> tuple[int, int]:
    """The expression's extent by TimeBank's conventions, which a regex alone does not give.

    A possessive or "a" before it is left out ("its fourth quarter" ->
    "fourth quarter"), and so is the determiner of an adjectival duration or
    quarter ("a 16-hour flight" -> "16-hour", "the third-quarter loss" ->
    "third-quarter"), with the noun it modifies, and so is "earlier" before
    "this week".
    """
    groups = match.groupdict()
    start, end = match.span()
    if groups.get("skip") is not None:
        start = match.end("skip")
    if kind == "duration" and _adjectival(groups):
        start, end = match.start("core"), match.end("unit") if not groups.get("tail") else end
    if kind == "quarter" and "-" in (groups.get("hyph") or ""):
        start = match.start("core")
    if kind == "rel_unit" and groups.get("rel") and (groups.get("shift") or "").lower() in ("earlier", "later") \
            and groups["unit"].lower() == "week":
        start = match.start("rel")  # "earlier this week": the gold leaves "earlier" out for weeks (not months, years)
    return start, end


def _adjectival(groups: dict) -> bool:
    """A duration used as a modifier: "a five-year plan", "the two day rally" (singular unit, count > 1)."""
    if groups.get("plural") or groups.get("drel"):
        return False
    return (groups.get("num") or "").lower() not in ("a", "an", "one", "half", "a half")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def select(doc, text: str, found: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates that the parse does not rule out, in text order."""
    chosen: list[Candidate] = []
    taken = bytearray(len(text) + 1)
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if any(taken[cand.start:cand.end]) or not _plausible(doc, cand):
            continue
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _plausible(doc, cand: Candidate) -> bool:
    """What the regexes cannot see: "May" the modal, "March" the verb, a year that is an amount."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    first = span[0]
    if cand.kind == "month":
        return not (first.tag_ == "MD" or (len(span) == 1 and first.pos_ in ("VERB", "AUX")))
    if cand.kind == "year" and len(span) == 1:
        return _plausible_year(first)
    return True


def _plausible_year(token) -> bool:
    if token.ent_type_ in AMOUNT_ENTITIES and token.ent_type_ != "DATE":
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return following is not None and bool(TIME_NOUNS.match(following.text))
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (nxt is not None and nxt.tag_ == "NNS" and not TIME_NOUNS.match(nxt.text)
                and token.dep_ == "nummod")


# ---------------------------------------------------------------- resolving


def resolve(doc, text: str, chosen: list[Candidate], anchor: Anchor) -> list[Timex]:
    """The candidates normalized in text order, each with its clause's tense and the last date mentioned.

    Recent quarters are counted too: the one named most is what an earnings
    report is about, and its "year-ago period" counts back from that one.
    """
    timexes: list[Timex] = []
    ref = None
    quarters: list[str] = []
    for cand in chosen:
        topic = max(quarters, key=quarters.count) if quarters else None
        norm = _norm(cand, doc, text, anchor, ref, topic)
        if norm is None:
            continue
        inferred = anchor.inferred and norm.relative
        timexes.append(Timex(cand.start, cand.end, text[cand.start:cand.end], norm.type, norm.value,
                             inferred, norm.mod))
        if _sets_reference(cand):
            ref = _next_ref(ref, norm)
            quarters += [norm.value] if _recent_quarter(norm.value, anchor) else []
    return timexes


def _norm(cand: Candidate, doc, text: str, anchor: Anchor, ref: str | None = None,
          topic: str | None = None) -> Norm | None:
    tense = _tense(doc, cand) if cand.kind in TENSED_KINDS else None
    return normalize(cand.kind, cand.match, _context(text, cand.start, cand.end, anchor, tense, ref, topic))


def _context(text: str, start: int, end: int, anchor: Anchor, tense: str | None = None,
             ref: str | None = None, topic: str | None = None) -> Context:
    before, after = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    return Context(anchor, tense, ref, before, after, topic)


def _sets_reference(cand: Candidate) -> bool:
    """Whether later anaphora may refer to this expression: a date read off the text, not itself anaphoric."""
    if cand.kind == "quarter":  # "the third quarter", "the quarter": yes; "the year-ago quarter": no
        rel = (cand.match.group("qrel2") or cand.match.group("qrel") or "").lower()
        return rel not in YEAR_BACK_WORDS
    return cand.kind not in ANAPHORIC_KINDS


def _recent_quarter(value: str, anchor: Anchor) -> bool:
    """A quarter an earnings report could be about: within a year of the DCT ("the third quarter of 1984" is not)."""
    return bool(QUARTER_VALUE.match(value)) and (not anchor.year or abs(int(value[:4]) - anchor.year) <= 1)


def _next_ref(ref: str | None, norm: Norm) -> str | None:
    """The date later anaphora ("that year", "a year earlier") refer to: the last concrete one."""
    if norm.type in ("DATE", "TIME") and value_anchor(norm.value.split("T")[0]):
        return norm.value.split("T")[0]
    return ref


def _tense(doc, cand: Candidate, reader=clause_tense) -> str | None:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return reader(span.root)


def _sentence(doc, text: str, cand: Candidate) -> str:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span.sent.text if span is not None and len(span) else text[max(0, cand.start - 60):cand.end + 60]
