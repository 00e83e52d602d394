"""Claim alignment on ECB+: do the engine's claim groups join the sentences that report one event?

The measurement of issue 12, point 6. What is measured, exactly:

* **Topics and documents.** Each ECB+ topic is one pile: the documents of both
  sub-topics (``1_ecb`` and ``1_plus``) are fed together, as a user would feed
  a pile. Texts are ``load_ecbplus``'s (``datasets.detokenize``, one sentence a
  line, the URL and publication-date lines lifted out).
* **Sentences.** The validated sentences of ``ECBplus_coreference_sentences.csv``
  (``EcbDocument.coref_sentences``), each located in the text from its tokens'
  offsets. A validated sentence with no offsets (a lifted date line) is left
  out of everything.
* **Gold.** Event chains are the ``CROSS_DOC_COREF`` chains whose id (the
  relation's ``note``, equal to the target's ``instance_id``: what
  ``EcbMention.cluster`` holds) starts with ``ACT`` or ``NEG``. A sentence is
  in a chain when one of the chain's source mentions has a token in it. Two
  validated sentences of *different documents of the same topic* are
  gold-aligned when they share a chain.
* **Universe.** Every cross-document pair of validated sentences of a topic,
  whatever their chains; pairs never cross topics.
* **Engine.** All documents go through ``annotate_texts`` in one spaCy pass
  (no DCT: inferred from the text, as for an undated upload); per topic,
  ``resolve`` runs across the topic's documents, then ``claims_with_entities``
  and ``align_claims`` over *all the topic's documents as one story* (what a
  user gets when the pile is one story; ``report.build.story_claims`` with
  the whole topic). A claim maps to the validated sentences its span
  overlaps. Two sentences are engine-aligned when one group holds a claim from
  each, from articles whose status in that group is not ``omits``. A sentence
  no claim overlaps is aligned with nothing.
* **Baselines, same run.** ``every_pair`` aligns every pair of the universe
  (recall 1.0). ``tfidf`` fits scikit-learn's ``TfidfVectorizer``
  (``sublinear_tf``, English stop words) on each topic's validated sentences
  and aligns a pair when the cosine is at least a threshold; the threshold
  (0.01 to 0.99 in steps of 0.01, ties to the lowest) maximises F1 on the
  tune half and is reported on the held half.
* **Halves.** Topics in numeric order; the first half (the first
  ``ceil(n / 2)``: topics 1-19 of the 33 dev topics) tunes, the rest is held.
* **Scores.** Pairwise precision, recall and F1, micro-averaged: pair counts
  pooled over the topics of a half (or of all topics).

Example:
    >>> gold = {("a", 1, "b", 1), ("a", 1, "b", 2)}
    >>> pair_scores(gold, {("a", 1, "b", 1), ("a", 2, "b", 2)}, universe=6)
    {'precision': 0.5, 'recall': 0.5, 'f1': 0.5, 'gold': 2, 'predicted': 2, 'correct': 1, 'pairs': 6}

Run: ``python -m newsparallax.evaluation.align --data ../shared/eval/ecbplus [--topics N] [--json]``
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .datasets import EcbDocument, load_ecbplus
from .metrics import f1, ratio

EVENT_CHAINS = ("ACT", "NEG")  # ACTION_* and NEG_ACTION_* chains; HUM, LOC, TIM, NON are participants
THRESHOLDS = tuple(round(0.01 * n, 2) for n in range(1, 100))
SYSTEMS = ("every_pair", "tfidf", "parallax")
HALVES = ("tune", "held", "all")
REFERENCE = ("issue 12 on held-out topics: every pair F1 0.51, TF-IDF cosine 0.58, "
             "Parallax 0.06 (P 0.95, R 0.03; 31 of 1,718 claim groups hold two or more documents)")
GOAL = "goal on held-out topics: Parallax F1 >= 0.75 with precision > 0.80"

Sentence = tuple[str, int]  # (document id, ECB+ sentence number)
Pair = tuple[str, int, str, int]  # two sentences of different documents, the smaller first


@dataclass
class Topic:
    """The validated sentences of one ECB+ topic: where each is in its text, and its event chains."""

    name: str
    documents: list[EcbDocument]
    spans: dict[Sentence, tuple[int, int]] = field(default_factory=dict)
    chains: dict[Sentence, set[str]] = field(default_factory=dict)


# ---------------------------------------------------------------- gold


def sentence_spans(document: EcbDocument) -> dict[int, tuple[int, int]]:
    """(start, end) in ``document.text`` of each validated sentence that is in the text."""
    spans: dict[int, tuple[int, int]] = {}
    validated = set(document.coref_sentences)
    for token in document.tokens:
        if token.sentence in validated and token.start is not None:
            start, end = spans.get(token.sentence, (token.start, token.end))
            spans[token.sentence] = (min(start, token.start), max(end, token.end))
    return spans


def event_chains(document: EcbDocument) -> dict[int, set[str]]:
    """Sentence number -> the cross-document event chains with a mention token in it."""
    sentence_of = {token.t_id: token.sentence for token in document.tokens}
    chains: dict[int, set[str]] = defaultdict(set)
    for mention in document.mentions:
        if mention.cluster and mention.cluster.startswith(EVENT_CHAINS):
            for t_id in mention.token_ids:
                chains[sentence_of[t_id]].add(mention.cluster)
    return chains


def topics_of(documents: Iterable[EcbDocument]) -> list[Topic]:
    """The documents grouped by topic (numeric order), with their validated sentences' spans and chains."""
    topics: dict[str, Topic] = {}
    for document in documents:
        topic = topics.setdefault(document.topic, Topic(document.topic, []))
        topic.documents.append(document)
        chains = event_chains(document)
        for number, span in sentence_spans(document).items():
            topic.spans[document.doc_id, number] = span
            topic.chains[document.doc_id, number] = chains.get(number, set())
    return sorted(topics.values(), key=lambda t: (int(t.name), t.name) if t.name.isdigit() else (math.inf, t.name))


