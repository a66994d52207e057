"""Field groups and fields parsed from their posts and nested into a tree."""

from __future__ import annotations

from app.acf.definitions import (
    FieldRow,
    build_field_tree,
    expand_seamless,
    parse_field_definition,
    parse_group_definition,
)
from app.acf.schema import group_json_schema
from tests.acf.builders import GROUP_ID, GROUP_KEY, FieldSet, group_definition

GROUP_CONTENT = (
    'a:8:{s:8:"location";a:1:{i:0;a:1:{i:0;a:3:{s:5:"param";s:9:"post_type";s:8:"operator";s:2:"==";'
    's:5:"value";s:4:"post";}}}s:8:"position";s:6:"normal";s:5:"style";s:7:"default";s:15:"label_placement";'
    's:3:"top";s:21:"instruction_placement";s:5:"label";s:14:"hide_on_screen";s:0:"";s:11:"description";'
    's:0:"";s:12:"show_in_rest";i:0;}'
)
TEXT_CONTENT = (
    'a:11:{s:10:"aria-label";s:0:"";s:4:"type";s:4:"text";s:12:"instructions";s:0:"";s:8:"required";i:0;'
    's:17:"conditional_logic";i:0;s:7:"wrapper";a:3:{s:5:"width";s:0:"";s:5:"class";s:0:"";s:2:"id";s:0:"";}'
    's:13:"default_value";s:0:"";s:9:"maxlength";s:0:"";s:11:"placeholder";s:0:"";s:7:"prepend";s:0:"";'
    's:6:"append";s:0:"";}'
)


def test_group_location_rules_and_settings_come_from_the_serialized_content() -> None:
    group = parse_group_definition(title="Product details", key=GROUP_KEY, content=GROUP_CONTENT, status="publish")

    assert group.key == GROUP_KEY
    assert group.title == "Product details"
    assert group.location == [[{"param": "post_type", "operator": "==", "value": "post"}]]
    assert group.settings["position"] == "normal"
    assert group.settings["show_in_rest"] == 0
    assert "location" not in group.settings
    assert group.is_active is True


def test_group_with_acf_disabled_status_is_inactive() -> None:
    group = parse_group_definition(title="Old", key=GROUP_KEY, content=GROUP_CONTENT, status="acf-disabled")

    assert group.is_active is False


def test_group_location_saved_with_keyed_or_groups_keeps_rule_order() -> None:
    content = (
        'a:1:{s:8:"location";a:2:{s:7:"group_0";a:1:{s:6:"rule_0";a:3:{s:5:"param";s:9:"post_type";'
        's:8:"operator";s:2:"==";s:5:"value";s:4:"page";}}s:7:"group_1";a:1:{s:6:"rule_0";a:3:{'
        's:5:"param";s:13:"page_template";s:8:"operator";s:2:"!=";s:5:"value";s:7:"default";}}}}'
    )

    group = parse_group_definition(title="Keyed", key=GROUP_KEY, content=content, status="publish")

    assert [rules[0]["value"] for rules in group.location] == ["page", "default"]
    assert group.location[1][0]["operator"] == "!="


def test_group_with_broken_content_has_no_rules_and_no_settings() -> None:
    group = parse_group_definition(title="Broken", key=GROUP_KEY, content='a:1:{s:8:"loc', status="publish")

    assert group.location == []
    assert group.settings == {}


def test_field_type_and_settings_come_from_the_serialized_content() -> None:
    field_type, settings = parse_field_definition(
        label="Hero title", key="field_65a1b2c3d4e60", name="hero_title", content=TEXT_CONTENT
    )

    assert field_type == "text"
    assert "type" not in settings
    assert settings["maxlength"] == ""
    assert settings["wrapper"] == {"width": "", "class": "", "id": ""}


def test_field_columns_win_over_stale_copies_inside_the_content() -> None:
    content = 'a:3:{s:4:"type";s:6:"number";s:3:"key";s:9:"field_old";s:4:"name";s:3:"old";}'

    field_type, settings = parse_field_definition(label="Count", key="field_new", name="count", content=content)

    assert field_type == "number"
    assert settings == {}


def test_field_without_a_type_is_a_text_field() -> None:
    assert parse_field_definition(label="X", key="field_x", name="x", content="not serialized") == (
        "text",
        {},
    )


def test_sub_fields_nest_under_their_parent_in_menu_order() -> None:
    fields = FieldSet()
    team = fields.add("repeater", "team")
    second = fields.add("text", "role", parent=team)
    first = fields.add("text", "name", parent=team)
    first.menu_order, second.menu_order = 0, 1

    index = fields.index()

    repeater = index.lookup(team.key)
    assert repeater is not None
    assert [sub.name for sub in repeater.sub_fields] == ["name", "role"]
    assert repeater.sub_fields[0].parent_key == team.key
    assert [top.name for top in index.group_fields[GROUP_KEY]] == ["team"]
    assert index.is_top_level(repeater)
    assert not index.is_top_level(repeater.sub_fields[0])


def test_flexible_content_sub_fields_land_in_their_layout() -> None:
    fields = FieldSet()
    layouts = {
        "layout_hero": {"key": "layout_hero", "name": "hero", "label": "Hero", "display": "block"},
        "layout_quote": {"key": "layout_quote", "name": "quote", "label": "Quote", "display": "row"},
    }
    sections = fields.add("flexible_content", "sections", layouts=layouts)
    fields.add("text", "heading", parent=sections, parent_layout="layout_hero")
    fields.add("textarea", "quote_text", parent=sections, parent_layout="layout_quote")
    fields.add("text", "stray", parent=sections, parent_layout="layout_gone")

    flexible = fields.index().lookup(sections.key)

    assert flexible is not None
    assert sorted(flexible.layouts) == ["hero", "quote"]
    assert [sub.name for sub in flexible.layouts["hero"].sub_fields] == ["heading"]
    assert [sub.name for sub in flexible.layouts["quote"].sub_fields] == ["quote_text"]
    assert flexible.layouts["quote"].settings["display"] == "row"
    assert [sub.name for sub in flexible.sub_fields] == ["stray"]


