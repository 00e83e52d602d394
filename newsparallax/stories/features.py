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

from ..language import STOPWORDS, names, stem, words  # noqa: F401 (STOPWORDS, stem: re-exported for tests and benches)
from ..records import ArticleFeatures


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
