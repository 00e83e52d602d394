"""A learned tagger of loaded spans, trained on sentences whose loaded words are marked.

The shipped detector (``framing.py``) finds the words of its lexicon and rules. A
user who has sentences with the loaded words marked — BABE's ``biased_words``, a
JSONL file of ``text`` and ``spans``, or a BASIL-style folder (see
``framing/data.py``) — can train a tagger of their own with ``parallax train
framing``: it is written into the model folder beside the sentence scorer and,
with ``--framing-model``, adds its spans (category ``learned``) to the lexicon's.

Each word token (``TOKEN``) is classified on its own by a logistic regression
over hashed features (no vocabulary to store): the word, its last three letters,
its neighbours, the lexicon's category and weight for a lexicon span covering
it, its VADER valence, whether it sits inside quotation marks, whether it is
capitalised, and how many loaded spans the lexicon finds in its sentence.
Positive tokens are weighted ``POSITIVE_WEIGHT`` times (they are rare: about 1 in
250 on BASIL) and the cut is the one with the best token F1 over out-of-fold
scores of the training sentences. Adjacent kept tokens make one span.

Files (plain data, never pickle): ``spans.json`` (format version, cut, figures)
and ``spans.npz`` (coefficients).

Example:
    >>> from newsparallax.framing.data import LabeledSentence
    >>> rows = [LabeledSentence(f"Officials blasted plan {i} on Monday.", 1, ("blasted",)) for i in range(30)]
    >>> rows += [LabeledSentence(f"Officials discussed plan {i} on Monday.", 0) for i in range(30)]
    >>> tagger = fit_span_tagger(rows)
    >>> tagger.spans("Critics blasted the plan.")
    [(8, 15)]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .detect import find_loaded
from .data import LabeledSentence
from .lexicon import Lexicon, load_lexicon
from .thresholds import best_threshold, f1_score  # the scorer's cut search

FORMAT_VERSION = 1
TOKEN = re.compile(r"\w+(?:['’]\w+)*")
QUOTED = re.compile(r"[“\"][^”\"]{1,400}[”\"]")
HASH_FEATURES = 2 ** 18
# Marked tokens are rare (BASIL: 0.4 %); weighting them up keeps the fit from
# predicting "never" while the cut, tuned out of fold, restores precision.
POSITIVE_WEIGHT = 20.0
C = 0.05  # strong regularisation: a few hundred marked tokens must not be memorised word by word
FOLDS = 5
SEED = 29
MIN_MARKED_TOKENS = 10
MIN_MARKED_SENTENCES = 2
CUTS = np.round(np.arange(0.05, 0.96, 0.025), 3)
FILES = ("spans.json", "spans.npz")


@dataclass(frozen=True)
class SpanTagger:
    """A fitted token classifier: ``spans`` gives the loaded spans of a text."""

    coef: np.ndarray
    intercept: float
    threshold: float
    meta: dict[str, Any]

    def token_scores(self, text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, float]]:
        """(start, end, probability of being loaded) for each word token of ``text``.

        ``lexicon`` is accepted for symmetry with the detector but not used: the
        features must come from the lexicon the tagger was trained with, the shipped one.
        """
        tokens = token_features(text)
        if not tokens:
            return []
        logits = _hash([f for _, _, f in tokens]) @ self.coef + self.intercept
        return [(s, e, float(p)) for (s, e, _), p in zip(tokens, 1.0 / (1.0 + np.exp(-logits)))]

    def spans(self, text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
        """Runs of adjacent tokens scoring at or above the cut, as (start, end) offsets.

        >>> # see the module example
        """
        return [(s, e) for s, e, _ in self.scored_spans(text, lexicon)]

    def scored_spans(self, text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, float]]:
        """``spans`` with the highest token probability of each span."""
        scored = [(s, e, p) for s, e, p in self.token_scores(text, lexicon) if p >= self.threshold]
        merged = merge_adjacent(text, [(s, e) for s, e, _ in scored])
        return [(s, e, max(p for a, b, p in scored if s <= a and b <= e)) for s, e in merged]


def merge_adjacent(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join tokens separated only by spaces or a hyphen into one span.

    >>> merge_adjacent("a doubled down move", [(2, 9), (10, 14)])
    [(2, 14)]
    """
    spans: list[list[int]] = []
    for start, end in tokens:
        if spans and re.fullmatch(r"[\s-]*", text[spans[-1][1]:start]):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(s, e) for s, e in spans]


