"""The comparison report: schema, the seeds' stories, claims, framing and summary (issue #5), analyze CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newsparallax.cli.main import app
from newsparallax.report import display_outlet, load_schema, report_markdown, write_report
from newsparallax.compare.summary import section_of, summarize_story

from ..conftest import by_prefix

runner = CliRunner()


def _groups_with(report: dict, *needles: str) -> list[dict]:
    return [c for c in report["claims"] if all(n.lower() in json.dumps(c).lower() for n in needles)]


# ---------------------------------------------------------------- schema and files


def test_seeds_report_validates_against_the_shipped_schema(seeds_analyzed):
    _, report = seeds_analyzed
    jsonschema.validate(report, load_schema())


def test_schema_rejects_a_report_missing_a_named_field(seeds_analyzed):
    _, report = seeds_analyzed
    broken = {k: v for k, v in report.items() if k != "claims"}
    with pytest.raises(jsonschema.ValidationError, match="claims"):
        jsonschema.validate(broken, load_schema())


def test_write_report_writes_json_markdown_and_html(seeds_analyzed, tmp_path: Path):
    _, report = seeds_analyzed
    paths = write_report(report, tmp_path / "out")
    assert json.loads(paths["json"].read_text())["stories"] == report["stories"]
    markdown = paths["md"].read_text()
    assert "## Fumio Kishida — attend — NATO summit, Vilnius" in markdown
    assert "<html" in paths["html"].read_text().lower()


def test_display_outlet_falls_back_to_the_file_stem():
    assert display_outlet({"outlet": None, "source": "/x/000_26f4.txt"}) == "000_26f4"
    assert display_outlet({"outlet": "rt.com", "source": "/x/a.html"}) == "rt.com"


# ---------------------------------------------------------------- stories (issue #4's seed criterion)


def test_seed_stories_are_vilnius_washington_and_madrid_in_one_topic(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    groups = sorted(sorted(k for k, v in ids.items() if v in s["article_ids"]) for s in report["stories"])
    assert groups == [["000", "001", "004"], ["002"], ["003"]]
    assert len(report["topics"]) == 1 and len(report["topics"][0]["story_ids"]) == 3
    vilnius = next(s for s in report["stories"] if ids["001"] in s["article_ids"])
    assert vilnius["label"] == "Fumio Kishida — attend — NATO summit, Vilnius"


# ---------------------------------------------------------------- claims


def test_not_joining_nato_is_found_in_000_and_004_with_a_scope_conflict(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    groups = [c for c in report["claims"] if c["status"].get(ids["000"]) in ("asserts", "denies")
              and c["status"].get(ids["004"]) in ("asserts", "denies") and "full member" in json.dumps(c)]
    assert groups, "no group holds 000's 'ruled out joining NATO as a full member' with 004's claim"
    kinds = {k["kind"] for g in groups for k in g["conflicts"]}
    assert "scope" in kinds
    conflict = next(k for g in groups for k in g["conflicts"] if k["kind"] == "scope")
    texts = " ".join(e["text"] for e in conflict["evidence"])
    assert "full member" in texts and "in any form" in texts


def test_attendance_at_vilnius_is_asserted_in_001_and_hedged_in_000(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    groups = [c for c in report["claims"] if c["status"].get(ids["001"]) == "asserts"
              and c["status"].get(ids["000"]) == "hedges" and "attend" in c["text"].lower()]
    assert groups
    hedged = groups[0]["evidence"][ids["000"]]
    assert hedged["hedge_cues"]


def test_every_claim_status_covers_every_article_of_its_story(seeds_analyzed):
    _, report = seeds_analyzed
    members = {s["id"]: set(s["article_ids"]) for s in report["stories"]}
    for claim in report["claims"]:
        assert set(claim["status"]) == members[claim["story_id"]]
        assert claim["single_outlet"] == (sum(v != "omits" for v in claim["status"].values()) == 1)


# ---------------------------------------------------------------- framing


def test_loaded_labels_are_surfaced_and_003_reads_least_loaded(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    framing = report["framing"]["articles"]
    loaded_000 = " | ".join(t["text"] for t in framing[ids["000"]]["loaded"])
    loaded_004 = " | ".join(t["text"] for t in framing[ids["004"]]["loaded"])
    assert "Leftist American President" in loaded_000 and "Chinese dictator" in loaded_000
    assert "US-led military bloc" in loaded_004
    rates = {k: framing[v]["loaded_per_1000_words"] for k, v in ids.items()}
    assert min(rates, key=rates.get) == "003", rates


def test_labels_per_entity_show_each_outlets_words_for_nato(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    labels = {lb["text"] for lb in report["framing"]["articles"][ids["004"]]["labels"] if lb["canonical"] and "NATO" in lb["canonical"]}
    assert any("US-led military bloc" in text for text in labels)


def test_sourcing_counts_anonymous_sources_in_000(seeds_analyzed):
    _, report = seeds_analyzed
    ids = by_prefix(report)
    sourcing = report["framing"]["articles"][ids["000"]]["sourcing"]
    assert sourcing["anonymous"] >= 1
    assert {"NHK", "Kyodo", "Japanese media outlets"} <= set(sourcing["outlets_cited"])
    assert "Multiple Japanese media outlets" not in sourcing["outlets_cited"]  # one source, not two


# ---------------------------------------------------------------- summary


def test_every_summary_sentence_cites_an_article_of_its_story(seeds_analyzed):
    _, report = seeds_analyzed
    members = {s["id"]: set(s["article_ids"]) for s in report["stories"]}
    texts = {a["id"]: a["text"] for a in report["articles"]}
    assert any(s["sentences"] for s in report["summary"])
    for summary in report["summary"]:
        for sentence in summary["sentences"]:
            assert sentence["article_ids"] and set(sentence["article_ids"]) <= members[summary["story_id"]]
            assert sentence["text"] in texts[sentence["source_article"]]  # extracted, nothing invented


def test_summary_leaves_out_sentences_with_unquoted_loaded_words():
    group = {"id": "G", "status": {"a": "asserts", "b": "asserts"}, "conflicts": [],
             "evidence": {"a": {"start": 0, "end": 30, "text": "The dictator met the minister."},
                          "b": {"start": 0, "end": 30, "text": "The president met the minister."}}}
    [sentence] = summarize_story("S", ["a", "b"], [group], {"a": [(4, 12)]})
    assert sentence["text"] == "The president met the minister." and sentence["article_ids"] == ["a", "b"]
    assert summarize_story("S", ["a"], [{**group, "status": {"a": "asserts"}}], {"a": [(4, 12)]}) == []


def test_summary_prefers_sentences_that_stand_alone():
    group = {"id": "G", "status": {"a": "asserts", "b": "asserts"}, "conflicts": [],
             "evidence": {"a": {"start": 0, "end": 40, "text": "However, he told parliament on Wednesday."},
                          "b": {"start": 0, "end": 40, "text": "Kishida told parliament on Wednesday."}}}
    [sentence] = summarize_story("S", ["a", "b"], [group], {})
    assert sentence["text"] == "Kishida told parliament on Wednesday." and sentence["article_ids"] == ["a", "b"]
    assert summarize_story("S", ["a"], [{**group, "status": {"a": "asserts"}}], {}) == []


def test_summary_sections_order_agreed_hedged_disputed_partial():
    def group(gid, status, conflicts=()):
        return {"id": gid, "status": status, "conflicts": list(conflicts),
                "evidence": {a: {"start": 0, "end": 5, "text": f"{gid} {a}.", "hedge_cues": ["reportedly"]} for a in status}}
    groups = [group("P", {"a": "asserts", "b": "omits", "c": "omits"}),
              group("D", {"a": "asserts", "b": "asserts", "c": "omits"}, [{"kind": "number", "description": "12 vs 14"}]),
              group("H", {"a": "asserts", "b": "hedges", "c": "omits"}),
              group("A", {"a": "asserts", "b": "asserts", "c": "omits"})]
    summary = summarize_story("S", ["a", "b", "c"], groups, {}, {"a": "Outlet A", "b": "Outlet B"})
    assert [s["section"] for s in summary] == ["agreed", "hedged", "disputed", "partial"]
    hedged = summary[1]
    assert hedged["note"] == "asserted by Outlet A; hedged by Outlet B (reportedly)" and hedged["article_ids"] == ["a", "b"]
    assert summary[2]["note"].endswith("12 vs 14") and summary[0]["note"] is None
    # one article's own hedge is not a disagreement between outlets
    assert section_of(group("H1", {"a": "hedges", "b": "omits"}), 2) == "partial"


# ---------------------------------------------------------------- CLI


def test_analyze_cli_writes_the_three_files(seeds_analyzed, tmp_path: Path):
    db, _ = seeds_analyzed
    result = runner.invoke(app, ["analyze", "--db", str(db), "--out", str(tmp_path / "r"), "--quiet"])
    assert result.exit_code == 0, result.output
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "r" / name).stat().st_size > 0
    jsonschema.validate(json.loads((tmp_path / "r" / "report.json").read_text()), load_schema())


def test_analyze_cli_names_a_bad_framing_model_folder(seeds_analyzed, tmp_path: Path):
    db, _ = seeds_analyzed
    (tmp_path / "model").mkdir()
    result = runner.invoke(app, ["analyze", "--db", str(db), "--out", str(tmp_path / "r"), "--framing-model", str(tmp_path / "model")])
    assert result.exit_code == 3
    assert "model" in result.output and "Traceback" not in result.output


def test_report_markdown_of_an_empty_report_is_valid_text():
    empty = {"articles": [], "stories": [], "claims": [], "summary": [], "timeline": [], "rejected": [],
             "framing": {"articles": {}, "outlets": {}}}
    assert report_markdown(empty).startswith("# Parallax report")
