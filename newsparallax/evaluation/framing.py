"""Framing measured on BABE (sentence bias, biased words) and BASIL (lexical and informational bias).

The data is read by path from its folder (``../shared/eval/babe``,
``../shared/eval/basil``) and never copied; nothing learned here is saved.

BABE (``final_labels_SG2.csv``): the rows (less "No agreement") are shuffled with
a fixed seed and cut in two halves, ``tune`` and ``held``. Figures:

* ``detector``: the shipped lexicon detector with no training — precision, recall
  and F1 of "biased" on each half at ``RULE_THRESHOLD`` (the cut chosen on ``tune``);
  ``tuned_cut`` is the best cut on ``tune`` recomputed now, shown for drift;
* ``word_recall``: the share of annotated biased words (found in their sentence)
  that one of our loaded spans covers;
* ``all_biased``: the baseline that calls every sentence biased;
* ``trained``: ``framing.model.fit_framing`` on ``tune``, scored on ``held`` at the
  threshold it chose on its own out-of-fold scores; ``tfidf_lr`` is plain word
  TF-IDF + logistic regression trained the same way, for reference.

BASIL: ``lexical`` — token-level precision, recall, F1 of our loaded spans against
the annotated lexical-bias spans (a token counts when a span overlaps it);
``lexical_halves`` — the same on the two halves of the triplets (``tune``, ``held``)
for every span and for the strongest few per article (``framing.strongest_loaded``)
at the budget with the best F1 on ``tune``; ``lexical_halves_trained`` — the same with
spans ranked by the model trained on BABE's ``tune`` half (its learned word rates):
a cross-dataset test, BASIL is only read here;
``informational`` — sentence-level F1 for "holds an informational-bias span".
Informational bias is about which facts are told, not the words, so the only
signals without a model are whether a sentence is about the article's main
entities and whether it quotes someone; the rule's F1 is printed beside the
"every sentence" baseline, on the two halves of the triplets.

Example:
    $ python -m newsparallax.evaluation.framing --data ../shared/eval
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import InputError
from ..framing.detect import RULE_THRESHOLD, detect_framing, find_loaded, strongest_loaded
from ..framing.data import LabeledSentence, basil_documents, basil_rows, read_labeled_csv
from ..framing.spans import SpanTagger, fit_span_tagger, has_marks, marked_spans, token_labels
from ..framing.model import FramingModel, best_threshold, fit_framing
from .metrics import f1, ratio

SEED = 13
BABE_FILE = "final_labels_SG2.csv"
TOKEN = re.compile(r"\w+")


def prf(labels: Sequence[int], predicted: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive class.

    >>> prf([1, 0, 1], [True, True, False])
    {'p': 0.5, 'r': 0.5, 'f1': 0.5}
    """
    y, p = np.asarray(labels) == 1, np.asarray(predicted, dtype=bool)
    tp = float(np.sum(y & p))
    precision, recall = ratio(tp, float(p.sum())), ratio(tp, float(y.sum()))
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1(precision, recall), 4)}


# ------------------------------------------------------------------ BABE


