"""Near-duplicates: wire copies republished by several outlets, found with MinHash LSH.

Copies are linked, never dropped: a user sees where else the same text ran.
datasketch does the hashing and the banding; signatures are kept in the store
so an incremental ingest rebuilds the index without re-reading any text.

Example:
    >>> index = NearDuplicateIndex(Settings())
    >>> text = "Port workers walked out on Monday after talks over pay broke down late on Sunday night. " * 3
    >>> _ = index.add("a", index.signature(text))
    >>> [other for other, _ in index.add("b", index.signature(text + " Updated."))]
    ['a']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..config import Settings

WORD = re.compile(r"\w+", re.UNICODE)


class NearDuplicateIndex:
    """An LSH index of article signatures; ``add`` returns the copies already in it."""

    def __init__(self, settings: Settings, stored: Iterable[tuple[str, bytes]] = ()) -> None:
        self.settings = settings
        self._lsh = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_permutations)
        self._signatures: dict[str, LeanMinHash] = {}
        for article_id, blob in stored:
            self._insert(article_id, self.from_bytes(blob))

    def signature(self, text: str) -> LeanMinHash:
        """The MinHash of the text's lower-cased word shingles."""
        words = WORD.findall(text.lower())
        size = self.settings.shingle_words
        shingles = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
        minhash = MinHash(num_perm=self.settings.minhash_permutations)
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        return LeanMinHash(minhash)

    def add(self, article_id: str, signature: LeanMinHash) -> list[tuple[str, float]]:
        """Index an article; return (id, estimated Jaccard similarity) of its near-copies."""
        if article_id in self._signatures:
            return []
        copies = []
        for other in self._lsh.query(signature):
            similarity = signature.jaccard(self._signatures[other])
            if similarity >= self.settings.near_duplicate_threshold:
                copies.append((other, similarity))
        self._insert(article_id, signature)
        return sorted(copies)

    def _insert(self, article_id: str, signature: LeanMinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature

    @staticmethod
    def to_bytes(signature: LeanMinHash) -> bytes:
        """datasketch's own serialized form (it records the seed and hash scheme)."""
        buffer = bytearray(signature.bytesize())
        signature.serialize(buffer)
        return bytes(buffer)

    @staticmethod
    def from_bytes(blob: bytes) -> LeanMinHash:
        """The inverse of ``to_bytes``."""
        return LeanMinHash.deserialize(blob)
