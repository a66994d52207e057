"""Media files as content: what a file really is, how big an image is, and copying an attachment's files."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image, UnidentifiedImageError

from app.core.errors import NotFound
from app.media.storage import MediaStorage, StoredFile, UnsafeMediaPath, check_relative_path, hash_stream

SNIFF_BYTES = 8192
OCTET_STREAM = "application/octet-stream"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Extension -> type, as WordPress's wp_get_mime_types() names them (plus svg and json, which plugins add),
# except m4a/m4b: WordPress calls them audio/mpeg, but they are MPEG-4 audio (see _WORDPRESS_LABELS).
_TYPES_BY_EXTENSION: dict[str, str] = {
    **dict.fromkeys(("jpg", "jpeg", "jpe"), "image/jpeg"),
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "heic": "image/heic",
    "heif": "image/heif",
    "bmp": "image/bmp",
    **dict.fromkeys(("tif", "tiff"), "image/tiff"),
    "ico": "image/x-icon",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "docx": DOCX,
    "xlsx": XLSX,
    "pptx": PPTX,
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    **dict.fromkeys(("xls", "xla", "xlt", "xlw"), "application/vnd.ms-excel"),
    **dict.fromkeys(("ppt", "pps", "pot"), "application/vnd.ms-powerpoint"),
    "rtf": "application/rtf",
    "json": "application/json",
    "mp3": "audio/mpeg",
    **dict.fromkeys(("m4a", "m4b"), "audio/mp4"),
    **dict.fromkeys(("ogg", "oga"), "audio/ogg"),
    "wav": "audio/wav",
    "flac": "audio/flac",
    "aac": "audio/aac",
    **dict.fromkeys(("mp4", "m4v"), "video/mp4"),
    **dict.fromkeys(("mov", "qt"), "video/quicktime"),
    "webm": "video/webm",
    "ogv": "video/ogg",
    "avi": "video/avi",
    "mkv": "video/x-matroska",
    **dict.fromkeys(("3gp", "3gpp"), "video/3gpp"),
    **dict.fromkeys(("txt", "asc", "srt"), "text/plain"),
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ics": "text/calendar",
    "vtt": "text/vtt",
    "css": "text/css",
    **dict.fromkeys(("htm", "html"), "text/html"),
}
# Spellings that name the same type.
_CANONICAL: dict[str, str] = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-ms-bmp": "image/bmp",
    "image/vnd.microsoft.icon": "image/x-icon",
    "image/heif": "image/heic",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "audio/mp3": "audio/mpeg",
    "audio/x-m4a": "audio/mp4",
    "video/x-msvideo": "video/avi",
    "application/x-zip-compressed": "application/zip",
    "application/x-pdf": "application/pdf",
}
# (declared, sniffed) pairs WordPress itself produces: wp_get_mime_types() labels .m4a/.m4b audio/mpeg.
_WORDPRESS_LABELS = {("audio/mpeg", "audio/mp4")}
_FIXED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"ID3", "audio/mpeg"),
    (b"fLaC", "audio/flac"),
)
_RIFF_FORMS = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/avi"}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
_AVIF_BRANDS = {b"avif", b"avis"}
_FTYP_BRANDS = {
    b"qt  ": "video/quicktime",
    **dict.fromkeys((b"M4A ", b"M4B ", b"M4P "), "audio/mp4"),
    **dict.fromkeys((b"M4V ", b"M4VH", b"M4VP"), "video/mp4"),
    **dict.fromkeys((b"3gp4", b"3gp5", b"3gp6", b"3g2a"), "video/3gpp"),
}
# Old QuickTime movies start with an atom instead of ``ftyp``.
_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_ZIP_CONTAINERS = {
    DOCX,
    XLSX,
    PPTX,
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
# The WHATWG MIME Sniffing standard's "binary data bytes": no text file contains them.
_BINARY_BYTES = frozenset((*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)))


def mime_for_filename(filename: str) -> str:
    """The type a file's extension names (``application/octet-stream`` when unknown)."""
    extension = posixpath.splitext(filename)[1].lower().lstrip(".")
    return _TYPES_BY_EXTENSION.get(extension, OCTET_STREAM)


def mime_matches(declared: str, sniffed: str) -> bool:
    """Whether a declared type agrees with the sniffed one, allowing synonyms and WordPress's own labels."""
    declared, sniffed = (_CANONICAL.get(value.lower(), value.lower()) for value in (declared, sniffed))
    return declared == sniffed or (declared, sniffed) in _WORDPRESS_LABELS


