"""A learned sentence-bias scorer, trained on the user's own labeled sentences.

``train_framing`` reads a BABE-style CSV (columns ``text`` and ``label`` or
``label_bias``; optionally ``biased_words``, a list of the words marked as
biased), fits a logistic regression over

* TF-IDF word 1-2-grams and character 2-5-grams (inside word boundaries);
* the shipped lexicon's cues (noisy-or score, hits per category);
* when the file marks biased words: each word's smoothed rate of being marked
  (learned from the training rows, cross-fitted so a sentence never sees its own
  marks), summarised per sentence (max, mean of the top three, how many are high),

When the data marks loaded words or spans (BABE's ``biased_words``, a JSONL file
of ``text`` and ``spans``, a BASIL-style folder: see ``framing/data.py``), a span
tagger (``framing/spans.py``) is trained too and saved beside the scorer.

It writes a model directory of plain data — never pickle, so loading a model
directory runs no code:

* ``meta.json``: format version, settings, the decision threshold, training figures;
* ``vocabulary.json``: the word and character n-gram vocabularies and the word-bias rates;
* ``weights.npz``: idf vectors, coefficients and intercept (numpy arrays, ``allow_pickle=False``);
* ``spans.json`` and ``spans.npz``: the span tagger, when one was trained.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> rows = ["text;label"] + [f"A vile, shameful lie number {i}.;Biased" for i in range(12)] \\
    ...        + [f"The council met on day {i}.;Non-biased" for i in range(12)]
    >>> _ = (folder / "d.csv").write_text("\\n".join(rows))
    >>> figures = train_framing(folder / "d.csv", folder / "model")
    >>> model = load_framing_model(folder / "model")
    >>> a, b = model.score(["A vile lie.", "The council met."])
    >>> a > b
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from ..errors import InputError
from .data import LabeledSentence, read_training_data
from .spans import SpanTagger, fit_span_tagger, has_marks, load_span_tagger, remove_span_tagger, save_span_tagger
from .lexicon import LEXICON_CATEGORIES
from .detect import find_loaded, sentence_score
# The cut search is shared with the span tagger (in .thresholds so that spans need not import this module);
# best_threshold, f1_score and SCORER_CUTS stay importable from here.
from .thresholds import SCORER_CUTS, best_threshold, f1_score  # noqa: F401 (SCORER_CUTS: re-exported)

FORMAT_VERSION = 1
WORD_PARAMS = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True,
               "lowercase": True, "token_pattern": r"(?u)\b\w[\w'’-]*\b"}
CHAR_PARAMS = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "sublinear_tf": True,
               "lowercase": True, "max_features": 60000}
WORD_BIAS_SMOOTHING = 2.0  # pseudo-occurrences at the prior rate, so a word seen once says little
C = 2.0
FOLDS = 5
SEED = 13
WORD = r"[a-z][a-z'’-]*"


@dataclass(frozen=True)
class FramingModel:
    """A trained scorer: ``score`` gives each sentence's probability of being biased.

    ``threshold`` is the cut that maximised F1 on the training rows' out-of-fold scores.
    """

    word_vocabulary: dict[str, int]
    char_vocabulary: dict[str, int]
    word_idf: np.ndarray
    char_idf: np.ndarray
    word_bias: dict[str, float]
    prior: float
    coef: np.ndarray
    intercept: float
    threshold: float
    meta: dict[str, Any]
    span_tagger: SpanTagger | None = None

    def score(self, sentences: list[str]) -> list[float]:
        """Probability of "biased" for each sentence, in [0, 1].

        >>> # see the module example
        """
        if not sentences:
            return []
        features = _features(sentences, self._vectorizers(), self.word_bias, self.prior)
        logits = features @ self.coef + self.intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]

    def _vectorizers(self):
        return _vectorizer(WORD_PARAMS, self.word_vocabulary, self.word_idf), \
            _vectorizer(CHAR_PARAMS, self.char_vocabulary, self.char_idf)


def _vectorizer(params: dict, vocabulary: dict[str, int], idf: np.ndarray):
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = {k: v for k, v in params.items() if k not in ("min_df", "max_features")}
    vectorizer = TfidfVectorizer(**settings, vocabulary=vocabulary)
    vectorizer.idf_ = idf
    return vectorizer


# ------------------------------------------------------------------ features


def _features(texts: list[str], vectorizers, word_bias: dict[str, float], prior: float) -> sparse.csr_matrix:
    word, char = vectorizers
    dense = np.array([_lexicon_features(t) + _word_bias_features(t, word_bias, prior) for t in texts])
    return sparse.hstack([word.transform(texts), char.transform(texts), sparse.csr_matrix(dense)]).tocsr()


def _lexicon_features(text: str) -> list[float]:
    terms = find_loaded(text, include_quoted=True)
    counts = [min(2.0, sum(t.category == c for t in terms)) for c in (*LEXICON_CATEGORIES, "scare_quote")]
    return [sentence_score(terms, text), max((t.weight for t in terms), default=0.0), *counts]


def _word_bias_features(text: str, word_bias: dict[str, float], prior: float) -> list[float]:
    import re

    # Rates relative to the prior, so that a file without marked words gives zeros.
    rates = sorted((word_bias.get(w, prior) - prior for w in re.findall(WORD, text.lower())), reverse=True)
    if not word_bias or not rates:
        return [0.0, 0.0, 0.0]
    return [4 * rates[0], 4 * float(np.mean(rates[:3])), min(3.0, sum(r > 0.25 for r in rates)) / 3]


def word_bias_rates(rows: list[LabeledSentence]) -> tuple[dict[str, float], float]:
    """Each word's smoothed rate of being marked biased where it occurs, and the overall rate.

    Empty when no row marks words.

    >>> rows = [LabeledSentence("a vile plan", 1, ("vile",)), LabeledSentence("a plan", 0, ())]
    >>> rates, prior = word_bias_rates(rows)
    >>> rates["vile"] > prior > rates["plan"]
    True
    """
    import re

    if not any(r.biased_words for r in rows):
        return {}, 0.0
    seen: dict[str, int] = {}
    marked: dict[str, int] = {}
    for row in rows:
        words = set(re.findall(WORD, row.text.lower()))
        flagged = {w.lower() for w in row.biased_words}
        for w in words:
            seen[w] = seen.get(w, 0) + 1
            marked[w] = marked.get(w, 0) + (w in flagged)
    prior = sum(marked.values()) / max(1, sum(seen.values()))
    a = WORD_BIAS_SMOOTHING
    return {w: (marked[w] + a * prior) / (n + a) for w, n in seen.items() if n >= 1}, prior


def _cross_fitted_bias(rows: list[LabeledSentence]) -> list[list[float]]:
    """Word-bias features of each row from rates learned on the other folds (no leak of its own marks)."""
    folds = np.random.default_rng(SEED).integers(0, FOLDS, len(rows))
    out: list[list[float]] = [[]] * len(rows)
    for k in range(FOLDS):
        rates, prior = word_bias_rates([r for r, f in zip(rows, folds) if f != k])
        for i in np.flatnonzero(folds == k):
            out[i] = _word_bias_features(rows[i].text, rates, prior)
    return out


# ------------------------------------------------------------------ training


def fit_framing(rows: list[LabeledSentence], tune_threshold: bool = True) -> FramingModel:
    """A model fitted on labeled sentences (the work of ``train_framing``, without files).

    Raises InputError when there are fewer than 4 rows of each class.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    _check_classes(rows)
    texts, labels = [r.text for r in rows], np.array([r.label for r in rows])
    word = TfidfVectorizer(**_fit_params(WORD_PARAMS, len(rows))).fit(texts)
    char = TfidfVectorizer(**_fit_params(CHAR_PARAMS, len(rows))).fit(texts)
    lexical = np.array([_lexicon_features(t) for t in texts])
    features = sparse.hstack([word.transform(texts), char.transform(texts),
                              sparse.csr_matrix(np.hstack([lexical, np.array(_cross_fitted_bias(rows))]))]).tocsr()
    classifier = _classifier().fit(features, labels)
    threshold = _tuned_threshold(features, labels) if tune_threshold else 0.5
    rates, prior = word_bias_rates(rows)
    return FramingModel(_plain(word.vocabulary_), _plain(char.vocabulary_), word.idf_, char.idf_, rates, prior,
                        classifier.coef_[0], float(classifier.intercept_[0]), threshold,
                        {"version": FORMAT_VERSION, "rows": len(rows), "biased": int(labels.sum())})


