"""Property tests of the readers: no input crashes them, and what they promise holds for any input.

Files are written into one folder per module (``tmp_path_factory``), each example
under a fresh name, so Hypothesis's function-scoped-fixture check does not apply.
"""

from __future__ import annotations

import gzip
import itertools
import json
import string
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from newsparallax.ingest.clean import clean_text
from newsparallax.config import Settings
from newsparallax.errors import InputError
from newsparallax.ingest import build_article
from newsparallax.ingest.readers import FIELDS, decode_text, read_path, sniff_format
from newsparallax.records import Article, RawRecord, Rejected, content_id

SNIFFED_KINDS = {"warc", "feed", "html", "json", "jsonl", "csv", "text"}
SUFFIXES = ["", ".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".warc", ".gz", ".warc.gz", ".csv.gz"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_bytes_as_file(folder: Path, data: bytes, suffix: str, settings_: Settings | None = None) -> list:
    path = folder / f"f{next(_names)}{suffix}"
    path.write_bytes(data)
    try:
        return list(read_path(path, settings_ or Settings()))
    finally:
        path.unlink()


def check_items(items: list) -> None:
    for item in items:
        assert isinstance(item, (RawRecord, Rejected)), item
        if isinstance(item, RawRecord):
            assert isinstance(item.body, str)  # may be blank (a file of one BOM): cleaning rejects it
            assert isinstance(item.fields, dict)
        else:
            assert item.stage in ("read", "parse") and item.reason


# ---------------------------------------------------------------- arbitrary files

FRAGMENTS = [
    b"<html>", b"</html>", b"<head>", b"<body>", b"<p>", b"</p>", b"<article>", b'<meta charset="iso-8859-1">',
    b'<meta charset="utf-16">', b'<meta charset="base64">', b"<rss", b' version="2.0">', b"<channel>", b"<item>",
    b"<title>", b"</title>", b"<description>", b"</item>", b"</channel></rss>", b'<feed xmlns="http://www.w3.org/2005/Atom">',
    b"<entry>", b"<summary>", b"<![CDATA[", b"]]>", b"<?xml version='1.0' encoding='latin-1'?>", b"<!--", b"-->",
    b"{", b"}", b"[", b"]", b'"title": ', b'"text": ', b'"articles": ', b'"a"', b":", b",", b"null", b"1e999",
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"WARC-Type: warcinfo\r\n", b"Content-Length: 12\r\n",
    b"Content-Length: x\r\n", b"WARC-Target-URI: http://a.example/\r\n", b"HTTP/1.1 200 OK\r\n",
    b"Content-Type: text/html\r\n", b"\r\n", b"\x1f\x8b", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", b"title,text\n",
    b"Title;Body\n", b"url\ttext\n", b'"', b'""', b"\n", b"\r", b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\xfe\xff", b"\xe9", b"\xc3", b"%PDF", b"PK\x03\x04", b"caf\xc3\xa9 ", b"The minister said on Monday. ",
]
texts = st.text(max_size=80).map(lambda s: s.encode("utf-8"))
pieces = st.one_of(st.sampled_from(FRAGMENTS), texts, st.binary(max_size=16))


@st.composite
def structured_bytes(draw) -> bytes:
    data = b"".join(draw(st.lists(pieces, max_size=40)))
    if draw(st.booleans()):
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    return data


@FAST
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_read_path_on_arbitrary_bytes(folder, data, suffix):
    check_items(read_bytes_as_file(folder, data, suffix))


@FAST
@given(data=structured_bytes(), suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from([None, None, "cp1252", "utf-16", "ascii", "no-such-codec"]))
@example(data=b'{"a": ' + b"[" * 50_000, suffix=".json", encoding=None)
@example(data=b"<html><p>x</p></html>", suffix=".html", encoding="base64")
@example(data="title,text\nA,B\n".encode("utf-16"), suffix=".csv", encoding=None)
def test_read_path_on_structured_bytes(folder, data, suffix, encoding):
    check_items(read_bytes_as_file(folder, data, suffix, Settings(encoding=encoding)))


@FAST
@given(data=structured_bytes(), limit=st.integers(1, 200))
def test_read_path_with_a_tiny_size_limit(folder, data, limit):
    check_items(read_bytes_as_file(folder, data, ".txt", Settings(max_document_bytes=limit)))


@FAST
@given(head=st.one_of(st.binary(max_size=2048), structured_bytes()))
def test_sniff_format_returns_a_kind_or_raises_input_error(head):
    try:
        kind = sniff_format(head)
    except InputError:
        return
    assert kind in SNIFFED_KINDS


# Any JSON value, strings with any code point: JSON escapes can spell lone surrogates ("\\ud800").
any_string = st.text(alphabet=st.characters(blacklist_categories=()), max_size=60)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_string,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["title", "text", "Body", "url",
                                                                                      "authors", "name", "x"]) | any_string,
                                                                      children, max_size=5),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries({"title": any_string, "text": any_string.map(lambda t: t + " word" * 12)},
                                        optional={"authors": json_values, "source": json_values, "date": json_values})


