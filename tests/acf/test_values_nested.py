"""Composite ACF values: groups, repeaters, flexible content and clones, nested in each other."""

from __future__ import annotations

from app.acf.definitions import FieldIndex, FieldRow
from app.acf.values import decode_values, encode_values
from tests.acf.builders import FieldSet, meta_for

LAYOUTS = {
    "layout_hero": {"key": "layout_hero", "name": "hero", "label": "Hero"},
    "layout_card": {"key": "layout_card", "name": "card", "label": "Card"},
}


def _round_trips(meta: list[tuple[str, str]], index: FieldIndex) -> bool:
    return sorted(encode_values(decode_values(meta, index), index)) == sorted(meta)


def test_group_is_an_object_of_its_sub_fields() -> None:
    fields = FieldSet()
    address = fields.add("group", "address")
    city = fields.add("text", "city", parent=address)
    floor = fields.add("number", "floor", parent=address)
    meta = [
        *meta_for(city, "Berlin", "address_city"),
        *meta_for(floor, "3", "address_floor"),
        *meta_for(address, ""),
    ]

    assert decode_values(meta, fields.index()) == {"address": {"city": "Berlin", "floor": 3}}
    assert _round_trips(meta, fields.index())


def test_repeater_is_a_list_of_row_objects_counted_by_the_parent_row() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    name = fields.add("text", "name", parent=team)
    photo = fields.add("image", "photo", parent=team)
    meta = [
        *meta_for(name, "Ana", "team_0_name"),
        *meta_for(photo, "12", "team_0_photo"),
        *meta_for(name, "Bo", "team_1_name"),
        *meta_for(photo, "", "team_1_photo"),
        *meta_for(team, "2"),
    ]

    assert decode_values(meta, fields.index()) == {
        "team": [{"name": "Ana", "photo": 12}, {"name": "Bo", "photo": None}]
    }
    assert _round_trips(meta, fields.index())


def test_repeater_cell_never_saved_decodes_to_none() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    name = fields.add("text", "name", parent=team)
    fields.add("email", "email", parent=team)
    meta = [*meta_for(name, "Ana", "team_0_name"), *meta_for(team, "1")]

    assert decode_values(meta, fields.index()) == {"team": [{"name": "Ana", "email": None}]}


def test_cells_beyond_the_row_count_are_kept_under_their_meta_key() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    name = fields.add("text", "name", parent=team)
    meta = [*meta_for(name, "Ana", "team_0_name"), *meta_for(name, "Cy", "team_1_name"), *meta_for(team, "1")]

    assert decode_values(meta, fields.index()) == {"team": [{"name": "Ana"}], "team_1_name": "Cy"}


def test_repeater_with_a_non_numeric_count_keeps_the_stored_value() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")

    assert decode_values(meta_for(team, "several"), fields.index()) == {"team": "several"}


def _sections(fields: FieldSet) -> FieldRow:
    """Flexible content: a hero (heading + slides repeater) and a card (group box with an items repeater)."""
    sections = fields.add("flexible_content", "sections", layouts=LAYOUTS)
    fields.add("text", "heading", parent=sections, parent_layout="layout_hero")
    slides = fields.add("repeater", "slides", parent=sections, parent_layout="layout_hero")
    fields.add("text", "caption", parent=slides)
    box = fields.add("group", "box", parent=sections, parent_layout="layout_card")
    items = fields.add("repeater", "items", parent=box)
    fields.add("text", "label", parent=items)
    return sections


def _key(fields: FieldSet, name: str) -> str:
    return next(row.key for row in fields.rows if row.name == name)


def test_flexible_content_rows_name_their_layout_and_nest_repeaters_inside_groups() -> None:
    fields = FieldSet()
    sections = _sections(fields)
    meta = [
        ("sections_0_heading", "Welcome"),
        ("_sections_0_heading", _key(fields, "heading")),
        ("sections_0_slides_0_caption", "First"),
        ("_sections_0_slides_0_caption", _key(fields, "caption")),
        ("sections_0_slides_1_caption", "Second"),
        ("_sections_0_slides_1_caption", _key(fields, "caption")),
        ("sections_0_slides", "2"),
        ("_sections_0_slides", _key(fields, "slides")),
        ("sections_1_box_items_0_label", "Alpha"),
        ("_sections_1_box_items_0_label", _key(fields, "label")),
        ("sections_1_box_items", "1"),
        ("_sections_1_box_items", _key(fields, "items")),
        ("sections_1_box", ""),
        ("_sections_1_box", _key(fields, "box")),
        *meta_for(sections, 'a:2:{i:0;s:4:"hero";i:1;s:4:"card";}'),
    ]

    assert decode_values(meta, fields.index()) == {
        "sections": [
            {
                "acf_fc_layout": "hero",
                "heading": "Welcome",
                "slides": [{"caption": "First"}, {"caption": "Second"}],
            },
            {"acf_fc_layout": "card", "box": {"items": [{"label": "Alpha"}]}},
        ]
    }
    assert _round_trips(meta, fields.index())


