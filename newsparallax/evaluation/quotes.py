"""Quote and attribution extraction measured on PolNeAR (brat standoff).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks every attribution in
US political news as a SOURCE, a CUE and a CONTENT span, linked by an
``E`` line; a content span may be discontinuous (a quote split around its
cue). The data is read from its folder by path and never copied.

Matching: one of our ``Quote``s matches the gold attribution whose content
it overlaps most (by characters). Because we emit one ``Quote`` per
contiguous quoted part, both halves of a split quote match the same gold
attribution, which is how PolNeAR's discontinuous content reads.

Precision and recall, for a set of gold attributions (all, or "speech"):

* content: a prediction is right when it overlaps (or, for ``exact``,
  equals after trimming edge spaces and punctuation) a gold content
  fragment; a gold attribution is found when some prediction overlaps it.
  For a subset, predictions matched to a gold attribution outside the
  subset count neither way; unmatched ones count as false positives.
* source / cue: a prediction is right when its content matches and its
  speaker (cue) span overlaps (equals) that attribution's source (cue).
* ``speaker_accuracy``: among matched predictions whose gold attribution
  has a source, the share whose speaker overlaps it.

The "speech" subset holds attributions whose cue contains a verb of saying
from ``SPEECH_CUE_LEMMAS`` (a fixed list here, kept apart from the
extractor's lexicon so that tuning the extractor cannot move the yardstick)
or "according to".

Example:
    $ python -m newsparallax.evaluation.quotes --data ../shared/eval/polnear --split dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from .metrics import f1, ratio

Span = tuple[int, int]

# Verbs of communication whose complement is what was said; mental-state verbs
# (think, believe, hope) and evaluations (praise, criticize) stay out.
SPEECH_CUE_LEMMAS = frozenset("""
say tell write add ask note report announce claim argue explain declare tweet
state warn insist reply respond suggest acknowledge admit deny assert confirm
stress emphasize emphasise recall comment remark mention predict promise vow
pledge urge complain contend maintain testify reiterate repeat concede boast
allege counter retort answer inform disclose reveal observe caution quip joke
proclaim affirm declare predict lament estimate post
""".split())

EDGE_CHARS = " \t\n\"'“”‘’.,;:!?()[]—–-"


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: spans as (start, end) fragments of the text."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    speech: bool = False


# ------------------------------------------------------------------ reading


def parse_ann(ann_text: str) -> list[GoldAttribution]:
    """The attributions of one brat file (``speech`` left False).

    >>> ann = "T1\\tSource 0 3\\tAbe\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 12\\tyes\\n" \\
    ...       "E1\\tAttribution:T2 Content:T3 Cue:T2 Source:T1\\n"
    >>> parse_ann(ann)[0].source
    ((0, 3),)
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events = []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].split(" ", 1)[1]
            spans[parts[0]] = tuple(tuple(map(int, o.split())) for o in offsets.split(";"))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(role.split(":", 1) for role in parts[1].split()))
    return [_attribution(event, spans) for event in events if "Content" in event]


def _attribution(event: dict[str, str], spans: dict[str, tuple[Span, ...]]) -> GoldAttribution:
    def get(role: str) -> tuple[Span, ...]:
        return spans.get(event.get(role, ""), ())

    return GoldAttribution(content=get("Content"), cue=get("Cue"), source=get("Source"))


