"""ACF definitions met so far in an import, and typed values decoded from an object's meta through them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acf.definitions import FieldIndex, FieldRow, GroupDefinition, build_field_tree
from app.acf.models import AcfField, AcfFieldGroup
from app.content.models import Entry


def field_references(meta: Sequence[tuple[str, str]]) -> set[str]:
    """The field keys an object's ``_name -> field_...`` reference rows point at."""
    return {value for key, value in meta if key.startswith("_") and value.startswith("field_")}


@dataclass
class AcfState:
    """Field rows and groups by entry ID; the nested index is rebuilt only after definitions change."""

    fields: dict[int, FieldRow] = field(default_factory=dict)
    groups: dict[int, GroupDefinition] = field(default_factory=dict)
    is_dirty: bool = True
    definitions_changed: bool = False
    # Counts definition changes; an entry written with values decoded at the final version needs no second pass.
    version: int = 0
    decoded_at: dict[int, int] = field(default_factory=dict)
    _index: FieldIndex | None = None

    @classmethod
    def load(cls, session: Session) -> AcfState:
        """What the database already holds, so values of a later, partial export still decode."""
        state = cls()
        query = select(AcfFieldGroup, Entry).join(Entry, Entry.id == AcfFieldGroup.entry_id)  # type: ignore[arg-type]
        for group, entry in session.execute(query):
            state.groups[group.entry_id] = GroupDefinition(
                key=group.key,
                title=entry.title,
                location=group.location,
                settings=group.settings,
                is_active=group.is_active,
            )
        query_fields = select(AcfField, Entry).join(Entry, Entry.id == AcfField.entry_id)  # type: ignore[arg-type]
        for acf_field, entry in session.execute(query_fields):
            state.fields[acf_field.entry_id] = _row(acf_field.entry_id, entry.menu_order, acf_field.model_dump())
        return state

    def add_group(self, entry_id: int, title: str, details: dict[str, Any]) -> None:
        self.groups[entry_id] = GroupDefinition(
            key=details["key"],
            title=title,
            location=details["location"],
            settings=details["settings"],
            is_active=details["is_active"],
        )
        self._changed()

    def add_field(self, entry_id: int, menu_order: int, details: dict[str, Any]) -> None:
        self.fields[entry_id] = _row(entry_id, menu_order, details)
        self._changed()

    def _changed(self) -> None:
        self.is_dirty = True
        self.version += 1

    def written(self, entry_id: int, version: int) -> None:
        """An entry was written with values decoded when the definitions were at ``version``."""
        self.decoded_at[entry_id] = version

    def is_current(self, entry_id: int) -> bool:
        """Its written values were decoded with the definitions as they are now."""
        return self.decoded_at.get(entry_id) == self.version

    @property
    def index(self) -> FieldIndex:
        if self._index is None or self.is_dirty:
            self._index = build_field_tree(self.fields.values(), groups=self.groups)
            self.is_dirty = False
        return self._index

    def can_decode(self, references: set[str]) -> bool:
        """Every referenced field is known (definitions may come later in the file than the values)."""
        index = self.index
        return all(index.lookup(key) is not None for key in references)


def _row(entry_id: int, menu_order: int, details: dict[str, Any]) -> FieldRow:
    return FieldRow(
        entry_id=entry_id,
        key=str(details["key"]),
        name=str(details["name"]),
        label=str(details["label"]),
        type=str(details["field_type"]),
        parent_id=int(details["parent_id"]),
        settings=dict(details["settings"]),
        menu_order=menu_order,
    )
