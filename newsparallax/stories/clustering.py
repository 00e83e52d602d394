"""Story clustering: articles to stories, stories to topics, with no all-pairs step.

1. Each article is one sparse vector: its body-word, title-word and name
   TF-IDF sub-vectors side by side, each scaled by the square root of its
   weight, so that a dot product is the weighted mean of the sub-cosines.
2. Candidate pairs come from sparse matrix products in row blocks (an article
   meets only those sharing one of its heaviest terms: the blocking is the
   inverted index inside the product); each pair's similarity is damped by the
   gap between the days the two articles may be dated, and a little when only
   one of the two is dated.
3. Each article keeps its *close* neighbours: those at least ``relative``
   times as similar as its nearest one (at least ``min_neighbours`` of them,
   at most ``neighbours``). Two reports of one event are each other's nearest
   articles; a report of a similar event (the same kind of arrest, the same
   team, a year apart) is in the neighbourhood only when nothing closer is.
   The cut is relative, so a big story, whose articles all have many close
   neighbours, keeps many edges and holds together.
4. Average-linkage agglomerative clustering on that sparse graph: the two
   groups with the highest mean pairwise similarity merge, until it falls
   below the threshold (a missing pair counts as similarity 0).

Topics (``cluster_topics``) are the same clustering over stories, each story
as one long article, time ignored, cut at a lower threshold.

The result depends only on the set of articles, never on their order.
Streaming (``pipeline.place``, with ``placement.regroup``) runs the same function on a new article and the
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
from collections import Counter
from collections.abc import Iterable
from itertools import chain
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from ..records import FEATURE_SPACES, ArticleFeatures
from .features import article_features, tfidf  # noqa: F401 (article_features: doctest)

SPACES = FEATURE_SPACES
OPEN_END_ORDINAL = 3652059  # date(9999, 12, 31).toordinal(): the end of a range with no known end (stories.OPEN_END)


@dataclass(frozen=True)
class StoryParams:
    """The knobs of story clustering (defaults chosen on ECB+ and BASIL dev data, one setting for both).

    ``relative``, ``min_neighbours`` and ``neighbours`` choose each article's
    close neighbours (step 3 above); ``undated_factor`` damps a pair where
    only one article is dated; ``open_floor`` is the least damping past the
    start of an open-ended range; ``topic_threshold`` cuts topics.
    """

    threshold: float = 0.10
    weights: tuple[float, float, float] = (0.45, 0.15, 0.40)  # body, title, names
    window_days: int = 3
    decay_days: float = 10.0
    open_decay_days: float = 30.0
    open_floor: float = 0.7
    undated_factor: float = 0.9
    max_features: int = 60
    relative: float = 0.5
    min_neighbours: int = 6
    neighbours: int = 50
    floor: float = 0.10
    block_rows: int = 2000
    product_budget: int = 20_000_000
    topic_threshold: float = 0.08


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
    """Time-damped similarities of each article with its close neighbours: {(i, j): s} with i < j."""
    frequencies = frequencies or DocumentFrequencies(features)
    matrix = joint_matrix(features, frequencies, params)
    starts = np.array([f.day_start if f.day_start is not None else -1 for f in features], dtype=np.int64)
    ends = np.array([f.day_end if f.day_end is not None else -1 for f in features], dtype=np.int64)
    id_rank = np.argsort(np.argsort([f.article_id for f in features], kind="stable"))
    edges: dict[tuple[int, int], float] = {}
    transposed = matrix.T.tocsr()
    for first, last in _blocks(matrix, params):
        block = (matrix[first:last] @ transposed).tocoo()
        _keep_neighbours(block, first, (starts, ends, id_rank), params, edges)
    return edges


def _blocks(matrix: sparse.csr_matrix, params: StoryParams) -> Iterable[tuple[int, int]]:
    """Row ranges whose products stay within ``product_budget`` entries (bounded memory on dense topics).

    A row's product has at most as many entries as the document frequencies
    of its terms add up to; that bound decides where a block ends.
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    running = np.r_[0, np.cumsum(df[matrix.indices])]
    bound = running[matrix.indptr[1:]] - running[matrix.indptr[:-1]]
    first, total = 0, 0
    for row, cost in enumerate(bound.tolist()):
        if row > first and (row - first >= params.block_rows or total + cost > params.product_budget):
            yield first, row
            first, total = row, 0
        total += cost
    if first < matrix.shape[0]:
        yield first, matrix.shape[0]