def babe_halves(rows: list[LabeledSentence], seed: int = SEED) -> tuple[list[LabeledSentence], list[LabeledSentence]]:
    """(tune, held): the rows shuffled with ``seed`` and cut in two."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return [rows[i] for i in order[:half]], [rows[i] for i in order[half:]]


def detector_scores(rows: list[LabeledSentence]) -> np.ndarray:
    """The no-training bias score of each sentence."""
    return np.array([detect_framing(r.text, [(0, len(r.text))]).sentences[0].bias_score for r in rows])


def detector_figures_for(rows: list[LabeledSentence]) -> dict[str, float]:
    """P/R/F1 of the shipped detector (no training) at ``RULE_THRESHOLD`` on ``rows``."""
    return prf([r.label for r in rows], detector_scores(rows) >= RULE_THRESHOLD)


def word_recall(rows: list[LabeledSentence]) -> dict[str, float]:
    """Share of annotated biased words (found in their sentence) covered by one of our loaded spans."""
    found = covered = 0
    for row in rows:
        spans = [(t.start, t.end) for t in find_loaded(row.text)]
        for word in row.biased_words:
            match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", row.text, re.IGNORECASE)
            if match:
                found += 1
                covered += any(s < match.end() and match.start() < e for s, e in spans)
    return {"words": found, "covered": covered, "recall": round(covered / found, 4) if found else 0.0}


def evaluate_babe(folder: Path, train: bool = True, models: list | None = None) -> dict[str, Any]:
    """BABE figures (see the module docstring). Raises InputError when the file is absent.

    When training and ``models`` is a list, the model trained on ``tune`` is appended to it.
    """
    rows = read_labeled_csv(_babe_file(folder))
    tune, held = babe_halves(rows)
    result: dict[str, Any] = {"rows": len(rows), "tune_rows": len(tune), "held_rows": len(held)}
    result["detector"] = _detector_figures(tune, held)
    result["all_biased"] = {name: prf([r.label for r in part], [True] * len(part))
                            for name, part in (("tune", tune), ("held", held))}
    result["word_recall"] = word_recall(rows)
    if train:
        result["trained"], model = _trained_figures(tune, held)
        if models is not None:
            models.append(model)
        result["tfidf_lr"] = _tfidf_baseline(tune, held)
    return result


def _babe_file(folder: Path) -> Path:
    path = Path(folder)
    path = path if path.is_file() else path / BABE_FILE
    if not path.is_file():
        raise InputError(f"BABE file not found: {path} (expected the folder holding {BABE_FILE})")
    return path


def _detector_figures(tune: list[LabeledSentence], held: list[LabeledSentence]) -> dict[str, Any]:
    tune_scores, held_scores = detector_scores(tune), detector_scores(held)
    tuned = best_threshold(tune_scores, np.array([r.label for r in tune]))
    return {"threshold": RULE_THRESHOLD, "tuned_cut": tuned,
            "tune": prf([r.label for r in tune], tune_scores >= RULE_THRESHOLD),
            "held": prf([r.label for r in held], held_scores >= RULE_THRESHOLD)}


def _trained_figures(tune: list[LabeledSentence], held: list[LabeledSentence]) -> dict[str, Any]:
    model = fit_framing(tune)
    scores = np.array(model.score([r.text for r in held]))
    figures = {"threshold": model.threshold, "held": prf([r.label for r in held], scores >= model.threshold)}
    if has_marks(tune):  # BABE marks biased words: the span tagger is trained as `train framing` would
        tagger = fit_span_tagger(tune)
        model = replace(model, span_tagger=tagger)
        figures["span_tagger"] = {"threshold": tagger.threshold, "held_tokens": babe_token_figures(held, tagger)}
    return figures, model


def babe_token_figures(rows: list[LabeledSentence], tagger: SpanTagger) -> dict[str, float]:
    """Token P/R/F1 of the tagger's spans against the biased words marked in ``rows``."""
    gold, predicted = [], []
    for row in rows:
        gold += token_labels(row.text, marked_spans(row))
        predicted += token_labels(row.text, tagger.spans(row.text))
    return {**prf(gold, predicted), "gold_tokens": int(sum(gold))}


def _tfidf_baseline(tune: list[LabeledSentence], held: list[LabeledSentence]) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    classifier = LogisticRegression(max_iter=2000).fit(vectorizer.fit_transform([r.text for r in tune]),
                                                        [r.label for r in tune])
    predicted = classifier.predict(vectorizer.transform([r.text for r in held])) == 1
    return {"held": prf([r.label for r in held], predicted)}


# ------------------------------------------------------------------ BASIL


def basil_articles(folder: Path) -> list[dict[str, Any]]:
    """Each annotated BASIL article (``framing.data.basil_documents``: triplet, sentences, lexical and
    informational spans per sentence), with ``loaded``: the shipped detector's spans of each sentence,
    found once for every figure read from them. Raises InputError when no article is found."""
    return [{**document, "loaded": [find_loaded(s) for s in document["sentences"]]}
            for document in basil_documents(folder)]


def with_tagger_spans(articles: list[dict[str, Any]], tagger: SpanTagger) -> list[dict[str, Any]]:
    """The articles, each with ``learned``: the tagger's spans of each sentence (found once)."""
    return [{**article, "learned": [tagger.spans(s) for s in article["sentences"]]} for article in articles]


