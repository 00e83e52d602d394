"""The timeline of a story: its dated events, merged across the articles that report them.

Every event of ``events.py`` with a calendar date becomes a *report*: the
interval its TIMEX value denotes (``timeline_dates``), the canonical entities
of its sentence, its place, a predicate class and the head nouns of its
subject and object. Reports of the same event are merged when their dates are
compatible (their intervals share a day) and enough else agrees — a predicate
of one small synonym class ("attend" / "participate" / "join"), the place, a
head noun ("summit"), rare shared entities (weighted by how few of the story's
reports carry them). Two reports whose day dates differ by a few days, or by
exactly a year when a year was only inferred, are merged only on strong
agreement, and the entry says so in ``conflict``. Merging is greedy over pairs
in a fixed order (strongest first, then the reports' own keys), so the result
does not depend on the order of the articles.

Example:
    >>> from newsparallax.language.annotate import annotate_texts, resolve
    >>> texts = {"001": "Fumio Kishida will attend the NATO summit in Vilnius, Lithuania, on July 11.",
    ...          "002": "Japanese Prime Minister Fumio Kishida is to attend the NATO summit in Vilnius on July 11."}
    >>> annotated = list(annotate_texts([(aid, text, "2023-06-20", False) for aid, text in texts.items()]))
    >>> entries = build_timeline("s1", annotated, resolve(annotated), {"001": "japantimes.co.jp"})
    >>> [(e.date, e.precision, e.label, e.article_ids) for e in entries][:1]
    [('2023-07-11', 'day', 'Fumio Kishida — attend — NATO summit, Vilnius', ('001', '002'))]
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from ..language import PRONOUNS
from ..language.claims import EVENT_NOUNS
from ..records import Annotated, Event, Resolution, Timex
from .timeline_dates import DateInterval, iso_bounds, value_interval, with_days_through

MERGE_SCORE = 1.5  # what two reports with overlapping dates must share to be one event
STRONG_SCORE = 2.5  # what they must share when their dates conflict
CONFLICT_DAYS = 3  # day dates this close can be one event reported with a slip
SUB_YEAR = ("day", "week", "month", "season", "quarter", "half")
YEAR_AND_FINER = ("day", "week", "month", "season", "quarter", "half", "year")
# Open intervals ("before 2022", "after June") are not points on a timeline.
SKIPPED_MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN"}

# Small synonym classes: reports of one event use different verbs for it.
PREDICATE_CLASSES = {
    "attend": ("attend", "participate", "join", "go"),
    "hold": ("hold", "host", "convene", "occur", "happen", "set", "schedule", "open"),
    "meet": ("meet", "talk"),
    "visit": ("visit", "travel", "tour"),
    "say": ("say", "tell", "state", "announce", "report", "claim", "assert", "add", "declare"),
    "invite": ("invite",),
    "sign": ("sign", "conclude", "agree"),
    "elect": ("elect", "inaugurate", "swear"),
}
_CLASS_OF = {verb: name for name, verbs in PREDICATE_CLASSES.items() for verb in verbs}
# "take place", "take part": a light verb and its object say what happened.
_PHRASAL = {("take", "place"): "hold", ("take", "part"): "attend", ("hold", "talks"): "meet"}
# Verbs that say little by themselves; the sentence may name the real one ("became the first ... to attend").
LIGHT_PREDICATES = {"be", "become", "have", "make", "take", "do", "get", "remain", "mark"}
_CLASS_WORDS = [
    ("attend", re.compile(r"\b(?:attend\w*|participat\w*|join(?:s|ed|ing)?|t[ao]o?k(?:es|ing)? part)\b", re.I)),
    ("hold", re.compile(r"\b(?:host(?:s|ed|ing)?|held|holds?|convene[sd]?|t[ao]o?k(?:es|ing)? place)\b", re.I)),
    ("meet", re.compile(r"\b(?:meet(?:s|ing)?|met)\b", re.I)),
    ("visit", re.compile(r"\bvisit(?:s|ed|ing)?\b", re.I)),
]
_NEGATION = r"\b(?:not|n['’]t|never|no longer|ruled? out|rules out|refus(?:e[sd]?|ing) to|declin(?:e[sd]?|ing) to)"
_WEAK_NOUNS = PRONOUNS | {"place", "part", "year", "first", "one", "time", "people"}
# "July 9 to 11", "July 11 and 12": the range's last day, when nothing but punctuation or a preposition follows.
_DAY_RANGE = re.compile(r"\s*(?:-|–|to|through|until|till|and)\s*(\d{1,2})(?!\d)(?=\s*(?:[,.;:)]|$|(?:in|at|on|when|where)\b))")


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a story's timeline, with every article that reports it.

    ``date``/``date_end`` are ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
    the coarsest form that is exact); ``evidence`` holds ``(article_id,
    start, end, sentence text)``; ``uncertain`` is True when the date rests
    only on an inferred year (an inferred publication date, or a year the
    text left unknown); ``conflict`` explains dates that disagree.
    """

    id: str
    story_id: str
    date: str
    date_end: str
    precision: str
    label: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    entity_ids: tuple[str, ...]
    evidence: tuple[tuple[str, int, int, str], ...]
    uncertain: bool
    conflict: str | None


