"""Direct quotes: quoted passages tied to a verb of saying next to them.

A quoted passage is speech when a cue frames it: ``“...,” NHK claimed``
(cue after), ``Abe wrote, “...”`` (cue before, after a comma or colon), or
both halves of ``“A,” she said, “B.”`` (each part its own ``Found``, same
speaker and cue). A passage with no cue is speech only when it carries on
straight after an attributed one (a second quoted sentence, or the next
paragraph of a long quotation) and then inherits that attribution.
Everything else, scare quotes and titles (``the “Ukraine of Asia.”``,
``“inseparable”``) included, is left to the indirect-speech rules, which
take such fragments in as part of their clause.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> from newsparallax.language.quotes.spans import quoted_segments
    >>> doc = load_nlp()("“We will win,” she said.")
    >>> start, end = find_direct(doc, quoted_segments(doc.text))[0][0].cue
    >>> doc.text[start:end]
    'said'
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicon import SPEECH_VERBS
from .spans import Found, Span, token_span
from .speaker import cue_span, speaker_of

SENTENCE_END = frozenset(".!?")
QUOTE_MARKS = frozenset(['“', '”', '"', "''", "``"])
AFTER_WINDOW = 7  # tokens after a closing mark in which "he said" may stand
BEFORE_WINDOW = 14  # tokens before an opening mark in which "Abe wrote," may stand
INTRODUCERS = frozenset(",:")
MIN_BARE_WORDS = 4  # a quote right after its verb, with no comma, is speech from this length


def find_direct(doc, segments: list[Span], skip: list[Span] = ()) -> tuple[list[Found], set[int]]:
    """The direct quotes among ``segments`` and the token indices of the cues used.

    ``skip`` holds spans (headlines) whose quotes are never speech.
    """
    found: list[Found] = []
    for segment in segments:
        if any(s <= segment[0] < e for s, e in skip):
            continue
        verb = _cue_after(doc, segment) or _cue_before(doc, segment)
        quote = _attributed(doc, segment, verb) if verb is not None else _continued(doc, segment, found)
        if quote is not None:
            found.append(quote)
    return found, {_cue_token(doc, f) for f in found if f.cue}


def _attributed(doc, segment: Span, verb) -> Found | None:
    speaker = speaker_of(verb, exclude=segment)
    if speaker is None and verb.idx > segment[1]:
        speaker = _inverted_speaker(doc, verb)
    if speaker is None:
        return None
    return Found(segment, "direct", cue_span(verb), speaker[0], speaker[1])


def _inverted_speaker(doc, verb) -> tuple[Span, int] | None:
    """"“...,” said Skelly": the phrase after the verb, when the parser found no subject."""
    run = []
    for token in doc[verb.i + 1:]:
        if token.is_punct or token.is_space or token.pos_ in ("VERB", "AUX", "ADP") and run:
            break
        run.append(token)
    nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON") or t.is_title]
    if not run or not nouns or not (run[0].is_title or run[0].lower_ in ("a", "an", "the")):
        return None
    head = nouns[0]
    while head.i + 1 < verb.i + 1 + len(run) and doc[head.i + 1].pos_ in ("PROPN", "NOUN"):
        head = doc[head.i + 1]
    return token_span(run), head.i


def _continued(doc, segment: Span, found: list[Found]) -> Found | None:
    """The previous attribution, when ``segment`` carries on its quote.

    Between the two there may be nothing (a new paragraph of the quotation)
    or only the previous quote's own cue sentence (“A,” NHK claimed. “B.”).
    """
    if not found or found[-1].kind != "direct" or _words(doc.text, segment) < 4:
        return None
    previous = found[-1]
    between = doc.text[previous.content[1]:segment[0]]
    own_cue = previous.cue is not None and previous.content[1] <= previous.cue[0] < segment[0]
    if between.strip() and not (own_cue and "\n" not in between and between.rstrip()[-1:] in ".:"):
        return None
    if between.count("\n") > 1:
        return None
    return Found(segment, "direct", previous.cue, previous.speaker, previous.speaker_head)


def _words(text: str, span: Span) -> int:
    return len(text[span[0]:span[1]].split())


def _cue_after(doc, segment: Span):
    """A verb of saying just after the closing mark: ``“...,” NHK claimed``."""
    if doc.text[segment[0]:segment[1]].rstrip("”\"' ").endswith("."):
        return None  # a full stop closes the sentence: what follows is the next one
    tokens = _tokens_after(doc, segment[1])
    for token in tokens[:AFTER_WINDOW]:
        if _is_speech_verb(token):
            return None if _reports_a_clause_after(token) else token
    return None


def _reports_a_clause_after(verb) -> bool:
    """Whether the verb has words of its own after it ("“...,” he said, adding that ...", not "he said")."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and not _quoted(c) for c in verb.children)


def _quoted(clause) -> bool:
    """Whether a clause opens with a quote mark: the second half of a split quote."""
    first = clause.left_edge
    return first.text in QUOTE_MARKS or (first.i > 0 and first.nbor(-1).text in QUOTE_MARKS)


def _cue_before(doc, segment: Span):
    """A verb of saying before the opening mark, when a comma or colon introduces the quote."""
    tokens = _tokens_before(doc, segment[0])
    if tokens and _is_speech_verb(tokens[-1]):
        # said “...” with no comma: a sentence, not a name or a phrase ("told “Morning Joe”")
        return tokens[-1] if _words(doc.text, segment) >= MIN_BARE_WORDS else None
    if not tokens or tokens[-1].text not in INTRODUCERS:
        return None
    for token in reversed(tokens[-BEFORE_WINDOW:]):
        if _is_speech_verb(token):
            return token
    return None


def _tokens_after(doc, offset: int) -> list:
    """Tokens from ``offset`` to the end of the clause: a full stop, a quote mark, a new line."""
    tokens = []
    for token in doc[_token_at(doc, offset):]:
        if token.text in QUOTE_MARKS or "\n" in token.text or (token.text in SENTENCE_END and tokens):
            break
        tokens.append(token)
    return tokens


def _tokens_before(doc, offset: int) -> list:
    """Tokens before ``offset`` back to a full stop, a quote mark or a new line."""
    tokens = []
    for token in reversed(doc[: _token_at(doc, offset)]):
        if token.text in QUOTE_MARKS or "\n" in token.text or token.text in SENTENCE_END:
            break
        tokens.append(token)
    return tokens[::-1]


def _token_at(doc, offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return bisect_left([token.idx for token in doc], offset)


def _is_speech_verb(token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS and token.dep_ != "amod"


def _cue_token(doc, found: Found) -> int:
    return _token_at(doc, found.cue[0])

