"""Typed ACF values: an object's meta rows decoded to ``{field name: value}`` and encoded back.

ACF writes two meta rows per value (``acf_update_value``): ``{name}`` holds the value and ``_{name}`` the
field key (the "reference"). Composite fields store their cells under derived names: a group's sub field
under ``{group}_{sub}``, a repeater's or flexible content's cell under ``{field}_{row}_{sub}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import Any

from app.acf.definitions import FieldDef, FieldIndex
from app.core.phpserial import dumps, maybe_unserialize

_INTEGER = re.compile(r"-?\d+")
_ISO_DATE = "%Y-%m-%d"
_WP_DATE = "%Y%m%d"
_WP_DATETIME = "%Y-%m-%d %H:%M:%S"


class _MetaRows:
    """An object's meta rows by key, remembering which ones a field has read."""

    def __init__(self, meta: Sequence[tuple[str, str]]) -> None:
        self.raw: dict[str, str] = {}
        for key, value in meta:
            # get_post_meta($id, $key, true) answers the first row of a repeated key.
            self.raw.setdefault(key, value)
        self.used: set[str] = set()

    def take(self, name: str) -> str | None:
        self.used.update((name, f"_{name}"))
        return self.raw.get(name)

    def references(self) -> Iterator[tuple[str, str]]:
        """``(name, field key)`` for each reference row; ACF knows a key purely by its ``field_`` prefix."""
        for key, value in self.raw.items():
            if _is_reference(key, value):
                yield key[1:], value


def _is_reference(key: str, value: str) -> bool:
    return key.startswith("_") and value.startswith("field_")


def decode_values(meta: Sequence[tuple[str, str]], index: FieldIndex) -> dict[str, Any]:
    """The typed ACF values of one object (post, term or user) from its ``(meta_key, meta_value)`` rows."""
    rows = _MetaRows(meta)
    values: dict[str, Any] = {}
    top: list[tuple[str, FieldDef]] = []
    for name, key in rows.references():
        field_def = index.lookup(key)
        if field_def is not None and index.is_top_level(field_def) and name in rows.raw:
            top.append((name, field_def))
    # Values stored under their field's own name go first; a row under another name that such a field
    # already read (a group-display clone's prefixed cell points at the original key) is not repeated.
    top.sort(key=lambda entry: entry[0] != entry[1].name)
    for name, field_def in top:
        if name != field_def.name and name in rows.used:
            continue
        if field_def.type == "clone":
            values.update(_decode_member(field_def, name[: len(name) - len(field_def.name)], rows))
        else:
            values[name] = _decode_field(field_def, name, rows)
    for name in _leftovers(rows, index, values):
        values[name] = maybe_unserialize(rows.raw[name])
    return values


def _leftovers(rows: _MetaRows, index: FieldIndex, decoded: dict[str, Any]) -> list[str]:
    """Values no known field read: cells of vanished rows, unknown keys, values whose reference is gone."""
    names = []
    for name, value in rows.raw.items():
        if name in rows.used or name in decoded or _is_reference(name, value):
            continue
        reference = rows.raw.get(f"_{name}", "")
        if reference.startswith("field_") or index.top_level_by_name(name) is not None:
            names.append(name)
    return names


def _decode_field(field_def: FieldDef, name: str, rows: _MetaRows) -> Any:
    match field_def.type:
        case "repeater":
            return _decode_repeater(field_def, name, rows)
        case "flexible_content":
            return _decode_flexible(field_def, name, rows)
        case "group":
            rows.take(name)
            return _decode_row(field_def.sub_fields, f"{name}_", rows)
    raw = rows.take(name)
    return None if raw is None else decode_scalar(field_def, maybe_unserialize(raw))


def _decode_row(fields: Iterable[FieldDef], prefix: str, rows: _MetaRows) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field_def in fields:
        row.update(_decode_member(field_def, prefix, rows))
    return row


def _decode_member(field_def: FieldDef, prefix: str, rows: _MetaRows) -> dict[str, Any]:
    """One field's contribution to a row: itself, or a clone's fields (merged when seamless)."""
    if field_def.type != "clone":
        return {field_def.name: _decode_field(field_def, prefix + field_def.name, rows)}
    if field_def.settings.get("display", "seamless") == "seamless":
        # Seamless copies already carry their stored (possibly prefixed) names.
        return _decode_row(field_def.sub_fields, prefix, rows)
    rows.take(prefix + field_def.name)
    inner = prefix + (f"{field_def.name}_" if field_def.flag("prefix_name") else "")
    return {field_def.name: _decode_row(field_def.sub_fields, inner, rows)}


