"""Run the web app: ``serve`` (what ``parallax serve`` calls).

Example:
    >>> serve(Path("parallax.db"), "127.0.0.1", 8000, None)   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..errors import ConfigError
from .upload import is_loopback


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token.

    Raises ConfigError for a non-loopback ``host`` (``0.0.0.0``, a LAN address, a name) with no token.

    >>> check_bind("127.0.0.1", None)
    >>> check_bind("0.0.0.0", None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsparallax.errors.ConfigError: refusing to serve on 0.0.0.0 without a token: ...
    """
    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to serve on {host} without a token: anyone who can reach it could upload articles; "
                          "pass --token SECRET (or set PARALLAX_TOKEN), or keep --host 127.0.0.1")


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          settings: Settings | None = None) -> None:
    """Serve the store at ``db_path`` on ``host:port`` until interrupted (uvicorn logs each request).

    Raises ConfigError for a non-loopback host without a token, StoreError when
    ``db_path`` is not a Parallax store.
    """
    check_bind(host, token)
    import uvicorn  # only the server needs it

    from .app import create_app

    uvicorn.run(create_app(Path(db_path), settings, token), host=host, port=port, log_level="info")