def pair(a: Sentence, b: Sentence) -> Pair:
    """The pair's key, the smaller sentence first.

    >>> pair(("b", 2), ("a", 5))
    ('a', 5, 'b', 2)
    """
    first, second = sorted((a, b))
    return (*first, *second)


def cross_pairs(sentences: Iterable[Sentence]) -> list[Pair]:
    """Every pair of the sentences from different documents.

    >>> cross_pairs([("a", 1), ("a", 2), ("b", 1)])
    [('a', 1, 'b', 1), ('a', 2, 'b', 1)]
    """
    return [pair(a, b) for a, b in combinations(sorted(sentences), 2) if a[0] != b[0]]


def gold_pairs(chains: dict[Sentence, set[str]]) -> set[Pair]:
    """The cross-document pairs that share an event chain.

    >>> sorted(gold_pairs({("a", 1): {"ACT1"}, ("b", 3): {"ACT1", "ACT2"}, ("b", 4): set(), ("c", 1): {"ACT2"}}))
    [('a', 1, 'b', 3), ('b', 3, 'c', 1)]
    """
    by_chain: dict[str, list[Sentence]] = defaultdict(list)
    for sentence, names in chains.items():
        for name in names:
            by_chain[name].append(sentence)
    return {p for members in by_chain.values() for p in cross_pairs(members)}


# ---------------------------------------------------------------- scoring


def pair_scores(gold: set[Pair], predicted: set[Pair], universe: int) -> dict:
    """Pairwise precision, recall, F1 and the counts behind them (``universe``: how many pairs could be aligned)."""
    correct = len(gold & predicted)
    return _scores(correct, len(predicted), len(gold), universe)


def _scores(correct: int, predicted: int, gold: int, universe: int) -> dict:
    precision, recall = ratio(correct, predicted), ratio(correct, gold)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall), "gold": gold, "predicted": predicted,
            "correct": correct, "pairs": universe}


def pooled(scores: Iterable[dict]) -> dict:
    """Micro-average: the counts of several topics added, P/R/F1 from the sums.

    >>> round(pooled([_scores(1, 2, 2, 4), _scores(1, 1, 2, 4)])["f1"], 4)
    0.5714
    """
    totals = defaultdict(int)
    for score in scores:
        for key in ("correct", "predicted", "gold", "pairs"):
            totals[key] += score[key]
    return _scores(totals["correct"], totals["predicted"], totals["gold"], totals["pairs"])


