"""Typed ACF values decoded from meta rows and encoded back, one field type at a time."""

from __future__ import annotations

from typing import Any

import pytest

from app.acf.values import decode_values, encode_values
from tests.acf.builders import FieldSet, meta_for

LINK_RAW = 'a:3:{s:5:"title";s:9:"Read more";s:3:"url";s:26:"https://example.com/about/";s:6:"target";s:6:"_blank";}'
MAP_RAW = 'a:4:{s:7:"address";s:6:"Berlin";s:3:"lat";s:7:"52.5200";s:3:"lng";d:13.405;s:4:"zoom";s:2:"14";}'
IDS_RAW = 'a:2:{i:0;s:2:"12";i:1;s:2:"34";}'
CHOICES_RAW = 'a:2:{i:0;s:3:"red";i:1;s:4:"blue";}'

# (field type, settings, stored meta_value, decoded value)
SCALARS: list[tuple[str, dict[str, Any], str, Any]] = [
    ("text", {}, "Welcome", "Welcome"),
    ("textarea", {}, "Line one\nLine two", "Line one\nLine two"),
    ("wysiwyg", {}, "<p>Hello</p>", "<p>Hello</p>"),
    ("email", {}, "ana@example.com", "ana@example.com"),
    ("url", {}, "https://example.com/", "https://example.com/"),
    ("password", {}, "s3cret", "s3cret"),
    ("oembed", {}, "https://www.youtube.com/watch?v=x", "https://www.youtube.com/watch?v=x"),
    ("color_picker", {}, "#1e73be", "#1e73be"),
    ("radio", {"choices": {"a": "A"}}, "a", "a"),
    ("button_group", {"choices": {"l": "Left"}}, "l", "l"),
    ("select", {"multiple": 0}, "red", "red"),
    ("select", {"multiple": 1}, CHOICES_RAW, ["red", "blue"]),
    ("checkbox", {}, CHOICES_RAW, ["red", "blue"]),
    ("number", {}, "1250", 1250),
    ("number", {}, "1250.5", 1250.5),
    ("number", {}, "-3", -3),
    ("range", {}, "40", 40),
    ("true_false", {}, "1", True),
    ("true_false", {}, "0", False),
    ("date_picker", {}, "20240315", "2024-03-15"),
    ("date_time_picker", {}, "2024-03-15 14:30:00", "2024-03-15T14:30:00"),
    ("time_picker", {}, "14:30:00", "14:30:00"),
    ("image", {}, "123", 123),
    ("file", {}, "7", 7),
    ("post_object", {"multiple": 0}, "12", 12),
    ("post_object", {"multiple": 1}, IDS_RAW, [12, 34]),
    ("page_link", {"multiple": 0}, "12", 12),
    ("page_link", {"multiple": 1}, IDS_RAW, [12, 34]),
    ("user", {"multiple": 0}, "3", 3),
    ("user", {"multiple": 1}, IDS_RAW, [12, 34]),
    ("taxonomy", {"field_type": "select"}, "7", 7),
    ("taxonomy", {"field_type": "radio"}, "7", 7),
    ("taxonomy", {"field_type": "checkbox"}, 'a:1:{i:0;s:1:"7";}', [7]),
    ("taxonomy", {"field_type": "multi_select"}, IDS_RAW, [12, 34]),
    ("relationship", {}, IDS_RAW, [12, 34]),
    ("gallery", {}, IDS_RAW, [12, 34]),
    ("link", {}, LINK_RAW, {"title": "Read more", "url": "https://example.com/about/", "target": "_blank"}),
]

# Values ACF writes for an empty field, and what they decode to.
EMPTIES: list[tuple[str, dict[str, Any], Any]] = [
    ("text", {}, ""),
    ("select", {"multiple": 0}, ""),
    ("select", {"multiple": 1}, []),
    ("checkbox", {}, []),
    ("number", {}, None),
    ("range", {}, None),
    ("true_false", {}, False),
    ("date_picker", {}, None),
    ("date_time_picker", {}, None),
    ("time_picker", {}, None),
    ("image", {}, None),
    ("file", {}, None),
    ("post_object", {"multiple": 0}, None),
    ("post_object", {"multiple": 1}, []),
    ("user", {"multiple": 0}, None),
    ("taxonomy", {"field_type": "radio"}, None),
    ("taxonomy", {"field_type": "checkbox"}, []),
    ("relationship", {}, []),
    ("gallery", {}, []),
    ("link", {}, None),
    ("google_map", {}, None),
    ("repeater", {}, []),
    ("flexible_content", {}, []),
]


def _single_field(field_type: str, settings: dict[str, Any], raw: str) -> tuple[FieldSet, list[tuple[str, str]]]:
    fields = FieldSet()
    field = fields.add(field_type, "value", **settings)
    return fields, meta_for(field, raw)


