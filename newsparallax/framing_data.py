"""Reading labeled sentences for the framing scorer: BABE-style CSV files.

Columns (a header row is required; names are matched case-insensitively):

* ``text`` — the sentence;
* ``label`` or ``label_bias`` — ``Biased`` / ``Non-biased`` (also ``1``/``0``,
  ``true``/``false``, ``yes``/``no``, ``biased``/``unbiased``/``neutral``);
  ``No agreement`` rows are skipped, as BABE's own scripts do;
* ``biased_words`` (optional) — the words marked as biased, as a list
  (``['bizarre', 'crime']``) or separated by commas.

The separator (``;``, ``,`` or a tab) is detected from the header line.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = path.write_text("text;label_bias;biased_words\\nA vile plan.;Biased;['vile']\\n")
    >>> read_labeled_csv(path)
    [LabeledSentence(text='A vile plan.', label=1, biased_words=('vile',))]
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

POSITIVE = frozenset({"biased", "1", "true", "yes", "bias", "loaded"})
NEGATIVE = frozenset({"non-biased", "non biased", "not biased", "not-biased", "unbiased", "0", "false", "no",
                      "neutral"})
SKIPPED = frozenset({"no agreement"})
LABEL_COLUMNS = ("label", "label_bias")


@dataclass(frozen=True)
class LabeledSentence:
    """A sentence, 1 when labeled biased (else 0), and the words marked as biased if given."""

    text: str
    label: int
    biased_words: tuple[str, ...] = ()


def read_labeled_csv(path: Path) -> list[LabeledSentence]:
    """The labeled sentences of a CSV file, or of every ``*.csv`` in a folder (sorted by name).

    Raises InputError naming the file (and row, counting the header as row 1) when
    the file cannot be read, a column is missing, or a row is bad.
    """
    path = Path(path)
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"no *.csv file in {path}")
    rows = [row for file in files for row in _read_file(file)]
    if not rows:
        raise InputError(f"{path}: no labeled rows")
    return rows


def _read_file(path: Path) -> list[LabeledSentence]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} cannot be read as UTF-8 text: {exc}") from None
    reader = csv.reader(text.splitlines(), delimiter=_separator(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{path} is empty") from None
    columns = _columns(header, path)
    rows = []
    for number, cells in enumerate(reader, 2):
        row = _row(cells, columns, path, number)
        if row is not None:
            rows.append(row)
    return rows


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=header.count)


def _columns(header: list[str], path: Path) -> tuple[int, int, int | None]:
    label = next((header.index(c) for c in LABEL_COLUMNS if c in header), None)
    if "text" not in header or label is None:
        raise InputError(f"{path}: the header needs a 'text' column and a 'label' (or 'label_bias') column; "
                         f"found {', '.join(header) or 'nothing'}")
    words = header.index("biased_words") if "biased_words" in header else None
    return header.index("text"), label, words


def _row(cells: list[str], columns: tuple[int, int, int | None], path: Path, number: int) -> LabeledSentence | None:
    if not any(c.strip() for c in cells):
        return None  # blank lines are not rows
    text_at, label_at, words_at = columns
    if len(cells) <= max(text_at, label_at):
        raise InputError(f"{path}, row {number}: {len(cells)} fields, expected at least {max(text_at, label_at) + 1} "
                         f"(is the separator right?)")
    text, label = cells[text_at].strip(), cells[label_at].strip().lower()
    if label in SKIPPED:
        return None
    if not text:
        raise InputError(f"{path}, row {number}: the text is empty")
    if label not in POSITIVE | NEGATIVE:
        raise InputError(f"{path}, row {number}: label {cells[label_at]!r} is not one of "
                         f"Biased/Non-biased, 1/0, true/false, yes/no")
    words = _words(cells[words_at] if words_at is not None and words_at < len(cells) else "", path, number)
    return LabeledSentence(text, int(label in POSITIVE), words)


def _words(cell: str, path: Path, number: int) -> tuple[str, ...]:
    cell = cell.strip()
    if not cell:
        return ()
    if cell.startswith("["):
        try:
            value = ast.literal_eval(cell)  # a literal only: no code runs
        except (ValueError, SyntaxError):
            raise InputError(f"{path}, row {number}: biased_words {cell[:60]!r} is not a list such as ['a', 'b']") from None
        return tuple(str(w).strip() for w in value if str(w).strip())
    return tuple(w.strip() for w in cell.split(",") if w.strip())
