"""Synthetic but varied article files for tests that need many of them (no two alike)."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "minister port union strike talks government officials said on Monday Tuesday Wednesday the a of to in "
    "and workers ships harbour cranes exporters delays weeks transport urged sides table end week council "
    "city flood river banks homes police investigation company merger shares market bank rate inflation "
    "summit leaders agreed plan budget election vote parliament court ruling appeal report according sources"
).split()


def article_text(number: int, sentences: int = 12) -> str:
    """A distinct pseudo-article: the number seeds the words, so each text differs from the others."""
    rng = random.Random(number)
    lines = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
        lines.append(" ".join(words).capitalize() + f" {number}.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` text files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article_{number:05d}.txt"
        path.write_text(article_text(number), encoding="utf-8")
        paths.append(path)
    return paths
