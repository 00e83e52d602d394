"""The report the views show, read from a store: ``load_report``.

There is one report builder, ``newsparallax.pipeline.report_of`` (what
``parallax analyze`` writes as ``report.json``); the app shows exactly that,
so a page and the file never disagree.

Example:
    >>> from newsparallax.store import Store
    >>> with Store(":memory:") as store:
    ...     sorted(load_report(store))[:3]
    ['articles', 'claims', 'entities']
"""

from __future__ import annotations

from typing import Any

from .. import pipeline


def load_report(store, framing_model=None) -> dict[str, Any]:
    """The report of everything in ``store``, as plain JSON-ready data.

    Raises whatever ``build_report`` raises (a StoreError for an unreadable store).
    """
    return pipeline.report_of(store, framing_model)