# ---------------------------------------------------------------- TF-IDF baseline


def tfidf_similarities(topic: Topic) -> dict[Pair, float]:
    """Cosine of the TF-IDF vectors (fitted on the topic's validated sentences) of every cross-document pair."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    sentences = sorted(topic.spans)
    if not sentences:
        return {}
    texts = {d.doc_id: d.text for d in topic.documents}
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            [texts[doc][slice(*topic.spans[doc, n])] for doc, n in sentences])
    except ValueError:  # only stop words in the topic's sentences: no pair has a cosine to speak of
        return {}
    cosine = (matrix @ matrix.T).toarray()  # rows are L2-normalised: the product is the cosine
    index = {s: i for i, s in enumerate(sentences)}
    return {p: float(cosine[index[p[:2]], index[p[2:]]]) for p in cross_pairs(sentences)}


def threshold_scores(similarities: dict[Pair, float], gold: set[Pair], threshold: float) -> dict:
    """The TF-IDF baseline's scores on one topic at one threshold."""
    return pair_scores(gold, {p for p, value in similarities.items() if value >= threshold}, len(similarities))


def choose_threshold(scored: list[tuple[dict[Pair, float], set[Pair]]]) -> float:
    """The threshold of ``THRESHOLDS`` with the best pooled F1 over (similarities, gold) topics; ties to the lowest.

    >>> sims = {("a", 1, "b", 1): 0.9, ("a", 1, "b", 2): 0.5, ("a", 2, "b", 1): 0.2}
    >>> choose_threshold([(sims, {("a", 1, "b", 1), ("a", 1, "b", 2)})])
    0.21
    """
    def pooled_f1(threshold: float) -> float:
        return pooled(threshold_scores(sims, gold, threshold) for sims, gold in scored)["f1"]

    return max(THRESHOLDS, key=lambda t: (pooled_f1(t), -t))


# ---------------------------------------------------------------- the engine


def sentences_of(start: int, end: int, spans: dict[int, tuple[int, int]]) -> list[int]:
    """The sentences (number -> span) that the span [start, end) overlaps.

    >>> sentences_of(5, 12, {1: (0, 6), 2: (7, 20), 3: (21, 30)})
    [1, 2]
    """
    return [n for n, (s, e) in spans.items() if s < end and start < e]


def engine_pairs(groups, spans: dict[Sentence, tuple[int, int]]) -> set[Pair]:
    """The cross-document sentence pairs that one claim group holds (claims of articles that do not omit it).

    ``groups`` are ``ClaimGroup``s (only ``status`` and ``members`` are read).
    """
    by_document: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for (doc, number), span in spans.items():
        by_document[doc][number] = span
    aligned: set[Pair] = set()
    for group in groups:
        held = {(c.article_id, n) for c in group.members if group.status.get(c.article_id, "omits") != "omits"
                for n in sentences_of(c.start, c.end, by_document.get(c.article_id, {}))}
        aligned.update(cross_pairs(held))
    return aligned


def annotate_ecb(documents: list[EcbDocument], nlp=None) -> dict[str, object]:
    """Document id -> ``Annotated``: one batched spaCy pass, no DCT (inferred from the text)."""
    from ..language import annotate_texts

    return {a.article_id: a for a in annotate_texts(((d.doc_id, d.text, None, False) for d in documents), nlp=nlp)}


def align_topic(topic: Topic, annotated: dict[str, object]) -> tuple:
    """The engine's claim groups for the topic's documents as one story (entities resolved across the topic)."""
    from ..compare import align_claims
    from ..language import resolve
    from ..language.claims import claims_with_entities

    members = [annotated[d.doc_id] for d in topic.documents]
    resolution = resolve(members)
    claims = {a.article_id: claims_with_entities(a.claims, resolution.mention_ids, resolution.labels) for a in members}
    names = {e.id: e.name for e in resolution.entities}
    return align_claims(claims, [a.article_id for a in members], names, story_id=f"topic-{topic.name}")