def test_field_whose_group_is_unknown_is_top_level_without_a_group() -> None:
    row = FieldRow(5, "field_orphan", "orphan", "Orphan", "text", 999, {}, 0)

    index = build_field_tree([row])

    orphan = index.lookup("field_orphan")
    assert orphan is not None
    assert orphan.parent_key is None
    assert index.is_top_level(orphan)
    assert index.top_level_by_name("orphan") is orphan


def test_seamless_clone_copies_take_the_clone_key_and_prefixed_name() -> None:
    fields = FieldSet()
    button_group = fields.add_group(2, "group_button", "Button")
    label = fields.add("text", "label", parent=button_group)
    target = fields.add("url", "target_url", parent=button_group)
    plain = fields.add("clone", "cta", clone=["group_button"], display="seamless")
    prefixed = fields.add("clone", "alt", clone=[label.key], display="seamless", prefix_name=1)

    index = fields.index()

    cta = index.lookup(plain.key)
    assert cta is not None
    assert [(copy.key, copy.name) for copy in cta.sub_fields] == [
        (f"{plain.key}_{label.key}", "label"),
        (f"{plain.key}_{target.key}", "target_url"),
    ]
    assert index.lookup(f"{prefixed.key}_{label.key}") is not None
    assert index.top_level_by_name("alt_label") is not None
    assert index.top_level_by_name("alt_label", [GROUP_KEY]) is not None
    assert index.top_level_by_name("alt_label", ["group_button"]) is None
    assert [member.name for member in expand_seamless(cta)] == ["label", "target_url"]


def test_group_display_clone_holds_the_original_fields() -> None:
    fields = FieldSet()
    button_group = fields.add_group(2, "group_button", "Button")
    label = fields.add("text", "label", parent=button_group)
    clone = fields.add("clone", "button", clone=["group_button"], display="group", prefix_name=1)

    resolved = fields.index().lookup(clone.key)

    assert resolved is not None
    assert [(sub.key, sub.name) for sub in resolved.sub_fields] == [(label.key, "label")]


def test_clone_of_its_own_group_does_not_clone_itself() -> None:
    fields = FieldSet()
    fields.add("text", "title")
    selfish = fields.add("clone", "again", clone=[GROUP_KEY], display="seamless")

    resolved = fields.index().lookup(selfish.key)

    assert resolved is not None
    assert [sub.name for sub in resolved.sub_fields] == ["title"]


def test_clone_of_a_clone_resolves_through_both() -> None:
    fields = FieldSet()
    inner_group = fields.add_group(2, "group_inner", "Inner")
    fields.add("text", "caption", parent=inner_group)
    inner = fields.add("clone", "inner", parent=inner_group, clone=["group_inner"], display="seamless")
    outer = fields.add("clone", "outer", clone=[inner.key], display="seamless", prefix_name=1)

    resolved = fields.index().lookup(outer.key)

    assert resolved is not None
    assert [member.name for member in expand_seamless(resolved)] == ["outer_caption"]


def test_groups_are_indexed_by_key_with_their_top_level_fields() -> None:
    fields = FieldSet()
    fields.add("text", "title")
    other = fields.add_group(2, "group_other", "Other")
    fields.add("text", "subtitle", parent=other)

    index = fields.index()

    assert index.groups[GROUP_KEY] == group_definition()
    assert [top.name for top in index.group_fields["group_other"]] == ["subtitle"]
    assert [top.name for top in index.top_level] == ["title", "subtitle"]
    assert GROUP_ID in fields.groups


def test_name_lookup_prefers_fields_of_active_groups() -> None:
    fields = FieldSet()
    clone_source = fields.add_group(2, "group_source", "Source", is_active=False)
    fields.add("text", "title", parent=clone_source)
    active = fields.add("text", "title")

    found = fields.index().top_level_by_name("title")

    assert found is not None
    assert found.key == active.key


def test_group_holding_a_clone_of_itself_nests_once_and_stops() -> None:
    fields = FieldSet()
    box = fields.add("group", "box")
    fields.add("text", "title", parent=box)
    again = fields.add("clone", "again", parent=box, clone=[box.key], display="group")

    index = fields.index()

    resolved = index.lookup(again.key)
    assert resolved is not None
    (inner_box,) = resolved.sub_fields
    assert [sub.name for sub in inner_box.sub_fields] == ["title", "again"]
    assert inner_box.sub_fields[1].sub_fields == []
    assert group_json_schema(GROUP_KEY, index)["properties"]["box"]["properties"]["again"]["type"] == "object"


def test_name_shared_by_groups_resolves_to_the_active_group_first_then_file_order() -> None:
    fields = FieldSet()
    hidden = fields.add_group(2, "group_hidden", "Only cloned", is_active=False)
    in_hidden = fields.add("text", "title", parent=hidden)
    first = fields.add("text", "title")
    fields.add("number", "title")

    index = fields.index()

    assert index.top_level_by_name("title") is index.lookup(first.key)
    assert index.top_level_by_name("title", ["group_hidden"]) is index.lookup(in_hidden.key)
    assert index.top_level_by_name("missing") is None
