"""How alike two claims are, from signals in the text alone, each one explainable.

``Signals`` prepares a story's claims once: canonical entity keys (a capital
standing for its government: "Tokyo" = Japan), inverse-document weights of
entities over the story's claims, verb classes, calendar dates and a TF-IDF
matrix of the claims' words. ``Signals.score(i, j)`` combines them:

* shared entities (weighted Jaccard: NATO in every claim says little);
* the same predicate class ("attend" = "participate" = "attendance");
* lexical overlap (TF-IDF cosine of lightly stemmed words);
* compatible dates add, incompatible ones subtract;
* a past event against a future one, places that differ ("in Vilnius" /
  "in Madrid") and subjects that differ (Ukraine joining / Japan joining)
  subtract.

Polarity and modality are left out on purpose: a denial must still align
with what it denies. Deterministic; no model.

Example:
    >>> dates_compatible("2023-07-11", "2023-07"), dates_compatible("2023-07-11", "2022-06")
    (True, False)
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..language import english_stopwords
from ..language.claims import verb_class
from ..language.timex import parse_value
from ..records import Claim

ENGLISH_STOP_WORDS = english_stopwords()  # the shipped list (scikit-learn's), read without importing scikit-learn

WEIGHTS = {"entities": 0.35, "predicate": 0.25, "lexical": 0.40}
DATE_MATCH, DATE_CLASH = 0.10, -0.25
LEXICAL_FLOOR = 0.1  # below it, a pair needs a shared entity and predicate class to be scored
TENSE_CLASH, PLACE_CLASH, SUBJECT_CLASH = -0.30, -0.30, -0.25
# Capitals named for their governments ("Tokyo said"): keyed to the country.
CAPITALS = {
    "tokyo": "japan", "beijing": "china", "washington": "us", "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine",
    "seoul": "south korea", "pyongyang": "north korea", "london": "uk", "paris": "france", "berlin": "germany",
    "taipei": "taiwan", "canberra": "australia", "wellington": "new zealand", "ottawa": "canada", "delhi": "india",
    "new delhi": "india", "tehran": "iran", "ankara": "turkey", "brussels": "belgium", "rome": "italy", "madrid": "spain",
    "warsaw": "poland", "vilnius": "lithuania", "riga": "latvia", "tallinn": "estonia", "helsinki": "finland",
    "stockholm": "sweden", "oslo": "norway", "jerusalem": "israel", "cairo": "egypt", "riyadh": "saudi arabia",
    "manila": "philippines", "hanoi": "vietnam", "jakarta": "indonesia", "minsk": "belarus", "budapest": "hungary",
}
COUNTRY_ALIASES = {"united states": "us", "u.s.": "us", "america": "us", "usa": "us", "united kingdom": "uk", "britain": "uk"}


def entity_key(name: str) -> str:
    """A comparison key for an entity name; a capital maps to its country.

    >>> entity_key("Tokyo"), entity_key("the United States"), entity_key("NATO")
    ('japan', 'us', 'nato')
    """
    key = re.sub(r"^the\s+", "", name.lower().strip())
    return CAPITALS.get(key, COUNTRY_ALIASES.get(key, key))


def dates_compatible(a: str, b: str) -> bool:
    """Whether two calendar TIMEX values can name the same time (one contains the other; XXXX is any year)."""
    a, b = a.split("-"), b.split("-")
    return all(x == y or "XXXX" in (x, y) for x, y in zip(a, b))


def calendar_dates(claim: Claim) -> tuple[str, ...]:
    """The claim's calendar dates; a year that rests on an inferred publication date becomes XXXX."""
    soft = set(claim.inferred_dates)
    out = []
    for value in claim.dates:
        parsed = parse_value(value)
        if parsed and parsed.is_date:  # dates_compatible compares year, month and day, so only these shapes
            out.append("XXXX" + value[4:] if value in soft and len(value) > 4 else value)
    return tuple(out)


def date_relation(a: Claim, b: Claim) -> str:
    """match, clash or none: whether the two claims' calendar dates agree.

    Two claims with the same non-calendar value ("2023-WXX-3": a Wednesday of
    2023) match too; vague references (PRESENT_REF) never count.
    """
    same = {d for d in a.dates if not d.endswith("_REF")} & set(b.dates)
    da, db = calendar_dates(a), calendar_dates(b)
    if same:
        return "match"
    if not da or not db:
        return "none"
    return "match" if any(dates_compatible(x, y) for x in da for y in db) else "clash"


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _analyzer(text: str) -> list[str]:
    words = re.findall(r"[a-z][a-z\-]+", text.lower())
    return [_stem(w) for w in words if w not in ENGLISH_STOP_WORDS and len(w) > 2]


