"""Benchmark the HTML-to-article-text layer against plain trafilatura.

Runs, on the same pages and in one process, (a) ``trafilatura.extract(html)``
with its default settings and (b) ``newsparallax.ingest.extract.extract_html``, and prints
pages, precision, recall, F1 and pages/s for each.

The data is the Scrapinghub article-extraction-benchmark (MIT): a folder with
``html/<id>.html.gz`` and ``ground-truth.json`` (id -> {"articleBody": ...}).
It is never copied into this repository; pass its location with ``--data``::

    .venv/bin/python bench/extraction.py
    .venv/bin/python bench/extraction.py --data ../shared/eval/article-extraction-benchmark

The metric reproduces that benchmark's ``evaluate.py``: per page, the multisets
of word 4-gram shingles of the prediction and of the gold text are compared;
precision is averaged over the pages where the system produced some text, recall
over the pages that have gold text, and F1 is computed from the two means.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval" / "article-extraction-benchmark"

# Tokens are runs of word characters, as in the benchmark's scorer: punctuation
# is dropped, so "U.S." and "U. S." tokenize alike, and case is kept.
_TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Count the word ``size``-gram shingles of ``text`` (with repeats).

    A text shorter than ``size`` tokens gives one shorter shingle, so a short
    but non-empty prediction still counts, as in the benchmark's scorer.

    >>> shingles("a b c d e")
    Counter({('a', 'b', 'c', 'd'): 1, ('b', 'c', 'd', 'e'): 1})
    """
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(last))


def shingle_scores(pred: str, gold: str) -> tuple[float, float]:
    """Return the (precision, recall) of ``pred`` against ``gold`` for one page.

    Shingles are matched as multisets: a shingle repeated twice in the gold
    text is only fully recalled if the prediction also has it twice. Two empty
    texts score (1.0, 1.0); an empty side otherwise scores 0.0.

    >>> shingle_scores("one two three four five", "one two three four")
    (0.5, 1.0)
    """
    pred_sh, gold_sh = shingles(pred), shingles(gold)
    if pred_sh == gold_sh:
        return 1.0, 1.0
    tp = sum((pred_sh & gold_sh).values())
    n_pred, n_gold = sum(pred_sh.values()), sum(gold_sh.values())
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return precision, recall


@dataclass(frozen=True)
class Scores:
    """Aggregate figures of one system over a set of pages."""

    pages: int
    precision: float
    recall: float
    f1: float


def aggregate_scores(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Average per-page scores over ``(pred, gold)`` pairs, as evaluate.py does.

    Precision is averaged only over pages where the prediction has at least one
    token (a system that abstains is not penalised on precision, only on
    recall); recall only over pages whose gold text has a token.

    >>> aggregate_scores([("a b c d", "a b c d"), ("", "x y z w")])
    Scores(pages=2, precision=1.0, recall=0.5, f1=0.6666666666666666)
    """
    precisions: list[float] = []
    recalls: list[float] = []
    pages = 0
    for pred, gold in pairs:
        pages += 1
        precision, recall = shingle_scores(pred, gold)
        if _TOKEN_RE.search(pred or ""):
            precisions.append(precision)
        if _TOKEN_RE.search(gold or ""):
            recalls.append(recall)
    mean_p = sum(precisions) / len(precisions) if precisions else 0.0
    mean_r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * mean_p * mean_r / (mean_p + mean_r) if mean_p + mean_r else 0.0
    return Scores(pages, mean_p, mean_r, f1)


def load_pages(data_dir: Path) -> list[tuple[str, str, str]]:
    """Load ``(page_id, html, gold_text)`` for every page of the benchmark."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((data_dir / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        if page_id not in truth:
            continue
        # The benchmark states its pages are utf-8; decode leniently anyway.
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append((page_id, html, truth[page_id].get("articleBody") or ""))
    return pages


def run_system(
    extract: Callable[[str], str], pages: list[tuple[str, str, str]]
) -> tuple[Scores, float, list[str]]:
    """Run ``extract`` on every page; return scores, pages/s and the outputs."""
    outputs = []
    start = time.perf_counter()
    for _page_id, html, _gold in pages:
        outputs.append(extract(html))
    elapsed = time.perf_counter() - start
    scores = aggregate_scores(zip(outputs, (gold for _, _, gold in pages)))
    return scores, len(pages) / elapsed if elapsed else float("inf"), outputs


def plain_trafilatura(html: str) -> str:
    """System (a): trafilatura with its default settings."""
    import trafilatura

    return trafilatura.extract(html) or ""


def parallax(html: str) -> str:
    """System (b): our extractor; a page it rejects counts as no output."""
    from newsparallax.errors import ExtractionError
    from newsparallax.ingest.extract import extract_html

    try:
        return extract_html(html).text
    except ExtractionError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="benchmark folder with html/ and ground-truth.json "
        "(default: ../shared/eval/article-extraction-benchmark)",
    )
    parser.add_argument(
        "--per-page", action="store_true", help="also print per-page F1 of both systems"
    )
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file() or not (args.data / "html").is_dir():
        print(
            f"benchmark data not found at {args.data}: expected ground-truth.json and "
            "html/*.html.gz (the Scrapinghub article-extraction-benchmark); pass --data DIR",
            file=sys.stderr,
        )
        return 2
    # Allow running as a script from anywhere: the package lives at the repo root.
    sys.path.insert(0, str(REPO_ROOT))
    pages = load_pages(args.data)
    print(f"{'system':<22}{'pages':>6}{'precision':>11}{'recall':>8}{'F1':>8}{'pages/s':>9}")
    results = {}
    for name, system in (("trafilatura (default)", plain_trafilatura), ("parallax", parallax)):
        scores, speed, outputs = run_system(system, pages)
        results[name] = outputs
        print(
            f"{name:<22}{scores.pages:>6}{scores.precision:>11.3f}{scores.recall:>8.3f}"
            f"{scores.f1:>8.3f}{speed:>9.1f}"
        )
    if args.per_page:
        _print_per_page(pages, results)
    return 0


def _print_per_page(pages: list[tuple[str, str, str]], results: dict[str, list[str]]) -> None:
    """Print per-page F1 for each system, worst pages of the last system first."""
    names = list(results)
    rows = []
    for i, (page_id, _html, gold) in enumerate(pages):
        f1s = []
        for name in names:
            p, r = shingle_scores(results[name][i], gold)
            f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        rows.append((f1s[-1], page_id, f1s))
    for _, page_id, f1s in sorted(rows):
        print(page_id[:16], " ".join(f"{f:.3f}" for f in f1s))


if __name__ == "__main__":
    sys.exit(main())
