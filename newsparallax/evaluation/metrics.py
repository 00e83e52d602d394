"""Clustering and coreference scores: B-cubed, MUC, CEAF-e, CoNLL F1, V-measure.

Clusterings are dicts from item to cluster label. For coreference, items are
mentions; an item missing from one side counts as its own singleton there,
so a system that finds fewer mentions is not rewarded (as in the CoNLL
scorer when mentions are predicted).

Example:
    >>> gold = {"a": 1, "b": 1, "c": 2}
    >>> bcubed(gold, {"a": "x", "b": "y", "c": "y"})
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Clustering = Mapping[Hashable, Hashable]


def clusters_of(assignment: Clustering) -> list[set]:
    """The clusters (sets of items) of an item → label mapping."""
    groups: dict[Hashable, set] = defaultdict(set)
    for item, label in assignment.items():
        groups[label].add(item)
    return list(groups.values())


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0).

    >>> f1(0.5, 1.0) == 2 / 3
    True
    """
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 when ``whole`` is 0 (a precision with nothing predicted, a recall with nothing to find)."""
    return part / whole if whole else 0.0


def bcubed(gold: Clustering, system: Clustering) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items of ``gold`` (missing system items are singletons)."""
    gold_sets = {item: cluster for cluster in clusters_of(gold) for item in cluster}
    system_sets = {item: cluster for cluster in clusters_of(system) for item in cluster}
    precision = recall = 0.0
    items = list(gold)
    known = set(gold)  # once: a set per item made this quadratic (hours at 100k items)
    for item in items:
        mine = system_sets.get(item, {item}) & known
        truth = gold_sets[item]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, f1(precision, recall)


def muc(gold: Clustering, system: Clustering) -> tuple[float, float, float]:
    """MUC link-based precision, recall and F1."""
    def score(keys: list[set], responses: Clustering) -> float:
        numerator = denominator = 0
        for cluster in keys:
            parts = {responses.get(item, ("singleton", item)) for item in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    recall = score(clusters_of(gold), system)
    precision = score(clusters_of(system), gold)
    return precision, recall, f1(precision, recall)


def ceafe(gold: Clustering, system: Clustering) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4 similarity, optimal one-to-one alignment)."""
    keys, responses = clusters_of(gold), clusters_of(system)
    if not keys or not responses:
        return 0.0, 0.0, 0.0
    similarity = np.zeros((len(keys), len(responses)))
    for i, key in enumerate(keys):
        for j, response in enumerate(responses):
            common = len(key & response)
            if common:
                similarity[i, j] = 2 * common / (len(key) + len(response))
    rows, cols = linear_sum_assignment(-similarity)
    total = float(similarity[rows, cols].sum())
    precision, recall = total / len(responses), total / len(keys)
    return precision, recall, f1(precision, recall)


def conll_f1(gold: Clustering, system: Clustering) -> float:
    """The CoNLL score: the mean of MUC, B-cubed and CEAF-e F1."""
    return (muc(gold, system)[2] + bcubed(gold, system)[2] + ceafe(gold, system)[2]) / 3


def v_measure(gold: Clustering, system: Clustering) -> float:
    """V-measure (harmonic mean of homogeneity and completeness), via scikit-learn."""
    from sklearn.metrics import v_measure_score

    items = list(gold)
    return float(v_measure_score([gold[i] for i in items], [system.get(i, ("singleton", i)) for i in items]))
