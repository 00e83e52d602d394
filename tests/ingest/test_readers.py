"""The input readers: every supported format on realistic files, and every way a file can be bad.

Fixtures are built in ``tmp_path`` by the helpers below (WARCs with warcio's own
writer), so no binary file is committed. Rejections are checked by their exact
stage and by the key words of their reason, the part a user acts on.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsparallax.config import Settings
from newsparallax.errors import InputError, UnsupportedFormat
from newsparallax.ingest import build_article, extract_file
from newsparallax.pipeline import ingest as ingest_paths
from newsparallax.ingest.readers import (
    decode_page,
    decode_text,
    declared_charset,
    iter_input_files,
    load_sidecar,
    read_path,
    record_from_mapping,
    sniff_format,
)
from newsparallax.records import Article, RawRecord, Rejected
from newsparallax.store import Store

# ---------------------------------------------------------------- fixture builders

PARAGRAPHS = [
    "The Harbour Bridge reopened to traffic on Monday morning after a two-year repair that "
    "replaced most of its steel deck and all of its cables.",
    "City engineers said the work had cost 84 million euros, nine million more than planned, "
    "because corrosion inside the towers was worse than the first survey had shown.",
    "Commuters who had spent two winters on a ferry or a long detour through the eastern "
    "tunnel queued at both ends of the bridge before the barriers were lifted at six o'clock.",
    "The mayor thanked residents for their patience and promised that the cycle lanes, "
    "which are still closed, would open before the start of the summer holidays.",
]
NAV_TEXT = ["Home", "Sport", "Weather", "Subscribe to our newsletter"]
COOKIE_TEXT = "We use cookies to improve your experience. Accept all cookies to continue."
SHARE_TEXT = ["Share on Facebook", "Share on Twitter", "Email this story"]
FOOTER_TEXT = "Privacy policy and terms of use for readers"


def news_page(charset: str = "utf-8", paragraphs: list[str] = PARAGRAPHS) -> str:
    """A full news page: navigation, cookie banner, share buttons, the article, a footer."""
    body = "\n".join(f"    <p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/{t.lower()}">{t}</a></li>' for t in NAV_TEXT)
    share = "".join(f'<li><a href="#">{t}</a></li>' for t in SHARE_TEXT)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>Harbour Bridge reopens after two-year repair | The Coastal Herald</title>
  <meta name="author" content="Maria Lindqvist">
  <meta property="og:site_name" content="The Coastal Herald">
  <meta property="og:title" content="Harbour Bridge reopens after two-year repair">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="2024-03-18T09:30:00+00:00">
  <link rel="canonical" href="https://coastalherald.example/news/harbour-bridge-reopens">
</head>
<body>
  <header><a class="logo" href="/">The Coastal Herald</a><nav><ul>{nav}</ul></nav></header>
  <div id="cookie-banner" class="cookie-consent"><p>{COOKIE_TEXT}</p><button>Accept</button></div>
  <main>
  <article>
    <h1>Harbour Bridge reopens after two-year repair</h1>
    <div class="byline">By Maria Lindqvist</div>
    <ul class="share-buttons">{share}</ul>
{body}
  </article>
  </main>
  <footer><p>&copy; 2024 The Coastal Herald</p><a href="/privacy">{FOOTER_TEXT}</a></footer>
</body>
</html>
"""


def latin1_page() -> bytes:
    """An ISO-8859-1 page that says so in its meta tag, with letters outside ASCII."""
    paragraphs = [
        "Le café de la gare de Zürich a fermé ses portes après quarante-deux ans, a annoncé "
        "le propriétaire, Jürgen Müller, dans une lettre aux habitués du quartier.",
        "Les clients fidèles se sont réunis une dernière fois samedi soir pour un dîner "
        "où l'on a servi la spécialité de la maison, un gâteau aux noix très apprécié.",
    ]
    return news_page("iso-8859-1", paragraphs).encode("iso-8859-1")


def article_text(number: int) -> str:
    """A distinct article body of a few sentences."""
    return (
        f"Story {number} begins with the port strike entering its third week on Monday. "
        f"Union leaders said talks with the ministry would resume on day {number}. "
        "Exporters warned that the delays were costing them millions every week."
    )


def jsonl_lines(count: int) -> list[str]:
    return [
        json.dumps({"title": f"Story {n}", "text": article_text(n), "url": f"https://wire.example/{n}",
                    "outlet": "Wire Example", "author": "Sam Reporter", "published": "2024-05-0%d" % (n + 1)})
        for n in range(count)
    ]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read(path: Path, settings: Settings | None = None) -> list[RawRecord | Rejected]:
    return list(read_path(path, settings or Settings()))


def records(items: list) -> list[RawRecord]:
    return [item for item in items if isinstance(item, RawRecord)]


def rejections(items: list) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


def only_rejection(items: list) -> Rejected:
    assert len(items) == 1 and isinstance(items[0], Rejected), items
    return items[0]