def sniff_mime(head: bytes, filename: str) -> str:
    """The type a file's first bytes show, falling back to its extension's type."""
    by_extension = mime_for_filename(filename)
    for sniffer in (_sniff_fixed, _sniff_riff, _sniff_mpeg_audio, _sniff_other_binary):
        found = sniffer(head)
        if found:
            return found
    found = _sniff_iso_media(head, by_extension) or _sniff_zip(head, by_extension)
    if found:
        return found
    if head and _looks_like_text(head):
        return _sniff_text(head, by_extension)
    return by_extension


def _sniff_fixed(head: bytes) -> str:
    for magic, mime in _FIXED_SIGNATURES:
        if head.startswith(magic):
            return mime
    # Writers may put junk before the header; PDF readers look for it within the first kilobyte.
    return "application/pdf" if b"%PDF-" in head[:1024] else ""


def _sniff_riff(head: bytes) -> str:
    if head[:4] != b"RIFF":
        return ""
    return _RIFF_FORMS.get(head[8:12], "")


def _sniff_mpeg_audio(head: bytes) -> str:
    """MP3/AAC without an ID3 tag start with an MPEG audio frame: 11 sync bits, then version and layer."""
    if len(head) < 2 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return ""
    if head[1] & 0xF6 == 0xF0:  # all 12 sync bits and layer 0: an AAC ADTS frame
        return "audio/aac"
    layer, version = (head[1] >> 1) & 0b11, (head[1] >> 3) & 0b11
    return "audio/mpeg" if layer == 0b01 and version != 0b01 else ""


def _sniff_other_binary(head: bytes) -> str:
    if head[:4] == b"\x1aE\xdf\xa3":  # EBML: WebM, or the Matroska it is a profile of
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    if head[:4] == b"OggS":
        return "video/ogg" if b"\x80theora" in head else "audio/ogg"
    if head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "image/bmp"
    if head[:4] == b"\x00\x00\x01\x00" and head[4:6] != b"\x00\x00":
        return "image/x-icon"
    return ""


def _sniff_iso_media(head: bytes, by_extension: str) -> str:
    """ISO base media files (MP4, MOV, M4A, HEIC, AVIF) name their family in the ``ftyp`` box's brands."""
    if head[4:8] != b"ftyp":
        return "video/quicktime" if head[4:8] in _QUICKTIME_ATOMS else ""
    major = head[8:12]
    box_end = min(int.from_bytes(head[0:4], "big"), len(head))
    brands = {major, *(head[offset : offset + 4] for offset in range(16, box_end - 3, 4))}
    if major in _AVIF_BRANDS or (major in (b"mif1", b"msf1") and brands & _AVIF_BRANDS):
        return "image/avif"
    if major in _HEIC_BRANDS or (major in (b"mif1", b"msf1") and brands & _HEIC_BRANDS):
        return "image/heic"
    if major in (b"mif1", b"msf1"):
        return "image/heif"
    # Generic brands (isom, mp42...) hold audio-only files too; the extension tells which was meant.
    return _FTYP_BRANDS.get(major) or ("audio/mp4" if by_extension.startswith("audio/") else "video/mp4")


