"""Framing: the lexicon detector, the learned scorer's files, and quality on BABE."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsparallax.errors import InputError
from newsparallax.framing.detect import (CATEGORIES, Framing, LoadedTerm, SentenceBias, detect_framing, find_loaded,
                                  framing_json, loaded_per_1000_words)
from newsparallax.framing.data import read_labeled_csv
from newsparallax.framing.model import load_framing_model, train_framing

from ..conftest import EVAL, seed_file


def lines_of(text: str) -> list[tuple[int, int]]:
    """One sentence per line: enough for tests that do not need a parser."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def loaded_texts(text: str) -> dict[str, str]:
    return {t.text: t.category for t in detect_framing(text, lines_of(text)).loaded}


# ------------------------------------------------------------------ detector


def test_categories_and_offsets():
    text = "Critics slammed the bizarre, utterly reckless scheme.\nThe committee met on Tuesday at noon."
    framing = detect_framing(text, lines_of(text))
    assert all(text[t.start:t.end] == t.text for t in framing.loaded)
    assert {t.category for t in framing.loaded} <= set(CATEGORIES)
    assert loaded_texts(text)["slammed"] == "pejorative"
    assert [s.biased for s in framing.sentences] == [True, False]
    assert all(0.0 <= s.bias_score <= 1.0 for s in framing.sentences)


def test_epithet_before_name_and_led_label():
    found = loaded_texts("Leftist American President Joe Biden spoke to Chinese dictator Xi Jinping about the US-led military bloc.")
    assert found["Leftist American President"] == "epithet"
    assert found["Chinese dictator"] == "epithet"
    assert found["US-led military bloc"] == "loaded_label"


def test_organisation_names_are_not_epithets():
    assert not find_loaded("The Chinese Communist Party's congress opened in Beijing.")


def test_scare_quote_but_not_reported_speech():
    assert loaded_texts("Russia began its “special operation” in February.")["“special operation”"] == "scare_quote"
    assert not loaded_texts("“We will win,” she said.")
    assert not loaded_texts("The plan, he said, was a “disaster” for everyone.")


def test_words_inside_long_quotes_are_the_speakers():
    assert not find_loaded("He said: “This is a vile and shameful plan by them.”")
    assert find_loaded("He said: “This is a vile and shameful plan by them.”", include_quoted=True)


def test_attribution_lowers_the_score():
    loaded = detect_framing("A shocking plan.", [(0, 16)]).sentences[0].bias_score
    reported = detect_framing("A shocking plan, officials said.", [(0, 32)]).sentences[0].bias_score
    assert reported < loaded


def test_framing_json_shape_and_offsets_clipped():
    framing = detect_framing("A vile lie.", [(0, 99)])
    data = framing_json(framing)
    assert set(data) == {"sentences", "loaded"}
    assert set(data["sentences"][0]) == {"start", "end", "biased", "bias_score"}
    assert set(data["loaded"][0]) == {"start", "end", "text", "category"}
    assert data["sentences"][0]["end"] == 11
    json.dumps(data)


def test_dataclasses_are_frozen():
    term = LoadedTerm(0, 1, "x", "evaluative")
    with pytest.raises(AttributeError):
        term.start = 2  # type: ignore[misc]
    assert Framing((term,), (SentenceBias(0, 1, True, 0.5),)).loaded[0] is term


def test_empty_text():
    assert detect_framing("", []) == Framing((), ())


# ------------------------------------------------------------------ seeds


def test_seed_loaded_labels_and_ranking(seeds_dir):
    texts = {p: seed_file(seeds_dir, p).read_text(encoding="utf-8") for p in ("000", "001", "002", "003", "004")}
    found = {p: loaded_texts(t) for p, t in texts.items()}
    assert "Leftist American President" in found["000"]
    assert "Chinese dictator" in found["000"]
    assert "US-led military bloc" in found["004"]
    density = {p: loaded_per_1000_words(detect_framing(t, lines_of(t)), t) for p, t in texts.items()}
    assert min(density, key=density.get) == "003", density


# ------------------------------------------------------------------ learned scorer


