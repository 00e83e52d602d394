"""Parallax: read one news story through every outlet that covered it.

The Python API is the same set of functions the CLI calls:

    >>> from pathlib import Path
    >>> from newsparallax import Settings, Store, ingest_paths
    >>> with Store("parallax.db") as store:                         # doctest: +SKIP
    ...     report = ingest_paths([Path("articles/")], store, Settings())
    ...     titles = [article.title for article in store.articles()]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings
from .errors import ExtractionError, InputError, ParallaxError, StoreError, UnsupportedFormat
from .ingest import IngestReport, build_article, extract_file, ingest_paths
from .records import Article, DateEstimate, RawRecord, Rejected, Removed
from .store import Store

__all__ = [
    "Article", "DateEstimate", "ExtractionError", "IngestReport", "InputError", "ParallaxError", "RawRecord",
    "Rejected", "Removed", "Settings", "Store", "StoreError", "UnsupportedFormat", "__version__",
    "build_article", "extract_file", "ingest_paths",
]
