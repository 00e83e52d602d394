"""Benchmark: `annotate` throughput beside raw spaCy `nlp.pipe` on the same texts, in one run.

Prints articles/s of both and their ratio (goal: annotate >= 0.75 of raw spaCy).
Texts: BASIL and ECB+ articles from ../shared/eval (real news), first --articles of them.

    python bench/annotate.py [--data ../shared/eval] [--articles 500]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsparallax.evaluation.datasets import load_basil, load_ecbplus  # noqa: E402
from newsparallax.language.annotate import annotate_texts  # noqa: E402
from newsparallax.language.nlp import load_nlp  # noqa: E402


def texts(data: Path, count: int) -> list[tuple[str, str, str | None]]:
    basil = [(a.article_id, a.text, a.date) for a in load_basil(data / "basil")]
    ecb = [(d.doc_id, d.text, d.date) for d in load_ecbplus(data / "ecbplus")]
    return (basil + ecb)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    items = texts(args.data, args.articles)
    nlp = load_nlp()
    list(nlp.pipe(t for _, t, _ in items[:20]))  # warm up
    words = sum(len(t.split()) for _, t, _ in items)
    started = time.perf_counter()
    list(nlp.pipe((t for _, t, _ in items), batch_size=32))
    raw = time.perf_counter() - started
    started = time.perf_counter()
    annotated = list(annotate_texts(((i, t, d, False) for i, t, d in items), batch_size=32, nlp=nlp))
    ours = time.perf_counter() - started
    print(f"articles {len(items)}, words {words:,}")
    print(f"raw nlp.pipe      {raw:7.1f} s  {len(items) / raw:6.1f} articles/s")
    print(f"parallax annotate {ours:7.1f} s  {len(annotated) / ours:6.1f} articles/s")
    print(f"ratio (annotate / raw spaCy articles/s): {raw / ours:.2f}   (goal >= 0.75)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
