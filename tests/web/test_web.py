"""The web app through FastAPI's TestClient, the static report, and the escaping helpers (no browser)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import lxml.html
import pytest

from newsparallax.config import Settings
from newsparallax.errors import ConfigError
from newsparallax.report.html import render_report_html
from newsparallax.pipeline import ingest as ingest_paths
from newsparallax.store import Store
from newsparallax.report.charts import coverage_rows
from newsparallax.report.markup import Highlight, highlight, json_for_script, safe_url
from newsparallax.web.server import check_bind
from newsparallax.report.viewmodel import ReportView
from newsparallax.web.views import load_report
from ..webfixtures import DEMO_ARTICLES, HOSTILE_TITLE, PAYLOAD_SCRIPT, estimated_report, sample_report, write_articles

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

from newsparallax.web.app import create_app  # noqa: E402

FAST = Settings(annotate=False)
ONE_ARTICLE = {"articles": [{"title": "Harbour cranes idle", "outlet": "Dock Daily", "published": "2024-03-07",
                             "text": "The harbour cranes at the port stood idle again on Thursday as the dockers' strike went on."}]}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    path = folder / "web.db"
    with Store(path) as store:
        ingest_paths([write_articles(folder / "in")], store, FAST)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db, FAST))


def _hostile_id(client: TestClient) -> str:
    return next(a["id"] for a in client.get("/api/articles").json()["articles"] if a["outlet"] == "Evil Outlet")


# ---------------------------------------------------------------- headers and API shapes


@pytest.mark.parametrize("url", ["/", "/articles", "/api/stories", "/static/app.css", "/docs", "/no-such-page", "/api/articles/nope"])
def test_every_response_has_the_csp(client, url):
    csp = client.get(url).headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_api_shapes(client):
    stories = client.get("/api/stories").json()["stories"]
    assert len(stories) >= 2 and {"id", "label", "topic_id", "article_ids", "outlets", "key_entities", "event_span"} <= set(stories[0])
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert set(story) >= {"story", "articles", "claims", "timeline", "quotes", "framing", "summary", "charts"}
    assert story["charts"]["coverage"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    article_id = story["articles"][0]["id"]
    article = client.get(f"/api/articles/{article_id}").json()["article"]
    assert {"id", "text", "removed", "mentions", "timexes", "quotes", "loaded", "sentences", "label"} <= set(article)
    report = client.get("/api/report").json()
    assert set(report) >= {"generator", "articles", "stories", "topics", "entities", "timeline", "claims", "quotes", "framing", "summary", "rejected"}
    for url, key in [("/api/entities", "entities"), ("/api/topics", "topics"), ("/api/timeline", "timeline"),
                     ("/api/claims", "claims"), ("/api/rejected", "rejected"), ("/api/outlets", "outlets")]:
        assert isinstance(client.get(url).json()[key], list)


def test_openapi_lists_every_api_view_and_docs_page_is_local(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search", "/api/entities", "/api/ingest"):
        assert path in paths
    docs = client.get("/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower() and "<script" not in docs


def test_search_and_filters(client):
    results = client.get("/api/search", params={"q": "dockers"}).json()["results"]
    assert results and all("\x02" not in r["snippet"] for r in results)
    only = client.get("/api/search", params={"q": "dockers", "outlet": "Costa Post"}).json()["results"]
    assert [r["label"] for r in only] == ["Costa Post"]
    assert client.get("/api/search", params={"q": 'dockers" OR ('}).status_code == 200  # user syntax cannot break FTS5
    dated = client.get("/api/articles", params={"date_from": "2024-03-10"}).json()["articles"]
    assert [a["outlet"] for a in dated] == ["Pacific Herald"]
    assert client.get("/api/articles", params={"date_from": "March"}).status_code == 422
    story = client.get("/api/stories").json()["stories"][0]["id"]
    in_story = client.get("/api/articles", params={"story": story}).json()["articles"]
    assert in_story and {a["story_id"] for a in in_story} == {story}
    assert client.get("/", params={"outlet": "", "date_from": "", "date_to": ""}).status_code == 200


def test_pages_render(client):
    story = client.get("/api/stories").json()["stories"][0]
    page = client.get(f"/stories/{story['id']}").text
    assert "Claims by outlet" in page and 'data-chart-target="coverage"' in page and "/static/vendor/vega-embed.min.js" in page
    assert client.get("/search", params={"q": "earthquake"}).text.count('class="search-result"') == 1
    assert client.get("/stories/unknown").status_code == 404
    assert "<!doctype html>" in client.get("/report.html").text


def test_views_work_while_another_connection_writes(db, client):
    with Store(db) as writer, writer.transaction():
        writer.forget_rejections("/nowhere")  # holds the write lock, as an ingest would
        assert client.get("/api/stories").status_code == 200
        assert client.get("/search", params={"q": "strike"}).status_code == 200


# ---------------------------------------------------------------- uploads


def test_upload_over_the_size_limit_is_413(tmp_path):
    small = TestClient(create_app(tmp_path / "s.db", Settings(annotate=False, max_document_bytes=200)), client=("127.0.0.1", 5000))
    headers = {"host": "127.0.0.1"}
    response = small.post("/api/ingest", json={"articles": [{"title": "x", "text": "y" * 500}]}, headers=headers)
    assert response.status_code == 413
    files = {"files": ("big.txt", b"z" * 1000, "text/plain")}
    assert small.post("/api/ingest", files=files, headers=headers).status_code == 413


def test_upload_needs_a_token_when_not_loopback(tmp_path):
    open_app = TestClient(create_app(tmp_path / "a.db", FAST))  # client "testclient": not loopback
    assert open_app.post("/api/ingest", json=ONE_ARTICLE).status_code == 403
    guarded = TestClient(create_app(tmp_path / "b.db", FAST, token="s3cret"))
    assert guarded.post("/api/ingest", json=ONE_ARTICLE).status_code == 401
    assert guarded.post("/api/ingest", json=ONE_ARTICLE, headers={"authorization": "Bearer wrong"}).status_code == 401
    ok = guarded.post("/api/ingest", json=ONE_ARTICLE, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["added"] == 1
    assert guarded.get("/api/articles").json()["articles"][0]["title"] == "Harbour cranes idle"


def test_loopback_upload_of_files_and_json(tmp_path):
    local = TestClient(create_app(tmp_path / "c.db", FAST), client=("127.0.0.1", 5000))
    headers = {"host": "127.0.0.1:8000"}
    assert local.post("/api/ingest", json=ONE_ARTICLE, headers=headers).json()["added"] == 1
    text = "Rescue teams reached the villages cut off by landslides near Omachi on Friday, officials said."
    files = {"files": ("../../etc/quake.txt", text.encode(), "text/plain")}
    result = local.post("/api/ingest", files=files, headers=headers).json()
    assert result["added"] == 1 and result["files"] == ["000-quake.txt"]
    assert list((tmp_path / "c.db.uploads").glob("*/000-quake.txt"))
    assert local.post("/api/ingest", json=ONE_ARTICLE, headers={"host": "evil.example"}).status_code == 403  # DNS rebinding
    assert local.post("/api/ingest", json=ONE_ARTICLE, headers={**headers, "origin": "https://evil.example"}).status_code == 403
    assert local.post("/api/ingest", content=b"x", headers={**headers, "content-type": "text/plain"}).status_code == 415


def test_serve_refuses_a_public_host_without_a_token():
    with pytest.raises(ConfigError, match="without a token"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "s3cret")
    check_bind("localhost", None)


# ---------------------------------------------------------------- hostile content


def test_hostile_article_is_escaped_in_every_page(client):
    hostile = _hostile_id(client)
    pages = [client.get(f"/articles/{hostile}").text, client.get("/articles").text, client.get("/search", params={"q": "attack"}).text]
    story = client.get(f"/api/articles/{hostile}").json()["article"]["story_id"]
    pages.append(client.get(f"/stories/{story}").text)
    for page in pages:
        assert PAYLOAD_SCRIPT not in page and "<img src=x" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages[0]
    assert "javascript:window.__pwned=1" in pages[0]  # shown as text, never as a link


def test_json_in_the_story_page_cannot_close_its_script_block(client):
    hostile = _hostile_id(client)
    story = client.get(f"/api/articles/{hostile}").json()["article"]["story_id"]
    page = client.get(f"/stories/{story}").text
    blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert blocks and all("<" not in block for block in blocks)
    assert "\\u003cscript\\u003e" in "".join(blocks)


def test_static_report_is_self_contained_and_safe():
    html = render_report_html(sample_report())
    assert "<script" not in html.lower() and "http-equiv=\"Content-Security-Policy\"" in html
    assert "\"Segoe UI\"" in html  # the inlined stylesheet is not entity-escaped (a <style> would not decode it)
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//*[@src] | //link | //script | //iframe | //object") and "@import" not in html  # nothing fetched or run
    assert html.count("<svg") >= 2
    assert "000_26f462c9792fffd3" in html and "004_e663085cde9281b2" in html  # outlet-less columns by file stem
    assert 'class="cell st-asserts conflict"' in html and "<details>" in html
    assert "the US-led military bloc" in html and "Leftist American President" in html
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in html and "<img" not in html
    assert 'href="javascript:' not in html


def test_load_report_from_a_store(db):
    with Store(db) as store:
        report = load_report(store)
    assert len(report["articles"]) == len(DEMO_ARTICLES) and {"claims", "framing", "summary", "timeline"} <= set(report)
    hostile = next(a for a in report["articles"] if a["outlet"] == "Evil Outlet")
    assert hostile["title"] == HOSTILE_TITLE and hostile["story_id"] in {s["id"] for s in report["stories"]}


# ---------------------------------------------------------------- helpers


def test_overlapping_highlights_stay_well_formed():
    text = "<b>Kishida</b> & NATO"
    html = str(highlight(text, [Highlight(0, 14, "quote", 'say "x"'), Highlight(3, 10, "entity"), Highlight(12, 20, "date"),
                                Highlight(-1, 4, "entity"), Highlight(5, 99, "entity"), Highlight(1, 2, 'x" onclick="y')]))
    assert html.count("<mark") == html.count("</mark>") and "<b>" not in html and "onclick" not in html
    assert re.sub(r"<[^>]+>", "", html) == "&lt;b&gt;Kishida&lt;/b&gt; &amp; NATO"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>",
                                 "vbscript:x", "//evil.example/x", "/relative", "https://", " https://a.org", "file:///etc/passwd"])
def test_unsafe_urls_are_never_links(url):
    assert safe_url(url) is None


def test_json_for_script_escapes_markup():
    text = str(json_for_script({"a": "</script><!--<script>", "b": "\u2028&"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_loaded_report_covers_every_stored_article(db):
    with Store(db) as store:
        report = load_report(store)
    assert len(report["articles"]) == len(DEMO_ARTICLES)
    assert set(report["framing"]["articles"]) == {a["id"] for a in report["articles"]}


def test_single_outlet_claims_are_folded_away():
    report = sample_report()
    report["claims"][1]["single_outlet"] = True
    tree = lxml.html.fromstring(render_report_html(report))
    folded = tree.xpath("//details[@class='single-claims']//table[@class='claims']/tbody/tr/th")
    assert [th.text_content().split(" one outlet")[0] for th in folded] == [report["claims"][1]["text"]]
    assert len(tree.xpath("//section[@class='story']/div/table[@class='claims']")) == 1  # the shared claim stays in view


# ---------------------------------------------------------------- estimated dates, summary sections


def test_estimated_dates_are_ranges_marked_estimated():
    view = ReportView(estimated_report())
    rows = {r["outlet"]: r for r in coverage_rows(view.story("s1")["columns"])}
    closed, open_ended, exact = rows["000_26f462c9792fffd3"], rows["004_e663085cde9281b2"], rows["Evil <b>Outlet</b>"]
    assert (closed["start"], closed["end"], closed["kind"], closed["shape"]) == ("2023-04-01", "2023-07-31", "estimated", "range")
    assert (open_ended["end"], open_ended["kind"]) == ("2023-12-31", "estimated")  # bounded by its own "2023"
    assert (exact["start"], exact["end"], exact["kind"], exact["shape"]) == ("2023-07-11", "2023-07-11", "published", "point")
    assert "Evidence: before the end of 2023-07" in closed["tip"]


def test_an_open_estimate_without_a_period_stops_at_the_storys_latest_date():
    report = estimated_report()
    report["articles"][1]["published"] = None
    rows = {r["outlet"]: r for r in coverage_rows(ReportView(report).story("s1")["columns"])}
    assert rows["004_e663085cde9281b2"]["end"] == "2023-07-31"  # the latest day the other articles may have
    assert "after 2023-07-05" in rows["004_e663085cde9281b2"]["date"]


def test_columns_follow_publication_then_name():
    report = estimated_report()
    columns = [c["column"] for c in ReportView(report).story("s1")["columns"]]
    assert columns == ["000_26f462c9792fffd3", "004_e663085cde9281b2", "Evil <b>Outlet</b>"]  # 04-01, 07-05, 07-11
    report["articles"][1]["published_range"] = ["2023-04-01", "2023-07-31"]  # same range as 000: then by name
    assert [c["column"] for c in ReportView(report).story("s1")["columns"]][:2] == ["000_26f462c9792fffd3", "004_e663085cde9281b2"]
    tree = lxml.html.fromstring(render_report_html(report))
    assert [th.text_content() for th in tree.xpath("//table[@class='claims'][1]/thead/tr/th")][1:] == columns


def test_static_report_shows_estimates_and_their_evidence_escaped():
    html = render_report_html(estimated_report())
    tree = lxml.html.fromstring(html)
    dates = [span.text_content() for span in tree.xpath("//ul[@class='columns']//span[contains(@class, 'estimated')]")]
    assert dates == ["estimated 2023 (2023-04-01 – 2023-07-31)", "estimated 2023 (after 2023-07-05)"]
    assert "undated" not in html and "(inferred)" not in html and "No article of this story" not in html
    coverage = tree.xpath("//figure[@data-chart='coverage']")[0]
    assert "estimated" in coverage.text_content()  # legend and caption
    titles = [t.text_content() for t in coverage.xpath(".//*[local-name()='title']")]
    assert any("Evidence: before the end of 2023-07" in t for t in titles)
    assert "<script" not in html.lower() and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert tree.xpath("//details[@class='date-evidence']//li")  # the article shows why its date is estimated


def test_summary_grouped_in_the_issues_order_with_notes():
    tree = lxml.html.fromstring(render_report_html(estimated_report()))
    section = tree.xpath("//section[@class='story']")[0]
    assert [h.text_content() for h in section.xpath(".//h4[@class='summary-part']")] == [
        "What most outlets agree on", "What is hedged or disputed", "What only some report"]
    contested = section.xpath(".//ol[contains(@class, 'part-contested')]/li")
    assert [li.xpath("string(span[@class='section-tag'])") for li in contested] == ["disputed", "hedged"]
    notes = [p.text_content() for p in section.xpath(".//ol[contains(@class, 'summary')]//p[@class='note']")]
    assert notes[0].startswith("scope differs") and "<img" in notes[0] and notes[1].startswith("asserted by hhh333")
