"""Advanced Custom Fields in the synthetic export: field-group and field posts, and values on posts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.wxr_plan import ACF_ITEMS_PER_GROUP, SitePlan
from bench.wxr_xml import PhpValue, php_serialize

Meta = list[tuple[str, str]]
_WRAPPER: dict[str, PhpValue] = {"width": "", "class": "", "id": ""}


@dataclass(frozen=True, slots=True)
class AcfField:
    """One field definition: its slot in the group, label, name, type and type-specific settings."""

    number: int
    label: str
    name: str
    field_type: str
    settings: dict[str, PhpValue]
    parent: int = 0


REPEATER = 7
FIELDS = (
    AcfField(1, "Hero title", "hero_title", "text", {"default_value": "", "maxlength": "", "placeholder": ""}),
    AcfField(2, "Price", "price", "number", {"min": "", "max": "", "step": "0.5"}),
    AcfField(3, "Featured", "featured", "true_false", {"message": "", "ui": 1, "default_value": 0}),
    AcfField(4, "Event date", "event_date", "date_picker", {"display_format": "d/m/Y", "return_format": "Ymd"}),
    AcfField(5, "Hero image", "hero_image", "image", {"return_format": "array", "preview_size": "medium"}),
    AcfField(6, "Gallery", "gallery", "gallery", {"min": "", "max": "", "insert": "append", "library": "all"}),
    AcfField(REPEATER, "Team", "team", "repeater", {"layout": "table", "min": 0, "max": 0, "button_label": ""}),
    AcfField(8, "Name", "name", "text", {"default_value": "", "maxlength": "", "placeholder": ""}, REPEATER),
    AcfField(9, "Role", "role", "text", {"default_value": "", "maxlength": "", "placeholder": ""}, REPEATER),
)


def field_name(group: int, field: AcfField) -> str:
    """Top-level names get a group prefix so several groups can coexist; sub-field names stay short."""
    return field.name if group == 0 or field.parent else f"g{group}_{field.name}"


def group_settings() -> str:
    """The group's ``post_content``: settings minus ID, key, title, menu_order, fields and active."""
    rule: dict[str, PhpValue] = {"param": "post_type", "operator": "==", "value": "post"}
    settings: dict[str, PhpValue] = {
        "location": [[rule]],
        "position": "normal",
        "style": "default",
        "label_placement": "top",
        "instruction_placement": "label",
        "hide_on_screen": "",
        "description": "Felder für Beiträge — حقول",
        "show_in_rest": 0,
    }
    return php_serialize(settings)


def field_settings(plan: SitePlan, group: int, field: AcfField) -> str:
    """A field's ``post_content``: common settings, then the ones of its type."""
    settings: dict[str, PhpValue] = {
        "aria-label": "",
        "type": field.field_type,
        "instructions": "",
        "required": 0,
        "conditional_logic": 0,
        "wrapper": _WRAPPER,
        **field.settings,
    }
    if field.parent:
        settings["parent_repeater"] = plan.acf_field_key(group, field.parent)
    return php_serialize(settings)


def field_at(index: int) -> AcfField:
    """The field definition written at item ``index`` (never the group slot)."""
    return FIELDS[index % ACF_ITEMS_PER_GROUP - 1]


def acf_values(plan: SitePlan, group: int, rng: random.Random, images: tuple[int, ...]) -> Meta:
    """``{name}`` / ``_{name}`` pairs as ``acf_update_value()`` stores them, repeater cells included."""
    rows = rng.randint(0, 3)
    values = {
        1: rng.choice(("Willkommen", "أهلا وسهلا", "ยินดีต้อนรับ", "Welcome 👋")),
        2: f"{rng.randint(1, 5000)}.{rng.choice((0, 5))}",
        3: str(rng.randint(0, 1)),
        4: f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        5: str(images[0]) if images else "",
        6: php_serialize([str(image) for image in images]),
        REPEATER: str(rows) if rows else "",
    }
    meta: Meta = []
    for number, value in values.items():
        name = field_name(group, FIELDS[number - 1])
        meta += [(name, value), ("_" + name, plan.acf_field_key(group, number))]
    repeater = field_name(group, FIELDS[REPEATER - 1])
    for row in range(rows):
        for sub in FIELDS[REPEATER:]:
            cell = f"{repeater}_{row}_{sub.name}"
            text = rng.choice(("Ana", "Bo", "Chaiya", "Layla", "Zoë")) if sub.name == "name" else "Editor"
            meta += [(cell, text), ("_" + cell, plan.acf_field_key(group, sub.number))]
    return meta
