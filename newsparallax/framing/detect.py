"""Framing: loaded and evaluative language, per span and per sentence, with no training.

The detector combines a hand-written lexicon (``data/framing/lexicon.tsv``) with
three rules (``framing/rules.py``: epithets put before names, "X-led" labels,
scare quotes). Every hit is a ``LoadedTerm`` with character offsets into the
article text and one of these categories:

* ``epithet`` — a word for a person that carries a verdict ("dictator", "thug"),
  or a characterising word put before a name ("Leftist American President");
* ``loaded_label`` — a name for a group, policy or event that takes a side
  ("regime", "US-led military bloc", "death tax", "so-called");
* ``pejorative`` — verbs and nouns of contempt, attack or deceit ("slammed",
  "spewed", "power grab");
* ``evaluative`` — the writer's verdict, negative or positive ("bizarre",
  "reckless", "heroic");
* ``hyperbole`` — overstatement ("staggering", "catastrophic", "skyrocketed");
* ``intensifier`` — leaning on a claim ("utterly", "clearly", "supposedly");
* ``scare_quote`` — a short phrase put in quotation marks to keep a distance;
* ``learned`` — a span found by the span tagger of a user's trained model
  (``framing/spans.py``; only with a model that has one).

A sentence's ``bias_score`` is the noisy-or of the weights of the terms it holds
(and of "!" in the writer's voice): the chance that at least one cue is real.
It is ``biased`` at or above ``RULE_THRESHOLD``. With a ``FramingModel`` (see
``framing/model.py``), the model's probability and threshold are used instead;
the loaded spans still come from the lexicon. ``strongest_loaded`` keeps the few
strongest spans of an article (by weight, or by the model's learned word rates too),
the short list to show first.

Example:
    >>> text = "The reckless plan failed. Officials met on Monday."
    >>> framing = detect_framing(text, [(0, 25), (26, 50)])
    >>> [(t.text, t.category) for t in framing.loaded]
    [('reckless', 'evaluative'), ('failed', 'evaluative')]
    >>> [s.biased for s in framing.sentences]
    [True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lexicon import CATEGORIES, Lexicon, TermMatch, find_lexicon_terms, load_lexicon
from .rules import led_labels, name_epithets, quotations, scare_quotes

if TYPE_CHECKING:
    from .model import FramingModel

__all__ = ["CATEGORIES", "Framing", "LoadedTerm", "RULE_THRESHOLD", "SentenceBias", "detect_framing",
           "STRONGEST_BUDGET", "find_loaded", "framing_json", "loaded_per_1000_words", "sentence_score",
           "span_strength", "strongest_loaded", "with_learned_spans"]

# The no-training cut on the noisy-or score, chosen on one half of the BABE
# development file (the other half is reported beside it; see evaluation/framing.py).
RULE_THRESHOLD = 0.35
# How many loaded spans ``strongest_loaded`` keeps per article by default. Chosen on
# the tune half of BASIL's triplets (token F1 against its lexical-bias spans; the
# held half is reported beside it, see evaluation/framing.py). BASIL's annotators
# mark about 1.5 lexical-bias spans per article; every span we find (about 5 per
# article there) has a token precision near 0.09, the three strongest near 0.13.
STRONGEST_BUDGET = 3
WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded or evaluative span: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    category: str


@dataclass(frozen=True)
class SentenceBias:
    """One sentence's verdict: ``bias_score`` in [0, 1], ``biased`` when over the threshold."""

    start: int
    end: int
    biased: bool
    bias_score: float


@dataclass(frozen=True)
class Framing:
    """The loaded spans of an article and the bias of each of its sentences."""

    loaded: tuple[LoadedTerm, ...]
    sentences: tuple[SentenceBias, ...]


def find_loaded(text: str, lexicon: Lexicon | None = None, include_quoted: bool = False) -> list[TermMatch]:
    """Every loaded span of ``text`` with its weight, overlaps resolved (longer, earlier spans win).

    Words inside quoted passages of five words or more are the speaker's and are
    left out unless ``include_quoted``; short quoted phrases are scare quotes.

    >>> [(m.text, m.category) for m in find_loaded("He met Chinese dictator Xi Jinping.")]
    [('Chinese dictator', 'epithet')]
    """
    lexicon = lexicon or load_lexicon()
    hits = [h for h in find_lexicon_terms(text, lexicon) if not _in_proper_name(text, h)]
    found = hits + name_epithets(text, lexicon, hits) + led_labels(text, lexicon)
    if not include_quoted:  # words inside quoted speech are the speaker's, not the outlet's
        found = [m for m in found if not _inside(m, quotations(text, lexicon))]
    return _without_overlaps(found + scare_quotes(text, lexicon))


