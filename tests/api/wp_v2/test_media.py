"""/wp/v2/media: WordPress 6.1's attachment items, its collection filters and who may read what; /wp/v2/blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import Session

from app.core.settings import get_settings
from app.media.urls import media_url
from app.options.service import set_option
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item, meta

OLD_UPLOADS = "https://old.example/wp-content/uploads"
# A serialized _wp_attachment_metadata: 40x30 with one sub-size, as WordPress 6.1 stores it.
PHOTO_SIZES = 'a:1:{s:9:"thumbnail";a:5:{s:4:"file";s:15:"photo-20x15.png";s:5:"width";i:20;s:6:"height";i:15;'
PHOTO_SIZES += 's:9:"mime-type";s:9:"image/png";s:8:"filesize";i:99;}}'


def _attachment(post_id: int, file: str, *, parent: int = 0, mime_sizes: str = "a:0:{}", **fields: Any) -> str:
    metadata = f'a:4:{{s:5:"width";i:40;s:6:"height";i:30;s:4:"file";s:{len(file)}:"{file}";s:5:"sizes";{mime_sizes}}}'
    metas = [meta("_wp_attached_file", file), meta("_wp_attachment_metadata", metadata)]
    metas.append(meta("_wp_attachment_image_alt", f"Alt {post_id}"))
    return item(
        post_id,
        post_type="attachment",
        status="inherit",
        parent=parent,
        attachment_url=f"{OLD_UPLOADS}/{file}",
        metas=metas,
        **fields,
    )


def _pdf(post_id: int, file: str, *, parent: int = 0) -> str:
    metas = [meta("_wp_attached_file", file), meta("_wp_attachment_metadata", 'a:1:{s:8:"filesize";i:12;}')]
    return item(
        post_id, post_type="attachment", status="inherit", parent=parent, attachment_url=f"{OLD_UPLOADS}/{file}",
        metas=metas, title="Annual report",
    )  # fmt: skip


@pytest.fixture
def site(session: Session, tmp_path: Path) -> dict[str, int]:
    """A published post and a draft, each with an image; an orphan PDF; an image whose file is missing."""
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    Image.new("RGB", (40, 30), "navy").save(uploads / "photo.png")
    Image.new("RGB", (20, 15), "navy").save(uploads / "photo-20x15.png")
    Image.new("RGB", (40, 30), "red").save(uploads / "secret.png")
    (uploads / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    path = export(
        tmp_path,
        item(20, title="Published", slug="published"),
        item(21, title="Draft", slug="unfinished", status="draft"),
        _attachment(10, "2024/03/photo.png", parent=20, mime_sizes=PHOTO_SIZES, excerpt="A caption"),
        _attachment(11, "2024/03/secret.png", parent=21),
        _pdf(12, "2024/03/report.pdf"),
        _attachment(13, "2024/03/elsewhere.png", date="2024-02-01 10:00:00", date_gmt="2024-02-01 09:00:00"),
    )
    import_wxr(path, "--uploads-dir", tmp_path / "uploads", report=tmp_path / "r.json")
    set_option(session, "permalink_structure", "/%year%/%monthnum%/%postname%/")
    session.commit()
    return {"photo": 10, "secret": 11, "pdf": 12, "missing": 13, "post": 20, "draft": 21}


def test_an_image_item_has_wordpress_61_fields_with_our_file_urls(client: TestClient, site: dict[str, int]) -> None:
    response = client.get("/wp-json/wp/v2/media/10")
    assert response.status_code == 200
    body = response.json()
    url = media_url(get_settings().site_url, "2024/03/photo.png")
    assert list(body)[-6:] == ["media_type", "mime_type", "media_details", "post", "source_url", "_links"]
    assert "excerpt" not in body
    assert "content" not in body
    assert (body["media_type"], body["mime_type"], body["post"], body["source_url"]) == ("image", "image/png", 20, url)
    assert body["guid"]["rendered"] == url, "the WordPress importer points a fetched file's GUID at its new URL"
    assert body["alt_text"] == "Alt 10"
    assert body["caption"]["rendered"] == "<p>A caption</p>\n"
    assert body["link"].endswith("/2024/03/published/attachment-10/"), "get_attachment_link: under the parent"
    assert response.headers["Link"] == f'<{body["link"]}>; rel="alternate"; type=text/html'


def test_sizes_rename_mime_type_gain_urls_and_the_full_size(client: TestClient, site: dict[str, int]) -> None:
    details = client.get("/wp-json/wp/v2/media/10").json()["media_details"]
    base = media_url(get_settings().site_url, "2024/03/")
    assert list(details) == ["width", "height", "file", "filesize", "sizes", "image_meta"]
    assert details["file"] == "2024/03/photo.png"
    assert details["sizes"]["thumbnail"] == {
        "file": "photo-20x15.png", "width": 20, "height": 15, "filesize": 99, "mime_type": "image/png",
        "source_url": base + "photo-20x15.png",
    }  # fmt: skip
    assert details["sizes"]["full"] == {
        "file": "photo.png", "width": 40, "height": 30, "mime_type": "image/png", "source_url": base + "photo.png",
    }  # fmt: skip


def test_a_document_is_a_file_with_its_size_and_no_sizes(client: TestClient, site: dict[str, int]) -> None:
    body = client.get("/wp-json/wp/v2/media/12").json()
    assert body["media_type"] == "file"
    assert body["mime_type"] == "application/pdf"
    assert body["media_details"] == {"filesize": 15, "sizes": {}}
    assert body["post"] is None
    assert body["link"].endswith("/attachment-12/"), "an attachment without a parent lives at the site root"


def test_a_file_that_was_not_copied_keeps_its_original_url(client: TestClient, site: dict[str, int]) -> None:
    body = client.get("/wp-json/wp/v2/media/13").json()
    assert body["source_url"] == f"{OLD_UPLOADS}/2024/03/elsewhere.png"


def test_an_image_of_the_front_page_lives_under_the_pages_own_path(
    client: TestClient, session: Session, tmp_path: Path
) -> None:
    path = export(
        tmp_path,
        item(30, post_type="page", title="About us", slug="about-us"),
        _attachment(31, "2024/03/team.png", parent=30),
    )
    import_wxr(path, report=tmp_path / "r.json")
    for name, value in {"permalink_structure": "/%postname%/", "show_on_front": "page", "page_on_front": "30"}.items():
        set_option(session, name, value)
    session.commit()
    # get_attachment_link() builds on _get_page_link(), which ignores page_on_front; the page itself is at "/".
    assert client.get("/wp-json/wp/v2/media/31").json()["link"] == f"{get_settings().site_url}/about-us/attachment-31/"
    assert client.get("/wp-json/wp/v2/pages/30").json()["link"] == f"{get_settings().site_url}/"


def test_links_are_those_of_an_attachment(client: TestClient, site: dict[str, int]) -> None:
    links = client.get("/wp-json/wp/v2/media/10").json()["_links"]
    assert list(links) == ["self", "collection", "about", "author", "replies"]
    assert links["self"][0]["href"].endswith("/wp-json/wp/v2/media/10")
    assert links["about"][0]["href"].endswith("/wp-json/wp/v2/types/attachment")


def test_anonymous_callers_do_not_see_attachments_of_unreadable_posts(client: TestClient, site: dict[str, int]) -> None:
    response = client.get("/wp-json/wp/v2/media?per_page=100")
    assert sorted(item["id"] for item in response.json()) == [10, 12, 13]
    # get_items counts before its per-item check_read_permission, as WordPress 6.1 does.
    assert response.headers["X-WP-Total"] == "4"
    assert "secret.png" not in response.text
    denied = client.get("/wp-json/wp/v2/media/11")
    assert denied.status_code == 401
    assert denied.json()["code"] == "rest_forbidden"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("media_type=image", [10, 13]),
        ("media_type=application", [12]),
        ("mime_type=application/pdf", [12]),
        ("mime_type=image/png&media_type=application", [10, 13]),
        ("mime_type=bogus", [10, 12, 13]),
        ("parent=20", [10]),
        ("parent_exclude=20", [12, 13]),
        ("orderby=date&order=asc", [13, 10, 12]),
    ],
)
def test_collection_filters(client: TestClient, site: dict[str, int], query: str, expected: list[int]) -> None:
    response = client.get(f"/wp-json/wp/v2/media?{query}")
    assert response.status_code == 200, response.text
    ids = [item["id"] for item in response.json()]
    assert ids == expected if "orderby" in query else sorted(ids) == expected


@pytest.mark.parametrize(
    ("query", "param", "code"),
    [
        ("status=private", "status", "rest_forbidden_status"),
        ("status=publish", "status", "rest_not_in_enum"),
        ("media_type=document", "media_type", "rest_not_in_enum"),
        ("per_page=101", "per_page", "rest_out_of_bounds"),
    ],
)
def test_invalid_or_forbidden_parameters_are_refused(
    client: TestClient, site: dict[str, int], query: str, param: str, code: str
) -> None:
    response = client.get(f"/wp-json/wp/v2/media?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "rest_invalid_param"
    assert response.json()["data"]["details"][param]["code"] == code


def test_edit_context_and_other_types_are_refused(client: TestClient, site: dict[str, int]) -> None:
    assert client.get("/wp-json/wp/v2/media?context=edit").status_code == 401
    assert client.get("/wp-json/wp/v2/media/10?context=edit").json()["code"] == "rest_forbidden_context"
    not_media = client.get("/wp-json/wp/v2/media/20")
    assert (not_media.status_code, not_media.json()["code"]) == (404, "rest_post_invalid_id")


def test_embed_context_keeps_the_embeddable_fields(client: TestClient, site: dict[str, int]) -> None:
    body = client.get("/wp-json/wp/v2/media/10?context=embed").json()
    assert "description" not in body
    assert "guid" not in body
    assert "post" not in body
    assert {"caption", "alt_text", "media_details", "source_url"} <= set(body)


def test_a_generated_caption_starts_with_what_the_file_shows(client: TestClient, site: dict[str, int]) -> None:
    # wp_trim_excerpt runs the_content, whose prepend_attachment puts the file first: a PDF without previews
    # shows as a link to its title, which starts the caption; an image shows no words.
    captions = {
        key: client.get(f"/wp-json/wp/v2/media/{site[key]}").json()["caption"]["rendered"]
        for key in ("pdf", "missing", "photo")
    }
    assert captions["pdf"] == "<p>Annual report</p>\n"
    assert captions["missing"] == ""
    assert captions["photo"] == "<p>A caption</p>\n"


def test_embed_adds_the_author_as_the_users_route_answers(client: TestClient, site: dict[str, int]) -> None:
    single = client.get(f"/wp-json/wp/v2/media/{site['photo']}?_embed").json()
    listed = client.get("/wp-json/wp/v2/media?_embed").json()
    assert [author["slug"] for author in single["_embedded"]["author"]] == ["admin"]
    assert {item["id"]: item["_embedded"]["author"][0]["slug"] for item in listed} == dict.fromkeys(
        [10, 12, 13], "admin"
    )
    assert (
        single["_embedded"]["author"][0] == client.get(f"/wp-json/wp/v2/users/{single['author']}?context=embed").json()
    )


def test_anonymous_callers_read_no_reusable_blocks(client: TestClient, session: Session, tmp_path: Path) -> None:
    secret = "<!-- wp:paragraph --><p>Unreleased pricing</p><!-- /wp:paragraph -->"
    path = export(
        tmp_path,
        item(30, post_type="wp_block", title="Shared footer", content="<p>Footer</p>"),
        item(31, post_type="wp_block", title="Draft block", status="draft", content=secret),
    )
    import_wxr(path, report=tmp_path / "r.json")
    listed = client.get("/wp-json/wp/v2/blocks?per_page=100")
    assert listed.status_code == 200
    assert listed.json() == []
    assert client.get("/wp-json/wp/v2/blocks?status=draft").status_code == 400
    for block_id in (30, 31):
        response = client.get(f"/wp-json/wp/v2/blocks/{block_id}")
        assert (response.status_code, response.json()["code"]) == (401, "rest_forbidden")
        assert "Unreleased" not in response.text
