"""Vellum's extra item fields: typed ``acf`` values, the ``blocks`` tree on request, the ``event`` object."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.wp_v2.extensions import acf_field_schema, extension_field_schemas, load_field_index
from tests.acf.builders import make_acf_group
from tests.acf.schema_check import violations
from tests.builders import make_entry, make_post, make_term, make_user
from tests.importers.wxr.cli import import_wxr
from tests.shared import SHARED

WORDPRESS_DB = SHARED / "fixtures" / "wordpress-db"

BLOCK_CONTENT = (
    '<!-- wp:group -->\n<div class="wp-block-group"><!-- wp:paragraph {"align":"center"} -->\n'
    '<p class="has-text-align-center">Hello</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->\n\n'
    "<!-- wp:separator /-->"
)


def test_acf_values_are_typed_and_fields_of_inactive_groups_stay_hidden(client: TestClient, session: Session) -> None:
    make_acf_group(session, key="group_live", status="publish", field_name="rating")
    make_acf_group(session, key="group_off", status="acf-disabled", field_name="internal_note")
    post = make_post(session, acf={"rating": 4, "tags_list": ["a", "b"], "internal_note": "draft idea"})
    plain = make_post(session, slug="plain")
    session.commit()

    item = client.get(f"/wp-json/wp/v2/posts/{post.id}").json()
    assert item["acf"] == {"rating": 4, "tags_list": ["a", "b"]}
    assert list(item)[-2:] == ["acf", "_links"]
    assert client.get(f"/wp-json/wp/v2/posts/{plain.id}").json()["acf"] == {}
    listed = client.get("/wp-json/wp/v2/posts").json()
    assert {row["id"]: row["acf"] for row in listed} == {post.id: item["acf"], plain.id: {}}


def test_acf_respects_fields_and_is_left_out_of_embeds(client: TestClient, session: Session) -> None:
    post = make_post(session, acf={"rating": 4, "subtitle": "More"})
    session.commit()
    assert client.get(f"/wp-json/wp/v2/posts/{post.id}?_fields=id,acf.rating").json() == {
        "id": post.id,
        "acf": {"rating": 4},
    }
    assert "acf" not in client.get(f"/wp-json/wp/v2/posts/{post.id}?context=embed").json()


def test_terms_and_users_carry_their_acf_values(client: TestClient, session: Session) -> None:
    term = make_term(session, slug="news", acf={"colour": "#ff0000"})
    user = make_user(session, login="writer", acf={"twitter": "@writer"})
    make_post(session, author_id=user.id, term_ids=[term.id])
    session.commit()
    assert client.get(f"/wp-json/wp/v2/categories/{term.id}").json()["acf"] == {"colour": "#ff0000"}
    assert client.get("/wp-json/wp/v2/categories").json()[0]["acf"] == {"colour": "#ff0000"}
    assert client.get(f"/wp-json/wp/v2/users/{user.id}").json()["acf"] == {"twitter": "@writer"}
    assert client.get("/wp-json/wp/v2/users").json()[0]["acf"] == {"twitter": "@writer"}


def test_blocks_come_only_on_request_with_each_blocks_rendered_html(client: TestClient, session: Session) -> None:
    post = make_post(session, content=BLOCK_CONTENT)
    session.commit()
    assert "blocks" not in client.get(f"/wp-json/wp/v2/posts/{post.id}").json()

    blocks = client.get(f"/wp-json/wp/v2/posts/{post.id}?_blocks=1").json()["blocks"]
    assert [block["name"] for block in blocks] == ["core/group", "core/separator"]
    group = blocks[0]
    assert group["attributes"] == {}
    paragraph = group["inner_blocks"][0]
    assert paragraph["name"] == "core/paragraph"
    assert paragraph["attributes"] == {"align": "center"}
    assert paragraph["inner_html"] == '\n<p class="has-text-align-center">Hello</p>\n'
    assert paragraph["inner_blocks"] == []
    # render_block() keeps the saved markup of a static block.
    # render_block() adds the layout class of WordPress 6.1's layout support to the group.
    assert (
        group["rendered"]
        == '\n<div class="is-layout-flow wp-block-group">\n<p class="has-text-align-center">Hello</p>\n</div>\n'
    )
    assert paragraph["rendered"] == paragraph["inner_html"]
    listed = client.get("/wp-json/wp/v2/posts?_blocks=true").json()
    assert listed[0]["blocks"] == blocks


def test_blocks_of_a_protected_post_need_its_password(client: TestClient, session: Session) -> None:
    post = make_post(session, content=BLOCK_CONTENT, password="open sesame")
    session.commit()
    assert client.get(f"/wp-json/wp/v2/posts/{post.id}?_blocks=1").json()["blocks"] == []
    unlocked = client.get(f"/wp-json/wp/v2/posts/{post.id}?_blocks=1&password=open sesame").json()
    assert len(unlocked["blocks"]) == 2
    assert client.get("/wp-json/wp/v2/posts?_blocks=1").json()[0]["blocks"] == []


def _event(session: Session, slug: str, starts_at: datetime, **columns: Any) -> int:
    details: dict[str, Any] = {"starts_at": starts_at, "ends_at": starts_at.replace(hour=starts_at.hour + 2)}
    entry = make_entry(session, type="ai1ec_event", slug=slug, details={**details, **columns})
    return int(entry.id or 0)


def test_event_items_carry_typed_dates_place_and_recurrence(client: TestClient, session: Session) -> None:
    event_id = _event(
        session,
        "forum",
        datetime(2025, 3, 27, 8, 0, tzinfo=UTC),
        timezone_name="Europe/Zurich",
        recurrence_rules="FREQ=WEEKLY;COUNT=3",
        exception_dates="20250403T080000Z",
        venue="Town Hall",
        city="Bern",
        latitude=46.948,
        longitude=7.4474,
        contact_name="Ana",
        contact_email="ana@example.org",
        cost="10 CHF",
        ticket_url="https://tickets.example.org/forum",
    )
    session.commit()
    item = client.get(f"/wp-json/wp/v2/events/{event_id}").json()
    assert item["type"] == "ai1ec_event"
    event = item["event"]
    assert event["starts_at"] == "2025-03-27T09:00:00+01:00"
    assert event["ends_at"] == "2025-03-27T11:00:00+01:00"
    assert event["timezone"] == "Europe/Zurich"
    assert (event["all_day"], event["instant"], event["is_free"]) == (False, False, False)
    assert event["recurrence"] == {
        "rules": ["FREQ=WEEKLY;COUNT=3"],
        "exception_rules": [],
        "dates": [],
        "exception_dates": ["2025-04-03T08:00:00Z"],
    }
    assert event["venue"]["name"] == "Town Hall"
    assert event["venue"]["geo"] == {"latitude": 46.948, "longitude": 7.4474}
    # Anonymous callers never see e-mail addresses.
    assert event["contact"] == {"name": "Ana", "phone": "", "email": "", "url": ""}
    assert (event["cost"], event["ticket_url"]) == ("10 CHF", "https://tickets.example.org/forum")
    assert "event" not in client.get("/wp-json/wp/v2/posts?_fields=id").json()


def test_event_collection_filters_on_the_first_start(client: TestClient, session: Session) -> None:
    early = _event(session, "early", datetime(2025, 1, 10, 9, 0, tzinfo=UTC))
    middle = _event(session, "middle", datetime(2025, 6, 10, 9, 0, tzinfo=UTC))
    late = _event(session, "late", datetime(2025, 12, 10, 9, 0, tzinfo=UTC))
    session.commit()

    def ids(query: str) -> set[int]:
        response = client.get(f"/wp-json/wp/v2/events?{query}")
        assert response.status_code == 200, response.text
        return {row["id"] for row in response.json()}

    assert ids("starts_after=2025-03-01T00:00:00Z") == {middle, late}
    assert ids("starts_before=2025-07-01T00:00:00%2B02:00") == {early, middle}
    assert ids("starts_after=2025-06-10T09:00:00Z&starts_before=2025-06-10T09:00:01Z") == {middle}
    assert client.get("/wp-json/wp/v2/events?starts_after=2025-06-01T00:00:00Z").headers["X-WP-Total"] == "2"


def test_event_filter_refuses_unreadable_dates_as_wordpress_does(client: TestClient) -> None:
    response = client.get("/wp-json/wp/v2/events?starts_after=next+week&starts_before=2025-13-01T00:00:00")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "rest_invalid_param"
    assert body["message"] == "Invalid parameter(s): starts_after, starts_before"
    assert body["data"]["params"] == {"starts_after": "Invalid date.", "starts_before": "Invalid date."}
    assert body["data"]["details"]["starts_after"]["code"] == "rest_invalid_date"


def test_acf_schema_lists_active_groups_fields_only(session: Session) -> None:
    make_acf_group(session, key="group_live", status="publish", field_name="rating")
    make_acf_group(session, key="group_off", status="acf-disabled", field_name="internal_note")
    session.commit()
    schema = acf_field_schema(load_field_index(session))
    assert set(schema["properties"]) == {"rating"}
    assert set(schema["x-vellum-field-groups"]) == {"group_live"}
    assert schema["readonly"] is True
    assert set(extension_field_schemas(load_field_index(session), "ai1ec_event")) == {"acf", "blocks", "event"}


def test_knowledge_hub_acf_values_conform_to_their_groups_schema(
    client: TestClient, session: Session, tmp_path: Path
) -> None:
    if not (WORDPRESS_DB / "export.xml").is_file():
        pytest.skip("shared wordpress-db fixtures are not available")
    import_wxr(WORDPRESS_DB / "export.xml", report=tmp_path / "r.json")
    schema = acf_field_schema(load_field_index(session))
    item = client.get("/wp-json/wp/v2/posts/17").json()
    assert item["acf"]["is_featured"] is True
    assert item["acf"]["photo_gallery"] == [117, 67]
    assert violations(item["acf"], schema) == []
    listed = client.get("/wp-json/wp/v2/posts", params={"per_page": 100, "_fields": "id,acf"}).json()
    with_values = [row for row in listed if row["acf"]]
    assert with_values
    assert all(violations(row["acf"], schema) == [] for row in with_values)


def _rule(param: str, value: str, operator: str = "==") -> list[dict[str, str]]:
    return [{"param": param, "operator": operator, "value": value}]


def test_options_show_each_acf_group_on_the_objects_its_location_rules_target(
    client: TestClient, session: Session
) -> None:
    make_acf_group(
        session, key="group_post", status="publish", field_name="rating", location=[_rule("post_type", "post")]
    )
    make_acf_group(
        session, key="group_page", status="publish", field_name="hero", location=[_rule("page_template", "x")]
    )
    not_pages = [_rule("post_type", "page", "!=")]
    make_acf_group(session, key="group_not_page", status="publish", field_name="summary", location=not_pages)
    make_acf_group(
        session, key="group_term", status="publish", field_name="colour", location=[_rule("taxonomy", "category")]
    )
    make_acf_group(
        session, key="group_user", status="publish", field_name="pronouns", location=[_rule("user_form", "all")]
    )
    make_acf_group(
        session, key="group_off", status="acf-disabled", field_name="secret", location=[_rule("post_type", "post")]
    )
    session.commit()

    def acf(path: str) -> dict[str, Any]:
        return dict(client.options(path).json()["schema"]["properties"]["acf"])

    assert set(acf("/wp-json/wp/v2/posts")["x-vellum-field-groups"]) == {"group_post", "group_not_page"}
    assert set(acf("/wp-json/wp/v2/posts")["properties"]) == {"rating", "summary"}
    assert set(acf("/wp-json/wp/v2/pages/2")["properties"]) == {"hero"}
    assert set(acf("/wp-json/wp/v2/events")["properties"]) == {"summary"}
    assert set(acf("/wp-json/wp/v2/categories")["properties"]) == {"colour"}
    assert acf("/wp-json/wp/v2/tags")["properties"] == {}
    assert set(acf("/wp-json/wp/v2/users")["properties"]) == {"pronouns"}
    group = acf("/wp-json/wp/v2/posts")["x-vellum-field-groups"]["group_post"]
    assert group["properties"]["rating"] == {"type": ["string", "null"]}