def warc_bytes(responses: list[tuple[str, str, bytes]], compress: bool) -> tuple[bytes, list[int]]:
    """A WARC with a warcinfo record, then a request and a response per (status, type, body).

    Also returns the offset where each response record starts, for cutting the archive.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "parallax-tests", "format": "WARC/1.0"}))
    starts = []
    for number, (status, content_type, body) in enumerate(responses, start=1):
        url = f"https://news.example/story/{number}"
        request = StatusAndHeaders(f"GET /story/{number} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
        starts.append(buffer.tell())
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        if status.startswith("301"):
            headers.append(("Location", "https://news.example/moved"))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return buffer.getvalue(), starts


def standard_warc(compress: bool) -> bytes:
    """A 200 HTML page, a 301 redirect, a JPEG image (with requests and a warcinfo record)."""
    data, _ = warc_bytes(
        [
            ("200 OK", "text/html; charset=utf-8", news_page().encode("utf-8")),
            ("301 Moved Permanently", "text/html", b"<html><body>Moved</body></html>"),
            ("200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4),
        ],
        compress,
    )
    return data


# ---------------------------------------------------------------- HTML


def test_html_news_page_is_one_html_record(tmp_path):
    path = write(tmp_path / "bridge.html", news_page())
    [record] = read(path)
    assert isinstance(record, RawRecord)
    assert (record.source, record.format, record.is_html, record.summary_only) == (str(path), "html", True, False)
    assert all(p in record.body for p in PARAGRAPHS)


def test_html_saved_as_txt_is_still_html(tmp_path):
    path = write(tmp_path / "bridge.txt", news_page())
    assert sniff_format(path.read_bytes()) == "html"
    [record] = read(path)
    assert isinstance(record, RawRecord) and record.format == "html" and record.is_html


def test_latin1_page_is_decoded_by_its_meta_charset(tmp_path):
    path = write(tmp_path / "cafe.html", latin1_page())
    assert declared_charset(path.read_bytes()) == "iso8859-1"
    [record] = read(path)
    assert isinstance(record, RawRecord), record
    assert "Le café de la gare de Zürich" in record.body and "Jürgen Müller" in record.body
    assert "gâteau" in record.body and "dîner" in record.body
    article = build_article(record, Settings())
    assert isinstance(article, Article), article
    assert "Jürgen Müller" in article.text


def test_html_page_to_article_drops_the_boilerplate(tmp_path):
    [record] = read(write(tmp_path / "bridge.html", news_page()))
    article = build_article(record, Settings())
    assert isinstance(article, Article), article
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for noise in [*NAV_TEXT, COOKIE_TEXT, "Accept all cookies", *SHARE_TEXT, FOOTER_TEXT]:
        assert noise not in article.text, noise
    assert article.text.splitlines()[0].startswith("The Harbour Bridge reopened")
    assert article.title == "Harbour Bridge reopens after two-year repair"
    assert article.author == "Maria Lindqvist"
    assert article.outlet == "The Coastal Herald"
    assert article.published.value == "2024-03-18" and not article.published.inferred
    assert article.language == "en"
    assert article.metadata_sources["title"] == "html" and article.metadata_sources["outlet"] == "html"
    assert (article.format, article.source) == ("html", record.source)


def test_extract_file_on_the_txt_saved_page(tmp_path):
    [article] = extract_file(write(tmp_path / "saved.txt", news_page()))
    assert isinstance(article, Article), article
    assert article.format == "html" and article.author == "Maria Lindqvist"
    assert PARAGRAPHS[2] in article.text and COOKIE_TEXT not in article.text


def test_html_page_that_declares_a_wrong_charset_still_decodes(tmp_path):
    # utf-8 bytes, and a declaration that cannot apply to a page readable as ASCII
    page = news_page("utf-16").replace("Harbour Bridge reopened", "Harbour Bridge — reopened")
    [record] = read(write(tmp_path / "p.html", page))
    assert isinstance(record, RawRecord) and "Harbour Bridge — reopened" in record.body


@pytest.mark.parametrize("charset", ["base64", "zlib", "hex", "rot13", "uu", "bz2", "quopri", "punycode",
                                     "idna", "utf-16le", "utf-32", "no-such-charset"])
def test_html_declaring_a_codec_that_is_not_a_charset(tmp_path, charset):
    # Python registers bytes-to-bytes codecs under these names; a page must not decode through them.
    [record] = read(write(tmp_path / "odd.html", news_page(charset)))
    assert isinstance(record, RawRecord), record
    assert isinstance(record.body, str) and PARAGRAPHS[0] in record.body


def test_explicit_encoding_does_not_override_a_declared_charset(tmp_path):
    # --encoding is for files that declare none (the CLI help says so); a UTF-8 page that says so stays UTF-8.
    page = news_page().replace("Harbour Bridge reopened", "Harbour Bridge in Malmö reopened")
    [record] = read(write(tmp_path / "p.html", page), Settings(encoding="cp1252"))
    assert isinstance(record, RawRecord) and "Malmö" in record.body


# ---------------------------------------------------------------- JSON Lines and JSON


def test_jsonl_with_a_broken_line_keeps_the_others(tmp_path):
    lines = jsonl_lines(4)
    lines.insert(2, '{"title": "Broken", "text": "cut off in the mid')
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawRecord", "RawRecord", "Rejected", "RawRecord", "RawRecord"]
    broken = items[2]
    assert broken.source == f"{path}#3" and broken.stage == "parse"
    assert "line 3" in broken.reason and "invalid JSON" in broken.reason
    good = records(items)
    assert [r.source for r in good] == [f"{path}#{n}" for n in (1, 2, 4, 5)]
    assert [r.fields["title"] for r in good] == ["Story 0", "Story 1", "Story 2", "Story 3"]
    first = good[0]
    assert first.format == "jsonl" and first.body == article_text(0) and not first.is_html
    assert first.fields == {"title": "Story 0", "url": "https://wire.example/0", "outlet": "Wire Example",
                            "author": "Sam Reporter", "published": "2024-05-01", "summary": None}


def test_jsonl_line_numbers_count_blank_lines(tmp_path):
    path = write(tmp_path / "w.jsonl", jsonl_lines(1)[0] + "\n\n\n" + "[1, 2]\n" + jsonl_lines(2)[1] + "\n")
    items = read(path)
    assert [i.source for i in items] == [f"{path}#1", f"{path}#4", f"{path}#5"]
    assert items[1].stage == "parse" and "where an article object was expected" in items[1].reason


def test_jsonl_whose_first_line_is_broken(tmp_path):
    path = write(tmp_path / "w.jsonl", '{"title": "Broken", "text": \n' + "\n".join(jsonl_lines(3)) + "\n")
    items = read(path)
    assert isinstance(items[0], Rejected) and items[0].stage == "parse" and "line 1" in items[0].reason
    assert [r.fields["title"] for r in records(items)] == ["Story 0", "Story 1", "Story 2"]


def test_jsonl_whose_first_line_is_longer_than_the_sniffed_head(tmp_path):
    # A raw-HTML field makes lines of 100 kB and more: longer than the head format sniffing sees.
    long_body = "<p>" + "A long paragraph of the story. " * 4000 + "</p>"
    lines = [json.dumps({"title": "Long", "html": "x", "text": long_body})] + jsonl_lines(2)
    items = read(write(tmp_path / "big.jsonl", "\n".join(lines) + "\n"))
    assert [type(i).__name__ for i in items] == ["RawRecord"] * 3, items[:1]
    assert items[0].is_html and items[0].fields["title"] == "Long"


def test_jsonl_line_over_the_size_limit(tmp_path):
    lines = [json.dumps({"title": "Huge", "text": "word " * 2000})] + jsonl_lines(1)
    path = write(tmp_path / "w.jsonl", "\n".join(lines) + "\n")
    items = read(path, Settings(max_document_bytes=5000))
    assert items[0].stage == "parse" and "line 1 is larger than the limit of 5,000 bytes" in items[0].reason
    assert isinstance(items[1], RawRecord)


def test_json_array(tmp_path):
    articles = [json.loads(line) for line in jsonl_lines(3)]
    path = write(tmp_path / "dump.json", json.dumps(articles, indent=2))
    assert sniff_format(path.read_bytes()) == "json"
    items = read(path)
    assert [i.source for i in items] == [f"{path}#{n}" for n in (1, 2, 3)]
    assert all(isinstance(i, RawRecord) and i.format == "json" for i in items)
    assert items[2].body == article_text(2) and items[2].fields["outlet"] == "Wire Example"


def test_json_object_with_articles(tmp_path):
    document = {"status": "ok", "totalResults": 2,
                "articles": [{"headline": "A", "article_body": "<p>First paragraph.</p><p>Second.</p>",
                              "source": {"id": None, "name": "Daily Example"}, "authors": ["Ann Lee", "Bo Chen"]},
                             {"title": "B", "description": "Only a summary of the story."}]}
    path = write(tmp_path / "api.json", json.dumps(document, indent=1))
    first, second = read(path)
    assert first.format == "json" and first.is_html and first.body.startswith("<p>First")
    assert first.fields["title"] == "A" and first.fields["outlet"] == "Daily Example"
    assert first.fields["author"] == "Ann Lee; Bo Chen"
    assert second.summary_only and second.body == "Only a summary of the story."
    assert second.fields["summary"] == "Only a summary of the story."


def test_single_json_article_object(tmp_path):
    path = write(tmp_path / "one.json", json.dumps({"title": "One", "text": article_text(1)}, indent=4))
    [record] = read(path)
    assert isinstance(record, RawRecord) and record.source == f"{path}#1" and record.fields["title"] == "One"


def test_invalid_and_unusable_json(tmp_path):
    broken = only_rejection(read(write(tmp_path / "b.json", '[{"title": "A", "text": "B"},\n  {"title": ')))
    assert broken.stage == "read" and "invalid JSON" in broken.reason and "line 2" in broken.reason
    scalars = read(write(tmp_path / "s.json", "[1, 2]"))
    assert [(r.stage, "int where an article object was expected" in r.reason) for r in scalars] == [("parse", True)] * 2
    no_text = only_rejection(read(write(tmp_path / "n.json", '[{"title": "A", "views": 3}]')))
    assert no_text.stage == "parse" and "no text field" in no_text.reason and "title, views" in no_text.reason


def test_lone_surrogates_from_json_escapes_do_not_crash_ingest(tmp_path):
    # json.loads turns "\\ud800" into a lone surrogate, which cannot be hashed as UTF-8 nor stored.
    line = '{"title": "Half an emoji \\ud83d", "text": "%s \\udc00 end", "\\ud800": 1}' % article_text(1)
    path = write(tmp_path / "in" / "s.jsonl", line + "\n" + '{"\\udfff": "no text"}\n')
    [record, rejected] = read(path)
    assert record.fields["title"] == "Half an emoji \ufffd" and "\ufffd end" in record.body
    assert rejected.stage == "parse" and "\ufffd" in rejected.reason
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths([path], store)
        assert report.added == 1 and len(report.rejected) == 1
        assert next(store.articles()).title == "Half an emoji \ufffd"


@pytest.mark.parametrize("name, data", [("deep.json", b"[" * 100_000), ("deep.jsonl", b'{"a": ' + b"[" * 100_000 + b"\n"),
                                        ("deep2.jsonl", jsonl_lines(1)[0].encode() + b'\n{"a": ' + b"[" * 100_000 + b"\n")])
def test_json_nested_too_deeply_is_rejected_not_raised(tmp_path, name, data):
    items = read(write(tmp_path / name, data))
    assert items and all(isinstance(i, (RawRecord, Rejected)) for i in items)
    assert "nested too deeply" in rejections(items)[-1].reason


# ---------------------------------------------------------------- CSV


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def test_csv_with_standard_headers(tmp_path):
    body = "First line of the story, with a comma.\nSecond paragraph with \"quotes\"."
    text = csv_text(["title", "text", "url", "outlet", "author", "published"],
                    [["Flood", body, "https://a.example/1", "A News", "Ann Lee", "2024-01-02"],
                     ["Fire", article_text(2), "https://a.example/2", "A News", "Bo Chen", "2024-01-03"]])
    path = write(tmp_path / "export.csv", text)
    assert sniff_format(path.read_bytes()) == "csv"
    first, second = read(path)
    assert (first.source, first.format, first.body) == (f"{path}#1", "csv", body)
    assert first.fields["url"] == "https://a.example/1" and first.fields["published"] == "2024-01-02"
    assert second.source == f"{path}#2" and second.fields["author"] == "Bo Chen"


def test_csv_header_case_does_not_matter(tmp_path):
    path = write(tmp_path / "c.csv", csv_text(["Title", "BODY", "Url"], [["Flood", article_text(1), "https://a.example/1"]]))
    [record] = read(path)
    assert isinstance(record, RawRecord)
    assert (record.fields["title"], record.body, record.fields["url"]) == ("Flood", article_text(1), "https://a.example/1")


def test_csv_with_nonstandard_headers_needs_a_map(tmp_path):
    path = write(tmp_path / "cms.csv", csv_text(["headline", "copy_text", "desk"], [["Flood", article_text(1), "metro"]]))
    rejected = only_rejection(read(path))
    assert rejected.source == f"{path}#1" and rejected.stage == "parse"
    assert "no text field" in rejected.reason and "copy_text" in rejected.reason and "--map text=" in rejected.reason
    [record] = read(path, Settings(field_map={"text": "copy_text"}))
    assert isinstance(record, RawRecord) and record.body == article_text(1) and record.fields["title"] == "Flood"


def test_csv_field_map_article_body(tmp_path):
    # "article_body" is also a default name; the map puts it first, ahead of a teaser in "text".
    path = write(tmp_path / "cms.csv", csv_text(["title", "text", "article_body"], [["Flood", "Teaser.", article_text(1)]]))
    assert read(path)[0].body == "Teaser."
    [record] = read(path, Settings(field_map={"text": "article_body"}))
    assert record.body == article_text(1)


def test_csv_whose_headers_name_no_known_field_is_still_read_as_csv(tmp_path):
    path = write(tmp_path / "x.csv", csv_text(["kop", "inhoud"], [["Overstroming", article_text(1)]]))
    rejected = only_rejection(read(path))
    assert rejected.stage == "parse" and "--map text=" in rejected.reason and "inhoud" in rejected.reason
    [record] = read(path, Settings(field_map={"text": "inhoud", "title": "kop"}))
    assert record.fields["title"] == "Overstroming"


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_other_delimiters(tmp_path, delimiter):
    path = write(tmp_path / "c.csv", csv_text(["title", "text"], [["Flood; fire", article_text(1)]], delimiter))
    [record] = read(path)
    assert record.fields["title"] == "Flood; fire" and record.body == article_text(1)


def test_csv_from_excel_with_utf8_bom(tmp_path):
    path = write(tmp_path / "c.csv", "\ufeff" + csv_text(["Title", "Text"], [["Café", article_text(1)]]))
    [record] = read(path)
    assert record.fields["title"] == "Café" and record.body == article_text(1)


def test_csv_in_utf16_as_excel_saves_unicode_text(tmp_path):
    path = write(tmp_path / "c.tsv", csv_text(["Title", "Text"], [["Zürich", article_text(1)]], "\t").encode("utf-16"))
    [record] = read(path)
    assert isinstance(record, RawRecord), record
    assert record.fields["title"] == "Zürich" and record.body == article_text(1)


def test_csv_with_a_short_row_and_an_empty_row(tmp_path):
    path = write(tmp_path / "c.csv", "title,text,url\nA," + article_text(1) + "\nB\n\n")
    first, second = read(path)
    assert isinstance(first, RawRecord) and first.fields["url"] is None
    assert second.stage == "parse" and "no text field" in second.reason


@pytest.mark.parametrize("encoding", ["no-such-encoding", "base64", "utf-16"])
def test_csv_with_an_unknown_encoding_option(tmp_path, encoding):
    path = write(tmp_path / "c.csv", csv_text(["title", "text"], [["A", article_text(1)]]))
    rejected = only_rejection(read(path, Settings(encoding=encoding)))
    assert rejected.stage == "read" and "--encoding" in rejected.reason


def test_csv_summary_only_row(tmp_path):
    [record] = read(write(tmp_path / "c.csv", csv_text(["title", "summary"], [["A", "Just the summary."]])))
    assert record.summary_only and record.body == "Just the summary."


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Times</title>
  <link>https://harbourtimes.example/</link>
  <description>News from the harbour</description>
  <item>
    <title>Port strike enters third week</title>
    <link>https://harbourtimes.example/2024/05/14/strike</link>
    <dc:creator>Lena Ortiz</dc:creator>
    <pubDate>Tue, 14 May 2024 08:30:00 GMT</pubDate>
    <description>Dock workers stay out as talks stall.</description>
    <content:encoded><![CDATA[<p>Dock workers stayed away from the container terminal for a fifteenth day on Tuesday.</p>
<p>Union leaders said talks with the port authority had stalled over the night-shift rota.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <link>https://harbourtimes.example/2024/05/13/ferry</link>
    <pubDate>Mon, 13 May 2024 17:05:00 +0200</pubDate>
    <description>The evening ferry will leave twenty minutes earlier from June.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>River Post</title>
  <link href="https://riverpost.example/"/>
  <updated>2024-06-02T10:00:00Z</updated>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <entry>
    <title>Flood barrier tested</title>
    <link href="https://riverpost.example/flood-barrier"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-06-01T07:00:00Z</published>
    <updated>2024-06-01T09:00:00Z</updated>
    <author><name>Tom Field</name></author>
    <summary>Engineers closed the new flood barrier for the first time on Saturday.</summary>
  </entry>
  <entry>
    <title>Bridge toll cut</title>
    <link href="https://riverpost.example/toll"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2024-06-02T08:15:00Z</updated>
    <summary type="html">&lt;p&gt;The council halved the toll on the old bridge.&lt;/p&gt;</summary>
  </entry>
</feed>
"""


