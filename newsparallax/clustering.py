"""Story clustering: articles to stories, stories to topics, with no all-pairs step.

1. Each article is one sparse vector: its body-word, title-word and name
   TF-IDF sub-vectors side by side, each scaled by the square root of its
   weight, so that a dot product is the weighted mean of the sub-cosines.
2. Candidate pairs come from sparse matrix products in row blocks (an article
   meets only those sharing one of its heaviest terms: the blocking is the
   inverted index inside the product); each pair's similarity is damped by the
   gap between the days the two articles may be dated, and only the ``k``
   nearest neighbours above a floor are kept.
3. Average-linkage agglomerative clustering on that sparse graph: the two
   groups with the highest mean pairwise similarity merge, until it falls
   below the threshold (a missing pair counts as similarity 0).

The result depends only on the set of articles, never on their order.
Streaming (``stories.assign``) runs the same function on a new article and the
stories it comes close to, so the rest of the store is not reclustered.

Example:
    >>> texts = ["Port workers strike in Valencia over automation plans.",
    ...          "Valencia port strike enters second day as workers protest automation plans.",
    ...          "Earthquake kills twelve in Nagano prefecture."]
    >>> feats = [article_features(str(i), None, t, None) for i, t in enumerate(texts)]
    >>> sorted(len(group) for group in cluster(feats, StoryParams(threshold=0.2)))
    [1, 2]
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .storyfeatures import ArticleFeatures, article_features, tfidf  # noqa: F401 (article_features: doctest)

SPACES = ("body", "title", "names")


@dataclass(frozen=True)
class StoryParams:
    """The knobs of story clustering (defaults chosen on ECB+ and BASIL dev data, one setting for both)."""

    threshold: float = 0.30
    weights: tuple[float, float, float] = (0.45, 0.15, 0.40)  # body, title, names
    window_days: int = 3
    decay_days: float = 10.0
    max_features: int = 60
    neighbours: int = 25
    floor: float = 0.08
    block_rows: int = 2000
    topic_threshold: float = 0.15


class DocumentFrequencies:
    """How many articles contain each term, per space; IDF weights come from it."""

    def __init__(self, features: Iterable[ArticleFeatures] = ()) -> None:
        self.total = 0
        self.df: dict[str, Counter] = {s: Counter() for s in SPACES}
        for item in features:
            self.add(item)

    def add(self, item: ArticleFeatures) -> None:
        """Count one more article."""
        self.total += 1
        for space in SPACES:
            self.df[space].update(getattr(item, space).keys())

    def vector(self, item: ArticleFeatures, params: StoryParams) -> dict[tuple[str, str], float]:
        """The article's joint vector: sub-vectors scaled so that it has unit length."""
        parts = {s: tfidf(getattr(item, s), self.df[s], self.total, params.max_features) for s in SPACES}
        present = sum(w for s, w in zip(SPACES, params.weights) if parts[s])
        joint = {}
        for space, weight in zip(SPACES, params.weights):
            scale = math.sqrt(weight / present) if present else 0.0
            joint.update({(space, term): value * scale for term, value in parts[space].items()})
        return joint


# ---------------------------------------------------------------- the similarity graph


def similarity_graph(features: list[ArticleFeatures], params: StoryParams,
                     frequencies: DocumentFrequencies | None = None) -> dict[tuple[int, int], float]:
    """Time-damped similarities of each article with its nearest neighbours: {(i, j): s} with i < j."""
    frequencies = frequencies or DocumentFrequencies(features)
    matrix = _matrix([frequencies.vector(f, params) for f in features])
    starts = np.array([f.day_start if f.day_start is not None else -1 for f in features], dtype=np.int64)
    ends = np.array([f.day_end if f.day_end is not None else -1 for f in features], dtype=np.int64)
    edges: dict[tuple[int, int], float] = {}
    for first in range(0, matrix.shape[0], params.block_rows):
        block = (matrix[first:first + params.block_rows] @ matrix.T).tocoo()
        _keep_neighbours(block, first, starts, ends, params, edges)
    return edges


