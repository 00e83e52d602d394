"""Character spans for quote extraction: quoted segments, token phrases, trimming.

Pure string and token helpers shared by ``quotes.direct``, ``quotes.indirect``
and ``quotes.speaker``. A ``Found`` is an attribution before its speaker is
classified and resolved; ``quotes.extract_quotes`` turns them into ``Quote``s.

Example:
    >>> quoted_segments('He said, “We will go,” and left.')
    [(9, 22)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

OPENERS = "“"
CLOSERS = "”"
EDGE_PUNCT = " \t\n,;:—–-"


@dataclass(frozen=True)
class Found:
    """An attribution found in a doc: char spans, the speaker's head token index."""

    content: Span
    kind: str
    cue: Span | None
    speaker: Span | None
    speaker_head: int | None


def quoted_segments(text: str) -> list[Span]:
    """Spans of quoted passages, marks included, paragraph by paragraph.

    Curly marks pair up; a straight ``"`` opens after a space or bracket and
    closes otherwise. A quote left open at a paragraph's end runs to it: news
    style opens, but does not close, each paragraph of a long quotation.

    >>> quoted_segments('"Yes," he said. She said "no')
    [(0, 6), (25, 28)]
    >>> quoted_segments("''We won,'' he said.")
    [(0, 11)]
    """
    spans, offset = [], 0
    for paragraph in text.split("\n"):
        spans += [(offset + s, offset + e) for s, e in _paragraph_quotes(paragraph)]
        offset += len(paragraph) + 1
    return spans


MARKS = re.compile(r"''|``|[“”\"]")


def _paragraph_quotes(paragraph: str) -> list[Span]:
    spans, start = [], None
    for mark in MARKS.finditer(paragraph):
        i = mark.start()
        if start is None and _opens(paragraph, mark):
            start = i
        elif start is not None and _closes(paragraph, mark):
            spans.append((start, mark.end()))
            start = None
    if start is not None and len(paragraph.rstrip()) - start > 1:
        spans.append((start, len(paragraph.rstrip())))
    return spans


def _opens(text: str, mark) -> bool:
    """Curly and ````` marks open; straight ones when a space or bracket comes before."""
    if mark.group() in ("“", "``"):
        return True
    if mark.group() == "”":
        return False
    i, after = mark.start(), mark.end()
    return (i == 0 or text[i - 1] in " \t([{—–-/") and after < len(text) and not text[after].isspace()


def _closes(text: str, mark) -> bool:
    if mark.group() in ("“", "``"):
        return False
    return mark.group() == "”" or not text[mark.start() - 1].isspace()


def inside(span: Span, outer: Span) -> bool:
    """Whether ``span`` lies within ``outer``.

    >>> inside((2, 4), (0, 4)), inside((2, 5), (0, 4))
    (True, False)
    """
    return outer[0] <= span[0] and span[1] <= outer[1]


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share a character."""
    return min(a[1], b[1]) > max(a[0], b[0])


def trim(text: str, span: Span, chars: str = EDGE_PUNCT) -> Span:
    """``span`` without leading and trailing ``chars``.

    >>> trim(", yes, ", (0, 7))
    (2, 5)
    """
    start, end = span
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def tidy(text: str, span: Span) -> Span:
    """``span`` trimmed of edge punctuation and of quote marks that face outwards.

    A closing mark at the start or an opening one at the end belongs to a
    neighbouring quote; an opening mark whose closer lies just past the end
    is taken in.

    >>> text = 'he said ” that it was “fine”.'
    >>> text[slice(*tidy(text, (8, 27)))]
    'that it was “fine”'
    """
    start, end = trim(text, span)
    while start < end and (text[start] in "”’" or text[end - 1] in "“"):
        start, end = trim(text, (start + (text[start] in "”’"), end - (text[end - 1] in "“")))
    inner = text[start:end]
    if inner.count("“") > inner.count("”") and text[end:end + 2].lstrip(".,")[:1] == "”":
        end = text.index("”", end) + 1
    return start, end


def line_of(text: str, offset: int) -> Span:
    """The line (paragraph) holding ``offset``.

    >>> line_of("ab\\ncd\\nef", 4)
    (3, 5)
    """
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def token_span(tokens) -> Span | None:
    """The char span from the first to the last of ``tokens`` (any order)."""
    tokens = list(tokens)
    if not tokens:
        return None
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def phrase_span(token, stop=None) -> Span:
    """The char span of ``token``'s subtree, edge punctuation trimmed.

    A relative clause or an appositive stays in: it is what tells "officials
    who asked not to be named" from "officials". With ``stop`` (a verb that
    hangs on the phrase: "outlets reported that ..."), the phrase ends before it.
    """
    doc = token.doc
    last = token.right_edge
    if stop is not None and token.left_edge.i < stop.i <= last.i:
        last = doc[max(stop.left_edge.i - 1, token.i)]
    span = (token.left_edge.idx, last.idx + len(last.text))
    return tidy(doc.text, trim(doc.text, span, EDGE_PUNCT + "“\"'‘.,"))
