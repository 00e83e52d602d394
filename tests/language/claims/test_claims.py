"""Claims (extraction, hedging, negation, numbers, dates, sources) and their alignment across outlets."""

from __future__ import annotations

import json
import time

import pytest

from newsparallax.language.claims import claim_from_record, claim_to_record, claims_from_doc, claims_with_entities, with_entities
from newsparallax.language.claims.lexicon import verb_class
from newsparallax.language.claims.numbers import number_unit, number_value
from newsparallax.compare.align import align_claims, group_json
from newsparallax.compare.conflicts import scope_class
from newsparallax.compare.signals import dates_compatible, entity_key
from newsparallax.language.annotate import annotate_doc, resolve
from newsparallax.language.nlp import load_nlp
from newsparallax.language.quotes import extract_quotes
from newsparallax.language.timex import tag_timexes

from ...conftest import seed_file

DCT = "2023-05-25"  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def claims_of(nlp, text: str, article_id: str = "a"):
    doc = nlp(text)
    return claims_from_doc(doc, article_id, tag_timexes(doc, DCT, False), extract_quotes(doc))


def one_claim(nlp, text: str):
    claims = claims_of(nlp, text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def story(nlp, texts: dict[str, str], dct: str | None = DCT):
    """Claims with entities for a few articles, as the language layer would give them."""
    docs = list(nlp.pipe(texts.values()))
    annotated, claims = [], []
    for aid, doc in zip(texts, docs):
        annotated.append(annotate_doc(doc, aid, dct, dct is None))
        claims.extend(claims_from_doc(doc, aid, annotated[-1].timexes, annotated[-1].quotes))
    resolution = resolve(annotated)
    claims = claims_with_entities(claims, resolution.mention_ids, resolution.labels)
    by_article = {aid: [c for c in claims if c.article_id == aid] for aid in texts}
    return by_article, {e.id: e.name for e in resolution.entities}


def aligned(nlp, texts: dict[str, str], **kwargs):
    by_article, names = story(nlp, texts)
    return align_claims(by_article, list(texts), names, **kwargs)


def group_with(groups, fragment: str):
    found = [g for g in groups if any(fragment in c.text for c in g.members)]
    assert found, f"no group holds {fragment!r}"
    return found[0]


# ---------------------------------------------------------------- extraction: modality


def test_expected_to_is_a_hedge_on_the_main_verb(nlp):
    claim = one_claim(nlp, "Kishida is expected to attend the NATO summit in Vilnius in July.")
    assert (claim.predicate, claim.modality, claim.negated, claim.tense) == ("attend", "hedged", False, "future")
    assert claim.hedge_cues == ("is expected to",)
    assert claim.dates == ("2023-07",)


def test_reportedly_and_could_hedge(nlp):
    assert "reportedly" in one_claim(nlp, "Kishida reportedly visited Kyiv in March.").hedge_cues
    assert "could" in one_claim(nlp, "Japan could open a NATO office in Tokyo next year.").hedge_cues


def test_making_arrangements_to_is_a_hedge_and_reads_as_attend(nlp):
    claim = one_claim(nlp, "Prime Minister Kishida Fumio is making arrangements to attend the NATO summit in Vilnius in July.")
    assert claim.predicate == "attend"
    assert "is making arrangements to" in claim.hedge_cues


def test_a_hedge_in_a_side_clause_leaves_the_claim_asserted(nlp):
    claim = one_claim(nlp, "Fumio Kishida will attend the NATO summit in Vilnius on July 11, where he is expected to speak about China.")
    assert (claim.modality, claim.predicate, claim.tense) == ("asserted", "attend", "future")
    assert claim.dates == ("2023-07-11",) and claim.places == ("Vilnius",)


def test_ruled_out_is_a_denial_with_its_scope(nlp):
    claim = one_claim(nlp, "Kishida ruled out joining NATO as a full member in remarks on Wednesday.")
    assert (claim.predicate, claim.object, claim.negated, claim.modality) == ("join", "NATO", True, "denied")
    assert claim.qualifiers == ("as a full member",)
    assert claim.dates == ("2023-05-24",)
    assert claim.hedge_cues == ()


def test_no_plans_to_become_a_member_is_a_denial_not_a_hedge(nlp):
    claim = one_claim(nlp, "Japan has no plans to become a member of NATO, Prime Minister Fumio Kishida said.")
    assert claim.negated and claim.modality == "denied"
    assert verb_class(claim.predicate, claim.object) == "join"
    assert (claim.source_kind, claim.source, claim.subject) == ("named", "Fumio Kishida", "Japan")


def test_there_were_no_plans_to_is_a_denial(nlp):
    claim = one_claim(nlp, 'Ms. Albers said there were "no plans" to close the Wroclaw plant.')
    assert claim.negated and claim.modality == "denied" and claim.hedge_cues == ()


def test_unlikely_is_a_hedged_denial(nlp):
    claim = one_claim(nlp, "The alliance is unlikely to agree to open an office in Tokyo.")
    assert claim.negated and claim.modality == "hedged" and claim.hedge_cues == ("unlikely",)


def test_a_noun_parsed_as_a_hedging_verb_does_not_hedge(nlp):
    text = ("It listed many areas of concern including “malicious cyber operations,” attempts “to control key "
            "sectors and supply chains,” and “deepening strategic partnership” with Russia.")
    assert all("attempts" not in " ".join(c.hedge_cues) for c in claims_of(nlp, text))


def test_not_and_never_negate(nlp):
    assert one_claim(nlp, "Tokyo would not be joining NATO in any form, Kishida told parliament.").negated
    assert one_claim(nlp, "Kishida never visited Kyiv before March.").negated
    assert not one_claim(nlp, "Kishida visited Kyiv in March.").negated


# ---------------------------------------------------------------- extraction: numbers and dates


@pytest.mark.parametrize("text, expected", [
    ("Japan froze the assets of about 70 individuals in Russia on June 26.", ("about 70 individuals", 70.0)),
    ("This year marks NATO's 75th anniversary, with Washington hosting the summit.", ("75th anniversary", 75.0)),
    ("Zelensky will meet Kishida in person for a third time this year.", ("third time", 3.0)),
])
def test_numbers_keep_their_counted_noun(nlp, text, expected):
    assert expected in one_claim(nlp, text).numbers


def test_date_parts_are_not_numbers(nlp):
    claim = one_claim(nlp, "Kishida imposed sanctions on Russia on June 26, 2022.")
    assert claim.dates == ("2022-06-26",) and claim.numbers == ()


def test_number_values_and_units():
    assert number_value("about 70") == 70 and number_value("third") == 3 and number_value("$1.5 billion") == 1.5e9
    assert number_value("twenty-five") == 25 and number_value("several") is None
    assert number_unit("about 70 individuals") == "individual" and number_unit("$60") == "$"


# ---------------------------------------------------------------- extraction: sources


def test_outlet_citing_anonymous_sources(nlp):
    claim = one_claim(nlp, "NHK reported on Thursday that Kishida is making arrangements to attend the NATO summit in Vilnius, "
                           "citing government sources.")
    assert (claim.source_kind, claim.source, claim.modality) == ("anonymous", "NHK", "hedged")
    assert claim.hedge_cues[:2] == ("reported", "citing")


def test_according_to_another_outlet(nlp):
    claim = one_claim(nlp, "Tokyo would not be joining NATO in any form, according to Reuters.")
    assert (claim.source_kind, claim.source, claim.modality) == ("other_outlet", "Reuters", "hedged")
    assert "according to" in claim.hedge_cues and claim.qualifiers == ("in any form",)


def test_anonymous_officials(nlp):
    claim = one_claim(nlp, "Senior Japanese officials said that Japan would open a NATO liaison office in Tokyo next year.")
    assert claim.source_kind == "anonymous" and claim.modality == "hedged"


def test_the_outlets_own_voice_and_a_named_source(nlp):
    own = one_claim(nlp, "Kishida visited Kyiv in March.")
    assert (own.source_kind, own.source, own.modality) == ("outlet", None, "asserted")
    named = one_claim(nlp, "Stoltenberg said in February that Finland would join NATO in April.")
    assert (named.source_kind, named.source, named.modality) == ("named", "Stoltenberg", "asserted")


def test_the_same_outlet_is_the_outlet_named_before(nlp):
    text = ("Ambassador Koji Tomita told Nikkei Asia that Japan was working towards opening a NATO office in Tokyo. "
            "The same outlet had earlier reported that the office would open in 2024.")
    claims = claims_of(nlp, text)
    assert (claims[-1].source_kind, claims[-1].source) == ("other_outlet", "Nikkei Asia")


# ---------------------------------------------------------------- extraction: what is no claim


@pytest.mark.parametrize("text", [
    "Will Kishida attend the NATO summit in Vilnius?",
    "Follow Frances Martel on Facebook and Twitter.",
    "It was a very good thing to do for everyone who was involved.",
    "We should never trust NATO or Japan on anything like this.",
    "Japanese PM weighs in on NATO membership\n",
])
def test_questions_boilerplate_opinion_headlines_and_empty_statements_are_skipped(nlp, text):
    assert claims_of(nlp, text) == ()


def test_two_independent_clauses_are_two_claims(nlp):
    claims = claims_of(nlp, "Senior Japanese officials have suggested that Kishida is open to a NATO office in Tokyo, "
                            "but Kishida himself claimed on Wednesday that no such plans had been completed.")
    assert len(claims) == 2
    assert claims[1].text.startswith("Kishida himself") and claims[1].negated and claims[1].source_kind == "named"


def test_spans_ids_and_text_agree(nlp):
    text = "Kishida visited Kyiv in March. Kishida ruled out joining NATO on Wednesday."
    first, again = claims_of(nlp, text), claims_of(nlp, text)
    assert [c.id for c in first] == [c.id for c in again] and len({c.id for c in first}) == 2
    assert all(text[c.start:c.end] == c.text for c in first)


# ---------------------------------------------------------------- records and entities


def test_record_round_trip(nlp):
    claim = one_claim(nlp, "Japan froze the assets of about 70 individuals in Russia on June 26.")
    record = claim_to_record(claim)
    assert claim_from_record(json.loads(json.dumps(record))) == claim


def test_with_entities_takes_mentions_labels_and_subjects(nlp):
    claim = one_claim(nlp, "Kishida ruled out joining NATO as a full member in remarks on Wednesday.")

    class Label:  # the shape of language.Label that matters here
        article_id, start, end, entity_id = "a", 30, 40, "E-label"

    mentions = {("a", 0, 7): "E-kishida", ("a", 24, 28): "E-nato", ("b", 0, 7): "E-other", ("a", 500, 510): "E-far"}
    resolved = with_entities(claim, mentions, [Label()])
    assert resolved.entity_ids == ("E-kishida", "E-nato", "E-label")
    assert resolved.subject_ids == ("E-kishida",)
    assert claims_with_entities([claim], mentions, [Label()]) == [resolved]


# ---------------------------------------------------------------- alignment and conflicts


def test_scope_conflict_between_full_member_and_any_form(nlp):
    groups = aligned(nlp, {
        "a": "Kishida ruled out joining NATO as a full member in remarks on Wednesday.",
        "b": "Kishida told parliament on Wednesday that Japan would not be joining NATO in any form.",
        "c": "Jens Stoltenberg visited Kyiv in February to discuss weapons deliveries.",
    })
    group = group_with(groups, "as a full member")
    assert group.status == {"a": "asserts", "b": "asserts", "c": "omits"}
    assert not group.single_outlet
    [scope] = [c for c in group.conflicts if c.kind == "scope"]
    assert "as a full member" in scope.description and "in any form" in scope.description
    assert {e[0] for e in scope.evidence} == {"a", "b"}


def test_hedged_and_asserted_versions_align(nlp):
    groups = aligned(nlp, {
        "a": "Fumio Kishida will attend the NATO summit in Vilnius on July 11.",
        "b": "NHK reported that Kishida Fumio is expected to attend the NATO summit in Vilnius in July, citing government sources.",
    })
    group = group_with(groups, "will attend")
    assert group.status == {"a": "asserts", "b": "hedges"}
    assert group.text.startswith("Fumio Kishida will attend")  # the asserting version represents the group
    assert group.evidence["b"].source_kind == "anonymous" and group.evidence["b"].source == "NHK"


def test_negation_conflict(nlp):
    groups = aligned(nlp, {
        "a": "Fumio Kishida will attend the NATO summit in Vilnius on July 11.",
        "b": "Fumio Kishida will not attend the NATO summit in Vilnius on July 11.",
    })
    group = group_with(groups, "will attend")
    assert sorted(group.status.values()) == ["asserts", "denies"]
    assert [c.kind for c in group.conflicts] == ["negation"]


def test_number_conflict(nlp):
    groups = aligned(nlp, {
        "a": "Japan froze the assets of 70 individuals in Russia on June 26.",
        "b": "Japan froze the assets of 80 individuals in Russia on June 26.",
    })
    [conflict] = group_with(groups, "70 individuals").conflicts
    assert conflict.kind == "number" and "70 individuals" in conflict.description and "80 individuals" in conflict.description


def test_date_conflict(nlp):
    groups = aligned(nlp, {
        "a": "Fumio Kishida will attend the NATO summit in Vilnius on July 11, 2023.",
        "b": "Fumio Kishida will attend the NATO summit in Vilnius on July 14, 2023.",
    })
    group = group_with(groups, "July 11")
    assert group.status == {"a": "asserts", "b": "asserts"}
    assert [c.kind for c in group.conflicts] == ["date"]
    assert "2023-07-11" in group.conflicts[0].description and "2023-07-14" in group.conflicts[0].description


def test_different_places_and_subjects_stay_apart(nlp):
    groups = aligned(nlp, {
        "a": "Fumio Kishida attended the NATO summit in Madrid on June 29, 2022.",
        "b": "Fumio Kishida will attend the NATO summit in Vilnius on July 11, 2023.",
        "c": "Ukraine will become a member of NATO, Stoltenberg said.",
        "d": "Japan has no plans to become a member of NATO, Fumio Kishida said.",
    })
    assert all(g.single_outlet for g in groups)


def test_single_outlet_claims_and_outlets(nlp):
    texts = {"a": "Fumio Kishida will attend the NATO summit in Vilnius on July 11.",
             "b": "Fumio Kishida will attend the NATO summit in Vilnius on July 11, officials said.",
             "c": "Japan froze the assets of 70 individuals in Russia on June 26."}
    groups = aligned(nlp, texts)
    assert group_with(groups, "70 individuals").single_outlet
    assert not group_with(groups, "Vilnius").single_outlet
    same_outlet = aligned(nlp, texts, outlets={"a": "nhk.or.jp", "b": "nhk.or.jp", "c": "rt.com"})
    assert group_with(same_outlet, "Vilnius").single_outlet


def test_alignment_is_deterministic_and_json_ready(nlp):
    texts = {"a": "Kishida ruled out joining NATO as a full member in remarks on Wednesday.",
             "b": "Kishida told parliament on Wednesday that Japan would not be joining NATO in any form.",
             "c": "Fumio Kishida will attend the NATO summit in Vilnius on July 11."}
    by_article, names = story(nlp, texts)
    first = align_claims(by_article, list(texts), names, story_id="S1")
    again = align_claims({k: list(reversed(v)) for k, v in by_article.items()}, list(texts), names, story_id="S1")
    assert [g.id for g in first] == [g.id for g in again]
    data = json.loads(json.dumps([group_json(g) for g in first]))
    assert set(data[0]) >= {"id", "story_id", "text", "status", "evidence", "conflicts", "single_outlet", "article_ids"}
    assert data[0]["story_id"] == "S1" and set(data[0]["status"]) == set(texts)
    for evidence in data[0]["evidence"].values():
        assert set(evidence) >= {"start", "end", "text", "source_kind", "source", "hedge_cues"}
    assert align_claims({}, ["a"], {}) == ()


def test_signal_helpers():
    assert dates_compatible("2023-07-11", "2023-07") and not dates_compatible("2023-07-11", "2022-07")
    assert dates_compatible("XXXX-07-11", "2023-07-11")
    assert entity_key("Tokyo") == entity_key("Japan") == "japan"
    assert scope_class("as a full member") == "restricted" and scope_class("in any form") == "universal"
    assert verb_class("participate") == "attend" and verb_class("join", "the NATO summit") == "attend"


# ---------------------------------------------------------------- the seed articles


@pytest.fixture(scope="module")
def seeds(seeds_dir, nlp):
    texts = {prefix: seed_file(seeds_dir, prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002", "003", "004")}
    return story(nlp, texts, dct=None)


@pytest.fixture(scope="module")
def seed_groups(seeds):
    by_article, names = seeds
    return {ids: align_claims(by_article, list(ids), names) for ids in (("000", "001", "002", "003", "004"), ("000", "001", "004"))}


@pytest.mark.parametrize("ids", [("000", "001", "002", "003", "004"), ("000", "001", "004")])
def test_seeds_japan_will_not_join_nato_with_a_scope_conflict(seed_groups, ids):
    group = group_with(seed_groups[ids], "Kishida ruled out joining NATO as a full member")
    assert group.status["000"] == "asserts" and group.status["004"] == "asserts"
    texts_004 = " ".join(c.text for c in group.members if c.article_id == "004")
    assert "no plans to become a member of NATO" in texts_004 and "in any form" in texts_004
    [scope] = [c for c in group.conflicts if c.kind == "scope"]
    assert {e[0] for e in scope.evidence} == {"000", "004"}
    assert "as a full member" in scope.description and "in any form" in scope.description


@pytest.mark.parametrize("ids", [("000", "001", "002", "003", "004"), ("000", "001", "004")])
def test_seeds_vilnius_attendance_asserted_in_001_hedged_in_000(seed_groups, ids):
    group = group_with(seed_groups[ids], "Fumio Kishida will attend the NATO summit in Vilnius")
    assert group.status["001"] == "asserts" and group.status["000"] == "hedges"
    assert group.text.startswith("Japanese Prime Minister Fumio Kishida will attend")
    hedged = [c for c in group.members if c.article_id == "000"]
    assert any("making arrangements to attend" in c.text for c in hedged)
    assert {c.source_kind for c in hedged} <= {"anonymous", "other_outlet"}
    assert {"NHK", "Kyodo News"} <= {c.source for c in hedged}
    assert all(c.hedge_cues for c in hedged)


def test_seeds_groups_are_few_and_complete(seed_groups):
    groups = seed_groups[("000", "001", "002", "003", "004")]
    shared = [g for g in groups if not g.single_outlet]
    assert 3 <= len(shared) <= 8
    for group in groups:
        assert set(group.status) == {"000", "001", "002", "003", "004"}
        assert group.single_outlet == (len(group.article_ids) == 1)
        assert set(group.evidence) == set(group.article_ids)
    assert len({g.id for g in groups}) == len(groups)


def test_seeds_claims_are_sensible(seeds):
    by_article, _ = seeds
    claims = [c for cs in by_article.values() for c in cs]
    assert all(c.entity_ids for c in claims if c.source_kind == "outlet")
    assert not any("Follow Frances Martel" in c.text or "Leave a Reply" in c.text or c.text.endswith("?") for c in claims)
    [sanctions] = [c for c in by_article["003"] if "sanctions on Russia on June 26" in c.text]
    assert ("about 70 individuals", 70.0) in sanctions.numbers
    nikkei = [c for c in by_article["004"] if c.text.startswith("The same outlet")]
    assert nikkei and nikkei[0].source == "Nikkei Asia"


def test_seeds_claim_extraction_is_fast(seeds_dir, nlp):
    doc = nlp(seed_file(seeds_dir, "000").read_text(encoding="utf-8"))
    timexes, quotes = tag_timexes(doc, DCT, False), extract_quotes(doc)
    claims_from_doc(doc, "000", timexes, quotes)  # warm caches
    started = time.perf_counter()
    claims_from_doc(doc, "000", timexes, quotes)
    assert time.perf_counter() - started < 1.0  # well under the parse itself; generous for a shared machine