@dataclass(frozen=True)
class _Report:
    """One dated event of one article, normalized for comparing with the others."""

    key: tuple[str, int, int]  # article id and timex span: unique and independent of input order
    interval: DateInterval
    uncertain: bool
    entity_ids: frozenset[str]
    place: str | None  # a canonical entity id when the place names one, else its lowercased text
    subject_id: str | None  # the canonical entity the subject names, if it names one
    predicate: str | None  # a synonym class name, or the verb's lemma
    nouns: frozenset[str]
    label: str
    label_quality: int
    sentence: tuple[str, int, int, str]
    negated: bool = False  # "ruled out joining" never merges with "joined"

    @property
    def article_id(self) -> str:
        return self.key[0]


# ---------------------------------------------------------------- public


def build_timeline(story_id: str, annotated: list[Annotated], resolution: Resolution,
                   outlets: dict[str, str | None]) -> tuple[TimelineEntry, ...]:
    """The merged, sorted timeline of the story made of the ``annotated`` articles.

    Events with no calendar position (``PRESENT_REF``, an unknown year with no
    publication date to guess it from), open intervals ("before 2022"), no
    named entity in their sentence, or no subject and no object in any report
    are left out. Sorted by date, then label; the same for any order of the
    articles. Never raises on well-formed annotations.

    >>> build_timeline("s1", [], Resolution((), {}, ()), {})
    ()
    """
    names = {entity.id: entity.name for entity in resolution.entities}
    reports = sorted((r for article in annotated for r in _reports(article, resolution.mention_ids, names)),
                     key=lambda r: r.key)
    groups = _merge(reports, _entity_weights(reports))
    entries = (_entry(story_id, group, outlets) for group in groups if max(r.label_quality for r in group) >= 2)
    return tuple(sorted(entries, key=lambda e: (e.date, e.date_end, e.label, e.id)))


def timeline_json(entry: TimelineEntry) -> dict:
    """The JSON form of a timeline entry (for ``report.json``).

    >>> timeline_json(TimelineEntry("x", "s", "2023", "2023", "year", "a", ("1",), (), (), (("1", 0, 1, "A"),), False, None))["evidence"]
    [{'article_id': '1', 'start': 0, 'end': 1, 'text': 'A'}]
    """
    return {
        "id": entry.id, "story_id": entry.story_id, "date": entry.date, "date_end": entry.date_end,
        "precision": entry.precision, "label": entry.label, "article_ids": list(entry.article_ids),
        "outlets": list(entry.outlets), "entity_ids": list(entry.entity_ids),
        "evidence": [{"article_id": a, "start": s, "end": e, "text": t} for a, s, e, t in entry.evidence],
        "uncertain": entry.uncertain, "conflict": entry.conflict,
    }


# ---------------------------------------------------------------- reports


