"""Stories and topics: batch (``all_story_rows``) and streaming (``choose_neighbours`` + ``regroup``).

A *story* is one real-world event or development as reported; a *topic*
gathers related stories over time. Every article belongs to exactly one story.

* ``all_story_rows`` clusters every article (``clustering.cluster``) and the
  stories into topics (``pipeline.restory`` writes them in place of what the
  store had).
* ``choose_neighbours`` and ``regroup`` cluster new articles together with the
  stories they come close to — found by ``pipeline.place`` through the store's
  postings of heavy terms, never by comparing with every story — so only those
  stories are replaced. Both use the same function and the store-wide
  document frequencies, so the stories depend on the set of articles, not on
  the order they arrived in.
* ``describe_stories`` names and describes stories for people.

Pure functions over ``ArticleFeatures`` and story rows ``(story id, topic id,
article ids)``: nothing here reads or writes the store. Ids are stable: a
story is named after its earliest article (by first possible day, then id),
a topic after its earliest story.

Example:
    >>> from newsparallax.stories.features import article_features
    >>> strike = [article_features(f"a{i}", "Dockworkers strike in Valencia",
    ...           "Dockworkers at the port of Valencia went on strike over automation.", ("2025-06-02", "2025-06-02"))
    ...           for i in range(2)]
    >>> [members for _, _, members in all_story_rows(strike)]
    [['a0', 'a1']]
"""

from __future__ import annotations

import logging

import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from dataclasses import replace

from .clustering import DocumentFrequencies, StoryParams, cluster, cluster_topics
from ..language import PRONOUNS
from ..language.timex import period
from ..records import Article, Event
from .features import ArticleFeatures, article_features

log = logging.getLogger(__name__)

OPEN_END = "9999-12-31"  # the last day of a range with no known end
OPEN_START = "0001-01-01"  # the first day of a range with no known start
LOCAL_LIMIT = 300  # articles clustered again around new arrivals, at most (whole stories only; 400 joins
# a few more arrivals to their story on the 100k bench, 81 against 77 of 120, but takes 116 ms a placement, not ~80)
POSTING_HITS = 200  # nearby articles looked at per new article, at most
POSTING_KEYS = 20  # heavy terms per article in the postings


def canonical_order(features: list[ArticleFeatures]) -> list[ArticleFeatures]:
    """Dated articles by first possible day, then the undated; ties by id."""
    return sorted(features, key=lambda f: (f.day_start is None, f.day_start or 0, f.article_id))


def heavy_keys(vector: dict[tuple[str, str], float], count: int = POSTING_KEYS) -> list[str]:
    """The blocking keys of an article: its heaviest (space, term) pairs, as "space:term"."""
    heaviest = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
    return [f"{space}:{term}" for (space, term), _ in heaviest]


def features_of(article: Article, annotation: dict | None = None) -> ArticleFeatures:
    """The clustering features of a stored article.

    With the language layer's annotation, the months and weeks of the events
    the article reports join its names as "@YYYY-MM" and "@YYYY-Www" terms,
    and the document date is the published day, else the annotation's
    inferred DCT range (open-ended ones end on ``OPEN_END``). Names stay the
    capitalised words: the resolved mentions' keys scored lower on ECB+ and
    BASIL (``evaluation.stories --language``): the small spaCy model misses
    names that capitalised words catch (an ECB+ report's TV series "Scrubs").
    """
    features = article_features(article.id, article.title, article.text, _day_range(article, annotation))
    if not annotation:
        return features
    return replace(features, names={**features.names, **_time_names(annotation)})


def _day_range(article: Article, annotation: dict | None) -> tuple[str, str] | None:
    date = article.published
    if date.value and len(date.value) == 10 and not date.inferred:
        return date.value, date.value
    dct = (annotation or {}).get("dct") or {}
    start, end = dct.get("range_start"), dct.get("range_end")
    if dct.get("soft_start"):
        start = OPEN_START if end else None  # a guessed start says nothing; "before 2027" alone little
    if start:  # open at the end ("after October 2023"): still far from what ended before it
        return start, end or OPEN_END
    if date.range_start and date.range_end:
        return date.range_start, date.range_end
    return None