def joint_matrix(features: list[ArticleFeatures], frequencies: DocumentFrequencies, params: StoryParams) -> sparse.csr_matrix:
    """The rows of ``DocumentFrequencies.vector`` for every article, bit for bit, built with numpy.

    Same columns order (sorted (space, term); unused terms leave empty
    columns, which changes no sum), same floats: the logs are ``math.log``
    of each distinct count and document frequency, and the products, the
    sequential norm sums and square roots are the same IEEE operations as in
    ``tfidf``; only the Python loop per term is gone.
    """
    parts = {space: _space_part(features, space, frequencies, params.max_features) for space in SPACES}
    present = np.zeros(len(features))
    for space, weight in zip(SPACES, params.weights):  # summed in this order, as ``vector`` does
        present = present + np.where(parts[space][3], weight, 0.0)
    rows, cols, values, offset = [], [], [], 0
    for space in sorted(SPACES):  # column order: sorted (space, term)
        row, col, value, _, width = parts[space]
        weight = params.weights[SPACES.index(space)]
        scale = np.sqrt(weight / np.where(present > 0, present, 1.0))
        rows.append(row), cols.append(col + offset), values.append(value * scale[row])
        offset += width
    matrix = sparse.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                               shape=(len(features), max(1, offset)))
    matrix.sort_indices()
    return matrix


def _space_part(features: list[ArticleFeatures], space: str, frequencies: DocumentFrequencies, limit: int):
    """One space's ``tfidf`` of every article: (rows, term ranks, unit weights, rows present, vocabulary size)."""
    counts_of = [getattr(item, space) for item in features]
    terms = list(chain.from_iterable(counts_of))  # C-level loops: no Python code per term
    ids = dict.fromkeys(terms)
    for number, term in enumerate(ids):
        ids[term] = number
    col = np.fromiter(map(ids.__getitem__, terms), dtype=np.int64, count=len(terms))
    count = np.fromiter(chain.from_iterable(c.values() for c in counts_of), dtype=np.int64, count=len(terms))
    length = np.fromiter(map(len, counts_of), dtype=np.int64, count=len(counts_of))
    vocabulary = list(ids)
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[np.argsort(np.array(vocabulary, dtype=object), kind="stable")] = np.arange(len(vocabulary))
    df = frequencies.df[space]
    weights = _mapped(count, lambda c: 1.0 + math.log(c)) * _mapped(
        np.array([df.get(t, 0) for t in vocabulary], dtype=np.int64), lambda d: math.log((1 + frequencies.total) / (1 + d)) + 1.0)[col]
    row, order = _kept_in_order(length, rank[col], weights, limit)
    kept = weights[order]
    return row, rank[col[order]], kept / _norms(row, kept, len(features)), length > 0, len(vocabulary)


def _mapped(values: np.ndarray, function) -> np.ndarray:
    """``function`` (a Python float function) of each value, computed once per distinct value."""
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([function(int(v)) for v in distinct], dtype=np.float64)[inverse] if len(values) else np.zeros(0)


def _kept_in_order(length: np.ndarray, term_rank: np.ndarray, weights: np.ndarray, limit: int):
    """The entries ``tfidf`` keeps, in its dict order: all of a short row as given; of a long row, the
    ``limit`` heaviest, heaviest first, ties by term. Returns (row of each, index of each)."""
    row = np.repeat(np.arange(len(length)), length)
    start = np.repeat(np.cumsum(length) - length, length)
    by_weight = np.lexsort((term_rank, -weights, row))
    place = np.empty(len(row), dtype=np.int64)
    place[by_weight] = np.arange(len(row)) - start[by_weight]
    long = (length > limit)[row]
    key = np.where(long, place, np.arange(len(row)) - start)
    order = np.lexsort((key, row))
    order = order[~long[order] | (place[order] < limit)]
    return row[order], order


def _norms(row: np.ndarray, weights: np.ndarray, count: int) -> np.ndarray:
    """Each entry's row norm, its squares summed one after the other in entry order (as ``sum`` does), 1 for 0."""
    if not len(row):
        return np.ones(0)
    start = np.searchsorted(row, row, side="left")
    position = np.arange(len(row)) - start
    squares = np.zeros((count, position.max() + 1))
    squares[row, position] = weights * weights
    total = np.zeros(count)
    for column in range(squares.shape[1]):
        total = total + squares[:, column]
    norm = np.sqrt(total)
    return np.where(norm > 0, norm, 1.0)[row]


def _keep_neighbours(block, first: int, items, params: StoryParams, edges: dict) -> None:
    """Add each row's close neighbours (after time damping) to ``edges``; ``items`` = (starts, ends, id ranks)."""
    starts, ends, id_rank = items
    rows, cols, values = block.row + first, block.col, block.data
    keep = (rows != cols) & (values >= params.floor)  # damping only lowers a value: drop early
    rows, cols, values = rows[keep], cols[keep], values[keep]
    values = values * _time_factors(rows, cols, starts, ends, params)
    keep = values >= params.floor
    rows, cols, values = rows[keep], cols[keep], values[keep]
    order = np.lexsort((id_rank[cols], -values, rows))  # by row, most similar first, ties by id (not input order)
    rows, cols, values = rows[order], cols[order], values[order]
    chosen = _close_mask(rows, values, params)
    for i, j, value in zip(rows[chosen].tolist(), cols[chosen].tolist(), values[chosen].tolist()):
        edges[(i, j) if i < j else (j, i)] = value