def write_csv(path: Path, separator: str = ",") -> Path:
    biased = ["A vile, shameful lie from the radical mob", "The disgraceful, reckless scheme again",
              "Those thugs spewed hateful nonsense", "An absurd and bizarre stunt by crooks"]
    neutral = ["The council met on Tuesday", "Officials said the bridge reopened", "The report was published in May",
               "Rain is expected in the north"]
    rows = [f"text{separator}label{separator}biased_words"]
    for i in range(3):
        rows += [f'"{t} {i}"{separator}Biased{separator}"[\'vile\']"' for t in biased]
        rows += [f'"{t} {i}"{separator}Non-biased{separator}[]' for t in neutral]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("separator", [",", ";"])
def test_train_load_round_trip(tmp_path, separator):
    figures = train_framing(write_csv(tmp_path / "train.csv", separator), tmp_path / "model")
    assert figures["rows"] == 24 and figures["biased"] == 12
    model = load_framing_model(tmp_path / "model")
    scores = model.score(["Those vile thugs spewed lies", "The council met on Monday"])
    assert scores[0] > scores[1] and all(0 <= s <= 1 for s in scores)
    with np.load(tmp_path / "model" / "weights.npz", allow_pickle=False) as weights:  # plain arrays, no pickle
        assert weights["coef"].ndim == 1
    text = "Those vile thugs spewed lies.\nThe council met on Monday."
    framing = detect_framing(text, lines_of(text), model=model)
    assert framing.sentences[0].bias_score > framing.sentences[1].bias_score


def test_bad_label_names_file_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text;label\nA fine sentence.;Biased\nAnother one.;maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv, row 3: label 'maybe'"):
        read_labeled_csv(path)


def test_missing_column_and_bad_word_list(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("sentence,label\nx,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="'text' column"):
        read_labeled_csv(path)
    path.write_text("text;label;biased_words\nx;1;['unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: biased_words"):
        read_labeled_csv(path)


def test_corrupt_model_dir_names_the_file(tmp_path):
    train_framing(write_csv(tmp_path / "train.csv"), tmp_path / "model")
    (tmp_path / "model" / "weights.npz").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="weights.npz"):
        load_framing_model(tmp_path / "model")
    (tmp_path / "model" / "meta.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match="meta.json"):
        load_framing_model(tmp_path / "model")
    with pytest.raises(InputError, match="missing"):
        load_framing_model(tmp_path / "nothing-here")


# ------------------------------------------------------------------ quality on BABE

BABE = EVAL / "babe"


@pytest.fixture(scope="module")
def babe_halves():
    if not (BABE / "final_labels_SG2.csv").is_file():
        pytest.skip(f"BABE not found at {BABE}")
    from newsparallax.evaluation.framing import babe_halves as halves

    return halves(read_labeled_csv(BABE / "final_labels_SG2.csv"))


@pytest.mark.slow
def test_detector_quality_on_babe_held_half(babe_halves):
    from newsparallax.evaluation.framing import detector_figures_for

    held = detector_figures_for(babe_halves[1])
    assert held["f1"] >= 0.67, held  # measured 0.70 (all biased: 0.674 on this half)


@pytest.mark.slow
def test_trained_quality_on_babe_held_half(babe_halves):
    from newsparallax.evaluation.framing import prf
    from newsparallax.framing.model import fit_framing

    tune, held = babe_halves
    model = fit_framing(tune)
    scores = np.array(model.score([r.text for r in held]))
    figures = prf([r.label for r in held], scores >= model.threshold)
    assert figures["f1"] >= 0.74, figures  # measured 0.77


def test_strongest_loaded_keeps_the_budget_in_text_order():
    from newsparallax.framing.detect import span_strength, strongest_loaded

    text = "Officials clearly said the vile plan was a staggering failure, even so."
    terms = find_loaded(text)
    kept = strongest_loaded(terms, 2)
    assert [t.text for t in kept] == ["vile", "staggering"]
    assert strongest_loaded(terms, 0) == [] and strongest_loaded(terms, 99) == terms
    assert span_strength(LoadedTerm(27, 31, "vile", "evaluative"), text) == max(t.weight for t in terms)


def test_strongest_loaded_with_a_model_uses_its_word_rates():
    from types import SimpleNamespace

    from newsparallax.framing.detect import strongest_loaded

    terms = find_loaded("Officials clearly said the vile plan was a staggering failure.")
    model = SimpleNamespace(word_bias={"failure": 0.99}, prior=0.03)
    assert "failure" in [t.text for t in strongest_loaded(terms, 1, model)]
