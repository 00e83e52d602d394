"""Claims aligned across outlets: groups, statuses and conflicts (compare.align), on sentences and on the seeds."""

from __future__ import annotations

import json

import pytest

from newsparallax.compare.align import align_claims, group_json
from newsparallax.compare.conflicts import scope_class
from newsparallax.compare.signals import dates_compatible, entity_key
from newsparallax.language.annotate import annotate_doc, resolve
from newsparallax.language.claims import claims_from_doc, claims_with_entities
from newsparallax.language.claims.lexicon import verb_class
from newsparallax.language.nlp import load_nlp

from ..conftest import seed_file

DCT = "2023-05-25"  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


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
