"""JSON Schema of a field group's decoded values."""

from __future__ import annotations

from typing import Any

import pytest

from app.acf.schema import group_json_schema
from app.acf.values import decode_values
from tests.acf.builders import GROUP_KEY, FieldSet, meta_for
from tests.acf.schema_check import violations


def _property(field_type: str, /, **settings: Any) -> dict[str, Any]:
    fields = FieldSet()
    fields.add(field_type, "value", **settings)
    schema = group_json_schema(GROUP_KEY, fields.index())
    return schema["properties"]["value"]  # type: ignore[no-any-return]


def test_group_schema_is_an_open_object_titled_after_the_group() -> None:
    fields = FieldSet()
    fields.add("text", "title", instructions="Shown on the card")

    schema = group_json_schema(GROUP_KEY, fields.index())

    assert schema["title"] == "Test fields"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is True
    assert schema["properties"]["title"] == {
        "title": "Title",
        "description": "Shown on the card",
        "type": ["string", "null"],
    }


@pytest.mark.parametrize(
    ("field_type", "settings", "expected"),
    [
        ("email", {}, {"type": ["string", "null"], "format": "email"}),
        ("number", {}, {"type": ["number", "null"]}),
        ("true_false", {}, {"type": ["boolean", "null"]}),
        ("date_picker", {}, {"type": ["string", "null"], "format": "date"}),
        ("date_time_picker", {}, {"type": ["string", "null"], "format": "date-time"}),
        ("image", {}, {"type": ["integer", "null"]}),
        ("post_object", {"multiple": 1}, {"type": "array", "items": {"type": "integer"}}),
        ("taxonomy", {"field_type": "radio"}, {"type": ["integer", "null"]}),
        ("gallery", {}, {"type": "array", "items": {"type": "integer"}}),
        (
            "checkbox",
            {"choices": {"en": "English"}},
            {"type": "array", "items": {"type": "string", "enum": ["en"]}},
        ),
        ("select", {"choices": {"a": "A"}}, {"type": ["string", "null"], "enum": ["a", "", None]}),
        ("select", {"choices": {"a": "A"}, "create_options": 1}, {"type": ["string", "null"]}),
    ],
)
def test_field_type_maps_to_the_schema_of_its_decoded_value(
    field_type: str, settings: dict[str, Any], expected: dict[str, Any]
) -> None:
    schema = _property(field_type, **settings)

    assert {keyword: schema[keyword] for keyword in expected} == expected


def test_unknown_field_type_accepts_any_value() -> None:
    assert _property("icon_picker") == {"title": "Value"}


def test_repeater_schema_is_an_array_of_closed_row_objects_with_its_limits() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team", min=1, max="5")
    fields.add("text", "name", parent=team)

    schema = group_json_schema(GROUP_KEY, fields.index())["properties"]["team"]

    assert schema["minItems"] == 1
    assert schema["maxItems"] == 5
    assert schema["items"]["additionalProperties"] is False
    assert list(schema["items"]["properties"]) == ["name"]


def test_flexible_content_schema_has_one_variant_per_layout() -> None:
    fields = FieldSet()
    layouts = {"layout_a": {"key": "layout_a", "name": "hero", "label": "Hero"}}
    sections = fields.add("flexible_content", "sections", layouts=layouts)
    fields.add("text", "heading", parent=sections, parent_layout="layout_a")

    schema = group_json_schema(GROUP_KEY, fields.index())["properties"]["sections"]

    (variant,) = schema["items"]["oneOf"]
    assert variant["title"] == "Hero"
    assert variant["properties"]["acf_fc_layout"] == {"const": "hero"}
    assert variant["required"] == ["acf_fc_layout"]


def test_clone_schema_merges_when_seamless_and_nests_when_grouped() -> None:
    fields = FieldSet()
    source = fields.add_group(2, "group_button", "Button", is_active=False)
    fields.add("text", "label", parent=source)
    fields.add("clone", "cta", clone=["group_button"], display="seamless", prefix_name=1)
    fields.add("clone", "button", clone=["group_button"], display="group")

    properties = group_json_schema(GROUP_KEY, fields.index())["properties"]

    assert list(properties) == ["cta_label", "button"]
    assert properties["button"]["type"] == "object"
    assert list(properties["button"]["properties"]) == ["label"]


def test_schema_of_an_unknown_group_describes_an_empty_open_object() -> None:
    schema = group_json_schema("group_missing", FieldSet().index())

    assert schema["title"] == "group_missing"
    assert schema["properties"] == {}


def test_decoded_values_conform_to_their_group_schema() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    name = fields.add("text", "name", parent=team)
    when = fields.add("date_picker", "when")
    flag = fields.add("true_false", "is_featured")
    meta = [
        *meta_for(name, "Ana", "team_0_name"),
        *meta_for(team, "1"),
        *meta_for(when, "20240315"),
        *meta_for(flag, "1"),
    ]
    index = fields.index()

    values = decode_values(meta, index)

    assert violations(values, group_json_schema(GROUP_KEY, index)) == []
    assert violations({"team": [{"nam": "typo"}]}, group_json_schema(GROUP_KEY, index)) != []
