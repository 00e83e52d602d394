"""Benchmark ingest throughput on a corpus of real news text in every input format.

Builds, in a temporary folder, a corpus of ``--articles`` distinct documents
(2,500 by default) from the development data in ``../shared/eval`` — nothing is
copied into this repository — then ingests it into a fresh store in this
process and prints input size, articles stored, rejections by reason,
near-duplicate links, wall time, MB/s, articles/s and peak memory, and the same
figures per input format, each format in a fresh store of its own::

    .venv/bin/python bench/ingest.py
    .venv/bin/python bench/ingest.py --articles 5000 --keep /tmp/parallax-corpus

The corpus, one subfolder per format:

* ``html/``  the 92 pages of the article-extraction benchmark (every third one
  gzipped) and variants of them with an extra ``<p>`` paragraph, made of
  sentences from the other pages, inserted after the paragraph that ends the
  page's gold article text (before ``</article>`` or ``</body>`` when that is
  not found: there the extractor often drops it as boilerplate, and the
  variant is then a copy);
* ``warc/``  more such variants as HTTP responses in WARC.gz files (warcio);
* ``rss/``   the BASIL articles as RSS 2.0 feeds with ``content:encoded``, one
  feed per outlet and year;
* ``text/``, ``jsonl/``, ``csv/``  the ECB+ documents (plain text, JSON Lines,
  CSV ``title,text,url,published``), then documents recombined from the first
  half of one ECB+ article and the second half of another on the same topic.

Copies of one text would be deduplicated on ingest and make the run trivially
fast, so every document is distinct; recombined halves and the page variants
do give some near-duplicate links, as real feeds of one story do.

Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import html
import io
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval"
FORMATS = ("html", "warc", "rss", "text", "jsonl", "csv")
# Shares of the target count: pages are slow to extract, so they are a minority, as in a news folder.
HTML_SHARE, WARC_SHARE, RSS_SHARE = 0.075, 0.075, 0.085
RECORDS_PER_FILE = 100
RESPONSES_PER_WARC = 50
OUTLETS = {"fox": ("Fox News", "https://www.foxnews.com/"), "hpo": ("HuffPost", "https://www.huffpost.com/"),
           "nyt": ("The New York Times", "https://www.nytimes.com/")}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Doc:
    """One article to write: plain text and whatever metadata it has."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Page:
    """One benchmark page: its raw file, its HTML, its gold sentences (for new paragraphs)
    and where a new paragraph lands inside its article text (None: not found)."""

    page_id: str
    gz_bytes: bytes
    html: str
    url: str
    sentences: tuple[str, ...]
    insert_at: int | None = None


# ---------------------------------------------------------------- reading the data


def load_pages(folder: Path) -> list[Page]:
    """The benchmark pages; HTML decoded with surrogateescape so that writing it back keeps every byte."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        gold = truth.get(page_id, {})
        raw = path.read_bytes()
        body = gzip.decompress(raw).decode("utf-8", errors="surrogateescape")
        article = gold.get("articleBody") or ""
        sentences = tuple(s for s in SENTENCE_END.split(article) if len(s) > 40)
        url = gold.get("url") or f"https://bench.invalid/{page_id}"
        pages.append(Page(page_id, raw, body, url, sentences, _end_of_article(body, article)))
    return pages


def _end_of_article(page: str, article: str) -> int | None:
    """Just after the ``</p>`` closing one of the last gold paragraphs, found by its last 20 characters."""
    paragraphs = [p.strip() for p in article.split("\n") if len(p.strip()) > 30]
    for paragraph in reversed(paragraphs[-3:]):
        for tail in {paragraph[-20:], html.escape(paragraph[-20:], quote=False)}:
            at = page.rfind(tail)
            close = page.lower().find("</p>", at) if at >= 0 else -1
            if close >= 0 and close - at < 400:
                return close + len("</p>")
    return None


def ecb_documents(ecb: Sequence) -> list[Doc]:
    """ECB+ articles; the "ecbplus" half's first line is a headline, and its URL and date are known."""
    documents = []
    for doc in ecb:
        if doc.url:
            title, _, body = doc.text.partition("\n")
            documents.append(Doc(body or title, title, doc.url, doc.date))
        else:
            documents.append(Doc(doc.text))
    return documents


def ecb_topics(ecb: Sequence) -> list[list[list[str]]]:
    """The lines of every ECB+ article, grouped by topic (for recombining halves)."""
    topics: dict[str, list[list[str]]] = {}
    for doc in ecb:
        topics.setdefault(doc.topic, []).append(doc.text.split("\n"))
    return list(topics.values())


