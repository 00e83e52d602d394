"""Entity resolution across articles, on handmade mentions and on the seed articles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsparallax.cli.main import app
from newsparallax.language.entities import EntityMention, acronym_keys, fold, name_words, resolve_entities

runner = CliRunner()


def mention(article: str, start: int, name: str, label: str = "PERSON", title: str | None = None, preposition=None):
    return EntityMention(article, start, start + len(name), name, label, name, title, preposition)


def names_of(entities):
    return {e.name: sorted(a for a, _ in e.aliases) for e in entities}


def test_name_order_titles_and_model_slips_resolve_to_one_person():
    mentions = {
        "a": [mention("a", 0, "Kishida Fumio"), mention("a", 50, "Kishida", "ORG")],
        "b": [mention("b", 0, "Fumio Kishida", title="Prime Minister"), mention("b", 40, "Kishida")],
        "c": [mention("c", 0, "Kishida", title="Mr.")],  # only the surname in this article
    }
    entities, ids = resolve_entities(mentions, {"a": "x.example", "b": "y.example", "c": None})
    [person] = [e for e in entities if e.type == "PERSON"]
    assert len(set(ids.values())) == 1 and set(person.article_ids) == {"a", "b", "c"}
    assert person.outlets == ("x.example", "y.example")


def test_people_sharing_a_surname_stay_apart():
    mentions = {
        "a": [mention("a", 0, "Joe Biden"), mention("a", 30, "Hunter"), mention("a", 60, "Biden")],
        "b": [mention("b", 0, "Hunter Biden"), mention("b", 30, "Joe Biden")],
        "c": [mention("c", 0, "Carmen Roldán", title="Minister"), mention("c", 30, "Javier Roldán"),
              mention("c", 60, "Roldán", title="Mr.")],
    }
    entities, ids = resolve_entities(mentions, {})
    names = names_of(entities)
    assert names["Joe Biden"] == ["Biden", "Joe Biden"] and names["Hunter Biden"] == ["Hunter", "Hunter Biden"]
    assert ids[("a", 30, 36)] != ids[("a", 0, 9)]  # "Hunter" is never his father
    assert ids[("c", 60, 66)] == ids[("c", 30, 43)]  # "Mr. Roldán" is the brother, the nearest before


def test_transliteration_and_spelling_variants():
    mentions = {"a": [mention("a", 0, "Volodymyr Zelensky"), mention("a", 40, "Oleksandr Kravets")],
                "b": [mention("b", 0, "Volodymyr Zelenskyy"), mention("b", 40, "Oleksander Kravets"),
                      mention("b", 80, "Olena Kravets")]}
    entities, _ = resolve_entities(mentions, {})
    people = sorted(e.name for e in entities if e.type == "PERSON")
    assert len(people) == 3 and "Olena Kravets" in people


def test_acronyms_and_folded_forms():
    mentions = {"a": [mention("a", 0, "NATO", "ORG"), mention("a", 10, "G7", "ORG")],
                "b": [mention("b", 0, "North Atlantic Treaty Organization", "ORG"), mention("b", 60, "G-7", "ORG")]}
    entities, _ = resolve_entities(mentions, {})
    assert len(entities) == 2
    assert {e.name for e in entities} == {"NATO", "G7"}


def test_prepositions_outvote_a_person_tag():
    mentions = {"a": [mention("a", 0, "Kyiv", preposition="in"), mention("a", 20, "Twitter", preposition="on"),
                      mention("a", 40, "Hunter")]}
    types = {e.name: e.type for e in resolve_entities(mentions, {})[0]}
    assert types == {"Kyiv": "GPE", "Twitter": "ORG", "Hunter": "PERSON"}


def test_generic_tails_and_long_state_names_join_the_short_form():
    mentions = {"a": [mention("a", 0, "Indo-Pacific", "ORG"), mention("a", 20, "Kyodo", "ORG"),
                      mention("a", 40, "China", "GPE")],
                "b": [mention("b", 0, "Indo-Pacific region", "ORG"), mention("b", 30, "Kyodo News", "ORG"),
                      mention("b", 50, "People’s Republic of China", "GPE"), mention("b", 90, "Indo-Pacific area", "LOC")]}
    entities = resolve_entities(mentions, {})[0]
    assert len(entities) == 3
    types = {e.name: e.type for e in entities}
    assert types["Kyodo"] == "ORG" and types["China"] == "GPE"
    assert [t for n, t in types.items() if n.startswith("Indo-Pacific")] == ["LOC"]  # a region is a place


def test_contraction_pieces_and_quote_marks_are_not_names(tmp_path):
    from newsparallax.language.entities import mentions_from_doc
    from newsparallax.language.nlp import load_nlp

    doc = load_nlp()("Tokyo isn’t joining the “Individually Tailored Partnership Program” with NATO.")
    names = [m.name for m in mentions_from_doc(doc, "a")]
    assert not any("’" in n or "“" in n or "”" in n for n in names), names
    assert "n’t" not in names


def test_names_without_latin_letters_and_short_stems():
    mentions = {"a": [mention("a", 0, "Роскосмос", "ORG"), mention("a", 20, "Bay Area", "LOC"), mention("a", 40, "Bay", "GPE"),
                      mention("a", 60, "Daily Press", "ORG"), mention("a", 80, "Daily", "ORG")]}
    names = {e.name for e in resolve_entities(mentions, {})[0]}
    assert names == {"Роскосмос", "Bay Area", "Bay", "Daily Press", "Daily"}


def test_a_cited_facility_is_an_organisation():
    from newsparallax.language.entities import mentions_from_doc
    from newsparallax.language.nlp import load_nlp

    doc = load_nlp()("Koji Tomita told Nikkei Asia that Japan was working on it, according to Nikkei Asia.")
    assert {m.label for m in mentions_from_doc(doc, "a") if m.name == "Nikkei Asia"} == {"ORG"}


def test_name_keys():
    assert fold("G-7") == "g7" and fold("Roldán") == "roldan"
    assert name_words("Zelenskyy") == ("zelensky",)
    assert "nato" in acronym_keys("North Atlantic Treaty Organization Summit")


@pytest.fixture(scope="module")
def seed_entities(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("ent") / "s.db"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["entities"]


def _find(entities, alias):
    return [e for e in entities if alias in {a["text"] for a in e["aliases"]}]


def test_seed_entities(seed_entities):
    [kishida] = _find(seed_entities, "Kishida Fumio")
    assert kishida["type"] == "PERSON" and len(kishida["article_ids"]) == 5
    assert {"Kishida Fumio", "Fumio Kishida", "Kishida"} <= {a["text"] for a in kishida["aliases"]}
    assert _find(seed_entities, "Zelensky") == _find(seed_entities, "Zelenskyy") != []
    [biden] = _find(seed_entities, "Joe Biden")
    [hunter] = _find(seed_entities, "Hunter")
    assert biden["id"] != hunter["id"]
    [nato] = _find(seed_entities, "NATO")
    assert any(a["text"].startswith("North Atlantic Treaty Organization") for a in nato["aliases"])
    assert {"the US-led military bloc", "the Western military alliance"} <= set(nato["labels"])
    assert "Leftist American President" in biden["labels"]
    for entity in seed_entities:
        assert {"id", "name", "type", "aliases", "mention_count", "outlets", "mentions"} <= set(entity)