def test_flexible_row_of_a_removed_layout_keeps_its_name_and_its_cells() -> None:
    fields = FieldSet()
    sections = _sections(fields)
    meta = [
        ("sections_0_quote", "Be kind"),
        ("_sections_0_quote", "field_5a00000000000"),
        *meta_for(sections, 'a:1:{i:0;s:5:"quote";}'),
    ]

    assert decode_values(meta, fields.index()) == {
        "sections": [{"acf_fc_layout": "quote"}],
        "sections_0_quote": "Be kind",
    }


def test_text_in_a_repeater_row_inside_a_group_is_stored_under_the_composed_name() -> None:
    fields = FieldSet()
    hero = fields.add("group", "hero")
    slides = fields.add("repeater", "slides", parent=hero)
    caption = fields.add("text", "caption", parent=slides)
    values = {"hero": {"slides": [{"caption": "One"}, {"caption": "Two"}]}}

    rows = encode_values(values, fields.index())

    assert ("hero_slides_1_caption", "Two") in rows
    assert ("_hero_slides_1_caption", caption.key) in rows
    assert ("hero_slides", "2") in rows
    assert ("hero", "") in rows
    assert decode_values(rows, fields.index()) == values


def _button_fields(fields: FieldSet) -> tuple[FieldRow, FieldRow]:
    # Like most groups kept only to be cloned, it is switched off.
    button_group = fields.add_group(2, "group_button", "Button", is_active=False)
    label = fields.add("text", "label", parent=button_group)
    target = fields.add("url", "target_url", parent=button_group)
    return label, target


def test_seamless_clone_values_merge_into_the_parent() -> None:
    fields = FieldSet()
    label, target = _button_fields(fields)
    clone = fields.add("clone", "cta", clone=["group_button"], display="seamless")
    meta = [
        ("label", "Join"),
        ("_label", f"{clone.key}_{label.key}"),
        ("target_url", "https://example.com/join"),
        ("_target_url", f"{clone.key}_{target.key}"),
    ]

    assert decode_values(meta, fields.index()) == {"label": "Join", "target_url": "https://example.com/join"}
    assert _round_trips(meta, fields.index())


def test_seamless_clone_with_prefix_name_stores_and_returns_prefixed_names() -> None:
    fields = FieldSet()
    label, _ = _button_fields(fields)
    clone = fields.add("clone", "cta", clone=[label.key], display="seamless", prefix_name=1)
    meta = [("cta_label", "Join"), ("_cta_label", f"{clone.key}_{label.key}")]

    assert decode_values(meta, fields.index()) == {"cta_label": "Join"}
    assert _round_trips(meta, fields.index())


def test_group_display_clone_is_an_object_and_honours_prefix_name() -> None:
    fields = FieldSet()
    label, target = _button_fields(fields)
    clone = fields.add("clone", "button", clone=["group_button"], display="group", prefix_name=1)
    meta = [
        *meta_for(label, "Join", "button_label"),
        *meta_for(target, "https://example.com/join", "button_target_url"),
        *meta_for(clone, ""),
    ]

    assert decode_values(meta, fields.index()) == {
        "button": {"label": "Join", "target_url": "https://example.com/join"}
    }
    assert _round_trips(meta, fields.index())


def test_group_display_clone_without_prefix_reads_the_plain_names() -> None:
    fields = FieldSet()
    label, _ = _button_fields(fields)
    clone = fields.add("clone", "button", clone=[label.key], display="group")
    meta = [*meta_for(label, "Join"), *meta_for(clone, "")]

    decoded = decode_values(meta, fields.index())

    assert decoded["button"] == {"label": "Join"}


def test_seamless_clone_inside_a_repeater_row_merges_into_the_row() -> None:
    fields = FieldSet()
    label, target = _button_fields(fields)
    buttons = fields.add("repeater", "buttons")
    clone = fields.add("clone", "button", parent=buttons, clone=["group_button"], display="seamless")
    meta = [
        ("buttons_0_label", "Join"),
        ("_buttons_0_label", f"{clone.key}_{label.key}"),
        ("buttons_0_target_url", "https://example.com/join"),
        ("_buttons_0_target_url", f"{clone.key}_{target.key}"),
        *meta_for(buttons, "1"),
    ]

    assert decode_values(meta, fields.index()) == {
        "buttons": [{"label": "Join", "target_url": "https://example.com/join"}]
    }
    assert _round_trips(meta, fields.index())


def test_empty_composites_encode_to_the_empty_parent_row() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    fields.add("text", "name", parent=team)
    sections = _sections(fields)

    rows = encode_values({"team": [], "sections": []}, fields.index())

    assert rows == [*meta_for(team, ""), *meta_for(sections, "")]


def test_absurd_repeater_count_is_bounded_by_the_rows_that_exist() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    name = fields.add("text", "name", parent=team)
    meta = [*meta_for(name, "Ana", "team_0_name"), *meta_for(team, "999999999")]

    decoded = decode_values(meta, fields.index())

    assert decoded["team"][0] == {"name": "Ana"}
    assert len(decoded["team"]) <= len(meta)