def _in_proper_name(text: str, match: TermMatch) -> bool:
    """A capitalised hit next to another capitalised word is part of a name ("Communist Party")."""
    if not match.text[:1].isupper():
        return False
    before = re.search(r"(\S+)\s+$", text[max(0, match.start - 40):match.start])
    after = re.match(r"\s+(\S+)", text[match.end:match.end + 40])
    neighbours = [w.group(1) for w in (before, after) if w]
    return any(w[:1].isupper() and not w.endswith((".", ":")) for w in neighbours)


def _inside(match: TermMatch, spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start and match.end <= end for start, end in spans)


def _without_overlaps(found: list[TermMatch]) -> list[TermMatch]:
    kept: list[TermMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start), -m.weight)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def sentence_score(terms: Sequence[TermMatch], sentence: str = "", lexicon: Lexicon | None = None) -> float:
    """How slanted a sentence reads, in [0, 1], from its loaded terms and style cues.

    The noisy-or of the term weights, of strong sentiment words, and of the writer
    addressing the reader ("we", "you"), asking or exclaiming outside quotation marks;
    then scaled down when the sentence reports speech ("said", "according to") or
    gives figures, which is how neutral reporting reads. Weights: ``rules.json``.

    >>> round(sentence_score([TermMatch(0, 1, "x", "evaluative", 0.5)] * 2), 2)
    0.75
    """
    lexicon = lexicon or load_lexicon()
    style = lexicon.rules["style"]
    keep = 1.0
    for weight in [t.weight for t in terms] + _style_weights(sentence, lexicon):
        keep *= 1.0 - weight
    return round((1.0 - keep) * _reporting_factor(sentence, style), 4)


def _style_weights(sentence: str, lexicon: Lexicon) -> list[float]:
    style, own = lexicon.rules["style"], _outside_quotes(sentence).lower()
    words = re.findall(r"[a-z][a-z'-]+", sentence.lower())
    weights = [min(style["sentiment_cap"], style["sentiment_scale"] * abs(lexicon.sentiment[w]))
               for w in words if abs(lexicon.sentiment.get(w, 0.0)) >= style["sentiment_min"]]
    if set(re.findall(r"[a-z]+", own)) & set(style["address_words"]):
        weights.append(style["address_weight"])
    weights += [style["question_weight"]] * ("?" in own) + [style["exclamation_weight"]] * ("!" in own)
    return weights


def _reporting_factor(sentence: str, style: dict) -> float:
    lowered, factor = sentence.lower(), 1.0
    if any(re.search(rf"\b{w}\b", lowered) for w in style["attribution_words"]):
        factor *= style["attribution_factor"]
    if re.search(r"\d", sentence):
        factor *= style["number_factor"]
    return factor