def _time_names(annotation: dict) -> Counter:
    """The "@" month and week terms of every dated mention of an annotation."""
    return Counter(term for timex in annotation.get("timexes", []) for term in _time_terms(timex))


def _time_terms(timex: dict) -> list[str]:
    """The month ("@2025-06") of a dated mention, and its ISO week ("@2025-W23") when its day is sure.

    Reports of one event name the same days ("on Monday", "June 2, 2025");
    a report of the next development in the same month names other weeks.
    """
    value = timex["value"]
    if timex["type"] not in ("DATE", "TIME") or not re.match(r"^\d{4}-\d\d", value):
        return []
    terms = [f"@{value[:7]}"]
    day = period(value[:10]) if len(value) >= 10 and not timex.get("inferred") else None  # None: not a real day
    if day and day[0] == day[1]:
        year, week, _ = day[0].isocalendar()
        terms.append(f"@{year}-W{week:02d}")
    return terms


def story_id(members: Iterable[ArticleFeatures]) -> str:
    """A story's id: a hash of its earliest article's id."""
    first = canonical_order(list(members))[0]
    return "S" + hashlib.sha256(first.article_id.encode()).hexdigest()[:12]


def topic_id(first_story: str) -> str:
    """A topic's id: a hash of its earliest story's id."""
    return "T" + hashlib.sha256(first_story.encode()).hexdigest()[:12]


# ---------------------------------------------------------------- writing stories


