"""Ingest: files of any supported format to clean, described ``Article`` records (or ``Rejected`` ones).

``readers`` walks inputs and yields ``RawRecord``\\s (text, HTML, JSON/JSONL/CSV,
RSS/Atom through ``feeds``, WARC through ``warc``, gzip); ``extract`` takes a
page's main text (trafilatura), ``fragments`` an HTML fragment's; ``clean``
strips the boilerplate that survives; ``metadata`` names outlet, date and
language; ``article.build_article`` does all of it for one record;
``nearduplicates`` finds copies by MinHash. Nothing here touches the store:
``pipeline.ingest`` does.
"""

from __future__ import annotations

from .article import build_article, extract_file
from .nearduplicates import NearDuplicateIndex
from .readers import decode_text, iter_input_files, load_sidecar, read_path

__all__ = ["NearDuplicateIndex", "build_article", "decode_text", "extract_file", "iter_input_files", "load_sidecar",
           "read_path"]
