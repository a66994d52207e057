"""Where media files live: one interface, a local directory behind it by default."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Protocol

from app.core.errors import InvalidInput, NotFound
from app.core.settings import Settings

CHUNK_SIZE = 1024 * 1024
# Files we write are meant to be served (possibly by a web server running as another user),
# while temporary files are created owner-only.
_SERVED_FILE_MODE = 0o644
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class StoredFile:
    """A file as the storage holds it."""

    relative_path: str
    size: int
    sha256: str


class UnsafeMediaPath(InvalidInput):
    """A media path that could leave the storage root or means something else on another system."""

    code = "vellum_unsafe_media_path"


class MediaStorage(Protocol):
    """The operations every media backend offers; paths are relative, with forward slashes."""

    def put_file(self, relative_path: str, source: Path) -> StoredFile: ...

    def put_bytes(self, relative_path: str, data: bytes) -> StoredFile: ...

    def exists(self, relative_path: str) -> bool: ...

    def open(self, relative_path: str) -> BinaryIO: ...

    def delete(self, relative_path: str) -> None: ...

    def path_for(self, relative_path: str) -> Path | None: ...


def check_relative_path(relative_path: str) -> str:
    """Return ``relative_path`` when it stays inside a storage root; raise :class:`UnsafeMediaPath` if not."""
    problem = _path_problem(relative_path)
    if problem:
        raise UnsafeMediaPath(f"refused media path {relative_path!r}: {problem}", data={"path": relative_path})
    return relative_path


def _path_problem(relative_path: str) -> str:
    if not relative_path:
        return "it is empty"
    if "\x00" in relative_path:
        return "it contains a NUL byte"
    if "\\" in relative_path:
        return "it contains a backslash (only forward slashes separate folders)"
    if relative_path.startswith("/") or _DRIVE_LETTER.match(relative_path):
        return "it is absolute"
    segments = relative_path.split("/")
    if ".." in segments:
        return "it climbs out with '..'"
    if any(segment in ("", ".") for segment in segments):
        return "it has an empty or '.' segment"
    return ""


class LocalStorage:
    """Media files in a directory on this host, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put_file(self, relative_path: str, source: Path) -> StoredFile:
        """Copy ``source`` in, streaming, replacing any file already at ``relative_path``."""
        with open(source, "rb") as stream:
            return self._write(relative_path, stream)

    def put_bytes(self, relative_path: str, data: bytes) -> StoredFile:
        """Store ``data`` at ``relative_path``."""
        return self._write(relative_path, BytesIO(data))

    def exists(self, relative_path: str) -> bool:
        """Whether a file is stored at ``relative_path``."""
        return self._resolve(relative_path).is_file()

    def open(self, relative_path: str) -> BinaryIO:
        """Open the stored file for reading; raise :class:`NotFound` when there is none."""
        target = self._resolve(relative_path)
        try:
            return open(target, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise NotFound(f"no media file at {relative_path!r}", data={"path": relative_path}) from None

    def delete(self, relative_path: str) -> None:
        """Remove the stored file; deleting what is not there is not an error."""
        self._resolve(relative_path).unlink(missing_ok=True)

    def path_for(self, relative_path: str) -> Path | None:
        """The file's path on this host, for serving it directly."""
        return self._resolve(relative_path)

    def _resolve(self, relative_path: str) -> Path:
        check_relative_path(relative_path)
        root = self.root.resolve()
        target = root.joinpath(*relative_path.split("/"))
        # A symlinked folder inside the root could still point elsewhere.
        if not target.resolve().is_relative_to(root):
            raise UnsafeMediaPath(
                f"refused media path {relative_path!r}: it leads outside the media root",
                data={"path": relative_path},
            )
        return target

    def _write(self, relative_path: str, stream: BinaryIO) -> StoredFile:
        target = self._resolve(relative_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _temporary_sibling(target) as (temporary, handle):
            size, digest = hash_stream(stream, copy_to=handle)
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(temporary, _SERVED_FILE_MODE)
            # rename() is atomic on one filesystem: readers see the old file or the new one, never half.
            os.replace(temporary, target)
        return StoredFile(relative_path=relative_path, size=size, sha256=digest)


@contextmanager
def _temporary_sibling(target: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """A temporary file beside ``target``, removed again if the write does not reach its rename."""
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temporary = Path(name)
    handle = os.fdopen(descriptor, "wb")
    try:
        yield temporary, handle
    finally:
        handle.close()
        temporary.unlink(missing_ok=True)


def hash_stream(stream: BinaryIO, *, copy_to: BinaryIO | None = None) -> tuple[int, str]:
    """Size and sha256 hex digest of everything left in ``stream``, optionally copying it on the way."""
    size = 0
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return size, digest.hexdigest()


def get_storage(settings: Settings) -> MediaStorage:
    """The media storage the settings describe (the local ``media_root`` directory)."""
    return LocalStorage(settings.media_root)
