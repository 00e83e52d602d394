"""`parallax annotate`: the JSON contract and the seed reference cases."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsparallax.cli.main import app

from ..conftest import seed_file

runner = CliRunner()


def annotate(*args):
    result = runner.invoke(app, ["annotate", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def value_of(result, text):
    return [t["value"] for t in result["timexes"] if t["text"] == text]


def test_contract_and_relative_dates_with_a_given_dct(seeds_dir):
    result = annotate(seed_file(seeds_dir, "000"), "--dct", "2023-05-25")
    assert {"text", "dct", "dct_inferred", "sentences", "entities", "timexes", "quotes", "events"} <= set(result)
    assert result["dct"] == "2023-05-25" and result["dct_inferred"] is False
    assert "2023-05-24" in value_of(result, "Wednesday") and "2023-07" in value_of(result, "July")
    for key in ("sentences", "entities", "timexes"):
        for item in result[key]:
            assert result["text"][item["start"]:item["end"]] == item.get("text", result["text"][item["start"]:item["end"]])
    entity = result["entities"][0]
    assert {"start", "end", "text", "label", "entity_id", "canonical"} <= set(entity)
    for quote in result["quotes"]:
        assert {"speaker", "cue", "content", "speaker_entity_id", "source_kind", "kind"} <= set(quote)
        assert quote["kind"] in ("direct", "indirect")
        assert quote["source_kind"] in ("named", "anonymous", "outlet", "organization", None)
        assert result["text"][quote["content"]["start"]:quote["content"]["end"]] == quote["content"]["text"]
    kinds = {q["source_kind"] for q in result["quotes"]}
    assert {"named", "anonymous", "outlet"} <= kinds
    assert any(e["label"].startswith("Kishida") and "attend" in e["label"] for e in result["events"])


def test_year_inferred_from_the_text(seeds_dir):
    result = annotate(seed_file(seeds_dir, "003"))
    assert result["dct_inferred"] is True
    [june] = [t for t in result["timexes"] if t["text"] == "June 29"]
    assert june["value"] == "2022-06-29" and june["inferred"] is True


def test_raw_keeps_offsets_into_the_exact_file(seeds_dir):
    path = seed_file(seeds_dir, "004")
    raw = path.read_text(encoding="utf-8")
    result = annotate(path, "--raw", "--dct", "2023-05-25")
    assert result["text"] == raw
    for entity in result["entities"]:
        assert raw[entity["start"]:entity["end"]] == entity["text"]


def test_bad_dct_is_a_usage_error(seeds_dir):
    result = runner.invoke(app, ["annotate", str(seed_file(seeds_dir, "000")), "--dct", "25/05/2023"])
    assert result.exit_code == 2 and "--dct must be a date as YYYY-MM-DD, not '25/05/2023'" in result.stderr


def test_events_in_verbless_fragments_terminate():
    from newsparallax.language.events import events_from_doc
    from newsparallax.language.nlp import load_nlp
    from newsparallax.records import Timex

    doc = load_nlp()("NATO summit in July.\nMonday Tuesday council summit budget.")
    events = events_from_doc(doc, [Timex(15, 19, "July", "DATE", "2023-07"), Timex(21, 27, "Monday", "DATE", "2023-05-22")])
    assert [e.date for e in events] == ["2023-07", "2023-05-22"]


def test_a_speech_event_keeps_what_it_reports():
    from newsparallax.language.events import events_from_doc
    from newsparallax.language.nlp import load_nlp
    from newsparallax.records import Timex

    text = "Business\nVoltaris said on Tuesday that it would buy Helion Cells for 3.4 billion euros."
    start = text.index("Tuesday")
    [event] = events_from_doc(load_nlp()(text), [Timex(start, start + 7, "Tuesday", "DATE", "2025-06-03")])
    assert (event.subject, event.predicate) == ("Voltaris", "say")  # the date is the telling's
    assert event.reported == ("Voltaris", "buy", "Helion Cells")  # "it" is the speaker