def _decode_repeater(field_def: FieldDef, name: str, rows: _MetaRows) -> Any:
    raw = rows.take(name)
    count = maybe_unserialize(raw) if raw is not None else ""
    if count in ("", None):
        return []
    if not isinstance(count, str | int) or not _INTEGER.fullmatch(str(count)):
        return count
    # ACF saves every cell of a row, so a count beyond the object's meta rows is corrupt, not real rows.
    total = min(int(count), len(rows.raw))
    return [_decode_row(field_def.sub_fields, f"{name}_{i}_", rows) for i in range(max(total, 0))]


def _decode_flexible(field_def: FieldDef, name: str, rows: _MetaRows) -> Any:
    raw = rows.take(name)
    layout_names = maybe_unserialize(raw) if raw is not None else ""
    if isinstance(layout_names, dict):
        layout_names = list(layout_names.values())
    if layout_names in ("", None):
        return []
    if not isinstance(layout_names, list):
        return layout_names
    result = []
    for i, layout_name in enumerate(layout_names):
        layout = field_def.layouts.get(str(layout_name))
        fields = layout.sub_fields if layout is not None else field_def.sub_fields
        result.append({"acf_fc_layout": layout_name} | _decode_row(fields, f"{name}_{i}_", rows))
    return result


def decode_scalar(field_def: FieldDef, value: Any) -> Any:
    """The typed form of one unserialized stored value; what does not fit the type comes back unchanged."""
    decoder = _SCALAR_DECODERS.get(field_def.type)
    return value if decoder is None else decoder(field_def, value)


def _number(_field: FieldDef, value: Any) -> Any:
    if value in ("", None):
        return None
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return value
    return number if math.isfinite(number) else value


def _boolean(_field: FieldDef, value: Any) -> Any:
    if value in ("1", 1, True):
        return True
    if value in ("0", "", 0, False, None):
        return False
    return value


def _strings(_field: FieldDef, value: Any) -> Any:
    if value in ("", None):
        return []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [str(item) for item in value]
    # A single choice saved before the field allowed several is still a selection.
    return [value] if isinstance(value, str) else value


def _select(field_def: FieldDef, value: Any) -> Any:
    if field_def.flag("multiple") or isinstance(value, list | dict):
        return _strings(field_def, value)
    return value


def _object_id(value: Any) -> Any:
    if value in ("", None, False, "0", 0):
        return None
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    return value


def _object_ids(value: Any) -> Any:
    if value in ("", None, False):
        return []
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        single = _object_id(value)
        return [single] if isinstance(single, int) else value
    return [item for item in (_object_id(entry) for entry in value) if item is not None]


def _single_id(_field: FieldDef, value: Any) -> Any:
    return _object_ids(value) if isinstance(value, list | dict) else _object_id(value)


def _id_list(_field: FieldDef, value: Any) -> Any:
    return _object_ids(value)


def _post_or_user(field_def: FieldDef, value: Any) -> Any:
    return _object_ids(value) if field_def.flag("multiple") else _single_id(field_def, value)


def _taxonomy(field_def: FieldDef, value: Any) -> Any:
    # The taxonomy field's own `field_type` setting says how many terms it holds (ACF default: checkbox).
    if field_def.settings.get("field_type", "checkbox") in ("checkbox", "multi_select"):
        return _object_ids(value)
    return _single_id(field_def, value)


def _reformat(value: Any, formats: Sequence[str], output: Callable[[datetime], str]) -> Any:
    if value in ("", None):
        return None
    if not isinstance(value, str):
        return value
    for pattern in formats:
        try:
            return output(datetime.strptime(value.strip(), pattern))
        except ValueError:
            continue
    return value


def _date(_field: FieldDef, value: Any) -> Any:
    return _reformat(value, (_WP_DATE, _ISO_DATE), lambda moment: moment.date().isoformat())