# ------------------------------------------------------------------ features


def token_features(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, dict[str, float]]]:
    """Each word token of ``text`` with its feature dictionary (see the module docstring)."""
    lexicon = lexicon or load_lexicon()
    tokens = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text)]
    hits = find_loaded(text, lexicon, include_quoted=True)
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    context = {"sentence_loaded": min(len(hits), 4) / 4}
    return [(s, e, {**context, **_word_features(text, tokens, i, lexicon), **_span_features(s, e, hits, quoted)})
            for i, (s, e, _) in enumerate(tokens)]


def _word_features(text: str, tokens: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> dict[str, float]:
    start, _, word = tokens[i]
    valence = lexicon.sentiment.get(word, 0.0)
    features = {f"w={word}": 1.0, f"suffix={word[-3:]}": 1.0, "capital": float(text[start].isupper()),
                "valence": abs(valence) / 4, "negative": float(valence < 0), "long": float(len(word) > 7)}
    for offset, name in ((-1, "prev"), (1, "next")):
        j = i + offset
        features[f"{name}={tokens[j][2] if 0 <= j < len(tokens) else '<edge>'}"] = 1.0
    return features


def _span_features(start: int, end: int, hits: list, quoted: list[tuple[int, int]]) -> dict[str, float]:
    features = {"quoted": float(any(s <= start and end <= e for s, e in quoted))}
    for hit in hits:
        if hit.start < end and start < hit.end:
            features[f"lexicon={hit.category}"] = 1.0
            features["lexicon_weight"] = max(features.get("lexicon_weight", 0.0), hit.weight)
    return features


def _hash(feature_dicts: list[dict[str, float]]):
    from sklearn.feature_extraction import FeatureHasher

    # Hashing keeps the model a fixed-size array: nothing to store but coefficients.
    return FeatureHasher(n_features=HASH_FEATURES, alternate_sign=False).transform(feature_dicts)


# ------------------------------------------------------------------ labels


def marked_spans(row: LabeledSentence) -> list[tuple[int, int]]:
    """The marked spans of a row: its ``spans``, else each occurrence of its biased words.

    >>> marked_spans(LabeledSentence("A vile, vile plan.", 1, ("vile",)))
    [(2, 6), (8, 12)]
    """
    if row.spans:
        return list(row.spans)
    found = []
    for word in row.biased_words:
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in word.split()) + r"(?!\w)"
        found += [(m.start(), m.end()) for m in re.finditer(pattern, row.text, re.IGNORECASE)]
    return sorted(found)


def token_labels(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """1 for each word token overlapping a span, else 0 (the unit of token-level F1)."""
    return [int(any(s < m.end() and m.start() < e for s, e in spans)) for m in TOKEN.finditer(text)]


def has_marks(rows: list[LabeledSentence]) -> bool:
    """Whether any row marks loaded words or spans (else no tagger can be trained)."""
    return any(r.spans or r.biased_words for r in rows)


# ------------------------------------------------------------------ training


def fit_span_tagger(rows: list[LabeledSentence], tune_threshold: bool = True) -> SpanTagger:
    """A tagger fitted on rows with marked words or spans (rows without marks count as all-unloaded).

    Raises InputError when fewer than ``MIN_MARKED_TOKENS`` tokens are marked.
    """
    features, labels, groups = _training_tokens(rows)
    if labels.sum() < MIN_MARKED_TOKENS:
        raise InputError(f"a span tagger needs at least {MIN_MARKED_TOKENS} marked tokens; "
                         f"the data marks {int(labels.sum())} (give biased_words or spans)")
    marked_sentences = len(set(groups[labels == 1].tolist()))
    if tune_threshold and marked_sentences < MIN_MARKED_SENTENCES:
        raise InputError(f"a span tagger needs marks in at least {MIN_MARKED_SENTENCES} sentences to choose its cut "
                         f"out of fold; the data marks {marked_sentences}")
    classifier = _classifier().fit(features, labels)
    threshold, oof_f1 = _tuned_threshold(features, labels, groups) if tune_threshold else (0.5, None)
    meta = {"version": FORMAT_VERSION, "sentences": len(rows), "tokens": int(len(labels)),
            "marked_tokens": int(labels.sum()), "out_of_fold_token_f1": oof_f1}
    return SpanTagger(classifier.coef_[0], float(classifier.intercept_[0]), threshold, meta)


def _training_tokens(rows: list[LabeledSentence]):
    lexicon = load_lexicon()
    dicts, labels, groups = [], [], []
    for index, row in enumerate(rows):
        tokens = token_features(row.text, lexicon)
        dicts += [f for _, _, f in tokens]
        labels += token_labels(row.text, marked_spans(row))
        groups += [index] * len(tokens)
    return _hash(dicts), np.array(labels, dtype=int), np.array(groups)


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=3000, class_weight={0: 1.0, 1: POSITIVE_WEIGHT})