def test_rss_feed_with_full_text_and_a_summary_only_item(tmp_path):
    path = write(tmp_path / "feed.xml", RSS)
    assert sniff_format(path.read_bytes()) == "feed"
    full, short = read(path)
    assert (full.source, full.format, full.summary_only, full.is_html) == (f"{path}#1", "rss", False, True)
    assert "fifteenth day on Tuesday" in full.body and "night-shift rota" in full.body
    assert full.fields["outlet"] == "Harbour Times" and full.fields["title"] == "Port strike enters third week"
    assert full.fields["published"] == "2024-05-14T08:30:00Z"
    assert full.fields["author"] == "Lena Ortiz" and full.fields["url"] == "https://harbourtimes.example/2024/05/14/strike"
    assert full.fields["summary"] == "Dock workers stay out as talks stall."
    assert (short.source, short.format, short.summary_only) == (f"{path}#2", "rss", True)
    assert short.body == "The evening ferry will leave twenty minutes earlier from June."
    assert short.fields["published"] == "2024-05-13T15:05:00Z"  # converted to UTF


def test_rss_item_to_article(tmp_path):
    full, _ = read(write(tmp_path / "feed.rss", RSS))
    article = build_article(full, Settings())
    assert isinstance(article, Article), article
    assert article.text.splitlines() == [
        "Dock workers stayed away from the container terminal for a fifteenth day on Tuesday.",
        "Union leaders said talks with the port authority had stalled over the night-shift rota.",
    ]
    assert (article.outlet, article.author, article.published.value) == ("Harbour Times", "Lena Ortiz", "2024-05-14")
    assert article.format == "rss" and not article.summary_only