def _date_time(_field: FieldDef, value: Any) -> Any:
    formats = (_WP_DATETIME, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")
    return _reformat(value, formats, lambda moment: moment.isoformat(timespec="seconds"))


def _time(_field: FieldDef, value: Any) -> Any:
    return _reformat(value, ("%H:%M:%S", "%H:%M"), lambda moment: moment.time().isoformat(timespec="seconds"))


def _link(_field: FieldDef, value: Any) -> Any:
    if value in ("", None):
        return None
    if not isinstance(value, dict):
        return value
    return {"title": "", "url": "", "target": ""} | value


def _google_map(_field: FieldDef, value: Any) -> Any:
    if value in ("", None):
        return None
    if not isinstance(value, dict):
        return value
    # Older ACF versions saved the coordinates and zoom as strings; the map JS reads them as numbers.
    typed = dict(value)
    for part in ("lat", "lng", "zoom"):
        typed[part] = _number(_field, typed[part]) if part in typed else None
    return typed


_SCALAR_DECODERS: dict[str, Callable[[FieldDef, Any], Any]] = {
    "number": _number,
    "range": _number,
    "true_false": _boolean,
    "select": _select,
    "checkbox": _strings,
    "date_picker": _date,
    "date_time_picker": _date_time,
    "time_picker": _time,
    "image": _single_id,
    "file": _single_id,
    "post_object": _post_or_user,
    "page_link": _post_or_user,
    "user": _post_or_user,
    "taxonomy": _taxonomy,
    "relationship": _id_list,
    "gallery": _id_list,
    "link": _link,
    "google_map": _google_map,
}


def encode_values(
    values: dict[str, Any], index: FieldIndex, *, group_keys: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """The meta rows (values and ``_name`` references) that ACF would store for these typed values."""
    wanted = None if group_keys is None else list(group_keys)
    rows: list[tuple[str, str]] = []
    for name, value in values.items():
        field_def = index.top_level_by_name(name, wanted)
        if field_def is None:
            rows.append((name, _stored(value)))
        else:
            rows.extend(_encode_field(field_def, name, value))
    return rows


def _encode_field(field_def: FieldDef, name: str, value: Any) -> list[tuple[str, str]]:
    reference = (f"_{name}", field_def.key)
    match field_def.type, value:
        case "repeater", list():
            cells = [_encode_row(field_def.sub_fields, f"{name}_{i}_", row) for i, row in enumerate(value)]
            return [(name, str(len(value)) if value else ""), reference, *_flatten(cells)]
        case "flexible_content", list():
            # The parent row lists the layout names in row order (acf_field_flexible_content::update_value).
            layout_names = [row.get("acf_fc_layout", "") if isinstance(row, dict) else "" for row in value]
            cells = [_encode_layout_row(field_def, f"{name}_{i}_", row) for i, row in enumerate(value)]
            return [(name, dumps(layout_names) if value else ""), reference, *_flatten(cells)]
        case "group", dict():
            return [(name, ""), reference, *_encode_row(field_def.sub_fields, f"{name}_", value)]
        case "clone", dict():
            prefix = name[: len(name) - len(field_def.name)]
            return _encode_member(field_def, prefix, {field_def.name: value})
    return [(name, encode_scalar(field_def, value)), reference]


def _encode_row(fields: Iterable[FieldDef], prefix: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    return _flatten(_encode_member(field_def, prefix, row) for field_def in fields)


def _encode_member(field_def: FieldDef, prefix: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    if field_def.type != "clone":
        if field_def.name not in row:
            return []
        return _encode_field(field_def, prefix + field_def.name, row[field_def.name])
    if field_def.settings.get("display", "seamless") == "seamless":
        return _encode_row(field_def.sub_fields, prefix, row)
    value = row.get(field_def.name)
    if not isinstance(value, dict):
        return []
    inner = prefix + (f"{field_def.name}_" if field_def.flag("prefix_name") else "")
    # acf_field_clone::update_value() stores an empty string for the clone itself.
    stored = [(prefix + field_def.name, ""), (f"_{prefix}{field_def.name}", field_def.key)]
    return stored + _encode_row(field_def.sub_fields, inner, value)


def _encode_layout_row(field_def: FieldDef, prefix: str, row: Any) -> list[tuple[str, str]]:
    if not isinstance(row, dict):
        return []
    layout = field_def.layouts.get(str(row.get("acf_fc_layout")))
    return _encode_row(layout.sub_fields if layout is not None else field_def.sub_fields, prefix, row)


def _flatten(chunks: Iterable[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [row for chunk in chunks for row in chunk]


def encode_scalar(field_def: FieldDef, value: Any) -> str:
    """The ``meta_value`` string ACF stores for one typed scalar value."""
    if field_def.type == "date_picker" and isinstance(value, str):
        return _restamp(value, lambda: date.fromisoformat(value).strftime(_WP_DATE))
    if field_def.type == "date_time_picker" and isinstance(value, str):
        return _restamp(value, lambda: datetime.fromisoformat(value).strftime(_WP_DATETIME))
    if field_def.type == "time_picker" and isinstance(value, str):
        return _restamp(value, lambda: time.fromisoformat(value).strftime("%H:%M:%S"))
    if isinstance(value, list):
        # ACF saves ID and choice lists as arrays of strings, and an empty list as an empty string.
        return dumps([_stored(item) for item in value]) if value else ""
    return _stored(value)


def _restamp(value: str, convert: Callable[[], str]) -> str:
    try:
        return convert()
    except ValueError:
        return value


def _stored(value: Any) -> str:
    """A value as WordPress's ``update_metadata`` stores it: scalars as strings, arrays serialized."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | str):
        return str(value)
    return dumps(value)
