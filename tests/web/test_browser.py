"""The web app and the static report in headless Chromium, driven by Playwright.

Debian's ``/usr/bin/chromium`` is used (``make test`` installs it); without it,
or without Playwright, every test here is skipped with the reason. Screenshots
of the main views go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from newsparallax.config import Settings
from newsparallax.report.html import render_report_html
from newsparallax.pipeline import ingest as ingest_paths
from newsparallax.store import Store
from newsparallax.web.views import load_report
from ..conftest import REPO
from ..webfixtures import HOSTILE_TITLE, PAYLOAD_IMG, PAYLOAD_SCRIPT, sample_report, write_articles

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "test-artifacts" / "screenshots"
# Root in a container needs --no-sandbox; the rest keeps Chromium off the (closed) network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", "--disable-quic"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium and chromium-driver (make test does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
uvicorn = pytest.importorskip("uvicorn")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a small annotated store, served by uvicorn on a free loopback port in a thread."""
    from newsparallax.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "browser.db"
    with Store(db) as store:
        ingest_paths([write_articles(folder / "in")], store, Settings())
    port = _free_port()
    config = uvicorn.Config(create_app(db, Settings()), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "db": db}
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any dialog and records CSP violations and page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fresh = context.new_page()
    fresh.problems = []
    fresh.on("dialog", lambda dialog: (fresh.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    fresh.on("pageerror", lambda error: fresh.problems.append(f"page error: {error}"))
    fresh.on("console", lambda msg: fresh.problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield fresh
    context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_open_a_story_with_its_charts(server, page):
    page.goto(server["url"] + "/")
    page.locator("li.story-item", has_text="Harbour Times").locator("a.story-link").click()
    page.wait_for_selector("[data-chart-target=coverage] svg", timeout=20000)
    assert page.get_by_role("heading", name="Claims by outlet").is_visible()
    assert page.get_by_role("heading", name="Framing side by side").is_visible()
    assert page.locator("ul.columns li").count() >= 2
    _shot(page, "story")
    assert page.problems == []


def test_filter_stories_by_outlet(server, page):
    page.goto(server["url"] + "/")
    assert page.locator("li.story-item").count() >= 2
    page.select_option("select[name=outlet]", "Pacific Herald")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**outlet=Pacific+Herald**")
    items = page.locator("li.story-item")
    assert items.count() == 1 and "Pacific Herald" in items.first.inner_text()
    _shot(page, "stories-filtered")


def test_search(server, page):
    page.goto(server["url"] + "/")
    page.get_by_label("Search articles").fill("dockers")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("li.search-result")
    results = page.locator("li.search-result")
    assert results.count() >= 2
    assert page.locator("li.search-result mark.hl-match").first.inner_text().lower() == "dockers"
    _shot(page, "search")


def test_open_an_article(server, page):
    page.goto(server["url"] + "/articles")
    page.get_by_role("link", name="Earthquake strikes Nagano, killing at least 12").click()
    page.wait_for_selector(".article-text")
    assert "Rescue teams worked through the day" in page.locator(".article-text").inner_text()
    assert page.locator(".article-text mark.hl-entity").count() > 0
    assert page.locator(".article-text mark.hl-date").count() > 0
    _shot(page, "article")


def test_hostile_article_runs_nothing(server, page):
    page.goto(server["url"] + "/articles")
    page.locator("li.article-item a", has_text="Breaking").first.click()
    page.wait_for_selector(".article-text")
    assert page.locator("h2.article-title").inner_text() == HOSTILE_TITLE
    text = page.locator(".article-text").inner_text()
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text
    assert page.locator("a[href^='javascript']").count() == 0 and page.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, "hostile-article")
    page.locator(".meta a[href^='/stories/']").click()  # its story: claims, framing, quotes and charts
    page.wait_for_selector("[data-chart-target=coverage] svg", timeout=20000)
    page.goto(server["url"] + "/search?q=attack")
    assert page.locator("li.search-result").count() == 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_static_report_from_disk_shows_its_charts(tmp_path, browser, server):
    with Store(server["db"]) as store:
        real = render_report_html(load_report(store))
    for name, html in (("report-sample", render_report_html(sample_report())), ("report-store", real)):
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        assert page.locator("figure.chart svg").count() >= 1 and page.locator("figure.chart svg").first.is_visible()
        assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
        _shot(page, name)
        context.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS.parent / "report-sample.html").write_text(render_report_html(sample_report()), encoding="utf-8")


def test_sample_report_claims_matrix_opens_evidence(tmp_path, browser):
    path = tmp_path / "report.html"
    path.write_text(render_report_html(sample_report()), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    headers = page.locator("table.claims thead th").all_inner_texts()
    assert headers[1:] == ["000_26f462c9792fffd3", "Evil <b>Outlet</b>", "004_e663085cde9281b2"]
    cell = page.locator("td.cell.conflict details").first
    cell.locator("summary").click()
    assert "Japan will not join NATO as a full member" in cell.locator("blockquote").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.close()


# ---------------------------------------------------------------- the done-when, on the real seeds

VILNIUS = "Fumio Kishida — attend — NATO summit, Vilnius"


@pytest.fixture(scope="module")
def seeds_report(seeds_dir, tmp_path_factory) -> tuple[Path, dict]:
    """``parallax analyze SEEDS --db DB --out DIR`` run through the CLI: (report.html, report.json as a dict)."""
    import json

    from typer.testing import CliRunner

    from newsparallax.cli.main import app

    folder = tmp_path_factory.mktemp("seeds-report")
    out = folder / "seeds-report"
    result = CliRunner().invoke(app, ["analyze", str(seeds_dir), "--db", str(folder / "seeds.db"), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out / "report.html", json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture
def seeds_page(browser, seeds_report):
    """The seeds' report.html opened from disk; fails the test on any dialog or page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(seeds_report[0].as_uri())
    yield page
    assert problems == []
    context.close()


def _stems(seeds: Path, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(next(seeds.glob(f"{prefix}_*.txt")).stem for prefix in prefixes)


def _story_section(page, label: str):
    return page.locator("section.story").filter(has=page.get_by_role("heading", name=label, exact=True))


def _column_text(section, table: str, stem: str) -> str:
    """Everything one article's column shows in a table of a story section (header matched by file stem)."""
    headers = section.locator(f"table.{table} thead th").all_inner_texts()
    index = headers.index(stem) + 1
    return " ".join(section.locator(f"table.{table} tbody tr td:nth-child({index})").all_inner_texts())


def test_seeds_report_shows_the_stories_and_vilnius_claims(seeds_dir, seeds_report, seeds_page):
    page, report = seeds_page, seeds_report[1]
    assert page.locator("section.story").count() == 3
    assert page.get_by_text("No article of this story has a publication date to chart").count() == 0
    vilnius = _story_section(page, VILNIUS)
    vilnius.locator("h2").evaluate("heading => heading.scrollIntoView({block: 'start'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "seeds-story-top.png"))  # the viewport: heading, articles, charts
    headers = vilnius.locator("table.claims").first.locator("thead th").all_inner_texts()[1:]
    assert sorted(headers) == _stems(seeds_dir, ("000", "001", "004"))
    assert headers == _chronological(report, headers)
    _open_a_hedged_cell(vilnius, report)
    vilnius.locator("table.claims").first.screenshot(path=str(SHOTS / "seeds-claims-matrix.png"))  # one cell open


def _chronological(report: dict, stems: list[str]) -> list[str]:
    """The stems in the order the claims matrix must use: estimated publication date, then name."""
    from newsparallax.report.pubdates import chronological_key

    articles = {Path(a["source"]).stem: a for a in report["articles"]}
    return sorted(stems, key=lambda stem: chronological_key(articles[stem], stem))


def _open_a_hedged_cell(vilnius, report: dict) -> None:
    """Clicking a hedged cell of the shared claims shows that article's evidence sentence."""
    cell = vilnius.locator("table.claims").first.locator("td.cell.st-hedges details").first
    quote = cell.locator("blockquote")
    assert not quote.is_visible()
    cell.locator("summary").click()
    assert quote.is_visible()
    evidence = {e["text"] for c in report["claims"] for e in c.get("evidence", {}).values()}
    assert quote.inner_text().strip() in evidence


def test_seeds_report_framing_and_charts(seeds_dir, seeds_page):
    page = seeds_page
    vilnius = _story_section(page, VILNIUS)
    stem = {prefix: _stems(seeds_dir, (prefix,))[0] for prefix in ("000", "004")}
    assert "US-led military bloc" in _column_text(vilnius, "framing", stem["004"])
    assert "Leftist American President" in _column_text(vilnius, "framing", stem["000"])
    assert "US-led military bloc" not in _column_text(vilnius, "framing", stem["000"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    vilnius.locator("table.framing").screenshot(path=str(SHOTS / "seeds-framing.png"))
    for name in ("coverage", "timeline"):
        chart = vilnius.locator(f"figure.chart[data-chart={name}] > svg")
        assert chart.count() == 1 and chart.is_visible()
    coverage = vilnius.locator("figure.chart[data-chart=coverage] > svg")
    assert "estimated" in coverage.text_content()  # the legend marks the estimated dates
    assert coverage.locator("path[role=graphics-symbol] title").count() == 3  # one per article, with its evidence
    assert "Evidence:" in coverage.locator("path[role=graphics-symbol] title").first.text_content()
    assert vilnius.locator("ul.columns li .published.estimated").count() == 3
    vilnius.locator(".charts").screenshot(path=str(SHOTS / "seeds-charts.png"))
