"""The framing lexicon: loading the shipped word list and finding its words in text.

The lexicon is data (``newsparallax/data/framing/lexicon.tsv``): one pattern per
line with a category and a weight, written by hand for Parallax (see the file's
header for provenance and syntax). ``rules.json`` next to it holds the word lists
of the rules in ``framing/rules.py``.

Example:
    >>> lexicon = load_lexicon()
    >>> [(m.text, m.category) for m in find_lexicon_terms("A bizarre, reckless plan.", lexicon)]
    [('bizarre', 'evaluative'), ('reckless', 'evaluative')]
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import InputError

CATEGORIES = ("epithet", "loaded_label", "pejorative", "evaluative", "hyperbole", "intensifier", "scare_quote")
LEXICON_CATEGORIES = CATEGORIES[:-1]  # scare quotes come from a rule only


@dataclass(frozen=True)
class LexiconEntry:
    """One line of the lexicon: a pattern, its category and its weight in [0, 1]."""

    pattern: str
    category: str
    weight: float


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicon: entries, one alternation regex, the rules' word lists, sentiment valences."""

    entries: tuple[LexiconEntry, ...]
    regex: re.Pattern
    rules: dict[str, Any]
    sentiment: dict[str, float]


@dataclass(frozen=True)
class TermMatch:
    """A lexicon or rule hit, with the weight the sentence scorer uses."""

    start: int
    end: int
    text: str
    category: str
    weight: float


def data_dir() -> Path:
    """The folder of the shipped framing data."""
    return Path(str(files("newsparallax") / "data" / "framing"))


@functools.lru_cache(maxsize=4)
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The lexicon in ``folder`` (default: the shipped one), compiled.

    Raises InputError naming the file and line when a file is missing or malformed.

    >>> len(load_lexicon().entries) > 300
    True
    """
    folder = folder or data_dir()
    entries = tuple(_read_entries(folder / "lexicon.tsv"))
    return Lexicon(entries=entries, regex=_compile(entries), rules=_read_rules(folder / "rules.json"),
                   sentiment=dict(_read_sentiment(folder / "vader_sentiment.tsv")))


def _data_lines(path: Path):
    """(line number, line) of a TSV data file, skipping comments, blank lines and the header."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"framing data file {path} cannot be read: {exc.strerror or exc}") from None
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    return rows[1:]  # the first non-comment line names the columns


def _read_entries(path: Path):
    for number, line in _data_lines(path):
        yield _parse_entry(line, path, number)


def _read_sentiment(path: Path):
    for number, line in _data_lines(path):
        word, _, value = line.partition("\t")
        try:
            yield word.strip(), float(value)
        except ValueError:
            raise InputError(f"{path}, line {number}: expected 'word<TAB>valence', got {line!r}") from None


def _parse_entry(line: str, path: Path, number: int) -> LexiconEntry:
    parts = line.split("\t")
    try:
        pattern, category, weight = parts[0].strip().lower(), parts[1].strip(), float(parts[2])
    except (IndexError, ValueError):
        raise InputError(f"{path}, line {number}: expected 'pattern<TAB>category<TAB>weight', got {line!r}") from None
    if category not in LEXICON_CATEGORIES or not 0 <= weight <= 1 or not pattern:
        raise InputError(f"{path}, line {number}: category must be one of {', '.join(LEXICON_CATEGORIES)} "
                         f"and weight in [0, 1], got {category!r} {weight}")
    return LexiconEntry(pattern, category, weight)


def _read_rules(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"framing rules {path} cannot be read: {exc}") from None


def pattern_regex(pattern: str) -> str:
    """The regular expression of one lexicon pattern (groups made non-capturing).

    >>> pattern_regex("so-called")
    'so[-\\\\s]called'
    """
    body = pattern.replace("(", "(?:").replace("-", r"[-\s]").replace(" ", r"\s+")
    return body


def _compile(entries: tuple[LexiconEntry, ...]) -> re.Pattern:
    # Longer patterns first so that "radical left" wins over "radical"; one named
    # group per entry tells which entry matched.
    order = sorted(range(len(entries)), key=lambda i: -len(entries[i].pattern))
    alternatives = "|".join(f"(?P<e{i}>{pattern_regex(entries[i].pattern)})" for i in order)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_lexicon_terms(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None) -> list[TermMatch]:
    """Every lexicon hit in ``text[start:end]``, left to right, with offsets into ``text``.

    >>> [m.text for m in find_lexicon_terms("They slammed the so-called reform.", load_lexicon())]
    ['slammed', 'so-called']
    """
    hits = []
    for match in lexicon.regex.finditer(text, start, len(text) if end is None else end):
        entry = lexicon.entries[int(match.lastgroup[1:])]
        hits.append(TermMatch(match.start(), match.end(), match.group(), entry.category, entry.weight))
    return hits
