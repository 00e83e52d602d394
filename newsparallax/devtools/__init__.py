"""Developer checks that read the source and run nothing of Parallax itself.

``imports`` draws the package's import graph from the source (``ast``, no
importing) and reports cycles and imports that cross the house's walls:

    python -m newsparallax.devtools.imports          # readable, exit 1 when not clean
    python -m newsparallax.devtools.imports --json   # the same facts for tools
"""

from __future__ import annotations

# Run as ``python -m newsparallax.devtools.imports``; nothing to import from here.
__all__: list[str] = []
