"""Comparison across the articles of one story: aligned claims, conflicts, a merged timeline, a cited summary.

``align`` groups the claims of different articles that state the same fact
and gives each article's status (asserts, hedges, denies, omits); ``signals``
and ``conflicts`` say where reported details differ (numbers, dates, scope);
``timeline`` (with ``timeline_dates``) merges dated events; ``summary``
writes the neutral summary whose every sentence cites its articles.
"""

from __future__ import annotations

from .align import ClaimGroup, align_claims, group_json
from .summary import summarize_story
from .timeline import TimelineEntry, build_timeline, timeline_json

__all__ = ["ClaimGroup", "TimelineEntry", "align_claims", "build_timeline", "group_json", "summarize_story",
           "timeline_json"]
