"""ACF field groups and fields as a tree: parsed from their posts, nested, clones resolved.

ACF keeps a field group as an ``acf-field-group`` post and each field as an ``acf-field`` post whose
``post_parent`` is the group or the parent field (repeater, group, flexible content). The settings live
serialized in ``post_content``; the key, label and name live in post columns (``acf_get_raw_field``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.phpserial import maybe_unserialize

# Keys ACF strips from a field's settings before serializing them (``acf_update_field``); when an old or
# hand-edited export still carries them, the post columns win, as in ``acf_get_raw_field``.
_FIELD_COLUMN_KEYS = frozenset(
    (
        "ID",
        "key",
        "label",
        "name",
        "prefix",
        "value",
        "menu_order",
        "id",
        "class",
        "parent",
        "_name",
        "_prepare",
        "_valid",
        "type",
    )
)
_GROUP_COLUMN_KEYS = frozenset({"ID", "key", "title", "menu_order", "fields", "active", "location"})


@dataclass(slots=True)
class LayoutDef:
    """One flexible content layout: its name is what a row stores in the parent value."""

    key: str
    name: str
    label: str
    settings: dict[str, Any]
    sub_fields: list[FieldDef] = field(default_factory=list)


@dataclass(slots=True)
class FieldDef:
    """One ACF field with its nested sub fields, layouts and (for clones) the fields it clones."""

    key: str
    name: str
    label: str
    type: str
    parent_key: str | None
    settings: dict[str, Any]
    sub_fields: list[FieldDef] = field(default_factory=list)
    layouts: dict[str, LayoutDef] = field(default_factory=dict)

    def flag(self, setting: str) -> bool:
        """Whether an ACF on/off setting (stored as ``1``, ``"1"`` or ``true``) is on."""
        return self.settings.get(setting) in (1, "1", True)


@dataclass(slots=True)
class GroupDefinition:
    """An ACF field group: location rules (OR-groups of AND-rules), other settings, active or not."""

    key: str
    title: str
    location: list[list[dict[str, Any]]]
    settings: dict[str, Any]
    is_active: bool


@dataclass(slots=True)
class FieldRow:
    """A stored field as a caller loaded it; ``parent_id`` is the entry of its group or parent field."""

    entry_id: int
    key: str
    name: str
    label: str
    type: str
    parent_id: int
    settings: dict[str, Any]
    menu_order: int = 0


@dataclass(slots=True)
class FieldIndex:
    """Every field by key, and each group's top-level fields in order."""

    by_key: dict[str, FieldDef] = field(default_factory=dict)
    groups: dict[str, GroupDefinition] = field(default_factory=dict)
    group_fields: dict[str, list[FieldDef]] = field(default_factory=dict)
    top_level: list[FieldDef] = field(default_factory=list)
    # Top-level fields by stored name across all groups, made on first use (decoding asks once per meta row).
    _by_name: dict[str, FieldDef] | None = field(default=None, repr=False, compare=False)
    _by_name_size: int = field(default=-1, repr=False, compare=False)

    def lookup(self, key: str) -> FieldDef | None:
        """The field with this key, including a seamless clone's copies (key ``{clone}_{field}``)."""
        return self.by_key.get(key)

    def is_top_level(self, field_def: FieldDef) -> bool:
        """Whether the field sits directly in a group (its values are stored under its own name)."""
        return field_def.parent_key is None or field_def.parent_key not in self.by_key

    def top_level_by_name(self, name: str, group_keys: Iterable[str] | None = None) -> FieldDef | None:
        """The top-level field (seamless clones expanded) stored under ``name``, active groups first."""
        if group_keys is None:
            return self._names().get(name)
        wanted = set(group_keys)
        candidates = [top for top in self.top_level if top.parent_key in wanted]
        # Groups that only exist to be cloned are usually switched off; their fields lose a name clash.
        candidates.sort(key=self._inactive)
        for candidate in candidates:
            for stored in expand_seamless(candidate):
                if stored.name == name:
                    return stored
        return None

    def _names(self) -> dict[str, FieldDef]:
        if self._by_name is None or self._by_name_size != len(self.top_level):
            by_name: dict[str, FieldDef] = {}
            # The same order as the search by group: active groups first, then file order; the first one wins.
            for candidate in sorted(self.top_level, key=self._inactive):
                for stored in expand_seamless(candidate):
                    by_name.setdefault(stored.name, stored)
            self._by_name, self._by_name_size = by_name, len(self.top_level)
        return self._by_name

    def _inactive(self, field_def: FieldDef) -> bool:
        group = self.groups.get(field_def.parent_key or "")
        return group is not None and not group.is_active


