"""``/wp-json/vellum/v1/resolve``: current permalinks, old addresses, old slugs and what stays hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.options.service import set_option
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item, meta

RESOLVE = "/wp-json/vellum/v1/resolve"
HOME = "http://127.0.0.1:8000"


@pytest.fixture
def old_site(tmp_path: Path, clean_db: Engine) -> None:
    """A small WordPress site imported through the CLI: moved posts, a page, an image, hidden entries."""
    path = export(
        tmp_path,
        # Renamed after publishing: WordPress kept the first slug as _wp_old_slug.
        item(10, slug="new-name", date="2017-05-04 09:00:00", link="https://example.com/2017/05/04/new-name/",
             metas=[meta("_wp_old_slug", "first-name")]),
        # On the old site under another permalink structure.
        item(11, slug="kept-slug", date="2018-01-02 09:00:00", link="https://example.com/archives/11"),
        item(12, post_type="page", slug="about", link="https://example.com/about-us/"),
        item(13, post_type="attachment", slug="photo", status="inherit", parent=10,
             link="https://example.com/2017/05/04/new-name/photo/",
             attachment_url="https://example.com/wp-content/uploads/2017/05/photo.jpg"),
        item(14, slug="secret", status="private", date="2019-03-03 09:00:00", link="https://example.com/?p=14",
             metas=[meta("_wp_old_slug", "old-secret")]),
        item(15, slug="unfinished", status="draft", link="https://example.com/?p=15"),
        item(16, post_type="ai1ec_event", slug="spring-fair", metas=[meta("_wp_old_slug", "fair")]),
        item(17, slug="fair", date="2016-01-01 09:00:00"),
    )  # fmt: skip
    import_wxr(path, report=tmp_path / "report.json")


def _resolve(client: TestClient, path: str) -> tuple[int, dict[str, object], dict[str, str]]:
    response = client.get(RESOLVE, params={"path": path}, follow_redirects=False)
    return response.status_code, response.json(), dict(response.headers)


@pytest.mark.usefixtures("old_site")
def test_current_permalink_answers_with_the_wp_v2_item(client: TestClient) -> None:
    status, body, headers = _resolve(client, "/2017/05/04/new-name/")

    assert status == 200
    assert body == client.get("/wp-json/wp/v2/posts/10").json()
    assert headers["link"] == f'<{HOME}/2017/05/04/new-name/>; rel="alternate"; type=text/html'
    assert headers["last-modified"].endswith(" GMT")


@pytest.mark.usefixtures("old_site")
def test_pages_resolve_by_their_path(client: TestClient) -> None:
    status, body, _ = _resolve(client, f"{HOME}/about/")

    assert status == 200
    assert body == client.get("/wp-json/wp/v2/pages/12").json()


@pytest.mark.usefixtures("old_site")
def test_missing_trailing_slash_redirects_to_the_canonical_link(client: TestClient) -> None:
    status, _, headers = _resolve(client, "/2017/05/04/new-name")

    assert status == 301
    assert headers["location"] == f"{HOME}/2017/05/04/new-name/"


@pytest.mark.usefixtures("old_site")
@pytest.mark.parametrize(
    ("old", "current"),
    [
        ("/archives/11", "/2018/01/02/kept-slug/"),
        ("/about-us/", "/about/"),
        ("/about-us", "/about/"),
        ("/?p=11", "/2018/01/02/kept-slug/"),
        ("/?page_id=12", "/about/"),
    ],
)
def test_old_links_and_guids_redirect_to_the_current_link(client: TestClient, old: str, current: str) -> None:
    status, body, headers = _resolve(client, old)

    assert status == 301
    assert headers["location"] == HOME + current
    assert body["link"] == HOME + current


@pytest.mark.usefixtures("old_site")
def test_old_file_url_redirects_to_the_attachment(client: TestClient) -> None:
    status, body, headers = _resolve(client, "https://example.com/wp-content/uploads/2017/05/photo.jpg")

    assert status == 301
    assert body["id"] == 13
    assert headers["location"] == body["link"]
    assert _resolve(client, str(body["link"]))[0] == 200


@pytest.mark.usefixtures("old_site")
def test_answers_revalidate_by_last_modified(client: TestClient) -> None:
    _, _, headers = _resolve(client, "/about/")

    response = client.get(RESOLVE, params={"path": "/about/"}, headers={"If-Modified-Since": headers["last-modified"]})

    assert response.status_code == 304


@pytest.mark.usefixtures("old_site")
def test_old_slug_redirects_like_wp_old_slug_redirect(client: TestClient) -> None:
    status, body, headers = _resolve(client, "/2017/05/04/first-name/")

    assert status == 301
    assert headers["location"] == f"{HOME}/2017/05/04/new-name/"
    assert body["id"] == 10


@pytest.mark.usefixtures("old_site")
def test_old_slug_with_another_date_in_the_path_is_not_found(client: TestClient) -> None:
    status, _, _ = _resolve(client, "/2016/01/01/first-name/")

    assert status == 404


@pytest.mark.usefixtures("old_site")
@pytest.mark.parametrize("path", ["/2019/03/03/secret/", "/?p=14", "/2019/03/03/old-secret/", "/?p=15", "/?p=999"])
def test_private_drafts_and_unknown_ids_are_not_found_for_visitors(client: TestClient, path: str) -> None:
    status, _, headers = _resolve(client, path)

    assert status == 404
    assert headers["content-type"] == "application/problem+json"


@pytest.mark.usefixtures("old_site")
def test_unknown_path_is_a_problem_document(client: TestClient) -> None:
    status, body, headers = _resolve(client, "/nothing/here/")

    assert status == 404
    assert body["status"] == 404
    assert body["code"] == "vellum_path_not_found"
    assert headers["cache-control"] == "no-store"


def test_path_is_required(client: TestClient) -> None:
    response = client.get(RESOLVE)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.usefixtures("old_site")
def test_plain_permalinks_resolve_query_links(client: TestClient, session: Session) -> None:
    set_option(session, "permalink_structure", "")
    session.commit()

    status, body, _ = _resolve(client, "/?p=10")
    moved, _, headers = _resolve(client, "/2017/05/04/new-name/")

    assert (status, body["id"]) == (200, 10)
    assert (moved, headers["location"]) == (301, f"{HOME}/?p=10")


@pytest.mark.usefixtures("old_site")
def test_post_id_structures_resolve_by_the_number_in_the_path(client: TestClient, session: Session) -> None:
    set_option(session, "permalink_structure", "/archives/%post_id%")
    session.commit()

    status, body, _ = _resolve(client, "/archives/11")
    moved, _, headers = _resolve(client, "/2017/05/04/new-name/")

    assert (status, body["id"]) == (200, 11)
    assert (moved, headers["location"]) == (301, f"{HOME}/archives/10")


@pytest.mark.usefixtures("old_site")
def test_old_slugs_of_a_custom_type_stay_within_that_type(client: TestClient) -> None:
    # The event calendar's rewrite slug is "event".
    status, body, headers = _resolve(client, "/event/fair/")

    assert status == 301
    assert body["id"] == 16
    assert headers["location"] == f"{HOME}/event/spring-fair/"
