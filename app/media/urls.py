"""Public URLs of stored media, and rewriting links to an old site's uploads so they point here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote, unquote, urlsplit

from app.media.storage import UnsafeMediaPath, check_relative_path

UPLOADS_PATH = "wp-content/uploads"
_NEVER = re.compile(r"(?!)")
# One slash, plain or JSON-escaped ("\/" is how PHP's json_encode writes it without JSON_UNESCAPED_SLASHES).
_SLASH = r"(?:\\/|/)"
# A path ends at what delimits URLs in HTML, CSS, JSON and prose; WordPress's sanitize_file_name() strips
# these characters from uploaded names, so they never belong to a file name. JSON \uXXXX escapes may occur.
_PATH = r"(?P<path>(?:[^\s\"'<>()\[\]{}\\?#,;|^`&]|\\/|\\u[0-9a-fA-F]{4})+)"


def media_url(site_url: str, relative_path: str) -> str:
    """The public URL of a stored file, shaped like WordPress's so old relative links keep working."""
    return f"{site_url.rstrip('/')}/{UPLOADS_PATH}/{quote(relative_path.lstrip('/'), safe='/')}"


def uploads_url_pattern(old_base_urls: Iterable[str]) -> re.Pattern[str]:
    """A pattern for links to the old sites' uploads, over http, https, www or not, and protocol-relative."""
    sites = sorted({pattern for url in old_base_urls if (pattern := _site_pattern(url))}, key=len, reverse=True)
    if not sites:
        return _NEVER
    # The scheme may be absent (//host/...), but then no other scheme may stand before the slashes.
    start = rf"(?:(?<![\w.+-])(?i:https?):|(?<![\w.+:-])){_SLASH}{_SLASH}"
    return re.compile(rf"{start}(?:{'|'.join(sites)}){_SLASH}{_uploads_segments()}{_SLASH}{_PATH}")


def _site_pattern(base_url: str) -> str:
    """Host, port and path prefix of one old base URL (``www.`` optional either way)."""
    text = base_url.strip()
    parts = urlsplit(text if "//" in text else f"//{text}")
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return ""
    pattern = rf"(?i:(?:www\.)?{re.escape(host)})"
    if parts.port is not None:
        pattern += rf":{parts.port}"
    for segment in (segment for segment in parts.path.split("/") if segment):
        pattern += _SLASH + re.escape(segment)
    return pattern


def _uploads_segments() -> str:
    return _SLASH.join(re.escape(segment) for segment in UPLOADS_PATH.split("/"))


def rewrite_upload_urls(
    text: str,
    *,
    old_base_urls: Iterable[str],
    site_url: str,
    known_files: Callable[[str], bool] | None = None,
) -> str:
    """Point links to the old site's uploads (in HTML, block JSON, CSS or prose) at this site's media URLs."""
    pattern = uploads_url_pattern(old_base_urls)

    def replace(match: re.Match[str]) -> str:
        raw_path = match.group("path")
        # Prose puts a full stop after a link; WordPress trims dots from the ends of file names.
        kept_path = raw_path.rstrip(".")
        trailing = raw_path[len(kept_path) :]
        relative_path = _decode_path(kept_path)
        if not _is_rewritable(relative_path, known_files):
            return match.group(0)
        url = media_url(site_url, relative_path)
        return (url.replace("/", "\\/") if "\\/" in match.group(0) else url) + trailing

    return pattern.sub(replace, text)


def uploads_relative_path(url: str, old_base_urls: Iterable[str]) -> str:
    """The path under the uploads folder that a link to the old sites' uploads names, or "" for other links."""
    match = uploads_url_pattern(old_base_urls).fullmatch(url.strip())
    if match is None:
        return ""
    relative_path = _decode_path(match.group("path"))
    return relative_path if _is_rewritable(relative_path, None) else ""


def _is_rewritable(relative_path: str, known_files: Callable[[str], bool] | None) -> bool:
    try:
        check_relative_path(relative_path)
    except UnsafeMediaPath:
        return False
    return known_files is None or known_files(relative_path)


def _decode_path(path: str) -> str:
    """The file path a link names: JSON escapes undone, then percent-encoding."""
    if "\\" in path:
        try:
            path = json.loads(f'"{path}"')
        except ValueError:
            return ""
    return unquote(path)
