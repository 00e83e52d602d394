"""The store: one embedded SQLite file, and the only module that speaks SQL.

WAL journaling lets readers (the web app, ``stats``) work while ``ingest``
writes. Every write happens inside an explicit transaction, so a process killed
at any moment leaves the store as it was at the last commit; article ids are
content hashes and inserts ignore known ids, so a rerun completes the work with
no loss and no duplicates.

Example:
    >>> with Store(":memory:") as store:
    ...     store.article_count()
    0
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterator
from itertools import chain
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import StoreError
from .records import FEATURE_SPACES as SPACES, Article, ArticleFeatures, DateEstimate, Rejected, Removed

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT, author TEXT, outlet TEXT, url TEXT,
    published TEXT, published_inferred INTEGER NOT NULL DEFAULT 0,
    published_start TEXT, published_end TEXT, published_source TEXT, published_evidence TEXT NOT NULL DEFAULT '[]',
    language TEXT, summary_only INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL, removed TEXT NOT NULL DEFAULT '[]', metadata_sources TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id)
);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    records INTEGER NOT NULL, rejected INTEGER NOT NULL, done_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (source, stage)
);
CREATE TABLE IF NOT EXISTS signatures (article_id TEXT PRIMARY KEY REFERENCES articles(id), minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS near_duplicates (
    a TEXT NOT NULL REFERENCES articles(id), b TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL, PRIMARY KEY (a, b), CHECK (a < b)
);
CREATE TABLE IF NOT EXISTS annotations (
    article_id TEXT PRIMARY KEY REFERENCES articles(id), version INTEGER NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_features (article_id TEXT PRIMARY KEY REFERENCES articles(id), data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS term_df (
    space TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (space, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings (
    key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id), PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, topic_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id)
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
"""
ARTICLE_COLUMNS = (
    "id", "source", "format", "title", "author", "outlet", "url", "published", "published_inferred",
    "published_start", "published_end", "published_source", "published_evidence", "language",
    "summary_only", "text", "removed", "metadata_sources", "ingested_at",
)


