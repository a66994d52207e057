"""Copying every attachment of the real WordPress fixture site from its uploads folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from lxml import etree

from app.core.phpserial import loads
from app.media.files import AttachmentCopyResult, copy_attachment_files, mime_for_filename
from app.media.storage import LocalStorage
from tests.shared import SHARED

SITE = SHARED / "fixtures" / "wordpress-db"
WP = "{http://wordpress.org/export/1.2/}"


@dataclass(frozen=True)
class ExportedAttachment:
    post_id: int
    attached_file: str
    metadata: dict[str, Any]


Copied = tuple[LocalStorage, list[tuple[ExportedAttachment, AttachmentCopyResult]]]


def exported_attachments() -> Iterator[ExportedAttachment]:
    """The attachments of export.xml with their ``_wp_attached_file`` and decoded ``_wp_attachment_metadata``."""
    for item in etree.parse(str(SITE / "export.xml")).iterfind("channel/item"):
        if item.findtext(f"{WP}post_type") != "attachment":
            continue
        meta = {
            row.findtext(f"{WP}meta_key"): row.findtext(f"{WP}meta_value") or ""
            for row in item.iterfind(f"{WP}postmeta")
        }
        metadata = loads(meta["_wp_attachment_metadata"]) if meta.get("_wp_attachment_metadata") else {}
        yield ExportedAttachment(int(item.findtext(f"{WP}post_id") or 0), meta["_wp_attached_file"] or "", metadata)


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> Copied:
    if not (SITE / "export.xml").is_file() or not (SITE / "uploads").is_dir():
        pytest.skip("the shared WordPress fixture site is not beside the repository")
    storage = LocalStorage(tmp_path_factory.mktemp("media"))
    results = [(attachment, copy(storage, attachment)) for attachment in exported_attachments()]
    return storage, results


def copy(storage: LocalStorage, attachment: ExportedAttachment) -> AttachmentCopyResult:
    return copy_attachment_files(
        storage=storage,
        uploads_dir=SITE / "uploads",
        attached_file=attachment.attached_file,
        sizes=attachment.metadata.get("sizes") or {},
        declared_mime=mime_for_filename(attachment.attached_file),
        original_image=str(attachment.metadata.get("original_image", "")),
    )


def test_counts_of_copied_and_missing_files(copied: Copied) -> None:
    storage, results = copied

    # 237 attachments name 237 main files, 823 sub-sizes and 27 originals (1087 files); 694 of them exist.
    assert len(results) == 237
    assert sum(len(result.copied) for _, result in results) == 694
    assert sum(len(result.missing) for _, result in results) == 393
    assert sum(len(result.refused) for _, result in results) == 0
    assert sum(1 for path in storage.root.rglob("*") if path.is_file()) == 694


def test_missing_main_files_are_exactly_the_ones_wordpress_renamed_on_import(copied: Copied) -> None:
    _, results = copied
    report = json.loads((SITE / "import-report.json").read_text())

    missing_main = {attachment.attached_file for attachment, result in results if result.main is None}

    # wp_unique_filename() gave uploads ending like a WordPress variant (-scaled) a "-1" suffix.
    assert missing_main == {renamed["wxr"] for renamed in report["attachment_files_renamed"]}
    assert len(missing_main) == 27


def test_every_missing_sub_size_is_explained(copied: Copied) -> None:
    _, results = copied
    unexplained = []
    for attachment, result in results:
        for path in result.missing:
            renamed_main = result.main is None
            # A host without Imagick makes no PDF previews; GD rounded some "large" heights to 683, not 682.
            pdf_preview = attachment.attached_file.endswith(".pdf") and "-pdf" in path
            other_rounding = (SITE / "uploads" / path.replace("-1024x682.", "-1024x683.")).is_file()
            if not (renamed_main or pdf_preview or other_rounding):
                unexplained.append(path)

    assert unexplained == []


def test_copied_files_match_their_declared_type_and_exported_dimensions(copied: Copied) -> None:
    _, results = copied
    checks = [(attachment, result.main) for attachment, result in results if result.main is not None]

    assert all(check.mime_matches for _, check in checks)
    assert {check.sniffed_mime for _, check in checks} == {"image/jpeg", "image/png", "application/pdf"}
    images = [(attachment, check) for attachment, check in checks if check.sniffed_mime.startswith("image/")]
    assert images
    for attachment, check in images:
        assert (check.width, check.height) == (attachment.metadata["width"], attachment.metadata["height"])


def test_copied_files_are_identical_to_the_uploads(copied: Copied) -> None:
    storage, results = copied
    for _, result in results:
        for check in (result.main, *result.sub_sizes.values()):
            if check is not None:
                stored = storage.path_for(check.relative_path)
                assert stored is not None
                assert stored.read_bytes() == (SITE / "uploads" / check.relative_path).read_bytes()


def test_copying_the_site_again_copies_nothing(copied: Copied) -> None:
    storage, results = copied

    again = [copy(storage, attachment) for attachment, _ in results]

    assert sum(len(result.copied) for result in again) == 0
    assert sum(len(result.already_stored) for result in again) == 694
