"""The demo uploads match the attachment metadata in the export, and the generator reproduces it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.core import phpserial
from app.demo.build_demo_media import DEMO_IMAGES, DEMO_PDFS, build_image, sync_attachment_metadata
from app.demo.paths import demo_export_path, demo_uploads_dir
from tests.demo.demo_export_view import DemoExport, load_demo_export


@pytest.fixture(scope="module")
def export() -> DemoExport:
    return load_demo_export()


def _attachment_metadata(export: DemoExport) -> dict[str, Any]:
    """``_wp_attached_file`` -> decoded ``_wp_attachment_metadata`` for every attachment item."""
    found: dict[str, Any] = {}
    for item in export.of_type("attachment"):
        attached, raw = item.meta_value("_wp_attached_file"), item.meta_value("_wp_attachment_metadata")
        assert attached is not None
        assert raw is not None
        found[attached] = phpserial.loads(raw)
    return found


def _assert_image_file(path: Path, width: int, height: int, filesize: int) -> None:
    assert path.is_file(), path
    with Image.open(path) as image:
        assert image.size == (width, height), path
    assert path.stat().st_size == filesize, path


def test_every_attached_file_exists_and_attachment_urls_agree(export: DemoExport) -> None:
    for item in export.of_type("attachment"):
        attached = str(item.meta_value("_wp_attached_file"))
        assert (demo_uploads_dir() / attached).is_file()
    urls = export.root.findall(".//{http://wordpress.org/export/1.2/}attachment_url")
    assert {u.text for u in urls} == {
        f"https://hub.example.org/wp-content/uploads/{item.meta_value('_wp_attached_file')}"
        for item in export.of_type("attachment")
    }


def test_images_and_their_sub_sizes_have_the_declared_dimensions(export: DemoExport) -> None:
    images = {path: meta for path, meta in _attachment_metadata(export).items() if "width" in meta}
    assert len(images) >= 4
    for attached, meta in images.items():
        assert meta["file"] == attached
        _assert_image_file(demo_uploads_dir() / attached, meta["width"], meta["height"], meta["filesize"])
        stem, suffix = attached.rsplit(".", 1)
        for size in meta["sizes"].values():
            assert size["file"] == f"{stem.rsplit('/', 1)[1]}-{size['width']}x{size['height']}.{suffix}"
            folder = demo_uploads_dir() / attached.rsplit("/", 1)[0]
            _assert_image_file(folder / size["file"], size["width"], size["height"], size["filesize"])


def test_pdf_attachments_record_their_byte_size(export: DemoExport) -> None:
    pdfs = {path: meta for path, meta in _attachment_metadata(export).items() if path.endswith(".pdf")}
    assert len(pdfs) == 2
    for attached, meta in pdfs.items():
        data = (demo_uploads_dir() / attached).read_bytes()
        assert meta == {"filesize": len(data)}
        assert data.startswith(b"%PDF-1.")
        assert data.rstrip().endswith(b"%%EOF")


def test_every_shipped_upload_belongs_to_an_attachment(export: DemoExport) -> None:
    declared = set()
    for attached, meta in _attachment_metadata(export).items():
        declared.add(attached)
        folder = attached.rsplit("/", 1)[0]
        declared |= {f"{folder}/{size['file']}" for size in meta.get("sizes", {}).values()}
    shipped = {p.relative_to(demo_uploads_dir()).as_posix() for p in demo_uploads_dir().rglob("*") if p.is_file()}
    assert shipped == declared


def test_generator_specs_cover_every_attachment(export: DemoExport) -> None:
    specs = {spec.relative_path for spec in DEMO_IMAGES} | {spec.relative_path for spec in DEMO_PDFS}
    assert specs == set(_attachment_metadata(export))


def _without_filesizes(meta: dict[str, Any]) -> dict[str, Any]:
    """Byte counts depend on the Pillow/zlib build; the layout must not."""
    sizes = {name: {k: v for k, v in size.items() if k != "filesize"} for name, size in meta["sizes"].items()}
    return {k: v for k, v in meta.items() if k != "filesize"} | {"sizes": sizes}


def test_generator_rebuilds_the_metadata_layout_in_the_export(export: DemoExport, tmp_path: Path) -> None:
    shipped = _attachment_metadata(export)
    for seed, spec in enumerate(DEMO_IMAGES):
        rebuilt = phpserial.loads(build_image(spec, tmp_path, seed))
        assert _without_filesizes(rebuilt) == _without_filesizes(shipped[spec.relative_path])
        assert (tmp_path / spec.relative_path).is_file()


def test_metadata_sync_rewrites_only_the_matching_attachment() -> None:
    xml = demo_export_path().read_text(encoding="utf-8")
    synced = sync_attachment_metadata(
        xml, {"2025/09/child-labour-agriculture-guidance.pdf": 'a:1:{s:8:"filesize";i:7;}'}
    )
    assert synced.count('a:1:{s:8:"filesize";i:7;}') == 1
    assert len(synced.splitlines()) == len(xml.splitlines())
    assert sync_attachment_metadata(xml, {}) == xml
