"""Stories: articles that report the same event, and topics that gather related stories.

``features`` turns an article into term counts (words, title, names, days);
``clustering`` groups them (TF-IDF sub-vectors, time-damped similarity,
average linkage); ``placement`` clusters a whole store (``all_story_rows``)
or only the stories around new arrivals (``choose_neighbours`` + ``regroup``)
and describes stories for people (``describe_stories``). Pure functions over
``ArticleFeatures``; ``pipeline`` reads and writes the store around them.
"""

from __future__ import annotations

from .clustering import DocumentFrequencies, StoryParams, cluster, cluster_topics
from .features import article_features
from .placement import (
    POSTING_HITS, Story, Topic, all_story_rows, choose_neighbours, describe_stories, features_of, heavy_keys,
    no_cycle_collection, regroup, story_json, topic_json,
)

__all__ = [
    "POSTING_HITS", "DocumentFrequencies", "Story", "StoryParams", "Topic", "all_story_rows", "article_features",
    "choose_neighbours", "cluster", "cluster_topics", "describe_stories", "features_of", "heavy_keys",
    "no_cycle_collection", "regroup", "story_json", "topic_json",
]
