"""Entities resolved across articles: one canonical entity for every spelling of it.

Mentions come from spaCy's named entities; ``resolve_entities`` joins them
with a union-find in three passes:

1. within an article, surname-only and titled forms ("Kishida", "Mr. Kishida",
   "Kishida's", even when the model tagged them ORG) join the full name they
   belong to — the nearest preceding one when two people share the surname;
2. across articles, full names join when their name words match in any order
   ("Kishida Fumio" = "Fumio Kishida") and up to transliteration ("Zelensky" =
   "Zelenskyy", "Oleksandr" ~ "Oleksander"); other names by their folded form
   ("G7" = "G-7") and acronyms by the initials of long forms ("NATO" = "North
   Atlantic Treaty Organization");
3. an article that only ever says "Kishida" joins the one person of that surname.

Different given names never join (Joe and Hunter Biden stay two people). The
type of an entity is the vote of all its mentions, which repairs the model's
systematic slips (a surname tagged ORG). Descriptive labels ("the US-led
military bloc", "the Japanese prime minister") are linked in ``labels.py``.

Example:
    >>> from newsparallax.language.nlp import load_nlp
    >>> docs = {"a": load_nlp()("Kishida Fumio spoke."), "b": load_nlp()("Mr. Fumio Kishida left.")}
    >>> entities, _ = resolve_entities({k: mentions_from_doc(d, k) for k, d in docs.items()}, {})
    >>> [e.name for e in entities if e.type == "PERSON"]
    ['Kishida Fumio']
"""

from __future__ import annotations

from ..records import Entity, EntityMention

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Words that stand before a name without being part of it.
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "prime", "minister", "pm", "premier",
    "secretary", "general", "secretary-general", "chancellor", "king", "queen", "prince", "princess", "pope",
    "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "gen", "ambassador", "envoy",
    "chairman", "chairwoman", "chair", "ceo", "chief", "executive", "foreign", "defense", "defence", "finance",
    "transport", "interior", "deputy", "vice", "former", "leader", "judge", "justice", "spokesman",
    "spokeswoman", "spokesperson", "speaker", "lt", "col", "capt", "sgt", "rev", "father", "sheikh", "emir",
}
GENDER_TITLES = {"mr": "m", "sir": "m", "king": "m", "prince": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "queen": "f", "princess": "f"}
ACRONYM_STOPWORDS = {"of", "and", "the", "for", "on", "in", "de", "du", "la", "&"}
GENERIC_TAILS = {"summit", "summits", "conference", "meeting", "talks", "office", "headquarters", "secretariat", "council"}
PLACE_PREPOSITIONS = {"in", "at", "from", "near", "into", "across", "outside", "inside"}
MEDIUM_PREPOSITIONS = {"on", "via"}
# A place named with a generic head ("the Indo-Pacific region") is the place itself;
# an organisation's generic last word ("Kyodo News") is often left off ("Kyodo").
PLACE_TAILS = {"region", "area"}
ORG_TAILS = {"news", "agency", "news agency", "group", "inc", "corp", "corporation", "co", "ltd"}
MIN_STEM = 4  # "Bay Area" is not "Bay": a short stem left by a tail names too much
# Long official names of states that news also writes short (folded forms). The
# acronyms (PRC, DPRK) join their long forms through ``acronym_keys``.
STATE_NAMES = {"peoples republic of china": "china", "republic of china": "taiwan",
               "republic of korea": "south korea", "democratic peoples republic of korea": "north korea",
               "russian federation": "russia", "united states of america": "united states",
               "united kingdom of great britain and northern ireland": "united kingdom",
               "islamic republic of iran": "iran", "republic of india": "india"}
QUOTE_MARKS = "\"“”‘’'«»"
CONTRACTION = re.compile(r"(?i)^(n['’]t|['’](s|d|ll|re|ve|m))$")
POSSESSIVE = re.compile(r"['’]s?$")
OWNER_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<owned>\S.*)$")


# ---------------------------------------------------------------- mentions


