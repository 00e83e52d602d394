"""Story clustering against gold events: ECB+ sub-topics and BASIL triplets.

Prints B-cubed precision, recall, F1 and V-measure for our clustering and, in
the same run, for the reference baseline: sublinear TF-IDF of the text, cosine
distance, average-linkage agglomerative clustering cut at a distance threshold
(0.80 unless ``--baseline-threshold``). Also, as a guard against tuning to one
half of the data, our B-cubed F1 on two halves clustered separately (odd and
even ECB+ topics; odd and even BASIL triplets in their sorted order), the
seconds each clustering took, and, for topics, ECB+ topics (two similar events
each) against ``cluster_topics`` over our stories.

With ``--language`` a third row, "ours+language", measures the path
``parallax ingest`` takes: every document annotated by the language layer
(ECB+ documents keep their date line as DCT, BASIL its dates; the rest are
dated from their text), undated ones dated again by the others
(``language.redated_estimates`` over the whole set, re-annotated with the new
estimate as ``pipeline.redate`` does), and features from ``stories.features_of``
(resolved names, "@" month and week terms, inferred DCT ranges). It parses
every document with spaCy: minutes, hence off by default.

Run: ``python -m newsparallax.evaluation.stories --data ../shared/eval [--language]``
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..stories.clustering import StoryParams, cluster, cluster_topics
from .datasets import load_basil, load_ecbplus
from ..stories.features import ArticleFeatures, article_features
from .metrics import bcubed, v_measure

GOALS = {"ecbplus": 0.90, "basil": 0.97}
BASELINE_REFERENCE = {"ecbplus": 0.87, "basil": "0.94-0.96"}


@dataclass(frozen=True)
class Labeled:
    """One article of an evaluation set with its gold event (``topic``: the gold group of related events, if known)."""

    article_id: str
    title: str | None
    text: str
    date: str | None
    gold: str
    topic: str | None = None


def ecbplus_articles(data: Path) -> list[Labeled]:
    """ECB+ documents; gold = sub-topic (two similar events per topic)."""
    return [Labeled(d.doc_id, None, d.text, d.date, d.subtopic, d.topic) for d in load_ecbplus(data / "ecbplus")]


def basil_articles(data: Path) -> list[Labeled]:
    """BASIL articles; gold = the triplet (one event covered by three outlets)."""
    return [Labeled(a.article_id, a.title, a.text, a.date, a.triplet) for a in load_basil(data / "basil")]


LOADERS = {"ecbplus": ecbplus_articles, "basil": basil_articles}


def features_of(articles: list[Labeled]) -> list[ArticleFeatures]:
    """Features without the language layer: capitalised words as names, the metadata date alone."""
    return [article_features(a.article_id, a.title, a.text, (a.date, a.date) if a.date else None) for a in articles]


def annotate_set(articles: list[Labeled], nlp=None) -> list:
    """The language layer's ``Annotated`` of every article, as a store holds them after ``pipeline.redate``.

    A document with a date keeps it as DCT; the others are dated from their
    text, then again with the years the whole set gives their events (only
    the re-dated ones are parsed a second time, as ``pipeline.redate`` does).
    """
    from ..language.annotate import annotate_doc, annotate_texts, redated_estimates
    from ..language.nlp import load_nlp

    nlp = nlp or load_nlp()
    annotated = list(annotate_texts(((a.article_id, a.text, a.date, False) for a in articles), nlp=nlp))
    estimates = redated_estimates(annotated)
    changed = [i for i, item in enumerate(annotated) if item.article_id in estimates]
    docs = nlp.pipe(annotated[i].text for i in changed)
    for i, doc in zip(changed, docs):
        annotated[i] = annotate_doc(doc, annotated[i].article_id, None, True, estimate=estimates[annotated[i].article_id])
    return annotated


def language_features_of(articles: list[Labeled], annotated: list) -> list[ArticleFeatures]:
    """Features as ``parallax ingest`` stores them: ``stories.features_of`` with each stored annotation."""
    from ..records import Article, DateEstimate
    from ..stories.placement import features_of as stored_features

    by_id = {item.article_id: item.to_dict() for item in annotated}
    return [stored_features(Article(a.article_id, "eval", "text", a.text, title=a.title,
                                    published=DateEstimate(a.date, False) if a.date else DateEstimate(None, True)),
                            by_id[a.article_id]) for a in articles]


def score(articles: list[Labeled], groups: list[list[str]]) -> dict[str, float]:
    """B-cubed P/R/F1 and V-measure of a grouping against the gold events."""
    gold = {a.article_id: a.gold for a in articles}
    system = {article_id: number for number, group in enumerate(groups) for article_id in group}
    precision, recall, f1 = bcubed(gold, system)
    return {"bcubed_p": precision, "bcubed_r": recall, "bcubed_f1": f1, "v_measure": v_measure(gold, system)}


def halves(articles: list[Labeled]) -> tuple[list[Labeled], list[Labeled]]:
    """The articles of the even- and odd-numbered gold topics (events without topics), in sorted order, for a split check.

    Example:
        >>> items = [Labeled(str(i), None, "", None, g) for i, g in enumerate("abcab")]
        >>> [[a.gold for a in half] for half in halves(items)]
        [['a', 'c', 'a'], ['b', 'b']]
    """
    topics = sorted({a.topic or a.gold for a in articles}, key=_natural)
    parity = {topic: index % 2 for index, topic in enumerate(topics)}
    return ([a for a in articles if parity[a.topic or a.gold] == 0],
            [a for a in articles if parity[a.topic or a.gold] == 1])


def _natural(key: str) -> tuple:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


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


def topic_score(articles: list[Labeled], features: list[ArticleFeatures], groups: list[list[str]],
                params: StoryParams) -> float | None:
    """B-cubed F1, over articles, of the topics ``cluster_topics`` makes of our stories against the gold topics."""
    if any(a.topic is None for a in articles):
        return None
    by_id = {f.article_id: f for f in features}
    topics = cluster_topics([[by_id[a] for a in group] for group in groups], params)
    system = {a: number for number, members in enumerate(topics) for index in members for a in groups[index]}
    return bcubed({a.article_id: a.topic for a in articles}, system)[2]


def clustered(articles: list[Labeled], features: list[ArticleFeatures], params: StoryParams) -> dict:
    """Scores of our clustering of ``features``, with its seconds, topics and the split halves' B-cubed F1."""
    started = time.perf_counter()
    groups = cluster(features, params)
    ours = score(articles, groups)
    ours["seconds"] = time.perf_counter() - started
    ours["topics_f1"] = topic_score(articles, features, groups, params)
    by_id = {f.article_id: f for f in features}
    ours["halves_f1"] = tuple(score(half, cluster([by_id[a.article_id] for a in half], params))["bcubed_f1"]
                              for half in halves(articles))
    return ours