def lexical_token_figures(articles: list[dict[str, Any]], budget: int | None = None,
                          model: FramingModel | None = None, marked_only: bool = False,
                          learned: bool = False, with_lexicon: bool = False) -> dict[str, float]:
    """Token-level P/R/F1 of predicted spans against BASIL's lexical-bias spans.

    Predicted: every loaded span of the shipped detector when ``budget`` is None,
    else the ``budget`` strongest of each article (``strongest_loaded``, ranked with
    ``model``'s word rates when given); with ``learned``, the tagger's spans
    (``with_tagger_spans``) instead, or with ``with_lexicon`` too both together (what
    ``--framing-model`` shows). ``marked_only`` scores only the sentences holding a
    gold lexical span (span location given the biased sentence); otherwise every
    token of every sentence.
    """
    gold, predicted = [], []
    for article in articles:
        ours = _predicted_spans(article, budget, model, learned, with_lexicon)
        for index, sentence in enumerate(article["sentences"]):
            if marked_only and index not in article["lex"]:
                continue
            theirs = article["lex"].get(index, [])
            for token in TOKEN.finditer(sentence):
                gold.append(_overlaps(token.span(), theirs))
                predicted.append(_overlaps(token.span(), ours[index]))
    return {**prf(gold, predicted), "gold_tokens": int(sum(gold)), "predicted_tokens": int(sum(predicted))}


def _predicted_spans(article: dict[str, Any], budget: int | None, model: FramingModel | None,
                     learned: bool, with_lexicon: bool) -> list[list]:
    if learned and not with_lexicon:
        return article["learned"]
    spans = _detector_spans(article, budget, model)
    return [a + b for a, b in zip(spans, article["learned"])] if learned else spans


def _detector_spans(article: dict[str, Any], budget: int | None, model: FramingModel | None) -> list[list]:
    flat = [(index, term) for index, terms in enumerate(article["loaded"]) for term in terms]
    if budget is not None:
        kept = {id(t) for t in strongest_loaded([t for _, t in flat], budget, model)}
        flat = [(index, t) for index, t in flat if id(t) in kept]
    spans: list[list] = [[] for _ in article["sentences"]]
    for index, term in flat:
        spans[index].append((term.start, term.end))
    return spans


BUDGETS = (1, 2, 3, 4, 5, 6, 8)


def lexical_halves(articles: list[dict[str, Any]], model: FramingModel | None = None) -> dict[str, Any]:
    """Lexical token figures on the two halves of the triplets: every span, and the
    strongest few per article at the budget with the best F1 on ``tune`` (shown on both).

    With ``model``, spans are ranked with its learned word rates (``strongest_loaded``).
    """
    halves = _triplet_halves(articles)
    parts = {name: [a for a in articles if a["triplet"] in chosen] for name, chosen in halves.items()}
    on_tune = {b: lexical_token_figures(parts["tune"], b, model)["f1"] for b in BUDGETS}
    budget = max(BUDGETS, key=lambda b: (on_tune[b], -b))
    return {"budget": budget, "tune_f1_by_budget": on_tune,
            "every_span": {name: lexical_token_figures(part) for name, part in parts.items()},
            "strongest": {name: lexical_token_figures(part, budget, model) for name, part in parts.items()},
            "every_span_marked_sentences": {name: lexical_token_figures(part, marked_only=True)
                                            for name, part in parts.items()}}