def mentions_from_doc(doc, article_id: str) -> list[EntityMention]:
    """The named mentions of a spaCy Doc, with titles, possessives and "the" taken off the name."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        mention = _bare_mention(doc, ent, article_id)
        if mention is not None:
            found.append(mention)
    return found


def _bare_mention(doc, ent, article_id: str) -> EntityMention | None:
    start, end = ent.start_char, ent.end_char
    text = doc.text[start:end]
    owner = OWNER_POSSESSIVE.match(text)
    if owner and ent.label_ == "ORG":  # "Japan’s NHK" is NHK
        start += owner.start("owned")
        text = owner.group("owned")
    if "\n" in text:  # a subheading run into the next line: keep the part on the mention's last line
        cut = text.rindex("\n") + 1
        text, start = text[cut:], start + cut
    text, start = _strip_leading(text, start)
    if CONTRACTION.match(text.strip()):
        return None  # "n’t" or "’ll" tagged as a name is a piece of "don’t", "we’ll"
    stripped = text.lstrip(QUOTE_MARKS + " ")
    text, start = stripped, start + len(text) - len(stripped)
    text = POSSESSIVE.sub("", text).rstrip(" .," + QUOTE_MARKS)
    end = start + len(text)
    if not text or not any(ch.isalpha() for ch in text):
        return None
    title = _title_before(doc, ent) if ent.label_ in ("PERSON", "ORG") else None
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    preposition = before if before in PLACE_PREPOSITIONS or before in MEDIUM_PREPOSITIONS else None
    return EntityMention(article_id, start, end, text, _source_or_label(doc, ent), text, title, preposition)


def _source_or_label(doc, ent) -> str:
    """The model's label, but ORG for a "facility" or "location" that is told things or cited ("told
    Nikkei Asia", "according to Nikkei Asia"): a source is a person or an organisation, not a place."""
    if ent.label_ not in ("FAC", "LOC") or ent.start < 1:
        return ent.label_
    before = doc[ent.start - 1]
    cited = before.lower_ == "to" and ent.start >= 2 and doc[ent.start - 2].lower_ == "according"
    return "ORG" if cited or before.lemma_.lower() in ("tell", "say") else ent.label_


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    """Drop a leading "the" and title words that the model put inside the span."""
    words = text.split(" ")
    dropped = 0
    while len(words) > 1 and (words[0].lower() == "the" or _is_title(words[0])):
        dropped += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start + dropped


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLE_WORDS


def _title_before(doc, ent) -> str | None:
    """Title words just before (or at the start of) the mention: "former Prime Minister"."""
    words = []
    index = ent.start
    while index < ent.end - 1 and _is_title(doc[index].text):
        words.append(doc[index].text)
        index += 1
    index = ent.start - 1
    before = []
    while index >= 0 and index >= ent.start - 4 and (_is_title(doc[index].text) or doc[index].ent_type_ == "NORP"):
        before.insert(0, doc[index].text)
        index -= 1
    title = " ".join(before + words)
    return title or None


# ---------------------------------------------------------------- name keys


def fold(name: str) -> str:
    """Lower case, accents and punctuation off: "G-7" → "g7", "Roldán" → "roldan"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9 ]", "", plain.lower().replace("-", "")).strip()


def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name, folded, with doubled letters collapsed ("zelenskyy" → "zelensky")."""
    return tuple(re.sub(r"(.)\1+", r"\1", word) for word in fold(name.replace("-", " ")).split() if word)


def acronym_keys(name: str) -> set[str]:
    """Initials a long form may be abbreviated to, with and without a generic tail ("... Summit")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ACRONYM_STOPWORDS]
    keys = set()
    while len(words) >= 2:
        if all(w[0].isupper() for w in words):
            keys.add("".join(w[0] for w in words).lower())
        if words[-1].lower() not in GENERIC_TAILS:
            break
        words = words[:-1]
    return keys


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&.]{1,7}", name.replace(".", "") or "x"))


def _is_full_name(mention: EntityMention) -> bool:
    return mention.label == "PERSON" and len(name_words(mention.name)) >= 2


# ---------------------------------------------------------------- resolution


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_entities(
    mentions_by_article: dict[str, list[EntityMention]], outlets: dict[str, str | None]
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Canonical entities, and the entity id of every mention keyed by (article id, start, end)."""
    mentions = [m for article_id in sorted(mentions_by_article) for m in mentions_by_article[article_id]]
    groups = _UnionFind(len(mentions))
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_article[mention.article_id].append(index)
    for indexes in by_article.values():
        _join_within_article(mentions, indexes, groups)
    _join_full_names(mentions, groups)
    _join_by_form(mentions, groups)
    _join_acronyms(mentions, groups)
    _join_lone_surnames(mentions, groups)
    return _entities(mentions, groups, outlets)


def _join_within_article(mentions: list[EntityMention], indexes: list[int], groups: _UnionFind) -> None:
    full = [i for i in indexes if _is_full_name(mentions[i])]
    same_form: dict[str, int] = {}
    for i in indexes:
        key = fold(mentions[i].name)
        if key in same_form:
            groups.union(same_form[key], i)
        same_form.setdefault(key, i)
    for i in indexes:
        words = name_words(mentions[i].name)
        if len(words) == 1 and _may_be_surname(mentions[i]):
            owner = _nearest_full_name(mentions, full, i, words[0])
            if owner is not None:
                groups.union(owner, i)


