"""Story clustering against gold events: ECB+ sub-topics and BASIL triplets.

Prints B-cubed precision, recall, F1 and V-measure for our clustering and, in
the same run, for the reference baseline: sublinear TF-IDF of the text, cosine
distance, average-linkage agglomerative clustering cut at a distance threshold
(0.80 unless ``--baseline-threshold``).

Run: ``python -m newsparallax.evaluation.stories --data ../shared/eval``
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..clustering import StoryParams, cluster
from ..datasets import load_basil, load_ecbplus
from ..storyfeatures import ArticleFeatures, article_features
from .metrics import bcubed, v_measure

GOALS = {"ecbplus": 0.90, "basil": 0.97}
BASELINE_REFERENCE = {"ecbplus": 0.87, "basil": "0.94-0.96"}


@dataclass(frozen=True)
class Labeled:
    """One article of an evaluation set with its gold event."""

    article_id: str
    title: str | None
    text: str
    date: str | None
    gold: str


def ecbplus_articles(data: Path) -> list[Labeled]:
    """ECB+ documents; gold = sub-topic (two similar events per topic)."""
    return [Labeled(d.doc_id, None, d.text, d.date, d.subtopic) for d in load_ecbplus(data / "ecbplus")]


def basil_articles(data: Path) -> list[Labeled]:
    """BASIL articles; gold = the triplet (one event covered by three outlets)."""
    return [Labeled(a.article_id, a.title, a.text, a.date, a.triplet) for a in load_basil(data / "basil")]


def features_of(articles: list[Labeled]) -> list[ArticleFeatures]:
    return [article_features(a.article_id, a.title, a.text, (a.date, a.date) if a.date else None) for a in articles]


def score(articles: list[Labeled], groups: list[list[str]]) -> dict[str, float]:
    """B-cubed P/R/F1 and V-measure of a grouping against the gold events."""
    gold = {a.article_id: a.gold for a in articles}
    system = {article_id: number for number, group in enumerate(groups) for article_id in group}
    precision, recall, f1 = bcubed(gold, system)
    return {"bcubed_p": precision, "bcubed_r": recall, "bcubed_f1": f1, "v_measure": v_measure(gold, system)}


def baseline(articles: list[Labeled], threshold: float = 0.80) -> list[list[str]]:
    """TF-IDF (sublinear) + cosine + average-linkage agglomerative clustering cut at ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles]).toarray()
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=threshold).fit_predict(matrix)
    groups: dict[int, list[str]] = {}
    for article, label in zip(articles, labels):
        groups.setdefault(int(label), []).append(article.article_id)
    return list(groups.values())


def evaluate_stories(data: Path, params: StoryParams = StoryParams(), baseline_threshold: float = 0.80) -> dict:
    """Our clustering and the baseline on both sets: {set: {"ours": scores, "baseline": scores}}."""
    results = {}
    for name, loader in (("ecbplus", ecbplus_articles), ("basil", basil_articles)):
        articles = loader(data)
        started = time.perf_counter()
        ours = score(articles, cluster(features_of(articles), params))
        ours["seconds"] = time.perf_counter() - started
        results[name] = {"articles": len(articles), "ours": ours, "baseline": score(articles, baseline(articles, baseline_threshold))}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--baseline-threshold", type=float, default=0.80)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    for name, result in evaluate_stories(args.data, StoryParams(), args.baseline_threshold).items():
        for system in ("ours", "baseline"):
            figures = result[system]
            print(f"{name:8} {system:9} B3 P {figures['bcubed_p']:.3f}  R {figures['bcubed_r']:.3f}  "
                  f"F1 {figures['bcubed_f1']:.3f}  V {figures['v_measure']:.3f}")
        print(f"{name:8} goal B3 F1 >= {GOALS[name]}; reference baseline on held-out data {BASELINE_REFERENCE[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
