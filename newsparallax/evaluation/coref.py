"""Cross-document entity coreference on ECB+: our resolver against the gold chains.

Two settings, as in the literature:

* **gold mentions** — the gold entity mentions (HUMAN_*, NON_HUMAN_*, LOC_*,
  TIME_*) of the validated sentences are given to ``resolve_entities`` with a
  type from their tag; only the clustering is scored;
* **our mentions** — spaCy finds the mentions; each gold mention takes the
  entity of the system mention that overlaps it most (an unmatched gold
  mention is a singleton), so missed mentions cost recall.

Resolution runs per topic (the usual ECB+ protocol with gold topics) and the
clusterings are pooled. Scores: B-cubed, MUC, CEAF-e and CoNLL F1 (their mean).

Run: ``python -m newsparallax.evaluation.coref --data ../shared/eval/ecbplus``
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from .datasets import EcbDocument, EcbMention, load_ecbplus
from ..language.entities import EntityMention, mentions_from_doc, resolve_entities
from .metrics import bcubed, ceafe, conll_f1, muc

# ECB+ tags to the spaCy labels our resolver knows.
TAG_LABELS = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE", "HUMAN_PART_FAC": "FAC",
    "HUMAN_PART_VEH": "PRODUCT", "HUMAN_PART_MET": "PRODUCT", "HUMAN_PART_GENERIC": "PERSON",
    "NON_HUMAN_PART": "PRODUCT", "NON_HUMAN_PART_GENERIC": "PRODUCT", "LOC_FAC": "FAC", "LOC_GEO": "GPE",
    "LOC_OTHER": "LOC", "TIME_DATE": "DATE", "TIME_OF_THE_DAY": "TIME", "TIME_DURATION": "DATE",
    "TIME_REPETITION": "DATE",
}
REFERENCE = "published cross-document entity coreference on ECB+ (gold mentions): CoNLL F1 ~70-80; event coref ~80-86"


def gold_entity_mentions(document: EcbDocument) -> list[EcbMention]:
    """The gold entity mentions of a document's validated sentences, with offsets."""
    validated = set(document.coref_sentences)
    return [m for m in document.mentions
            if m.kind == "entity" and m.start is not None and m.sentence in validated]


def _gold_key(document: EcbDocument, mention: EcbMention) -> tuple[str, int]:
    return document.doc_id, mention.mention_id


def gold_clustering(documents: list[EcbDocument]) -> dict[tuple[str, int], str]:
    """Gold chain of every mention; a mention in no cross-document chain is its own singleton."""
    gold = {}
    for document in documents:
        for mention in gold_entity_mentions(document):
            chain = mention.cluster or mention.intra_doc_chain
            gold[_gold_key(document, mention)] = f"{document.topic}/{chain}" if chain else f"single/{document.doc_id}/{mention.mention_id}"
    return gold


def system_with_gold_mentions(documents: list[EcbDocument]) -> dict[tuple[str, int], str]:
    """Our resolver's clusters over the gold mentions, topic by topic."""
    system = {}
    for topic, members in _by_topic(documents).items():
        mentions, keys = {}, {}
        for document in members:
            found = []
            for m in gold_entity_mentions(document):
                mention = EntityMention(document.doc_id, m.start, m.end, m.text, TAG_LABELS.get(m.type, "ORG"), m.text)
                found.append(mention)
                keys[(document.doc_id, m.start, m.end)] = _gold_key(document, m)
            mentions[document.doc_id] = found
        _, ids = resolve_entities(mentions, {})
        for span, entity_id in ids.items():
            system[keys[span]] = f"{topic}/{entity_id}"
    return system


def system_with_our_mentions(documents: list[EcbDocument], nlp) -> dict[tuple[str, int], str]:
    """Our mentions and resolver; each gold mention takes the entity of its best-overlapping mention."""
    system = {}
    for topic, members in _by_topic(documents).items():
        docs = dict(zip((d.doc_id for d in members), nlp.pipe(d.text for d in members)))
        found = {doc_id: mentions_from_doc(doc, doc_id) for doc_id, doc in docs.items()}
        _, ids = resolve_entities(found, {})
        for document in members:
            ours = [(s, e, eid) for (aid, s, e), eid in ids.items() if aid == document.doc_id]
            for mention in gold_entity_mentions(document):
                best = _best_overlap(mention, ours)
                if best is not None:
                    system[_gold_key(document, mention)] = f"{topic}/{best}"
    return system


def _best_overlap(mention: EcbMention, ours: list[tuple[int, int, str]]) -> str | None:
    best, best_overlap = None, 0
    for start, end, entity_id in ours:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > best_overlap:
            best, best_overlap = entity_id, overlap
    return best


def _by_topic(documents: list[EcbDocument]) -> dict[str, list[EcbDocument]]:
    groups: dict[str, list[EcbDocument]] = defaultdict(list)
    for document in documents:
        groups[document.topic].append(document)
    return dict(sorted(groups.items()))


def scores(gold: dict, system: dict) -> dict[str, float]:
    """B-cubed, MUC, CEAF-e F1 and the CoNLL mean, over the gold mentions."""
    b3 = bcubed(gold, system)
    return {"bcubed_p": b3[0], "bcubed_r": b3[1], "bcubed_f1": b3[2], "muc_f1": muc(gold, system)[2],
            "ceafe_f1": ceafe(gold, system)[2], "conll_f1": conll_f1(gold, system)}


def evaluate_coref(data_dir: Path, with_our_mentions: bool = True) -> dict[str, dict[str, float]]:
    """Scores in both settings (the second needs spaCy and takes a few minutes)."""
    documents = load_ecbplus(data_dir)
    gold = gold_clustering(documents)
    results = {"gold_mentions": scores(gold, system_with_gold_mentions(documents))}
    singletons = {k: f"single/{k}" for k in gold}
    results["baseline_all_singletons"] = scores(gold, singletons)
    if with_our_mentions:
        from ..language.nlp import load_nlp

        results["our_mentions"] = scores(gold, system_with_our_mentions(documents, load_nlp()))
    results["mentions"] = {"gold": len(gold), "chains": len(set(gold.values()))}
    return results


def format_report(results: dict) -> str:
    """The scores as text lines."""
    lines = []
    for setting, figures in results.items():
        cells = "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        lines.append(f"{setting:26} {cells}")
    lines.append(f"reference: {REFERENCE}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/ecbplus"))
    parser.add_argument("--gold-only", action="store_true", help="skip the setting with our own mentions")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no ECB+ data at {args.data}", file=sys.stderr)
        return 2
    print(format_report(evaluate_coref(args.data, not args.gold_only)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
