"""Settings: one frozen object, every default defined here and nowhere else.

Example:
    >>> from newsparallax.config import Settings
    >>> Settings().max_document_bytes
    10485760
    >>> Settings(max_document_bytes=1024).max_document_bytes
    1024
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_DB = Path("parallax.db")

# Column names a JSON/CSV record may use for each field, matched case-insensitively.
# The first name present wins, so the order is from most to least specific.
DEFAULT_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article_body", "articlebody", "article", "full_text", "maintext", "story"),
    "title": ("title", "headline", "heading", "name"),
    "url": ("url", "link", "href", "canonical_url", "permalink"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "site_name", "domain", "newspaper", "source_name"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "published": ("published", "date", "published_at", "publish_date", "pubdate", "date_publish", "datetime", "published_date", "time"),
    "summary": ("summary", "description", "abstract", "excerpt", "lede"),
}


@dataclass(frozen=True)
class Settings:
    """Every tunable of the engine, with its default.

    ``field_map`` overrides the record field names for JSON/CSV input, e.g.
    ``{"text": "article_body"}`` (what ``--map text=article_body`` gives).
    """

    max_document_bytes: int = 10 * 1024 * 1024
    encoding: str | None = None  # None: UTF-8/UTF-16 by BOM, or the charset an HTML/XML file declares
    field_map: dict[str, str] = field(default_factory=dict)
    min_text_chars: int = 40
    # Near-duplicates: word 5-gram shingles, 128 permutations, Jaccard >= 0.7 counts as a copy.
    shingle_words: int = 5
    minhash_permutations: int = 128
    near_duplicate_threshold: float = 0.7
    batch_size: int = 200
    # Run the language layer (spaCy) on new articles at ingest; stories then use resolved names and event dates.
    annotate: bool = True

    def __post_init__(self) -> None:
        if self.max_document_bytes <= 0:
            raise ConfigError(f"max_document_bytes must be a positive number of bytes, not {self.max_document_bytes}")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError(f"near_duplicate_threshold must be in (0, 1], not {self.near_duplicate_threshold}")
        unknown = set(self.field_map) - set(DEFAULT_FIELD_NAMES)
        if unknown:
            raise ConfigError(
                f"unknown field(s) in the field map: {', '.join(sorted(unknown))}; "
                f"valid fields are {', '.join(DEFAULT_FIELD_NAMES)}"
            )

    def names_for(self, field_name: str) -> tuple[str, ...]:
        """The record keys tried for ``field_name``, a user mapping first."""
        mapped = self.field_map.get(field_name)
        defaults = DEFAULT_FIELD_NAMES[field_name]
        return (mapped.lower(), *defaults) if mapped else defaults

    def with_changes(self, **changes: object) -> "Settings":
        """A copy with some values changed (validated again)."""
        return replace(self, **changes)


def parse_field_map(spec: str | None) -> dict[str, str]:
    """Parse ``"text=article_body,title=headline"`` into a dict.

    Raises ConfigError on a malformed pair.

    >>> parse_field_map("text=article_body, title=Headline")
    {'text': 'article_body', 'title': 'Headline'}
    """
    if not spec:
        return {}
    pairs = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"--map takes FIELD=COLUMN pairs separated by commas, got {part!r}")
        pairs[key.strip().lower()] = value.strip()
    return pairs
