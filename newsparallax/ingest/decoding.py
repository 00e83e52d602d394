"""Bytes to text: BOMs, declared charsets, ``--encoding`` and strict UTF-8.

Shared by the readers (``readers``) and the WARC reader (``warc``), which both
decode pages; kept apart so that neither has to import the other for it.

Example:
    >>> decode_page(b'<meta charset="latin-1"><p>Z\\xfcrich</p>').endswith("Zürich</p>")
    True
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, UnsupportedFormat

# How much of a file's head is read to tell its format, and checked here for binary content.
HEAD_BYTES = 64 * 1024
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, declared: str | None = None, encoding: str | None = None, partial: bool = False) -> str:
    """Decode bytes as text: a BOM first, then a declared charset, an explicit one, else strict UTF-8.

    ``partial`` tolerates a multi-byte character cut at the end (for sniffing a head).
    Raises UnsupportedFormat for binary data and InputError for undecodable text.

    >>> decode_text("Zürich".encode("utf-8"))
    'Zürich'
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return decode_as(data, codec, partial)
    if b"\x00" in data[:HEAD_BYTES]:
        raise UnsupportedFormat("binary content (NUL bytes), not a text format")
    # The declaration first: --encoding is for the files that declare none, so that it
    # can be given for a folder of legacy .txt files without garbling its UTF-8 pages.
    for codec in filter(None, (declared, encoding)):
        try:
            return decode_as(data, codec, partial)
        except (LookupError, InputError):
            if codec == encoding:
                raise InputError(f"cannot be decoded as {encoding!r}") from None
    text = decode_as(data, "utf-8", partial)
    reject_control_characters(text)
    return text


def decode_as(data: bytes, codec: str, partial: bool) -> str:
    """``data`` decoded strictly as ``codec``; InputError (naming the bad byte) when it is not.

    >>> decode_as("Zürich".encode("cp1252"), "cp1252", partial=False)
    'Zürich'
    """
    # LookupError for an unknown name and for the bytes-to-bytes codecs Python also
    # registers ("base64", "zlib", "hex"...): a page declaring one must not decode to bytes.
    # (Encoding, as decoding b"" returns "" without looking the codec up.)
    "".encode(codec)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(
            f"not valid {codec.upper()} (byte 0x{byte:02x} at offset {exc.start}) and no charset declared; "
            "if the file uses a legacy encoding, name it with --encoding (e.g. --encoding cp1252)"
        ) from None
    except UnicodeError as exc:  # UTF-16 without a BOM, punycode, idna: no byte offset to name
        raise InputError(f"not valid {codec.upper()}: {exc}") from None


def reject_control_characters(text: str) -> None:
    """Raise UnsupportedFormat when over 1% of the head of ``text`` is control characters (binary data).

    >>> reject_control_characters("plain words are fine")
    """
    sample = text[:HEAD_BYTES]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.01:
        raise UnsupportedFormat("binary content (control characters), not a text format")


DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding=["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page or XML file declares in its first bytes, if any."""
    match = DECLARED_CHARSET.search(head[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # A declaration readable as ASCII is not in UTF-16/32, whatever it says (the HTML
    # standard reads such a page as UTF-8); decoding by it would give CJK garbage.
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def decode_page(payload: bytes, content_type: str | None = None, encoding: str | None = None) -> str:
    """Decode an HTML page: the HTTP header's charset, else the page's own declaration, else UTF-8.

    Raises InputError when none of them decodes it.
    """
    match = re.search(r"charset=([A-Za-z0-9_\-:.]+)", content_type or "")
    declared = match.group(1) if match else declared_charset(payload)
    return decode_text(payload, declared, encoding)
