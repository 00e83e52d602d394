"""The exceptions Parallax raises.

One small hierarchy, so callers can catch ``ParallaxError`` for anything the
engine itself refuses, and every message names the bad value and what would be
valid instead (the sqlite-utils / spaCy habit).
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(ParallaxError):
    """A document or file cannot be read: empty, binary, undecodable, too large."""


class UnsupportedFormat(InputError):
    """The content is of a kind Parallax does not read (PDF, ZIP, images...)."""


class ExtractionError(InputError):
    """A page was read but no article text could be found in it."""


class StoreError(ParallaxError):
    """The SQLite store cannot be opened or is not a Parallax store."""


class ConfigError(ParallaxError):
    """A setting or command-line option has a value that is not allowed."""