def evaluate_set(articles: list[Labeled], params: StoryParams = StoryParams(), baseline_threshold: float = 0.80,
                 annotated: list | None = None) -> dict:
    """Our clustering and the baseline on one evaluation set; with ``annotated``, also "ours+language"."""
    result = {"articles": len(articles), "ours": clustered(articles, features_of(articles), params),
              "baseline": score(articles, baseline(articles, baseline_threshold))}
    if annotated is not None:
        result["ours+language"] = clustered(articles, language_features_of(articles, annotated), params)
    return result


def evaluate_stories(data: Path, params: StoryParams = StoryParams(), baseline_threshold: float = 0.80,
                     language: bool = False) -> dict:
    """Our clustering and the baseline on both sets: {set: {"ours": scores, "baseline": scores}}.

    With ``language``, each set is annotated first (``annotate_set``) and
    "ours+language" scores the features ``parallax ingest`` stores.
    """
    results = {}
    for name, loader in LOADERS.items():
        articles = loader(data)
        annotated = annotate_set(articles) if language else None
        results[name] = evaluate_set(articles, params, baseline_threshold, annotated)
    return results


SYSTEMS = ("ours", "baseline", "ours+language")


def result_lines(results: dict) -> list[str]:
    """One line per set and system (those present), then ours' and ours+language's halves, seconds and topics."""
    lines = []
    for name, result in results.items():
        for system in (s for s in SYSTEMS if s in result):
            figures = result[system]
            lines.append(f"{name:8} {system:13} B3 P {figures['bcubed_p']:.3f}  R {figures['bcubed_r']:.3f}  "
                         f"F1 {figures['bcubed_f1']:.3f}  V {figures['v_measure']:.3f}")
        for system in (s for s in SYSTEMS if s in result and s != "baseline"):
            figures = result[system]
            even, odd = figures["halves_f1"]
            lines.append(f"{name:8} {system:13} {result['articles']} articles in {figures['seconds']:.2f} s; "
                         f"halves (even / odd topics) B3 F1 {even:.3f} / {odd:.3f}; topics B3 F1 {_figure(figures['topics_f1'])}")
        lines.append(f"{name:8} goal B3 F1 >= {GOALS[name]}; reference baseline on held-out data {BASELINE_REFERENCE[name]}")
    return lines


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--baseline-threshold", type=float, default=0.80)
    parser.add_argument("--language", action="store_true", help="also score the language layer's features (spaCy: minutes)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    params = StoryParams()
    print(f"setting: {params}")
    print("\n".join(result_lines(evaluate_stories(args.data, params, args.baseline_threshold, args.language))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
