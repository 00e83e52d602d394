"""Indirect speech from the dependency parse: "X said (that) ...", "according to X".

A verb of saying (``SPEECH_VERBS``) reports the clause it governs: its
``ccomp`` ("said on Wednesday that Tokyo would not join"), for a few verbs
an infinitive ``xcomp`` ("vowed to fight") or the object ("denied the
report"). The clause comes whole, complementizer and any quoted fragment
inside it included, as PolNeAR marks content. "according to X" attributes
the rest of its sentence to X; "..., citing X" adds X as a second source of
the clause its verb reports.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> doc = load_nlp()("Kishida said on Wednesday that Japan would not join.")
    >>> doc.text[slice(*find_indirect(doc, [], set())[0].content)]
    'that Japan would not join'
"""

from __future__ import annotations

from ..lexicon import CITING_VERBS, CLAUSE_ONLY_VERBS, OBJECT_CONTENT_VERBS, SPEECH_VERBS
from .spans import EDGE_PUNCT, Found, Span, inside, line_of, tidy, token_span, trim
from .speaker import cue_span, phrase_span, speaker_of

INFINITIVE_VERBS = frozenset("promise vow pledge threaten urge ask tell warn".split())
MIN_CONTENT_TOKENS = 2


def find_indirect(doc, segments: list[Span], used: set[int]) -> list[Found]:
    """Indirect attributions; verbs in ``used`` (cues of direct quotes) and verbs inside quotes are skipped."""
    found: list[Found] = []
    for token in doc:
        if token.i in used or any(inside((token.idx, token.idx + 1), s) for s in segments):
            continue
        if token.lower_ == "according":
            found += _according(doc, token)
        elif token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
            found += _reported(doc, token)
    return found


def _reported(doc, verb) -> list[Found]:
    if verb.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in verb.children):
        return _parenthetical(doc, verb) if verb.lemma_.lower() not in CLAUSE_ONLY_VERBS else []
    content = _content_head(verb)
    span = _clause_span(doc, content, verb) if content is not None else None
    speaker = speaker_of(verb, exclude=span) if span is not None else None
    if speaker is None:
        return []
    main = Found(span, "indirect", cue_span(verb), speaker[0], speaker[1])
    return [main] + _citing(doc, verb, content, span)


def _parenthetical(doc, verb) -> list[Found]:
    """"Survival, Mr. VandeHei says, depends on ...": the clause around the cue, one part each side."""
    clause = verb.head
    speaker = speaker_of(verb, exclude=None)
    if speaker is None or clause.i < verb.i and not clause.is_sent_start and clause.dep_ != "ROOT":
        return []
    line, own = line_of(doc.text, verb.idx), set(verb.subtree)
    tokens = [t for t in clause.subtree if t not in own and line[0] <= t.idx < line[1]]
    parts = ([t for t in tokens if t.i < verb.i], [t for t in tokens if t.i > verb.i])
    parts = [p for p in parts if _words(p) >= MIN_CONTENT_TOKENS and _has_core(p, clause)]
    spans = [tidy(doc.text, trim(doc.text, token_span(p), EDGE_PUNCT + ".")) for p in parts]
    return [Found(span, "indirect", cue_span(verb), speaker[0], speaker[1]) for span in spans if span[1] > span[0]]


def _has_core(part, clause) -> bool:
    """Whether a part holds the clause's verb or subject, not just a fronted "In 2008"."""
    return any(t is clause or (t.head is clause and t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")) for t in part)


def _content_head(verb):
    """The head of what ``verb`` reports, or None.

    Past the plain ``ccomp`` child, two shapes the small parser often
    produces are accepted: the clause hung one level down ("confirmed to MPs
    that ...", "told" → "MPs" → ccomp) and the inverted tree of "X reported,
    citing Y, that ...", where the reporting verb is the ccomp of the clause.
    """
    lemma = verb.lemma_.lower()
    for dep in ("ccomp",) + (("xcomp",) if lemma in INFINITIVE_VERBS else ()):
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is not None:
            return child
    nested = next((g for c in verb.children if c.dep_ in ("xcomp", "dobj", "npadvmod") and c.i > verb.i
                   for g in c.children if g.dep_ == "ccomp" and _has_that(g)), None)
    if nested is not None:
        return nested
    if verb.dep_ == "ccomp" and verb.head.i > verb.i and _has_that(verb.head):
        return verb.head
    if lemma in OBJECT_CONTENT_VERBS and lemma not in CLAUSE_ONLY_VERBS:
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    return None


def _has_that(head) -> bool:
    return any(c.lower_ == "that" and c.dep_ in ("mark", "dobj", "nsubj") and c.i < head.i for c in head.children)


def _clause_span(doc, head, verb) -> Span | None:
    """The char span of ``head``'s clause on the verb's line, without the verb's own phrase.

    Left out: the reporting verb's subtree (for inverted trees) and a second
    source tacked on ("..., according to Reuters", "..., citing sources").
    """
    line = line_of(doc.text, verb.idx)
    dropped = set(verb.subtree) if verb in head.subtree else {verb}
    for token in head.subtree:
        if _is_second_source(token):
            dropped |= set(token.subtree)
    tokens = [t for t in head.subtree if t not in dropped and line[0] <= t.idx < line[1]]
    if len([t for t in tokens if not t.is_punct]) < MIN_CONTENT_TOKENS:
        return None
    if verb in head.subtree:
        tokens = [t for t in tokens if t.i > verb.i]  # inverted: the clause after "X reported,"
    span = tidy(doc.text, trim(doc.text, token_span(tokens) or (0, 0), EDGE_PUNCT + "."))
    return span if span[1] > span[0] else None


def _is_second_source(token) -> bool:
    return token.lower_ == "according" or (token.lemma_.lower() in CITING_VERBS and token.dep_ in ("advcl", "xcomp", "conj"))


def _citing(doc, verb, head, content: Span) -> list[Found]:
    """"..., citing unnamed government sources": a second source for the same content."""
    found = []
    for child in [*verb.children, *head.children]:
        obj = next((c for c in child.children if c.dep_ == "dobj"), None)
        if _is_second_source(child) and child.lower_ != "according" and obj is not None:
            found.append(Found(content, "indirect", cue_span(child), phrase_span(obj), obj.i))
    return found


def _according(doc, token) -> list[Found]:
    """"according to X, ..." and "..., according to X": the rest of the sentence is X's."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return []
    phrase = set(token.subtree)
    rest = [t for t in token.sent if t not in phrase]
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > token.i]
    side = after if _words(before) < 2 else before if _words(after) < 2 else rest
    line = line_of(doc.text, token.idx)
    side = [t for t in side if line[0] <= t.idx < line[1]]
    span = tidy(doc.text, trim(doc.text, token_span(side) or (0, 0), EDGE_PUNCT + "."))
    if _words(side) < MIN_CONTENT_TOKENS or span[1] <= span[0]:
        return []
    return [Found(span, "indirect", cue_span(token), phrase_span(source), source.i)]


def _words(tokens) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)
