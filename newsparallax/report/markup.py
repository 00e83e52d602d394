"""Untrusted text to safe HTML: links, JSON for script blocks, highlighted spans.

Article titles, texts, authors and URLs come from anywhere, so nothing here
trusts them: every piece of text is escaped, only absolute http(s) URLs become
links, and overlapping highlight spans are cut into flat segments so that no
span can open a tag another one closes.

Example:
    >>> safe_url("javascript:alert(1)") is None
    True
    >>> str(highlight("a <b> c", [Highlight(2, 5, "entity", "x")]))
    'a <mark class="hl hl-entity" title="x">&lt;b&gt;</mark> c'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (never a link).

    Whitespace and control characters anywhere are refused: browsers strip some
    of them, which is how ``java\\tscript:`` slips past naive checks.

    >>> safe_url("https://example.com/a?b=1")
    'https://example.com/a?b=1'
    >>> [safe_url(u) for u in ("data:text/html,x", " https://x.org", "//evil.org", None)]
    [None, None, None, None]
    """
    if not isinstance(url, str) or not url or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def json_for_script(data: Any) -> Markup:
    """JSON that can sit inside ``<script type="application/json">`` whatever strings it holds.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so ``</script>`` or ``<!--`` in the data
    cannot end the block; JSON.parse reads the escapes back as the same characters.

    >>> str(json_for_script({"t": "</script>"}))
    '{"t": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, default=str)
    return Markup("".join(_SCRIPT_UNSAFE.get(ch, ch) for ch in text))


@dataclass(frozen=True)
class Highlight:
    """A span to mark in a text: character offsets, a kind (CSS class) and a tooltip."""

    start: int
    end: int
    kind: str
    title: str = ""


def highlight(text: str, spans: list[Highlight]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark>``; overlaps become flat segments.

    Spans out of range or empty are dropped; kinds must be plain identifiers
    (they become CSS classes), others are dropped too.

    >>> str(highlight("abc", [Highlight(0, 2, "a"), Highlight(1, 3, "b")]))
    '<mark class="hl hl-a">a</mark><mark class="hl hl-a hl-b">b</mark><mark class="hl hl-b">c</mark>'
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text) and s.kind.replace("-", "").isalnum()]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        active = [s for s in valid if s.start <= left and right <= s.end]
        pieces.append(_segment(text[left:right], active))
    return Markup("".join(pieces))


def _segment(piece: str, active: list[Highlight]) -> str:
    if not active:
        return str(escape(piece))
    kinds = " ".join(dict.fromkeys(f"hl-{s.kind}" for s in active))
    titles = " · ".join(dict.fromkeys(s.title for s in active if s.title))
    title = f' title="{escape(titles)}"' if titles else ""
    return f'<mark class="hl {kinds}"{title}>{escape(piece)}</mark>'