def _sniff_zip(head: bytes, by_extension: str) -> str:
    """Office documents are ZIP archives; their member names (or ODF's ``mimetype`` member) say which."""
    if head[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        return ""
    if head[30:38] == b"mimetype":
        declared = head[38:].split(b"PK", 1)[0].decode("ascii", "replace").strip()
        if declared.startswith("application/"):
            return declared
    for folder, mime in ((b"word/", DOCX), (b"ppt/", PPTX), (b"xl/", XLSX)):
        if folder in head:
            return mime
    return by_extension if by_extension in _ZIP_CONTAINERS else "application/zip"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xfe\xff", b"\xff\xfe")):  # UTF-16 byte order marks
        return True
    return not _BINARY_BYTES.intersection(head)


def _sniff_text(head: bytes, by_extension: str) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in head.lower():
        return "image/svg+xml"
    return by_extension if by_extension.startswith("text/") else "text/plain"


def image_dimensions(path: Path) -> tuple[int, int] | None:
    """Width and height from the image header (no full decode); None for non-images and broken files."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return (width, height) if width > 0 and height > 0 else None


@dataclass(frozen=True)
class FileCheck:
    """What one stored file turned out to be."""

    relative_path: str
    size: int
    sha256: str
    declared_mime: str
    sniffed_mime: str
    mime_matches: bool
    width: int | None = None
    height: int | None = None


@dataclass
class AttachmentCopyResult:
    """The outcome of copying one attachment's files into storage."""

    main: FileCheck | None = None
    sub_sizes: dict[str, FileCheck] = field(default_factory=dict)
    original_image: FileCheck | None = None
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        """Every file the attachment names is in storage."""
        return not self.missing and not self.refused


def copy_attachment_files(
    *,
    storage: MediaStorage,
    uploads_dir: Path,
    attached_file: str,
    sizes: dict[str, Any] | list[Any],
    declared_mime: str,
    original_image: str = "",
) -> AttachmentCopyResult:
    """Copy an attachment's file, its sub-sizes and its original into storage under the same relative paths."""
    result = AttachmentCopyResult()
    copier = _Copier(storage=storage, uploads_dir=uploads_dir, result=result)
    result.main = copier.copy(attached_file, declared_mime)
    folder = posixpath.dirname(attached_file)
    # An empty PHP array decodes to a list: unserialize() cannot tell an empty map from an empty list.
    entries = sizes.items() if isinstance(sizes, dict) else enumerate(sizes)
    for name, size in entries:
        basename = str(size.get("file", "")) if isinstance(size, dict) else ""
        mime = str(size.get("mime-type", "")) if isinstance(size, dict) else ""
        check = copier.copy_beside(folder, basename, mime or mime_for_filename(basename))
        if check is not None:
            result.sub_sizes[str(name)] = check
    if original_image:
        result.original_image = copier.copy_beside(folder, original_image, mime_for_filename(original_image))
    return result


@dataclass
class _Copier:
    storage: MediaStorage
    uploads_dir: Path
    result: AttachmentCopyResult
    seen: dict[str, FileCheck | None] = field(default_factory=dict)

    def copy_beside(self, folder: str, basename: str, declared_mime: str) -> FileCheck | None:
        """Copy a file WordPress names by basename only, in the attached file's folder."""
        if not basename or "/" in basename:
            self.result.refused.append(posixpath.join(folder, basename))
            return None
        return self.copy(posixpath.join(folder, basename), declared_mime)

    def copy(self, relative_path: str, declared_mime: str) -> FileCheck | None:
        """Copy one file unless it is stored already with the same content; None when it could not be."""
        if relative_path in self.seen:  # sub-sizes of different names can share one file
            return self.seen[relative_path]
        self.seen[relative_path] = check = self._copy_once(relative_path, declared_mime)
        return check

    def _copy_once(self, relative_path: str, declared_mime: str) -> FileCheck | None:
        source = self._source(relative_path)
        if source is None:
            return None
        if not source.is_file():
            self.result.missing.append(relative_path)
            return None
        stored = _already_stored(self.storage, relative_path, source)
        if stored is None:
            stored = self.storage.put_file(relative_path, source)
            self.result.copied.append(relative_path)
        else:
            self.result.already_stored.append(relative_path)
        return check_file(source, stored, declared_mime)

    def _source(self, relative_path: str) -> Path | None:
        try:
            check_relative_path(relative_path)
        except UnsafeMediaPath:
            self.result.refused.append(relative_path)
            return None
        root = self.uploads_dir.resolve()
        source = root.joinpath(*relative_path.split("/"))
        if not source.resolve().is_relative_to(root):  # a symlink out of the uploads folder
            self.result.refused.append(relative_path)
            return None
        return source


def _already_stored(storage: MediaStorage, relative_path: str, source: Path) -> StoredFile | None:
    """The stored file when it has exactly the source's content, so a second import copies nothing."""
    if not storage.exists(relative_path):
        return None
    size, digest = _digest(lambda: source.open("rb"))
    try:
        stored = _digest(lambda: storage.open(relative_path))
    except NotFound:
        return None
    return StoredFile(relative_path, size, digest) if stored == (size, digest) else None


def _digest(opener: Callable[[], BinaryIO]) -> tuple[int, str]:
    with opener() as stream:
        return hash_stream(stream)


def check_file(source: Path, stored: StoredFile, declared_mime: str) -> FileCheck:
    """Sniff and measure a stored file (read from ``source``, its local copy)."""
    with source.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    sniffed = sniff_mime(head, stored.relative_path)
    dimensions = image_dimensions(source) if sniffed.startswith("image/") else None
    width, height = dimensions if dimensions else (None, None)
    return FileCheck(
        relative_path=stored.relative_path,
        size=stored.size,
        sha256=stored.sha256,
        declared_mime=declared_mime,
        sniffed_mime=sniffed,
        mime_matches=mime_matches(declared_mime, sniffed),
        width=width,
        height=height,
    )
