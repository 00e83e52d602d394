"""Command-line glue for framing: ``parallax train framing`` and ``parallax eval framing``.

``main`` registers the ``train`` group (``app.add_typer(train_app, name="train")``);
``evaluate`` hands ``eval framing`` to ``eval_framing`` / ``framing_eval_lines``.
Figures go to standard output; messages to standard error. Exit codes follow
``cli.main``: 0 done, 2 bad command line, 3 the engine refused (bad data or model).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import JsonOption, QuietOption, err, guarded

train_app = typer.Typer(
    name="train",
    help="Train optional learned components on your own labeled data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@train_app.callback()
def train_group() -> None:
    """Train optional learned components on your own labeled data."""
    # A callback keeps "train" a group even while it holds one command ("train framing").


@train_app.command("framing")
@guarded
def train_framing_command(
    data: Annotated[Path, typer.Option("--data", exists=True, help=(
        "A labeled CSV (text;label[;biased_words]) or a folder of them, a JSONL file of text and spans, "
        "or a BASIL-style folder (annotations/ + articles/)."))],
    out: Annotated[Path, typer.Option("--out", help="The model folder to write (created).", file_okay=False)],
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Train a sentence-bias scorer (and a loaded-span tagger when words or spans are marked); use it with --framing-model."""
    from ..framing.model import train_framing

    if not quiet:
        err.print(f"Training a framing model on {data} (cross-validating; this takes a minute on a few thousand rows)...")
    figures = train_framing(data, out)
    if as_json:
        print(json.dumps(figures, indent=2))
    elif not quiet:
        print(f"rows {figures['rows']} (biased {figures['biased']}), threshold {figures['threshold']:.2f}, "
              f"cross-validated F1 {figures['cv_f1']:.3f}, biased words used: {figures['uses_biased_words']}")
        tagger = figures.get("span_tagger") or {}
        if "skipped" in tagger:
            err.print(f"No span tagger: {tagger['skipped']}.")
        elif tagger:
            print(f"span tagger: {tagger['marked_tokens']} marked tokens of {tagger['tokens']}, cut {tagger['threshold']:.3f}, "
                  f"out-of-fold token F1 {tagger['out_of_fold_token_f1']:.3f}")
        err.print(f"Model written to {out}.")


def eval_framing(data: Path, split: str = "dev") -> dict[str, Any]:
    """Figures of ``evaluation.framing`` for a folder holding ``babe/`` and/or ``basil/`` (or one of them).

    ``split`` is accepted for symmetry with the other evaluations; both sets are
    the development splits and are halved inside (see ``evaluation/framing.py``).
    Raises InputError when no data is found.
    """
    from ..evaluation.framing import evaluate_framing

    return evaluate_framing(data)


def print_framing_eval(result: dict[str, Any]) -> None:
    """The figures as a short table on standard output, beside the published ones."""
    for line in framing_eval_lines(result):
        print(line)


def framing_eval_lines(result: dict[str, Any]) -> list[str]:
    """The lines ``print_framing_eval`` prints."""
    lines = []
    if "babe" in result:
        lines += _babe_lines(result["babe"])
    if "basil" in result:
        lines += _basil_lines(result["basil"])
    return lines


def _row(name: str, figures: dict[str, float]) -> str:
    return f"  {name:64} P {figures['p']:.3f}  R {figures['r']:.3f}  F1 {figures['f1']:.3f}"


def _babe_lines(babe: dict[str, Any]) -> list[str]:
    detector = babe["detector"]
    lines = [f"BABE ({babe['rows']} sentences; halves tune {babe['tune_rows']} / held {babe['held_rows']})",
             _row(f"detector, no training, tune (cut {detector['threshold']:.2f})", detector["tune"]),
             _row("detector, no training, held", detector["held"]),
             _row("all biased, held", babe["all_biased"]["held"])]
    if "trained" in babe:
        lines += [_row(f"trained on tune, held (cut {babe['trained']['threshold']:.2f})", babe["trained"]["held"]),
                  _row("TF-IDF + LR on tune, held", babe["tfidf_lr"]["held"])]
        if "span_tagger" in babe["trained"]:
            lines.append(_row("span tagger trained on tune, held biased words (tokens)",
                              babe["trained"]["span_tagger"]["held_tokens"]))
    words = babe["word_recall"]
    lines.append(f"  biased-word recall of loaded spans: {words['recall']:.3f} ({words['covered']}/{words['words']})")
    lines.append("  published: all biased 0.65, VADER rule 0.64, TF-IDF+LR 0.72, fine-tuned RoBERTa ~0.80 (held-out F1)")
    return lines


def _basil_lines(basil: dict[str, Any]) -> list[str]:
    lines = [f"BASIL ({basil['articles']} articles)", _row("lexical-bias spans, token level", basil["lexical"])]
    for key, label in (("lexical_halves", "shipped"), ("lexical_halves_trained", "BABE-trained ranking")):
        halves = basil.get(key)
        if halves:
            lines += [_row(f"lexical, {label}, {halves['budget']} strongest per article, {half}", figures)
                      for half, figures in halves["strongest"].items()]
    lines += [_row(f"lexical, shipped, every span, {half}, biased sentences only", figures)
              for half, figures in basil["lexical_halves"]["every_span_marked_sentences"].items()]
    lines += _tagger_lines(basil)
    for half, figures in basil["informational"].items():
        lines += [_row(f"informational sentences, rule, {half}", figures["rule"]),
                  _row(f"informational sentences, every sentence, {half}", figures["every_sentence"])]
    lines.append("  published: informational-bias F1 ~0.43 (Fan et al. 2019, BERT)")
    return lines


def _tagger_lines(basil: dict[str, Any]) -> list[str]:
    lines = []
    for direction, figures in basil.get("lexical_tagger", {}).items():
        name = direction.replace("_to_", " -> ")
        lines += [_row(f"lexical, tagger {name}", figures["every_sentence"]),
                  _row(f"lexical, tagger + shipped {name}", figures["with_lexicon"]["every_sentence"]),
                  _row(f"lexical, tagger + shipped {name}, biased sentences only",
                       figures["with_lexicon"]["marked_sentences"])]
    if "lexical_babe_tagger" in basil:
        lines.append(_row("lexical, BABE-trained tagger", basil["lexical_babe_tagger"]["every_sentence"]))
    return lines