@FAST
@given(items=st.lists(article_objects | json_values, max_size=4), as_lines=st.booleans())
def test_json_records_of_any_content_build_without_raising(folder, items, as_lines):
    if as_lines:
        data = "\n".join(json.dumps(item) for item in items)
    else:
        data = json.dumps(items)
    found = read_bytes_as_file(folder, data.encode(), ".jsonl" if as_lines else ".json")
    check_items(found)
    for item in found:
        if isinstance(item, RawRecord):
            outcome = build_article(item, Settings())
            if isinstance(outcome, Article):
                assert content_id(outcome.text, outcome.outlet)  # hashable as UTF-8, so storable
        else:
            item.reason.encode("utf-8")


char_refs = st.integers(0, 0x10FFFF).map(lambda n: f"&#x{n:X};") | st.integers(0, 70000).map(lambda n: f"&#{n};")
feed_bits = st.sampled_from(["&amp;", "&lt;p&gt;", "<![CDATA[<p>x</p>]]>", "&#xD800;", "&#x1;"])
feed_text = st.lists(st.text(max_size=30).map(xml_escape) | char_refs | feed_bits, max_size=8).map("".join)


@FAST
@given(title=feed_text, items=st.lists(st.tuples(feed_text, feed_text), min_size=1, max_size=3), atom=st.booleans())
def test_feeds_of_any_text_read_without_raising(folder, title, items, atom):
    if atom:
        entries = "".join(f"<entry><title>{t}</title><summary>{d}</summary></entry>" for t, d in items)
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'
    else:
        entries = "".join(f"<item><title>{t}</title><description>{d}</description></item>" for t, d in items)
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'
    found = read_bytes_as_file(folder, feed.encode("utf-8", "surrogatepass"), ".xml")
    check_items(found)
    for item in found:
        if isinstance(item, RawRecord):
            assert isinstance(build_article(item, Settings()), (Article, Rejected))


# ---------------------------------------------------------------- decoding

# Letters, marks, symbols, spaces and the whitespace controls: text that does not look binary.
ordinary_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\f\v"))


@FAST
@given(text=ordinary_text)
def test_decode_text_round_trips_utf8(text):
    assume(not text.startswith("\ufeff"))  # a leading BOM is taken as the encoding's mark and dropped
    assert decode_text(text.encode("utf-8")) == text


@FAST
@given(text=st.text())
def test_decode_text_is_exact_or_refuses(text):
    # Any text at all: decoded exactly (bar a leading BOM), or refused as binary -- never altered.
    try:
        decoded = decode_text(text.encode("utf-8"))
    except InputError:
        assert "\x00" in text or any(ord(c) < 32 for c in text)
        return
    assert decoded == text.removeprefix("\ufeff")


@FAST
@given(text=st.text(), encoding=st.sampled_from(["utf-16", "utf-8-sig"]))
def test_decode_text_with_a_bom(text, encoding):
    assume(not text.startswith("\ufeff"))
    assert decode_text(text.encode(encoding)) == text


@FAST
@given(text=ordinary_text, cut=st.integers(0, 400))
def test_decode_text_partial_gives_a_prefix(text, cut):
    assume(not text.startswith("\ufeff"))
    data = text.encode("utf-8")[:cut]
    assert text.startswith(decode_text(data, partial=True))


# ---------------------------------------------------------------- cleaning