def recombined(topics: list[list[list[str]]], count: int, rng: random.Random) -> list[Doc]:
    """``count`` new articles, each the first half of one article and the second half of another on its topic."""
    weights = [len(docs) * (len(docs) - 1) for docs in topics]
    seen: set[tuple[int, int, int]] = set()
    documents: list[Doc] = []
    while len(documents) < count and len(seen) < sum(weights):
        topic = rng.choices(range(len(topics)), weights)[0]
        first, second = rng.sample(range(len(topics[topic])), 2)
        if (topic, first, second) in seen:
            continue
        seen.add((topic, first, second))
        head, tail = topics[topic][first], topics[topic][second]
        lines = head[: max(1, len(head) // 2)] + tail[len(tail) // 2:]
        documents.append(Doc("\n".join(lines)))
    return documents


# ---------------------------------------------------------------- writing the corpus


def write_html(folder: Path, pages: list[Page], count: int, rng: random.Random) -> int:
    """The original pages first, then variants with a new paragraph; every third file gzipped."""
    folder.mkdir(parents=True)
    for number, (page, body) in enumerate(_page_bodies(pages, count, rng)):
        if number % 3 == 0:
            data = page.gz_bytes if number < len(pages) else gzip.compress(body.encode("utf-8", "surrogateescape"))
            (folder / f"page_{number:05d}.html.gz").write_bytes(data)
        else:
            (folder / f"page_{number:05d}.html").write_bytes(body.encode("utf-8", "surrogateescape"))
    return count


def _page_bodies(pages: list[Page], count: int, rng: random.Random, originals: bool = True) -> Iterator[tuple[Page, str]]:
    # Variants only of pages whose article end was found: elsewhere the new paragraph may be dropped.
    anchored = [page for page in pages if page.insert_at is not None] or pages
    for number in range(count):
        if originals and number < len(pages):
            yield pages[number], pages[number].html
        else:
            page = anchored[number % len(anchored)]
            yield page, with_new_paragraph(page, pages, rng)


def with_new_paragraph(page: Page, pages: list[Page], rng: random.Random) -> str:
    """The page with a paragraph of 3-5 sentences from other pages inserted at the end of its article.

    >>> page = Page("a", b"", "<html><body><article><p>Text.</p></article></body></html>", "u", (), None)
    >>> other = Page("b", b"", "", "v", ("One sentence here, long enough to count.",) * 5)
    >>> with_new_paragraph(page, [page, other], random.Random(1)).count("<p>")
    2
    """
    donors = [p for p in pages if p is not page and p.sentences]
    sentences = [rng.choice(rng.choice(donors).sentences) for _ in range(rng.randint(3, 5))]
    paragraph = "<p>" + html.escape(" ".join(sentences)) + "</p>\n"
    lowered = page.html.lower()
    at = page.insert_at if page.insert_at is not None else lowered.rfind("</article>")
    at = at if at >= 0 else lowered.rfind("</body>")
    at = at if at >= 0 else len(page.html)
    return page.html[:at] + paragraph + page.html[at:]


def write_warc(folder: Path, pages: list[Page], count: int, rng: random.Random) -> int:
    """Page variants as HTTP responses in WARC.gz files, with a warcinfo record each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True)
    bodies = list(_page_bodies(pages, count, rng, originals=False))
    for file_number, start in enumerate(range(0, count, RESPONSES_PER_WARC)):
        with (folder / f"crawl_{file_number:03d}.warc.gz").open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            writer.write_record(writer.create_warcinfo_record(stream.name, {"software": "parallax bench/ingest.py"}))
            for number, (page, body) in enumerate(bodies[start:start + RESPONSES_PER_WARC], start=start):
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                payload = io.BytesIO(body.encode("utf-8", "surrogateescape"))
                url = f"{page.url}{'&' if '?' in page.url else '?'}variant={number}"
                writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    return count


def write_rss(folder: Path, articles: Sequence, count: int) -> int:
    """BASIL articles as RSS 2.0 feeds (one per outlet and year), full text in ``content:encoded``."""
    folder.mkdir(parents=True)
    feeds: dict[tuple[str, str], list] = {}
    for article in articles[:count]:
        feeds.setdefault((article.outlet, article.date[:4]), []).append(article)
    for (outlet, year), items in sorted(feeds.items()):
        name, link = OUTLETS.get(outlet, (outlet, f"https://{outlet}.invalid/"))
        entries = "".join(_rss_item(article) for article in items)
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            f"<title>{html.escape(name)}</title><link>{link}</link><description>{html.escape(name)} {year}</description>\n"
            f"{entries}</channel>\n</rss>\n"
        )
        (folder / f"{outlet}_{year}.xml").write_text(feed, encoding="utf-8")
    return min(count, len(articles))


def _rss_item(article) -> str:
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs).replace("]]>", "]]&gt;")
    published = format_datetime(dt.datetime.fromisoformat(article.date).replace(hour=12, tzinfo=dt.timezone.utc))
    return (
        f"<item><title>{html.escape(article.title or article.main_event)}</title>"
        f"<link>{html.escape(article.url)}</link><guid>{html.escape(article.url)}</guid><pubDate>{published}</pubDate>"
        f"<description>{html.escape(paragraphs[0] if paragraphs else '')}</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n"
    )


def write_text(folder: Path, documents: list[Doc]) -> int:
    """One ``.txt`` file per document; a headline, when known, is its first line."""
    folder.mkdir(parents=True)
    for number, doc in enumerate(documents):
        text = f"{doc.title}\n\n{doc.text}" if doc.title else doc.text
        (folder / f"article_{number:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return len(documents)


def write_jsonl(folder: Path, documents: list[Doc]) -> int:
    """JSON Lines files of ``RECORDS_PER_FILE`` records: title, text, url, published."""
    folder.mkdir(parents=True)
    for file_number, start in enumerate(range(0, len(documents), RECORDS_PER_FILE)):
        lines = [json.dumps(doc.__dict__, ensure_ascii=False) for doc in documents[start:start + RECORDS_PER_FILE]]
        (folder / f"articles_{file_number:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(documents)


def write_csv(folder: Path, documents: list[Doc]) -> int:
    """CSV files with the columns ``title,text,url,published``."""
    folder.mkdir(parents=True)
    for file_number, start in enumerate(range(0, len(documents), RECORDS_PER_FILE)):
        with (folder / f"articles_{file_number:03d}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(("title", "text", "url", "published"))
            for doc in documents[start:start + RECORDS_PER_FILE]:
                writer.writerow((doc.title or "", doc.text, doc.url or "", doc.published or ""))
    return len(documents)


def build_corpus(data: Path, out: Path, articles: int, seed: int) -> dict[str, int]:
    """Write the corpus under ``out`` (one subfolder per format); return the documents written per format."""
    from newsparallax.evaluation.datasets import load_basil, load_ecbplus

    rng = random.Random(seed)
    pages = load_pages(data / "article-extraction-benchmark")
    basil = load_basil(data / "basil")
    rng.shuffle(basil)
    ecb_articles = load_ecbplus(data / "ecbplus")
    ecb = ecb_documents(ecb_articles)
    rng.shuffle(ecb)
    counts = {"html": round(articles * HTML_SHARE), "warc": round(articles * WARC_SHARE),
              "rss": min(len(basil), round(articles * RSS_SHARE))}
    rest = max(0, articles - sum(counts.values()))
    plain = ecb + recombined(ecb_topics(ecb_articles), max(0, rest - len(ecb)), rng)
    plain = plain[:rest]
    thirds = [plain[i::3] for i in range(3)]
    return {
        "html": write_html(out / "html", pages, counts["html"], rng),
        "warc": write_warc(out / "warc", pages, counts["warc"], rng),
        "rss": write_rss(out / "rss", basil, counts["rss"]),
        "text": write_text(out / "text", thirds[0]),
        "jsonl": write_jsonl(out / "jsonl", thirds[1]),
        "csv": write_csv(out / "csv", thirds[2]),
    }


# ---------------------------------------------------------------- running and reporting


@dataclass(frozen=True)
class Run:
    """The figures of one ingest run."""

    files: int
    megabytes: float
    records: int
    stored: int
    already_stored: int
    rejected: Counter
    near_duplicate_links: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds else float("inf")

    @property
    def megabytes_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def ingest_run(folder: Path, db: Path, annotate: bool = False) -> Run:
    """Ingest ``folder`` into a fresh store at ``db``, timed with ``perf_counter``.

    Without ``annotate`` the language layer (spaCy) is skipped, so the figures are
    those of reading, extracting, cleaning, storing, near-duplicates and stories.
    """
    from newsparallax.config import Settings
    from newsparallax.pipeline import ingest as ingest_paths
    from newsparallax.store import Store

    files = [p for p in folder.rglob("*") if p.is_file()]
    with Store(db) as store:
        start = time.perf_counter()
        report = ingest_paths([folder], store, Settings(annotate=annotate))
        seconds = time.perf_counter() - start
        stored = store.article_count()
    reasons = Counter(f"{r.stage}: {re.sub(r'[0-9][0-9,]*', 'N', r.reason)}" for r in report.rejected)
    return Run(len(files), sum(p.stat().st_size for p in files) / 1e6, report.records, stored,
               report.already_stored, reasons, report.near_duplicate_links, seconds)


def warm_up() -> float:
    """Import the lazily loaded heavy modules (trafilatura, dateparser, feedparser, warcio) before timing."""
    start = time.perf_counter()
    import dateparser  # noqa: F401  (normalize_date loads it on the first non-ISO date)

    from newsparallax.ingest import extract, feeds, warc  # noqa: F401
    from newsparallax.ingest.metadata import detect_language, normalize_date

    normalize_date("Tue, 20 Dec 2005 12:00:00 GMT")
    detect_language("A warm-up sentence, long enough for the language identifier to answer.")
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def print_total(run: Run, rss_before: float, rss_after: float) -> None:
    print(f"{'input files':<24}{run.files:>10,}")
    print(f"{'input MB':<24}{run.megabytes:>10.1f}")
    print(f"{'records read':<24}{run.records:>10,}")
    print(f"{'articles stored':<24}{run.stored:>10,}")
    print(f"{'already stored (copies)':<24}{run.already_stored:>10,}")
    print(f"{'rejected':<24}{sum(run.rejected.values()):>10,}")
    for reason, count in run.rejected.most_common():
        print(f"  {count:>6,}  {reason[:110]}")
    print(f"{'near-duplicate links':<24}{run.near_duplicate_links:>10,}")
    print(f"{'wall seconds':<24}{run.seconds:>10.1f}")
    print(f"{'MB/s':<24}{run.megabytes_per_second:>10.2f}")
    print(f"{'articles/s':<24}{run.articles_per_second:>10.1f}")
    print(f"{'peak RSS MB':<24}{rss_after:>10.0f}   (after imports, before the ingest: {rss_before:.0f})")


def print_formats(runs: dict[str, Run]) -> None:
    print(f"\n{'format':<8}{'files':>7}{'MB':>8}{'records':>9}{'stored':>8}{'rejected':>10}{'near-dup':>10}"
          f"{'seconds':>9}{'articles/s':>12}{'MB/s':>8}")
    for name, run in runs.items():
        print(f"{name:<8}{run.files:>7,}{run.megabytes:>8.2f}{run.records:>9,}{run.stored:>8,}"
              f"{sum(run.rejected.values()):>10,}{run.near_duplicate_links:>10,}{run.seconds:>9.2f}"
              f"{run.articles_per_second:>12.1f}{run.megabytes_per_second:>8.2f}")


def missing_data(data: Path) -> list[str]:
    needed = ("article-extraction-benchmark/ground-truth.json", "article-extraction-benchmark/html",
              "ecbplus/ECB+", "ecbplus/clusters_gold.tsv", "basil/articles", "basil/annotations")
    return [name for name in needed if not (data / name).exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the evaluation data folder (default: ../shared/eval)")
    parser.add_argument("--articles", type=int, default=2500, help="documents to generate (default 2500)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=13, help="random seed of the sampling (default 13)")
    parser.add_argument("--annotate", action="store_true", help="include the language layer (spaCy) in the timed ingest")
    args = parser.parse_args(argv)
    missing = missing_data(args.data)
    if missing:
        print(f"evaluation data not found at {args.data}: missing {', '.join(missing)}; pass --data DIR "
              "(the folder with article-extraction-benchmark/, ecbplus/ and basil/)", file=sys.stderr)
        return 2
    if args.articles < 1:
        print(f"--articles must be a positive number, not {args.articles}", file=sys.stderr)
        return 2
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        print(f"--keep {args.keep}: the folder exists and is not empty; name a new or empty folder", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: the package lives at the repo root
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        # Built in a child process, so that this process's peak memory is the ingest's own.
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            written = pool.submit(build_corpus, args.data, corpus, args.articles, args.seed).result()
        print(f"corpus: {sum(written.values()):,} documents in {corpus} "
              f"({', '.join(f'{k} {v:,}' for k, v in written.items())}), built in {time.perf_counter() - start:.1f} s")
        print(f"warm-up imports: {warm_up():.1f} s (not counted below)\n")
        rss_before = peak_rss_mb()
        total = ingest_run(corpus, Path(scratch) / "all.db", args.annotate)
        print_total(total, rss_before, peak_rss_mb())
        print_formats({name: ingest_run(corpus / name, Path(scratch) / f"{name}.db", args.annotate) for name in FORMATS})
        if args.keep:
            print(f"\nthe corpus is kept in {args.keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
