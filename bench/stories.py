"""Benchmark story clustering at scale: batch ``restory`` at 10k, 30k and 100k articles, and streaming placement (``pipeline.place``).

Builds, in a temporary folder, one stream of synthetic articles recombined
from the real text of the development data in ``../shared/eval`` (nothing is
copied into this repository), written as JSON Lines (title, text, published,
outlet, and the gold ``story``). Each size is then measured in a fresh child
process, on the first N articles of that stream::

    .venv/bin/python bench/stories.py                 # 10k, 30k, 100k
    .venv/bin/python bench/stories.py --quick         # 2k, 5k: a sanity check
    .venv/bin/python bench/stories.py --sizes 10000,30000 --json

How the stream is made, and why:

* a *seed event* is one gold group of real articles: an ECB+ sub-topic (two
  similar events per topic: the hard case) or a BASIL triplet;
* a synthetic *story* is a seed event with every name word swapped for a
  name from a pool (consistently inside the story), dated from a day that
  advances with the story number (about ``STORIES_PER_DAY`` new stories a
  day, as a feed grows); its articles are published over the next days;
* each article is the first sentences of one real article of its seed event
  followed by a stretch of another article of the same event, so no two
  articles are copies, while stories of one seed share their words and
  differ by names and dates (the same kind of arrest, in another town,
  weeks later). Seed articles without a date (half of ECB+) stay undated;
* ``NOISE_SHARE`` of the articles are singletons mixing sentences of
  PolNeAR and TempEval-3 articles (political news, wires), names swapped.

Because stories arrive in day order, the first N articles are also the first
days of the stream: larger sizes cover a longer period at the same daily
volume, as a real store grows. The articles following the largest size are the
streaming arrivals: some continue stories already in the store, some start new ones.

Measured per size, in a fresh process (so that the peak memory is that
size's own): storing the articles (``Article`` records built directly from
the JSONL, without the reading and cleaning of ``ingest``, which
``bench/ingest.py`` measures), computing the clustering features
(``pipeline.ensure_features``), reclustering (``pipeline.restory``), B-cubed
against the gold stories, and peak memory: ``ru_maxrss`` from
``resource.getrusage`` for the whole process, and a 20 ms ``/proc/self/status``
VmRSS sampler for the peak inside each phase. The growth exponent is the least
squares slope of log time over log articles. At the largest size, ``ARRIVALS``
new articles are then placed one at a time: ``pipeline.place`` alone, and the whole
tail of ``ingest`` for one article (features, the look-ups of what lacks
features or a story, ``pipeline.place``).

Figures are printed, never asserted: they depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import random
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval"
SIZES = (10_000, 30_000, 100_000)
QUICK_SIZES = (2_000, 5_000)
ARRIVALS = 200
STORIES_PER_DAY = 15  # with ~6.5 articles a story, about 100 articles a day
NOISE_SHARE = 0.12
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
RECORDS_PER_FILE = 1000
LATER_DAYS = (0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 6, 9)  # when a story's articles come out, after its first day
OUTLETS = ("nyt", "fox", "hpo", "breitbart", "politico", "wash-post", "usa-today", "reuters", "ap", "bbc")
NAME_WORD = re.compile(r"\b[A-Z][A-Za-z]+\b")
LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Source:
    """One real article cut into sentences; ``dated`` when the real one had a publication date."""

    title: str | None
    sentences: tuple[str, ...]
    dated: bool


# ---------------------------------------------------------------- reading the real text


def seed_events(data: Path) -> list[list[Source]]:
    """The gold groups of ECB+ (sub-topics) and BASIL (triplets), as lists of sources."""
    from newsparallax.evaluation.datasets import load_basil, load_ecbplus

    groups: dict[str, list[Source]] = {}
    for doc in load_ecbplus(data / "ecbplus"):
        lines = [line for line in doc.text.split("\n") if line.strip()]
        title = lines.pop(0) if doc.url and len(lines) > 1 else None
        groups.setdefault(f"ecb:{doc.subtopic}", []).append(Source(title, tuple(lines), doc.date is not None))
    for article in load_basil(data / "basil"):
        sentences = tuple(article.text[start:end] for start, end in article.sentence_spans)
        groups.setdefault(f"basil:{article.triplet}", []).append(Source(article.title, sentences, True))
    return [groups[key] for key in sorted(groups)]


def background(data: Path) -> list[Source]:
    """PolNeAR (train) and TempEval-3 articles: the text of the singleton noise articles."""
    from newsparallax.evaluation.timex import parse_timeml

    texts = [path.read_text(encoding="utf-8") for path in sorted((data / "polnear" / "train" / "text").glob("*.txt"))]
    texts += [parse_timeml(path).text for path in sorted((data / "tempeval3").rglob("*.tml"), key=lambda p: p.name)]
    return [Source(None, tuple(_sentences(text)), True) for text in texts]


def _sentences(text: str) -> list[str]:
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return [s for p in paragraphs for s in SENTENCE_END.split(p) if len(s) > 20]


def name_vocabulary(sources: list[Source]) -> list[str]:
    """Capitalised words never seen in lower case: the name words to swap, and the pool to draw from."""
    lower, capital = set(), set()
    for source in sources:
        for sentence in (*source.sentences, source.title or ""):
            lower.update(LOWER_WORD.findall(sentence))
            capital.update(NAME_WORD.findall(sentence))
    from newsparallax.stories.features import STOPWORDS

    return sorted(w for w in capital if w.lower() not in lower and w.lower() not in STOPWORDS and len(w) > 2)


# ---------------------------------------------------------------- the synthetic stream


class Swapper:
    """Consistent name swaps for one story: each name word gets a pool name, drawn on first sight."""

    def __init__(self, names: frozenset[str], pool: list[str], rng: random.Random) -> None:
        self.names, self.pool, self.rng, self.mapping = names, pool, rng, {}

    def __call__(self, text: str) -> str:
        return NAME_WORD.sub(self._swap, text)

    def _swap(self, match: re.Match) -> str:
        word = match.group()
        if word not in self.names:
            return word
        if word not in self.mapping:
            self.mapping[word] = self.pool[self.rng.randrange(len(self.pool))]
        return self.mapping[word]


def recombine(first: Source, second: Source, rng: random.Random) -> list[str]:
    """The first 30-60% of one article's sentences, then a 20-50% stretch of another's."""
    head = first.sentences[: max(2, math.ceil(len(first.sentences) * rng.uniform(0.3, 0.6)))]
    length = max(1, round(len(second.sentences) * rng.uniform(0.2, 0.5)))
    start = rng.randrange(max(1, len(second.sentences) - length + 1))
    return [*head, *second.sentences[start : start + length]]


def story_articles(number: int, event: list[Source], swap: Swapper, rng: random.Random) -> list[dict]:
    """The articles of story ``number`` made from one seed event."""
    first_day = FIRST_DAY + number // STORIES_PER_DAY
    size = min(30, 1 + int(rng.expovariate(1 / 5.5)))
    records = []
    for _ in range(size):
        first = rng.choice(event)
        second = rng.choice([s for s in event if s is not first] or event)
        day = first_day + rng.choice(LATER_DAYS)
        records.append(_record(first.title, recombine(first, second, rng), swap, day, first.dated, f"s{number}", rng))
    return records


def noise_article(number: int, pool: list[Source], swap: Swapper, rng: random.Random) -> dict:
    """A singleton: a few sentences from each of three background articles."""
    sentences = []
    for source in rng.sample(pool, 3):
        length = min(len(source.sentences), rng.randint(2, 6))
        start = rng.randrange(len(source.sentences) - length + 1)
        sentences.extend(source.sentences[start : start + length])
    day = FIRST_DAY + number // STORIES_PER_DAY
    return _record(None, sentences, swap, day, True, f"n{number}", rng)


def _record(title, sentences, swap: Swapper, day: int, dated: bool, story: str, rng: random.Random) -> dict:
    return {"title": swap(title) if title else None, "text": "\n".join(swap(s) for s in sentences),
            "published": dt.date.fromordinal(day).isoformat() if dated else None,
            "outlet": rng.choice(OUTLETS), "story": story, "order": day}


def stream(data: Path, count: int, seed: int) -> list[dict]:
    """At least ``count`` articles in publication order (undated ones at their story's days), deterministic."""
    rng = random.Random(seed)
    events, noise = seed_events(data), [s for s in background(data) if len(s.sentences) >= 2]
    vocabulary = name_vocabulary([s for event in events for s in event] + noise)
    names = frozenset(vocabulary)
    records: list[dict] = []
    number = 0
    while len(records) < count * 1.05 + 200:  # a margin: the last days are completed by later stories
        swap = Swapper(names, vocabulary, random.Random(rng.random()))
        if rng.random() < NOISE_SHARE:
            records.append(noise_article(number, noise, swap, rng))
        else:
            records.extend(story_articles(number, rng.choice(events), swap, rng))
        number += 1
    records.sort(key=lambda r: r["order"])  # stable: a story's articles keep their order within a day
    return records[:count]


def write_stream(data: Path, out: Path, count: int, seed: int) -> dict:
    """Write the stream as JSON Lines files of ``RECORDS_PER_FILE`` records; return a summary."""
    records = stream(data, count, seed)
    out.mkdir(parents=True, exist_ok=True)
    for number, start in enumerate(range(0, len(records), RECORDS_PER_FILE)):
        lines = (json.dumps({k: v for k, v in r.items() if k != "order"}, ensure_ascii=False)
                 for r in records[start : start + RECORDS_PER_FILE])
        (out / f"articles_{number:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stories = Counter(r["story"] for r in records)
    return {"articles": len(records), "stories": len(stories), "singletons": sum(1 for c in stories.values() if c == 1),
            "undated": sum(1 for r in records if not r["published"]),
            "mean_chars": round(sum(len(r["text"]) for r in records) / max(1, len(records)))}


def read_stream(folder: Path, count: int) -> list[dict]:
    """The first ``count`` records of the stream."""
    records = []
    for path in sorted(folder.glob("articles_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(records) == count:
                return records
            records.append(json.loads(line))
    return records


# ---------------------------------------------------------------- measuring


class PeakSampler:
    """Peak VmRSS (MB) of this process, read from /proc/self/status every ``interval`` seconds."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval, self.peak, self._stop = interval, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_mb())


def rss_mb() -> float:
    """Current resident memory, from /proc (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def max_rss_mb() -> float:
    """Peak resident memory of this process so far (getrusage; Linux reports kilobytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def to_article(record: dict, number: int):
    """An ``Article`` as ingest would store it from this JSONL record (its date given, so not inferred)."""
    from newsparallax.records import Article, DateEstimate, content_id

    day = record["published"]
    published = DateEstimate(day, False, day, day, "record") if day else DateEstimate(None, False)
    return Article(id=content_id(record["text"], record["outlet"]), source=f"bench#{number}", format="jsonl",
                   text=record["text"], title=record["title"], outlet=record["outlet"], published=published,
                   language="en", metadata_sources={"title": "record", "published": "record"})


def timed(phases: dict, name: str, profile: bool, action):
    """Run ``action``, recording its seconds and peak memory under ``name`` (and its profile when asked)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile() if profile else None
    with PeakSampler() as sampler:
        start = time.perf_counter()
        result = profiler.runcall(action) if profiler else action()
        phases[name] = {"seconds": time.perf_counter() - start, "peak_mb": sampler.peak}
    if profiler:
        print(f"\n--- profile of {name} ---", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(18)
    return result


def measure_size(folder: Path, db: Path, size: int, arrivals: int, profile: bool) -> dict:
    """Everything measured at one size, in this (fresh) process."""
    sys.path.insert(0, str(REPO_ROOT))
    from newsparallax.store import Store
    from newsparallax.pipeline import ensure_features, restory

    records = read_stream(folder, size + arrivals)
    articles = [to_article(r, n) for n, r in enumerate(records)]
    gold = {a.id: r["story"] for a, r in zip(articles, records)}
    phases: dict = {}
    with Store(db) as store:
        timed(phases, "store", False, lambda: _store_all(store, articles[:size]))
        timed(phases, "features", profile, lambda: ensure_features(store))
        stories = timed(phases, "restory", profile, lambda: restory(store))
        result = {"size": size, "stored": store.article_count(), "stories": stories,
                  "gold_stories": len({gold[a.id] for a in articles[:size]}), "phases": phases,
                  "bcubed": _bcubed(store, gold), "max_rss_mb": max_rss_mb()}
        # The batch figures first: a slow streaming step must not hide them.
        print(f"{size:,} batch: {json.dumps(result)}", file=sys.stderr, flush=True)
        if arrivals:
            result["streaming"] = _streaming(store, articles[size:], gold)
    return result


def _store_all(store, articles) -> None:
    for start in range(0, len(articles), 1000):
        with store.transaction():
            for article in articles[start : start + 1000]:
                store.add_article(article)


def _bcubed(store, gold: dict) -> dict:
    from newsparallax.evaluation.metrics import bcubed

    system = {member: story for story, _, members in store.story_rows() for member in members}
    precision, recall, f1 = bcubed({a: gold[a] for a in system}, system)
    return {"p": precision, "r": recall, "f1": f1}


def _streaming(store, arrivals, gold: dict) -> dict:
    """Place each arrival on its own, as ``parallax ingest`` does after storing one article."""
    from newsparallax.pipeline import ensure_features, place as assign

    assign_ms, tail_ms, joined = [], [], 0
    for article in arrivals:
        with store.transaction():
            store.add_article(article)
        start = time.perf_counter()
        ensure_features(store)
        missing = store.articles_without_story()
        middle = time.perf_counter()
        assign(store, missing)
        end = time.perf_counter()
        assign_ms.append((end - middle) * 1000)
        tail_ms.append((end - start) * 1000)
        joined += _joined_gold_story(store, article.id, gold)
    return {"arrivals": len(arrivals), "assign_ms": _spread(assign_ms), "ingest_tail_ms": _spread(tail_ms),
            "joined_right_story": joined}


def _joined_gold_story(store, article_id: str, gold: dict) -> int:
    """1 when the arrival's story holds another article of its gold story."""
    story = store.stories_of([article_id]).get(article_id)
    members = store.members_of([story]) if story else []
    return int(any(m != article_id and gold.get(m) == gold[article_id] for m in members))


def _spread(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p95": ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)],
            "max": ordered[-1]}


def growth_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """Least squares slope of log(seconds) over log(size): time grows as size ** slope."""
    if len(sizes) < 2:
        return None
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# ---------------------------------------------------------------- reporting


def print_table(results: list[dict], exponents: dict) -> None:
    print(f"\n{'articles':>9}{'stories':>9}{'gold':>7}{'store s':>9}{'features s':>11}{'restory s':>10}"
          f"{'total s':>9}{'peak MB':>9}{'restory MB':>11}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}")
    for r in results:
        p = r["phases"]
        total = p["features"]["seconds"] + p["restory"]["seconds"]
        print(f"{r['stored']:>9,}{r['stories']:>9,}{r['gold_stories']:>7,}{p['store']['seconds']:>9.1f}"
              f"{p['features']['seconds']:>11.1f}{p['restory']['seconds']:>10.1f}{total:>9.1f}{r['max_rss_mb']:>9.0f}"
              f"{p['restory']['peak_mb']:>11.0f}{r['bcubed']['p']:>7.3f}{r['bcubed']['r']:>7.3f}{r['bcubed']['f1']:>7.3f}")
    print("growth exponent (least squares of log time on log n): "
          + ", ".join(f"{k} {v:.2f}" if v is not None else f"{k} n/a" for k, v in exponents.items()))
    print("total s = features + restory; peak MB = ru_maxrss of the size's own process; "
          "restory MB = peak VmRSS sampled (20 ms) during restory")
    for r in results:
        if "streaming" in r:
            s = r["streaming"]
            print(f"streaming at {r['stored']:,}: {s['arrivals']} arrivals one at a time; assign median "
                  f"{s['assign_ms']['median']:.1f} ms, p95 {s['assign_ms']['p95']:.1f} ms (max {s['assign_ms']['max']:.0f}); "
                  f"ingest tail (features, look-ups, assign) median {s['ingest_tail_ms']['median']:.1f} ms, "
                  f"p95 {s['ingest_tail_ms']['p95']:.1f} ms; joined a story holding their gold story: "
                  f"{s['joined_right_story']}/{s['arrivals']}")


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive numbers separated by commas, not {text!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the evaluation data folder (default: ../shared/eval)")
    parser.add_argument("--sizes", type=parse_sizes, default=list(SIZES), help="articles per run (default 10000,30000,100000)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))} (a sanity check)")
    parser.add_argument("--arrivals", type=int, default=ARRIVALS, help="streaming arrivals at the largest size (0: none)")
    parser.add_argument("--seed", type=int, default=13, help="random seed of the generator (default 13)")
    parser.add_argument("--profile", action="store_true", help="print cProfile top functions of each phase to stderr")
    parser.add_argument("--keep", type=Path, help="write the corpus and stores here and keep them")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON after the table")
    args = parser.parse_args(argv)
    missing = [n for n in ("ecbplus/ECB+", "basil/articles", "polnear/train/text", "tempeval3") if not (args.data / n).exists()]
    if missing:
        print(f"evaluation data not found at {args.data}: missing {', '.join(missing)}; pass --data DIR", file=sys.stderr)
        return 2
    sizes = list(QUICK_SIZES) if args.quick else args.sizes
    with tempfile.TemporaryDirectory(prefix="parallax-stories-") as scratch:
        root = args.keep or Path(scratch)
        return run(args, sizes, root)


def run(args, sizes: list[int], root: Path) -> int:
    spawn = multiprocessing.get_context("spawn")
    corpus = root / "corpus"
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:  # its memory is not the measured one
        summary = pool.submit(write_stream, args.data, corpus, sizes[-1] + args.arrivals, args.seed).result()
    print(f"stream: {summary} in {corpus}, built in {time.perf_counter() - start:.1f} s", flush=True)
    results = []
    for size in sizes:
        arrivals = args.arrivals if size == sizes[-1] else 0
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:  # a fresh process: its own peak memory
            result = pool.submit(measure_size, corpus, root / f"stories_{size}.db", size, arrivals, args.profile).result()
        results.append(result)
        print(f"{size:,}: {json.dumps(_rounded(result))}", flush=True)
    stored = [r["stored"] for r in results]
    exponents = {name: growth_exponent(stored, [_seconds(r, name) for r in results])
                 for name in ("features", "restory", "total")}
    print_table(results, exponents)
    if args.json:
        print(json.dumps(_rounded({"sizes": results, "exponents": exponents, "stream": summary}), indent=2))
    return 0


def _seconds(result: dict, name: str) -> float:
    phases = result["phases"]
    return phases["features"]["seconds"] + phases["restory"]["seconds"] if name == "total" else phases[name]["seconds"]


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