@pytest.mark.parametrize(("field_type", "settings", "raw", "expected"), SCALARS)
def test_stored_value_decodes_to_its_typed_form(
    field_type: str, settings: dict[str, Any], raw: str, expected: Any
) -> None:
    fields, meta = _single_field(field_type, settings, raw)

    assert decode_values(meta, fields.index()) == {"value": expected}


@pytest.mark.parametrize(("field_type", "settings", "raw", "expected"), SCALARS)
def test_typed_value_encodes_back_to_the_stored_rows(
    field_type: str, settings: dict[str, Any], raw: str, expected: Any
) -> None:
    fields, meta = _single_field(field_type, settings, raw)

    assert encode_values({"value": expected}, fields.index()) == meta


@pytest.mark.parametrize(("field_type", "settings", "expected"), EMPTIES)
def test_empty_stored_value_decodes_to_the_empty_typed_value(
    field_type: str, settings: dict[str, Any], expected: Any
) -> None:
    fields, meta = _single_field(field_type, settings, "")

    assert decode_values(meta, fields.index()) == {"value": expected}


def test_google_map_coordinates_decode_as_numbers() -> None:
    fields, meta = _single_field("google_map", {}, MAP_RAW)

    value = decode_values(meta, fields.index())["value"]

    assert value == {"address": "Berlin", "lat": 52.52, "lng": 13.405, "zoom": 14}


def test_true_false_encodes_as_one_or_zero() -> None:
    fields = FieldSet()
    flag = fields.add("true_false", "is_featured")

    rows = encode_values({"is_featured": False}, fields.index())

    assert rows == meta_for(flag, "0")


def test_number_with_garbage_is_kept_as_stored() -> None:
    fields, meta = _single_field("number", {}, "about 12")

    assert decode_values(meta, fields.index()) == {"value": "about 12"}


def test_date_picker_in_an_unknown_format_is_kept_as_stored() -> None:
    fields, meta = _single_field("date_picker", {}, "15/03/2024")

    assert decode_values(meta, fields.index()) == {"value": "15/03/2024"}


def test_time_without_seconds_gains_them() -> None:
    fields, meta = _single_field("time_picker", {}, "09:05")

    assert decode_values(meta, fields.index()) == {"value": "09:05:00"}


def test_page_link_to_an_archive_keeps_its_url() -> None:
    raw = 'a:2:{i:0;s:2:"12";i:1;s:27:"https://example.com/events/";}'
    fields, meta = _single_field("page_link", {"multiple": 1}, raw)

    assert decode_values(meta, fields.index()) == {"value": [12, "https://example.com/events/"]}


def test_checkbox_saved_as_a_single_string_is_a_one_item_list() -> None:
    fields, meta = _single_field("checkbox", {}, "red")

    assert decode_values(meta, fields.index()) == {"value": ["red"]}


def test_broken_serialized_value_is_kept_as_the_raw_string() -> None:
    broken = 'a:2:{i:0;s:2:"12";i:1;s:'
    fields, meta = _single_field("gallery", {}, broken)

    assert decode_values(meta, fields.index()) == {"value": broken}


def test_first_row_of_a_repeated_meta_key_wins() -> None:
    fields = FieldSet()
    title = fields.add("text", "title")
    meta = [*meta_for(title, "First"), ("title", "Second")]

    assert decode_values(meta, fields.index()) == {"title": "First"}


def test_meta_without_acf_references_is_not_an_acf_value() -> None:
    fields = FieldSet()
    title = fields.add("text", "title")
    meta = [("_edit_last", "2"), ("_thumbnail_id", "117"), ("views", "40"), *meta_for(title, "Hi")]

    assert decode_values(meta, fields.index()) == {"title": "Hi"}


def test_value_of_an_unknown_field_key_is_kept_decoded_but_untyped() -> None:
    fields = FieldSet()
    meta = [("legacy", 'a:1:{i:0;s:1:"5";}'), ("_legacy", "field_5a0000000dead")]

    assert decode_values(meta, fields.index()) == {"legacy": ["5"]}


def test_value_of_a_known_field_without_its_reference_row_is_kept_untyped() -> None:
    fields = FieldSet()
    fields.add("gallery", "photos")
    meta = [("photos", IDS_RAW)]

    assert decode_values(meta, fields.index()) == {"photos": ["12", "34"]}


def test_reference_without_a_value_row_yields_nothing() -> None:
    fields = FieldSet()
    title = fields.add("text", "title")

    assert decode_values([("_title", title.key)], fields.index()) == {}


def test_unknown_values_encode_as_plain_meta_without_a_reference() -> None:
    rows = encode_values({"legacy": ["5"], "note": "hi", "count": 3}, FieldSet().index())

    assert rows == [("legacy", 'a:1:{i:0;s:1:"5";}'), ("note", "hi"), ("count", "3")]


def test_encoding_can_be_limited_to_the_groups_shown_on_the_object() -> None:
    fields = FieldSet()
    fields.add("text", "title")

    rows = encode_values({"title": "Hi"}, fields.index(), group_keys=["group_other"])

    assert rows == [("title", "Hi")]
