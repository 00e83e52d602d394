"""Cheap text terms, no parse needed: stemmed content words and capitalised names.

Story features (``stories.features``) and cross-article dating
(``language.anchoring``) compare articles by these. Two places where we go
beyond the libraries, and why: words are Snowball stems rather than spaCy
lemmas (the lemmatizer needs the tagger, which costs more per article than
the whole clustering at 100k articles); names are capitalised word sequences
folded the way entity resolution folds them.

Example:
    >>> sorted(names("Fumio Kishida will attend the NATO summit."))
    ['fumio', 'fumio kishida', 'kishida', 'nato']
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files

from .entities import name_words


@lru_cache(maxsize=1)  # read once, whoever asks (story terms, claim comparison)
def english_stopwords() -> frozenset[str]:
    """The English stop-word list shipped in ``data/stopwords.txt`` (scikit-learn's, without importing it)."""
    text = (files("newsparallax") / "data" / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)?")
NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'\-]*(?:\s+(?:(?:of|de|la|von|van|al|bin)\s+)?[A-Z][\w’'\-]*)*")
NEWS_STOPWORDS = frozenset({
    "said", "says", "say", "told", "according", "reported", "report", "reports", "news", "mr", "ms", "mrs",
    "also", "would", "could", "year", "years", "week", "day", "time", "people", "just", "like", "new",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reuters", "ap", "afp",
})
STOPWORDS = english_stopwords() | NEWS_STOPWORDS
# Capitalised words that start sentences or name no one ("The", "However").
NAME_STOPWORDS = frozenset(w.capitalize() for w in STOPWORDS) | {"I", "A", "An", "However", "Meanwhile", "But"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word (cached: news vocabularies repeat)."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def words(text: str) -> Counter:
    """Stemmed content words (stopwords out, numbers kept).

    Each distinct surface form is looked up once (news repeats its words);
    terms still come in the order of their first occurrence, so the weights
    computed from them sum in the same order, to the last bit.
    """
    counts: Counter = Counter()
    for form, count in Counter(WORD.findall(text)).items():
        term = _term(form)
        if term is not None:
            counts[term] += count
    return counts


@lru_cache(maxsize=200_000)
def _term(form: str) -> str | None:
    """The term of one surface form: its stem (numbers as they are), or None for a stopword."""
    word = form.lower().replace("’", "'")
    if word in STOPWORDS or len(word) < 2:
        return None
    return stem(word) if word[0].isalpha() else word


def names(text: str) -> Counter:
    """Folded name features: every word of a capitalised sequence, and the whole sequence in sorted order.

    Each distinct sequence is folded once; features keep the order of their first occurrence.
    """
    counts: Counter = Counter()
    for sequence, count in Counter(NAME.findall(text)).items():
        for feature in _name_features(sequence):
            counts[feature] += count
    return counts


@lru_cache(maxsize=200_000)
def _name_features(sequence: str) -> tuple[str, ...]:
    """The features of one capitalised sequence: its folded words (longer than one letter), then the sorted whole."""
    key = name_words(" ".join(w for w in sequence.split() if w not in NAME_STOPWORDS))
    whole = (" ".join(sorted(key)),) if len(key) > 1 else ()
    return (*(w for w in key if len(w) > 1), *whole)
