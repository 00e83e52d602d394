"""Rules of the framing detector that a word list alone cannot express.

* **Epithets attached to names**: a characterising word put before a person's
  title or name ("Leftist American President Joe Biden", "Chinese dictator Xi
  Jinping") is reported as one ``epithet`` span covering the word, a nationality
  before it and the titles after it, up to the name.
* **"X-led" labels**: "the US-led military bloc", "Saudi-led coalition" name a
  group by who is said to lead it (``loaded_label``).
* **Scare quotes**: a short quoted phrase inside a sentence, not introduced as
  speech ("the Russian “special operation”", "NATO had “confirmed”"), marks
  distance from the words (``scare_quote``). Quoted speech (ending in a comma or
  a full stop inside the marks, or after "said", "told"), partial quotations in a
  sentence that reports speech ("called it a “disaster”", "according to") and quoted
  titles (all capitalised words) are left alone.

The word lists live in ``data/framing/rules.json``.

Example:
    >>> from newsparallax.framing.lexicon import load_lexicon
    >>> [m.text for m in led_labels("Tokyo will not join the US-led military bloc.", load_lexicon())]
    ['US-led military bloc']
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, TermMatch

TOKEN = re.compile(r"[\w][\w'’.-]*")
QUOTE = re.compile(r"“([^“”\n]{1,80})”|\"([^\"\n]{1,80})\"")
LONG_QUOTE = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"")
NAME_CATEGORIES = ("epithet", "loaded_label", "evaluative")


def name_epithets(text: str, lexicon: Lexicon, hits: list[TermMatch]) -> list[TermMatch]:
    """Epithet spans for characterising words put before a title or a name.

    ``hits`` are the lexicon hits of the same text (their epithets and labels count
    as characterising words too, beside the rules' ``name_modifiers``).

    >>> from newsparallax.framing.lexicon import find_lexicon_terms, load_lexicon
    >>> text = "He met Chinese dictator Xi Jinping."
    >>> [m.text for m in name_epithets(text, load_lexicon(), find_lexicon_terms(text, load_lexicon()))]
    ['Chinese dictator']
    """
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    modifiers = lexicon.rules["name_modifiers"]
    found = []
    for i, (start, end, word) in enumerate(tokens):
        weight = _modifier_weight(word, start, hits, modifiers)
        if weight:
            span = _attached_span(tokens, i, lexicon.rules)
            if span:
                found.append(TermMatch(span[0], span[1], text[span[0]:span[1]], "epithet", max(weight, 0.6)))
    return found


def _modifier_weight(word: str, start: int, hits: list[TermMatch], modifiers: dict) -> float:
    weight = modifiers.get(word.lower().rstrip("."))
    if isinstance(weight, (int, float)):
        return float(weight)
    hit = next((h for h in hits if h.start == start and h.category in NAME_CATEGORIES), None)
    return hit.weight if hit else 0.0


def _attached_span(tokens: list[tuple[int, int, str]], i: int, rules: dict) -> tuple[int, int] | None:
    """(start, end) from the modifier (or a nationality before it) through the titles, when a name follows."""
    last = i
    j = i + 1
    while j < len(tokens) and j - i <= 4 and _is_title(tokens[j][2], rules) and _adjacent(tokens, j):
        last, j = j, j + 1
    if any(_ends_sentence(tokens[k][2], rules) for k in range(i, last + 1)):
        return None
    if j >= len(tokens) or not _adjacent(tokens, j) or not _is_name(tokens[j][2], rules) or _is_organisation(tokens, j, rules):
        return None
    first = i - 1 if i > 0 and _adjacent(tokens, i) and _is_nationality(tokens[i - 1][2], rules) else i
    return tokens[first][0], tokens[last][1]


def _ends_sentence(word: str, rules: dict) -> bool:
    # "failed. Officials ..." ends a sentence; "Sen. Smith" does not.
    return word.endswith(".") and word.lower().rstrip(".") not in rules["name_titles"]


def _adjacent(tokens: list[tuple[int, int, str]], j: int) -> bool:
    # Only a single space between tokens: a comma or a line break ends the phrase.
    return j > 0 and tokens[j][0] - tokens[j - 1][1] == 1


def _is_title(word: str, rules: dict) -> bool:
    return word.lower().rstrip(".") in rules["name_titles"] or _is_nationality(word, rules)


def _is_nationality(word: str, rules: dict) -> bool:
    return word[:1].isupper() and word.isalpha() and len(word) > 3 and word.endswith(tuple(rules["nationality_endings"]))


def _is_name(word: str, rules: dict) -> bool:
    return word[:1].isupper() and not _is_title(word, rules) and not word.isupper()


def _is_organisation(tokens: list[tuple[int, int, str]], j: int, rules: dict) -> bool:
    """Whether the capitalised run from ``j`` names an organisation ("Communist Party"), not a person."""
    while j < len(tokens) and tokens[j][2][:1].isupper():
        if re.split(r"['’]", tokens[j][2].lower())[0] in rules["org_heads"]:
            return True
        j += 1
    return False


def quotations(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of quoted passages of at least ``long_quote_min_words`` words: someone else's speech.

    >>> from newsparallax.framing.lexicon import load_lexicon
    >>> quotations('He said: "This is a vile and shameful plan." Then left.', load_lexicon())
    [(9, 44)]
    """
    minimum = lexicon.rules["long_quote_min_words"]
    spans = [(m.start(), m.end()) for m in LONG_QUOTE.finditer(text)]
    return [(s, e) for s, e in spans if len(text[s:e].split()) >= minimum]


def led_labels(text: str, lexicon: Lexicon) -> list[TermMatch]:
    """"X-led ..." group labels ("US-led military bloc", "Saudi-led coalition")."""
    heads = "|".join(lexicon.rules["led_heads"])
    pattern = rf"(?<![\w-])[A-Z][\w.]*-led(?:\s+[a-z]+){{0,2}}?\s+(?:{heads})(?![\w-])"
    weight = float(lexicon.rules["led_weight"])
    return [TermMatch(m.start(), m.end(), m.group(), "loaded_label", weight) for m in re.finditer(pattern, text)]


def scare_quotes(text: str, lexicon: Lexicon) -> list[TermMatch]:
    """Short quoted phrases used to keep a distance from the words, not to report speech.

    >>> from newsparallax.framing.lexicon import load_lexicon
    >>> [m.text for m in scare_quotes("the Russian “special operation” began", load_lexicon())]
    ['“special operation”']
    """
    rules = lexicon.rules
    found = []
    verbs = re.compile(rf"\b(?:{'|'.join(rules['partial_quote_verbs'])})\b", re.IGNORECASE)
    for match in QUOTE.finditer(text):
        if verbs.search(_sentence_around(text, match.start(), match.end())):
            continue  # a partial quotation of reported speech, not the writer's distance
        inner = match.group(1) or match.group(2) or ""
        if _is_scare_quote(inner, text[max(0, match.start() - 30):match.start()], rules):
            found.append(TermMatch(match.start(), match.end(), match.group(), "scare_quote",
                                   float(rules["scare_quote_weight"])))
    return found


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    rights = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i >= 0]
    return text[left + 1:min(rights) if rights else len(text)]


def _is_scare_quote(inner: str, before: str, rules: dict) -> bool:
    words = inner.split()
    if not words or len(words) > rules["scare_quote_max_words"] or inner.rstrip()[-1:] in ".,!?;:":
        return False
    if all(w[:1].isupper() or not w[:1].isalpha() for w in words):  # a title or a name, not a stance
        return False
    previous = re.findall(r"[\w]+|[:,]", before)
    return not previous or (previous[-1] not in (":", ",") and previous[-1].lower() not in rules["speech_words"])
