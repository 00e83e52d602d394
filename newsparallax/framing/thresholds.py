"""Choosing a cut on classifier scores: the F1 of a cut and the best cut among candidates.

The sentence scorer (``model``) and the span tagger (``spans``) both tune their
cut this way; it lives here so that neither imports the other for it (the
scorer imports the tagger to train one beside itself).

Example:
    >>> import numpy as np
    >>> f1_score(np.array([0, 1, 1]), np.array([False, True, False]))
    0.6666666666666666
"""

from __future__ import annotations

import numpy as np

SCORER_CUTS = np.round(np.arange(0.20, 0.81, 0.01), 2)


def best_threshold(scores: np.ndarray, labels: np.ndarray, cuts: np.ndarray = SCORER_CUTS) -> float:
    """The cut among ``cuts`` (default 0.20..0.80, step 0.01) with the best F1 of ``scores >= cut``
    (ties: nearest 0.5).

    >>> best_threshold(np.array([0.1, 0.4, 0.6, 0.9]), np.array([0, 0, 1, 1]))
    0.5
    """
    return float(max(cuts, key=lambda c: (f1_score(labels, scores >= c), -abs(c - 0.5))))


def f1_score(labels: np.ndarray, predicted: np.ndarray) -> float:
    """F1 of the positive class.

    >>> f1_score(np.array([1, 0]), np.array([True, True]))
    0.6666666666666666
    """
    tp = float(np.sum(predicted & (labels == 1)))
    denominator = float(np.sum(predicted)) + float(np.sum(labels == 1))
    return 2 * tp / denominator if denominator else 0.0