class Signals:
    """The claims of one story, prepared for pairwise scoring (see the module doc)."""

    def __init__(self, claims: list[Claim], entity_names: dict[str, str]):
        self.claims = claims
        self.entities = [frozenset(entity_key(entity_names.get(e, e)) for e in c.entity_ids) for c in claims]
        self.subjects = [self._subjects(c, entity_names) for c in claims]
        self.verbs = [verb_class(c.predicate, c.object) for c in claims]
        counts = Counter(k for keys in self.entities for k in keys)
        self.weight = {k: math.log(1 + len(claims) / n) for k, n in counts.items()}
        vectors = self._vectors(claims)
        # Cosines of all pairs at once (a sparse product: claims share few words).
        product = (vectors @ vectors.T).tocoo() if vectors is not None else None
        self.cosines = {} if product is None else {
            (int(i), int(j)): float(v) for i, j, v in zip(product.row, product.col, product.data) if i < j}
        self._cache: dict[tuple[int, int], float] = {}

    @staticmethod
    def _subjects(claim: Claim, names: dict[str, str]) -> frozenset[str]:
        return frozenset(entity_key(names.get(e, e)) for e in claim.subject_ids)

    @staticmethod
    def _vectors(claims: list[Claim]):
        if len(claims) < 2:
            return None
        from sklearn.feature_extraction.text import TfidfVectorizer  # loaded only when a story has claims to compare

        try:
            return TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform([c.text for c in claims])
        except ValueError:  # no word left in any claim
            return None

    def lexical(self, i: int, j: int) -> float:
        """TF-IDF cosine of the two claims' words."""
        return self.cosines.get((min(i, j), max(i, j)), 0.0)

    def shared_entities(self, i: int, j: int) -> float:
        """Weighted Jaccard of the two claims' entity keys."""
        a, b = self.entities[i], self.entities[j]
        union = sum(self.weight[k] for k in a | b)
        return sum(self.weight[k] for k in a & b) / union if union else 0.0

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs worth scoring: some words in common, or an entity under the same predicate class.

        Anything else cannot reach the pair threshold; leaving it out keeps a
        large story near-linear (an entity every claim names would pair all).
        """
        index = defaultdict(list)
        for i, (keys, verb) in enumerate(zip(self.entities, self.verbs)):
            for key in keys if verb else ():
                index[(verb, key)].append(i)
        pairs = {(a, b) for members in index.values() for x, a in enumerate(members) for b in members[x + 1 :]}
        pairs |= {pair for pair, cosine in self.cosines.items() if cosine >= LEXICAL_FLOOR}
        return sorted(pairs)

    def score(self, i: int, j: int) -> float:
        """The similarity of claims i and j (cached; symmetric)."""
        key = (min(i, j), max(i, j))
        if key not in self._cache:
            self._cache[key] = self._score(*key)
        return self._cache[key]

    def _score(self, i: int, j: int) -> float:
        a, b = self.claims[i], self.claims[j]
        same_verb = self.verbs[i] is not None and self.verbs[i] == self.verbs[j]
        value = (WEIGHTS["entities"] * self.shared_entities(i, j) + WEIGHTS["predicate"] * same_verb
                 + WEIGHTS["lexical"] * self.lexical(i, j))
        relation = date_relation(a, b)
        value += DATE_MATCH if relation == "match" else DATE_CLASH if relation == "clash" else 0.0
        value += TENSE_CLASH * ({a.tense, b.tense} == {"past", "future"})
        value += PLACE_CLASH * places_differ(a, b)
        value += SUBJECT_CLASH * self.subjects_differ(i, j)
        return value

    def subjects_differ(self, i: int, j: int) -> bool:
        """Each claim's subject is an entity the other claim does not mention at all."""
        si, sj = self.subjects[i], self.subjects[j]
        return bool(si and sj) and not (si & self.entities[j]) and not (sj & self.entities[i])


def places_differ(a: Claim, b: Claim) -> bool:
    """Both claims say where, and no place is shared ("in Vilnius, Lithuania" / "at the Lithuania summit" share)."""
    pa = {entity_key(p) for p in a.places}
    pb = {entity_key(p) for p in b.places}
    return bool(pa and pb) and not (pa & pb)
