"""``report.md``: a readable Markdown digest of a report (the ``report.json`` dict).

Example:
    >>> report_markdown({"articles": [], "stories": [], "rejected": []}).splitlines()[0]
    '# Parallax report'
"""

from __future__ import annotations

from typing import Any


def report_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown digest of the report: per story, summary, claims by article, framing, timeline."""
    articles = {a["id"]: a for a in report["articles"]}
    lines = ["# Parallax report", "", f"{len(report['articles'])} articles, {len(report['stories'])} stories, "
             f"{len(report['rejected'])} rejected inputs.", ""]
    for story in report["stories"]:
        lines += _story_markdown(story, report, articles)
    if report["rejected"]:
        lines += ["## Rejected inputs", ""] + [f"- `{r['source']}` ({r['stage']}): {r['reason']}" for r in report["rejected"]]
    return "\n".join(lines) + "\n"


def _story_markdown(story: dict[str, Any], report: dict[str, Any], articles: dict[str, dict]) -> list[str]:
    short = {a: articles[a]["display_outlet"] for a in story["article_ids"]}
    lines = [f"## {story['label']}", "", "Articles: " + ", ".join(f"{short[a]} (`{a}`)" for a in story["article_ids"]), ""]
    summary = next((s["sentences"] for s in report["summary"] if s["story_id"] == story["id"]), [])
    if summary:
        lines += ["### Summary", ""] + [f"- {s['text']} [{', '.join(short.get(a, a) for a in s['article_ids'])}] ({s['section']}"
                                        + (f": {s['note']})" if s.get("note") else ")") for s in summary] + [""]
    claims = [c for c in report["claims"] if c["story_id"] == story["id"]]
    if claims:
        lines += ["### Claims", "", "| claim | " + " | ".join(short[a] for a in story["article_ids"]) + " |",
                  "|---|" + "---|" * len(story["article_ids"])]
        for claim in claims[:40]:
            cells = [claim["status"].get(a, "omits") for a in story["article_ids"]]
            flag = " **conflict**" if claim["conflicts"] else ""
            lines.append(f"| {_cell(claim['text'])}{flag} | " + " | ".join(cells) + " |")
        lines.append("")
        for claim in claims:
            for conflict in claim["conflicts"]:
                lines.append(f"- Conflict ({conflict['kind']}): {conflict['description']}")
        lines.append("")
    lines += _framing_markdown(story, report, short) + _timeline_markdown(story, report, short)
    return lines


def _framing_markdown(story: dict[str, Any], report: dict[str, Any], short: dict[str, str]) -> list[str]:
    lines = ["### Framing", ""]
    for article_id in story["article_ids"]:
        framing = report["framing"]["articles"].get(article_id, {})
        terms = ", ".join(sorted({t["text"] for t in framing.get("loaded", [])})) or "none"
        labels = ", ".join(sorted({f"{lb['text']} ({lb['canonical']})" for lb in framing.get("labels", []) if lb["canonical"]}))
        lines.append(f"- **{short[article_id]}**: {framing.get('loaded_per_1000_words', 0)} loaded terms per 1,000 words "
                     f"({terms}); labels: {labels or 'none'}; sources: {framing.get('sourcing', {}).get('named', 0)} named, "
                     f"{framing.get('sourcing', {}).get('anonymous', 0)} anonymous")
    return lines + [""]


def _timeline_markdown(story: dict[str, Any], report: dict[str, Any], short: dict[str, str]) -> list[str]:
    entries = [t for t in report["timeline"] if t["story_id"] == story["id"] and len(t["article_ids"]) > 1]
    if not entries:
        return []
    lines = ["### Timeline (events reported by more than one article)", ""]
    for t in entries:
        span = t["date"] if t["date_end"] in (None, t["date"]) else f"{t['date']} .. {t['date_end']}"
        note = " (uncertain)" if t["uncertain"] else ""
        note += f" — conflict: {t['conflict']}" if t["conflict"] else ""
        lines.append(f"- {span}: {t['label']} [{', '.join(short.get(a, a) for a in t['article_ids'])}]{note}")
    return lines + [""]


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= 140 else text[:137] + "..."
