"""Parallax: read one news story through every outlet that covered it.

The Python API is the same set of functions the CLI calls (``pipeline``):

    >>> from pathlib import Path
    >>> from newsparallax import Settings, Store, ingest_paths
    >>> with Store("parallax.db") as store:                         # doctest: +SKIP
    ...     report = ingest_paths([Path("articles/")], store, Settings())
    ...     titles = [article.title for article in store.articles()]

Names are loaded on first use, so ``import newsparallax`` pulls in no
language model, no scikit-learn and no web framework.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it (imported when the name is first read)
_PUBLIC = {
    "Settings": "config",
    "ExtractionError": "errors", "InputError": "errors", "ParallaxError": "errors", "StoreError": "errors",
    "UnsupportedFormat": "errors",
    "Article": "records", "DateEstimate": "records", "RawRecord": "records", "Rejected": "records", "Removed": "records",
    "Store": "store",
    "IngestReport": "pipeline", "update": "pipeline", "analyze": "pipeline",
    "build_article": "ingest", "extract_file": "ingest",
}
_ALIASES = {"ingest_paths": ("pipeline", "ingest")}  # "ingest" itself is the stage sub-package

__all__ = sorted([*_PUBLIC, *_ALIASES, "__version__"])

if TYPE_CHECKING:  # pragma: no cover (for type checkers and IDEs only)
    from .config import Settings  # noqa: F401
    from .errors import ExtractionError, InputError, ParallaxError, StoreError, UnsupportedFormat  # noqa: F401
    from .ingest import build_article, extract_file  # noqa: F401
    from .pipeline import IngestReport, analyze, update  # noqa: F401
    from .pipeline import ingest as ingest_paths  # noqa: F401
    from .records import Article, DateEstimate, RawRecord, Rejected, Removed  # noqa: F401
    from .store import Store  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module, attribute = _PUBLIC[name], name
    elif name in _ALIASES:
        module, attribute = _ALIASES[name]
    else:
        raise AttributeError(f"module 'newsparallax' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value