# ---------------------------------------------------------------- the run


def split_halves(topics: list[Topic]) -> tuple[list[Topic], list[Topic]]:
    """The first ``ceil(n / 2)`` topics (tune) and the rest (held), in the given (numeric) order.

    >>> [len(h) for h in split_halves(list("abcde"))]
    [3, 2]
    """
    middle = math.ceil(len(topics) / 2)
    return topics[:middle], topics[middle:]


def score_topic(topic: Topic, annotated: dict[str, object]) -> dict:
    """Everything one topic contributes: gold pairs, the three systems' per-topic counts, group counts."""
    gold = gold_pairs(topic.chains)
    universe = cross_pairs(topic.spans)
    groups = align_topic(topic, annotated)
    return {"topic": topic.name, "gold": gold, "universe": len(universe), "similarities": tfidf_similarities(topic),
            "every_pair": pair_scores(gold, set(universe), len(universe)),
            "parallax": pair_scores(gold, engine_pairs(groups, topic.spans), len(universe)),
            "groups": len(groups), "multi_document_groups": sum(len(g.article_ids) >= 2 for g in groups)}


def summarize(per_topic: list[dict], threshold: float) -> dict:
    """Pooled scores of the three systems and the group counts over a list of scored topics."""
    summary = {system: pooled(t[system] for t in per_topic) for system in ("every_pair", "parallax")}
    summary["tfidf"] = pooled(threshold_scores(t["similarities"], t["gold"], threshold) for t in per_topic)
    summary["topics"] = [t["topic"] for t in per_topic]
    summary["groups"] = sum(t["groups"] for t in per_topic)
    summary["multi_document_groups"] = sum(t["multi_document_groups"] for t in per_topic)
    return summary


def evaluate_align(data: Path, topics: int | None = None, nlp=None) -> dict:
    """Run the measurement on the ECB+ folder ``data`` (the first ``topics`` topics if given): the JSON result."""
    started = time.perf_counter()
    chosen = topics_of(load_ecbplus(Path(data)))[:topics]
    annotated = annotate_ecb([d for t in chosen for d in t.documents], nlp=nlp)
    scored = [score_topic(t, annotated) for t in chosen]
    tune, held = split_halves(scored)
    threshold = choose_threshold([(t["similarities"], t["gold"]) for t in tune])
    result = {name: summarize(half, threshold) for name, half in zip(HALVES, (tune, held, scored))}
    return {"documents": sum(len(t.documents) for t in chosen), "topics": len(chosen), "tfidf_threshold": threshold,
            "seconds": round(time.perf_counter() - started, 1), **result, "reference": REFERENCE, "goal": GOAL}


def result_lines(result: dict) -> list[str]:
    """The table: one line per half and system, the group counts, then the reference figures and the goal."""
    lines = [f"ECB+ claim alignment: {result['topics']} topics, {result['documents']} documents, "
             f"{result['seconds']:.0f} s; TF-IDF threshold {result['tfidf_threshold']:.2f} (tuned on the tune half)"]
    for half in HALVES:
        figures = result[half]
        topics = figures["topics"]
        span = f"topics {topics[0]}-{topics[-1]}" if topics else "no topics"
        for system in SYSTEMS:
            s = figures[system]
            lines.append(f"{half:4} {system:10} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
                         f"pairs: gold {s['gold']}, predicted {s['predicted']}, correct {s['correct']}, of {s['pairs']}")
        lines.append(f"{half:4} ({span}) parallax claim groups: {figures['groups']}, "
                     f"{figures['multi_document_groups']} holding two or more documents")
    return lines + [f"reference: {result['reference']}", result["goal"]]


def json_result(result: dict) -> str:
    """``result`` as JSON (the figures only; sets of pairs are not in it)."""
    return json.dumps(result, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/ecbplus"))
    parser.add_argument("--topics", type=int, default=None, help="only the first N topics (a quick run)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no ECB+ data at {args.data}", file=sys.stderr)
        return 2
    result = evaluate_align(args.data, args.topics)
    print(json_result(result) if args.json else "\n".join(result_lines(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
