"""``parallax eval``: a component measured on labeled data, beside the published figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, app, err, guarded


EVAL_TASKS = ("timex", "quotes", "coref", "stories", "framing", "align")


@app.command("eval")
@guarded
def evaluate(
    task: Annotated[str, typer.Argument(help=f"One of: {', '.join(EVAL_TASKS)}.")],
    data: Annotated[Path, typer.Option("--data", help="The labeled data folder (e.g. ../shared/eval/tempeval3).", exists=True, file_okay=False)],
    split: Annotated[str, typer.Option("--split", help="quotes: the PolNeAR split.")] = "dev",
    language: Annotated[bool, typer.Option("--language", help="stories: also score the language layer's features (spaCy: minutes).")] = False,
    topics: Annotated[int | None, typer.Option("--topics", help="align: only the first N ECB+ topics (a quick run).", min=1)] = None,
    as_json: JsonOption = False,
) -> None:
    """Measure a component on labeled data, printed beside the published figures.

    timex: TempEval-3 TimeML folder; quotes: PolNeAR folder; coref: ECB+ folder;
    stories: the folder holding ecbplus/ and basil/ (or one of them), with
    ``--language`` also as ``parallax ingest`` annotates them;
    framing: the folder holding babe/ and basil/ (or one of them);
    align: ECB+ folder (claim groups against the cross-document event chains,
    ``--topics N`` for a quick run).
    """
    if task not in EVAL_TASKS:
        err.print(f"Error: unknown evaluation {task!r}; choose one of {', '.join(EVAL_TASKS)}")
        raise typer.Exit(2)
    if task == "stories":
        result, text = _eval_stories(data, split, language)
    elif task == "align":
        result, text = _eval_align(data, split, topics)
    else:
        result, text = _EVALUATIONS[task](data, split)
    print(json.dumps(result, indent=2, default=str) if as_json else text)


def _eval_timex(data: Path, split: str):
    from ..evaluation.timex import evaluate_timex, format_table

    result = evaluate_timex(data)
    return result, format_table(result)


def _eval_quotes(data: Path, split: str):
    from ..evaluation.quotes import evaluate_quotes, format_report

    result = evaluate_quotes(data, split)
    return result, format_report(result)


def _eval_coref(data: Path, split: str):
    from ..evaluation.coref import evaluate_coref, format_report

    result = evaluate_coref(data)
    return result, format_report(result)


def _eval_stories(data: Path, split: str, language: bool = False):
    from ..evaluation.stories import evaluate_stories, result_lines

    result = evaluate_stories(data, language=language)
    return result, "\n".join(result_lines(result))


def _eval_framing(data: Path, split: str):
    from .framing import eval_framing, framing_eval_lines

    result = eval_framing(data, split)
    return result, "\n".join(framing_eval_lines(result))


def _eval_align(data: Path, split: str, topics: int | None = None):
    from ..evaluation.align import evaluate_align, result_lines

    result = evaluate_align(data, topics)
    return result, "\n".join(result_lines(result))


_EVALUATIONS = {"timex": _eval_timex, "quotes": _eval_quotes, "coref": _eval_coref, "stories": _eval_stories,
                "framing": _eval_framing, "align": _eval_align}
