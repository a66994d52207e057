"""The local media storage: atomic writes with size and sha256, and no way out of its root."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.core.errors import NotFound
from app.core.settings import Settings
from app.media.storage import LocalStorage, UnsafeMediaPath, check_relative_path, get_storage

UNSAFE_PATHS = [
    "../outside.txt",
    "2024/../../outside.txt",
    "/etc/passwd",
    "C:/Windows/win.ini",
    "2024\\03\\a.jpg",
    "2024/03/a\x00.jpg",
    "",
    "2024//a.jpg",
    "./a.jpg",
]


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "media")


def test_put_bytes_reports_size_and_sha256_and_writes_the_content(storage: LocalStorage) -> None:
    data = b"hello media"

    stored = storage.put_bytes("2024/03/hello.txt", data)

    assert stored.relative_path == "2024/03/hello.txt"
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert (storage.root / "2024" / "03" / "hello.txt").read_bytes() == data


def test_put_file_streams_a_file_larger_than_one_chunk(storage: LocalStorage, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    source = tmp_path / "big.bin"
    source.write_bytes(data)

    stored = storage.put_file("2024/03/big.bin", source)

    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    with storage.open("2024/03/big.bin") as stream:
        assert stream.read() == data


def test_put_replaces_the_old_file_and_leaves_no_temporary_file(storage: LocalStorage) -> None:
    storage.put_bytes("a/b.txt", b"old")

    storage.put_bytes("a/b.txt", b"new content")

    assert sorted(path.name for path in (storage.root / "a").iterdir()) == ["b.txt"]
    assert (storage.root / "a" / "b.txt").read_bytes() == b"new content"


def test_stored_files_are_readable_by_a_web_server(storage: LocalStorage) -> None:
    storage.put_bytes("a.txt", b"x")

    assert (storage.root / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_failed_copy_leaves_the_stored_file_and_no_temporary_file(storage: LocalStorage, tmp_path: Path) -> None:
    storage.put_bytes("a/b.txt", b"kept")

    with pytest.raises(FileNotFoundError):
        storage.put_file("a/b.txt", tmp_path / "does-not-exist")

    assert [path.name for path in (storage.root / "a").iterdir()] == ["b.txt"]
    assert (storage.root / "a" / "b.txt").read_bytes() == b"kept"


def test_exists_is_true_only_for_stored_files(storage: LocalStorage) -> None:
    storage.put_bytes("2024/03/a.txt", b"x")

    assert storage.exists("2024/03/a.txt")
    assert not storage.exists("2024/03/b.txt")
    assert not storage.exists("2024/03")


def test_open_of_a_missing_file_raises_not_found(storage: LocalStorage) -> None:
    with pytest.raises(NotFound, match="2024/missing.jpg"):
        storage.open("2024/missing.jpg")


def test_delete_removes_the_file_and_tolerates_a_missing_one(storage: LocalStorage) -> None:
    storage.put_bytes("a.txt", b"x")

    storage.delete("a.txt")
    storage.delete("a.txt")

    assert not storage.exists("a.txt")


def test_path_for_points_inside_the_root(storage: LocalStorage) -> None:
    storage.put_bytes("2024/03/a.txt", b"x")

    path = storage.path_for("2024/03/a.txt")

    assert path is not None
    assert path.read_bytes() == b"x"
    assert path.is_relative_to(storage.root.resolve())


@pytest.mark.parametrize("relative_path", UNSAFE_PATHS)
def test_unsafe_paths_are_refused_by_every_operation(storage: LocalStorage, relative_path: str) -> None:
    for operation in (
        lambda: storage.put_bytes(relative_path, b"x"),
        lambda: storage.exists(relative_path),
        lambda: storage.open(relative_path),
        lambda: storage.delete(relative_path),
        lambda: storage.path_for(relative_path),
    ):
        with pytest.raises(UnsafeMediaPath, match="refused media path"):
            operation()
    assert not (storage.root.parent / "outside.txt").exists()


def test_the_refusal_says_why(storage: LocalStorage) -> None:
    with pytest.raises(UnsafeMediaPath, match=r"'\.\.'") as caught:
        check_relative_path("a/../../b")

    assert caught.value.status_code == 400
    assert caught.value.data == {"path": "a/../../b"}


def test_a_symlink_out_of_the_root_is_refused(storage: LocalStorage, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    storage.root.mkdir()
    (storage.root / "escape").symlink_to(outside, target_is_directory=True)

    with pytest.raises(UnsafeMediaPath, match="outside the media root"):
        storage.put_bytes("escape/a.txt", b"x")

    assert not (outside / "a.txt").exists()


def test_get_storage_uses_the_media_root_setting(tmp_path: Path) -> None:
    storage = get_storage(Settings(media_root=tmp_path / "configured"))

    storage.put_bytes("a.txt", b"x")

    assert (tmp_path / "configured" / "a.txt").read_bytes() == b"x"
