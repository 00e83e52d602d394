"""Fixtures of the web tests: a full report in the report.json shape and JSON articles to ingest.

Both carry hostile content (script tags, event handlers, ``javascript:`` URLs)
so that every view is checked for escaping.
"""

from __future__ import annotations

import json
from pathlib import Path

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = "<img src=x onerror=window.__pwned=1>"
HOSTILE_TITLE = f"Breaking {PAYLOAD_SCRIPT} news {PAYLOAD_IMG}"
HOSTILE_URL = "javascript:window.__pwned=1"

TEXT_A = ("TOKYO — Prime Minister Fumio Kishida will attend the NATO summit in Vilnius on July 11, government sources "
          "told NHK. The Leftist American President praised the plan. Japan will not join NATO as a full member, "
          "officials said.")
TEXT_B = ("Kishida attended the summit in Vilnius on July 11. \"We will deepen our partnership,\" Kishida said. "
          "Japan would not be joining the US-led military bloc in any form.")


def _article(aid: str, source: str, outlet: str | None, title: str, text: str, published: str | None, url: str | None) -> dict:
    return {"id": aid, "source": source, "title": title, "outlet": outlet, "author": None, "published": published,
            "published_inferred": False, "url": url, "story_id": "s1", "text": text, "removed": [], "mentions": [],
            "timexes": [], "quotes": [], "loaded": [], "sentences": []}


