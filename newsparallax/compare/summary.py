"""A neutral, multi-source summary of a story, made only of the articles' own sentences.

Each aligned claim group (``compare.align_claims``, as JSON) can give one
sentence: the evidence sentence of one of the articles that report it, never
new text. The groups are taken in three sections, as a careful reader would
tell the story:

1. ``agreed``: what at least two articles, and at least half of the story's,
   assert, with no hedge, denial or conflict;
2. ``hedged`` / ``disputed``: facts several articles report where some only
   hedge them ("reportedly", "sources said"), or deny them, or where the
   details conflict; each with a ``note`` of who says what;
3. ``partial``: what only some articles report (one article's own hedges
   included), most widely reported first.

Every sentence cites the articles that assert or hedge the fact. A sentence
with a loaded term outside quotation marks is not used when another
article's sentence says the same; when none is clean the fact is left out
(the summary never carries an outlet's loaded words unattributed). Nor is a
sentence that leans on the one before it ("He said...", "However, ...", "In
preparation for this argument, ..."): out of its article it would point at
nothing.

Example:
    >>> group = {"id": "G1", "text": "Kishida will attend the summit.", "status": {"a": "asserts", "b": "asserts"},
    ...          "evidence": {"a": {"start": 0, "end": 31, "text": "Kishida will attend the summit."},
    ...                       "b": {"start": 5, "end": 40, "text": "Kishida is to attend the NATO summit."}},
    ...          "conflicts": [], "single_outlet": False}
    >>> [(s["section"], s["article_ids"]) for s in summarize_story("S1", ["a", "b"], [group], {})]
    [('agreed', ['a', 'b'])]
"""

from __future__ import annotations

import re
from typing import Any

SECTIONS = ("agreed", "hedged", "disputed", "partial")
MAX_SENTENCES = {"agreed": 6, "hedged": 4, "disputed": 4, "partial": 5}
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Openings that point back at the previous sentence: a pronoun or connective first, a demonstrative
# in the opening phrase ("In preparation for making this argument, ..."), "the same outlet".
_DEICTIC_TIME = r"(?!\s+(?:year|week|month|spring|summer|autumn|fall|winter|morning|afternoon|evening|weekend)\b)"
LEANING = re.compile(
    r"^[“\"‘']?(?:(?-i:He|She|It|They)(?![\w-])|(?:however|but|and|also|meanwhile|moreover|still|yet|so|then|thus"
    r"|instead|besides|furthermore|nevertheless|likewise|similarly)(?![\w-])"
    r"|(?:this|these|that|those|such)(?![\w-])(?!\s+who\b)" + _DEICTIC_TIME +
    r"|[^,.;]{0,60}\b(?:this|these|those|such)(?!\s+who\b)" + _DEICTIC_TIME + r"\s+\w+[^,.;]{0,40},)"
    r"|\bthe same (?:outlet|report|source|paper|newspaper|agency)\b",
    re.IGNORECASE)


def summarize_story(story_id: str, article_ids: list[str], groups: list[dict[str, Any]],
                    loaded: dict[str, list[tuple[int, int]]], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The summary sentences of one story: ``{"text", "article_ids", "section", "note", "claim_id", "source_article"}``.

    ``groups`` are the story's claim groups as JSON; ``loaded`` maps an
    article id to the (start, end) spans of its loaded terms; ``names`` the
    article ids to the names the notes use (outlets), else the ids.
    """
    chosen: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
    seen: set[str] = set()
    for group in sorted(groups, key=_rank):
        section = section_of(group, len(article_ids))
        if len(chosen[section]) >= MAX_SENTENCES[section]:
            continue
        sentence = _clean_sentence(group, loaded)
        if sentence is None or sentence["text"] in seen:
            continue
        seen.add(sentence["text"])
        chosen[section].append({**sentence, "section": section, "note": note_of(group, names or {}), "claim_id": group["id"]})
    return [item for section in SECTIONS for item in chosen[section]]


def section_of(group: dict[str, Any], story_size: int) -> str:
    """Which section a claim group belongs to (see the module docstring).

    A fact only one article reports is ``partial`` whatever its modality: one
    outlet's hedge is not a disagreement between outlets.
    """
    status = [s for s in group["status"].values() if s != "omits"]
    if len(status) < 2:
        return "disputed" if group.get("conflicts") else "partial"
    if group.get("conflicts") or "denies" in status:
        return "disputed"
    if "hedges" in status:
        return "hedged"
    if len(status) * 2 >= story_size:
        return "agreed"
    return "partial"


def note_of(group: dict[str, Any], names: dict[str, str]) -> str | None:
    """Who reports the fact how, when they differ: "asserted by 001; hedged by 000 (reported, citing)"."""
    by_status: dict[str, list[str]] = {}
    for article_id, status in sorted(group["status"].items()):
        if status != "omits":
            by_status.setdefault(status, []).append(article_id)
    parts = []
    for status, verb in (("asserts", "asserted"), ("hedges", "hedged"), ("denies", "denied")):
        for article_id in by_status.get(status, []):
            cues = group["evidence"].get(article_id, {}).get("hedge_cues") or []
            cue = f" ({', '.join(cues[:3])})" if status == "hedges" and cues else ""
            parts.append(f"{verb} by {names.get(article_id, article_id)}{cue}")
    conflicts = [c.get("description") or c.get("kind", "conflict") for c in group.get("conflicts", [])]
    if len(by_status) < 2 and not conflicts and "hedges" not in by_status:
        return None
    return "; ".join(parts + conflicts)


def _rank(group: dict[str, Any]) -> tuple:
    """More reporting articles first; then the group id, so the summary does not depend on input order."""
    reporting = sum(1 for s in group["status"].values() if s != "omits")
    return (-reporting, -float(group.get("check_worthy") or 0.0), group["id"])


def _clean_sentence(group: dict[str, Any], loaded: dict[str, list[tuple[int, int]]]) -> dict[str, Any] | None:
    """The evidence sentence to show: from an asserting article first, free of unquoted loaded terms."""
    citing = sorted(a for a, s in group["status"].items() if s in ("asserts", "hedges", "denies"))
    order = sorted(citing, key=lambda a: (group["status"][a] != "asserts", a))
    for article_id in order:
        evidence = group["evidence"].get(article_id)
        if evidence and not _has_loaded(evidence, loaded.get(article_id, [])) and stands_alone(evidence["text"]):
            return {"text": evidence["text"].strip(), "article_ids": citing, "source_article": article_id}
    return None


def stands_alone(sentence: str) -> bool:
    """Whether a sentence can be read without the one before it (see ``LEANING``).

    >>> stands_alone("Kishida will attend the summit."), stands_alone("He will attend the summit.")
    (True, False)
    >>> stands_alone("In preparation for making this argument, Kishida imposed sanctions.")
    False
    >>> stands_alone("This year marks NATO's 75th anniversary."), stands_alone("So-called experts met.")
    (True, True)
    >>> stands_alone("IT spending rose."), stands_alone("Those who attended, including Kishida, said so.")
    (True, True)
    """
    return LEANING.search(sentence.strip()) is None


def _has_loaded(evidence: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    """Whether a loaded term lies in the sentence outside its quotations."""
    start, text = evidence["start"], evidence["text"]
    quoted = [(start + m.start(), start + m.end()) for m in QUOTED.finditer(text)]
    for s, e in spans:
        inside_sentence = start <= s and e <= evidence["end"]
        if inside_sentence and not any(qs <= s and e <= qe for qs, qe in quoted):
            return True
    return False
