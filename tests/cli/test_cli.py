"""The command line: exit codes, exact messages, JSON shapes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparallax.cli.main import app

from ..test_store import STORY

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good articles beside an empty, a binary and an invalid-UTF-8 file."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "good.jsonl").write_text(json.dumps({"title": "Flood", "text": STORY.replace("Rotterdam", "Hamburg") + " Flood."}) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait, said the minister on Monday in a long speech.".encode("latin-1"))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return folder


def test_mixed_folder_keeps_the_good_and_lists_the_bad(mixed_folder, tmp_path):
    db = tmp_path / "s.db"
    result = invoke("ingest", mixed_folder, "--db", db)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "2 new article(s)" in result.stderr and "4 rejected" in result.stderr
    for name, reason in [("empty.txt", "empty file (0 bytes)"), ("binary.dat", "binary content"),
                         ("latin1.txt", "not valid UTF-8 (byte 0xe9 at offset 3)"), ("scan.pdf", "a PDF document")]:
        assert name in result.stderr and reason in result.stderr, name
    stats = json.loads(invoke("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 2 and stats["rejected"] == 4
    assert stats["rejected_by_reason"]["read: empty file (0 bytes)"] == 1


def test_ingest_json_report_and_rerun(mixed_folder, tmp_path):
    db = tmp_path / "s.db"
    first = json.loads(invoke("ingest", mixed_folder, "--db", db, "--json").stdout)
    assert (first["added"], first["articles_in_store"], len(first["rejected"])) == (2, 2, 4)
    assert {"source", "stage", "reason"} == set(first["rejected"][0])
    again = invoke("ingest", mixed_folder, "--db", db, "--json")
    assert json.loads(again.stdout)["added"] == 0


def test_encoding_option_reads_legacy_files(mixed_folder, tmp_path):
    result = invoke("ingest", mixed_folder / "latin1.txt", "--db", tmp_path / "s.db", "--encoding", "cp1252", "--quiet")
    assert result.exit_code == 0, result.output


def test_clean_run_exits_zero_and_export_jsonl(seeds_dir, tmp_path):
    db = tmp_path / "s.db"
    assert invoke("ingest", seeds_dir, "--db", db, "--quiet").exit_code == 0
    rows = [json.loads(line) for line in invoke("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 5
    by_file = {Path(r["source"]).name[:3]: r for r in rows}
    assert by_file["000"]["author"] == "Frances Martel"
    assert by_file["002"]["author"] == "Kazuyuki Sakamoto"
    assert by_file["004"]["title"] == "Japanese PM weighs in on NATO membership"
    for row in rows:
        assert {"id", "source", "title", "author", "outlet", "published", "text", "removed"} <= set(row)
        for boilerplate in ("Follow Frances Martel", "Leave a Reply", "RELATED:", "Read the article in Japanese", "Author:"):
            assert boilerplate not in row["text"]


def test_export_csv_to_file(seeds_dir, tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "out.csv"
    invoke("ingest", seeds_dir, "--db", db, "--quiet")
    assert invoke("export", "--db", db, "--format", "csv", "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 5 and json.loads(rows[4]["removed"])[0]["reason"] == "title (moved to metadata)"


def test_export_rejects_an_unknown_format(tmp_path):
    result = invoke("export", "--db", tmp_path / "s.db", "--format", "xml")
    assert result.exit_code == 2 and "--format must be jsonl or csv, not 'xml'" in result.stderr


def test_commands_on_a_missing_store(tmp_path):
    result = invoke("stats", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert f"no store at {tmp_path / 'none.db'}" in result.stderr


def test_store_that_is_not_sqlite(tmp_path, mixed_folder):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database" * 200)
    result = invoke("ingest", mixed_folder / "good.txt", "--db", bogus)
    assert result.exit_code == 3 and "cannot open as a Parallax store" in result.stderr
    assert "Traceback" not in result.output


def test_missing_input_path(tmp_path):
    result = invoke("ingest", tmp_path / "nowhere", "--db", tmp_path / "s.db")
    assert result.exit_code == 2 and "does not exist" in " ".join(result.output.replace("│", " ").split())


def test_bad_map_option(tmp_path, mixed_folder):
    result = invoke("ingest", mixed_folder, "--db", tmp_path / "s.db", "--map", "texte")
    assert result.exit_code == 3 and "--map takes FIELD=COLUMN pairs" in result.stderr
    result = invoke("ingest", mixed_folder, "--db", tmp_path / "s.db", "--map", "body=x")
    assert result.exit_code == 3 and "unknown field(s) in the field map: body" in result.stderr


def test_extract_json_contract(seeds_dir):
    result = invoke("extract", next(seeds_dir.glob("004_*.txt")), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"text", "title", "author", "outlet", "published", "language", "removed"} <= set(data)
    assert data["title"] == "Japanese PM weighs in on NATO membership"
    assert {"start", "end", "text", "reason"} == set(data["removed"][0])


def test_extract_plain_output(seeds_dir):
    result = invoke("extract", next(seeds_dir.glob("000_*.txt")))
    assert result.exit_code == 0
    assert "Frances Martel" in result.stderr and "Kishida timed his visit" in result.stdout


def test_extract_rejected_file(mixed_folder):
    result = invoke("extract", mixed_folder / "empty.txt", "--json")
    assert result.exit_code == 1 and "empty file (0 bytes)" in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_demo_runs(tmp_path):
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "parallax.db").exists()
    stats = json.loads(invoke("stats", "--db", tmp_path / "demo" / "parallax.db", "--json").stdout)
    assert stats["articles"] >= 12 and len(stats["by_outlet"]) >= 4 and len(stats["by_format"]) >= 3
    assert stats["near_duplicate_pairs"] >= 1
    report = json.loads((tmp_path / "demo" / "report" / "report.json").read_text(encoding="utf-8"))
    # the merger story is named by its news peg (the deal announced on the publication day), not by background
    assert "Voltaris — buy — Helion Cells" in [s["label"] for s in report["stories"]]


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("parallax ")