def test_atom_feed_with_summaries_only(tmp_path):
    path = write(tmp_path / "atom.xml", ATOM)
    first, second = read(path)
    assert [r.format for r in (first, second)] == ["atom", "atom"]
    assert first.summary_only and second.summary_only
    assert first.body == "Engineers closed the new flood barrier for the first time on Saturday."
    assert first.fields["outlet"] == "River Post" and first.fields["author"] == "Tom Field"
    assert first.fields["published"] == "2024-06-01T07:00:00Z"
    assert second.fields["published"] == "2024-06-02T08:15:00Z"  # only <updated>: it stands in
    assert second.is_html and "halved the toll" in second.body


def test_latin1_feed(tmp_path):
    feed = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Harbour Times", "Hafenzeitung Lübeck")
    full, _ = read(write(tmp_path / "feed.xml", feed.encode("iso-8859-1")))
    assert full.fields["outlet"] == "Hafenzeitung Lübeck"


def test_feed_with_no_entries(tmp_path):
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    rejected = only_rejection(read(write(tmp_path / "feed.xml", empty)))
    assert rejected.stage == "read" and "no entries" in rejected.reason


def test_feed_entry_without_any_text(tmp_path):
    feed = '<rss version="2.0"><channel><title>T</title><item><title>Only a title</title></item></channel></rss>'
    rejected = only_rejection(read(write(tmp_path / "feed.xml", feed)))
    assert rejected.stage == "parse" and "neither content nor summary" in rejected.reason


