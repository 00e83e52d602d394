"""The learned span tagger: its training data readers, its files, its use, and its quality."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsparallax.errors import InputError
from newsparallax.framing.detect import detect_framing
from newsparallax.framing.data import LabeledSentence, read_basil_folder, read_span_jsonl, read_training_data
from newsparallax.framing.spans import fit_span_tagger, load_span_tagger, marked_spans, merge_adjacent, token_labels
from newsparallax.framing.model import load_framing_model, train_framing

from ..conftest import EVAL

# "frobnicated" is in no lexicon: only a learned tagger can find it.
LOADED = ["Critics say the mayor frobnicated the budget {i}.", "The board frobnicated its rules {i} again."]
PLAIN = ["The council met on day {i}.", "Officials reviewed the budget {i} on Monday."]


def write_jsonl(path: Path, copies: int = 12) -> Path:
    lines = []
    for i in range(copies):
        for template in LOADED:
            text = template.format(i=i)
            start = text.index("frobnicated")
            lines.append(json.dumps({"text": text, "spans": [[start, start + len("frobnicated")]]}))
        lines += [json.dumps({"text": t.format(i=i), "spans": []}) for t in PLAIN]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_rows_labels_and_spans(tmp_path):
    rows = read_span_jsonl(write_jsonl(tmp_path / "s.jsonl", copies=1))
    assert [r.label for r in rows] == [1, 1, 0, 0]
    assert rows[0].text[slice(*rows[0].spans[0])] == "frobnicated"
    assert read_training_data(tmp_path / "s.jsonl") == rows


@pytest.mark.parametrize("line, message", [
    ("{broken", r"s\.jsonl, line 2: not JSON"),
    ('{"spans": []}', r"s\.jsonl, line 2: expected an object with a non-empty \"text\""),
    ('{"text": "short", "spans": [[2, 40]]}', r"s\.jsonl, line 2: span \[2, 40\] is not \[start, end\] .* <= 5"),
    ('{"text": "short", "label": "maybe"}', r"s\.jsonl, line 2: label 'maybe'"),
    ('{"text": "short", "spans": [[true, 3]]}', r"s\.jsonl, line 2: span \[True, 3\]"),
    ('{"text": "short", "spans": [[0, 3, 9]]}', r"s\.jsonl, line 2: span \[0, 3, 9\]"),
])
def test_bad_jsonl_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "fine", "spans": [{"start": 0, "end": 4}]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_span_jsonl(path)


def write_basil(folder: Path) -> Path:
    (folder / "articles" / "2016").mkdir(parents=True)
    (folder / "annotations" / "2016").mkdir(parents=True)
    article = {"triplet-uuid": "t1", "main-entities": ["Jane Doe"],
               "body-paragraphs": [["Doe blasted the plan.", "The vote is on Monday."]]}
    annotations = {"phrase-level-annotations": [
        {"id": "p0", "bias": "lex", "start": 4, "end": 11, "txt": "blasted"},
        {"id": "title", "bias": "lex", "start": 0, "end": 3},
        {"id": "p1", "bias": "inf", "start": 0, "end": 22}]}
    (folder / "articles" / "2016" / "a_1.json").write_text(json.dumps(article), encoding="utf-8")
    (folder / "annotations" / "2016" / "a_1_ann.json").write_text(json.dumps(annotations), encoding="utf-8")
    return folder


def test_basil_style_folder_gives_lexical_spans_only(tmp_path):
    rows = read_basil_folder(write_basil(tmp_path / "basil"))
    assert rows == [LabeledSentence("Doe blasted the plan.", 1, (), ((4, 11),)),
                    LabeledSentence("The vote is on Monday.", 0, (), ())]
    assert read_training_data(tmp_path / "basil") == rows
    annotations = tmp_path / "basil" / "annotations" / "2016" / "a_1_ann.json"
    annotations.write_text('{"phrase-level-annotations": [{"id": "p0", "bias": "lex", "start": null, "end": 3}]}')
    with pytest.raises(InputError, match=r"a_1_ann\.json, phrase p0: start and end must be whole numbers"):
        read_basil_folder(tmp_path / "basil")
    annotations.write_text('{"phrase-level-annotations": "oops"}')
    with pytest.raises(InputError, match=r"a_1_ann\.json: phrase-level-annotations must be a list"):
        read_basil_folder(tmp_path / "basil")
    annotations.write_text('{"phrase-level-annotations": []}')
    (tmp_path / "basil" / "articles" / "2016" / "a_1.json").write_text('{"body-paragraphs": ["Doe blasted."]}')
    with pytest.raises(InputError, match=r"a_1\.json: body-paragraphs must be a list of paragraphs"):
        read_basil_folder(tmp_path / "basil")
    annotations.write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match=r"a_1_ann\.json is not readable JSON"):
        read_basil_folder(tmp_path / "basil")


def test_biased_words_become_spans_and_token_labels():
    row = LabeledSentence("He doubled down, then doubled down again.", 1, ("doubled down",))
    assert marked_spans(row) == [(3, 15), (22, 34)]
    assert token_labels(row.text, marked_spans(row)) == [0, 1, 1, 0, 1, 1, 0]
    assert merge_adjacent("a so-called plan", [(2, 4), (5, 11)]) == [(2, 11)]


@pytest.mark.slow
def test_train_writes_a_tagger_that_finds_an_unlisted_word(tmp_path):
    figures = train_framing(write_jsonl(tmp_path / "s.jsonl"), tmp_path / "model")
    assert figures["span_tagger"]["marked_tokens"] == 24
    assert (tmp_path / "model" / "spans.json").is_file()
    model = load_framing_model(tmp_path / "model")
    text = "Critics say the governor frobnicated the plan."
    learned = [t for t in detect_framing(text, [(0, len(text))], model=model).loaded if t.category == "learned"]
    assert [t.text for t in learned] == ["frobnicated"]
    assert detect_framing(text, [(0, len(text))]).loaded == ()  # the shipped detector alone finds nothing


def test_too_few_marks_trains_the_scorer_without_a_tagger(tmp_path):
    rows = [json.dumps({"text": t.format(i=i), "label": label}) for i in range(12)
            for t, label in ((LOADED[0], 1), (PLAIN[0], 0))]
    (tmp_path / "s.jsonl").write_text("\n".join(rows), encoding="utf-8")
    figures = train_framing(tmp_path / "s.jsonl", tmp_path / "model")
    assert figures["span_tagger"] == {"skipped": "the data marks no words or spans"}
    assert load_framing_model(tmp_path / "model").span_tagger is None
    with pytest.raises(InputError, match="needs at least 10 marked tokens; the data marks 1"):
        fit_span_tagger([LabeledSentence("A vile plan.", 1, ("vile",)), LabeledSentence("A plan.", 0)])


def test_corrupt_or_foreign_tagger_files_name_the_file(tmp_path):
    train_framing(write_jsonl(tmp_path / "s.jsonl"), tmp_path / "model")
    assert load_span_tagger(tmp_path / "model") is not None
    (tmp_path / "model" / "spans.npz").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"span tagger in .* is corrupt \(spans\.json / spans\.npz\)"):
        load_framing_model(tmp_path / "model")
    np.savez(tmp_path / "model" / "spans.npz", coef=np.zeros(3))
    with pytest.raises(InputError, match=r"coefficients of shape \(3,\)"):
        load_span_tagger(tmp_path / "model")
    meta = json.loads((tmp_path / "model" / "spans.json").read_text())
    (tmp_path / "model" / "spans.json").write_text(json.dumps({**meta, "version": 99}))
    with pytest.raises(InputError, match="span tagger format version 99"):
        load_span_tagger(tmp_path / "model")
    (tmp_path / "model" / "spans.json").write_text("[]")
    with pytest.raises(InputError, match=r"spans\.json: expected a JSON object, found list"):
        load_span_tagger(tmp_path / "model")
    (tmp_path / "model" / "spans.npz").unlink()
    with pytest.raises(InputError, match=r"spans\.npz is missing"):
        load_span_tagger(tmp_path / "model")


@pytest.mark.slow
def test_training_again_without_marks_removes_the_old_tagger(tmp_path):
    train_framing(write_jsonl(tmp_path / "marked.jsonl"), tmp_path / "model")
    rows = [json.dumps({"text": t.format(i=i), "label": label}) for i in range(12)
            for t, label in ((LOADED[0], 1), (PLAIN[0], 0))]
    (tmp_path / "plain.jsonl").write_text("\n".join(rows), encoding="utf-8")
    train_framing(tmp_path / "plain.jsonl", tmp_path / "model")
    assert load_framing_model(tmp_path / "model").span_tagger is None
    assert not (tmp_path / "model" / "spans.json").exists()


def test_marks_in_a_single_sentence_train_no_tagger_but_the_scorer(tmp_path):
    words = "vile bad awful rotten foul grim nasty ugly cruel harsh mean".split()
    one = LabeledSentence(" ".join(words) + ".", 1, tuple(words))
    rows = [one] + [LabeledSentence(f"The council met on day {i}.", 0) for i in range(30)]
    with pytest.raises(InputError, match="marks in at least 2 sentences .* the data marks 1"):
        fit_span_tagger(rows)
    folds_ok = [one, LabeledSentence("A vile plan.", 1, ("vile",))] + rows[1:]
    assert fit_span_tagger(folds_ok).meta["marked_tokens"] == 12  # every training fold holds a mark


def test_cli_train_names_the_bad_file_and_line(tmp_path):
    from typer.testing import CliRunner

    from newsparallax.cli.main import app

    (tmp_path / "bad.jsonl").write_text('{"text": "ok", "spans": [[0, 2]]}\n{bad\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "framing", "--data", str(tmp_path / "bad.jsonl"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 3 and "bad.jsonl, line 2: not JSON" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["train", "framing", "--data", str(tmp_path / "empty"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 3 and "empty: no training data found (expected *.csv files" in result.output
    assert not (tmp_path / "m").exists()


def test_cli_train_prints_tagger_figures(tmp_path):
    from typer.testing import CliRunner

    from newsparallax.cli.main import app

    result = CliRunner().invoke(app, ["train", "framing", "--data", str(write_jsonl(tmp_path / "s.jsonl")),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert "span tagger: 24 marked tokens of" in result.stdout


# ------------------------------------------------------------------ quality on the development data

BASIL = EVAL / "basil"
BABE = EVAL / "babe" / "final_labels_SG2.csv"


@pytest.mark.slow
def test_tagger_quality_on_basil_halves():
    if not BASIL.is_dir():
        pytest.skip(f"BASIL not found at {BASIL}")
    from newsparallax.evaluation.framing import basil_articles, tagger_halves

    for direction, figures in tagger_halves(basil_articles(BASIL)).items():
        # measured: tagger + shipped detector 0.329 / 0.346 inside biased sentences, 0.116 / 0.123 over all
        assert figures["with_lexicon"]["marked_sentences"]["f1"] >= 0.29, (direction, figures)
        assert figures["with_lexicon"]["every_sentence"]["f1"] >= 0.10, (direction, figures)


@pytest.mark.slow
def test_tagger_quality_on_babe_biased_words():
    if not BABE.is_file():
        pytest.skip(f"BABE not found at {BABE}")
    from newsparallax.evaluation.framing import babe_halves, babe_token_figures
    from newsparallax.framing.data import read_labeled_csv

    tune, held = babe_halves(read_labeled_csv(BABE))
    figures = babe_token_figures(held, fit_span_tagger(tune))
    assert figures["f1"] >= 0.33, figures  # measured 0.354


@pytest.mark.slow
def test_informational_rule_beats_every_sentence_on_basil_halves():
    if not BASIL.is_dir():
        pytest.skip(f"BASIL not found at {BASIL}")
    from newsparallax.evaluation.framing import basil_articles, informational_figures

    for half, figures in informational_figures(basil_articles(BASIL)).items():
        # measured: rule 0.286 / 0.284, every sentence 0.257 / 0.270
        assert figures["rule"]["f1"] >= figures["every_sentence"]["f1"] + 0.005, (half, figures)


def test_each_tagger_scores_with_its_own_spans():
    from newsparallax.evaluation.framing import lexical_token_figures, with_tagger_spans
    from newsparallax.framing.spans import SpanTagger, token_features

    article = {"sentences": ["Critics blasted the vile plan."], "lex": {0: [(8, 15)]}, "inf": {}, "triplet": "t"}
    coef = np.full(2 ** 18, 0.0)
    counts = set()
    for cut in (0.4, 0.9, 0.4, 0.9):  # intercept 0: every token scores 0.5
        tagged = with_tagger_spans([article], SpanTagger(coef, 0.0, cut, {}))
        counts.add((cut, lexical_token_figures(tagged, learned=True)["predicted_tokens"]))
    assert counts == {(0.4, 5), (0.9, 0)}
    assert token_features("") == []
