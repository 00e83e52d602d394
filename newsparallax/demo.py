"""The bundled sample corpus that ``parallax demo`` (and ``make demo``) runs on."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import ParallaxError


def demo_corpus_path() -> Path:
    """The folder of the bundled demo corpus.

    Raises ParallaxError when the package was installed without its data files.
    """
    path = Path(str(files("newsparallax") / "data" / "demo" / "corpus"))
    if not path.is_dir():
        raise ParallaxError(f"the demo corpus is missing from the installed package (looked in {path}); reinstall Parallax")
    return path
