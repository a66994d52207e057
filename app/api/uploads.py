"""``/wp-content/uploads/{path}``: the stored media files, at the URLs the API hands out."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, StreamingResponse
from starlette.responses import Response

from app.core.errors import NotFound
from app.core.settings import get_settings
from app.media.files import mime_for_filename
from app.media.storage import UnsafeMediaPath, get_storage
from app.media.urls import UPLOADS_PATH

router = APIRouter()

# No file may be sniffed into another type than the one we send.
FILE_HEADERS = {"X-Content-Type-Options": "nosniff"}
# Types a browser would run scripts from: sandboxed, so an uploaded page or drawing cannot act as this origin.
# (Not every file: browsers refuse to show PDFs in a sandbox.)
_ACTIVE_TYPES = frozenset({"text/html", "image/svg+xml", "application/xml", "text/xml", "application/xhtml+xml"})


def content_type(relative_path: str) -> str:
    """The type a web server serving WordPress's uploads would send: by extension, else an opaque download."""
    return mime_for_filename(relative_path.rsplit("/", 1)[-1])


def file_headers(media_type: str) -> dict[str, str]:
    """Headers sent with a file of ``media_type``: never sniffed, and sandboxed when it could run scripts."""
    if media_type in _ACTIVE_TYPES:
        return {**FILE_HEADERS, "Content-Security-Policy": "sandbox"}
    return dict(FILE_HEADERS)


def _not_found(relative_path: str) -> NotFound:
    return NotFound(f"no media file at {relative_path!r}", data={"path": relative_path})


def serve_upload(path: str) -> Response:
    """A stored file with its type; ETag and Last-Modified from the file, so caches revalidate cheaply."""
    storage = get_storage(get_settings())
    try:
        is_stored = storage.exists(path)
        local = storage.path_for(path)
    except UnsafeMediaPath:
        # Paths that would leave the media root are not refused with 400: nothing is there to find.
        raise _not_found(path) from None
    if not is_stored:
        raise _not_found(path)
    media_type = content_type(path)
    headers = file_headers(media_type)
    if local is not None:
        return FileResponse(local, media_type=media_type, headers=headers)
    return StreamingResponse(storage.open(path), media_type=media_type, headers=headers)


router.add_api_route(f"/{UPLOADS_PATH}/{{path:path}}", serve_upload, methods=["GET"], name="get_upload")