@contextmanager
def no_cycle_collection():
    """Pause Python's cycle collector for one placement.

    Placing an article allocates many short-lived objects; in a process that
    already holds a large heap (a server, or right after ``restory``), each
    full collection walks all of it: about 20 ms of a 100 ms placement in the
    100k-article bench. Nothing made here forms cycles that would wait long.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def choose_neighbours(nearby: list[str], members_of: dict[str, list[str]], new_ids: list[str]) -> tuple[list[str], list[str]]:
    """The neighbour stories taken whole, nearest first, and the articles to cluster again (new ones first).

    Stops before the articles would pass ``LOCAL_LIMIT``, so no story is left half-replaced.
    """
    local = set(new_ids)
    taken, wanted = [], list(new_ids)
    for story in nearby:
        members = [m for m in members_of[story] if m not in local]
        if taken and len(wanted) + len(members) > LOCAL_LIMIT:
            break
        taken.append(story)
        wanted.extend(members)
    return taken, wanted


def regroup(local: dict[str, ArticleFeatures], frequencies: DocumentFrequencies, taken_members: dict[str, list[str]],
            neighbour_topics: dict[str, str], params: StoryParams = StoryParams()) -> list[tuple[str, str, list[str]]]:
    """Cluster the articles around new arrivals again: (story id, topic id, article ids) rows.

    Topics stay as they were when every story only grew (``restory`` reclusters
    them exactly); otherwise the local stories' topics are clustered again.

    Example:
        >>> regroup({}, DocumentFrequencies([]), {}, {})
        []
    """
    groups = cluster(list(local.values()), params, frequencies)
    stories = [[local[a] for a in group] for group in groups]
    kept = kept_topics(groups, taken_members, neighbour_topics)
    if kept is None:
        return story_rows(stories, topic_numbers(stories, params), neighbour_topics)
    numbers = {topic: n for n, topic in enumerate(sorted(set(kept)))}
    return story_rows(stories, [numbers[t] for t in kept], {story_id(m): t for m, t in zip(stories, kept)})


def all_story_rows(features: list[ArticleFeatures], params: StoryParams = StoryParams()) -> list[tuple[str, str, list[str]]]:
    """Every article clustered into stories and the stories into topics: (story id, topic id, article ids) rows."""
    groups = cluster(features, params, DocumentFrequencies(features))
    log.debug("all_story_rows: %d article(s) in %d stories", len(features), len(groups))
    by_id = {f.article_id: f for f in features}
    stories = [[by_id[a] for a in group] for group in groups]
    return story_rows(stories, topic_numbers(stories, params))


def kept_topics(groups: list[list[str]], old_members: dict[str, list[str]], old_topics: dict[str, str]) -> list[str] | None:
    """Each new group's old topic when the grouping only added articles to whole old stories, else None.

    A new story, or stories merged or split, ask for the topics to be clustered again.
    """
    story_of = {a: story for story, members in old_members.items() for a in members}
    kept = []
    for group in groups:
        old = {story_of[a] for a in group if a in story_of}
        if len(old) != 1:
            return None
        story = old.pop()
        if story not in old_topics or not set(old_members[story]) <= set(group):
            return None
        kept.append(old_topics[story])
    return kept


def topic_numbers(stories: list[list[ArticleFeatures]], params: StoryParams) -> list[int]:
    """The topic number of each story (``clustering.cluster_topics``: stories as long undated articles)."""
    number = {index: topic for topic, group in enumerate(cluster_topics(stories, params)) for index in group}
    return [number[i] for i in range(len(stories))]


def story_rows(stories: list[list[ArticleFeatures]], topics: list[int],
                existing_topics: dict[str, str] | None = None) -> list[tuple[str, str, list[str]]]:
    """(story id, topic id, article ids) rows; a topic keeps an id it already had where it can."""
    ids = [story_id(members) for members in stories]
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, topic in enumerate(topics):
        by_topic[topic].append(index)
    rows = []
    for members in by_topic.values():
        known = sorted({existing_topics[ids[i]] for i in members if existing_topics and ids[i] in existing_topics})
        first = ids[min(members, key=lambda i: _first_key(stories[i]))]  # by index: no list search per story
        topic = known[0] if known else topic_id(first)
        rows.extend((ids[i], topic, sorted(f.article_id for f in stories[i])) for i in members)
    return rows


def _first_key(members: list[ArticleFeatures]):
    first = canonical_order(members)[0]
    return (first.day_start is None, first.day_start or 0, first.article_id)


# ---------------------------------------------------------------- describing stories


@dataclass(frozen=True)
class Story:
    """A story as users see it."""

    id: str
    label: str
    topic_id: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    key_entities: tuple[tuple[str, str, int], ...]  # (entity id or name key, name, articles)
    event_dates: tuple[str | None, str | None]
    near_duplicate_groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Topic:
    """Related stories over time."""

    id: str
    label: str
    story_ids: tuple[str, ...]


def describe_stories(rows: Iterable[tuple[str, str, list[str]]], articles: dict[str, Article],
                     copies: dict[str, list[tuple[str, float]]], features: Callable[[list[str]], list[ArticleFeatures]],
                     annotated=None, resolution=None) -> tuple[list[Story], list[Topic]]:
    """The stories and topics of ``rows`` (story id, topic id, article ids), described for people.

    ``copies`` are the near-duplicate links by article; ``features`` gives the
    clustering features of articles (a story with neither events nor entities
    is named after their names). With the language layer's ``annotated``
    articles and ``resolution`` the key entities, labels and event dates come
    from resolved entities and dated events; without them, from the
    clustering's name features.
    """
    by_article = {a.article_id: a for a in (annotated or [])}
    stories = []
    for sid, tid, members in rows:
        entities = _key_entities(members, resolution)
        events = [ev for m in members for ev in (by_article[m].events if m in by_article else ())]
        stories.append(Story(
            id=sid, label=_story_label(_ranked_events(members, by_article), entities, resolution, features, members), topic_id=tid,
            article_ids=tuple(_by_date(members, articles)), outlets=tuple(sorted({articles[m].outlet for m in members if articles[m].outlet})),
            first_published=_published(members, articles, min), last_published=_published(members, articles, max),
            key_entities=tuple(entities), event_dates=_event_span(events),
            near_duplicate_groups=tuple(_copy_groups(members, copies)),
        ))
    stories.sort(key=lambda s: (s.first_published or "9999", s.id))
    return stories, _describe_topics(stories)


def _by_date(members: list[str], articles: dict[str, Article]) -> list[str]:
    return sorted(members, key=lambda m: (articles[m].published.value or articles[m].published.range_start or "9999", m))


def _published(members: list[str], articles: dict[str, Article], pick) -> str | None:
    days = [articles[m].published.value for m in members if articles[m].published.value and not articles[m].published.inferred]
    return pick(days) if days else None


def _key_entities(members: list[str], resolution) -> list[tuple[str, str, int]]:
    if resolution is None:
        return []
    wanted = set(members)
    scored = []
    for entity in resolution.entities:
        count = len(wanted.intersection(entity.article_ids))
        if count and entity.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"):
            mentions = sum(1 for a, _, _ in entity.mentions if a in wanted)
            scored.append((count, mentions, entity.id, entity.name))
    scored.sort(key=lambda x: (-x[0], -x[1], x[3]))
    return [(eid, name, count) for count, _, eid, name in scored[:8]]


# Reporting and copular verbs tell how a story is told, not what happened.
NOT_EVENTS = frozenset({"say", "tell", "report", "claim", "add", "note", "state", "learn", "write", "be", "have",
                        "quote", "cite", "confirm", "accord"})
LEDE_SENTENCES = 3  # a news story's event is told in its first sentences (the inverted pyramid)


NEWS_PEG_DAYS = 7  # an event within a week of its article's publication day is what the article reports as news


def _ranked_events(members: list[str], by_article: dict) -> list[tuple[str, Event, bool, bool]]:
    """(article id, event, told in the lede?, dated near the publication day?) for the story's articles."""
    found = []
    for article_id in members:
        annotated = by_article.get(article_id)
        if annotated is None:
            continue
        lede_end = annotated.sentences[min(LEDE_SENTENCES, len(annotated.sentences)) - 1][1] if annotated.sentences else 0
        found.extend((article_id, ev, ev.sentence is not None and ev.sentence.start < lede_end,
                      _near_publication(ev.date, annotated.dct)) for ev in annotated.events)
    return found


