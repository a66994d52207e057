"""Copying an attachment's files (main file, sub-sizes, original) from a WordPress uploads folder."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from app.media.files import AttachmentCopyResult, copy_attachment_files
from app.media.storage import LocalStorage

SIZES = {
    "thumbnail": {"file": "beach-150x150.jpg", "width": 150, "height": 150, "mime-type": "image/jpeg"},
    "medium": {"file": "beach-300x200.jpg", "width": 300, "height": 200, "mime-type": "image/jpeg"},
    "medium_large": {"file": "beach-768x512.jpg", "width": 768, "height": 512, "mime-type": "image/jpeg"},
}


def write_image(path: Path, size: tuple[int, int], image_format: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, image_format)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    """A WordPress uploads folder holding a scaled image, two of its three sub-sizes and its original."""
    folder = tmp_path / "uploads" / "2024" / "03"
    write_image(folder / "beach-scaled.jpg", (600, 400))
    write_image(folder / "beach-150x150.jpg", (150, 150))
    write_image(folder / "beach-300x200.jpg", (300, 200))
    write_image(folder / "beach.jpg", (900, 600))
    return tmp_path / "uploads"


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "media")


def copy_beach(storage: LocalStorage, uploads: Path) -> AttachmentCopyResult:
    return copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes=SIZES,
        declared_mime="image/jpeg",
        original_image="beach.jpg",
    )


def test_copies_main_file_sub_sizes_and_original_under_the_same_paths(storage: LocalStorage, uploads: Path) -> None:
    result = copy_beach(storage, uploads)

    for name in ("beach-scaled.jpg", "beach-150x150.jpg", "beach-300x200.jpg", "beach.jpg"):
        stored = storage.root / "2024" / "03" / name
        assert stored.read_bytes() == (uploads / "2024" / "03" / name).read_bytes()
    assert sorted(result.copied) == [
        "2024/03/beach-150x150.jpg",
        "2024/03/beach-300x200.jpg",
        "2024/03/beach-scaled.jpg",
        "2024/03/beach.jpg",
    ]
    assert result.original_image is not None
    assert result.original_image.width == 900


def test_a_missing_sub_size_is_reported_not_fatal(storage: LocalStorage, uploads: Path) -> None:
    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes=SIZES,
        declared_mime="image/jpeg",
    )

    assert result.missing == ["2024/03/beach-768x512.jpg"]
    assert sorted(result.sub_sizes) == ["medium", "thumbnail"]
    assert not result.is_complete
    assert not storage.exists("2024/03/beach-768x512.jpg")


def test_main_file_check_has_size_sha256_type_and_dimensions(storage: LocalStorage, uploads: Path) -> None:
    content = (uploads / "2024" / "03" / "beach-scaled.jpg").read_bytes()

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes={},
        declared_mime="image/jpeg",
    )

    assert result.main is not None
    assert result.main.relative_path == "2024/03/beach-scaled.jpg"
    assert result.main.size == len(content)
    assert result.main.sha256 == hashlib.sha256(content).hexdigest()
    assert (result.main.sniffed_mime, result.main.mime_matches) == ("image/jpeg", True)
    assert (result.main.width, result.main.height) == (600, 400)
    assert result.is_complete


def test_sub_size_checks_use_the_sizes_own_mime_type(storage: LocalStorage, uploads: Path) -> None:
    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes=SIZES,
        declared_mime="image/jpeg",
    )

    thumbnail = result.sub_sizes["thumbnail"]
    assert (thumbnail.width, thumbnail.height, thumbnail.declared_mime) == (150, 150, "image/jpeg")
    assert thumbnail.mime_matches


def test_a_png_named_jpg_is_flagged_as_a_mime_mismatch(storage: LocalStorage, tmp_path: Path) -> None:
    write_image(tmp_path / "uploads" / "2024" / "05" / "chart.jpg", (20, 10), "PNG")

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=tmp_path / "uploads",
        attached_file="2024/05/chart.jpg",
        sizes={},
        declared_mime="image/jpeg",
    )

    assert result.main is not None
    assert (result.main.sniffed_mime, result.main.mime_matches) == ("image/png", False)
    assert storage.exists("2024/05/chart.jpg")


def test_a_pdf_has_no_dimensions(storage: LocalStorage, tmp_path: Path) -> None:
    pdf = tmp_path / "uploads" / "2019" / "01" / "report.pdf"
    write_image(pdf, (50, 70), "PDF")

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=tmp_path / "uploads",
        attached_file="2019/01/report.pdf",
        sizes=[],
        declared_mime="application/pdf",
    )

    assert result.main is not None
    assert (result.main.sniffed_mime, result.main.mime_matches) == ("application/pdf", True)
    assert (result.main.width, result.main.height) == (None, None)


def test_a_second_copy_stores_nothing_again(storage: LocalStorage, uploads: Path) -> None:
    first = copy_beach(storage, uploads)
    stored = storage.root / "2024" / "03" / "beach-scaled.jpg"
    modified_before = stored.stat().st_mtime_ns

    second = copy_beach(storage, uploads)

    assert second.copied == []
    assert sorted(second.already_stored) == sorted(first.copied)
    assert second.main == first.main
    assert stored.stat().st_mtime_ns == modified_before


def test_a_changed_source_is_copied_again(storage: LocalStorage, uploads: Path) -> None:
    copy_beach(storage, uploads)
    new_content = write_image(uploads / "2024" / "03" / "beach-scaled.jpg", (610, 400))

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes={},
        declared_mime="image/jpeg",
    )

    assert result.copied == ["2024/03/beach-scaled.jpg"]
    assert (storage.root / "2024" / "03" / "beach-scaled.jpg").read_bytes() == new_content


def test_a_missing_main_file_still_copies_the_sub_sizes(storage: LocalStorage, uploads: Path) -> None:
    (uploads / "2024" / "03" / "beach-scaled.jpg").unlink()

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes=SIZES,
        declared_mime="image/jpeg",
    )

    assert result.main is None
    assert result.missing == ["2024/03/beach-scaled.jpg", "2024/03/beach-768x512.jpg"]
    assert storage.exists("2024/03/beach-150x150.jpg")


def test_sizes_sharing_one_file_copy_it_once(storage: LocalStorage, uploads: Path) -> None:
    sizes = {"medium": SIZES["medium"], "theme-card": dict(SIZES["medium"])}

    result = copy_attachment_files(
        storage=storage,
        uploads_dir=uploads,
        attached_file="2024/03/beach-scaled.jpg",
        sizes=sizes,
        declared_mime="image/jpeg",
    )

    assert result.copied == ["2024/03/beach-scaled.jpg", "2024/03/beach-300x200.jpg"]
    assert result.sub_sizes["theme-card"] == result.sub_sizes["medium"]


@pytest.mark.parametrize(
    ("attached_file", "sizes", "refused"),
    [
        ("../secret.jpg", {}, "../secret.jpg"),
        ("/etc/passwd", {}, "/etc/passwd"),
        ("2024/03/beach-scaled.jpg", {"evil": {"file": "../../../secret.jpg"}}, "2024/03/../../../secret.jpg"),
        ("2024/03/beach-scaled.jpg", {"evil": {"file": ""}}, "2024/03/"),
    ],
)
def test_paths_leaving_the_uploads_folder_are_refused_and_not_read(
    storage: LocalStorage, uploads: Path, attached_file: str, sizes: dict[str, dict[str, str]], refused: str
) -> None:
    (uploads.parent / "secret.jpg").write_bytes(b"secret")

    result = copy_attachment_files(
        storage=storage, uploads_dir=uploads, attached_file=attached_file, sizes=sizes, declared_mime="image/jpeg"
    )

    assert result.refused == [refused]
    assert not result.is_complete
    assert not any(path.name == "secret.jpg" for path in storage.root.rglob("*"))


def test_a_symlink_out_of_the_uploads_folder_is_refused(storage: LocalStorage, uploads: Path, tmp_path: Path) -> None:
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "key.jpg").write_bytes(b"secret")
    (uploads / "2024" / "04").symlink_to(tmp_path / "private", target_is_directory=True)

    result = copy_attachment_files(
        storage=storage, uploads_dir=uploads, attached_file="2024/04/key.jpg", sizes={}, declared_mime="image/jpeg"
    )

    assert result.refused == ["2024/04/key.jpg"]
    assert not storage.exists("2024/04/key.jpg")