def test_feed_with_a_surrogate_character_reference(tmp_path):
    # feedparser's fallback parser raises UnicodeEncodeError on &#xD800;: the feed is rejected, not a crash
    feed = RSS.replace("Ferry timetable changes", "Ferry &#xD800; timetable")
    rejected = only_rejection(read(write(tmp_path / "feed.xml", feed)))
    assert rejected.stage == "read" and "malformed feed" in rejected.reason


def test_feed_html_with_control_character_references(tmp_path):
    # lxml parses &#x1; into the tree but refuses it when the text node is set again
    feed = RSS.replace("for a fifteenth day", "for a &#x1;fifteenth&#x0b; day").replace("night-shift", "night&#xD800;shift")
    full, _ = read(write(tmp_path / "feed.xml", feed.replace("<![CDATA[", "<![CDATA[ ")))
    article = build_article(full, Settings())
    assert isinstance(article, Article), article
    assert "fifteenth day" in article.text and "night" in article.text


def test_xml_that_is_not_a_feed(tmp_path):
    rejected = only_rejection(read(write(tmp_path / "data.xml", '<?xml version="1.0"?><catalog><book/></catalog>')))
    assert rejected.stage == "read" and "neither an RSS nor an Atom feed" in rejected.reason


# ---------------------------------------------------------------- WARC


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_keeps_only_the_html_page(tmp_path, name):
    path = write(tmp_path / name, standard_warc(compress=name.endswith(".gz")))
    if name.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"
    page, redirect, image = read(path)
    assert isinstance(page, RawRecord)
    assert (page.source, page.format, page.is_html) == (f"{path}#1", "warc", True)
    assert page.fields["url"] == "https://news.example/story/1" and page.fields["crawled"]
    assert all(p in page.body for p in PARAGRAPHS)
    assert (redirect.source, redirect.stage) == (f"{path}#2", "parse")
    assert "HTTP status 301" in redirect.reason and "https://news.example/story/2" in redirect.reason
    assert "not a page" in redirect.reason
    assert (image.source, image.stage) == (f"{path}#3", "parse")
    assert "image/jpeg" in image.reason and "not an HTML page" in image.reason


