"""Hand-made ACF field definitions for tests: distinct entry IDs and keys, menu order as added."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.acf.definitions import FieldIndex, FieldRow, GroupDefinition, build_field_tree
from tests.builders import make_entry

GROUP_ID = 1
GROUP_KEY = "group_65a1b2c3d4e5f"


def group_definition(key: str = GROUP_KEY, title: str = "Test fields", *, is_active: bool = True) -> GroupDefinition:
    """A group shown on posts."""
    location = [[{"param": "post_type", "operator": "==", "value": "post"}]]
    return GroupDefinition(key=key, title=title, location=location, settings={}, is_active=is_active)


class FieldSet:
    """Field rows added one by one, as ACF would store them under a group or a parent field."""

    def __init__(self) -> None:
        self.rows: list[FieldRow] = []
        self.groups: dict[int, GroupDefinition] = {GROUP_ID: group_definition()}

    def add(self, field_type: str, name: str, /, *, parent: int | FieldRow = GROUP_ID, **settings: Any) -> FieldRow:
        """A new field of ``field_type`` stored under ``name`` inside ``parent`` (a group ID or a field)."""
        entry_id = 100 + len(self.rows)
        parent_id = parent.entry_id if isinstance(parent, FieldRow) else parent
        label = name.replace("_", " ").capitalize()
        row = FieldRow(entry_id, f"field_{entry_id:013x}", name, label, field_type, parent_id, settings, len(self.rows))
        self.rows.append(row)
        return row

    def add_group(self, entry_id: int, key: str, title: str, *, is_active: bool = True) -> int:
        """Another field group, for clones to clone."""
        self.groups[entry_id] = group_definition(key, title, is_active=is_active)
        return entry_id

    def index(self) -> FieldIndex:
        """The field tree of everything added so far."""
        return build_field_tree(self.rows, groups=self.groups)


def meta_for(field: FieldRow, raw: str, name: str | None = None) -> list[tuple[str, str]]:
    """The value row and the ``_name`` reference row ACF writes for one value."""
    stored = name or field.name
    return [(stored, raw), (f"_{stored}", field.key)]


def make_acf_group(
    session: Session, *, key: str, status: str, field_name: str, location: list[list[dict[str, str]]] | None = None
) -> None:
    """A stored field group (``acf-disabled`` status: inactive) with one text field, as the importer keeps them."""
    details = {"key": key, "location": location or [], "settings": {}, "is_active": status == "publish"}
    group = make_entry(session, type="acf-field-group", status=status, slug=key, details=details)
    make_entry(
        session,
        type="acf-field",
        slug=f"field_{field_name}",
        parent_id=group.id,
        details={"key": f"field_{field_name}", "name": field_name, "field_type": "text", "parent_id": group.id},
    )
