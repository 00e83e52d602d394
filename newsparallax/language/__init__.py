"""The language layer: what each article says, read from one spaCy parse, and entities resolved across articles.

``annotate`` runs the parse and gathers, per article, an ``Annotated``
record: ``entities`` (named mentions, resolved across articles), ``timex``
(TIMEX3 dates against the document creation time, which ``timex.dct``
infers when metadata lacks it), ``quotes`` (who said what), ``events``
(dated who-did-what), ``labels`` (descriptions given to entities) and
``claims`` (check-worthy statements). ``anchoring`` re-dates undated articles
from the others; ``terms`` gives cheap word and name terms; ``lexicon`` the
speech verbs and source words every part shares. spaCy is loaded on first use
(``nlp.load_nlp``), not when this package is imported.
"""

from __future__ import annotations

from .annotate import (
    ANNOTATION_VERSION, Annotated, Resolution, annotate_articles, annotate_doc, annotate_texts, annotation_json, article_dct,
    entity_json, reannotated, redated_estimates, resolve,
)
from .entities import Entity, EntityMention
from .events import PRONOUNS, Event
from .nlp import load_nlp
from .terms import STOPWORDS, english_stopwords, names, stem, words

__all__ = [
    "ANNOTATION_VERSION", "PRONOUNS", "STOPWORDS", "Annotated", "Entity", "EntityMention", "Event", "Resolution", "annotate_articles",
    "annotate_doc", "annotate_texts", "annotation_json", "article_dct",
    "english_stopwords", "entity_json", "load_nlp", "names", "reannotated", "redated_estimates", "resolve", "stem", "words",
]