DF_CACHE_TERMS = 2_000_000  # document frequencies kept in memory at most (about 200 MB)
FEATURES_CACHE = 50_000  # decoded clustering features kept in memory at most (about 100 MB)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """A Parallax store in an SQLite file (``":memory:"`` for a throwaway one).

    Raises StoreError when the file is not an SQLite database or is locked.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":  # "--db out/new.db" in a folder that does not exist yet
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._create_schema()
            self._forget_cached_frequencies()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a Parallax store: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store's folder: {exc.strerror or exc}") from exc

    def _create_schema(self) -> None:
        self._db.executescript(SCHEMA)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {row[0]}, this Parallax reads version {SCHEMA_VERSION}")

    def own_files(self) -> set[Path]:
        """The store's files (database, WAL, shared memory, journal), never to be ingested."""
        if self.path == ":memory:":
            return set()
        base = Path(self.path).resolve()
        return {base, *(base.with_name(base.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them land, or none (also when the process is killed)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self._forget_cached_frequencies()  # the cache may hold counts that were rolled back
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------ files

    def file_is_current(self, path: str, size: int, mtime_ns: int) -> bool:
        """True when this file, unchanged since, was ingested to the end before."""
        row = self._db.execute("SELECT size, mtime_ns FROM files WHERE path = ?", (path,)).fetchone()
        return row is not None and (row["size"], row["mtime_ns"]) == (size, mtime_ns)

    def mark_file_done(self, path: str, size: int, mtime_ns: int, records: int, rejected: int) -> None:
        """Record that a file was read to its end."""
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", (path, size, mtime_ns, records, rejected, _now())
        )

    def forget_rejections(self, path: str) -> None:
        """Drop earlier rejections of a file and its records (it is being read again)."""
        pattern = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#%"
        self._db.execute("DELETE FROM rejected WHERE source = ? OR source LIKE ? ESCAPE '\\'", (path, pattern))

    # ------------------------------------------------------------ writes

    def add_article(self, article: Article) -> bool:
        """Insert an article and its source; False when an article with its id was already there."""
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
            _article_row(article),
        )
        self._db.execute("INSERT OR IGNORE INTO sources VALUES (?, ?)", (article.source, article.id))
        return cursor.rowcount == 1

    def add_rejected(self, rejected: Rejected) -> None:
        """Record why an input was not used."""
        self._db.execute(
            "INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?)", (rejected.source, rejected.stage, rejected.reason, _now())
        )

    def add_signature(self, article_id: str, minhash: bytes) -> None:
        """Store the MinHash signature of an article's text."""
        self._db.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)", (article_id, minhash))

    def link_near_duplicates(self, first: str, second: str, similarity: float) -> None:
        """Link two articles whose texts are near-copies (order does not matter)."""
        a, b = sorted((first, second))
        self._db.execute("INSERT OR REPLACE INTO near_duplicates VALUES (?, ?, ?)", (a, b, round(similarity, 4)))

    def save_annotation(self, article_id: str, version: int, data: dict[str, Any]) -> None:
        """Store the language layer's reading of an article (compressed JSON)."""
        blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)
        self._db.execute("INSERT OR REPLACE INTO annotations VALUES (?, ?, ?)", (article_id, version, blob))

    # ------------------------------------------------------------ story features and stories

    def save_story_features(self, features: ArticleFeatures, keys: list[str]) -> None:
        """Store an article's clustering features, count its terms, and post its heavy keys."""
        self.save_story_features_many([(features, keys)])

    def save_story_features_many(self, items: list[tuple[ArticleFeatures, list[str]]]) -> None:
        """``save_story_features`` for many articles: one statement per table, each term's count added once."""
        self._db.executemany("INSERT OR REPLACE INTO story_features VALUES (?, ?)",
                             ((f.article_id, json.dumps(f.__dict__, ensure_ascii=False)) for f, _ in items))
        counts = Counter((space, term) for f, _ in items for space in SPACES for term in getattr(f, space))
        self._db.executemany(  # in key order: the inserts walk the table's B-tree once
            "INSERT INTO term_df VALUES (?, ?, ?) ON CONFLICT(space, term) DO UPDATE SET df = df + excluded.df",
            ((space, term, count) for (space, term), count in sorted(counts.items())))
        self._db.execute("INSERT INTO meta VALUES ('feature_total', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + ?", (str(len(items)), len(items)))
        self._db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)",
                             ((key, f.article_id) for f, keys in items for key in keys))
        self._count_cached(counts, +1, len(items))
        for features, _ in items:
            self._remember_features(features)

    def story_features(self, article_ids: list[str]) -> list[ArticleFeatures]:
        """The stored clustering features of these articles (those that have them), in the order asked.

        Decoded features are kept in memory (``FEATURES_CACHE`` articles, least
        recently used out): placing arrivals one by one reads the same stories
        again and again.
        """
        cache = self._features_cache
        missing = [a for a in dict.fromkeys(article_ids) if a not in cache]
        for chunk in _chunks(missing):
            rows = self._db.execute(f"SELECT data FROM story_features WHERE article_id IN ({_marks(chunk)})", chunk)
            for (data,) in rows:
                self._remember_features(ArticleFeatures(**json.loads(data)))
        found = [cache[a] for a in article_ids if a in cache]
        for item in found:
            cache.move_to_end(item.article_id)
        return found

    def _remember_features(self, features: ArticleFeatures) -> None:
        self._features_cache[features.article_id] = features
        if len(self._features_cache) > FEATURES_CACHE:
            self._features_cache.popitem(last=False)

    def story_features_all(self) -> list[ArticleFeatures]:
        """The clustering features of every article."""
        return [ArticleFeatures(**json.loads(data)) for (data,) in self._db.execute("SELECT data FROM story_features")]

    def forget_story_features(self, article_ids: list[str]) -> None:
        """Drop these articles' clustering features, their term counts and postings (to compute them anew)."""
        for features in self.story_features(article_ids):
            counts = [(space, term) for space in SPACES for term in getattr(features, space)]
            self._db.executemany("UPDATE term_df SET df = df - 1 WHERE space = ? AND term = ?", counts)
            self._count_cached(Counter(counts), -1, 1)
            self._features_cache.pop(features.article_id, None)
            self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE key = 'feature_total'")
            self._db.execute("DELETE FROM story_features WHERE article_id = ?", (features.article_id,))
            self._db.execute("DELETE FROM postings WHERE article_id = ?", (features.article_id,))

    def document_frequencies(self, features: list[ArticleFeatures], frequencies: Any) -> Any:
        """Fill ``frequencies`` (an empty ``stories.DocumentFrequencies``: ``total`` and a ``df`` Counter per
        space) with the store-wide document frequencies of the terms these articles use; return it."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'feature_total'").fetchone()
        frequencies.total = int(row[0]) if row else 0
        if frequencies.total != self._df_total:  # another process wrote features: what is cached may be stale
            self._forget_cached_frequencies()
            self._df_total = frequencies.total
        self.add_frequencies(frequencies, features)
        return frequencies

    def add_frequencies(self, frequencies: Any, features: list[ArticleFeatures]) -> None:
        """Load the document frequencies of more terms into ``frequencies`` (one query per space, cached).

        Placing one new article reads the counts of the few hundred articles
        around it, mostly the same terms as the last arrival's: this
        process's own writes keep the cache exact (``save_story_features_many``,
        ``forget_story_features``), and a change of the stored total by
        another process empties it.
        """
        for space in SPACES:
            known, cache = frequencies.df[space], self._df_cache[space]
            terms = [t for t in dict.fromkeys(chain.from_iterable(getattr(f, space) for f in features)) if t not in known]
            missing = [t for t in terms if t not in cache]
            if missing:
                rows = dict(self._db.execute("SELECT term, df FROM term_df WHERE space = ? AND term IN "
                                             "(SELECT value FROM json_each(?))", (space, json.dumps(missing, ensure_ascii=False))))
                cache.update({t: rows.get(t, 0) for t in missing})
            known.update({t: cache[t] for t in terms if cache[t]})
        if sum(len(c) for c in self._df_cache.values()) > DF_CACHE_TERMS:
            self._forget_cached_frequencies()

    def _forget_cached_frequencies(self) -> None:
        """Empty the in-process caches (counts and decoded features): another process may have changed them."""
        self._df_cache: dict[str, dict[str, int]] = {space: {} for space in SPACES}
        self._df_total: int | None = None
        self._features_cache: OrderedDict[str, ArticleFeatures] = OrderedDict()

    def _count_cached(self, counts: Counter, sign: int, articles: int) -> None:
        """Keep cached document frequencies in step with this process's own writes."""
        for (space, term), count in counts.items():
            cache = self._df_cache[space]
            if term in cache:
                cache[term] += sign * count
        if self._df_total is not None:
            self._df_total += sign * articles

    def articles_with_keys(self, keys: list[str], limit: int) -> dict[str, int]:
        """Articles posted under any of these keys, with how many keys they share, most first."""
        if not keys:
            return {}
        rows = self._db.execute(
            f"SELECT article_id, count(*) FROM postings WHERE key IN ({_marks(keys)}) "
            "GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT ?", (*keys, limit))
        return dict(rows)

    def stories_of(self, article_ids: list[str]) -> dict[str, str]:
        """The story of each of these articles (those that have one)."""
        found = {}
        for chunk in _chunks(article_ids):
            found.update(self._db.execute(
                f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({_marks(chunk)})", chunk))
        return found

    def members_by_story(self, story_ids: list[str]) -> dict[str, list[str]]:
        """The articles of each of these stories (one query, not one per story)."""
        found: dict[str, list[str]] = {story: [] for story in story_ids}
        for chunk in _chunks(story_ids):
            for article_id, story in self._db.execute(
                    f"SELECT article_id, story_id FROM story_members WHERE story_id IN ({_marks(chunk)}) "
                    "ORDER BY article_id", chunk):
                found[story].append(article_id)
        return found

    def members_of(self, story_ids: list[str]) -> list[str]:
        """The articles of these stories."""
        found = []
        for chunk in _chunks(story_ids):
            found.extend(a for (a,) in self._db.execute(
                f"SELECT article_id FROM story_members WHERE story_id IN ({_marks(chunk)}) ORDER BY article_id", chunk))
        return found

    def topics_of(self, story_ids: list[str]) -> dict[str, str]:
        """The topic of each of these stories."""
        found = {}
        for chunk in _chunks(story_ids):
            found.update(self._db.execute(f"SELECT id, topic_id FROM stories WHERE id IN ({_marks(chunk)})", chunk))
        return found

    def replace_stories(self, article_ids: list[str] | None, rows: list[tuple[str, str, list[str]]]) -> None:
        """Replace the stories of these articles (all when None) by (story id, topic id, members) rows."""
        if article_ids is None:
            self._db.execute("DELETE FROM story_members")
            self._db.execute("DELETE FROM stories")
        else:
            before = set(self.stories_of(article_ids).values())
            for chunk in _chunks(article_ids):
                self._db.execute(f"DELETE FROM story_members WHERE article_id IN ({_marks(chunk)})", chunk)
        for story, topic, members in rows:
            self._db.execute("INSERT OR REPLACE INTO stories VALUES (?, ?)", (story, topic))
            self._db.executemany("INSERT OR REPLACE INTO story_members VALUES (?, ?)", ((m, story) for m in members))
        if article_ids is not None:  # only the stories these articles left can have emptied (no scan of all members)
            gone = sorted(before - {story for story, _, _ in rows})
            self._db.executemany("DELETE FROM stories WHERE id = ? AND NOT EXISTS "
                                 "(SELECT 1 FROM story_members WHERE story_id = ?)", ((g, g) for g in gone))

    def story_rows(self) -> list[tuple[str, str, list[str]]]:
        """Every story as (story id, topic id, member ids), ordered by story id."""
        members: dict[str, list[str]] = {}
        for article_id, story in self._db.execute("SELECT article_id, story_id FROM story_members ORDER BY article_id"):
            members.setdefault(story, []).append(article_id)
        rows = self._db.execute("SELECT id, topic_id FROM stories ORDER BY id")
        return [(story, topic, members.get(story, [])) for story, topic in rows]

    def articles_without_features(self) -> list[Article]:
        """Articles whose clustering features are not computed yet."""
        missing = self._ids_missing_from("story_features")
        found = []
        for chunk in _chunks(missing):
            rows = self._db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({_marks(chunk)}) "
                                    "ORDER BY rowid", chunk)
            found.extend(_article_from_row(row) for row in rows)
        return found

    def _ids_missing_from(self, table: str) -> list[str]:
        """Ids of articles with no row in ``table`` (keyed by article_id), in the order they were stored.

        Reads only the id index, never the article rows: at 100k articles a
        scan of the rows (their text) costs several times more.
        """
        rows = self._db.execute(f"SELECT rowid, id FROM articles INDEXED BY sqlite_autoindex_articles_1 "
                                f"WHERE id NOT IN (SELECT article_id FROM {table})")
        return [article_id for _, article_id in sorted(tuple(row) for row in rows)]

    def annotation(self, article_id: str) -> dict[str, Any] | None:
        """The stored annotation of one article, or None."""
        row = self._db.execute("SELECT data FROM annotations WHERE article_id = ?", (article_id,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    def articles_without_story(self) -> list[str]:
        """Articles that no story holds yet."""
        return self._ids_missing_from("story_members")

    # ------------------------------------------------------------ reads

    def annotations(self) -> Iterator[dict[str, Any]]:
        """Every stored annotation, as the plain data it was saved from."""
        for (blob,) in self._db.execute("SELECT data FROM annotations ORDER BY rowid"):
            yield json.loads(zlib.decompress(blob))

    def unannotated(self, version: int) -> list[Article]:
        """Articles with no annotation of this version yet."""
        rows = self._db.execute(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_COLUMNS)} FROM articles a LEFT JOIN annotations n "
            "ON n.article_id = a.id AND n.version = ? WHERE n.article_id IS NULL ORDER BY a.rowid", (version,)
        )
        return [_article_from_row(row) for row in rows]

    def outlets(self) -> dict[str, str | None]:
        """The outlet of every article, by id."""
        return dict(self._db.execute("SELECT id, outlet FROM articles"))

    def article_count(self) -> int:
        """How many articles the store holds."""
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self) -> Iterator[Article]:
        """Every article, in the order they were first stored."""
        for row in self._db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY rowid"):
            yield _article_from_row(row)

    def article(self, article_id: str) -> Article | None:
        """One article by id, or None."""
        row = self._db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article_from_row(row) if row else None

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored (article id, MinHash signature)."""
        yield from self._db.execute("SELECT article_id, minhash FROM signatures ORDER BY rowid")

    def near_duplicates(self) -> dict[str, list[tuple[str, float]]]:
        """For each article with copies, the ids of its near-duplicates and their similarity."""
        links: dict[str, list[tuple[str, float]]] = {}
        for a, b, similarity in self._db.execute("SELECT a, b, similarity FROM near_duplicates ORDER BY a, b"):
            links.setdefault(a, []).append((b, similarity))
            links.setdefault(b, []).append((a, similarity))
        return links

    def sources_of(self) -> dict[str, list[str]]:
        """Every source each article was found at (a file may repeat another's content)."""
        found: dict[str, list[str]] = {}
        for source, article_id in self._db.execute("SELECT source, article_id FROM sources ORDER BY rowid"):
            found.setdefault(article_id, []).append(source)
        return found

    def rejected(self) -> list[Rejected]:
        """Every input currently rejected, oldest first."""
        rows = self._db.execute("SELECT source, stage, reason FROM rejected ORDER BY at, source")
        return [Rejected(*row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search over titles and texts: (article id, highlighted snippet), best first.

        Raises StoreError with the FTS5 message for a malformed query.
        """
        sql = (
            "SELECT a.id, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            return [tuple(row) for row in self._db.execute(sql, (query, limit))]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc

    def stats(self) -> dict[str, Any]:
        """Counts: articles, by outlet, by format, rejected by reason and stage, near-duplicate links."""
        def grouped(sql: str) -> dict[str, int]:
            return {str(key) if key is not None else "(unknown)": count for key, count in self._db.execute(sql)}

        return {
            "articles": self.article_count(),
            "by_outlet": grouped("SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet"),
            "by_format": grouped("SELECT format, count(*) FROM articles GROUP BY format ORDER BY count(*) DESC, format"),
            "rejected": self._db.execute("SELECT count(*) FROM rejected").fetchone()[0],
            "rejected_by_reason": grouped(
                "SELECT stage || ': ' || reason, count(*) FROM rejected GROUP BY stage, reason ORDER BY count(*) DESC"
            ),
            "near_duplicate_pairs": self._db.execute("SELECT count(*) FROM near_duplicates").fetchone()[0],
            "files": self._db.execute("SELECT count(*) FROM files").fetchone()[0],
        }

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check, and every source pointing at a stored article."""
        if self._db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        orphans = self._db.execute("SELECT count(*) FROM sources WHERE article_id NOT IN (SELECT id FROM articles)")
        return orphans.fetchone()[0] == 0

    # ------------------------------------------------------------ web views (newsparallax.web): reads for the app

    def change_marker(self) -> tuple[int, ...]:
        """A cheap fingerprint that changes whenever articles, annotations or stories change.

        Replaced rows get new rowids, so the largest rowid moves even when a count does not.
        """
        parts = []
        for table in ("articles", "annotations", "story_members", "rejected"):
            count, top = self._db.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM {table}").fetchone()
            parts.extend((count, top))
        return tuple(parts)

    def search_within(self, query: str, article_ids: list[str] | None = None, limit: int = 50) -> list[tuple[str, str]]:
        """Full-text search, optionally only among ``article_ids``: (article id, snippet), best first.

        Snippets mark matches with the characters \\x02 and \\x03 (which no clean text
        keeps), so a caller can escape the snippet and then highlight. Raises StoreError
        with the FTS5 message for a malformed query.
        """
        among = " AND a.id IN (SELECT value FROM json_each(?))" if article_ids is not None else ""
        params = (query, json.dumps(list(article_ids))) if article_ids is not None else (query,)
        sql = ("SELECT a.id, snippet(articles_fts, 1, char(2), char(3), '…', 16) FROM articles_fts "
               f"JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?{among} ORDER BY rank LIMIT ?")
        try:
            return [tuple(row) for row in self._db.execute(sql, (*params, limit))]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """SQLite limits the number of parameters of one statement."""
    items = list(items)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _marks(items: list[str]) -> str:
    return ", ".join("?" * len(items))


def _article_row(article: Article) -> tuple[Any, ...]:
    date = article.published
    return (
        article.id, article.source, article.format, article.title, article.author, article.outlet, article.url,
        date.value, int(date.inferred), date.range_start, date.range_end, date.source, json.dumps(list(date.evidence)),
        article.language, int(article.summary_only), article.text,
        json.dumps([r.__dict__ for r in article.removed], ensure_ascii=False),
        json.dumps(article.metadata_sources), _now(),
    )


def _article_from_row(row: sqlite3.Row) -> Article:
    date = DateEstimate(
        row["published"], bool(row["published_inferred"]), row["published_start"], row["published_end"],
        row["published_source"], tuple(json.loads(row["published_evidence"])),
    )
    return Article(
        id=row["id"], source=row["source"], format=row["format"], text=row["text"], title=row["title"],
        author=row["author"], outlet=row["outlet"], url=row["url"], published=date, language=row["language"],
        summary_only=bool(row["summary_only"]), removed=tuple(Removed(**r) for r in json.loads(row["removed"])),
        metadata_sources=json.loads(row["metadata_sources"]),
    )
