"""Cleaning: golden checks on the seed articles (what must go, what must stay) and unit rules."""

from __future__ import annotations

import re

import pytest

from newsparallax.ingest.clean import clean_text
from newsparallax.config import Settings
from newsparallax.ingest import extract_file

from ..conftest import seed_file

BOILERPLATE = {
    "000": ["Follow Frances Martel on Facebook and Twitter."],
    "002": [
        "RELATED:",
        "- Kishida Channels Verdun Spirit in Response to Global Security Challenges",
        "- EDITORIAL | NATO Expansion Should Spur Japan’s Closer Cooperation",
        "- Japan Stands Firm as a NATO Partner Defending the Rules-Based Order",
        "(Read the article in Japanese.)",
        "Author: Kazuyuki Sakamoto",
    ],
    "004": [
        "Read more",
        "China reacts to reports of NATO office in Japan",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
}
MUST_STAY = {
    "000": ["Kishida timed his visit to coincide with Chinese dictator Xi Jinping’s appearance in Russia.",
            "Leftist American President Joe Biden, whose son Hunter"],
    "001": ["NATO’s Plan for Asia Office", "Japanese envoy Koji Tomita said on May 9. However, the military alliance"],
    "002": ["Japan's Role and Regional Cooperation", "Benefit for Japan",
            "Leaders from South Korea, Australia, and New Zealand participated alongside Japan the 2023 NATO Summit in Lithuania."],
    "003": ["Kishida promised to NATO:"],
    "004": ["Fumio Kishida confirmed that the US-led military bloc is looking to open a liaison office in Japan",
            "Kishida confirmed to MPs that NATO is considering the possibility of establishing a liaison office in the country.",
            "“not a wrestling ground for geopolitical competition.”"],
}


def _seed_articles(seeds_dir):
    return {path.name[:3]: extract_file(path, Settings())[0] for path in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="module")
def seed_articles(seeds_dir):
    return _seed_articles(seeds_dir)


def test_boilerplate_named_in_the_issue_is_gone(seed_articles):
    for prefix, lines in BOILERPLATE.items():
        article = seed_articles[prefix]
        for line in lines:
            assert line not in article.text.splitlines(), (prefix, line)
        assert {r.text for r in article.removed} >= set(lines), prefix


def test_no_article_sentence_is_lost(seeds_dir, seed_articles):
    for prefix, article in seed_articles.items():
        removed = {r.text for r in article.removed}
        original = seed_file(seeds_dir, prefix).read_text(encoding="utf-8")
        for line in (line.strip() for line in original.splitlines()):
            if line and line not in removed:
                words = " ".join(line.split())
                assert words.replace("9.However", "9. However") in article.text, (prefix, line[:60])
        for sentence in MUST_STAY.get(prefix, []):
            assert sentence in article.text, (prefix, sentence)


def test_removed_spans_point_into_the_original(seeds_dir, seed_articles):
    for prefix, article in seed_articles.items():
        original = seed_file(seeds_dir, prefix).read_text(encoding="utf-8")
        for removed in article.removed:
            assert original[removed.start:removed.end] == removed.text


def test_seed_metadata(seed_articles):
    assert seed_articles["000"].author == "Frances Martel"
    assert seed_articles["002"].author == "Kazuyuki Sakamoto"
    assert seed_articles["004"].title == "Japanese PM weighs in on NATO membership"
    # No metadata comes with the seeds: unknown stays unknown, dates are ranges marked inferred.
    for article in seed_articles.values():
        assert article.outlet is None and article.url is None
        assert article.published.inferred and (article.published.range_start or article.published.range_end)
        assert article.language == "en"
    truth = {"000": "2023-05-25", "001": "2023-06", "002": "2024-03", "003": "2022-07", "004": "2023-05"}
    for prefix, day in truth.items():
        date = seed_articles[prefix].published
        assert (date.range_start or "0") <= day <= (date.range_end or "9"), prefix


@pytest.mark.parametrize("line, reason", [
    ("Follow Jane Roe on Facebook and Twitter.", "share/follow prompt"),
    ("Follow us on Instagram", "share/follow prompt"),
    ("Share this article", "share/follow prompt"),
    ("Sign up for our daily newsletter", "newsletter prompt"),
    ("Leave a Reply", "comment form"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    ("Save my name, email, and website in this browser for the next time I comment.", "comment form"),
    ("(Read the article in Japanese.)", "translation note"),
    ("This article was originally published in Spanish.", "translation note"),
    ("Author: Kazuyuki Sakamoto", "byline"),
    ("By Jane Roe and John Doe", "byline"),
    ("Reporting by Jane Roe; Editing by John Doe", "byline"),
    ("ADVERTISEMENT", "advertisement"),
    ("© 2023 Example Media. All rights reserved.", "copyright notice"),
    ("Read more: Japan eyes NATO office", "related links"),
])
def test_boilerplate_lines(line, reason):
    cleaned = clean_text(f"The minister spoke to parliament on Wednesday about the plan.\n{line}\nShe left early.")
    assert [r.reason for r in cleaned.removed] == [reason]
    assert cleaned.text == "The minister spoke to parliament on Wednesday about the plan.\nShe left early."


@pytest.mark.parametrize("sentence", [
    "Biden made the remark after Zelensky bizarrely declared on Twitter that NATO had confirmed it.",
    "Follow the money, investigators said on Tuesday, and the trail leads to Tokyo.",
    "Read more about the plan in the ministry's report, officials told reporters.",
    "By the end of 2022, Japan will draw up a new strategy.",
    "Comments from the minister were not immediately available.",
    "Share prices fell 3% in Tokyo after the announcement.",
])
def test_article_sentences_that_look_like_boilerplate_stay(sentence):
    cleaned = clean_text(f"First line of the story is here.\n{sentence}\nLast line.")
    assert sentence in cleaned.text and not cleaned.removed


def test_related_block_stops_at_the_next_sentence():
    text = "Body sentence one.\nRead more\n\nChina reacts to reports\n\nThe alliance has admitted its interests.\n"
    cleaned = clean_text(text)
    assert cleaned.text == "Body sentence one.\nThe alliance has admitted its interests."
    assert [r.text for r in cleaned.removed] == ["Read more", "China reacts to reports"]


def test_title_line_detection():
    cleaned = clean_text("A headline without a period\n\nThe body starts here. It goes on.", detect_title=True)
    assert cleaned.title == "A headline without a period"
    assert cleaned.text == "The body starts here. It goes on."
    assert clean_text("A first sentence that ends.\n\nMore.", detect_title=True).title is None


def test_glued_sentences_are_split_but_abbreviations_are_not():
    cleaned = clean_text("He spoke on May 9.However, the U.S.-led alliance and Mr. Kishida agreed.")
    assert cleaned.text == "He spoke on May 9. However, the U.S.-led alliance and Mr. Kishida agreed."
    assert re.search(r"\bU\.S\.-led\b", cleaned.text)
