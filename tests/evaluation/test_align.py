"""The claim-alignment measurement on ECB+: pair scoring, gold chains, the TF-IDF threshold, one real run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from newsparallax.evaluation.align import (
    Topic, choose_threshold, cross_pairs, engine_pairs, evaluate_align, gold_pairs, pair_scores, result_lines,
    split_halves, tfidf_similarities, topics_of,
)
from newsparallax.evaluation.datasets import load_ecbplus

from ..conftest import EVAL

ECBPLUS = EVAL / "ecbplus"

# ---------------------------------------------------------------- pair scoring


def test_pair_scores_exact():
    gold = {("a", 1, "b", 1), ("a", 1, "c", 1), ("b", 1, "c", 1)}
    predicted = {("a", 1, "b", 1), ("a", 2, "b", 1)}
    scores = pair_scores(gold, predicted, universe=10)
    assert scores == {"precision": 0.5, "recall": 1 / 3, "f1": 0.4, "gold": 3, "predicted": 2, "correct": 1, "pairs": 10}


def test_pair_scores_nothing_predicted_is_zero_not_an_error():
    assert pair_scores({("a", 1, "b", 1)}, set(), 1)["f1"] == 0.0


def test_cross_pairs_skip_sentences_of_one_document():
    assert cross_pairs([("b", 1), ("a", 1), ("a", 2)]) == [("a", 1, "b", 1), ("a", 2, "b", 1)]


def _claim(article: str, start: int, end: int):
    return SimpleNamespace(article_id=article, start=start, end=end)


def test_engine_pairs_from_groups():
    # a: sentences 1 [0, 10) and 2 [11, 20); b: sentence 1 [0, 10); c: sentence 4 [0, 30).
    spans = {("a", 1): (0, 10), ("a", 2): (11, 20), ("b", 1): (0, 10), ("c", 4): (0, 30)}
    groups = [
        # One group over a's two sentences (a claim spanning both) and b: a-b pairs only, not a1-a2.
        SimpleNamespace(status={"a": "asserts", "b": "hedges", "c": "omits"},
                        members=(_claim("a", 5, 15), _claim("b", 2, 8))),
        # c "omits" here although a member is c's (cannot happen in align_claims; omits never counts).
        SimpleNamespace(status={"a": "asserts", "b": "omits", "c": "omits"},
                        members=(_claim("a", 0, 3), _claim("c", 0, 5))),
        # A claim outside every validated sentence aligns nothing.
        SimpleNamespace(status={"b": "asserts", "c": "denies"}, members=(_claim("b", 40, 50), _claim("c", 1, 2))),
    ]
    assert engine_pairs(groups, spans) == {("a", 1, "b", 1), ("a", 2, "b", 1)}
    gold = {("a", 1, "b", 1), ("a", 1, "c", 4)}
    scores = pair_scores(gold, engine_pairs(groups, spans), len(cross_pairs(spans)))
    assert (scores["precision"], scores["recall"], scores["f1"], scores["pairs"]) == (0.5, 0.5, 0.5, 5)


# ---------------------------------------------------------------- gold chains from an ECB+-shaped folder


def _xml(name: str, sentences: list[list[str]], markables: list[tuple[str, int, list[int]]],
         chains: list[tuple[str, int, list[int]]]) -> str:
    """An ECB+ document: tokens, markables (tag, m_id, t_ids), CROSS_DOC_COREF (instance id, target m_id, sources)."""
    tokens, t_id = [], 0
    for number, words in enumerate(sentences):
        for position, word in enumerate(words):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{number}" number="{position}">{word}</token>')
    marks = [f'<{tag} m_id="{m}">' + "".join(f'<token_anchor t_id="{t}"/>' for t in anchors) + f"</{tag}>"
             for tag, m, anchors in markables]
    marks += [f'<ACTION_OCCURRENCE m_id="{target}" TAG_DESCRIPTOR="d" instance_id="{chain}"/>' for chain, target, _ in chains]
    relations = [f'<CROSS_DOC_COREF r_id="{n}" note="{chain}">' + "".join(f'<source m_id="{s}"/>' for s in sources)
                 + f'<target m_id="{target}"/></CROSS_DOC_COREF>' for n, (chain, target, sources) in enumerate(chains)]
    return (f'<Document doc_name="{name}">' + "".join(tokens) + "<Markables>" + "".join(marks) + "</Markables>"
            + "<Relations>" + "".join(relations) + "</Relations></Document>")


@pytest.fixture
def tiny_ecb(tmp_path: Path) -> Path:
    """Topic 1 with two documents: one event chain across them, one participant chain, an unvalidated sentence."""
    topic = tmp_path / "ECB+" / "1"
    topic.mkdir(parents=True)
    # a: t1-4 "Reid entered rehab ." (s0), t5-8 "She is fine ." (s1)
    (topic / "1_1ecb.xml").write_text(_xml("1_1ecb.xml", [["Reid", "entered", "rehab", "."], ["She", "is", "fine", "."]],
                                           [("ACTION_OCCURRENCE", 1, [2]), ("HUMAN_PART_PER", 2, [5])],
                                           [("ACT100", 10, [1]), ("HUM200", 11, [2])]))
    # b: t1-5 "Tara Reid checked in ." (s0), t6-8 "Reid is well ." (s1), t9-11 "She entered rehab ." (s2, not validated)
    (topic / "1_2ecb.xml").write_text(_xml("1_2ecb.xml", [["Tara", "Reid", "checked", "in", "."], ["Reid", "is", "well", "."],
                                                          ["She", "entered", "rehab", "."]],
                                           [("ACTION_OCCURRENCE", 1, [3, 4]), ("HUMAN_PART_PER", 2, [6]),
                                            ("ACTION_OCCURRENCE", 3, [11])],
                                           [("ACT100", 10, [1, 3]), ("HUM200", 11, [2])]))
    (tmp_path / "clusters_gold.tsv").write_text("doc\ttopic\tsubtopic\n1_1ecb.xml\t1\t1_ecb\n1_2ecb.xml\t1\t1_ecb\n")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n1,1ecb,1\n1,2ecb,0\n1,2ecb,1\n")
    return tmp_path


def test_gold_chains_are_event_chains_of_validated_sentences(tiny_ecb):
    [topic] = topics_of(load_ecbplus(tiny_ecb))
    assert topic.name == "1" and sorted(topic.spans) == [("1_1ecb.xml", 0), ("1_1ecb.xml", 1), ("1_2ecb.xml", 0), ("1_2ecb.xml", 1)]
    assert topic.chains[("1_1ecb.xml", 0)] == {"ACT100"} and topic.chains[("1_2ecb.xml", 1)] == set()
    # The HUM chain joins the second sentences, but only event chains count.
    assert gold_pairs(topic.chains) == {("1_1ecb.xml", 0, "1_2ecb.xml", 0)}
    assert len(cross_pairs(topic.spans)) == 4
    text = topic.documents[1].text
    assert text[slice(*topic.spans[("1_2ecb.xml", 0)])] == "Tara Reid checked in."


def test_tfidf_similarities_cover_every_cross_document_pair(tiny_ecb):
    [topic] = topics_of(load_ecbplus(tiny_ecb))
    similarities = tfidf_similarities(topic)
    assert set(similarities) == set(cross_pairs(topic.spans))
    assert similarities[("1_1ecb.xml", 0, "1_2ecb.xml", 0)] > similarities[("1_1ecb.xml", 1, "1_2ecb.xml", 0)]
    assert tfidf_similarities(Topic("9", [])) == {}


# ---------------------------------------------------------------- TF-IDF threshold and halves


def test_threshold_maximises_pooled_f1_on_the_topics_given():
    first = ({("a", 1, "b", 1): 0.8, ("a", 1, "b", 2): 0.3}, {("a", 1, "b", 1)})
    second = ({("c", 1, "d", 1): 0.2, ("c", 1, "d", 2): 0.1}, {("c", 1, "d", 1)})
    # Pooled, 2 gold pairs: t <= 0.10 predicts 4 (F1 0.667); 0.11-0.20 predicts 3 with both gold (F1 0.8, the best);
    # 0.21-0.30 predicts 2, one right (0.5); 0.31-0.80 predicts one, right (0.667). First topic alone: 0.31 is perfect.
    assert choose_threshold([first, second]) == 0.11
    assert choose_threshold([first]) == 0.31
    assert choose_threshold([({("a", 1, "b", 1): 0.5}, set())]) == 0.01  # nothing to find: every F1 is 0, the lowest wins


def test_halves_are_the_first_topics_then_the_rest():
    assert split_halves([1, 2, 3, 4]) == ([1, 2], [3, 4])
    assert split_halves([1]) == ([1], [])


# ---------------------------------------------------------------- the real data


@pytest.mark.slow
def test_alignment_on_the_first_topics():
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ not found at {ECBPLUS}")
    result = evaluate_align(ECBPLUS, topics=3)
    assert result["topics"] == 3 and result["tune"]["topics"] == ["1", "2"] and result["held"]["topics"] == ["3"]
    for half in ("tune", "held", "all"):
        for system in ("every_pair", "tfidf", "parallax"):
            assert all(0.0 <= result[half][system][k] <= 1.0 for k in ("precision", "recall", "f1"))
        assert result[half]["every_pair"]["recall"] == 1.0
        assert result[half]["every_pair"]["predicted"] == result[half]["every_pair"]["pairs"] > 0
        assert 0 <= result[half]["multi_document_groups"] <= result[half]["groups"]
    assert result["all"]["parallax"]["gold"] == result["tune"]["parallax"]["gold"] + result["held"]["parallax"]["gold"]
    lines = result_lines(result)
    assert lines[-2].startswith("reference:") and len(lines) == 1 + 3 * 4 + 2


@pytest.mark.slow
def test_cli_eval_align_json_on_one_topic():
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ not found at {ECBPLUS}")
    import json

    from typer.testing import CliRunner

    from newsparallax.cli.main import app

    outcome = CliRunner().invoke(app, ["eval", "align", "--data", str(ECBPLUS), "--topics", "1", "--json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.stdout)
    assert result["topics"] == 1 and result["held"]["topics"] == [] and result["all"]["every_pair"]["recall"] == 1.0
