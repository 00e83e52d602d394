"""Reading labeled sentences for the framing scorer and span tagger.

Three forms are read (``read_training_data`` picks by path):

* a BABE-style CSV file, or a folder of them (below);
* a JSONL file: one object a line, ``text`` and ``spans`` (a list of
  ``[start, end]`` character offsets into ``text``, or of objects with ``start``
  and ``end``), optionally ``label`` (default: 1 when it has spans, else 0);
* a BASIL-style folder (``annotations/YEAR/*_ann.json`` beside
  ``articles/YEAR/*.json``): each body sentence a row, its lexical-bias spans
  (``"bias": "lex"``) its spans, labeled biased when it has one.

CSV columns (a header row is required; names are matched case-insensitively):

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
    [LabeledSentence(text='A vile plan.', label=1, biased_words=('vile',), spans=())]
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

POSITIVE = frozenset({"biased", "1", "true", "yes", "bias", "loaded"})
NEGATIVE = frozenset({"non-biased", "non biased", "not biased", "not-biased", "unbiased", "0", "false", "no",
                      "neutral"})
SKIPPED = frozenset({"no agreement"})
LABEL_COLUMNS = ("label", "label_bias")


@dataclass(frozen=True)
class LabeledSentence:
    """A sentence, 1 when labeled biased (else 0), and the words or spans marked as biased if given."""

    text: str
    label: int
    biased_words: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()


def read_training_data(path: Path) -> list[LabeledSentence]:
    """Labeled sentences from a CSV file or folder of them, a JSONL file, or a BASIL-style folder.

    Raises InputError naming the file (and row or line) of anything unreadable.
    """
    path = Path(path)
    if path.is_dir() and any(path.glob("annotations/*/*_ann.json")):
        return read_basil_folder(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return read_span_jsonl(path)
    if path.is_dir() and not any(path.glob("*.csv")):
        raise InputError(f"{path}: no training data found (expected *.csv files, or a BASIL-style folder with "
                         f"annotations/YEAR/*_ann.json beside articles/YEAR/*.json; or give a .jsonl file)")
    return read_labeled_csv(path)


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
    words = _words(cells[words_at] if words_at is not None and words_at < len(cells) else "", path, number)
    return LabeledSentence(text, _label_value(cells[label_at], f"{path}, row {number}"), words)


def _label_value(label, where: str) -> int:
    """1 for a biased label, 0 for a non-biased one (``POSITIVE`` / ``NEGATIVE``, any case).

    Raises InputError naming ``where`` (file and row or line) otherwise.
    """
    folded = str(label).strip().lower()
    if folded not in POSITIVE | NEGATIVE:
        raise InputError(f"{where}: label {label!r} is not one of Biased/Non-biased, 1/0, true/false, yes/no")
    return int(folded in POSITIVE)


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


# ------------------------------------------------------------------ JSONL with spans


def read_span_jsonl(path: Path) -> list[LabeledSentence]:
    """Rows of a JSONL file of ``text`` and ``spans`` (see the module docstring).

    Raises InputError naming the file and line of a bad line.

    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "s.jsonl"
    >>> _ = file.write_text('{"text": "A vile plan.", "spans": [[2, 6]]}\\n')
    >>> read_span_jsonl(file)[0].spans
    ((2, 6),)
    """
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} cannot be read as UTF-8 text: {exc}") from None
    rows = [_jsonl_row(line, path, number) for number, line in enumerate(lines, 1) if line.strip()]
    if not rows:
        raise InputError(f"{path}: no labeled rows")
    return rows


def _jsonl_row(line: str, path: Path, number: int) -> LabeledSentence:
    try:
        item = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{path}, line {number}: not JSON ({exc})") from None
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        raise InputError(f"{path}, line {number}: expected an object with a non-empty \"text\"")
    spans = tuple(_span(s, item["text"], path, number) for s in item.get("spans") or [])
    label = _label_value(item.get("label", int(bool(spans))), f"{path}, line {number}")
    return LabeledSentence(item["text"], label, (), spans)


def _span(value, text: str, path: Path, number: int) -> tuple[int, int]:
    start, end = (value.get("start"), value.get("end")) if isinstance(value, dict) else \
        tuple(value) if isinstance(value, list) and len(value) == 2 else (None, None)
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not (whole and 0 <= start < end <= len(text)):
        raise InputError(f"{path}, line {number}: span {value!r} is not [start, end] with "
                         f"0 <= start < end <= {len(text)} (the length of the text)")
    return start, end


# ------------------------------------------------------------------ BASIL-style folders


def basil_documents(folder: Path) -> list[dict]:
    """Each annotated article of a BASIL-style folder: ``triplet``, ``sentences``, ``lex`` and
    ``inf`` (sentence index -> spans), ``entities``.

    Raises InputError when no article is found or a file is not readable JSON.
    """
    documents = []
    for ann_path in sorted(Path(folder).glob("annotations/*/*_ann.json")):
        art_path = ann_path.parent.parent.parent / "articles" / ann_path.parent.name / ann_path.name.replace("_ann", "")
        if art_path.is_file():
            documents.append(_basil_document(art_path, ann_path))
    if not documents:
        raise InputError(f"no BASIL articles under {folder} (expected annotations/YEAR/*_ann.json "
                         f"and articles/YEAR/*.json)")
    return documents


def _basil_document(art_path: Path, ann_path: Path) -> dict:
    article, annotations = _json_file(art_path), _json_file(ann_path)
    spans: dict[str, dict[int, list[tuple[int, int]]]] = {"lex": {}, "inf": {}}
    for phrase in _phrases(annotations, ann_path):
        if not re.fullmatch(r"p\d+", str(phrase.get("id", ""))):
            continue  # annotations of the title ("title") are not in the body
        index = int(str(phrase["id"])[1:])
        spans.setdefault(phrase.get("bias"), {}).setdefault(index, []).append(_phrase_span(phrase, ann_path))
    return {"triplet": article.get("triplet-uuid", ""), "sentences": _body_sentences(article, art_path),
            "lex": spans["lex"], "inf": spans["inf"], "entities": article.get("main-entities", [])}


def _body_sentences(article: dict, path: Path) -> list[str]:
    paragraphs = article.get("body-paragraphs", [])
    if not (isinstance(paragraphs, list) and all(isinstance(p, list) and all(isinstance(s, str) for s in p)
                                                 for p in paragraphs)):
        raise InputError(f"{path}: body-paragraphs must be a list of paragraphs, each a list of sentences (strings)")
    return [s for paragraph in paragraphs for s in paragraph]


def _phrases(annotations: dict, path: Path) -> list[dict]:
    phrases = annotations.get("phrase-level-annotations", [])
    if not (isinstance(phrases, list) and all(isinstance(p, dict) for p in phrases)):
        raise InputError(f"{path}: phrase-level-annotations must be a list of objects")
    return phrases


def _phrase_span(phrase: dict, path: Path) -> tuple[int, int]:
    start, end = phrase.get("start"), phrase.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InputError(f"{path}, phrase {phrase.get('id')}: start and end must be whole numbers, "
                         f"found {start!r} and {end!r}")
    return start, end


def _json_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path} is not readable JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object")
    return data


def basil_rows(document: dict) -> list[LabeledSentence]:
    """The sentences of one BASIL document as rows: lexical-bias spans, biased when it has one."""
    return [LabeledSentence(text, int(i in document["lex"]), (), tuple(document["lex"].get(i, ())))
            for i, text in enumerate(document["sentences"]) if text.strip()]


def read_basil_folder(folder: Path) -> list[LabeledSentence]:
    """Every body sentence of a BASIL-style folder as a row (see ``basil_rows``)."""
    return [row for document in basil_documents(folder) for row in basil_rows(document)]