def sample_report() -> dict:
    """A small report with every section filled, two outlet-less seed-like articles and one hostile article."""
    a = _article("aaa111", "/seeds/000_26f462c9792fffd3.txt", None, "Kishida to attend Vilnius summit", TEXT_A, "2023-07-10", "https://example.com/a")
    b = _article("bbb222", "/seeds/004_e663085cde9281b2.txt", None, "Japan rules out joining NATO", TEXT_B, "2023-07-12", None)
    h = _article("hhh333", "/up/evil.json#0", "Evil <b>Outlet</b>", HOSTILE_TITLE, f"Body {PAYLOAD_SCRIPT} and {PAYLOAD_IMG} end.", "2023-07-11", HOSTILE_URL)
    leftist = TEXT_A.index("Leftist American President")
    a["mentions"] = [{"start": TEXT_A.index("Fumio Kishida"), "end": TEXT_A.index("Fumio Kishida") + 13, "text": "Fumio Kishida", "entity_id": "e-kishida", "type": "PERSON"},
                     {"start": TEXT_A.index("NATO"), "end": TEXT_A.index("NATO") + 4, "text": "NATO", "entity_id": "e-nato", "type": "ORG"}]
    a["timexes"] = [{"start": TEXT_A.index("July 11"), "end": TEXT_A.index("July 11") + 7, "text": "July 11", "value": "2023-07-11"}]
    a["loaded"] = [{"start": leftist, "end": leftist + 26, "text": "Leftist American President", "category": "epithet"}]
    # Overlapping on purpose: a quote that covers part of a mention.
    quote_start = TEXT_B.index("\"We")
    b["quotes"] = [{"start": quote_start, "end": quote_start + 33, "text": TEXT_B[quote_start:quote_start + 33], "speaker": "Kishida", "speaker_entity_id": "e-kishida", "source_kind": "named"}]
    b["mentions"] = [{"start": 0, "end": 7, "text": "Kishida", "entity_id": "e-kishida", "type": "PERSON"},
                     {"start": quote_start + 5, "end": quote_start + 20, "text": TEXT_B[quote_start + 5:quote_start + 20], "entity_id": None, "type": "MISC"}]
    h["mentions"] = [{"start": 5, "end": 20, "text": h["text"][5:20], "entity_id": None, "type": "MISC"}]
    evidence = lambda art, phrase: {"start": art["text"].index(phrase), "end": art["text"].index(phrase) + len(phrase), "text": phrase}  # noqa: E731
    return {
        "generator": {"name": "parallax", "version": "0.1.0", "created": "2026-11-23T00:00:00+00:00"},
        "articles": [a, b, h],
        "stories": [{"id": "s1", "label": "Kishida — attend — NATO summit, Vilnius", "topic_id": "t1", "article_ids": ["aaa111", "hhh333", "bbb222"],
                     "outlets": ["Evil <b>Outlet</b>"], "first_published": "2023-07-10", "last_published": "2023-07-12",
                     "key_entities": [{"id": "e-kishida", "name": "Fumio Kishida"}, {"id": "e-nato", "name": "NATO"}], "event_span": ["2023-07-11", "2023-07-11"]}],
        "topics": [{"id": "t1", "label": "Kishida and NATO", "story_ids": ["s1"]}],
        "entities": [{"id": "e-kishida", "name": "Fumio Kishida", "type": "PERSON", "aliases": ["Kishida"], "article_ids": ["aaa111", "bbb222"]},
                     {"id": "e-nato", "name": "NATO", "type": "ORG", "aliases": ["US-led military bloc"], "article_ids": ["aaa111", "bbb222"]}],
        "timeline": [{"id": "ev1", "date": "2023-07-11", "date_end": None, "precision": "day", "label": "Kishida attends the Vilnius summit",
                      "story_id": "s1", "article_ids": ["aaa111", "bbb222"], "outlets": [], "evidence": [{"article_id": "aaa111", **evidence(a, "July 11")}],
                      "uncertain": False, "conflict": None},
                     {"id": "ev2", "date": "2023-07", "date_end": None, "precision": "month", "label": f"Hostile {PAYLOAD_SCRIPT}",
                      "story_id": "s1", "article_ids": ["hhh333"], "outlets": ["Evil <b>Outlet</b>"], "evidence": [], "uncertain": True, "conflict": None}],
        "claims": [
            {"id": "c1", "story_id": "s1", "text": "Japan will not join NATO", "article_ids": ["aaa111", "bbb222"],
             "status": {"aaa111": "asserts", "bbb222": "asserts", "hhh333": "omits"},
             "evidence": {"aaa111": {**evidence(a, "Japan will not join NATO as a full member"), "source_kind": "anonymous", "source": "officials", "hedge_cues": []},
                          "bbb222": {**evidence(b, "Japan would not be joining the US-led military bloc in any form"), "source_kind": "outlet", "source": None, "hedge_cues": []}},
             "conflicts": [{"kind": "scope", "description": "full member against any form",
                            "evidence": [{"article_id": "aaa111", **evidence(a, "Japan will not join NATO as a full member")},
                                         {"article_id": "bbb222", **evidence(b, "Japan would not be joining the US-led military bloc in any form")}]}],
             "single_outlet": False},
            {"id": "c2", "story_id": "s1", "text": f"Kishida attends {PAYLOAD_IMG}", "article_ids": ["aaa111", "bbb222"],
             "status": {"aaa111": "hedges", "bbb222": "asserts", "hhh333": "denies"},
             "evidence": {"aaa111": {**evidence(a, "will attend the NATO summit"), "source_kind": "anonymous", "source": "NHK", "hedge_cues": ["sources told"]},
                          "hhh333": {"start": 0, "end": 4, "text": PAYLOAD_SCRIPT, "source_kind": "outlet", "source": None, "hedge_cues": []}},
             "conflicts": [], "single_outlet": False}],
        "quotes": [{"article_id": "bbb222", "story_id": "s1", "speaker": "Kishida", "speaker_entity_id": "e-kishida",
                    "content": {"start": quote_start, "end": quote_start + 33, "text": TEXT_B[quote_start:quote_start + 33]}, "source_kind": "named"},
                   {"article_id": "hhh333", "story_id": "s1", "speaker": PAYLOAD_IMG, "speaker_entity_id": None,
                    "content": {"start": 0, "end": 4, "text": PAYLOAD_SCRIPT}, "source_kind": "named"}],
        "framing": {"articles": {
            "aaa111": {"loaded": a["loaded"], "loaded_per_1000_words": 12.5, "labels": [{"entity_id": "e-nato", "canonical": "NATO", "text": "NATO", "kind": "name", "start": 0, "end": 0}],
                       "sourcing": {"named": 0, "anonymous": 2, "outlets_cited": ["NHK"], "quoted": {}}},
            "bbb222": {"loaded": [], "loaded_per_1000_words": 0.0, "labels": [{"entity_id": "e-nato", "canonical": "NATO", "text": "the US-led military bloc", "kind": "description", "start": 0, "end": 0}],
                       "sourcing": {"named": 1, "anonymous": 0, "outlets_cited": [], "quoted": {"Kishida": 1}}},
            "hhh333": {"loaded": [], "loaded_per_1000_words": 0.0, "labels": [{"entity_id": "e-nato", "canonical": "NATO", "text": PAYLOAD_IMG, "kind": "epithet", "start": 0, "end": 0}],
                       "sourcing": {"named": 0, "anonymous": 0, "outlets_cited": [], "quoted": {}}}},
            "outlets": {}},
        "summary": [{"story_id": "s1", "sentences": [
            {"text": "Japan will not join NATO.", "article_ids": ["aaa111", "bbb222"], "section": "agreed"},
            {"text": f"Kishida will attend. {PAYLOAD_SCRIPT}", "article_ids": ["aaa111"], "section": "hedged"}]}],
        "rejected": [{"source": f"/up/{PAYLOAD_IMG}.txt", "stage": "clean", "reason": "only 3 characters"}],
    }