def _close_mask(rows, values, params: StoryParams):
    """Which entries (sorted by row, then by decreasing value) are close neighbours of their row.

    A row keeps the neighbours at least ``relative`` times as similar as its
    nearest one, but no fewer than ``min_neighbours`` and no more than ``neighbours``.
    """
    if not len(rows):
        return np.zeros(0, dtype=bool)
    first = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    lengths = np.diff(np.r_[first, len(rows)])
    rank = np.arange(len(rows)) - np.repeat(first, lengths)
    if not params.relative:
        return rank < params.neighbours
    close = values >= params.relative * np.repeat(values[first], lengths)
    kept = np.clip(np.add.reduceat(close.astype(np.int64), first), params.min_neighbours, params.neighbours)
    return rank < np.repeat(kept, lengths)


def _time_factors(rows, cols, starts, ends, params: StoryParams):
    """Damping by the gap in days; a pair where only one side is dated is damped by ``undated_factor``.

    A dated pair in the same window has its time confirmed; with one side
    undated the time cannot be checked, so the words must agree a little more
    (an undated report of last year's similar event must not join this
    year's story on the words alone). With neither side dated nothing tells
    pairs apart, and a factor would only move the threshold.
    """
    first_known, second_known = starts[rows] >= 0, starts[cols] >= 0
    gap = np.maximum(0, np.maximum(starts[rows] - ends[cols], starts[cols] - ends[rows]))
    factor = np.exp(-np.maximum(0, gap - params.window_days) / params.decay_days) * _open_factors(rows, cols, starts, ends, params)
    one_known = np.where(first_known | second_known, params.undated_factor, 1.0)
    return np.where(first_known & second_known, factor, one_known)


def _open_factors(rows, cols, starts, ends, params: StoryParams):
    """A gentle damping past the start of a range open at the end ("after June 3, 2025").

    Such a range holds any later day, but an article that names dates and
    nothing after them was mostly written soon after the last one: a pair far
    beyond that start is damped ``open_decay_days`` at a time (three times
    slower than a known gap), never below ``open_floor``: the last date an
    article names is often background (ECB+ reports recall events of
    earlier years), so far beyond it the range says little more than no date.
    """
    open_row, open_col = ends[rows] >= OPEN_END_ORDINAL, ends[cols] >= OPEN_END_ORDINAL
    beyond = np.maximum(np.where(open_row, starts[cols] - starts[rows], 0), np.where(open_col, starts[rows] - starts[cols], 0))
    return np.maximum(params.open_floor, np.exp(-np.maximum(0, beyond - params.window_days) / params.open_decay_days))


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


# ---------------------------------------------------------------- topics


def cluster_topics(stories: list[list[ArticleFeatures]], params: StoryParams = StoryParams()) -> list[list[int]]:
    """Group stories (by index) into topics: related stories over time, such as a strike and the deal that ends it.

    Each story is one long article (its members' counts summed, no date),
    clustered at ``topic_threshold``: a topic may span years. Document
    frequencies are counted over stories, so a term found in every story of a
    large topic stays informative. Groups of indexes, each sorted, sorted by
    first index; the grouping does not depend on the stories' order.

    Example:
        >>> strike = [article_features("a", None, "Valencia port workers strike over automation.", ("2023-05-01", None))]
        >>> deal = [article_features("b", None, "Valencia port workers end strike after automation deal.", ("2023-06-20", None))]
        >>> quake = [article_features("c", None, "Earthquake kills twelve in Nagano prefecture.", ("2023-05-02", None))]
        >>> cluster_topics([strike, deal, quake], StoryParams())
        [[0, 1], [2]]
    """
    merged = [_merged(members) for members in stories]
    # The stories of a topic are less alike than the reports of one event: every
    # neighbour counts (no relative cut), and no edge the threshold would accept is dropped.
    topic_params = replace(params, threshold=params.topic_threshold, floor=min(params.floor, params.topic_threshold),
                           relative=0.0)
    groups = cluster(merged, topic_params)
    index = {item.article_id: number for number, item in enumerate(merged)}
    return sorted(sorted(index[key] for key in group) for group in groups)


def _merged(members: list[ArticleFeatures]) -> ArticleFeatures:
    """A story as one undated article, named after its first member (a name that does not depend on order).

    Counts are summed with numpy, terms kept in the order of their first
    occurrence (as ``Counter.update`` member after member would leave them).
    """
    name = min((m.article_id for m in members), default="")
    return ArticleFeatures(name, *(_summed([getattr(m, space) for m in members]) for space in SPACES), None, None)


def _summed(counts: list[dict[str, int]]) -> dict[str, int]:
    if len(counts) == 1:
        return dict(counts[0])
    terms = list(chain.from_iterable(counts))
    ids = dict.fromkeys(terms)
    for number, term in enumerate(ids):
        ids[term] = number
    totals = np.zeros(len(ids), dtype=np.int64)
    np.add.at(totals, np.fromiter(map(ids.__getitem__, terms), dtype=np.int64, count=len(terms)),
              np.fromiter(chain.from_iterable(c.values() for c in counts), dtype=np.int64, count=len(terms)))
    return dict(zip(ids, totals.tolist()))