def _may_be_surname(mention: EntityMention) -> bool:
    # The model tags a bare surname PERSON, or ORG by a systematic slip; a place
    # or an acronym that happens to equal a name word is not a person.
    return mention.label == "PERSON" or (mention.label == "ORG" and not is_acronym(mention.name))


def _nearest_full_name(mentions: list[EntityMention], full: list[int], index: int, word: str) -> int | None:
    owners = [i for i in full if word in name_words(mentions[i].name) and mentions[i].name != mentions[index].name]
    if not owners:
        return None
    gender = _gender(mentions[index].title)
    if gender:  # "Mr. Roldán" is not the minister Carmen Roldán when her title says "Ms."
        owners = [i for i in owners if _gender(mentions[i].title) in (None, gender)] or owners
    before = [i for i in owners if mentions[i].start < mentions[index].start]
    if before:
        return max(before, key=lambda i: mentions[i].start)
    return min(owners, key=lambda i: mentions[i].start)


def _gender(title: str | None) -> str | None:
    if not title:
        return None
    return next((GENDER_TITLES[w.lower().rstrip(".")] for w in title.split() if w.lower().rstrip(".") in GENDER_TITLES), None)


def _join_full_names(mentions: list[EntityMention], groups: _UnionFind) -> None:
    """Across articles: same name words in any order, or the same words up to spelling."""
    by_word: dict[str, list[int]] = defaultdict(list)
    seen_keys: dict[tuple[str, ...], int] = {}
    for i, mention in enumerate(mentions):
        if not _is_full_name(mention):
            continue
        key = tuple(sorted(name_words(mention.name)))
        if key in seen_keys:
            groups.union(seen_keys[key], i)
            continue
        seen_keys[key] = i
        for word in key:
            by_word[word[:4]].append(i)
    for i, mention in enumerate(mentions):
        # "Kishida Fumio" tagged ORG in one sentence is still the person of that name.
        key = tuple(sorted(name_words(mention.name)))
        if mention.label != "PERSON" and len(key) >= 2 and key in seen_keys:
            groups.union(seen_keys[key], i)
    representatives = list(seen_keys.values())
    for i in representatives:
        for j in _candidates(mentions, by_word, i):
            if j > i and _same_person(mentions[i].name, mentions[j].name):
                groups.union(i, j)


def _candidates(mentions: list[EntityMention], by_word: dict[str, list[int]], index: int) -> set[int]:
    found: set[int] = set()
    for word in name_words(mentions[index].name):
        found.update(by_word.get(word[:4], ()))
    return found


def _same_person(a: str, b: str) -> bool:
    """Same number of name words, each matched to one of the other's at >= 85% similarity."""
    words_a, words_b = sorted(name_words(a)), sorted(name_words(b))
    if len(words_a) != len(words_b):
        return False
    remaining = list(words_b)
    for word in words_a:
        best = max(remaining, key=lambda other: fuzz.ratio(word, other))
        if fuzz.ratio(word, best) < 85 or (len(word) <= 3 and word != best):
            return False
        remaining.remove(best)
    return True


def _join_by_form(mentions: list[EntityMention], groups: _UnionFind) -> None:
    """Across articles: the same folded form of a non-person name ("G7" = "G-7"), also once a
    generic tail or a state's long name is taken off (``form_key``)."""
    first: dict[tuple[str, str], int] = {}
    for i, mention in enumerate(mentions):
        if mention.label == "PERSON":
            continue
        key = (_label_family(mention.label), form_key(mention.name))
        if key in first:
            groups.union(first[key], i)
        else:
            first[key] = i


def form_key(name: str) -> str:
    """The folded form a non-person name is matched by.

    >>> [form_key(n) for n in ("Indo-Pacific region", "Kyodo News", "People’s Republic of China", "G-7")]
    ['indopacific', 'kyodo', 'china', 'g7']
    """
    folded = fold(name)
    folded = STATE_NAMES.get(folded, folded)
    words = folded.split()
    for size in (2, 1):  # "news agency" before "agency"
        stem = " ".join(words[:-size])
        if len(words) > size and " ".join(words[-size:]) in PLACE_TAILS | ORG_TAILS and len(stem) >= MIN_STEM:
            return stem
    return folded


