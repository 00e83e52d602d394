"""HTML fragments (a feed's ``content:encoded``, a JSON ``body`` with tags) to plain text.

Whole pages go through trafilatura in ``ingest/extract.py``; a fragment is already the
article, so boilerplate detection would only risk dropping short paragraphs.

Example:
    >>> fragment_to_text("<p>First <b>para</b>.</p><p>Second&nbsp;one.</p>")
    'First para.\\nSecond one.'
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer", "figcaption", "hr",
}
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button")
# Characters XML cannot hold: lxml cuts the text at them when parsing and refuses
# them (ValueError) in a text node set afterwards, where character references put them.
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per line, entities decoded."""
    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(_xml_safe(fragment), create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):  # lxml asserts on some odd fragments ("<HTML>")
        return _tidy(re.sub(r"<[^>]+>", " ", fragment))
    etree.strip_elements(root, *DROPPED_TAGS, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + _xml_safe(element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + _xml_safe(element.text or "")
    return _tidy(root.text_content())


def _xml_safe(text: str) -> str:
    return XML_INCOMPATIBLE.sub(" ", text)


def _tidy(text: str) -> str:
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
