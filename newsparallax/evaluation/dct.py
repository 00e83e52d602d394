"""Measuring ``infer_dct`` on articles whose publication date is known, with the date withheld.

Each corpus gives texts and their true document creation time (DCT):

* ``tempeval3``: TimeBank / AQUAINT ``.tml`` files, DCT from the TIMEX3 with
  ``functionInDocument="CREATION_TIME"`` (only the ``<TEXT>`` is read);
* ``ecbplus``: ECB+ documents whose publication line gave a date (the loader
  already lifted that line out of the text);
* ``basil``: BASIL articles (all dated; the title is left out as metadata);
* ``seeds``: the five reference articles, dated by hand (some only to the month).

Per corpus: ``coverage`` (the estimated range contains the true date, or
overlaps its month when only the month is known), ``year`` and ``month``
(the estimate's value names the right year / month; a value with no month
never counts as a right month), the median range width in days and the
share of documents with no estimate; ``open`` is the share whose range has
no end on one side (their width is left out of the median). Misses with no estimate count against
coverage and accuracy; ``cov|est`` is the coverage among estimated ones.
Documents are split as for TimeX (sorted by name, every third held out), so
that a rule tuned on ``dev`` can be checked on ``heldout``.

Cross-article dating (``language.redated_estimates``, which gives yearless
days the year another article gives the same event) is measured from the same
parse, over batches of articles on one story: an ECB+ topic, a BASIL triplet;
TempEval-3 (mostly unrelated articles: a check on false anchoring) and the
seeds are one batch each. Setting ``a`` leaves every article undated; setting
``b`` lets every other ECB+ and BASIL article of a batch keep its true date as
metadata (its resolved dates are anchors) and scores only the undated ones.
Each table gives the figures per document and anchored, and how many
estimates anchoring changed: ``right`` (the range still holds the truth),
``wrong``, and ``lost`` (wrong ones that held it before: false anchoring, or
a clue that the new year brings into play). ``--show-lost`` lists those.

Usage:
    python -m newsparallax.evaluation.dct --shared ../shared [--no-anchored] [--show-lost]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from ..language.anchoring import PLACE_LABELS
from ..language.entities import EntityMention
from ..records import DateEstimate, Timex
from ..language.timex.dct import Statement, estimate_dct
from .timex import parse_timeml

SEED_DATES = {  # true dates of the seed articles, as far as they are known (see the corpus README)
    "000": "2023-05-25", "001": "2023-06", "002": "2024-03", "003": "2022-07", "004": "2023-05",
}
CORPORA = ("tempeval3", "ecbplus", "basil", "seeds")
SPLITS = ("all", "dev", "heldout")
DATED_SETTING = ("ecbplus", "basil")  # corpora whose batches report one event: half their articles keep a date


@dataclass(frozen=True)
class DctCase:
    """One article with its true DCT (``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known)."""

    corpus: str
    name: str
    text: str
    truth: str
    group: str = ""  # the batch cross-article dating reads it with: its ECB+ topic, BASIL triplet, or the corpus


@dataclass(frozen=True)
class Outcome:
    """How one estimate fared against the truth."""

    estimated: bool
    covered: bool
    year: bool
    month: bool
    width: int | None  # None for a range open on one side


# ---------------------------------------------------------------- the corpora


def tempeval_cases(root: Path) -> list[DctCase]:
    """TimeML files with a CREATION_TIME, their ``<TEXT>`` and DCT day."""
    cases = []
    for path in sorted(Path(root).rglob("*.tml"), key=lambda p: p.name):
        doc = parse_timeml(path)
        if doc.dct and doc.dct[:10].count("-") == 2:
            cases.append(DctCase("tempeval3", path.stem, doc.text, doc.dct[:10], "tempeval3"))
    return cases


def ecbplus_cases(root: Path) -> list[DctCase]:
    """ECB+ documents that carry a publication date."""
    from .datasets import load_ecbplus

    return [DctCase("ecbplus", d.doc_id, d.text, d.date, d.topic) for d in load_ecbplus(Path(root)) if d.date]


def basil_cases(root: Path) -> list[DctCase]:
    """BASIL articles (their body text; the title is metadata)."""
    from .datasets import load_basil

    return [DctCase("basil", a.article_id, a.text, a.date[:10], a.triplet) for a in load_basil(Path(root))]


def seed_cases(root: Path) -> list[DctCase]:
    """The seed articles with the dates of ``SEED_DATES``."""
    cases = []
    for path in sorted(Path(root).glob("*.txt")):
        truth = SEED_DATES.get(path.name[:3])
        if truth:
            cases.append(DctCase("seeds", path.stem, path.read_text(encoding="utf-8"), truth, "seeds"))
    return cases


def load_cases(shared: Path, corpora: tuple[str, ...] = CORPORA) -> list[DctCase]:
    """The cases of every corpus found under ``shared`` (``eval/...`` and ``corpus/seeds``); absent ones are skipped."""
    places = {"tempeval3": (tempeval_cases, shared / "eval" / "tempeval3"),
              "ecbplus": (ecbplus_cases, shared / "eval" / "ecbplus"),
              "basil": (basil_cases, shared / "eval" / "basil"),
              "seeds": (seed_cases, shared / "corpus" / "seeds")}
    cases = []
    for corpus in corpora:
        loader, folder = places[corpus]
        if folder.is_dir():
            cases.extend(loader(folder))
    return cases


# ---------------------------------------------------------------- scoring


def truth_period(truth: str) -> tuple[dt.date, dt.date]:
    """The first and last day the true date may be.

    >>> truth_period("2023-06")
    (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30))
    """
    if len(truth) == 10:
        day = dt.date.fromisoformat(truth)
        return day, day
    first = dt.date.fromisoformat(truth + "-01")
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def judge(estimate: DateEstimate, truth: str) -> Outcome:
    """Compare an estimate with the truth.

    >>> judge(DateEstimate("2023", True, "2023-01-01", "2023-07-31"), "2023-05-25")
    Outcome(estimated=True, covered=True, year=True, month=False, width=212)
    """
    first, last = truth_period(truth)
    value = estimate.value or ""
    start = dt.date.fromisoformat(estimate.range_start) if estimate.range_start else dt.date.min
    end = dt.date.fromisoformat(estimate.range_end) if estimate.range_end else dt.date.max
    estimated = bool(value or estimate.range_start or estimate.range_end)
    return Outcome(
        estimated=estimated,
        covered=estimated and start <= last and end >= first,
        year=value[:4] == truth[:4],
        month=len(value) >= 7 and value[:7] == truth[:7],
        width=(end - start).days + 1 if estimate.range_start and estimate.range_end else None,
    )


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """The table's figures for a list of outcomes."""
    n = len(outcomes)
    estimated = [o for o in outcomes if o.estimated]
    widths = [o.width for o in outcomes if o.width is not None]
    return {
        "n": n,
        "coverage": _share(sum(o.covered for o in outcomes), n),
        "cov|est": _share(sum(o.covered for o in estimated), len(estimated)),
        "year": _share(sum(o.year for o in outcomes), n),
        "month": _share(sum(o.month for o in outcomes), n),
        "median_width": statistics.median(widths) if widths else float("nan"),
        "open": _share(len(estimated) - len(widths), n),
        "none": _share(n - len(estimated), n),
    }