def _plain(vocabulary: dict) -> dict[str, int]:
    return {str(term): int(index) for term, index in vocabulary.items()}  # numpy ints do not go to JSON


def _fit_params(params: dict, rows: int) -> dict:
    # Tiny files (tests, a user's first try) cannot afford a minimum document frequency.
    return {**params, "min_df": 1} if rows < 100 else dict(params)


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, class_weight="balanced")


def _check_classes(rows: list[LabeledSentence]) -> None:
    positives = sum(r.label for r in rows)
    if positives < 4 or len(rows) - positives < 4:
        raise InputError(f"training needs at least 4 biased and 4 non-biased sentences; "
                         f"got {positives} biased and {len(rows) - positives} non-biased")


def _tuned_threshold(features: sparse.csr_matrix, labels: np.ndarray) -> float:
    """The cut maximising F1 over out-of-fold probabilities of the training rows."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=min(FOLDS, int(min(labels.sum(), len(labels) - labels.sum()))),
                            shuffle=True, random_state=SEED)
    scores = cross_val_predict(_classifier(), features, labels, cv=folds, method="predict_proba")[:, 1]
    return best_threshold(scores, labels)


def train_framing(data_path: Path, out_dir: Path) -> dict[str, Any]:
    """Train a scorer (and a span tagger when words or spans are marked) and write them to ``out_dir``.

    ``data_path`` is a labeled CSV or a folder of them, a JSONL file of ``text`` and
    ``spans``, or a BASIL-style folder (``framing.data.read_training_data``).
    Returns figures: rows, biased rows, threshold, the F1 of out-of-fold
    predictions at that threshold (``cv_f1``, an honest estimate) and, with a
    tagger, its marked tokens, cut and out-of-fold token F1.
    Raises InputError naming the file and row of a bad row, or an unreadable file.

    >>> # see the module example
    """
    rows = read_training_data(Path(data_path))
    model = fit_framing(rows)
    tagger, why_not = _span_tagger_of(rows)
    figures = {"rows": len(rows), "biased": model.meta["biased"], "threshold": model.threshold,
               "uses_biased_words": bool(model.word_bias), "cv_f1": _cv_f1(rows, model.threshold),
               "span_tagger": _tagger_figures(tagger) or {"skipped": why_not}}
    model = replace(model, meta={**model.meta, "figures": figures}, span_tagger=tagger)
    save_framing_model(model, Path(out_dir))
    return figures


def _span_tagger_of(rows: list[LabeledSentence]) -> tuple[SpanTagger | None, str]:
    """A tagger when the rows mark enough words, else None and the reason (training goes on without it)."""
    if not has_marks(rows):
        return None, "the data marks no words or spans"
    try:
        return fit_span_tagger(rows), ""
    except InputError as exc:
        return None, str(exc)


def _tagger_figures(tagger: SpanTagger | None) -> dict[str, Any] | None:
    if tagger is None:
        return None
    return {"marked_tokens": tagger.meta["marked_tokens"], "tokens": tagger.meta["tokens"],
            "threshold": tagger.threshold, "out_of_fold_token_f1": tagger.meta["out_of_fold_token_f1"]}


def _cv_f1(rows: list[LabeledSentence], threshold: float) -> float:
    labels = np.array([r.label for r in rows])
    folds = np.random.default_rng(SEED + 1).integers(0, FOLDS, len(rows))
    scores = np.zeros(len(rows))
    for k in range(FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        test = [r.text for r, f in zip(rows, folds) if f == k]
        if test:
            scores[folds == k] = fit_framing(train, tune_threshold=False).score(test)
    return round(f1_score(labels, scores >= threshold), 4)


# ------------------------------------------------------------------ files


def save_framing_model(model: FramingModel, out_dir: Path) -> None:
    """Write ``meta.json``, ``vocabulary.json`` and ``weights.npz`` into ``out_dir`` (created)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = {**model.meta, "version": FORMAT_VERSION, "threshold": model.threshold, "prior": model.prior,
            "intercept": model.intercept, "word_params": _jsonable(WORD_PARAMS), "char_params": _jsonable(CHAR_PARAMS)}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    vocabulary = {"word": model.word_vocabulary, "char": model.char_vocabulary, "word_bias": model.word_bias}
    (out_dir / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
    np.savez(out_dir / "weights.npz", word_idf=model.word_idf, char_idf=model.char_idf, coef=model.coef)
    if model.span_tagger is not None:
        save_span_tagger(model.span_tagger, out_dir)
    else:  # a tagger left by an earlier training into this folder must not come back with the new scorer
        remove_span_tagger(out_dir)


def _jsonable(params: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def load_framing_model(model_dir: Path) -> FramingModel:
    """The model saved in ``model_dir`` by ``train_framing``.

    Raises InputError naming the missing or corrupt file, or a format version this
    release does not read.

    >>> # see the module example
    """
    model_dir = Path(model_dir)
    meta = _read_json(model_dir / "meta.json")
    if meta.get("version") != FORMAT_VERSION:
        raise InputError(f"{model_dir / 'meta.json'}: model format version {meta.get('version')!r}; "
                         f"this Parallax reads version {FORMAT_VERSION} (train the model again)")
    vocabulary = _read_json(model_dir / "vocabulary.json")
    arrays = _read_weights(model_dir / "weights.npz")
    model = _assemble(model_dir, meta, vocabulary, arrays)
    tagger = load_span_tagger(model_dir)
    return replace(model, span_tagger=tagger)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"framing model file {path} is missing (is this a folder written by 'parallax train framing'?)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"framing model file {path} is corrupt: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"framing model file {path} is corrupt: expected a JSON object")
    return data


def _read_weights(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: np.asarray(data[k], dtype=float) for k in ("word_idf", "char_idf", "coef")}
    except FileNotFoundError:
        raise InputError(f"framing model file {path} is missing (is this a folder written by 'parallax train framing'?)") from None
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise InputError(f"framing model file {path} is corrupt: {exc}") from None


def _assemble(model_dir: Path, meta: dict, vocabulary: dict, arrays: dict[str, np.ndarray]) -> FramingModel:
    try:
        word, char = dict(vocabulary["word"]), dict(vocabulary["char"])
        width = len(word) + len(char) + len(_lexicon_features("")) + 3
        if arrays["coef"].shape != (width,) or arrays["word_idf"].shape != (len(word),) \
                or arrays["char_idf"].shape != (len(char),):
            raise ValueError("array sizes do not match the vocabularies")
        return FramingModel(word, char, arrays["word_idf"], arrays["char_idf"], dict(vocabulary["word_bias"]),
                            float(meta["prior"]), arrays["coef"], float(meta["intercept"]),
                            float(meta["threshold"]), meta)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"framing model in {model_dir} is corrupt (weights.npz / vocabulary.json / meta.json "
                         f"disagree): {exc}") from None
