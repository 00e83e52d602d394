"""Loaders for the labelled development data (ECB+, BASIL), read in place by path.

The data sets carry copyrighted article text and their own licenses, so they are
never copied into this repository: pass the folder (``../shared/eval/ecbplus``,
``../shared/eval/basil``) and get frozen records whose character offsets point
into a readable ``text``, the same convention as the engine's ``Article``.

* ECB+ (Cybulska & Vossen 2014): news articles as token XML with gold entity and
  event mentions and cross-document coreference. ``load_ecbplus`` turns the
  tokens back into English (one sentence a line), lifts the source URL and the
  publication-date line of the "ecbplus" half into fields, and maps every token
  and mention onto the text.
* BASIL v2 (Fan et al. 2019): 70 events, each covered by Fox, HuffPost and the
  NYT, with lexical and informational bias spans. ``load_basil`` joins the
  paragraphs into one text and moves each span from its sentence to the text.

Example:
    >>> docs = load_ecbplus(Path("../shared/eval/ecbplus"))  # doctest: +SKIP
    >>> doc = docs[0]; doc.doc_id, doc.subtopic  # doctest: +SKIP
    ('1_1ecb.xml', '1_ecb')
    >>> m = doc.mentions[0]; doc.text[m.start:m.end] == m.text  # doctest: +SKIP
    True
    >>> detokenize(["Reid", "'s", "rep", "said", "``", "no", "''", "."])[0]
    'Reid\\'s rep said "no".'
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from ..errors import InputError

# ---------------------------------------------------------------- records


class EcbToken(NamedTuple):
    """One token of an ECB+ document; ``start``/``end`` index ``EcbDocument.text``.

    Tokens of the lines lifted out of the text (the URL and date lines) have
    ``start`` and ``end`` None. ``text`` is the token as the XML gives it (PTB
    quotes included); ``token_surface(text)`` is how it reads in the text.
    """

    t_id: int
    sentence: int
    text: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class EcbMention:
    """A gold entity or event mention of ECB+.

    ``kind`` is ``event`` for the ACTION_* and NEG_ACTION_* tags and ``entity``
    for the participants, times and locations (HUMAN_*, NON_HUMAN_*, TIME_*,
    LOC_*). ``cluster`` is the instance id of the cross-document chain the
    mention belongs to (``CROSS_DOC_COREF``), comparable across documents;
    ``intra_doc_chain`` names a chain that stays within the document
    (``INTRA_DOC_COREF``); a mention in neither is a singleton.

    ``start``/``end`` run from the first token to the last (71 mentions skip a
    word in between: ``token_ids`` are the exact tokens); both are None for the
    few mentions on a line lifted out of the text (a date line), whose ``text``
    is then the words as that line reads.
    """

    mention_id: int
    kind: str
    type: str
    token_ids: tuple[int, ...]
    sentence: int
    start: int | None
    end: int | None
    text: str
    cluster: str | None = None
    intra_doc_chain: str | None = None


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ article: readable text, its tokens and gold mentions.

    ``subtopic`` is the seminal event (``"1_ecb"`` or ``"1_plus"``) from
    ``clusters_gold.tsv``; ``coref_sentences`` are the sentence numbers the
    corpus validated for coreference (``ECBplus_coreference_sentences.csv``):
    evaluate only on mentions there, as the corpus README asks.

    The "ecbplus" half (381 documents) begins with the source URL as sentence 0
    and, mostly within the next few lines, a publication line ("Published :
    May 3 , 2013 4 : 59 PM EDT"). Both are lifted out of ``text`` into ``url``
    and ``date`` (ISO ``YYYY-MM-DD``; None when no line gives a full date).
    """

    doc_id: str
    topic: str
    subtopic: str
    text: str
    tokens: tuple[EcbToken, ...]
    mentions: tuple[EcbMention, ...] = ()
    url: str | None = None
    date: str | None = None
    coref_sentences: tuple[int, ...] = ()