def _share(a: int, b: int) -> float:
    return a / b if b else float("nan")


def split_of(cases: list[DctCase]) -> list[str]:
    """Each case's split: sorted by name within its corpus, every third ``heldout``, the rest ``dev``.

    Computed over all of a corpus's cases, so that scoring a subset (the undated
    half of a setting) keeps every document in the split it has everywhere else.
    """
    names: dict[str, list[str]] = {}
    for case in cases:
        names.setdefault(case.corpus, []).append(case.name)
    rank = {(corpus, name): i for corpus, n in names.items() for i, name in enumerate(sorted(n))}
    return ["heldout" if rank[c.corpus, c.name] % 3 == 2 else "dev" for c in cases]


def _grouped(cases: list[DctCase], items: list, scored: list[bool] | None = None) -> dict[tuple[str, str], list]:
    """Items (one per case) by (corpus, split), each also under (corpus, "all"), in table order; unscored ones left out."""
    groups: dict[tuple[str, str], list] = {}
    for case, split, item, keep in zip(cases, split_of(cases), items, scored or [True] * len(cases)):
        for key in ((case.corpus, "all"), (case.corpus, split)) if keep else ():
            groups.setdefault(key, []).append(item)
    return {key: groups[key] for key in sorted(groups, key=lambda k: (CORPORA.index(k[0]), SPLITS.index(k[1])))}


