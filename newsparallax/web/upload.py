"""The upload endpoint: ``POST /api/ingest`` takes files or JSON articles into the store.

Uploads are kept in a folder beside the store (``DB.uploads/``), one sub-folder
per request, and ingested by ``newsparallax.pipeline.ingest`` exactly as
the command line does, so an article's ``source`` points at a real file. The
body is counted as it arrives and refused past the size limit (413). With a
token configured the request must carry it (401); without one, only loopback
clients addressing the server by a loopback name may upload (403), which keeps
other machines, other sites' pages (Origin) and DNS rebinding out.

Example:
    >>> client.post("/api/ingest", json={"articles": [{"title": "T", "text": "..."}]}).json()["added"]  # doctest: +SKIP
    1
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import json
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request as StarletteRequest

from .. import pipeline
from ..store import Store

upload_router = APIRouter(prefix="/api", tags=["upload"])
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILES = 200
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
REQUEST_BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "properties": {"articles": {"type": "array", "items": {"type": "object"}}},
                                    "description": "Articles as JSON objects (title, text, outlet, url, published, author), "
                                                   "or a bare list of them."}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
}}}


@upload_router.post("/ingest", summary="Ingest uploaded files or JSON articles", openapi_extra=REQUEST_BODY_DOC,
                    responses={401: {"description": "token missing or wrong"}, 403: {"description": "uploads not allowed from here"},
                               413: {"description": "body over the size limit"}, 415: {"description": "neither JSON nor multipart"}})
async def api_ingest(request: Request) -> dict[str, Any]:
    """Store the uploaded files (multipart field ``files``) or JSON articles, ingest them, report what happened."""
    check_upload_allowed(request)
    body = await read_limited(request, request.app.state.settings.max_document_bytes)
    folder = upload_folder(request.app.state.db_path)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        paths = [_save_json_articles(body, folder)]
    elif kind == "multipart/form-data":
        paths = await _save_files(request, body, folder)
    else:
        raise HTTPException(415, "send application/json articles or multipart/form-data files")
    return await run_in_threadpool(_ingest, request.app, folder, paths)


# ---------------------------------------------------------------- who may upload


def check_upload_allowed(request: Request) -> None:
    """Raise 401 for a missing or wrong token, 403 for a tokenless upload from elsewhere than loopback."""
    token = request.app.state.token
    if token is not None:
        given = request.headers.get("x-parallax-token") or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "this server needs its token for uploads (Authorization: Bearer TOKEN)",
                                headers={"WWW-Authenticate": "Bearer"})
        return
    client = request.client.host if request.client else ""
    if not is_loopback(client):
        raise HTTPException(403, "uploads from other machines need a server started with a token")
    if not is_loopback(_hostname(request.headers.get("host", ""))):
        raise HTTPException(403, "uploads must address the server as localhost or 127.0.0.1")
    origin = request.headers.get("origin")
    if origin and origin != "null" and not is_loopback(urlsplit(origin).hostname or ""):
        raise HTTPException(403, "uploads from another site's page are refused")


def is_loopback(host: str) -> bool:
    """True for loopback names and addresses (``localhost``, 127.0.0.0/8, ``::1``).

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "example.org")]
    [True, True, True, False, False]
    """
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hostname(host_header: str) -> str:
    return urlsplit(f"//{host_header}").hostname or ""


# ---------------------------------------------------------------- the body


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it (or its declared length) passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload of {declared} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def upload_folder(db_path: Path) -> Path:
    """A new folder for one upload, beside the store: ``DB.uploads/TIMESTAMP-RANDOM``."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    folder = Path(db_path).resolve().with_name(Path(db_path).name + ".uploads") / f"{stamp}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True)
    return folder


def _save_json_articles(body: bytes, folder: Path) -> Path:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"the body is not JSON: {exc}") from exc
    articles = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(articles, list) or not articles or not all(isinstance(a, dict) for a in articles):
        raise HTTPException(400, 'send {"articles": [{...}, ...]} or a list of article objects')
    path = folder / "articles.upload.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


async def _save_files(request: Request, body: bytes, folder: Path) -> list[Path]:
    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await StarletteRequest(request.scope, replay).form(max_files=MAX_FILES)
    uploads = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    if not uploads:
        raise HTTPException(400, "no file in the upload (multipart field 'files')")
    paths = []
    for number, upload in enumerate(uploads):
        path = folder / safe_file_name(upload.filename, number)
        path.write_bytes(await upload.read())
        paths.append(path)
    return paths


def safe_file_name(name: str | None, number: int) -> str:
    """A file name with no folder part and only plain characters, unique by its number.

    >>> safe_file_name("../../etc/pass wd.txt", 3)
    '003-pass_wd.txt'
    """
    base = UNSAFE_NAME.sub("_", Path((name or "").replace("\\", "/")).name).strip("._") or "upload"
    return f"{number:03d}-{base[-100:]}"


def _ingest(app, folder: Path, paths: list[Path]) -> dict[str, Any]:
    with app.state.ingest_lock, Store(app.state.db_path) as store:
        report = pipeline.ingest([folder], store, app.state.settings)
    return {"files": [p.name for p in paths], "records": report.records, "added": report.added,
            "already_stored": report.already_stored, "article_ids": report.added_ids,
            "stories_written": report.stories_written,
            "rejected": [r.to_dict() for r in report.rejected]}