@dataclass(frozen=True)
class BasilSpan:
    """A BASIL bias annotation.

    ``bias`` is ``lexical`` or ``informational``. ``start``/``end`` index the
    article's ``text``, except for the rare span on the headline
    (``sentence`` None), whose offsets index ``title``.
    """

    bias: str
    start: int
    end: int
    text: str
    sentence: int | None
    polarity: str
    target: str
    quote: bool
    speaker: str
    aim: str


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article; ``triplet`` groups the three outlets' articles on one event.

    ``outlet`` is ``fox``, ``hpo`` (HuffPost) or ``nyt``. ``sentence_spans`` gives
    the (start, end) in ``text`` of each sentence ``pN`` of the annotations.
    """

    article_id: str
    triplet: str
    outlet: str
    title: str
    date: str
    url: str
    text: str
    annotations: tuple[BasilSpan, ...]
    sentence_spans: tuple[tuple[int, int], ...]
    main_event: str = ""


# ---------------------------------------------------------------- detokenizing


PTB_SURFACE = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "…", "”"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "“", "‘", "`"})
# 's, n't, 're... and a lone apostrophe (a closing single quote or a plural possessive) lean on the word before.
CLITIC = re.compile(r"^['’](?:s|re|ve|ll|d|m|t)?$|^n['’]t$", re.IGNORECASE)
CLITIC_TAIL = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
DOUBLE_QUOTES = frozenset({'"', "``", "''"})
WEB_NAMES = frozenset({"com", "org", "net", "gov", "edu", "co", "uk", "html", "htm", "php", "aspx"})


def token_surface(token: str) -> str:
    """How a token reads in detokenized text: PTB brackets and quotes undone, blanks dropped.

    >>> token_surface("``"), token_surface("-LRB-"), token_surface("``bagman''")
    ('"', '(', '"bagman"')
    """
    token = token.strip()
    return PTB_SURFACE.get(token) or token.replace("``", '"').replace("''", '"')


def detokenize(tokens: Sequence[str], split_punctuation: bool = False) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join the tokens of one sentence into readable text; also return each token's (start, end).

    ``split_punctuation`` is for tokenizers that cut at every hyphen, slash,
    colon and period (the "ecbplus" half of ECB+: ``free - agent``,
    ``05 / 02 / 2013``, ``4 : 00pm``, ``U . S .``): those are glued back when
    both neighbours show they were one word.

    >>> detokenize(["He", "said", "``", "we", "ca", "n't", "''", "(", "today", ")", "."])[0]
    'He said "we can\\'t" (today).'
    >>> detokenize(["a", "free", "-", "agent", "at", "4", ":", "00pm", "in", "the", "U", ".", "S", "."], True)[0]
    'a free-agent at 4:00pm in the U.S.'
    """
    surfaces = [token_surface(token) for token in tokens]
    roles = _quote_roles(tokens, surfaces, split_punctuation)
    glued = _glue_after(surfaces) if split_punctuation else set()
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length, previous = 0, None
    for index, surface in enumerate(surfaces):
        if not surface:  # a blank token (a stray tab): zero width, and no effect on spacing
            spans.append((length, length))
            continue
        if previous is not None and not _joined(surfaces, roles, glued, previous, index):
            parts.append(" ")
            length += 1
        parts.append(surface)
        spans.append((length, length + len(surface)))
        length += len(surface)
        previous = index
    return "".join(parts), tuple(spans)


def _joined(surfaces: list[str], roles: dict[int, str], glued: set[int], before: int, index: int) -> bool:
    left, right = surfaces[before], surfaces[index]
    if before in glued or roles.get(before) == "open" or left in NO_SPACE_AFTER:
        return True
    if roles.get(index) == "close" or right in NO_SPACE_BEFORE or CLITIC.match(right):
        return True
    return right.lower() == "na" and left.lower() in ("gon", "wan")  # PTB splits gonna, wanna