WORDS = (
    "the council said on monday that new tram line would open next spring after years of delay and "
    "debate residents in northern suburbs have waited for better transport while engineers studied "
    "river crossing costs rose sharply because steel prices doubled during two winters minister told "
    "reporters government expects passengers every day between station hospital university campus "
    "opposition argued money should go buses instead motion passed votes evening session"
).split()
word = st.one_of(st.sampled_from(WORDS), st.from_regex(r"[a-z]{2,11}", fullmatch=True))
BOILERPLATE = ["Share on Facebook", "Advertisement", "Read more:", "Related", "Leave a Reply", "By Jane Roe",
               "Sign up for our newsletter", "© 2024 Example Media", "Photo: Reuters", "Follow us on Twitter",
               "Story continues below advertisement", "3 comments", "", "Short headline of another story"]


@st.composite
def long_sentence(draw) -> str:
    words = draw(st.lists(word, min_size=20, max_size=45))
    sentence = " ".join(words).capitalize() + "."
    assume(len(sentence) > 120)
    return sentence


@FAST
@given(sentences=st.lists(long_sentence(), min_size=1, max_size=4),
       noise=st.lists(st.sampled_from(BOILERPLATE), max_size=8), seed=st.randoms(use_true_random=False),
       detect_title=st.booleans())
def test_clean_text_keeps_long_ordinary_sentences(sentences, noise, seed, detect_title):
    lines = sentences + noise
    seed.shuffle(lines)
    cleaned = clean_text("\n".join(lines), detect_title=detect_title)
    kept = cleaned.text.splitlines()
    for sentence in sentences:
        assert sentence in kept


@pytest.mark.parametrize("sentence", [
    "Copyright holders in the music industry filed more than four hundred complaints last year, "
    "the regulator said in its annual report on Tuesday.",
    "Produced by the city water utility, the report found that lead levels in older homes exceeded "
    "the federal limit in nearly a third of samples.",
    "We use cookies in our bakery every morning, the owner joked, before explaining how the flour "
    "shortage had pushed up the price of bread.",
    "By the way he spoke",
    "Follow the money on Twitter",
])
def test_clean_text_known_false_positives(sentence):
    assert sentence in clean_text(f"First sentence here.\n{sentence}\nLast.").text


# ---------------------------------------------------------------- build_article

HTML_BITS = ["<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<script>x()</script>", "<!-- c -->",
             "&amp;", "&nbsp;", "<html>", "<body>", "<article>", "<h1>", "</h1>", "<", ">", "\x00", "\x0b"]
body_text = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(st.sampled_from(HTML_BITS), st.text(max_size=40), st.sampled_from(WORDS)), max_size=60).map("".join),
)
field_values = st.one_of(st.none(), st.text(max_size=40),
                         st.sampled_from(["2024-02-30", "yesterday", "Tue, 14 May 2024 08:30:00 GMT", "9999-01-01",
                                          "http://", "https://www.example.com/a", "//", "0", "Reuters"]))


@st.composite
def raw_records(draw, formats: list[str]) -> RawRecord:
    fmt = draw(st.sampled_from(formats))
    fields = draw(st.dictionaries(st.sampled_from([*FIELDS, "crawled"]), field_values, max_size=5))
    return RawRecord("fuzz#1", fmt, draw(body_text), is_html=draw(st.booleans()), fields=fields,
                     summary_only=draw(st.booleans()))


@FAST
@given(record=raw_records(["text", "json", "jsonl", "csv", "rss", "atom"]), sidecar=st.none() | st.dictionaries(
    st.sampled_from(FIELDS), field_values, max_size=4))
def test_build_article_never_raises_on_text_records(record, sidecar):
    outcome = build_article(record, Settings(), sidecar)
    assert isinstance(outcome, (Article, Rejected))
    if isinstance(outcome, Rejected):
        assert outcome.stage in ("extract", "clean") and outcome.source == "fuzz#1"
    else:
        assert len(outcome.text) >= Settings().min_text_chars and outcome.id


@SLOW
@given(record=raw_records(["html", "warc"]))
def test_build_article_never_raises_on_pages(record):
    assert isinstance(build_article(record, Settings()), (Article, Rejected))


@FAST
@given(text=st.text(alphabet=string.printable, min_size=1, max_size=300))
def test_text_file_through_read_and_build(folder, text):
    for item in read_bytes_as_file(folder, text.encode(), ".txt"):
        if isinstance(item, RawRecord):
            assert isinstance(build_article(item, Settings()), (Article, Rejected))
