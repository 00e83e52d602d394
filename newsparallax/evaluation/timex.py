"""Scoring ``tag_timexes`` on TimeML data (TempEval-3 TBAQ-cleaned), the way TempEval-3 does.

Each ``.tml`` file gives the text (inside ``<TEXT>``, tags removed), its gold
TIMEX3s with character offsets, and the document creation time (the TIMEX3
with ``functionInDocument="CREATION_TIME"``, which is metadata and is not
scored). Figures, as in the official TempEval-3 scorer:

* strict span P/R/F1: exact offsets; relaxed span P/R/F1: any overlap;
* value F1 and type F1: relaxed F1 times the accuracy of the attribute over
  the gold expressions that have a relaxed match (a value counts only on a
  matched span).

Files are split by sorted name: every third file (index % 3 == 2) is held
out from development, to check that tuning did not fit the files.

Usage:
    python -m newsparallax.evaluation.timex --data ../shared/eval/tempeval3
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from .metrics import f1, ratio

REFERENCE = {  # published figures on TempEval-3 (F1)
    "HeidelTime": {"value_f1": 0.776, "relaxed_f1": 0.903},
    "spaCy DATE/TIME entities": {"strict_f1": 0.78, "relaxed_f1": 0.87},
    "dateparser search_dates": {"value_f1": 0.33},
}
SPLITS = ("all", "dev", "heldout")


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3: offsets into the raw text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    """One TimeML document as plain text, its DCT and its gold expressions."""

    name: str
    text: str
    dct: str | None
    gold: tuple[GoldTimex, ...]


def parse_timeml(path: Path) -> TimeMLDoc:
    """The raw text of ``<TEXT>`` (tags removed), its gold TIMEX3s and the DCT."""
    root = ET.parse(path).getroot()
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    _walk(root.find("TEXT"), pieces, gold, [0])
    return TimeMLDoc(path.stem, "".join(pieces), dct, tuple(gold))


def _walk(element, pieces: list[str], gold: list[GoldTimex], length: list[int]) -> None:
    """Append the element's text to ``pieces``, recording each TIMEX3's offsets (``length`` is a running total)."""
    _append(element.text, pieces, length)
    for child in element:
        start = length[0]
        _walk(child, pieces, gold, length)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
            text = "".join(pieces)[start:length[0]]
            gold.append(GoldTimex(start, length[0], text, child.get("type", ""), child.get("value", "")))
        _append(child.tail, pieces, length)


def _append(text: str | None, pieces: list[str], length: list[int]) -> None:
    if text:
        pieces.append(text)
        length[0] += len(text)


def split_files(data_dir: Path, split: str = "all") -> list[Path]:
    """The ``.tml`` files of a split: all, dev (two thirds) or heldout (every third by sorted name)."""
    files = sorted(Path(data_dir).rglob("*.tml"), key=lambda p: p.name)
    if split == "all":
        return files
    keep = (lambda i: i % 3 == 2) if split == "heldout" else (lambda i: i % 3 != 2)
    return [f for i, f in enumerate(files) if keep(i)]


@dataclass
class Tally:
    """Counts that the TempEval-3 figures are computed from."""

    gold: int = 0
    system: int = 0
    strict_recall: int = 0
    strict_precision: int = 0
    relaxed_recall: int = 0
    relaxed_precision: int = 0
    value: int = 0
    type: int = 0

    def add(self, gold, system) -> None:
        """Count one document: gold and system expressions with .start/.end/.type/.value."""
        self.gold += len(gold)
        self.system += len(system)
        exact = {(s.start, s.end) for s in system}
        gold_spans = {(g.start, g.end) for g in gold}
        self.strict_recall += sum((g.start, g.end) in exact for g in gold)
        self.strict_precision += sum((s.start, s.end) in gold_spans for s in system)
        self.relaxed_precision += sum(any(_overlap(s, g) for g in gold) for s in system)
        for g in gold:
            match = max((s for s in system if _overlap(s, g)), key=lambda s: _overlap(s, g), default=None)
            if match is not None:
                self.relaxed_recall += 1
                self.value += match.value == g.value
                self.type += match.type == g.type

    def figures(self) -> dict[str, float]:
        """Strict and relaxed P/R/F1, value and type F1 (relaxed F1 x attribute accuracy)."""
        out = {}
        for kind in ("strict", "relaxed"):
            p = ratio(getattr(self, f"{kind}_precision"), self.system)
            r = ratio(getattr(self, f"{kind}_recall"), self.gold)
            out |= {f"{kind}_p": p, f"{kind}_r": r, f"{kind}_f1": f1(p, r)}
        out["value_accuracy"] = ratio(self.value, self.relaxed_recall)
        out["type_accuracy"] = ratio(self.type, self.relaxed_recall)
        out["value_f1"] = out["relaxed_f1"] * out["value_accuracy"]
        out["type_f1"] = out["relaxed_f1"] * out["type_accuracy"]
        out["gold"], out["system"] = self.gold, self.system
        return out


def _overlap(a, b) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    type: str
    value: str


def evaluate_timex(data_dir: Path, splits: tuple[str, ...] = SPLITS, errors: list | None = None) -> dict:
    """TempEval-3 figures of ``tag_timexes`` (and, for comparison, of spaCy's DATE/TIME entities) per split.

    Returns ``{split: {"parallax": figures, "spacy_entities": figures, "files": n}}``;
    ``errors``, when given, collects (file, gold, system) per document for error analysis.
    """
    from ..language.nlp import load_nlp
    from ..language.timex import tag_timexes

    nlp = load_nlp()
    heldout = {p.name for p in split_files(data_dir, "heldout")}
    tallies = {s: (Tally(), Tally()) for s in splits}
    counts: Counter[str] = Counter()
    wanted = {p for split in splits for p in split_files(data_dir, split)}
    docs = [parse_timeml(p) for p in split_files(data_dir, "all") if p in wanted]
    for tml, doc in zip(docs, nlp.pipe(d.text for d in docs)):
        ours = tag_timexes(doc, tml.dct)
        ents = [_Span(e.start_char, e.end_char, e.label_, "") for e in doc.ents if e.label_ in ("DATE", "TIME")]
        for split in _splits_of(tml.name + ".tml", heldout, splits):
            tallies[split][0].add(tml.gold, ours)
            tallies[split][1].add(tml.gold, ents)
            counts[split] += 1
        if errors is not None:
            errors.append((tml, ours))
    return {s: {"parallax": tallies[s][0].figures(), "spacy_entities": tallies[s][1].figures(), "files": counts[s]}
            for s in splits}


def _splits_of(name: str, heldout: set[str], splits: tuple[str, ...]):
    for split in splits:
        if split == "all" or (split == "heldout") == (name in heldout):
            yield split


def format_table(results: dict) -> str:
    """The figures as a table, with the published reference figures beside ours."""
    columns = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_f1", "type_f1")
    lines = [f"{'system':<38}{'split':<9}{'files':>6}" + "".join(f"{c:>11}" for c in columns)]
    for split, result in results.items():
        for system in ("parallax", "spacy_entities"):
            row = result[system]
            cells = "".join(f"{row[c]:>11.3f}" if not (system == "spacy_entities" and c.startswith(("value", "type")))
                            else f"{'-':>11}" for c in columns)
            lines.append(f"{system:<38}{split:<9}{result['files']:>6}{cells}")
    for name, figures in REFERENCE.items():
        cells = "".join(f"{figures[c]:>11.3f}" if c in figures else f"{'':>11}" for c in columns)
        lines.append(f"{name + ' (published)':<38}{'TE3':<9}{'':>6}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the TempEval-3 table for ``--data``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .tml files (searched recursively)")
    args = parser.parse_args(argv)
    if not split_files(args.data):
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 2
    print(format_table(evaluate_timex(args.data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