def evaluate_dct(cases: list[DctCase], estimates: list[DateEstimate], scored: list[bool] | None = None) -> dict[tuple[str, str], dict]:
    """Figures per (corpus, split), the splits being all, dev and heldout; only the ``scored`` cases when given."""
    outcomes = [judge(estimate, case.truth) for case, estimate in zip(cases, estimates)]
    return {key: figures(group) for key, group in _grouped(cases, outcomes, scored).items()}


def estimate_all(cases: list[DctCase], batch_size: int = 16) -> list[DateEstimate]:
    """``infer_dct`` on every case's text (parsed with the project's spaCy pipeline)."""
    from ..language.nlp import load_nlp
    from ..language.timex import infer_dct

    nlp = load_nlp()
    return [infer_dct(doc) for doc in nlp.pipe((c.text for c in cases), batch_size=batch_size)]


def format_table(results: dict[tuple[str, str], dict]) -> str:
    """The figures as a plain-text table."""
    columns = ("n", "coverage", "cov|est", "year", "month", "median_width", "open", "none")
    lines = [f"{'corpus':<11}{'split':<9}" + "".join(f"{c:>9}" if c != "median_width" else f"{c:>13}" for c in columns)]
    for (corpus, split), row in results.items():
        cells = "".join(f"{row[c]:>9d}" if c == "n" else f"{row[c]:>9.3f}" if c != "median_width"
                        else f"{row[c]:>13.0f}" for c in columns)
        lines.append(f"{corpus:<11}{split:<9}{cells}")
    return "\n".join(lines)


def format_seeds(cases: list[DctCase], estimates: list[DateEstimate]) -> str:
    """One line per seed article: truth, value and range."""
    return "\n".join(f"{c.name[:3]}  truth {c.truth:<10}  value {e.value or '-':<10}  range {e.range_start} .. {e.range_end}"
                     for c, e in zip(cases, estimates) if c.corpus == "seeds")


# ---------------------------------------------------------------- cross-article dating


@dataclass(frozen=True)
class Parsed:
    """What cross-article dating reads from one parsed case, kept so that the parse is done once.

    ``places``: the case's place mentions (the only mentions anchoring reads);
    ``timexes``: its dates read against the true DCT, only for a case that
    keeps its date as metadata in the dated setting (else empty).
    """

    statements: tuple[Statement, ...]
    sentences: tuple[tuple[int, int], ...]
    places: tuple[EntityMention, ...]
    timexes: tuple[Timex, ...] = ()


def anchor_batches(cases: list[DctCase]) -> dict[tuple[str, str], list[int]]:
    """Indexes of the cases read together, by (corpus, group), each batch sorted by name.

    An ECB+ topic or a BASIL triplet reports the same events; TempEval-3 and the
    seeds are one batch each (TempEval-3's unrelated articles test false anchoring).
    """
    batches: dict[tuple[str, str], list[int]] = {}
    for i, case in enumerate(cases):
        batches.setdefault((case.corpus, case.group or case.corpus), []).append(i)
    return {key: sorted(items, key=lambda i: cases[i].name) for key, items in batches.items()}


def metadata_dated(cases: list[DctCase], corpora: tuple[str, ...] = DATED_SETTING) -> set[int]:
    """Indexes of the cases that keep their true date in the dated setting: every other one of each batch.

    Alternating within a batch (the second, fourth, ... by name) leaves every
    topic or triplet of two or more with dated and undated articles alike.
    """
    return {i for (corpus, _), items in anchor_batches(cases).items() if corpus in corpora for i in items[1::2]}


def parse_cases(cases: list[DctCase], dated: set[int] = frozenset(), batch_size: int = 16, nlp=None) -> list[Parsed]:
    """Parse every case once: its DCT clues and places, and for ``dated`` ones the dates its true DCT resolves."""
    from ..language.nlp import load_nlp

    docs = (nlp or load_nlp()).pipe((c.text for c in cases), batch_size=batch_size)
    return [_parsed(doc, case, i in dated) for i, (case, doc) in enumerate(zip(cases, docs))]


