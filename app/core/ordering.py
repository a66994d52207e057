"""Result order shared by every list query."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement


def ordered_by(column: Any, id_column: Any, *, descending: bool) -> list[ColumnElement[Any]]:
    """``column`` in the asked direction, then the ID the same way.

    MySQL leaves ties in an arbitrary order; breaking them by ID makes our answers deterministic.
    """
    if descending:
        return [column.desc(), id_column.desc()]
    return [column.asc(), id_column.asc()]