DEMO_ARTICLES = [
    {"title": "Port workers strike in Valencia over automation plans", "outlet": "Harbour Times", "published": "2024-03-04",
     "url": "https://harbourtimes.example/valencia-strike",
     "text": "VALENCIA — Dockers at the port of Valencia walked out on Monday in protest against automation plans "
             "announced by the port authority, union leaders said. The strike halted container traffic at Spain's busiest port. "
             "\"We will not accept the loss of a thousand jobs,\" said union spokesman Marta Ruiz. The port authority said talks would resume on Wednesday."},
    {"title": "Valencia dock strike halts container traffic", "outlet": "Costa Post", "published": "2024-03-05",
     "url": "https://costapost.example/dock-strike",
     "text": "Container traffic at the port of Valencia stood still for a second day on Tuesday as dockers continued their strike "
             "against automation. Union spokesman Marta Ruiz said the walkout would continue until the port authority withdrew its plans. "
             "Shipping lines diverted vessels to Barcelona, port officials said."},
    {"title": "Earthquake strikes Nagano, killing at least 12", "outlet": "Pacific Herald", "published": "2024-03-13",
     "url": "https://pacificherald.example/nagano-quake",
     "text": "A strong earthquake struck the north of Nagano Prefecture before dawn on Thursday, killing at least 12 people and "
             "setting off landslides, officials said. The weather agency put the magnitude at 6.4. Rescue teams worked through "
             "the day to reach villages cut off by the landslides near Omachi."},
    {"title": HOSTILE_TITLE, "outlet": "Evil Outlet", "published": "2024-03-06", "url": HOSTILE_URL, "author": PAYLOAD_IMG,
     "text": f"This article tries to attack its readers. {PAYLOAD_SCRIPT} It also carries {PAYLOAD_IMG} in its text, "
             "and it talks about the Valencia port strike and dockers so that it lands in a story with other articles."},
]


def write_articles(folder: Path, articles: list[dict] = DEMO_ARTICLES) -> Path:
    """Write ``articles`` as one JSON Lines file in ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles-fixture.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def estimated_report() -> dict:
    """``sample_report`` with the seeds' situation: two articles dated only by the language layer's estimate
    (one closed range with hostile evidence, one open-ended range), and a summary in every section, with notes."""
    report = sample_report()
    a, b, _ = report["articles"]
    a.update(published="2023", published_inferred=True, published_range=["2023-04-01", "2023-07-31"],
             published_evidence=[f"before the end of 2023-07: the summit in July {PAYLOAD_SCRIPT}", "after 2023-03: a visit in March"])
    b.update(published="2023", published_inferred=True, published_range=["2023-07-05", None],
             published_evidence=["after 2023-07-05: the talks on July 5"])
    report["stories"][0].update(first_published="2023", last_published="2023", published_inferred=True)
    report["summary"][0]["sentences"] = [
        {"text": "Only one outlet says this.", "article_ids": ["bbb222"], "section": "partial", "note": None},
        {"text": "Japan will not join NATO.", "article_ids": ["aaa111", "bbb222"], "section": "disputed",
         "note": f"scope differs: 000 says “as a full member”, 004 says “in any form” {PAYLOAD_IMG}"},
        {"text": "Kishida will attend.", "article_ids": ["aaa111", "hhh333"], "section": "hedged",
         "note": "asserted by hhh333; hedged by 000_26f462c9792fffd3 (sources told)"},
        {"text": "Kishida goes to Vilnius.", "article_ids": ["aaa111", "bbb222"], "section": "agreed", "note": None}]
    return report
