"""What a media file really is: MIME sniffing, image dimensions and the type checks copying relies on."""

from __future__ import annotations

import io
import wave
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from app.media.files import image_dimensions, mime_for_filename, mime_matches, sniff_mime


def image_bytes(image_format: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, image_format)
    return buffer.getvalue()


def zip_bytes(*members: str, mimetype: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for member in members:
            archive.writestr(member, "<xml/>")
    return buffer.getvalue()


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 80)
    return buffer.getvalue()


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = b"ftyp" + major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return (len(body) + 4).to_bytes(4, "big") + body + b"\x00\x00\x00\x08free"


EBML_WEBM = b"\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\xf2\x81\x04B\xf3\x81\x08B\x82\x84webm"
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 60
OGG_VORBIS = b"OggS\x00\x02" + b"\x00" * 20 + b"\x01\x1e\x01vorbis" + b"\x00" * 20

SAMPLES = [
    (image_bytes("JPEG"), "a.jpg", "image/jpeg"),
    (image_bytes("PNG"), "a.png", "image/png"),
    (image_bytes("GIF"), "a.gif", "image/gif"),
    (image_bytes("WEBP"), "a.webp", "image/webp"),
    (image_bytes("BMP"), "a.bmp", "image/bmp"),
    (image_bytes("TIFF"), "a.tif", "image/tiff"),
    (image_bytes("ICO", (32, 32)), "favicon.ico", "image/x-icon"),
    (ftyp(b"avif", b"mif1", b"miaf"), "a.avif", "image/avif"),
    (ftyp(b"heic", b"mif1", b"heic"), "a.heic", "image/heic"),
    (ftyp(b"mif1", b"mif1", b"avif"), "a.avif", "image/avif"),
    (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "a.svg", "image/svg+xml"),
    (image_bytes("PDF"), "a.pdf", "application/pdf"),
    (zip_bytes("a.txt"), "a.zip", "application/zip"),
    (zip_bytes("[Content_Types].xml", "word/document.xml"), "a.docx", mime_for_filename("a.docx")),
    (zip_bytes("[Content_Types].xml", "xl/workbook.xml"), "a.xlsx", mime_for_filename("a.xlsx")),
    (zip_bytes("[Content_Types].xml", "ppt/presentation.xml"), "a.pptx", mime_for_filename("a.pptx")),
    (zip_bytes("content.xml", mimetype="application/vnd.oasis.opendocument.text"), "a.odt", mime_for_filename("a.odt")),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00" + MP3_FRAME, "a.mp3", "audio/mpeg"),
    (MP3_FRAME, "a.mp3", "audio/mpeg"),
    (ftyp(b"isom", b"isom", b"mp42"), "a.mp4", "video/mp4"),
    (ftyp(b"M4A ", b"M4A ", b"isom"), "a.m4a", "audio/mp4"),
    (ftyp(b"mp42", b"isom"), "a.m4a", "audio/mp4"),
    (ftyp(b"qt  ", b"qt  "), "a.mov", "video/quicktime"),
    (OGG_VORBIS, "a.ogg", "audio/ogg"),
    (wav_bytes(), "a.wav", "audio/wav"),
    (EBML_WEBM, "a.webm", "video/webm"),
    (b"Plain words.\nMore words.\n", "a.txt", "text/plain"),
    ("name,city\nJosé,Lima\n".encode(), "a.csv", "text/csv"),
]


@pytest.mark.parametrize(("head", "filename", "expected"), SAMPLES, ids=[sample[1] for sample in SAMPLES])
def test_sniff_mime_recognises_the_content(head: bytes, filename: str, expected: str) -> None:
    assert sniff_mime(head, filename) == expected


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (image_bytes("PNG"), "photo.jpg", "image/png"),
        (image_bytes("JPEG"), "report.pdf", "image/jpeg"),
        (b"just text", "photo.jpg", "text/plain"),
        (zip_bytes("a.txt"), "a.docx", mime_for_filename("a.docx")),
        (image_bytes("GIF"), "anim.webm", "image/gif"),
    ],
)
def test_sniff_mime_believes_the_bytes_over_the_name(head: bytes, filename: str, expected: str) -> None:
    assert sniff_mime(head, filename) == expected


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (b"", "a.png", "image/png"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old.doc", "application/msword"),
        (b"\x00\x01\x02binary", "a.unknownext", "application/octet-stream"),
        (b"\x00\x01\x02binary", "NOEXT", "application/octet-stream"),
    ],
)
def test_sniff_mime_falls_back_to_the_extension(head: bytes, filename: str, expected: str) -> None:
    assert sniff_mime(head, filename) == expected


def test_mime_for_filename_ignores_case_and_folders() -> None:
    assert mime_for_filename("2024/03/PHOTO.JPEG") == "image/jpeg"
    assert mime_for_filename("2024.03/readme") == "application/octet-stream"


@pytest.mark.parametrize(
    ("declared", "sniffed", "expected"),
    [
        ("image/jpeg", "image/jpeg", True),
        ("image/jpg", "image/jpeg", True),
        ("IMAGE/JPEG", "image/jpeg", True),
        ("audio/mpeg", "audio/mp4", True),
        ("image/jpeg", "image/png", False),
        ("application/pdf", "text/plain", False),
        ("audio/mp4", "audio/mpeg", False),
    ],
)
def test_mime_matches_allows_synonyms_and_wordpress_labels_only(declared: str, sniffed: str, expected: bool) -> None:
    assert mime_matches(declared, sniffed) is expected


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP"])
def test_image_dimensions_reads_width_and_height(tmp_path: Path, image_format: str) -> None:
    path = tmp_path / f"image.{image_format.lower()}"
    path.write_bytes(image_bytes(image_format, (123, 45)))

    assert image_dimensions(path) == (123, 45)


def test_image_dimensions_does_not_decode_the_pixels(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((640, 480), 100).save(buffer, "PNG")
    path = tmp_path / "cut.png"
    # Cut inside the pixel data: decoding would fail, the header alone still answers.
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])

    assert image_dimensions(path) == (640, 480)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("doc.pdf", image_bytes("PDF")),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really"),
        ("empty.png", b""),
        ("notes.txt", b"hello"),
    ],
)
def test_image_dimensions_is_none_for_non_images_and_broken_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert image_dimensions(path) is None


def test_image_dimensions_is_none_for_a_missing_file(tmp_path: Path) -> None:
    assert image_dimensions(tmp_path / "nothing.png") is None