def _near_publication(value: str, dct) -> bool:
    """Whether a day-precise event date lies within ``NEWS_PEG_DAYS`` of a known publication day
    (background — "founded in 2016", "opens in July" — lies further)."""
    if dct.value is None or len(dct.value) < 10 or dct.inferred or len(value) < 10:
        return False
    event, published = period(value[:10]), period(dct.value[:10])
    return bool(event and published) and abs((event[0] - published[0]).days) <= NEWS_PEG_DAYS


def _story_label(events, entities, resolution, features, members) -> str:
    """The story's central event as "subject — predicate — object, place".

    The predicate most articles tell (counted once per article, weighted up
    when told in an article's lede or dated within a week of its publication
    day: the news peg) names the event; its best-weighted
    telling — a key entity as subject, with an object and a place — gives the
    words. Without events, the key entities' names.
    """
    totals, best = _predicate_tallies(events, entities)
    if totals:
        predicate = max(totals, key=lambda k: (sum(totals[k].values()), k))
        _, subject, (obj, place) = best[predicate]
        label = " — ".join(p for p in (subject, predicate, obj) if p)
        return label + (f", {place}" if place else "")
    if entities:
        return " — ".join(name for _, name, _ in entities[:3])
    return _fallback_label(features(members))


def _predicate_tallies(events, entities) -> tuple[dict[str, dict[str, float]], dict[str, tuple]]:
    """Each predicate's best weight per article, and its best-ranked telling (rank, subject, (object, place))."""
    names = {name for _, name, _ in entities}
    totals: dict[str, dict[str, float]] = defaultdict(dict)
    best: dict[str, tuple] = {}
    for article_id, event, lede, news_peg in events:
        subject, predicate, obj, place = _told(event)
        if not (subject and predicate) or _no_subject(subject) or predicate in NOT_EVENTS:
            continue
        subject = _canonical(subject, entities)
        weight = 1 + 2 * lede + 1.5 * news_peg + (subject in names) + 0.5 * bool(obj) + 0.5 * bool(place)
        totals[predicate][article_id] = max(weight, totals[predicate].get(article_id, 0.0))
        rank = (weight, -len(obj or ""), obj or "", subject)  # ties: the plainest telling
        if predicate not in best or rank > best[predicate][0]:
            best[predicate] = (rank, subject, (obj, place))
    return totals, best