def tagger_halves(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """A span tagger (``framing.spans.fit_span_tagger``, as ``parallax train framing`` fits it on a
    BASIL-style folder) trained on one half of the triplets and scored on the other, both ways:
    every sentence, and only the sentences holding a gold lexical span."""
    halves = _triplet_halves(articles)
    parts = {name: [a for a in articles if a["triplet"] in chosen] for name, chosen in halves.items()}
    result = {}
    for train, test in (("tune", "held"), ("held", "tune")):
        tagger = fit_span_tagger([row for article in parts[train] for row in basil_rows(article)])
        tested = with_tagger_spans(parts[test], tagger)
        result[f"{train}_to_{test}"] = {
            "threshold": tagger.threshold, "marked_tokens": tagger.meta["marked_tokens"],
            "every_sentence": lexical_token_figures(tested, learned=True),
            "marked_sentences": lexical_token_figures(tested, learned=True, marked_only=True),
            "with_lexicon": {"every_sentence": lexical_token_figures(tested, learned=True, with_lexicon=True),
                             "marked_sentences": lexical_token_figures(tested, learned=True, marked_only=True,
                                                                       with_lexicon=True)}}
    return result


def _triplet_halves(articles: list[dict[str, Any]]) -> dict[str, set]:
    triplets = sorted({a["triplet"] for a in articles})
    random.Random(SEED).shuffle(triplets)
    return {"tune": set(triplets[: len(triplets) // 2]), "held": set(triplets[len(triplets) // 2:])}


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return int(any(s < span[1] and span[0] < e for s, e in spans))


QUOTATION_MARK = re.compile(r"[“\"]")


def informational_prediction(sentence: str, index: int, entities: list[str]) -> bool:
    """Our guess that a sentence carries informational bias: it names one of the article's main
    entities, or it quotes someone (BASIL marks most informational bias in quotations and in facts
    told about the main entities). Chosen on the ``tune`` half of the triplets among a few such
    rules (opening sentences, verbs of saying, length), ``held`` reported beside it."""
    names = {part for entity in entities for part in entity.replace("_", " ").split() if len(part) > 3}
    return any(name in sentence for name in names) or bool(QUOTATION_MARK.search(sentence))


def informational_figures(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Sentence F1 of ``informational_prediction`` and of "every sentence", on two halves of the triplets."""
    halves = _triplet_halves(articles)
    result = {}
    for name, chosen in halves.items():
        gold, ours = [], []
        for article in (a for a in articles if a["triplet"] in chosen):
            for index, sentence in enumerate(article["sentences"]):
                gold.append(int(index in article["inf"]))
                ours.append(informational_prediction(sentence, index, article["entities"]))
        result[name] = {"rule": prf(gold, ours), "every_sentence": prf(gold, [True] * len(gold)),
                        "sentences": len(gold), "positive": int(sum(gold))}
    return result


def evaluate_basil(folder: Path, model: FramingModel | None = None) -> dict[str, Any]:
    """BASIL figures (see the module docstring). Raises InputError when no article is found.

    ``model`` (trained on BABE) adds ``lexical_halves_trained``: spans ranked with its word rates.
    """
    articles = basil_articles(folder)
    result = {"articles": len(articles), "lexical": lexical_token_figures(articles),
              "lexical_halves": lexical_halves(articles), "lexical_tagger": tagger_halves(articles),
              "informational": informational_figures(articles)}
    if model is not None:
        result["lexical_halves_trained"] = lexical_halves(articles, model)
        if model.span_tagger is not None:  # trained on BABE's marked words: a cross-dataset test
            tagged = with_tagger_spans(articles, model.span_tagger)
            result["lexical_babe_tagger"] = {"every_sentence": lexical_token_figures(tagged, learned=True),
                                             "marked_sentences": lexical_token_figures(tagged, learned=True,
                                                                                       marked_only=True)}
    return result


# ------------------------------------------------------------------ both


def evaluate_framing(data: Path, train: bool = True) -> dict[str, Any]:
    """BABE and/or BASIL figures for ``data``: a folder holding ``babe/`` and ``basil/``, or either one.

    Raises InputError when neither is found.

    >>> # evaluate_framing(Path("../shared/eval"))["babe"]["detector"]["held"]["f1"]
    """
    data = Path(data)
    result: dict[str, Any] = {}
    babe = data / "babe" if (data / "babe").is_dir() else data
    basil = data / "basil" if (data / "basil").is_dir() else data
    models: list[FramingModel] = []
    if (babe / BABE_FILE).is_file() or (data.is_file() and data.suffix == ".csv"):
        result["babe"] = evaluate_babe(babe if not data.is_file() else data, train, models)
    model = models[0] if models else None
    if list(basil.glob("annotations/*/*_ann.json")):
        result["basil"] = evaluate_basil(basil, model)
    if not result:
        raise InputError(f"{data}: neither BABE ({BABE_FILE}) nor BASIL (annotations/) data found")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--no-train", action="store_true")
    args = parser.parse_args(argv)
    json.dump(evaluate_framing(args.data, train=not args.no_train), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