def expand_seamless(field_def: FieldDef) -> list[FieldDef]:
    """A seamless clone stands for its cloned fields (ACF's ``acf/get_fields`` filter), others for itself."""
    if field_def.type == "clone" and field_def.settings.get("display", "seamless") == "seamless":
        return [member for sub in field_def.sub_fields for member in expand_seamless(sub)]
    return [field_def]


def parse_group_definition(*, title: str, key: str, content: str, status: str) -> GroupDefinition:
    """A field group from its ``acf-field-group`` post: title, key (``post_name``), settings, status."""
    settings = _settings_dict(content)
    location = _location_rules(settings.get("location"))
    rest = {name: value for name, value in settings.items() if name not in _GROUP_COLUMN_KEYS}
    # ACF reads `active` from the post status: only `publish` is active, `acf-disabled` and trash are not.
    return GroupDefinition(key=key, title=title, location=location, settings=rest, is_active=status == "publish")


def parse_field_definition(*, label: str, key: str, name: str, content: str) -> tuple[str, dict[str, Any]]:
    """The type and settings of an ``acf-field`` post (title = label, name = key, excerpt = name)."""
    settings = _settings_dict(content)
    field_type = settings.get("type")
    rest = {setting: value for setting, value in settings.items() if setting not in _FIELD_COLUMN_KEYS}
    # acf_get_valid_field() falls back to a text field when the type is missing.
    return (field_type if isinstance(field_type, str) and field_type else "text"), rest


def _settings_dict(content: str) -> dict[str, Any]:
    decoded = maybe_unserialize(content) if content else {}
    if isinstance(decoded, list):
        decoded = dict(enumerate(decoded))
    if not isinstance(decoded, dict):
        return {}
    return {str(name): value for name, value in decoded.items()}


def _location_rules(raw: Any) -> list[list[dict[str, Any]]]:
    # Older editors saved the OR-groups and AND-rules keyed `group_0` / `rule_0`; the order is what counts.
    groups = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    rules: list[list[dict[str, Any]]] = []
    for group in groups:
        members = group.values() if isinstance(group, dict) else group if isinstance(group, list) else []
        and_rules = [dict(rule) for rule in members if isinstance(rule, dict)]
        if and_rules:
            rules.append(and_rules)
    return rules


def build_field_tree(fields: Iterable[FieldRow], *, groups: Mapping[int, GroupDefinition] | None = None) -> FieldIndex:
    """Nest fields under their groups and parents, sort them by menu order, and resolve clones."""
    rows = sorted(fields, key=lambda row: (row.menu_order, row.entry_id))
    groups = groups or {}
    by_entry = {row.entry_id: _field_def(row, None) for row in rows}
    index = FieldIndex(groups={group.key: group for group in groups.values()})
    index.group_fields = {group.key: [] for group in groups.values()}
    for row in rows:
        child = by_entry[row.entry_id]
        index.by_key.setdefault(child.key, child)
        parent = by_entry.get(row.parent_id) if row.parent_id != row.entry_id else None
        if parent is not None:
            child.parent_key = parent.key
            _attach(parent, child)
            continue
        group = groups.get(row.parent_id)
        child.parent_key = group.key if group is not None else None
        index.top_level.append(child)
        if group is not None:
            index.group_fields[group.key].append(child)
    _CloneResolver(index).resolve_all()
    return index