def _reports(article: Annotated, mention_ids: dict, names: dict[str, str]) -> list[_Report]:
    timexes = {(t.start, t.end): t for t in article.timexes}
    year_guess = int(article.dct.value[:4]) if article.dct.value and article.dct.value[:4].isdigit() else None
    found = (_report(article, event, timexes.get((event.timex.start, event.timex.end)), year_guess, mention_ids, names)
             for event in article.events)
    return [r for r in found if r is not None]


def _report(article: Annotated, event: Event, timex: Timex | None, year_guess: int | None,
            mention_ids: dict, entity_names: dict[str, str]) -> _Report | None:
    mod = timex.mod if timex else None
    interval = _interval(article.text, event, year_guess) if mod not in SKIPPED_MODS else None
    names = _mention_names(article, event, mention_ids, entity_names)
    if interval is None or not names or _says_nothing(event):
        return None
    inferred = bool(timex and timex.inferred) or interval.guessed_year or mod == "APPROX"
    place = names.get(event.place, (None, None))[0] or (event.place.lower() if event.place else None)
    negated = _negated(event)
    label, quality = _label(event, {text: name for text, (_, name) in names.items()}, negated)
    sentence = (article.article_id, event.sentence.start, event.sentence.end, event.sentence.text)
    subject_id = names.get(event.subject, (None, None))[0]
    return _Report((article.article_id, event.timex.start, event.timex.end), interval, inferred,
                   frozenset(eid for eid, _ in names.values()), place, subject_id, _predicate_class(event),
                   _nouns(event), label, quality, sentence, negated)


def _says_nothing(event: Event) -> bool:
    """A copula or light verb with no event word in its sentence ("the summit was the first") or no
    subject nor object ("— tell —"): nothing a timeline reader could use."""
    if not (_role(event.subject, {}) or _role(event.object, {})):
        return True
    return (event.predicate or "").lower() in LIGHT_PREDICATES and _predicate_class(event) in LIGHT_PREDICATES


def _interval(text: str, event: Event, year_guess: int | None) -> DateInterval | None:
    """The event's date interval, stretched over a day range the timex tagger left out ("July 9 to 11")."""
    interval = value_interval(event.date, year_guess)
    found = _DAY_RANGE.match(text, event.timex.end) if interval else None
    stretched = with_days_through(interval, int(found.group(1))) if found else None
    return stretched or interval


