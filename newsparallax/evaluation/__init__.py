"""Measurements on labeled data, printed beside published figures (``parallax eval ...``).

One module per task: ``timex`` (TempEval-3), ``quotes`` (PolNeAR), ``coref``
(ECB+), ``stories`` (ECB+ and BASIL), ``framing`` (BABE and BASIL), ``dct``
(publication dates without metadata); ``datasets`` reads the sets and
``metrics`` scores them. The data is read by path, never copied into the project.
"""

from __future__ import annotations

# Nothing is imported here: each task loads its own data readers and models, so a
# command that measures one task does not pay for the others.
__all__: list[str] = []