def _quote_roles(tokens: Sequence[str], surfaces: list[str], split_punctuation: bool) -> dict[int, str]:
    """Whether each straight double quote opens or closes; they alternate within a sentence.

    ``''`` is PTB's closing quote, but some ECB sentences close with `````, so
    only the alternation is trusted, except that a quote with nothing left to
    quote after it (sentence end, punctuation), or between punctuation and a
    lower-case word, closes one opened in an earlier sentence.
    """
    roles: dict[int, str] = {}
    open_ = False
    for index, token in enumerate(tokens):
        token = token.strip()
        if token not in DOUBLE_QUOTES:
            # A quote stuck to its word ('"We', 'said"') still opens or closes one.
            surface = surfaces[index]
            if len(surface) > 1 and surface[0] == '"':
                open_ = True
            if len(surface) > 1 and surface[-1] == '"':
                open_ = False
            continue
        following = next((s for s in surfaces[index + 1:] if s), None)
        preceding = next((s for s in reversed(surfaces[:index]) if s), None)
        if open_:
            roles[index], open_ = "close", False
        elif (token == "''" and not split_punctuation) or following is None or following in NO_SPACE_BEFORE:
            roles[index] = "close"
        elif preceding in (",", ".", "!", "?") and following[0].islower():
            roles[index] = "close"  # '..., "the source said': the quote began in an earlier sentence
        else:
            roles[index], open_ = "open", True
    return roles


def _glue_after(surfaces: list[str]) -> set[int]:
    """Indices of tokens joined to the next one, for text split at every punctuation mark."""
    glued: set[int] = set()
    for index in range(1, len(surfaces) - 1):
        left, mark, right = surfaces[index - 1], surfaces[index], surfaces[index + 1]
        if not left or not right:
            continue
        if _splits_a_word(left, mark, right):
            glued.update((index - 1, index))
        elif mark == "-" and right == "-":
            glued.add(index)  # "- -" was a "--" dash
    return glued


def _splits_a_word(left: str, mark: str, right: str) -> bool:
    if mark in ("-", "/"):
        return left[-1].isalnum() and right[0].isalnum()
    if mark == ":":
        return left[-1].isdigit() and right[0].isdigit()
    if mark == ".":
        digits = left[-1].isdigit() and right[0].isdigit()
        initials = len(left) == 1 and left.isalpha() and len(right) == 1 and right.isalpha()
        return digits or initials or right.lower() in WEB_NAMES or left.lower() == "www"
    if mark == ",":  # 20 , 000 -> 20,000 (but not May 3 , 2013)
        return left.isdigit() and len(left) <= 3 and right.isdigit() and len(right) == 3
    if mark in ("'", "’"):  # That ’ s -> That’s
        return left[-1].isalnum() and right.lower() in CLITIC_TAIL
    return False


# ---------------------------------------------------------------- ECB+


ECB_FOLDER = "ECB+"
CLUSTERS_FILE = "clusters_gold.tsv"
COREF_SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
EVENT_PREFIXES = ("ACTION", "NEG_ACTION")
# The publication line sits right under the URL and the headline, before the story starts.
DATE_LINE_WINDOW = 5


def load_ecbplus(root: Path) -> list[EcbDocument]:
    """Every document of an ECB+ folder (``ECB+/<topic>/<name>.xml`` and ``clusters_gold.tsv``).

    ``root`` is the folder holding ``ECB+/``. Documents come sorted by topic
    and document number. Raises InputError, naming the folder or file, when
    the data is missing or not in the expected shape.
    """
    root = Path(root)
    corpus = root / ECB_FOLDER
    if not corpus.is_dir():
        raise InputError(f"ECB+ data not found: {root} has no {ECB_FOLDER}/ folder (expected {ECB_FOLDER}/<topic>/<name>.xml)")
    paths = sorted(corpus.glob("*/*.xml"), key=lambda p: _natural_key(p.name))
    if not paths:
        raise InputError(f"ECB+ data not found: {corpus} holds no <topic>/<name>.xml files")
    subtopics = _ecb_subtopics(root / CLUSTERS_FILE)
    validated = _ecb_coref_sentences(root / COREF_SENTENCES_FILE)
    documents = []
    for path in paths:
        if path.name not in subtopics:
            raise InputError(f"{root / CLUSTERS_FILE}: no sub-topic listed for {path.name}")
        documents.append(_ecb_document(path, subtopics[path.name], validated.get(path.name, ())))
    return documents