def _mention_names(article: Annotated, event: Event, mention_ids: dict,
                   entity_names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Mention text → (canonical entity id, canonical name) for the resolved mentions of the event's sentence."""
    found = {}
    for start, end in event.mentions:
        entity_id = mention_ids.get((article.article_id, start, end))
        if entity_id in entity_names:
            found[article.text[start:end]] = (entity_id, entity_names[entity_id])
    return found


def _predicate_class(event: Event) -> str | None:
    lemma = (event.predicate or "").lower()
    obj_head = _head(event.object)
    if (lemma, obj_head) in _PHRASAL:
        return _PHRASAL[(lemma, obj_head)]
    if lemma == "join" and obj_head not in EVENT_NOUNS:
        return "join"  # joining NATO is membership; joining a summit is attending it
    if lemma in LIGHT_PREDICATES or not lemma:
        found = [(m.start(), name) for name, pattern in _CLASS_WORDS if (m := pattern.search(event.sentence.text))]
        return min(found)[1] if found else lemma or None
    return _CLASS_OF.get(lemma, lemma)


def _head(phrase: str | None) -> str | None:
    return phrase.split()[-1].lower() if phrase and phrase.split() else None


def _nouns(event: Event) -> frozenset[str]:
    heads = (_head(event.subject), _head(event.object))
    return frozenset(h for h in heads if h and h not in _WEAK_NOUNS)


def _label(event: Event, canonical: dict[str, str], negated: bool) -> tuple[str, int]:
    """A short neutral label and how informative it is (one point per named role, one for a meaningful verb)."""
    subject = _role(event.subject, canonical)
    obj = _role(event.object, canonical)
    place = canonical.get(event.place, event.place) if event.place else None
    predicate = f"not {event.predicate}" if negated else event.predicate
    head = " — ".join(p for p in (subject, predicate, obj) if p)
    label = f"{head}, {place}" if place and place not in head else head
    named_subject = subject is not None and subject in canonical.values()
    quality = sum(1 for p in (subject, obj, place) if p) + (event.predicate not in LIGHT_PREDICATES) + named_subject
    return label, quality if subject or obj else 0


def _negated(event: Event) -> bool:
    """Whether a negation stands just before the predicate ("ruled out joining", "would not be joining").

    The event record carries no negation, and a label dropping it would say
    the opposite of the text; a few words of window is enough for news prose.
    """
    lemma = (event.predicate or "").lower().split(" ")[0]  # the verb of a phrasal predicate ("walk out")
    if len(lemma) < 3 or lemma in LIGHT_PREDICATES:
        return False
    stem = re.escape(lemma[:-1] if lemma.endswith("e") else lemma)
    return re.search(_NEGATION + rf"\s+(?:\S+\s+){{0,3}}?{stem}\w*", event.sentence.text, re.I) is not None


def _role(phrase: str | None, canonical: dict[str, str]) -> str | None:
    """A subject or object under its canonical name; pronouns say nothing out of their sentence."""
    if not phrase or phrase.lower() in PRONOUNS:
        return None
    return canonical.get(phrase, phrase)


def _entity_weights(reports: list[_Report]) -> dict[str, float]:
    """Rarer entities weigh more: in a story about NATO, sharing "NATO" says little."""
    counts: dict[str, int] = defaultdict(int)
    for report in reports:
        for entity_id in report.entity_ids:
            counts[entity_id] += 1
    return {entity_id: math.log(1 + len(reports) / count) for entity_id, count in counts.items()}


# ---------------------------------------------------------------- merging


def _date_relation(a: _Report, b: _Report) -> str:
    """``same`` (the intervals share a day), ``conflict`` (close but disjoint days, or a year apart on an inferred year) or ``apart``."""
    if a.interval.overlaps(b.interval):
        return "same"
    fine = a.interval.days <= 7 and b.interval.days <= 7
    gap = max(a.interval.start, b.interval.start) - min(a.interval.end, b.interval.end)
    if fine and gap.days <= CONFLICT_DAYS:
        return "conflict"
    return "conflict" if _year_apart(a, b) else "apart"


def _year_apart(a: _Report, b: _Report) -> bool:
    """Whether a report whose year was inferred would overlap the other with its year one off.

    Only a date finer than a year can be moved: "July 11" put in the wrong
    year by an inferred publication date is still July 11.
    """
    for moving, fixed in ((a, b), (b, a)):
        if moving.uncertain and moving.interval.precision in SUB_YEAR and _shifted(moving.interval, fixed.interval):
            return True
    return False


def _shifted(moving: DateInterval, fixed: DateInterval) -> bool:
    years = 1 if moving.start < fixed.start else -1
    try:
        start, end = moving.start.replace(year=moving.start.year + years), moving.end.replace(year=moving.end.year + years)
    except ValueError:  # February 29 has no twin a year away
        return False
    return start <= fixed.end and fixed.start <= end


def _affinity(a: _Report, b: _Report, weights: dict[str, float]) -> float:
    """How much two reports share besides their date; comments in the module docstring."""
    # Summed in sorted order and rounded: set order follows the hash seed, and float sums follow their order.
    union = sum(weights[e] for e in sorted(a.entity_ids | b.entity_ids))
    shared = sum(weights[e] for e in sorted(a.entity_ids & b.entity_ids)) / union if union else 0.0
    same_predicate = a.predicate is not None and a.predicate == b.predicate
    same_place = bool(a.place and (a.place == b.place or a.place in b.entity_ids)) or bool(b.place and b.place in a.entity_ids)
    same_sentence = a.sentence == b.sentence
    same_day = a.interval.days == 1 and a.interval == b.interval
    other_actor = bool(a.subject_id and b.subject_id and a.subject_id != b.subject_id)
    other_place = bool(a.place and b.place) and not same_place  # Vilnius is not Washington
    return round(2 * shared + same_predicate + same_place + 0.5 * bool(a.nouns & b.nouns) + 2 * same_sentence
                 + 0.5 * same_day - other_actor - other_place, 9)


def _merge(reports: list[_Report], weights: dict[str, float]) -> list[list[_Report]]:
    """Greedy merging, strongest pair first; two groups join only if no pair across them is ``apart``."""
    pairs = []
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            score = _affinity(a, reports[j], weights)
            if score >= _needed(a, reports[j]) and a.negated == reports[j].negated \
                    and _date_relation(a, reports[j]) != "apart":
                pairs.append((-score, i, j))
    group_of = list(range(len(reports)))
    members = {i: [i] for i in range(len(reports))}
    for negative_score, i, j in sorted(pairs):
        gi, gj = group_of[i], group_of[j]
        if gi != gj and _may_join(reports, members[gi], members[gj], -negative_score):
            for k in members.pop(gj):
                group_of[k] = gi
                members[gi].append(k)
    return [[reports[k] for k in sorted(group)] for group in members.values()]


def _needed(a: _Report, b: _Report) -> float:
    """The score two reports need; a year or vaguer date overlaps a lot of unrelated events, so it needs more."""
    coarse = a.interval.days > 92 or b.interval.days > 92
    return MERGE_SCORE + (0.5 if coarse else 0.0)


def _may_join(reports: list[_Report], left: list[int], right: list[int], score: float) -> bool:
    relations = {_date_relation(reports[i], reports[j]) for i in left for j in right}
    return "apart" not in relations and ("conflict" not in relations or score >= STRONG_SCORE)


# ---------------------------------------------------------------- entries


def _entry(story_id: str, group: list[_Report], outlets: dict[str, str | None]) -> TimelineEntry:
    chosen = _chosen_interval(group)
    date, date_end = iso_bounds(chosen)
    evidence = tuple(sorted({r.sentence for r in group}))
    article_ids = tuple(sorted({r.article_id for r in group}))
    digest = hashlib.sha256(repr((story_id, date, date_end, evidence)).encode("utf-8")).hexdigest()[:16]
    best = min(group, key=lambda r: (-r.label_quality, not r.interval.overlaps(chosen), r.interval.days, r.key))
    return TimelineEntry(
        id=digest, story_id=story_id, date=date, date_end=date_end, precision=chosen.precision, label=best.label,
        article_ids=article_ids, outlets=tuple(sorted({o for a in article_ids if (o := outlets.get(a))})),
        entity_ids=tuple(sorted(set().union(*(r.entity_ids for r in group)))), evidence=evidence,
        uncertain=not _confirmed(chosen, group), conflict=_conflict(group, chosen),
    )


def _chosen_interval(group: list[_Report]) -> DateInterval:
    """The date most reports agree with, confirmed by a report that did not infer its year, then the narrowest."""
    def rank(candidate: DateInterval) -> tuple:
        agreeing = len({r.article_id for r in group if r.interval.overlaps(candidate)})
        return (-agreeing, not _confirmed(candidate, group), candidate.days, candidate.start, candidate.end)

    return min((r.interval for r in group), key=rank)


def _confirmed(interval: DateInterval, group: list[_Report]) -> bool:
    """Whether a report with a known year (year precision or finer) contains the interval."""
    return any(not r.uncertain and r.interval.precision in YEAR_AND_FINER and r.interval.contains(interval) for r in group)


def _conflict(group: list[_Report], chosen: DateInterval) -> str | None:
    """"001 dates it 2023-07-11, 004 2023-07-12": the dates off the chosen one, beside the most precise ones on it."""
    off = [r for r in group if not r.interval.overlaps(chosen)]
    if not off:
        return None
    on = [r for r in group if r.interval.overlaps(chosen)]
    shown = off + ([r for r in on if r.interval.days <= 7] or [min(on, key=lambda r: (r.interval.days, r.key))])
    ordered = sorted({(r.interval.start, _iso(r), r.article_id, r.uncertain) for r in shown})
    parts = [f"{aid} {date}{' (year inferred)' if uncertain else ''}" for _, date, aid, uncertain in ordered]
    first_article, rest = parts[0].split(" ", 1)
    return ", ".join([f"{first_article} dates it {rest}", *parts[1:]])


def _iso(report: _Report) -> str:
    start, end = iso_bounds(report.interval)
    return start if start == end else f"{start}/{end}"
