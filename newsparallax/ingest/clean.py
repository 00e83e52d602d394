"""Cleaning: the web boilerplate that survives extraction, taken out line by line.

Rules match whole lines only (anchored patterns, short lines), so an article
sentence that merely mentions "Twitter" or "read" is never cut. Everything
removed is kept as a ``Removed`` span with its reason, for audit; bylines and
follow prompts also yield the author.

Example:
    >>> cleaned = clean_text("Kishida will attend.\\nFollow Jane Roe on Twitter.\\nLeave a Reply")
    >>> cleaned.text, cleaned.author, [r.reason for r in cleaned.removed]
    ('Kishida will attend.', 'Jane Roe', ['share/follow prompt', 'comment form'])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import Removed

# One name word: "Frances", "O'Neil", "Jean-Luc", "McDonald", "J." (initials).
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.)"
PERSON_NAME = rf"{_NAME_WORD}(?:\s+(?:de|van|von|da|di|del|la|le|bin|al)?\s*{_NAME_WORD}){{1,4}}"
_NAMES = rf"{PERSON_NAME}(?:\s*(?:,|and|&)\s*{PERSON_NAME})*"
_NETWORKS = r"(?:facebook|twitter|x|instagram|linkedin|threads|bluesky|telegram|truth social|gettr|mastodon|youtube|tiktok|substack|google news)"


@dataclass(frozen=True)
class Rule:
    """A whole-line pattern and the reason a matching line is removed."""

    reason: str
    pattern: re.Pattern[str]
    starts_block: bool = False  # the headline lines that follow are related links too


def _rule(reason: str, pattern: str, starts_block: bool = False, flags: int = re.IGNORECASE) -> Rule:
    """A rule matching whole lines; case-insensitive unless ``flags`` says otherwise."""
    return Rule(reason, re.compile(rf"^(?:{pattern})$", flags), starts_block)


RULES: tuple[Rule, ...] = (
    # Names stay case-sensitive (only the keywords are not): "follow the money" is no prompt.
    _rule("share/follow prompt", rf"(?i:follow) (?:(?i:us)|{_NAMES}|@\w+)(?i: on (?:{_NETWORKS})(?:\s*(?:,|and|&|or)\s*{_NETWORKS})*)?[.!]?", flags=0),
    _rule("share/follow prompt", r"(?:share|share this(?: article| story| post| page)?|share on \w+|share via \w+|tweet|tweet this|email|print|copy link|click to share.{0,60}|like this:?|share this:?|whatsapp|facebook|twitter|linkedin|pinterest|reddit)[.:!]?"),
    _rule("newsletter prompt", r"(?:sign up|subscribe|register)(?: now| today| here)?(?: to| for)?.{0,60}\b(?:newsletters?|updates|alerts|briefing|digest|inbox)\b.{0,60}"),
    _rule("comment form", r"leave a (?:reply|comment)|(?:your )?email address will not be published\..{0,80}|required fields are marked \*?\.?|(?:comment|name|email|website)\s*\*?|save my name, email,? and website.{0,80}|post comment|cancel reply|notify me of (?:follow-up comments|new posts).{0,80}|this site uses akismet.{0,80}|you must be logged in to post a comment\.?|\d+ comments?|comments?|view comments|show comments|join the conversation.{0,40}|loading\.\.\.|δ"),
    _rule("related links", r"(?:read more|read also|also read|see also|related|related (?:articles|stories|coverage|news|posts|content|reading|topics)|more on this(?: story)?|recommended(?: for you)?|you (?:may|might) also like|more from [\w .'’-]{1,40}|most (?:read|popular)|trending(?: now)?|further reading|more stories|latest news|editor'?s picks)\s*[:.]?", starts_block=True),
    _rule("related links", r"(?:read more|also read|read also|related|see also)\s*[:|\-–—]\s*.{3,160}"),
    _rule("translation note", r"\(?(?:read|see|view) (?:the|this) (?:article|story|original|report|piece)(?: originally)? in [A-Z][a-z]+\.?\)?\.?|\(?this (?:article|story) (?:was|has been) (?:originally )?(?:published|written|translated) (?:in|from) [A-Za-z ]{2,30}\.?\)?\.?|\(?translated (?:from [A-Z][a-z]+ )?by .{2,60}\)?\.?"),
    _rule("advertisement", r"advertisement|advertising|sponsored(?: content)?|ad|skip advertisement|story continues below(?: advertisement)?|continue reading(?: below| the main story)?|scroll to continue.{0,40}|article continues (?:below|after advertisement)"),
    # A notice names the symbol or a year right away; "Copyright holders said..." is a sentence.
    _rule("copyright notice", r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s?.{0,150}|(?:.{0,80}\.\s)?all rights reserved\.?"),
    _rule("image credit", r"(?:photo|image|picture|photograph|video|credit)(?: credit)?s?\s*[:|].{0,120}"),
    _rule("cookie notice", r"(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies)\b(?=.{0,160}\b(?:site|website|experience|browsing|consent|privacy|policy|settings|analytics|personali[sz]e)).{0,160}|accept (?:all )?cookies"),
)

BYLINE = re.compile(rf"^(?i:author|authors|by|written by|words by|story by|reporter|reporting)\s*[:\-–—]?\s+(?P<name>{_NAMES})\s*\.?$")
# "Reporting by A and B; Editing by C" -- names only after each "by", so a sentence
# such as "Produced by the city water utility, the report found..." is not a credit.
_CREDIT = rf"(?i:(?:additional )?(?:reporting|writing|editing|compiled|produced)(?: and (?:writing|editing))? by) (?:{_NAMES})"
CREDIT_LINE = re.compile(rf"^\(?{_CREDIT}(?:\s*[;,]\s*{_CREDIT})*\)?\.?$")
CREDIT_AUTHOR = re.compile(rf"(?i:reporting|writing)(?: and \w+)? (?i:by) (?P<name>{_NAMES})")
FOLLOW_NAME = re.compile(rf"^(?i:follow) (?P<name>{_NAMES}) (?i:on) ")
BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d+[.)])\s+")
SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
# "on May 9.However" -- paragraphs glued by a scraper; a real abbreviation is never
# followed directly by a capitalised word of three letters or more.
GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9])\.(?=[A-Z][a-z]{2,})")


@dataclass(frozen=True)
class Cleaned:
    """Clean text and what cleaning found: removed spans, a title line, a byline author."""

    text: str
    removed: tuple[Removed, ...]
    title: str | None = None
    author: str | None = None
    author_evidence: str | None = None


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def clean_text(text: str, detect_title: bool = False) -> Cleaned:
    """Remove line-level boilerplate from extracted article text.

    ``detect_title`` treats a short unpunctuated first line followed by a blank
    line as the title (plain-text files carry it so) and moves it to metadata.
    """
    lines = list(_split_lines(text))
    verdicts: dict[int, str] = {}
    title = _title_line(lines) if detect_title else None
    if title is not None:
        verdicts[title] = "title (moved to metadata)"
    _mark_boilerplate(lines, verdicts)
    author, evidence = _author_from(lines, verdicts)
    kept = [_normalize(line.text) for i, line in enumerate(lines) if i not in verdicts and not line.blank]
    removed = tuple(Removed(lines[i].start, lines[i].end, lines[i].text, reason) for i, reason in sorted(verdicts.items()))
    return Cleaned("\n".join(kept), removed, lines[title].text if title is not None else None, author, evidence)


def _split_lines(text: str) -> Iterator[_Line]:
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lead = len(content) - len(content.lstrip())
        stripped = content.strip()
        yield _Line(offset + lead, offset + lead + len(stripped), stripped)
        offset += len(raw)


def _title_line(lines: list[_Line]) -> int | None:
    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None or first + 1 >= len(lines) or not lines[first + 1].blank:
        return None
    candidate = lines[first].text
    if len(candidate) > 200 or len(candidate.split()) < 2 or SENTENCE_END.search(candidate) or candidate.endswith((":", ";", ",")):
        return None
    return first


def _mark_boilerplate(lines: list[_Line], verdicts: dict[int, str]) -> None:
    index = 0
    while index < len(lines):
        line = lines[index]
        rule = None if line.blank or index in verdicts else _matching_rule(line.text)
        if rule is not None:
            verdicts[index] = rule.reason
            if rule.starts_block:
                index = _mark_related_block(lines, index + 1, verdicts)
                continue
        index += 1


def _matching_rule(text: str) -> Rule | None:
    if len(text) > 300:  # boilerplate lines are short; a paragraph is never removed whole
        return None
    if BYLINE.match(text) or CREDIT_LINE.match(text):
        return Rule("byline", BYLINE)
    return next((rule for rule in RULES if rule.pattern.match(text)), None)


def _mark_related_block(lines: list[_Line], index: int, verdicts: dict[int, str]) -> int:
    """Mark the headlines listed under a "Read more" / "RELATED:" marker; return where the block ends."""
    taken = 0
    while index < len(lines) and taken < 8:
        line = lines[index]
        if not line.blank:
            if not _is_link_headline(line.text):
                break
            verdicts[index] = "related links"
            taken += 1
        index += 1
    return index


def _is_link_headline(text: str) -> bool:
    if BULLET.match(text):
        return len(text) <= 220
    return len(text) <= 160 and not SENTENCE_END.search(text) and len(text.split()) >= 2


def _author_from(lines: list[_Line], verdicts: dict[int, str]) -> tuple[str | None, str | None]:
    """The author named by a byline, credit line or follow prompt among the removed lines."""
    found: list[tuple[int, str, str]] = []
    for index, reason in verdicts.items():
        text = lines[index].text
        for priority, pattern in enumerate((BYLINE, CREDIT_AUTHOR, FOLLOW_NAME)):
            match = pattern.search(text) if pattern is CREDIT_AUTHOR else pattern.match(text)
            if match and reason in ("byline", "share/follow prompt"):
                found.append((priority, _tidy_names(match.group("name")), text))
                break
    if not found:
        return None, None
    _, name, evidence = min(found)
    return name, evidence


def _tidy_names(names: str) -> str:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", names.strip().rstrip("."))
    return "; ".join(p for p in parts if p)


def _normalize(line: str) -> str:
    return GLUED_SENTENCE.sub(". ", " ".join(line.split()))