def test_warc_page_to_article(tmp_path):
    page = read(write(tmp_path / "crawl.warc.gz", standard_warc(compress=True)))[0]
    article = build_article(page, Settings())
    assert isinstance(article, Article), article
    assert all(p in article.text for p in PARAGRAPHS) and COOKIE_TEXT not in article.text
    assert article.url == "https://news.example/story/1" and article.metadata_sources["url"] == "record"
    assert article.outlet == "The Coastal Herald" and article.published.value == "2024-03-18"


def test_warc_page_charset_from_the_http_header(tmp_path):
    body = latin1_page().replace(b'charset="iso-8859-1"', b'name="x"')  # only the header tells
    data, _ = warc_bytes([("200 OK", "text/html; charset=ISO-8859-1", body)], compress=True)
    [page] = read(write(tmp_path / "c.warc.gz", data))
    assert isinstance(page, RawRecord) and "Jürgen Müller" in page.body


def test_warc_page_over_the_size_limit(tmp_path):
    data, _ = warc_bytes([("200 OK", "text/html", news_page().encode())], compress=False)
    rejected = only_rejection(read(write(tmp_path / "c.warc", data), Settings(max_document_bytes=1000)))
    assert rejected.stage == "parse" and "larger than the limit of 1,000 bytes" in rejected.reason


def two_page_warc(compress: bool) -> tuple[bytes, list[int]]:
    pages = [news_page().encode(), news_page(paragraphs=[p.replace("Monday", "Friday") for p in PARAGRAPHS]).encode()]
    return warc_bytes([("200 OK", "text/html", page) for page in pages], compress)


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_truncated_warc_keeps_the_pages_before_the_cut(tmp_path, compress, where):
    data, starts = two_page_warc(compress)
    cut = starts[1] + int((len(data) - starts[1]) * where)  # inside the second response record
    path = write(tmp_path / ("cut.warc.gz" if compress else "cut.warc"), data[:cut])
    items = read(path)
    assert len(items) == 2, items
    page, rejected = items
    assert isinstance(page, RawRecord) and page.source == f"{path}#1" and PARAGRAPHS[3] in page.body
    assert (rejected.source, rejected.stage) == (str(path), "read")
    assert "truncated" in rejected.reason and "after 1 responses" in rejected.reason


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_anywhere_never_raises_nor_gives_a_partial_page(tmp_path, compress):
    data, starts = two_page_warc(compress)
    name = "cut.warc.gz" if compress else "cut.warc"
    complete = records(read(write(tmp_path / name, data)))
    assert len(complete) == 2
    bodies = {r.body for r in complete}
    for cut in range(1, len(data), 13):
        items = read(write(tmp_path / name, data[:cut]))
        for item in records(items):
            if item.format == "warc":
                assert item.body in bodies, cut
        if starts[1] + 40 < cut < len(data) - 40:  # well inside the second response: the damage is reported
            assert "truncated" in items[-1].reason, cut


def test_warc_with_only_requests_and_warcinfo(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"software": "t"}))
    assert read(write(tmp_path / "x.warc.gz", buffer.getvalue())) == []


# ---------------------------------------------------------------- gzip


def test_gzipped_jsonl_and_html(tmp_path):
    jsonl = write(tmp_path / "wire.jsonl.gz", gzip.compress(("\n".join(jsonl_lines(3)) + "\n").encode()))
    items = read(jsonl)
    assert [(i.format, i.source) for i in items] == [("jsonl", f"{jsonl}#{n}") for n in (1, 2, 3)]
    page = write(tmp_path / "bridge.html.gz", gzip.compress(news_page().encode()))
    [record] = read(page)
    assert record.format == "html" and record.source == str(page) and PARAGRAPHS[1] in record.body
    assert isinstance(build_article(record, Settings()), Article)


def test_gzipped_csv_and_feed(tmp_path):
    csv_path = write(tmp_path / "c.csv.gz", gzip.compress(csv_text(["title", "text"], [["A", article_text(1)]]).encode()))
    assert read(csv_path)[0].format == "csv"
    feed_path = write(tmp_path / "feed.gz", gzip.compress(RSS.encode()))
    assert [r.format for r in read(feed_path)] == ["rss", "rss"]