def split_files(data_dir: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; where several annotators did one article, the first."""
    chosen: dict[str, Path] = {}
    for ann in sorted((data_dir / split / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [(data_dir / split / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def mark_speech(doc, gold: list[GoldAttribution]) -> list[GoldAttribution]:
    """The same attributions, ``speech`` set from the lemmas of each cue's tokens."""
    return [GoldAttribution(g.content, g.cue, g.source, _is_speech_cue(doc, g.cue)) for g in gold]


def _is_speech_cue(doc, cue: tuple[Span, ...]) -> bool:
    text = " ".join(doc.text[s:e].lower() for s, e in cue)
    if "according to" in text:
        return True
    tokens = [t for s, e in cue for t in _tokens_in(doc, s, e)]
    return any(t.lemma_.lower() in SPEECH_CUE_LEMMAS for t in tokens)


def _tokens_in(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


# ------------------------------------------------------------------ matching


def overlap(a: Span, b: Span) -> int:
    """Characters shared by two spans.

    >>> overlap((0, 5), (3, 9)), overlap((0, 2), (2, 4))
    (2, 0)
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_span(text: str, a: Span, b: Span) -> bool:
    """Equal once edge spaces, quote marks and punctuation are trimmed."""
    return _trim(text, a) == _trim(text, b)


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return start, end


def best_match(span: Span, gold: list[GoldAttribution], cue: Span | None = None) -> int | None:
    """Index of the gold attribution whose content overlaps ``span`` most.

    Where contents nest ("X said Y told Z that ..."), an attribution whose
    cue also overlaps ``cue`` is preferred.
    """
    scores = [(_shared(span, g.content), bool(cue) and _shared(cue, g.cue) > 0, i) for i, g in enumerate(gold)]
    scores = [(cue_hit, shared, i) for shared, cue_hit, i in scores if shared > 0]
    return max(scores)[2] if scores else None


def _shared(span: Span, fragments: tuple[Span, ...]) -> int:
    return sum(overlap(span, f) for f in fragments)


def _hits(text: str, span: Span | None, fragments: tuple[Span, ...]) -> tuple[bool, bool]:
    """(overlap, exact) of a predicted span against gold fragments."""
    if span is None or not fragments:
        return False, False
    whole = (fragments[0][0], fragments[-1][1])
    exact = any(same_span(text, span, f) for f in (*fragments, whole))
    return any(overlap(span, f) for f in fragments), exact


# ------------------------------------------------------------------ scoring


@dataclass
class Tally:
    """Counts for one field and one match mode."""

    pred: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    def scores(self) -> dict[str, float]:
        p, r = ratio(self.right, self.pred), ratio(self.found, self.gold)
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1(p, r), 4), "pred": self.pred, "gold": self.gold}


def new_tallies() -> dict:
    """One Tally per field and mode, plus the speaker-accuracy counts."""
    tallies = {f"{field}_{mode}": Tally() for field in ("content", "source", "cue") for mode in ("overlap", "exact")}
    tallies["speaker"] = Tally()
    return tallies


def score_doc(text: str, quotes, gold: list[GoldAttribution], keep: Callable[[GoldAttribution], bool], tallies: dict) -> None:
    """Add one document's counts to ``tallies`` for the gold attributions ``keep`` selects."""
    found: dict[str, set[int]] = {key: set() for key in tallies}
    for quote in quotes:
        _score_quote(text, quote, gold, keep, tallies, found)
    for index, g in enumerate(gold):
        if keep(g):
            _count_gold(g, index, tallies, found)


def _score_quote(text, quote, gold, keep, tallies, found) -> None:
    content = (quote.content.start, quote.content.end)
    index = best_match(content, gold, _pair(quote.cue))
    if index is not None and not keep(gold[index]):
        return  # matched an attribution outside the subset: neither right nor wrong here
    g = gold[index] if index is not None else None
    fields = {
        "content": (content, g.content if g else ()),
        "source": (_pair(quote.speaker), g.source if g else ()),
        "cue": (_pair(quote.cue), g.cue if g else ()),
    }
    for name, (span, fragments) in fields.items():
        if span is None:
            continue
        hit_overlap, hit_exact = _hits(text, span, fragments)
        for mode, hit in (("overlap", hit_overlap), ("exact", hit_exact)):
            tallies[f"{name}_{mode}"].pred += 1
            tallies[f"{name}_{mode}"].right += hit
            if hit:
                found[f"{name}_{mode}"].add(index)
    if g is not None and g.source:
        tallies["speaker"].pred += 1
        tallies["speaker"].right += _hits(text, _pair(quote.speaker), g.source)[0]


def _count_gold(g: GoldAttribution, index: int, tallies: dict, found: dict) -> None:
    for key, tally in tallies.items():
        if key == "speaker":
            continue
        field = key.split("_")[0]
        if getattr(g, field):
            tally.gold += 1
            tally.found += index in found[key]


def _pair(span) -> Span | None:
    return (span.start, span.end) if span is not None else None


# ------------------------------------------------------------------ driver


def evaluate_quotes(data_dir: Path, split: str = "dev", limit: int | None = None, extract: Callable | None = None) -> dict:
    """Scores of ``extract_quotes`` on one PolNeAR split (``limit``: every k-th article, for speed).

    Returns ``{"all": {...}, "speech": {...}, "articles": n, "seconds": s}``;
    each inner dict maps ``content_overlap``, ``content_exact``, ``source_*``,
    ``cue_*`` to P/R/F1 and ``speaker_accuracy`` to a share.
    """
    from ..language.nlp import load_nlp

    if extract is None:
        from ..language.quotes import extract_quotes as extract
    nlp, started = load_nlp(), time.perf_counter()
    files = _sample(split_files(Path(data_dir), split), limit)
    groups = {"all": new_tallies(), "speech": new_tallies()}
    for doc, gold in zip(nlp.pipe(_texts(files)), _golds(files)):
        gold = mark_speech(doc, gold)
        quotes = extract(doc)
        score_doc(doc.text, quotes, gold, lambda g: True, groups["all"])
        score_doc(doc.text, quotes, gold, lambda g: g.speech, groups["speech"])
    result = {name: _report(tallies) for name, tallies in groups.items()}
    result.update(articles=len(files), seconds=round(time.perf_counter() - started, 1))
    return result


def _sample(files: list, limit: int | None) -> list:
    if not limit or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def _texts(files) -> Iterable[str]:
    return (text.read_text(encoding="utf-8") for text, _ in files)


def _golds(files) -> Iterable[list[GoldAttribution]]:
    return (parse_ann(ann.read_text(encoding="utf-8")) for _, ann in files)


def _report(tallies: dict) -> dict:
    report = {key: tally.scores() for key, tally in tallies.items() if key != "speaker"}
    speaker = tallies["speaker"]
    report["speaker_accuracy"] = round(speaker.right / speaker.pred, 4) if speaker.pred else 0.0
    report["speaker_matched"] = speaker.pred
    return report


def format_report(result: dict) -> str:
    """A plain-text table of ``evaluate_quotes``' result."""
    lines = [f"articles: {result['articles']}  seconds: {result['seconds']}"]
    for group in ("all", "speech"):
        report = result[group]
        lines.append(f"\n[{group} attributions]   {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}")
        for key, s in report.items():
            if isinstance(s, dict):
                lines.append(f"  {key:<18} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['pred']:6d} {s['gold']:6d}")
        lines.append(f"  speaker right on {report['speaker_accuracy']:.3f} of {report['speaker_matched']} matched quotes")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m newsparallax.evaluation.quotes --data DIR [--split dev]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the PolNeAR folder (holding train/ and dev/)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only this many articles, spread evenly")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not (args.data / args.split / "attributions").is_dir():
        print(f"no PolNeAR split at {args.data / args.split}", file=sys.stderr)
        return 2
    result = evaluate_quotes(args.data, args.split, args.limit)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