def _natural_key(name: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def _ecb_subtopics(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise InputError(f"ECB+ data incomplete: {path} not found (the table of doc, topic, subtopic)")
    rows = _csv_rows(path, "\t", ("doc", "subtopic"))
    return {row["doc"].strip(): row["subtopic"].strip() for row in rows}


def _ecb_coref_sentences(path: Path) -> dict[str, tuple[int, ...]]:
    if not path.is_file():
        return {}  # optional: only restricts evaluation
    found: dict[str, set[int]] = {}
    for row in _csv_rows(path, ",", ("Topic", "File", "Sentence Number")):
        found.setdefault(f"{row['Topic']}_{row['File']}.xml", set()).add(int(row["Sentence Number"]))
    return {name: tuple(sorted(numbers)) for name, numbers in found.items()}


def _csv_rows(path: Path, delimiter: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream, delimiter=delimiter)
            missing = [name for name in required if name not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: expected the column(s) {', '.join(missing)}, found {reader.fieldnames}")
            return list(reader)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise InputError(f"{path}: not a readable table: {exc}") from exc


class _Line(NamedTuple):
    sentence: int
    tokens: list[tuple[int, str]]  # (t_id, token)
    text: str
    spans: tuple[tuple[int, int], ...]


def _ecb_document(path: Path, subtopic: str, coref_sentences: tuple[int, ...]) -> EcbDocument:
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as exc:
        raise InputError(f"{path}: not a readable ECB+ XML file: {exc}") from exc
    split = path.name.endswith("ecbplus.xml")  # the newer half was tokenized at every punctuation mark
    lines = _ecb_lines(path, root, split)
    url = _url_line(lines[0]) if lines else None
    body = lines[1:] if url else lines
    date, dated = _date_lines(body[:DATE_LINE_WINDOW], url)
    kept = [line for line in body if line.sentence not in dated]
    text, offsets = _assemble(kept)
    tokens = tuple(
        EcbToken(t_id, line.sentence, token, *offsets.get(t_id, (None, None)))
        for line in lines for t_id, token in line.tokens
    )
    try:
        mentions = _ecb_mentions(path, root, lines, offsets, text)
    except ValueError as exc:
        raise InputError(f"{path}: a markable or relation with a non-numeric m_id or t_id: {exc}") from exc
    return EcbDocument(path.name, path.parent.name, subtopic, text, tokens, mentions, url, date, coref_sentences)


def _ecb_lines(path: Path, root: ElementTree.Element, split: bool) -> list[_Line]:
    grouped: dict[int, list[tuple[int, str]]] = {}
    try:
        for token in root.iter("token"):
            grouped.setdefault(int(token.get("sentence", "")), []).append((int(token.get("t_id", "")), token.text or ""))
    except ValueError as exc:
        raise InputError(f"{path}: a <token> without a numeric t_id or sentence attribute") from exc
    if not grouped:
        raise InputError(f"{path}: no <token> elements; not an ECB+ document")
    lines = []
    for sentence, tokens in grouped.items():
        text, spans = detokenize([token for _, token in tokens], split)
        lines.append(_Line(sentence, tokens, text, spans))
    return lines


def _url_line(line: _Line) -> str | None:
    joined = "".join(token.strip() for _, token in line.tokens)
    return joined if re.match(r"(?:https?://|www\.)\S+$", joined) else None


def _assemble(lines: list[_Line]) -> tuple[str, dict[int, tuple[int, int]]]:
    """One line per sentence; token offsets moved from their line to the whole text."""
    offsets: dict[int, tuple[int, int]] = {}
    base = 0
    for line in lines:
        for (t_id, _), (start, end) in zip(line.tokens, line.spans):
            offsets[t_id] = (base + start, base + end)
        base += len(line.text) + 1
    return "\n".join(line.text for line in lines), offsets


def _ecb_mentions(path: Path, root: ElementTree.Element, lines: list[_Line],
                  offsets: dict[int, tuple[int, int]], text: str) -> tuple[EcbMention, ...]:
    markables = root.find("Markables")
    if markables is None:
        return ()
    located = {t_id: (line, position) for line in lines for position, (t_id, _) in enumerate(line.tokens)}
    anchored, instances = {}, {}
    for element in markables:
        m_id = int(element.get("m_id", "-1"))
        anchors = tuple(int(a.get("t_id", "-1")) for a in element.findall("token_anchor"))
        if anchors:
            anchored[m_id] = (element.tag, anchors)
        else:  # a chain's descriptor: no tokens, the instance id the chain is known by
            instances[m_id] = element.get("instance_id")
    clusters, chains = _ecb_chains(root.find("Relations"), instances, path.name)
    mentions = []
    for m_id, (tag, anchors) in sorted(anchored.items()):
        missing = [t for t in anchors if t not in located]
        if missing:
            raise InputError(f"{path}: mention {m_id} points at unknown token(s) {missing}")
        start, end, surface = _mention_span(anchors, located, offsets, text)
        kind = "event" if tag.startswith(EVENT_PREFIXES) else "entity"
        sentence = located[anchors[0]][0].sentence
        mentions.append(EcbMention(m_id, kind, tag, anchors, sentence, start, end, surface, clusters.get(m_id), chains.get(m_id)))
    return tuple(mentions)


def _ecb_chains(relations: ElementTree.Element | None, instances: dict[int, str | None],
                doc_id: str) -> tuple[dict[int, str], dict[int, str]]:
    clusters: dict[int, str] = {}
    chains: dict[int, str] = {}
    for relation in relations if relations is not None else ():
        sources = [int(s.get("m_id", "-1")) for s in relation.findall("source")]
        target = relation.find("target")
        if relation.tag == "CROSS_DOC_COREF":
            # The target's instance_id is the chain id; the relation's note repeats it.
            instance = instances.get(int(target.get("m_id", "-1"))) if target is not None else None
            chain = instance or relation.get("note")
            clusters.update((m_id, chain) for m_id in sources if chain)
        elif relation.tag == "INTRA_DOC_COREF":
            chains.update((m_id, f"{doc_id}#{relation.get('r_id')}") for m_id in sources)
    return clusters, chains


def _mention_span(anchors: tuple[int, ...], located: dict[int, tuple[_Line, int]],
                  offsets: dict[int, tuple[int, int]], text: str) -> tuple[int | None, int | None, str]:
    if all(t in offsets for t in anchors):
        start = min(offsets[t][0] for t in anchors)
        end = max(offsets[t][1] for t in anchors)
        return start, end, text[start:end]
    # On a line lifted out of the text (the date line): the words as that line reads.
    line = located[anchors[0]][0]
    spans = [line.spans[located[t][1]] for t in anchors if located[t][0] is line]
    return None, None, line.text[min(s for s, _ in spans):max(e for _, e in spans)]


# ---------------------------------------------------------------- ECB+ date lines


MONTH_NUMBERS = {
    name: number for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")), start=1)
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\b\s*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Token lines are joined with single spaces, so every separator may have a space on each side.
DATE_FORMS = (
    re.compile(rf"\b{_MONTH}\s*{_DAY}\s*[,-]?\s*{_YEAR}\b", re.IGNORECASE),  # May 3 , 2013 / Dec . 20 2005
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s*{_YEAR}\b", re.IGNORECASE),  # 16 December 2008
    re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*(?P<day>\d{1,2})\b"),  # 2013 - 09 - 26
    re.compile(r"\b(?P<first>\d{1,2})\s*(?P<sep>[/.])\s*(?P<second>\d{1,2})\s*(?P=sep)\s*(?P<year>(?:19|20)?\d\d)\b"),  # 05 / 02 / 2013
    re.compile(rf"\b{_MONTH}\s*-\s*{_DAY}\s*-\s*(?P<year>\d\d)\b", re.IGNORECASE),  # Dec - 19 - 05
)
# Words a publication line may carry besides its date and time.
DATE_LINE_WORDS = frozenset(
    "published posted updated update last first originally created story edited modified date time on at by "
    "for immediate release "
    "am pm a p m hrs et pt ct gmt bst edt est pdt pst cst cdt mst mdt ist hkt akdt utc uk cet cest aest "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
# An agency or a place ("TNN", "Reuters", "MUMBAI") may share the line; a lower-case word
# ("died", "of") means a sentence that mentions a date, not a date line.
MAX_OTHER_WORDS = 2
DAY_FIRST_DOMAINS = (".uk", ".au", ".nz", ".ie", ".in", ".za", ".nl", ".de", ".fr", ".it", ".es")


def _date_lines(lines: list[_Line], url: str | None) -> tuple[str | None, set[int]]:
    """The first publication date found in the head lines, and the sentences that are date lines."""
    date, dated = None, set()
    for line in lines:
        found = _date_of_line(" ".join(token.strip() for _, token in line.tokens), url)
        if found:
            date = date or found
            dated.add(line.sentence)
    return date, dated


def _date_of_line(line: str, url: str | None) -> str | None:
    """The ISO date of a line that is only a date (with a time, a label like "Updated"), else None.

    >>> _date_of_line("Published : Tuesday , Dec . 20 2005 12 : 00 a . m . MST", None)
    '2005-12-20'
    >>> _date_of_line("End of Watch : Friday , June 24 , 2005", None) is None
    True
    """
    if len(line.split()) > 40:
        return None
    found: list[tuple[int, str]] = []
    rest = line
    for form in DATE_FORMS:
        for match in form.finditer(line):
            iso = _iso_date(match.groupdict(), url)
            if iso and rest[match.start():match.end()].strip() == match.group().strip():  # not inside an earlier match
                found.append((match.start(), iso))
                rest = rest[:match.start()] + " " * (match.end() - match.start()) + rest[match.end():]
    if not found:
        return None
    # Digits (times, years) and the usual labels do not count; letters glued to digits ("51AM") are words.
    others = [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in DATE_LINE_WORDS]
    if len(others) > MAX_OTHER_WORDS or any(w[0].islower() for w in others):
        return None
    return min(found)[1]


def _iso_date(parts: dict[str, str | None], url: str | None) -> str | None:
    year = int(parts["year"])
    year += 0 if year >= 100 else (2000 if year < 50 else 1900)
    if parts.get("first"):
        month, day = _month_day(int(parts["first"]), int(parts["second"]), year, url, parts["sep"] == ".")
    else:
        month_text = parts["month"]
        month = int(month_text) if month_text.isdigit() else MONTH_NUMBERS[month_text.lower()]
        day = int(parts["day"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_day(first: int, second: int, year: int, url: str | None, dotted: bool) -> tuple[int, int]:
    """Month and day of ``first / second / year``: unambiguous when one is over 12, else the site decides.

    A date in the URL that fits one reading settles it; otherwise dotted dates
    (``08.07.2012``) and sites under a day-first country's domain read
    day/month, any other month/day (US).
    """
    if first > 12 or second > 12:
        return (second, first) if first > 12 else (first, second)
    for month, day in ((first, second), (second, first)):
        if url and re.search(rf"{year}\D?0?{month}\D?0?{day}(?!\d)", url):
            return month, day
    host = re.sub(r"^\w+://", "", url or "").split("/")[0]
    return (second, first) if dotted or host.endswith(DAY_FIRST_DOMAINS) else (first, second)


# ---------------------------------------------------------------- BASIL


BIAS_KINDS = {"lex": "lexical", "inf": "informational"}


def load_basil(root: Path) -> list[BasilArticle]:
    """Every article of a BASIL v2 folder (``articles/YEAR/*.json``, ``annotations/YEAR/*_ann.json``).

    Each span's sentence-relative offsets are moved onto the joined text and
    checked against the span's own text. Raises InputError, naming the folder
    or file, when the data is missing or does not line up.
    """
    root = Path(root)
    articles, annotations = root / "articles", root / "annotations"
    for folder in (articles, annotations):
        if not folder.is_dir():
            raise InputError(f"BASIL data not found: {root} has no {folder.name}/ folder "
                             "(expected articles/YEAR/*.json and annotations/YEAR/*_ann.json)")
    paths = sorted(articles.glob("*/*.json"))
    if not paths:
        raise InputError(f"BASIL data not found: {articles} holds no YEAR/*.json files")
    return [_basil_article(path, annotations / path.parent.name / f"{path.stem}_ann.json") for path in paths]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object, found a {type(data).__name__}")
    return data


def _basil_article(path: Path, annotation_path: Path) -> BasilArticle:
    article = _read_json(path)
    if not annotation_path.is_file():
        raise InputError(f"{path}: no annotation file {annotation_path}")
    annotation = _read_json(annotation_path)
    try:
        text, sentences, sentence_spans = _basil_text(article["body-paragraphs"])
        title = article.get("title") or ""
        spans = tuple(_basil_span(item, title, text, sentences, sentence_spans)
                      for item in annotation["phrase-level-annotations"])
        return BasilArticle(
            article_id=path.stem, triplet=article["triplet-uuid"], outlet=article["source"].lower(), title=title,
            date=dt.date.fromisoformat(article["date"]).isoformat(), url=article.get("url") or "", text=text,
            annotations=spans, sentence_spans=sentence_spans, main_event=article.get("main-event") or "",
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"{path} / {annotation_path.name}: not in the BASIL v2 shape: {type(exc).__name__}: {exc}") from exc


def _basil_text(paragraphs: list[list[str]]) -> tuple[str, list[str], tuple[tuple[int, int], ...]]:
    """Paragraphs joined with newlines, the sentences of one paragraph with spaces.

    Returns the text, the raw sentences (``pN`` is the N-th, counted across
    paragraphs) and where each stripped sentence sits in the text.
    """
    lines, sentences, spans = [], [], []
    base = 0
    for paragraph in paragraphs:
        line = ""
        for sentence in paragraph:
            sentences.append(sentence)
            stripped = sentence.strip()
            if stripped and line:
                line += " "
            start = base + len(line)
            line += stripped
            spans.append((start, start + len(stripped)))
        lines.append(line)
        base += len(line) + 1
    return "\n".join(lines), sentences, tuple(spans)


def _basil_span(item: dict[str, Any], title: str, text: str, sentences: list[str],
                sentence_spans: tuple[tuple[int, int], ...]) -> BasilSpan:
    where, start, end, expected = item["id"], int(item["start"]), int(item["end"]), item["txt"]
    if where == "title":
        sentence, base, raw, lead, target = None, 0, title, 0, title
    else:
        number = re.fullmatch(r"p(\d+)", where)
        if not number:
            raise ValueError(f"unknown sentence id {where!r} (expected pN or title)")
        sentence = int(number.group(1))
        raw = sentences[sentence]
        base, lead, target = sentence_spans[sentence][0], len(raw) - len(raw.lstrip()), text
    if raw[start:end] != expected:
        raise ValueError(f"span {where}[{start}:{end}] reads {raw[start:end]!r}, the annotation says {expected!r}")
    # Sentences were stripped when joined: move the span by the blanks dropped before it.
    length = len(raw.strip())
    start, end = base + min(max(start - lead, 0), length), base + min(max(end - lead, 0), length)
    return BasilSpan(
        bias=BIAS_KINDS.get(item["bias"], item["bias"]), start=start, end=end, text=target[start:end], sentence=sentence,
        polarity=item.get("polarity", ""), target=item.get("target", ""), quote=item.get("quote") == "yes",
        speaker=item.get("speaker", ""), aim=item.get("aim", ""),
    )