def test_truncated_gzip(tmp_path):
    data = gzip.compress(news_page().encode())
    rejected = only_rejection(read(write(tmp_path / "page.html.gz", data[: len(data) // 2])))
    assert rejected.stage == "read" and "truncated" in rejected.reason


def test_truncated_gzip_of_jsonl_keeps_the_lines_before_the_cut(tmp_path):
    random_text = random.Random(7)
    lines = [json.dumps({"title": f"T{n}", "text": " ".join(random_text.choice(["port", "strike", "talks", "union", "ship"])
                                                             for _ in range(60))}) for n in range(3000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    items = read(write(tmp_path / "w.jsonl.gz", data[: len(data) // 2]))
    assert len(records(items)) > 100
    last = items[-1]
    assert isinstance(last, Rejected) and last.stage == "read" and "truncated" in last.reason


def test_gzip_header_only_and_empty_gzip(tmp_path):
    rejected = only_rejection(read(write(tmp_path / "bad.gz", b"\x1f\x8b\x08\x00garbage")))
    assert rejected.stage == "read" and "corrupt gzip" in rejected.reason
    rejected = only_rejection(read(write(tmp_path / "empty.gz", gzip.compress(b""))))
    assert rejected.stage == "read" and "empty file" in rejected.reason


# ---------------------------------------------------------------- bad files


def test_empty_file(tmp_path):
    rejected = only_rejection(read(write(tmp_path / "empty.txt", b"")))
    assert rejected == Rejected(str(tmp_path / "empty.txt"), "read", "empty file (0 bytes)")


def test_random_binary_with_nul_bytes(tmp_path):
    noise = bytes(random.Random(3).randrange(256) for _ in range(5000))
    rejected = only_rejection(read(write(tmp_path / "blob.txt", b"\x00\x01" + noise)))
    assert rejected.stage == "read" and "binary content" in rejected.reason


def test_control_characters_without_nul(tmp_path):
    rejected = only_rejection(read(write(tmp_path / "ctl.txt", "\x01\x02\x03\x04 some text " * 50)))
    assert rejected.stage == "read" and "binary content (control characters)" in rejected.reason


@pytest.mark.parametrize("data, name", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database"),
])
def test_known_binary_formats_are_named(tmp_path, data, name):
    rejected = only_rejection(read(write(tmp_path / "article.txt", data + bytes(200))))
    assert rejected.stage == "read" and name in rejected.reason and "unsupported format" in rejected.reason


def test_invalid_utf8_names_the_byte_and_offset(tmp_path):
    path = write(tmp_path / "legacy.txt", b"caf\xe9 au lait " * 20)
    rejected = only_rejection(read(path))
    assert rejected.stage == "read"
    assert "not valid UTF-8" in rejected.reason
    assert "0xe9" in rejected.reason and "offset 3" in rejected.reason and "--encoding" in rejected.reason


def test_invalid_utf8_read_with_an_explicit_encoding(tmp_path):
    path = write(tmp_path / "legacy.txt", b"caf\xe9 au lait " * 20)
    [record] = read(path, Settings(encoding="cp1252"))
    assert isinstance(record, RawRecord) and record.format == "text"
    assert record.body.startswith("café au lait café au lait")


def test_invalid_utf8_in_a_jsonl_line(tmp_path):
    lines = [line.encode() for line in jsonl_lines(2)]
    path = write(tmp_path / "w.jsonl", lines[0] + b"\n" + b'{"title": "Caf\xe9", "text": "x"}\n' + lines[1] + b"\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawRecord", "Rejected", "RawRecord"]
    assert items[1].stage == "parse" and "line 2" in items[1].reason and "0xe9" in items[1].reason


def test_file_over_the_size_limit(tmp_path):
    path = write(tmp_path / "long.txt", article_text(1) * 100)
    rejected = only_rejection(read(path, Settings(max_document_bytes=2000)))
    assert rejected.stage == "read" and "larger than the limit of 2,000 bytes" in rejected.reason
    assert "--max-bytes" in rejected.reason
    assert isinstance(read(path, Settings(max_document_bytes=len(path.read_bytes())))[0], RawRecord)


def test_utf16_text_file_with_bom(tmp_path):
    [record] = read(write(tmp_path / "u.txt", ("Zürich " + article_text(1)).encode("utf-16")))
    assert record.format == "text" and record.body.startswith("Zürich Story 1")


def test_plain_text_file(tmp_path):
    path = write(tmp_path / "story.txt", "Port strike enters third week\n\n" + article_text(3) + "\n")
    [record] = read(path)
    assert (record.format, record.is_html, record.fields) == ("text", False, {})
    article = build_article(record, Settings())
    assert article.title == "Port strike enters third week" and article.text == article_text(3)


# ---------------------------------------------------------------- files, folders, sidecars


def test_nonexistent_path(tmp_path):
    missing = tmp_path / "nope.txt"
    [rejected] = list(iter_input_files([missing]))
    assert rejected == Rejected(str(missing), "read", "no such file or directory")


def test_folder_walk_skips_hidden_files_and_sidecars(tmp_path):
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "a" / "c.txt", "c")
    write(tmp_path / ".hidden.txt", "h")
    write(tmp_path / ".git" / "config", "g")
    write(tmp_path / "a" / ".DS_Store", "d")
    write(tmp_path / "articles.csv", "file,title\nb.txt,B\n")
    write(tmp_path / "a" / "ARTICLES.JSONL", "{}\n")
    found = list(iter_input_files([tmp_path]))
    assert found == [tmp_path / "a" / "c.txt", tmp_path / "b.txt"]
    # a hidden file named on its own is read: only folder walks skip
    assert list(iter_input_files([tmp_path / ".hidden.txt"])) == [tmp_path / ".hidden.txt"]


def test_sidecar_metadata_reaches_the_store(tmp_path):
    folder = tmp_path / "in"
    write(folder / "flood.txt", article_text(5) + "\n")
    write(folder / "other.txt", article_text(6) + "\n")
    write(folder / "articles.csv", csv_text(["file", "title", "outlet", "author", "published"],
                                            [["flood.txt", "River bursts its banks", "Valley Gazette", "Ann Lee", "2023-11-04"]]))
    assert load_sidecar(folder, Settings())["flood.txt"]["outlet"] == "Valley Gazette"
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths([folder], store)
        assert (report.files, report.added, report.rejected) == (2, 2, [])
        articles = {Path(a.source).name: a for a in store.articles()}
    assert set(articles) == {"flood.txt", "other.txt"}
    flood = articles["flood.txt"]
    assert (flood.title, flood.outlet, flood.author, flood.published.value) == (
        "River bursts its banks", "Valley Gazette", "Ann Lee", "2023-11-04")
    assert {flood.metadata_sources[k] for k in ("title", "outlet", "author", "published")} == {"sidecar"}
    assert articles["other.txt"].outlet is None


def test_sidecar_jsonl_and_extract_file(tmp_path):
    write(tmp_path / "a.txt", article_text(1))
    write(tmp_path / "articles.jsonl", json.dumps({"filename": "a.txt", "headline": "Side title", "site": "Side News"}) + "\n")
    [article] = extract_file(tmp_path / "a.txt")
    assert (article.title, article.outlet) == ("Side title", "Side News")


def test_unreadable_sidecar_is_a_rejection_of_the_folder(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", article_text(1))
    write(folder / "articles.csv", b"file,title\na.txt,Caf\xe9\n")
    with pytest.raises(InputError, match="metadata sidecar cannot be read"):
        load_sidecar(folder, Settings())
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths([folder], store)
    assert report.added == 1
    assert [(r.source, r.stage) for r in report.rejected] == [(str(folder), "read")]


# ---------------------------------------------------------------- detection and decoding units


@pytest.mark.parametrize("head, kind", [
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b"<?xml version='1.0'?>\n<!-- c -->\n<?xml-stylesheet href='s.xsl'?>\n<rss version='2.0'>", "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    (b"\n\n  <!DOCTYPE html><html><body><p>x</p>", "html"),
    (b"<div class='story'><p>Fragment saved from a page.</p></div>", "html"),
    (b"\xef\xbb\xbf<html>", "html"),
    (b'[{"title": "a"}]', "json"),
    (b'{\n  "articles": []\n}', "json"),
    (b'{"title": "a", "text": "b"}\n{"title": "c"}', "jsonl"),
    (b"title,text\nA,B\n", "csv"),
    (b'"Headline";"Body"\nA;B\n', "csv"),
    (b"Just some plain words of an article.\n", "text"),
    (b"caf\xe9 au lait", "text"),  # decoding is the reader's job, and its message names the byte
])
def test_sniff_format(head, kind):
    assert sniff_format(head) == kind


@pytest.mark.parametrize("head, error", [
    (b"%PDF-1.4", UnsupportedFormat),
    (b"abc\x00def", UnsupportedFormat),
    (b"<?xml version='1.0'?><catalog/>", UnsupportedFormat),
])
def test_sniff_format_refuses(head, error):
    with pytest.raises(error):
        sniff_format(head)


def test_decode_text_and_page():
    assert decode_text("Zürich".encode("utf-8")) == "Zürich"
    assert decode_text(b"\xef\xbb\xbfZ\xc3\xbcrich") == "Zürich"
    assert decode_text("Zürich".encode("utf-16")) == "Zürich"
    assert decode_text(b"Z\xfcrich", declared="iso-8859-1") == "Zürich"
    assert decode_text(b"Z\xfcrich", encoding="cp1252") == "Zürich"
    assert decode_text(b"Z\xc3", partial=True) == "Z"
    with pytest.raises(InputError, match=r"byte 0xfc at offset 1"):
        decode_text(b"Z\xfcrich")
    with pytest.raises(InputError, match="cannot be decoded as 'ascii'"):
        decode_text(b"Z\xfcrich", encoding="ascii")
    assert decode_page(b"<p>Z\xfcrich</p>", "text/html; charset=windows-1252") == "<p>Zürich</p>"
    assert decode_page(b'<meta charset="latin-1"><p>Z\xfcrich</p>').endswith("Zürich</p>")


def test_record_from_mapping_fields():
    item = {" Title ": "T", "LINK": "https://x.example/a", "byline": ["A", {"name": "B"}],
            "publisher": {"name": "Pub"}, "content": "<div>Body</div>", None: ["extra"]}
    record = record_from_mapping("s#1", "json", item, Settings())
    assert isinstance(record, RawRecord) and record.is_html
    assert record.fields == {"title": "T", "url": "https://x.example/a", "outlet": "Pub", "author": "A; B",
                             "published": None, "summary": None}