def _parsed(doc, case: DctCase, dated: bool) -> Parsed:
    from ..language.entities import mentions_from_doc
    from ..language.timex import dct_statements, tag_timexes

    places = tuple(m for m in mentions_from_doc(doc, case.name) if m.label in PLACE_LABELS)
    timexes = tuple(tag_timexes(doc, case.truth)) if dated else ()
    return Parsed(tuple(dct_statements(doc)), tuple((s.start_char, s.end_char) for s in doc.sents), places, timexes)


def per_document(parsed: list[Parsed]) -> list[DateEstimate]:
    """Each case's own estimate (what ``infer_dct`` gives: ``estimate_dct`` of its statements)."""
    return [estimate_dct(list(p.statements)) for p in parsed]


def _annotated(case: DctCase, parsed: Parsed, estimate: DateEstimate, dated: bool):
    """The parts of an ``Annotated`` that ``redated_estimates`` reads; a dated case carries no statements."""
    from ..language.annotate import Annotated

    if dated:
        estimate = DateEstimate(case.truth, False, case.truth, case.truth, "metadata")
    return Annotated(case.name, case.text, estimate, parsed.sentences, parsed.places,
                     parsed.timexes if dated else (), (), (), statements=() if dated else parsed.statements)


def anchored_estimates(cases: list[DctCase], parsed: list[Parsed], own: list[DateEstimate],
                       dated: set[int] = frozenset()) -> list[DateEstimate]:
    """Each case's estimate after ``redated_estimates`` over its batch (its own one where nothing changed)."""
    from ..language.annotate import redated_estimates

    result = list(own)
    for items in anchor_batches(cases).values():
        batch = [_annotated(cases[i], parsed[i], own[i], i in dated) for i in items]
        changed = redated_estimates(batch)
        for i in items:
            result[i] = changed.get(cases[i].name, own[i])
    return result


def count_changes(cases: list[DctCase], before: list[DateEstimate], after: list[DateEstimate],
                  scored: list[bool] | None = None) -> dict[tuple[str, str], dict[str, int]]:
    """Per (corpus, split): estimates changed, and of those right (range still holds the truth), wrong, and lost.

    ``lost``: wrong changes of estimates that held the truth before (false anchoring).
    """
    rows = [_change(b, a, c.truth) for c, b, a in zip(cases, before, after)]
    return {key: {name: sum(r[name] for r in group) for name in ("changed", "right", "wrong", "lost")}
            for key, group in _grouped(cases, rows, scored).items()}


def _change(before: DateEstimate, after: DateEstimate, truth: str) -> dict[str, int]:
    changed = before != after
    covered_before, covered_after = judge(before, truth).covered, judge(after, truth).covered
    return {"changed": int(changed), "right": int(changed and covered_after), "wrong": int(changed and not covered_after),
            "lost": int(changed and covered_before and not covered_after)}


@dataclass(frozen=True)
class Setting:
    """One way of dating by other articles: the estimates before and after, and which cases are scored."""

    name: str
    before: list[DateEstimate]
    after: list[DateEstimate]
    scored: list[bool]


def anchoring_settings(cases: list[DctCase], parsed: list[Parsed], own: list[DateEstimate],
                       dated: set[int]) -> list[Setting]:
    """(a) every case undated; (b) the ``dated`` cases keep their true date and the others are scored."""
    undated = Setting("a: all undated", own, anchored_estimates(cases, parsed, own), [True] * len(cases))
    scored = [i not in dated and c.corpus in DATED_SETTING for i, c in enumerate(cases)]
    half = Setting("b: every other dated", own, anchored_estimates(cases, parsed, own, dated), scored)
    return [undated, half] if any(scored) else [undated]


def format_anchoring(cases: list[DctCase], setting: Setting) -> str:
    """Per (corpus, split): the figures per document and anchored, and the changes anchoring made."""
    columns = ("n", "coverage", "cov|est", "year", "month", "median_width", "open")
    head = f"{'corpus':<11}{'split':<9}{'method':<10}" + "".join(f"{c:>13}" if c == "median_width" else f"{c:>9}" for c in columns)
    lines = [f"setting {setting.name}", head + "".join(f"{c:>8}" for c in ("changed", "right", "wrong", "lost"))]
    own = evaluate_dct(cases, setting.before, setting.scored)
    anchored = evaluate_dct(cases, setting.after, setting.scored)
    changes = count_changes(cases, setting.before, setting.after, setting.scored)
    for key in own:
        for method, row in (("per-doc", own[key]), ("anchored", anchored[key])):
            cells = "".join(f"{row[c]:>9d}" if c == "n" else f"{row[c]:>13.0f}" if c == "median_width"
                            else f"{row[c]:>9.3f}" for c in columns)
            tail = "".join(f"{changes[key][c]:>8d}" for c in changes[key]) if method == "anchored" else ""
            lines.append(f"{key[0]:<11}{key[1]:<9}{method:<10}{cells}{tail}")
    return "\n".join(lines)