def _field_def(row: FieldRow, parent_key: str | None) -> FieldDef:
    field_def = FieldDef(row.key, row.name, row.label, row.type, parent_key, dict(row.settings))
    if row.type == "flexible_content":
        field_def.layouts = _layouts(row.settings.get("layouts"))
    return field_def


def _layouts(raw: Any) -> dict[str, LayoutDef]:
    entries = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    layouts: dict[str, LayoutDef] = {}
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name"):
            extra = {name: value for name, value in entry.items() if name not in ("key", "name", "label")}
            extra.pop("sub_fields", None)
            layout = LayoutDef(str(entry.get("key", "")), str(entry["name"]), str(entry.get("label", "")), extra)
            layouts[layout.name] = layout
    return layouts


def _attach(parent: FieldDef, child: FieldDef) -> None:
    # Flexible content sub fields name their layout by key in `parent_layout`; ACF drops a sub field
    # whose layout is gone from the editor, we keep it on the parent so its values still decode.
    layout_key = child.settings.get("parent_layout")
    if parent.type == "flexible_content" and layout_key:
        for layout in parent.layouts.values():
            if layout.key == layout_key:
                layout.sub_fields.append(child)
                return
    parent.sub_fields.append(child)


class _CloneResolver:
    """Gives each clone field the fields it clones (``acf_field_clone::get_cloned_fields``).

    Each clone gets its own finite copy of what it clones: a clone met again while it is being resolved
    (a group that contains a clone of itself) clones nothing there, as ACF's ``cloning`` guard does.
    """

    def __init__(self, index: FieldIndex) -> None:
        self.index = index
        self.resolving: list[str] = []

    def resolve_all(self) -> None:
        for clone in [field_def for field_def in self.index.by_key.values() if field_def.type == "clone"]:
            clone.sub_fields = self.cloned_fields(clone)

    def cloned_fields(self, clone: FieldDef) -> list[FieldDef]:
        if clone.key in self.resolving:
            return []
        self.resolving.append(clone.key)
        try:
            selected = [member for selector in _clone_selectors(clone) for member in self._select(selector)]
            copies = [self._materialize(member) for member in selected]
        finally:
            self.resolving.pop()
        if clone.settings.get("display", "seamless") != "seamless":
            return copies
        return [self._seamless_copy(copy, clone) for copy in copies]

    def _select(self, selector: str) -> list[FieldDef]:
        if selector.startswith("group_"):
            members = self.index.group_fields.get(selector, [])
        else:
            found = self.index.by_key.get(selector)
            members = [found] if found is not None else []
        return [member for member in members if member.key not in self.resolving]

    def _materialize(self, original: FieldDef) -> FieldDef:
        """A copy of a field's subtree whose nested clones are resolved under the current guard."""
        if original.type == "clone":
            return dataclasses.replace(original, sub_fields=self.cloned_fields(original))
        layouts = {
            name: dataclasses.replace(layout, sub_fields=[self._materialize(sub) for sub in layout.sub_fields])
            for name, layout in original.layouts.items()
        }
        sub_fields = [self._materialize(sub) for sub in original.sub_fields]
        return dataclasses.replace(original, sub_fields=sub_fields, layouts=layouts)

    def _seamless_copy(self, copy: FieldDef, clone: FieldDef) -> FieldDef:
        # acf_clone_field(): a seamless copy takes the key `{clone}_{field}`, the clone's parent and, with
        # prefix_name, the name `{clone}_{field}`; its values are stored under that name and reference key.
        copy.key = f"{clone.key}_{copy.key}"
        copy.name = f"{clone.name}_{copy.name}" if clone.flag("prefix_name") else copy.name
        copy.parent_key = clone.parent_key
        if copy.type == "clone" and copy.settings.get("display", "seamless") == "seamless":
            copy.sub_fields = [self._seamless_copy(sub, clone) for sub in copy.sub_fields]
        self.index.by_key.setdefault(copy.key, copy)
        return copy


def _clone_selectors(clone: FieldDef) -> list[str]:
    raw = clone.settings.get("clone")
    selectors = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else [raw]
    return [selector for selector in selectors if isinstance(selector, str) and selector]
