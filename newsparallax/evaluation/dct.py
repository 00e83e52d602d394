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

Usage:
    python -m newsparallax.evaluation.dct --shared ../shared
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from ..records import DateEstimate
from .timex import parse_timeml

SEED_DATES = {  # true dates of the seed articles, as far as they are known (see the corpus README)
    "000": "2023-05-25", "001": "2023-06", "002": "2024-03", "003": "2022-07", "004": "2023-05",
}
CORPORA = ("tempeval3", "ecbplus", "basil", "seeds")
SPLITS = ("all", "dev", "heldout")


@dataclass(frozen=True)
class DctCase:
    """One article with its true DCT (``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known)."""

    corpus: str
    name: str
    text: str
    truth: str


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
            cases.append(DctCase("tempeval3", path.stem, doc.text, doc.dct[:10]))
    return cases


def ecbplus_cases(root: Path) -> list[DctCase]:
    """ECB+ documents that carry a publication date."""
    from ..datasets import load_ecbplus

    return [DctCase("ecbplus", d.doc_id, d.text, d.date) for d in load_ecbplus(Path(root)) if d.date]


def basil_cases(root: Path) -> list[DctCase]:
    """BASIL articles (their body text; the title is metadata)."""
    from ..datasets import load_basil

    return [DctCase("basil", a.article_id, a.text, a.date[:10]) for a in load_basil(Path(root))]


def seed_cases(root: Path) -> list[DctCase]:
    """The seed articles with the dates of ``SEED_DATES``."""
    cases = []
    for path in sorted(Path(root).glob("*.txt")):
        truth = SEED_DATES.get(path.name[:3])
        if truth:
            cases.append(DctCase("seeds", path.stem, path.read_text(encoding="utf-8"), truth))
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


def evaluate_dct(cases: list[DctCase], estimates: list[DateEstimate]) -> dict[tuple[str, str], dict]:
    """Figures per (corpus, split), the splits being all, dev and heldout."""
    names: dict[str, list[str]] = {}
    for case in cases:
        names.setdefault(case.corpus, []).append(case.name)
    rank = {(corpus, name): i for corpus, n in names.items() for i, name in enumerate(sorted(n))}
    groups: dict[tuple[str, str], list[Outcome]] = {}
    for case, estimate in zip(cases, estimates):
        outcome = judge(estimate, case.truth)
        split = "heldout" if rank[case.corpus, case.name] % 3 == 2 else "dev"
        for key in ((case.corpus, "all"), (case.corpus, split)):
            groups.setdefault(key, []).append(outcome)
    return {key: figures(groups[key]) for key in sorted(groups, key=lambda k: (CORPORA.index(k[0]), SPLITS.index(k[1])))}


def estimate_all(cases: list[DctCase], batch_size: int = 16) -> list[DateEstimate]:
    """``infer_dct`` on every case's text (parsed with the project's spaCy pipeline)."""
    from ..nlp import load_nlp
    from ..timex import infer_dct

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


def main(argv: list[str] | None = None) -> int:
    """Command line: print the DCT table for the corpora under ``--shared``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared",
                        help="the shared folder holding eval/ and corpus/seeds (default: ../shared)")
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora (repeatable)")
    args = parser.parse_args(argv)
    cases = load_cases(args.shared, tuple(args.corpus or CORPORA))
    if not cases:
        print(f"no labeled documents found under {args.shared}", file=sys.stderr)
        return 2
    estimates = estimate_all(cases)
    print(format_table(evaluate_dct(cases, estimates)))
    print(format_seeds(cases, estimates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