def _label_family(label: str) -> str:
    # ORG, GPE and FAC names collide in the model's output (a government named
    # by its capital, a company by its building); NORP and EVENT stay apart.
    return {"GPE": "place", "LOC": "place", "ORG": "place", "FAC": "place"}.get(label, label)


def _join_acronyms(mentions: list[EntityMention], groups: _UnionFind) -> None:
    acronyms: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        if is_acronym(mention.name):
            acronyms.setdefault(fold(mention.name).replace(" ", ""), i)
    for i, mention in enumerate(mentions):
        if mention.label in ("ORG", "GPE", "EVENT", "FAC", "LAW") and not is_acronym(mention.name):
            for key in acronym_keys(mention.name):
                if key in acronyms:
                    groups.union(acronyms[key], i)


def _join_lone_surnames(mentions: list[EntityMention], groups: _UnionFind) -> None:
    """An article that only says "Kishida" joins the one person of that surname, if there is one."""
    persons_by_word: dict[str, set[int]] = defaultdict(set)
    for i, mention in enumerate(mentions):
        if _is_full_name(mention):
            for word in name_words(mention.name):
                persons_by_word[word].add(groups.find(i))
    named = {groups.find(i) for i, mention in enumerate(mentions) if _is_full_name(mention)}
    for i, mention in enumerate(mentions):
        words = name_words(mention.name)
        if len(words) != 1 or not _may_be_surname(mention) or groups.find(i) in named:
            continue
        owners = {groups.find(r) for r in persons_by_word.get(words[0], set())}
        if len(owners) == 1:
            groups.union(owners.pop(), i)


# ---------------------------------------------------------------- building entities


def _entities(
    mentions: list[EntityMention], groups: _UnionFind, outlets: dict[str, str | None]
) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[groups.find(i)].append(i)
    entities, by_mention = [], {}
    for members in clusters.values():
        entity = _entity([mentions[i] for i in members], outlets)
        entities.append(entity)
        for i in members:
            by_mention[(mentions[i].article_id, mentions[i].start, mentions[i].end)] = entity.id
    entities.sort(key=lambda e: (-e.mention_count, e.name))
    return entities, by_mention


def _entity(members: list[EntityMention], outlets: dict[str, str | None]) -> Entity:
    labels = Counter(m.label for m in members)
    if any(_is_full_name(m) for m in members):
        labels["PERSON"] += len(members)  # a full name outweighs the model's slips on bare surnames
    entity_type = labels.most_common(1)[0][0]
    if entity_type == "PERSON":
        entity_type = _person_or_not(members)
    elif entity_type in ("ORG", "FAC") and any((fold(m.name).split() or [""])[-1] in PLACE_TAILS for m in members):
        entity_type = "LOC"  # "the Indo-Pacific region" is a place, whatever the model said
    aliases = Counter(m.name for m in members)
    name = _canonical_name(aliases, entity_type)
    article_ids = tuple(sorted({m.article_id for m in members}))
    outlet_names = tuple(sorted({outlets[a] for a in article_ids if outlets.get(a)}))
    titles = tuple(sorted({m.title for m in members if m.title}))
    mention_keys = tuple(sorted((m.article_id, m.start, m.end) for m in members))
    return Entity(_entity_id(entity_type, name), name, entity_type, tuple(aliases.most_common()),
                  mention_keys, article_ids, outlet_names, titles)


def _person_or_not(members: list[EntityMention]) -> str:
    """A one-word "person" never titled nor fully named, found "in X" or "on X", is a place or a medium.

    The small model tags "Kyiv" and "Twitter" PERSON on news text; nobody is
    "in Stoltenberg" or "on Biden", so the preposition outvotes the tag.
    """
    if any(_is_full_name(m) or m.title for m in members):
        return "PERSON"
    prepositions = {m.preposition for m in members if m.preposition}
    if prepositions & PLACE_PREPOSITIONS:
        return "GPE"
    if prepositions & MEDIUM_PREPOSITIONS:
        return "ORG"
    return "PERSON"


def _canonical_name(aliases: Counter, entity_type: str) -> str:
    if entity_type == "PERSON":
        full = Counter({a: c for a, c in aliases.items() if len(a.split()) >= 2})
        if full:
            return max(full.items(), key=lambda item: (item[1], len(item[0])))[0]
    # Most used form; on a tie the acronym, as news writes "NATO" more than its long form.
    return max(aliases.items(), key=lambda item: (item[1], is_acronym(item[0]), -len(item[0])))[0]


def _entity_id(entity_type: str, name: str) -> str:
    key = f"{entity_type}\n{' '.join(sorted(name_words(name))) if entity_type == 'PERSON' else fold(name)}"
    return "E" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