def _outside_quotes(sentence: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", sentence)


def detect_framing(text: str, sentences: Sequence[tuple[int, int]], model: FramingModel | None = None,
                   lexicon: Lexicon | None = None) -> Framing:
    """Loaded spans and per-sentence bias of an article given its sentence offsets.

    With ``model`` (from ``framing.model.load_framing_model``) sentence scores and the
    cut are the model's; without it they come from the lexicon (``RULE_THRESHOLD``).
    A model with a span tagger adds its spans (category ``learned``) where the
    lexicon found none. Sentence offsets out of range are clipped to the text.

    >>> framing = detect_framing("A staggering, shameful waste.", [(0, 29)])
    >>> framing.sentences[0].biased, len(framing.loaded)
    (True, 2)
    """
    terms = find_loaded(text, lexicon)
    bounds = [(max(0, s), min(len(text), e)) for s, e in sentences]
    if model is not None and model.span_tagger is not None:
        terms = with_learned_spans(terms, text, bounds, model.span_tagger, lexicon)
    if model is not None:
        scores = [float(p) for p in model.score([text[s:e] for s, e in bounds])]
        threshold = model.threshold
    else:
        scores = [sentence_score(_within(terms, s, e), text[s:e], lexicon) for s, e in bounds]
        threshold = RULE_THRESHOLD
    verdicts = tuple(SentenceBias(s, e, score >= threshold, round(score, 4)) for (s, e), score in zip(bounds, scores))
    loaded = tuple(LoadedTerm(m.start, m.end, m.text, m.category) for m in terms)
    return Framing(loaded=loaded, sentences=verdicts)


def with_learned_spans(terms: Sequence[TermMatch], text: str, bounds: Sequence[tuple[int, int]], tagger,
                       lexicon: Lexicon | None = None) -> list[TermMatch]:
    """``terms`` plus the tagger's spans of each sentence that overlap none of them, in text order.

    A learned span's weight is its highest token probability.
    """
    learned = [TermMatch(start + a, start + b, text[start + a:start + b], "learned", round(p, 4))
               for start, end in bounds for a, b, p in tagger.scored_spans(text[start:end], lexicon)]
    fresh = [m for m in learned if not any(t.start < m.end and m.start < t.end for t in terms)]
    return sorted([*terms, *fresh], key=lambda m: (m.start, m.end))


def span_strength(term: TermMatch | LoadedTerm, text: str = "", model: FramingModel | None = None,
                  lexicon: Lexicon | None = None) -> float:
    """How surely a loaded span is the writer's slant, in [0, 1].

    The lexicon or rule weight of the span; with ``model`` (trained on sentences
    whose biased words are marked), the larger of that and the model's learned rate
    of being marked for the span's words. ``text`` is the article (needed for
    ``LoadedTerm``, which carries no weight: its weight is looked up again).

    >>> span_strength(TermMatch(0, 4, "vile", "evaluative", 0.8))
    0.8
    """
    weight = getattr(term, "weight", None)
    if weight is None:
        found = find_loaded(text[term.start:term.end], lexicon, include_quoted=True)
        weight = max((m.weight for m in found), default=0.0)
    if model is not None and model.word_bias:
        rates = [model.word_bias.get(w, model.prior) for w in re.findall(r"[a-z][a-z'’-]*", term.text.lower())]
        weight = max([weight, *rates])
    return float(weight)


def strongest_loaded(terms: Sequence[TermMatch], budget: int = STRONGEST_BUDGET,
                     model: FramingModel | None = None) -> list[TermMatch]:
    """The ``budget`` strongest of an article's loaded spans, in text order.

    Ranked by ``span_strength`` (with ``model``: its learned word rates too), shorter
    spans first on ties, then earlier ones. This is the short list a reader should
    see first; ``detect_framing`` still returns every span.

    >>> terms = find_loaded("Officials clearly said the vile plan was a staggering failure.")
    >>> [t.text for t in strongest_loaded(terms, 2)]
    ['vile', 'staggering']
    """
    ranked = sorted(range(len(terms)), key=lambda i: (-span_strength(terms[i], model=model),
                                                      terms[i].end - terms[i].start, i))
    return [terms[i] for i in sorted(ranked[:max(0, budget)])]


def _within(terms: Sequence[TermMatch], start: int, end: int) -> list[TermMatch]:
    return [t for t in terms if t.start >= start and t.end <= end]


def framing_json(framing: Framing) -> dict[str, Any]:
    """The framing as plain JSON-ready data.

    >>> framing_json(Framing(loaded=(LoadedTerm(0, 4, "vile", "evaluative"),), sentences=()))
    {'sentences': [], 'loaded': [{'start': 0, 'end': 4, 'text': 'vile', 'category': 'evaluative'}]}
    """
    return {
        "sentences": [{"start": s.start, "end": s.end, "biased": s.biased, "bias_score": s.bias_score}
                      for s in framing.sentences],
        "loaded": [{"start": t.start, "end": t.end, "text": t.text, "category": t.category} for t in framing.loaded],
    }


def loaded_per_1000_words(framing: Framing, text: str) -> float:
    """How loaded an article reads: loaded spans per 1,000 words of its text.

    >>> loaded_per_1000_words(Framing((LoadedTerm(0, 4, "vile", "evaluative"),), ()), "vile " * 10)
    100.0
    """
    words = len(WORD.findall(text))
    return round(1000.0 * len(framing.loaded) / words, 2) if words else 0.0
