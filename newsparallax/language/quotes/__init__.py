"""Quotes and their attribution: who said what, directly or in reported speech.

``extract_quotes`` finds direct quotes (``quotes.direct``: a quoted passage
framed by a verb of saying) and indirect speech (``quotes.indirect``: the
clause a verb of saying governs, "according to X"), then names each speaker
(``quotes.speaker``): the cue's subject, its kind (named, anonymous, outlet,
organization) and, for he/she/they/it, the earlier mention it stands for.

Choices, matching how PolNeAR marks content:

* a quote split around its cue (“A,” she said, “B.”) gives one ``Quote``
  per contiguous quoted part, both with the same speaker and cue, so that
  every content span is verbatim text without the cue in it;
* a direct quote's content keeps its quote marks; an indirect one's keeps
  its complementizer ("that Tokyo would not join");
* a quoted fragment inside reported speech (warned that Japan could become
  “the Ukraine of Asia.”) is part of that indirect quote, not a quote of
  its own; a scare-quoted word or a title with no cue is no quote at all;
* quotes in a headline-like line (short, no closing full stop) are skipped;
* a clause with two sources ("He told MPs that ..., according to Reuters",
  "NHK reported that ..., citing government sources") gives one ``Quote``
  per source, over the same content.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> doc = load_nlp()("“We will not back down,” she said, “not this week.”")
    >>> [(q.content.text, q.speaker.text) for q in extract_quotes(doc)]
    [('“We will not back down,”', 'she'), ('“not this week.”', 'she')]
"""

from __future__ import annotations

from .direct import find_direct
from .indirect import find_indirect
from .spans import Found, Span, inside, overlaps, quoted_segments, trim
from .speaker import ANTECEDENT_WINDOW, Resolver, nearest_person, person_mention, person_names, source_kind, speaker_gender
from ...records import Quote, TextSpan

__all__ = ["ANTECEDENT_WINDOW", "count_anonymous_sources", "extract_quotes", "headline_spans", "nearest_person"]

HEADLINE_MAX_WORDS = 20


def extract_quotes(doc) -> list[Quote]:
    """Direct and indirect quotes of a spaCy ``Doc``, sorted by content start.

    All spans are character offsets into ``doc.text``.
    """
    segments = quoted_segments(doc.text)
    direct, used = find_direct(doc, segments, headline_spans(doc.text))
    indirect = find_indirect(doc, segments, used)
    found = _merge(doc.text, direct, indirect)
    return _resolve(doc, sorted(found, key=lambda f: (f.content[0], f.content[1])))


def count_anonymous_sources(quotes: list[Quote]) -> int:
    """How many attributions rest on anonymous sources.

    The parts of one split quote share a cue and a speaker and count once.

    >>> span = TextSpan(0, 1, "x")
    >>> q = Quote(span, "direct", speaker=span, cue=TextSpan(2, 3, "y"), source_kind="anonymous")
    >>> count_anonymous_sources([q, q, Quote(span, "indirect", source_kind="named")])
    1
    """
    keys = {(_key(q.speaker), _key(q.cue), q.kind if q.cue is None else "") for q in quotes if q.source_kind == "anonymous"}
    return len(keys)


def _key(span: TextSpan | None):
    return (span.start, span.end) if span is not None else None


def headline_spans(text: str) -> list[Span]:
    """Lines that read as headlines: short and with no closing full stop.

    >>> headline_spans("Trump: “We will win” in Iowa\\nHe said so.")
    [(0, 28)]
    """
    spans, offset = [], 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped and len(stripped.split()) <= HEADLINE_MAX_WORDS and stripped.rstrip("”\"’'")[-1:] not in ".!?:,;":
            spans.append((offset, offset + len(stripped)))
        offset += len(line) + 1
    return spans


def _merge(text: str, direct: list[Found], indirect: list[Found]) -> list[Found]:
    """Indirect quotes, then the direct ones no indirect clause already holds."""
    kept = [_as_direct(text, f, direct) for f in indirect]
    kept += [d for d in direct if not any(inside(d.content, f.content) and f.cue != d.cue for f in indirect)]
    return _dedupe(kept)


def _as_direct(text: str, found: Found, direct: list[Found]) -> Found:
    """An indirect clause that is all quotation ("said “...”") is a direct quote."""
    bare = _without_that(text, trim(text, found.content, " ,;:"))
    if any(trim(text, d.content, " ,;:") == bare for d in direct) or _fully_quoted(text, bare):
        return Found(found.content, "direct", found.cue, found.speaker, found.speaker_head)
    return found


def _without_that(text: str, span: Span) -> Span:
    if text[span[0]:span[0] + 5].lower() == "that ":
        return trim(text, (span[0] + 5, span[1]), " ,;:")
    return span


def _fully_quoted(text: str, span: Span) -> bool:
    inner = text[span[0]:span[1]]
    return len(inner) > 2 and inner.startswith(("“", '"', "''", "``")) and inner.endswith(("”", '"', "''")) and inner.count("“") <= 1


def _dedupe(found: list[Found]) -> list[Found]:
    """One ``Found`` per (content, cue); an overlapping pair with one cue keeps the longer."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: f.content[0] - f.content[1]):
        if not any(k.cue == item.cue and overlaps(k.content, item.content) for k in kept):
            kept.append(item)
    return kept


def _resolve(doc, found: list[Found]) -> list[Quote]:
    resolver = Resolver(doc, names=person_names(doc))
    return [_quote(doc, item, resolver) for item in found]


def _quote(doc, item: Found, resolver: Resolver) -> Quote:
    text = doc.text
    cue_lemma = _cue_lemma(doc, item.cue)
    kind, antecedent = None, None
    if item.speaker_head is not None:
        antecedent, kind = resolver.resolve(item.speaker_head)
        if kind is None and antecedent is None:
            kind = source_kind(doc, item.speaker_head, cue_lemma, resolver.names)
        _remember(doc, item, kind, antecedent, resolver)
    return Quote(
        content=_span(text, item.content),
        kind=item.kind,
        speaker=_span(text, item.speaker),
        cue=_span(text, item.cue),
        speaker_antecedent=_span(text, antecedent),
        source_kind=kind,
    )


def _remember(doc, item: Found, kind: str | None, antecedent: Span | None, resolver: Resolver) -> None:
    """Keep a named or group speaker as a later pronoun's antecedent."""
    if antecedent is not None:
        resolver.remember(item.speaker[0], antecedent, kind, None)
    elif item.speaker is not None and kind is not None:
        mention = person_mention(doc, item.speaker) if kind == "named" else None
        gender = speaker_gender(doc, item.speaker_head, item.speaker) if kind == "named" else None
        resolver.remember(item.speaker[0], mention or item.speaker, kind, gender)


def _cue_lemma(doc, cue: Span | None) -> str:
    if cue is None:
        return ""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return span[0].lemma_.lower() if span is not None and len(span) else ""


def _span(text: str, span: Span | None) -> TextSpan | None:
    return TextSpan(span[0], span[1], text[span[0]:span[1]]) if span is not None else None
