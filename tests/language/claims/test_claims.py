"""Claims: extraction, hedging, negation, numbers, dates, sources (their alignment: tests/compare/test_align.py)."""

from __future__ import annotations

import json
import time

import pytest

from newsparallax.records import Claim
from newsparallax.language.claims import claims_from_doc, claims_with_entities, with_entities
from newsparallax.language.claims.lexicon import verb_class
from newsparallax.language.claims.numbers import number_unit, number_value
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
    record = claim.to_dict()
    assert Claim.from_dict(json.loads(json.dumps(record))) == claim


def test_with_entities_takes_mentions_labels_and_subjects(nlp):
    claim = one_claim(nlp, "Kishida ruled out joining NATO as a full member in remarks on Wednesday.")

    class Label:  # the shape of language.Label that matters here
        article_id, start, end, entity_id = "a", 30, 40, "E-label"

    mentions = {("a", 0, 7): "E-kishida", ("a", 24, 28): "E-nato", ("b", 0, 7): "E-other", ("a", 500, 510): "E-far"}
    resolved = with_entities(claim, mentions, [Label()])
    assert resolved.entity_ids == ("E-kishida", "E-nato", "E-label")
    assert resolved.subject_ids == ("E-kishida",)
    assert claims_with_entities([claim], mentions, [Label()]) == [resolved]


# ---------------------------------------------------------------- the seed articles


def test_seeds_claim_extraction_is_fast(seeds_dir, nlp):
    doc = nlp(seed_file(seeds_dir, "000").read_text(encoding="utf-8"))
    timexes, quotes = tag_timexes(doc, DCT, False), extract_quotes(doc)
    claims_from_doc(doc, "000", timexes, quotes)  # warm caches
    started = time.perf_counter()
    claims_from_doc(doc, "000", timexes, quotes)
    assert time.perf_counter() - started < 1.0  # well under the parse itself; generous for a shared machine
