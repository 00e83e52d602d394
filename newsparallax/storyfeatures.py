"""Features for grouping articles into stories: words, names and time, cheap enough for 100k articles.

Following Miranda et al. (EMNLP 2018), an article is a set of TF-IDF
sub-vectors compared separately: body words, title words and names, plus its
date. Two places where we go beyond the libraries, and why:

* words are Snowball stems rather than spaCy lemmas: the lemmatizer needs the
  tagger, which costs more per article than the whole clustering at 100k
  articles; for grouping, stems and lemmas conflate the same forms;
* names are capitalised word sequences folded the way entity resolution folds
  them (accents, name order, "Zelenskyy" = "Zelensky"), each word and the
  whole name as features: the cross-article entities of the language layer
  need a parse of every article, which is not cheap enough here either.

Example:
    >>> features = article_features("a1", "Kishida to attend NATO summit",
    ...                             "Fumio Kishida will attend the NATO summit in Vilnius.", None)
    >>> sorted(features.names)[:3]
    ['fumio', 'fumio kishida', 'kishida']
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .entities import name_words

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)?")
NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'\-]*(?:\s+(?:(?:of|de|la|von|van|al|bin)\s+)?[A-Z][\w’'\-]*)*")
NEWS_STOPWORDS = frozenset({
    "said", "says", "say", "told", "according", "reported", "report", "reports", "news", "mr", "ms", "mrs",
    "also", "would", "could", "year", "years", "week", "day", "time", "people", "just", "like", "new",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reuters", "ap", "afp",
})
STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOPWORDS
# Capitalised words that start sentences or name no one ("The", "However").
NAME_STOPWORDS = frozenset(w.capitalize() for w in STOPWORDS) | {"I", "A", "An", "However", "Meanwhile", "But"}


@dataclass(frozen=True)
class ArticleFeatures:
    """Raw term counts of one article, before weighting; ``day`` is a date ordinal (or a range)."""

    article_id: str
    body: dict[str, int]
    title: dict[str, int]
    names: dict[str, int]
    day_start: int | None
    day_end: int | None


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


def article_features(article_id: str, title: str | None, text: str, day_range: tuple[str | None, str | None] | None) -> ArticleFeatures:
    """The counts of one article; ``day_range`` is (first, last) ISO day it may be dated, or None."""
    start, end = (day_range or (None, None))
    return ArticleFeatures(
        article_id, dict(words(text)), dict(words(title or "")), dict(names(f"{title or ''}\n{text}")),
        _ordinal(start), _ordinal(end or start),
    )


def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return dt.date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def tfidf(counts: dict[str, int], df: dict[str, int], total: int, max_features: int = 60) -> dict[str, float]:
    """Sublinear TF-IDF, L2-normalised, keeping the ``max_features`` heaviest terms.

    Terms found in a single document so far get the highest weight; unseen ones
    (df 0) are treated as found once.
    """
    weights = {}
    for term, count in counts.items():
        idf = math.log((1 + total) / (1 + df.get(term, 0))) + 1.0
        weights[term] = (1.0 + math.log(count)) * idf
    if len(weights) > max_features:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_features])
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}
