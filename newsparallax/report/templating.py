"""The Jinja2 environment of the pages (autoescaping always on) and their link makers.

Example:
    >>> static_urls().article("a1"), app_urls().article("a/1")
    ('#article-a1', '/articles/a%2F1')
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

REPORT_DIR = Path(__file__).resolve().parent  # templates and static files, shared with the web app
TEMPLATES = REPORT_DIR / "templates"
STATIC = REPORT_DIR / "static"


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The shared environment: every ``{{ }}`` is HTML-escaped unless it is already ``Markup``."""
    # autoescape=True for every template whatever its extension: all of them are HTML.
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["chart_slot"] = chart_slot
    return env


def chart_slot(name: str) -> Markup:
    """An empty element the web app's script draws the chart ``name`` into."""
    return Markup('<div class="chart-target" data-chart-target="{}"></div>').format(name)


@lru_cache(maxsize=1)
def static_css() -> Markup:
    """The stylesheet, to inline into the self-contained report.

    Our own file, so it is Markup: escaping it would turn its quotes into entities,
    which a ``<style>`` element does not decode.
    """
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    if "</" in css:
        raise ValueError("app.css must not contain '</' (it is inlined into a <style> element)")
    return Markup(css)


class StaticUrls:
    """Links inside the one-file report: anchors."""

    def home(self) -> str:
        return "#"

    def story(self, story_id: str) -> str:
        return f"#story-{quote(str(story_id), safe='')}"

    def article(self, article_id: str) -> str:
        return f"#article-{quote(str(article_id), safe='')}"


class AppUrls:
    """Links between the web app's pages."""

    def home(self) -> str:
        return "/"

    def story(self, story_id: str) -> str:
        return f"/stories/{quote(str(story_id), safe='')}"

    def article(self, article_id: str) -> str:
        return f"/articles/{quote(str(article_id), safe='')}"


def static_urls() -> StaticUrls:
    """Link maker for the static report."""
    return StaticUrls()


def app_urls() -> AppUrls:
    """Link maker for the web app."""
    return AppUrls()
