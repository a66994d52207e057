"""Entries of every post type go in through the services with their typed fields and come back out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session

from app.content.registry import detail_model_for
from app.content.service import EntryWrite, delete_entry, get_details, get_entry, get_meta, save_entries, update_entry
from app.core.errors import InvalidInput, NotFound
from tests.builders import make_entry, make_term

TYPED_DETAILS: dict[str, dict[str, Any]] = {
    "attachment": {
        "file": "2024/03/beach.jpg",
        "mime_type": "image/jpeg",
        "filesize": 512345,
        "width": 2560,
        "height": 1707,
        "alt_text": "A beach",
        "sizes": {"thumbnail": {"file": "beach-150x150.jpg", "width": 150, "height": 150, "mime-type": "image/jpeg"}},
        "image_meta": {"camera": "", "keywords": []},
        "original_image": "beach.jpg",
    },
    "nav_menu_item": {
        "menu_id": 5,
        "parent_item_id": 0,
        "item_type": "post_type",
        "object": "page",
        "object_id": 42,
        "target": "_blank",
        "classes": ["menu-cta", "wide"],
        "xfn": "nofollow",
    },
    "custom_css": {"stylesheet": "twentytwentythree", "content_filtered": "$c: red; body { color: $c }"},
    "customize_changeset": {
        "uuid": "3f2b4c1a-9d5e-4b7f-8a6c-2e1d0f9b8a7c",
        "settings": {"blogname": {"value": "New", "type": "option", "user_id": 1}},
    },
    "oembed_cache": {"cache_key": "0d9c1d4cb8c1ed4b8f2e7c4f1ab2a8e3", "html": "<iframe src=x></iframe>"},
    "user_request": {
        "email": "someone@example.org",
        "action": "export_personal_data",
        "request_status": "request-confirmed",
        "data": [],
        "confirmed_at": datetime(2024, 3, 2, 9, 30, tzinfo=UTC),
    },
    "wp_block": {"sync_status": "unsynced"},
    "acf-field-group": {
        "key": "group_65a1b2c3d4e5f",
        "location": [[{"param": "post_type", "operator": "==", "value": "post"}]],
        "settings": {"position": "normal", "style": "default"},
        "is_active": True,
    },
    "acf-field": {
        "key": "field_65a1b2c3d4e60",
        "name": "hero_title",
        "label": "Hero title",
        "field_type": "text",
        "parent_id": 7,
        "settings": {"maxlength": "", "required": 0},
    },
    "ai1ec_event": {
        "starts_at": datetime(2024, 6, 3, 7, 0, tzinfo=UTC),
        "ends_at": datetime(2024, 6, 3, 9, 0, tzinfo=UTC),
        "timezone_name": "Europe/Geneva",
        "recurrence_rules": "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
        "exception_dates": "20240610T070000Z",
        "venue": "Palais des Nations",
        "address": "Avenue de la Paix 8, Geneva",
        "latitude": 46.2266,
        "longitude": 6.1408,
        "cost": "10",
        "is_free": False,
        "ticket_url": "https://example.org/tickets",
    },
}


@pytest.mark.parametrize("post_type", sorted(TYPED_DETAILS))
def test_each_typed_post_type_round_trips_its_details(session: Session, post_type: str) -> None:
    entry = make_entry(session, id=1000, type=post_type, slug=f"x-{post_type}", details=TYPED_DETAILS[post_type])
    session.commit()
    session.expunge_all()

    loaded = get_entry(session, 1000)
    assert loaded.type == post_type
    details = get_details(session, loaded)
    assert details is not None
    for name, value in TYPED_DETAILS[post_type].items():
        assert getattr(details, name) == value, name
    assert entry.id == 1000


@pytest.mark.parametrize("post_type", sorted(TYPED_DETAILS))
def test_details_left_out_take_the_model_defaults(session: Session, post_type: str) -> None:
    model = detail_model_for(post_type)
    assert model is not None
    required = {
        name: value for name, value in TYPED_DETAILS[post_type].items() if model.model_fields[name].is_required()
    }
    make_entry(session, id=1001, type=post_type, slug=f"d-{post_type}", details=required)
    session.commit()
    session.expunge_all()

    details = get_details(session, get_entry(session, 1001))
    expected = model(entry_id=1001, **required)
    for name in model.__table__.columns.keys():  # type: ignore[attr-defined]
        assert getattr(details, name) == getattr(expected, name), name


@pytest.mark.parametrize("post_type", ["post", "page", "revision"])
def test_common_post_types_keep_every_column(session: Session, post_type: str) -> None:
    make_entry(
        session,
        id=51,
        type=post_type,
        status="private",
        title="T\u00edtulo \u0645\u0631\u062d\u0628\u0627 \U0001f600",
        content="<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->",
        excerpt="Short",
        parent_id=50,
        menu_order=3,
        password="secret",
        comment_status="closed",
        guid="https://old.example.org/?p=51",
        is_sticky=True,
        featured_media_id=761,
        template="templates/full-width.php",
    )
    session.commit()
    session.expunge_all()
    entry = get_entry(session, 51)
    assert (entry.title, entry.parent_id, entry.menu_order, entry.password) == (
        "T\u00edtulo \u0645\u0631\u062d\u0628\u0627 \U0001f600",
        50,
        3,
        "secret",
    )
    assert (entry.is_sticky, entry.featured_media_id, entry.template) == (True, 761, "templates/full-width.php")
    assert entry.date == datetime(2024, 3, 1, 13, 0)
    assert get_details(session, entry) is None


def test_unknown_post_type_and_unknown_meta_round_trip_unchanged(session: Session) -> None:
    meta = [
        ("partner_country", "Ghana"),
        ("_secret_plugin_blob", 'a:2:{s:3:"one";i:1;s:3:"two";a:1:{i:0;s:1:"x";}}'),
        ("partner_country", "Ghana"),
        ("crlf", "line one\r\nline two"),
    ]
    make_entry(session, id=77, type="partner", slug="ilo", extra={"wp:unknown": ["kept"]}, meta=meta)
    session.commit()
    session.expunge_all()

    entry = get_entry(session, 77)
    assert entry.type == "partner"
    assert entry.extra == {"wp:unknown": ["kept"]}
    rows = get_meta(session, 77)
    assert [(row.key, row.value_raw) for row in rows] == meta
    assert rows[1].value == {"one": 1, "two": ["x"]}
    assert rows[0].value == "Ghana"


def test_new_entries_take_the_next_free_id_after_wordpress_ids(session: Session) -> None:
    make_entry(session, id=1787, slug="imported")
    created = make_entry(session, slug="written-here")
    session.commit()
    assert created.id == 1788


def test_update_replaces_what_is_given_and_keeps_the_rest(session: Session) -> None:
    category = make_term(session, slug="news")
    make_entry(session, id=5, meta=[("a", "1")], term_ids=[category.id or 0])
    update_entry(session, 5, fields={"title": "New title"}, meta=[("b", "2")])
    session.commit()
    session.expunge_all()
    entry = get_entry(session, 5)
    assert entry.title == "New title"
    assert entry.slug == "a-post"
    assert [(row.key, row.value_raw) for row in get_meta(session, 5)] == [("b", "2")]


def test_update_of_typed_details_keeps_other_detail_fields(session: Session) -> None:
    make_entry(session, id=9, type="attachment", details=TYPED_DETAILS["attachment"])
    update_entry(session, 9, details={"alt_text": "Changed"})
    session.commit()
    session.expunge_all()
    details = get_details(session, get_entry(session, 9))
    assert details is not None
    assert (details.alt_text, details.width) == ("Changed", 2560)


def test_saving_an_existing_id_again_replaces_it_whole(session: Session) -> None:
    write = EntryWrite(fields={"id": 3, "type": "post", "title": "One"}, meta=[("k", "v1")])
    save_entries(session, [write])
    save_entries(session, [EntryWrite(fields={"id": 3, "type": "post", "title": "Two"}, meta=[("k", "v2")])])
    session.commit()
    assert [(row.key, row.value_raw) for row in get_meta(session, 3)] == [("k", "v2")]
    assert get_entry(session, 3).title == "Two"


def test_delete_removes_the_entry_with_its_details_and_meta(session: Session) -> None:
    make_entry(session, id=8, type="ai1ec_event", details=TYPED_DETAILS["ai1ec_event"], meta=[("k", "v")])
    delete_entry(session, 8)
    session.commit()
    with pytest.raises(NotFound):
        get_entry(session, 8)
    assert get_meta(session, 8) == []


def test_unknown_fields_are_refused_and_nothing_is_written(session: Session) -> None:
    with pytest.raises(InvalidInput, match="colour"):
        save_entries(session, [EntryWrite(fields={"id": 4, "type": "post", "colour": "red"})])
    with pytest.raises(InvalidInput, match="attachment field"):
        save_entries(session, [EntryWrite(fields={"id": 4, "type": "attachment"}, details={"colour": 3})])
    session.rollback()
    with pytest.raises(NotFound):
        get_entry(session, 4)