def _told(event) -> tuple:
    """Subject, predicate, object and place of what an event tells: for "X said on Tuesday it would
    buy Y", the buying (the date is the telling's, the story is what was told)."""
    if event.predicate in NOT_EVENTS and event.reported:
        return (*event.reported, None)
    return event.subject, event.predicate, event.object, event.place


def _no_subject(subject: str) -> bool:
    """Pronouns and datelines ("VALENCIA —") name no one."""
    return subject.lower() in PRONOUNS or (subject.isupper() and len(subject) > 4)


def _canonical(subject: str, entities) -> str:
    """The key entity's name when the subject is one of its forms ("Kishida Fumio" -> "Fumio Kishida")."""
    words = set(subject.lower().split())
    for _, name, _ in entities:
        if words and words <= set(name.lower().split()):
            return name
    return subject


def _fallback_label(features: list[ArticleFeatures]) -> str:
    totals: Counter = Counter()
    for item in features:
        totals.update({k: v for k, v in item.names.items() if not k.startswith("@")})
    return " — ".join(k.title() for k, _ in totals.most_common(3)) or "(untitled story)"


def _event_span(events) -> tuple[str | None, str | None]:
    days = sorted(e.date for e in events if e.date[:4].isdigit())
    return (days[0], days[-1]) if days else (None, None)


def _copy_groups(members: list[str], copies: dict[str, list[tuple[str, float]]]) -> list[tuple[str, ...]]:
    wanted, seen, groups = set(members), set(), []
    for start in sorted(wanted):
        if start in seen or start not in copies:
            continue
        group, frontier = set(), [start]
        while frontier:
            item = frontier.pop()
            if item in group or item not in wanted:
                continue
            group.add(item)
            frontier.extend(other for other, _ in copies.get(item, ()))
        seen |= group
        if len(group) > 1:
            groups.append(tuple(sorted(group)))
    return groups


def _describe_topics(stories: list[Story]) -> list[Topic]:
    grouped: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        grouped[story.topic_id].append(story)
    topics = []
    for tid, members in grouped.items():
        totals: Counter = Counter()
        for story in members:  # articles first; within a story, its ranking breaks ties
            totals.update({name: count * 100 - rank for rank, (_, name, count) in enumerate(story.key_entities)})
        label = " and ".join(name for name, _ in totals.most_common(2)) or members[0].label
        topics.append(Topic(tid, label, tuple(s.id for s in members)))
    return topics


def story_json(story: Story) -> dict:
    """The documented JSON of a story (``parallax stories --json``)."""
    return {
        "id": story.id, "label": story.label, "topic_id": story.topic_id, "article_ids": list(story.article_ids),
        "outlets": list(story.outlets), "first_published": story.first_published, "last_published": story.last_published,
        "key_entities": [{"id": eid, "name": name, "articles": count} for eid, name, count in story.key_entities],
        "event_dates": {"start": story.event_dates[0], "end": story.event_dates[1]},
        "near_duplicate_groups": [list(group) for group in story.near_duplicate_groups],
    }


def topic_json(topic: Topic) -> dict:
    """The documented JSON of a topic."""
    return {"id": topic.id, "label": topic.label, "story_ids": list(topic.story_ids)}


# ---------------------------------------------------------------- features of many articles at once


