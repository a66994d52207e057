"""/wp-content/uploads/{path}: stored media files served with their type and validators, nothing outside the root."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.settings import get_settings
from app.media.storage import get_storage

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


@pytest.fixture
def stored(client: TestClient) -> str:
    """A PNG and a PDF put in the media storage the way the importer stores them."""
    storage = get_storage(get_settings())
    storage.put_bytes("2024/03/photo one.png", PNG)
    storage.put_bytes("2024/03/report.pdf", b"%PDF-1.4\n%%EOF\n")
    storage.put_bytes("2024/03/page.html", b"<script>document.cookie</script>")
    return "/wp-content/uploads/2024/03/"


def test_a_stored_file_is_served_with_its_type_and_validators(client: TestClient, stored: str) -> None:
    response = client.get(stored + "photo%20one.png")
    assert response.status_code == 200
    assert response.content == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["ETag"]
    assert response.headers["Last-Modified"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    pdf = client.get(stored + "report.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in pdf.headers, "browsers will not show a sandboxed PDF"


def test_uploaded_pages_cannot_run_scripts_as_this_site(client: TestClient, stored: str) -> None:
    response = client.get(stored + "page.html")
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["Content-Security-Policy"] == "sandbox"


def test_a_matching_etag_answers_304_without_a_body(client: TestClient, stored: str) -> None:
    etag = client.get(stored + "report.pdf").headers["ETag"]
    again = client.get(stored + "report.pdf", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_head_answers_like_get_without_the_body(client: TestClient, stored: str) -> None:
    response = client.head(stored + "report.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Length"] == "15"
    assert response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "2024/03/missing.png",
        "2024/03",
        "2024/03/..%2F..%2F..%2Fetc%2Fpasswd",
        "..%2F..%2Fsecret.txt",
        "2024/03/%2e%2e/%2e%2e/x.png",
        "%2Fetc%2Fpasswd",
    ],
)
def test_missing_files_and_paths_outside_the_root_are_not_found(client: TestClient, stored: str, path: str) -> None:
    secret = Path(get_settings().media_root).parent / "secret.txt"
    secret.write_text("outside the media root")
    response = client.get(f"/wp-content/uploads/{path}")
    assert response.status_code == 404
    assert "outside the media root" not in response.text