def _matrix(vectors: list[dict[tuple[str, str], float]]) -> sparse.csr_matrix:
    columns: dict[tuple[str, str], int] = {}
    rows, cols, values = [], [], []
    for row, vector in enumerate(vectors):
        for key, value in vector.items():
            rows.append(row)
            cols.append(columns.setdefault(key, len(columns)))
            values.append(value)
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(vectors), max(1, len(columns))))


def _keep_neighbours(block, first: int, starts, ends, params: StoryParams, edges: dict) -> None:
    rows, cols = block.row + first, block.col
    keep = rows != cols
    rows, cols = rows[keep], cols[keep]
    values = block.data[keep] * _time_factors(rows, cols, starts, ends, params)
    keep = values >= params.floor
    rows, cols, values = rows[keep], cols[keep], values[keep]
    order = np.lexsort((-values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    boundaries = np.flatnonzero(np.diff(rows)) + 1
    for segment in np.split(np.arange(len(rows)), boundaries):
        for index in segment[: params.neighbours]:
            i, j = int(rows[index]), int(cols[index])
            edges[(min(i, j), max(i, j))] = float(values[index])


def _time_factors(rows, cols, starts, ends, params: StoryParams):
    known = (starts[rows] >= 0) & (starts[cols] >= 0)
    gap = np.maximum(0, np.maximum(starts[rows] - ends[cols], starts[cols] - ends[rows]))
    factor = np.exp(-np.maximum(0, gap - params.window_days) / params.decay_days)
    return np.where(known, factor, 1.0)


# ---------------------------------------------------------------- average linkage on the graph


def average_linkage(count: int, edges: dict[tuple[int, int], float], threshold: float, ids: list[str]) -> list[list[int]]:
    """Groups of item indexes: merge the pair of groups with the highest mean similarity while it is >= threshold.

    Ties are broken by the items' ids, so the result does not depend on input order.
    """
    sizes = [1] * count
    links: list[dict[int, float]] = [dict() for _ in range(count)]
    for (i, j), value in edges.items():
        links[i][j] = links[j][i] = value
    heap = [(-value, ids[i], ids[j], i, j) for (i, j), value in edges.items() if value >= threshold]
    heapq.heapify(heap)
    alive = [True] * count
    members = [[i] for i in range(count)]
    while heap:
        negative, _, _, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or links[i].get(j) is None or -negative != links[i][j] / (sizes[i] * sizes[j]):
            continue
        _merge(i, j, sizes, links, alive, members, heap, threshold, ids)
    return [sorted(group) for index, group in enumerate(members) if alive[index]]


def _merge(i, j, sizes, links, alive, members, heap, threshold, ids) -> None:
    keep, gone = (i, j) if ids[members[i][0]] <= ids[members[j][0]] else (j, i)
    alive[gone] = False
    members[keep].extend(members[gone])
    members[gone] = []
    sizes[keep] += sizes[gone]
    links[keep].pop(gone, None)
    for other, total in links[gone].items():
        if other == keep:
            continue
        links[keep][other] = links[keep].get(other, 0.0) + total
        links[other].pop(gone, None)
        links[other][keep] = links[keep][other]
    links[gone] = {}
    for other, total in links[keep].items():
        mean = total / (sizes[keep] * sizes[other])
        if mean >= threshold:
            first, second = sorted((keep, other), key=lambda k: ids[members[k][0]])
            heapq.heappush(heap, (-mean, ids[members[first][0]], ids[members[second][0]], first, second))


def cluster(features: list[ArticleFeatures], params: StoryParams = StoryParams(),
            frequencies: DocumentFrequencies | None = None) -> list[list[str]]:
    """Group articles into stories; lists of article ids, each sorted, groups sorted by first id."""
    if not features:
        return []
    edges = similarity_graph(features, params, frequencies)
    ids = [f.article_id for f in features]
    groups = average_linkage(len(features), edges, params.threshold, ids)
    return sorted((sorted(ids[i] for i in group) for group in groups), key=lambda g: g[0])