def lost_cases(cases: list[DctCase], setting: Setting) -> list[tuple[DctCase, DateEstimate, DateEstimate]]:
    """The scored cases whose range held the truth until anchoring changed it: the candidates for false anchoring."""
    return [(c, b, a) for c, b, a, keep in zip(cases, setting.before, setting.after, setting.scored)
            if keep and b != a and judge(b, c.truth).covered and not judge(a, c.truth).covered]


_ANCHOR_NOTE = re.compile(r"^(?P<text>.+) = (?P<value>\S+), as article (?P<source>.+) dates the same event$")


def anchor_pairs(cases: list[DctCase], parsed: list[Parsed], case: DctCase, estimate: DateEstimate) -> list[tuple[str, str]]:
    """The sentence pairs behind an anchored estimate: the case's yearless one and the other article's dated one.

    Read back from the estimate's evidence ("July 11 = 2023-07-11, as article b
    dates the same event"): the source's statements, or its resolved dates when it
    kept its DCT, of that value.
    """
    by_name = {c.name: (c, p) for c, p in zip(cases, parsed)}
    pairs = []
    for note in filter(None, map(_ANCHOR_NOTE.match, estimate.evidence)):
        own = next((s.sentence for s in by_name[case.name][1].statements if s.text == note["text"]), "?")
        pairs += [(own, other) for other in _sentences_of(*by_name[note["source"]], note["value"])]
    return pairs


def _sentences_of(case: DctCase, parsed: Parsed, value: str) -> list[str]:
    """The sentences of a case stating a date within ``value`` (a statement, or a resolved date)."""
    found = [s.sentence for s in parsed.statements if s.value[:4].isdigit() and s.value.startswith(value[:len(s.value)])]
    found += [case.text[a:b] for t in parsed.timexes if t.value.startswith(value)
              for a, b in parsed.sentences if a <= t.start < b]
    return list(dict.fromkeys(" ".join(f.split()) for f in found))


def format_lost(cases: list[DctCase], parsed: list[Parsed], setting: Setting) -> str:
    """One block per lost case: both ranges and the two sentences of each anchoring behind it."""
    blocks = []
    for case, before, after in lost_cases(cases, setting):
        pairs = anchor_pairs(cases, parsed, case, after)
        blocks.append(f"lost: {case.corpus} {case.name} truth {case.truth}: {before.range_start} .. {before.range_end}"
                      f" -> {after.range_start} .. {after.range_end}\n"
                      + "\n".join(f"    this:  {' '.join(a.split())}\n    other: {b}" for a, b in pairs))
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the DCT table for the corpora under ``--shared``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared",
                        help="the shared folder holding eval/ and corpus/seeds (default: ../shared)")
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora (repeatable)")
    parser.add_argument("--no-anchored", dest="anchored", action="store_false",
                        help="skip the cross-article dating tables (per-document figures only)")
    parser.add_argument("--show-lost", action="store_true",
                        help="list the changes that lost the true date, with the sentences anchoring matched")
    args = parser.parse_args(argv)
    cases = load_cases(args.shared, tuple(args.corpus or CORPORA))
    if not cases:
        print(f"no labeled documents found under {args.shared}", file=sys.stderr)
        return 2
    dated = metadata_dated(cases) if args.anchored else set()
    parsed = parse_cases(cases, dated)
    estimates = per_document(parsed)
    print(format_table(evaluate_dct(cases, estimates)))
    print(format_seeds(cases, estimates))
    for setting in anchoring_settings(cases, parsed, estimates, dated) if args.anchored else ():
        print()
        print(format_anchoring(cases, setting))
        seeds = format_seeds(*zip(*[(c, e) for c, e, keep in zip(cases, setting.after, setting.scored) if keep]))
        for text in (seeds, format_lost(cases, parsed, setting) if args.show_lost else ""):
            if text:
                print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