def _tuned_threshold(features, labels: np.ndarray, groups: np.ndarray) -> tuple[float, float]:
    """The cut with the best token F1 over out-of-fold probabilities (folds never split a
    sentence), and that F1 (a little optimistic: the cut is chosen on the same scores)."""
    from sklearn.model_selection import cross_val_predict

    folds = _sentence_folds(labels, groups)
    scores = cross_val_predict(_classifier(), features, labels, cv=folds, method="predict_proba")[:, 1]
    cut = best_threshold(scores, labels, CUTS)
    return cut, round(f1_score(labels, scores >= cut), 4)


def _sentence_folds(labels: np.ndarray, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) token indexes of up to ``FOLDS`` folds of whole sentences, the sentences with a
    mark dealt round first so that every training part holds marked tokens."""
    marked = list(dict.fromkeys(groups[labels == 1].tolist()))
    others = [g for g in dict.fromkeys(groups.tolist()) if g not in set(marked)]
    count = min(FOLDS, len(marked))
    fold_of = {g: i % count for i, g in enumerate(marked)} | {g: i % count for i, g in enumerate(others)}
    assignment = np.array([fold_of[g] for g in groups.tolist()])
    return [(np.flatnonzero(assignment != k), np.flatnonzero(assignment == k)) for k in range(count)]


# ------------------------------------------------------------------ files


def save_span_tagger(tagger: SpanTagger, out_dir: Path) -> None:
    """Write ``spans.json`` and ``spans.npz`` into ``out_dir`` (created)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = {**tagger.meta, "version": FORMAT_VERSION, "threshold": tagger.threshold, "intercept": tagger.intercept,
            "hash_features": HASH_FEATURES}
    (out_dir / FILES[0]).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    np.savez(out_dir / FILES[1], coef=tagger.coef)


def remove_span_tagger(out_dir: Path) -> None:
    """Delete a saved tagger's files from ``out_dir`` (nothing when there are none)."""
    for name in FILES:
        (Path(out_dir) / name).unlink(missing_ok=True)


def load_span_tagger(model_dir: Path) -> SpanTagger | None:
    """The tagger saved in ``model_dir``, or None when the folder holds none.

    Raises InputError naming a corrupt file or an unknown format version.
    """
    meta_path, weights_path = (Path(model_dir) / name for name in FILES)
    if not meta_path.exists():
        return None
    if not weights_path.exists():
        raise InputError(f"span tagger file {weights_path} is missing ({meta_path.name} is there: train the model again)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(weights_path, allow_pickle=False) as data:
            coef = np.asarray(data["coef"], dtype=float)
        return _checked(meta, coef, meta_path)
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise InputError(f"span tagger in {model_dir} is corrupt ({FILES[0]} / {FILES[1]}): {exc}") from None


def _checked(meta: dict, coef: np.ndarray, meta_path: Path) -> SpanTagger:
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: expected a JSON object, found {type(meta).__name__}")
    if meta.get("version") != FORMAT_VERSION:
        raise InputError(f"{meta_path}: span tagger format version {meta.get('version')!r}; "
                         f"this Parallax reads version {FORMAT_VERSION} (train the model again)")
    if coef.shape != (HASH_FEATURES,) or meta.get("hash_features") != HASH_FEATURES:
        raise ValueError(f"coefficients of shape {coef.shape}, expected ({HASH_FEATURES},)")
    return SpanTagger(coef, float(meta["intercept"]), float(meta["threshold"]), meta)
